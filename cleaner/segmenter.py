"""Decide every block's label in context: score -> find the story core -> label -> revise.

1. score: each block's heuristics vote; ``content`` is the evidence for story text, ``noise`` the
   strongest boilerplate label's evidence. score = content - all boilerplate evidence.
2. core: the story is the contiguous run of blocks with the highest summed, length-weighted
   score (maximum subarray); boundary markers ("Related Article", "Source link", "42 comments")
   weigh so much that the story rarely runs across them.
3. label: inside the core a block is ``main`` unless boilerplate evidence outweighs its content;
   outside, it takes its boilerplate label, or one chosen by its position.
4. revise: the title is picked among headline-like blocks just before the story.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .features import Features
from .heuristics import Evidence
from .model import Block

# --- thresholds ---------------------------------------------------------------------------
#: Weight of a boundary marker in the core search: the story needs this much more text beyond a
#: "Related Article" heading to run across it (a mid-story "Read more" box is crossed, the
#: teaser list at the end is not).
BOUNDARY_PENALTY = 12.0
#: Words per unit of length weight: a positive block counts words/LENGTH_UNIT times its score,
#: so one long paragraph outweighs a run of short noise blocks.
LENGTH_UNIT = 15.0
#: Cap on a block's length weight: one huge block must not drag the core across the page.
MAX_LENGTH_WEIGHT = 5.0
#: Floor on a block's length weight: short quotes and subheadings still count a little.
MIN_LENGTH_WEIGHT = 0.3
#: Inside the core, a block stays main when its score is at least this (subheadings score ~ -1).
MAIN_MIN_SCORE = -1.5
#: Words of a headline: titles are short but not a single word.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
#: How many blocks before the story the title may sit (bylines, dates and captions in between).
TITLE_LOOKBACK = 12

_WS = re.compile(r"\s+")


@dataclass
class Scored:
    """A block with its features, the evidence that fired and the sums the decision uses."""

    block: Block
    feats: Features
    evidence: list[Evidence]
    content: float = 0.0
    noise: float = 0.0
    noise_label: str | None = None
    boundary: bool = False
    score: float = 0.0
    noise_by_label: dict[str, float] = field(default_factory=dict)


def score(block: Block, feats: Features, evidence: list[Evidence]) -> Scored:
    """Sum a block's evidence: content for main, noise per boilerplate label."""
    s = Scored(block, feats, evidence)
    for ev in evidence:
        if ev.label == "main":
            s.content += ev.weight
        else:
            s.noise_by_label[ev.label] = s.noise_by_label.get(ev.label, 0.0) + ev.weight
            s.boundary = s.boundary or ev.boundary
    if s.noise_by_label:
        # strongest label wins; ties go to the label that fired first (deterministic)
        order = {ev.label: i for i, ev in reversed(list(enumerate(evidence)))}
        s.noise_label = max(s.noise_by_label, key=lambda k: (s.noise_by_label[k], -order[k]))
        s.noise = s.noise_by_label[s.noise_label]
    s.score = s.content - sum(s.noise_by_label.values())
    return s


def _weight(s: Scored) -> float:
    """Length-weighted contribution of a block to the core search."""
    if s.boundary:
        return -BOUNDARY_PENALTY
    if s.score > 0:
        return s.score * min(MAX_LENGTH_WEIGHT, max(MIN_LENGTH_WEIGHT, s.feats.words / LENGTH_UNIT))
    return s.score


def find_core(scored: list[Scored]) -> tuple[int, int]:
    """Start and end (exclusive) of the highest-scoring contiguous run of blocks; (0, 0) if none."""
    best, best_span = 0.0, (0, 0)
    run, start = 0.0, 0
    for i, s in enumerate(scored):
        w = _weight(s)
        if run <= 0:
            run, start = w, i
        else:
            run += w
        if run > best:
            best, best_span = run, (start, i + 1)
    return best_span


def _label_outside(s: Scored, before_core: bool) -> tuple[str, str]:
    if s.noise_label:
        return s.noise_label, "outside_core"
    if before_core:
        return ("navigation" if s.feats.words <= 8 else "boilerplate"), "before_core"
    return ("related" if s.feats.words > 8 else "footer"), "after_core"


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def pick_title(scored: list[Scored], core_start: int, hints: list[str]) -> int | None:
    """Index of the title block: one matching a page-title hint, else a headline before the story."""
    wanted = [_norm(h) for h in hints if h and h.strip()]
    if wanted:
        for i, s in enumerate(scored):
            t = _norm(s.block.text)
            if any(t == w or (len(t) > 15 and (w.startswith(t) or t in w)) for w in wanted) and \
                    TITLE_MIN_WORDS - 1 <= s.feats.words <= TITLE_MAX_WORDS:
                if s.block.tag in ("h1", "h2") or i <= core_start:
                    return i
    lo = max(0, core_start - TITLE_LOOKBACK)
    for i in range(core_start - 1, lo - 1, -1):
        s = scored[i]
        f = s.feats
        if TITLE_MIN_WORDS <= f.words <= TITLE_MAX_WORDS and not f.terminal and f.link_density < 0.5 \
                and s.noise_label not in ("caption", "footer", "promo", "consent", "comment"):
            if s.block.tag == "h1" or not any(x.block.tag == "h1" for x in scored[lo:core_start]):
                return i
    return None


def decide(scored: list[Scored], title_hints: list[str]) -> tuple[int, int, int | None]:
    """Label every block in place; returns the core span and the title block's index."""
    start, end = find_core(scored)
    for i, s in enumerate(scored):
        b = s.block
        b.score = s.score
        if start <= i < end:
            if s.noise_label and (s.noise > s.content or s.boundary) or s.score < MAIN_MIN_SCORE:
                b.label = s.noise_label or "boilerplate"
                why = "inside_core"
            else:
                b.label, why = "main", "core"
        else:
            b.label, why = _label_outside(s, i < start)
        b.reasons = [ev.reason for ev in s.evidence] + [why]
    t = pick_title(scored, start, title_hints)
    if t is not None:
        scored[t].block.label = "title"
        scored[t].block.reasons.append("title")
    return start, end, t
