"""What a page declares about itself: JSON-LD, <meta> (microdata's too), <link rel>, <title>,
<h1>, <time datetime>.

Read once from the parsed tree, before the segmenter prunes <script>, <meta> and <title> out of
it; later steps (metadata, page type) read the :class:`Declarations`, never the tree again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

#: Elements a page declares itself with, found in one pass in C (lxml's tag filter): a general
#: itemprop search would walk every element again, for as much as all the rest costs.
_DECLARING = ("meta", "link", "title", "h1", "script", "time")
#: Longest JSON-LD script read; a bigger one is an app's state dump, not a page's description.
MAX_JSONLD_CHARS = 500_000
#: JSON-LD objects kept per page; guards against a catalogue page listing thousands of items.
MAX_JSONLD_OBJECTS = 200
#: Nesting depth read when collecting @type values; bounds the walk on pathological JSON.
MAX_TYPE_DEPTH = 6
#: <h1> and <time> values kept: a page with more lists items, and the first ones are what counts.
MAX_REPEATED = 8


@dataclass(frozen=True)
class Declarations:
    """What a page says about itself. Keys are lower-cased; the first value of a key wins."""

    jsonld: tuple[dict, ...] = ()  # every JSON-LD object, lists and @graph flattened
    types: frozenset[str] = frozenset()  # every @type value in the JSON-LD, at any depth
    meta: dict[str, str] = field(default_factory=dict)  # <meta> name/property/itemprop -> content
    links: dict[str, str] = field(default_factory=dict)  # rel -> href
    title: str | None = None  # the <title> text
    h1: tuple[str, ...] = ()  # the texts of the first <h1>s
    times: tuple[str, ...] = ()  # the datetime attributes of the first <time>s


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _objects(data: Any, out: list[dict]) -> None:
    """The objects of a JSON-LD document: a list's items and a @graph's members, flattened."""
    if isinstance(data, list):
        for item in data:
            _objects(item, out)
    elif isinstance(data, dict) and len(out) < MAX_JSONLD_OBJECTS:
        graph = data.get("@graph")
        if isinstance(graph, (list, dict)):
            _objects(graph, out)
            if len(data) > 2 or "@type" in data:  # a graph holder that also describes something
                out.append(data)
        else:
            out.append(data)


def _types(data: Any, out: set[str], depth: int = 0) -> None:
    if depth > MAX_TYPE_DEPTH:
        return
    if isinstance(data, dict):
        t = data.get("@type")
        if isinstance(t, str):
            out.add(t)
        elif isinstance(t, list):
            out.update(x for x in t if isinstance(x, str))
        for value in data.values():
            if isinstance(value, (dict, list)):
                _types(value, out, depth + 1)
    elif isinstance(data, list):
        for value in data:
            _types(value, out, depth + 1)


def parse_jsonld(text: str) -> Any:
    """A JSON-LD script's data, or None when it is not JSON. Raw control characters inside
    strings (newlines in a description) are accepted: many sites write them."""
    text = text.strip()
    if text.startswith("<!--"):  # an old-style comment wrapper
        text = text[4:].removesuffix("-->").strip()
    if not text or len(text) > MAX_JSONLD_CHARS:
        return None
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def read_declarations(root: etree._Element) -> Declarations:
    """Everything the page declares about itself, in one pass over the parsed tree.

    Call before :func:`~cleaner.segment.segment_html`, which removes scripts and the head."""
    objects: list[dict] = []
    meta: dict[str, str] = {}
    links: dict[str, str] = {}
    title = None
    h1: list[str] = []
    times: list[str] = []
    for node in root.iter(_DECLARING):
        tag = node.tag
        if tag == "meta":
            content = node.get("content")
            if content is None:
                continue
            content = content.strip()
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = node.get(attr)
                if key:
                    for k in key.lower().split():
                        meta.setdefault(k, content)
        elif tag == "link":
            href = node.get("href")
            rel = node.get("rel")
            if href and rel:
                for r in rel.lower().split():
                    links.setdefault(r, href.strip())
        elif tag == "script":
            if (node.get("type") or "").strip().lower() == "application/ld+json" and node.text:
                _objects(parse_jsonld(node.text), objects)
        elif tag == "title":
            if title is None:
                title = _text(node) or None
        elif tag == "h1":
            if len(h1) < MAX_REPEATED:
                text = _text(node)
                if text:
                    h1.append(text)
        elif tag == "time" and len(times) < MAX_REPEATED:
            when = node.get("datetime")
            if when and when.strip():
                times.append(when.strip())
    types: set[str] = set()
    _types(objects, types)
    return Declarations(tuple(objects), frozenset(types), meta, links, title, tuple(h1), tuple(times))
