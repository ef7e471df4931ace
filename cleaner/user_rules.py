"""User rules: one TOML file that steers the cleaner for a site or for every page.

A rule has a name and one kind: ``drop`` (CSS selectors whose elements are removed right after
the parse), ``keep`` (CSS selectors whose blocks are story text), ``phrase`` or ``regex`` (text
that gives a block a label). ``hosts`` limits a rule to pages of those hosts. The file may also
set ``precision = "high" | "balanced" | "recall"``. A rule that fires adds evidence with the
reason ``rule:<name>``, so explain pages and check diffs say which rule decided a block.

A file with any error is refused whole (:class:`RulesError`, every problem as ``file:line``).
"""
from __future__ import annotations

import os
import re
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from .model import LABELS, Block
from .rules.dom_heuristics import DECISIVE
from .rules.evidence import Evidence

#: How far the decision leans, as the file's ``precision`` says (the decision reads the name).
PRECISIONS = ("high", "balanced", "recall")
#: The kinds of rule; each rule has exactly one.
KINDS = ("drop", "keep", "phrase", "regex")
#: Keys a rule may have.
RULE_KEYS = frozenset({"name", "hosts", "label", *KINDS})
#: Labels a phrase or regex rule may give (the title is picked by the decision alone).
RULE_LABELS = tuple(label for label in LABELS if label != "title")
#: Weight of a rule's evidence: as decisive as alt text, so no heuristic outweighs the user.
RULE_WEIGHT = DECISIVE
#: A rule's name: letters, digits, '-', '_' and '.', as it is shown in ``rule:<name>``.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
#: A host pattern: host name characters and '*' wildcards.
_HOST = re.compile(r"[a-z0-9*][a-z0-9*.-]*")
#: Patterns that refer to their own groups cannot share one combined regex with others.
_SELF_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?P<")
_RULE_HEADER = re.compile(r"\s*\[\[\s*rule\s*\]\]")
#: Where tomllib says a syntax error is: " (at line 3, column 7)".
_TOML_WHERE = re.compile(r" \(at line (\d+), column \d+\)")


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
    pattern: re.Pattern[str] | None = None  # phrase/regex: what a block's text is searched for
    evidence: Evidence | None = None  # what the rule adds to a block it names

    def applies_to(self, host: str | None) -> bool:
        """The rule is for every page, or for ``host`` (a pattern without '*' also takes subdomains)."""
        if not self.hosts:
            return True
        if not host:
            return False
        return any(fnmatchcase(host, p) if "*" in p else host == p or host.endswith("." + p)
                   for p in self.hosts)


@dataclass
class _PageRules:
    """The rules of one host, compiled together: one XPath per CSS kind, one regex for the text."""

    drop: etree.XPath | None
    keep: list[tuple[Rule, etree.XPath]]
    text: re.Pattern[str] | None  # every phrase/regex rule that can share it, as one alternation
    text_rules: list[Rule]  # those rules, in file order (the first that matches a block wins)
    alone: list[Rule]  # regex rules searched on their own (they refer to their own groups)


@dataclass
class Rules:
    """A checked rules file, compiled; :func:`load_rules` makes one. Per-host sets are cached."""

    rules: list[Rule]
    precision: str = "balanced"
    source: str = "<rules>"
    _by_host: dict[str | None, _PageRules] = field(default_factory=dict, repr=False)

    def for_url(self, url: str | None) -> _PageRules:
        """The compiled rules that apply to a page at ``url`` (host rules need a URL)."""
        host = _host(url)
        page = self._by_host.get(host)
        if page is None:
            page = self._by_host[host] = _compile_page([r for r in self.rules if r.applies_to(host)])
        return page

    def drop_elements(self, root: etree._Element, url: str | None) -> int:
        """Remove the elements the ``drop`` rules select (their tails stay); returns how many."""
        xpath = self.for_url(url).drop
        if xpath is None:
            return 0
        found = xpath(root)
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

    def add_evidence(self, blocks: list[Block], evidence: list[list[Evidence]],
                     root: etree._Element | None, url: str | None) -> dict[int, Evidence]:
        """Add each rule's evidence to the blocks it names: ``keep`` rules to blocks inside their
        elements (HTML, after segmentation), text rules to blocks whose text matches. Returns the
        evidence added, by block index, for :meth:`enforce`."""
        page = self.for_url(url)
        fired: dict[int, Evidence] = {}
        if page.keep and root is not None:
            _keep_evidence(page.keep, blocks, root, fired)
        if page.text is not None or page.alone:
            _text_evidence(page, blocks, fired)
        for i, ev in fired.items():
            evidence[i].append(ev)
        return fired

    def enforce(self, blocks: list[Block], fired: dict[int, Evidence]) -> None:
        """After the decision: a block a rule names has the rule's label, whatever context said
        (the title keeps its label when the rule calls it story text)."""
        for i, ev in fired.items():
            b = blocks[i]
            if b.label != ev.label and not (b.label == "title" and ev.label == "main"):
                b.label = ev.label
                if b.reasons[-1:] != [ev.reason]:
                    b.reasons.append(ev.reason)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


#: An element's place in document order: the elements before it plus those it is inside.
_PLACE = etree.XPath("count(preceding::*) + count(ancestor::*)")


def _element_ids(root: etree._Element, elements: list[etree._Element]) -> list[int]:
    """Each element's id as the segmenter numbers them: its place among the elements of the
    (pruned) body in document order. Counted in C, only for the few elements a rule selected."""
    body = root.find("body")
    start = body if body is not None else root
    base = _PLACE(start)
    return [int(_PLACE(el) - base) for el in elements]


def _keep_evidence(keep: list[tuple[Rule, etree.XPath]], blocks: list[Block],
                   root: etree._Element, fired: dict[int, Evidence]) -> None:
    for rule, xpath in keep:
        found = xpath(root)
        if not found:
            continue
        ids = set(_element_ids(root, found))
        for b in blocks:
            if b.index not in fired and not ids.isdisjoint(b.ancestors):
                fired[b.index] = rule.evidence


def _text_evidence(page: _PageRules, blocks: list[Block], fired: dict[int, Evidence]) -> None:
    """One search over the page's text (blocks joined by newlines) finds the candidate blocks;
    each is then asked which rule, in file order, matches it."""
    texts = [b.text for b in blocks]
    candidates: set[int] = set()
    if page.text is not None:
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        joined = "\n".join(texts)
        candidates.update(bisect_right(starts, m.start()) - 1 for m in page.text.finditer(joined))
    for rule in page.alone:
        candidates.update(i for i, t in enumerate(texts) if rule.pattern.search(t))
    for i in sorted(candidates):
        if i in fired:
            continue  # a keep rule came first
        for rule in page.text_rules + page.alone:
            if rule.pattern.search(texts[i]):
                fired[i] = rule.evidence
                break


def _compile_page(rules: list[Rule]) -> _PageRules:
    from lxml.cssselect import CSSSelector  # needs cssselect, a dependency; loaded with rules only

    drops = [r.selector for r in rules if r.kind == "drop"]
    keep = [(r, CSSSelector(r.selector)) for r in rules if r.kind == "keep"]
    shared = [r for r in rules if r.kind in ("phrase", "regex") and not _SELF_REFERENCE.search(r.pattern.pattern)]
    alone = [r for r in rules if r.kind == "regex" and r not in shared]
    text = re.compile("|".join(f"(?:{r.pattern.pattern})" for r in shared), re.M) if shared else None
    return _PageRules(CSSSelector(", ".join(drops)) if drops else None, keep, text, shared, alone)


# --- loading and checking ----------------------------------------------------------------------

#: The rules file of a fixtures folder: ``cleaner check`` uses it for the fixtures in that folder.
FOLDER_RULES = "rules.toml"


def folder_rules(page: Path, root: Path, cache: dict[Path, Rules | None]) -> Rules | None:
    """The rules of the nearest ``rules.toml`` from ``page``'s folder up to ``root`` (None when
    there is none); each file is loaded once per ``cache``. Raises RulesError."""
    folder = page.parent
    while True:
        if folder not in cache:
            path = folder / FOLDER_RULES
            cache[folder] = load_rules(path) if path.is_file() else None
        if cache[folder] is not None or folder == root or folder == folder.parent:
            return cache[folder]
        folder = folder.parent



def load_rules(path: str | os.PathLike[str]) -> Rules:
    """Read, check and compile a rules file; raises :class:`RulesError` naming ``file:line``.
    The same text is compiled once per process (a batch worker or Spark executor cleans many
    pages with one file)."""
    return cached_rules(read_rules_text(path), os.fspath(path))


def read_rules_text(path: str | os.PathLike[str]) -> str:
    """The text of a rules file; RulesError when it cannot be read or is not UTF-8."""
    name = os.fspath(path)
    try:
        raw = Path(name).read_bytes()
    except OSError as exc:
        raise RulesError([f"{name}: cannot read ({exc.strerror or exc})"]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulesError([f"{name}: not UTF-8 (at byte {exc.start})"]) from None


def checked_rules(path: str | os.PathLike[str] | None) -> tuple[str, str] | None:
    """A rules file's (text, name), checked, for workers that compile it themselves (batch,
    Spark executors: compiled rules do not pickle); None for no file. Raises RulesError."""
    if path is None:
        return None
    text = read_rules_text(path)
    cached_rules(text, os.fspath(path))
    return text, os.fspath(path)


@lru_cache(maxsize=16)
def cached_rules(text: str, source: str) -> Rules:
    """:func:`parse_rules`, remembered: workers get the file's text and compile it once."""
    return parse_rules(text, source)


def parse_rules(text: str, source: str = "<rules>") -> Rules:
    """Check and compile rules from TOML text; ``source`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_WHERE.search(str(exc))
        where = f"{source}:{m.group(1)}" if m else source
        what = _TOML_WHERE.sub("", str(exc))
        raise RulesError([f"{where}: not valid TOML: {what}"]) from None
    lines = text.split("\n")
    problems: list[str] = []
    for key in data:
        if key not in ("precision", "rule"):
            problems.append(f"{source}:{_line_of(lines, 0, len(lines), key)}: unknown key {key!r} "
                            "(the file has 'precision' and [[rule]] tables)")
    precision = data.get("precision", "balanced")
    if precision not in PRECISIONS:
        problems.append(f"{source}:{_line_of(lines, 0, len(lines), 'precision')}: precision must be "
                        f"one of {', '.join(map(repr, PRECISIONS))}, not {precision!r}")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(f"{source}:{_line_of(lines, 0, len(lines), 'rule')}: 'rule' must be "
                        "[[rule]] tables (or a list of inline tables)")
        entries = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        lo, hi = _rule_span(lines, n, entry.get("name"))
        rule, errors = _check_rule(entry, seen)
        problems.extend(f"{source}:{_line_of(lines, lo, hi, key)}: rule "
                        f"{entry.get('name', '#' + str(n + 1))!s}: {what}" for key, what in errors)
        if rule is not None:
            rules.append(rule)
    if problems:
        raise RulesError(problems)
    return Rules(rules, precision, source)


def _check_rule(entry: dict, seen: set[str]) -> tuple[Rule | None, list[tuple[str, str]]]:
    """The rule an entry describes, or the (key, problem) pairs that make it unusable."""
    errors: list[tuple[str, str]] = [(k, f"unknown key {k!r} (keys: {', '.join(sorted(RULE_KEYS))})")
                                     for k in entry if k not in RULE_KEYS]
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        errors.append(("name", "needs a name: letters, digits, '-', '_', '.' (up to 64)"))
    elif name in seen:
        errors.append(("name", f"the name {name!r} is used twice"))
    else:
        seen.add(name)
    kinds = [k for k in entry if k in KINDS]  # in the order written: the second is the one to blame
    if len(kinds) != 1:
        errors.append((kinds[1] if len(kinds) > 1 else "name",
                       f"needs exactly one of {', '.join(KINDS)} (found {len(kinds)})"))
        return None, errors
    kind = kinds[0]
    hosts = entry.get("hosts", [])
    if isinstance(hosts, str):
        hosts = [hosts]
    if not isinstance(hosts, list) or not all(isinstance(h, str) and _HOST.fullmatch(h.lower()) for h in hosts):
        errors.append(("hosts", "hosts must be host names or patterns like '*.example.com'"))
        hosts = []
    label = entry.get("label")
    value = entry[kind]
    selector, pattern = "", None
    if kind in ("drop", "keep"):
        if label is not None:
            errors.append(("label", f"a {kind} rule takes no label"))
        selector = value if isinstance(value, str) else ", ".join(value) if isinstance(value, list) and \
            all(isinstance(v, str) for v in value) else ""
        problem = _css_problem(selector) if selector.strip() else "needs a CSS selector (a string)"
        if problem:
            errors.append((kind, problem))
        label = "main" if kind == "keep" else ""
    else:
        if label is None:
            errors.append(("label", f"needs a label: one of {', '.join(RULE_LABELS)}"))
        elif label not in RULE_LABELS:
            errors.append(("label", f"label must be one of {', '.join(RULE_LABELS)}, not {label!r}"))
        pattern, problem = _text_pattern(kind, value)
        if problem:
            errors.append((kind, problem))
    if errors:
        return None, errors
    evidence = Evidence(label, RULE_WEIGHT, "rule:" + name) if label else None
    return Rule(name, kind, tuple(h.lower().rstrip(".") for h in hosts), label, selector, pattern, evidence), []


def _css_problem(selector: str) -> str | None:
    """What is wrong with a CSS selector group, or None."""
    try:
        from lxml.cssselect import CSSSelector
    except ImportError:  # pragma: no cover - cssselect is a dependency
        return "CSS rules need the cssselect package (pip install cssselect)"
    try:
        CSSSelector(selector)
    except Exception as exc:  # cssselect's SelectorError and ExpressionError
        return f"bad CSS selector {selector!r}: {exc}"
    return None


def _text_pattern(kind: str, value: object) -> tuple[re.Pattern[str] | None, str | None]:
    """A phrase (or list of phrases: whitespace-insensitive, case-insensitive) or a regex as one
    compiled pattern; or the problem with it."""
    if kind == "phrase":
        phrases = [value] if isinstance(value, str) else value
        if not isinstance(phrases, list) or not phrases or \
                not all(isinstance(p, str) and p.split() for p in phrases):
            return None, "phrase must be a non-empty string or a list of them"
        parts = [r"\s+".join(map(re.escape, p.split())) for p in phrases]
        return re.compile(f"(?i:{'|'.join(parts)})"), None
    if not isinstance(value, str) or not value:
        return None, "regex must be a non-empty string"
    try:
        compiled = re.compile(f"(?:{value})", re.M)
    except re.error as exc:
        return None, f"bad regular expression {value!r}: {exc} (scoped flags like (?i:...) work)"
    if compiled.match(""):
        return None, f"regular expression {value!r} matches empty text, so every block"
    return compiled, None


def _rule_span(lines: list[str], n: int, name: object) -> tuple[int, int]:
    """Line range (0-based, end exclusive) where the n-th rule is written: its [[rule]] table, or
    the line of its inline table (found by name)."""
    headers = [i for i, line in enumerate(lines) if _RULE_HEADER.match(line)]
    if n < len(headers):
        return headers[n], headers[n + 1] if n + 1 < len(headers) else len(lines)
    if isinstance(name, str):
        for i, line in enumerate(lines):
            if re.search(r"\bname\s*=\s*['\"]" + re.escape(name) + "['\"]", line):
                return i, i + 1
    return 0, len(lines)


def _line_of(lines: list[str], lo: int, hi: int, key: str) -> int:
    """1-based line of ``key = `` within lines [lo, hi), else the first line of the range."""
    found = re.compile(r"(?:^|[{,\s])" + re.escape(key) + r"\s*=")
    for i in range(lo, hi):
        if found.search(lines[i].split("#", 1)[0]):
            return i + 1
    return min(lo, max(len(lines) - 1, 0)) + 1
