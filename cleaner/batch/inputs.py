"""Find the pages under ``cleaner batch``'s input folder and name the output each one gets.

The walk is sorted (so runs are reproducible), never follows directory symlinks, skips file
symlinks that lead outside the input folder, and never descends into the output folder when that
lives inside the input folder. Anything it passes over is reported, not silently dropped.
"""
from __future__ import annotations

import itertools
import os
import re
import stat
import zlib
from dataclasses import dataclass, replace
from typing import Iterator

from ..decode import SNIFF_BYTES, decode_bytes, sniff_kind
from ..errors import CleanerError
from ..warc import is_warc_head, is_warc_path

#: Name endings read as pages without looking inside, with the kind each means (.gz is gunzipped).
PAGE_KINDS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".txt": "text",
    ".html.gz": "html", ".htm.gz": "html", ".txt.gz": "text",
}
#: Name endings of files that are not pages: text formats (data, code, styles, notes), where
#: cleaning one as flattened text would turn a spreadsheet or a script into an "article", and
#: common media and archives, which need not be opened to be refused. They are listed as ignored
#: unread. Every other name (none, .php, .xhtml, .asp, "index.html?p=2") is read to decide.
NOT_PAGE_SUFFIXES = (
    ".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".xml", ".rss", ".atom", ".yaml", ".yml", ".toml",
    ".ini", ".cfg", ".conf", ".log", ".md", ".rst", ".css", ".js", ".mjs", ".map", ".py", ".sh",
    ".sql", ".svg",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".tif", ".tiff", ".avif", ".pdf",
    ".zip", ".tar", ".tgz", ".7z", ".rar", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3",
    ".mp4", ".webm", ".ogg", ".wav", ".mov", ".avi", ".exe", ".dll", ".so",
)
#: Folder inside OUT_DIR holding resume state and temporary files; never read as input.
STATE_DIR = ".cleaner-batch"
#: Names batch writes at the top of OUT_DIR besides page outputs (no page output may take them).
RESERVED_NAMES = (STATE_DIR, "errors.jsonl", "pages.jsonl")
#: Longest URL slug in a WARC record's output file name; keeps names far below the 255-byte limit.
MAX_SLUG_CHARS = 60
#: Compressed bytes read to sniff what a gzip file holds (its first SNIFF_BYTES once inflated).
GZIP_SNIFF_BYTES = 64 * 1024

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Source:
    """One input file (a page or a WARC archive), its stat signature for resume checks, what it
    holds and the name its output gets (``out``: path under OUT_DIR without the format suffix)."""

    rel: str  # path relative to IN_DIR as the OS spells it (may hold any byte via surrogates)
    path: str  # absolute path to read
    mtime_ns: int
    size: int
    kind: str  # "html" | "text" | "warc"
    gz: bool = False  # gzip-compressed (by its name, or by its first bytes when the name said nothing)
    out: str = ""

    @property
    def warc(self) -> bool:
        """True for a WARC archive (its pages are cleaned one by one)."""
        return self.kind == "warc"

    @property
    def name(self) -> str:
        """The relative path, printable and JSON-safe (undecodable bytes shown as \\xNN)."""
        return display(self.rel)


@dataclass(frozen=True)
class Passed:
    """A path the walk did not read, and why (not a page, a symlink out of IN_DIR, a FIFO, ...)."""

    rel: str
    reason: str
    failed: bool  # True when pages may have been lost (unreadable folder), False when merely ignored


def display(rel: str) -> str:
    """``rel`` with undecodable file-name bytes written as ``\\xNN`` so it is valid UTF-8 text."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def inside(path: str, root: str) -> bool:
    """True when ``path`` is ``root`` or lies under it (both real paths)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _gunzip_head(path: str) -> bytes | None:
    """The first SNIFF_BYTES of a gzip file once inflated, or None when they do not inflate."""
    with open(path, "rb") as fh:
        packed = fh.read(GZIP_SNIFF_BYTES)
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(packed, SNIFF_BYTES)
    except zlib.error:
        return None


def sniff_file(path: str) -> tuple[str, bool] | str:
    """What a file whose name says nothing holds, from its first bytes: ``(kind, gz)`` with kind
    "html", "text" or "warc" (gz when gzip-compressed), or the reason it is not a page."""
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head.strip():
        return "empty file" if not head else "only whitespace"
    gz = head.startswith(_GZIP_MAGIC)
    if is_warc_head(head):
        return "warc", gz
    if gz:
        head = _gunzip_head(path)
        if not head:
            return "gzip data that does not inflate (or inflates to nothing)"
    try:
        text = decode_bytes(head, len(head))
    except CleanerError as exc:  # binary: "binary input (a PNG image), not a page"
        return str(exc)
    return sniff_kind(text), gz


def classify(rel: str, path: str, st: os.stat_result) -> Source | Passed:
    """A regular file as a Source (by its name when that says page or WARC, else by its content),
    or Passed (ignored) with the reason."""
    low = rel.lower()
    for suffix, kind in PAGE_KINDS.items():
        if low.endswith(suffix):
            return Source(rel, path, st.st_mtime_ns, st.st_size, kind, low.endswith(".gz"))
    if is_warc_path(low):
        return Source(rel, path, st.st_mtime_ns, st.st_size, "warc", low.endswith(".gz"))
    if low.endswith(NOT_PAGE_SUFFIXES):
        return Passed(rel, f"not a page by its name ({os.path.splitext(low)[1]} file)", False)
    try:
        found = sniff_file(path)
    except OSError as exc:
        return Passed(rel, f"unreadable: {exc.strerror or exc}", True)
    if isinstance(found, str):
        return Passed(rel, f"not a page: {found}", False)
    kind, gz = found
    return Source(rel, path, st.st_mtime_ns, st.st_size, kind, gz)


def discover(in_dir: str, out_dir: str, fmt: str = "txt") -> tuple[list[Source], list[Passed]]:
    """Every input file under ``in_dir`` sorted by relative path (each with its output name for
    format ``fmt``), and the paths passed over: together, every file under ``in_dir`` once."""
    in_real = os.path.realpath(in_dir)
    out_real = os.path.realpath(out_dir)
    sources: list[Source] = []
    passed: list[Passed] = []
    folders: set[str] = set()

    def walk_error(exc: OSError) -> None:
        rel = os.path.relpath(exc.filename, in_real) if exc.filename else "."
        passed.append(Passed(rel, f"unreadable folder: {exc.strerror or exc}", True))

    for dirpath, dirnames, filenames in os.walk(in_real, onerror=walk_error):
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if inside(os.path.realpath(full), out_real):
                continue  # OUT_DIR (and its state) inside IN_DIR: our own outputs are not input
            if os.path.islink(full):
                passed.append(Passed(os.path.relpath(full, in_real), "symlink to a folder, not followed", False))
                continue
            keep.append(d)
            folders.add(os.path.relpath(full, in_real))
        dirnames[:] = keep
        for name in filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, in_real)
            try:
                if os.path.islink(full):
                    target = os.path.realpath(full)
                    if not inside(target, in_real) or inside(target, out_real):
                        passed.append(Passed(rel, "symlink pointing outside IN_DIR, skipped", False))
                        continue
                st = os.stat(full)
            except OSError as exc:
                passed.append(Passed(rel, f"unreadable: {exc.strerror or exc}", True))
                continue
            if not stat.S_ISREG(st.st_mode):
                passed.append(Passed(rel, "not a regular file, skipped", False))
                continue
            found = classify(rel, full, st)
            (sources if isinstance(found, Source) else passed).append(found)
    sources.sort(key=lambda s: s.rel)
    passed.sort(key=lambda p: p.rel)
    return name_outputs(sources, folders, fmt), passed


def _preferred_out(source: Source) -> str:
    """The output name a file asks for: a page loses a trailing .gz (``x.html.gz`` -> ``x.html``),
    a WARC its .warc/.gz endings (``crawl.warc.gz`` -> folder ``crawl``)."""
    folder, base = os.path.split(source.rel)
    for suffix in (".gz", ".warc") if source.warc else (".gz",):
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
    out = os.path.join(folder, base)
    return out


#: Ending of a WARC's output folder when its plain name is taken (``crawl.warc.gz.pages/``).
WARC_FOLDER_FALLBACK = ".pages"


def _candidate_outs(source: Source) -> Iterator[str]:
    """Output names for a source, best first: preferred, full name, then the full name with ~2, ~3..."""
    full = source.rel + (WARC_FOLDER_FALLBACK if source.warc else "")
    yield _preferred_out(source)
    yield full
    yield from (f"{full}~{n}" for n in itertools.count(2))


def name_outputs(sources: list[Source], folders: set[str], fmt: str) -> list[Source]:
    """Give each source a unique output name: its preferred one, unless that collides with an input
    folder, a name batch writes, or an earlier source's output (``x.html`` and ``x.html.gz``);
    then its full name (``x.html.gz.txt``, ``crawl.warc.gz.pages/``), then that with ``~2``,
    ``~3``... Sources that keep their own name claim first, so no other file renames them."""
    taken = set(folders) | set(RESERVED_NAMES)
    order = sorted(range(len(sources)), key=lambda i: (_preferred_out(sources[i]) != sources[i].rel, sources[i].rel))
    named: list[Source | None] = [None] * len(sources)
    for i in order:
        source = sources[i]
        ending = "" if source.warc else f".{fmt}"
        chosen = next(c for c in _candidate_outs(source) if c + ending not in taken)
        taken.add(chosen + ending)
        named[i] = replace(source, out=chosen)
    return [s for s in named if s is not None]


def output_rel(source: Source, fmt: str) -> str:
    """Where a page file's output goes under OUT_DIR: its output name plus the format suffix."""
    return f"{source.out or source.rel}.{fmt}"


def warc_output_rel(source: Source, index: int, url: str | None, fmt: str) -> str:
    """Output of the ``index``-th page of a WARC: a safe, unique file name in the WARC's folder."""
    slug = ""
    if url:
        slug = _UNSAFE.sub("_", re.sub(r"^[a-z]+://", "", url, flags=re.I)).strip("._-")
    slug = slug[:MAX_SLUG_CHARS].rstrip("._-")
    name = f"{index:05d}-{slug}" if slug else f"{index:05d}"
    return f"{source.out or source.rel}/{name}.{fmt}"
