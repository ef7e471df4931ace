"""What is main on each page type: one strategy per type, chosen once, run after the article decision.

The article decision finds one story run and labels the rest boilerplate. That is right for an
article and wrong for most other pages, whose main content is many parallel pieces: the posts of a
thread, the items of a listing, the sections of a service page. Each strategy here revises the
labels for its type from the scored blocks; every block it changes gets a reason naming it
(``forum_post``, ``listing_item``, ...), so block reasons explain the result.
"""
from __future__ import annotations

from collections.abc import Callable

from ..decide.page_rules import DUPLICATE_TEXT, HEADLINE_RUN, RELATED_LIST, UNDER_RELATED_HEADING
from ..decide.scores import Scored, relabel
from ..decide.shapes import from_html
from ..rules.evidence import PARAGRAPH_WORDS
from ..rules.text_heuristics import RELATED_HEADING
from .region import (candidates, drop_orphan_headings, first_copies, holding_element, in_reviews, keep_only, linked_line, post_chrome,
                     main_element, only_short, within)

#: Labels no page type counts as main: the site's menus, footer, consent banner and marketing.
CHROME_LABELS = frozenset({"consent", "promo", "footer", "navigation"})
#: ... and figure captions, which name pictures rather than say what the page says.
CHROME_AND_CAPTIONS = CHROME_LABELS | {"caption"}

#: Share of the region's words the content area must hold, per type. Lower narrows harder: a
#: forum thread is one box of posts (a sidebar of other threads is cut), a service page's sections
#: spread over many boxes (a high share keeps them all).
FORUM_AREA_SHARE = 0.6
DOCUMENTATION_AREA_SHARE = 0.75
SERVICE_AREA_SHARE = 0.85
COLLECTION_AREA_SHARE = 0.85
LISTING_AREA_SHARE = 0.95
PRODUCT_AREA_SHARE = 0.75  # with reviews out, 0.6 kept a description box without its spec table


#: Flattened text has no markup to find a region by: the labels the article decision gave are all
#: there is. These are the labels kept as main besides "main", per type.
FORUM_TEXT_LABELS = frozenset({"main", "comment", "related"})  # replies, and posts a repeated-item rule took
SECTION_TEXT_LABELS = frozenset({"main", "related"})  # the sections and items the story run left out
#: Every label but the chrome's: a doc page or a listing is nearly all body between header and footer.
DOC_TEXT_LABELS = LISTING_TEXT_LABELS = frozenset({"main", "title", "related", "comment", "caption", "boilerplate"})


def keep_region(scored: list[Scored], tags: list[str], drop_labels: frozenset[str], area_share: float,
                reason: str, keep_short: bool = False, drop_linked: bool = False, drop_post_chrome: bool = False,
                drop_reviews: bool = False, keep_headings: bool = False, say_once: bool = True,
                keep_linked: bool = False) -> None:
    """HTML: main is the page's content region (see :mod:`cleaner.pages.region`) narrowed to its
    <main> element and to the element holding ``area_share`` of its words; ``keep_short`` keeps
    the lines only their shortness labelled (spec rows, item titles), see region.only_short;
    ``drop_linked`` leaves out the link lines the decision left out (see region.linked_line);
    ``drop_reviews`` labels reviews and ratings comments (region.in_reviews), ``keep_headings`` keeps
    subheadings taken for links (item titles, region.item_heading); ``say_once`` keeps only the
    first copy of a text the region holds twice (region.first_copies)."""
    picked = candidates(scored, drop_labels, keep_short, keep_headings, keep_linked)
    if drop_linked:
        picked = [i for i in picked if not linked_line(scored[i])]
    if drop_reviews:  # before the region is found: a long review thread would otherwise be the region
        reviews = {i for i in picked if in_reviews(scored[i])}
        picked = [i for i in picked if i not in reviews]
        for i in reviews:  # what buyers wrote is the page's comments, not its body
            if scored[i].block.label == "main":
                relabel(scored[i], "comment", "product_review")
    picked = within(scored, picked, main_element(scored, picked, tags))
    kept = drop_orphan_headings(scored, within(scored, picked, holding_element(scored, picked, area_share)))
    if drop_post_chrome:
        kept = [i for i in kept if not post_chrome(scored[i])]
    keep_only(scored, first_copies(scored, kept) if say_once else kept, reason, _outside(reason))


def keep_labels(scored: list[Scored], labels: frozenset[str], reason: str, say_once: bool = True,
                keep_short: bool = False, keep_prose: bool = False,
                unless: Callable[[Scored], bool] | None = None) -> None:
    """Flattened text: main is every block the article decision labelled with one of ``labels``
    (``say_once``: each text once, see keep_region; ``keep_short``: and, between the first and the
    last block kept by label, the lines only their shortness left out, see region.only_short: an
    item's fields, not the menu above it or the links below it; a line nothing spoke for or
    against, a sort control's "Sort by: newest", is not one; ``keep_prose``: and the paragraphs
    only their place left out, see prose_outside: a thread's posts between the poster lines, a
    landing page's section blurbs between its buttons; ``unless``: but not the blocks it is true of)."""
    by_label = [i for i, s in enumerate(scored) if s.block.label in labels and s.block.label != "title"]
    inside = range(by_label[0], by_label[-1] + 1) if keep_short and by_label else range(0)
    kept = [i for i, s in enumerate(scored)
            if s.block.label in labels or i in inside and s.evidence and only_short(s)
            or keep_prose and prose_outside(s)]
    if unless is not None:
        kept = [i for i in kept if not unless(scored[i])]
    keep_only(scored, first_copies(scored, kept) if say_once else kept, reason, _outside(reason))


#: Evidence of lists of titles: a run of headlines, a list under a "Related" heading.
TITLE_LIST_REASONS = frozenset({HEADLINE_RUN, RELATED_HEADING, UNDER_RELATED_HEADING, RELATED_LIST})


def title_list(s: Scored) -> bool:
    """The block is one title of a list of them (TITLE_LIST_REASONS): beside a thread, the other
    threads of the forum ("Related questions", "Hot network questions"), never a post."""
    return not TITLE_LIST_REASONS.isdisjoint(s.block.reasons)


def prose_outside(s: Scored) -> bool:
    """A block the article decision left out by its place alone: it reads like story text (content
    evidence), it has no boilerplate label of its own, and it is not a copy of another block."""
    return s.block.label == "boilerplate" and s.content > 0 and DUPLICATE_TEXT not in s.block.reasons


def _outside(reason: str) -> str:
    """The reason given to a block a strategy takes out of main: "forum_post" -> "outside_forum_region"."""
    return "outside_" + reason.split("_")[0] + "_region"


def forum(scored: list[Scored], tags: list[str]) -> None:
    """Every post of the thread, question and answers, in order (the article decision keeps the
    first post and labels the replies comments)."""
    if from_html(scored):
        keep_region(scored, tags, CHROME_AND_CAPTIONS, FORUM_AREA_SHARE, "forum_post", drop_linked=True,
                    drop_post_chrome=True)
    else:
        keep_labels(scored, FORUM_TEXT_LABELS, "forum_post", keep_prose=True, unless=title_list)


def documentation(scored: list[Scored], tags: list[str]) -> None:
    """The doc body with its headings and code, without sidebar, table of contents and footer; its
    short lines (a line of code, a parameter's name in a table) are body like its paragraphs."""
    if from_html(scored):
        keep_region(scored, tags, CHROME_AND_CAPTIONS, DOCUMENTATION_AREA_SHARE, "doc_body", keep_short=True,
                    keep_headings=True, say_once=False)  # a code sample's tabs repeat its steps
    else:  # everything but the site's chrome: a doc page is its body, with code, tables and notes
        keep_labels(scored, DOC_TEXT_LABELS, "doc_body", say_once=False)


def service(scored: list[Scored], tags: list[str]) -> None:
    """The page's sections: hero, features, steps, FAQ; not navigation, footer or banners."""
    if from_html(scored):
        keep_region(scored, tags, CHROME_LABELS, SERVICE_AREA_SHARE, "service_section", keep_short=True,
                    keep_headings=True)
    else:
        keep_labels(scored, SECTION_TEXT_LABELS, "service_section", keep_prose=True)


def collection(scored: list[Scored], tags: list[str]) -> None:
    """The collection's items with their titles and summaries, in order."""
    if from_html(scored):
        keep_region(scored, tags, CHROME_AND_CAPTIONS, COLLECTION_AREA_SHARE, "collection_item",
                    keep_headings=True)
    else:
        keep_labels(scored, SECTION_TEXT_LABELS, "collection_item")


def listing(scored: list[Scored], tags: list[str]) -> None:
    """The listed items (titles and summaries) in order; not filters, sort controls or pagination."""
    if from_html(scored):
        keep_region(scored, tags, CHROME_LABELS, LISTING_AREA_SHARE, "listing_item", keep_short=True,
                    keep_headings=True, keep_linked=True)
    else:
        keep_labels(scored, LISTING_TEXT_LABELS, "listing_item", keep_short=True)


def product(scored: list[Scored], tags: list[str]) -> None:
    """Name, description, feature lists and spec tables. Flattened text keeps the article decision:
    its story run is the description, and the rest of a shop's text is mostly widgets."""
    if from_html(scored):
        keep_region(scored, tags, CHROME_AND_CAPTIONS, PRODUCT_AREA_SHARE, "product_section", keep_short=True,
                    drop_linked=True, drop_reviews=True)


#: The strategy of each page type; article (and "other") pages keep the article decision.
STRATEGIES: dict[str, Callable[[list[Scored], list[str]], None]] = {
    "forum": forum,
    "product": product,
    "listing": listing,
    "collection": collection,
    "documentation": documentation,
    "service": service,
}


#: A strategy rewrites what is main, so it runs only for a type the classifier is this sure of (a
#: type the caller gave is sure): a news story misread as a listing or forum loses up to 0.9 F1 a
#: page to the wrong strategy. With the page's address the model errs less (wcxb-dev html, by
#: threshold for every type: 0.843 at 0.3, 0.842 at 0.4, 0.838 at 0.5, 0.829 at 0.6; scrapinghub
#: with addresses loses 0.0002 F1 a page at 0.4). A listing gate of its own at 0.6 (against teasers
#: kept on news pages) no longer changes a trafilatura-eval snippet, and cost wcxb-dev listing
#: 0.045 F1 (2026-12-08) ...
STRATEGY_MIN_CONFIDENCE = 0.4
#: ... without it more (scrapinghub html without addresses: F1 0.954 at 0, 0.968 at 0.8, 0.975 from
#: 0.85 up; a flattened news story with a long comment thread was read as a forum at 0.87).
STRATEGY_MIN_CONFIDENCE_NO_ADDRESS = 0.9
#: Flattened text with its address: its strategies keep blocks by the labels the article decision
#: gave (no region to narrow to), so a type the classifier names at all (above OTHER_BELOW) is
#: enough (wcxb-dev-text 0.7813 at 0.4, 0.7830 at 0.3, 0.7834 at 0.25).
TEXT_STRATEGY_MIN_CONFIDENCE = 0.25


#: Below its gate a strategy still runs, from this confidence, on a page where the article decision
#: kept fewer than NO_STORY_WORDS words (a listing of item titles, a product of spec rows): at 100
#: words, or with one block of any length, scrapinghub's short news stories (65 to 96 words, one
#: a single paragraph) took teasers.
NO_STORY_MIN_CONFIDENCE = 0.3
NO_STORY_WORDS = 40


def apply_strategy(page_type: str | None, confidence: float, scored: list[Scored], tags: list[str],
                   *, has_address: bool) -> None:
    """Revise the article decision in place for a page of ``page_type`` (None, article, other, an
    unknown type, or a type the classifier is not sure enough of: as decided). ``has_address``:
    the classifier saw the page's URL."""
    strategy = STRATEGIES.get(page_type or "article")
    if not has_address:
        needed = STRATEGY_MIN_CONFIDENCE_NO_ADDRESS
    elif not from_html(scored):
        needed = TEXT_STRATEGY_MIN_CONFIDENCE
    else:
        needed = STRATEGY_MIN_CONFIDENCE
    if strategy is not None and (confidence >= needed or
                                 confidence >= NO_STORY_MIN_CONFIDENCE and _no_story(scored)):
        strategy(scored, tags)
    if not from_html(scored) and _thin_story(scored):
        no_story_text(scored)


def no_story_text(scored: list[Scored]) -> None:
    """Flattened text where neither the article decision nor the type's strategy kept a story, or
    they kept a thin slice of it (_thin_story): the page is not one story run (a listing read as
    an article, a product of spec lines), and every block but the chrome's is a better answer than
    next to nothing. (HTML has its region instead:
    the same fallback there lost wcxb-dev collection pages to their menus.)"""
    keep_labels(scored, LISTING_TEXT_LABELS, "no_story_page")


#: Flattened text whose main holds less than this share of the sentence paragraphs from its first
#: main block on (comments and captions aside) kept one fragment of a page of parallel pieces: a
#: listicle's intro, one teaser of a front page (wcxb-dev-text +0.0023 at 0.15, +0.0027 at 0.2
#: with more pages lost, 0.25 lost a news story to its teasers on scrapinghub-text). Paragraphs
#: above the story are not counted: a news site's teasers often come first.
THIN_STORY_SHARE = 0.15
#: ... or less than this share of those paragraphs that only their place left out (no boilerplate
#: evidence of their own, a positive score): the story run stopped at a stray line ("Source"
#: under a chart) and the entries after it read as story (wcxb-dev-text +0.0010 at 0.3, +0.0016
#: at 0.35; 0.5 lost scrapinghub-text stories to their teasers).
PLACED_STORY_SHARE = 0.35
_NOT_PARAGRAPHS = frozenset({"comment", "caption"})


def _thin_story(scored: list[Scored]) -> bool:
    """The article decision kept next to nothing (see _no_story) or a small part of the page's
    paragraphs (see THIN_STORY_SHARE and PLACED_STORY_SHARE)."""
    kept = elsewhere = placed = 0
    for s in scored:
        f, label = s.feats, s.block.label
        if label == "main":
            kept += f.words
        elif kept and f.words >= PARAGRAPH_WORDS and f.terminal:
            words = f.words
            if label not in _NOT_PARAGRAPHS:
                elsewhere += words
            if s.noise_label is None and s.score > 0:
                placed += words
    return kept < NO_STORY_WORDS or kept < THIN_STORY_SHARE * (kept + elsewhere) or \
        kept < PLACED_STORY_SHARE * (kept + placed)


def _no_story(scored: list[Scored]) -> bool:
    """The article decision kept next to nothing (under NO_STORY_WORDS words): a page of many
    parallel pieces has no single story run to find, and a strategy has nothing to lose."""
    return sum(s.feats.words for s in scored if s.block.label == "main") < NO_STORY_WORDS
