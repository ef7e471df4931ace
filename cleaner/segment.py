"""Split a page into blocks: blank-line paragraphs for flat text, block-level elements for HTML.

The HTML walk is one iterative pass over one lxml tree (no recursion, so 100,000-deep nesting is
safe), recording for each block its tag, the class/id tokens and tags of its ancestors, how much of
its text sits inside links, and the chain of ancestor ids that lets the segmenter find the story's
container.
"""
from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from lxml import etree

from .markup import flatten_nesting, prepare_markup
from .errors import CleanerError
from .model import SHAPE_TAGS, Block
from .structure import code_language, infer_text_structure

#: Elements whose content is never page text. Ruby annotations (<rt> readings printed over
#: kanji, <rp> fallback brackets) are pronunciation aids: read as text they double every word.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "button", "select", "option", "textarea", "input", "head", "title", "meta", "link", "canvas",
    "video", "audio", "map", "dialog", "rt", "rp",
})
#: Elements that end one block and start another.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "caption", "table", "tr", "td",
    "th", "thead", "tbody", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "form", "fieldset",
    "address", "hr", "br", "body", "html", "center", "details", "summary", "legend", "menu",
    "hgroup", "noscript",
})
#: Longest merged table row; longer cells are layout tables holding whole page sections.
MAX_ROW_CHARS = 400
#: Ancestors remembered per block (innermost first); bounds memory on absurdly deep pages.
MAX_ANCESTORS = 64
#: Share of the body's text above which a <noscript> is the page itself (a site that renders with
#: script serves its whole content there), not a tracking pixel or an "enable JavaScript" note.
NOSCRIPT_PAGE_SHARE = 0.5
#: Class words of a tab panel that pages hide by style rather than by role="tabpanel".
TAB_PANEL_CLASSES = frozenset({"tab-pane", "tabpanel", "tab-panel"})
#: Skipped elements that may hold the page: a <noscript> (above), and a <button> left open (a menu
#: button whose "</button>" the parser ignores inside an unclosed <div> swallows the page).
PAGE_BOX_TAGS = frozenset({"noscript", "button"})
#: Cap on the number of blocks kept per page; guards against pages of millions of tiny elements.
MAX_BLOCKS = 20_000
#: Table cells: the blocks _merge_table_rows merges into rows (a page without one has none to merge).
_CELL_TAGS = frozenset({"td", "th"})
_TAG = attrgetter("tag")  # Block.tag

#: A class/id token: a run of two or more lower-case letters or digits.
_TOKEN = re.compile(r"[a-z0-9]{2,}")
#: _TOKEN for ASCII: every byte but a-z and 0-9 becomes a space, so the words left of two or more
#: characters are its matches.
_NOT_TOKEN_BYTES = bytes(c if chr(c).isascii() and _TOKEN.fullmatch(chr(c) * 2) else 32 for c in range(256))
_ONE_CHARACTER = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
#: Where a camelCase name changes case ("articleBody"); a space goes there. A zero-width match
#: with a plain replacement stays in C (a "\\1 \\2" template is expanded in Python per match).
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _norm(text: str) -> str:
    """Whitespace runs collapsed to one space, ends stripped (str.split's whitespace is regex \\s)."""
    # Most block texts are normal already; checking that in C costs less than the split and join.
    # Every whitespace character but the space is unprintable (a test checks all code points).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def segment_text(text: str) -> list[Block]:
    """Blocks of flattened text: paragraphs separated by blank lines, inner whitespace collapsed."""
    blocks = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # CR-only line ends: old Mac files
    for chunk in re.split(r"\n[ \t\r\f\v\u00a0]*\n", text):
        chunk = _norm(chunk)
        if chunk:
            blocks.append(Block(index=len(blocks), text=chunk))
            if len(blocks) >= MAX_BLOCKS:
                break
    infer_text_structure(blocks)
    return blocks


#: The path of a block before :func:`~cleaner.dom.assign_paths` sets it: one object for all.
_NO_PATH: frozenset[str] = frozenset()
#: Attributes whose values name what an element is for.
NAMING_ATTRIBUTES = frozenset({"class", "id", "role", "itemprop"})


def tokens(names: str) -> frozenset[str]:
    """Lower-cased words of class/id/role values: "articleBody story-text" -> article, body, story, text."""
    if not names:
        return frozenset()
    if names.lower() != names:  # the camelCase split runs only on names with capitals: it is the
        names = _CAMEL.sub(" ", names).lower()  # dearer half of the work, and most names are lower-case
    if names.isascii():  # most names: C string passes, a third of what the regex engine costs
        return frozenset(names.encode().translate(_NOT_TOKEN_BYTES).decode().split()) - _ONE_CHARACTER
    return frozenset(_TOKEN.findall(names))


def _lxml_parse(markup: bytes, huge: bool) -> tuple[etree._Element, etree.HTMLParser]:
    # etree's parser, not lxml.html's: that one looks up a Python element class for every element
    # the walk touches, and nothing here needs lxml.html's element methods; collect_ids=False skips
    # libxml2's hash table of id attributes (nothing looks elements up by id; ~3 % of the parse)
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=huge,
        default_doctype=False, encoding="utf-8", collect_ids=False,
    )
    try:
        root = etree.fromstring(markup, parser)
    except ValueError as exc:
        raise CleanerError(f"unparseable HTML: {exc}") from None
    if root is None:  # an empty document: only comments, a doctype or whitespace
        root = etree.Element("html")
    return root, parser


def parse_html(markup: str | bytes) -> etree._Element:
    """One lxml parse of markup as a str or in UTF-8, without network access, entity expansion or
    DTD loading. :func:`~cleaner.api.clean` passes UTF-8: lxml reads it faster than a str.

    When libxml2 stops early on a resource limit (nesting over 256 deep, a text node over 10 MB)
    and would drop the rest of the page, it parses once more with the nesting flattened and the
    size limit lifted.
    """
    if isinstance(markup, str):
        markup = markup.encode("utf-8", "replace")  # "?" for a lone surrogate: clean_text replaces those
    markup = prepare_markup(markup)
    root, parser = _lxml_parse(markup, huge=False)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        flat = flatten_nesting(markup.decode("utf-8", "replace"))
        root, _ = _lxml_parse(flat.encode("utf-8"), huge=True)
    return root


class ElementTable(NamedTuple):
    """The elements of a page by element id: what :func:`segment_html` tells the DOM evidence."""

    tags: list[str]  # every element's tag
    # the values of the class/id/role attributes of every element that holds a block (others are
    # left out), tokenised later only for the elements a heuristic reads; no (tag, names) pair
    # per element: fewer objects for the garbage collector to track
    names: dict[int, str]


class _Walker:
    """State of the single pass that turns an lxml tree into blocks."""

    def __init__(self, start: etree._Element, links: bool = False, images: bool = False) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.link_buf = 0
        self.ids: list[int] = []  # element ids of the open elements, outermost first
        self.open_nodes = [start.getparent()]  # the open elements, outermost first, over start's parent
        # tags of the open block-level elements, over a "div" for text outside any
        self.block_tags: list[str] = ["div"]
        self.tags: list[str] = []  # element id -> tag
        self.names: dict[int, str] = {}  # element id -> class/id/role values (see ElementTable)
        # the open structural elements (see structure.SHAPE_TAGS) as (tag, element id, note)
        self.shapes: list[tuple[str, int, object]] = []
        self.pre_depth = 0  # inside a <pre>: the block's text is kept as code, as it was
        self.code_breaks = ""  # the <br>s of a <pre> that ended lines with no text: the next code's empty lines
        self.links, self.images = links, images  # record hrefs / image sources (off: no cost)
        self.open_links: list[list] = []  # [buffer position where the link starts, href]
        self.found_links: list[tuple[str, str]] = []  # (anchor text, href) of the coming block
        self.figure_image: str | None = None  # src of an image without alt, for its caption

    def flush(self) -> None:
        """Close the text buffered since the last block boundary into a block (if it holds any)."""
        if not self.buf:
            return
        raw = "".join(self.buf)
        text = _norm(raw)
        link_chars = self.link_buf
        self.buf.clear()
        self.link_buf = 0
        if self.open_links:  # a link that goes on into the next block starts at its beginning
            for link in self.open_links:
                link[0] = 0
        if not text or len(self.blocks) >= MAX_BLOCKS:
            self.found_links.clear()
            return
        ids = self.ids
        # positional: Block's keyword call costs a quarter more, and this runs once per block
        block = Block(
            len(self.blocks), text, self.block_tags[-1], _NO_PATH,
            min(link_chars, len(text)),
            tuple(ids) if len(ids) <= MAX_ANCESTORS else tuple(ids[-MAX_ANCESTORS:]),  # no slice copy
        )
        self.blocks.append(block)
        if self.shapes:
            block.shape = tuple(self.shapes)
            if self.pre_depth:
                block.code = self.code_breaks + raw
                self.code_breaks = ""
        if self.found_links:
            block.links = tuple(self.found_links)
            self.found_links.clear()
        if self.figure_image is not None:
            if block.tag == "figcaption":
                block.image = self.figure_image
            self.figure_image = None
        self.name_open_elements()

    def code_break(self) -> None:
        """A <br> inside a <pre> ends the code's line: a line with text ends in a newline (the
        block's text is unchanged); an empty one ("<br><br>", "<div><br></div>") is kept as a
        newline before the next line of code, so the code keeps its empty lines."""
        self.buf.append("\n")
        if all(piece.isspace() for piece in self.buf):
            self.code_breaks += "\n" * sum(piece.count("\n") for piece in self.buf)
            self.buf.clear()

    def open_link(self, el: etree._Element) -> None:
        """An <a> starts (links recorded): remember where its text starts and its href."""
        self.open_links.append([len(self.buf), (el.get("href") or "").strip()])

    def close_link(self) -> None:
        """An <a> ends: its text so far and href go with the coming block."""
        start, href = self.open_links.pop()
        if href and not href.lower().startswith(("javascript:", "data:")):
            anchor = _norm("".join(self.buf[start:]))
            if anchor:
                self.found_links.append((anchor, href))

    def name_open_elements(self) -> None:
        """Record the class/id/role values of the open elements not recorded yet.

        Only elements that hold a block are read (reading attributes costs more than the rest of
        the walk), and while they are open, so the walk keeps no element alive once it ends. The
        recorded open elements are always the outermost ones: the scan stops at the first found.
        """
        ids, nodes, names = self.ids, self.open_nodes, self.names
        first = len(ids)
        while first and ids[first - 1] not in names:
            first -= 1
        for i in range(first, len(ids)):
            # nodes[i + 1]: nodes has start's parent below the elements ids names
            attrs = nodes[i + 1].items()  # one items() call costs less than four get()s
            if len(attrs) == 1:  # most elements have one attribute or none: no list and join for them
                key, value = attrs[0]
                names[ids[i]] = value if key in NAMING_ATTRIBUTES else ""
            elif attrs:
                names[ids[i]] = " ".join([v for k, v in attrs if k in NAMING_ATTRIBUTES and v])
            else:
                names[ids[i]] = ""

    def image(self, el: etree._Element) -> None:
        """An <img> with alt text becomes a block of its own (with its src when images are
        recorded); one without waits for a <figcaption> to carry its src."""
        alt = _norm(el.get("alt") or "")
        if len(alt) < 3:
            if self.images:
                self.figure_image = _image_source(el)
            return
        self.flush()
        self.buf.append(alt)
        self.flush()
        block = self.blocks[-1] if self.blocks else None
        if block is not None:
            block.tag = "img" if block.text == alt else "div"
            if self.images and block.text == alt:
                block.image = _image_source(el)


def _image_source(el: etree._Element) -> str | None:
    """An image's address: src, or the lazy-loading attribute pages put the real one in."""
    for name in ("data-src", "src", "data-original", "data-lazy-src"):
        value = (el.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return None


# Attribute steps, not a predicate on every element: libxml2 tests a predicate per element for
# five times what collecting the few style and hidden attributes costs. Two paths, not one
# union: libxml2 merges a union in quadratic time. (One descendant:: step each, not "//".)
_STYLES = etree.XPath("descendant::*/@style")
_HIDDEN_ATTRIBUTES = etree.XPath("descendant::*/@hidden")


def _mark_hidden(start: etree._Element) -> None:
    """Rename the elements below start that have a hidden attribute or a display:none style to
    <noscript>, so the strip that drops the <noscript>s drops them too, keeping their tails."""
    hidden = [value.getparent() for value in _STYLES(start) if "display:none" in value.replace(" ", "")]
    hidden += [value.getparent() for value in _HIDDEN_ATTRIBUTES(start)]
    for el in hidden:
        if not _shown_later(el):
            el.tag = "noscript"


def _shown_later(el: etree._Element) -> bool:
    """Hidden now, shown without the reader asking for anything but a tab: a <div id="S:0"> (content
    a React server streams after the page's shell, that its script moves into place at once; often
    the whole page), or a tab panel (the other languages of a code sample, the other tabs of a
    page's sections: part of what the page says)."""
    return (el.get("id") or "").startswith("S:") or el.get("role") == "tabpanel" or \
        not TAB_PANEL_CLASSES.isdisjoint((el.get("class") or "").split())


def _prune(start: etree._Element) -> None:
    """Drop non-text elements and hidden ones in C (lxml), so the Python walk never sees them."""
    etree.strip_elements(start, *(SKIP_TAGS - PAGE_BOX_TAGS), with_tail=False)
    _unwrap_page_box(start)
    _mark_hidden(start)
    etree.strip_elements(start, *PAGE_BOX_TAGS, with_tail=False)


def _unwrap_page_box(start: etree._Element) -> None:
    """Keep the content of a <noscript> or <button> that holds most of the page's text (its tag
    goes, its elements stay); every other one is dropped after this."""
    boxes = [(size, box) for box in start.iter(*PAGE_BOX_TAGS)
             if (size := sum(len(t.strip()) for t in box.itertext()))]
    if not boxes:  # most <noscript>s hold only a tracking pixel: no pass over the page's text
        return
    biggest = max(size for size, _ in boxes)
    total = 0
    for text in start.itertext():
        total += len(text.strip())
        if biggest <= NOSCRIPT_PAGE_SHARE * total:  # no box holds the page: stop reading it
            return
    for size, box in boxes:
        if size > NOSCRIPT_PAGE_SHARE * total:
            box.tag = "div"  # a plain container: its blocks are read like any others
            return


def segment_html(root: etree._Element, *, links: bool = False, images: bool = False,
                 ) -> tuple[list[Block], ElementTable]:
    """Blocks of an HTML tree in document order, and the table of elements their ancestors name.

    ``block.ancestors`` holds element ids (innermost last), which index the :class:`ElementTable`.
    Blocks inside lists, tables, <pre>, quotes and headings get their structure fields; with
    ``links``/``images`` their links' hrefs and images' sources are recorded too.
    The tree is modified: scripts, styles and hidden elements are removed first.
    """
    body = root.find("body")
    start = body if body is not None else root
    _prune(start)
    w = _Walker(start, links, images)
    # the loop reads the walker's lists through local names: it runs once per element
    buf, ids, block_tags, tags, open_nodes, blocks = w.buf, w.ids, w.block_tags, w.tags, w.open_nodes, w.blocks
    shapes = w.shapes
    link_depth = 0
    pre_depth = 0  # inside a <pre>, whitespace is text: indentation and blank lines are kept
    # A plain iter() plus the parent link tells where each element ends, for less than
    # etree.iterwalk's start/end events cost (~1.6x dearer in a bare loop). Elements only:
    # comments and PIs hold no page text.
    for el in chain(start.iter(etree.Element), [None]):  # None: the end of the page
        parent = el.getparent() if el is not None else start
        while open_nodes[-1] is not parent:  # the open elements `el` is not inside end here
            tag = tags[ids[-1]]
            if tag in BLOCK_TAGS:
                if buf:  # most boundaries have nothing buffered: no call
                    w.flush()  # (the ended element is still among the block's ancestors)
                block_tags.pop()
                if tag in SHAPE_TAGS:
                    shapes.pop()
                    if tag == "pre":
                        pre_depth = w.pre_depth = pre_depth - 1
                        w.code_breaks = ""
            elif tag == "a":
                link_depth -= 1
                if w.links:
                    w.close_link()
            ids.pop()
            text = open_nodes.pop().tail
            # blanks before a block's first text are dropped by _norm anyway (a link counts them)
            if text and (buf or link_depth or pre_depth or not text.isspace()):
                buf.append(text)
                if link_depth:
                    w.link_buf += len(text)
        if el is None:
            break
        tag = el.tag
        if tag in BLOCK_TAGS:
            if pre_depth and tag == "br":
                w.code_break()
            if buf:
                w.flush()
            if len(blocks) >= MAX_BLOCKS:  # the rest of a runaway page is not read
                break
            block_tags.append(tag)
            if tag in SHAPE_TAGS:
                shapes.append((tag, len(tags), code_language(el) if tag == "pre" else None))
                if tag == "pre":
                    pre_depth = w.pre_depth = pre_depth + 1
        open_nodes.append(el)
        ids.append(len(tags))
        tags.append(tag)
        if tag == "a":
            link_depth += 1
            if w.links:
                w.open_link(el)
        elif tag == "img":
            w.image(el)
        text = el.text
        if text and (buf or link_depth or pre_depth or not text.isspace()):
            buf.append(text)
            if link_depth:
                w.link_buf += len(text)
    w.flush()
    return _merge_table_rows(blocks), ElementTable(tags, w.names)


def _merge_table_rows(blocks: list[Block]) -> list[Block]:
    """Cells of one table row become one block ("3 | Kyle Busch | 2,345"): a data row is one
    unit of the story, while single cells look like menu fragments."""
    if _CELL_TAGS.isdisjoint(map(_TAG, blocks)):  # most pages: no cell to merge, every block's
        return blocks  # index already its place (one pass in C instead of a Python step per block)
    out: list[Block] = []
    row_tag = ""  # the tag of the first cell of the row being merged
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and b.tag in ("td", "th") and prev.tag in ("td", "th", "tr") and \
                len(b.ancestors) >= 2 and prev.ancestors[: len(b.ancestors) - 1] == b.ancestors[:-1] \
                and len(prev.text) + len(b.text) <= MAX_ROW_CHARS:
            prev.cells = (prev.cells or (prev.text,)) + (b.text,)
            if b.tag != row_tag:  # <th> and <td> in one row: a header row only inside <thead>
                prev.header = prev.header and b.header  # (else its first cell tells, when read)
            if b.links:
                prev.links += b.links
            prev.text = f"{prev.text} | {b.text}"
            prev.link_chars += b.link_chars
            prev.tag = "tr"
            continue
        b.index = len(out)
        out.append(b)
        row_tag = b.tag
    return out
