"""Per-type strategies (issue 16): with a page type, main is what that type's main content is (every
post of a thread, every item of a listing, a product's description and specs), the page's chrome is
not, the blocks a strategy changes say so in their reasons, and article pages stay as decided."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from cleaner import CleanerError, clean
from cleaner.pages import PAGE_TYPES
from cleaner.pages.strategies import (NO_STORY_MIN_CONFIDENCE, NO_STORY_WORDS, STRATEGIES,
                                      STRATEGY_MIN_CONFIDENCE_NO_ADDRESS)

HEAD = "<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
NAV = ("<header><nav><a href='/'>Home</a> <a href='/boards'>Boards</a> <a href='/shop'>Shop</a> "
       "<a href='/help'>Help</a></nav></header>")
FOOTER = "<footer><p>Copyright 2025 Riverside Gardeners. All rights reserved. Privacy. Terms.</p></footer>"

POSTS = [
    ("marta_k", "My tomato seedlings grow tall and thin on the windowsill and fall over after a week. "
                "I water them every other day and the room is warm. What am I doing wrong with them?"),
    ("oldroots", "They are reaching for light. A windowsill gives far less light than you think, so "
                 "hang a cheap shop light a hand's width above them for fourteen hours a day."),
    ("bea_grows", "Also brush your palm over the tops once or twice a day. The movement makes the stems "
                  "thicker, the same way the wind does outside when the plants are hardened off."),
    ("marta_k", "Thank you both. I moved them under a lamp last night and started brushing them, and "
                "this morning they already stand a little straighter than they did before."),
    ("tomasz", "Bury the leggy stem deeper when you pot them on. Tomatoes grow roots along the buried "
               "stem, so a tall seedling becomes a sturdy one with a bigger root ball."),
]


def forum_page() -> str:
    """A thread: five posts, each with its author and date, a sidebar of other threads, chrome."""
    posts = "".join(
        f"<div class='post'><div class='post-meta'><span class='user'>{user}</span> "
        f"<time>March {n + 3}, 2025</time></div><div class='post-body'><p>{text}</p></div>"
        f"<div class='post-actions'><a href='#r'>Reply</a> <a href='#q'>Quote</a></div></div>"
        for n, (user, text) in enumerate(POSTS))
    sidebar = ("<aside class='sidebar'><h3>Other threads</h3><ul>"
               "<li><a href='/t/1'>When to sow peppers indoors in a cold spring</a></li>"
               "<li><a href='/t/2'>Best mulch for raised beds on clay soil</a></li>"
               "<li><a href='/t/3'>Slugs ate every lettuce seedling overnight again</a></li></ul></aside>")
    return (HEAD.format(title="Leggy tomato seedlings - Riverside Gardeners forum") + NAV +
            "<main><h1>Leggy tomato seedlings</h1><div class='thread'>" + posts + "</div></main>" +
            sidebar + FOOTER + "</body></html>")


ITEMS = [
    ("Community compost day at the allotments",
     "Bring your kitchen scraps and leave with a bag of finished compost for the spring beds."),
    ("Seed swap in the library hall",
     "Trade the seeds you saved last autumn for varieties other growers swear by in our clay."),
    ("Pruning workshop for fruit trees",
     "An orchard keeper shows how to cut apple and pear trees for light, air and a better crop."),
    ("Pond building for wildlife",
     "How to dig, line and plant a small pond that frogs, newts and dragonflies will move into."),
    ("Winter vegetables under cover",
     "Which salads, leeks and brassicas keep growing in a cold frame through the darkest months."),
]


def listing_page() -> str:
    """A listing of events: each a linked title and a one-line summary, with filters and pagination."""
    items = "".join(f"<div class='card'><h2><a href='/e/{n}'>{title}</a></h2><p>{summary}</p></div>"
                    for n, (title, summary) in enumerate(ITEMS))
    filters = ("<aside class='filters'><h3>Filter events</h3><ul><li><a href='?c=1'>Workshops</a></li>"
               "<li><a href='?c=2'>Swaps</a></li><li><a href='?c=3'>Talks</a></li></ul></aside>")
    pages = "<nav class='pagination'><a href='?p=1'>1</a> <a href='?p=2'>2</a> <a href='?p=2'>Next</a></nav>"
    return (HEAD.format(title="Events - Riverside Gardeners") + NAV + filters +
            "<main><h1>Upcoming events</h1><div class='grid'>" + items + "</div>" + pages + "</main>" +
            FOOTER + "</body></html>")


def _main_text(page: str, page_type: str | None) -> str:
    return clean(page, kind="html", page_type=page_type).text


def test_forum_keeps_every_post_in_order_without_chrome():
    text = _main_text(forum_page(), "forum")
    where = [text.find(body) for _, body in POSTS]
    assert -1 not in where, "every post is main"
    assert where == sorted(where), "in the thread's order"
    for chrome in ("Other threads", "Slugs ate every lettuce", "Copyright 2025", "Boards"):
        assert chrome not in text


def test_forum_revised_blocks_say_why():
    article = clean(forum_page(), kind="html", page_type="forum")
    revived = [b for b in article.blocks if "forum_post" in b.reasons]
    assert all(b.label == "main" for b in revived)
    as_article = {b.text for b in clean(forum_page(), kind="html").blocks if b.label == "main"}
    # every post the article decision left out was taken back by the forum strategy, by name
    assert {b.text for b in revived} == {body for _, body in POSTS} - as_article


def test_listing_keeps_items_not_filters_or_pagination():
    text = _main_text(listing_page(), "listing")
    where = [text.find(title) for title, _ in ITEMS] + [text.find(summary) for _, summary in ITEMS]
    assert -1 not in where
    assert where[: len(ITEMS)] == sorted(where[: len(ITEMS)])
    for chrome in ("Filter events", "Workshops", "Next", "Copyright 2025"):
        assert chrome not in text


PRODUCT_DESCRIPTION = ("A hand-forged trowel with a narrow carbon-steel blade that slides between roots "
                       "and stones, and an ash handle oiled to keep the grain from splitting.")
SPECS = [("Blade", "Carbon steel, 14 cm"), ("Handle", "Oiled ash, 12 cm"), ("Weight", "210 g")]
FEATURES = ["Blade hardened and tempered by hand", "Depth marks every two centimetres",
            "Leather loop for hanging in the shed"]


def product_page() -> str:
    """A product: name, description, features and specs in <main>; a consent banner and
    cross-sells beside it."""
    specs = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in SPECS)
    feats = "".join(f"<li>{f}</li>" for f in FEATURES)
    cross = ("<aside class='also-bought'><h3>Customers also bought</h3><ul><li><a href='/p/2'>Bypass "
             "pruner with sap groove</a></li><li><a href='/p/3'>Kneeling pad in waxed canvas</a></li></ul></aside>")
    consent = ("<div class='cookie-banner'><p>We use cookies to improve your experience and for marketing. "
               "Accept all cookies or manage your cookie preferences.</p></div>")
    return (HEAD.format(title="Forged trowel - Riverside Tools") + NAV +
            "<main><h1>Forged trowel</h1><div class='description'><p>" + PRODUCT_DESCRIPTION + "</p></div>"
            "<h2>Features</h2><ul>" + feats + "</ul><h2>Specifications</h2><table>" + specs + "</table></main>" +
            cross + consent + FOOTER + "</body></html>")


def test_product_keeps_description_features_and_specs():
    text = _main_text(product_page(), "product")
    assert PRODUCT_DESCRIPTION in text
    for feature in FEATURES:
        assert feature in text
    for key, value in SPECS:
        assert value in text
    for noise in ("Customers also bought", "Kneeling pad", "cookie preferences", "Copyright 2025"):
        assert noise not in text


def test_a_text_shown_twice_is_said_once_but_a_doc_page_keeps_its_tabs():
    """A product page that shows its description twice (a desktop and a mobile layout) says it
    once; a doc page's code tabs repeat their steps, and keep them."""
    twice = product_page().replace("</main>", "<div class='mobile'><p>" + PRODUCT_DESCRIPTION + "</p></div></main>")
    assert twice.count(PRODUCT_DESCRIPTION) == 2
    assert _main_text(twice, "product").count(PRODUCT_DESCRIPTION) == 1
    step = "Install the command line tool and sign in with the key from your account page."
    intro = ("The API sends a message from your number to any phone. This guide takes you from an empty "
             "folder to a first message in about five minutes, in the language you use.")
    doc = (HEAD.format(title="Quickstart - Riverside API") + NAV + f"<main><h1>Quickstart</h1><p>{intro}</p>" +
           "".join(f"<div role='tabpanel'><h2>{lang}</h2><p>{step}</p><pre>client = connect('{lang}')</pre></div>"
                   for lang in ("Python", "Ruby")) + "</main>" + FOOTER + "</body></html>")
    assert _main_text(doc, "documentation").count(step) == 2


@pytest.mark.parametrize("page", [forum_page, listing_page, product_page])
def test_article_and_other_keep_the_article_decision_and_none_takes_the_classified_type(page):
    html = page()

    def labels(**kw):
        return [(b.text, b.label, b.reasons) for b in clean(html, kind="html", **kw).blocks]

    assert labels(page_type="other") == labels(page_type="article")
    auto = clean(html, kind="html")  # the classifier's type picks the strategy when it is sure enough,
    confidence = float(auto.page_type_reasons[0].split()[-1])  # or when the article decision found no story
    story = sum(len(re.findall(r"\w+", b.text)) for b in clean(html, kind="html", page_type="article").blocks
                if b.label == "main")
    sure = confidence >= STRATEGY_MIN_CONFIDENCE_NO_ADDRESS or \
        confidence >= NO_STORY_MIN_CONFIDENCE and story < NO_STORY_WORDS
    assert labels() == labels(page_type=auto.page_type if sure else "article")


def test_a_strategy_runs_only_for_a_type_the_classifier_is_sure_of(monkeypatch):
    """Below the confidence gate the article decision stands; at or above it the type's strategy runs."""
    import cleaner.pages.strategies as strategies
    html = listing_page()
    article = [(b.text, b.label) for b in clean(html, kind="html", page_type="article").blocks]
    listing = [(b.text, b.label) for b in clean(html, kind="html", page_type="listing").blocks]
    assert listing != article  # the page is one the listing strategy changes
    monkeypatch.setattr(strategies, "STRATEGY_MIN_CONFIDENCE", 1.01)
    monkeypatch.setattr(strategies, "STRATEGY_MIN_CONFIDENCE_NO_ADDRESS", 1.01)
    ran = []
    monkeypatch.setitem(strategies.STRATEGIES, "listing", lambda scored, tags: ran.append(True))
    strategies.apply_strategy("listing", 0.99, _html_blocks(), [], has_address=True)
    assert not ran
    strategies.apply_strategy("listing", 1.01, [], [], has_address=False)
    assert ran


def test_html_and_text_share_one_gate(monkeypatch):
    """A listing needs no surer type than the other types, on HTML as on flattened text."""
    import cleaner.pages.strategies as strategies
    ran = []
    for page_type in ("listing", "service"):
        monkeypatch.setitem(strategies.STRATEGIES, page_type, lambda scored, tags, t=page_type: ran.append(t))
    at_gate = strategies.STRATEGY_MIN_CONFIDENCE
    strategies.apply_strategy("listing", at_gate, _html_blocks(), [], has_address=True)
    strategies.apply_strategy("service", at_gate, _html_blocks(), [], has_address=True)
    strategies.apply_strategy("listing", at_gate - 0.01, _html_blocks(), [], has_address=True)
    assert ran == ["listing", "service"]


def _html_blocks(story_words: int = 300) -> list:
    """Just enough of an HTML page's scored blocks for the gate: one main block with a DOM path,
    of ``story_words`` words."""
    return [SimpleNamespace(block=SimpleNamespace(path=frozenset({"<main"}), label="main"),
                            feats=SimpleNamespace(words=story_words))]


def test_below_its_gate_a_strategy_runs_where_the_article_decision_found_no_story(monkeypatch):
    """A page of item titles has no story run: under NO_STORY_WORDS words kept, an unsure type's
    strategy runs from NO_STORY_MIN_CONFIDENCE (it has nothing to lose); with a story it does not."""
    import cleaner.pages.strategies as strategies
    ran = []
    monkeypatch.setitem(strategies.STRATEGIES, "listing", lambda scored, tags: ran.append(len(scored)))
    unsure = (strategies.NO_STORY_MIN_CONFIDENCE + strategies.STRATEGY_MIN_CONFIDENCE) / 2
    strategies.apply_strategy("listing", unsure, _html_blocks(strategies.NO_STORY_WORDS), [], has_address=True)
    assert not ran
    strategies.apply_strategy("listing", unsure, _html_blocks(strategies.NO_STORY_WORDS - 1) * 2, [],
                              has_address=True)
    assert not ran  # two blocks: as many words as a story
    strategies.apply_strategy("listing", unsure, _html_blocks(strategies.NO_STORY_WORDS - 1), [],
                              has_address=True)
    assert ran == [1]
    strategies.apply_strategy("listing", strategies.NO_STORY_MIN_CONFIDENCE - 0.01, _html_blocks(0), [],
                              has_address=True)
    assert ran == [1]


def test_every_named_type_has_a_strategy_but_article_and_other():
    assert set(STRATEGIES) == set(PAGE_TYPES) - {"article", "other"}


def test_unknown_page_type_is_a_clear_error():
    with pytest.raises(CleanerError, match="page_type"):
        clean(listing_page(), kind="html", page_type="recipe")


def test_flattened_forum_keeps_replies_the_article_decision_calls_comments():
    blocks = ["Leggy tomato seedlings", *[f"{user}\n\nMarch {n + 3}, 2025\n\n{body}\n\nReply"
                                          for n, (user, body) in enumerate(POSTS)]]
    text = "\n\n".join(blocks)
    as_article = clean(text, kind="text").text
    as_forum = clean(text, kind="text", page_type="forum").text
    kept = [body for _, body in POSTS if body in as_forum]
    assert len(kept) >= len([body for _, body in POSTS if body in as_article])
    assert kept == [body for _, body in POSTS if body in as_forum]


def test_strategies_change_labels_only_through_named_reasons():
    for page, page_type in ((forum_page(), "forum"), (listing_page(), "listing"), (product_page(), "product")):
        before = {b.index: b.label for b in clean(page, kind="html").blocks}
        for b in clean(page, kind="html", page_type=page_type).blocks:
            if b.label != before[b.index]:
                assert b.reasons[-1].endswith(("_post", "_item", "_section", "_body", "_region")), b.reasons


@pytest.mark.parametrize("page_type", sorted(STRATEGIES))
def test_every_strategy_runs_on_flattened_text(page_type):
    text = "\n\n".join(["Home", "Events", *[f"{title}\n\n{summary}" for title, summary in ITEMS], "Copyright 2025"])
    article = clean(text, kind="text", page_type=page_type)
    assert ITEMS[0][1] in article.text
    assert all(b.label for b in article.blocks)


def test_product_cross_sells_inside_main_are_not_kept():
    cross = ("<h2>Customers also bought</h2><ul><li><a href='/p/2'>Bypass pruner with sap groove 24,90</a></li>"
             "<li><a href='/p/3'>Kneeling pad in waxed canvas 19,90</a></li></ul>")
    html = product_page().replace("</table></main>", "</table>" + cross + "</main>")
    text = _main_text(html, "product")
    assert PRODUCT_DESCRIPTION in text and SPECS[0][1] in text
    assert "Customers also bought" not in text and "Kneeling pad" not in text


REVIEWS = [("Ingrid", "I have used this trowel for two seasons now and the blade is still as straight as "
                      "the day it came, even after prising out a good many flints from the beds."),
           ("Colm", "Lovely balance in the hand. My only wish is a longer handle for the deep borders, "
                    "but for pots and raised beds it is the best small tool I have owned.")]


def test_product_reviews_are_not_the_description():
    reviews = "".join(f"<div class='review'><p class='review-author'>{who}</p><p>{text}</p></div>"
                      for who, text in REVIEWS)
    html = product_page().replace("</table></main>", "</table><section id='reviews'><h2>Reviews</h2>"
                                  + reviews + "</section></main>")
    text = _main_text(html, "product")
    assert PRODUCT_DESCRIPTION in text and FEATURES[0] in text and SPECS[0][1] in text
    assert all(review not in text for _, review in REVIEWS)
    assert "Reviews" not in text.split()
    comments = clean(html, kind="html", page_type="product", comments=True).comments
    assert [review for _, review in REVIEWS] == [c for c in comments if c in dict(REVIEWS).values()]


def test_listing_items_headed_in_their_own_article_header_are_kept():
    items = "".join(f"<article class='teaser'><header><h2><a href='/e/{n}'>{title}</a></h2>"
                    f"<p class='desc'>{summary}</p></header></article>" for n, (title, summary) in enumerate(ITEMS))
    html = (HEAD.format(title="Events - Riverside Gardeners") + NAV + "<main><h1>Upcoming events</h1>"
            + items + "</main>" + FOOTER + "</body></html>")
    text = _main_text(html, "collection")
    assert all(title in text and summary in text for title, summary in ITEMS)
    assert "Boards" not in text and "Copyright 2025" not in text


def test_listing_of_bare_titles_keeps_them_but_a_lone_trailing_heading_goes():
    titles = "".join(f"<h2><a href='/e/{n}'>{title}</a></h2>" for n, (title, _) in enumerate(ITEMS))
    html = (HEAD.format(title="Events - Riverside Gardeners") + NAV + "<main><h1>Upcoming events</h1>"
            + titles + "</main>" + FOOTER + "</body></html>")
    text = _main_text(html, "listing")
    assert all(title in text for title, _ in ITEMS)
    html = product_page().replace("</table></main>", "</table><h2>Reviews</h2></main>")
    assert "Reviews" not in _main_text(html, "product")


def test_a_box_that_opens_over_the_page_is_not_its_content():
    dialog = ("<div class='modal report-dialog'><p>Tell us why you are reporting this item and include "
              "anything else our team should know about the listing before we review it.</p></div>")
    html = listing_page().replace("</div><nav class='pagination'>", "</div>" + dialog + "<nav class='pagination'>")
    text = _main_text(html, "listing")
    assert ITEMS[0][1] in text and ITEMS[-1][1] in text
    assert "reporting this item" not in text


def test_flattened_text_without_a_story_keeps_all_but_its_chrome():
    """Flattened text where the article decision kept next to nothing (item titles and dates, no
    paragraph) is not one story: every block but the menu's and the footer's is kept, and says why.
    A page with a story keeps the article decision."""
    dates = ["Saturday 12 April", "Sunday 13 April", "Tuesday 15 April", "Thursday 17 April", "Saturday 19 April"]
    lines = [x for (title, _), date in zip(ITEMS, dates) for x in (title, date)]
    text = "\n\n".join(["Home", "Events", "Shop", *lines[:4], "Copyright 2025 Riverside Gardeners. All rights reserved."])
    art = clean(text, kind="text", page_type="article")
    assert {ITEMS[0][0], ITEMS[1][0]} <= set(art.paragraphs)
    assert all("no_story_page" in b.reasons for b in art.blocks if b.label == "main")
    assert "Home" not in art.paragraphs and not any("Copyright" in p for p in art.paragraphs)
    story = "\n\n".join(["Home", "Events", *[summary for _, summary in ITEMS], "Copyright 2025 Riverside Gardeners."])
    assert all("no_story_page" not in b.reasons for b in clean(story, kind="text", page_type="article").blocks)


def test_flattened_listing_keeps_its_items_short_lines_but_not_the_menu():
    """A flattened ranking: item names and scores are short lines the article decision calls
    navigation; between the page's first and last kept block the listing keeps them, the menu
    above and the pager below stay out."""
    names = ["Forged trowel", "Bypass pruner", "Kneeling pad", "Garden fork", "Watering can", "Border spade"]
    intro = ("Members rated the tools they use most this season. Each tool below shows its average score "
             "from more than two hundred reviews, best first.")
    outro = ("Scores are updated every week from the reviews members leave in the shop, and a tool needs ten "
             "reviews before it is ranked here.")
    items = [line for k, name in enumerate(names) for line in (name, f"Score {9 - k * 0.3:.1f}")]
    text = "\n\n".join(["Home", "Events", "Shop", "Help", "Best rated garden tools", intro, *items, outro,
                        "Next page", "Copyright 2025 Riverside Gardeners. All rights reserved."])
    assert not set(items) & set(clean(text, kind="text", page_type="article").paragraphs)
    kept = clean(text, kind="text", page_type="listing").paragraphs
    assert kept == [intro, *items, outro]


def test_forum_posts_without_their_writers_dates_or_votes():
    """A thread's post chrome (writer, date, vote count: short lines, no sentence) is not a post."""
    html = forum_page().replace("<div class='post-meta'>", "<div class='comment-meta'>")  # labelled comment
    text = _main_text(html, "forum")
    assert all(body in text for _, body in POSTS)
    for chrome in ("marta_k", "oldroots", "tomasz", "March"):
        assert chrome not in text


def test_form_controls_are_not_a_collections_items():
    """Swatch pickers and filter checkboxes (fieldset, legend, label) are what a visitor sets."""
    swatches = ("<fieldset><legend>More options</legend><label>Option: white oak veneer</label>"
                "<label>Option: black stained ash</label></fieldset>")
    items = "".join(f"<div class='card'><h2><a href='/e/{n}'>{title}</a></h2><p>{summary}</p>{swatches}</div>"
                    for n, (title, summary) in enumerate(ITEMS))
    html = (HEAD.format(title="Events - Riverside Gardeners") + NAV + "<main><h1>Upcoming events</h1>"
            + "<fieldset><label>Show only free events with places left</label></fieldset>" + items + "</main>" + FOOTER + "</body></html>")
    text = _main_text(html, "collection")
    assert all(title in text and summary in text for title, summary in ITEMS)
    for control in ("More options", "white oak veneer", "free events with places left"):
        assert control not in text


def test_an_empty_main_element_does_not_hide_the_content():
    """A <main> with next to no words (an app's mount point) is not where the page's content is."""
    html = listing_page().replace("<main><h1>Upcoming events</h1><div class='grid'>",
                                  "<main><span>Loading</span></main><div><h1>Upcoming events</h1><div class='grid'>")
    html = html.replace("</nav></main>", "</nav></div>")
    text = _main_text(html, "service")
    assert all(summary in text for _, summary in ITEMS)


JOBS = [("Senior Backend Engineer", "Harbour Freight Labs", "Build the payment services of a small team."),
        ("Data Platform Developer", "Northwind Analytics", "Keep our nightly pipelines fast and honest."),
        ("Frontend Engineer, Design Systems", "Copperleaf Studio", "Own the components every product uses."),
        ("Site Reliability Engineer", "Quarry Cloud", "Help us sleep through the night again.")]


def test_listing_keeps_items_whose_whole_card_is_a_link():
    """A job board's cards are one link each (title, company, summary): on a listing they are the
    items, though every line is a link; the site's menu stays out."""
    cards = "".join(f"<li class='job'><a href='/jobs/{n}'><p class='title'>{t}</p><p class='company'>{c}</p>"
                    f"<p class='summary'>{r}</p></a></li>" for n, (t, c, r) in enumerate(JOBS))
    html = (HEAD.format(title="Remote engineering jobs - Harbour Board") + NAV +
            "<main><h1>Remote engineering jobs</h1><p>Hand-picked remote roles for engineers, updated daily "
            "from the companies that post with us.</p><ul class='jobs'>" + cards + "</ul></main>" +
            FOOTER + "</body></html>")
    text = _main_text(html, "listing")
    assert all(title in text and company in text for title, company, _ in JOBS)
    assert "Boards" not in text and "Copyright 2025" not in text
