"""The story as units, what both Markdown and HTML write (:mod:`cleaner.render`): headings,
paragraphs, list items, tables, code blocks and images, from the blocks the body is made of.
"""
from __future__ import annotations

from typing import Any, NamedTuple, Protocol

from .model import Block


class ArticleView(Protocol):
    """What the renderer reads of an Article (:class:`cleaner.article.Article`, whose to_markdown and
    to_html call :mod:`cleaner.render`: the Article sits above the renderer, which names only these)."""

    title: str
    paragraphs: list[str]
    language: str | None
    blocks: list[Block]
    url: str | None

    @property
    def text(self) -> str: ...

    def to_dict(self, *, blocks: bool = True) -> dict[str, Any]: ...


#: A row longer than this is a layout table holding page sections, not a data row: its blocks
#: are rendered as paragraphs.
LAYOUT_ROW_CHARS = 1500


class Unit(NamedTuple):
    """One piece of the rendered story. ``kind`` is heading, para, item, table, code or image;
    ``blocks`` the blocks it renders (a table: all its rows' blocks)."""

    kind: str
    blocks: tuple[Block, ...]
    # the <blockquote> it sits in (-1: none). Only paragraphs are quoted: pages (docutils/Sphinx,
    # many editors) indent lists, code and tables with <blockquote>, which is layout, not a quote
    quote: int = -1
    level: int = 0  # heading level; list depth for an item
    rows: tuple[tuple[tuple[str, tuple[tuple[str, str], ...]], ...], ...] = ()  # table: cells (text, links)
    header: bool = False  # table: its first row is marked as a header row
    new_item: bool = True  # item: starts a list item (False: a further paragraph of the previous one)


def story_blocks(article: ArticleView) -> list[Block] | None:
    """The blocks the body is made of, plus (when images were recorded) the images and captions
    among them; None when the blocks do not line up with the paragraphs (render those plainly)."""
    main = [b for b in article.blocks if b.label == "main"]
    if [b.text for b in main] != article.paragraphs:
        return None
    if not main or not any(b.image for b in article.blocks):
        return main
    first, last = main[0].index, main[-1].index
    picked, after_image = [], False
    for b in article.blocks[first:last + 1]:
        if b.label == "main" or b.image or (after_image and b.label == "caption"):
            picked.append(b)
        after_image = b.image is not None and b.label != "main"
    return picked


def story_units(article: ArticleView) -> list[Unit]:
    """The body as units, in order: consecutive blocks of one code block or table row are one
    unit; a table is one unit of its rows."""
    blocks = story_blocks(article)
    if blocks is None:
        return [Unit("para", (_plain(p),)) for p in article.paragraphs]
    units: list[Unit] = []
    titled = -1  # the list item whose heading came last: its other blocks are its section's text
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.code is not None:
            j = _run(blocks, i, lambda x: x.code is not None and x.pre == b.pre)
            code = Unit("code", tuple(blocks[i:j]))
            if not _line_numbers(code):
                units.append(code)
        elif b.row >= 0:
            j = _run(blocks, i, lambda x: x.row >= 0 and x.table == b.table and x.code is None)
            units.extend(_table_units(blocks[i:j]))
        elif b.image:
            j = i + 1
            units.append(Unit("image", (b,)))
            if b.tag != "img":  # a caption that carries the image: the caption follows it
                units.append(Unit("para", (b,), b.quote))
        else:
            j = i + 1
            units.append(_text_unit(b, units[-1] if units else None, titled))
            if b.level:
                titled = b.item
        i = j
    return units


def _line_numbers(u: Unit) -> bool:
    """A <pre> of nothing but consecutive line numbers: the gutter a highlighter sets beside its
    code (in a table cell or a float), not code of its own."""
    numbers = code_text(u).split()
    return len(numbers) >= 2 and all(n.isascii() and n.isdigit() for n in numbers) and \
        all(int(b) == int(a) + 1 for a, b in zip(numbers, numbers[1:]))


def _plain(text: str) -> Block:
    return Block(-1, text)


def _run(blocks: list[Block], i: int, same) -> int:
    """End of the run of blocks from ``i`` on that ``same`` accepts (at least one)."""
    j = i + 1
    while j < len(blocks) and same(blocks[j]):
        j += 1
    return j


def _text_unit(b: Block, prev: Unit | None, titled: int = -1) -> Unit:
    """A heading (also inside a list item: the item is a titled card or section, and a Markdown
    reader takes only a line that starts with "#" for a heading), list item or paragraph. The
    other blocks of an item ``titled`` by a heading are its paragraphs: a list marker after
    the heading would number each card "1." anew."""
    if b.level:
        return Unit("heading", (b,), level=b.level)
    if b.list_depth and b.item != titled:
        continues = prev is not None and prev.kind == "item" and prev.blocks[0].item == b.item
        return Unit("item", (b,), level=b.list_depth, new_item=not continues)
    return Unit("para", (b,), b.quote)


def _table_units(blocks: list[Block]) -> list[Unit]:
    """A run of row blocks of one table: a table unit when its rows have cells side by side,
    else (one column, or layout rows holding page sections) paragraphs."""
    rows: list[list[tuple[str, tuple]]] = []
    row_id = cell_id = None
    for b in blocks:
        if b.row != row_id:
            rows.append([])
            row_id, cell_id = b.row, None
        cells = rows[-1]
        if b.cells:
            cells.extend((c, b.links) for c in b.cells)
        elif b.cell == cell_id and cells:  # a further paragraph of the same cell
            cells[-1] = (cells[-1][0] + " " + b.text, cells[-1][1] + b.links)
        else:
            cells.append((b.text, b.links))
        cell_id = b.cell
    longest = max(sum(len(c) for c, _ in r) for r in rows)
    if max(len(r) for r in rows) < 2 or longest > LAYOUT_ROW_CHARS or any(_structured(b) for b in blocks):
        units: list[Unit] = []
        for b in blocks:
            units.append(_text_unit(b, units[-1] if units else None))
        return units
    first_row = [b for b in blocks if b.row == blocks[0].row]
    return [Unit("table", tuple(blocks),
                 rows=tuple(tuple(r) for r in rows), header=all(b.header for b in first_row))]


def _structured(b: Block) -> bool:
    """A list item inside the table (element ids follow document order: a list item opened
    after its table is inside it): a table holding lists lays out a page section (a note box,
    a product panel), which a pipe table cannot hold (a heading in a cell is only its text)."""
    return b.list_depth > 0 and b.item > b.table


def code_text(u: Unit) -> str:
    """A code unit's text: its blocks' lines as on the page, without blank lines at either end.
    Blocks split at an element (a line's <div>, a <br>) start a new line, unless the block
    before already ended its line with a newline (which a browser shows as one line break too)."""
    parts: list[str] = []
    for b in u.blocks:
        if parts and not parts[-1].endswith("\n"):
            parts.append("\n")
        parts.append(b.code or "")
    lines = "".join(parts).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(line.rstrip() for line in lines)
