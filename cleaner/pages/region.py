"""The page's content region: what the per-type strategies keep once the article decision is made.

A listing, a forum thread, a product or a service page has no single story run: its main content
is most of what the page shows between its header and its footer. The region is every block
outside the page's chrome (header, navigation, footer, sidebars: by the elements that hold it)
whose label is not one the type rules out, narrowed to the element that holds most of its words.
Each function is small and named; the strategies compose them with their own thresholds.
"""
from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from ..decide.revisions import WEAK_NOISE
from ..rules.dom_heuristics import LINK_DENSE_REASON, OUTSIDE_STORY_CONTAINER
from ..decide.scores import Scored, relabel

#: Elements that hold a page's chrome, as they appear in a block's path ("<tag"): the site's
#: header and menus, its footer, and boxes beside the content. The story's own wrappers never
#: appear in a path (see cleaner.dom.assign_paths), so a story inside an <article><header> keeps
#: its headline.
CHROME_TAGS = frozenset({"<nav", "<header", "<footer", "<aside"})
#: Evidence that says only "short" or "not in the story's container" (see :func:`only_short`).
SHORT_ONLY = WEAK_NOISE | {OUTSIDE_STORY_CONTAINER}
_REASON = attrgetter("reason")
#: Subheading tags: item titles on a listing; one that ends the kept region heads nothing kept.
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


#: A <header> inside an <article> heads that article (an item's title and summary on a listing, a
#: post's title in a thread), not the page.
ITEM_HEADER = frozenset({"<header", "<article"})


def in_chrome(s: Scored) -> bool:
    """The block sits in the page's header, navigation, footer or a sidebar box (a header that an
    <article> holds is that item's, see ITEM_HEADER)."""
    path = s.block.path
    chrome = CHROME_TAGS.intersection(path)
    return bool(chrome) and not (chrome == {"<header"} and ITEM_HEADER <= path)


#: Class/id words of boxes that open over the page (a report form, a size guide, a sign-up prompt, a
#: zoomed gallery): hidden until asked for, they are not what the page shows.
OVERLAY_WORDS = frozenset({"modal", "modals", "dialog", "popup", "popover", "overlay", "lightbox"})


def in_overlay(s: Scored) -> bool:
    """The block sits in a modal, dialog, popup or overlay box (by its class/id words)."""
    return not OVERLAY_WORDS.isdisjoint(s.block.path)


#: Tags of a form's controls and their captions ("More options", a swatch's "Option: white", a
#: filter's checkbox label): what a visitor sets, not what the page says.
CONTROL_TAGS = frozenset({"fieldset", "legend", "label"})


def form_control(s: Scored) -> bool:
    """The block is a form control's text: a fieldset, its legend, or a label (by tag or path)."""
    return s.block.tag in CONTROL_TAGS or "<label" in s.block.path


def image_text(s: Scored) -> bool:
    """The block is an image's alt text: it names a picture, it is not what the page says."""
    return s.block.tag == "img"


def only_short(s: Scored) -> bool:
    """Nothing speaks against the block but its shortness, few stop words or its place outside
    the story's container: a spec row, an item's title, an option name; the article decision
    labels such lines navigation or footer by where they sit, not by what they say."""
    return _only_against(s, SHORT_ONLY)


#: ... and, on a page of items, its being a link: a card's lines are often all one link.
SHORT_OR_LINKED = SHORT_ONLY | {LINK_DENSE_REASON}


def only_short_or_linked(s: Scored) -> bool:
    """Nothing speaks against the block but its shortness or its links (see :func:`only_short`):
    on a listing, an item whose whole card is a link (title, company, place, salary)."""
    return _only_against(s, SHORT_OR_LINKED)


def _only_against(s: Scored, reasons: frozenset[str]) -> bool:
    """Every piece of the block's evidence against it being main gives one of ``reasons``."""
    return all(e.label == "main" or e.reason in reasons for e in s.evidence)


def linked_line(s: Scored) -> bool:
    """A block the article decision left out and that is mostly link text: a user name linked to
    its profile, "Reply | Quote | Report", a tag list; in a thread, the chrome around each post."""
    return s.block.label != "main" and LINK_DENSE_REASON in map(_REASON, s.evidence)


#: A line of at most this many words without a sentence end, that the article decision left out,
#: is a post's chrome in a thread: the poster's name, a date, a vote count, "Commented Aug 10".
POST_CHROME_WORDS = 5


def post_chrome(s: Scored) -> bool:
    """A short unpunctuated line the article decision left out: around each post of a thread, its
    writer, date, votes and badges, not what anyone wrote."""
    f = s.feats
    return s.block.label != "main" and f.words <= POST_CHROME_WORDS and not f.terminal


#: Class/id words of the boxes that hold what buyers wrote about a product (reviews, ratings, the
#: questions and answers under it): on a product page that is not the page's own description.
REVIEW_WORDS = frozenset({"review", "reviews", "rating", "ratings", "comment", "comments", "commentlist",
                          "testimonial", "testimonials"})


def in_reviews(s: Scored) -> bool:
    """The block sits in a box of reviews, ratings or buyers' comments (by its class/id words)."""
    return not REVIEW_WORDS.isdisjoint(s.block.path)


#: Labels a linked subheading gets for being a link in a run of links: on a listing, an item's title.
ITEM_HEADING_LABELS = frozenset({"navigation", "related"})


def item_heading(s: Scored) -> bool:
    """A subheading the article decision took for navigation or a related link: in a page of
    parallel pieces, the title of one of them."""
    return s.block.tag in HEADING_TAGS and s.block.label in ITEM_HEADING_LABELS


def candidates(scored: list[Scored], drop_labels: frozenset[str], keep_short: bool,
               keep_headings: bool = False, keep_linked: bool = False) -> list[int]:
    """Positions of the blocks that may be main on a non-article page: outside the chrome and
    overlays, not an image's alt text, not an <h1> (the page's name, never body text, as in the
    article decision), and not labelled with one of ``drop_labels`` by the article decision (unless
    ``keep_short`` and only their shortness put them there, see :func:`only_short`, or
    ``keep_headings`` and they are item titles, see :func:`item_heading`)."""
    return [i for i, s in enumerate(scored)
            if (s.block.label not in drop_labels or keep_short and only_short(s)
                or keep_linked and only_short_or_linked(s)
                or keep_headings and item_heading(s))
            and not image_text(s) and not form_control(s) and not in_chrome(s) and not in_overlay(s) and s.block.tag != "h1"]


def holding_element(scored: list[Scored], picked: list[int], share: float) -> int | None:
    """The deepest element that holds at least ``share`` of the words of the ``picked`` blocks
    (None when they have no words or no ancestors): the content area, without the stray
    sidebar or teaser box the chrome test missed."""
    total = sum(scored[i].feats.words for i in picked)
    if not total:
        return None
    mass: dict[int, int] = {}
    depth: dict[int, int] = {}
    for i in picked:
        words = scored[i].feats.words
        for d, eid in enumerate(scored[i].block.ancestors):
            mass[eid] = mass.get(eid, 0) + words
            depth[eid] = d
    held = [eid for eid, m in mass.items() if m >= share * total]
    return max(held, key=lambda e: (depth[e], -e)) if held else None


#: A <main> element holding fewer of the region's words than this is an empty shell (an app's
#: mount point, a skip-link target), not where the page's content is.
MAIN_ELEMENT_MIN_WORDS = 20


def main_element(scored: list[Scored], picked: list[int], tags: list[str]) -> int | None:
    """The page's <main> element that holds most of the ``picked`` blocks' words (None if the
    page has none holding MAIN_ELEMENT_MIN_WORDS of them): where the page itself says its content is."""
    mass: dict[int, int] = {}
    for i in picked:
        words = scored[i].feats.words
        for eid in scored[i].block.ancestors:
            if tags[eid] == "main":
                mass[eid] = mass.get(eid, 0) + words
    best = max(mass, key=lambda e: (mass[e], -e)) if mass else None
    return best if best is not None and mass[best] >= MAIN_ELEMENT_MIN_WORDS else None


def within(scored: list[Scored], picked: list[int], element: int | None) -> list[int]:
    """The ``picked`` blocks inside ``element`` (all of them when there is none)."""
    if element is None:
        return picked
    return [i for i in picked if element in scored[i].block.ancestors]


#: A region of headings alone is a list of items when it has this many; fewer ("Reviews" over an
#: empty widget) are orphans like any other.
MIN_HEADING_ITEMS = 3


def drop_orphan_headings(scored: list[Scored], kept: list[int]) -> list[int]:
    """``kept`` without the subheadings at its end that the article decision left out: with nothing
    kept after them, they head what the region dropped ("Customers also bought" over its
    cross-sells). A region of headings alone is kept: its headings are its items."""
    end = len(kept)
    while end and scored[kept[end - 1]].block.label != "main" and scored[kept[end - 1]].block.tag in HEADING_TAGS:
        end -= 1
    if len(kept) >= MIN_HEADING_ITEMS and all(scored[i].block.tag in HEADING_TAGS for i in kept[:end]):
        return kept  # nothing but headings: they are the items (a listing's titles), not orphans
    return kept[:end]


#: Lines shorter than this may recur in main content (a spec's "Yes", an item's "Add to cart").
COPY_MIN_WORDS = 4


def first_copies(scored: list[Scored], kept: list[int]) -> list[int]:
    """``kept`` without the later copies of a text it already holds: a page that shows its
    description twice (a desktop and a mobile layout) says it once."""
    seen: set[str] = set()
    out = []
    for i in kept:
        f = scored[i].feats
        if f.words >= COPY_MIN_WORDS:
            if f.lower in seen:
                continue
            seen.add(f.lower)
        out.append(i)
    return out


def keep_only(scored: list[Scored], keep: Iterable[int], kept_reason: str, dropped_reason: str) -> None:
    """Make exactly the ``keep`` blocks main (their reasons end with ``kept_reason``); a block that
    was main and is not kept takes its strongest noise label, or "boilerplate", and
    ``dropped_reason``. The title block keeps its label, and an ``<h1>`` is never made main: it is
    the page's name, not its body (as in the article decision)."""
    keep = set(keep)
    for i, s in enumerate(scored):
        b = s.block
        if i in keep:
            if b.label != "main" and b.label != "title" and b.tag != "h1":
                relabel(s, "main", kept_reason)
        elif b.label == "main":
            relabel(s, s.noise_label or "boilerplate", dropped_reason)
