"""A small process pool for ``cleaner batch`` that can kill and replace a worker stuck on one page.

The standard pools cannot stop a task that hangs (a pathological regex, a C-level parse); here each
worker holds one page at a time, the parent watches its clock, and a worker past the time limit or
one that dies is replaced while the page is reported as failed. Results are handed to a callback
as they arrive; callers that need an order sort them (outputs do not depend on which worker ran).
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import time
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

from .worker import Options, Outcome, Task, warm_up, worker_loop

#: Seconds a stopped worker gets to exit before it is killed outright.
JOIN_GRACE = 2.0
#: Linux prctl option: the signal the kernel sends this process when its parent dies.
PR_SET_PDEATHSIG = 1


def _context():
    """Fork where available: workers start instantly and share the parent's imported modules."""
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else methods[0])


def _die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this worker when the batch dies (even by SIGKILL), so none is left
    running mid-page; Linux only (elsewhere an idle worker still leaves on its pipe's EOF)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(0)


def _worker_main(conn, parent_ends: list, parent_pid: int, opts: Options) -> None:
    """Start of a worker process: drop the parent's pipe ends a fork copied in, then serve pages.

    A forked child inherits the parent's end of its own pipe and of every earlier worker's; held
    here, they would keep each pipe open after the parent dies, so no worker would read EOF."""
    for end in parent_ends:
        end.close()
    _die_with_parent(parent_pid)
    worker_loop(conn, opts)


class _Worker:
    """One worker process, its pipe, and the page it is busy with (if any)."""

    def __init__(self, ctx, opts: Options, siblings: list["_Worker"]) -> None:
        self.conn, child = ctx.Pipe()
        # only a forked child holds copies of the parent's ends; a spawned one would get them sent
        ends = [self.conn] + [w.conn for w in siblings] if ctx.get_start_method() == "fork" else []
        self.process = ctx.Process(target=_worker_main, args=(child, ends, os.getpid(), opts), daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end, so its death reads as EOF here
        self.task: Task | None = None
        self.started = 0.0

    def give(self, task: Task) -> None:
        self.conn.send(task)
        self.task, self.started = task, time.monotonic()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(JOIN_GRACE)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_pool(
    tasks: Iterable[Task | tuple[Task, Outcome]],
    opts: Options,
    *,
    workers: int,
    timeout: float,
    on_result: Callable[[Task, Outcome], None],
) -> None:
    """Clean every task on ``workers`` processes, calling ``on_result`` once per task in the parent.

    An item that is already a ``(Task, Outcome)`` pair (e.g. a damaged WARC record) is passed
    straight to ``on_result``. A page running longer than ``timeout`` seconds is failed and its
    worker replaced; a worker that dies fails its page the same way.
    """
    ctx = _context()
    source: Iterator = iter(tasks)
    pool: list[_Worker] = []
    exhausted = False
    try:
        while True:
            while not exhausted and (len(pool) < workers or any(w.task is None for w in pool)):
                item = next(source, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, tuple):
                    on_result(*item)
                else:
                    i = next((i for i, w in enumerate(pool) if w.task is None), len(pool))
                    if i == len(pool):  # start workers only when there is work (a resumed run may have none)
                        if not pool and ctx.get_start_method() == "fork":
                            warm_up()  # once here, shared by every forked worker
                        pool.append(_Worker(ctx, opts, pool))
                    try:
                        pool[i].give(item)
                    except OSError:  # the idle worker died (e.g. the OOM killer): use a fresh one
                        pool[i].stop(kill=True)
                        pool[i] = _Worker(ctx, opts, pool)
                        pool[i].give(item)
            busy = [w for w in pool if w.task is not None]
            if not busy:
                return
            now = time.monotonic()
            deadline = min(w.started for w in busy) + timeout
            ready = wait([w.conn for w in busy], max(0.0, deadline - now))
            for i, w in enumerate(pool):
                if w.task is None:
                    continue
                if w.conn in ready:
                    task = w.task
                    try:
                        outcome = w.conn.recv()
                    except (EOFError, OSError):
                        code = _exit_code(w)
                        outcome = Outcome("failed", f"worker process died while cleaning (exit code {code})")
                        pool[i] = _Worker(ctx, opts, pool)
                    else:
                        w.task = None
                    on_result(task, outcome)
                elif time.monotonic() - w.started > timeout:
                    task = w.task
                    w.stop(kill=True)
                    pool[i] = _Worker(ctx, opts, pool)
                    on_result(task, Outcome("failed", f"timeout: cleaning took longer than {timeout:g} s"))
    finally:
        for w in pool:
            w.stop(kill=w.task is not None)


def _exit_code(w: _Worker) -> int | None:
    w.process.join(JOIN_GRACE)
    if w.process.is_alive():
        w.process.kill()
        w.process.join()
    w.conn.close()
    return w.process.exitcode
