"""The ``check`` subcommand: argument parsing, exit codes and messages."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..user_rules import FOLDER_RULES
from .check import BASELINE_NAME, BODY_F1_TOLERANCE, ERROR, baseline_json, run_check
from .fixtures import FixtureFormatError
from .report import count, junit_xml, render_text


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
              f"({count(len(report.results), 'fixture')})", file=sys.stderr)
        return 0
    return report.exit_code


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
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
