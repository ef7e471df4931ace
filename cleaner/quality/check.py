"""``cleaner check`` and ``cleaner annotate``: regression checks on annotated fixtures.

``check`` runs the cleaner on every fixture under a directory, scores body text and block labels
against the annotations and compares the scores with a committed baseline, so CI fails when a
change starts keeping promos or dropping story paragraphs. ``annotate`` writes a new fixture,
pre-labelled with the current decisions, for a person to correct by hand.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .. import __version__
from ..api import clean
from ..errors import CleanerError
from .fixtures import (
    Fixture,
    FixtureFormatError,
    FixtureResult,
    confusion_dict,
    discover,
    score_fixture,
)
from .metric import summarize
from ..explain import add_page_options, write_page
from ..user_rules import FOLDER_RULES, Rules, RulesError, folder_rules, load_rules
from ..model import LABELS, Article

#: How far a fixture's body F1 may fall below its baseline before it fails: absorbs a few tokens
#: moving across a block edge, while a lost or gained paragraph still fails.
BODY_F1_TOLERANCE = 0.005
#: Label accuracy may fall by less than this many blocks' worth (of the fixture's aligned blocks);
#: half a block absorbs the baseline's rounding, so one more mislabelled block always fails.
LABEL_SLACK_BLOCKS = 0.5
#: Decimals kept in baseline.json, so its diffs stay readable.
BASELINE_DECIMALS = 4
#: Characters of block text shown in a diff line.
DIFF_TEXT_CHARS = 100
#: Name of the baseline file inside the fixtures dir.
BASELINE_NAME = "baseline.json"
#: Format version written into baseline.json.
BASELINE_VERSION = 1

PASS, FAIL, NEW, ERROR = "pass", "fail", "new", "error"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class BaselineEntry:
    """One fixture's committed scores, and its known mistakes as ``"line:predicted label"`` keys
    so a diff can tell a new mistake from an old one."""

    body_f1: float
    label_accuracy: float
    mislabelled: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        """The baseline.json form: rounded scores, mistakes in line order."""
        return {
            "body_f1": round(self.body_f1, BASELINE_DECIMALS),
            "label_accuracy": round(self.label_accuracy, BASELINE_DECIMALS),
            "mislabelled": sorted(self.mislabelled, key=lambda k: (int(k.split(":")[0]), k)),
        }


def _mistake_key(line: int | None, predicted: str | None) -> str:
    return f"{line}:{predicted}"


def _entry_for(result: FixtureResult) -> BaselineEntry:
    return BaselineEntry(result.body_f1, result.label_accuracy,
                         frozenset(_mistake_key(d.line, d.predicted) for d in result.mislabelled))


@dataclass
class Verdict:
    """One fixture's outcome: its scores (None if the cleaner crashed) and why it failed, if it did."""

    name: str
    status: str  # pass | fail | new | error
    result: FixtureResult | None
    baseline: BaselineEntry | None
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status in (FAIL, ERROR)


@dataclass
class CheckReport:
    """Everything ``cleaner check`` found: per-fixture verdicts, totals and the pass/fail decision."""

    fixtures_dir: Path
    baseline_path: Path | None
    verdicts: list[Verdict]
    missing: list[str]  # in the baseline, not found on disk
    strict: bool
    body_tolerance: float

    @property
    def results(self) -> list[FixtureResult]:
        return [v.result for v in self.verdicts if v.result is not None]

    @property
    def new(self) -> list[str]:
        return [v.name for v in self.verdicts if v.status == NEW]

    @property
    def failures(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.failed]

    @property
    def passed(self) -> bool:
        """No regression; with ``strict``, also no new fixture and none missing from disk."""
        if self.failures:
            return False
        return not (self.strict and (self.new or self.missing))

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    def totals(self) -> dict[str, Any]:
        """Corpus body precision/recall/F1 (benchmark definition) and micro label accuracy."""
        results = self.results
        summary = summarize(r.body for r in results)
        aligned = sum(r.aligned for r in results)
        correct = sum(r.correct for r in results)
        confusion: Counter = Counter()
        for r in results:
            confusion.update(r.confusion)
        return {
            "fixtures": len(self.verdicts),
            "body": {"precision": summary.precision, "recall": summary.recall, "f1": summary.f1},
            "labels": {"aligned": aligned, "correct": correct,
                       "accuracy": correct / aligned if aligned else 0.0},
            "confusion": confusion,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view (``--format json``)."""
        totals = self.totals()
        totals["confusion"] = confusion_dict(totals["confusion"])
        return {
            "fixtures_dir": self.fixtures_dir.as_posix(),
            "baseline": self.baseline_path.as_posix() if self.baseline_path else None,
            "passed": self.passed,
            "strict": self.strict,
            "tolerance": {"body_f1": self.body_tolerance, "label_slack_blocks": LABEL_SLACK_BLOCKS},
            "total": totals,
            "fixtures": [
                {"name": v.name, "status": v.status, "problems": v.problems,
                 "baseline": v.baseline.to_dict() if v.baseline else None,
                 "result": v.result.to_dict() if v.result else None}
                for v in self.verdicts
            ],
            "missing": self.missing,
        }


def _parse_entry(name: str, scores: Any, source: str) -> BaselineEntry:
    try:
        mislabelled = scores.get("mislabelled", [])
        if not all(isinstance(k, str) and k.split(":")[0].isdigit() for k in mislabelled):
            raise ValueError("mislabelled")
        return BaselineEntry(float(scores["body_f1"]), float(scores["label_accuracy"]),
                             frozenset(mislabelled))
    except (AttributeError, TypeError, KeyError, ValueError):
        raise FixtureFormatError([
            f"{source}: fixture {name!r} needs numeric 'body_f1' and 'label_accuracy' "
            "(and 'mislabelled' as a list of \"line:label\" strings)"
        ]) from None


def load_baseline(path: Path) -> dict[str, BaselineEntry]:
    """Per-fixture baseline entries from ``path`` ({} when the file does not exist)."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixtureFormatError([f"{path}: not a readable baseline ({exc})"]) from None
    fixtures = data.get("fixtures") if isinstance(data, dict) else None
    if not isinstance(fixtures, dict):
        raise FixtureFormatError([f"{path}: baseline has no 'fixtures' object"])
    return {name: _parse_entry(name, scores, str(path)) for name, scores in fixtures.items()}


def baseline_json(results: list[FixtureResult]) -> str:
    """The baseline file for ``results``: sorted keys, rounded floats, trailing newline."""
    data = {
        "version": BASELINE_VERSION,
        "regenerate": "cleaner check FIXTURES_DIR --update-baseline",
        "fixtures": {r.name: _entry_for(r).to_dict() for r in results},
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _compare(result: FixtureResult, base: BaselineEntry, body_tolerance: float) -> list[str]:
    problems = []
    if result.body_f1 < base.body_f1 - body_tolerance:
        problems.append(
            f"body F1 {result.body_f1:.4f} is below baseline {base.body_f1:.4f} "
            f"(tolerance {body_tolerance})"
        )
    slack = LABEL_SLACK_BLOCKS / result.aligned if result.aligned else 0.0
    if result.label_accuracy < base.label_accuracy - slack:
        problems.append(
            f"label accuracy {result.label_accuracy:.4f} ({result.correct}/{result.aligned}) "
            f"is below baseline {base.label_accuracy:.4f}"
        )
    problems += [f"metadata: {m}" for m in result.metadata_mismatches]
    return problems


def _run_one(fixture: Fixture, rules: Rules | None = None) -> FixtureResult:
    data = fixture.page_path.read_bytes()
    article = clean(data, kind=fixture.kind, url=fixture.meta.get("url"), rules=rules)
    return score_fixture(fixture, article)


def _fixture_rules(fixtures: list[Fixture], root: Path, rules: str | Path | None) -> list[Rules | None]:
    """Each fixture's user rules: its folder's rules.toml (the nearest up to ``root``), else the
    ``rules`` file; a bad rules file is a FixtureFormatError naming its file:line."""
    try:
        default = load_rules(rules) if rules is not None else None
        cache: dict[Path, Rules | None] = {}
        return [folder_rules(f.page_path, root, cache) or default for f in fixtures]
    except RulesError as exc:
        raise FixtureFormatError(exc.problems) from None


def run_check(
    fixtures_dir: str | Path = "fixtures",
    baseline: str | Path | Mapping[str, Mapping[str, Any]] | None = None,
    *,
    body_tolerance: float = BODY_F1_TOLERANCE,
    strict: bool = False,
    rules: str | Path | None = None,
) -> CheckReport:
    """Run the cleaner on every fixture under ``fixtures_dir`` and judge it against ``baseline``.

    ``baseline`` is a path, a mapping shaped like baseline.json's ``fixtures`` object
    (``{name: {"body_f1", "label_accuracy"}}``), or None for ``FIXTURES_DIR/baseline.json``.
    ``rules`` is a user rules file for fixtures whose folder has no ``rules.toml``.
    Raises FixtureFormatError on unreadable fixtures, baseline or rules.
    """
    root = Path(fixtures_dir)
    fixtures = discover(root)
    fixture_rules = _fixture_rules(fixtures, root, rules)
    if baseline is None or isinstance(baseline, (str, Path)):
        baseline_path = Path(baseline) if baseline is not None else root / BASELINE_NAME
        base = load_baseline(baseline_path)
    else:
        baseline_path = None
        base = {name: _parse_entry(name, v, "baseline") for name, v in baseline.items()}
    verdicts = []
    for fixture, page_rules in zip(fixtures, fixture_rules):
        try:
            result = _run_one(fixture, page_rules)
        except Exception as exc:  # a crash on one page is that fixture's failure, not the run's
            last = traceback.extract_tb(exc.__traceback__)[-1]
            where = f" (at {Path(last.filename).name}:{last.lineno})" if last else ""
            message = f"cleaner raised {type(exc).__name__}: {exc}{where}"
            verdicts.append(Verdict(fixture.name, ERROR, None, base.get(fixture.name), [message]))
            continue
        typed = [result.page_type_problem] if result.page_type_problem else []
        if fixture.name not in base:  # a new fixture's scores are not judged; its page type is
            verdicts.append(Verdict(fixture.name, FAIL if typed else NEW, result, None, typed))
            continue
        problems = typed + _compare(result, base[fixture.name], body_tolerance)
        verdicts.append(
            Verdict(fixture.name, FAIL if problems else PASS, result, base[fixture.name], problems)
        )
    seen = {f.name for f in fixtures}
    missing = sorted(name for name in base if name not in seen)
    return CheckReport(root, baseline_path, verdicts, missing, strict, body_tolerance)


# ---------------------------------------------------------------------------------------------
# Rendering


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _short(text: str, limit: int = DIFF_TEXT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mistakes(confusion: Counter) -> str:
    items = sorted(
        ((n, exp, pred) for (exp, pred), n in confusion.items() if exp != pred),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    return "; ".join(f"{exp} called {pred}: {n}" for n, exp, pred in items)


def render_diff(verdict: Verdict) -> str:
    """The readable diff of one fixture: why it failed and every block that disagrees."""
    lines = [f"--- {verdict.status.upper()} {verdict.name}"]
    lines += [f"  {p}" for p in verdict.problems]
    r = verdict.result
    if r is None:
        return "\n".join(lines)
    src = r.labels_path.as_posix()
    known = verdict.baseline.mislabelled if verdict.baseline else None
    if r.mislabelled:
        legend = " ('+' = new since the baseline)" if known is not None else ""
        lines.append(f"  blocks labelled differently from the annotation{legend}:")
        for d in r.mislabelled:
            mark = "+" if known is not None and _mistake_key(d.line, d.predicted) not in known else " "
            why = f"  reasons: {', '.join(d.reasons)}" if d.reasons else ""
            seam = f"; {d.seam}" if d.seam else ""
            lines.append(f"  {mark} {src}:{d.line}: expected {d.expected}, got {d.predicted} "
                         f"(block {d.index}{seam}){why}")
            lines.append(f"        {_short(d.text)}")
    if known:
        fixed = sorted(known - _entry_for(r).mislabelled, key=lambda k: int(k.split(":")[0]))
        if fixed:
            lines.append("  fixed since the baseline: " + ", ".join(
                f"{src}:{k.split(':')[0]} (was {k.split(':', 1)[1]})" for k in fixed))
    if r.unmatched_expected:
        lines.append("  annotated blocks the cleaner did not produce (segmentation changed?):")
        for d in r.unmatched_expected:
            lines.append(f"    {src}:{d.line}: {d.expected}: {_short(d.text)}")
    if r.unmatched_produced:
        lines.append("  produced blocks with no annotation:")
        for d in r.unmatched_produced:
            lines.append(f"    block {d.index}: {d.predicted}: {_short(d.text)}")
    return "\n".join(lines)


def render_text(report: CheckReport, *, verbose: bool = False) -> str:
    """The human report: one line per fixture, diffs of failures, totals and label confusion."""
    base = report.baseline_path.as_posix() if report.baseline_path else "given mapping"
    if report.baseline_path and not report.baseline_path.is_file():
        base += ", not written yet: every fixture is new"
    out = [f"cleaner check: {_count(len(report.verdicts), 'fixture')} in "
           f"{report.fixtures_dir.as_posix()} (baseline {base})", ""]
    width = max(len(v.name) for v in report.verdicts)
    out.append(f"{'':6}{'fixture':{width}}  {'body P':>6} {'body R':>6} {'F1':>6}  "
               f"{'labels':>9} {'acc':>6}")
    for v in report.verdicts:
        r = v.result
        if r is None:
            out.append(f"{v.status.upper():6}{v.name:{width}}  {v.problems[0]}")
            continue
        row = (f"{v.status.upper():6}{v.name:{width}}  {r.body_precision:6.3f} {r.body_recall:6.3f} "
               f"{r.body_f1:6.3f}  {f'{r.correct}/{r.aligned}':>9} {r.label_accuracy:6.3f}")
        unmatched = len(r.unmatched_expected) + len(r.unmatched_produced)
        if unmatched:
            row += f"  unaligned: {len(r.unmatched_expected)} annotated, {len(r.unmatched_produced)} produced"
        if r.annotated_language and r.language and r.annotated_language != r.language:
            row += f"  language {r.language} (annotated {r.annotated_language})"
        if r.page_type_problem:
            row += "  " + r.page_type_problem
        out.append(row)
        mistakes = _mistakes(r.confusion)
        if mistakes:
            out.append(f"{'':8}{mistakes}")
    for v in report.verdicts:
        diff = render_diff(v)
        if v.failed or (verbose and "\n" in diff):  # verbose: every fixture with something to show
            out += ["", diff]
    totals = report.totals()
    body, labels = totals["body"], totals["labels"]
    out += ["", f"TOTAL {_count(totals['fixtures'], 'fixture')}: body P {body['precision']:.3f} "
                f"R {body['recall']:.3f} F1 {body['f1']:.3f}; labels {labels['correct']}/"
                f"{labels['aligned']} = {labels['accuracy']:.3f}"]
    out += _render_confusion(totals["confusion"])
    if report.new:
        hint = "" if report.strict else " (not judged; add them with --update-baseline)"
        which = ("all of them" if len(report.new) == len(report.verdicts)
                 else ", ".join(report.new))
        out.append(f"new fixtures not in the baseline{hint}: {which}")
    if report.missing:
        out.append(f"in the baseline but not found: {', '.join(report.missing)}")
    failed = len(report.failures)
    verdict = "PASS" if report.passed else "FAIL"
    extra = " (--strict: new or missing fixtures)" if not report.passed and not failed else ""
    out.append(f"{verdict}: {failed} of {len(report.verdicts)} fixtures regressed{extra}; "
               f"tolerance: body F1 -{report.body_tolerance}, labels: no more mislabelled blocks")
    return "\n".join(out) + "\n"


def _render_confusion(confusion: Counter) -> list[str]:
    by_label: dict[str, Counter] = {}
    for (exp, pred), n in confusion.items():
        by_label.setdefault(exp, Counter())[pred] = n
    if not by_label:
        return []
    lines = ["label confusion over aligned blocks (annotated label: blocks, right, mistakes):"]
    for label in [lab for lab in LABELS if lab in by_label]:
        preds = by_label[label]
        wrong = "; ".join(f"called {p}: {n}" for p, n in sorted(preds.items(), key=lambda t: (-t[1], t[0]))
                          if p != label)
        lines.append(f"  {label:12}{sum(preds.values()):5} blocks {preds[label]:5} right"
                     + (f"   {wrong}" if wrong else ""))
    return lines


def _xml_safe(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def junit_xml(report: CheckReport) -> bytes:
    """JUnit XML: one testcase per fixture, the diff as the failure text."""
    suite = ET.Element("testsuite", name="cleaner check")
    failures = errors = skipped = 0
    for v in report.verdicts:
        case = ET.SubElement(suite, "testcase", classname="cleaner.quality.check", name=v.name)
        if v.status == ERROR:
            errors += 1
            ET.SubElement(case, "error", message=_xml_safe(v.problems[0])).text = _xml_safe(render_diff(v))
        elif v.status == FAIL or (v.status == NEW and report.strict):
            failures += 1
            message = "; ".join(v.problems) or "not in the baseline (--strict)"
            ET.SubElement(case, "failure", message=_xml_safe(message)).text = _xml_safe(render_diff(v))
        elif v.status == NEW:
            ET.SubElement(case, "system-out").text = "not in the baseline; not judged"
    for name in report.missing:
        case = ET.SubElement(suite, "testcase", classname="cleaner.quality.check", name=name)
        if report.strict:
            failures += 1
            ET.SubElement(case, "failure", message="in the baseline but not found (--strict)")
        else:
            skipped += 1
            ET.SubElement(case, "skipped", message="in the baseline but not found")
    tests = len(report.verdicts) + len(report.missing)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# ---------------------------------------------------------------------------------------------
# Command line


def run_check_command(args: argparse.Namespace) -> int:
    """``cleaner check``: 0 when nothing regressed, 1 on a regression, 2 on unreadable fixtures."""
    if args.baseline and not args.update_baseline and not Path(args.baseline).is_file():
        print(f"cleaner check: baseline {args.baseline} not found", file=sys.stderr)
        return 2
    try:
        report = run_check(args.fixtures_dir, args.baseline, body_tolerance=args.tolerance,
                           strict=args.strict and not args.update_baseline, rules=args.rules)
    except FixtureFormatError as exc:
        for problem in exc.problems:
            print(f"cleaner check: {problem}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(report, verbose=args.verbose))
    try:
        if args.junit:
            Path(args.junit).write_bytes(junit_xml(report))
        if args.update_baseline:
            crashed = [v.name for v in report.verdicts if v.status == ERROR]
            if crashed:
                print(f"cleaner check: not writing the baseline, the cleaner crashed on: "
                      f"{', '.join(crashed)}", file=sys.stderr)
                return 1
            assert report.baseline_path is not None  # run_check was given a path
            report.baseline_path.write_text(baseline_json(report.results), encoding="utf-8")
    except OSError as exc:
        print(f"cleaner check: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    if args.update_baseline:
        print(f"cleaner check: wrote {report.baseline_path.as_posix()} "
              f"({_count(len(report.results), 'fixture')})", file=sys.stderr)
        return 0
    return report.exit_code


def annotation_tsv(article: Article, *, url: str | None = None) -> str:
    """A fixture labels file for ``article``: metadata header, then one ``label<TAB>text`` per block."""
    head = [
        f"# kind: {article.kind}",
        f"# language: {article.language or 'unknown'}",
        f"# note: pre-labelled by cleaner {__version__}; correct by hand",
        f"# labels: {' '.join(LABELS)}",
    ]
    if url:
        head.append(f"# url: {url}")
    rows = [f"{b.label}\t{' '.join(b.text.split())}" for b in article.blocks if b.text.strip()]
    return "\n".join(head + rows) + "\n"


def run_annotate(args: argparse.Namespace) -> int:
    """``cleaner annotate``: print a pre-labelled fixture for PAGE (``--html``: write the explain
    page to label it by clicking); 2 when PAGE or the rules cannot be read."""
    if args.html:
        return write_page(args, annotate=True, command="annotate")
    try:
        data = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
        article = clean(data, kind=args.kind, url=args.url, rules=args.rules)
    except RulesError as exc:
        print("\n".join(f"cleaner annotate: {p}" for p in exc.problems), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cleaner annotate: cannot read {args.page}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except CleanerError as exc:
        print(f"cleaner annotate: {args.page}: {exc}", file=sys.stderr)
        return 2
    if not article.blocks:
        print(f"cleaner annotate: {args.page}: no text blocks to label", file=sys.stderr)
        return 2
    sys.stdout.write(annotation_tsv(article, url=args.url))
    return 0


def register(subparsers: Any) -> None:
    """Add the ``check`` and ``annotate`` subcommands."""
    p = subparsers.add_parser(
        "check", help="score the cleaner on annotated fixtures and fail on regressions",
        description="Run the cleaner on every NAME.labels.tsv fixture under FIXTURES_DIR and compare "
                    "body F1 and label accuracy with the baseline. Exit 0 pass, 1 regression, "
                    "2 unreadable fixtures or baseline.",
    )
    p.add_argument("fixtures_dir", nargs="?", default="fixtures", metavar="FIXTURES_DIR",
                   help="directory searched recursively for fixtures (default: fixtures)")
    p.add_argument("--baseline", metavar="FILE",
                   help=f"baseline scores (default: FIXTURES_DIR/{BASELINE_NAME})")
    p.add_argument("--update-baseline", action="store_true",
                   help="rewrite the baseline with the current scores (deliberately)")
    p.add_argument("--strict", action="store_true",
                   help="also fail on fixtures missing from the baseline or missing on disk")
    p.add_argument("--tolerance", type=float, default=BODY_F1_TOLERANCE, metavar="F",
                   help=f"allowed drop in body F1 per fixture (default {BODY_F1_TOLERANCE})")
    p.add_argument("--junit", metavar="FILE", help="also write JUnit XML to FILE")
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="show the block diff of every fixture, not only failing ones")
    p.add_argument("--rules", metavar="FILE", help=f"user rules for fixtures whose folder has no {FOLDER_RULES}")
    p.set_defaults(func=run_check_command)

    a = subparsers.add_parser(
        "annotate", help="print a new fixture labels file, pre-labelled, to correct by hand",
        description="Clean PAGE and print NAME.labels.tsv content (label<TAB>block text per block) "
                    "with the current decisions; save the page beside it as NAME.html or NAME.txt.",
    )
    a.add_argument("page", metavar="PAGE", help="page file (HTML or text, .gz ok) or - for stdin")
    add_page_options(a)
    a.add_argument("--html", action="store_true",
                   help="write an HTML page instead: click blocks to relabel them, save NAME.labels.tsv")
    a.add_argument("-o", "--output", metavar="FILE", help="--html: where to write (default NAME.annotate.html)")
    a.set_defaults(func=run_annotate)
