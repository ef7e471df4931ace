"""The pattern compiler: a vocabulary's regex parts compiled into a few regexes that answer as one
regex of all parts would, faster (a third off the text stage when it came in).
"""
from __future__ import annotations

import re
from collections.abc import Iterator


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
        for part in parts:
            if part.startswith("^\\s*") and not part[4:].startswith(("?", "+")):
                spaced += _alternatives(part[4:])
            elif part.startswith("^"):
                at_start += _alternatives(part[1:])
            elif part.startswith("\\b"):
                at_word += _alternatives(part[2:])
            else:
                floating += _alternatives(_without_optional_head(part))
        word_led = [alt for alt in at_word if _leading_word_char(alt)]
        floating += ["\\b" + alt for alt in at_word if not _leading_word_char(alt)]
        literal_led = [alt for alt in floating if _leading_literal(alt)]
        others = [alt for alt in floating if not _leading_literal(alt)]
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


def _only_test(at_start, after_space, searches):
    """The one regex method that answers for a vocabulary compiled into a start test alone or one
    search alone (the test after a space needs the text with a space before it: not alone)."""
    if after_space is None and at_start is None and len(searches) == 1:
        return searches[0]
    if after_space is None and at_start is not None and not searches:
        return at_start
    return None


#: Characters with a meaning in a regex outside a character class; any other stands for itself.
_SPECIAL = frozenset("\\()[].^$*+?{}|")
#: What may follow an item to repeat it or make it optional.
_QUANTIFIERS = ("?", "*", "+", "{")
#: Quantifiers that let an item match nothing (greedy or lazy).
_OPTIONAL = re.compile(r"[?*]\??|\{0?,\d*\}\??|\{0\}\??")
_WORD_CHAR = re.compile(r"\w")
#: One or more digits: "\\d" not followed by a quantifier that allows none.
_DIGITS = re.compile(r"\\d(?![?*]|\{0|\{,)")


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Index, character and group depth of each character of a pattern outside escapes and
    character classes (a bracket counts at the depth outside its group)."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _class_end(pattern, i) + 1
        else:
            if c == ")":
                depth -= 1
            yield i, c, depth
            if c == "(":
                depth += 1
            i += 1


def _class_end(pattern: str, start: int) -> int:
    """Index of the "]" that closes the character class opened at ``start`` (a "]" right after
    "[" or "[^" is a member, not the end)."""
    i = start + 1
    if pattern[i] == "^":
        i += 1
    if pattern[i] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _group_end(pattern: str) -> int:
    """Index of the ")" that closes the group a pattern starts with."""
    return next(i for i, c, depth in _structure(pattern) if c == ")" and depth == 0)


def _first_item_end(pattern: str) -> int:
    """Where the first item of a pattern (a character, escape, class or group) ends."""
    if pattern.startswith("\\"):
        return 2
    if pattern.startswith("["):
        return _class_end(pattern, 0) + 1
    if pattern.startswith("("):
        return _group_end(pattern) + 1
    return 1


def _without_optional_head(pattern: str) -> str:
    """A pattern without its leading items that may match nothing ("a?\\s*b" is "b"): for a
    search the same answer, as a match of the rest is a match of the whole with them empty."""
    while pattern:
        end = _first_item_end(pattern)
        optional = _OPTIONAL.match(pattern, end)
        if optional is None or pattern[optional.end():].startswith("+"):  # not possessive
            return pattern
        pattern = pattern[optional.end():]
    return pattern


def _alternatives(pattern: str) -> list[str]:
    """The alternatives a pattern without a top-level "|" stands for: a leading group or class
    of plain characters is spread out ("(?:a|b)c" is "ac" or "bc", "[ab]c" too), and so is a
    leading optional item ("a?b" is "ab" or "b"), so that each alternative shows the character
    it starts with."""
    if not pattern or pattern[0] in ")|":
        return [pattern]
    end = _first_item_end(pattern)
    optional = re.match(r"\?\??(?!\+)", pattern[end:])
    if optional:
        rest = pattern[end + optional.end():]
        return _alternatives(pattern[:end] + rest) + _alternatives(rest)
    if pattern.startswith("(?:"):
        heads = _top_level_split(pattern[3:end - 1])
    elif pattern.startswith("["):
        heads = _plain_members(pattern[1:end - 1])
    else:
        return [pattern]
    tail = pattern[end:]
    if heads is None or tail.startswith(_QUANTIFIERS):
        return [pattern]
    return [alt for head in heads for alt in _alternatives(head + tail)]


def _top_level_split(pattern: str) -> list[str]:
    """A pattern cut at each "|" outside groups and classes."""
    bars = [i for i, c, depth in _structure(pattern) if c == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1, *bars], [*bars, len(pattern)])]


def _plain_members(members: str) -> list[str] | None:
    """The characters a class lists one by one, each as a regex; None for a class with a range,
    a negation or an escape such as ``\\d``."""
    out, i = [], 0
    if members.startswith("^"):
        return None
    while i < len(members):
        if members[i] == "\\":
            if members[i + 1].isalnum():
                return None
            out.append(members[i:i + 2])
            i += 2
        elif members[i] == "-" and 0 < i < len(members) - 1:
            return None
        else:
            out.append(re.escape(members[i]))
            i += 1
    return out


def _leading_literal(alt: str) -> str:
    """The plain character (or escaped punctuation) an alternative starts with and must match
    once; empty when it starts otherwise or the character may repeat or be left out."""
    if alt.startswith("\\") and len(alt) > 1 and not alt[1].isalnum():
        head = alt[:2]
    elif alt and alt[0] not in _SPECIAL:
        head = alt[0]
    else:
        return ""
    return "" if alt[len(head):].startswith(_QUANTIFIERS) else head


def _leading_word_char(alt: str) -> bool:
    """Whether an alternative must start with a word character: a literal one, or digits."""
    return bool(_WORD_CHAR.match(alt) and _leading_literal(alt)) or bool(_DIGITS.match(alt))


def _trie(alts: list[str]) -> str:
    """Alternatives joined into one regex, those with the same first character merged ("ab|ac|d"
    becomes "a(?:b|c)|d", and so on down): the engine passes over an alternative whose first
    character does not match without entering it, so each try rules out every other
    character's alternatives at once."""
    groups: dict[str, list[str]] = {}
    rest = []
    for alt in alts:
        head = _leading_literal(alt)
        if head:
            groups.setdefault(head, []).append(alt[len(head):])
        else:
            rest.append(alt)
    merged = [head + (tails[0] if len(tails) == 1 else "(?:" + _trie(tails) + ")") for head, tails in groups.items()]
    return "|".join(merged + rest)


def union(*vocabularies: Vocabulary) -> Vocabulary:
    """One vocabulary of the parts of several: it matches a text when any of them does (all are
    matched against the lower-cased text, or all against the text itself)."""
    cased = {v.cased for v in vocabularies if v.parts}  # an empty one matches neither
    if len(cased) > 1:
        raise ValueError("a union of cased and lower-case vocabularies matches neither text")
    return Vocabulary(*(part for v in vocabularies for part in v.parts), cased=cased == {True})
