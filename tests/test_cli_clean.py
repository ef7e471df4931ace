"""End-to-end tests of ``cleaner clean FILE|-`` through the real command (``python -m cleaner``)."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from test_batch import story_html, story_text


def run_clean(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("CLEANER_TEST_SLEEP", None)
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", *args],
        input=stdin, capture_output=True, env=env, timeout=60,
    )


def test_txt_json_md_from_a_file(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(story_html(3), encoding="utf-8")

    txt = run_clean(str(page))
    assert txt.returncode == 0, txt.stderr
    body = txt.stdout.decode("utf-8")
    assert "Paragraph 0 of story 3." in body and "Paragraph 3 of story 3." in body
    assert "Copyright" not in body and "Sport" not in body

    js = run_clean(str(page), "--format", "json", "--blocks")
    assert js.returncode == 0
    rec = json.loads(js.stdout)
    assert rec["title"] == "Harbour town approves new ferry timetable 3"
    assert rec["language"] == "en" and "Paragraph 1 of story 3." in rec["text"]
    labels = {b["label"] for b in rec["blocks"]}
    assert "main" in labels and labels - {"main", "title"}, "navigation/footer blocks should be labelled"
    assert all({"label", "score", "reasons"} <= set(b) for b in rec["blocks"])

    md = run_clean(str(page), "--format", "md").stdout.decode("utf-8")
    assert md.startswith("# Harbour town approves new ferry timetable 3\n")
    assert "Paragraph 2 of story 3." in md


def test_stdin_and_gzip_give_the_same_text_as_the_file(tmp_path):
    page = tmp_path / "story.txt"
    page.write_text(story_text(5), encoding="utf-8")
    packed = tmp_path / "story.txt.gz"
    packed.write_bytes(gzip.compress(story_text(5).encode("utf-8")))
    from_file = run_clean(str(page))
    from_gz = run_clean(str(packed))
    from_stdin = run_clean("-", stdin=story_text(5).encode("utf-8"))
    assert from_file.returncode == from_gz.returncode == from_stdin.returncode == 0
    assert "Paragraph 2 of story 5." in from_file.stdout.decode()
    assert from_file.stdout == from_gz.stdout == from_stdin.stdout


def test_same_body_as_batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "p.html").write_text(story_html(8), encoding="utf-8")
    batch = subprocess.run(
        [sys.executable, "-m", "cleaner", "batch", str(src), str(tmp_path / "out"), "--format", "json", "-q"],
        capture_output=True, timeout=60,
    )
    assert batch.returncode == 0, batch.stderr
    from_batch = json.loads((tmp_path / "out" / "p.html.json").read_text(encoding="utf-8"))
    single = json.loads(run_clean(str(src / "p.html"), "--format", "json").stdout)
    assert single["text"] == from_batch["text"] and single["title"] == from_batch["title"]


def test_unreadable_input_is_a_message_and_exit_1(tmp_path):
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    whole = gzip.compress(story_html(1).encode())
    truncated = tmp_path / "cut.html.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    for path, words in ((binary, "binary"), (truncated, "truncated"), (tmp_path / "missing.html", "cannot read")):
        proc = run_clean(str(path))
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 1, err
        assert words in err and "Traceback" not in err
        assert proc.stdout == b""


def test_empty_page_is_an_empty_result_with_a_reason(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    proc = run_clean(str(empty))
    assert proc.returncode == 0
    assert proc.stdout.strip() == b""
    assert b"empty" in proc.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run_clean().returncode == 2
    assert run_clean(str(tmp_path / "x.html"), "--format", "pdf").returncode == 2


def _crawl(path) -> None:
    from test_batch import _write_warc

    _write_warc(path, [
        ("https://example.com/one", "200 OK", "text/html", story_html(1).encode()),
        ("https://example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n...."),
        ("https://example.com/two", "200 OK", "text/html", story_html(2).encode()),
    ])


def test_a_warc_is_cleaned_page_by_page(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    _crawl(crawl)
    txt = run_clean(str(crawl))
    assert txt.returncode == 0, txt.stderr
    parts = txt.stdout.decode("utf-8").split("==> ")[1:]  # one part per page, each under its header
    assert len(parts) == 2
    assert "https://example.com/one <==" in parts[0].splitlines()[0] and "story 1." in parts[0]
    assert "story 2." not in parts[0] and "story 2." in parts[1] and "story 1." not in parts[1]
    assert b"2 pages: 2 cleaned, 0 empty, 0 failed; 1 record skipped" in txt.stderr

    js = run_clean(str(crawl), "--format", "json", "--blocks")
    records = json.loads(js.stdout)
    assert [r["url"] for r in records] == ["https://example.com/one", "https://example.com/two"]
    assert all(r["source"].startswith(f"{crawl}#urn:uuid:") and r["blocks"] for r in records)
    assert "story 2." in records[1]["text"] and "story 1." not in records[1]["text"]

    renamed = tmp_path / "download"  # known by its content, also on stdin
    renamed.write_bytes(crawl.read_bytes())
    md = run_clean("-", "--format", "md", stdin=renamed.read_bytes())
    assert md.stdout.decode().count("# Harbour town approves new ferry timetable") == 2
    assert run_clean(str(renamed)).stdout.count(b"==> ") == 2

    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(crawl.read_bytes()[:-40])
    broken = run_clean(str(cut))
    assert broken.returncode == 1 and b"Traceback" not in broken.stderr
    assert b"truncated" in broken.stderr or b"damaged" in broken.stderr


def test_blocks_with_txt_or_md_is_a_usage_error_as_in_batch(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(story_html(1), encoding="utf-8")
    for fmt in ("txt", "md"):
        proc = run_clean(str(page), "--format", fmt, "--blocks")
        assert proc.returncode == 2 and proc.stdout == b""
        assert b"--blocks needs --format json" in proc.stderr


def test_version_and_annotate_of_a_missing_file(tmp_path):
    from importlib import metadata

    import cleaner

    proc = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"cleaner {cleaner.__version__}"
    assert metadata.version("cleaner") == cleaner.__version__
    assert (Path(cleaner.__file__).parent / "py.typed").is_file()  # PEP 561 marker, and shipped:
    conf = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in conf["tool"]["setuptools"]["package-data"]["cleaner"]
    missing = subprocess.run([sys.executable, "-m", "cleaner", "annotate", str(tmp_path / "missing.html")],
                             capture_output=True, text=True)
    assert missing.returncode == 2
    assert missing.stderr == f"cleaner annotate: cannot read {tmp_path / 'missing.html'}: No such file or directory\n"
