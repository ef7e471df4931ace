"""A vocabulary compiles its parts into faster regexes (cleaner.rules.vocabulary.Vocabulary): the answers must
stay exactly those of one naive regex, ``re.compile("|".join(parts))``.

The texts compared: every block of the fixture pages (as written and lower-cased), and a string
built to match each alternative of each part, placed at the start and end of a text and after the
characters a word boundary turns on (letters, digits, underscores, apostrophes, accented letters,
spaces, punctuation).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner.rules import dispatch, patterns, regex_syntax
from cleaner.rules import vocabulary as vocab
from cleaner.segment import parse_html, segment_html, segment_text

try:  # the parser behind re: public in no version, renamed in 3.11
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants
    import sre_parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VOCABULARIES = {n: v for n, v in vars(vocab).items() if isinstance(v, patterns.Vocabulary)}
#: What a sample is placed after and before: nothing, the characters on either side of a word
#: boundary, and some text.
BEFORE = ("", " ", "x", "X", "_", "1", "'", "’", "é", "ß", "\n", ".", "-", "(", "the story goes on. ")
AFTER = ("", " ", "x", "_", "1", ".", "'", " and more", "\n")
#: Characters tried, in order, for a character class in a sample.
CLASS_CANDIDATES = "aA e0 ,.:-/(©ß)"


def _fixture_texts() -> list[str]:
    """Every block text of the fixture pages, as written and lower-cased."""
    texts = []
    for page in sorted(FIXTURES.rglob("*")):
        if page.suffix == ".html":
            blocks, _ = segment_html(parse_html(page.read_text(encoding="utf-8")))
        elif page.suffix == ".txt":
            blocks = segment_text(page.read_text(encoding="utf-8"))
        else:
            continue
        texts += [b.text for b in blocks]
    return texts + [t.lower() for t in texts]


def _samples(items) -> list[str]:
    """Strings that match a parsed sequence: the first choice everywhere, and each choice of
    every alternation and optional part in turn (the others at their first choice)."""
    options = [_item_samples(op, av) for op, av in items]
    first = [opts[0] for opts in options]
    out = ["".join(first)]
    for i, opts in enumerate(options):
        for choice in opts[1:]:
            out.append("".join(first[:i] + [choice] + first[i + 1:]))
    return out


def _item_samples(op, av) -> list[str]:
    """Strings that match one parsed item (its first choice first)."""
    c = sre_constants
    if op is c.LITERAL:
        return [chr(av)]
    if op is c.NOT_LITERAL:
        return ["a" if chr(av) != "a" else "b"]
    if op is c.ANY:
        return ["a"]
    if op is c.IN:  # each member the class names, else the first candidate it takes
        member = re.compile(_class_regex(av))
        named = [chr(a) for o, a in av if o is c.LITERAL] + [chr(a[0]) for o, a in av if o is c.RANGE]
        found = [ch for ch in dict.fromkeys(named + list(CLASS_CANDIDATES)) if member.fullmatch(ch)]
        return found[:max(1, len(named))]
    if op is c.BRANCH:
        return [s for branch in av[1] for s in _samples(branch)]
    if op is c.SUBPATTERN:
        return _samples(av[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, item = av
        inner = _samples(item)
        counts = {low, low + 1} if low < 3 else {low}
        return [s * n for n in sorted(counts) for s in inner]
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return [""]  # the sample may then not match: such samples are left out
    raise AssertionError(f"no sample for {op}")


def _class_regex(av) -> str:
    """A character class back as regex text, for the few kinds of members the vocabularies use."""
    c = sre_constants
    parts = []
    for op, arg in av:
        if op is c.NEGATE:
            parts.append("^")
        elif op is c.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif op is c.RANGE:
            parts.append(re.escape(chr(arg[0])) + "-" + re.escape(chr(arg[1])))
        elif op is c.CATEGORY:
            parts.append({c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
                          c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w",
                          c.CATEGORY_NOT_WORD: r"\W"}[arg])
        else:
            raise AssertionError(f"class member {op}")
    return "[" + "".join(parts) + "]"


def _part_samples(part: str) -> list[str]:
    """The samples of a part that match it (one built around a lookaround may not)."""
    naive = re.compile(part)
    return [s for s in _samples(sre_parse.parse(part)) if naive.search(s)]


FIXTURE_TEXTS = _fixture_texts()


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_compiled_vocabulary_answers_as_its_naive_regex(name):
    v = VOCABULARIES[name]
    naive = re.compile("|".join(v.parts))
    samples = [s for part in v.parts for s in _part_samples(part)]
    assert len(samples) >= len(v.parts)  # every part is exercised, most several times
    texts = [before + s + after for s in samples for before in BEFORE for after in AFTER]
    texts += FIXTURE_TEXTS
    hits = 0
    for text in texts:
        expected = bool(naive.search(text))
        assert bool(v.search(text)) == expected, (name, text)
        hits += expected
    assert hits >= len(samples)  # the comparison sees matches, not only misses


@pytest.mark.parametrize("screen", [*(g.screen for g in dispatch.SCREEN_GROUPS),
                                    *(g.cased for g in dispatch.SCREEN_GROUPS if g.cased.parts)])
def test_screen_answers_as_any_of_its_vocabularies(screen):
    """A union of vocabularies (the text heuristics' screens) compiles its own regexes: it
    matches a text exactly when one of its vocabularies does (each checked above)."""
    members = [v for v in VOCABULARIES.values() if set(v.parts) <= set(screen.parts)]
    assert {p for v in members for p in v.parts} == set(screen.parts)
    samples = [s for part in screen.parts for s in _part_samples(part)]
    texts = [before + s + after for s in samples for before in BEFORE for after in AFTER[:3]]
    hits = 0
    for text in texts + FIXTURE_TEXTS:
        expected = any(v.search(text) for v in members)
        assert bool(screen.search(text)) == expected, text
        hits += expected
    assert hits >= len(samples)


def test_samples_reach_every_alternative_of_a_spread_group():
    """The sample builder covers each alternative: the comparison above sees every one match."""
    samples = _part_samples(r"\b(?:ab|c(?:d|e)f)\b")
    assert {"ab", "cdf", "cef"} <= set(samples)


@pytest.mark.parametrize(("pattern", "alternatives"), [
    ("(?:a|b)c", ["ac", "bc"]),
    ("(?:a|(?:b|c)d)e", ["ae", "bde", "cde"]),
    ("(?:a|b)?c", ["ac", "bc", "c"]),  # an optional item is spread too
    ("a??b", ["ab", "b"]),
    (r"\(?(?:x )?y", [r"\((?:x )?y", "x y", "y"]),  # only the leading item is spread
    ("a?+b", ["a?+b"]),  # possessive: "a" may not be given back, so "b" alone is no alternative
    ("(?:a|b){0,2}c", ["(?:a|b){0,2}c"]),
    (r"(?:[|(]x|\(y)z", [r"\|xz", r"\(xz", r"\(yz"]),  # bars and brackets in classes and escapes
    ("(?:[]|]a|b)", [r"\]a", r"\|a", "b"]),  # "]" first in a class is a member
    ("a(?:b|c)", ["a(?:b|c)"]),  # only a leading group is spread
    ("[ab]?c", ["ac", "bc", "c"]),
    ("[^ab]c", ["[^ab]c"]),  # a negated class, a range or an escape like \d stays whole
    ("[a-c]d", ["[a-c]d"]),
    (r"[\da]b", [r"[\da]b"]),
    ("[a-]b", ["ab", r"\-b"]),  # "-" at the end is a member
])
def test_alternatives_spread_a_leading_group_or_class(pattern, alternatives):
    assert regex_syntax.alternatives(pattern) == alternatives


@pytest.mark.parametrize(("alt", "word_led"), [
    ("abc", True), ("a?bc", False), ("a*b", False), ("a{2}b", False), ("a+b", False),
    ("é", True), (r"\w", False), ("(?:a)", False), ("-a", False), ("_a", True), ("1a", True),
    (r"\d+ a", True), (r"\d{1,2}a", True), (r"\d a", True), (r"\d? a", False), (r"\d* a", False),
    (r"\d{0,2}a", False), (r"\d{,2}a", False), (r"\w+", False), ("", False),
])
def test_word_led_alternatives_start_with_a_word_character(alt, word_led):
    assert regex_syntax.leading_word_char(alt) == word_led


@pytest.mark.parametrize(("alts", "joined"), [
    (["ab", "ac", "d"], "a(?:b|c)|d"),
    (["abc", "abd", "x?y", "a"], "a(?:b(?:c|d)|)|x?y"),
    (["a+b", "ab"], "ab|a+b"),  # a quantified first character is not shared
    ([r"\.a", r"\.b", "(a)", r"\da"], r"\.(?:a|b)|\da|(a)"),  # escaped punctuation is plain
    # digit leads share one "\d", whatever their count; an optional one is not shared
    ([r"\d+a", r"\d{1,2}b", r"\d{3}c", r"\d{2,}?d", r"\d?e", r"\d++f"],
     r"\d(?:\d(?:\dc|\d{0,}?d)|\d*a|\d{0,1}b)|\d?e|\d++f"),
    ([r"\.?a", r"\.?b"], r"\.?a|\.?b"),
    (["-a", "-b"], "-(?:a|b)"),
])
def test_trie_merges_alternatives_by_leading_characters(alts, joined):
    assert patterns._trie(alts) == joined


@pytest.mark.parametrize("alt", [r"\d+ v", r"\d{1,2} v", r"\d{3} v", r"\d{1} v", r"\d{2,}? v", r"\d{4,6}$"])
@pytest.mark.parametrize("text", ["7 v", "12 v", "123 v", "1234 v", "x 5 v", "v", "7v", "12345", "1"])
def test_merged_digit_leads_match_as_the_alternatives_did(alt, text):
    for alts in ([alt], [alt, r"\d+x"], [alt, r"\d{3}y", r"\d\d?z"]):
        assert bool(re.fullmatch(patterns._trie(alts), text)) == any(re.fullmatch(a, text) for a in alts)


@pytest.mark.parametrize(("pattern", "rest"), [
    (r"[\[(]?\s*(?:a|b)c", "(?:a|b)c"), ("a*?b", "b"), ("(?:ab)?c", "c"), ("a{0,3}b", "b"),
    ("a{,3}b", "b"), ("a{1,3}b", "a{1,3}b"), ("a+b", "a+b"), ("a?+b", "a?+b"), ("ab?", "ab?"),
])
def test_optional_head_is_left_out(pattern, rest):
    assert regex_syntax.without_optional_head(pattern) == rest


def test_colon_lookahead_of_the_said_line_changes_no_answer():
    """COMMENT's "... said:" part looks for a colon first (a fast no): the answers stay those of
    the part without the lookahead."""
    guarded = re.compile(next(p for p in vocab.COMMENT.parts if p.startswith("^(?=[^:]*:)")))
    plain = re.compile(guarded.pattern.replace("(?=[^:]*:)", "", 1))
    texts = [before + s + after for s in _part_samples(plain.pattern) for before in BEFORE for after in AFTER]
    texts += ["john said:", "a" * 79 + " said:", "a" * 80 + " said:", "x\nsaid:", "said\n:", "said :\n"]
    for text in texts + FIXTURE_TEXTS:
        assert bool(guarded.match(text)) == bool(plain.match(text)), text


def test_says_line_reads_its_words_as_the_plain_form_does():
    """COMMENT's "X says:" part takes its words as "(word space){1,4} spaces": the texts of the
    plain "word (space word){0,3} spaces" (one space between words, any number before the verb)."""
    fast = next(p for p in vocab.COMMENT.parts if p.startswith(r"^\s*(?:\S+\s){1,4}"))
    plain = re.compile(fast.replace(r"(?:\S+\s){1,4}\s*", r"\S+(?:\s\S+){0,3}\s+", 1))
    fast = re.compile(fast)
    assert plain.pattern != fast.pattern
    words = ["jane", "jane doe", "dr. jane doe", "a b c d", "a b c d e", "a  b", "a\tb c", "a\nb", ""]
    texts = [f"{lead}{w}{gap}{verb}{tail}" for lead in ("", " ", "\n") for w in words
             for gap in ("", " ", "  ", "\n") for verb in ("says", "said on", "wrote", "sagt", "said")
             for tail in ("", ":", " :", ": ", "\n", " and more")]
    texts += [before + s + after for s in _part_samples(plain.pattern) for before in BEFORE for after in AFTER]
    hits = 0
    for text in texts + FIXTURE_TEXTS:
        assert bool(fast.match(text)) == bool(plain.match(text)), text
        hits += bool(plain.match(text))
    assert hits > 100


def test_a_vocabulary_of_one_regex_answers_through_that_regex():
    """A vocabulary compiled into one start test or one search is searched by the regex's own
    method (no Python frame per block); answers are checked above, truthy or not."""
    assert isinstance(vocab.SHARE.search.__self__, re.Pattern)  # anchored parts only
    assert vocab.READ_MORE_TAIL.search.__self__ is vocab.READ_MORE_TAIL._tests[2][0].__self__
    assert vocab.PROMO.search.__func__ is patterns.Vocabulary.search  # start test and search
    assert not patterns.Vocabulary().search("anything")  # an empty one matches nothing


#: Texts a cased vocabulary matches through a letter that "(?i:...)" takes for an ASCII one but
#: whose lower case is not that letter (dotted and dotless i, long s): the screen must not lose them.
CASE_TRAPS = ("Jane Doe is a staff wrİter at the Gazette.", "Jane Doe is a staff wrıter at the Gazette.",
              "Jane Doe is a journaliſt at the Gazette.", "BY Jane Doe", "Dİ Mario Rossi")


@pytest.mark.parametrize("screen", [dispatch._SCREEN, dispatch._LONG_SCREEN])
def test_a_screen_passes_every_text_one_of_its_vocabularies_matches(screen):
    """A Screen may pass more texts than its vocabularies match, never fewer: every sample of
    every part, placed in texts, and every fixture block, as written and lower-cased."""
    members = [v for v in VOCABULARIES.values() if v in screen.vocabularies]
    samples = [s for v in members for part in v.parts for s in _part_samples(part)]
    texts = [before + s + after for s in samples for before in BEFORE for after in AFTER[:3]]
    texts += [t.upper() for t in texts[::7]] + list(CASE_TRAPS) + FIXTURE_TEXTS
    hits = 0
    for text in texts:
        if any(v.search(text) for v in members if v.cased) or any(v.search(text.lower()) for v in members if not v.cased):
            hits += 1
            assert screen.passes(text.lower(), text), text
    assert hits >= len(samples)
    assert not screen.passes("the council met on tuesday.", "The council met on Tuesday.")


def test_the_screen_reads_costly_parts_from_a_word_they_require():
    """The parts led by runs of any words (COMMENT's "X says:" and "... said:") are searched
    from their verbs; the cased vocabularies are read from their lower-case words."""
    parts = set(dispatch._SCREEN.parts)
    assert r"\b(?:says|said on|schreibt|sagt|dit|dice|wrote)\s*:?\s*$" in parts
    assert r"\b(?:said|says|wrote|schrieb|a écrit|escribió)\s*:\s*$" in parts
    assert r"^\s*(?:by|von|par|por|di|door|from)\s+" in parts  # BYLINE_NAME's lead word
    assert any(p.startswith(r"\b(?:writer|reporter|") for p in parts)  # AUTHOR_BIO_NAMED's job
    assert not any(p.startswith(r"^\s*(?:\S+\s){1,4}") for p in parts)


@pytest.mark.parametrize(("alt", "cased", "factor"), [
    (r"(?:\S+\s){1,4}\s*(?:says|wrote)\s*$", False, r"\b(?:says|wrote)\s*$"),
    (r".{0,80}\b(?:said|wrote):$", False, r"\b(?:said|wrote):$"),
    (r"\s*(?:by|von)\s+x", False, r"^\s*\s*(?:by|von)\s+x"),  # anchored: the prefix, as it is
    (r"\w+(?:is|es)\s", False, None),  # a word character may come before the word
    (r"(?:\S+\s){1,4}(?:is|es)\s", False, None),  # too short to search for
    (r".{0,9}(?:says)?x", False, None),  # an optional word is no factor
    (r"[A-Z]\w+ (?i:writer|editor)\b", True, r"\b(?:writer|editor)\b"),
    (r"(?i:by|von)\s+[A-Z]", True, r"^\s*(?:by|von)\s+"),
    (r"[A-Z]\w+ (?i:Writer)", True, None),  # a capital in the word: not read lower-cased
    (r"[A-Z]\w+ (?:is|was)", True, None),
])
def test_a_factor_is_a_word_every_match_contains(alt, cased, factor):
    assert patterns._factor(alt, patterns.SPACED, cased) == factor
    if factor is not None:  # any text the alternative matches, the factor finds (lower-cased)
        for text in _part_samples("^\\s*" + alt):
            low = " " + text.lower()
            assert re.search(factor.replace("\\b", "\\W", 1) if factor.startswith("\\b") else factor,
                             low if factor.startswith("\\b") else text.lower()), (alt, text)


@pytest.mark.parametrize(("items", "ends"), [
    ([r"\s+"], True), ([r"\S+", r"\s*"], False), ([r"\s*"], None), ([], None), ([r"(?:\w+\s){1,3}"], True),
    ([r"(?:\w+\s)?"], None), ([r"\w", r"(?:\w+\s)?"], False), (["x", r"\b"], True), ([r"\("], True),
    (["a"], False), ([".{0,4}"], False),
])
def test_what_a_sequence_ends_with(items, ends):
    assert patterns._ends_non_word(items) == ends
