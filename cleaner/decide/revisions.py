"""Revisions: once the core is labelled, the story takes back what its context shows is story
(short lines, announced lists, the lead, the stretch under the headline, its container's lists)
and gives up its sign-off.
"""
from __future__ import annotations

import re

from ..rules.dom_heuristics import DOM_CAPTION, DOM_FOOTER, DOM_NAVIGATION, DOM_RELATED, LINK_DENSE_REASON, \
    OUTSIDE_STORY_CONTAINER
from ..rules.evidence import PARAGRAPH_WORDS
from ..rules.text_heuristics import (
    AUTHOR_BIO, COMMENT_TEXT, FOOTER_TEXT, LOW_STOPWORD_DENSITY, NAVIGATION_TEXT, PROMO_TEXT, SHARE_BAR, SHORT_FRAGMENT,
    TRUNCATED_TEASER, date_stamp,
)
from .page_rules import DUPLICATE_TEXT, HEADLINE_RUN, REPEATED_ITEM_REGION
from .scores import Scored, relabel
from .shapes import noise_reasons
from .title import Hints, matches_hint, norm

#: A lead paragraph above the story: PARAGRAPH_WORDS long, sentence-shaped, scoring at least this ...
LEAD_MIN_SCORE = 2.0
#: ... separated from the story by at most this many blocks of furniture (date, byline, share
#: bar, photo), each at most this long.
LEAD_LOOKBACK = 15
FURNITURE_MAX_WORDS = 12
#: Evidence that comes from the markup alone (container and box names), not from the text: a
#: lead below the headline may sit in a box named "teaser", "header" or "intro-nav".
MARKUP_NOISE = frozenset({OUTSIDE_STORY_CONTAINER, DOM_NAVIGATION, DOM_CAPTION, DOM_RELATED, DOM_FOOTER})
#: Subheadings: a sentence in one of these under the headline is a deck, not body text.
SUBHEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: Evidence too weak to take a short line out of the story it sits in. (The decision reads
#: reasons through sets named *NOISE* or *REASONS*: a test checks the heuristics give them.)
WEAK_NOISE = frozenset({SHORT_FRAGMENT, LOW_STOPWORD_DENSITY})
#: A story line that ends with a colon and has at least this many words introduces the list under
#: it ("Here are the highlights:", "The tour dates:"); "More:" or "Share:" label a menu.
LIST_INTRO_MIN_WORDS = 4
#: Items of such a list are at most this long (a paragraph after it is story or not on its own).
LIST_ENTRY_MAX_WORDS = 40
#: Under a story's colon line these say only "short" or "one of a list": the list it announces.
WEAK_NOISE_IN_LIST = WEAK_NOISE | {HEADLINE_RUN, REPEATED_ITEM_REGION}
#: Between the headline and the story these say only "short", "not in the container" or "one of
#: a list": an ingredient list or a fact box under a recipe's or product's title.
WEAK_NOISE_UNDER_HEADLINE = WEAK_NOISE | {OUTSIDE_STORY_CONTAINER, HEADLINE_RUN, REPEATED_ITEM_REGION}
#: Inside the story's container these say only "short" or "linked", not "not story".
WEAK_NOISE_IN_CONTAINER = WEAK_NOISE | {
    LINK_DENSE_REASON, DUPLICATE_TEXT, REPEATED_ITEM_REGION, HEADLINE_RUN, TRUNCATED_TEASER,
}
#: In a table that continues the story, these say only "short", "not a sentence", "one of a
#: list" or, for a row of short cells joined by " | ", "reads like a breadcrumb": a data table
#: (quantities, results, prices), not a menu.
WEAK_NOISE_IN_TABLE = WEAK_NOISE_IN_CONTAINER | {NAVIGATION_TEXT}
#: Text vocabulary that marks a story's last lines as the site's sign-off (newsletter and
#: social plugs, copyright, share prompts), whatever the story's container says.
SIGN_OFF_REASONS = frozenset({PROMO_TEXT, FOOTER_TEXT, SHARE_BAR, COMMENT_TEXT, AUTHOR_BIO})
#: At most this many such lines are taken off the end of a story, each scoring at most this (a
#: long closing paragraph that quotes someone on "subscriptions" outscores its vocabulary).
SIGN_OFF_MAX_BLOCKS = 4
SIGN_OFF_MAX_SCORE = 2.0
#: A bare web address: in a story's last lines, a pointer to more coverage or the site's feeds.
_WEB_ADDRESS = re.compile(r"\bhttps?://\S")
#: A bare number, maybe with a thousands suffix ("84.1K", "4553"): a share, view or comment count.
_BARE_COUNT = re.compile(r"^\W*\d[\d.,\s]*[kmb]?\W*$", re.IGNORECASE)

# --- the reasons revisions give ------------------------------------------------------------------
BETWEEN_STORY_PARAGRAPHS = "between_story_paragraphs"
ANNOUNCED_LIST = "announced_list"
INSIDE_STORY_CONTAINER = "inside_story_container"
LEAD_PARAGRAPH = "lead_paragraph"
LEAD_AFTER_HEADLINE = "lead_after_headline"
UNDER_HEADLINE = "under_headline"
SIGN_OFF = "sign_off"
STORY_TABLE = "story_table"
CODE_IN_STORY = "code_in_story"


def keep_short_lines_in_story(scored: list[Scored], start: int, end: int) -> None:
    """A short line between two story paragraphs (a source in brackets, a one-line quote, a
    dateline) belongs to the story when nothing but its shortness speaks against it; a code
    block after a story block is the story's (see :func:`_story_code`)."""
    for i in range(start + 1, end - 1):
        s = scored[i]
        b = s.block
        if b.label == "main" or not s.noise_by_label:
            continue
        if scored[i - 1].block.label != "main":
            continue
        if noise_reasons(s) <= WEAK_NOISE and scored[i + 1].block.label == "main":
            relabel(s, "main", BETWEEN_STORY_PARAGRAPHS)
        elif _story_code(s):
            relabel(s, "main", CODE_IN_STORY)


def _story_code(s: Scored) -> bool:
    """A <pre> block that marks no boundary: inside the story, code reads like nothing else (few
    stop words, no sentence, "key: value" lines taken for credits or bylines), so the evidence
    against it says little."""
    return s.block.tag == "pre" and not s.boundary


def _list_intro(s: Scored) -> bool:
    """A line announcing a list: ends with a colon, a few words, nothing but list shape against it."""
    return s.block.text.rstrip().endswith(":") and s.feats.words >= LIST_INTRO_MIN_WORDS and \
        not s.boundary and noise_reasons(s) <= WEAK_NOISE_IN_LIST


def take_announced_lists(scored: list[Scored], start: int, end: int) -> None:
    """A story line ending with a colon ("The tour dates:", "Here are the highlights:") announces
    the list under it: its short items are story, however list-like, up to the first block that
    something other than its shape speaks against. The line may close the story (the first block
    after the core)."""
    i = start
    while i < min(end + 1, len(scored)):
        s = scored[i]
        if not _list_intro(s):
            i += 1
            continue
        j = i + 1
        while j < len(scored):
            t = scored[j]
            if t.block.label == "main" and t.feats.terminal and t.feats.words >= PARAGRAPH_WORDS:
                break  # a paragraph: the list has ended (or was never there)
            if t.block.label != "main" and (t.feats.words > LIST_ENTRY_MAX_WORDS or t.boundary or
                                            not noise_reasons(t) <= WEAK_NOISE_IN_LIST):
                break
            j += 1
        if j > i + 1:
            for t in scored[i:j]:
                if t.block.label != "main":
                    relabel(t, "main", ANNOUNCED_LIST)
        i = j


def fill_story_container(scored: list[Scored]) -> None:
    """HTML: between the first and last story paragraph of the story's container, every block
    is story (list items, table rows, short lines, product boxes) unless something other than
    its shortness or links speaks against it."""
    inside = [i for i, s in enumerate(scored) if s.block.label == "main" and s.block.in_story_container]
    if not inside:
        return
    for s in scored[inside[0]: inside[-1] + 1]:
        b = s.block
        if b.label == "main" or not b.in_story_container:
            continue
        if noise_reasons(s) <= WEAK_NOISE_IN_CONTAINER:
            relabel(s, "main", INSIDE_STORY_CONTAINER)


def take_story_tables(scored: list[Scored]) -> None:
    """HTML: a table inside the story's container that follows a story block (the story's data:
    quantities, results, prices) is story, row by row, when none of its rows has links (a table
    of links is a menu) and nothing but the rows' shape speaks against them."""
    i = 0
    while i < len(scored):
        if scored[i].block.tag != "tr" or i == 0 or scored[i - 1].block.label != "main":
            i += 1
            continue
        j = i
        while j < len(scored) and scored[j].block.tag == "tr":
            j += 1
        rows = scored[i:j]
        if all(s.block.in_story_container and not s.block.link_chars and not s.boundary and
               noise_reasons(s) <= WEAK_NOISE_IN_TABLE for s in rows):
            for s in rows:
                if s.block.label != "main":
                    relabel(s, "main", STORY_TABLE)
        i = j


def attach_lead(scored: list[Scored], start: int) -> None:
    """The standfirst or lead paragraph often sits above the byline, date and share bar that
    separate it from the story body: walk back over that furniture and take the paragraph.
    HTML only: in flattened text a sentence above the byline is as often the site's blurb or a
    summary standing apart from the body, with no markup to tell them apart."""
    if not any(s.block.path or s.block.in_story_container is not None for s in scored):  # no markup
        return
    skipped = 0
    for i in range(start - 1, -1, -1):
        s = scored[i]
        b, f = s.block, s.feats
        if f.words >= PARAGRAPH_WORDS and f.terminal and s.score >= LEAD_MIN_SCORE and \
                b.label != "main" and s.noise_label in (None, "boilerplate"):
            relabel(s, "main", LEAD_PARAGRAPH)
            return
        if b.tag in ("h1", "h2") or skipped >= LEAD_LOOKBACK or (
            f.words > FURNITURE_MAX_WORDS and s.noise_label != "caption"
        ):
            return
        skipped += 1


def under_headline(scored: list[Scored]) -> range:
    """Positions between the page's first <h1> and the story's first paragraph (empty if none):
    where the standfirst, lead and a recipe's or product's facts sit above the story body."""
    first = next((i for i, s in enumerate(scored) if s.block.label == "main"), None)
    if first is None:
        return range(0)
    head = next((i for i in range(first) if scored[i].block.tag == "h1"), None)
    return range(0) if head is None else range(head + 1, first)


def take_paragraphs_after_headline(scored: list[Scored], span: range) -> None:
    """HTML: in ``span`` (see :func:`under_headline`), paragraphs that read like story text are
    the standfirst and lead, however much furniture (or section headings in further <h1>s) sits
    between. A paragraph only the markup speaks against (a lead in a box named "teaser" or
    "header-nav") counts too, unless it is a subheading: decks in <h2> are not body text."""
    for i in span:
        s = scored[i]
        b, f = s.block, s.feats
        if b.label == "main" or f.words < PARAGRAPH_WORDS or not f.terminal:
            continue
        markup_only = noise_reasons(s) <= MARKUP_NOISE
        if (s.score >= LEAD_MIN_SCORE and s.noise_label in (None, "boilerplate")) or \
                (markup_only and s.score >= 0 and b.tag not in SUBHEADING_TAGS):
            relabel(s, "main", LEAD_AFTER_HEADLINE)


def fill_under_headline(scored: list[Scored], span: range, hints: Hints) -> None:
    """HTML: in ``span`` (see :func:`under_headline`), blocks that nothing but their shortness,
    their place outside the story's container or their list shape speaks against are story too
    (a recipe's ingredients and times, a product's facts, subheadings). The page's title, in
    whichever tag, is not (``hints``: og:title, <title>); nor are the date stamp and the
    share or view counts that sit there."""
    for i in span:
        s = scored[i]
        b = s.block
        # the evidence first: it rules out more blocks, and at less cost, than the text's shape
        if b.label == "main" or b.tag == "h1" or not noise_reasons(s) <= WEAK_NOISE_UNDER_HEADLINE or \
                matches_hint(norm(b.text), hints) or date_stamp(s.feats) or _BARE_COUNT.match(b.text):
            continue
        relabel(s, "main", UNDER_HEADLINE)


def trim_sign_off(scored: list[Scored]) -> None:
    """The story's last main blocks that boilerplate vocabulary speaks for ("Sign up for our
    newsletter", "Follow us on Instagram", "Advertisement", "This document is subject to
    copyright") or that point to a bare web address ("More coverage: https://...") are the
    site's sign-off, not its final paragraphs, however well they read."""
    taken = 0
    for s in reversed(scored):
        b = s.block
        if b.label != "main":
            continue
        if taken >= SIGN_OFF_MAX_BLOCKS or s.score > SIGN_OFF_MAX_SCORE or not (
                SIGN_OFF_REASONS & {e.reason for e in s.evidence} or _WEB_ADDRESS.search(b.text)):
            return
        relabel(s, s.noise_label or "boilerplate", SIGN_OFF)
        taken += 1
