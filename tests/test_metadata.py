"""Metadata: what a page declares (JSON-LD, <meta>, links, <title>, <h1>, <time>) and what the
article's author, date, title and other fields are made of, source by source and in conflict."""
from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.bylines import byline_names, choose_title, clean_name, is_handle
from cleaner.dates import day_first_hint, find_dates, parse_date, url_date
from cleaner.declarations import Declarations, read_declarations
from cleaner.segment import parse_html, segment_html


def declarations(head: str = "", body: str = "") -> Declarations:
    return read_declarations(parse_html(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_jsonld_graph_and_lists_are_flattened_and_bad_json_skipped():
    d = declarations(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Site"}, {"@type": ["NewsArticle", "Article"], "headline": "H",'
        ' "author": {"@type": "Person", "name": "Ann"}}]}</script>'
        '<script type="application/ld+json">{"@type": "Broken", </script>'
        '<script type="application/ld+json">[{"@type": "BreadcrumbList"}]</script>'
        '<script type="text/javascript">var x = {"@type": "NotJsonLd"};</script>'
    )
    assert [o.get("@type") for o in d.jsonld] == ["WebSite", ["NewsArticle", "Article"], "BreadcrumbList"]
    # every @type at any depth, never one from a broken or non-JSON-LD script
    assert d.types == {"WebSite", "NewsArticle", "Article", "Person", "BreadcrumbList"}


def test_jsonld_with_raw_newlines_in_strings_is_read():
    d = declarations('<script type="application/ld+json">{"@type": "Article", "description": "two\nlines"}</script>')
    assert d.jsonld[0]["description"] == "two\nlines"


def test_meta_links_title_h1_and_times():
    d = declarations(
        '<title> Story  title | Site </title><meta property="og:title" content=" First ">'
        '<meta property="OG:TITLE" content="Second"><meta name="author" content="Ann Lee">'
        '<link rel="canonical" href="https://example.org/a"><link rel="alternate canonical" href="/b">',
        '<h1>Head <b>line</b></h1><meta itemprop="datePublished" content="2020-01-02">'
        '<time datetime="2020-01-03T10:00">Jan 3</time><time>no attribute</time>',
    )
    assert d.title == "Story title | Site"
    assert d.meta["og:title"] == "First"  # the first of a key wins, keys lower-cased
    assert d.meta["author"] == "Ann Lee"
    assert d.meta["datepublished"] == "2020-01-02"  # microdata in the body
    assert d.links["canonical"] == "https://example.org/a"
    assert d.links["alternate"] == "/b"
    assert d.h1 == ("Head line",)
    assert d.times == ("2020-01-03T10:00",)


def test_declarations_must_be_read_before_the_segmenter_prunes_scripts():
    root = parse_html('<html><body><script type="application/ld+json">{"@type": "Recipe"}</script>'
                      '<p>Text.</p></body></html>')
    before = read_declarations(root)
    segment_html(root)
    assert before.types == {"Recipe"}
    assert read_declarations(root).types == frozenset()


def test_a_page_without_declarations():
    d = declarations()
    assert d == Declarations(meta={}, links={})


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, want", [
    ("2019-10-16T08:00:00+02:00", "2019-10-16"),
    ("20191016", "2019-10-16"),
    ("Veröffentlicht am 16. Oktober 2019, 10:12 Uhr", "2019-10-16"),
    ("October 16th, 2019", "2019-10-16"),
    ("Oct. 16, 2019 9:28 AM", "2019-10-16"),
    ("16 de octubre de 2019", "2019-10-16"),
    ("16 października 2019", "2019-10-16"),
    ("16.10.2019", "2019-10-16"),
    ("16/10/2019", "2019-10-16"),   # only day first can be
    ("10/16/2019", "2019-10-16"),   # only month first can be
    ("03.04.2019", "2019-04-03"),   # a dot: day first everywhere
    ("31 February 2019", None),
    ("Updated 5 hours ago", None),
    ("in 1850 the town", None),
    ("", None),
])
def test_parse_date(text, want):
    assert parse_date(text) == want


def test_an_ambiguous_date_is_read_in_the_pages_order_or_not_at_all():
    assert parse_date("03/04/2019") is None
    assert parse_date("03/04/2019", day_first=True) == "2019-04-03"
    assert parse_date("03/04/2019", day_first=False) == "2019-03-04"
    assert day_first_hint("Posted 03/04/2019, updated 21/04/2019") is True
    assert day_first_hint("Posted 03/04/2019, updated 04/21/2019") is False
    assert day_first_hint("Posted 03/04/2019") is None


def test_find_dates_reads_each_line_in_order():
    lines = ["Menu", "12 March 2021", "By Ann Lee", "2020-01-05 | News", "no date 12"]
    assert find_dates(lines) == [(1, "2021-03-12"), (3, "2020-01-05")]
    assert [d for _, d in find_dates(lines)] == [d for d in map(parse_date, lines) if d]


def test_url_date():
    assert url_date("https://example.org/2019/10/16/a-story/") == "2019-10-16"
    assert url_date("https://example.org/news/2019-10-16-a-story") == "2019-10-16"
    assert url_date("https://example.org/2019/10/a-story/") is None  # no day
    assert url_date("https://2019.example.org/12/31/x") is None  # the host is no date
    assert url_date(None) is None


# --- names and titles ----------------------------------------------------------------------------

@pytest.mark.parametrize("line, want", [
    ("By Jane Doe and John Roe | Updated May 2, 2024", "Jane Doe; John Roe"),
    ("Von Jana Kowalski, Düsseldorf", "Jana Kowalski"),
    ("By Dr Fiona Achebe, Health Editor", "Dr Fiona Achebe"),
    ("Por Agencia EFE", "Agencia EFE"),
    ("Text: Kirsten Freund / dhz", "Kirsten Freund"),
    ("By Friday, it was over.", None),
    ("Published on March 3", None),
    # a verb before the lead: the name may be a user's, as a blog engine prints it
    ("Eingestellt von der Michel um 21:11", "der Michel"),
    ("Submitted by rasos on 24 July 2017", "rasos"),
    ("Posted by Nesselsetzer under Just so", "Nesselsetzer"),
    ("by rasos", None),  # without the verb a lower-case word is no one's name
])
def test_byline_names(line, want):
    assert byline_names(line) == want


def test_names_lose_character_references_pictures_and_glued_leads():
    assert clean_name("Maria &amp; Katerina") == "Maria & Katerina"
    assert clean_name("scvalex avatar") == "scvalex"
    assert byline_names("Written byAnn Lee") == "Ann Lee"  # a lost line break
    assert byline_names("AFP") is None and byline_names("DIY Modern Table") is None  # no lead inside capitals


def test_a_dates_words_or_the_words_around_a_name_are_no_name():
    for text in ("Sun Dec", "Dec.", "January", "Article by", "Insights from", "Writer", "Sign in", "Log In",
                 "My account"):
        assert not is_handle(text), text
    assert is_handle("b.scherer") and is_handle("Jan Novak")
    a = page("", "<h1>Council approves the plan</h1><div class='post-author'><span>Sun Dec 3</span></div>")
    assert a.author is None


def test_declared_names_lose_leads_and_addresses():
    assert clean_name("By Ann Lee") == "Ann Lee"
    assert clean_name("https://www.facebook.com/somesite") is None
    assert clean_name("example.com") is None
    assert clean_name("@handle") is None


def test_title_by_agreement():
    title_parts = ["Story headline | Site", "Story headline", "Site"]
    # the chosen block is the page's h1: kept
    assert choose_title({"title": title_parts}, ["Story headline"], "Story headline", ["Site"], None) \
        == "Story headline"
    # the chosen block is the site's name: og:title and <title> agree on the headline
    assert choose_title({"og": ["Story headline"], "title": title_parts}, ["Site"], "Site", ["Site"], None) \
        == "Story headline"
    # nothing agrees: the block stays
    assert choose_title({"og": ["Other words"]}, [], "Block text", [], None) == "Block text"


def test_an_h1_unrelated_to_the_headline_the_head_agrees_on_is_a_sections_label():
    head = ('<meta property="og:title" content="Yosemite webcams and live views">'
            "<title>Yosemite webcams and live views | Park Service</title>")
    # the <h1> shares no word with what og:title and <title> agree on: the head names the page
    assert page(head, "<h1>Alerts in effect</h1>").title == "Yosemite webcams and live views"
    # an <h1> rephrasing the declared title is the page's printed headline
    assert page(head, "<h1>Live views from the Yosemite webcams</h1>").title == "Live views from the Yosemite webcams"
    # a single declared title is no agreement
    assert page('<meta property="og:title" content="Yosemite webcams and live views">',
                "<h1>Alerts in effect</h1>").title == "Alerts in effect"


def test_the_sites_name_after_the_headline_is_dropped_wherever_it_is_printed():
    # an <h1> that prints "Story | Site": the site's name as declared, or as the address's host
    assert choose_title({}, ["Catering tips | Cookshack"], "Catering tips | Cookshack", ["Cookshack"], None) \
        == "Catering tips"
    assert choose_title({"og": ["A guide to gardens – Clay"]}, [], "", [], "clay.global") == "A guide to gardens"
    # a last part that is not the site's name is part of the headline
    assert choose_title({}, ["Why hike heavy? » Light packs"], "Why hike heavy? » Light packs", ["Packs Inc"],
                        None) == "Why hike heavy? » Light packs"


# --- the article's fields, source by source and in conflict -----------------------------------------

def page(head: str = "", body: str = "", url: str | None = None, page_type: str | None = None):
    story = "".join(f"<p>{s} The council met on a wet evening to hear what residents had to say "
                    f"about the plan, and many stayed late into the night.</p>" for s in "ABCDE")
    html = f"<html><head>{head}</head><body>{body}<article>{story}</article></body></html>"
    return clean(html, kind="html", url=url, page_type=page_type)


LD = '<script type="application/ld+json">{}</script>'


def test_jsonld_beats_opengraph_beats_meta():
    a = page(LD.format('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Lee"},'
                       ' "datePublished": "2024-05-01T10:00:00Z", "dateModified": "2024-05-03"}')
             + '<meta property="article:published_time" content="2024-04-30">'
             + '<meta name="author" content="Bob Roe">')
    assert (a.author, a.date, a.date_modified) == ("Ann Lee", "2024-05-01", "2024-05-03")
    b = page('<meta property="article:published_time" content="2024-04-30">'
             '<meta name="date" content="2024-04-29"><meta name="author" content="Bob Roe">')
    assert (b.author, b.date) == ("Bob Roe", "2024-04-30")


def test_jsonld_graph_author_by_reference_and_several_authors():
    a = page(LD.format('{"@graph": [{"@type": "Person", "@id": "#ann", "name": "Ann Lee"},'
                       '{"@type": "Article", "author": [{"@id": "#ann"}, {"name": "Bob Roe"}]}]}'))
    assert a.author == "Ann Lee; Bob Roe"


def test_a_site_named_as_author_yields_to_the_printed_byline():
    a = page('<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet">',
             "<h1>Council approves the plan</h1><p>By Clark Kent</p>")
    assert a.author == "Clark Kent"
    b = page('<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet">')
    assert b.author == "Daily Planet"  # nobody else is named: the site is the writer


def test_printed_date_that_the_page_declares_wins():
    head = ('<meta property="article:published_time" content="2024-01-10">'
            '<meta property="article:modified_time" content="2024-03-02">')
    # the page shows the later declared date as its date: that is the one readers see
    a = page(head, "<h1>Council approves the plan</h1><p>March 2, 2024</p>")
    assert (a.date, a.date_modified) == ("2024-03-02", "2024-03-02")
    # ... but not when it prints it as an update: the story came out on the published date
    b = page(head, "<h1>Council approves the plan</h1><p>Updated March 2, 2024</p>")
    assert (b.date, b.date_modified) == ("2024-01-10", "2024-03-02")
    # a printed date nobody declares does not beat the declared one
    c = page('<meta property="article:published_time" content="2024-01-10">',
             "<h1>Council approves the plan</h1><p>March 2, 2024</p>")
    assert c.date == "2024-01-10"


def test_a_utc_time_confirms_the_local_date_the_page_prints_next_to_it():
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54Z">'
    # 02:25 UTC is the evening before in the Americas: the page prints its own day
    assert page(head, "<h1>Council approves the plan</h1><p>February 24, 2020 | 9:25pm</p>").date == "2020-02-24"
    # a time in the site's own zone says which day it is; so does a UTC time at noon
    assert page('<meta property="article:published_time" content="2020-02-25T02:25:54-05:00">',
                "<h1>Council approves the plan</h1><p>February 24, 2020</p>").date == "2020-02-25"
    assert page('<meta property="article:published_time" content="2020-02-25T12:00:00Z">',
                "<h1>Council approves the plan</h1><p>February 23, 2020</p>").date == "2020-02-25"


def test_a_publication_date_under_another_meta_key_and_a_threads_last_post():
    assert page('<meta name="cXenseParse:publishtime" content="2022-05-06T02:00:00">'
                '<meta name="expiration_time" content="2023-01-01">').date == "2022-05-06"
    # an update's key is not read as the publication
    assert page('<meta name="shareaholic:article_modified_time" content="2022-05-06">').date is None
    # "last post" labels a thread's latest activity, not when it was started
    a = page('<meta itemprop="datePublished" content="2024-01-14"><meta itemprop="dateModified" content="2024-01-18">',
             "<h1>Council approves the plan</h1><p>11 replies, last post by Ann Jan 18, 2024</p>")
    assert (a.date, a.date_modified) == ("2024-01-14", "2024-01-18")


def test_a_date_the_page_labels_as_its_publication_wins_even_under_the_story():
    head = '<meta property="article:published_time" content="2024-03-02">'
    assert page(head, "<h1>Council approves the plan</h1><p>Published January 10, 2024</p>").date == "2024-01-10"
    # under the story (page() puts the body before the story: build the tail by hand)
    story = "".join(f"<p>{s} The council met on a wet evening to hear what residents had to say about the "
                    f"plan, and many stayed late into the night.</p>" for s in "ABCDEFGHIJKLMN")  # past the headline's
    tail = "<html><body><h1>Council approves the plan</h1><article>{}</article>{}</body></html>"
    assert clean(tail.format(story, "<div class='meta'>Veröffentlicht am 16.08.2019</div>"), kind="html").date \
        == "2019-08-16"
    # the first label on a line says which date it gives
    line = "<h1>Council approves the plan</h1><p>PUBLISHED: November 8, 2023 | UPDATED: November 9, 2023</p>"
    assert page('<meta property="article:published_time" content="2023-11-09T05:30:00Z">', line).date == "2023-11-08"
    # a reader's or a teaser's "posted" date is not the story's
    assert clean(tail.format(story, "<div class='comment'><p>Posted by Ann on 3 May 2019</p><p>Great read, thanks "
                             "for writing it up.</p></div>"), kind="html").date is None


def test_on_a_forum_a_printed_date_matching_the_last_change_is_a_reply_not_the_thread():
    head = ('<meta itemprop="datePublished" content="2024-06-02"><meta itemprop="dateModified" content="2024-06-05">')
    body = "<h1>Council approves the plan</h1><p>#1 · Jun 3, 2024</p><p>#5 · Jun 5, 2024</p>"
    assert page(head, body, page_type="forum").date == "2024-06-02"
    assert page(head, body).date == "2024-06-05"  # an article printing its declared last change shows that one


def test_dates_from_time_element_block_and_address_and_none():
    assert page(body='<h1>Council approves the plan</h1><time datetime="2023-07-04">4 July</time>').date \
        == "2023-07-04"
    assert page(body="<h1>Council approves the plan</h1><p>16.10.2019</p>").date == "2019-10-16"
    assert page('<link rel="canonical" href="https://example.org/2021/02/03/plan/">').date == "2021-02-03"
    assert page(body="<h1>Council approves the plan</h1>").date is None  # never today


def test_a_numeric_date_follows_the_pages_other_dates():
    body = "<h1>Council approves the plan</h1><p>Posted 03/04/2019</p><p>Edited 21/04/2019</p>"
    assert page(body=body).date == "2019-04-03"


def test_title_override_keeps_the_block_labels():
    a = page('<meta property="og:title" content="Council approves the plan">'
             "<title>Council approves the plan | Daily Planet</title>",
             '<div class="menu"><p>Daily Planet</p></div>')
    assert a.title == "Council approves the plan"
    assert all(b.label != "main" or b.text != a.title for b in a.blocks)


def test_site_description_image_canonical_tags_license_and_url_fallback():
    a = page('<meta property="og:site_name" content="Daily Planet">'
             '<meta name="description" content="  The council   voted. ">'
             '<meta property="og:image" content="/img/a.jpg">'
             '<link rel="canonical" href="/news/plan"><link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
             '<meta property="article:tag" content="Council"><meta property="article:tag" content="Housing">',
             url="https://example.org/x?utm=1")
    assert a.site_name == "Daily Planet"
    assert a.description == "The council voted."
    assert a.canonical_url == "https://example.org/news/plan"
    assert a.url == "https://example.org/x?utm=1"  # a given url is kept
    assert a.image == "https://example.org/img/a.jpg"
    assert a.tags == ["Council", "Housing"]
    assert a.license == "https://creativecommons.org/licenses/by/4.0/"
    assert page('<link rel="canonical" href="https://example.org/news/plan">').url == "https://example.org/news/plan"
    d = a.to_dict(blocks=False)
    for key in ("author", "date", "date_modified", "site_name", "description", "canonical_url", "image",
                "tags", "license"):
        assert key in d


def test_text_input_reads_its_byline_and_date_lines():
    text = ("Council approves the plan\n\nBy Ann Lee\n\n12 March 2024\n\n" + "\n\n".join(
        "The council met on a wet evening to hear what residents had to say about the plan, and "
        "many stayed late into the night." for _ in range(4)))
    a = clean(text, kind="text")
    assert (a.author, a.date) == ("Ann Lee", "2024-03-12")
    assert a.canonical_url is None and a.url is None


def test_fixture_metadata_lines_are_checked():
    from cleaner.quality.fixtures import metadata_mismatches
    a = clean("Council approves the plan\n\nBy Ann Lee\n\n" + "\n\n".join(
        "The council met on a wet evening to hear what residents had to say about the plan, and "
        "many stayed late into the night." for _ in range(4)), kind="text")
    assert metadata_mismatches({"author": "ann lee", "date": "none"}, a) == []
    assert metadata_mismatches({"author": "Bob Roe", "date": "2024-01-01"}, a) == [
        "author 'Ann Lee' (stated 'Bob Roe')", "date None (stated '2024-01-01')"]


def test_a_script_inside_the_h1_is_not_part_of_the_title_candidate():
    """read_declarations runs before the segmenter prunes scripts: the h1's code must not leak."""
    from cleaner import clean
    for field in ("script", "textarea", "style"):
        got = clean(f"<h1>the <{field}>var s = '<div></div>';</{field}></h1>", kind="html")
        assert "var s" not in got.title, field
    got = clean("the <h1><div>the the <p><textarea>var s = '<div></div>';</textarea>", kind="html")
    assert "var s" not in got.title  # found by the property test


def test_the_site_part_of_a_story_site_title_printed_as_an_h1_yields_to_the_story_part():
    title = ["Quick start guide — Widget Docs", "Widget Docs", "Quick start guide"]
    # the block is the site's heading; the <title>'s first part is the page's other <h1>
    assert choose_title({"title": title}, ["Widget Docs", "Quick start guide¶"], "Widget Docs", [], None) \
        == "Quick start guide"
    # not the other way round: a headline that is the <title>'s first part stays
    assert choose_title({"title": title}, ["Widget Docs", "Quick start guide"], "Quick start guide", [], None) \
        == "Quick start guide"
    # nothing confirms the first part: the block (an h1) stays
    assert choose_title({"title": title}, ["Widget Docs"], "Widget Docs", [], None) == "Widget Docs"


def test_the_byline_is_read_under_the_agreed_headline_when_the_block_chosen_was_another():
    head = ('<meta property="og:title" content="Council approves the harbour plan">'
            '<title>Council approves the harbour plan | Harbour Times</title>')
    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(20))
    a = page(head, f"<p class='logo'>Harbour Times</p><ul>{nav}</ul>"
                   "<h2>Council approves the harbour plan</h2><p>By Mara Quint</p>")
    assert a.title == "Council approves the harbour plan"
    assert a.author == "Mara Quint"


def test_links_to_writers_pages_are_read_only_when_needed():
    body = "<h1>Council approves the plan</h1><p><a href='/author/mara-quint/'>Mara Quint</a> | 2 May 2024</p>"
    d = declarations("", body)
    assert "author_links" not in d.__dict__  # not read yet
    assert d.author_links == ("Mara Quint",)
    # the printed link text names the writer; a declared writer is taken without reading links
    assert page("", body).author == "Mara Quint"
    assert page('<meta name="author" content="Ann Lee">', body).author == "Ann Lee"


def test_a_block_inside_an_element_named_for_the_writer_gives_the_name():
    a = page("", "<h1>Council approves the plan</h1><div class='post-author'><span>mquint</span></div>")
    assert a.author == "mquint"
    b = page("", "<h1>Council approves the plan</h1><div class='sidebar'><span>mquint</span></div>")
    assert b.author is None


def test_a_byline_under_the_story_is_read_but_not_a_commenters_name():
    a = page("", "<h1>Council approves the plan</h1>")
    assert a.author is None
    html = ("<html><body><h1>Council approves the plan</h1><article>"
            + "".join(f"<p>{s} The council met on a wet evening to hear what residents had to say about the "
                      f"plan, and many stayed late into the night.</p>" for s in "ABCDEFGHIJKLMN")
            + "</article>{tail}</body></html>")  # past the blocks read around the headline
    assert clean(html.format(tail="<div class='credits'>Text: Mara Quint</div>"), kind="html").author == "Mara Quint"
    commented = html.format(tail="<div class='comment-author'>Lukas Brenner</div><div class='comment'>Nice one.</div>")
    assert clean(commented, kind="html").author is None


def test_a_writer_marked_in_the_markup_far_from_the_headline_is_read_last():
    thread = ("<h1>Which rod for pike?</h1>" + "<div class='nav'>Forum index</div>" * 14
              + "<div class='post'><a class='username' href='/members/17'>reelgrrl</a>"
                "<p>I am looking for a rod that can cast heavy lures all day without tiring my arm.</p></div>"
              + "<div class='post'><a class='username' href='/members/9'>oldpike</a><p>Try a shorter one.</p></div>")
    forum = {"page_type": "forum"}
    assert page("", thread, **forum).author == "reelgrrl"  # the thread's first poster
    d = declarations("", thread)
    assert "marked_authors" not in d.__dict__  # read only when needed
    # microdata: the name property inside the author element
    micro = ("<h1>Why is a bare except bad?</h1>" + "<div>menu</div>" * 14 +
             "<div itemprop='author' itemscope><a href='/u/5'>Vader</a><meta itemprop='name' content='Vader'></div>")
    assert page("", micro, **forum).author == "Vader"
    # an article's writer is no user name, and the pass over the whole page is not paid there
    assert page("", thread).author is None
    # a declared writer comes first
    assert page('<meta name="author" content="Ann Lee">', thread, **forum).author == "Ann Lee"


def _story_then(tail: str) -> str:
    """A page whose headline, story and then ``tail`` (a footer) lie far apart: past the blocks
    read around the headline and right under the story."""
    story = "".join(f"<p>{s} The council met on a wet evening to hear what residents had to say about the "
                    f"plan, and many stayed late into the night.</p>" for s in "ABCDEFGHIJKLMN")
    links = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(14))
    return (f"<html><body><h1>Council approves the plan</h1><article>{story}</article>"
            f"<ul class='more'>{links}</ul><footer>{tail}</footer></body></html>")


def test_a_labelled_date_anywhere_is_read_only_when_the_page_has_no_other():
    # a wiki's footer: the only date the page has, and it says what it is
    assert clean(_story_then("<p>This page was last edited on 29 January 2020, at 13:22.</p>"), kind="html").date \
        == "2020-01-29"
    assert clean(_story_then("<p>Datum: 19.11.2021</p>"), kind="html").date == "2021-11-19"
    # the label alone on its line, the date on the next
    assert clean(_story_then("<p>Published</p><p>Feb 2, 2023</p>"), kind="html").date == "2023-02-02"
    # a labelled publication beats an earlier labelled update
    assert clean(_story_then("<p>Updated: 3 March 2021</p><p>Published: 1 March 2021</p>"), kind="html").date \
        == "2021-03-01"
    # an unlabelled date far from the story says nothing about it; a copyright year is no date
    assert clean(_story_then("<p>12 March 2021</p><p>© 2021 Daily Planet</p>"), kind="html").date is None
    # a declared date comes first
    declared = _story_then("<p>Last updated: 3 March 2021</p>").replace(
        "<html>", '<html><head><meta property="article:published_time" content="2021-02-01"></head>')
    assert clean(declared, kind="html").date == "2021-02-01"


def test_a_declared_last_change_is_the_date_of_a_page_that_declares_nothing_else():
    a = page('<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">')
    assert (a.date, a.date_modified) == ("2023-06-12", "2023-06-12")
    assert page(body="<h1>Council approves the plan</h1>").date is None


def test_a_printed_date_the_address_or_another_meta_key_also_claims_wins():
    # the headline itself names another day (the race's); the byline's date is the one the address gives
    body = "<h1>Results: regional finals, 19.5.2007</h1><p>By Mara Quint | 20 May 2007</p>"
    assert page(body=body).date == "2007-05-19"  # nothing confirms either: the first printed
    assert page(body=body, url="https://example.org/2007/05/20/results/").date == "2007-05-20"
    # JSON-LD and <meta> disagree; the page prints the <meta> one
    head = (LD.format('{"@type": "NewsArticle", "datePublished": "2022-01-04T07:29:00Z"}')
            + '<meta property="article:published_time" content="2022-01-06T08:29:34">')
    assert page(head, "<h1>Council approves the plan</h1><p>January 6, 2022</p>").date == "2022-01-06"
    assert page(head, "<h1>Council approves the plan</h1>").date == "2022-01-04"  # JSON-LD first otherwise
