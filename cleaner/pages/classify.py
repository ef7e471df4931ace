"""The page's type (article, forum, product, ...) and the evidence that decided it.

A small linear model (one weight per named signal and type, trained by
``benchmarks/train_pagetype.py`` on wcxb-dev only, shipped as ``pagetype_model.json``) scores
each type from the signals of :mod:`cleaner.pages.signals`; the best type wins unless no type is
likely enough, then the page is ``other``. The reasons name what the page declares and the
signals that pushed the winner most, so a reader can see why a page was taken for a forum.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import CleanerError
from ..features import Features
from ..model import Block
from .signals import (TYPES, block_signals, dated_signals, declared_signals, element_signals,
                      outer_signals, title_signals, url_signals)

#: Every page type :func:`classify_page` can return.
PAGE_TYPES: tuple[str, ...] = TYPES + ("other",)
MODEL_PATH = Path(__file__).with_name("pagetype_model.json")
#: Below this probability for the best type the page is "other": the model knows none of it well
#: (a login wall, an error page, a page of one image).
OTHER_BELOW = 0.25
#: Suffix of the model used for a page given without its address (no url_* signal to read).
NO_ADDRESS = "-no-url"
_NO_URL = "url_none"  # the signal of a page without address: it picks the model, it is no reason
#: Signals named in the reasons, strongest push first.
REASONS_SHOWN = 3


@dataclass
class PageType:
    """A page's type, how sure the model is, and why (declared signals first, then pushes)."""

    type: str
    confidence: float = 1.0
    reasons: list[str] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> dict[str, Any]:
    """The shipped weights: ``{"html": {"bias": {type: b}, "weights": {type: {signal: w}}}, "text": ...,
    "html-no-url": ..., "text-no-url": ...}``, each with ``"mean"`` added: every signal's mean
    weight over the types (for the reasons)."""
    with open(path, encoding="utf-8") as fh:
        model = json.load(fh)
    for kind in ("html", "text", "html" + NO_ADDRESS, "text" + NO_ADDRESS):
        weights = model[kind]["weights"]
        names = set().union(*weights.values())
        model[kind]["mean"] = {k: sum(weights[t].get(k, 0.0) for t in TYPES) / len(TYPES) for k in names}
    return model


def page_signals(blocks: Sequence[Block], feats: Sequence[Features],
                 evidence: Sequence[Sequence[Any]] | None = None, *, url: str | None = None,
                 outer_names: Iterable[str] = (), declarations: Any = None,
                 element_tags: Sequence[str] = ()) -> dict[str, float]:
    """Every named signal of a page (see :mod:`cleaner.pages.signals`); zeros are left out."""
    out = block_signals(blocks, feats, evidence)
    out.update(element_signals(element_tags))
    out.update(outer_signals(outer_names))
    out.update(url_signals(url))
    if declarations is not None:
        meta = getattr(declarations, "meta", None) or {}
        og = meta.get("og:type") if hasattr(meta, "get") else None
        out.update(declared_signals(getattr(declarations, "types", ()) or (), og))
        out.update(title_signals(getattr(declarations, "title", None)))
        out.update(dated_signals(meta, getattr(declarations, "jsonld", ()) or (),
                                 getattr(declarations, "times", ()) or (),
                                 getattr(declarations, "h1", ()) or ()))
    return {k: v for k, v in out.items() if v}


def predict(signals: dict[str, float], kind: str) -> tuple[str, float, list[str]]:
    """The most likely type for the signals under the ``kind`` (html/text) model (the one learned
    without addresses when the page came without one), its probability, and the signals that
    pushed it most."""
    key = ("text" if kind == "text" else "html") + (NO_ADDRESS if _NO_URL in signals else "")
    model = load_model()[key]
    weights, bias, mean = model["weights"], model["bias"], model["mean"]
    scores = {}
    for t in TYPES:
        w = weights[t]
        scores[t] = bias[t] + sum([w[k] * v for k, v in signals.items() if k in w])
    top = max(scores.values())
    norm = sum(math.exp(s - top) for s in scores.values())
    best = max(TYPES, key=lambda t: (scores[t], -TYPES.index(t)))
    prob = 1.0 / norm  # exp(best - top) == 1
    # a signal pushes the winner by how much more it adds to it than to the average type
    w = weights[best]
    pushes = [(push, k) for k, v in signals.items()
              if k != _NO_URL and (push := (w.get(k, 0.0) - mean.get(k, 0.0)) * v) > 0]
    pushes.sort(key=lambda p: (-p[0], p[1]))
    return best, prob, [f"{k} +{p:.2f}" for p, k in pushes[:REASONS_SHOWN]]


def classify_page(blocks: Sequence[Block], feats: Sequence[Features],
                  evidence: Sequence[Sequence[Any]] | None = None, *, kind: str = "html",
                  url: str | None = None, outer_names: Iterable[str] = (),
                  declarations: Any = None, element_tags: Sequence[str] = ()) -> PageType:
    """The page type of one page from what the pipeline already has (one pass over its blocks)."""
    if not blocks:
        return PageType("other", 1.0, ["no blocks"])
    signals = page_signals(blocks, feats, evidence, url=url, outer_names=outer_names,
                           declarations=declarations, element_tags=element_tags)
    best, prob, pushes = predict(signals, kind)
    declared = [f"declares {k[3:]}" if k.startswith("ld_") else f"og:type {k[3:]}"
                for k in sorted(signals) if k.startswith(("ld_", "og_"))]
    reasons = [f"model {best} {prob:.2f}"] + declared + pushes
    if prob < OTHER_BELOW:
        return PageType("other", prob, [f"no type above {OTHER_BELOW}"] + reasons, signals)
    return PageType(best, prob, reasons, signals)


def forced(page_type: str) -> PageType:
    """The type a caller imposes (``clean(..., page_type=...)``); unknown names are an error."""
    if page_type not in PAGE_TYPES:
        raise CleanerError(f"unknown page_type {page_type!r}: use one of {', '.join(PAGE_TYPES)}")
    return PageType(page_type, 1.0, ["given by the caller"])
