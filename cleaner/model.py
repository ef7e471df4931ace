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
    """

    index: int
    text: str
    tag: str = "p"
    path: frozenset[str] = frozenset()
    link_chars: int = 0
    ancestors: tuple[int, ...] = ()
    label: str = "main"
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view: text, label, score and the heuristics that decided it."""
        return {
            "index": self.index,
            "text": self.text,
            "tag": self.tag,
            "label": self.label,
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }


@dataclass
class Article:
    """What :func:`cleaner.clean` returns: the title, the story body and every block with its label."""

    title: str
    paragraphs: list[str]
    language: str | None
    blocks: list[Block]
    kind: str
    url: str | None = None
    reason: str | None = None  # why the body is empty, when it is
    page_type: str = "other"  # article, forum, product, listing, collection, documentation, service, other
    page_type_reasons: list[str] = field(default_factory=list)  # what decided page_type
    comments: list[str] | None = None  # reader comments, in order; None unless asked for

    @property
    def text(self) -> str:
        """The body: main paragraphs in order, separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self, *, blocks: bool = True) -> dict[str, Any]:
        """JSON-ready view of the article (``blocks=False`` leaves out the per-block detail)."""
        out: dict[str, Any] = {
            "url": self.url,
            "kind": self.kind,
            "title": self.title,
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
