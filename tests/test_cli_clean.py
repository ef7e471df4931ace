"""End-to-end tests of ``cleaner clean FILE|-`` through the real command (``python -m cleaner``)."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

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
