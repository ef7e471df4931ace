"""``cleaner batch IN_DIR OUT_DIR``: clean a folder tree of scraped pages (and WARC files) in parallel.

One output per page mirroring the input tree (txt/json/md) or one sorted JSON Lines file. Bad pages
are reported in OUT_DIR/errors.jsonl and never stop the run; a killed run resumes where it stopped.
Exit code: 0 all pages cleaned (or empty), 1 some page failed, 2 usage error.
"""
from __future__ import annotations

import argparse
import errno
import hashlib
import json
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Iterator

from .inputs import Source, discover, display, inside, output_rel, warc_output_rel
from .pool import run_pool
from .state import OutDir, ResumeLog
from .worker import FORMATS, Options, Outcome, Task
from ..decode import MAX_INPUT_BYTES
from ..user_rules import RulesError, checked_rules
from ..warc import WarcStats, iter_warc_pages

#: Seconds one page may take before it is reported as too slow and its worker replaced.
DEFAULT_TIMEOUT = 30.0
#: File (in OUT_DIR) listing every failed, empty or skipped-over page with the reason.
ERROR_REPORT = "errors.jsonl"
#: File (in OUT_DIR) that --format jsonl writes, one record per page sorted by source path.
JSONL_NAME = "pages.jsonl"
#: Terminal columns/rows assumed when the terminal reports 0x0 (tqdm would then draw nothing).
FALLBACK_SIZE = (80, 24)
#: Exit codes: every page cleaned or empty / some page failed / bad command line / the run stopped
#: because OUT_DIR could not be written (full or read-only; finished pages are kept).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 3
#: Write errors that no later page can escape: the run stops instead of failing every page after.
STOP_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


class OutputStopped(Exception):
    """OUT_DIR cannot take more writes (full, over quota or read-only)."""


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, got {text}")
        return value

    return parse


def default_workers() -> int:
    """All cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def register(subparsers) -> None:
    """Add the ``batch`` subcommand."""
    p = subparsers.add_parser(
        "batch",
        help="clean every page under a folder (recursive, parallel, resumable)",
        description="Clean every page (.html/.htm/.txt, optionally .gz, or any file whose content is "
        "HTML or text) and every HTML response of the WARC files under IN_DIR, writing results under "
        "OUT_DIR; every other file is listed as ignored with the reason. Re-running resumes: pages "
        "whose output is up to date are skipped.",
    )
    p.add_argument("in_dir", metavar="IN_DIR", help="folder of scraped pages (read recursively, never modified)")
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder for outputs, errors.jsonl and resume state")
    p.add_argument(
        "--format", choices=FORMATS + ("jsonl",), default="txt",
        help="txt/json/md/html: one file per page mirroring the tree (name + .FORMAT); "
        f"jsonl: one {JSONL_NAME} sorted by source path (default: txt)",
    )
    p.add_argument("--blocks", action="store_true", help="json/jsonl: include every block with label, score, reasons")
    p.add_argument("--links", action="store_true", help="md/html: keep links, as [text](absolute URL)")
    p.add_argument("--images", action="store_true", help="md/html: keep images, as ![alt](src) with their captions")
    p.add_argument("--workers", type=_positive(int), default=default_workers(),
                   help="worker processes (default: all cores)")
    p.add_argument("--timeout", type=_positive(float), default=DEFAULT_TIMEOUT,
                   help=f"seconds per page before it is failed as too slow (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-bytes", type=_positive(int), default=MAX_INPUT_BYTES,
                   help=f"largest page accepted, after gunzip (default: {MAX_INPUT_BYTES})")
    p.add_argument("--force", action="store_true", help="redo every page, even those up to date")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--rules", metavar="FILE", default=None,
                   help="user rules file (TOML); a bad file stops the run before it starts")
    p.set_defaults(func=run)


@dataclass
class _Run:
    """Counts and findings of one run, filled in as results arrive."""

    out: OutDir
    log: ResumeLog
    fmt: str
    opts: dict[str, Any]
    bar: Any = None
    cleaned: int = 0
    empty: int = 0
    failed: int = 0
    skipped: int = 0
    ignored: int = 0  # files under IN_DIR that are not pages, listed with the reason
    unreadable: int = 0  # files or folders that could not be read at all
    warc: WarcStats = field(default_factory=WarcStats)
    problems: list[dict[str, str]] = field(default_factory=list)
    done: list[tuple[tuple[str, int], str]] = field(default_factory=list)  # (sort key, log key)
    pending: dict[str, tuple[tuple[str, int], Source]] = field(default_factory=dict)

    def problem(self, path: str, status: str, reason: str) -> None:
        self.problems.append({"path": path, "status": status, "reason": reason})

    def fail(self, path: str, reason: str) -> None:
        self.failed += 1
        self.problem(path, "failed", reason)
        if self.bar is not None:
            self.bar.set_postfix_str(f"errors={self.failed}", refresh=False)

    def up_to_date(self, key: str, source: Source, sort: tuple[str, int], shown: str) -> bool:
        """Count and remember a page whose output (or staged record) is current; True if so."""
        entry = self.log.matches(key, source.mtime_ns, source.size, self.opts)
        if entry is None:
            return False
        if self.fmt == "jsonl":
            if entry.get("_pos") is None:
                return False
        elif not self.out.fresh(key, source.mtime_ns):
            return False
        self.skipped += 1
        self.done.append((sort, key))
        if self.bar is not None:
            self.bar.update(1)
        if entry.get("status") == "empty":
            self.problem(shown, "empty", entry.get("reason") or "no main text found")
        return True

    def result(self, task: Task, outcome: Outcome) -> None:
        """Write one page's output (or record its failure) as it arrives from a worker."""
        sort, source = self.pending.pop(task.key)
        if self.bar is not None:
            self.bar.update(1)
        if outcome.status == "failed":
            self.fail(task.source, outcome.reason or "failed")
            if self.fmt != "jsonl":
                try:
                    self.out.remove(task.key)  # a stale output of an older version would mislead
                except OSError:
                    pass
            return
        entry = {"key": task.key, "mtime_ns": source.mtime_ns, "size": source.size,
                 "opts": self.opts, "status": outcome.status, "reason": outcome.reason}
        try:
            if self.fmt == "jsonl":
                self.log.add(entry, outcome.output.decode("utf-8"))
            else:
                self.out.write(task.key, outcome.output)
                self.log.add(entry)
        except OSError as exc:
            if exc.errno in STOP_ERRNOS:
                raise OutputStopped(exc.strerror or str(exc)) from exc
            self.fail(task.source, f"cannot write output: {exc.strerror or exc}")
            return
        self.done.append((sort, task.key))
        if outcome.status == "empty":
            self.empty += 1
            self.problem(task.source, "empty", outcome.reason or "no main text found")
        else:
            self.cleaned += 1

    def tasks(self, sources: list[Source], max_bytes: int, force: bool) -> Iterator[Task | tuple[Task, Outcome]]:
        """Pages to clean in input order, skipping up-to-date ones; WARC files are read lazily."""
        for source in sources:
            if not source.warc:
                key = output_rel(source, self.fmt)
                sort = (source.name, 0)
                if not force and self.up_to_date(key, source, sort, source.name):
                    continue
                self.pending[key] = (sort, source)
                yield Task(source.name, key=key, path=source.path, kind=source.kind, gz=source.gz)
                continue
            pages = iter_warc_pages(source.path, name=source.name, stats=self.warc, max_bytes=max_bytes)
            for index, page in enumerate(pages):
                key = warc_output_rel(source, index, page.url, self.fmt)
                sort = (source.name, index)
                if page.error is None and not force and self.up_to_date(key, source, sort, page.source):
                    continue
                self.pending[key] = (sort, source)
                task = Task(page.source, key=key, data=page.data, url=page.url, kind="html")
                yield (task, Outcome("failed", page.error)) if page.error else task


def _usage(message: str) -> int:
    print(f"cleaner batch: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _check_dirs(in_dir: str, out_dir: str) -> str | None:
    if not os.path.isdir(in_dir):
        return f"input folder {in_dir!r} does not exist or is not a folder"
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        return f"output {out_dir!r} exists and is not a folder"
    if inside(os.path.realpath(in_dir), os.path.realpath(out_dir)):
        return "the input folder must not be the output folder or inside it"
    return None


def _version() -> str:
    try:
        return metadata.version("cleaner")
    except metadata.PackageNotFoundError:
        return "unknown"


def _raise_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace) -> int:
    """Run ``cleaner batch``; returns the exit code."""
    if args.blocks and args.format not in ("json", "jsonl"):
        return _usage("--blocks needs --format json or jsonl")
    problem = _check_dirs(args.in_dir, args.out_dir)
    if problem:
        return _usage(problem)
    try:
        rules = checked_rules(args.rules)
    except RulesError as exc:
        return _usage("\n".join(exc.problems))
    try:
        out = OutDir(args.out_dir)
        locked = out.lock()
        log = ResumeLog(out.state) if locked else None
    except OSError as exc:
        return _usage(f"cannot use output folder {args.out_dir!r}: {exc.strerror or exc}")
    if log is None:
        return _usage(f"another cleaner batch is writing to {args.out_dir!r}")
    start = time.monotonic()
    sources, passed = discover(args.in_dir, args.out_dir, args.format)
    opts = {"format": args.format, "blocks": args.blocks, "max_bytes": args.max_bytes, "version": _version()}
    opts.update({name: True for name in ("links", "images") if getattr(args, name)})  # only when asked: older runs resume
    if rules:  # pages cleaned with other rules are redone
        opts["rules"] = hashlib.sha256(rules[0].encode("utf-8")).hexdigest()
    state = _Run(out, log, args.format, opts)
    for p in passed:
        if p.failed:
            state.unreadable += 1
            state.fail(display(p.rel), p.reason)
        else:
            state.ignored += 1
            state.problem(display(p.rel), "ignored", p.reason)
    worker_opts = Options(args.format, args.blocks, args.max_bytes, args.links, args.images, rules)
    previous = signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        state.bar = _progress_bar(sources, args.quiet)
        run_pool(state.tasks(sources, args.max_bytes, args.force), worker_opts,
                 workers=args.workers, timeout=args.timeout, on_result=state.result)
        if state.bar is not None:
            state.bar.close()
        _finish(state, out, log)
    except OutputStopped as exc:
        print(f"cleaner batch: error: cannot write to {args.out_dir!r} ({exc}); stopped. Finished pages "
              "are kept: make room (or make it writable) and run the same command again to resume",
              file=sys.stderr)
        return EXIT_STOPPED
    except (KeyboardInterrupt, SystemExit):
        print("\ncleaner batch: stopped; finished pages are kept, run the same command again to resume",
              file=sys.stderr)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        log.close()
        out.close()
    _summary(state, time.monotonic() - start, os.path.join(args.out_dir, ERROR_REPORT), args, sources)
    return EXIT_FAILED if state.failed else EXIT_OK


def _finish(state: _Run, out: OutDir, log: ResumeLog) -> None:
    """Write pages.jsonl (jsonl) and errors.jsonl, and compact the resume log; OutputStopped when
    OUT_DIR cannot take them (nothing half-written is left: each is written atomically)."""
    try:
        if state.fmt == "jsonl":
            state.done.sort()
            with out.atomic(JSONL_NAME) as fh:
                for line in log.lines([key for _, key in state.done]):
                    fh.write(line.encode("utf-8"))
        state.problems.sort(key=lambda p: (p["path"], p["status"]))
        out.write(ERROR_REPORT, b"".join(
            json.dumps(p, ensure_ascii=False).encode("utf-8") + b"\n" for p in state.problems
        ))
        log.compact(out)
    except OSError as exc:
        if exc.errno in STOP_ERRNOS:
            raise OutputStopped(exc.strerror or str(exc)) from exc
        raise


def _progress_bar(sources: list[Source], quiet: bool):
    """A tqdm bar on stderr (pages/s and errors so far), or None when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
    total = None if any(s.warc for s in sources) else len(sources)
    try:
        width, height = os.get_terminal_size(sys.stderr.fileno())
    except OSError:
        width, height = 0, 0
    return tqdm(total=total, unit="page", file=sys.stderr, smoothing=0.1,
                ncols=width or FALLBACK_SIZE[0], nrows=height or FALLBACK_SIZE[1])


def plural(n: int, word: str) -> str:
    """``1 page``, ``2 pages``: a count with its noun."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary(state: _Run, seconds: float, report: str, args: argparse.Namespace, sources: list[Source]) -> None:
    processed = state.cleaned + state.empty + state.failed
    pages = processed + state.skipped
    rate = processed / seconds if seconds > 0 else 0.0
    where = os.path.join(args.out_dir, JSONL_NAME) if args.format == "jsonl" else args.out_dir
    print(
        f"cleaner batch: {plural(pages, 'page')}: {state.cleaned} cleaned, {state.empty} empty, "
        f"{state.failed} failed, {state.skipped} skipped (up to date); "
        f"{processed} processed in {seconds:.1f} s ({rate:.1f} pages/s) with {plural(args.workers, 'worker')}",
        file=sys.stderr,
    )
    warcs = sum(s.warc for s in sources)
    files = len(sources) + state.ignored + state.unreadable
    skipped = state.warc.skipped_type + state.warc.skipped_status + state.warc.skipped_non_html
    line = (f"input: {plural(files, 'file')}: {plural(len(sources) - warcs, 'page file')}, "
            f"{plural(warcs, 'WARC file')}, {state.ignored} ignored (not pages), {state.unreadable} unreadable")
    if warcs:
        line += (f"; WARC records: {state.warc.records} read, {state.warc.pages} HTML pages, "
                 f"{skipped} skipped (not 2xx HTML responses)")
    print(line, file=sys.stderr)
    print(f"output: {where}", file=sys.stderr)
    listed = {status: sum(p["status"] == status for p in state.problems) for status in ("failed", "empty", "ignored")}
    print(
        f"error report: {report} ({listed['failed']} failed, {listed['empty']} empty, "
        f"{listed['ignored']} ignored)",
        file=sys.stderr,
    )
