"""Annotated fixtures: read them, line up their blocks with the cleaner's, and score the result.

A fixture is a page (``NAME.html``, ``NAME.htm``, ``NAME.txt``, optionally gzipped) beside
``NAME.labels.tsv``: one ``label<TAB>block text`` line per block in page order, ``#`` lines for
metadata (``# language: de``). ``cleaner check`` and ``cleaner annotate`` build on this module.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Sequence

from .metric import DocScore, score_document
from .. import __version__
from ..article import Article
from ..model import LABELS
from ..pages import PAGE_TYPES

#: Suffix that marks an annotation file; the page beside it has the same stem.
LABELS_SUFFIX = ".labels.tsv"
#: Page suffixes a fixture may use, with the input kind each one means.
PAGE_SUFFIXES: dict[str, str] = {
    ".html": "html", ".htm": "html", ".html.gz": "html", ".htm.gz": "html",
    ".txt": "text", ".txt.gz": "text",
}
#: How many produced blocks ahead the near-match fallback looks; bounds its cost on pages whose
#: segmentation changed wholesale.
NEAR_MATCH_WINDOW = 12

_NON_WORD = re.compile(r"\W+")
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_META = re.compile(r"#\s*([A-Za-z][\w-]*)\s*:\s*(.*)$")


class FixtureFormatError(ValueError):
    """One or more fixture files cannot be read; each problem names its ``file:line``."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class ExpectedBlock:
    """One annotated block: its label, its text and the line of the labels file it came from."""

    label: str
    text: str
    line: int


@dataclass
class Fixture:
    """An annotated page: where it lives, how to read it and the blocks a person labelled."""

    name: str  # path of the stem relative to the fixtures dir, forward slashes
    page_path: Path
    labels_path: Path
    kind: str  # "html" or "text", from the page's suffix
    blocks: list[ExpectedBlock]
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def expected_body(self) -> str:
        """The body the cleaner should return: the ``main`` blocks joined by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.label == "main")


@dataclass
class BlockDiff:
    """A block whose label disagrees with the annotation, or that only one side has."""

    text: str
    expected: str | None  # annotated label; None when the cleaner produced a block nobody labelled
    predicted: str | None  # cleaner's label; None when the annotated block was not produced
    line: int | None = None  # line in the labels file
    index: int | None = None  # index in the article's blocks
    reasons: list[str] = field(default_factory=list)
    seam: str = ""  # set when segmentation merged or split this block since it was annotated

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {
            "line": self.line, "index": self.index, "expected": self.expected,
            "predicted": self.predicted, "reasons": list(self.reasons), "seam": self.seam,
            "text": self.text,
        }


@dataclass
class FixtureResult:
    """How the cleaner did on one fixture: body overlap, label agreement and what differs."""

    name: str
    labels_path: Path
    body: DocScore
    body_precision: float
    body_recall: float
    body_f1: float
    expected_blocks: int
    produced_blocks: int
    aligned: int
    correct: int
    confusion: Counter  # (expected label, predicted label) -> aligned blocks
    mislabelled: list[BlockDiff]
    unmatched_expected: list[BlockDiff]
    unmatched_produced: list[BlockDiff]
    language: str | None = None
    annotated_language: str | None = None
    # the stated "# title:", "# author:", "# date:" lines the article disagrees with
    metadata_mismatches: list[str] = field(default_factory=list)
    page_type: str | None = None  # what the cleaner took the page for
    annotated_page_type: str | None = None  # the fixture's "# page_type:" line, if any

    @property
    def page_type_problem(self) -> str | None:
        """Why the page type disagrees with the annotation (None when it agrees or none is given)."""
        if self.annotated_page_type is None or self.page_type == self.annotated_page_type:
            return None
        return f"page type {self.page_type}, annotated {self.annotated_page_type}"

    @property
    def label_accuracy(self) -> float:
        """Share of aligned blocks whose label matches the annotation (0 when nothing aligned)."""
        return self.correct / self.aligned if self.aligned else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view of the scores and differences."""
        return {
            "name": self.name,
            "body": {"precision": self.body_precision, "recall": self.body_recall, "f1": self.body_f1},
            "labels": {
                "aligned": self.aligned, "correct": self.correct, "accuracy": self.label_accuracy,
                "expected_blocks": self.expected_blocks, "produced_blocks": self.produced_blocks,
            },
            "confusion": confusion_dict(self.confusion),
            "mislabelled": [d.to_dict() for d in self.mislabelled],
            "unmatched_expected": [d.to_dict() for d in self.unmatched_expected],
            "unmatched_produced": [d.to_dict() for d in self.unmatched_produced],
            "language": self.language,
            "annotated_language": self.annotated_language,
            "metadata_mismatches": list(self.metadata_mismatches),
            "page_type": self.page_type,
            "annotated_page_type": self.annotated_page_type,
        }


def confusion_dict(confusion: Counter) -> dict[str, dict[str, int]]:
    """``{expected: {predicted: count}}`` with sorted keys, for JSON output."""
    out: dict[str, dict[str, int]] = {}
    for (exp, pred), n in sorted(confusion.items()):
        out.setdefault(exp, {})[pred] = n
    return out


def normalize(text: str) -> str:
    """Text as alignment compares it: NFC, whitespace runs collapsed to one space, trimmed."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def parse_labels(text: str, path: str | Path) -> tuple[list[ExpectedBlock], dict[str, str]]:
    """Blocks and ``# key: value`` metadata of a labels file; FixtureFormatError names file:line."""
    blocks: list[ExpectedBlock] = []
    meta: dict[str, str] = {}
    problems: list[str] = []
    for lineno, raw in enumerate(text.split("\n"), 1):  # not splitlines(): \x85, \u2028 are text
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            m = _META.match(line.strip())
            if m:
                meta[m.group(1).lower()] = m.group(2).strip()
            continue
        if "\t" not in line:
            problems.append(f"{path}:{lineno}: expected 'label<TAB>block text', found no tab")
            continue
        label, block_text = line.split("\t", 1)
        label = label.strip()
        if label not in LABELS:
            problems.append(
                f"{path}:{lineno}: unknown label {label!r} (labels: {', '.join(LABELS)})"
            )
            continue
        block_text = normalize(block_text)
        if not block_text:
            problems.append(f"{path}:{lineno}: empty block text")
            continue
        blocks.append(ExpectedBlock(label, block_text, lineno))
    if not blocks and not problems:
        problems.append(f"{path}: no labelled blocks")
    if problems:
        raise FixtureFormatError(problems)
    return blocks, meta


def _page_for(labels_path: Path) -> tuple[Path, str]:
    stem = labels_path.name[: -len(LABELS_SUFFIX)]
    found = [
        (labels_path.with_name(stem + suffix), kind)
        for suffix, kind in PAGE_SUFFIXES.items()
        if labels_path.with_name(stem + suffix).is_file()
    ]
    if not found:
        wanted = ", ".join(stem + s for s in PAGE_SUFFIXES)
        raise FixtureFormatError([f"{labels_path}: no page beside it (one of {wanted})"])
    if len(found) > 1:
        names = ", ".join(p.name for p, _ in found)
        raise FixtureFormatError([f"{labels_path}: more than one page beside it ({names})"])
    return found[0]


def load_fixture(labels_path: Path, root: Path) -> Fixture:
    """Read one fixture; its name is the stem's path relative to ``root``."""
    try:
        text = labels_path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FixtureFormatError([f"{labels_path}: not UTF-8 ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:
        raise FixtureFormatError([f"{labels_path}: cannot read ({exc.strerror})"]) from None
    problems: list[str] = []
    blocks: list[ExpectedBlock] = []
    meta: dict[str, str] = {}
    try:
        blocks, meta = parse_labels(text, labels_path)
    except FixtureFormatError as exc:
        problems.extend(exc.problems)
    page_path, kind = labels_path, ""
    try:
        page_path, kind = _page_for(labels_path)
    except FixtureFormatError as exc:
        problems.extend(exc.problems)
    declared = meta.get("kind")
    if kind and declared and declared != kind:
        problems.append(
            f"{labels_path}: '# kind: {declared}' disagrees with the page {page_path.name} ({kind})"
        )
    page_type = meta.get("page_type")
    if page_type is not None and page_type not in PAGE_TYPES:
        problems.append(f"{labels_path}: unknown '# page_type: {page_type}' (types: {', '.join(PAGE_TYPES)})")
    if problems:
        raise FixtureFormatError(problems)
    rel = labels_path.relative_to(root).as_posix()
    return Fixture(rel[: -len(LABELS_SUFFIX)], page_path, labels_path, kind, blocks, meta)


def discover(root: str | Path) -> list[Fixture]:
    """Every fixture under ``root`` (recursive), sorted by name; all format problems raised at once."""
    root = Path(root)
    if not root.is_dir():
        raise FixtureFormatError([f"{root}: not a directory"])
    fixtures: list[Fixture] = []
    problems: list[str] = []
    for labels_path in sorted(root.rglob("*" + LABELS_SUFFIX)):
        try:
            fixtures.append(load_fixture(labels_path, root))
        except FixtureFormatError as exc:
            problems.extend(exc.problems)
    if problems:
        raise FixtureFormatError(problems)
    if not fixtures:
        raise FixtureFormatError([f"{root}: no fixtures (no *{LABELS_SUFFIX} files)"])
    return sorted(fixtures, key=lambda f: f.name)


def _joined(parts: Sequence[str], whole: str) -> int:
    """How many (two or more) leading ``parts`` make up ``whole`` when concatenated, else 0.

    Only word characters are compared, since a merge may put a space or a separator such as
    " | " at the seam (table cells joined into a row).
    """
    target = "".join(_WORD.findall(whole))
    acc = ""
    for n, part in enumerate(parts, 1):
        acc += "".join(_WORD.findall(part))
        if len(acc) >= len(target):
            return n if n > 1 and acc == target else 0
    return 0


def _words(text: str) -> list[str]:
    """The words of a block, lower-cased: what two versions of one block must share to be paired."""
    return _WORD.findall(text.lower())


def _near_pairs(
    exp: Sequence[str], prod: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int | None, int | None]]:
    """Pair the blocks of one differing stretch, in order: merged or split blocks, then texts with
    the same words; what finds no partner is paired with None."""
    pairs: list[tuple[int | None, int | None]] = []
    i, j = i1, j1
    while i < i2:
        if j < j2:
            merged = _joined(exp[i:i2], prod[j])  # one produced block holds several annotated
            if merged:
                pairs.extend((i + d, j) for d in range(merged))
                i, j = i + merged, j + 1
                continue
            split = _joined(prod[j:j2], exp[i])  # one annotated block became several produced
            if split:
                pairs.extend((i, j + d) for d in range(split))
                i, j = i + 1, j + split
                continue
        # nearly equal: the same words, only punctuation, case or spacing differ; an edited word
        # makes the blocks unmatched, as the fixture format promises
        words = _words(exp[i])
        best = next((k for k in range(j, min(j2, j + NEAR_MATCH_WINDOW)) if _words(prod[k]) == words), None)
        if best is None:
            pairs.append((i, None))
        else:
            pairs.extend((None, k) for k in range(j, best))
            pairs.append((i, best))
            j = best + 1
        i += 1
    pairs.extend((None, k) for k in range(j, j2))
    return pairs


def align(expected: Sequence[str], produced: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """(expected index, produced index) pairs in page order; ``None`` marks a block only one side has.

    Equal texts are matched by difflib over the whole sequences, so an extra or missing block shifts
    nothing; inside the stretches that differ, merged, split and nearly equal blocks (same words)
    are paired as a fallback (a merged block pairs with each annotated block it holds, and so on).
    """
    exp = [normalize(t) for t in expected]
    prod = [normalize(t) for t in produced]
    pairs: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, exp, prod, autojunk=False).get_opcodes():
        if op == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
        else:
            pairs.extend(_near_pairs(exp, prod, i1, i2, j1, j2))
    return pairs


def body_scores(prediction: str, gold: str) -> tuple[DocScore, float, float, float]:
    """Shingle score, precision, recall and F1 of a body; an empty body where none is due scores 1."""
    doc = score_document(prediction, gold)
    if doc.pred_empty and doc.gold_empty:
        return doc, 1.0, 1.0, 1.0
    p, r = doc.precision, doc.recall
    return doc, p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_fixture(fixture: Fixture, article: Article) -> FixtureResult:
    """Compare what the cleaner made of a fixture's page with the fixture's annotation."""
    produced = article.blocks
    pairs = align([b.text for b in fixture.blocks], [b.text for b in produced])
    confusion: Counter = Counter()
    mislabelled: list[BlockDiff] = []
    unmatched_exp: list[BlockDiff] = []
    unmatched_prod: list[BlockDiff] = []
    per_produced = Counter(j for i, j in pairs if i is not None and j is not None)
    per_expected = Counter(i for i, j in pairs if i is not None and j is not None)
    for i, j in pairs:
        if i is None:
            blk = produced[j]
            unmatched_prod.append(BlockDiff(blk.text, None, blk.label, None, j, list(blk.reasons)))
        elif j is None:
            exp = fixture.blocks[i]
            unmatched_exp.append(BlockDiff(exp.text, exp.label, None, exp.line, None))
        else:
            exp, blk = fixture.blocks[i], produced[j]
            confusion[(exp.label, blk.label)] += 1
            if exp.label != blk.label:
                seam = (f"merged with {per_produced[j] - 1} other annotated block(s)" if per_produced[j] > 1
                        else f"split into {per_expected[i]} blocks" if per_expected[i] > 1 else "")
                mislabelled.append(
                    BlockDiff(exp.text, exp.label, blk.label, exp.line, j, list(blk.reasons), seam)
                )
    doc, p, r, f1 = body_scores(article.text, fixture.expected_body)
    aligned = sum(confusion.values())
    return FixtureResult(
        name=fixture.name, labels_path=fixture.labels_path, body=doc,
        body_precision=p, body_recall=r, body_f1=f1,
        expected_blocks=len(fixture.blocks), produced_blocks=len(produced),
        aligned=aligned, correct=aligned - len(mislabelled), confusion=confusion,
        mislabelled=mislabelled, unmatched_expected=unmatched_exp, unmatched_produced=unmatched_prod,
        language=article.language, annotated_language=fixture.meta.get("language"),
        metadata_mismatches=metadata_mismatches(fixture.meta, article),
        page_type=article.page_type, annotated_page_type=fixture.meta.get("page_type"),
    )


#: Metadata a labels file may state, and the Article field each one is checked against.
STATED_METADATA = ("title", "author", "date")


def _meta_key(value: str | None) -> str:
    """A stated or produced value as compared: lower case, punctuation and spacing ignored."""
    return _NON_WORD.sub(" ", (value or "").lower()).strip()


def metadata_mismatches(stated: dict[str, str], article: Article) -> list[str]:
    """``# title:``, ``# author:`` and ``# date:`` lines the article disagrees with (a date
    compares as YYYY-MM-DD; "none" states that the page has no such field)."""
    out = []
    for key in STATED_METADATA:
        if key not in stated:
            continue
        want = None if stated[key].lower() == "none" else stated[key]
        got = getattr(article, key)
        if _meta_key(got) != _meta_key(want):
            out.append(f"{key} {got!r} (stated {want!r})")
    return out


def annotation_tsv(article: Article, *, url: str | None = None) -> str:
    """A fixture labels file for ``article``: metadata header, then one ``label<TAB>text`` per block."""
    head = [
        f"# kind: {article.kind}",
        f"# language: {article.language or 'unknown'}",
        f"# note: pre-labelled by cleaner {__version__}; correct by hand",
        f"# labels: {' '.join(LABELS)}",
    ]
    if url:
        head.append(f"# url: {url}")
    rows = [f"{b.label}\t{' '.join(b.text.split())}" for b in article.blocks if b.text.strip()]
    return "\n".join(head + rows) + "\n"
