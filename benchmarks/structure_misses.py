"""Why structure_eval counts a list item or code block as not marked: every miss of cleaner's
Markdown, per page, grouped by cause. Uses the matching of ../shared/tools/structure_eval.py itself
(its functions, read from its source), so the causes explain exactly the figures it prints.

Causes: code: the page's first two lines of words have an empty or wordless line ("{", "...")
between them, which the check wants on consecutive lines; list: the item's text is also a heading
of the page (a table of contents: the output holds the heading only), the item holds a heading or
sits in one (one line is either a heading or an item), the item's words are only inside a longer
line (the item itself was dropped), else "other".
Usage: python benchmarks/structure_misses.py BENCH_DIR [--sample N] [--kind list,code] [--quiet]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import lxml.html

from cleaner import clean

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "structure_eval.py"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def eval_functions() -> dict:
    """structure_eval's functions (its source without the final main() call)."""
    names: dict = {"__name__": "structure_eval"}
    exec(EVAL.read_text().rsplit("\nmain()", 1)[0], names)
    return names


def code_cause(root, extra, norm) -> str:
    for pre in root.iter("pre"):
        lines = pre.text_content().splitlines()
        worded = [k for k, line in enumerate(lines) if norm(line)]
        if len(worded) < 2 or [norm(lines[k]) for k in worded[:2]] != extra:
            continue
        between = lines[worded[0] + 1:worded[1]]
        if not between:
            return "other"
        return "empty line between its first lines" if all(not s.strip() for s in between) \
            else "wordless line between its first lines"
    return "other"


def list_cause(root, text, lines, norm_lines, norm) -> str:
    li = next((el for el in root.iter("li") if norm("".join(
        el.xpath("./text()|./*[not(self::ul or self::ol)]//text()"))) == text), None)
    if li is None:
        return "other"
    key = text[:40]
    if any(a.tag in HEADINGS for a in li.iterancestors()) or any(d.tag in HEADINGS for d in li.iterdescendants()):
        return "item holds or sits in a heading"
    heads = {norm(h.text_content()) for h in root.iter(*HEADINGS)}
    starts = [k for k, n in enumerate(norm_lines) if n.startswith(key)]
    if starts and lines[starts[0]].lstrip().startswith("#") and any(h.startswith(key) for h in heads):
        return "item repeats a heading (table of contents)"
    if not starts:
        return "item's words only inside a longer line"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--kind", default="list,code")
    ap.add_argument("--quiet", action="store_true", help="only the counts by cause")
    a = ap.parse_args()
    ev = eval_functions()
    norm, line_norm = ev["norm"], ev["line_norm"]
    d = Path(a.data)
    gt = json.load(open(d / "ground-truth.json"))
    ids = sorted(i for i in gt if (d / "html" / f"{i}.html.gz").exists() and (gt[i].get("articleBody") or "").strip())
    if a.sample and a.sample < len(ids):
        ids = sorted(random.Random(0).sample(ids, a.sample))  # the same pages as structure_eval
    kinds = a.kind.split(",")
    causes: dict[str, Counter] = defaultdict(Counter)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pid in ids:
        html = gzip.open(d / "html" / f"{pid}.html.gz", "rt", encoding="utf-8", errors="replace").read()
        md = clean(html, kind="html").to_markdown()
        lines = md.splitlines()
        nl = [line_norm(line) for line in lines]
        gold, joined = norm(gt[pid]["articleBody"]), " ".join(nl)
        root = None
        for kind, text, extra in ev["units"](html):
            if kind not in kinds or text[:80] not in gold:
                continue
            if not (ev["present"](text, nl) if kind in ("heading", "list", "quote")
                    else text[:80] in joined or all(c[:30] in joined for c in (extra or []))):
                continue
            ok = ev["marked"](kind, text, extra, lines, nl)
            totals[kind][0] += ok
            totals[kind][1] += 1
            if ok:
                continue
            if root is None:
                root = lxml.html.fromstring(html)
                for bad in root.xpath("//script|//style|//noscript|//template"):
                    bad.drop_tree()
            cause = code_cause(root, extra, norm) if kind == "code" else list_cause(root, text, lines, nl, norm)
            causes[kind][cause] += 1
            if not a.quiet:
                print(f"{pid}\t{kind}\t{cause}\t{text[:70]}")
    for kind, (marked, seen) in sorted(totals.items()):
        print(f"{kind}: {marked}/{seen} marked; misses by cause: {dict(causes[kind].most_common())}")


if __name__ == "__main__":
    main()
