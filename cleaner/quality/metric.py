"""The ScrapingHub article-extraction metric: 4-token shingles, multiset precision/recall/F1.

Used by the benchmarks, the quality floor in CI and ``cleaner check``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

_TOKEN = re.compile(r"\w+")
#: Shingle size of the benchmark metric.
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter:
    """Multiset of n-token shingles (a text shorter than n tokens is one shingle)."""
    toks = _TOKEN.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def ratio(part: float, whole: float) -> float:
    """part / whole, 0 when whole is 0: precision is tp/(tp+fp), recall tp/(tp+fn)."""
    return part / whole if whole else 0.0


@dataclass
class DocScore:
    """tp/fp/fn of one document, scaled so they sum to 1."""

    tp: float
    fp: float
    fn: float
    pred_empty: bool
    gold_empty: bool
    exact: bool

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)


def score_document(prediction: str, gold: str) -> DocScore:
    """Shingle overlap of one prediction with its gold text."""
    p, g = shingles(prediction), shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    exact = _TOKEN.findall(prediction or "") == _TOKEN.findall(gold or "")
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return DocScore(tp, fp, fn, not p, not g, exact)


@dataclass
class Summary:
    """Corpus-level figures as the benchmark defines them."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    documents: int


def summarize(scores: Iterable[DocScore]) -> Summary:
    """Precision over non-empty predictions, recall over non-empty golds, F1 of the two means."""
    scores = list(scores)
    precs = [s.precision for s in scores if not s.pred_empty]
    recs = [s.recall for s in scores if not s.gold_empty]
    p = ratio(sum(precs), len(precs))
    r = ratio(sum(recs), len(recs))
    f1 = ratio(2 * p * r, p + r)
    acc = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Summary(p, r, f1, acc, len(scores))
