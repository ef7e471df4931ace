"""Which heuristic runs when, computed from what each heuristic's registration says it reads.

:func:`evaluate` runs heuristics one by one. :func:`text_evidence` and :func:`dom_evidence` give
the same evidence as evaluating every text / DOM heuristic, faster, by skipping the heuristics
whose registration a block fails: it would give nothing (:mod:`cleaner.rules.evidence` makes
sure of that). Nothing here names a heuristic: a new one is dispatched by its registration.
"""
from __future__ import annotations

from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

from . import dom_heuristics, text_heuristics
from ..features import Features
from ..model import Block
from .evidence import (
    LINK_DENSE, MAX_CHARS_PER_WORD, PARAGRAPH_WORDS, VOCAB_MAX_WORDS, Evidence, Heuristic, fits,
)
from .patterns import Screen, Vocabulary, union


def _registered(module: ModuleType) -> tuple[Heuristic, ...]:
    """The heuristics a module registers, in the order it defines them (the evaluation order)."""
    return tuple(v for v in vars(module).values()
                 if callable(v) and hasattr(v, "reads") and getattr(v, "__module__", None) == module.__name__)


#: Heuristics that read only the text: used for both input kinds.
TEXT_HEURISTICS: tuple[Heuristic, ...] = _registered(text_heuristics)
#: Heuristics that read the markup: HTML input only.
DOM_HEURISTICS: tuple[Heuristic, ...] = _registered(dom_heuristics)
#: Text heuristics that give evidence only when one of their vocabularies matches. Nine blocks
#: in ten match none of them and skip them all.
SCREENED_HEURISTICS = tuple(h for h in TEXT_HEURISTICS if h.reads.vocabularies)
_UNSCREENED = tuple(h for h in TEXT_HEURISTICS if not h.reads.vocabularies)
#: The longest block any vocabulary counts in: a longer one skips the screen.
LONGEST_SCREENED_WORDS = max((h.reads.max_words for h in SCREENED_HEURISTICS), default=0)


class ScreenGroup(NamedTuple):
    """Screened heuristics of one length class and the screen of their vocabularies: of the
    lower-cased text, and (``cased``) of the text itself; ``max_words``: the longest they read."""

    heuristics: tuple[Heuristic, ...]
    screen: Vocabulary
    cased: Vocabulary
    max_words: int


def _screen_group(heuristics: tuple[Heuristic, ...]) -> ScreenGroup:
    """The group of these heuristics, each vocabulary once in its screen."""
    vocabularies = list(dict.fromkeys(v for h in heuristics for v in h.reads.vocabularies))
    return ScreenGroup(heuristics, union(*(v for v in vocabularies if not v.cased)),
                       union(*(v for v in vocabularies if v.cased)),
                       max((h.reads.max_words for h in heuristics), default=0))


def _length_class(h: Heuristic) -> int:
    """0: reads blocks longer than VOCAB_MAX_WORDS; 1: short blocks; 2: lines, shorter than
    PARAGRAPH_WORDS (headings, share bars, menus)."""
    words = h.reads.max_words
    return 0 if words > VOCAB_MAX_WORDS else 1 if words > PARAGRAPH_WORDS else 2


#: The screened heuristics in groups by length class: a short block that passes the whole screen
#: (most pass it for one vocabulary) runs only the groups it fits in and whose screen it passes;
#: a longer block can only pass the first group, the heuristics that read long blocks.
SCREEN_GROUPS: tuple[ScreenGroup, ...] = tuple(
    _screen_group(tuple(h for h in SCREENED_HEURISTICS if _length_class(h) == c)) for c in range(3))
#: Every screened heuristic's vocabularies, and the long group's: a quick "maybe" first (most
#: blocks pass none); the groups' own screens then answer exactly.
_SCREEN = Screen(*dict.fromkeys(v for h in SCREENED_HEURISTICS for v in h.reads.vocabularies))
_LONG_SCREEN = Screen(*dict.fromkeys(v for h in SCREEN_GROUPS[0].heuristics for v in h.reads.vocabularies))


def _run_of(groups: list[ScreenGroup]) -> tuple[Heuristic, ...]:
    """The text heuristics, in order, but for the screened ones outside these groups."""
    chosen = {h for g in groups for h in g.heuristics}
    return tuple(h for h in TEXT_HEURISTICS if h in chosen or h not in SCREENED_HEURISTICS)


#: The text heuristics to run for each set of groups a short block passes (bit i: group i) ...
_GROUP_RUNS = tuple(_run_of([g for i, g in enumerate(SCREEN_GROUPS) if mask >> i & 1])
                    for mask in range(1 << len(SCREEN_GROUPS)))
#: ... and for a longer block that passes the first group's screen.
_LONG_RUN = _GROUP_RUNS[1]
#: Every path token a DOM heuristic asks for: a block's other tokens change nothing.
_DOM_SCREEN_TOKENS = frozenset().union(*(h.reads.tokens for h in DOM_HEURISTICS))


def evaluate(block: Block, feats: Features, heuristics: tuple[Heuristic, ...],
             out: list[Evidence] | None = None) -> list[Evidence]:
    """Run every heuristic on a block; the evidence that fired, in heuristic order, appended to
    ``out`` (a new list by default: the DOM heuristics add to a block's text evidence)."""
    if out is None:
        out = []
    for h in heuristics:
        ev = h(block, feats)
        if ev is not None:
            out.append(ev)
    return out


def text_evidence(block: Block, feats: Features) -> list[Evidence]:
    """Evidence of every text heuristic for a block (as ``evaluate`` with TEXT_HEURISTICS): the
    screened heuristics are left out when none of their vocabularies that may count in a block
    this long matches, as none would fire (the first screen may pass more blocks: each group's
    screen, then each heuristic, checks its own). fits() is inlined: this runs for every block."""
    words, chars = feats.words, feats.chars
    if words <= VOCAB_MAX_WORDS and chars <= _VOCAB_MAX_CHARS:
        if _SCREEN.passes(feats.lower, block.text):
            return evaluate(block, feats, _GROUP_RUNS[_groups_passed(block, feats)])
    elif words <= LONGEST_SCREENED_WORDS and chars <= _LONGEST_SCREENED_CHARS:
        if _LONG_SCREEN.passes(feats.lower, block.text):
            return evaluate(block, feats, _LONG_RUN)
    return evaluate(block, feats, _UNSCREENED)


#: The characters fits() allows in blocks as long as the two screens read, for text_evidence.
_VOCAB_MAX_CHARS = VOCAB_MAX_WORDS * MAX_CHARS_PER_WORD
_LONGEST_SCREENED_CHARS = LONGEST_SCREENED_WORDS * MAX_CHARS_PER_WORD


def _groups_passed(block: Block, feats: Features) -> int:
    """The screen groups a block fits in and whose screen it passes, as bits (bit i:
    SCREEN_GROUPS[i])."""
    passed = 0
    for i, group in enumerate(SCREEN_GROUPS):
        if fits(feats, group.max_words) and (
                group.screen.search(feats.lower) or group.cased.search(block.text)):
            passed |= 1 << i
    return passed


def dom_evidence(blocks: list[Block], feats: list[Features], evidence: list[list[Evidence]]) -> None:
    """Add every DOM heuristic's evidence to each block's list (as ``evaluate`` with
    DOM_HEURISTICS). A block runs only the heuristics whose registration it passes: the others
    would give nothing. They are found once per path, tag and link density above LINK_DENSE (a
    menu's items share them), and once per the path's screened tokens: paths differ, their few
    screened tokens less so."""
    by_path: dict[tuple[frozenset[str], str, bool], tuple[Heuristic, ...]] = {}  # this page only
    for b, f, ev in zip(blocks, feats, evidence):
        key = (b.path, b.tag, f.link_density > LINK_DENSE)
        run = by_path.get(key)
        if run is None:
            run = by_path[key] = _dom_heuristics_for(b.path & _DOM_SCREEN_TOKENS, b.tag, key[2])
        evaluate(b, f, run, ev)


#: Runs remembered across pages: their keys are few (screened tokens, tag, linked) and recur on
#: every page, and a run depends on its key alone.
@lru_cache(maxsize=4096)
def _dom_heuristics_for(tokens: frozenset[str], tag: str, linked: bool) -> tuple[Heuristic, ...]:
    """The DOM heuristics, in order, whose registration a block passes, given its path's tokens
    (those any registration names are enough), its tag and whether its link density is above
    LINK_DENSE: their bodies, as the block has passed the test each would make again."""
    return tuple(h.body for h in DOM_HEURISTICS if h.reads.admits(tokens, tag, linked))
