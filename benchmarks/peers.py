"""Adapters that run cleaner and its peers on one decoded page and return plain text.

Every adapter takes the same in-memory ``str`` (an HTML page) and returns the body text with
blocks separated by blank lines, so the shingle metric never glues two paragraphs' words together.
An adapter's optional dependency is imported in :func:`load`, so a missing package only disables
that extractor (the bench prints a note) instead of the whole run.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import Callable

#: Every extractor the bench knows, in the order tables list them.
ALL = (
    "cleaner", "trafilatura", "trafilatura-precision", "trafilatura-metadata", "readability", "justext",
    "boilerpy3", "raw",
)
#: The default comparison (``raw`` is the no-cleaning baseline: every visible block of the input).
DEFAULT = ALL

# Elements whose start and end separate blocks when a peer's HTML output is flattened.
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "caption", "table", "tr", "td",
    "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "body", "form", "address",
})
_DROP_TAGS = ("script", "style", "noscript", "template", "head")
_BLANKS = re.compile(r"\n\s*\n\s*")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass
class Extractor:
    """One configured extractor: ``run(page, lang)`` returns the body text of a page.

    ``takes_text`` marks the one that reads flattened text as is (cleaner in text mode); every
    other extractor gets HTML (in text mode, the text wrapped by :func:`wrap_blocks`).
    """

    name: str
    version: str
    run: Callable[[str, str | None], str]
    note: str = ""
    takes_text: bool = False


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment or page, one blank line between block elements."""
    import lxml.html
    from lxml import etree

    if not markup or not markup.strip():
        return ""
    try:
        root = lxml.html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, *_DROP_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        block = el.tag in _BLOCK_TAGS
        if event == "start":
            parts.append("\n\n" if block else "")
            parts.append(el.text or "")
        else:
            parts.append("\n\n" if block else "")
            if el is not root:
                parts.append(el.tail or "")
    text = _SPACES.sub(" ", "".join(parts))
    return _BLANKS.sub("\n\n", text).strip()


def wrap_blocks(text: str) -> str:
    """Flattened text as a minimal HTML page, one escaped ``<p>`` per blank-line block."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "".join(f"<p>{html_lib.escape(p)}</p>\n" for p in paras)
    return f"<html><head><meta charset='utf-8'></head><body>\n{body}</body></html>"


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def _cleaner(kind: str) -> Extractor:
    from cleaner import clean

    def run(page: str, lang: str | None) -> str:
        return clean(page, kind=kind).text

    return Extractor("cleaner", _version("cleaner"), run, f'clean(data, kind="{kind}").text',
                     takes_text=kind == "text")


def _trafilatura(precision: bool) -> Extractor:
    from trafilatura import extract

    # trafilatura's own defaults are include_comments=True, include_tables=True; comments are
    # not article body in any gold set here, so they are switched off (as its evaluation does).
    opts = {"include_comments": False, "include_tables": True, "favor_precision": precision}

    def run(page: str, lang: str | None) -> str:
        return extract(page, **opts) or ""

    name = "trafilatura-precision" if precision else "trafilatura"
    note = "extract(include_comments=False, include_tables=True" + (
        ", favor_precision=True)" if precision else ")")
    return Extractor(name, _version("trafilatura"), run, note)


def _trafilatura_metadata() -> Extractor:
    """trafilatura as configured above, also finding the page's metadata (title, author, date,
    ...), as clean() always does: the like-for-like speed comparison. Its text is scored."""
    from trafilatura import bare_extraction

    def run(page: str, lang: str | None) -> str:
        doc = bare_extraction(page, include_comments=False, include_tables=True, with_metadata=True)
        return (doc.text if doc is not None else "") or ""

    return Extractor("trafilatura-metadata", _version("trafilatura"), run,
                     "bare_extraction(include_comments=False, include_tables=True, with_metadata=True).text")


def _readability() -> Extractor:
    from readability import Document

    def run(page: str, lang: str | None) -> str:
        return html_to_text(Document(page).summary())

    return Extractor("readability", _version("readability-lxml"), run,
                     "Document(html).summary() -> lxml text, blocks separated")


def _justext() -> Extractor:
    import justext

    from cleaner.language import _STOPLIST_NAMES

    lists: dict[str, frozenset[str]] = {}

    def stoplist(lang: str | None) -> frozenset[str]:
        name = _STOPLIST_NAMES.get((lang or "en").split("-")[0], "English")
        if name not in lists:
            lists[name] = justext.get_stoplist(name)
        return lists[name]

    stoplist("en")  # read the default list before any timing starts

    def run(page: str, lang: str | None) -> str:
        paras = justext.justext(page, stoplist(lang))
        return "\n\n".join(p.text for p in paras if not p.is_boilerplate)

    return Extractor("justext", _version("jusText"), run,
                     "non-boilerplate paragraphs; stoplist of the gold `lang`, else English")


def _boilerpy3() -> Extractor:
    import logging

    from boilerpy3 import extractors

    # it logs a traceback per unparsable page; the bench counts those pages as errors instead
    logging.getLogger("boilerpy3").setLevel(logging.CRITICAL)
    ex = extractors.ArticleExtractor()

    def run(page: str, lang: str | None) -> str:
        return ex.get_content(page) or ""

    return Extractor("boilerpy3", _version("boilerpy3"), run, "ArticleExtractor().get_content")


def _raw() -> Extractor:
    def run(page: str, lang: str | None) -> str:
        return html_to_text(page)

    return Extractor("raw", "-", run, "no cleaning: every visible block (baseline)")


def load(name: str, mode: str) -> Extractor:
    """Build extractor ``name`` for ``mode`` ("html" or "text"); ImportError if not installed."""
    if name == "cleaner":
        return _cleaner(mode)
    if name in ("trafilatura", "trafilatura-precision"):
        return _trafilatura(name == "trafilatura-precision")
    if name == "trafilatura-metadata":
        return _trafilatura_metadata()
    if name == "readability":
        return _readability()
    if name == "justext":
        return _justext()
    if name == "boilerpy3":
        return _boilerpy3()
    if name == "raw":
        return _raw()
    raise ValueError(f"unknown extractor {name!r}; known: {', '.join(ALL)}")
