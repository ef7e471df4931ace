"""Turn raw input (bytes or str) into text the segmenters can read, and tell HTML from flat text.

Everything that can go wrong with a file before parsing is caught here and raised as a
:class:`CleanerError` with a message a person can act on. Decoding follows the browsers (the
WHATWG Encoding Standard) where it matters: legacy labels map to the superset encodings pages
really use, and a ``charset="utf-16"`` declaration on ASCII-compatible bytes is ignored.
"""
from __future__ import annotations

import codecs
import re
import zlib

from .errors import CleanerError

#: Default cap on input size (bytes after gunzip); guards memory and time on runaway pages.
MAX_INPUT_BYTES = 50 * 1024 * 1024
#: Share of C0 control bytes (other than whitespace and ESC) in the head above which input is
#: binary. Text has next to none; random or compressed bytes have about 22/256 = 8.6 %.
BINARY_CONTROL_RATIO = 0.05
#: How much of the start of a document is inspected to sniff binary formats and the kind.
SNIFF_BYTES = 4096
#: How far into the bytes a ``<meta charset>`` or XML encoding declaration is looked for (pages
#: with large inline scripts in <head> declare it late).
CHARSET_SCAN_BYTES = 32 * 1024
#: Bytes handed to the statistical detector; detection time grows with the sample.
DETECT_BYTES = 256 * 1024
#: Valid multi-byte UTF-8 characters per invalid byte above which input is read as UTF-8 with a
#: few stray Windows-1252 bytes (pasted text), not as a legacy encoding. Legacy pages form valid
#: UTF-8 sequences only by chance: measured 0 for Cyrillic/Greek, up to 0.41 for EUC-JP.
MIXED_UTF8_RATIO = 2
#: Share of NUL bytes on one byte parity (and none on the other) that marks UTF-16 without a BOM.
UTF16_NUL_RATIO = 0.3

#: (leading bytes, what the file is) of binary formats a scraper may save as a page.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x7fELF", "an executable"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
#: Signatures that could also start a text file ("RIFF raff"): they count only when a control
#: byte follows within the first 64 bytes, as in the binary header every one of these has.
_WEAK_MAGIC = (
    (b"MZ", "a Windows executable"),
    (b"RIFF", "a RIFF media file"),
    (b"BZh", "bzip2-compressed data"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
#: Every byte value but those controls: deleting these from a head leaves its controls to count.
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL_BYTE.match(bytes([b])))
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: Declared or detected encodings mapped to what browsers decode them as (supersets in practice).
_WHATWG = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
#: Labels Python's codec registry does not know.
_EXTRA_LABELS = {"x-sjis": "cp932", "windows-31j": "cp932", "ms_kanji": "cp932", "x-euc-jp": "euc_jp"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SNIFF = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|p|div|article|section|span|a\s|br|table|h[1-6]|meta|title|script)\b",
    re.I,
)
_LEADING_SPACE = re.compile(r"[\s\ufeff]*")
#: Control characters blanked by :func:`clean_text` (byte values: in UTF-8 they never occur
#: inside a multi-byte character, so they can be replaced in the encoded bytes).
_CONTROL_CODES = (*range(0x01, 0x09), *range(0x0e, 0x20), 0x7f)
_CONTROL_TO_SPACE = bytes.maketrans(bytes(_CONTROL_CODES), b" " * len(_CONTROL_CODES))
#: The bytes the scrub changes (NUL and those controls), one bytes object each for ``in``.
_SCRUBBED = tuple(bytes([b]) for b in (0, *_CONTROL_CODES))
_SURROGATE = re.compile("[\ud800-\udfff]")
#: The characters regex ``\s`` matches in str patterns (those str.isspace accepts; a test checks).
_STR_SPACES = (
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as Windows-1252 (mixed-encoding pages)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", "replace"), exc.end


codecs.register_error("cleaner.cp1252", _stray_as_cp1252)


def gunzip(data: bytes, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Decompress gzip data (all members), refusing truncated streams and output above ``limit``."""
    out = bytearray()
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += d.decompress(data, max(limit, 0) + 1 - len(out))  # 0 would mean "no cap"
        except zlib.error as exc:
            raise CleanerError(f"corrupt gzip data: {exc}") from None
        if len(out) > limit:
            raise CleanerError(f"input larger than the {limit}-byte limit after decompression")
        if not d.eof:
            raise CleanerError("truncated gzip data (stream ends early)")
        data = d.unused_data
        if data[:2] != b"\x1f\x8b":
            break  # trailing padding after the last member is ignored, as gzip(1) does
    return bytes(out)


def _file_type(head: bytes) -> str | None:
    """What a known binary format's magic bytes say the input is, or None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if _CONTROL_BYTE.search(head, 0, 64):
        if head[4:8] == b"ftyp":
            return "an MP4/QuickTime media file"
        for magic, what in _WEAK_MAGIC:
            if head.startswith(magic):
                return what
    return None


def _mostly_controls(head: bytes) -> bool:
    """True when C0 control bytes (other than whitespace and ESC) exceed the share text has."""
    controls = len(head.translate(None, _NOT_CONTROL))  # counted in C, not byte by byte in Python
    return bool(head) and controls / len(head) > BINARY_CONTROL_RATIO


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit on one byte parity only (ASCII-range UTF-16)."""
    if len(head) < 16:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > UTF16_NUL_RATIO * half and even == 0:
        return "utf-16-le"
    if even > UTF16_NUL_RATIO * half and odd == 0:
        return "utf-16-be"
    return None


def _browser_codec(label: str | None) -> str | None:
    """The Python codec a browser would use for an encoding label, or None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    try:
        name = codecs.lookup(_EXTRA_LABELS.get(label, label)).name
    except (LookupError, ValueError):  # ValueError: a label holding a NUL byte
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a UTF-16 label on bytes without a BOM is a lie; browsers read UTF-8
    return _WHATWG.get(name, name)


def _declared_charset(head: bytes) -> str | None:
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return _browser_codec(m.group(1).decode("ascii", "replace")) if m else None


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with only a few stray bytes of another encoding."""
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = len(lenient) - len(lenient.encode("ascii", "ignore")) - bad
    return multibyte >= MIXED_UTF8_RATIO * bad


def decode_bytes(data: bytes, limit: int = MAX_INPUT_BYTES) -> str:
    """Decode page bytes (gunzip, BOM, UTF-8 with stray legacy bytes, declared charset, detection)
    into text scrubbed as :func:`clean_text` scrubs it.

    Raises :class:`CleanerError` for binary files, broken gzip and input above ``limit`` bytes.
    """
    return decode_bytes_utf8(data, limit)[0]


def decode_bytes_utf8(data: bytes, limit: int = MAX_INPUT_BYTES) -> tuple[str, bytes]:
    """:func:`decode_bytes`' text and the same text in UTF-8, which every path has at hand (lxml
    parses UTF-8 bytes faster than a str that is not ASCII)."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limit)
    if len(data) > limit:
        raise CleanerError(f"input of {len(data)} bytes is above the {limit}-byte limit")
    head = data[:SNIFF_BYTES]
    what = _file_type(head)
    if what:
        raise CleanerError(f"binary input ({what}), not a page")
    for bom, enc in _BOMS:  # before the control-byte test: UTF-16/32 text is full of NULs
        if data.startswith(bom):
            return clean_text_utf8(data[len(bom):].decode(enc, "replace"))
    utf16 = _utf16_without_bom(head)
    if utf16:
        return clean_text_utf8(data.decode(utf16, "replace"))
    if _mostly_controls(head):
        raise CleanerError("binary input (many control bytes), not a page")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return clean_text_utf8(_decode_not_utf8(data))
    return _scrub(text, data)  # most pages: scrub the UTF-8 they came in (BOMs went above)


def _decode_not_utf8(data: bytes) -> str:
    """Bytes that are not valid UTF-8: mostly UTF-8 with stray bytes, else the declared charset,
    else the detector's guess."""
    declared = _declared_charset(data[:CHARSET_SCAN_BYTES])
    if _mostly_utf8(data):  # beats a declaration: CMSs label UTF-8 output with old charsets
        return data.decode("utf-8", "cleaner.cp1252")
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies; let the detector look at the bytes
    return data.decode(_detect(data[:DETECT_BYTES], declared), "replace")


def _detect(sample: bytes, exclude: str | None) -> str:
    """The first codec of BeautifulSoup's candidates (statistical guess, then UTF-8/Windows-1252)
    that decodes the sample; a character cut at the sample's end does not count against it."""
    from bs4.dammit import EncodingDetector  # only here: costly import, rarely needed

    detector = EncodingDetector(sample, is_html=True, exclude_encodings=[exclude] if exclude else [])
    for label in detector.encodings:
        enc = _browser_codec(label)
        if not enc or enc == exclude:
            continue
        try:
            sample.decode(enc)
        except UnicodeDecodeError as exc:
            if len(sample) < DETECT_BYTES or exc.start < len(sample) - 4:
                continue
        return enc
    return "cp1252"


def clean_text(text: str) -> str:
    """Drop NULs and a leading BOM, blank other control characters, replace lone surrogates.

    These break lxml and JSON output; nothing else is changed, so output text stays a substring
    of the input after this step.
    """
    return clean_text_utf8(text)[0]


def clean_text_utf8(text: str) -> tuple[str, bytes]:
    """:func:`clean_text`'s text and the same text in UTF-8 (encoded for the scrub anyway)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be encoded
        text = _SURROGATE.sub("\ufffd", text)
        raw = text.encode("utf-8")
    return _scrub(text, raw)


def _scrub(text: str, raw: bytes) -> tuple[str, bytes]:
    """``text`` without NULs and with other control characters blanked, and that in UTF-8; ``raw``
    is the UTF-8 of ``text``."""
    # C passes over the bytes instead of a regex over the characters (pages are 100s of KB). Most
    # pages hold none of the bytes: one memchr per byte value finds that for a third of what one
    # translate pass over the page costs (measured: 0.5M against 1.45M instructions a page)
    if not any(map(raw.__contains__, _SCRUBBED)):
        return text, raw
    scrubbed = raw.translate(_CONTROL_TO_SPACE, b"\x00")
    return scrubbed.decode("utf-8"), scrubbed


def sniff_kind(text: str) -> str:
    """``"html"`` when the start of the document looks like markup, else ``"text"``."""
    start = _LEADING_SPACE.match(text).end()
    head = text[start:start + SNIFF_BYTES]
    if head.startswith("<") and _HTML_SNIFF.search(head[:200]):
        return "html"
    return "html" if len(_HTML_SNIFF.findall(head)) >= 3 else "text"
