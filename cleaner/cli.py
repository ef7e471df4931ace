"""The ``cleaner`` command: one subcommand per surface (clean, batch, check, annotate, spark).

Each subcommand lives in its own module exposing ``register(subparsers)``; this file only wires
them together so a newcomer finds each surface in one place.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .api import clean
from .errors import CleanerError
from .render import render
from .user_rules import RulesError

#: Modules that each add one or more subcommands (``clean`` is defined here).
COMMAND_MODULES = (
    "cleaner.batch.command",
    "cleaner.quality.check",
    "cleaner.spark",
    "cleaner.explain",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Strip boilerplate from scraped pages, keeping the story."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    register_clean(sub)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # surface not built into this install
                continue
            raise
        module.register(sub)
    return parser


def run_clean(args: argparse.Namespace) -> int:
    """Read the page (a path or stdin), clean it, print the result; exit 1 on unreadable input."""
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            data = Path(args.file).read_bytes()
        article = clean(data, url=args.url, kind=args.kind, language=args.language, rules=args.rules)
    except RulesError as exc:
        print("\n".join(f"cleaner: {p}" for p in exc.problems), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cleaner: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except CleanerError as exc:
        print(f"cleaner: {args.file}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(render(article, args.format, blocks=args.blocks))
    if article.reason and not article.paragraphs:
        print(f"cleaner: {args.file}: empty body: {article.reason}", file=sys.stderr)
    return 0


def register_clean(sub: argparse._SubParsersAction) -> None:
    """Add the ``clean`` subcommand."""
    p = sub.add_parser("clean", help="clean one page (a file or - for stdin) to stdout")
    p.add_argument("file", help="page to clean: .html, .txt (optionally .gz), or - for stdin")
    p.add_argument("--format", choices=("txt", "json", "md"), default="txt")
    p.add_argument("--blocks", action="store_true", help="json: include every block with label and reasons")
    p.add_argument("--kind", choices=("auto", "html", "text"), default="auto")
    p.add_argument("--language", default=None, help="ISO code; skips detection")
    p.add_argument("--url", default=None, help="the page's address, copied to the output")
    p.add_argument("--rules", metavar="FILE", default=None, help="user rules file (TOML)")
    p.set_defaults(func=run_clean)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``cleaner`` console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
