"""Time and memory of clean() against input size (10 KB .. 20 MB), to show the cost is linear.

    python benchmarks/scaling.py                    # html and text, 10 KB 100 KB 1 MB 5 MB 20 MB
    python benchmarks/scaling.py --kind html --sizes 1e6 2e7

Each size runs in a fresh subprocess: one timed call to clean(), the growth of the process's
peak RSS over that call (lxml's C memory included), then a second call under tracemalloc for the
Python-heap peak. Pages are synthetic but page-like (menus, long paragraphs, inline scripts,
share bars), built from a fixed seed, so runs are comparable; block counts stay under the
segmenter's block cap so the cap does not flatter the largest sizes.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Default input sizes in bytes.
SIZES = (10_000, 100_000, 1_000_000, 5_000_000, 20_000_000)
#: Sizes below this are dominated by fixed costs (imports warm, language profiles) and are left
#: out of the linearity fit.
FIT_MIN_BYTES = 100_000

_VOCAB = (
    "the council harbour ferry terminal review residents business approve quay building safety "
    "rules construction autumn months traffic coast road passengers foot bus station operator "
    "ticket prices open last day week report transport said would could which after before most "
    "new old two year plan local public meeting vote members city water school street minister"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_VOCAB) for _ in range(rng.randint(8, 22))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, chars: int) -> str:
    out = []
    while sum(len(s) + 1 for s in out) < chars:
        out.append(_sentence(rng))
    return " ".join(out)


def make_page(kind: str, size: int, seed: int = 0) -> bytes:
    """A synthetic page of about ``size`` bytes (UTF-8)."""
    rng = random.Random(seed)
    if kind == "text":
        parts = ["Home | News | Sport | Weather | Contact", _sentence(rng).rstrip(".")]
        total = sum(len(p) + 2 for p in parts)
        while total < size:
            p = _paragraph(rng, 1400) if rng.random() < 0.8 else rng.choice(
                ["Share this article", "Read more: " + _sentence(rng), "Photo: Staff"])
            parts.append(p)
            total += len(p) + 2
        return "\n\n".join(parts).encode("utf-8")[:size]
    head = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Page</title></head><body>"
    nav = "<nav class='menu'><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12)) + "</ul></nav>"
    units = [head, nav, f"<article><h1>{_sentence(rng)}</h1>"]
    total = sum(map(len, units))
    while total < size:
        unit = ("".join(f"<p>{_paragraph(rng, 1400)}</p>\n" for _ in range(3))
                + f"<script>var cfg={json.dumps({'k': _paragraph(rng, 900)})};</script>"
                + "<div class='share'><a href='#'>Share</a> <a href='#'>Tweet</a></div>\n")
        units.append(unit)
        total += len(unit)
    units.append("</article><footer>Copyright 2025 Example News</footer></body></html>")
    return "".join(units).encode("utf-8")


_CHILD = r"""
import json, resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[4])
from scaling import make_page
from cleaner import clean
kind, size = sys.argv[1], int(sys.argv[2])
data = make_page(kind, size)
clean(make_page(kind, 5000, seed=1))  # warm up lazy imports and language profiles
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
art = clean(data, kind=kind, max_bytes=int(sys.argv[3]))
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
del art
tracemalloc.start()
art = clean(data, kind=kind, max_bytes=int(sys.argv[3]))
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({"bytes": len(data), "blocks": len(art.blocks), "paragraphs": len(art.paragraphs),
                  "seconds": seconds, "rss_kb": rss, "py_peak": peak}))
"""


def measure(kind: str, size: int) -> dict:
    """Run one size in a fresh interpreter and return its figures."""
    res = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(size), str(max(size * 2, 1 << 20)), str(ROOT / "benchmarks")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    if res.returncode:
        raise SystemExit(f"{kind} {size}: child failed\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def slope(rows: list[dict], key: str) -> float | None:
    """Least-squares slope of log(key) on log(bytes): 1.0 is linear, 2.0 quadratic."""
    pts = [(math.log(r["bytes"]), math.log(max(r[key], 1e-9))) for r in rows if r["bytes"] >= FIT_MIN_BYTES]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    var = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / var if var else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kind", choices=["html", "text", "both"], default="both")
    ap.add_argument("--sizes", type=float, nargs="+", default=list(SIZES), help="sizes in bytes")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = ap.parse_args(argv)
    kinds = ["html", "text"] if args.kind == "both" else [args.kind]
    all_rows = []
    for kind in kinds:
        rows = []
        print(f"\n{kind}:")
        print("| size | bytes | blocks | seconds | MB/s | peak RSS growth MB | Python heap peak MB | heap / input |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in map(int, args.sizes):
            r = measure(kind, size)
            r["kind"] = kind
            rows.append(r)
            mb = r["bytes"] / 1e6
            print(f"| {size / 1e6:g} MB | {r['bytes']:,} | {r['blocks']:,} | {r['seconds']:.2f} | "
                  f"{mb / r['seconds']:.1f} | {r['rss_kb'] / 1024:.0f} | {r['py_peak'] / 1e6:.0f} | "
                  f"{r['py_peak'] / r['bytes']:.1f} |", flush=True)
        for key, what in (("seconds", "time"), ("py_peak", "Python heap peak")):
            s = slope(rows, key)
            if s is not None:
                print(f"log-log slope of {what} vs size (>= {FIT_MIN_BYTES // 1000} KB): {s:.2f}"
                      "  (1.0 = linear)")
        all_rows += rows
    if args.json:
        args.json.write_text(json.dumps(all_rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
