"""Measurable properties of one block: length, sentence shape, stopword density, link density.

Features are computed once per block and read by every heuristic, so heuristics stay small.
"""
from __future__ import annotations

import re
from typing import NamedTuple

#: A word: a run of letters or digits, with an inner apostrophe ("don't", "l’eau"). The one
#: definition of a word for features, heuristics and the language vote. The apostrophe part is
#: optional through an empty alternative, not "?": the same matches, and the engine skips the
#: bookkeeping of a repeat at every word. (Possessive quantifiers would be faster still, but need
#: Python 3.11; the project supports 3.10.)
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+|)")
#: A letter of any script (a word character that is neither a digit nor "_").
LETTER = re.compile(r"[^\W\d_]")
#: Marks that end a sentence, and the closing quotes and brackets that may follow them.
_TERMINAL_MARKS = ".!?。！？"
_CLOSING_MARKS = "'\"”’»)]"
_SENTENCE_SPLIT = re.compile(r"[.!?。！？]+(?:\s|$)")
#: Endings of a truncated teaser ("..", "...", "…", "[…]", "[...]"), before trailing space.
_ELLIPSIS_ENDINGS = ("..", "…", "[…]", "[...]")
#: The sentence end marks as a set: a test of the last character (an empty string is not in it).
_TERMINAL_SET = frozenset(_TERMINAL_MARKS)
#: Characters whose lower case is not one character of the same word class (U+0130 "İ" becomes
#: "i" plus a combining dot), or depends on its neighbours (a final "Σ" becomes "ς"): a text
#: without them lower-cases character by character, so its words are the lower-cased text's
#: words (tests/test_features.py checks every code point).
CONTEXT_CASED = ("\u0130", "\u03a3")
_DIGIT = re.compile(r"\d")
_new_tuple = tuple.__new__


class Features(NamedTuple):
    """What the heuristics know about a block (a named tuple: immutable, and built several times
    faster than a frozen dataclass, once per block).

    The features few blocks are asked for (several_sentences, digits, content_words) are
    properties computed on each read: most blocks never need them, so they are not computed
    for every block.
    """

    text: str             # the block text, for the features computed on demand
    tokens: tuple[str, ...]  # its words as WORD finds them, lower-cased
    stop: frozenset[str]  # the document's stopwords
    lower: str            # the block text, lower-cased once for the vocabularies
    chars: int
    words: int
    stopwords: int
    stop_density: float   # share of words that are stopwords of the document's language
    stop_known: bool      # False when the language has no stoplist: stop_density means nothing
    link_density: float   # share of characters inside links (0 for text input)
    terminal: bool        # ends like a sentence (. ! ? with optional closing quote)
    ellipsis_end: bool    # ends with "..." or "…" (a truncated teaser)

    @property
    def several_sentences(self) -> bool:
        """At least two end marks followed by space or the end: several sentences (found
        without scanning past the second one: long paragraphs have many)."""
        first = _SENTENCE_SPLIT.search(self.text)
        return first is not None and _SENTENCE_SPLIT.search(self.text, first.end()) is not None

    @property
    def digits(self) -> float:
        """Share of characters that are digits."""
        return len(_DIGIT.findall(self.text)) / self.chars if self.chars else 0.0

    @property
    def content_words(self) -> frozenset[str]:
        """Lower-cased non-stopwords of 4+ letters, for coherence."""
        return frozenset(w for w in set(self.tokens) - self.stop if len(w) >= 4 and not w.isdigit())


def block_features(text: str, link_chars: int, stop: frozenset[str], unspaced: bool = False) -> Features:
    """Features of one block's text, given the document's stopword list."""
    lower = text.lower()
    # lower-casing keeps each character's place and class but for CONTEXT_CASED: the same words
    if text.isascii() or (CONTEXT_CASED[0] not in text and CONTEXT_CASED[1] not in text):
        words = WORD.findall(lower)
    else:
        words = list(map(str.lower, WORD.findall(text)))
    n = len(words)
    n_stop = sum(map(stop.__contains__, words))
    chars = len(text)
    end = text.rstrip()  # the text up to its last mark, for the two endings below
    if unspaced:  # CJK/Thai: words are not space-separated, approximate by characters
        n = max(n, chars // 2)
    # the fields in order, through tuple.__new__: a named tuple's own __new__ is a Python frame
    return _new_tuple(Features, (
        text,
        tuple(words),  # tokens; a tuple of strings: the garbage collector stops tracking it
        stop,
        lower,
        chars,
        n,  # words
        n_stop,  # stopwords
        (n_stop / len(words)) if words else 0.0,  # stop_density
        bool(stop) and not unspaced,  # stop_known
        (link_chars / chars) if chars else 0.0,  # link_density
        end.rstrip(_CLOSING_MARKS)[-1:] in _TERMINAL_SET,  # terminal: . ! ? then closing marks
        end.endswith(_ELLIPSIS_ENDINGS),  # ellipsis_end
    ))

