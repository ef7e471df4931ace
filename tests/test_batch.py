"""End-to-end tests of ``cleaner batch`` through the real command (``python -m cleaner`` in a subprocess)."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SUMMARY = re.compile(
    r"(\d+) pages: (\d+) cleaned, (\d+) empty, (\d+) failed, (\d+) skipped \(up to date\)"
)
STATE = ".cleaner-batch"


def story_html(i: int) -> str:
    """An article page with navigation and a footer; its body sentences carry the marker ``story {i}``."""
    title = f"Harbour town approves new ferry timetable {i}"
    paras = "".join(
        f"<p>Paragraph {j} of story {i}. The harbour council voted on Tuesday evening to approve the "
        f"new ferry timetable, which adds early crossings for commuters and a late boat on Fridays, "
        f"after residents asked for better links to the mainland hospital and schools.</p>"
        for j in range(4)
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        f"<li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer><p>Copyright 2024 Harbour News. All rights reserved.</p></footer></body></html>"
    )


def story_text(i: int) -> str:
    """The same kind of story, flattened to text (blocks separated by blank lines)."""
    blocks = [f"Harbour town approves new ferry timetable {i}"] + [
        f"Paragraph {j} of story {i}. The harbour council voted on Tuesday evening to approve the new "
        f"ferry timetable, which adds early crossings for commuters and a late boat on Fridays, after "
        f"residents asked for better links to the mainland hospital and schools."
        for j in range(4)
    ]
    return "\n\n".join(blocks) + "\n"


def run_cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.pop("CLEANER_TEST_SLEEP", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        capture_output=True, text=True, env=full_env, timeout=timeout,
    )


def summary(proc: subprocess.CompletedProcess) -> dict[str, int]:
    m = SUMMARY.search(proc.stderr)
    assert m, proc.stderr
    return dict(zip(("pages", "cleaned", "empty", "failed", "skipped"), map(int, m.groups())))


def errors(out: Path) -> dict[str, dict]:
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {rec["path"]: rec for rec in map(json.loads, lines)}


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root except the resume state, relative path -> bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and STATE not in p.relative_to(root).parts
    }


def make_mixed(root: Path) -> None:
    """A small tree of every page kind plus files that are not input."""
    (root / "news" / "local").mkdir(parents=True)
    (root / "a.html").write_text(story_html(1), encoding="utf-8")
    (root / "news" / "b.htm").write_text(story_html(2), encoding="utf-8")
    (root / "news" / "c.txt").write_text(story_text(3), encoding="utf-8")
    (root / "news" / "local" / "d.html.gz").write_bytes(gzip.compress(story_html(4).encode()))
    (root / "news" / "local" / "e.txt.gz").write_bytes(gzip.compress(story_text(5).encode()))
    (root / "a.labels.tsv").write_text("title\tHarbour town\n", encoding="utf-8")
    (root / "notes.md").write_text("# not a page\n", encoding="utf-8")
    (root / "style.css").write_text("body { color: red }\n", encoding="utf-8")


MIXED_OUTPUTS = {
    "a.html": 1, "news/b.htm": 2, "news/c.txt": 3, "news/local/d.html.gz": 4, "news/local/e.txt.gz": 5,
}
#: Output name (without format suffix) of each page of make_mixed: a gzipped page loses its .gz.
MIXED_NAMES = {rel: rel.removesuffix(".gz") for rel in MIXED_OUTPUTS}


def test_txt_mirrors_tree_and_ignores_non_pages(tmp_path):
    make_mixed(tmp_path / "in")
    proc = run_cli("batch", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert summary(proc) == {"pages": 5, "cleaned": 5, "empty": 0, "failed": 0, "skipped": 0}
    outputs = tree(tmp_path / "out")
    assert set(outputs) == {f"{MIXED_NAMES[rel]}.txt" for rel in MIXED_OUTPUTS} | {"errors.jsonl"}
    for rel, i in MIXED_OUTPUTS.items():
        text = outputs[f"{MIXED_NAMES[rel]}.txt"].decode("utf-8")
        assert f"Paragraph 0 of story {i}." in text and f"Paragraph 3 of story {i}." in text
        assert "Copyright" not in text and "Sport" not in text
    report = errors(tmp_path / "out")  # every other file is listed once, as ignored, with the reason
    assert {p: (r["status"], r["reason"]) for p, r in report.items()} == {
        "a.labels.tsv": ("ignored", "not a page by its name (.tsv file)"),
        "notes.md": ("ignored", "not a page by its name (.md file)"),
        "style.css": ("ignored", "not a page by its name (.css file)"),
    }
    assert "input: 8 files: 5 page files, 0 WARC files, 3 ignored (not pages), 0 unreadable" in proc.stderr
    assert not re.search(r"\dpage/s", proc.stderr)  # no progress bar when stderr is not a terminal
    assert "error report:" in proc.stderr and "errors.jsonl" in proc.stderr


def test_json_md_and_jsonl_formats(tmp_path):
    make_mixed(tmp_path / "in")
    src = str(tmp_path / "in")
    assert run_cli("batch", src, str(tmp_path / "j"), "--format", "json", "--blocks").returncode == 0
    rec = json.loads((tmp_path / "j" / "news" / "b.htm.json").read_text(encoding="utf-8"))
    assert rec["source"] == "news/b.htm"
    assert rec["title"] == "Harbour town approves new ferry timetable 2"
    assert rec["language"] == "en" and "Paragraph 1 of story 2." in rec["text"]
    assert {"label", "score", "reasons", "text"} <= set(rec["blocks"][0])

    assert run_cli("batch", src, str(tmp_path / "m"), "--format", "md").returncode == 0
    md = (tmp_path / "m" / "a.html.md").read_text(encoding="utf-8")
    assert md.startswith("# Harbour town approves new ferry timetable 1\n\n")
    assert "Paragraph 2 of story 1." in md

    proc = run_cli("batch", src, str(tmp_path / "l"), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in (tmp_path / "l" / "pages.jsonl").read_text("utf-8").splitlines()]
    assert [r["source"] for r in records] == sorted(MIXED_OUTPUTS)
    for r in records:
        i = MIXED_OUTPUTS[r["source"]]
        assert f"Paragraph 0 of story {i}." in r["text"] and r["language"] == "en"
        assert r["title"].endswith(f"timetable {i}") and "blocks" not in r and r["url"] is None
    assert set(tree(tmp_path / "l")) == {"pages.jsonl", "errors.jsonl"}  # no per-page files



def test_bad_files_are_reported_and_counted(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.html").write_text(story_html(1), encoding="utf-8")
    (src / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (src / "noise.txt").write_bytes(bytes(range(32)) * 64)
    (src / "empty.html").write_bytes(b"")
    (src / "blank.txt").write_text("   \n\n  \n", encoding="utf-8")
    whole = gzip.compress(story_html(2).encode())
    (src / "truncated.html.gz").write_bytes(whole[: len(whole) // 2])
    (src / "notgzip.html.gz").write_text(story_html(3), encoding="utf-8")
    (src / "big.html").write_text(story_html(4) + "<p>" + "padding " * 2000 + "</p>", encoding="utf-8")
    (src / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 200_000 + b"</p>"))
    (src / "slow.html").write_text(story_html(5), encoding="utf-8")
    os.symlink(src / "gone.html", src / "dangling.html")  # points inside IN_DIR, to nothing
    os.mkfifo(src / "pipe.html")  # reading it would block forever: must be skipped, not read
    out = tmp_path / "out"
    start = time.monotonic()
    proc = run_cli(
        "batch", str(src), str(out), "--workers", "2", "--max-bytes", "8000", "--timeout", "2",
        env={"CLEANER_TEST_SLEEP": "60:slow"},
    )
    assert time.monotonic() - start < 40, "a hung page held up the batch"
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    report = errors(out)
    failed = {p: r["reason"] for p, r in report.items() if r["status"] == "failed"}
    assert set(failed) == {
        "image.html", "noise.txt", "truncated.html.gz", "notgzip.html.gz", "big.html",
        "bomb.html.gz", "slow.html", "dangling.html",
    }
    assert "binary" in failed["image.html"] and "binary" in failed["noise.txt"]
    assert "truncated gzip" in failed["truncated.html.gz"]
    assert "gzip" in failed["notgzip.html.gz"]
    assert "limit" in failed["big.html"] and "limit" in failed["bomb.html.gz"]
    assert failed["slow.html"].startswith("timeout")
    assert "unreadable" in failed["dangling.html"]
    assert report["empty.html"]["status"] == "empty" and report["blank.txt"]["status"] == "empty"
    assert report["pipe.html"]["status"] == "ignored"
    assert summary(proc) == {"pages": 11, "cleaned": 1, "empty": 2, "failed": 8, "skipped": 0}
    outputs = tree(out)
    assert "Paragraph 0 of story 1." in outputs["good.html.txt"].decode()
    assert outputs["empty.html.txt"] == b"" and "slow.html.txt" not in outputs


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_reported(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "locked.html").write_text(story_html(1), encoding="utf-8")
    (src / "locked.html").chmod(0)
    try:
        proc = run_cli("batch", str(src), str(tmp_path / "out"))
    finally:
        (src / "locked.html").chmod(0o644)
    assert proc.returncode == 1
    assert "unreadable" in errors(tmp_path / "out")["locked.html"]["reason"]


def test_exit_codes_for_usage_errors(tmp_path):
    make_mixed(tmp_path / "in")
    assert run_cli("batch", str(tmp_path / "missing"), str(tmp_path / "out")).returncode == 2
    assert run_cli("batch", str(tmp_path / "in"), str(tmp_path / "in")).returncode == 2
    assert run_cli("batch", str(tmp_path / "in" / "news"), str(tmp_path / "in")).returncode == 2
    assert run_cli("batch", str(tmp_path / "in"), str(tmp_path / "o"), "--blocks").returncode == 2
    assert run_cli("batch", str(tmp_path / "in"), str(tmp_path / "o"), "--workers", "0").returncode == 2
    assert run_cli("batch", str(tmp_path / "in"), str(tmp_path / "o"), "--format", "xml").returncode == 2
    (tmp_path / "file").write_text("x")
    assert run_cli("batch", str(tmp_path / "in"), str(tmp_path / "file")).returncode == 2
    assert not (tmp_path / "o").exists()


def make_many(root: Path, n: int) -> None:
    for i in range(n):
        sub = root / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 2:
            (sub / f"page{i:03d}.html").write_text(story_html(i), encoding="utf-8")
        else:
            (sub / f"page{i:03d}.txt").write_text(story_text(i), encoding="utf-8")


CORPUS_PAGES = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 pages in three folders plus one binary file (the same input for several tests)."""
    root = tmp_path_factory.mktemp("corpus") / "in"
    make_many(root, CORPUS_PAGES)
    (root / "bad.html").write_bytes(b"\x00\x01\x02" * 100)
    return root


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """Outputs of one uninterrupted single-worker run over the corpus, per format (made on first use)."""
    made: dict[str, dict[str, bytes]] = {}

    def get(fmt: str) -> dict[str, bytes]:
        if fmt not in made:
            out = tmp_path_factory.mktemp(f"ref-{fmt}")
            proc = run_cli("batch", str(corpus), str(out), "--format", fmt, "--workers", "1")
            assert proc.returncode == 1 and summary(proc)["failed"] == 1, proc.stderr
            made[fmt] = tree(out)
        return made[fmt]

    return get


@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_worker_count_does_not_change_outputs(tmp_path, corpus, reference, fmt):
    proc = run_cli("batch", str(corpus), str(tmp_path / "out"), "--format", fmt, "--workers", "2")
    assert proc.returncode == 1 and summary(proc)["cleaned"] == CORPUS_PAGES
    assert tree(tmp_path / "out") == reference(fmt)
    assert len(reference(fmt)) == (2 if fmt == "jsonl" else CORPUS_PAGES + 1)


def _count_progress(out: Path, fmt: str) -> int:
    if fmt == "jsonl":
        log = out / STATE / "done.jsonl"
        return log.read_bytes().count(b"\n") if log.exists() else 0
    return sum(1 for p in out.rglob("*.txt") if STATE not in p.parts)


@pytest.mark.parametrize("fmt,sig", [("txt", signal.SIGKILL), ("jsonl", signal.SIGKILL), ("jsonl", signal.SIGTERM)])
def test_kill_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path, corpus, reference, fmt, sig):
    out = tmp_path / "out"
    env = dict(os.environ, CLEANER_TEST_SLEEP="0.15")
    victim = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "batch", str(corpus), str(out), "--format", fmt, "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while _count_progress(out, fmt) < 8 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.02)
    rival = run_cli("batch", str(corpus), str(out), "--format", fmt)
    assert rival.returncode == 2 and "another cleaner batch" in rival.stderr  # one run per OUT_DIR
    os.killpg(victim.pid, sig)
    victim.wait(timeout=30)
    done_before = _count_progress(out, fmt)
    assert 0 < done_before < CORPUS_PAGES, "the kill did not land in the middle of the run"
    if fmt == "jsonl":
        assert not (out / "pages.jsonl").exists()

    proc = run_cli("batch", str(corpus), str(out), "--format", fmt, "--workers", "2")
    assert proc.returncode == 1, proc.stderr  # the corpus's one binary file
    counts = summary(proc)
    assert counts["pages"] == CORPUS_PAGES + 1 and counts["failed"] == 1
    assert counts["skipped"] >= done_before - 2  # at most the pages in flight at the kill are redone
    assert counts["skipped"] + counts["cleaned"] == CORPUS_PAGES
    assert tree(out) == reference(fmt)  # every page once, complete; nothing stray or half-written
    assert list((out / STATE).glob("tmp/*")) == []
    if fmt == "jsonl":
        sources = [json.loads(x)["source"] for x in (out / "pages.jsonl").read_text("utf-8").splitlines()]
        assert len(sources) == len(set(sources)) == CORPUS_PAGES and sources == sorted(sources)


def test_resume_skips_up_to_date_and_force_redoes(tmp_path):
    make_many(tmp_path / "in", 6)
    src, out = str(tmp_path / "in"), str(tmp_path / "out")
    assert summary(run_cli("batch", src, out))["cleaned"] == 6
    target = tmp_path / "out" / "part0" / "page000.txt.txt"
    first_mtime = target.stat().st_mtime_ns
    again = run_cli("batch", src, out)
    assert again.returncode == 0
    assert summary(again) == {"pages": 6, "cleaned": 0, "empty": 0, "failed": 0, "skipped": 6}
    assert target.stat().st_mtime_ns == first_mtime

    changed = tmp_path / "in" / "part1" / "page001.html"
    changed.write_text(story_html(101), encoding="utf-8")  # new content, new mtime
    os.unlink(target)  # a deleted output is redone too
    proc = run_cli("batch", src, out)
    assert summary(proc)["cleaned"] == 2 and summary(proc)["skipped"] == 4
    assert "story 101." in (tmp_path / "out" / "part1" / "page001.html.txt").read_text()
    assert "story 0." in target.read_text()
    assert summary(run_cli("batch", src, out, "--force"))["cleaned"] == 6


def test_jsonl_resume_reuses_records_and_forgets_changed_ones(tmp_path):
    make_many(tmp_path / "in", 6)
    src, out = str(tmp_path / "in"), str(tmp_path / "out")
    run_cli("batch", src, out, "--format", "jsonl")
    before = (tmp_path / "out" / "pages.jsonl").read_bytes()
    proc = run_cli("batch", src, out, "--format", "jsonl")
    assert summary(proc)["skipped"] == 6
    assert (tmp_path / "out" / "pages.jsonl").read_bytes() == before
    (tmp_path / "in" / "part2" / "page002.txt").unlink()
    proc = run_cli("batch", src, out, "--format", "jsonl", "--blocks")  # new options: all redone
    assert summary(proc) == {"pages": 5, "cleaned": 5, "empty": 0, "failed": 0, "skipped": 0}
    records = [json.loads(x) for x in (tmp_path / "out" / "pages.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == 5 and all("blocks" in r for r in records)
    assert "part2/page002.txt" not in {r["source"] for r in records}


def test_timeout_replaces_worker_and_batch_finishes(tmp_path):
    make_many(tmp_path / "in", 6)
    (tmp_path / "in" / "hang.html").write_text(story_html(99), encoding="utf-8")
    start = time.monotonic()
    proc = run_cli(
        "batch", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1", "--timeout", "1.5",
        env={"CLEANER_TEST_SLEEP": "3600:hang"},
    )
    assert time.monotonic() - start < 30
    assert proc.returncode == 1
    assert summary(proc) == {"pages": 7, "cleaned": 6, "empty": 0, "failed": 1, "skipped": 0}
    assert "longer than 1.5 s" in errors(tmp_path / "out")["hang.html"]["reason"]


def proc_stats():
    """(pid, state, ppid, session) of every process, read from /proc."""
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()  # state ppid pgrp session ...
        except OSError:
            continue
        yield int(stat_file.parent.name), fields[0], int(fields[1]), int(fields[3])


def children(pid: int) -> list[int]:
    """Live (not zombie) child processes of ``pid``."""
    return [p for p, state, ppid, _ in proc_stats() if ppid == pid and state != "Z"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker")
def test_worker_killed_mid_page_is_reported_and_replaced(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-victim.html").write_text(story_html(1), encoding="utf-8")
    (tmp_path / "in" / "b.html").write_text(story_html(2), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "batch", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"],
        env=dict(os.environ, CLEANER_TEST_SLEEP="30:victim"), stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 20
    while not children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the worker has its page (a-victim.html sorts first) and sleeps on it
    for kid in children(proc.pid):
        os.kill(kid, signal.SIGKILL)  # as the kernel's OOM killer would
    _, err = proc.communicate(timeout=25)
    assert proc.returncode == 1, err
    assert summary(subprocess.CompletedProcess([], 1, "", err)) == {
        "pages": 2, "cleaned": 1, "empty": 0, "failed": 1, "skipped": 0}
    assert "worker process died" in errors(tmp_path / "out")["a-victim.html"]["reason"]
    assert "Paragraph 0 of story 2." in (tmp_path / "out" / "b.html.txt").read_text()


def _write_warc(path: Path, records: list[tuple[str, str, str, bytes]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, status, ctype, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_warc_input_per_file_and_jsonl(tmp_path):
    src = tmp_path / "in"
    (src / "crawl").mkdir(parents=True)
    records = [
        ("https://example.com/news/ferry?id=7", "200 OK", "text/html; charset=utf-8", story_html(7).encode()),
        ("https://example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n...."),
        ("https://example.com/moved", "301 Moved Permanently", "text/html", b"<html></html>"),
        ("https://example.org/story/8", "200 OK", "application/xhtml+xml", story_html(8).encode()),
    ]
    _write_warc(src / "crawl" / "a.warc.gz", records)
    _write_warc(src / "b.warc", records[:1], gz=False)
    good = (src / "crawl" / "a.warc.gz").read_bytes()
    (src / "crawl" / "broken.warc.gz").write_bytes(good[: len(good) - 40])

    proc = run_cli("batch", str(src), str(tmp_path / "out"))
    assert proc.returncode == 1  # the damaged archive is a failure
    outputs = tree(tmp_path / "out")
    assert "Paragraph 0 of story 7." in outputs["crawl/a/00000-example.com_news_ferry_id_7.txt"].decode()
    assert "Paragraph 0 of story 8." in outputs["crawl/a/00001-example.org_story_8.txt"].decode()
    assert "b/00000-example.com_news_ferry_id_7.txt" in outputs  # a folder named for the WARC, no .warc
    assert not any("png" in name or "moved" in name for name in outputs)
    failed = [p for p, r in errors(tmp_path / "out").items() if r["status"] == "failed"]
    assert len(failed) == 1 and failed[0].startswith("crawl/broken.warc.gz")

    proc = run_cli("batch", str(src), str(tmp_path / "jl"), "--format", "jsonl")
    recs = [json.loads(x) for x in (tmp_path / "jl" / "pages.jsonl").read_text("utf-8").splitlines()]
    by_url = {r["url"]: r for r in recs}
    assert "https://example.com/news/ferry?id=7" in by_url and "https://example.org/story/8" in by_url
    assert all(r["source"].split("#")[0] in ("b.warc", "crawl/a.warc.gz", "crawl/broken.warc.gz") for r in recs)
    assert all("#urn:uuid:" in r["source"] for r in recs)
    assert "Paragraph 2 of story 8." in by_url["https://example.org/story/8"]["text"]
    again = run_cli("batch", str(src), str(tmp_path / "jl"), "--format", "jsonl")
    assert summary(again)["skipped"] == len(recs)


def test_paths_odd_names_symlinks_and_out_inside_in(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    names = ["with space.html", "ünïcödé €.html", "new\nline.html", "-dash.txt"]
    for i, name in enumerate(names):
        (src / name).write_text(story_html(i) if name.endswith("html") else story_text(i), encoding="utf-8")
    raw_name = os.path.join(os.fsencode(src), b"caf\xe9.html")  # not valid UTF-8
    with open(raw_name, "wb") as fh:
        fh.write(story_html(9).encode())
    outside = tmp_path / "secret.html"
    outside.write_text(story_html(42), encoding="utf-8")
    os.symlink(outside, src / "link-out.html")
    os.symlink(tmp_path, src / "dir-link")
    os.symlink(src / "with space.html", src / "link-in.html")
    fingerprint = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
                   for p in src.iterdir() if p.is_file() and not p.is_symlink()}

    out = src / "out"  # OUT_DIR inside IN_DIR: its files must never be read back as input
    first = run_cli("batch", str(src), str(out), "--workers", "2")
    assert first.returncode == 0, first.stderr
    for name in names + ["link-in.html"]:
        assert (out / f"{name}.txt").is_file()
    assert os.path.isfile(os.path.join(os.fsencode(out), b"caf\xe9.html.txt"))
    assert not (out / "link-out.html.txt").exists() and not (out / "dir-link").exists()
    report = errors(out)
    assert report["link-out.html"]["status"] == "ignored" and report["dir-link"]["status"] == "ignored"
    assert "story 42" not in "".join(p.read_text() for p in out.glob("*.txt"))
    second = run_cli("batch", str(src), str(out), "--format", "md")
    assert summary(second)["pages"] == summary(first)["pages"] == 6
    assert not any("out" in p.relative_to(out).parts for p in out.rglob("*"))
    jl = run_cli("batch", str(src), str(out / "jl"), "--format", "jsonl")
    sources = [json.loads(x)["source"] for x in (out / "jl" / "pages.jsonl").read_text("utf-8").splitlines()]
    assert "caf\\xe9.html" in sources and "new\nline.html" in sources and jl.returncode == 0
    assert fingerprint == {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
                           for p in src.iterdir() if p.is_file() and not p.is_symlink()}


def test_output_symlink_planted_in_out_dir_is_not_followed(tmp_path):
    make_mixed(tmp_path / "in")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(elsewhere, tmp_path / "out" / "news")
    proc = run_cli("batch", str(tmp_path / "in"), str(tmp_path / "out"))
    assert proc.returncode == 1
    assert list(elsewhere.iterdir()) == []
    assert "outside the output folder" in errors(tmp_path / "out")["news/b.htm"]["reason"]


def test_progress_bar_only_on_a_terminal(tmp_path):
    make_many(tmp_path / "in", 3)
    (tmp_path / "in" / "bad.html").write_bytes(b"\x7fELF\x02\x01")

    def on_tty(*extra: str) -> str:
        master, slave = pty.openpty()  # a terminal that reports no size, as in some CI consoles
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "batch", str(tmp_path / "in"), str(tmp_path / "o"), "--force",
             *extra], stdout=subprocess.DEVNULL, stderr=slave,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
        os.close(master)
        return b"".join(chunks).decode("utf-8", "replace")

    shown = on_tty()
    assert re.search(r"\dpage/s", shown) and "errors=1" in shown
    assert not re.search(r"\dpage/s", on_tty("--quiet"))


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped by init, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_of_the_batch_leaves_no_worker_behind(tmp_path, workers):
    make_many(tmp_path / "in", 6)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "batch", str(tmp_path / "in"), str(tmp_path / "out"),
         "--workers", workers, "-q"],
        env=dict(os.environ, CLEANER_TEST_SLEEP="1.5"), stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while len(children(proc.pid)) < int(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    kids = children(proc.pid)
    assert len(kids) == int(workers)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [k for k in kids if _alive(k)]
    for k in left:
        os.kill(k, signal.SIGKILL)
    assert not left, "a worker outlived its killed batch"


def _all_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_files_whose_name_says_nothing_are_read_by_content_and_each_file_is_listed_once(tmp_path):
    src = tmp_path / "in"
    (src / "site").mkdir(parents=True)
    (src / "site" / "story.php").write_text(story_html(1), encoding="utf-8")
    (src / "site" / "page.xhtml").write_text(story_html(2), encoding="utf-8")
    (src / "site" / "article").write_text(story_text(3), encoding="utf-8")
    (src / "site" / "index.html?p=2").write_text(story_html(4), encoding="utf-8")
    (src / "site" / "packed").write_bytes(gzip.compress(story_html(5).encode(), mtime=0))
    records = [("https://example.com/a", "200 OK", "text/html", story_html(6).encode()),
               ("https://example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n...."),
               ("https://example.com/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
               ("https://example.com/b", "200 OK", "text/html", story_html(7).encode())]
    _write_warc(src / "dump", records)  # a gzipped WARC with no suffix at all
    (src / "photo").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (src / "site" / ".keep").write_bytes(b"")
    (src / "site" / "data.json").write_text('{"a": 1}\n', encoding="utf-8")

    proc = run_cli("batch", str(src), str(tmp_path / "out"), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    outputs = tree(tmp_path / "out")
    for name, i in (("site/story.php", 1), ("site/page.xhtml", 2), ("site/article", 3),
                    ("site/index.html?p=2", 4), ("site/packed", 5)):
        assert f"Paragraph 2 of story {i}." in outputs[f"{name}.txt"].decode(), name
    assert "Paragraph 0 of story 6." in outputs["dump/00000-example.com_a.txt"].decode()
    assert "Paragraph 0 of story 7." in outputs["dump/00001-example.com_b.txt"].decode()
    report = errors(tmp_path / "out")
    assert {p: r["status"] for p, r in report.items()} == {
        "photo": "ignored", "site/.keep": "ignored", "site/data.json": "ignored"}
    assert "PNG" in report["photo"]["reason"] and "empty file" in report["site/.keep"]["reason"]
    assert summary(proc) == {"pages": 7, "cleaned": 7, "empty": 0, "failed": 0, "skipped": 0}
    assert re.search(r"processed in [\d.]+ s \([\d.]+ pages/s\) with 1 worker\n", proc.stderr)  # not "1 workers"
    assert ("input: 9 files: 5 page files, 1 WARC file, 3 ignored (not pages), 0 unreadable; "
            "WARC records: 4 read, 2 HTML pages, 2 skipped (not 2xx HTML responses)") in proc.stderr

    # every file under IN_DIR is accounted for exactly once: a record (pages) or an error line
    jl = run_cli("batch", str(src), str(tmp_path / "jl"), "--format", "jsonl")
    recs = [json.loads(x) for x in (tmp_path / "jl" / "pages.jsonl").read_text("utf-8").splitlines()]
    page_files = [r["source"].split("#")[0] for r in recs if "#" not in r["source"]]
    warc_files = {r["source"].split("#")[0] for r in recs if "#" in r["source"]}
    listed = [p for p in errors(tmp_path / "jl")]
    assert sorted(page_files + sorted(warc_files) + listed) == sorted(_all_files(src)), jl.stderr


def test_output_names_never_collide(tmp_path):
    src = tmp_path / "in"
    (src / "crawl").mkdir(parents=True)
    (src / "x.html").write_text(story_html(1), encoding="utf-8")
    (src / "x.html.gz").write_bytes(gzip.compress(story_html(2).encode()))
    (src / "crawl" / "y.html").write_text(story_html(3), encoding="utf-8")
    _write_warc(src / "crawl.warc.gz", [("https://example.com/a", "200 OK", "text/html", story_html(4).encode())])
    _write_warc(src / "z.warc", [("https://example.com/a", "200 OK", "text/html", story_html(5).encode())], gz=False)
    proc = run_cli("batch", str(src), str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    outputs = tree(tmp_path / "out")
    assert set(outputs) == {"x.html.txt", "x.html.gz.txt", "crawl/y.html.txt", "errors.jsonl",
                            "crawl.warc.gz.pages/00000-example.com_a.txt", "z/00000-example.com_a.txt"}
    assert "story 1." in outputs["x.html.txt"].decode() and "story 2." in outputs["x.html.gz.txt"].decode()
    assert "story 4." in outputs["crawl.warc.gz.pages/00000-example.com_a.txt"].decode()


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to read a worker's open files")
def test_a_forked_worker_holds_no_parent_end_of_any_pipe():
    """With the parent's ends closed in each worker, a batch's death reads as EOF in every worker."""
    import multiprocessing as mp

    from cleaner.batch import pool
    from cleaner.batch.worker import Options

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("fork is not available")
    ctx = mp.get_context("fork")
    workers: list = []
    try:
        for _ in range(3):
            workers.append(pool._Worker(ctx, Options("txt", False, 1000), list(workers)))
        parent_ends = {os.readlink(f"/proc/self/fd/{w.conn.fileno()}") for w in workers}
        time.sleep(0.3)  # each child has closed what it inherited
        for w in workers:
            held = set()
            for fd in Path(f"/proc/{w.process.pid}/fd").iterdir():
                try:
                    held.add(os.readlink(fd))
                except OSError:
                    pass
            assert not held & parent_ends, "a worker holds a parent's end of a pipe"
    finally:
        for w in workers:
            w.stop()
