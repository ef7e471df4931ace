"""Evidence, the vote every heuristic returns; the registration that states what a heuristic reads;
and the block measures heuristics share.

A heuristic is a plain function ``(block, features) -> Evidence | None`` under one registration,
:func:`text_heuristic` or :func:`dom_heuristic`. Evidence for ``main`` says "this reads like story
text"; evidence for any other label says "this is that kind of boilerplate". The decision
(:mod:`cleaner.decide`) adds the weights up and then decides in context. What a registration
states is enforced: the heuristic is only run on blocks that pass it (see :func:`text_heuristic`),
so :mod:`cleaner.rules.dispatch` can skip heuristics by it without changing any result.
"""
from __future__ import annotations

from functools import update_wrapper
from typing import Callable, NamedTuple

from ..features import Features
from ..model import Block
from .patterns import Vocabulary

# --- measures the heuristics share ----------------------------------------------------------
#: Words from which a block is long enough to be a paragraph rather than a menu item or label.
PARAGRAPH_WORDS = 12
#: Words from which a block is a substantial paragraph (teasers and captions are rarely longer).
LONG_WORDS = 30
#: Share of characters inside links above which a block is link furniture, not story text.
LINK_DENSE = 0.5
#: Characters per word above which a "short" block is one endless token, not chrome (a long URL
#: or German compound stays well below it).
MAX_CHARS_PER_WORD = 40
#: Boilerplate vocabulary counts in blocks this short, unless a heuristic says otherwise: a long
#: paragraph that mentions "newsletter" or "cookies" is story text about them.
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


class TextReads(NamedTuple):
    """What a text heuristic reads. With ``vocabularies``, it gives evidence only for blocks that
    one of them matches (a ``cased`` vocabulary against the text, the others against the
    lower-cased text) and that fit in ``max_words``; without, it may fire for any block."""

    vocabularies: tuple[Vocabulary, ...] = ()
    max_words: int = 0


class DomReads(NamedTuple):
    """What a DOM heuristic needs to give evidence: one of these path tokens ("<tag" names and
    class/id tokens, see :mod:`cleaner.dom`), one of these tags, or (``links``) a link density
    above LINK_DENSE. A heuristic that declares none of them may fire for any block."""

    tokens: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    links: bool = False

    def screened(self) -> bool:
        """Whether the heuristic only fires for some blocks."""
        return bool(self.tokens or self.tags or self.links)

    def admits(self, tokens: frozenset[str], tag: str, linked: bool) -> bool:
        """Whether a block with these path tokens, this tag and (``linked``) a link density above
        LINK_DENSE passes (always, for a heuristic that declares nothing)."""
        return not self.screened() or (linked and self.links) or tag in self.tags or \
            not tokens.isdisjoint(self.tokens)


def text_heuristic(*vocabularies: Vocabulary, max_words: int = 0) -> Callable[[Heuristic], Heuristic]:
    """Register a text heuristic: it reads only the block's text and features, and, given
    vocabularies, the function is called only for blocks that fit in ``max_words`` and that one
    of them matches (the registered heuristic tests both first, so its body need not)."""
    if vocabularies and max_words <= 0:
        raise ValueError("a heuristic that reads vocabularies states the longest block it reads")
    reads = TextReads(vocabularies, max_words)

    def register(body: Heuristic) -> Heuristic:
        if not vocabularies:
            body.reads = reads
            return body
        heuristic = _guarded(body, vocabularies, max_words)
        update_wrapper(heuristic, body)
        heuristic.reads = reads
        return heuristic

    return register


def _guarded(body: Heuristic, vocabularies: tuple[Vocabulary, ...], max_words: int) -> Heuristic:
    """``body``, called only for blocks that fit in ``max_words`` and that one of the vocabularies
    matches (fits() inlined: this runs for many blocks)."""
    max_chars = max_words * MAX_CHARS_PER_WORD
    lower = tuple(v.search for v in vocabularies if not v.cased)
    cased = tuple(v.search for v in vocabularies if v.cased)
    if len(lower) == 1 and not cased:  # most heuristics: one vocabulary, without the loops
        search = lower[0]

        def one_vocabulary(b: Block, f: Features) -> Evidence | None:
            if f.words <= max_words and f.chars <= max_chars and search(f.lower):
                return body(b, f)
            return None

        return one_vocabulary

    def any_vocabulary(b: Block, f: Features) -> Evidence | None:
        if f.words > max_words or f.chars > max_chars:
            return None
        for search in lower:
            if search(f.lower):
                return body(b, f)
        for search in cased:
            if search(b.text):
                return body(b, f)
        return None

    return any_vocabulary


def dom_heuristic(tokens: frozenset[str] = frozenset(), tags: frozenset[str] = frozenset(),
                  links: bool = False) -> Callable[[Heuristic], Heuristic]:
    """Register a DOM heuristic (HTML only): given tokens, tags or links, the function is called
    only for blocks that pass them (:meth:`DomReads.admits`); ``body`` keeps the unguarded
    function, which :mod:`cleaner.rules.dispatch` calls once it has tested the same."""
    reads = DomReads(frozenset(tokens), frozenset(tags), links)

    def register(body: Heuristic) -> Heuristic:
        if not reads.screened():
            body.reads, body.body = reads, body
            return body

        def heuristic(b: Block, f: Features) -> Evidence | None:
            if reads.admits(b.path, b.tag, f.link_density > LINK_DENSE):
                return body(b, f)
            return None

        update_wrapper(heuristic, body)
        heuristic.reads, heuristic.body = reads, body
        return heuristic

    return register
