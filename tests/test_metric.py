"""Hand-computed cases pinning cleaner.quality.metric to the ScrapingHub benchmark's evaluate.py."""
from __future__ import annotations

from collections import Counter

import pytest

from cleaner.quality.metric import score_document, shingles, summarize


def test_shingles_are_four_token_windows_with_multiplicity() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    # "x y z w x y z w": xyzw, yzwx, zwxy, wxyz, xyzw
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2
    assert sum(shingles("x y z w x y z w").values()) == 5


def test_short_and_empty_texts() -> None:
    assert shingles("Hello, world!") == Counter({("Hello", "world"): 1})
    assert shingles("") == Counter()
    assert shingles("... -- !!") == Counter()


def test_tokens_keep_case_and_unicode_letters() -> None:
    assert shingles("Größe über Maß heute") == Counter({("Größe", "über", "Maß", "heute"): 1})
    assert not (shingles("The cat sat down") & shingles("the cat sat down"))


def test_document_counts_are_scaled_to_one() -> None:
    s = score_document("a b c d e", "a b c d")  # tp 1 (abcd), fp 1 (bcde), fn 0
    assert (s.tp, s.fp, s.fn) == pytest.approx((0.5, 0.5, 0.0))
    assert (s.precision, s.recall) == pytest.approx((0.5, 1.0))
    rep = score_document("x y z w x y z w", "x y z w")  # tp 1, fp 4 (one xyzw is extra)
    assert rep.precision == pytest.approx(0.2)
    assert rep.recall == pytest.approx(1.0)


def test_summary_averages_over_non_empty_sides() -> None:
    scores = [
        score_document("a b c d e", "a b c d"),        # P 0.5, R 1
        score_document("", "a b c d"),                 # empty prediction: only in recall (0)
        score_document("q r s t", ""),                 # empty gold: only in precision (0)
        score_document("Hello, world!", "Hello world"),  # identical tokens: P = R = 1, exact
    ]
    got = summarize(scores)
    assert got.precision == pytest.approx((0.5 + 0 + 1) / 3)
    assert got.recall == pytest.approx((1 + 0 + 1) / 3)
    assert got.f1 == pytest.approx(4 / 7)  # 2 * 0.5 * (2/3) / (0.5 + 2/3)
    assert got.accuracy == pytest.approx(1 / 4)
    assert got.documents == 4
