"""Markup repair before the parse: what lxml needs so that it reads a page as a browser shows it.

Two fixes, each for a way libxml2 and browsers disagree: text after ``</body>``/``</html>`` and
an XML declaration naming another encoding (:func:`prepare_markup`), and nesting deeper than
libxml2's 256 levels (:func:`flatten_nesting`, used only after the parser gave up).
"""
from __future__ import annotations

import re

from .decode import _LEADING_SPACE, _STR_SPACES

#: Open elements kept when markup nests deeper than the parser allows (libxml2 stops reading at
#: 256 levels and drops the rest of the page); deeper tags are dropped, their text is kept.
MAX_NESTING = 200
#: ``</body>`` or ``</html>`` in UTF-8 markup, in any case and with any ``\s`` space of a str before
#: the ``>`` (bytes ``\s`` knows only ASCII spaces, so each space is spelled out in UTF-8).
_DOCUMENT_END = re.compile(
    rb"</(?:body|html)(?:" + b"|".join(re.escape(c.encode()) for c in _STR_SPACES) + rb")*>", re.I
)
#: A token of markup for :func:`flatten_nesting`: comment, raw-text element, or a tag.
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title)\b.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([A-Za-z][^\s/>]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>",
    re.S | re.I,
)
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "isindex",
})
#: Elements an opening tag of the same name closes implicitly (``<p>a<p>b`` is two siblings).
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
#: Block-level elements whose dropped tags are replaced by <br>, so their text stays a block.
_BLOCKISH = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th",
    "h1", "h2", "h3", "h4", "h5", "h6", "form", "address", "center", "details", "summary",
})


def prepare_markup(markup: bytes) -> bytes:
    """UTF-8 markup lxml reads in full: no leading XML declaration, no ``</body>``/``</html>`` end
    tags.

    The declaration may name another encoding than the UTF-8 the bytes are in, and libxml2 drops
    everything after ``</html>`` and puts text after ``</body>`` outside the body; browsers show both.
    """
    lt = markup.find(b"<")
    if markup.startswith(b"<?xml", lt) and _LEADING_SPACE.fullmatch(markup[:lt].decode("utf-8", "replace")):
        end = markup.find(b">", lt)
        if end != -1:
            markup = markup[end + 1:]
    return _DOCUMENT_END.sub(b"", markup)


def flatten_nesting(markup: str, max_depth: int = MAX_NESTING) -> str:
    """Markup whose elements nest at most ``max_depth`` deep: deeper tags are dropped, text kept.

    Used only after the parser gave up on deep nesting (libxml2 stops at 256 levels and loses the
    rest of the page). Dropped block-level tags become ``<br>`` so their text stays a separate
    block. One linear pass; comments and script/style bodies are copied untouched.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, kept in the output)
    open_count: dict[str, int] = {}
    kept = 0
    pos = 0
    broken = False  # a <br> was written and no text since: one break stands for a run of tags
    for m in _TAG.finditer(markup):
        gap = markup[pos:m.start()]
        out.append(gap)
        broken = broken and not gap.strip()
        pos = m.end()
        name = (m.group(3) or "").lower()
        if not name or name in _VOID:
            out.append(m.group(0))
            continue
        if not m.group(2):  # opening tag
            if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1][0] == name:
                _, was_kept = stack.pop()
                open_count[name] -= 1
                kept -= was_kept
            keep = kept < max_depth
            stack.append((name, keep))
            open_count[name] = open_count.get(name, 0) + 1
            kept += keep
        else:  # closing tag: closes the nearest open element of that name, and all inside it
            if not open_count.get(name):
                continue  # stray end tag; the parser would ignore it too
            while True:
                top, keep = stack.pop()
                open_count[top] -= 1
                kept -= keep
                if top == name:
                    break
        if keep:
            out.append(m.group(0))
            broken = False
        elif name in _BLOCKISH and not broken:
            out.append("<br>")
            broken = True
    out.append(markup[pos:])
    return "".join(out)
