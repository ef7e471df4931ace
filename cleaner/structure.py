"""What a block is besides its text: heading, list item, table cell, code, quote.

The segmenter's walk keeps a small stack of the open structural elements (lists, items, tables,
rows, cells, <pre>, quotes, headings) and gives a block opened inside any of them a snapshot of
that stack (:data:`cleaner.model.SHAPE_TAGS`; tags, element ids and notes, no element kept; a
<pre>'s note is its code's language, :func:`code_language`). The Block reads its snapshot into
its structure fields when one is first asked for (:func:`cleaner.model.read_snapshot`): most
blocks of a page (menus, footers) are never rendered, so their structure costs nothing. Flat text gets
:func:`infer_text_structure`. Neither changes a block's text or tag (the decision reads those).
"""
from __future__ import annotations

import re

from lxml import etree

from .model import Block

#: A language named in a class: "language-python", "lang-js", "highlight-source-python" (GitHub),
#: "highlight-python" (Sphinx), "brush: js" (SyntaxHighlighter).
_LANG_CLASS = re.compile(r"(?:^|\s)(?:language|lang|highlight-source|highlight|brush)(?:-|:\s*)([A-Za-z0-9_+#.-]+)")
#: Class-named "languages" that say there is none.
_NO_LANGUAGE = frozenset({"none", "default", "nohighlight", "plain", "plaintext", "text", "txt"})


def code_language(pre: etree._Element) -> str | None:
    """The language a <pre> declares in its classes (or data-lang), its <code> child's, or its
    parent's and grandparent's (highlighters wrap the <pre>); None when none names one."""
    code = pre.find("code")
    candidates = [code, pre] if code is not None else [pre]
    parent = pre.getparent()
    if parent is not None:
        candidates.append(parent)
        if parent.getparent() is not None:
            candidates.append(parent.getparent())
    for el in candidates:
        named = el.get("data-lang") or el.get("data-language")
        if named and named.lower() not in _NO_LANGUAGE:
            return named.strip()
        m = _LANG_CLASS.search(el.get("class") or "")
        if m and m.group(1).lower() not in _NO_LANGUAGE:
            return m.group(1)
    return None


# ---- flat text: the shape of the text is all there is ----

#: A list item's own marker at the start of a flattened block: "- ", "* ", "• ", "1. ", "2) ".
TEXT_ITEM = re.compile(r"(?:[-*+•·▪◦]|(\d{1,3})[.)])\s+(?=\S)")
#: A heading is short: at most this many characters and words.
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12
#: ... and followed by a paragraph at least this long (a run of short lines is a menu, not a
#: heading followed by its section).
HEADING_NEXT_MIN_CHARS = 100
#: Share of its longer words (4+ letters) that a title-case line capitalises.
TITLE_CASE_SHARE = 0.6
_SENTENCE_END = tuple(".!?:;,…\"'”’)")


def infer_text_structure(blocks: list[Block]) -> None:
    """Mark list items ("- item", "1. item") and headings (a short title-case line before a
    paragraph) among the blocks of flattened text. Each such block is its own list item."""
    for i, b in enumerate(blocks):
        m = TEXT_ITEM.match(b.text)
        if m:
            b.item, b.list_depth, b.ordered = i, 1, m.group(1) is not None
        elif i + 1 < len(blocks) and _heading_shape(b.text, blocks[i + 1].text):
            b.level = 2


def _heading_shape(text: str, following: str) -> bool:
    """A short line, not ending like a sentence, its longer words capitalised, and a paragraph
    after it: the shape of a subheading in flattened text."""
    if len(text) > HEADING_MAX_CHARS or not text[0].isupper() or text.endswith(_SENTENCE_END):
        return False
    words = text.split()
    if len(words) > HEADING_MAX_WORDS or len(words) < 2:
        return False
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    if not long_words or sum(w[0].isupper() for w in long_words) < TITLE_CASE_SHARE * len(long_words):
        return False
    return len(following) >= HEADING_NEXT_MIN_CHARS and following.endswith(_SENTENCE_END[:3])
