"""Chaos test of ``cleaner batch``: stop runs at random moments (SIGKILL, SIGTERM, SIGINT to the
batch, SIGKILL to single workers), resume, and check that nothing is lost, doubled, half-written
or left running; also a full and a read-only output folder.

Short in CI (a few runs on a small folder). Long by hand, e.g.::

    CLEANER_CHAOS_RUNS=25 CLEANER_CHAOS_PAGES=300 pytest tests/test_chaos.py -s -k random

which prints the runs, kills, inputs and losses (``lost`` must be 0).
"""
from __future__ import annotations

import gzip
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch import _write_warc, children, proc_stats, run_cli, story_html, story_text, tree

#: Runs and pages of the random test: few in CI, more by hand through the environment.
RUNS = int(os.environ.get("CLEANER_CHAOS_RUNS", "3"))
PAGES = int(os.environ.get("CLEANER_CHAOS_PAGES", "40"))
SEED = int(os.environ.get("CLEANER_CHAOS_SEED", "18"))
#: Seconds each worker sleeps per page in the disrupted runs, so signals land mid-run.
PAGE_SLEEP = "0.03"
#: Seconds a killed batch's processes get to disappear.
GRACE = 5.0

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find processes")


def make_corpus(root: Path, pages: int) -> None:
    """``pages`` good pages of every kind (named and nameless, gzipped, in WARCs) and bad files."""
    for i in range(pages):
        sub = root / f"section{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        kind = i % 6
        if kind == 0:
            (sub / f"p{i:04d}.html").write_text(story_html(i), encoding="utf-8")
        elif kind == 1:
            (sub / f"p{i:04d}.txt").write_text(story_text(i), encoding="utf-8")
        elif kind == 2:
            (sub / f"p{i:04d}.html.gz").write_bytes(gzip.compress(story_html(i).encode(), mtime=0))
        elif kind == 3:
            (sub / f"story{i:04d}.php").write_text(story_html(i), encoding="utf-8")
        elif kind == 4:
            (sub / f"article{i:04d}").write_text(story_text(i), encoding="utf-8")
        else:
            (sub / f"index.html?p={i}").write_text(story_html(i), encoding="utf-8")
    records = [(f"https://example.com/w/{i}", "200 OK", "text/html", story_html(1000 + i).encode())
               for i in range(4)]
    records.insert(2, ("https://example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n...."))
    _write_warc(root / "crawl.warc.gz", records)
    _write_warc(root / "section1" / "dump", records[:3])  # a WARC known by content only
    bad = root / "bad"
    bad.mkdir()
    (bad / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    whole = gzip.compress(story_html(9999).encode())
    (bad / "truncated.html.gz").write_bytes(whole[: len(whole) // 2])
    (bad / "notgzip.txt.gz").write_text(story_text(3), encoding="utf-8")
    (bad / "empty.html").write_bytes(b"")
    (bad / "data.json").write_text('{"a": 1}\n', encoding="utf-8")
    (bad / "photo").write_bytes(b"GIF89a" + bytes(range(256)) * 4)
    cut = (root / "crawl.warc.gz").read_bytes()
    (bad / "cut.warc.gz").write_bytes(cut[: len(cut) - 50])


def session_processes(sid: int) -> list[int]:
    """Live processes (not zombies) of the session ``sid`` (the batch started with a new session)."""
    return [p for p, state, _, session in proc_stats() if session == sid and state != "Z"]


def wait_gone(sid: int) -> list[int]:
    """Processes of session ``sid`` still alive after GRACE seconds (killed, then returned)."""
    deadline = time.monotonic() + GRACE
    while session_processes(sid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = session_processes(sid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def leftovers(out: Path) -> list[str]:
    """Temporary files of the batch anywhere under OUT_DIR."""
    return [str(p) for p in out.rglob("*") if p.is_file() and (p.name.startswith("part-") or p.parent.name == "tmp")]


def batch_args(src: Path, out: Path, fmt: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "cleaner", "batch", str(src), str(out), "--format", fmt,
            "--workers", str(workers), "-q"]


class Chaos:
    """Counts of one chaos session."""

    def __init__(self) -> None:
        self.runs = self.attempts = self.lost = self.orphans = self.half_written = self.temp_left = 0
        self.kills: dict[str, int] = {}
        self.bad: list[str] = []  # outputs that differed from the uninterrupted run's

    def kill(self, what: str) -> None:
        self.kills[what] = self.kills.get(what, 0) + 1

    def line(self, inputs: int) -> str:
        kills = ", ".join(f"{k} {n}" for k, n in sorted(self.kills.items()))
        return (f"chaos: {self.runs} runs, {self.attempts} disrupted attempts, kills: {kills or 'none'}; "
                f"{inputs} inputs per run; lost {self.lost}, half-written {self.half_written}, "
                f"orphan processes {self.orphans}, temp files left {self.temp_left}"
                + (f"; differing: {', '.join(self.bad[:10])}" if self.bad else ""))


def disrupted_attempt(src: Path, out: Path, fmt: str, rng: random.Random, span: float,
                      reference: dict[str, bytes], chaos: Chaos) -> None:
    """Start the batch, kill workers and/or stop it at random moments, then check what it left."""
    env = dict(os.environ, CLEANER_TEST_SLEEP=PAGE_SLEEP)
    proc = subprocess.Popen(batch_args(src, out, fmt, rng.choice([1, 2])), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    chaos.attempts += 1
    started = time.monotonic()
    for _ in range(rng.choice([0, 1, 1, 2])):  # single workers killed as the OOM killer would
        time.sleep(rng.uniform(0, span / 2))
        kids = children(proc.pid)
        if kids and proc.poll() is None:
            os.kill(rng.choice(kids), signal.SIGKILL)
            chaos.kill("worker SIGKILL")
    stop = rng.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT, "group SIGINT", None])
    if stop is not None:
        time.sleep(max(0.0, rng.uniform(0, span) - (time.monotonic() - started)))
        if proc.poll() is None:
            if stop == "group SIGINT":  # Ctrl-C in a terminal reaches every process of the group
                os.killpg(proc.pid, signal.SIGINT)
            else:
                os.kill(proc.pid, stop)
            chaos.kill(stop if isinstance(stop, str) else f"batch {signal.Signals(stop).name}")
    try:
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise AssertionError("the batch did not stop") from None
    left = wait_gone(proc.pid)
    chaos.orphans += len(left)
    for rel, data in tree(out).items():  # what a stopped run leaves is whole (or absent)
        if rel == "errors.jsonl":
            continue  # the disrupted run's own report (a killed worker's page failed in it)
        if rel == "pages.jsonl":  # complete, but without a page a killed worker failed
            lines = iter(reference[rel].splitlines(keepends=True))
            if all(line in lines for line in data.splitlines(keepends=True)):  # in order, each whole
                continue
        if reference.get(rel) != data:
            chaos.half_written += 1
            chaos.bad.append(rel)


def test_random_kills_then_resume_lose_nothing(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, PAGES)
    inputs = sum(1 for p in src.rglob("*") if p.is_file())
    rng = random.Random(SEED)
    formats = ("txt", "jsonl") if RUNS < 10 else ("txt", "jsonl", "json", "md")
    references: dict[str, tuple[dict[str, bytes], int, float]] = {}
    chaos = Chaos()
    for run in range(RUNS):
        fmt = formats[run % len(formats)]
        if fmt not in references:
            began = time.monotonic()
            ref = run_cli("batch", str(src), str(tmp_path / f"ref-{fmt}"), "--format", fmt, "--workers", "2")
            assert ref.returncode == 1, ref.stderr  # the bad files fail; nothing else does
            references[fmt] = (tree(tmp_path / f"ref-{fmt}"), ref.returncode, time.monotonic() - began)
        reference, code, seconds = references[fmt]
        # a page takes PAGE_SLEEP more in the disrupted runs: stops land anywhere in the run
        span = seconds + PAGES * float(PAGE_SLEEP) / 1.5
        out = tmp_path / f"run{run}"
        for _ in range(rng.choice([1, 1, 2])):
            disrupted_attempt(src, out, fmt, rng, span, reference, chaos)
        proc = subprocess.Popen(batch_args(src, out, fmt, rng.choice([1, 2])), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        _, err = proc.communicate(timeout=300)
        chaos.runs += 1
        chaos.orphans += len(wait_gone(proc.pid))
        assert proc.returncode == code, err
        got = tree(out)
        chaos.lost += sum(1 for rel, data in reference.items() if got.get(rel) != data)
        chaos.lost += sum(1 for rel in got if rel not in reference)
        chaos.temp_left += len(leftovers(out))
    print("\n" + chaos.line(inputs))
    assert (chaos.lost, chaos.half_written, chaos.orphans, chaos.temp_left) == (0, 0, 0, 0), chaos.line(inputs)


def test_every_input_is_accounted_for_once(tmp_path):
    import json

    src = tmp_path / "in"
    make_corpus(src, 12)
    run_cli("batch", str(src), str(tmp_path / "out"), "--format", "jsonl")
    lines = (tmp_path / "out" / "pages.jsonl").read_text("utf-8").splitlines()
    sources = [json.loads(x)["source"] for x in lines]
    report = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()]
    listed = [r["path"] for r in report if r["status"] != "empty"]  # an empty page also has its record
    files = {str(p.relative_to(src)) for p in src.rglob("*") if p.is_file()}
    pages = [s for s in sources if "#" not in s]
    warcs = {s.split("#")[0] for s in sources + listed if "#" in s}
    whole = [p for p in listed if "#" not in p]
    assert len(pages) == len(set(pages)) and not set(pages) & set(whole)
    assert set(pages) | warcs | set(whole) == files


# --- a full and a read-only output folder -------------------------------------------------------

def _mount_tmpfs(where: Path, options: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (run as root or in a container that allows mount)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")


def _umount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True)


def long_story(i: int) -> str:
    paras = "".join(f"<p>Paragraph {j} of long story {i}. " + "The harbour council met again. " * 30 + "</p>"
                    for j in range(12))
    return f"<html><body><article><h1>Long story {i}</h1>{paras}</article></body></html>"


def test_full_output_folder_stops_with_a_clear_error_and_no_half_written_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(30):
        (src / f"s{i:02d}.html").write_text(long_story(i), encoding="utf-8")  # ~11 KB of text each
    ref = run_cli("batch", str(src), str(tmp_path / "ref"))
    assert ref.returncode == 0
    reference = tree(tmp_path / "ref")
    mnt = tmp_path / "small"
    _mount_tmpfs(mnt, "size=160k")
    try:
        proc = run_cli("batch", str(src), str(mnt / "out"), "--workers", "1")
        assert proc.returncode == 3, proc.stderr
        assert "No space left on device" in proc.stderr and "run the same command again" in proc.stderr
        assert "Traceback" not in proc.stderr
        written = tree(mnt / "out")
        assert written and all(reference[rel] == data for rel, data in written.items())  # whole or absent
        assert leftovers(mnt / "out") == []
        subprocess.run(["mount", "-o", "remount,size=4m", str(mnt)], check=True)
        again = run_cli("batch", str(src), str(mnt / "out"))
        assert again.returncode == 0, again.stderr
        assert tree(mnt / "out") == reference
    finally:
        _umount(mnt)


def test_read_only_output_folder_gives_a_clear_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(story_html(1), encoding="utf-8")
    mnt = tmp_path / "ro"
    _mount_tmpfs(mnt, "size=1m")
    try:
        assert run_cli("batch", str(src), str(mnt / "done")).returncode == 0  # state exists already
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        for out in (mnt / "done", mnt / "new"):
            proc = run_cli("batch", str(src), str(out), "--force")
            assert proc.returncode == 2, proc.stderr
            assert "Read-only file system" in proc.stderr and "Traceback" not in proc.stderr
            assert proc.stderr.startswith("cleaner batch: error: cannot use output folder")
    finally:
        _umount(mnt)
