"""What user rules cost per page: clean() with no rules, with a rules file that has no rules, and
with 50 rules (CSS drop/keep, phrases, regexes), in one run, interleaved page by page.

    python benchmarks/rules_cost.py [BENCH_DIR] [--repeat N] [--limit N]
    python benchmarks/rules_cost.py --check OUT.json [--against BEFORE.json]

Two 50-rule files are timed: every rule for every page (the worst case), and the usual shape of
a site rules file: CSS names a site's own classes, so its 20 CSS rules and 20 of the text rules
are for other sites' hosts, and 10 text rules (5 phrases, 5 regexes) are for every page. Prints
ms/page (median of the repeats, process CPU time) and the cost over no rules; and, since a
shared machine's noise is a good part of that difference, the time spent in the rules' own code
(Rules.drop_elements, then add_evidence and enforce), each page parsed and segmented just
before, as clean() hands it over.

``--check`` fingerprints clean()'s output with rules on scrapinghub and wcxb-dev (the 50-rule
file, and a file of rules that fire on many pages) so a change to the rules' code can prove it
decides the same: run it before and after, the second time ``--against`` the first.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import detect_mode, load_pages  # noqa: E402
from cleaner import clean  # noqa: E402
from cleaner.segment import parse_html, segment_html  # noqa: E402
from cleaner.user_rules import Rules, parse_rules  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"

#: Realistic rule bodies: what users write against promos, widgets and site chrome.
DROPS = ["div.newsletter-signup", "aside.related-links", "#comments", "div[class*=outbrain]",
         "section.taboola", "div.ad-slot, div.advert", "ul.share-tools", "div.paywall-prompt",
         "figure.video-embed", "div#cookie-banner"]
KEEPS = ["div.fact-box", "aside.pull-quote", "div.timeline", "section.key-points", "div.article-aside",
         "table.results", "div.recipe-ingredients", "blockquote.twitter-tweet", "div.interview-answer",
         "div.story-annex"]
PHRASES = ["Sign up for our newsletter", "Download our app", "Support independent journalism",
           "This article was amended", "Follow us on Telegram", "Get the latest headlines",
           "Our journalism depends on you", "Read the full report", "Listen to this article",
           "Become a member today", "Gift this article", "Recommended for you",
           "Sponsored by", "Photo illustration by", "Watch the video above"]
REGEXES = [r"^Advertisement$", r"(?i:sponsored content)", r"^\d+ comments?$", r"(?i:^share this)",
           r"^Updated \d", r"(?i:all rights reserved)", r"^Image \d+ of \d+$", r"(?i:^read more:)",
           r"^[A-Z ]{4,}$", r"(?i:click here to)", r"^\(?AP\)?$", r"(?i:^tags?:)", r"^Loading…?$",
           r"(?i:newsletter)", r"^©"]


#: Rules that fire on many bench pages, for --check: common class/id names, phrases and lines.
FIRING = [("drop", "div.sidebar, aside"), ("drop", "[class*=share]"), ("drop", "#footer, footer ul"),
          ("drop", "nav li.menu-item"), ("keep", "article p"), ("keep", "div[class*=content] > p"),
          ("keep", "#main h2"), ("phrase", "read more"), ("phrase", "comments"), ("phrase", "the"),
          ("regex", r"^By [A-Z]"), ("regex", r"(?i)copyright"), ("regex", r"\d{4}$"), ("regex", r"^[^a-z]+$")]


def rules_text(everywhere: int) -> str:
    """50 rules: the first ``everywhere`` text rules (alternately phrase and regex) for every
    page, all others (every CSS rule among them) for hosts no bench page has; 50 for all."""
    phrases = [("phrase", p, "promo") for p in PHRASES]
    regexes = [("regex", r, "boilerplate") for r in REGEXES]
    text = [rule for pair in zip(phrases, regexes) for rule in pair]
    css = [("drop", d, None) for d in DROPS] + [("keep", k, None) for k in KEEPS]
    lines = []
    for n, (kind, value, label) in enumerate(text + css):
        lines += ["[[rule]]", f'name = "r{n}"', f"{kind} = {_toml_string(value)}"]
        if label:
            lines.append(f'label = "{label}"')
        if n >= everywhere:
            lines.append(f'hosts = ["site{n}.example"]')
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    return "'" + value + "'"  # literal strings: no escapes (none of the values holds a quote)


def firing_text() -> str:
    """The rules of FIRING, all for every page, text rules alternately promo and boilerplate."""
    lines = []
    for n, (kind, value) in enumerate(FIRING):
        lines += ["[[rule]]", f'name = "f{n}"', f"{kind} = {_toml_string(value)}"]
        if kind in ("phrase", "regex"):
            lines.append(f'label = "{("promo", "boilerplate")[n % 2]}"')
    return "\n".join(lines) + "\n"


def check(out: str, against: str | None, limit: int | None) -> int:
    """Fingerprint every page's output under each check rules file; compare with ``against``."""
    files = {"50 rules": parse_rules(rules_text(50)), "firing": parse_rules(firing_text())}
    url = "https://news.bench.example/story"
    prints, fired = {}, dict.fromkeys(files, 0)
    for name in ("scrapinghub", "wcxb-dev"):
        folder = SHARED.parent / name
        pages, _ = load_pages(folder, detect_mode(folder), limit)
        for p in pages:
            for which, rules in files.items():
                a = clean(p.source, url=url, rules=rules)
                view = [a.title, a.text, [(b.label, round(b.score, 6), b.reasons, b.text) for b in a.blocks]]
                fired[which] += sum(r.startswith("rule:") for b in a.blocks for r in b.reasons)
                prints[f"{which}/{name}/{p.id}"] = hashlib.sha1(json.dumps(view, ensure_ascii=False).encode()).hexdigest()
    Path(out).write_text(json.dumps(prints, indent=0, sort_keys=True))
    print(f"{len(prints)} outputs fingerprinted -> {out}; rule reasons on blocks: {fired}")
    if against:
        before = json.loads(Path(against).read_text())
        differ = sorted(k for k in before.keys() | prints.keys() if before.get(k) != prints.get(k))
        print(f"{len(differ)} differ" + "".join(f"\n  {k}" for k in differ[:30]))
        return 1 if differ else 0
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench_dir", nargs="?", default=str(SHARED))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--check", metavar="OUT.json", help="fingerprint outputs with rules instead of timing")
    ap.add_argument("--against", metavar="BEFORE.json", help="with --check: the fingerprints to compare with")
    args = ap.parse_args()
    if args.check:
        return check(args.check, args.against, args.limit)
    folder = Path(args.bench_dir)
    pages, _ = load_pages(folder, detect_mode(folder), args.limit)
    variants = {
        "no rules": None,
        "empty rules file": parse_rules(""),
        "50 rules, all for every page": parse_rules(rules_text(50)),
        "50 rules, 10 for every page": parse_rules(rules_text(10)),
    }
    url = "https://news.bench.example/story"
    for rules in variants.values():  # compile the per-host sets once, as a batch worker does
        if rules is not None:
            clean(pages[0].source, url=url, rules=rules)
    totals = {name: [] for name in variants}
    for _ in range(args.repeat):
        spent = dict.fromkeys(variants, 0.0)
        for p in pages:
            for name, rules in variants.items():  # interleaved: drift hits every variant alike
                t0 = time.process_time()
                clean(p.source, url=url, rules=rules)
                spent[name] += time.process_time() - t0
        for name in variants:
            totals[name].append(spent[name] * 1000 / len(pages))
    inside = {name: _rules_work(pages, rules, url, args.repeat) for name, rules in variants.items()}
    base = statistics.median(totals["no rules"])
    print(f"{folder.name}: {len(pages)} pages, {args.repeat} repeats, process CPU ms/page (median)")
    for name, runs in totals.items():
        ms = statistics.median(runs)
        dropping, after = inside[name]
        print(f"  {name:32s} {ms:7.3f} ms/page   {ms - base:+.3f} ms over no rules   "
              f"{dropping + after:.3f} ms/page in the rules' code (drop {dropping:.3f}, keep and text {after:.3f})")
    return 0


def _rules_work(pages: list, rules: Rules | None, url: str, repeat: int) -> tuple[float, float]:
    """ms/page spent in the rules' own calls on pages parsed and segmented beforehand (the rest
    of clean() is the same code with or without rules): the drop rules' (before the page is
    read), and the evidence and enforcing of keep and text rules (after)."""
    if rules is None:
        return 0.0, 0.0
    runs = []
    for _ in range(repeat):
        dropping = after = 0.0
        for p in pages:  # parsed afresh each round: a drop rule changes the tree it reads
            root = parse_html(p.source)
            blocks, elements = segment_html(parse_html(p.source))
            # clean() hands the rules the lower-cased texts its features hold: no cost of the rules'
            lowered = [b.text.lower() for b in blocks]
            evidence = [[] for _ in blocks]
            gc.disable()  # a collection of the objects the parse made is no cost of the rules'
            t0 = time.process_time()
            rules.drop_elements(root, url)
            t1 = time.process_time()
            fired = rules.add_evidence(blocks, evidence, url, root, elements, lowered)
            rules.enforce(blocks, fired)
            t2 = time.process_time()
            gc.enable()
            dropping, after = dropping + t1 - t0, after + t2 - t1
        runs.append((dropping * 1000 / len(pages), after * 1000 / len(pages)))
    return statistics.median(d for d, _ in runs), statistics.median(a for _, a in runs)

if __name__ == "__main__":
    sys.exit(main())
