"""What each page-type mistake costs: the WCXB word F1 of every page cleaned as every type.

    python benchmarks/pagetype_costs.py ../shared/bench/wcxb-dev OUT.json [--limit N]

Writes ``{"html": {page id: {type: F1}}}`` (``"text"`` for a text folder), which
``benchmarks/train_pagetype.py --costs OUT.json`` reads to learn which confusions lose content
(a forum thread read as an article loses its replies) and which change nothing. The metric is
WCXB's: bag of lower-cased ``\\w+`` words, F1 per page.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

import cleaner
from cleaner.pages.signals import TYPES

_WORD = re.compile(r"\w+")


def word_f1(pred: str, gold: str) -> float:
    """WCXB's per-page F1 over lower-cased word bags (an empty gold is matched by an empty output)."""
    p, g = _WORD.findall(pred.lower()), _WORD.findall(gold.lower())
    if not g:
        return float(not p)
    common = sum((Counter(p) & Counter(g)).values())
    return 2 * common / (len(p) + len(g)) if common else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    gold = json.loads((args.folder / "ground-truth.json").read_text(encoding="utf-8"))
    kind = "text" if (args.folder / "text").is_dir() else "html"
    costs: dict[str, dict[str, float]] = {}
    for n, (pid, g) in enumerate(sorted(gold.items())):
        if args.limit and n >= args.limit:
            break
        if kind == "text":
            data = (args.folder / "text" / f"{pid}.txt").read_text(encoding="utf-8")
        else:
            data = gzip.decompress((args.folder / "html" / f"{pid}.html.gz").read_bytes())
        costs[pid] = {t: round(word_f1(cleaner.clean(data, url=g.get("url") or None, kind=kind,
                                                     page_type=t).text, g.get("articleBody") or ""), 4)
                      for t in TYPES}
    args.out.write_text(json.dumps({kind: costs}, sort_keys=True), encoding="utf-8")
    best = sum(max(c.values()) for c in costs.values()) / max(len(costs), 1)
    as_gold = sum(c[gold[p]["page_type"]] for p, c in costs.items()) / max(len(costs), 1)
    print(f"{kind}: {len(costs)} pages; mean F1 with the gold type {as_gold:.4f}, "
          f"with each page's best type {best:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
