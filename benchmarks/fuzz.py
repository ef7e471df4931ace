"""Fuzz the cleaner for a while: hypothesis at scale over generated pages, text, raw bytes and
byte-level mutations of real pages.

    python benchmarks/fuzz.py --minutes 10          # all targets, round robin
    python benchmarks/fuzz.py --minutes 2 --target mutate-real

Each target checks the library's promises (see tests/test_properties.py): nothing but
CleanerError is raised, output text comes from the input, the same input gives the same output,
and no single input takes longer than --hang-seconds. Every failure is shrunk by hypothesis,
printed, and written to --out as a reproducer; the run goes on with the other targets.
Exit status: 0 when nothing was found, 1 otherwise.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the strategies and checks live with the property tests

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_properties as props  # noqa: E402
from cleaner import Article, CleanerError, clean  # noqa: E402
from cleaner.batch.inputs import Passed, classify  # noqa: E402
from cleaner.batch.worker import Options, Task, process  # noqa: E402
from cleaner.render import render  # noqa: E402
from cleaner.warc import iter_warc_pages  # noqa: E402

#: Examples per round of one target; rounds rotate targets so a short run still covers them all.
ROUND_EXAMPLES = 200
#: Real pages loaded as mutation seeds (more only slows start-up).
MAX_SEED_PAGES = 60
#: Default seconds after which one input counts as a hang.
HANG_SECONDS = 30


class Hang(Exception):
    """One input ran longer than the hang limit."""


def _with_alarm(check, seconds: int):
    def run(value):
        def fire(signum, frame):
            raise Hang(f"input took longer than {seconds} s")

        old = signal.signal(signal.SIGALRM, fire)
        signal.alarm(seconds)
        try:
            check(value)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    return run


def seed_pages(shared: Path, limit: int) -> list[bytes]:
    """Real pages from ../shared/bench (gunzipped HTML and flattened text), if present."""
    files = sorted(shared.glob("bench/*/html/*.html.gz")) + sorted(shared.glob("bench/*/text/*.txt"))
    random.Random(0).shuffle(files)
    pages = []
    for f in files[:limit]:
        data = f.read_bytes()
        pages.append(gzip.decompress(data) if f.suffix == ".gz" else data)
    return pages


#: Inputs per round of the "repeat" target, as a share of --round: each is up to a few MB.
REPEAT_SHARE = 0.05


def _repeated(fragment: str, times: int, page: str) -> str:
    """A generated page with one fragment repeated thousands of times in the middle."""
    cut = len(page) // 2
    return page[:cut] + fragment * times + page[cut:]


#: Every output format the renderer writes; the pipeline check renders each one.
RENDER_FORMATS = ("txt", "md", "json", "jsonl")


def check_pipeline(data: str | bytes) -> None:
    """The whole path of one page: clean it, render every format (the JSON ones must parse back to
    the article's record), and hand it to a batch worker, which must not report an internal error."""
    props.check_deterministic(data)
    try:
        article = clean(data)
    except CleanerError:
        article = None
    if article is not None:
        assert isinstance(article, Article)
        for fmt in RENDER_FORMATS:
            for blocks in (False, True):
                out = render(article, fmt, source="fuzz", blocks=blocks)
                out.encode("utf-8")
                if fmt in ("json", "jsonl"):
                    assert json.loads(out) == dict(source="fuzz", **article.to_dict(blocks=blocks))
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    outcome = process(Task("fuzz", data=raw), Options("jsonl", True, 1 << 26))
    assert not (outcome.reason or "").startswith("internal error"), outcome.reason


def _warc_record(url: str, body: bytes) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    block = head + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
            b"WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % (len(url), url.encode(), len(block)) + block + b"\r\n\r\n")


@st.composite
def warc_files(draw) -> bytes:
    """A small WARC (plain or gzipped per record) of generated pages, then byte-mutated."""
    bodies = draw(st.lists(props.html_documents(), min_size=1, max_size=4))
    records = [_warc_record(f"http://example.com/{i}", b.encode("utf-8")) for i, b in enumerate(bodies)]
    if draw(st.booleans()):
        records = [gzip.compress(r, mtime=0) for r in records]
    return draw(props.mutated(st.just(b"".join(records))))


def check_warc(data: bytes) -> None:
    """A (damaged) WARC never raises out of iter_warc_pages; every page it yields goes the whole way."""
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".warc") as fh:
        fh.write(data)
        fh.flush()
        for page in iter_warc_pages(fh.name):
            assert page.error or page.data is not None
            if page.error is None:
                check_pipeline(page.data)


#: File names the "files" target gives its inputs: page, WARC and gzip suffixes, and names that
#: say nothing, so batch's recognition by content is fuzzed along with the cleaning.
FILE_NAMES = ("page.html", "page.txt.gz", "crawl.warc.gz", "story.php", "article", "index.html?p=2", "x.gz")


@st.composite
def named_files(draw, pages: st.SearchStrategy[bytes]) -> tuple[str, bytes]:
    """A file name and content: a (mutated) page, maybe gzipped, maybe packed in a WARC."""
    data = draw(pages)
    if draw(st.booleans()):
        data = _warc_record("http://example.com/", data)
    if draw(st.booleans()):
        data = gzip.compress(data, mtime=0)
    return draw(st.sampled_from(FILE_NAMES)), draw(props.mutated(st.just(data)))


def check_file(named: tuple[str, bytes]) -> None:
    """batch's view of one file: recognised (by name or content) or ignored with a reason; a page
    goes through a worker, a WARC through iter_warc_pages, neither reports an internal error."""
    import os
    import tempfile
    name, data = named
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name)
        with open(path, "wb") as fh:
            fh.write(data)
        found = classify(name, path, os.stat(path))
        if isinstance(found, Passed):
            assert found.reason, "ignored without a reason"
        elif found.warc:
            for page in iter_warc_pages(path):
                if page.error is None:
                    outcome = process(Task("fuzz", data=page.data, kind="html"), Options("jsonl", True, 1 << 26))
                    assert not (outcome.reason or "").startswith("internal error"), outcome.reason
        else:
            task = Task(name, path=path, kind=found.kind, gz=found.gz)
            outcome = process(task, Options("json", True, 1 << 26))
            assert not (outcome.reason or "").startswith("internal error"), outcome.reason


def targets(pages: list[bytes], hang: int) -> dict[str, tuple]:
    """name -> (strategy, check) pairs."""
    splices = st.sampled_from([s.decode("latin-1") for s in props.SPLICES])
    out = {
        "html": (props.html_documents(), props.check_html),
        "text": (props.text_documents(), props.check_text),
        "str": (st.text(max_size=20_000), check_pipeline),
        "bytes": (st.binary(max_size=20_000), check_pipeline),
        "mutate-generated": (props.mutated(props.html_documents().map(lambda m: m.encode("utf-8"))),
                             check_pipeline),
        "warc": (warc_files(), check_warc),
    }
    out["repeat"] = (st.builds(_repeated, props.nodes | splices, st.integers(100, 50_000),
                               props.html_documents()),
                     lambda m: props.outcome(m))
    generated = props.html_documents().map(lambda m: m.encode("utf-8"))
    out["files"] = (named_files(st.sampled_from(pages) if pages else generated), check_file)
    if pages:
        out["mutate-real"] = (props.mutated(st.sampled_from(pages)), check_pipeline)
    return {name: (strategy, _with_alarm(check, hang)) for name, (strategy, check) in out.items()}


_EXC_LINE = re.compile(r"^[\w.]*(?:Error|Exception|Hang|Exit)\b.*$", re.M)


def failure_key(report: str) -> str:
    """The exception line of a report: two rounds that fail the same way count once."""
    found = _EXC_LINE.findall(report)
    return found[-1][:300] if found else report.strip().splitlines()[-1][:300]


def _slow_once(report: str) -> bool:
    """True when the only failure was a hang that hypothesis's retry of the same input did not
    repeat (FlakyFailure): the machine was busy, the input is not pathological."""
    return "FlakyFailure" in report and "Failed to reproduce exception" in report and \
        "Hang: input took longer" in report


def run_round(name: str, strategy, check, examples: int) -> str | None:
    """Run one target for ``examples`` inputs; the shrunk failure report, or None."""
    test = settings(
        max_examples=examples, deadline=None, print_blob=True, database=None,
        suppress_health_check=list(HealthCheck),
    )(given(strategy)(check))
    try:
        test()
    except Exception:  # noqa: BLE001 - every failure is a finding to report, whatever its type
        return traceback.format_exc()
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=1.0, help="how long to fuzz (default 1)")
    ap.add_argument("--target", action="append", help="only these targets (repeatable)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="shared data dir with bench/ pages used as mutation seeds")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "fuzz",
                    help="where failure reports are written")
    ap.add_argument("--hang-seconds", type=int, default=HANG_SECONDS)
    ap.add_argument("--round", type=int, default=ROUND_EXAMPLES, help="examples per round of a target")
    args = ap.parse_args(argv)

    pages = seed_pages(args.shared, MAX_SEED_PAGES)
    all_targets = targets(pages, args.hang_seconds)
    chosen = args.target or list(all_targets)
    unknown = set(chosen) - set(all_targets)
    if unknown:
        ap.error(f"unknown target(s) {sorted(unknown)}; choose from {sorted(all_targets)}")
    print(f"fuzzing {', '.join(chosen)} for {args.minutes:g} min ({len(pages)} seed pages)", flush=True)

    deadline = time.monotonic() + args.minutes * 60
    counts = dict.fromkeys(chosen, 0)  # examples asked for; a round that fails stops early
    seconds = dict.fromkeys(chosen, 0.0)
    failures: dict[str, list[str]] = {name: [] for name in chosen}  # failure keys per target
    slow = dict.fromkeys(chosen, 0)  # hangs hypothesis could not reproduce
    while time.monotonic() < deadline:
        for name in chosen:
            if time.monotonic() >= deadline:
                break
            strategy, check = all_targets[name]
            started = time.monotonic()
            examples = max(1, round(args.round * REPEAT_SHARE)) if name == "repeat" else args.round
            report = run_round(name, strategy, check, examples)
            seconds[name] += time.monotonic() - started
            counts[name] += examples
            if report and _slow_once(report):  # too slow once, then fast: a loaded machine, not a bug
                slow[name] += 1
                args.out.mkdir(parents=True, exist_ok=True)
                path = args.out / f"{name}-slow-{slow[name]}.txt"
                path.write_text(report, encoding="utf-8")
                print(f"slow once in {name}, did not reproduce (time it alone to be sure)\n  -> {path}", flush=True)
            elif report and failure_key(report) not in failures[name]:
                failures[name].append(failure_key(report))
                args.out.mkdir(parents=True, exist_ok=True)
                path = args.out / f"{name}-{len(failures[name])}.txt"
                path.write_text(report, encoding="utf-8")
                print(f"FOUND in {name}: {failure_key(report)}\n  -> {path}", flush=True)
        print("  examples so far: " + ", ".join(f"{k} {v} ({seconds[k]:.0f} s)" for k, v in counts.items()),
              flush=True)

    found = sum(len(v) for v in failures.values())
    print(f"done: {sum(counts.values())} examples, {found} distinct failure(s), "
          f"{sum(slow.values())} slow once but not on the retry")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
