"""Scores: each block's evidence summed into content (for story text) and noise (per boilerplate
label), and the one way a page rule adds evidence against a block (:func:`add_noise`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType

from ..features import Features
from ..model import Block
from ..rules.evidence import Evidence

#: A piece of evidence's reason; ``name in map(REASON, evidence)`` asks without a Python loop.
REASON = attrgetter("reason")


@dataclass(slots=True)
class Scored:
    """A block with its features, the evidence that fired and the sums the decision uses (slots:
    one per block, read many times by the revision passes)."""

    block: Block
    feats: Features
    evidence: list[Evidence]
    content: float = 0.0
    noise: float = 0.0
    noise_label: str | None = None
    boundary: bool = False
    score: float = 0.0
    noise_by_label: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))  # read-only


#: What :func:`_sums` returns: Scored's content, noise, noise_label, boundary, score, noise_by_label.
_Sums = tuple[float, float, str | None, bool, float, Mapping[str, float]]


def score_page(blocks: list[Block], feats: list[Features], evidence: list[list[Evidence]]) -> list[Scored]:
    """Sum every block's evidence: content for main, noise per boilerplate label. A page repeats
    its evidence (menu entries, the items of a teaser list): each distinct list is summed once, a
    memo for this page only (about 1 % of clean()'s time on scrapinghub). Twins share the memo's
    noise_by_label, a read-only view (:func:`add_noise` gives a block a new one)."""
    # all that _sums reads: the evidence, and whether the block is in the story's container (one
    # memo each way: a key of tuple(ev) costs less to build than one with the flag in front)
    inside: dict[tuple[Evidence, ...], _Sums] = {}
    outside: dict[tuple[Evidence, ...], _Sums] = {}
    scored = []
    for b, f, ev in zip(blocks, feats, evidence):
        done = inside if b.in_story_container else outside
        key = tuple(ev)
        sums = done.get(key)
        if sums is None:
            sums = done[key] = _sums(ev, bool(b.in_story_container))
        scored.append(Scored(b, f, ev, *sums))
    return scored


def add_noise(s: Scored, ev: Evidence) -> None:
    """Add a context rule's evidence against a block (not "main", no boundary marker) and update
    its sums to what :func:`score_page` gives for all its evidence, without summing it all again."""
    s.evidence.append(ev)
    noise_by_label = dict(s.noise_by_label)  # a new dict: its twins share the old one
    noise_by_label[ev.label] = noise_by_label.get(ev.label, 0.0) + ev.weight  # the last to add, as in _sums
    noise_label, s.noise, total = _strongest(noise_by_label)
    if noise_label != s.noise_label:  # the new evidence marks no boundary: only a new label asks again
        s.boundary = not s.block.in_story_container and \
            any(e.boundary and e.label == noise_label for e in s.evidence)
    s.noise_label, s.score, s.noise_by_label = noise_label, s.content - total, MappingProxyType(noise_by_label)


def relabel(s: Scored, label: str, reason: str) -> None:
    """The one way a pass changes a block's label once it has one: the new label, and the pass's
    reason added to the block's reasons."""
    s.block.label = label
    s.block.reasons.append(reason)


def _sums(evidence: list[Evidence], in_container: bool) -> _Sums:
    """content, noise, noise_label, boundary, score and noise_by_label of a block's evidence."""
    content = 0.0
    noise_by_label: dict[str, float] = {}
    marker = False
    for label, weight, _, boundary in evidence:  # unpacked: cheaper than reading named fields
        if label == "main":
            content += weight
        else:
            noise_by_label[label] = noise_by_label.get(label, 0.0) + weight
            marker = marker or boundary
    noise_label, noise, total = _strongest(noise_by_label)
    # a boundary marker only counts when its label is what the block is: a credit line that
    # says "copyright" is a caption, not the page's legal footer; inside the element that holds
    # the story (HTML), markers are embeds and credits, and the container already bounds the story
    boundary = marker and not in_container and \
        any(ev.boundary and ev.label == noise_label for ev in evidence)
    return content, noise, noise_label, boundary, content - total, MappingProxyType(noise_by_label)


def _strongest(noise_by_label: Mapping[str, float]) -> tuple[str | None, float, float]:
    """The strongest noise label, its weight, and the weight of all labels.

    Ties go to the label that fired first (deterministic): the dict holds labels in the order
    they first fired, and only a stronger label replaces it."""
    noise_label, noise, total = None, 0.0, 0
    for label, weight in noise_by_label.items():
        total += weight
        if noise_label is None or weight > noise:
            noise_label, noise = label, weight
    return noise_label, noise, total
