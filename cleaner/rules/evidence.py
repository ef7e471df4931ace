"""Evidence, the vote every heuristic returns, and the block measures heuristics share.

A heuristic is a plain function ``(block, features) -> Evidence | None``. Evidence for ``main``
says "this reads like story text"; evidence for any other label says "this is that kind of
boilerplate". The decision (:mod:`cleaner.decide`) adds the weights up and then decides in context.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

from ..features import Features
from ..model import Block

# --- thresholds ---------------------------------------------------------------------------
#: Words from which a block is long enough to be a paragraph rather than a menu item or label.
PARAGRAPH_WORDS = 12
#: Words from which a block is a substantial paragraph (teasers and captions are rarely longer).
LONG_WORDS = 30
#: Share of characters inside links above which a block is link furniture, not story text.
LINK_DENSE = 0.5
#: Characters per word above which a "short" block is one endless token, not chrome (a long URL
#: or German compound stays well below it).
MAX_CHARS_PER_WORD = 40
#: Boilerplate vocabulary only counts in blocks this short: a long paragraph that mentions
#: "newsletter" or "cookies" is story text about them.
VOCAB_MAX_WORDS = 40


class Evidence(NamedTuple):
    """One heuristic's vote: a label, how strongly, and the heuristic's name as the reason (a
    named tuple: immutable, and cheaper to build than a frozen dataclass, several per block)."""

    label: str
    weight: float
    reason: str
    boundary: bool = False  # marks the end of a story region (e.g. "Related Article", "Source link")


Heuristic = Callable[[Block, Features], "Evidence | None"]


def fits(f: Features, words: int) -> bool:
    """At most ``words`` words and a plausible number of characters for them: a block of one
    endless token (minified data, base64) would make the vocabulary regexes crawl."""
    return f.words <= words and f.chars <= words * MAX_CHARS_PER_WORD


def short(f: Features) -> bool:
    return fits(f, VOCAB_MAX_WORDS)
