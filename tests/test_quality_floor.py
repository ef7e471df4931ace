"""CI quality floor: cleaner's F1 on the ScrapingHub pages must not fall below the recorded figure.

The figures live in benchmarks/results/floor.json, written by
``python benchmarks/bench.py ../shared/bench/scrapinghub --extractors cleaner --record-floor``
(and the same for scrapinghub-text). Only cleaner runs here, no peers, so the gate stays fast.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.quality.metric import score_document, summarize

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT.parent / "shared" / "bench"
FLOOR_FILE = ROOT / "benchmarks" / "results" / "floor.json"
#: How far F1 may fall below the recorded figure before CI fails (run-to-run noise is zero:
#: the cleaner is deterministic, so this only absorbs deliberate small trade-offs).
TOLERANCE = 0.005


def _bench():
    """benchmarks/bench.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder, mode", [("scrapinghub", "html"), ("scrapinghub-text", "text")])
def test_f1_not_below_recorded_floor(folder: str, mode: str) -> None:
    if not (BENCH_DIR / folder).is_dir():
        pytest.skip(f"{BENCH_DIR / folder} is absent (../shared is not beside the checkout)")
    key = f"{folder}:{mode}"
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8")) if FLOOR_FILE.is_file() else {}
    if key not in floor:
        pytest.fail(f"no floor recorded for {key}: run python benchmarks/bench.py "
                    f"../shared/bench/{folder} --extractors cleaner --record-floor")
    pages, _ = _bench().load_pages(BENCH_DIR / folder, mode)
    scores = [score_document(clean(p.source, kind=mode).text, p.gold) for p in pages if p.gold is not None]
    got = summarize(scores)
    assert got.documents == floor[key]["pages"], "the dataset changed size; re-record the floor"
    assert got.f1 >= floor[key]["f1"] - TOLERANCE, (
        f"{key}: F1 {got.f1:.4f} (P {got.precision:.4f}, R {got.recall:.4f}) fell more than "
        f"{TOLERANCE} below the recorded {floor[key]['f1']:.4f}")


def test_snippet_counts_follow_trafilatura_definition() -> None:
    bench = _bench()
    page = bench.Page("x", "", "", None, keep=["the  story\nstarts", "missing part"],
                      drop=["Subscribe now", "Cookie banner"], lang="en")
    counts = bench.SnippetCounts()
    counts.add(page, "The story starts here. Subscribe   now")
    # kept: "the story starts" is case-sensitive -> not found; so tp=0 of 2 with, fp=1 of 2 without
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (0, 2, 1, 1)
    counts.add(page, "x the story starts y")
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 3, 1, 3)
    assert counts.precision == pytest.approx(1 / 2)
    assert counts.recall == pytest.approx(1 / 4)
    assert counts.f1 == pytest.approx(2 * 1 / (2 * 1 + 1 + 3))
    assert counts.accuracy == pytest.approx(4 / 8)
    assert counts.removed == pytest.approx(3 / 4)


def test_text_mode_wrapping_keeps_blocks_apart() -> None:
    bench = _bench()
    html = bench.peers.wrap_blocks("First <block> & more\n\nSecond\nline\n\n\n\nThird")
    assert html.count("<p>") == 3
    assert "First &lt;block&gt; &amp; more" in html
    assert bench.peers.html_to_text(html) == "First <block> & more\n\nSecond\nline\n\nThird"


def test_gold_share_tells_gold_blocks_from_noise() -> None:
    bench = _bench()
    gold = "The council voted on Tuesday to close the old bridge for repairs next spring."
    joined, sh = bench._tokens_joined(gold), bench.shingles(gold)
    assert bench.gold_share("voted on Tuesday", joined, sh) == 1.0
    assert bench.gold_share("Sign up for our newsletter today", joined, sh) == 0.0
    # half of this block's 4-token shingles are in the gold
    assert bench.gold_share("close the old bridge for cats and dogs", joined, sh) == pytest.approx(2 / 5)


def test_short_blocks_count_as_gold_only_with_a_neighbour() -> None:
    bench = _bench()
    gold = "Results after 36 races:\n1 Kyle Busch 5040\n2 Martin Truex Jr. 5035\nHome teams won."
    texts = ["Home", "News", "1", "Kyle Busch", "5040", "Results after 36 races:"]
    # "Home" occurs in the gold but not followed by "News": noise; the table cells chain up
    assert bench.block_shares(texts, gold) == [0.0, 0.0, 1.0, 1.0, 1.0, 1.0]


def test_block_errors_match_repeated_blocks_as_a_multiset() -> None:
    from cleaner.article import Article
    from cleaner.model import Block

    bench = _bench()
    gold = "Mix the flour with two eggs and stir well.\n\nBake for twenty minutes at 180 degrees."
    para, bake, promo = ("Mix the flour with two eggs and stir well.",
                         "Bake for twenty minutes at 180 degrees.", "Subscribe to our weekly recipe newsletter now")

    def article(*labelled: tuple[str, str]) -> Article:
        blocks = [Block(index=i, text=t, label=lab) for i, (t, lab) in enumerate(labelled)]
        return Article("", [b.text for b in blocks if b.label == "main"], "en", blocks, "text")

    # the first copy kept, the repeat dropped: right; the promo kept: wrong; the bake step dropped: wrong
    errs = bench.block_errors(article((para, "main"), (para, "related"), (promo, "main"),
                                      (bake, "boilerplate")), gold)
    assert sorted((e.kind, e.text) for e in errs) == [("dropped", bake), ("kept", promo)]
    # both copies kept while the gold has the text once: the second copy is a wrong keep
    errs = bench.block_errors(article((para, "main"), (para, "main"), (bake, "main")), gold)
    assert [(e.kind, e.text) for e in errs] == [("kept", para)]


def test_bootstrap_units_reproduce_the_full_sample_figures() -> None:
    bench = _bench()
    pages = [bench.Page("a", "", "", "one two three four five six", keep=["one two"], drop=["zz"]),
             bench.Page("b", "", "", "seven eight nine ten", keep=["ten"], drop=["eight"]),
             bench.Page("c", "", "", "alpha beta gamma delta")]
    outputs = ["one two three four zz", "seven eight nine ten", ""]
    shingle = bench.summarize(s for _, s in bench.shingle_scores(pages, outputs))
    assert bench._shingle_f1(bench._shingle_units(pages, outputs)) == pytest.approx(shingle.f1)
    pooled, _ = bench.snippet_counts(pages, outputs)
    assert bench._snippet_f1(bench._snippet_units(pages, outputs)) == pytest.approx(pooled.f1)
