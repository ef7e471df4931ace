"""The title: a block matching a page-title hint (og:title, <title>), else the first <h1>, else
the headline-shaped block before the story that shares most words with it."""
from __future__ import annotations

from typing import NamedTuple

from .scores import Scored
from .shapes import TITLE_MAX_WORDS, TITLE_MIN_WORDS, coherence, headline, story_vocabulary

#: Shortest text compared with a page-title hint by prefix or containment.
TITLE_HINT_MIN_CHARS = 12
#: Share of digits above which a line is a date or score, not a headline.
TITLE_MAX_DIGITS = 0.15
#: Preference for candidates close to the story (divided by the distance in blocks).
TITLE_NEAR_BONUS = 0.2
#: How many blocks before the story the title may sit (bylines, dates and captions in between).
TITLE_LOOKBACK = 12


def norm(text: str) -> str:
    """Lower-cased, with every run of white space one space and none at the ends."""
    return " ".join(text.split()).lower()  # split(): the white space of \s, without a regex


class Hints(NamedTuple):
    """Page-title hints (og:title, <title>), normalised and laid out for :func:`matches_hint`."""

    exact: frozenset[str]
    joined: str  # one hint per line: a block's text (one line) is in it when it is in one hint
    long: tuple[str, ...]  # the hints long enough for a block to start with one


def prepare_hints(hints: list[str]) -> Hints:
    """The non-empty hints, normalised once per page rather than once per block compared."""
    wanted = [norm(h) for h in hints if h and h.strip()]
    return Hints(frozenset(wanted), "\n".join(wanted),
                  tuple(w for w in wanted if len(w) >= TITLE_HINT_MIN_CHARS))


def matches_hint(text: str, hints: Hints) -> bool:
    """``text`` (normalised) is a hint, or, both at least TITLE_HINT_MIN_CHARS long, sits inside a
    hint or starts with one."""
    return text in hints.exact or len(text) >= TITLE_HINT_MIN_CHARS and (
        text in hints.joined or text.startswith(hints.long))


def pick_title(scored: list[Scored], core_start: int, core_end: int, hints: Hints) -> int | None:
    """Index of the title block: one matching a page-title hint (og:title, <title>), else the
    page's first <h1>, else the headline-shaped block before the story that shares most words
    with it (bylines and dates sit there too, and share none)."""
    last = core_end if core_end > core_start else len(scored)
    for i, s in enumerate(scored[:last]):
        # where it may be before whether it matches: most of the story is neither a heading
        # nor before it, and normalising its text is the costly part
        if TITLE_MIN_WORDS - 1 <= s.feats.words <= TITLE_MAX_WORDS and s.block.tag != "img" and \
                (s.block.tag in ("h1", "h2") or i <= core_start) and matches_hint(norm(s.block.text), hints):
            return i
    for i, s in enumerate(scored[:last]):
        if s.block.tag == "h1" and TITLE_MIN_WORDS - 1 <= s.feats.words <= TITLE_MAX_WORDS:
            return i
    vocab = story_vocabulary(scored, core_start, core_end)
    best, best_score = None, 0.0
    for i in range(core_start - 1, max(0, core_start - TITLE_LOOKBACK) - 1, -1):
        s = scored[i]
        if not headline(s) or s.feats.digits > TITLE_MAX_DIGITS:
            continue
        score = coherence(scored, i, i + 1, vocab) + TITLE_NEAR_BONUS / (core_start - i)
        if best is None or score > best_score:
            best, best_score = i, score
    return best
