"""The data the pipeline passes around: a Block per piece of page text, an Article per page."""
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
    # Structure, for the renderer. Not constructor arguments: the segmenter sets the few that
    # apply after building a block, and a plain paragraph reads the class defaults (no cost).
    # Container fields hold the element id of the enclosing element (-1: not inside one), so
    # blocks of one list item, table row, cell, code block or quote can be told apart.
    level: int = field(default=0, init=False)  # heading level 1-6, 0 when not a heading
    list_depth: int = field(default=0, init=False)  # 1 for a top-level list item, 2 nested once...
    ordered: bool = field(default=False, init=False)  # the innermost list is numbered (<ol>)
    item: int = field(default=-1, init=False)  # the list item (<li>) holding the block
    table: int = field(default=-1, init=False)  # the innermost table holding the block
    row: int = field(default=-1, init=False)  # its table row (<tr>)
    cell: int = field(default=-1, init=False)  # its cell (<td>/<th>; the last one of a merged row)
    cells: tuple[str, ...] = field(default=(), init=False)  # the cell texts of a merged row
    header: bool = field(default=False, init=False)  # a header cell/row (<th>, or in <thead>)
    code: str | None = field(default=None, init=False)  # <pre> text, line breaks and indents kept
    pre: int = field(default=-1, init=False)  # the <pre> holding the block
    lang: str | None = field(default=None, init=False)  # the code's language, from its classes
    quote: int = field(default=-1, init=False)  # the <blockquote> holding the block
    links: tuple[tuple[str, str], ...] = field(default=(), init=False)  # (anchor text, href): clean(links=True)
    image: str | None = field(default=None, init=False)  # the image's src: clean(images=True)

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
            if value != _STRUCTURE_DEFAULTS[name]:
                out[name] = [list(v) for v in value] if name == "links" else (
                    list(value) if isinstance(value, tuple) else value)
        return out


#: The structure fields of :class:`Block`, in the order JSON lists them.
STRUCTURE_FIELDS: tuple[str, ...] = (
    "level", "list_depth", "ordered", "item", "table", "row", "cell", "cells", "header", "code",
    "pre", "lang", "quote", "links", "image",
)
_STRUCTURE_DEFAULTS = {name: getattr(Block, name) for name in STRUCTURE_FIELDS}


@dataclass
class Article:
    """What :func:`cleaner.clean` returns: the title, the story body and every block with its label."""

    title: str
    paragraphs: list[str]
    language: str | None
    blocks: list[Block]
    kind: str
    url: str | None = None  # as given, else the page's canonical address
    reason: str | None = None  # why the body is empty, when it is
    # what the page declares or prints about itself (cleaner.metadata); None when it is silent
    author: str | None = None  # several joined by "; "
    date: str | None = None  # published, YYYY-MM-DD
    date_modified: str | None = None
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    tags: list[str] = field(default_factory=list)
    license: str | None = None
    page_type: str = "other"  # article, forum, product, listing, collection, documentation, service, other
    page_type_reasons: list[str] = field(default_factory=list)  # what decided page_type
    comments: list[str] | None = None  # reader comments, in order; None unless asked for

    @property
    def text(self) -> str:
        """The body: main paragraphs in order, separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    def to_markdown(self) -> str:
        """The article as Markdown (CommonMark with GFM tables): title, then the story with its
        headings, lists, tables, code, quotes (and links and images when clean() recorded them)."""
        from .render import to_markdown  # render imports this module
        return to_markdown(self)

    def to_html(self) -> str:
        """The article as a small semantic HTML5 document, every piece of page text escaped."""
        from .render import to_html
        return to_html(self)

    def to_dict(self, *, blocks: bool = True) -> dict[str, Any]:
        """JSON-ready view of the article (``blocks=False`` leaves out the per-block detail)."""
        out: dict[str, Any] = {
            "url": self.url,
            "kind": self.kind,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "date_modified": self.date_modified,
            "site_name": self.site_name,
            "description": self.description,
            "canonical_url": self.canonical_url,
            "image": self.image,
            "tags": list(self.tags),
            "license": self.license,
            "language": self.language,
            "text": self.text,
            "reason": self.reason,
            "page_type": self.page_type,
            "page_type_reasons": list(self.page_type_reasons),
        }
        if self.comments is not None:
            out["comments"] = list(self.comments)
        if blocks:
            out["blocks"] = [b.to_dict() for b in self.blocks]
        return out


#: The fields of :meth:`Article.to_dict` (without ``blocks``), in its order, with their Spark SQL
#: types: Spark's output schema is built from this, and a test keeps it equal to to_dict's keys.
RECORD_SCHEMA: tuple[tuple[str, str], ...] = (
    ("url", "string"), ("kind", "string"), ("title", "string"), ("author", "string"),
    ("date", "string"), ("date_modified", "string"), ("site_name", "string"),
    ("description", "string"), ("canonical_url", "string"), ("image", "string"),
    ("tags", "array<string>"), ("license", "string"), ("language", "string"), ("text", "string"),
    ("reason", "string"), ("page_type", "string"), ("page_type_reasons", "array<string>"),
)
