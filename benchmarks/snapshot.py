"""Fingerprint clean()'s full output (labels, scores, reasons, text, title) on every bench page and
fixture, so a refactor can prove it changed nothing: run it before and after, then compare.

Usage: python benchmarks/snapshot.py OUT.json [--compare BEFORE.json] [--sets scrapinghub,...]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

from cleaner import clean

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
SETS = ("scrapinghub", "scrapinghub-text", "trafilatura-eval", "wcxb-dev", "wcxb-dev-text")


def _pages(sets: list[str]):
    """(name, bytes, kind) for every page of the chosen bench sets and every fixture page."""
    for name in sets:
        folder = SHARED / name
        for sub, kind in (("html", "html"), ("text", "text")):
            for path in sorted((folder / sub).glob("*")) if (folder / sub).is_dir() else ():
                data = path.read_bytes()
                yield f"{name}/{path.name}", gzip.decompress(data) if path.suffix == ".gz" else data, kind
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file() and not path.name.endswith((".tsv", ".json", ".md", ".toml")):
            yield f"fixtures/{path.relative_to(ROOT / 'fixtures')}", path.read_bytes(), "auto"


def fingerprint(data: bytes, kind: str) -> str:
    """A digest of everything clean() decides about one page (an error message counts too)."""
    try:
        a = clean(data, kind=kind)
        view = [a.title, a.text, a.language, a.reason,
                [(b.label, round(b.score, 6), b.reasons, b.text, b.tag) for b in a.blocks]]
    except Exception as exc:  # a page that fails must fail the same way after the change
        view = ["error", type(exc).__name__, str(exc)]
    return hashlib.sha1(json.dumps(view, ensure_ascii=False).encode()).hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--compare")
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args()
    prints = {name: fingerprint(data, kind) for name, data, kind in _pages(args.sets.split(","))}
    Path(args.out).write_text(json.dumps(prints, indent=0, sort_keys=True))
    print(f"{len(prints)} pages fingerprinted -> {args.out}")
    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        differ = sorted(k for k in before.keys() | prints.keys() if before.get(k) != prints.get(k))
        print(f"{len(differ)} differ" + "".join(f"\n  {k}" for k in differ[:30]))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
