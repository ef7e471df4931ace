"""The ``cleaner`` command: one subcommand per surface (clean, batch, check, annotate, spark).

Each subcommand lives in its own module exposing ``register(subparsers)``; this file only wires
them together so a newcomer finds each surface in one place.
"""
from __future__ import annotations

import argparse
import importlib
import sys

#: Modules that each add one or more subcommands.
COMMAND_MODULES = (
    "cleaner.cmd_clean",
    "cleaner.batch",
    "cleaner.check",
    "cleaner.spark",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Strip boilerplate from scraped pages, keeping the story."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # surface not built into this install
                continue
            raise
        module.register(sub)
    return parser


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
