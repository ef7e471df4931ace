"""The one renderer: an Article as txt, md, json or jsonl text. ``cleaner clean``, ``cleaner batch``
and ``cleaner spark`` all print or write what this returns, so the surfaces cannot disagree."""
from __future__ import annotations

import json
import re
from typing import Any

from .model import Article

#: Every output format, in the order the CLI lists them.
FORMATS = ("txt", "md", "json", "jsonl")

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MD_LINE_START = re.compile(r"^(\s*)([#>*+\-|]|\d+[.)]|```)", re.M)


def render(article: Article, fmt: str, *, source: str | None = None, blocks: bool = False) -> str:
    """The article as ``txt`` (body only), ``md`` (title heading + body) or ``json``/``jsonl`` text,
    ending in a newline (empty when there is nothing to write). ``source`` and ``blocks`` go into
    the JSON record only."""
    if fmt == "txt":
        return article.text + "\n" if article.text else ""
    if fmt == "md":
        return _markdown(article)
    if fmt == "jsonl":
        return json.dumps(record(article, source=source, blocks=blocks), ensure_ascii=False) + "\n"
    if fmt == "json":
        return json.dumps(record(article, source=source, blocks=blocks), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def record(article: Article, *, source: str | None = None, blocks: bool = False) -> dict[str, Any]:
    """The JSON record that ``json``/``jsonl`` output writes (``source`` first when given); Spark
    takes it as it is instead of parsing the rendered line back."""
    out: dict[str, Any] = {"source": source} if source is not None else {}
    out.update(article.to_dict(blocks=blocks))
    return out


def _md_escape(text: str) -> str:
    """Backslash-escape line-leading characters Markdown would read as headings, lists or quotes."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _markdown(article: Article) -> str:
    parts = []
    if article.title:
        parts.append("# " + " ".join(article.title.split()))
    main = [b for b in article.blocks if b.label == "main"]
    if [b.text for b in main] == article.paragraphs:  # blocks line up: keep headings and lists
        for b in main:
            if b.tag in _HEADING_TAGS:
                parts.append("## " + " ".join(b.text.split()))
            elif b.tag == "li":
                parts.append("- " + _md_escape(b.text))
            else:
                parts.append(_md_escape(b.text))
    else:
        parts.extend(_md_escape(p) for p in article.paragraphs)
    return "\n\n".join(parts) + "\n" if parts else ""
