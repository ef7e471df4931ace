"""Train the page-type model on wcxb-dev, report its cross-validated accuracy, measure its cost.

    python benchmarks/train_pagetype.py ../shared/bench/wcxb-dev ../shared/bench/wcxb-dev-text \
        [--write cleaner/pages/pagetype_model.json] [--limit N]

For every page of both folders it runs ``cleaner.clean`` with the classifier replaced by a
recorder, so the signals are exactly what the pipeline computes (and the time the real classifier
takes on them is measured on the same blocks). A multinomial logistic regression (numpy, fixed
iterations from zero weights: deterministic) is cross-validated over 5 folds grouped by host, so no
site is in both the training and the test part, then trained on all pages and written as plain
JSON that :mod:`cleaner.pages.classify` reads without numpy. A caller need not pass ``url=``, so
each kind gets a second model learned from the same pages without their address ("html-no-url",
"text-no-url"), cross-validated the same way. Needs numpy (the ``bench`` extra).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

import cleaner.api
from cleaner.pages import classify
from cleaner.pages.classify import PAGE_TYPES
from cleaner.pages.signals import TYPES

FOLDS = 5
#: Suffix of the models for pages cleaned without ``url=`` (see cleaner.pages.classify).
NO_ADDRESS = classify.NO_ADDRESS
#: Gradient-descent steps and rate; L2 strength keeps weights small enough to generalise.
STEPS, RATE, L2 = 3000, 0.5, 1e-3
#: Weight of the regret term when --costs is given: how much a type's lost F1 counts beside
#: the cross-entropy (which alone treats a harmless confusion like a costly one).
REGRET = 8.0
#: Decimals kept in the shipped weights (smaller file, same decisions).
DECIMALS = 3


def collect(folder: Path, kind: str, limit: int | None) -> tuple[list[dict], float, float]:
    """Signals and gold type of every page of a wcxb folder, and the mean CPU cost (ms/page) of the
    classifier and of the whole clean() call around it."""
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    rows: list[dict] = []
    spent = [0.0, 0]
    whole = 0.0
    real = classify.classify_page

    def recorder(blocks, feats, evidence=None, **kw):
        t0 = time.process_time()
        try:
            real(blocks, feats, evidence, **kw)  # timed only: the model may be absent or stale
        except (OSError, KeyError, ValueError):
            pass
        spent[0] += time.process_time() - t0
        spent[1] += 1
        kw.pop("kind", None)
        recorder.signals = classify.page_signals(blocks, feats, evidence, **kw)
        return classify.PageType("other")

    cleaner.api.classify_page = recorder
    try:
        for n, (pid, g) in enumerate(sorted(gold.items())):
            if limit and n >= limit:
                break
            path = folder / ("html" if kind == "html" else "text") / (pid + (".html.gz" if kind == "html" else ".txt"))
            if not path.exists():
                continue
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            recorder.signals = {}
            t0 = time.process_time()
            cleaner.api.clean(data, url=g.get("url") or None, kind=kind)
            whole += time.process_time() - t0
            rows.append({"id": pid, "type": g["page_type"], "host": urlsplit(g.get("url") or "").netloc,
                         "signals": recorder.signals})
    finally:
        cleaner.api.classify_page = real
    pages = max(spent[1], 1)
    return rows, 1000 * spent[0] / pages, 1000 * whole / pages


def fold_of(host: str) -> int:
    """A host's fold: from a hash of its name, so every page of a site lands in the same fold."""
    return int(hashlib.md5(host.lower().removeprefix("www.").encode()).hexdigest(), 16) % FOLDS


def without_address(rows: list[dict]) -> list[dict]:
    """The same pages as if no address had been given (``clean(page)`` without ``url=``)."""
    out = []
    for row in rows:
        signals = {k: v for k, v in row["signals"].items() if not k.startswith("url_")}
        signals["url_none"] = 1.0
        out.append({**row, "signals": signals})
    return out


def matrix(rows: list[dict], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for k, v in row["signals"].items():
            if k in index:
                x[r, index[k]] = v
    y = np.array([TYPES.index(row["type"]) for row in rows])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, regret: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch gradient descent from zeros (deterministic). With
    ``regret`` (pages x types: F1 lost when the page is cleaned as that type rather than its best
    one) the loss adds REGRET times the expected regret, so the model learns first to avoid the
    confusions that cost content and cares less about those that change nothing."""
    n, d = x.shape
    k = len(TYPES)
    onehot = np.eye(k)[y]
    w, b = np.zeros((d, k)), np.zeros(k)
    for _ in range(STEPS):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = p - onehot
        if regret is not None:  # d/dz of sum_t p_t c_t is p_t (c_t - sum_s p_s c_s)
            g += REGRET * p * (regret - (p * regret).sum(axis=1, keepdims=True))
        g /= n
        w -= RATE * (x.T @ g + L2 * w)
        b -= RATE * g.sum(axis=0)
    return w, b


def regrets(rows: list[dict], costs: dict | None) -> np.ndarray | None:
    """Pages x types: each type's F1 below the page's best type (``costs`` holds the F1 of every
    page cleaned as each type, from benchmarks/pagetype_costs.py); pages without an entry cost
    nothing either way."""
    if not costs:
        return None
    out = np.zeros((len(rows), len(TYPES)))
    for r, row in enumerate(rows):
        f1 = costs.get(row["id"])
        if f1:
            best = max(f1.values())
            out[r] = [best - f1[t] for t in TYPES]
    return out


def cross_validate(rows: list[dict], names: list[str], regret: np.ndarray | None = None) -> list[int]:
    """Predicted type index per page, each from a model trained on the other folds' hosts; a page
    whose best probability is below the classifier's OTHER_BELOW is "other" (index len(TYPES))."""
    x, y = matrix(rows, names)
    folds = np.array([fold_of(r["host"]) for r in rows])
    pred = np.zeros(len(rows), dtype=int)
    for f in range(FOLDS):
        test = folds == f
        w, b = fit(x[~test], y[~test], None if regret is None else regret[~test])
        z = x[test] @ w + b
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        pred[test] = np.where(p.max(axis=1) < classify.OTHER_BELOW, len(TYPES), np.argmax(z, axis=1))
    return list(pred)


def report(rows: list[dict], pred: list[int], title: str) -> float:
    """Print accuracy per type and the confusion (rows gold, columns predicted); return accuracy."""
    gold = [TYPES.index(r["type"]) for r in rows]
    confusion = Counter(zip(gold, pred))
    acc = sum(g == p for g, p in zip(gold, pred)) / len(rows)
    print(f"\n{title}: accuracy {acc:.3f} on {len(rows)} pages (5-fold, grouped by host)")
    short = [t[:5] for t in TYPES] + ["other"]
    print(f"{'gold / pred':>14} " + " ".join(f"{s:>6}" for s in short) + "   recall precision")
    for i, t in enumerate(TYPES):
        total = sum(confusion[(i, j)] for j in range(len(TYPES) + 1))
        said = sum(confusion[(j, i)] for j in range(len(TYPES)))
        cells = " ".join(f"{confusion[(i, j)]:>6}" for j in range(len(TYPES) + 1))
        print(f"{t:>14} {cells}   {confusion[(i, i)] / max(total, 1):6.3f} {confusion[(i, i)] / max(said, 1):9.3f}")
    return acc


def shipped(rows: list[dict], names: list[str], regret: np.ndarray | None = None) -> dict:
    """The weights trained on every page."""
    x, y = matrix(rows, names)
    w, b = fit(x, y, regret)
    return {
        "bias": {t: round(float(b[j]), DECIMALS) for j, t in enumerate(TYPES)},
        "weights": {t: {n: round(float(w[i, j]), DECIMALS) for i, n in enumerate(names)
                        if round(float(w[i, j]), DECIMALS)} for j, t in enumerate(TYPES)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("html_dir", type=Path)
    ap.add_argument("text_dir", type=Path)
    ap.add_argument("--write", type=Path, help="write the model trained on all pages here")
    ap.add_argument("--limit", type=int, help="first N pages of each folder (quick runs)")
    ap.add_argument("--signals", type=Path, help="JSON cache of the collected signals: read it when "
                    "it exists (no pipeline run, no cost figure), else write it")
    ap.add_argument("--costs", type=Path, help="JSON {kind: {page id: {type: F1}}} (the F1 of each "
                    "page cleaned as every type, benchmarks/pagetype_costs.py): train to avoid costly mistakes")
    ap.add_argument("--kinds", default="html,text", help="which models to retrain (html, text); "
                    "the others are kept as they are in the --write file")
    ap.add_argument("--predictions", type=Path, help="write every page's cross-validated type "
                    "per model ({model: {page id: type}}) here, to weigh what each mistake costs")
    args = ap.parse_args(argv)
    model = {"trained_on": "wcxb-dev (html and wcxb-dev-text), gold page_type; with --costs, each "
             "confusion weighed by the F1 it costs",
             "trainer": "benchmarks/train_pagetype.py"}
    cache = json.loads(args.signals.read_text()) if args.signals and args.signals.exists() else {}
    guesses: dict[str, dict[str, str]] = {}
    costs = json.loads(args.costs.read_text()) if args.costs else {}
    if args.write and args.write.exists():
        model = {**json.loads(args.write.read_text(encoding="utf-8")), **model}
    for kind, folder in (("html", args.html_dir), ("text", args.text_dir)):
        if kind not in args.kinds.split(","):
            continue
        t0 = time.perf_counter()
        if kind in cache:
            rows, cost, whole = cache[kind], float("nan"), float("nan")
        else:
            rows, cost, whole = collect(folder, kind, args.limit)
            cache[kind] = rows
            if args.signals:
                args.signals.write_text(json.dumps(cache), encoding="utf-8")
        names = sorted({k for r in rows for k in r["signals"]})
        print(f"{kind}: {len(rows)} pages, {len(names)} signals, collected in "
              f"{time.perf_counter() - t0:.0f} s; classifier {cost:.3f} ms/page of CPU (signals + model), "
              f"clean() {whole:.1f} ms/page ({100 * cost / whole:.1f} %)")
        for key, pages in ((kind, rows), (kind + NO_ADDRESS, without_address(rows))):
            names = sorted({k for r in pages for k in r["signals"]})
            regret = regrets(pages, costs.get(kind))
            pred = cross_validate(pages, names, regret)
            report(pages, pred, f"{key} page type")
            if regret is not None:
                lost = sum(regret[i, p] for i, p in enumerate(pred) if p < len(TYPES)) / len(pages)
                lost_gold = sum(regret[i, TYPES.index(r["type"])] for i, r in enumerate(pages)) / len(pages)
                print(f"F1 below each page's best type: {lost:.4f} with the predicted type, "
                      f"{lost_gold:.4f} with the gold type")
            guesses[key] = {r["id"]: PAGE_TYPES[p] for r, p in zip(pages, pred)}
            model[key] = shipped(pages, names, regret)
    if args.predictions:
        args.predictions.write_text(json.dumps(guesses, indent=1, sort_keys=True), encoding="utf-8")
    if args.write:
        args.write.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nwrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
