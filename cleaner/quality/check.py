"""``cleaner check`` and ``cleaner annotate``: regression checks on annotated fixtures.

``check`` runs the cleaner on every fixture under a directory, scores body text and block labels
against the annotations and compares the scores with a committed baseline, so CI fails when a
change starts keeping promos or dropping story paragraphs. ``annotate`` writes a new fixture,
pre-labelled with the current decisions, for a person to correct by hand.
"""
from __future__ import annotations

import json
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..api import clean
from .fixtures import (
    Fixture,
    FixtureFormatError,
    FixtureResult,
    confusion_dict,
    discover,
    score_fixture,
)
from .metric import summarize
from ..user_rules import Rules, RulesError, folder_rules, load_rules

#: How far a fixture's body F1 may fall below its baseline before it fails: absorbs a few tokens
#: moving across a block edge, while a lost or gained paragraph still fails.
BODY_F1_TOLERANCE = 0.005
#: Label accuracy may fall by less than this many blocks' worth (of the fixture's aligned blocks);
#: half a block absorbs the baseline's rounding, so one more mislabelled block always fails.
LABEL_SLACK_BLOCKS = 0.5
#: Decimals kept in baseline.json, so its diffs stay readable.
BASELINE_DECIMALS = 4
#: Name of the baseline file inside the fixtures dir.
BASELINE_NAME = "baseline.json"
#: Format version written into baseline.json.
BASELINE_VERSION = 1

PASS, FAIL, NEW, ERROR = "pass", "fail", "new", "error"


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


def mistake_key(line: int | None, predicted: str | None) -> str:
    return f"{line}:{predicted}"


def entry_for(result: FixtureResult) -> BaselineEntry:
    return BaselineEntry(result.body_f1, result.label_accuracy,
                         frozenset(mistake_key(d.line, d.predicted) for d in result.mislabelled))


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
        "fixtures": {r.name: entry_for(r).to_dict() for r in results},
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
