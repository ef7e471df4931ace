"""Find the pages under ``cleaner batch``'s input folder and name the output each one gets.

The walk is sorted (so runs are reproducible), never follows directory symlinks, skips file
symlinks that lead outside the input folder, and never descends into the output folder when that
lives inside the input folder. Anything it passes over is reported, not silently dropped.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

from ..warc import is_warc_path

#: Name endings read as pages, with the input kind each one means (a .gz is gunzipped first).
PAGE_KINDS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".txt": "text",
    ".html.gz": "html", ".htm.gz": "html", ".txt.gz": "text",
}
#: Folder inside OUT_DIR holding resume state and temporary files; never read as input.
STATE_DIR = ".cleaner-batch"
#: Longest URL slug in a WARC record's output file name; keeps names far below the 255-byte limit.
MAX_SLUG_CHARS = 60

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Source:
    """One input file: a page or a WARC archive, with its stat signature for resume checks."""

    rel: str  # path relative to IN_DIR as the OS spells it (may hold any byte via surrogates)
    path: str  # absolute path to read
    mtime_ns: int
    size: int
    warc: bool

    @property
    def name(self) -> str:
        """The relative path, printable and JSON-safe (undecodable bytes shown as \\xNN)."""
        return display(self.rel)

    @property
    def kind(self) -> str:
        """Input kind ("html"/"text") the file name promises."""
        return next(k for suffix, k in PAGE_KINDS.items() if self.rel.lower().endswith(suffix))

    @property
    def gz(self) -> bool:
        """True when the file is gzip-compressed (by its name)."""
        return self.rel.lower().endswith(".gz")


@dataclass(frozen=True)
class Passed:
    """A path the walk did not read, and why (a symlink out of IN_DIR, a FIFO, an unreadable folder)."""

    rel: str
    reason: str
    failed: bool  # True when pages may have been lost (unreadable folder), False when merely ignored


def display(rel: str) -> str:
    """``rel`` with undecodable file-name bytes written as ``\\xNN`` so it is valid UTF-8 text."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_input_name(name: str) -> bool:
    """True when a file name is one ``cleaner batch`` reads (page suffixes and WARC)."""
    low = name.lower()
    return low.endswith(tuple(PAGE_KINDS)) or is_warc_path(low)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def discover(in_dir: str, out_dir: str) -> tuple[list[Source], list[Passed]]:
    """Every input file under ``in_dir`` sorted by relative path, and the paths passed over."""
    in_real = os.path.realpath(in_dir)
    out_real = os.path.realpath(out_dir)
    sources: list[Source] = []
    passed: list[Passed] = []

    def walk_error(exc: OSError) -> None:
        rel = os.path.relpath(exc.filename, in_real) if exc.filename else "."
        passed.append(Passed(rel, f"unreadable folder: {exc.strerror or exc}", True))

    for dirpath, dirnames, filenames in os.walk(in_real, onerror=walk_error):
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if _inside(os.path.realpath(full), out_real):
                continue  # OUT_DIR (and its state) inside IN_DIR: our own outputs are not input
            if os.path.islink(full):
                passed.append(Passed(os.path.relpath(full, in_real), "symlink to a folder, not followed", False))
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            if not is_input_name(name):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, in_real)
            try:
                if os.path.islink(full):
                    target = os.path.realpath(full)
                    if not _inside(target, in_real) or _inside(target, out_real):
                        passed.append(Passed(rel, "symlink pointing outside IN_DIR, skipped", False))
                        continue
                st = os.stat(full)
            except OSError as exc:
                passed.append(Passed(rel, f"unreadable: {exc.strerror or exc}", True))
                continue
            if not stat.S_ISREG(st.st_mode):
                passed.append(Passed(rel, "not a regular file, skipped", False))
                continue
            sources.append(Source(rel, full, st.st_mtime_ns, st.st_size, is_warc_path(name)))
    sources.sort(key=lambda s: s.rel)
    passed.sort(key=lambda p: p.rel)
    return sources, passed


def output_rel(source: Source, fmt: str) -> str:
    """Where a page file's output goes under OUT_DIR: its relative path plus the format suffix."""
    return f"{source.rel}.{fmt}"


def warc_output_rel(source: Source, index: int, url: str | None, fmt: str) -> str:
    """Output of the ``index``-th page of a WARC: a safe, unique file name in a folder named after it."""
    slug = ""
    if url:
        slug = _UNSAFE.sub("_", re.sub(r"^[a-z]+://", "", url, flags=re.I)).strip("._-")
    slug = slug[:MAX_SLUG_CHARS].rstrip("._-")
    name = f"{index:05d}-{slug}" if slug else f"{index:05d}"
    return f"{source.rel}/{name}.{fmt}"
