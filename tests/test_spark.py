"""``cleaner spark`` in Spark local mode: same records as ``cleaner batch``, bad records counted, DataFrame API."""
from __future__ import annotations

import glob
import gzip
import io
import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from cleaner import clean  # noqa: E402
from cleaner.cli import main as cli_main  # noqa: E402
from cleaner.spark import CLEANED_FIELDS, clean_dataframe, clean_files, spark_session  # noqa: E402

NAV = "<ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li><li><a href='/sport'>Sport</a></li></ul>"
FOOT = "<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>"


def _page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title} | Example News</title></head><body><nav>{NAV}</nav>"
            f"<article><h1>{title}</h1>{body}</article>{FOOT}</body></html>").encode("utf-8")


PAGES = {
    "harbour": _page("Ferry returns to the harbour", [
        "The old ferry returned to the harbour on Tuesday after three months of repairs at the yard.",
        "Passengers waiting on the quay said they had missed the morning crossing to the island.",
        "The operator said timetables would return to normal from next week, weather permitting.",
    ]),
    "library": _page("Library extends opening hours", [
        "The town library will open until nine in the evening on weekdays, the council decided.",
        "Students had asked for quieter places to study during the examination period this spring.",
    ]),
    "bakery": _page("Bakery wins regional prize", [
        "A small family bakery on Mill Street has won the regional prize for its rye bread.",
        "The owners said the recipe had been handed down from the grandmother who opened the shop.",
    ]),
}
TEXT_PAGE = (
    "Home | World | Sport\n\n"
    "River levels fall after a week of rain\n\n"
    "Water levels on the river fell steadily on Sunday after a week of heavy rain across the valley.\n\n"
    "Farmers said fields near the bank would need several days to dry before work could resume.\n\n"
    "Share this article\n"
)


def _warc(path: str, pages: dict[str, bytes], truncate: bool = False) -> None:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=path.endswith(".gz"))
    w.write_record(w.create_warcinfo_record(os.path.basename(path), {"software": "tests"}))
    for name, body in pages.items():
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://example.com/{name}", "response",
                                            payload=io.BytesIO(body), http_headers=http))
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("http://example.com/a.jpg", "response",
                                        payload=io.BytesIO(b"\xff\xd8\xff" + b"0" * 50), http_headers=image))
    data = buf.getvalue()
    with open(path, "wb") as fh:
        fh.write(data[:-40] if truncate else data)


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", app_name="cleaner-tests")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder like a real crawl dump: pages, gzipped pages, flattened text, WARCs, and bad files."""
    root = tmp_path_factory.mktemp("crawl")
    (root / "news" / "local").mkdir(parents=True)
    (root / "news" / "harbour.html").write_bytes(PAGES["harbour"])
    (root / "news" / "local" / "library.htm.gz").write_bytes(gzip.compress(PAGES["library"], mtime=0))
    (root / "river.txt").write_text(TEXT_PAGE, encoding="utf-8")
    (root / "notes.md").write_text("not an input suffix: ignored")
    (root / "news" / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # bad: binary
    (root / "news" / "cut.html.gz").write_bytes(gzip.compress(PAGES["bakery"], mtime=0)[:-30])  # bad: truncated gzip
    (root / "empty.html").write_bytes(b"")
    _warc(str(root / "crawl-1.warc.gz"), PAGES)
    _warc(str(root / "crawl-2.warc"), {"bakery": PAGES["bakery"], "library": PAGES["library"]}, truncate=True)
    return root


def _batch_jsonl(in_dir, out_dir) -> tuple[list[dict], list[dict]]:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "batch", str(in_dir), str(out_dir), "--format", "jsonl", "-q"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    with open(os.path.join(out_dir, "pages.jsonl"), encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    with open(os.path.join(out_dir, "errors.jsonl"), encoding="utf-8") as fh:
        problems = [json.loads(line) for line in fh]
    return records, problems


def _spark_jsonl(out_dir) -> list[dict]:
    rows = []
    for part in sorted(glob.glob(os.path.join(out_dir, "part-*.json"))):
        with open(part, encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh)
    return rows


def test_spark_job_writes_the_same_records_as_batch_and_counts_bad_ones(spark, corpus, tmp_path, capsys):
    expected, problems = _batch_jsonl(corpus, tmp_path / "batch")
    out = tmp_path / "spark"
    code = cli_main(["spark", str(corpus), str(out), "--master", "local[2]", "--partitions", "3"])
    rows = _spark_jsonl(out)

    good = [{k: v for k, v in row.items() if k != "error"} for row in rows if row["error"] is None]
    assert good == expected  # same pages, same source names, same text, same order
    assert any(r["source"].startswith("crawl-1.warc.gz#urn:uuid:") and r["text"] for r in good)
    assert {r["source"] for r in good} >= {"news/harbour.html", "news/local/library.htm.gz", "river.txt"}

    failed = sorted((row["source"], row["error"]) for row in rows if row["error"] is not None)
    assert failed == sorted((p["path"], p["reason"]) for p in problems if p["status"] == "failed")
    assert {source.split("#")[0] for source, _ in failed} == {"news/photo.html", "news/cut.html.gz", "crawl-2.warc"}
    assert all(set(row) == {"source", "url", *CLEANED_FIELDS} for row in rows)

    assert code == 1  # the job finished, and says some pages failed
    err = capsys.readouterr().err
    cleaned = sum(1 for r in good if r["text"])
    assert f"{len(rows)} pages: {cleaned} cleaned, {len(good) - cleaned} empty, {len(failed)} failed" in err
    # 5 + 4 records; skipped: both warcinfo records and the whole image (the cut one is an error)
    assert "WARC: 9 records read, 3 skipped" in err


def test_parquet_output_of_one_warc_file(spark, corpus, tmp_path):
    out = tmp_path / "warc.parquet"
    assert cli_main(["spark", str(corpus / "crawl-1.warc.gz"), str(out), "--format", "parquet"]) == 0
    rows = spark.read.parquet(str(out)).orderBy("source").collect()
    assert len(rows) == len(PAGES)
    by_url = {r.url: r for r in rows}
    for name, body in PAGES.items():
        art = clean(body, url=f"http://example.com/{name}", kind="html")
        row = by_url[f"http://example.com/{name}"]
        assert (row.title, row.text, row.language, row.error) == (art.title, art.text, art.language, None)
        assert row.source.startswith("crawl-1.warc.gz#urn:uuid:")


def test_clean_files_counters_match_the_rows(spark, corpus):
    df, counts = clean_files(spark, str(corpus), partitions=2)
    rows = df.collect()
    value = counts.value
    failed = sum(n for k, n in value.items() if k.startswith("failed: "))
    assert failed == sum(1 for r in rows if r.error)
    assert value.get("cleaned", 0) == sum(1 for r in rows if not r.error and r.text)
    assert value.get("empty", 0) == sum(1 for r in rows if not r.error and not r.text)
    assert value["failed: truncated WARC record"] == 1
    files = [r.source.split("#")[0] for r in rows]
    assert files == sorted(files)  # inputs in batch's sorted order, WARC records grouped by file


def test_clean_dataframe_adds_cleaned_columns(spark):
    bad = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    data = [(1, PAGES["harbour"], "http://example.com/harbour"), (2, bad, None), (3, None, None),
            (4, TEXT_PAGE.encode("utf-8"), None)]
    df = spark.createDataFrame(data, "id int, html binary, url string")
    out = clean_dataframe(df, content_col="html", url_col="url")
    assert out.columns == ["id", "url", *CLEANED_FIELDS]
    rows = {r.id: r for r in out.collect()}
    art = clean(PAGES["harbour"], url="http://example.com/harbour")
    assert (rows[1].title, rows[1].text, rows[1].kind, rows[1].error) == (art.title, art.text, "html", None)
    assert rows[2].error.startswith("binary input") and rows[2].text is None
    assert rows[3].error == "no content (null)"
    txt = clean(TEXT_PAGE.encode("utf-8"))
    assert (rows[4].text, rows[4].kind) == (txt.text, "text")

    strings = spark.createDataFrame([("a", TEXT_PAGE)], "key string, body string")
    (row,) = clean_dataframe(strings, content_col="body", kind="text", keep_content=True).collect()
    assert row.body == TEXT_PAGE and row.text == clean(TEXT_PAGE, kind="text").text


def test_clean_dataframe_rejects_bad_arguments(spark):
    df = spark.createDataFrame([(1, "<p>x</p>")], "id int, html string")
    with pytest.raises(ValueError, match="no column 'body'"):
        clean_dataframe(df, content_col="body")
    with pytest.raises(ValueError, match="unknown kind"):
        clean_dataframe(df, kind="pdf")
    clash = spark.createDataFrame([(1, "<p>x</p>", "t")], "id int, html string, title string")
    with pytest.raises(ValueError, match="already has column"):
        clean_dataframe(clash)


def test_cli_usage_errors_do_not_start_spark(tmp_path, capsys):
    assert cli_main(["spark", str(tmp_path / "absent"), str(tmp_path / "out")]) == 2
    (tmp_path / "out").mkdir()
    assert cli_main(["spark", str(tmp_path), str(tmp_path / "out")]) == 2
    assert "use --overwrite" in capsys.readouterr().err
    (tmp_path / "notes.md").write_text("# not a page")
    assert cli_main(["spark", str(tmp_path / "notes.md"), str(tmp_path / "out2")]) == 2
    assert "is not a page" in capsys.readouterr().err
    assert cli_main(["spark", str(tmp_path), str(tmp_path), "--overwrite"]) == 2  # would delete the input
    assert "must not be the input" in capsys.readouterr().err


def test_clean_task_takes_the_record_without_rendering_and_parsing_it(monkeypatch):
    import cleaner.batch.worker as worker
    from cleaner.render import record
    from cleaner.spark import clean_task

    page = PAGES["harbour"] if "harbour" in PAGES else next(iter(PAGES.values()))

    def no_text(*args, **kwargs):
        raise AssertionError("Spark must not render text and parse it back")

    monkeypatch.setattr(worker, "render", no_text)
    row = clean_task(worker.Task("p.html", data=page, kind="html"))
    monkeypatch.undo()
    assert row == dict(record(clean(page, kind="html"), source="p.html"), error=None)
