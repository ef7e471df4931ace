#!/usr/bin/env python
"""Compare cleaner with its peers on a folder in the ../shared/bench format, in one process.

Prints per extractor the ScrapingHub shingle metric (F1, precision, recall, accuracy, from
cleaner.quality.metric) and/or the snippet metric (trafilatura's evaluation), docs/sec and peak memory;
then, with --worst K, the pages where cleaner loses most and the blocks it got wrong, so the next
rule is picked from evidence. See benchmarks/README.md for how to read the output.
"""
from __future__ import annotations

import argparse
import ast
import ctypes
import gc
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import peers  # noqa: E402
from cleaner.decode import decode_bytes  # noqa: E402
from cleaner.quality.metric import SHINGLE, DocScore, Summary, ratio, score_document, shingles, summarize  # noqa: E402

#: Where --record-floor writes the CI quality floor (read by tests/test_quality_floor.py).
FLOOR_FILE = HERE / "results" / "floor.json"
#: Share of a block's shingles found in the gold above which the block counts as gold text;
#: below it a "main" block is reported as kept wrongly (partial overlaps are gold edits, not noise).
IN_GOLD_SHARE = 0.5
#: Blocks listed per worst page (the largest mistakes first); keeps the report readable.
WORST_BLOCK_LINES = 12
#: Seed of the bootstrap resampler: the same intervals on every run.
BOOTSTRAP_SEED = 0
#: Rows of the error-total tables (largest first).
ERROR_TABLE_ROWS = 25
#: Characters of block text shown per line in the worst-page report.
SNIPPET_CHARS = 110
#: Share of main blocks carrying a reason above which the error table treats it as a generic
#: content feature and leaves it out of the grouping key (it would put every error in one bin).
COMMON_REASON_SHARE = 0.4
#: RSS growth (MiB) from the middle to the end of a --repeat run above which memory is not flat.
FLAT_GROWTH_MIB = 16.0

_TOKEN = re.compile(r"\w+")
_LIBC = ctypes.CDLL(None)
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------- data loading


@dataclass
class Page:
    """One benchmark page: what cleaner reads, what the peers read, and the gold."""

    id: str
    source: str  # the decoded page (html mode) or flattened text (text mode)
    peer_input: str  # HTML for the peers: the page itself, or the text wrapped one <p> per block
    gold: str | None  # articleBody, None for snippet-only gold
    keep: list[str] = field(default_factory=list)  # `with` snippets
    drop: list[str] = field(default_factory=list)  # `without` snippets
    lang: str | None = None


def _snippets(value: object) -> list[str]:
    """A `with`/`without` field: a Python-literal list in a string (trafilatura-eval) or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        value = ast.literal_eval(value)
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ValueError(f"snippet field is not a list of strings: {value!r:.80}")
    return [s for s in value if s.strip()]


def detect_mode(folder: Path) -> str:
    """``html`` when the folder has html/, else ``text`` when it has text/."""
    if (folder / "html").is_dir():
        return "html"
    if (folder / "text").is_dir():
        return "text"
    raise SystemExit(f"{folder}: neither html/ nor text/ found (is this a bench folder?)")


def load_pages(folder: Path, mode: str, limit: int | None = None) -> tuple[list[Page], list[str]]:
    """Pages of a bench folder sorted by id (first ``limit``), decoded once; and the ids skipped."""
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise SystemExit(f"{folder}: no ground-truth.json (is this a bench folder?)")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if limit is not None:
        ids = ids[:limit]
    pages, missing = [], []
    for pid in ids:
        item = truth[pid]
        if mode == "html":
            path = next((p for p in (folder / "html" / f"{pid}.html.gz", folder / "html" / f"{pid}.html")
                         if p.is_file()), None)
        else:
            path = folder / "text" / f"{pid}.txt"
            path = path if path.is_file() else None
        if path is None:
            missing.append(pid)
            continue
        source = decode_bytes(path.read_bytes())
        peer_input = source if mode == "html" else peers.wrap_blocks(source)
        gold = item.get("articleBody")
        gold = gold if isinstance(gold, str) and gold != "None" else None
        pages.append(Page(pid, source, peer_input, gold, _snippets(item.get("with")),
                          _snippets(item.get("without")), item.get("lang") or None))
    return pages, missing


# --------------------------------------------------------------------------- memory probes


def _status_kib(key: str) -> int | None:
    """A field of /proc/self/status in KiB (VmRSS, VmHWM), None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _trim() -> None:
    """Hand freed C heap back to the OS (glibc only), so an RSS baseline means something."""
    try:
        _LIBC.malloc_trim(0)
    except AttributeError:
        pass


def _settle() -> None:
    """Collect garbage, then trim the heap."""
    gc.collect()
    _trim()


def _reset_peak() -> bool:
    """Reset the kernel's RSS high-water mark (VmHWM) to the current RSS; False if not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def rss_mib() -> float | None:
    """Current resident set size in MiB (None off Linux)."""
    kib = _status_kib("VmRSS")
    return kib / 1024 if kib is not None else None


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    """What one extractor produced over the pages, and what it cost."""

    extractor: peers.Extractor
    outputs: list[str]
    cpu_seconds: float
    wall_seconds: float
    peak_mib: float | None
    errors: int
    first_error: str | None

    @property
    def docs_per_sec(self) -> float:
        """Pages per second of the process's own CPU time (unmoved by other load on the machine)."""
        return len(self.outputs) / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def docs_per_wall_sec(self) -> float:
        """Pages per second of elapsed time (what a user waits; slowed by other load)."""
        return len(self.outputs) / self.wall_seconds if self.wall_seconds else 0.0


def _call(ex: peers.Extractor, page: Page) -> tuple[str, float, float, str | None]:
    """One timed extraction: output, CPU and wall seconds inside the call, the error if it raised."""
    data = page.source if ex.takes_text else page.peer_input
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        out, err = ex.run(data, page.lang) or "", None
    except Exception as exc:  # a crash is a page with no output, as in the peers' benchmarks
        out, err = "", f"{page.id}: {type(exc).__name__}: {exc}"[:200]
    return out, time.process_time() - cpu, time.perf_counter() - wall, err


def run_all(extractors: list[peers.Extractor], pages: list[Page]) -> list[Run]:
    """Run every extractor on every page, page by page (interleaved, so load from elsewhere on
    the machine slows all extractors alike), then measure their peak memory in a second pass.

    Each extractor first runs once untimed on the first page, so lazy imports and one-time
    tables (stoplists, language profiles) are paid before the clock starts. The timed pass has
    no memory probes: trimming the heap and resetting the kernel's high-water mark before every
    call makes each call fault its memory back in, a cost of the probe, not of the extractor.
    """
    for ex in extractors:
        _call(ex, pages[0])
    _settle()
    runs = [Run(ex, [], 0.0, 0.0, None, 0, None) for ex in extractors]
    for i, page in enumerate(pages):
        if i and i % 100 == 0:
            print(f"  {i}/{len(pages)} pages timed", file=sys.stderr, flush=True)
        for run in runs:
            out, cpu, wall, err = _call(run.extractor, page)
            run.outputs.append(out)
            run.cpu_seconds += cpu
            run.wall_seconds += wall
            if err:
                run.errors += 1
                run.first_error = run.first_error or err
    _measure_peaks(runs, pages)
    return runs


def _measure_peaks(runs: list[Run], pages: list[Page]) -> None:
    """Peak memory per extractor, from a second (untimed) pass: before each call the freed heap
    is handed back and the kernel's RSS high-water mark reset; the peak is the largest rise of
    that mark over the RSS before the call, over all pages. Left None where the kernel does not
    allow the reset."""
    _settle()
    if not _reset_peak():
        return
    for run in runs:
        run.peak_mib = 0.0
    for i, page in enumerate(pages):
        if i and i % 100 == 0:
            print(f"  {i}/{len(pages)} pages measured for memory", file=sys.stderr, flush=True)
        for run in runs:
            _trim()
            _reset_peak()
            base = _status_kib("VmRSS")
            _call(run.extractor, page)
            hwm = _status_kib("VmHWM")
            if hwm is not None and base is not None:
                run.peak_mib = max(run.peak_mib, (hwm - base) / 1024)


# --------------------------------------------------------------------------- scoring


def norm(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped (snippet matching)."""
    return _WS.sub(" ", text).strip()


@dataclass
class SnippetCounts:
    """Pooled snippet confusion counts (trafilatura's evaluation): tp/fn over `with`, fp/tn over `without`."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    pages: int = 0

    def add(self, page: Page, output: str) -> None:
        out = norm(output)
        kept = sum(norm(s) in out for s in page.keep)
        leaked = sum(norm(s) in out for s in page.drop)
        self.tp += kept
        self.fn += len(page.keep) - kept
        self.fp += leaked
        self.tn += len(page.drop) - leaked
        self.pages += 1

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def accuracy(self) -> float:
        n = self.tp + self.tn + self.fp + self.fn
        return (self.tp + self.tn) / n if n else 0.0

    @property
    def removed(self) -> float:
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0


def shingle_scores(pages: list[Page], outputs: list[str]) -> list[tuple[Page, DocScore]]:
    """Per-page shingle scores for the pages that have an articleBody gold."""
    return [(p, score_document(o, p.gold)) for p, o in zip(pages, outputs) if p.gold is not None]


def snippet_counts(pages: list[Page], outputs: list[str]) -> tuple[SnippetCounts, dict[str, SnippetCounts]]:
    """Pooled snippet counts overall and per gold language (pages without snippets skipped)."""
    total, by_lang = SnippetCounts(), defaultdict(SnippetCounts)
    for p, o in zip(pages, outputs):
        if p.keep or p.drop:
            total.add(p, o)
            by_lang[p.lang or "?"].add(p, o)
    return total, dict(by_lang)


def doc_f1(s: DocScore) -> float:
    """F1 of one page from its precision and recall."""
    p, r = s.precision, s.recall
    return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------------- report


def machine_header() -> list[str]:
    """Date, machine and software lines that open every result table."""
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "?")
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=False).stdout.strip() or "?"
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "cleaner"],
                               capture_output=True, text=True, check=False).stdout.strip()
        commit += " (cleaner/ has uncommitted changes)" if dirty else ""
    except OSError:
        commit = "?"
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"date: {now}",
        f"machine: nproc={os.cpu_count()}, cpu={cpu}, python {platform.python_version()} "
        f"({platform.system()} {platform.machine()}), load average at start {load}",
        f"project commit: {commit}",
    ]


def _fmt(v: float | None, spec: str = ".3f") -> str:
    return "n/a" if v is None else format(v, spec)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)]


def report(folder: Path, mode: str, pages: list[Page], runs: list[Run], skipped: list[str],
           notes: list[str], header: list[str]) -> tuple[list[str], dict]:
    """The comparison tables as text lines, and the same figures as a JSON-ready dict."""
    lines = [f"# {folder.name} ({mode} mode, {len(pages)} pages)", *header, ""]
    results: dict = {}
    has_shingle = any(p.gold is not None for p in pages)
    has_snippets = any(p.keep or p.drop for p in pages)
    if has_shingle:
        rows = []
        for run in runs:
            sc = shingle_scores(pages, run.outputs)
            s: Summary = summarize(s for _, s in sc)
            empty = sum(1 for o in run.outputs if not o.strip())
            results.setdefault(run.extractor.name, {}).update(
                f1=s.f1, precision=s.precision, recall=s.recall, accuracy=s.accuracy, pages=s.documents)
            rows.append([run.extractor.name, run.extractor.version, f"{s.f1:.3f}", f"{s.precision:.3f}",
                         f"{s.recall:.3f}", f"{s.accuracy:.3f}", f"{run.docs_per_sec:.1f}",
                         f"{run.docs_per_wall_sec:.1f}",
                         _fmt(run.peak_mib, ".1f"), str(run.errors), str(empty)])
        lines += ["## Shingle metric (ScrapingHub article-extraction benchmark)", ""]
        lines += _table(["extractor", "version", "F1", "precision", "recall", "accuracy", "docs/s",
                         "docs/s wall", "peak RSS MiB", "errors", "empty"], rows)
        lines.append("")
    if has_snippets:
        rows, langs = [], {}
        for run in runs:
            total, by_lang = snippet_counts(pages, run.outputs)
            langs[run.extractor.name] = by_lang
            results.setdefault(run.extractor.name, {}).update(
                snippet_f1=total.f1, snippet_precision=total.precision, snippet_recall=total.recall,
                snippet_accuracy=total.accuracy, without_removed=total.removed,
                per_language={k: {"f1": v.f1, "precision": v.precision, "recall": v.recall,
                                  "pages": v.pages} for k, v in sorted(by_lang.items())})
            rows.append([run.extractor.name, run.extractor.version, f"{total.f1:.3f}",
                         f"{total.precision:.3f}", f"{total.recall:.3f}", f"{total.accuracy:.3f}",
                         f"{total.removed:.3f}", f"{run.docs_per_sec:.1f}", f"{run.docs_per_wall_sec:.1f}",
                         _fmt(run.peak_mib, ".1f"),
                         str(run.errors)])
        lines += ["## Snippet metric (trafilatura's evaluation: pooled counts over all pages)", ""]
        lines += _table(["extractor", "version", "F1", "precision", "recall", "accuracy",
                         "without removed", "docs/s", "docs/s wall", "peak RSS MiB", "errors"], rows)
        lines += ["", "### Snippet F1 per gold language (pages in brackets)", ""]
        per_lang = Counter(p.lang or "?" for p in pages if p.keep or p.drop)
        names = [r.extractor.name for r in runs]
        lang_rows = [[f"{k} ({n})", *(f"{langs[x][k].f1:.3f}" for x in names)]
                     for k, n in sorted(per_lang.items(), key=lambda kv: (-kv[1], kv[0]))]
        lines += _table(["lang", *names], lang_rows)
        lines.append("")
    lines += ["Notes:",
              "- docs/s = pages per second of process CPU time (time.process_time) spent inside the "
              "extraction call only, so other load on the machine does not move it; docs/s wall = "
              "the same with elapsed time (perf_counter). Every extractor gets the same page already "
              "decoded to str in memory (no I/O, no decoding in the timed section); extractors run "
              "interleaved page by page, after one untimed warm-up call each on the first page, with no "
              "memory probe in the timed pass.",
              "- peak RSS MiB (a second, untimed pass): the largest rise, over all pages, of the kernel's "
              "RSS high-water mark "
              "(VmHWM, reset through /proc/self/clear_refs before each call, after malloc_trim) above "
              "the RSS before the call: the extra resident memory one page needed, C memory "
              "(libxml2) included. n/a where the kernel does not allow the reset.",
              "- errors: pages where the extractor raised (scored as empty output); empty: pages "
              "with no output at all."]
    if mode == "text":
        lines.append("- text mode: cleaner reads the flattened text (clean(text, kind=\"text\")); "
                     "peers read it wrapped one html-escaped <p> per blank-line block in a minimal "
                     "html/body.")
    if has_snippets:
        lines.append("- snippet metric: tp = `with` snippets found in the output (whitespace collapsed), "
                     "fn = `with` missing, fp = `without` found, tn = `without` absent; pooled over "
                     "pages; precision = tp/(tp+fp), recall = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn), "
                     "accuracy = (tp+tn)/all, as in trafilatura's tests/eval_common.py; 'without "
                     "removed' = tn/(tn+fp).")
    for run in runs:
        note = f"- {run.extractor.name}: {run.extractor.note}"
        if run.first_error:
            note += f"; first error: {run.first_error}"
        lines.append(note)
    lines += [f"- {n}" for n in notes]
    if skipped:
        lines.append(f"- {len(skipped)} ids in ground-truth.json have no {mode} file: "
                     f"{', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''}")
    return lines, results


# --------------------------------------------------------------------------- paired bootstrap


def _shingle_units(pages: list[Page], outputs: list[str]) -> list[tuple[float | None, float | None]]:
    """(precision or None if no output, recall or None if no gold) per page with a gold."""
    return [(None if s.pred_empty else s.precision, None if s.gold_empty else s.recall)
            for _, s in shingle_scores(pages, outputs)]


def _shingle_f1(units: list[tuple[float | None, float | None]]) -> float:
    precs = [p for p, _ in units if p is not None]
    recs = [r for _, r in units if r is not None]
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _snippet_units(pages: list[Page], outputs: list[str]) -> list[tuple[int, int, int]]:
    """(tp, fn, fp) per page with snippets."""
    units = []
    for p, o in zip(pages, outputs):
        if p.keep or p.drop:
            c = SnippetCounts()
            c.add(p, o)
            units.append((c.tp, c.fn, c.fp))
    return units


def _snippet_f1(units: list[tuple[int, int, int]]) -> float:
    tp, fn, fp = (sum(u[i] for u in units) for i in range(3))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def bootstrap_report(pages: list[Page], runs: list[Run], n: int) -> list[str]:
    """Paired bootstrap of cleaner's F1 minus each peer's: resample pages with replacement
    (the same resample for everyone), report the mean difference and its 95% interval."""
    cleaner_run = next((r for r in runs if r.extractor.name == "cleaner"), None)
    if cleaner_run is None or n <= 0:
        return []
    lines = [f"## Paired bootstrap: cleaner's F1 minus each peer's ({n} page resamples, seed "
             f"{BOOTSTRAP_SEED}; an interval above 0 means cleaner is ahead beyond page sampling luck)", ""]
    for metric, units_of, f1_of in (("shingle F1", _shingle_units, _shingle_f1),
                                    ("snippet F1", _snippet_units, _snippet_f1)):
        mine = units_of(pages, cleaner_run.outputs)
        if not mine:
            continue
        others = {r.extractor.name: units_of(pages, r.outputs) for r in runs if r is not cleaner_run}
        rng = random.Random(BOOTSTRAP_SEED)
        diffs: dict[str, list[float]] = {k: [] for k in others}
        for _ in range(n):
            idx = [rng.randrange(len(mine)) for _ in mine]
            base = f1_of([mine[i] for i in idx])
            for name, units in others.items():
                diffs[name].append(base - f1_of([units[i] for i in idx]))
        rows = []
        for name, d in diffs.items():
            d.sort()
            lo, hi = d[int(0.025 * (n - 1))], d[int(0.975 * (n - 1))]
            rows.append([name, f"{f1_of(mine) - f1_of(others[name]):+.3f}", f"[{lo:+.3f}, {hi:+.3f}]"])
        lines += _table([f"cleaner minus ({metric})", "difference", "95% interval"], rows) + [""]
    return lines


# --------------------------------------------------------------------------- worst pages


def _tokens_joined(text: str) -> str:
    return " " + " ".join(_TOKEN.findall(text)) + " "


def gold_share(text: str, gold_joined: str, gold_sh: Counter) -> float:
    """How much of a block is gold text: 1.0 if its token sequence occurs in the gold, else the
    share of its shingles that the gold has."""
    toks = _TOKEN.findall(text)
    if not toks:
        return 0.0
    if " " + " ".join(toks) + " " in gold_joined:
        return 1.0
    sh = shingles(text)
    return sum((sh & gold_sh).values()) / sum(sh.values())


@dataclass
class BlockError:
    """A block cleaner labelled against the gold: kept but not gold, or gold but dropped."""

    kind: str  # "kept" or "dropped"
    where: str  # "before gold", "inside gold", "after gold" (relative to the gold-matching blocks)
    tag: str
    label: str
    reasons: list[str]
    tokens: int
    share: float
    text: str


def block_shares(texts: list[str], gold: str) -> list[float]:
    """:func:`gold_share` of each block; a block shorter than one shingle counts only when it
    continues into a neighbour in the gold too (table cells do, a lone "Home" or "Share" that
    happens to occur in the story does not)."""
    gold_joined, gold_sh = _tokens_joined(gold), shingles(gold)
    toks = [" ".join(_TOKEN.findall(t)) for t in texts]
    shares = []
    for i, text in enumerate(texts):
        share = gold_share(text, gold_joined, gold_sh)
        if share and 0 < len(toks[i].split()) < SHINGLE:
            pairs = [f" {toks[i - 1]} {toks[i]} " if i > 0 else "",
                     f" {toks[i]} {toks[i + 1]} " if i + 1 < len(toks) else ""]
            share = 1.0 if any(p.strip() and p in gold_joined for p in pairs) else 0.0
        shares.append(share)
    return shares


def block_verdicts(article, gold: str) -> list[BlockError | None]:
    """Per block of ``article``: a BlockError where cleaner got it wrong against the gold, else None.

    Kept wrongly = main but not gold text; dropped wrongly = gold text labelled otherwise.
    Repeated blocks are matched as a multiset: a text the gold holds once, kept once, is right
    however many other copies were dropped; a second kept copy is a wrong keep.
    """
    shares = block_shares([b.text for b in article.blocks], gold)
    in_gold = [i for i, sh in enumerate(shares) if sh >= IN_GOLD_SHARE]
    first, last = (in_gold[0], in_gold[-1]) if in_gold else (len(shares), -1)
    gold_joined = _tokens_joined(gold)
    keys = [" ".join(_TOKEN.findall(b.text)) for b in article.blocks]
    # copies of each gold text still owed to the output: gold occurrences minus kept copies
    owed = Counter({k: max(1, gold_joined.count(f" {k} ")) for k, sh in zip(keys, shares)
                    if k and sh >= IN_GOLD_SHARE})
    for k, b in zip(keys, article.blocks):
        if k in owed and b.label == "main":
            owed[k] -= 1
    out: list[BlockError | None] = []
    for i, (b, share, key) in enumerate(zip(article.blocks, shares, keys)):
        ntok = len(key.split())
        where = "before gold" if i < first else "after gold" if i > last else "inside gold"
        kind = None
        if ntok and b.label == "main" and (share < IN_GOLD_SHARE or owed[key] < 0):
            owed[key] += share >= IN_GOLD_SHARE  # one surplus copy accounted for
            kind = "kept"
        elif ntok and b.label != "main" and share >= IN_GOLD_SHARE and owed[key] > 0:
            owed[key] -= 1
            kind = "dropped"
        out.append(BlockError(kind, where, b.tag, b.label, list(b.reasons), ntok, share, b.text)
                   if kind else None)
    return out


def block_errors(article, gold: str) -> list[BlockError]:
    """cleaner's wrong blocks on one page, the largest first (see :func:`block_verdicts`)."""
    return sorted((e for e in block_verdicts(article, gold) if e), key=lambda e: -e.tokens)


def show_page(page: Page, mode: str) -> list[str]:
    """Every block cleaner made of one page: gold share, verdict, label, tag, score, reasons, text."""
    from cleaner import clean

    art = clean(page.source, kind=mode)
    lines = [f"# {page.id} ({mode}): title {art.title!r}, language {art.language}, "
             f"{len(art.blocks)} blocks" + (f", reason: {art.reason}" if art.reason else "")]
    if page.gold is not None:
        s = score_document(art.text, page.gold)
        lines.append(f"page F1 {doc_f1(s):.3f}  P {s.precision:.3f}  R {s.recall:.3f}")
        verdicts = block_verdicts(art, page.gold)
    else:
        verdicts = [None] * len(art.blocks)
    lines.append("verdict: KEPT = main but not gold, DROP = gold but not main; gold = share of the "
                 "block found in the gold")
    for b, v in zip(art.blocks, verdicts):
        share = f"{v.share:.2f}" if v else ("    " if page.gold is None else "ok  ")
        mark = {"kept": "KEPT", "dropped": "DROP"}.get(v.kind, "") if v else ""
        lines.append(f"{b.index:4} {mark:4} {share} {b.label:11} <{b.tag}> {b.score:+.2f} "
                     f"[{', '.join(b.reasons)}] {_short(b.text)}")
    if page.keep or page.drop:
        out = norm(art.text)
        lines += [f"with    {'kept  ' if norm(x) in out else 'MISSED'} {x!r}" for x in page.keep]
        lines += [f"without {'LEAKED' if norm(x) in out else 'ok    '} {x!r}" for x in page.drop]
    return lines


def _short(text: str) -> str:
    text = norm(text)
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS - 1] + "…"


def common_reasons(articles: list) -> set[str]:
    """Reasons carried by at least COMMON_REASON_SHARE of all main blocks: content features that
    say nothing about why a block went wrong, so the error table leaves them out of its keys."""
    counts: Counter = Counter()
    mains = 0
    for art in articles:
        for b in art.blocks:
            if b.label == "main":
                mains += 1
                counts.update(set(b.reasons))
    return {r for r, n in counts.items() if mains and n / mains >= COMMON_REASON_SHARE}


def _reason_key(e: BlockError, common: set[str]) -> str:
    rest = [r for r in e.reasons if r not in common]
    where = f" ({e.where})" if e.kind == "kept" else ""
    return f"{e.kind} as {e.label}{where}: {', '.join(rest) or '-'}"


def _tag_key(e: BlockError) -> str:
    return f"{e.kind} as {e.label}, <{e.tag}>"


def worst_report(pages: list[Page], mode: str, cleaner_run: Run, k: int) -> list[str]:
    """Cleaner's k worst pages with the blocks behind the loss, and error totals over all pages."""
    from cleaner import clean

    lines: list[str] = []
    scored = [(p, score_document(o, p.gold), o) for p, o in zip(pages, cleaner_run.outputs)
              if p.gold is not None]
    if scored:
        totals: Counter = Counter()
        blocks_by_reason: Counter = Counter()
        by_tag: Counter = Counter()
        articles = {p.id: clean(p.source, kind=mode) for p, _, _ in scored}
        common = common_reasons(list(articles.values()))
        per_page = {}
        for p, s, _ in scored:
            errs = block_errors(articles[p.id], p.gold or "")
            per_page[p.id] = errs
            for e in errs:
                totals[_reason_key(e, common)] += e.tokens
                blocks_by_reason[_reason_key(e, common)] += 1
                by_tag[_tag_key(e)] += e.tokens
        lines += [f"## cleaner: block errors over all {len(scored)} pages (tokens, blocks), "
                  "by label and reasons", "",
                  f"Left out of the keys (on >= {COMMON_REASON_SHARE:.0%} of main blocks): "
                  f"{', '.join(sorted(common)) or '-'}", ""]
        lines += _table(["error", "tokens", "blocks"],
                        [[key, str(t), str(blocks_by_reason[key])] for key, t in
                         sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:ERROR_TABLE_ROWS]])
        if mode == "html":
            lines += ["", "By label and HTML tag (tokens):", ""]
            lines += _table(["error", "tokens"], [[k, str(t)] for k, t in sorted(
                by_tag.items(), key=lambda kv: (-kv[1], kv[0]))[:ERROR_TABLE_ROWS]])
        lines += ["", f"## cleaner: {k} worst pages (page F1; kept = main but not in gold, "
                  f"dropped = gold text labelled otherwise; share = part of the block found in gold)", ""]
        total_f1 = summarize(s for _, s, _ in scored).f1
        perfect = DocScore(1.0, 0.0, 0.0, False, False, True)
        for p, s, out in sorted(scored, key=lambda t: (doc_f1(t[1]), t[0].id))[:k]:
            errs = per_page[p.id]
            kept = sum(e.tokens for e in errs if e.kind == "kept")
            dropped = sum(e.tokens for e in errs if e.kind == "dropped")
            gain = summarize(perfect if q is p else sc for q, sc, _ in scored).f1 - total_f1
            lines.append(f"### {p.id}  F1 {doc_f1(s):.3f}  P {s.precision:.3f}  R {s.recall:.3f}  "
                         f"(kept wrongly {kept} tokens, dropped wrongly {dropped} tokens; "
                         f"a perfect page would add {gain:+.4f} to the dataset F1)")
            if not out.strip():
                lines.append("  (empty output)")
            for e in errs[:WORST_BLOCK_LINES]:
                lines.append(f"  {e.kind:7} {e.label:11} <{e.tag}> {e.tokens:4}t share {e.share:.2f} "
                             f"[{', '.join(e.reasons) or '-'}] {_short(e.text)}")
            if len(errs) > WORST_BLOCK_LINES:
                lines.append(f"  ... {len(errs) - WORST_BLOCK_LINES} more blocks")
            lines.append("")
    snip = [(p, o) for p, o in zip(pages, cleaner_run.outputs) if p.keep or p.drop]
    if snip:
        def misses(p: Page, o: str) -> tuple[list[str], list[str]]:
            out = norm(o)
            return ([s for s in p.keep if norm(s) not in out], [s for s in p.drop if norm(s) in out])

        bad = sorted(((p, *misses(p, o)) for p, o in snip), key=lambda t: (-(len(t[1]) + len(t[2])), t[0].id))
        bad = [t for t in bad if t[1] or t[2]]
        arts = {p.id: clean(p.source, kind=mode) for p, _, _ in bad}
        common = common_reasons(list(arts.values()))

        def holder(p: Page, snippet: str):
            return next((b for b in arts[p.id].blocks if norm(snippet) in norm(b.text)), None)

        totals: Counter = Counter()
        for p, missed, leaked in bad:
            for what, snippets in (("missed", missed), ("leaked", leaked)):
                for snippet in snippets:
                    b = holder(p, snippet)
                    rest = [r for r in b.reasons if r not in common] if b else []
                    totals[f"{what}: {b.label if b else 'in no single block'}"
                           f"{': ' + ', '.join(rest) if rest else ''}"] += 1
        lines += [f"## cleaner: snippet errors by the label and reasons of the block holding them "
                  f"({len(bad)} pages with an error)", "",
                  f"Left out of the keys (on >= {COMMON_REASON_SHARE:.0%} of main blocks): "
                  f"{', '.join(sorted(common)) or '-'}", ""]
        lines += _table(["error", "snippets"], [[key, str(n)] for key, n in sorted(
            totals.items(), key=lambda kv: (-kv[1], kv[0]))[:ERROR_TABLE_ROWS]])
        lines += ["", f"## cleaner: {k} worst snippet pages (missed `with`, leaked `without`, and the "
                  "block holding each snippet)", ""]
        for p, missed, leaked in bad[:k]:
            lines.append(f"### {p.id} ({p.lang or '?'})  missed {len(missed)}/{len(p.keep)} with, "
                         f"leaked {len(leaked)}/{len(p.drop)} without")
            for what, snippets in (("missed", missed), ("leaked", leaked)):
                for snippet in snippets:
                    b = holder(p, snippet)
                    where = f"{b.label} [{', '.join(b.reasons) or '-'}]" if b else "in no single block"
                    lines.append(f"  {what:6} {_short(snippet)!r} -> {where}")
            lines.append("")
    return lines


# --------------------------------------------------------------------------- soak and floor


def soak(pages: list[Page], mode: str, total: int) -> list[str]:
    """Run cleaner over ``total`` pages (cycling) and print RSS at start, middle and end."""
    from cleaner import clean

    if not pages:
        return ["## memory soak: no pages"]
    marks = {0: "start", total // 2: "middle", total: "end"}
    seen: dict[str, float | None] = {}
    for i in range(total + 1):
        if i in marks:
            _settle()
            seen[marks[i]] = rss_mib()
        if i < total:
            clean(pages[i % len(pages)].source, kind=mode)
    lines = [f"## memory soak: cleaner over {total} pages (cycling the {len(pages)} pages)", ""]
    lines += [f"RSS {k}: {_fmt(v, '.1f')} MiB" for k, v in seen.items()]
    if all(v is not None for v in seen.values()):
        growth = seen["end"] - seen["middle"]
        verdict = "flat" if growth <= FLAT_GROWTH_MIB else "GROWING"
        lines.append(f"growth middle->end: {growth:+.1f} MiB ({verdict}; limit {FLAT_GROWTH_MIB} MiB)")
    return lines


def record_floor(folder: Path, mode: str, runs: list[Run], pages: list[Page]) -> str:
    """Write cleaner's shingle figures for this folder and mode into floor.json."""
    run = next((r for r in runs if r.extractor.name == "cleaner"), None)
    if run is None or not any(p.gold is not None for p in pages):
        raise SystemExit("--record-floor needs the cleaner extractor and an articleBody gold")
    s = summarize(sc for _, sc in shingle_scores(pages, run.outputs))
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8")) if FLOOR_FILE.is_file() else {}
    key = f"{folder.name}:{mode}"
    floor[key] = {"f1": round(s.f1, 4), "precision": round(s.precision, 4),
                  "recall": round(s.recall, 4), "pages": s.documents,
                  "recorded": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    FLOOR_FILE.parent.mkdir(parents=True, exist_ok=True)
    FLOOR_FILE.write_text(json.dumps(floor, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return f"recorded floor {key}: F1 {s.f1:.4f} -> {FLOOR_FILE.relative_to(ROOT)}"


# --------------------------------------------------------------------------- CLI


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", type=Path, help="folder with ground-truth.json and html/ or text/")
    ap.add_argument("--mode", choices=("html", "text"), help="default: html if html/ exists, else text")
    ap.add_argument("--extractors", default=",".join(peers.DEFAULT),
                    help=f"comma-separated, from: {','.join(peers.ALL)} (default: all)")
    ap.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    ap.add_argument("--worst", type=int, default=0, metavar="K", help="list cleaner's K worst pages")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write the figures as JSON")
    ap.add_argument("--repeat", type=int, default=0, metavar="N",
                    help="after the table, run cleaner over N pages (cycling) and print RSS "
                         "at start/middle/end")
    ap.add_argument("--record-floor", action="store_true",
                    help="write cleaner's F1 into benchmarks/results/floor.json (full dataset only)")
    ap.add_argument("--output", type=Path, metavar="TXT", help="also write the printed report here")
    ap.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                    help="paired bootstrap resamples for cleaner-minus-peer F1 intervals (0: off)")
    ap.add_argument("--show", metavar="ID",
                    help="only print every block cleaner made of the page(s) whose id starts with ID")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print (and optionally save) the report; returns the exit code."""
    args = parse_args(argv)
    folder = args.dataset.resolve()
    mode = args.mode or detect_mode(folder)
    if args.record_floor and args.limit is not None:
        raise SystemExit("--record-floor records the full dataset; drop --limit")
    names = [n.strip() for n in args.extractors.split(",") if n.strip()]
    unknown = [n for n in names if n not in peers.ALL]
    if unknown:
        raise SystemExit(f"unknown extractor(s) {', '.join(unknown)}; known: {', '.join(peers.ALL)}")
    header = machine_header()
    pages, skipped = load_pages(folder, mode, args.limit)
    if args.show:
        chosen = [p for p in pages if p.id.startswith(args.show)]
        if not chosen:
            raise SystemExit(f"no page id starts with {args.show!r}")
        for p in chosen:
            sys.stdout.write("\n".join(show_page(p, mode)) + "\n")
        return 0
    if not pages:
        raise SystemExit(f"{folder}: no pages to run in {mode} mode")
    notes, extractors = [], []
    for name in names:
        try:
            extractors.append(peers.load(name, mode))
        except ImportError as exc:
            notes.append(f"{name} skipped: not installed ({exc}); pip install -e '.[bench]'")
    print(f"running {', '.join(e.name for e in extractors)} on {len(pages)} pages ...",
          file=sys.stderr, flush=True)
    runs = run_all(extractors, pages)
    lines, results = report(folder, mode, pages, runs, skipped, notes, header)
    cleaner_run = next((r for r in runs if r.extractor.name == "cleaner"), None)
    if len(runs) > 1:
        lines += ["", *bootstrap_report(pages, runs, args.bootstrap)]
    if args.worst and cleaner_run is not None:
        lines += ["", *worst_report(pages, mode, cleaner_run, args.worst)]
    if args.repeat:
        lines += ["", *soak(pages, mode, args.repeat)]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    if args.json:
        payload = {"dataset": folder.name, "mode": mode, "pages": len(pages), "results": results}
        if cleaner_run is not None:
            payload["cleaner_pages"] = {p.id: round(doc_f1(s), 4)
                                        for p, s in shingle_scores(pages, cleaner_run.outputs)}
        args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if args.record_floor:
        print(record_floor(folder, mode, runs, pages), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
