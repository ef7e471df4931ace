"""What :func:`cleaner.clean` returns: an Article, with its title, body, metadata and every labelled
block. It renders itself through the one renderer (:mod:`cleaner.render`), which sits below it
and knows it only as the protocol of what it reads (:class:`cleaner.story.ArticleView`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import render
from .model import Block


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
        """The story as Markdown: title, headings, lists, tables, code and quotes as on the page
        (:func:`cleaner.render.to_markdown`)."""
        return render.to_markdown(self)

    def to_html(self) -> str:
        """The story as a small HTML document with the same structure (:func:`cleaner.render.to_html`)."""
        return render.to_html(self)

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
