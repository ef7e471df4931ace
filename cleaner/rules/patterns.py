"""The pattern compiler: a vocabulary's regex parts compiled into a few regexes that answer as one
regex of all parts would, faster (a third off the text stage when it came in); and the screen
that says "maybe" before several vocabularies, cheaper still (:class:`Screen`).
"""
from __future__ import annotations

import re
from itertools import takewhile

from .regex_syntax import (
    QUANTIFIERS,
    WORD_CHAR,
    alternatives,
    first_item_end,
    leading_literal,
    leading_word_char,
    may_be_empty,
    pattern_items,
    shortest_literal,
    top_level_split,
    without_optional_head,
)


class Vocabulary:
    """One concept's patterns, each part one alternative, compiled into a few regexes that give
    the answers of one regex of all parts, faster:

    - parts anchored with ``^`` are tried at the start of the text only (joined with the others,
      they would be retried at every character);
    - parts that start at a word boundary (``\\b``) and then with a word character are searched
      right after a non-word character, in the text after a space (so also at its start): just
      where ``\\b`` lets them match. A regex led by ``\\b`` is tried at every character; one led
      by ``\\W`` only after the non-word characters, which the engine finds with a fast scan. The
      space spares compiling them a second time into the start test (half the time the
      vocabularies took to compile) for a copy of the text per search (~0.1 µs);
    - the other parts are searched without their optional leading items (a search that finds
      "b" finds "a?b" there), so that most start with a plain character: the engine scans for
      a regex's possible first characters when every alternative starts with one;
    - the alternatives of each kind are merged by their leading characters (:func:`_trie`).
    """

    def __init__(self, *parts: str, cased: bool = False) -> None:
        self.parts = parts
        #: Matched against the text itself (it reads capitals), not the lower-cased text.
        self.cased = cased
        spaced, at_start, at_word, floating = [], [], [], []
        kinds = {SPACED: spaced, AT_START: at_start, AT_WORD: at_word}
        for part in parts:
            anchor, body = _anchored(part)
            if anchor:
                kinds[anchor] += alternatives(body)
            else:
                floating += alternatives(without_optional_head(part))
        word_led = [alt for alt in at_word if leading_word_char(alt)]
        floating += ["\\b" + alt for alt in at_word if not leading_word_char(alt)]
        literal_led = [alt for alt in floating if leading_literal(alt)]
        others = [alt for alt in floating if not leading_literal(alt)]
        at_start = [_trie(at_start)] if at_start else []
        if spaced:
            at_start.append("\\s*(?:" + _trie(spaced) + ")")
        searches = [_trie(literal_led)] if literal_led else []
        searches += ["|".join(others)] if others else []
        self._tests = (  # one attribute: each read of one costs a dictionary look-up
            re.compile("|".join(at_start)).match if at_start else None,
            re.compile("\\W(?:" + _trie(word_led) + ")").search if word_led else None,
            tuple(re.compile(rx).search for rx in searches),
        )
        alone = _only_test(*self._tests)
        if alone is not None:  # the regex's own method, called without a Python frame
            self.search = alone

    def search(self, text: str) -> bool | re.Match:
        """Whether any part matches (an anchored part at the start): truthy or not. A vocabulary
        compiled into one start test or one search answers with that regex's match or None."""
        at_start, after_space, searches = self._tests
        if at_start is not None and at_start(text):
            return True
        if after_space is not None and after_space(" " + text):
            return True
        for test in searches:
            if test(text):
                return True
        return False


#: How a part is anchored: at the start after spaces, at the start, at a word boundary.
SPACED, AT_START, AT_WORD = "^\\s*", "^", "\\b"


def _anchored(part: str) -> tuple[str, str]:
    """A part's anchor (SPACED, AT_START, AT_WORD, or "" for none) and the pattern after it."""
    if part.startswith(SPACED) and not part[4:].startswith(("?", "+")):
        return SPACED, part[4:]
    for anchor in (AT_START, AT_WORD):
        if part.startswith(anchor):
            return anchor, part[len(anchor):]
    return "", part


def _only_test(at_start, after_space, searches):
    """The one regex method that answers for a vocabulary compiled into a start test alone or one
    search alone (the test after a space needs the text with a space before it: not alone)."""
    if after_space is None and at_start is None and len(searches) == 1:
        return searches[0]
    if after_space is None and at_start is not None and not searches:
        return at_start
    return None


def _trie(alts: list[str]) -> str:
    """Alternatives joined into one regex, those with the same first character merged ("ab|ac|d"
    becomes "a(?:b|c)|d", and so on down): the engine passes over an alternative whose first
    character does not match without entering it, so each try rules out every other
    character's alternatives at once. Alternatives led by digits share one "\\d" the same way
    (:func:`_after_one_digit`): a quantified lead is entered at every try."""
    groups: dict[str, list[str]] = {}
    rest = []
    for alt in alts:
        head = leading_literal(alt)
        if head:
            groups.setdefault(head, []).append(alt[len(head):])
        elif (tail := _after_one_digit(alt)) is not None:
            groups.setdefault("\\d", []).append(tail)
        else:
            rest.append(alt)
    merged = [head + (tails[0] if len(tails) == 1 else "(?:" + _trie(tails) + ")") for head, tails in groups.items()]
    return "|".join(merged + rest)


#: A lead of digits that takes at least one: "\\d+", "\\d{2}", "\\d{1,2}", "\\d{4,}" (greedy or lazy;
#: not possessive, which would need an atomic group).
_DIGIT_LEAD = re.compile(r"\\d(?:\+|\{([1-9]\d*)(,(\d*))?\})(\??)(?![+?])")


def _after_one_digit(alt: str) -> str | None:
    """What an alternative led by one or more digits matches after its first one ("\\d+x" is
    "\\d" then "\\d*x", "\\d{1,2}x" is "\\d" then "\\d{0,1}x"); None when it is not led so."""
    if alt.startswith("\\d") and not alt[2:].startswith(QUANTIFIERS):
        return alt[2:]
    lead = _DIGIT_LEAD.match(alt)
    if lead is None:
        return None
    least, upto, most, lazy = lead.groups()
    if least is None:  # "+"
        rest = "*"
    elif upto is None:  # "{n}": one digit less, or none
        if least == "1":
            return alt[lead.end():]
        rest = f"{{{int(least) - 1}}}"
    else:  # "{n,}" or "{n,m}"
        rest = f"{{{int(least) - 1},{int(most) - 1 if most else ''}}}"
    return "\\d" + rest + lazy + alt[lead.end():]


def union(*vocabularies: Vocabulary) -> Vocabulary:
    """One vocabulary of the parts of several: it matches a text when any of them does (all are
    matched against the lower-cased text, or all against the text itself)."""
    cased = {v.cased for v in vocabularies if v.parts}  # an empty one matches neither
    if len(cased) > 1:
        raise ValueError("a union of cased and lower-case vocabularies matches neither text")
    return Vocabulary(*(part for v in vocabularies for part in v.parts), cased=cased == {True})


class Screen:
    """A quick "maybe" before several vocabularies: it passes every text one of them matches, and
    some more (what it screens for checks its own vocabulary). Two kinds of parts are read from
    a word they require (:func:`_screen_parts`), as the engine would otherwise try a costly lead
    on every text:

    - a lower-case vocabulary's anchored part led by runs of any characters ("(?:\\S+\\s){1,4}
      says", ".{0,80}\\bsaid:") is searched from its first literal word of FACTOR_MIN_CHARS+
      letters that always follows a non-word character, after a space like the other parts;
    - a cased vocabulary (it reads capitals, so it is matched against the text) is read in the
      lower-cased text from the lower-case words each of its parts requires, where the text is
      ASCII: there each letter matches ``(?i:...)`` exactly when its lower case does. Other
      texts, and cased vocabularies with a part requiring no such word, are matched as they are.
    """

    def __init__(self, *vocabularies: Vocabulary) -> None:
        self.vocabularies = vocabularies
        lower, by_lower, exact = [], [], []
        for v in vocabularies:
            parts = _screen_parts(v.parts, v.cased)
            if parts is None:
                exact.append(v)
            else:
                lower += parts
                if v.cased:
                    by_lower.append(v)
        self.parts = tuple(lower)
        self._lower = Vocabulary(*lower).search if lower else None
        self._cased = union(*by_lower).search if by_lower else None  # for text that is not ASCII
        self._exact = union(*exact).search if exact else None

    def passes(self, lower: str, text: str) -> bool:
        """Whether a text (``text``, lower-cased ``lower``) may match one of the vocabularies."""
        if self._lower is not None and self._lower(lower):
            return True
        if self._exact is not None and self._exact(text):
            return True
        return self._cased is not None and not text.isascii() and bool(self._cased(text))


#: Letters each alternative of a word a screen searches for needs (anchored ones need none): a
#: shorter one ("è", "es") is in most texts, and the screen would pass them all.
FACTOR_MIN_CHARS = 3
#: Items that read no letter: they follow a cased vocabulary's word into its lower-case reading.
_CASE_FREE = frozenset({AT_WORD, "\\s", "\\s+", "\\s*"})
#: Items whose every character is not a word character.
_NON_WORD_ITEMS = ("\\s", "\\W", " ")


def _screen_parts(parts: tuple[str, ...], cased: bool) -> list[str] | None:
    """A screen's parts for a vocabulary's parts, matched against the lower-cased text: a
    lower-case vocabulary's parts, but for anchored alternatives led by a costly item, read from
    a word they require; each of a cased vocabulary's alternatives read from a lower-case word it
    requires, or None when one requires none."""
    out = []
    for part in parts:
        anchor, body = _anchored(part)
        if anchor not in (SPACED, AT_START):
            if cased:
                return None
            out.append(part)
            continue
        for alt in alternatives(body):
            if not cased and (leading_literal(alt) or alt.startswith("\\d")):
                out.append(anchor + alt)  # the engine turns most texts down at the first character
                continue
            factor = _factor(alt, anchor, cased)
            if factor is None and cased:
                return None
            out.append(factor or anchor + alt)
    return out


def _factor(alt: str, anchor: str, cased: bool) -> str | None:
    """A part every match of an anchored alternative contains: its items up to a literal word
    that only optional non-word items precede (anchored as the alternative is), or a literal
    word of FACTOR_MIN_CHARS+ letters that a non-word character always precedes and what follows
    it (searched at a word boundary); for a cased alternative, the word lower-case and the
    spaces and boundaries that follow it. None when the alternative requires no such word."""
    if len(top_level_split(alt)) > 1:
        return None
    items = pattern_items(alt)
    for i, item in enumerate(items):
        word = _literal_word(item, cased)
        if word is None:
            continue
        before = _ends_non_word(items[:i])
        if cased:  # the word, and the spaces and boundaries right after it
            tail = word + "".join(takewhile(_CASE_FREE.__contains__, items[i + 1:]))
        else:
            tail = "".join(items[i:])
        if before is None:  # at the start but for optional non-word items
            return anchor + "".join(items[:i]) + tail
        if before and shortest_literal(word) >= FACTOR_MIN_CHARS and \
                all(WORD_CHAR.match(a) for a in top_level_split(word[3:-1])):
            return AT_WORD + tail
    return None


def _literal_word(item: str, cased: bool) -> str | None:
    """A required group of alternatives each led by a plain character, as a "(?:...)" group the
    lower-cased text is searched with ("(?i:...)" from a cased vocabulary, where no capital is
    named); None for any other item."""
    opened = item.startswith("(?:") or cased and item.startswith("(?i:")
    if not opened or not item.endswith(")") or may_be_empty(item):
        return None
    inner = item[item.index(":") + 1:-1]
    if cased and any(c.isupper() for c in inner) or \
            not all(leading_literal(alt) for alt in top_level_split(inner)):
        return None
    return "(?:" + inner + ")"


def _ends_non_word(items: list[str]) -> bool | None:
    """What a match of these items ends with: True when always a non-word character (or a word
    boundary, "\\b"), False when maybe a word character, None when maybe nothing at all (every
    item may match nothing, and each ends with a non-word character when it matches)."""
    for item in reversed(items):
        if item == AT_WORD:
            return True
        body = item[:first_item_end(item)]
        if body in _NON_WORD_ITEMS or len(pattern_items(body)) == 1 and leading_literal(body) and \
                not WORD_CHAR.match(body[-1]):
            ends = True
        elif body.startswith("(?:") and len(top_level_split(body[3:-1])) == 1:
            ends = _ends_non_word(pattern_items(body[3:-1])) is True
        else:
            return False
        if not ends:
            return False
        if not may_be_empty(item):
            return True
    return None
