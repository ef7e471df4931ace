"""The pattern compiler: a vocabulary's regex parts compiled into a few regexes that answer as one
regex of all parts would, faster (a third off the text stage when it came in); and the screen
that says "maybe" before several vocabularies, cheaper still (:class:`Screen`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import takewhile


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
                kinds[anchor] += _alternatives(body)
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
    character's alternatives at once. Alternatives led by digits share one "\\d" the same way
    (:func:`_after_one_digit`): a quantified lead is entered at every try."""
    groups: dict[str, list[str]] = {}
    rest = []
    for alt in alts:
        head = _leading_literal(alt)
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
    if alt.startswith("\\d") and not alt[2:].startswith(_QUANTIFIERS):
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
_QUANTIFIER = re.compile(r"[?*+]\??|\{\d*,?\d*\}\??")
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
        for alt in _alternatives(body):
            if not cased and (_leading_literal(alt) or alt.startswith("\\d")):
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
    if len(_top_level_split(alt)) > 1:
        return None
    items = _items(alt)
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
        if before and _shortest_literal(word) >= FACTOR_MIN_CHARS and \
                all(_WORD_CHAR.match(a) for a in _top_level_split(word[3:-1])):
            return AT_WORD + tail
    return None


def _items(pattern: str) -> list[str]:
    """A sequence cut into its items (a character, escape, class or group), each with its
    quantifier."""
    items = []
    while pattern:
        end = _first_item_end(pattern)
        quantifier = _QUANTIFIER.match(pattern, end)
        end = quantifier.end() if quantifier else end
        items.append(pattern[:end])
        pattern = pattern[end:]
    return items


def _optional(item: str) -> bool:
    """Whether an item may match nothing."""
    return bool(_OPTIONAL.fullmatch(item, _first_item_end(item)))


def _literal_word(item: str, cased: bool) -> str | None:
    """A required group of alternatives each led by a plain character, as a "(?:...)" group the
    lower-cased text is searched with ("(?i:...)" from a cased vocabulary, where no capital is
    named); None for any other item."""
    opened = item.startswith("(?:") or cased and item.startswith("(?i:")
    if not opened or not item.endswith(")") or _optional(item):
        return None
    inner = item[item.index(":") + 1:-1]
    if cased and any(c.isupper() for c in inner) or \
            not all(_leading_literal(alt) for alt in _top_level_split(inner)):
        return None
    return "(?:" + inner + ")"


def _shortest_literal(group: str) -> int:
    """Fewest plain characters any alternative of a "(?:...)" group starts with."""
    shortest = None
    for alt in _top_level_split(group[3:-1]):
        for head_alt in _alternatives(alt):
            n = 0
            while head := _leading_literal(head_alt):
                n += 1
                head_alt = head_alt[len(head):]
            shortest = n if shortest is None else min(shortest, n)
    return shortest or 0


def _ends_non_word(items: list[str]) -> bool | None:
    """What a match of these items ends with: True when always a non-word character (or a word
    boundary, "\\b"), False when maybe a word character, None when maybe nothing at all (every
    item may match nothing, and each ends with a non-word character when it matches)."""
    for item in reversed(items):
        if item == AT_WORD:
            return True
        body = item[:_first_item_end(item)]
        if body in _NON_WORD_ITEMS or len(_items(body)) == 1 and _leading_literal(body) and \
                not _WORD_CHAR.match(body[-1]):
            ends = True
        elif body.startswith("(?:") and len(_top_level_split(body[3:-1])) == 1:
            ends = _ends_non_word(_items(body[3:-1])) is True
        else:
            return False
        if not ends:
            return False
        if not _optional(item):
            return True
    return None
