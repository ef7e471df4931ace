"""Turn raw input (bytes or str) into text the segmenters can read, and tell HTML from flat text.

Everything that can go wrong with a file before parsing is caught here and raised as a
:class:`CleanerError` with a message a person can act on.
"""
from __future__ import annotations

import gzip
import re
import zlib

from .errors import CleanerError

#: Default cap on input size (bytes after gunzip); guards memory and time on runaway pages.
MAX_INPUT_BYTES = 50 * 1024 * 1024
#: Share of control bytes above which input is treated as binary, not a page.
BINARY_CONTROL_RATIO = 0.10
#: How much of the start of a document is inspected to sniff its kind and charset.
SNIFF_BYTES = 4096

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x01\x00", "an icon"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SNIFF = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|p|div|article|section|span|a\s|br|table|h[1-6]|meta|title|script)\b",
    re.I,
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def gunzip(data: bytes, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Decompress gzip data, refusing truncated streams and output above ``limit`` (gzip bombs)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        raise CleanerError(f"corrupt gzip data: {exc}") from None
    if len(out) > limit:
        raise CleanerError(f"input larger than the {limit}-byte limit after decompression")
    if not d.eof:
        raise CleanerError("truncated gzip data (stream ends early)")
    return out


def _binary_reason(data: bytes) -> str | None:
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary input ({what}), not a page"
    if head and sum(1 for b in head if b < 9 or 13 < b < 32) / len(head) > BINARY_CONTROL_RATIO:
        return "binary input (many control bytes), not a page"
    return None


def _declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        import codecs

        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, limit: int = MAX_INPUT_BYTES) -> str:
    """Decode page bytes: BOM, then strict UTF-8, then the declared charset, then BeautifulSoup's guess."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limit)
    if len(data) > limit:
        raise CleanerError(f"input of {len(data)} bytes is above the {limit}-byte limit")
    reason = _binary_reason(data)
    if reason:
        raise CleanerError(reason)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:SNIFF_BYTES])
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies; let the detector look at the bytes
    from bs4 import UnicodeDammit  # only here: costly import, needed for undeclared legacy bytes

    dammit = UnicodeDammit(data[:1_000_000], is_html=True)
    enc = dammit.original_encoding or "utf-8"
    try:
        return data.decode(enc, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def clean_text(text: str) -> str:
    """Drop NUL/control characters and lone surrogates that break parsers and JSON output."""
    text = _CONTROL.sub(" ", text)
    if re.search("[\ud800-\udfff]", text):
        text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    return text


def sniff_kind(text: str) -> str:
    """``"html"`` when the start of the document looks like markup, else ``"text"``."""
    head = text.lstrip()[:SNIFF_BYTES]
    if head.startswith("<") and _HTML_SNIFF.search(head[:200]):
        return "html"
    return "html" if len(_HTML_SNIFF.findall(head)) >= 3 else "text"
