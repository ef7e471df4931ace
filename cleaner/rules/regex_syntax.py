"""Reading a regex's source: its items, alternatives and leading characters. What the pattern
compiler (:mod:`.patterns`) and its screen build on; nothing here compiles or runs a regex."""
from __future__ import annotations

import re
from collections.abc import Iterator

#: Characters with a meaning in a regex outside a character class; any other stands for itself.
SPECIAL = frozenset("\\()[].^$*+?{}|")
#: What may follow an item to repeat it or make it optional.
QUANTIFIERS = ("?", "*", "+", "{")
#: Quantifiers that let an item match nothing (greedy or lazy).
OPTIONAL = re.compile(r"[?*]\??|\{0?,\d*\}\??|\{0\}\??")
WORD_CHAR = re.compile(r"\w")
#: One or more digits: "\\d" not followed by a quantifier that allows none.
DIGITS = re.compile(r"\\d(?![?*]|\{0|\{,)")


def structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Index, character and group depth of each character of a pattern outside escapes and
    character classes (a bracket counts at the depth outside its group)."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = class_end(pattern, i) + 1
        else:
            if c == ")":
                depth -= 1
            yield i, c, depth
            if c == "(":
                depth += 1
            i += 1


def class_end(pattern: str, start: int) -> int:
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


def group_end(pattern: str) -> int:
    """Index of the ")" that closes the group a pattern starts with."""
    return next(i for i, c, depth in structure(pattern) if c == ")" and depth == 0)


def first_item_end(pattern: str) -> int:
    """Where the first item of a pattern (a character, escape, class or group) ends."""
    if pattern.startswith("\\"):
        return 2
    if pattern.startswith("["):
        return class_end(pattern, 0) + 1
    if pattern.startswith("("):
        return group_end(pattern) + 1
    return 1


def without_optional_head(pattern: str) -> str:
    """A pattern without its leading items that may match nothing ("a?\\s*b" is "b"): for a
    search the same answer, as a match of the rest is a match of the whole with them empty."""
    while pattern:
        end = first_item_end(pattern)
        optional = OPTIONAL.match(pattern, end)
        if optional is None or pattern[optional.end():].startswith("+"):  # not possessive
            return pattern
        pattern = pattern[optional.end():]
    return pattern


def alternatives(pattern: str) -> list[str]:
    """The alternatives a pattern without a top-level "|" stands for: a leading group or class
    of plain characters is spread out ("(?:a|b)c" is "ac" or "bc", "[ab]c" too), and so is a
    leading optional item ("a?b" is "ab" or "b"), so that each alternative shows the character
    it starts with."""
    if not pattern or pattern[0] in ")|":
        return [pattern]
    end = first_item_end(pattern)
    optional = re.match(r"\?\??(?!\+)", pattern[end:])
    if optional:
        rest = pattern[end + optional.end():]
        return alternatives(pattern[:end] + rest) + alternatives(rest)
    if pattern.startswith("(?:"):
        heads = top_level_split(pattern[3:end - 1])
    elif pattern.startswith("["):
        heads = plain_members(pattern[1:end - 1])
    else:
        return [pattern]
    tail = pattern[end:]
    if heads is None or tail.startswith(QUANTIFIERS):
        return [pattern]
    return [alt for head in heads for alt in alternatives(head + tail)]


def top_level_split(pattern: str) -> list[str]:
    """A pattern cut at each "|" outside groups and classes."""
    bars = [i for i, c, depth in structure(pattern) if c == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1, *bars], [*bars, len(pattern)])]


def plain_members(members: str) -> list[str] | None:
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


def leading_literal(alt: str) -> str:
    """The plain character (or escaped punctuation) an alternative starts with and must match
    once; empty when it starts otherwise or the character may repeat or be left out."""
    if alt.startswith("\\") and len(alt) > 1 and not alt[1].isalnum():
        head = alt[:2]
    elif alt and alt[0] not in SPECIAL:
        head = alt[0]
    else:
        return ""
    return "" if alt[len(head):].startswith(QUANTIFIERS) else head


def leading_word_char(alt: str) -> bool:
    """Whether an alternative must start with a word character: a literal one, or digits."""
    return bool(WORD_CHAR.match(alt) and leading_literal(alt)) or bool(DIGITS.match(alt))


#: An item's quantifier (greedy or lazy).
QUANTIFIER = re.compile(r"[?*+]\??|\{\d*,?\d*\}\??")


def pattern_items(pattern: str) -> list[str]:
    """A sequence cut into its items (a character, escape, class or group), each with its
    quantifier."""
    items = []
    while pattern:
        end = first_item_end(pattern)
        quantifier = QUANTIFIER.match(pattern, end)
        end = quantifier.end() if quantifier else end
        items.append(pattern[:end])
        pattern = pattern[end:]
    return items


def may_be_empty(item: str) -> bool:
    """Whether an item may match nothing."""
    return bool(OPTIONAL.fullmatch(item, first_item_end(item)))


def shortest_literal(group: str) -> int:
    """Fewest plain characters any alternative of a "(?:...)" group starts with."""
    shortest = None
    for alt in top_level_split(group[3:-1]):
        for head_alt in alternatives(alt):
            n = 0
            while head := leading_literal(head_alt):
                n += 1
                head_alt = head_alt[len(head):]
            shortest = n if shortest is None else min(shortest, n)
    return shortest or 0
