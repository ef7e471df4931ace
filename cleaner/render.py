"""The one renderer: an Article as txt, md, html, json or jsonl text. ``cleaner clean``,
``cleaner batch`` and ``cleaner spark`` all print or write what this returns, so the surfaces
cannot disagree.

Markdown and HTML are built from the same story units (:func:`cleaner.story.story_units`): headings with the
page's levels, list items with their nesting, tables row by row, code blocks, quotes, images;
story text is escaped so that it is never read as markup.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import quote as url_quote, urljoin

from .story import ArticleView, Unit, code_text, story_units
from .structure import TEXT_ITEM


#: Every output format, in the order the CLI lists them.
FORMATS = ("txt", "md", "html", "json", "jsonl")

def render(article: ArticleView, fmt: str, *, source: str | None = None, blocks: bool = False) -> str:
    """The article as ``txt`` (body only), ``md`` (title heading + structured body), ``html``
    (a semantic HTML5 document) or ``json``/``jsonl`` text, ending in a newline (empty when there
    is nothing to write). ``source`` and ``blocks`` go into the JSON record only."""
    if fmt == "txt":
        return article.text + "\n" if article.text else ""
    if fmt == "md":
        return to_markdown(article)
    if fmt == "html":
        return to_html(article)
    if fmt == "jsonl":
        return json.dumps(record(article, source=source, blocks=blocks), ensure_ascii=False) + "\n"
    if fmt == "json":
        return json.dumps(record(article, source=source, blocks=blocks), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def record(article: ArticleView, *, source: str | None = None, blocks: bool = False) -> dict[str, Any]:
    """The JSON record that ``json``/``jsonl`` output writes (``source`` first when given); Spark
    takes it as it is instead of parsing the rendered line back."""
    out: dict[str, Any] = {"source": source} if source is not None else {}
    out.update(article.to_dict(blocks=blocks))
    return out


def _own_marker(text: str) -> tuple[str | None, str]:
    """An item whose text starts with its own marker ("1. ", "- "): the number (or "" for a
    bullet) and the text after it; (None, text) otherwise."""
    m = TEXT_ITEM.match(text)
    if not m:
        return None, text
    return (m.group(1) or ""), text[m.end():]


def _link_spans(text: str, links: tuple[tuple[str, str], ...]):
    """(piece, href or None) runs of ``text``: each link's anchor found in order after the last."""
    at = 0
    for anchor, href in links:
        pos = text.find(anchor, at)
        if pos < 0:
            continue
        if pos > at:
            yield text[at:pos], None
        yield anchor, href
        at = pos + len(anchor)
    if at < len(text):
        yield text[at:], None


def _absolute(href: str, base: str | None) -> str:
    return urljoin(base, href) if base else href


# ---- Markdown (CommonMark with GFM tables) ----

#: Characters that start inline markup anywhere: escapes, code, emphasis, links, HTML,
#: strikethrough, entities; "_" only where it can open or close emphasis (not inside a word).
_MD_INLINE = re.compile(r"[\\`*\[\]<~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
#: What makes a line start a block: heading, quote, list bullet, ordered item ("2024. ").
_MD_LINE_START = re.compile(r"^(?:([#>+=-])|(\d{1,9})([.)]))")


def md_escape(text: str, where: str = "block") -> str:
    """``text`` backslash-escaped so a CommonMark/GFM parser reads it back as the same text:
    ``where`` is "block" (it starts a line), "inline" (it follows other text), "cell" (a table
    cell: "|" too) or "heading" (every "#": a trailing one would close the heading)."""
    out = _MD_INLINE.sub(r"\\\g<0>", text)
    if where == "cell":
        out = out.replace("|", "\\|")
    elif where == "heading":
        out = out.replace("#", "\\#")
    elif where == "block":
        out = _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), out)
    return out


def _md_inline(text: str, links: tuple, base: str | None, where: str = "block") -> str:
    if not links:
        return md_escape(text, where)
    parts = []
    for piece, href in _link_spans(text, links):
        escaped = md_escape(piece, "inline" if parts and where == "block" else where)
        if href:
            url = url_quote(_absolute(href, base), safe="/:?#[]@!$&'*+,;=%~-._")
            escaped = f"[{escaped}]({url})"
        parts.append(escaped)
    return "".join(parts)


def to_markdown(article: ArticleView) -> str:
    """The article as Markdown: ``# title`` then the story with its structure."""
    chunks: list[tuple[str, int, bool]] = []  # (text, quote id, joined by one newline)
    if article.title:
        chunks.append(("# " + md_escape(" ".join(article.title.split()), "heading"), -1, False))
    # open list items, outermost first: [item id, content column, number, ordered, page depth]
    items: list[list] = []
    base = article.url
    for u in story_units(article):
        b = u.blocks[0]
        if u.kind != "item" or (chunks and chunks[-1][1] != u.quote):
            items.clear()
        if u.kind == "heading":
            chunks.append(("#" * u.level + " " + _md_inline(b.text, b.links, base, "heading"), u.quote, False))
        elif u.kind == "item":
            chunks.append(_md_item(u, items, base))
        elif u.kind == "table":
            chunks.append((_md_table(u, base), u.quote, False))
        elif u.kind == "code":
            chunks.append((_md_code(u), u.quote, False))
        elif u.kind == "image":
            alt = md_escape(b.text if b.tag == "img" else "", "inline")
            chunks.append((f"![{alt}]({url_quote(_absolute(b.image or '', base), safe='/:?#[]@!$&*+,;=%~-._')})", u.quote, False))
        else:
            chunks.append((_md_inline(b.text, b.links, base), u.quote, False))
    return _join_chunks(chunks)


def _md_item(u: Unit, items: list[list], base: str | None) -> tuple[str, int, bool]:
    """A list item line (indented under its parent) or a further paragraph of an open item."""
    b = u.blocks[0]
    open_ids = [entry[0] for entry in items]
    if not u.new_item and b.item in open_ids:
        del items[open_ids.index(b.item) + 1:]
        return " " * items[-1][1] + _md_inline(b.text, b.links, base), u.quote, False
    sibling = None  # the open item at the same page depth: this one follows it
    while items and items[-1][4] >= u.level:
        closed = items.pop()
        if closed[4] == u.level:
            sibling = closed
    number, text = _own_marker(b.text)
    ordered = bool(number) or (number is None and b.ordered)
    if not (number is None or text):  # only a marker: keep the text as it is
        number, text = None, b.text
    indent = items[-1][1] if items else 0
    if ordered:
        n = int(number) if number else (sibling[2] + 1 if sibling and sibling[3] else 1)
        marker = f"{n}."
    else:
        n, marker = 0, "-"
    items.append([b.item, indent + len(marker) + 1, n, ordered, u.level])
    line = " " * indent + marker + " " + _md_inline(text, b.links, base)
    return line, u.quote, sibling is not None or len(items) > 1


def _md_table(u: Unit, base: str | None) -> str:
    width = max(len(r) for r in u.rows)
    lines = []
    for k, row in enumerate(u.rows):
        cells = [_md_inline(t, links, base, "cell") for t, links in row]
        cells += [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if k == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def _md_code(u: Unit) -> str:
    code = code_text(u)
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    lang = re.sub(r"[^\w+#.-]", "", u.blocks[0].lang or "")
    return f"{fence}{lang}\n{code}\n{fence}"


def _join_chunks(chunks: list[tuple[str, int, bool]]) -> str:
    """Chunks joined by blank lines (one newline between tight list items), each line of a
    quoted chunk behind "> ", consecutive chunks of one quote in one blockquote."""
    out: list[str] = []
    prev_quote = -1
    for k, (text, quote, tight) in enumerate(chunks):
        if quote >= 0:
            text = "\n".join(("> " + line).rstrip() for line in text.split("\n"))
        if k:
            if tight:
                out.append("\n")
            else:
                out.append("\n>\n" if quote >= 0 and quote == prev_quote else "\n\n")
        out.append(text)
        prev_quote = quote
    return "".join(out) + "\n" if out else ""


# ---- HTML ----

def _html_inline(text: str, links: tuple, base: str | None) -> str:
    if not links:
        return html.escape(text, quote=False)
    return "".join(
        f'<a href="{html.escape(_absolute(href, base))}">{html.escape(piece, quote=False)}</a>' if href
        else html.escape(piece, quote=False)
        for piece, href in _link_spans(text, links)
    )


def to_html(article: ArticleView) -> str:
    """The article as a small semantic HTML5 document: h1..h6, p, ul/ol/li, table, pre/code,
    blockquote, figure; every piece of page text escaped."""
    esc = html.escape
    lang = f' lang="{esc(article.language)}"' if article.language else ""
    out = ["<!DOCTYPE html>", f"<html{lang}>", "<head>", '<meta charset="utf-8">']
    if article.title:
        out.append(f"<title>{esc(article.title, quote=False)}</title>")
    out += ["</head>", "<body>", "<article>"]
    if article.title:
        out.append(f"<h1>{esc(article.title, quote=False)}</h1>")
    lists: list[tuple[str, int]] = []  # open lists (tag, page depth), outermost first, each with an open <li>
    quote = -1
    base = article.url
    for u in story_units(article):
        b = u.blocks[0]
        if u.quote != quote or u.kind != "item":
            _close_lists(out, lists, 0)
        if u.quote != quote:
            if quote >= 0:
                out.append("</blockquote>")
            if u.quote >= 0:
                out.append("<blockquote>")
            quote = u.quote
        inline = _html_inline(b.text, b.links, base)
        if u.kind == "heading":
            out.append(f"<h{u.level}>{inline}</h{u.level}>")
        elif u.kind == "item":
            _html_item(out, lists, u, inline)
        elif u.kind == "table":
            out.append(_html_table(u, base))
        elif u.kind == "code":
            cls = f' class="language-{esc(b.lang)}"' if b.lang else ""
            out.append(f"<pre><code{cls}>{esc(code_text(u), quote=False)}</code></pre>")
        elif u.kind == "image":
            alt = b.text if b.tag == "img" else ""
            out.append(f'<figure><img src="{esc(_absolute(b.image or "", base))}" alt="{esc(alt)}"></figure>')
        else:
            out.append(f"<p>{inline}</p>")
    _close_lists(out, lists, 0)
    if quote >= 0:
        out.append("</blockquote>")
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _close_lists(out: list[str], lists: list[tuple[str, int]], keep: int) -> None:
    while len(lists) > keep:
        out.append(f"</li></{lists.pop()[0]}>")


def _html_item(out: list[str], lists: list[tuple[str, int]], u: Unit, inline: str) -> None:
    """Open or continue a list item at its depth, opening and closing lists around it."""
    if not u.new_item and lists:
        _close_lists(out, lists, sum(level <= u.level for _, level in lists))
        out.append(f"<p>{inline}</p>")
        return
    tag = "ol" if u.blocks[0].ordered else "ul"
    keep = sum(level < u.level for _, level in lists)  # the lists this item is nested in
    same = len(lists) > keep and lists[keep] == (tag, u.level)
    _close_lists(out, lists, keep + same)
    if same:
        out.append("</li>")
    else:
        out.append(f"<{tag}>")
        lists.append((tag, u.level))
    out.append(f"<li>{inline}")


def _html_table(u: Unit, base: str | None) -> str:
    rows = []
    for k, row in enumerate(u.rows):
        cell = "th" if k == 0 and u.header else "td"
        rows.append("<tr>" + "".join(f"<{cell}>{_html_inline(t, links, base)}</{cell}>" for t, links in row) + "</tr>")
    if u.header:
        body = "\n<tbody>\n" + "\n".join(rows[1:]) + "\n</tbody>" if len(rows) > 1 else ""
        return "<table>\n<thead>\n" + rows[0] + "\n</thead>" + body + "\n</table>"
    return "<table>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
