"""The rules file's ``precision`` knob measured: body precision, recall and F1 (the benchmark's
shingle metric, cleaner.quality.metric) for "high", "balanced" and "recall" on bench sets.

    python benchmarks/precision_knob.py [BENCH_DIR ...] [--limit N]

Default sets: scrapinghub and wcxb-dev (HTML). Pages without an articleBody gold are skipped.
Also checks that "balanced" gives the same body as no rules file on every page.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import detect_mode, load_pages  # noqa: E402
from cleaner import clean  # noqa: E402
from cleaner.quality.metric import score_document, summarize  # noqa: E402
from cleaner.user_rules import PRECISIONS, parse_rules  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=[str(BENCH / "scrapinghub"), str(BENCH / "wcxb-dev")])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    knobs = {p: parse_rules(f'precision = "{p}"') for p in PRECISIONS}
    for name in args.sets:
        folder = Path(name)
        pages, _ = load_pages(folder, detect_mode(folder), args.limit)
        pages = [p for p in pages if p.gold is not None]
        bodies = {p: [clean(page.source, rules=rules).text for page in pages] for p, rules in knobs.items()}
        plain = [clean(page.source).text for page in pages]
        same = sum(a == b for a, b in zip(plain, bodies["balanced"]))
        print(f"{folder.name}: {len(pages)} pages with gold; balanced == no rules on {same}/{len(pages)}")
        base = summarize(score_document(t, page.gold) for t, page in zip(bodies["balanced"], pages))
        for p in PRECISIONS:
            s = summarize(score_document(t, page.gold) for t, page in zip(bodies[p], pages))
            print(f"  {p:9s} P {s.precision:.4f} ({s.precision - base.precision:+.4f})  "
                  f"R {s.recall:.4f} ({s.recall - base.recall:+.4f})  F1 {s.f1:.4f} ({s.f1 - base.f1:+.4f})")


if __name__ == "__main__":
    main()
