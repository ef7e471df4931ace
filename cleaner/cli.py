"""The ``cleaner`` command: one subcommand per surface (clean, batch, check, annotate, spark).

Each subcommand lives in its own module exposing ``register(subparsers)``; this file only wires
them together so a newcomer finds each surface in one place.
"""
from __future__ import annotations

import argparse
import importlib
import io
import sys

from . import __version__
from .api import clean
from .errors import CleanerError
from .pages import PAGE_TYPES
from .render import FORMATS, render
from .user_rules import Rules, RulesError, load_rules
from .batch.command import plural
from .warc import WarcStats, is_warc_head, is_warc_path, iter_warc_pages

#: Modules that each add one or more subcommands (``clean`` is defined here).
COMMAND_MODULES = (
    "cleaner.batch.command",
    "cleaner.quality.commands",
    "cleaner.spark",
    "cleaner.explain",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Strip boilerplate from scraped pages, keeping the story."
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
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


#: Formats whose records can carry ``--blocks`` (the others print text only).
BLOCK_FORMATS = ("json", "jsonl")
#: Bytes read from the start of a file to tell a WARC archive from a page.
WARC_SNIFF_BYTES = 512


def run_clean(args: argparse.Namespace) -> int:
    """Read the page (a path or stdin), clean it, print the result; exit 1 on unreadable input,
    2 on a bad command line. A WARC archive is cleaned page by page (see :func:`_clean_warc`)."""
    if args.blocks and args.format not in BLOCK_FORMATS:
        print(f"cleaner clean: error: --blocks needs --format {' or '.join(BLOCK_FORMATS)}", file=sys.stderr)
        return 2
    label = "stdin" if args.file == "-" else args.file
    try:
        rules = load_rules(args.rules) if args.rules else None
    except RulesError as exc:
        print("\n".join(f"cleaner: {p}" for p in exc.problems), file=sys.stderr)
        return 2
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as fh:
                head = fh.read(WARC_SNIFF_BYTES)
                if is_warc_path(args.file) or is_warc_head(head):
                    fh.seek(0)
                    return _clean_warc(fh, label, args, rules)
                data = head + fh.read()
        if is_warc_head(data[:WARC_SNIFF_BYTES]):
            return _clean_warc(io.BytesIO(data), label, args, rules)
        article = clean(data, url=args.url, kind=args.kind, language=args.language,
                        links=args.links, images=args.images, page_type=args.page_type,
                        comments=args.comments, rules=rules)
    except CleanerError as exc:
        print(f"cleaner: {args.file}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        print(f"cleaner: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    sys.stdout.write(render(article, args.format, blocks=args.blocks))
    if article.reason and not article.paragraphs:
        print(f"cleaner: {args.file}: empty body: {article.reason}", file=sys.stderr)
    return 0


def _page_header(source: str, url: str | None, fmt: str) -> str:
    """The line that opens each page of a WARC in txt (``==> source <==``), md or html (a comment)."""
    where = f"{source} {url}" if url else source
    return f"==> {where} <==\n" if fmt == "txt" else f"<!-- {where} -->\n"


def _clean_warc(fh, label: str, args: argparse.Namespace, rules: Rules | None = None) -> int:
    """Clean every HTML page of a WARC, in file order: one record per page (json: a list of them,
    jsonl: one line each), or in txt/md/html each page under a header line naming its record and URL.
    Damaged records are reported on stderr (exit 1); the counts end the run."""
    stats = WarcStats()
    kind = args.kind if args.kind != "auto" else "html"
    cleaned = failed = empty = 0
    first = True
    if args.format == "json":
        sys.stdout.write("[")
    for page in iter_warc_pages(fh, name=label, stats=stats):
        try:
            if page.error:
                raise CleanerError(page.error)
            article = clean(page.data, url=page.url, kind=kind, language=args.language,
                            links=args.links, images=args.images,
                            page_type=args.page_type, comments=args.comments, rules=rules)
        except CleanerError as exc:
            failed += 1
            print(f"cleaner: {page.source}: {exc}", file=sys.stderr)
            continue
        if article.paragraphs:
            cleaned += 1
        else:
            empty += 1
            print(f"cleaner: {page.source}: empty body: {article.reason}", file=sys.stderr)
        if args.format == "json":
            text = ("\n" if first else ",\n") + render(article, "json", source=page.source, blocks=args.blocks).rstrip("\n")
        elif args.format in BLOCK_FORMATS:
            text = render(article, args.format, source=page.source, blocks=args.blocks)
        else:
            text = ("" if first else "\n") + _page_header(page.source, page.url, args.format) + render(article, args.format)
        sys.stdout.write(text)
        first = False
    if args.format == "json":
        sys.stdout.write("\n]\n" if not first else "]\n")
    skipped = stats.skipped_type + stats.skipped_status + stats.skipped_non_html
    print(f"cleaner: {label}: WARC, {plural(cleaned + empty + failed, 'page')}: {cleaned} cleaned, "
          f"{empty} empty, {failed} failed; {plural(skipped, 'record')} skipped (not 2xx HTML responses)",
          file=sys.stderr)
    return 1 if failed else 0


def register_clean(sub: argparse._SubParsersAction) -> None:
    """Add the ``clean`` subcommand."""
    p = sub.add_parser("clean", help="clean one page (a file or - for stdin) to stdout; a WARC page by page")
    p.add_argument("file", help="page to clean (HTML or text, optionally gzipped; a WARC archive is "
                   "cleaned page by page), or - for stdin")
    p.add_argument("--format", choices=FORMATS, default="txt",
                   help="txt: the body; md: Markdown with headings, lists, tables, code; html: a clean "
                   "HTML5 document; json/jsonl: the record (--blocks: with every block's structure)")
    p.add_argument("--blocks", action="store_true", help="json: include every block with label and reasons "
                   "(an error with txt, md or html)")
    p.add_argument("--links", action="store_true", help="md/html: keep links, as [text](absolute URL)")
    p.add_argument("--images", action="store_true", help="md/html: keep images, as ![alt](src) with their captions")
    p.add_argument("--kind", choices=("auto", "html", "text"), default="auto")
    p.add_argument("--language", default=None, help="ISO code; skips detection")
    p.add_argument("--url", default=None, help="the page's address, copied to the output")
    p.add_argument("--comments", action="store_true",
                   help="json/jsonl: also list the reader comments (never part of the body)")
    p.add_argument("--page-type", default=None, choices=PAGE_TYPES,
                   help="take the page for this type instead of classifying it")
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
