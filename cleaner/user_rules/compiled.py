"""User rules compiled for matching: which rules apply to a host, the CSS selectors that drop or
keep elements, and the phrases and regexes that name blocks; each named block gets the rule's
evidence (reason ``rule:<name>``)."""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import add
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import etree

from ..model import Block
from ..segment import ElementTable
from ..rules.evidence import Evidence
from .precision import trim_for_precision


class RulesError(ValueError):
    """A rules file that cannot be used; ``problems`` holds one ``file:line: what`` per error."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Rule:
    """One checked rule: its name, kind, what it matches and, for text rules, the label it gives."""

    name: str
    kind: str  # one of KINDS
    hosts: tuple[str, ...]  # empty: every page
    label: str  # "main" for keep; the rule's label for phrase/regex; "" for drop
    selector: str = ""  # drop/keep: the CSS selector group
    pattern: re.Pattern[str] | None = None  # regex: what a block's text is searched for
    phrases: tuple[str, ...] = ()  # phrase: lower-cased, single-spaced, as block texts are
    evidence: Evidence | None = None  # what the rule adds to a block it names
    needle: str = ""  # regex: text every match contains (loading.required_text) ...
    needle_folded: bool = False  # ... to find in the lower-cased page text
    line_pattern: re.Pattern[str] | None = None  # regex "^X" without needle: "\nX" (loading.line_pattern)

    def applies_to(self, host: str | None) -> bool:
        """The rule is for every page, or for ``host`` (a pattern without '*' also takes subdomains)."""
        if not self.hosts:
            return True
        if not host:
            return False
        return any(fnmatchcase(host, p) if "*" in p else host == p or host.endswith("." + p)
                   for p in self.hosts)


class _Css(NamedTuple):
    """One selector of a CSS rule, with the class/id names a page must have for it to match."""

    order: int  # the rule's place in the file: the first rule that names a block wins
    rule: Rule
    # (attribute, name) pairs the page must have for the selector to match: class names and ids
    # as a word of the attribute's values, attribute values ([class*=ad]) anywhere in them
    words: tuple[tuple[str, str], ...]
    parts: tuple[tuple[str, str], ...]
    xpath: etree.XPath


@dataclass
class _PageRules:
    """The rules that apply to one host, compiled: CSS selectors by kind, text rules in file order."""

    drop: list[_Css]
    keep: list[_Css]
    phrases: list[tuple[int, Rule]]
    regexes: list[tuple[int, Rule]]


@dataclass
class Rules:
    """A checked rules file, compiled; :func:`load_rules` makes one. Per-host sets are cached."""

    rules: list[Rule]
    precision: str = "balanced"
    source: str = "<rules>"
    _by_host: dict[str | None, _PageRules] = field(default_factory=dict, repr=False)
    # the last page's address and its rules: clean() asks twice per page (drop, then evidence)
    _last: tuple[str | None, _PageRules] | None = field(default=None, repr=False)

    def for_url(self, url: str | None) -> _PageRules:
        """The compiled rules that apply to a page at ``url`` (host rules need a URL)."""
        last = self._last
        if last is not None and last[0] == url:
            return last[1]
        host = _host(url)
        page = self._by_host.get(host)
        if page is None:
            page = self._by_host[host] = _compile_page(self.rules, host)
        self._last = (url, page)
        return page

    def drop_elements(self, root: etree._Element, url: str | None) -> int:
        """Remove the elements the ``drop`` rules select (their tails stay); returns how many."""
        page = self.for_url(url)
        if not page.drop:
            return 0
        found = [el for _, el in _selected(page.drop, root, _Names(root))]
        for el in found:
            parent = el.getparent()
            if parent is None:
                continue  # the document's root element stays: there would be nothing to read
            tail = el.tail
            if tail:  # the text after the element belongs to its parent or previous sibling
                prev = el.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            parent.remove(el)
        return len(found)

    def add_evidence(self, blocks: list[Block], evidence: list[list[Evidence]], url: str | None,
                     root: etree._Element | None = None, elements: ElementTable | None = None,
                     lowered: list[str] | None = None) -> dict[int, Evidence]:
        """Add a rule's evidence to each block it names: ``keep`` rules to blocks inside their
        elements (HTML, after segmentation), text rules to blocks whose text matches; the first
        rule in the file wins a block. ``lowered``: the blocks' texts lower-cased, when the caller
        has them. Returns the evidence added by block index, for :meth:`enforce`."""
        page = self.for_url(url)
        named: dict[int, tuple[int, Evidence]] = {}
        if page.keep and root is not None and elements is not None:
            _keep_evidence(page.keep, blocks, root, elements, named)
        if page.phrases or page.regexes:
            _text_evidence(page, blocks, named, lowered)
        fired = {i: ev for i, (_, ev) in sorted(named.items())}
        for i, ev in fired.items():
            evidence[i].append(ev)
        return fired

    def enforce(self, blocks: list[Block], fired: dict[int, Evidence]) -> None:
        """After the decision: a block a rule names has the rule's label, whatever context said
        (the title keeps its label when the rule calls it story text). Leaning to precision,
        the body is trimmed first (:mod:`.precision`): a rule's word outlasts the trim."""
        if self.precision == "high":
            trim_for_precision(blocks)
        for i, ev in fired.items():
            b = blocks[i]
            if b.label != ev.label and not (b.label == "title" and ev.label == "main"):
                b.label = ev.label
                b.reasons.append(ev.reason)  # the rule, again: it decided last


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def _name(found: dict[int, tuple[int, Evidence]], i: int, order: int, rule: Rule) -> None:
    """Record that ``rule`` names block ``i`` unless a rule earlier in the file does."""
    if i not in found or found[i][0] > order:
        found[i] = (order, rule.evidence)


# A page's class or id values in C, one attribute at a time (libxml2 merges a union of two paths in
# quadratic time), as plain strings (lxml's "smart" ones cost a third more). EXSLT str:concat
# costs as much as the strings and has no separator for the words.
_VALUES = {a: etree.XPath(f"descendant-or-self::*/@{a}", smart_strings=False) for a in ("class", "id")}


class _Names:
    """The gate of a page's CSS rules: a selector runs only where the page has its names. Read
    from the tree (drop rules: the page as parsed), or from ``held``, the values the segmenter
    read of the elements that hold blocks (keep rules: no pass over the page), one attribute
    at a time as a selector first asks; a substring test first, then, only for a name that
    passes it, whether one of its places is a whole word (".promo" needs the word: a page with
    "promo-box" fails)."""

    def __init__(self, root: etree._Element | None = None, held: str | None = None) -> None:
        self.root, self.held = root, held
        self._texts: dict[str, str] = {}

    def admit(self, c: _Css) -> bool:
        """Whether the page has every name ``c`` needs."""
        for a, name in c.parts + c.words:
            if name not in self._text(a):
                return False  # most pages fail here, in C
        return all(_has_word(self._text(a), name) for a, name in c.words)

    def _text(self, attribute: str) -> str:
        text = self._texts.get(attribute)
        if text is None:
            text = self._texts[attribute] = self.held if self.held is not None else \
                " ".join(_VALUES[attribute](self.root))
        return text


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` is one of the whitespace-separated words of ``text`` (as str.split sees
    them), read at the places it is found: no split of the whole text (a word holds no space,
    so no place inside a place found can start one)."""
    at, end = text.find(word), len(text)
    while at != -1:
        after = at + len(word)
        if (at == 0 or text[at - 1].isspace()) and (after == end or text[after].isspace()):
            return True
        at = text.find(word, after)
    return False


def _selected(css: list[_Css], root: etree._Element, names: _Names) -> list[tuple[_Css, etree._Element]]:
    """The elements each selector matches, skipping selectors whose names are not in ``names``."""
    return [(c, el) for c in css if names.admit(c) for el in c.xpath(root)]


#: An element's place in document order: the elements before it plus those it is inside.
_PLACE = etree.XPath("count(preceding::*) + count(ancestor::*)")


def _element_ids(root: etree._Element, elements: list[etree._Element]) -> list[int]:
    """Each element's id as the segmenter numbers them: its place among the elements of the
    (pruned) body in document order. Counted in C, only for the few elements a rule selected."""
    body = root.find("body")
    start = body if body is not None else root
    base = _PLACE(start)
    return [int(_PLACE(el) - base) for el in elements]


def _keep_evidence(keep: list[_Css], blocks: list[Block], root: etree._Element, elements: ElementTable,
                   named: dict[int, tuple[int, Evidence]]) -> None:
    # an element that holds a block is among the elements the segmenter named: their class and
    # id values are at hand, no pass over the page
    names = _Names(held=" ".join(elements.names.values()))
    for c, el in _selected(keep, root, names):
        (eid,) = _element_ids(root, [el])
        for b in blocks:
            if eid in b.ancestors:
                _name(named, b.index, c.order, c.rule)


def _text_evidence(page: _PageRules, blocks: list[Block], named: dict[int, tuple[int, Evidence]],
                   lowered: list[str] | None) -> None:
    """Phrases are found with str.find in the page's lower-cased text; a regex is searched in
    the blocks that hold the text all its matches contain (str.find), or over the page's text
    when it has none (blocks joined by newlines, so ^ and $ are a block's ends); a position is
    mapped back to its block. ``lowered``: the blocks' texts lower-cased, when at hand."""
    texts = [b.text for b in blocks]
    joined = "\n".join(texts)
    starts = _Starts(texts)
    low, low_starts = "", starts
    if page.phrases or any(r.needle_folded for _, r in page.regexes):
        lowered = lowered if lowered is not None else [t.lower() for t in texts]
        low = "\n".join(lowered)
        if len(low) != len(joined):  # a letter lowered to two ("İ"): the blocks' offsets moved
            low_starts = _Starts(lowered)
    for order, rule in page.phrases:
        for phrase in rule.phrases:
            at = low.find(phrase)
            while at != -1:
                i = low_starts.block(at)
                _name(named, i, order, rule)
                at = low.find(phrase, low_starts.end(i) + 1)
    line_text = ""
    for order, rule in page.regexes:
        if rule.line_pattern is not None:  # "^..." searched where a block starts, not everywhere
            line_text = line_text or "\n" + joined
            for i in _line_matches(rule.line_pattern, line_text, starts):
                _name(named, i, order, rule)
        elif not rule.needle:
            for m in rule.pattern.finditer(joined):
                _name(named, starts.block(m.start()), order, rule)
        else:  # the blocks holding the text every match contains: the regex searches only those
            text, at_starts = (low, low_starts) if rule.needle_folded else (joined, starts)
            at = text.find(rule.needle)
            while at != -1:
                i = at_starts.block(at)
                if rule.pattern.search(joined, starts.start(i), starts.end(i)):
                    _name(named, i, order, rule)
                at = text.find(rule.needle, at_starts.end(i) + 1)


class _Starts:
    """Where each block starts in its texts joined by newlines; worked out at the first question
    (most rules find nothing on most pages)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._starts: list[int] | None = None

    def _all(self) -> list[int]:
        if self._starts is None:
            # block i starts after the texts before it and their i newlines (added up in C)
            self._starts = list(map(add, accumulate(map(len, self.texts), initial=0), range(len(self.texts))))
        return self._starts

    def block(self, at: int) -> int:
        """The block that position ``at`` is in (a newline goes with the block before it)."""
        return bisect_right(self._all(), at) - 1

    def start(self, i: int) -> int:
        return self._all()[i]

    def end(self, i: int) -> int:
        """Where block ``i`` ends: the newline after it (or the end of the text)."""
        return self._all()[i] + len(self.texts[i])


def _line_matches(line_pattern: re.Pattern[str], line_text: str, starts: _Starts) -> list[int]:
    """The blocks where the matches of ``^X`` start, as its finditer over the joined text gives
    them, found by searching ``\nX`` in that text after a newline (a search for a leading
    character is a fast scan; a leading ``^`` is tried at every character): a match at a block's
    start in the joined text is one at its newline in ``line_text``. After a match the search goes
    on from its end (matches do not overlap); the pattern matches no empty text."""
    found, pos = [], 0
    while (m := line_pattern.search(line_text, pos)) is not None:
        found.append(starts.block(m.start()))
        pos = m.end() - 1  # line_text's position e is the joined text's e - 1: search on from there
    return found


def _compile_page(rules: list[Rule], host: str | None) -> _PageRules:
    """The rules for ``host``, each CSS selector of a group compiled on its own with its names."""
    from cssselect import parse
    from lxml.cssselect import LxmlHTMLTranslator  # cssselect is a dependency; loaded with rules only

    translator = LxmlHTMLTranslator()
    page = _PageRules([], [], [], [])
    for order, rule in enumerate(rules):
        if not rule.applies_to(host):
            continue
        if rule.kind in ("drop", "keep"):
            for selector in parse(rule.selector):
                found = _needles(selector.parsed_tree)
                css = _Css(order, rule, tuple((a, n) for a, n, whole in found if whole),
                           tuple((a, n) for a, n, whole in found if not whole),
                           etree.XPath(translator.selector_to_xpath(selector)))
                (page.drop if rule.kind == "drop" else page.keep).append(css)
        else:
            (page.phrases if rule.kind == "phrase" else page.regexes).append((order, rule))
    return page


#: Attribute operators whose match contains the value ("[class*=promo]"; not "!=", "exists").
_CONTAINING = frozenset({"=", "~=", "*=", "^=", "$=", "|="})


def _needles(tree) -> list[tuple[str, str, bool]]:
    """Class and id names (or attribute values of class/id) a selector's matches must carry, each
    with the attribute it is in and whether it is a whole word of the value (".a" and "#a" are;
    a name holding a space, which only an escape writes, is looked for as a part)."""
    kind = type(tree).__name__
    found = []
    if kind == "Class":
        found.append(("class", tree.class_name, tree.class_name.split() == [tree.class_name]))
    elif kind == "Hash":
        found.append(("id", tree.id, tree.id.split() == [tree.id]))
    elif kind == "Attrib" and tree.attrib in ("class", "id") and tree.operator in _CONTAINING and tree.value:
        found.append((tree.attrib, tree.value.value if hasattr(tree.value, "value") else str(tree.value), False))
    if kind == "CombinedSelector":
        return _needles(tree.selector) + _needles(tree.subselector)
    inner = getattr(tree, "selector", None)  # Negation's subselector must be absent: not read
    return found + (_needles(inner) if inner is not None else [])
