"""What one ``cleaner batch`` worker does with one page: read it, clean it, render the output.

Runs inside worker processes, so everything here is plain, picklable data in and out; a page that
cannot be read or cleaned comes back as a failed :class:`Outcome` with a reason, never an exception.
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from typing import Any

from ..api import clean
from ..decode import gunzip
from ..errors import CleanerError
from ..article import Article
from ..render import record, render
from ..user_rules import cached_rules

#: Per-page output formats of ``cleaner batch`` (``jsonl``, one file for all pages, is added there).
FORMATS = ("txt", "json", "md", "html")
#: Test-only hook: ``SECONDS`` or ``SECONDS:SUBSTRING`` makes a worker sleep that long before
#: cleaning every page (or only pages whose source contains SUBSTRING), to simulate slow or hung
#: pages in the timeout and kill tests. Unset in normal use.
TEST_SLEEP_ENV = "CLEANER_TEST_SLEEP"

#: A gzip file is at most its content plus framing (header, a few bytes per stored block, ~0.1%),
#: so a .gz larger than the byte limit plus 0.1% plus this slack is refused unread.
GZIP_SLACK_BYTES = 1024


@dataclass(frozen=True)
class Task:
    """One page to clean: a file to read (``path``) or a payload already read from a WARC (``data``)."""

    source: str  # display path relative to IN_DIR ("dir/page.html", "crawl.warc.gz#<record-id>")
    key: str = ""  # the page's output path under OUT_DIR (unique per page)
    path: str | None = None
    data: bytes | None = None
    url: str | None = None
    kind: str = "auto"  # "html" or "text" from the file suffix, "auto" when it says nothing
    gz: bool = False  # the file is gzip-compressed (its name ends in .gz)


@dataclass(frozen=True)
class Options:
    """What a worker needs to know besides the page: output format, block detail and size cap."""

    fmt: str  # txt | json | md | html | jsonl
    blocks: bool
    max_bytes: int
    links: bool = False  # md/html: links as [text](href), resolved against the page's URL
    images: bool = False  # md/html: images as ![alt](src) with their captions
    rules: tuple[str, str] | None = None  # a user rules file: (its text, its name), compiled once per worker


@dataclass(frozen=True)
class Outcome:
    """A page's result: ``ok``/``empty`` with its rendered output, or ``failed`` with a reason."""

    status: str  # "ok" | "empty" | "failed"
    reason: str | None = None
    output: bytes = b""


def read_input(path: str, *, gz: bool, max_bytes: int) -> bytes:
    """Bytes of a page file, gunzipped when named .gz; too large or broken gzip -> CleanerError."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        cap = max_bytes + (max_bytes // 1000 + GZIP_SLACK_BYTES if gz else 0)
        if size > cap:  # refuse before reading a runaway file into memory
            raise CleanerError(f"input of {size} bytes is above the {max_bytes}-byte limit")
        data = fh.read(cap + 1)
    if gz:
        if data[:2] != b"\x1f\x8b":
            raise CleanerError("named .gz but not gzip data")
        data = gunzip(data, max_bytes)
    return data


def _test_sleep(source: str) -> None:
    spec = os.environ.get(TEST_SLEEP_ENV)
    if not spec:
        return
    seconds, _, needle = spec.partition(":")
    if not needle or needle in source:
        time.sleep(float(seconds))


def _article(task: Task, max_bytes: int, *, links: bool = False, images: bool = False,
             rules: tuple[str, str] | None = None) -> tuple[Article | None, str | None]:
    """Read and clean one page (``links``/``images``: kept for md/html): ``(article, None)``, or ``(None, why it failed)``, never an exception."""
    try:
        _test_sleep(task.source)
        data = task.data if task.data is not None else read_input(task.path or "", gz=task.gz, max_bytes=max_bytes)
        compiled = cached_rules(*rules) if rules else None
        return clean(data, url=task.url, kind=task.kind, max_bytes=max_bytes, links=links, images=images,
                     rules=compiled), None
    except CleanerError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"
    except MemoryError:
        return None, "out of memory while cleaning"
    except RecursionError:
        return None, "page nested too deeply to clean"
    except Exception as exc:  # a cleaner bug on one page must not stop a batch of thousands
        return None, f"internal error: {type(exc).__name__}: {exc}"


def process(task: Task, opts: Options) -> Outcome:
    """Clean one page into its rendered output; every failure becomes a failed Outcome with a reason."""
    article, error = _article(task, opts.max_bytes, links=opts.links, images=opts.images, rules=opts.rules)
    if article is None:
        return Outcome("failed", error)
    try:
        text = render(article, opts.fmt, source=task.source, blocks=opts.blocks)
    except Exception as exc:  # noqa: BLE001 - as above: one page's bug is that page's failure
        return Outcome("failed", f"internal error: {type(exc).__name__}: {exc}")
    output = text.encode("utf-8", "replace")
    if article.text:
        return Outcome("ok", None, output)
    return Outcome("empty", article.reason or "no main text found", output)


def clean_record(task: Task, max_bytes: int, rules: tuple[str, str] | None = None,
                 ) -> tuple[dict[str, Any] | None, str | None]:
    """One page's JSON record (what jsonl output writes), or None and why it failed (for Spark;
    ``rules``: a user rules file's text and name)."""
    article, error = _article(task, max_bytes, rules=rules)
    if article is None:
        return None, error
    return record(article, source=task.source), None


#: A short English page cleaned once before workers fork, so lazily loaded data (language
#: profiles, stoplists) is loaded once and shared instead of once per worker.
WARM_UP_PAGE = (
    "A small warm-up page\n\nThe council met on Tuesday and agreed to repair the old harbour wall "
    "before the winter storms, after residents asked for the work to start without more delay.\n"
)


def warm_up() -> None:
    """Clean :data:`WARM_UP_PAGE` so one-time loads happen in the parent before it forks workers."""

    try:
        clean(WARM_UP_PAGE, kind="text")
    except Exception:  # a broken cleaner shows up on each page, with the page's name
        pass


def worker_loop(conn, opts: Options) -> None:
    """Body of a worker process: answer each Task with its Outcome until EOF or None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        try:
            conn.send(process(msg, opts))
        except OSError:  # the parent is gone (killed): nobody wants the result
            return
