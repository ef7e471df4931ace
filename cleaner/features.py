"""Measurable properties of one block: length, sentence shape, stopword density, link density.

Features are computed once per block and read by every heuristic, so heuristics stay small.
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import NamedTuple

#: A word: a run of letters or digits, with an inner apostrophe ("don't", "l’eau"). The one
#: definition of a word for features, heuristics and the language vote.
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
#: A letter of any script (a word character that is neither a digit nor "_").
LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?…。！？:;»“”\"')\]]\s*$")
#: Marks that end a sentence, and the closing quotes and brackets that may follow them.
_TERMINAL_MARKS = ".!?。！？"
_CLOSING_MARKS = "'\"”’»)]"
_SENTENCE_SPLIT = re.compile(r"[.!?。！？]+(?:\s|$)")
#: Endings of a truncated teaser ("..", "...", "…", "[…]", "[...]"), before trailing space.
_ELLIPSIS_ENDINGS = ("..", "…", "[…]", "[...]")
_DIGIT = re.compile(r"\d")
_first_char = itemgetter(0)  # a word's first character


class Features(NamedTuple):
    """What the heuristics know about a block (a named tuple: immutable, and built several times
    faster than a frozen dataclass, once per block)."""

    lower: str            # the block text, lower-cased once for the vocabularies
    chars: int
    words: int
    stopwords: int
    stop_density: float   # share of words that are stopwords of the document's language
    stop_known: bool      # False when the language has no stoplist: stop_density means nothing
    link_density: float   # share of characters inside links (0 for text input)
    terminal: bool        # ends like a sentence (. ! ? with optional closing quote)
    sentences: int
    ellipsis_end: bool    # ends with "..." or "…" (a truncated teaser)
    capitalized: float    # share of words starting with a capital letter (headline casing)
    digits: float         # share of characters that are digits
    content_words: frozenset[str]  # lower-cased non-stopwords of 4+ letters, for coherence


def block_features(text: str, link_chars: int, stop: frozenset[str], unspaced: bool = False) -> Features:
    """Features of one block's text, given the document's stopword list."""
    words = WORD.findall(text)
    n = len(words)
    lower = list(map(str.lower, words))
    n_stop = sum(map(stop.__contains__, lower))
    caps = sum(map(str.isupper, map(_first_char, words)))  # words are never empty
    chars = len(text)
    if unspaced:  # CJK/Thai: words are not space-separated, approximate by characters
        n = max(n, chars // 2)
    sentences = len(_SENTENCE_SPLIT.findall(text)) or (1 if n else 0)
    return Features(
        lower=text.lower(),
        chars=chars,
        words=n,
        stopwords=n_stop,
        stop_density=(n_stop / len(words)) if words else 0.0,
        stop_known=bool(stop) and not unspaced,
        link_density=(link_chars / chars) if chars else 0.0,
        terminal=_ends_like_sentence(text),
        sentences=sentences,
        ellipsis_end=text.rstrip().endswith(_ELLIPSIS_ENDINGS),
        capitalized=(caps / len(words)) if words else 0.0,
        digits=(len(_DIGIT.findall(text)) / chars) if chars else 0.0,
        content_words=frozenset(w for w in set(lower) - stop if len(w) >= 4 and not w.isdigit()),
    )


def _ends_like_sentence(text: str) -> bool:
    """Ends with . ! ? (or a CJK full stop), then optionally closing quotes or brackets and space."""
    tail = text.rstrip().rstrip(_CLOSING_MARKS)
    return bool(tail) and tail[-1] in _TERMINAL_MARKS
