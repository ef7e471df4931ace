"""cleaner.warc: HTML responses out of WARC files, and damage reported as items, never raised."""
from __future__ import annotations

import gzip
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.warc import (
    DAMAGED,
    TOO_LARGE,
    TRUNCATED,
    UNREADABLE,
    UNSUPPORTED_ENCODING,
    WarcStats,
    is_warc_path,
    iter_warc_pages,
)

STORY = b"<html><head><title>Harbour</title></head><body><p>The ferry left at dawn.</p></body></html>"
NO_TYPE = b"<!doctype html><html><body><p>Served without a content type.</p></body></html>"
ZIPPED = "<html><body><p>Sent gzip-encoded and chunked, caf\u00e9.</p></body></html>".encode("utf-8")


def _response(writer: WARCWriter, url: str, status: str, headers: list[tuple[str, str]], body: bytes):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def _chunked_gzip(body: bytes) -> bytes:
    packed = gzip.compress(body, mtime=0)
    half = len(packed) // 2
    chunks = [packed[:half], packed[half:]]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def write_warc(path, gz: bool) -> dict[str, str]:
    """A small crawl: two HTML pages to keep, one encoded page, and records that must be skipped.

    Returns {url: WARC-Record-ID} of the records that should come out.
    """
    kept = {}
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "test"}))
        records = [
            ("http://example.com/story", "200 OK", [("Content-Type", "text/html; charset=utf-8")], STORY, True),
            ("http://example.com/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n0000", False),
            ("http://example.com/old", "301 Moved Permanently", [("Content-Type", "text/html"), ("Location", "/story")], b"<p>moved</p>", False),
            ("http://example.com/missing", "404 Not Found", [("Content-Type", "text/html")], b"<html><p>not here</p></html>", False),
            ("http://example.com/untyped", "200 OK", [], NO_TYPE, True),
            ("http://example.com/zipped", "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                                                      ("Transfer-Encoding", "chunked")], _chunked_gzip(ZIPPED), True),
        ]
        for url, status, headers, body, keep in records:
            req = w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            w.write_record(req)
            rec = _response(w, url, status, headers, body)
            w.write_record(rec)
            if keep:
                kept[url] = rec.rec_headers.get_header("WARC-Record-ID").strip("<>")
    return kept


EXPECTED = {
    "http://example.com/story": STORY,
    "http://example.com/untyped": NO_TYPE,
    "http://example.com/zipped": ZIPPED,
}


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_yields_html_responses_only_with_stable_sources(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ids = write_warc(path, gz)
    stats = WarcStats()
    pages = list(iter_warc_pages(path, name="sub/crawl", stats=stats))
    assert [p.url for p in pages] == list(EXPECTED)  # file order, non-HTML and non-2xx left out
    for page in pages:
        assert page.error is None
        assert page.data == EXPECTED[page.url]  # transfer and content encodings undone
        assert page.source == f"sub/crawl#{ids[page.url]}"
    assert (stats.pages, stats.skipped_non_html, stats.skipped_status, stats.errors) == (3, 1, 2, 0)
    assert stats.records == 1 + 2 * 6
    assert [p.source for p in iter_warc_pages(path, name="sub/crawl")] == [p.source for p in pages]


def test_source_defaults_to_the_path(tmp_path):
    path = tmp_path / "a.warc"
    write_warc(path, gz=False)
    assert all(p.source.startswith(f"{path}#urn:uuid:") for p in iter_warc_pages(path))


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_truncated_file_never_raises_nor_yields_partial_pages(tmp_path, gz):
    whole = tmp_path / "whole.warc"
    write_warc(whole, gz)
    data = whole.read_bytes()
    cut_path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    errors_seen = 0
    for cut in range(1, len(data), 23):
        cut_path.write_bytes(data[:cut])
        stats = WarcStats()
        pages = list(iter_warc_pages(cut_path, stats=stats))
        good = [p for p in pages if p.error is None]
        bad = [p for p in pages if p.error is not None]
        for page in good:
            assert page.data == EXPECTED[page.url], f"partial payload at cut {cut}"
        for page in bad:
            assert page.data == b""
            assert page.error.split(":")[0] in (TRUNCATED, DAMAGED)
        assert stats.errors == len(bad)
        errors_seen += bool(bad)
        assert [p.url for p in good] == list(EXPECTED)[: len(good)]  # a prefix of the real pages
    assert errors_seen > 0


def test_cut_inside_the_last_page_reports_it(tmp_path):
    whole = tmp_path / "whole.warc"
    write_warc(whole, gz=False)
    data = whole.read_bytes()
    at = data.rindex(b"0\r\n\r\n")  # the last chunk of the last (chunked) payload
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:at])
    pages = list(iter_warc_pages(cut))
    assert [p.url for p in pages if p.error is None] == ["http://example.com/story", "http://example.com/untyped"]
    assert [(p.url, p.error) for p in pages if p.error] == [("http://example.com/zipped", TRUNCATED)]


def test_not_a_warc_and_missing_file_become_error_items(tmp_path):
    html = tmp_path / "page.warc"
    html.write_bytes(STORY)
    (item,) = list(iter_warc_pages(html))
    # warcio may read HTML as an unknown format or as a bogus old-style ARC header: an error item either way
    assert item.error.split(":")[0] in (DAMAGED, TRUNCATED) and item.data == b""
    (item,) = list(iter_warc_pages(tmp_path / "absent.warc.gz"))
    assert item.error.startswith(UNREADABLE) and item.source == str(tmp_path / "absent.warc.gz")
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert list(iter_warc_pages(empty)) == []


def test_payload_above_the_limit_is_an_error_item(tmp_path):
    path = tmp_path / "big.warc"
    write_warc(path, gz=True)
    stats = WarcStats()
    pages = list(iter_warc_pages(path, stats=stats, max_bytes=len(NO_TYPE)))
    by_url = {p.url: p for p in pages}
    assert by_url["http://example.com/untyped"].data == NO_TYPE  # exactly at the limit: kept
    assert by_url["http://example.com/story"].error.startswith(TOO_LARGE)
    assert by_url["http://example.com/zipped"].data == ZIPPED
    assert stats.reasons == {TOO_LARGE: 1}


def test_unknown_content_encoding_is_an_error_not_garbage(tmp_path):
    path = tmp_path / "br.warc"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        w.write_record(_response(w, "http://example.com/br", "200 OK",
                                 [("Content-Type", "text/html"), ("Content-Encoding", "x-made-up")], b"\x8b\x02\x80<p>"))
        w.write_record(_response(w, "http://example.com/ok", "200 OK", [("Content-Type", "text/html")], STORY))
    pages = list(iter_warc_pages(path))
    assert [(p.url, p.error) for p in pages] == [
        ("http://example.com/br", f"{UNSUPPORTED_ENCODING}: x-made-up"), ("http://example.com/ok", None)]
    assert pages[1].data == STORY


def test_is_warc_path():
    assert is_warc_path("a/b.warc") and is_warc_path("CC-MAIN-1.warc.gz")
    assert not is_warc_path("page.html.gz") and not is_warc_path("x.warc.txt")
