"""Decide every block's label in context: score -> page rules -> story core -> label -> revise ->
title. :func:`decide` runs PASSES in order, each a small function of the :class:`Page`.

1. score (:mod:`.scores`, before decide): each block's heuristics vote; ``content`` is the
   evidence for story text, ``noise`` the strongest boilerplate label's evidence.
   score = content - all boilerplate evidence.
2. page rules (:mod:`.page_rules`) add evidence only the page gives (duplicates, lists, captions).
3. core (:mod:`.core`): the story is the contiguous run of blocks with the highest summed,
   length-weighted score (maximum subarray); boundary markers ("Related Article", "Source link",
   "42 comments") weigh so much that the story rarely runs across them.
4. label: inside the core a block is ``main`` unless boilerplate evidence outweighs its content;
   outside, it takes its boilerplate label, or one chosen by its position.
5. revise (:mod:`.revisions`), then the title (:mod:`.title`).

Page rules change a block's evidence only through :func:`.scores.add_noise`; once blocks have
labels, passes change one only through :func:`.scores.relabel`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .core import LEANS, Lean, find_core, join_container, label_blocks, trim_teaser_tail, trim_to_container
from .page_rules import (
    mark_duplicates, mark_headline_runs, mark_related_box, mark_related_lists, mark_repeated_items,
    pair_captions, related_headings,
)
from .revisions import (
    attach_lead, fill_story_container, fill_under_headline, keep_short_lines_in_story,
    take_announced_lists, take_paragraphs_after_headline, take_story_tables, trim_sign_off,
    under_headline,
)
from .scores import Scored, relabel
from .shapes import headline
from .title import Hints, pick_title, prepare_hints

TITLE = "title"
#: A page's <h1> is its headline (or the site's name), never body text.
H1_NOT_BODY = "h1_not_body"


@dataclass
class Page:
    """What the passes share: the scored blocks, and what earlier passes found."""

    scored: list[Scored]
    title_hints: list[str]  # og:title, <title>, and a headline-shaped first block of the story
    start: int = 0  # the story core, [start, end)
    end: int = 0
    under_headline: range = field(default_factory=lambda: range(0))
    hints: Hints | None = None  # title_hints prepared for comparing, once the core is found
    title: int | None = None
    lean: Lean = LEANS["balanced"]  # which way the first labels lean (a rules file's precision)


def add_page_evidence(page: Page) -> None:
    """Page rules, in order: captions, duplicates, repeated items, headline runs, related boxes."""
    scored = page.scored
    pair_captions(scored)
    mark_duplicates(scored)
    mark_repeated_items(scored)
    mark_headline_runs(scored)
    headings = related_headings(scored)  # no rule adds or drops that evidence: found once
    mark_related_lists(scored, headings)
    mark_related_box(scored, headings)


def find_story(page: Page) -> None:
    """The story core, trimmed of a teaser tail and of a blurb past its container."""
    scored = page.scored
    start, end = find_core(scored)
    end = trim_teaser_tail(scored, start, end)
    page.start, page.end = start, trim_to_container(scored, start, end)
    # a headline-shaped first block of the story is its title (flattened text has no <h1>)
    if page.end - start > 1 and headline(scored[start]) and scored[start + 1].feats.terminal:
        page.title_hints = page.title_hints + [scored[start].block.text]


def first_labels(page: Page) -> None:
    """Every block's label by its evidence and its place in or around the core."""
    label_blocks(page.scored, page.start, page.end, page.lean)


def take_back_story(page: Page) -> None:
    """What the core left out but its context shows is story: short lines, announced lists, the
    lead, the stretch under the headline, the container's lists."""
    scored, start = page.scored, page.start
    keep_short_lines_in_story(scored, start, page.end)
    take_announced_lists(scored, start, page.end)
    attach_lead(scored, start)
    page.under_headline = under_headline(scored)
    take_paragraphs_after_headline(scored, page.under_headline)


def fill_story(page: Page) -> None:
    """The story's stretch under the headline (not the page's title), its container and the
    tables of data in it, then its sign-off taken off."""
    page.hints = prepare_hints(page.title_hints)  # once for this pass and the title's
    fill_under_headline(page.scored, page.under_headline, page.hints)
    fill_story_container(page.scored)
    take_story_tables(page.scored)
    trim_sign_off(page.scored)


def choose_title(page: Page) -> None:
    """The title block (see :func:`.title.pick_title`)."""
    page.title = pick_title(page.scored, page.start, page.end, page.hints)
    if page.title is not None:
        relabel(page.scored[page.title], "title", TITLE)


def no_h1_in_body(page: Page) -> None:
    """A page's <h1> is its headline (or the site's name), never body text."""
    for s in page.scored:
        if s.block.tag == "h1" and s.block.label == "main":
            relabel(s, "boilerplate", H1_NOT_BODY)


def lean_last(page: Page) -> None:
    """A rules file's precision, last: leaning to recall, the story's container joins the story."""
    join_container(page.scored, page.lean, page.title)


#: The passes of :func:`decide`, in order.
PASSES: tuple[Callable[[Page], None], ...] = (
    add_page_evidence, find_story, first_labels, take_back_story, fill_story, choose_title, no_h1_in_body,
    lean_last,
)


def decide(scored: list[Scored], title_hints: list[str], lean: Lean = LEANS["balanced"],
           ) -> tuple[int, int, int | None]:
    """Label every block in place; returns the core span and the title block's index. ``lean``
    (a rules file's precision) shifts the first labels' thresholds."""
    page = Page(scored, title_hints, lean=lean)
    for run in PASSES:
        run(page)
    return page.start, page.end, page.title
