"""Revisions: once the core is labelled, the story takes back what its context shows is story
(short lines, announced lists, the lead, the stretch under the headline, its container's lists)
and gives up its sign-off.
"""
from __future__ import annotations

import re

from ..rules.evidence import PARAGRAPH_WORDS
from ..rules.text_heuristics import date_stamp
from .scores import Scored
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
MARKUP_NOISE = frozenset({
    "outside_story_container", "dom_navigation", "dom_caption", "dom_related", "dom_footer",
})
#: Subheadings: a sentence in one of these under the headline is a deck, not body text.
SUBHEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: Evidence too weak to take a short line out of the story it sits in.
WEAK_NOISE = frozenset({"short_fragment", "low_stopword_density"})
#: A story line that ends with a colon and has at least this many words introduces the list under
#: it ("Here are the highlights:", "The tour dates:"); "More:" or "Share:" label a menu.
LIST_INTRO_MIN_WORDS = 4
#: Items of such a list are at most this long (a paragraph after it is story or not on its own).
LIST_ENTRY_MAX_WORDS = 40
#: Under a story's colon line these say only "short" or "one of a list": the list it announces.
WEAK_NOISE_IN_LIST = WEAK_NOISE | {"headline_run", "repeated_item_region"}
#: Between the headline and the story these say only "short", "not in the container" or "one of
#: a list": an ingredient list or a fact box under a recipe's or product's title.
WEAK_NOISE_UNDER_HEADLINE = WEAK_NOISE | {"outside_story_container", "headline_run", "repeated_item_region"}
#: Inside the story's container these say only "short" or "linked", not "not story".
WEAK_NOISE_IN_CONTAINER = WEAK_NOISE | {
    "link_dense", "duplicate_text", "repeated_item_region", "headline_run", "truncated_teaser",
}
#: Text vocabulary that marks a story's last lines as the site's sign-off (newsletter and
#: social plugs, copyright, share prompts), whatever the story's container says.
SIGN_OFF_REASONS = frozenset({"promo_text", "footer_text", "share_bar", "comment_text", "author_bio"})
#: At most this many such lines are taken off the end of a story, each scoring at most this (a
#: long closing paragraph that quotes someone on "subscriptions" outscores its vocabulary).
SIGN_OFF_MAX_BLOCKS = 4
SIGN_OFF_MAX_SCORE = 2.0
#: A bare web address: in a story's last lines, a pointer to more coverage or the site's feeds.
_WEB_ADDRESS = re.compile(r"\bhttps?://\S")
#: A bare number, maybe with a thousands suffix ("84.1K", "4553"): a share, view or comment count.
_BARE_COUNT = re.compile(r"^\W*\d[\d.,\s]*[kmb]?\W*$", re.IGNORECASE)


def keep_short_lines_in_story(scored: list[Scored], start: int, end: int) -> None:
    """A short line between two story paragraphs (a source in brackets, a one-line quote, a
    dateline) belongs to the story when nothing but its shortness speaks against it."""
    for i in range(start + 1, end - 1):
        s = scored[i]
        b = s.block
        if b.label == "main" or not s.noise_by_label:
            continue
        if noise_reasons(s) <= WEAK_NOISE and scored[i - 1].block.label == "main" and \
                scored[i + 1].block.label == "main":
            b.label = "main"
            b.reasons.append("between_story_paragraphs")


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
                    t.block.label = "main"
                    t.block.reasons.append("announced_list")
        i = j


def fill_story_container(scored: list[Scored]) -> None:
    """HTML: between the first and last story paragraph of the story's container, every block
    is story (list items, table rows, short lines, product boxes) unless something other than
    its shortness or links speaks against it."""
    inside = [i for i, s in enumerate(scored) if s.block.label == "main" and "@anchor" in s.block.path]
    if not inside:
        return
    for s in scored[inside[0]: inside[-1] + 1]:
        b = s.block
        if b.label == "main" or "@anchor" not in b.path:
            continue
        if noise_reasons(s) <= WEAK_NOISE_IN_CONTAINER:
            b.label = "main"
            b.reasons.append("inside_story_container")


def attach_lead(scored: list[Scored], start: int) -> None:
    """The standfirst or lead paragraph often sits above the byline, date and share bar that
    separate it from the story body: walk back over that furniture and take the paragraph.
    HTML only: in flattened text a sentence above the byline is as often the site's blurb or a
    summary standing apart from the body, with no markup to tell them apart."""
    if not any(s.block.path for s in scored):
        return
    skipped = 0
    for i in range(start - 1, -1, -1):
        s = scored[i]
        b, f = s.block, s.feats
        if f.words >= PARAGRAPH_WORDS and f.terminal and s.score >= LEAD_MIN_SCORE and \
                b.label != "main" and s.noise_label in (None, "boilerplate"):
            b.label = "main"
            b.reasons.append("lead_paragraph")
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
            b.label = "main"
            b.reasons.append("lead_after_headline")


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
        b.label = "main"
        b.reasons.append("under_headline")


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
        b.label = s.noise_label or "boilerplate"
        b.reasons.append("sign_off")
        taken += 1
