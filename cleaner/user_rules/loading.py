"""The rules file: TOML read, checked whole (every problem as ``file:line: what``) and compiled;
a fixtures folder's ``rules.toml`` found for ``cleaner check``."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from ..model import LABELS
from ..rules.dom_heuristics import DECISIVE
from ..rules.evidence import Evidence
from .compiled import Rule, Rules, RulesError

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
_RULE_HEADER = re.compile(r"\s*\[\[\s*rule\s*\]\]")
#: Where tomllib says a syntax error is: " (at line 3, column 7)".
_TOML_WHERE = re.compile(r" \(at line (\d+), column \d+\)")


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
    selector, pattern, phrases = "", None, ()
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
        pattern, phrases, problem = _text_pattern(kind, value)
        if problem:
            errors.append((kind, problem))
    if errors:
        return None, errors
    evidence = Evidence(label, RULE_WEIGHT, "rule:" + name) if label else None
    needle = required_text(pattern) if pattern is not None else ("", False)
    lines = line_pattern(pattern) if pattern is not None and not needle[0] else None
    return Rule(name, kind, tuple(h.lower().rstrip(".") for h in hosts), label, selector, pattern,
                phrases, evidence, *needle, lines), []


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


def _text_pattern(kind: str, value: object) -> tuple[re.Pattern[str] | None, tuple[str, ...], str | None]:
    """A regex compiled, or phrases (a string or a list; matched ignoring case and spacing, as
    block texts have single spaces) normalised; or the problem with them."""
    if kind == "phrase":
        phrases = [value] if isinstance(value, str) else value
        if not isinstance(phrases, list) or not phrases or \
                not all(isinstance(p, str) and p.split() for p in phrases):
            return None, (), "phrase must be a non-empty string or a list of them"
        return None, tuple(" ".join(p.split()).lower() for p in phrases), None
    if not isinstance(value, str) or not value:
        return None, (), "regex must be a non-empty string"
    try:
        compiled = re.compile(value, re.M)
    except re.error as exc:
        return None, (), f"bad regular expression {value!r}: {exc}"
    if compiled.match(""):
        return None, (), f"regular expression {value!r} matches empty text, so every block"
    return compiled, (), None


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


#: Letters that Python's case-insensitive matching pairs with more than their lower case
#: ("ı" and "i", "ſ" and "s", "K" and "k"): an ignore-case needle is cut at them.
_FOLD_UNSAFE = re.compile(r"[iskISK]|[^\x00-\x7f]")


def required_text(pattern: re.Pattern[str]) -> tuple[str, bool]:
    """The longest text every match of ``pattern`` contains, and whether it must be looked for
    in lower-cased text (it was under an ignore-case flag); ("", False) when none is certain.

    A page that lacks it cannot match, and str.find costs a small share of a regex search.
    Read from the parsed pattern: literal runs in the top-level sequence and plain groups."""
    try:
        from re import _parser as sre  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as sre
    try:
        tree = sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - compiled already; any surprise only loses the shortcut
        return "", False
    runs: list[tuple[str, bool]] = []
    _literal_runs(list(tree), bool(pattern.flags & re.IGNORECASE), sre, runs)
    best = ("", False)
    for text, folded in runs:
        pieces = _FOLD_UNSAFE.split(text) if folded else [text]
        for piece in pieces:
            if len(piece) > len(best[0]):
                best = (piece.lower() if folded else piece, folded)
    return best


def _literal_runs(items: list, folded: bool, sre, runs: list[tuple[str, bool]]) -> None:
    run: list[str] = []
    for op, arg in items + [(None, None)]:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            runs.append(("".join(run), folded))
            run = []
        if op is sre.SUBPATTERN:  # a group: its sequence is required too
            _, add_flags, del_flags, inner = arg
            inner_folded = (folded or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            _literal_runs(list(inner), inner_folded, sre, runs)


def line_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a regex ``^X`` (one branch, led by ``^``), ``\nX``: searched in the blocks' text
    after a newline, it finds the same matches one character earlier, with a fast scan for the
    newline instead of a try at every character. None where that could differ: X may match
    empty text, or looks behind or at the text's start (before the added newline)."""
    try:
        from re import _parser as sre  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as sre
    source = pattern.pattern
    if not source.startswith("^") or "(?<" in source or "\\A" in source:
        return None
    try:
        tree = sre.parse(source, pattern.flags)
    except Exception:  # pragma: no cover - compiled already; any surprise only loses the shortcut
        return None
    if not len(tree) or tree[0] != (sre.AT, sre.AT_BEGINNING) or tree.getwidth()[0] < 1:
        return None
    return re.compile("\n(?:" + source[1:] + ")", pattern.flags)
