"""User rules: the TOML file is checked whole (file:line errors), each rule kind changes what it
names and nothing else, host patterns limit rules, and no rules means the same output."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cleaner import clean
from cleaner.cli import main
from cleaner.segment import parse_html, segment_html
from cleaner.user_rules import Rule, RulesError, load_rules, parse_rules
from cleaner.decide.revisions import INSIDE_STORY_CONTAINER
from cleaner.model import Block
from cleaner.user_rules.compiled import _element_ids
from cleaner.user_rules.precision import BOXED, CONTEXT_TAIL, OUTSIDE_CONTAINER, trim_for_precision

PROJECT = Path(__file__).resolve().parents[1]
DEMO = PROJECT / "examples" / "site-rules"
PAGE = PROJECT / "fixtures" / "html" / "en-news-cms-housing-bill.html"

STORY = """<html><head><title>Harbour wall repairs start</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Harbour wall repairs start after storm damage</h1>
<p>Work to repair the harbour wall began on Monday, three months after a winter storm tore a gap in the old stone along the north quay.</p>
<div class="plug"><p>Our morning letter gathers the five stories the editors think you should read before work, every weekday at seven.</p></div>
<p>The council said the repairs would cost about two million and take until the summer, and that boats would be moved to the south quay meanwhile.</p>
<p>Fishermen said they were glad the work had started but worried about the season, since the south quay has fewer moorings and no crane.</p>
<aside class="factbox"><p>Harbour wall: built 1887, 420 metres</p></aside>
<p>Advertisement</p>
</article>
<footer><p>Copyright 2025 The Quay Gazette</p></footer></body></html>"""


def _labels(article) -> dict[str, str]:
    return {b.text: b.label for b in article.blocks}


def _reasons(article, start: str) -> list[str]:
    return next(b.reasons for b in article.blocks if b.text.startswith(start))


# --- the file ---------------------------------------------------------------------------------


def test_every_kind_of_rule_loads():
    rules = parse_rules("""
precision = "high"
[[rule]]
name = "plug"
drop = "div.plug"
[[rule]]
name = "facts"
keep = ["aside.factbox", "div.facts"]
[[rule]]
name = "letter"
phrase = ["morning letter", "evening letter"]
label = "promo"
hosts = ["quay.example", "*.gazette.example"]
[[rule]]
name = "ads"
regex = '^Advertisement$'
label = "boilerplate"
""", "r.toml")
    assert rules.precision == "high"
    assert [(r.name, r.kind, r.label) for r in rules.rules] == [
        ("plug", "drop", ""), ("facts", "keep", "main"), ("letter", "phrase", "promo"),
        ("ads", "regex", "boilerplate")]
    assert rules.rules[1].selector == "aside.factbox, div.facts"


@pytest.mark.parametrize("text, line, words", [
    ('precision = "max"\n', 1, "precision must be one of"),
    ('[[rule]]\nname = "a"\n\ndrop = "div[["\n', 4, "bad CSS selector"),
    ('[[rule]]\nname = "a"\nregex = "("\nlabel = "promo"\n', 3, "bad regular expression"),
    ('[[rule]]\nname = "a"\nregex = "x*"\nlabel = "promo"\n', 3, "matches empty text"),
    ('[[rule]]\nname = "a"\nphrase = "x"\nlabel = "story"\n', 4, "label must be one of"),
    ('[[rule]]\nname = "a"\nphrase = "x"\nlabel = "title"\n', 4, "label must be one of"),
    ('[[rule]]\nname = "a"\nphrase = "x"\nlabel = "promo"\ncolour = "red"\n', 5, "unknown key 'colour'"),
    ('[[rule]]\nname = "a"\nphrase = "x"\ndrop = "p"\nlabel = "promo"\n', 4, "exactly one of"),
    ('[[rule]]\nname = "a"\nkeep = "p"\nlabel = "main"\n', 4, "takes no label"),
    ('[[rule]]\nname = "a b"\ndrop = "p"\n', 2, "needs a name"),
    ('[[rule]]\ndrop = "p"\n', 1, "needs a name"),
    ('[[rule]]\nname = "a"\ndrop = "p"\nhosts = ["exa mple.com"]\n', 4, "hosts must be"),
    ('[[rule]]\nname = "a"\ndrop = "p"\n[[rule]]\nname = "a"\ndrop = "q"\n', 5, "used twice"),
    ('rule = [\n  { name = "ok", drop = "p" },\n  { name = "b", drop = "p[" },\n]\n', 3, "bad CSS selector"),
    ('[[rule]]\nname = "a"\ndrop = "p"\nlabel = \n', 4, "not valid TOML"),
    ('rules = []\n', 1, "unknown key 'rules'"),
])
def test_a_bad_file_is_refused_with_file_and_line(text, line, words):
    with pytest.raises(RulesError) as err:
        parse_rules(text, "site.toml")
    assert any(p.startswith(f"site.toml:{line}: ") and words in p for p in err.value.problems), err.value.problems


def test_one_bad_rule_refuses_the_whole_file_and_lists_every_problem(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nname = "good"\ndrop = "div.plug"\n[[rule]]\nname = "bad"\ndrop = "div[["\n'
                    '[[rule]]\nname = "worse"\nregex = "("\nlabel = "promo"\n', encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(path)
    assert [p.split(": ")[0] for p in err.value.problems] == [f"{path}:6", f"{path}:9"]
    with pytest.raises(RulesError):
        clean(STORY, rules=path)  # refused before the page is read, never half-applied


def test_unreadable_rules_file(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "none.toml")
    (tmp_path / "latin.toml").write_bytes(b'# caf\xe9\n')
    with pytest.raises(RulesError, match="not UTF-8"):
        load_rules(tmp_path / "latin.toml")


@pytest.mark.parametrize("host, hit", [
    ("quay.example", True), ("www.quay.example", True), ("badquay.example", False),
    ("news.gazette.example", True), ("gazette.example", False), (None, False),
])
def test_host_patterns(host, hit):
    rule = Rule("r", "drop", ("quay.example", "*.gazette.example"), "", "p")
    assert rule.applies_to(host) is hit
    assert Rule("r", "drop", (), "", "p").applies_to(host)


# --- what each kind does ----------------------------------------------------------------------


def test_no_rules_and_an_empty_rules_file_change_nothing():
    plain = clean(STORY).to_dict()
    assert clean(STORY, rules=None).to_dict() == plain
    assert clean(STORY, rules=parse_rules("")).to_dict() == plain
    page = PAGE.read_bytes()
    assert clean(page, rules=parse_rules('precision = "balanced"')).to_dict() == clean(page).to_dict()


def test_drop_removes_the_elements_before_the_page_is_read():
    before = clean(STORY)
    assert _labels(before)[next(t for t in _labels(before) if t.startswith("Our morning letter"))] == "main"
    after = clean(STORY, rules=parse_rules('[[rule]]\nname = "plug"\ndrop = "div.plug, nav"\n'))
    assert not any(t.startswith("Our morning letter") or t in ("Home", "News") for t in _labels(after))
    assert [b.text for b in after.blocks] == [b.text for b in before.blocks
                                             if not b.text.startswith("Our morning") and b.text not in ("Home", "News")]


def test_drop_keeps_the_text_after_the_element():
    page = "<html><body><p>Lead <span class='x'>noise</span> and the rest of the sentence stays.</p></body></html>"
    article = clean(page, rules=parse_rules('[[rule]]\nname = "x"\ndrop = "span.x"\n'))
    assert [b.text for b in article.blocks] == ["Lead and the rest of the sentence stays."]


def test_phrase_labels_a_block_whatever_its_case_and_spacing():
    rules = parse_rules('[[rule]]\nname = "letter"\nphrase = "MORNING   letter"\nlabel = "promo"\n')
    article = clean(STORY, rules=rules)
    block = next(b for b in article.blocks if b.text.startswith("Our morning letter"))
    assert block.label == "promo" and "rule:letter" in block.reasons
    assert "Our morning letter" not in article.text
    changed = [b.text for b, a in zip(article.blocks, clean(STORY).blocks) if b.label != a.label]
    assert changed == [block.text]


def test_regex_is_searched_in_each_block_alone():
    rules = parse_rules("[[rule]]\nname = \"ads\"\nregex = '^Advertisement$'\nlabel = \"boilerplate\"\n"
                        "[[rule]]\nname = \"built\"\nregex = '(?i:built) \\d{4}'\nlabel = \"caption\"\n")
    article = clean(STORY, rules=rules)
    assert _reasons(article, "Advertisement").count("rule:ads") >= 1
    assert _labels(article)["Harbour wall: built 1887, 420 metres"] == "caption"
    assert not any("rule:ads" in b.reasons for b in article.blocks if b.text != "Advertisement")


def test_a_regex_that_refers_to_its_own_groups_still_works():
    rules = parse_rules("[[rule]]\nname = \"twice\"\nregex = '(\\b\\w+\\b) \\1'\nlabel = \"boilerplate\"\n"
                        "[[rule]]\nname = \"ads\"\nregex = '^Advertisement$'\nlabel = \"promo\"\n")
    article = clean("<p>Home Home</p><p>Advertisement</p><p>" + "A real sentence of the story. " * 5 + "</p>",
                    kind="html", rules=rules)
    assert _labels(article)["Home Home"] == "boilerplate" and _labels(article)["Advertisement"] == "promo"


def test_keep_makes_the_blocks_inside_story_text():
    before = clean(STORY)
    assert _labels(before)["Harbour wall: built 1887, 420 metres"] != "main"
    article = clean(STORY, rules=parse_rules('[[rule]]\nname = "facts"\nkeep = "aside.factbox"\n'))
    assert _labels(article)["Harbour wall: built 1887, 420 metres"] == "main"
    assert "rule:facts" in _reasons(article, "Harbour wall: built")
    assert "Harbour wall: built 1887" in article.text


def test_element_ids_are_the_segmenters():
    """A kept element's id is the one the segmenter gives it: the blocks whose ancestors hold it
    are exactly the blocks of the element's own text."""
    root = parse_html(PAGE.read_bytes())
    blocks, _ = segment_html(root)
    for el in root.iter("nav", "figure", "aside", "ul", "blockquote"):
        (eid,) = _element_ids(root, [el])
        inside = [b.text for b in blocks if eid in b.ancestors]
        own = " ".join(" ".join(el.xpath(".//text() | .//img/@alt")).split())  # alt text is a block too
        assert inside and all(t in own for t in inside), (el.tag, inside)


def test_host_rules_apply_only_to_their_site():
    rules = parse_rules('[[rule]]\nname = "letter"\nhosts = ["quay.example"]\nphrase = "morning letter"\n'
                        'label = "promo"\n')
    text = "Our morning letter gathers"
    assert text in clean(STORY, rules=rules).text  # no URL: host rules do not apply
    assert text in clean(STORY, rules=rules, url="https://other.example/a").text
    assert text not in clean(STORY, rules=rules, url="https://www.quay.example/a").text


# --- the surfaces -----------------------------------------------------------------------------


def test_clean_command_takes_rules(tmp_path, capsys):
    page = tmp_path / "story.html"
    page.write_text(STORY, encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "letter"\nphrase = "morning letter"\nlabel = "promo"\n', encoding="utf-8")
    assert main(["clean", str(page), "--rules", str(rules)]) == 0
    assert "morning letter" not in capsys.readouterr().out
    rules.write_text('[[rule]]\nname = "letter"\nphrase = "morning letter"\n', encoding="utf-8")
    assert main(["clean", str(page), "--rules", str(rules)]) == 2
    assert f"{rules}:1: rule letter: needs a label" in capsys.readouterr().err


def test_batch_takes_rules_and_redoes_pages_when_they_change(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.html").write_text(STORY, encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "letter"\nphrase = "morning letter"\nlabel = "promo"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(src), str(out), "--rules", str(rules), "-q", "--workers", "1"]) == 0
    assert "morning letter" not in (out / "story.html.txt").read_text(encoding="utf-8")
    rules.write_text('[[rule]]\nname = "other"\nphrase = "nothing like it"\nlabel = "promo"\n', encoding="utf-8")
    assert main(["batch", str(src), str(out), "--rules", str(rules), "-q", "--workers", "1"]) == 0
    assert "morning letter" in (out / "story.html.txt").read_text(encoding="utf-8")
    rules.write_text('[[rule]]\nname = "bad"\ndrop = "["\n', encoding="utf-8")
    assert main(["batch", str(src), str(tmp_path / "out2"), "--rules", str(rules), "-q"]) == 2
    assert not (tmp_path / "out2" / "story.html.txt").exists()


def test_the_demo_fixture_fails_without_its_one_line_rule_and_passes_with_it(tmp_path, capsys):
    folder = tmp_path / "site-rules"
    shutil.copytree(DEMO, folder)
    rule_lines = [l for l in (folder / "rules.toml").read_text(encoding="utf-8").splitlines()
                  if l.strip() and not l.startswith("#")]
    assert len(rule_lines) == 1
    assert main(["check", str(folder), "--strict"]) == 0
    capsys.readouterr()
    assert main(["check", str(folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["fixtures"][0]["status"] == "pass"
    (folder / "rules.toml").unlink()
    assert main(["check", str(folder)]) == 1
    assert "expected promo, got main" in capsys.readouterr().out
    # the same rule given with --rules works for a folder without rules.toml
    assert main(["check", str(folder), "--rules", str(DEMO / "rules.toml")]) == 0


def test_a_folder_rules_file_wins_over_check_rules(tmp_path, capsys):
    folder = tmp_path / "site-rules"
    shutil.copytree(DEMO, folder)
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    assert main(["check", str(folder), "--rules", str(empty)]) == 0
    (folder / "rules.toml").write_text("rule = [{ name = 'x' }]\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 2
    assert f"{folder / 'rules.toml'}:1: rule x: needs exactly one of" in capsys.readouterr().err


def test_phrases_and_regexes_find_their_blocks_when_lowering_changes_lengths():
    """"İ" lowers to two characters: blocks after it must still be found at the right place."""
    page = ("<p>İstanbul İzmir İnebolu are three cities named in a first paragraph of this page.</p>"
            "<p>Join our morning letter today</p><p>Advertisement</p>"
            "<p>" + "The story goes on in a paragraph of plain text for a while. " * 4 + "</p>")
    rules = parse_rules('[[rule]]\nname = "letter"\nphrase = "morning letter"\nlabel = "promo"\n'
                        "[[rule]]\nname = \"ads\"\nregex = '(?i:^advert)'\nlabel = \"boilerplate\"\n")
    article = clean(page, kind="html", rules=rules)
    assert _labels(article)["Join our morning letter today"] == "promo"
    assert _labels(article)["Advertisement"] == "boilerplate"
    assert [b.text for b in article.blocks if any(r.startswith("rule:") for r in b.reasons)] == \
        ["Join our morning letter today", "Advertisement"]


def test_a_regex_whose_required_text_is_missing_is_not_searched():
    from cleaner.user_rules.loading import required_text
    import re
    assert required_text(re.compile(r"^\d+ comments?$", re.M)) == (" comment", False)
    assert required_text(re.compile(r"(?i:sponsored content)")) == ("ored content", True)
    assert required_text(re.compile(r"a|b")) == ("", False)
    assert required_text(re.compile(r"^[A-Z ]{4,}$")) == ("", False)


def test_a_regex_with_required_text_matches_in_the_blocks_holding_it_only():
    """The needle ("Updated ") occurs in two blocks; the regex matches in one of them, and a
    later block where the needle occurs again is still found."""
    page = ("<p>Updated with a second thought on the matter at hand.</p><p>Updated 12 May</p>"
            "<p>" + "The story goes on in a paragraph of plain text for a while. " * 4 + "</p><p>Updated 3 June</p>")
    rules = parse_rules("[[rule]]\nname = \"stamp\"\nregex = '^Updated \\d'\nlabel = \"boilerplate\"\n")
    article = clean(page, kind="html", rules=rules)
    assert [b.text for b in article.blocks if "rule:stamp" in b.reasons] == ["Updated 12 May", "Updated 3 June"]


@pytest.mark.parametrize("selector", ["#promo-box", "div[id*=promo]", "div.promo", "div[class*=prom]",
                                      "#promo-box.promo", "section div.promo"])
def test_drop_selectors_are_gated_by_the_attributes_their_names_are_in(selector):
    """A selector naming an id is found on a page whose class values lack the name, and the
    other way round; a page with neither name loses nothing."""
    page = ("<html><body><section><div id='promo-box' class='promo'><p>Join the club today for free.</p></div>"
            "<p>" + "The story goes on in a paragraph of plain text for a while. " * 4 + "</p></section></body></html>")
    rules = parse_rules(f'[[rule]]\nname = "p"\ndrop = "{selector}"\n')
    assert "Join the club" not in " ".join(b.text for b in clean(page, rules=rules).blocks)
    other = page.replace("promo-box", "x-box").replace("'promo'", "'y'")
    assert "Join the club" in " ".join(b.text for b in clean(other, rules=rules).blocks)


def _mains(page: bytes, rules=None) -> set[int]:
    return {b.index for b in clean(page, rules=rules).blocks if b.label == "main"}


def test_precision_leans_the_decision_and_balanced_changes_nothing():
    """On the project's fixtures "high" keeps a subset of the balanced body and "recall" a
    superset, each differing on some pages; "balanced" is the decision without a rules file."""
    knobs = {p: parse_rules(f'precision = "{p}"') for p in ("high", "balanced", "recall")}
    fewer = more = 0
    for page in sorted((PROJECT / "fixtures").glob("*/*.*")):
        if page.name.endswith((".labels.tsv", ".md", ".json")):
            continue
        data = page.read_bytes()
        balanced = _mains(data)
        assert _mains(data, knobs["balanced"]) == balanced, page.name
        high, recall = _mains(data, knobs["high"]), _mains(data, knobs["recall"])
        assert high <= balanced <= recall, page.name
        fewer += high != balanced
        more += recall != balanced
    assert fewer >= 3 and more >= 3


def test_high_precision_names_why_it_dropped_a_block():
    page = (PROJECT / "fixtures" / "html" / "en-opinion-comment-thread.html").read_bytes()
    views = next(b for b in clean(page, rules=parse_rules('precision = "high"')).blocks
                 if b.text.startswith("The views expressed in this column"))
    assert views.label == "footer" and views.reasons[-1] == BOXED


def _block(i: int, words: int, reasons: list[str], container: bool | None = True) -> Block:
    return Block(i, " ".join(["word"] * words), in_story_container=container, reasons=list(reasons))


def test_high_precision_drops_the_body_outside_a_container_that_holds_nearly_all_of_it():
    body = [_block(0, 90, ["core"]), _block(1, 10, ["core"], container=False)]
    trim_for_precision(body)
    assert [b.label for b in body] == ["main", "boilerplate"] and body[1].reasons[-1] == OUTSIDE_CONTAINER
    split = [_block(0, 60, ["core"]), _block(1, 40, ["core"], container=False)]  # a story in two boxes
    trim_for_precision(split)
    assert [b.label for b in split] == ["main", "main"]
    text = [_block(0, 90, ["core"], container=None), _block(1, 10, ["core"], container=None)]
    trim_for_precision(text)  # flattened text has no container: nothing to judge by
    assert [b.label for b in text] == ["main", "main"]


def test_high_precision_drops_the_context_kept_tail_and_boxed_blocks_only():
    body = [_block(0, 30, ["core"]), _block(1, 3, ["headline_run", "inside_core", INSIDE_STORY_CONTAINER]),
            _block(2, 30, ["dom_promo", "core"]), _block(3, 30, ["core"]),
            _block(4, 4, ["link_dense", "outside_core", INSIDE_STORY_CONTAINER]),
            _block(5, 40, ["stopword_density", "anchor_prose"])]
    trim_for_precision(body)
    assert [b.label for b in body] == ["main", "main", "promo", "main", "boilerplate", "boilerplate"]
    assert body[2].reasons[-1] == BOXED and body[4].reasons[-1] == body[5].reasons[-1] == CONTEXT_TAIL


def test_a_rule_outlasts_the_high_precision_trim():
    rules = parse_rules('precision = "high"\n[[rule]]\nname = "bio"\nphrase = "word word"\nlabel = "main"\n')
    body = [_block(0, 90, ["core"]), _block(1, 10, ["core"], container=False)]
    fired = rules.add_evidence(body, [[] for _ in body], None)
    rules.enforce(body, fired)
    assert [b.label for b in body] == ["main", "main"] and body[1].reasons[-1] == "rule:bio"


def test_recall_takes_in_the_story_containers_left_out_blocks_and_says_so():
    """Leaning to recall, a block of the story's container the decision left out joins the
    story with the reason lean_container; blocks outside the container and the <h1> do not."""
    from cleaner.decide.core import CONTAINER_JOIN
    rules = parse_rules('precision = "recall"')
    found = False
    for page in sorted((PROJECT / "fixtures" / "html").glob("*.html")):
        balanced, recall = clean(page.read_bytes()), clean(page.read_bytes(), rules=rules)
        for b, r in zip(balanced.blocks, recall.blocks):
            if CONTAINER_JOIN in r.reasons:
                found = True
                assert r.label == "main" and b.label != "main" and r.in_story_container and r.tag != "h1"
    assert found



def test_recall_joins_the_container_after_the_page_types_strategy_too():
    """A type's strategy may narrow the body after the decision: leaning to recall, every block of
    the story's container scoring CONTAINER_JOIN_SCORE or more is main at the end all the same."""
    from cleaner.decide.core import CONTAINER_JOIN_SCORE
    rules = parse_rules('precision = "recall"')
    joined = 0
    for page in sorted((PROJECT / "fixtures" / "html").glob("*.html")):
        a = clean(page.read_bytes(), rules=rules, page_type="service")
        for b in a.blocks:
            if b.in_story_container and b.score >= CONTAINER_JOIN_SCORE and b.tag != "h1" and b.label != "title":
                assert b.label == "main", (page.name, b.text[:40], b.reasons)
                joined += "lean_container" in b.reasons
    assert joined

# --- the shortcuts that keep rules cheap: each finds what the plain search finds --------------

def _css(selector: str):
    rules = parse_rules(f'[[rule]]\nname = "c"\ndrop = "{selector}"\n')
    return rules.for_url(None).drop[0]


@pytest.mark.parametrize("selector, admitted", [
    (".promo", False), (".promo-box", True), ("[class*=promo]", True), ("#promo", False),
    ("#main", True), ("div.tab", True)])
def test_the_css_gate_wants_class_names_and_ids_as_whole_words(selector, admitted):
    from cleaner.user_rules.compiled import _Names
    names = _Names(held=" ".join(["promo-box wide", "main", "a\ttab"]))  # a tab separates classes too
    assert names.admit(_css(selector)) is admitted


@pytest.mark.parametrize("selector", ["#comments", ".comments", "div.comments", "[class*=comment]",
                                      "section .note", "p.lead + p", "[id^=comm]"])
def test_gated_selectors_find_what_their_xpath_finds(selector):
    from cleaner.user_rules.compiled import _Names, _selected
    page = ("<html><body><section class='comments-count x'><p class='lead'>One</p><p>Two</p>"
            "<div id='comments'><p class='note'>Three</p></div><div class='comments\nwide'>Four</div>"
            "</section></body></html>")
    root = parse_html(page)
    css = _css(selector)
    assert [el for _, el in _selected([css], root, _Names(root))] == css.xpath(root)
    assert css.xpath(root)  # every selector here matches something: the gate must let it through


@pytest.mark.parametrize("regex", [r"^[A-Z ]{4,}$", r"^\d+", r"^[a-c][\s\S]*?[yz]", r"^(?:NOTE|TIP)", r"^\w+\s\w+$"])
def test_a_line_led_regex_names_the_blocks_a_plain_search_names(regex):
    """'^X' is searched as '\\nX' (loading.line_pattern); the blocks named are those finditer over
    the joined text names, matches across blocks and at the first block included."""
    from dataclasses import replace
    from cleaner.user_rules.compiled import _text_evidence
    texts = ["ABC DEF", "12 May", "a story about z", "NOTE: a", "then a line", "a", "goes to z",
             "TIP: two words", "TWO WORDS", "x 1"]
    rules = parse_rules(f"[[rule]]\nname = \"r\"\nregex = '{regex}'\nlabel = \"boilerplate\"\n")
    page = rules.for_url(None)
    assert page.regexes[0][1].line_pattern is not None
    plain = replace(page, regexes=[(o, replace(r, line_pattern=None)) for o, r in page.regexes])
    fast, slow = {}, {}
    _text_evidence(page, [Block(i, t) for i, t in enumerate(texts)], fast, None)
    _text_evidence(plain, [Block(i, t) for i, t in enumerate(texts)], slow, None)
    assert fast == slow and fast


def test_the_css_gate_reads_class_names_and_ids_apart():
    """A page whose only "comments" is a class does not run "#comments", and the other way round."""
    from cleaner.user_rules.compiled import _Names
    classed, named = parse_html("<div class='comments'>a</div>"), parse_html("<div id='comments'>a</div>")
    assert _Names(classed).admit(_css(".comments")) and not _Names(classed).admit(_css("#comments"))
    assert _Names(named).admit(_css("#comments")) and not _Names(named).admit(_css(".comments"))


@pytest.mark.parametrize("text, hit", [
    ("promo-box promo", True), ("promo", True), ("a\tpromo\n", True), ("xpromo promox promo-a", False),
    ("", False), ("promopromo", False), ("promopromo promo", True)])
def test_the_gate_finds_a_name_as_a_whole_word_where_split_would(text, hit):
    """The whole-word test reads the places the name is found; it agrees with str.split."""
    from cleaner.user_rules.compiled import _has_word
    assert _has_word(text, "promo") is hit is ("promo" in text.split())


def test_rules_for_the_same_address_are_reused_and_another_host_gets_its_own():
    rules = parse_rules('[[rule]]\nname = "a"\nphrase = "x"\nlabel = "promo"\nhosts = ["a.example"]\n')
    first = rules.for_url("https://a.example/1")
    assert rules.for_url("https://a.example/1") is first and first.phrases
    assert not rules.for_url("https://b.example/1").phrases
    assert rules.for_url("https://a.example/2") is first  # one compiled set per host
