"""``cleaner check``'s reports: the text a person reads (per-fixture lines, block diffs, the label
confusion) and JUnit XML for CI."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from ..model import LABELS
from .check import ERROR, FAIL, NEW, CheckReport, Verdict, entry_for, mistake_key

#: Characters of block text shown in a diff line.
DIFF_TEXT_CHARS = 100
#: Characters XML 1.0 cannot hold: JUnit output drops them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _short(text: str, limit: int = DIFF_TEXT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mistakes(confusion: Counter) -> str:
    items = sorted(
        ((n, exp, pred) for (exp, pred), n in confusion.items() if exp != pred),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    return "; ".join(f"{exp} called {pred}: {n}" for n, exp, pred in items)


def render_diff(verdict: Verdict) -> str:
    """The readable diff of one fixture: why it failed and every block that disagrees."""
    lines = [f"--- {verdict.status.upper()} {verdict.name}"]
    lines += [f"  {p}" for p in verdict.problems]
    r = verdict.result
    if r is None:
        return "\n".join(lines)
    src = r.labels_path.as_posix()
    known = verdict.baseline.mislabelled if verdict.baseline else None
    if r.mislabelled:
        legend = " ('+' = new since the baseline)" if known is not None else ""
        lines.append(f"  blocks labelled differently from the annotation{legend}:")
        for d in r.mislabelled:
            mark = "+" if known is not None and mistake_key(d.line, d.predicted) not in known else " "
            why = f"  reasons: {', '.join(d.reasons)}" if d.reasons else ""
            seam = f"; {d.seam}" if d.seam else ""
            lines.append(f"  {mark} {src}:{d.line}: expected {d.expected}, got {d.predicted} "
                         f"(block {d.index}{seam}){why}")
            lines.append(f"        {_short(d.text)}")
    if known:
        fixed = sorted(known - entry_for(r).mislabelled, key=lambda k: int(k.split(":")[0]))
        if fixed:
            lines.append("  fixed since the baseline: " + ", ".join(
                f"{src}:{k.split(':')[0]} (was {k.split(':', 1)[1]})" for k in fixed))
    if r.unmatched_expected:
        lines.append("  annotated blocks the cleaner did not produce (segmentation changed?):")
        for d in r.unmatched_expected:
            lines.append(f"    {src}:{d.line}: {d.expected}: {_short(d.text)}")
    if r.unmatched_produced:
        lines.append("  produced blocks with no annotation:")
        for d in r.unmatched_produced:
            lines.append(f"    block {d.index}: {d.predicted}: {_short(d.text)}")
    return "\n".join(lines)


def render_text(report: CheckReport, *, verbose: bool = False) -> str:
    """The human report: one line per fixture, diffs of failures, totals and label confusion."""
    base = report.baseline_path.as_posix() if report.baseline_path else "given mapping"
    if report.baseline_path and not report.baseline_path.is_file():
        base += ", not written yet: every fixture is new"
    out = [f"cleaner check: {count(len(report.verdicts), 'fixture')} in "
           f"{report.fixtures_dir.as_posix()} (baseline {base})", ""]
    width = max(len(v.name) for v in report.verdicts)
    out.append(f"{'':6}{'fixture':{width}}  {'body P':>6} {'body R':>6} {'F1':>6}  "
               f"{'labels':>9} {'acc':>6}")
    for v in report.verdicts:
        r = v.result
        if r is None:
            out.append(f"{v.status.upper():6}{v.name:{width}}  {v.problems[0]}")
            continue
        row = (f"{v.status.upper():6}{v.name:{width}}  {r.body_precision:6.3f} {r.body_recall:6.3f} "
               f"{r.body_f1:6.3f}  {f'{r.correct}/{r.aligned}':>9} {r.label_accuracy:6.3f}")
        unmatched = len(r.unmatched_expected) + len(r.unmatched_produced)
        if unmatched:
            row += f"  unaligned: {len(r.unmatched_expected)} annotated, {len(r.unmatched_produced)} produced"
        if r.annotated_language and r.language and r.annotated_language != r.language:
            row += f"  language {r.language} (annotated {r.annotated_language})"
        if r.page_type_problem:
            row += "  " + r.page_type_problem
        out.append(row)
        mistakes = _mistakes(r.confusion)
        if mistakes:
            out.append(f"{'':8}{mistakes}")
    for v in report.verdicts:
        diff = render_diff(v)
        if v.failed or (verbose and "\n" in diff):  # verbose: every fixture with something to show
            out += ["", diff]
    totals = report.totals()
    body, labels = totals["body"], totals["labels"]
    out += ["", f"TOTAL {count(totals['fixtures'], 'fixture')}: body P {body['precision']:.3f} "
                f"R {body['recall']:.3f} F1 {body['f1']:.3f}; labels {labels['correct']}/"
                f"{labels['aligned']} = {labels['accuracy']:.3f}"]
    out += _render_confusion(totals["confusion"])
    if report.new:
        hint = "" if report.strict else " (not judged; add them with --update-baseline)"
        which = ("all of them" if len(report.new) == len(report.verdicts)
                 else ", ".join(report.new))
        out.append(f"new fixtures not in the baseline{hint}: {which}")
    if report.missing:
        out.append(f"in the baseline but not found: {', '.join(report.missing)}")
    failed = len(report.failures)
    verdict = "PASS" if report.passed else "FAIL"
    extra = " (--strict: new or missing fixtures)" if not report.passed and not failed else ""
    out.append(f"{verdict}: {failed} of {len(report.verdicts)} fixtures regressed{extra}; "
               f"tolerance: body F1 -{report.body_tolerance}, labels: no more mislabelled blocks")
    return "\n".join(out) + "\n"


def _render_confusion(confusion: Counter) -> list[str]:
    by_label: dict[str, Counter] = {}
    for (exp, pred), n in confusion.items():
        by_label.setdefault(exp, Counter())[pred] = n
    if not by_label:
        return []
    lines = ["label confusion over aligned blocks (annotated label: blocks, right, mistakes):"]
    for label in [lab for lab in LABELS if lab in by_label]:
        preds = by_label[label]
        wrong = "; ".join(f"called {p}: {n}" for p, n in sorted(preds.items(), key=lambda t: (-t[1], t[0]))
                          if p != label)
        lines.append(f"  {label:12}{sum(preds.values()):5} blocks {preds[label]:5} right"
                     + (f"   {wrong}" if wrong else ""))
    return lines


def _xml_safe(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def junit_xml(report: CheckReport) -> bytes:
    """JUnit XML: one testcase per fixture, the diff as the failure text."""
    suite = ET.Element("testsuite", name="cleaner check")
    failures = errors = skipped = 0
    for v in report.verdicts:
        case = ET.SubElement(suite, "testcase", classname="cleaner.quality.check", name=v.name)
        if v.status == ERROR:
            errors += 1
            ET.SubElement(case, "error", message=_xml_safe(v.problems[0])).text = _xml_safe(render_diff(v))
        elif v.status == FAIL or (v.status == NEW and report.strict):
            failures += 1
            message = "; ".join(v.problems) or "not in the baseline (--strict)"
            ET.SubElement(case, "failure", message=_xml_safe(message)).text = _xml_safe(render_diff(v))
        elif v.status == NEW:
            ET.SubElement(case, "system-out").text = "not in the baseline; not judged"
    for name in report.missing:
        case = ET.SubElement(suite, "testcase", classname="cleaner.quality.check", name=name)
        if report.strict:
            failures += 1
            ET.SubElement(case, "failure", message="in the baseline but not found (--strict)")
        else:
            skipped += 1
            ET.SubElement(case, "skipped", message="in the baseline but not found")
    tests = len(report.verdicts) + len(report.missing)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
