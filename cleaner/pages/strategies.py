"""What is main on each page type: one strategy per type, chosen once, run after the article decision.

The article decision finds one story run and labels the rest boilerplate. That is right for an
article and wrong for most other pages, whose main content is many parallel pieces: the posts of a
thread, the items of a listing, the sections of a service page. Each strategy here revises the
labels for its type from the scored blocks; every block it changes gets a reason naming it
(``forum_post``, ``listing_item``, ...), so block reasons explain the result.
"""
from __future__ import annotations

from collections.abc import Callable

from ..decide import Scored
from .region import candidates, holding_element, main_element, relabel, within

#: Page types the strategies know; anything else is decided as an article.
PAGE_TYPES = ("article", "forum", "product", "listing", "collection", "documentation", "service", "other")

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
PRODUCT_AREA_SHARE = 0.6


def keep_region(scored: list[Scored], tags: list[str], drop_labels: frozenset[str], area_share: float, reason: str) -> None:
    """HTML: main is the page's content region (see :mod:`cleaner.pages.region`) narrowed to the
    element holding ``area_share`` of its words. Flattened text (no markup) is left as decided."""
    if not any(s.block.path for s in scored):
        return
    picked = candidates(scored, drop_labels)
    picked = within(scored, picked, main_element(scored, picked, tags))
    kept = within(scored, picked, holding_element(scored, picked, area_share))
    relabel(scored, kept, reason, "outside_" + reason.split("_")[0] + "_region")


def forum(scored: list[Scored], tags: list[str]) -> None:
    """Every post of the thread, question and answers, in order (the article decision keeps the
    first post and labels the replies comments)."""
    keep_region(scored, tags, CHROME_AND_CAPTIONS, FORUM_AREA_SHARE, "forum_post")


def documentation(scored: list[Scored], tags: list[str]) -> None:
    """The doc body with its headings and code, without sidebar, table of contents and footer."""
    keep_region(scored, tags, CHROME_AND_CAPTIONS, DOCUMENTATION_AREA_SHARE, "doc_body")


def service(scored: list[Scored], tags: list[str]) -> None:
    """The page's sections: hero, features, steps, FAQ; not navigation, footer or banners."""
    keep_region(scored, tags, CHROME_LABELS, SERVICE_AREA_SHARE, "service_section")


def collection(scored: list[Scored], tags: list[str]) -> None:
    """The collection's items with their titles and summaries, in order."""
    keep_region(scored, tags, CHROME_AND_CAPTIONS, COLLECTION_AREA_SHARE, "collection_item")


def listing(scored: list[Scored], tags: list[str]) -> None:
    """The listed items (titles and summaries) in order; not filters, sort controls or pagination."""
    keep_region(scored, tags, CHROME_LABELS, LISTING_AREA_SHARE, "listing_item")


def product(scored: list[Scored], tags: list[str]) -> None:
    """Name, description, feature lists and spec tables."""
    keep_region(scored, tags, CHROME_AND_CAPTIONS, PRODUCT_AREA_SHARE, "product_section")


#: The strategy of each page type; article (and "other") pages keep the article decision.
STRATEGIES: dict[str, Callable[[list[Scored], list[str]], None]] = {
    "forum": forum,
    "product": product,
    "listing": listing,
    "collection": collection,
    "documentation": documentation,
    "service": service,
}


def apply_strategy(page_type: str | None, scored: list[Scored], tags: list[str]) -> None:
    """Revise the article decision in place for a page of ``page_type`` (None, article, other or
    an unknown type: as decided)."""
    strategy = STRATEGIES.get(page_type or "article")
    if strategy is not None:
        strategy(scored, tags)
