"""The hand-labelled fixtures stay well-formed and line up with the segmenter's blocks.

A labels file that drifts from its page (a hand edit, or a segmentation change) silently weakens
the regression gate, so every annotated block must be found, in order, among the page's blocks.
"""
from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from cleaner import LABELS
from cleaner.segment import parse_html, segment_html, segment_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html"))
#: Share of annotated HTML blocks that must match a segmenter block exactly and in order. Text
#: pages must match fully (blank-line splitting has no room for judgement); HTML gets a little
#: slack so a small segmentation tweak does not break the suite before the fixtures are updated.
MIN_HTML_MATCH = 0.97
#: The fixture set must keep its spread: enough pages, both kinds, several languages, every label.
MIN_FIXTURES = 44
MIN_LANGUAGES = 4
REQUIRED_META = ("language", "kind", "note")


def _read_labels(path: Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
    meta: dict[str, str] = {}
    rows: list[tuple[str, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep:
                meta[key.strip()] = value.strip()
            continue
        assert line.count("\t") == 1, f"{path.name}:{n}: want exactly one TAB"
        label, text = line.split("\t")
        assert label in LABELS, f"{path.name}:{n}: unknown label {label!r}"
        assert text and text == " ".join(text.split()), f"{path.name}:{n}: text not collapsed"
        rows.append((label, text))
    return meta, rows


def _page_blocks(page: Path) -> list[str]:
    raw = page.read_text(encoding="utf-8")
    if page.suffix == ".txt":
        return [b.text for b in segment_text(raw)]
    blocks = segment_html(parse_html(raw))
    if isinstance(blocks, tuple):  # (blocks, element table)
        blocks = blocks[0]
    return [b.text for b in blocks]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_labels_file_is_well_formed_and_matches_the_page(page: Path) -> None:
    labels = page.with_name(page.stem + ".labels.tsv")
    assert labels.is_file(), f"{page.name} has no labels file"
    meta, rows = _read_labels(labels)
    assert all(meta.get(k) for k in REQUIRED_META), f"{labels.name}: needs # {REQUIRED_META}"
    assert meta["kind"] == ("html" if page.suffix == ".html" else "text")
    assert len(meta["language"]) == 2 and meta["language"].islower()
    assert sum(1 for label, _ in rows if label == "title") <= 1, "more than one title"
    assert any(label == "main" for label, _ in rows), "no main block"

    expected = [text for _, text in rows]
    produced = _page_blocks(page)
    if page.suffix == ".txt":
        assert produced == expected
        return
    matched = sum(m.size for m in SequenceMatcher(None, expected, produced, autojunk=False)
                  .get_matching_blocks())
    missing = [t[:70] for t in expected if t not in produced]
    assert matched >= MIN_HTML_MATCH * len(expected), (
        f"{labels.name}: only {matched}/{len(expected)} blocks match the segmenter; "
        f"regenerate the skeleton and carry the labels over. Not found: {missing[:5]}"
    )


def test_fixture_set_keeps_its_spread() -> None:
    metas, labels = [], Counter()
    for path in FIXTURES.rglob("*.labels.tsv"):
        meta, rows = _read_labels(path)
        metas.append(meta)
        labels.update(label for label, _ in rows)
    kinds = Counter(m["kind"] for m in metas)
    languages = Counter(m["language"] for m in metas)
    assert len(metas) >= MIN_FIXTURES
    assert min(kinds["html"], kinds["text"]) >= len(metas) // 3, kinds
    assert len(languages) >= MIN_LANGUAGES, languages
    assert set(labels) == set(LABELS), set(LABELS) - set(labels)
    assert len(PAGES) == len(metas), "a labels file without a page, or the reverse"
