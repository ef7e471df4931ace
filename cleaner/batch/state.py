"""``cleaner batch``'s output folder: atomic writes, the resume log, and the error report.

Every output is written to a temporary file under OUT_DIR/.cleaner-batch/tmp and renamed into
place, so a kill leaves either the old file or the new one, never half of one. Each finished page
is appended to a log (one JSON line, flushed); a resumed run trusts a page only when its output
exists and the log shows the same input (mtime, size) and the same options. In jsonl mode the log
lines also carry the page's record, so an interrupted run's work is reused and the final file is
assembled, sorted, from the log at the end.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from typing import IO, Any, Iterator

from .inputs import STATE_DIR, inside

#: Name of the append-only resume log inside the state folder.
LOG_NAME = "done.jsonl"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class OutDir:
    """OUT_DIR with its state folder; every write lands inside it, atomically."""

    def __init__(self, out_dir: str) -> None:
        os.makedirs(out_dir, exist_ok=True)
        self.root = os.path.realpath(out_dir)
        self.state = os.path.join(self.root, STATE_DIR)
        self.tmp = os.path.join(self.state, "tmp")
        os.makedirs(self.state, exist_ok=True)
        self._mode = 0o666 & ~_current_umask()
        self._lock: IO[bytes] | None = None

    def lock(self) -> bool:
        """Take the folder's run lock (released when this process exits); False if another run holds it."""
        self._lock = open(os.path.join(self.state, "lock"), "ab")
        try:
            fcntl.lockf(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per process: workers do not inherit it
        except OSError:
            return False
        shutil.rmtree(self.tmp, ignore_errors=True)  # leftovers of a killed run are never outputs
        os.makedirs(self.tmp, exist_ok=True)
        return True

    def path(self, rel: str) -> str:
        """Absolute path of ``rel``; OSError when it would resolve outside OUT_DIR (a planted symlink)."""
        target = os.path.join(self.root, rel)
        if not inside(os.path.realpath(os.path.dirname(target)), self.root):
            raise OSError(f"output path {rel!r} leads outside the output folder")
        return target

    @contextmanager
    def atomic(self, rel: str) -> Iterator[IO[bytes]]:
        """Open ``rel`` for writing via a temporary file renamed into place when the block ends cleanly."""
        target = self.path(rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.tmp, prefix="part-")
        try:
            os.fchmod(fd, self._mode)
            with os.fdopen(fd, "wb") as fh:
                yield fh
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def write(self, rel: str, data: bytes) -> None:
        """Write ``data`` to ``rel`` atomically."""
        with self.atomic(rel) as fh:
            fh.write(data)

    def remove(self, rel: str) -> None:
        """Delete a stale output (its page failed this time), if there is one."""
        try:
            os.unlink(self.path(rel))
        except FileNotFoundError:
            pass

    def fresh(self, rel: str, input_mtime_ns: int) -> bool:
        """True when output ``rel`` exists and is not older than its input."""
        try:
            return os.stat(self.path(rel)).st_mtime_ns >= input_mtime_ns
        except OSError:
            return False

    def close(self) -> None:
        """Remove the (now empty) temporary folder and release the run lock."""
        shutil.rmtree(self.tmp, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()


class ResumeLog:
    """Append-only log of finished pages: ``key`` (output path), input mtime/size, options, status.

    A kill can only cut the last line short; that tail is dropped on load, so the page is redone.
    """

    def __init__(self, state_dir: str) -> None:
        self.path = os.path.join(state_dir, LOG_NAME)
        self.entries: dict[str, dict[str, Any]] = {}
        good = self._load()
        if os.path.exists(self.path) and os.path.getsize(self.path) != good:
            os.truncate(self.path, good)  # drop a line cut short by a kill
        self._fh = open(self.path, "ab")

    def _load(self) -> int:
        """Read the log; returns the byte length of its complete lines."""
        offset = 0
        try:
            fh = open(self.path, "rb")
        except FileNotFoundError:
            return 0
        with fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break
                try:
                    entry = json.loads(raw)
                except ValueError:
                    entry = None
                if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                    has_line = entry.pop("line", None) is not None
                    entry["_pos"] = (offset, len(raw)) if has_line else None
                    self.entries[entry["key"]] = entry
                offset += len(raw)
        return offset

    def matches(self, key: str, mtime_ns: int, size: int, opts: dict[str, Any]) -> dict[str, Any] | None:
        """The entry for ``key`` when it was made from the same input and options, else None."""
        entry = self.entries.get(key)
        if entry and entry.get("mtime_ns") == mtime_ns and entry.get("size") == size and entry.get("opts") == opts:
            return entry
        return None

    def add(self, entry: dict[str, Any], line: str | None = None) -> None:
        """Append a finished page (with its jsonl record ``line``, if any) and flush it to the OS."""
        data = dict(entry)
        if line is not None:
            data["line"] = line
        raw = json.dumps(data, ensure_ascii=True, sort_keys=True).encode("ascii") + b"\n"
        offset = self._fh.tell()
        self._fh.write(raw)
        self._fh.flush()
        self.entries[entry["key"]] = dict(entry, _pos=(offset, len(raw)) if line is not None else None)

    def lines(self, keys: list[str]) -> Iterator[str]:
        """The stored jsonl record of each key, in the given order."""
        with open(self.path, "rb") as fh:
            for key in keys:
                offset, length = self.entries[key]["_pos"]
                fh.seek(offset)
                yield json.loads(fh.read(length))["line"]

    def compact(self, out: OutDir) -> None:
        """Rewrite the log with one line per key (the latest), dropping superseded lines."""
        self._fh.close()
        rel = os.path.join(STATE_DIR, LOG_NAME)
        with open(self.path, "rb") as src, out.atomic(rel) as dst:
            for key in sorted(self.entries):
                entry = self.entries[key]
                if entry["_pos"] is not None:
                    src.seek(entry["_pos"][0])
                    dst.write(src.read(entry["_pos"][1]))
                else:
                    clean = {k: v for k, v in entry.items() if k != "_pos"}
                    dst.write(json.dumps(clean, ensure_ascii=True, sort_keys=True).encode("ascii") + b"\n")

    def close(self) -> None:
        """Close the append handle (idempotent). On a full disk the unflushed tail of the log is
        lost: its pages are redone by the next run, as a line cut short by a kill would be."""
        try:
            self._fh.close()
        except OSError:
            pass
