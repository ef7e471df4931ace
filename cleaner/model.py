"""The data the pipeline passes around: a Block per piece of page text, its labels and structure
fields (an Article, what clean() returns, is :mod:`cleaner.article`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Every label a block can carry. ``main`` blocks form the article body.
LABELS: tuple[str, ...] = (
    "title",       # the headline
    "main",        # a paragraph, subheading or list item of the story
    "caption",     # image alt text, figure captions, photo credits
    "promo",       # newsletter, subscribe, app, advertising copy
    "related",     # related / recommended / read-more blocks and teaser lists
    "navigation",  # menus, breadcrumbs, section lists, tag lists
    "footer",      # source lines, view counters, copyright, share bars, bylines
    "comment",     # reader comments and their chrome
    "consent",     # cookie and privacy banners
    "boilerplate", # anything else outside the story
)


#: The structure fields of :class:`Block` and their values when a block has no such structure,
#: in the order JSON lists them. The first ones are read from the segmenter's snapshot of the
#: open structural elements when first asked for (:data:`SNAPSHOT_FIELDS`); the others are set.
STRUCTURE_DEFAULTS: dict[str, Any] = {
    "level": 0, "list_depth": 0, "ordered": False, "item": -1, "table": -1, "row": -1, "cell": -1,
    "header": False, "pre": -1, "lang": None, "quote": -1,
    "cells": (), "code": None, "links": (), "image": None,
}
STRUCTURE_FIELDS: tuple[str, ...] = tuple(STRUCTURE_DEFAULTS)
SNAPSHOT_FIELDS: tuple[str, ...] = STRUCTURE_FIELDS[:11]

# ---- the snapshot: the segmenter writes it (with cleaner.structure's notes), a Block reads it ----

_LISTS = frozenset({"ul", "ol", "menu"})
_CELLS = frozenset({"td", "th"})
#: Heading tags and their levels.
HEADING_LEVELS: dict[str, int] = {f"h{n}": n for n in range(1, 7)}
#: Block-level elements whose nesting the segmenter's walk snapshots for each block.
SHAPE_TAGS = frozenset({"li", "table", "thead", "tr", "pre", "blockquote"} | _LISTS | _CELLS | set(HEADING_LEVELS))


def read_snapshot(shape: tuple | None) -> dict[str, Any]:
    """The snapshot fields of a block (:data:`SNAPSHOT_FIELDS`) from its snapshot of open
    structural elements (tag, element id, note; outermost first); the defaults for None. The
    note of a <pre> is its code's language (:func:`cleaner.structure.code_language`). A heading
    inside a list item keeps the item's id but is no list entry: it titles the item."""
    values = {name: STRUCTURE_DEFAULTS[name] for name in SNAPSHOT_FIELDS}
    depth, item, in_head = 0, -1, False
    for tag, eid, note in shape or ():  # outer to inner: an inner element overrides an outer one
        if tag in _LISTS:
            depth += 1
            values["ordered"] = tag == "ol"
        elif tag == "li":
            item = eid
        elif tag in _CELLS:
            values["cell"], values["header"] = eid, in_head or tag == "th"
        elif tag == "tr":
            values["row"] = eid
        elif tag == "table":  # a table inside a cell starts afresh
            values.update(table=eid, row=-1, cell=-1, header=False)
            in_head = False
        elif tag == "thead":
            in_head = True
        elif tag == "pre":
            values["pre"], values["lang"] = eid, note
        elif tag == "blockquote":
            values["quote"] = eid
        else:
            values["level"] = HEADING_LEVELS[tag]
    values["item"] = item
    if item >= 0 and not values["level"]:
        values["list_depth"] = max(depth, 1)
    else:
        values["ordered"] = False
    if values["row"] < 0:  # a caption or stray cell outside any row is not a table row
        values.update(cell=-1, header=False)
    return values


def _from_snapshot(name: str, doc: str) -> property:
    """A structure field read from the block's snapshot (see Block), filled for all of them at
    the first read or write of any: most blocks of a page (menus, footers) are never rendered,
    so their structure costs nothing."""
    def get(self: Block) -> Any:
        values = self.__dict__.get("_structure")
        if values is None:
            values = self._structure = read_snapshot(self.shape)
        return values[name]

    def set_(self: Block, value: Any) -> None:
        get(self)
        self._structure[name] = value

    return property(get, set_, doc=doc)


@dataclass
class Block:
    """One piece of page text, as the segmenter saw it and decided it.

    ``tag`` is the HTML element that holds the block (``"p"`` for text input), ``path`` the
    class/id tokens and tag names of its ancestors (empty for text input).
    ``in_story_container`` says whether the block sits in the element that holds most of the
    page's prose (:func:`cleaner.dom.find_story_container`); None when the page has none (text
    input, or no paragraph to tell).
    """

    index: int
    text: str
    tag: str = "p"
    path: frozenset[str] = frozenset()
    link_chars: int = 0
    ancestors: tuple[int, ...] = ()
    in_story_container: bool | None = None
    label: str = "main"
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    # Structure, for the renderer; not constructor arguments. The segmenter leaves a snapshot
    # of the open structural elements in ``shape`` (one tuple per stack state, no element kept),
    # and the fields below it are filled from it at the first read: the blocks nobody renders
    # (menus, footers) cost nothing. Container fields hold the element id of the enclosing
    # element (-1: not inside one), so blocks of one item, row, cell, code block or quote can
    # be told apart.
    shape: tuple | None = field(default=None, init=False, repr=False, compare=False)
    level = _from_snapshot("level", "heading level 1-6, 0 when not a heading")
    list_depth = _from_snapshot("list_depth", "1 for a top-level list item, 2 nested once...; 0: not an item (a heading never is)")
    ordered = _from_snapshot("ordered", "the innermost list is numbered (<ol>)")
    item = _from_snapshot("item", "the list item (<li>) holding the block")
    table = _from_snapshot("table", "the innermost table holding the block")
    row = _from_snapshot("row", "its table row (<tr>)")
    cell = _from_snapshot("cell", "its cell (<td>/<th>; for a merged row, the last)")
    header = _from_snapshot("header", "a header cell or row (<th>, or in <thead>)")
    pre = _from_snapshot("pre", "the <pre> holding the block")
    lang = _from_snapshot("lang", "the code's language, from the classes of the <pre> and around it")
    quote = _from_snapshot("quote", "the <blockquote> holding the block")
    cells: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)  # cell texts of a merged row
    code: str | None = field(default=None, init=False, repr=False, compare=False)  # <pre> text, breaks and indents kept
    links: tuple[tuple[str, str], ...] = field(default=(), init=False, repr=False, compare=False)  # (anchor, href): clean(links=True)
    image: str | None = field(default=None, init=False, repr=False, compare=False)  # the image's src: clean(images=True)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view: text, label, score, the heuristics that decided it, and the block's
        structure fields that are set (a plain paragraph has none)."""
        out = {
            "index": self.index,
            "text": self.text,
            "tag": self.tag,
            "label": self.label,
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }
        for name in STRUCTURE_FIELDS:
            value = getattr(self, name)
            if value != STRUCTURE_DEFAULTS[name]:
                out[name] = [list(v) for v in value] if name == "links" else (
                    list(value) if isinstance(value, tuple) else value)
        return out
