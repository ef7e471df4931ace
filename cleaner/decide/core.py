"""The story core: the contiguous run of blocks with the highest summed, length-weighted score
(maximum subarray), cut at boundary markers, trimmed of teaser tails and blurbs; then every
block's first label, by whether it sits in the core.
"""
from __future__ import annotations

from typing import NamedTuple

from .scores import REASON, Scored, relabel
from .shapes import coherence, story_vocabulary, teaser_headline

# --- thresholds ---------------------------------------------------------------------------
#: Weight of a boundary marker in the core search: the story needs this much more text beyond a
#: "Related Article" heading to run across it (a mid-story "Read more" box is crossed, the
#: teaser list at the end is not).
BOUNDARY_PENALTY = 12.0
#: A region beyond a boundary joins the story only with this share of the story's mass ...
EXTEND_MIN_MASS = 0.1
#: ... and this share of its content words drawn from the story's vocabulary (teasers for other
#: stories share few words with this one; a story resumed after a "Read more" box shares many).
EXTEND_MIN_COHERENCE = 0.35
#: ... and no more than this many blocks between the story and that region.
EXTEND_MAX_GAP = 8
#: Words per unit of length weight: a positive block counts words/LENGTH_UNIT times its score,
#: so one long paragraph outweighs a run of short noise blocks.
LENGTH_UNIT = 15.0
#: Cap on a block's length weight: one huge block must not drag the core across the page.
MAX_LENGTH_WEIGHT = 5.0
#: Floor on a block's length weight: short quotes and subheadings still count a little.
MIN_LENGTH_WEIGHT = 0.3
#: A trailing teaser run: at least this many headline+summary pairs, summaries of at least
#: this many words, after a story of at least this many paragraphs, sharing less than this share of
#: content words with it.
TEASER_MIN_PAIRS = 2
TEASER_MIN_WORDS = 8
TEASER_MIN_STORY = 3
TEASER_MAX_COHERENCE = 0.3
#: A tail of at most this many blocks after the story's container, with at most this share of
#: the container's words and few of its content words, is a blurb (company, author, affiliate
#: disclosure), not the story continued elsewhere ...
TAIL_MAX_BLOCKS = 3
TAIL_MAX_SHARE = 0.4
#: ... once the container holds this many words of story (a short story's last lines often sit
#: in a box of their own).
TAIL_MIN_STORY_WORDS = 200
#: Outside the core, solid prose in the story's container (HTML) is still story text: a gallery
#: or embed in the middle of an article must not cut its first paragraphs off.
CONTAINER_PROSE_SCORE = 3.0
#: Inside the core, a block stays main when its score is at least this (subheadings score ~ -1).
MAIN_MIN_SCORE = -1.5


class Lean(NamedTuple):
    """Which way the first labels lean (a rules file's ``precision``): named shifts of the
    thresholds above. The defaults are the balanced decision, unchanged."""

    #: Outside the core, a block no boilerplate evidence names is main from this score on.
    loose_prose_score: float | None = None
    #: Once every pass has run, a block inside the story's container (HTML) joins the story from
    #: this score on, whatever evidence left it out (the title and <h1> keep their labels).
    container_join_score: float | None = None


#: Leaning to recall, a block of the story's container joins the story from this score on: a
#: caption or a short linked line scores ~ -1 to -4; menus and share bars below that stay out
#: (2026-12-08, joining after the type's strategy too: -4 gives recall +0.0105 on wcxb-dev and
#: +0.0117 on scrapinghub, F1 +0.001 and -0.009; -5 costs scrapinghub F1 -0.012).
CONTAINER_JOIN_SCORE = -4.0
#: The leans a rules file may ask for: "recall" also takes blocks outside the core that read
#: somewhat like prose and that no boilerplate evidence names, and at last the blocks of the
#: story's container scoring CONTAINER_JOIN_SCORE or more. "high" decides as "balanced" does:
#: it trims the finished body (cleaner.user_rules.precision), after the page type's strategy;
#: weighing boilerplate evidence more in the core cost wcxb-dev twice the recall for less
#: precision. Measured by benchmarks/precision_knob.py (README, "Steer").
LEANS = {
    "high": Lean(),
    "balanced": Lean(),
    "recall": Lean(loose_prose_score=1.0, container_join_score=CONTAINER_JOIN_SCORE),
}
#: Outside the core, a block no evidence names is named by its place and length: before the
#: story, a line up to this long is a menu entry; after it, a longer block is a teaser.
PLACE_LINE_WORDS = 8

# --- the reasons of a block's first label ---------------------------------------------------------
CORE = "core"
INSIDE_CORE = "inside_core"
#: In the story's container (the reason's name is older than the term "story container").
CONTAINER_PROSE = "anchor_prose"
OUTSIDE_CORE = "outside_core"
#: Leaning to recall: outside the core, prose no boilerplate evidence names.
LOOSE_PROSE = "loose_prose"
BEFORE_CORE = "before_core"
AFTER_CORE = "after_core"


def _weight(s: Scored) -> float:
    """Length-weighted contribution of a block to the core search."""
    if s.boundary:
        return -BOUNDARY_PENALTY
    if s.noise_label == "caption":
        return 0.0  # photos sit between story paragraphs: they neither extend nor cut the story
    if s.score > 0:
        return s.score * min(MAX_LENGTH_WEIGHT, max(MIN_LENGTH_WEIGHT, s.feats.words / LENGTH_UNIT))
    return s.score


def _best_run(scored: list[Scored], lo: int, hi: int) -> tuple[int, int, float]:
    """Maximum-sum contiguous run of blocks within [lo, hi): (start, end, mass)."""
    best, span = 0.0, (lo, lo)
    run, start = 0.0, lo
    for i in range(lo, hi):
        w = _weight(scored[i])
        if run <= 0:
            run, start = w, i
        else:
            run += w
        if run > best:
            best, span = run, (start, i + 1)
    return span[0], span[1], best


def find_core(scored: list[Scored]) -> tuple[int, int]:
    """Start and end (exclusive) of the story; (0, 0) when no block reads like story text.

    Boundary blocks cut the page into regions; the story is the best run of the best region,
    extended across a boundary only when the text beyond it continues the story's vocabulary.
    """
    cuts = [i for i, s in enumerate(scored) if s.boundary]
    edges = [-1] + cuts + [len(scored)]
    runs = [_best_run(scored, a + 1, b) for a, b in zip(edges, edges[1:])]
    if not runs:
        return 0, 0
    k = max(range(len(runs)), key=lambda r: (runs[r][2], -r))
    start, end, mass = runs[k]
    if mass <= 0:
        return 0, 0
    best = start, end
    vocab = None  # the best run's vocabulary: gathered only once a region is near and big enough
    for step in (1, -1):  # forward, then backward across boundaries
        j = k + step
        while 0 <= j < len(runs):
            a, b, m = runs[j]
            gap = (a - end) if step == 1 else (start - b)
            if m < EXTEND_MIN_MASS * mass or gap > EXTEND_MAX_GAP:
                break
            if vocab is None:
                vocab = story_vocabulary(scored, *best)
            if coherence(scored, a, b, vocab) < EXTEND_MIN_COHERENCE:
                break
            start, end = min(start, a), max(end, b)
            j += step
    return start, end


def trim_teaser_tail(scored: list[Scored], start: int, end: int) -> int:
    """End of the story once a trailing run of teasers (headline, summary, headline, summary...)
    about other subjects is cut off; flattened text has no markup to tell them apart."""
    i = end - 1
    pairs = 0
    while i - 1 >= start:
        head, body = scored[i - 1], scored[i]
        if teaser_headline(head) and body.feats.words >= TEASER_MIN_WORDS and body.feats.terminal:
            pairs += 1
            i -= 2
        elif teaser_headline(body) and i == end - 1:  # run may end with a lone headline
            i -= 1
        else:
            break
    if pairs < TEASER_MIN_PAIRS:
        return end
    cut = i + 1
    # the story kept must have paragraphs of its own: a title and a two-paragraph intro before
    # subheaded sections is not a story followed by teasers
    if sum(1 for s in scored[start:cut] if s.feats.terminal) < TEASER_MIN_STORY:
        return end
    vocab = story_vocabulary(scored, start, cut)
    if coherence(scored, cut, end, vocab) >= TEASER_MAX_COHERENCE:
        return end
    return cut


def trim_to_container(scored: list[Scored], start: int, end: int) -> int:
    """HTML: end of the story once a short trailing run outside its container, about other things
    (a company blurb, an author bio), is cut off; such blurbs read like prose and join the core."""
    # the container's last block, searched for only where it may be: among the last blocks
    last = next((i for i in range(end - 1, max(start, end - 1 - TAIL_MAX_BLOCKS) - 1, -1)
                 if scored[i].block.in_story_container), None)
    if last is None or last == end - 1:  # no container, or nothing after its last block to cut
        return end
    cut = last + 1
    tail = sum(s.feats.words for s in scored[cut:end] if s.score > 0)
    story = sum(s.feats.words for s in scored[start:cut] if s.score > 0 and s.block.in_story_container)
    if story < TAIL_MIN_STORY_WORDS or tail > TAIL_MAX_SHARE * story or \
            coherence(scored, cut, end, story_vocabulary(scored, start, cut)) >= EXTEND_MIN_COHERENCE:
        return end
    return cut


def _label_by_place(s: Scored, before_core: bool) -> tuple[str, str]:
    """Label and reason of a block outside the story that no boilerplate evidence names."""
    if before_core:
        return ("navigation" if s.feats.words <= PLACE_LINE_WORDS else "boilerplate"), BEFORE_CORE
    return ("related" if s.feats.words > PLACE_LINE_WORDS else "footer"), AFTER_CORE


#: Leaning to recall: a block the story's container holds, taken in last.
CONTAINER_JOIN = "lean_container"


def join_container(scored: list[Scored], lean: Lean, title: int | None) -> None:
    """Leaning to recall, last: the blocks of the story's container that the decision left out
    with little against them (captions, short lines, linked asides) join the story."""
    floor = lean.container_join_score
    if floor is None:
        return
    for i, s in enumerate(scored):
        b = s.block
        if b.in_story_container and s.score >= floor and b.label not in ("main", "title") \
                and b.tag != "h1" and i != title:
            relabel(s, "main", CONTAINER_JOIN)


def label_blocks(scored: list[Scored], start: int, end: int, lean: Lean = LEANS["balanced"]) -> None:
    """Every block's first label and reasons, and its score: by its evidence inside the core
    [start, end), by its evidence or its place outside; ``lean`` shifts the thresholds."""
    loose = lean.loose_prose_score
    for i, s in enumerate(scored):
        b = s.block
        b.score = s.score
        if start <= i < end:
            if s.noise_label and (s.noise > s.content or s.boundary) or s.score < MAIN_MIN_SCORE:
                label, why = s.noise_label or "boilerplate", INSIDE_CORE
            else:
                label, why = "main", CORE
        elif b.in_story_container and s.score >= CONTAINER_PROSE_SCORE and s.noise_label is None:
            label, why = "main", CONTAINER_PROSE
        elif loose is not None and s.noise_label is None and s.score >= loose:
            label, why = "main", LOOSE_PROSE
        elif s.noise_label:  # outside the story: what its evidence says it is ...
            label, why = s.noise_label, OUTSIDE_CORE
        else:  # ... or what its place says
            label, why = _label_by_place(s, i < start)
        b.label, b.reasons = label, [*map(REASON, s.evidence), why]  # its first label: not a change
