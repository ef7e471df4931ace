"""Acceptance test of issue 2: the seed page, cleaned, is exactly its 41 ``main`` blocks.

The seed lives in ``../shared/seed`` beside the checkout (read-only, never copied here).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
PAGE = SEED / "seed-article.txt"
LABELS_TSV = SEED / "seed-article.labels.tsv"

pytestmark = pytest.mark.skipif(
    not (PAGE.is_file() and LABELS_TSV.is_file()),
    reason=f"seed data not found at {SEED} (expected ../shared/seed beside the checkout)",
)


def _norm(text: str) -> str:
    return " ".join(text.split())


def gold() -> list[tuple[str, str]]:
    """(label, text) per block of the seed page, in page order."""
    rows = []
    for line in LABELS_TSV.read_text(encoding="utf-8").splitlines():
        if line.strip():
            label, text = line.split("\t", 1)
            rows.append((label, _norm(text)))
    return rows


def test_gold_file_is_what_this_test_expects():
    labels = [label for label, _ in gold()]
    assert labels.count("main") == 41
    assert len(labels) - labels.count("main") == 30
    assert labels[0] == "title"


def test_cli_prints_exactly_the_main_blocks_in_order():
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(PAGE)],
        capture_output=True, timeout=120, env=dict(os.environ),
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    printed = [_norm(p) for p in out.split("\n\n") if p.strip()]
    rows = gold()
    main = [text for label, text in rows if label == "main"]
    assert printed == main
    others = {text for label, text in rows if label != "main"}
    assert not others & set(printed)
    expected = SEED / "seed-article.expected.txt"
    if expected.is_file():
        assert _norm(out) == _norm(expected.read_text(encoding="utf-8"))


def test_library_labels_match_the_gold_file():
    art = clean(PAGE.read_bytes())
    rows = gold()
    assert art.kind == "text"
    assert art.language == "en"
    assert [_norm(b.text) for b in art.blocks] == [text for _, text in rows]
    title_text = rows[0][1]
    assert _norm(art.title) == title_text
    assert art.blocks[0].label == "title"
    wrong = [(label, b.label, b.text[:60]) for (label, _), b in zip(rows, art.blocks)
             if (label == "main") != (b.label == "main")]
    assert not wrong, wrong
    for (label, _), b in zip(rows, art.blocks):
        if label != "main" and label != "title":
            assert b.label not in ("main", "title"), b
        if label == "caption":  # alt text and credited captions between story paragraphs
            assert b.label == "caption", b


def test_boundaries_of_the_seed_story():
    """The story ends at the source footer: "Source link" and the view counter are footer."""
    art = clean(PAGE.read_bytes())
    by_text = {_norm(b.text): b for b in art.blocks}
    assert by_text["Source link"].label == "footer"
    assert by_text["Visited 1 times, 1 visit(s) today"].label == "footer"
    assert by_text["Related Article"].label == "related"
