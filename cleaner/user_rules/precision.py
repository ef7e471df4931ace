"""``precision = "high"``: the finished body (every pass and the page type's strategy done) gives
up the blocks it holds on the thinnest grounds, so what stays is more surely the story.

Three trims, each judged on the body as the decision left it (one does not feed the next):
the body outside the story's container when the container holds nearly all of it; blocks in a
box named footer, promo or consent; and the tail after the core's last block that only the
container's context kept. Dropping short or linked lines in the middle of a story costs
precision instead: the text around the gap joins into word runs the story never had.
Measured by benchmarks/precision_knob.py (README, "Steer").
"""
from __future__ import annotations

from ..decide.core import CONTAINER_PROSE, CORE
from ..decide.revisions import INSIDE_STORY_CONTAINER
from ..model import Block
from ..rules.dom_heuristics import DOM_CONSENT, DOM_FOOTER, DOM_PROMO

#: The story's container holds at least this share of the body's words: the body's blocks
#: outside it are a second story, a blurb or a teaser the core ran into. 0.7 since the page-type
#: work raised the balanced body (2026-12-08: at 0.8 wcxb-dev precision rose only 0.0096; at 0.7
#: +0.011, F1 -0.008, scrapinghub +0.012, F1 -0.002); lower, whole stories split over two
#: elements lose their part outside.
CONTAINER_SHARE = 0.7
#: A block inside a box named for one of these is that box's copy, however well it reads; the
#: label it takes. (Navigation, related and comment boxes also hold tables of contents, a
#: story's sidebar and a thread's posts: they stay.)
BOXED_OUT = {DOM_FOOTER: "footer", DOM_PROMO: "promo", DOM_CONSENT: "consent"}
#: Reasons a block is story by the story's container alone (taken back, or prose beside the core).
CONTEXT_ONLY = frozenset({INSIDE_STORY_CONTAINER, CONTAINER_PROSE})

# --- the reasons of a trimmed block ---------------------------------------------------------
OUTSIDE_CONTAINER = "high:outside_container"
BOXED = "high:boxed_out"
CONTEXT_TAIL = "high:context_tail"


def trim_for_precision(blocks: list[Block]) -> None:
    """Take out of the body what the three trims name (see the module); each such block gets
    the trim's label and reason."""
    body = [(i, b) for i, b in enumerate(blocks) if b.label == "main"]
    if not body:
        return
    trims = [*_outside_container(body), *_boxed_out(body), *_context_tail(body)]
    for b, label, reason in trims:
        if b.label == "main":  # two trims may name one block: the first says why
            b.label = label
            b.reasons.append(reason)


def _outside_container(body: list[tuple[int, Block]]) -> list[tuple[Block, str, str]]:
    """HTML: the body's blocks outside the story's container, once it holds CONTAINER_SHARE of
    the body's words."""
    outside = [b for _, b in body if b.in_story_container is False]
    if not outside:
        return []
    total = sum(len(b.text.split()) for _, b in body)
    inside = sum(len(b.text.split()) for _, b in body if b.in_story_container)
    if inside < CONTAINER_SHARE * total:
        return []
    return [(b, "boilerplate", OUTSIDE_CONTAINER) for b in outside]


def _boxed_out(body: list[tuple[int, Block]]) -> list[tuple[Block, str, str]]:
    """Blocks with the evidence of a footer, promo or consent box."""
    found = []
    for _, b in body:
        label = next((BOXED_OUT[r] for r in b.reasons if r in BOXED_OUT), None)
        if label is not None:
            found.append((b, label, BOXED))
    return found


def _context_tail(body: list[tuple[int, Block]]) -> list[tuple[Block, str, str]]:
    """After the last block the core search made story, the blocks only the container kept."""
    last = max((i for i, b in body if b.reasons and b.reasons[-1] == CORE), default=None)
    if last is None:
        return []
    return [(b, "boilerplate", CONTEXT_TAIL) for i, b in body
            if i > last and b.reasons and b.reasons[-1] in CONTEXT_ONLY]
