"""`cleaner check` / `cleaner annotate`: fixture parsing, alignment, regressions, baseline, JUnit."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.cli import main
from cleaner.quality.check import baseline_json, run_check
from cleaner.quality.fixtures import annotation_tsv
from cleaner.quality.report import render_diff
from cleaner.quality.fixtures import FixtureFormatError, align, discover, load_fixture, parse_labels

PROJECT = Path(__file__).resolve().parents[1]

ARTICLE = """\
Home | World | Business | Sport | Culture

Harbour council approves new ferry terminal after two-year review

By Staff Reporter | 12 March 2025

The harbour council voted on Tuesday to approve a new ferry terminal on the east quay, ending a two-year review that drew hundreds of comments from residents and local businesses.

Council members said the terminal would replace a building from the 1960s that no longer meets safety rules, and that construction is expected to begin in the autumn and last about eighteen months.

Residents who opposed the plan had argued that traffic on the coast road would double, but the council's transport report found that most passengers arrive on foot or by bus from the station.

The operator said ticket prices would not change when the terminal opens, and that the old building would be kept open until the last day of construction.

Subscribe to our newsletter for the latest local news delivered to your inbox every morning.

Copyright 2025 Harbour Gazette. All rights reserved.
"""

ARTICLE_HTML = """<!doctype html><html><head><title>Ferry terminal approved | Harbour Gazette</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Harbour council approves new ferry terminal after two-year review</h1>
<p>The harbour council voted on Tuesday to approve a new ferry terminal on the east quay, ending a two-year review that drew hundreds of comments from residents and local businesses.</p>
<p>Council members said the terminal would replace a building from the 1960s that no longer meets safety rules, and that construction is expected to begin in the autumn.</p>
<p>Residents who opposed the plan had argued that traffic on the coast road would double, but the council's transport report found that most passengers arrive on foot.</p>
</article>
<footer><p>Copyright 2025 Harbour Gazette. All rights reserved.</p></footer>
</body></html>
"""


def _subprocess(*args: str) -> subprocess.CompletedProcess:
    """The real command line, as CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], capture_output=True, cwd=PROJECT, timeout=120,
    )


@pytest.fixture
def cli(capsysbinary):
    """Run ``cleaner ARGS`` in this process (fast); returns (exit code, stdout, stderr) as text."""
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsysbinary.readouterr()
        return code, out.decode(), err.decode()
    return run


def _write_fixture(directory: Path, name: str, page: str, suffix: str = ".txt") -> Path:
    """Page plus its annotation as the current cleaner labels it (what `annotate` would print)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / (name + suffix)).write_text(page, encoding="utf-8")
    labels = directory / (name + ".labels.tsv")
    labels.write_text(annotation_tsv(clean(page)), encoding="utf-8")
    return labels


def _flip_first(labels: Path, from_label: str, to_label: str) -> tuple[int, str]:
    """Change the first block labelled ``from_label``; returns its line number and text."""
    lines = labels.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if line.startswith(from_label + "\t"):
            lines[n] = to_label + "\t" + line.split("\t", 1)[1]
            labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return n + 1, line.split("\t", 1)[1]
    raise AssertionError(f"no {from_label} block in {labels}")


# --- parsing -----------------------------------------------------------------------------------

def test_parse_labels_reads_metadata_and_collapses_whitespace():
    blocks, meta = parse_labels(
        "# language: de\r\n# kind: text\n# free comment\ntitle\tA  title\n\nmain\tBody\t text\u2028more\n",
        "x.tsv",
    )
    assert meta == {"language": "de", "kind": "text"}
    assert [(b.label, b.text, b.line) for b in blocks] == [
        ("title", "A title", 4), ("main", "Body text more", 6)]


@pytest.mark.parametrize("bad_line, message", [
    ("main no tab here", "expected 'label<TAB>block text', found no tab"),
    ("mian\tsome text", "unknown label 'mian'"),
    ("main\t   ", "empty block text"),
])
def test_parse_errors_name_file_and_line(bad_line, message):
    with pytest.raises(FixtureFormatError) as err:
        parse_labels(f"# language: en\ntitle\tHeadline\n{bad_line}\n", "dir/page.labels.tsv")
    assert f"dir/page.labels.tsv:3: {message}" in str(err.value)


def test_fixture_needs_exactly_one_page_and_consistent_kind(tmp_path):
    labels = tmp_path / "a.labels.tsv"
    labels.write_text("main\tSome text\n", encoding="utf-8")
    with pytest.raises(FixtureFormatError, match="no page beside it"):
        load_fixture(labels, tmp_path)
    (tmp_path / "a.txt").write_text("Some text\n", encoding="utf-8")
    assert load_fixture(labels, tmp_path).kind == "text"
    (tmp_path / "a.html").write_text("<p>Some text</p>", encoding="utf-8")
    with pytest.raises(FixtureFormatError, match="more than one page"):
        load_fixture(labels, tmp_path)
    (tmp_path / "a.html").unlink()
    labels.write_text("# kind: html\nmain\tSome text\n", encoding="utf-8")
    with pytest.raises(FixtureFormatError, match="disagrees with the page a.txt"):
        load_fixture(labels, tmp_path)


def test_gzipped_page_is_read_like_a_plain_one(tmp_path):
    labels = _write_fixture(tmp_path / "plain", "ferry", ARTICLE)
    (tmp_path / "gz").mkdir()
    (tmp_path / "gz" / "ferry.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "gz" / "ferry.labels.tsv").write_bytes(labels.read_bytes())
    plain, gz = (run_check(tmp_path / d, {}).results[0] for d in ("plain", "gz"))
    assert load_fixture(tmp_path / "gz" / "ferry.labels.tsv", tmp_path).kind == "text"
    assert (gz.body_f1, gz.label_accuracy, gz.aligned) == (plain.body_f1, plain.label_accuracy, plain.aligned)


def test_check_cli_reports_format_errors_with_exit_2(tmp_path, cli):
    (tmp_path / "a.txt").write_text("Hello there\n", encoding="utf-8")
    (tmp_path / "a.labels.tsv").write_text("main\tHello there\nbogus\tline\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other page\n", encoding="utf-8")
    (tmp_path / "b.labels.tsv").write_text("# note: x\nmain Other page\n", encoding="utf-8")
    proc = _subprocess("check", str(tmp_path))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert f"{tmp_path / 'a.labels.tsv'}:2: unknown label 'bogus'" in err
    assert f"{tmp_path / 'b.labels.tsv'}:2: expected 'label<TAB>block text'" in err
    assert "Traceback" not in err
    code, _, err = cli("check", str(tmp_path / "nowhere"))
    assert code == 2 and "not a directory" in err


# --- alignment ---------------------------------------------------------------------------------

EXPECTED = ["Headline of the story", "First paragraph of the story.", "Second paragraph here.",
            "Third one, with more words.", "Footer line"]


def test_align_survives_an_extra_produced_block():
    produced = EXPECTED[:2] + ["Advertisement"] + EXPECTED[2:]
    pairs = align(EXPECTED, produced)
    assert [p for p in pairs if None not in p] == [(0, 0), (1, 1), (2, 3), (3, 4), (4, 5)]
    assert (None, 2) in pairs


def test_align_survives_a_missing_block():
    produced = EXPECTED[:1] + EXPECTED[2:]
    pairs = align(EXPECTED, produced)
    assert [p for p in pairs if None not in p] == [(0, 0), (2, 1), (3, 2), (4, 3)]
    assert (1, None) in pairs


def test_align_pairs_near_equal_texts_but_not_unrelated_ones():
    produced = list(EXPECTED)
    produced[1] = "First paragraph of the story!"  # punctuation changed by a segmentation tweak
    produced[3] = "Completely different words"
    pairs = align(EXPECTED, produced)
    assert (1, 1) in pairs
    assert (3, 3) not in pairs and (3, None) in pairs and (None, 3) in pairs


def test_align_reports_a_one_word_edit_as_unmatched():
    produced = list(EXPECTED)
    produced[2] = "Second paragraph there."  # one word edited in the annotation or the page
    pairs = align(EXPECTED, produced)
    assert (2, 2) not in pairs and (2, None) in pairs and (None, 2) in pairs


def test_align_pairs_merged_and_split_blocks_with_each_part():
    produced = [EXPECTED[0], EXPECTED[1] + " | " + EXPECTED[2], "Third one,", "with more words.",
                EXPECTED[4]]
    pairs = align(EXPECTED, produced)
    assert pairs == [(0, 0), (1, 1), (2, 1), (3, 2), (3, 3), (4, 4)]


def test_merged_block_is_scored_for_each_annotated_part_and_named_in_the_diff(tmp_path):
    labels = _write_fixture(tmp_path, "ferry", ARTICLE)
    rows = labels.read_text(encoding="utf-8").splitlines()
    mains = [n for n, row in enumerate(rows) if row.startswith("main\t")]
    assert len(mains) >= 2, "the cleaner should find at least two story paragraphs"
    # the annotation splits the first story paragraph in two; the page still has it whole
    text = rows[mains[0]].split("\t", 1)[1]
    cut = text.index(" ", len(text) // 2)
    rows[mains[0]:mains[0] + 1] = [f"promo\t{text[:cut]}", f"main\t{text[cut + 1:]}"]
    labels.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = run_check(tmp_path, {}).results[0]
    assert not r.unmatched_expected and not r.unmatched_produced
    assert r.aligned == r.produced_blocks + 1
    (diff,) = r.mislabelled
    assert (diff.line, diff.expected, diff.predicted) == (mains[0] + 1, "promo", "main")
    assert diff.seam == "merged with 1 other annotated block(s)"


# --- scoring and regressions -------------------------------------------------------------------

def test_annotated_page_round_trips_as_a_passing_fixture(tmp_path, cli):
    """annotate's output, saved beside the page, scores perfectly and passes against its baseline."""
    for name, page, suffix in (("t/ferry", ARTICLE, ".txt"), ("h/ferry", ARTICLE_HTML, ".html")):
        src = tmp_path / "pages" / (name.replace("/", "-") + suffix)
        src.parent.mkdir(exist_ok=True)
        src.write_text(page, encoding="utf-8")
        code, out, err = cli("annotate", str(src))
        assert code == 0, err
        assert out.startswith(f"# kind: {suffix[1:].replace('txt', 'text')}\n")
        assert "# note: pre-labelled by cleaner" in out
        target = tmp_path / "fx" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_name(target.name + suffix).write_text(page, encoding="utf-8")
        target.with_name(target.name + ".labels.tsv").write_text(out, encoding="utf-8")
    report = run_check(tmp_path / "fx", {})
    assert sorted(report.new) == ["h/ferry", "t/ferry"]
    for r in report.results:
        assert (r.body_f1, r.label_accuracy) == (1.0, 1.0)
        assert r.aligned == r.expected_blocks == r.produced_blocks
    assert cli("check", str(tmp_path / "fx"), "--update-baseline")[0] == 0
    assert cli("check", str(tmp_path / "fx"), "--strict")[0] == 0


def test_annotate_reads_stdin_and_rejects_unreadable_input(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(ARTICLE.encode()))))
    code, out, _ = cli("annotate", "-")
    assert code == 0
    rows = [ln for ln in out.splitlines() if not ln.startswith("#")]
    assert len(rows) == len(clean(ARTICLE).blocks)
    bad = tmp_path / "image.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, out, err = cli("annotate", str(bad))
    assert code == 2 and out == ""
    assert "binary input" in err


def test_flipped_label_fails_with_diff_then_update_baseline_passes(tmp_path, cli):
    fx = tmp_path / "fixtures"
    labels = _write_fixture(fx / "news", "ferry", ARTICLE)
    _write_fixture(fx, "other", ARTICLE.replace("ferry", "bridge"))
    assert cli("check", str(fx), "--update-baseline")[0] == 0
    baseline = json.loads((fx / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(baseline["fixtures"]) == ["news/ferry", "other"]
    assert cli("check", str(fx))[0] == 0

    line, text = _flip_first(labels, "main", "footer")
    proc = _subprocess("check", str(fx))
    out = proc.stdout.decode()
    assert proc.returncode == 1, out
    assert "FAIL news/ferry" in out
    assert f"  + {labels.as_posix()}:{line}: expected footer, got main" in out  # marked as new
    assert text[:60] in out
    assert "body F1" in out and "label accuracy" in out
    assert "PASS  other" in out  # the untouched fixture still passes

    assert cli("check", str(fx), "--update-baseline")[0] == 0
    assert cli("check", str(fx))[0] == 0


def test_a_flipped_non_body_label_fails_on_label_accuracy_alone(tmp_path):
    labels = _write_fixture(tmp_path, "ferry", ARTICLE)
    base = {"ferry": {"body_f1": 1.0, "label_accuracy": 1.0}}
    assert run_check(tmp_path, base).passed
    non_main = next(ln.split("\t")[0] for ln in labels.read_text().splitlines()
                    if "\t" in ln and ln.split("\t")[0] != "main")
    _flip_first(labels, non_main, "consent" if non_main != "consent" else "promo")
    report = run_check(tmp_path, base)
    assert not report.passed and report.exit_code == 1
    (verdict,) = report.failures
    assert verdict.result.body_f1 == 1.0
    assert any("label accuracy" in p for p in verdict.problems)


def test_a_fixed_mistake_passes_and_is_reported(tmp_path, cli):
    labels = _write_fixture(tmp_path, "ferry", ARTICLE)
    line, _ = _flip_first(labels, "main", "promo")  # the cleaner now gets this block wrong
    assert cli("check", str(tmp_path), "--update-baseline")[0] == 0
    assert f"{line}:main" in json.loads((tmp_path / "baseline.json").read_text())["fixtures"][
        "ferry"]["mislabelled"]
    _flip_first(labels, "promo", "main")  # annotation corrected: the mistake is gone
    code, out, _ = cli("check", str(tmp_path), "-v")
    assert code == 0
    assert f"fixed since the baseline: {labels.as_posix()}:{line} (was main)" in out


def test_body_tolerance_and_strict_mode(tmp_path):
    _write_fixture(tmp_path, "ferry", ARTICLE)
    exact = run_check(tmp_path, {}).results[0]
    # a baseline a hair above the current score is inside the tolerance, a clear step is not
    near = {"ferry": {"body_f1": exact.body_f1 + 0.004, "label_accuracy": exact.label_accuracy}}
    far = {"ferry": {"body_f1": exact.body_f1 + 0.01, "label_accuracy": exact.label_accuracy}}
    assert run_check(tmp_path, near).passed
    assert not run_check(tmp_path, far).passed
    assert run_check(tmp_path, far, body_tolerance=0.02).passed
    # new and vanished fixtures are reported; they fail only in strict mode
    gone = {"vanished": {"body_f1": 1.0, "label_accuracy": 1.0}}
    lax = run_check(tmp_path, gone)
    assert lax.passed and lax.new == ["ferry"] and lax.missing == ["vanished"]
    assert not run_check(tmp_path, gone, strict=True).passed


def test_unaligned_blocks_are_reported_not_mislabelled(tmp_path):
    labels = _write_fixture(tmp_path, "ferry", ARTICLE)
    lines = labels.read_text(encoding="utf-8").splitlines()
    lines.insert(6, "main\tA paragraph that the page does not contain at all, added by mistake.")
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_check(tmp_path, {}).results[0]
    assert [(d.line, d.expected) for d in r.unmatched_expected] == [(7, "main")]
    assert r.label_accuracy == 1.0 and r.aligned == r.produced_blocks
    assert r.body_recall < 1.0


def test_junit_xml_is_valid_and_carries_the_diff(tmp_path, cli):
    labels = _write_fixture(tmp_path / "fx", "ferry", ARTICLE)
    _write_fixture(tmp_path / "fx", "bridge", ARTICLE.replace("ferry", "bridge"))
    assert cli("check", str(tmp_path / "fx"), "--update-baseline")[0] == 0
    _, text = _flip_first(labels, "main", "related")
    with labels.open("a", encoding="utf-8") as fh:  # a control character must not break the XML
        fh.write("footer\tStray \x01 byte\n")
    junit = tmp_path / "report.xml"
    assert cli("check", str(tmp_path / "fx"), "--junit", str(junit))[0] == 1
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"ferry", "bridge"}
    assert cases["bridge"].find("failure") is None
    failure = cases["ferry"].find("failure")
    assert "label accuracy" in failure.get("message")
    assert "expected related, got main" in failure.text and text[:60] in failure.text
    assert "Stray \ufffd byte" in failure.text


def test_verbose_shows_diffs_of_passing_fixtures_and_missing_baseline_is_an_error(tmp_path, cli):
    labels = _write_fixture(tmp_path, "ferry", ARTICLE)
    _, text = _flip_first(labels, "main", "promo")
    code, out, _ = cli("check", str(tmp_path))
    assert code == 0 and "expected promo" not in out  # new fixture: scored, not judged
    code, out, _ = cli("check", str(tmp_path), "-v")
    assert code == 0 and "expected promo, got main" in out and text[:60] in out
    assert "main called promo" not in out and "promo called main: 1" in out
    code, _, err = cli("check", str(tmp_path), "--baseline", str(tmp_path / "typo.json"))
    assert code == 2 and "typo.json not found" in err


def test_json_format_and_baseline_file_are_stable(tmp_path, cli):
    _write_fixture(tmp_path / "deep" / "er", "ferry", ARTICLE)
    _write_fixture(tmp_path, "bridge", ARTICLE.replace("ferry", "bridge"))
    code, out, _ = cli("check", str(tmp_path), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["passed"]
    assert [f["name"] for f in data["fixtures"]] == ["bridge", "deep/er/ferry"]
    assert {f["status"] for f in data["fixtures"]} == {"new"}
    first = baseline_json(run_check(tmp_path, {}).results)
    assert first == baseline_json(run_check(tmp_path, {}).results)
    parsed = json.loads(first)
    assert list(parsed["fixtures"]) == ["bridge", "deep/er/ferry"]
    for entry in parsed["fixtures"].values():
        assert round(entry["body_f1"], 4) == entry["body_f1"]
        assert round(entry["label_accuracy"], 4) == entry["label_accuracy"]
        lines = [int(k.split(":")[0]) for k in entry["mislabelled"]]
        assert lines == sorted(lines)


def test_a_crash_on_one_fixture_is_that_fixtures_error(tmp_path, monkeypatch):
    import cleaner.quality.check as check

    _write_fixture(tmp_path, "ferry", ARTICLE)
    _write_fixture(tmp_path, "bridge", ARTICLE.replace("ferry", "bridge"))
    real = check.clean

    def flaky(data, **kw):
        if b"bridge" in data:
            raise RuntimeError("boom")
        return real(data, **kw)

    monkeypatch.setattr(check, "clean", flaky)
    report = run_check(tmp_path, {})
    assert [v.status for v in report.verdicts] == ["error", "new"]
    assert "RuntimeError: boom" in report.verdicts[0].problems[0]
    assert report.exit_code == 1


# --- the CI gate: the project's own fixtures against the committed baseline ---------------------

def test_project_fixtures_do_not_regress():
    """The CI gate: fixtures/ scored against the committed fixtures/baseline.json, strictly.

    After a deliberate quality change, regenerate with `cleaner check fixtures --update-baseline`
    and commit the baseline diff with the change.
    """
    report = run_check(PROJECT / "fixtures", PROJECT / "fixtures" / "baseline.json", strict=True)
    diffs = "\n\n".join(render_diff(v) for v in report.failures)
    assert not report.failures, f"fixtures regressed against fixtures/baseline.json:\n{diffs}"
    assert not report.new, f"fixtures missing from baseline.json (run --update-baseline): {report.new}"
    assert not report.missing, f"in baseline.json but not on disk: {report.missing}"
    assert report.passed and len(report.verdicts) == len(discover(PROJECT / "fixtures"))
