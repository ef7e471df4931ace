"""``cleaner clean FILE|-``: clean one page and print it as text, JSON or Markdown."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .api import clean
from .errors import CleanerError
from .model import Article


def render(article: Article, fmt: str, *, blocks: bool = False) -> str:
    """The article as ``txt`` (title, blank line, body), ``json`` or ``md``."""
    if fmt == "json":
        return json.dumps(article.to_dict(blocks=blocks), ensure_ascii=False, indent=2)
    if fmt == "md":
        head = f"# {article.title}\n\n" if article.title else ""
        return head + article.text
    return article.text


def run(args: argparse.Namespace) -> int:
    """Read the page (a path or stdin), clean it, print the result; exit 1 on unreadable input."""
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            data = Path(args.file).read_bytes()
        article = clean(data, url=args.url, kind=args.kind, language=args.language)
    except OSError as exc:
        print(f"cleaner: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except CleanerError as exc:
        print(f"cleaner: {args.file}: {exc}", file=sys.stderr)
        return 1
    out = render(article, args.format, blocks=args.blocks)
    if out:
        sys.stdout.write(out + "\n")
    if article.reason and not article.paragraphs:
        print(f"cleaner: {args.file}: empty body: {article.reason}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``clean`` subcommand."""
    p = sub.add_parser("clean", help="clean one page (a file or - for stdin) to stdout")
    p.add_argument("file", help="page to clean: .html, .txt (optionally .gz), or - for stdin")
    p.add_argument("--format", choices=("txt", "json", "md"), default="txt")
    p.add_argument("--blocks", action="store_true", help="json: include every block with label and reasons")
    p.add_argument("--kind", choices=("auto", "html", "text"), default="auto")
    p.add_argument("--language", default=None, help="ISO code; skips detection")
    p.add_argument("--url", default=None, help="the page's address, copied to the output")
    p.set_defaults(func=run)
