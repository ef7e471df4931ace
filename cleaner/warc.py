"""Read HTML pages out of WARC files (the web-archive format of crawlers and Common Crawl).

Uses the maintained ``warcio`` library. Only ``response`` records whose HTTP status is 2xx and whose
payload is HTML are yielded; a damaged record or a truncated file is reported as an item carrying
an error reason, so one bad archive never stops a batch or a Spark job.
"""
from __future__ import annotations

import io
import os
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader

from .decode import MAX_INPUT_BYTES, SNIFF_BYTES, sniff_kind

#: File name endings read as WARC (plain or with each record gzipped, as crawlers write them).
WARC_SUFFIXES = (".warc", ".warc.gz")
#: First bytes of every WARC record (``WARC/1.0``, ``WARC/1.1``): how a WARC is known by content.
WARC_MAGIC = b"WARC/"
#: Substrings of a Content-Type that mark an HTML payload (text/html, application/xhtml+xml).
HTML_CONTENT_TYPES = ("html",)
#: Error reasons (the part of WarcPage.error before any colon; WarcStats.reasons counts them).
UNREADABLE = "cannot open WARC file"
DAMAGED = "damaged WARC data"
TRUNCATED = "truncated WARC record"
TOO_LARGE = "WARC payload too large"
UNSUPPORTED_ENCODING = "unsupported content encoding"
#: WarcStats fields counting records passed over without error.
_SKIPS = ("skipped_type", "skipped_status", "skipped_non_html")
#: Read size when copying record payloads.
_CHUNK = 1 << 16


@dataclass(frozen=True)
class WarcPage:
    """One HTML response from a WARC file, or (``error`` set, ``data`` empty) a record that failed."""

    source: str  # "<warc name>#<WARC-Record-ID>": stable across runs and machines
    url: str | None
    data: bytes
    error: str | None = None


@dataclass
class WarcStats:
    """Counts of what a WARC read kept and skipped, for run summaries."""

    records: int = 0  # every record seen (warcinfo, request, response, metadata, ...)
    pages: int = 0  # HTML responses yielded with their payload
    skipped_type: int = 0  # records that are not HTTP responses
    skipped_status: int = 0  # responses with a non-2xx status (redirects, errors, not-modified)
    skipped_non_html: int = 0  # responses whose payload is not HTML (images, scripts, PDFs, ...)
    errors: int = 0  # damaged records and truncated files (each yielded as an error item)
    reasons: dict[str, int] = field(default_factory=dict)

    def add_error(self, reason: str) -> None:
        """Count one error under its reason."""
        self.errors += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


def is_warc_path(path: str | os.PathLike[str]) -> bool:
    """True when the file name says WARC (``.warc`` or ``.warc.gz``)."""
    return os.fspath(path).lower().endswith(WARC_SUFFIXES)


def is_warc_head(head: bytes) -> bool:
    """True when a file's first bytes (a few KB) are a WARC record, plain or gzipped."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, len(WARC_MAGIC))
        except zlib.error:
            return False
    return head.startswith(WARC_MAGIC)


def _record_id(record, offset: int) -> str:
    rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    return rid or f"offset:{offset}"


def _is_html(record, payload_head: bytes) -> bool:
    ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if not ctype:  # the server sent no type: fall back to the crawler's guess, then to the bytes
        ctype = record.rec_headers.get_header("WARC-Identified-Payload-Type")
    if ctype:
        return any(marker in ctype.lower() for marker in HTML_CONTENT_TYPES)
    return sniff_kind(payload_head.decode("latin-1")) == "html"


def _status_ok(record) -> bool:
    if not record.http_headers:
        return False
    code = record.http_headers.get_statuscode() or ""
    return code.startswith("2")


def iter_warc_pages(
    path: str | os.PathLike[str] | BinaryIO,
    name: str | None = None,
    stats: WarcStats | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Iterator[WarcPage]:
    """Yield each HTML response of the WARC at ``path`` (or in an open binary file); damage is
    yielded as error items, never raised.

    ``name`` replaces the path in each item's ``source`` (e.g. a path relative to an input folder).
    """
    stats = stats if stats is not None else WarcStats()
    if hasattr(path, "read"):
        yield from _pages(path, name if name is not None else "-", stats, max_bytes)
        return
    label = name if name is not None else os.fspath(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        stats.add_error(UNREADABLE)
        yield WarcPage(label, None, b"", f"{UNREADABLE}: {exc.strerror or exc}")
        return
    with fh:
        yield from _pages(fh, label, stats, max_bytes)


def _size(fh: BinaryIO) -> int:
    """Length of an open file (a real one or an in-memory buffer)."""
    try:
        return os.fstat(fh.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        at = fh.tell()
        end = fh.seek(0, io.SEEK_END)
        fh.seek(at)
        return end


def _pages(fh: BinaryIO, label: str, stats: WarcStats, max_bytes: int) -> Iterator[WarcPage]:
    records = ArchiveIterator(fh)
    while True:
        try:
            record = next(records)
        except StopIteration:
            if records.offset < _size(fh):  # warcio stops quietly on a cut header
                stats.add_error(TRUNCATED)
                where = f"{label}#offset:{records.offset}"
                yield WarcPage(where, None, b"", f"{TRUNCATED}: the file ends inside a record header")
            return
        except Exception as exc:  # warcio raises many types on bad input (even AttributeError)
            stats.add_error(DAMAGED)
            where = f"{label}#offset:{records.offset}"
            yield WarcPage(where, None, b"", f"{DAMAGED}: rest of file skipped ({_brief(exc)})")
            return
        stats.records += 1
        source = f"{label}#{_record_id(record, records.offset)}"
        url = record.rec_headers.get_header("WARC-Target-URI")
        try:
            data, outcome = _read_payload(record, max_bytes)
            if _drain(record.raw_stream) or not record.rec_headers.get_header("Content-Length"):
                data, outcome = None, TRUNCATED  # what was read of this record is incomplete
        except Exception as exc:  # warcio raises many types on bad input (even AttributeError)
            data, outcome = None, f"{DAMAGED}: {_brief(exc)}"
        if data is not None:
            stats.pages += 1
            yield WarcPage(source, url, data)
        elif outcome in _SKIPS:
            setattr(stats, outcome, getattr(stats, outcome) + 1)
        else:
            stats.add_error(outcome.split(":")[0])
            yield WarcPage(source, url, b"", outcome)


def _read_payload(record, max_bytes: int) -> tuple[bytes | None, str | None]:
    """(payload, None) for an HTML 2xx response; else (None, the WarcStats skip field or an error reason)."""
    if record.rec_type != "response" or not record.http_headers:
        return None, "skipped_type"
    if not _status_ok(record):
        return None, "skipped_status"
    encoding = (record.http_headers.get_header("Content-Encoding") or "").strip().lower()
    if encoding not in ("", "identity") and encoding not in BufferedReader.get_supported_decompressors():
        return None, f"{UNSUPPORTED_ENCODING}: {encoding[:40]}"  # e.g. br without the brotli package
    stream = record.content_stream()
    head = _read_upto(stream, SNIFF_BYTES)
    if not _is_html(record, head):
        return None, "skipped_non_html"
    data = head + _read_upto(stream, max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        return None, f"{TOO_LARGE}: above the {max_bytes}-byte limit"
    return data, None


def _read_upto(stream, size: int) -> bytes:
    """Read until ``size`` bytes or end of stream (warcio's decoding readers return short reads)."""
    parts, left = [], size
    while left > 0:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _drain(raw_stream) -> bool:
    """Consume the rest of a record block; True when it ended before its declared length."""
    while raw_stream.read(_CHUNK):
        pass
    return getattr(raw_stream, "limit", 0) > 0


def _brief(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
