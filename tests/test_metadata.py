"""Metadata: what a page declares (JSON-LD, <meta>, links, <title>, <h1>, <time>) and what the
article's author, date, title and other fields are made of, source by source and in conflict."""
from __future__ import annotations

from cleaner.metadata import Declarations, read_declarations
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


def test_a_script_inside_the_h1_is_not_part_of_the_title_candidate():
    """read_declarations runs before the segmenter prunes scripts: the h1's code must not leak."""
    from cleaner import clean
    got = clean("<h1>the <script>var s = '<div></div>';</script></h1>", kind="html")
    assert "var s" not in got.title
