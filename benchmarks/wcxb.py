#!/usr/bin/env python
"""WCXB's metric per page type, cleaner beside trafilatura in one run (issue 16).

Word-level F1 over lower-cased \\w+ tokens (bag of words), per page, averaged over pages, as
../shared/tools/wcxb_eval.py computes it, but cleaner may be told each page's type:
``--gold-type`` passes the ground truth's ``page_type`` to ``clean(..., page_type=...)``, without
it cleaner decides the type itself. Text folders feed cleaner the flattened text and trafilatura
the blocks wrapped one <p> each, and add the text as it is ("asis") as the no-cleaning baseline.

Usage: python benchmarks/wcxb.py [BENCH_DIR] [--gold-type] [--extractors cleaner,trafilatura]
       [--types listing,forum] [--sample N] [--worst K] [--out PREDICTIONS.json]
"""
from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from cleaner import clean  # noqa: E402

DEFAULT_DIR = ROOT.parent.parent / "shared" / "bench" / "wcxb-dev"
_TOKEN = re.compile(r"\w+")
#: Seed of --sample: the same pages on every run.
SAMPLE_SEED = 0
#: Type order of the table: the issue's, article first.
TYPE_ORDER = ("article", "documentation", "service", "product", "forum", "collection", "listing")


def word_f1(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB's per-page precision, recall and F1 over lower-cased \\w+ tokens (bags of words)."""
    p, r = _TOKEN.findall((pred or "").lower()), _TOKEN.findall((gold or "").lower())
    if not r:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(p) & Counter(r)).values())
    precision, recall = overlap / len(p), overlap / len(r)
    return precision, recall, (2 * precision * recall / (precision + recall) if overlap else 0.0)


def _wrap(text: str) -> str:
    """Flattened text as HTML for trafilatura: one <p> per block."""
    return "<html><body>" + "".join(
        f"<p>{html_lib.escape(b)}</p>" for b in text.split("\n\n") if b.strip()) + "</body></html>"


def extractors(names: list[str], mode: str, gold_type: bool):
    """name -> f(page, url, gold page type) -> extracted text."""
    out = {}
    for name in names:
        if name == "cleaner":
            out[name] = lambda h, u, t: clean(h, url=u or None, kind=mode,
                                              page_type=t if gold_type else None).text
        elif name == "trafilatura":
            import trafilatura
            out[name] = lambda h, u, t: trafilatura.extract(
                _wrap(h) if mode == "text" else h, url=u or None, include_comments=False) or ""
        elif name == "asis":
            out[name] = lambda h, u, t: h
        else:
            raise SystemExit(f"unknown extractor {name!r}")
    return out


def _read(folder: Path, pid: str, mode: str) -> str:
    if mode == "text":
        return (folder / "text" / f"{pid}.txt").read_text(encoding="utf-8")
    with gzip.open(folder / "html" / f"{pid}.html.gz", "rt", encoding="utf-8", errors="replace") as fh:
        return fh.read()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--gold-type", action="store_true", help="tell cleaner the gold page_type")
    ap.add_argument("--extractors", default=None,
                    help="comma list (default cleaner,trafilatura; text folders add asis)")
    ap.add_argument("--types", default="", help="only pages of these gold types (comma list)")
    ap.add_argument("--sample", type=int, default=0, help="a seeded random sample of N pages")
    ap.add_argument("--worst", type=int, default=0, help="list the K pages where cleaner trails most")
    ap.add_argument("--out", default="", help="write {extractor: {id: text}} as JSON")
    a = ap.parse_args(argv)

    folder = Path(a.data)
    gt = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    mode = "text" if (folder / "text").is_dir() else "html"
    names = (a.extractors or ("cleaner,trafilatura,asis" if mode == "text" else "cleaner,trafilatura")).split(",")
    ex = extractors(names, mode, a.gold_type)
    ids = sorted(gt)
    if a.types:
        wanted = set(a.types.split(","))
        ids = [i for i in ids if gt[i].get("page_type") in wanted]
    if a.sample and a.sample < len(ids):
        ids = sorted(random.Random(SAMPLE_SEED).sample(ids, a.sample))

    scores: dict[str, dict[str, list]] = {n: defaultdict(list) for n in ex}
    per_page: dict[str, dict[str, float]] = {n: {} for n in ex}
    secs: Counter = Counter()
    preds: dict[str, dict[str, str]] = {n: {} for n in ex}
    for pid in ids:
        g = gt[pid]
        page = _read(folder, pid, mode)
        ptype = g.get("page_type") or "?"
        for name, f in ex.items():
            t0 = time.process_time()
            try:
                text = f(page, g.get("url"), ptype)
            except Exception as exc:  # a benchmark measures: a failure scores 0 and is named
                print(f"{name} failed on {pid}: {exc!r}", file=sys.stderr)
                text = ""
            secs[name] += time.process_time() - t0
            preds[name][pid] = text
            prf = word_f1(text, g.get("articleBody") or "")
            per_page[name][pid] = prf[2]
            scores[name]["all"].append(prf)
            scores[name][ptype].append(prf)

    keys = ["all"] + [t for t in TYPE_ORDER if t in scores[names[0]]] + \
        sorted(k for k in scores[names[0]] if k not in TYPE_ORDER and k != "all")
    how = "gold page_type" if a.gold_type else "cleaner's own page_type"
    print(f"wcxb {folder.name} ({mode}, {len(ids)} pages; cleaner told {how})")
    print(f"{'type':16s} {'n':>5s} " + " ".join(f"{n:>24s}" for n in ex))
    for k in keys:
        row = []
        for name in ex:
            v = scores[name][k]
            m = [sum(x[i] for x in v) / len(v) for i in range(3)]
            row.append(f"F1 {m[2]:.3f} P {m[0]:.3f} R {m[1]:.3f}")
        print(f"{k:16s} {len(scores[names[0]][k]):5d} " + " ".join(f"{r:>24s}" for r in row))
    for name in ex:
        print(f"{name}: {len(ids) / max(secs[name], 1e-9):.1f} pages per CPU-second")
    if a.worst and "cleaner" in ex:
        rival = next((n for n in ex if n != "cleaner"), None)
        gap = {pid: per_page["cleaner"][pid] - (per_page[rival][pid] if rival else 1.0) for pid in ids}
        print(f"\nworst {a.worst} pages (cleaner F1 - {rival or '1.0'}):")
        for pid in sorted(ids, key=lambda i: (gap[i], i))[: a.worst]:
            print(f"  {pid} {gt[pid].get('page_type', '?'):14s} cleaner {per_page['cleaner'][pid]:.3f}"
                  + (f" {rival} {per_page[rival][pid]:.3f}" if rival else "") + f"  {gt[pid].get('url', '')}")
    if a.out:
        Path(a.out).write_text(json.dumps(preds), encoding="utf-8")


if __name__ == "__main__":
    main()
