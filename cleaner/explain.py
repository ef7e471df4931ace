"""``cleaner explain`` and ``cleaner annotate``: one self-contained HTML page that shows why each
block got its label, and a pre-labelled fixture to correct.

The page lists the blocks in order, coloured by label, with score, reasons and (HTML input) the
element path; the page's title, type and metadata at the top; counts per label that double as a
filter. A click on a block changes its label, and "save" downloads ``NAME.labels.tsv`` in the
fixture format, so a fixture is made by pointing and clicking (``cleaner annotate PAGE --html``).
The page loads nothing from the network: its style and script are inlined from explain.css/.js.
"""
from __future__ import annotations

import argparse
import html
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from .api import clean
from .decode import MAX_INPUT_BYTES, clean_text_utf8, decode_bytes_utf8
from .errors import CleanerError
from .article import Article
from .model import LABELS
from .segment import ElementTable, parse_html, segment_html
from .user_rules import Rules, RulesError, load_rules
from .quality.fixtures import annotation_tsv  # the fixture format is written in one place

#: Elements of an element path shown before it is shortened with "…" (the nearest are kept).
PATH_MAX_ELEMENTS = 8
#: Page suffixes taken off a file name to name its fixture (``story.html.gz`` -> ``story``).
PAGE_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".html", ".htm", ".txt", ".gz")
#: Fields of Article.to_dict shown elsewhere on the page, not in the metadata table.
_NOT_METADATA = frozenset({"text", "blocks", "title", "paragraphs"})


def element_paths(data: str | bytes, article: Article, rules: Rules | None = None,
                  max_bytes: int = MAX_INPUT_BYTES) -> list[str] | None:
    """A readable ancestor path ("body > div.content > article > p") per block of an HTML page,
    or None for text input. Computed for explain only: it parses the page a second time and
    pairs the blocks by index and text (segmentation is deterministic)."""
    if article.kind != "html" or not article.blocks:
        return None
    utf8 = decode_bytes_utf8(bytes(data), max_bytes)[1] if isinstance(data, (bytes, bytearray)) \
        else clean_text_utf8(data)[1]
    root = parse_html(utf8)
    if rules is not None:
        rules.drop_elements(root, article.url)
    blocks, elements = segment_html(root)
    if len(blocks) != len(article.blocks):
        return None
    memo: dict[int, str] = {}
    return [_path(b.ancestors, elements, memo) if b.text == a.text else ""
            for b, a in zip(blocks, article.blocks)]


def _path(ancestors: tuple[int, ...], elements: ElementTable, memo: dict[int, str]) -> str:
    """The nearest PATH_MAX_ELEMENTS ancestors as ``tag.name.name``, outermost first."""
    parts = []
    for eid in ancestors[-PATH_MAX_ELEMENTS:]:
        part = memo.get(eid)
        if part is None:
            names = elements.names.get(eid, "").split()
            part = memo[eid] = elements.tags[eid] + "".join("." + n for n in names[:3])
        parts.append(part)
    lead = "… > " if len(ancestors) > PATH_MAX_ELEMENTS else ""
    return lead + " > ".join(parts)


def fixture_name(page: str) -> str:
    """The fixture name of a page file: its name without the page suffix (``-`` gives ``page``)."""
    name = Path(page).name if page not in ("", "-") else "page"
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or "page"
    return name


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _asset(name: str) -> str:
    return resources.files("cleaner").joinpath(name).read_text(encoding="utf-8")


def _metadata_rows(article: Article) -> list[tuple[str, str]]:
    """Every field of the article's JSON view but the body and blocks (page type and metadata
    fields appear here once the article has them), plus page_type read directly."""
    info = article.to_dict(blocks=False)
    page_type = getattr(article, "page_type", None)
    if page_type and "page_type" not in info:
        info["page_type"] = page_type
    rows = []
    for key, value in info.items():
        if key in _NOT_METADATA or value in (None, "", [], {}):
            continue
        if isinstance(value, dict):
            rows.extend((f"{key}.{k}", _plain(v)) for k, v in value.items() if v not in (None, "", [], {}))
        else:
            rows.append((key, _plain(value)))
    return rows


def _plain(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def _block_html(i: int, block: Any, path: str) -> str:
    reasons = "".join(
        f'<span class="r{" rule" if r.startswith("rule:") else ""}">{_esc(r)}</span>' for r in block.reasons)
    where = f'<div class="path">{_esc(path)}</div>' if path else ""
    return (f'<div class="b l-{block.label}" data-i="{i}" tabindex="0">'
            f'<div class="meta"><span class="lab">{block.label}</span>'
            f'<span class="sc">{block.score:+.2f}</span><span class="ix">#{i} &lt;{_esc(block.tag)}&gt;</span>'
            f'{reasons}</div>{where}<div class="t">{_esc(block.text)}</div></div>')


def explain_html(article: Article, *, name: str = "page", paths: list[str] | None = None,
                 source: str = "", annotate: bool = False, tsv_header: str = "") -> str:
    """The explain page of ``article`` as one HTML document (no external resources).

    ``name`` names the saved ``NAME.labels.tsv``; ``paths`` are the blocks' element paths (see
    :func:`element_paths`); ``tsv_header`` holds the ``#`` lines that start the saved file."""
    blocks = article.blocks
    counts = {label: 0 for label in LABELS}
    for b in blocks:
        counts[b.label] = counts.get(b.label, 0) + 1
    chips = "".join(
        f'<button class="chip l-{label}" data-label="{label}" aria-pressed="true">'
        f'{label} <b>{n}</b></button>' for label, n in counts.items())
    meta = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in _metadata_rows(article))
    body = "".join(_block_html(i, b, paths[i] if paths else "") for i, b in enumerate(blocks))
    data = {
        "name": name,
        "labels": list(LABELS),
        "header": tsv_header,
        "texts": [" ".join(b.text.split()) for b in blocks],
        "labelsNow": [b.label for b in blocks],
    }
    # no "<" at all inside the script element: "</script>" or "<!--" in a block cannot end it
    script_data = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    hint = ("Click a block to change its label, then <b>save</b>: put the downloaded "
            f"<code>{_esc(name)}.labels.tsv</code> beside the page and run <code>cleaner check</code>."
            if annotate else "Click a block to change its label; <b>save</b> writes a fixture labels file.")
    title = article.title or "(no title)"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>explain: {_esc(title)}</title>
<style>{_asset("explain.css")}</style></head>
<body>
<header>
<h1>{_esc(title)}</h1>
<p class="src">{_esc(source)}</p>
<table class="info">{meta}</table>
<p class="reason">{_esc(article.reason or "")}</p>
<nav id="filter" aria-label="filter by label">{chips}
<button id="all">all</button><button id="none">none</button>
<span class="spacer"></span><span id="edits">0 changed</span><button id="save">save {_esc(name)}.labels.tsv</button></nav>
<p class="hint">{hint}</p>
</header>
<main id="blocks">{body}</main>
<div id="menu" hidden>{"".join(f'<button class="l-{label}" data-label="{label}">{label}</button>' for label in LABELS)}</div>
<script type="application/json" id="data">{script_data}</script>
<script>{_asset("explain.js")}</script>
</body></html>
"""


def _read_page(page: str) -> bytes:
    return sys.stdin.buffer.read() if page == "-" else Path(page).read_bytes()


def build_page(page: str, *, rules_path: str | None = None, kind: str = "auto", url: str | None = None,
               language: str | None = None, annotate: bool = False) -> tuple[str, Article]:
    """Clean ``page`` (a path or ``-``) and return its explain page and the article; raises
    OSError, CleanerError or RulesError."""

    rules = load_rules(rules_path) if rules_path else None
    data = _read_page(page)
    article = clean(data, kind=kind, url=url, language=language, rules=rules)
    header = "".join(line + "\n" for line in annotation_tsv(article, url=url).split("\n")
                     if line.startswith("#"))
    paths = element_paths(data, article, rules)
    name = fixture_name(page)
    return explain_html(article, name=name, paths=paths, source=page if page != "-" else "stdin",
                        annotate=annotate, tsv_header=header), article


def write_page(args: argparse.Namespace, *, annotate: bool, command: str) -> int:
    """Build the page for ``args.page`` and write it to ``args.output`` (``-``: stdout, default
    NAME.explain.html); 2 on unreadable input or rules."""
    try:
        text, article = build_page(args.page, rules_path=args.rules, kind=args.kind, url=args.url,
                                   language=getattr(args, "language", None), annotate=annotate)
    except RulesError as exc:
        for problem in exc.problems:
            print(f"cleaner {command}: {problem}", file=sys.stderr)
        return 2
    except (OSError, CleanerError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"cleaner {command}: {args.page}: {why}", file=sys.stderr)
        return 2
    out = args.output or fixture_name(args.page) + (".annotate.html" if annotate else ".explain.html")
    if out == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"cleaner {command}: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"cleaner {command}: wrote {out} ({len(article.blocks)} blocks)", file=sys.stderr)
    return 0


def run_explain(args: argparse.Namespace) -> int:
    """``cleaner explain``: write the explain page of one page."""
    return write_page(args, annotate=False, command="explain")


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
    """Add the ``explain`` and ``annotate`` subcommands."""
    p = subparsers.add_parser(
        "explain", help="write a self-contained HTML page showing each block's label and why",
        description="Clean PAGE and write one HTML file (no network use): blocks in order, coloured "
                    "by label, with score, reasons and element path; a filter by label; click a "
                    "block to relabel it and save a fixture labels file.")
    p.add_argument("page", metavar="PAGE", help="page file (HTML or text, .gz ok) or - for stdin")
    p.add_argument("-o", "--output", metavar="FILE", help="where to write (default NAME.explain.html; - for stdout)")
    add_page_options(p)
    p.add_argument("--language", default=None, help="ISO code; skips detection")
    p.set_defaults(func=run_explain)

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


def add_page_options(p: argparse.ArgumentParser) -> None:
    """--kind, --url and --rules, shared by explain and annotate."""
    p.add_argument("--kind", choices=("auto", "html", "text"), default="auto", help="input kind (default: sniff)")
    p.add_argument("--url", default=None, help="the page's address (recorded as '# url:' by annotate; host rules need it)")
    p.add_argument("--rules", metavar="FILE", default=None, help="user rules file (TOML)")
