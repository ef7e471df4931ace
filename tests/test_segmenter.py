"""Context rules of the segmenter on small synthetic pages, through ``cleaner.clean`` and through
the functions of :mod:`cleaner.decide` one at a time.

Assertions name labels and reasons, never scores: weights are re-tuned during development.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from cleaner import LABELS, clean
from cleaner import decide
from cleaner.decide import core, page_rules, revisions, scores
from cleaner.rules import dispatch
from cleaner.rules import evidence as E
from cleaner.rules.text_heuristics import CAPTION_CREDIT, RELATED_HEADING
from cleaner.features import block_features
from cleaner.language import stopwords
from cleaner.model import Block
from cleaner.segment import segment_text

from bridge_story import STORY, TITLE  # tests/ is on sys.path under pytest
MENU = ["Home", "News", "Sport", "Weather"]
TEASERS = [
    "Local bakery wins national award for sourdough",
    "The bakery on Main Street has been named the best in the country by judges who tasted loaves "
    "from hundreds of shops.",
    "Football club signs striker from Portugal",
    "The striker joins on a three year contract after scoring twenty goals for his previous team "
    "last season.",
    "Heatwave expected to bring record temperatures",
    "Forecasters say the hot weather will last until the weekend, with thunderstorms likely in the "
    "west on Sunday.",
]


def page(*parts: str) -> str:
    return "\n\n".join(parts)


def labels_of(article) -> dict[str, str]:
    return {b.text: b.label for b in article.blocks}


def block(article, text: str):
    return next(b for b in article.blocks if b.text == text)


def check_every_block_is_explained(article) -> None:
    for b in article.blocks:
        assert b.label in LABELS, b
        assert b.reasons and all(isinstance(r, str) and r for r in b.reasons), b


def scored_text(parts: list[str], lang: str = "en") -> list[scores.Scored]:
    """Blocks of a flattened page, scored by the text heuristics as clean() does."""
    blocks = segment_text(page(*parts))
    stop = stopwords(lang)
    feats = [block_features(b.text, b.link_chars, stop) for b in blocks]
    evidence = [dispatch.evaluate(b, f, dispatch.TEXT_HEURISTICS) for b, f in zip(blocks, feats)]
    return scores.score_page(blocks, feats, evidence)


def score(block: Block, feats, evidence: list) -> scores.Scored:
    """One block scored on its own, without the page's memo."""
    return scores.score_page([block], [feats], [evidence])[0]


def test_score_page_sums_each_block_as_score_does():
    """The page's memo of evidence sums gives every block what it gives the block alone; twins
    share one noise_by_label dict, and a revision gives the block it changes a dict of its own."""
    parts = ["Share", "Share", STORY[0], "Subscribe to our newsletter", "Share", STORY[1]]
    blocks = segment_text(page(*parts))
    stop = stopwords("en")
    feats = [block_features(b.text, b.link_chars, stop) for b in blocks]
    evidence = [dispatch.evaluate(b, f, dispatch.TEXT_HEURISTICS) for b, f in zip(blocks, feats)]
    paged = scores.score_page(blocks, feats, evidence)
    alone = [score(b, f, ev) for b, f, ev in zip(blocks, feats, evidence)]
    assert paged == alone
    shares = [s for s in paged if s.block.text == "Share"]
    assert len(shares) == 3 and shares[0].noise_by_label
    assert len({id(s.noise_by_label) for s in shares}) == 1
    before = dict(shares[0].noise_by_label)
    scores.add_noise(shares[0], E.Evidence("related", 1.0, "headline_run"))
    assert shares[0].noise_by_label != before and shares[1].noise_by_label == before


def test_decide_never_changes_a_noise_by_label_dict_in_place():
    """score_page's twins share their noise_by_label dict: every revision of decide() must
    replace a block's dict (add_noise), never change it, or the twins would change too."""
    parts = ["Home", "News", "Share", TITLE, *STORY[:2], "Related Article", *TEASERS[:3], "Share",
             STORY[2], *thread(), "Share", "Photo: Jane Doe/Reuters", "Home", "News", DUP, DUP]
    scored = scored_text(parts)
    dicts = [(s.noise_by_label, dict(s.noise_by_label)) for s in scored]
    assert len({id(d) for d, _ in dicts}) < len(dicts)  # twins share a dict
    decide.decide(scored, [TITLE])
    assert all(d == copy for d, copy in dicts)
    assert any(s.noise_by_label is not d for s, (d, _) in zip(scored, dicts))  # revised: replaced


def test_add_noise_sums_as_score_does():
    """add_noise updates a block's sums from the old ones; they equal what score sums from all
    its evidence (ties, boundary markers, the story's container, random evidence)."""
    rng = random.Random(11)
    labels = ["main", "boilerplate", "related", "caption", "comment", "footer"]
    weights = [0.5, 1.0, 1.5, 2.0, 3.0, 0.1, 0.2, 0.7]
    block = segment_text("Some words here")[0]
    feats = block_features(block.text, 0, stopwords("en"))
    for _ in range(5000):
        inside = rng.choice((None, False, True))
        evidence = [E.Evidence(rng.choice(labels), rng.choice(weights), "r", rng.random() < 0.2)
                    for _ in range(rng.randint(0, 6))]
        added = E.Evidence(rng.choice(labels[1:]), rng.choice(weights) + rng.choice([0.0, 1.0]), "new")
        b = Block(0, block.text, in_story_container=inside)
        fast = score(b, feats, list(evidence))
        scores.add_noise(fast, added)
        slow = score(b, feats, [*evidence, added])
        assert fast == slow, (evidence, added)


def reasons_at(scored: list[scores.Scored], i: int) -> set[str]:
    return {e.reason for e in scored[i].evidence}


# --- the story core --------------------------------------------------------------------
def test_story_core_is_found_between_menu_and_footer():
    footer = ["Source link", "Visited 3 times, 1 visit(s) today", "© 2024 Example Media. All rights reserved."]
    art = clean(page(*MENU, TITLE, *STORY, *footer), kind="text")
    check_every_block_is_explained(art)
    assert art.paragraphs == STORY
    got = labels_of(art)
    assert all(got[m] == "navigation" for m in MENU)
    assert all(got[f] == "footer" for f in footer)
    assert art.title == TITLE and got[TITLE] == "title"


def test_find_core_spans_the_story_only():
    scored = scored_text([*MENU, *STORY, "Source link", "Related Article", *TEASERS])
    start, end = core.find_core(scored)
    assert (start, end) == (len(MENU), len(MENU) + len(STORY))


def test_find_core_is_empty_when_nothing_reads_like_story():
    scored = scored_text([*MENU, "Source link", "Share", "Related Article"])
    assert core.find_core(scored) == (0, 0)


def test_source_link_and_view_counter_end_the_story():
    art = clean(page(TITLE, *STORY, "Source link", "Visited 1 times, 1 visit(s) today",
                     "Related Article", *TEASERS), kind="text")
    check_every_block_is_explained(art)
    assert art.paragraphs == STORY
    assert block(art, "Source link").label == "footer"
    assert "footer_text" in block(art, "Source link").reasons
    assert block(art, "Related Article").label == "related"
    for t in TEASERS:
        assert block(art, t).label != "main"


def test_a_mid_story_read_more_box_is_crossed():
    """The story continues after a "Related Article" box when its vocabulary continues; the
    box's teaser headline is not story text."""
    teaser = "Flood defences on the river to be rebuilt this year"
    art = clean(page(TITLE, *STORY[:3], "Related Article", teaser, *STORY[3:]), kind="text")
    assert art.paragraphs == STORY
    assert block(art, "Related Article").label == "related"
    assert block(art, teaser).label == "related"
    assert "under_related_heading" in block(art, teaser).reasons


def test_mark_related_box_stops_at_a_sentence_or_a_list_intro():
    heads = ["Flood defences on the river to be rebuilt this year", "Here are the highlights:"]
    scored = scored_text(["Related Article", heads[0], STORY[0]])
    page_rules.mark_related_box(scored, page_rules.related_headings(scored))
    assert "under_related_heading" in reasons_at(scored, 1)
    assert "under_related_heading" not in reasons_at(scored, 2)
    scored = scored_text(["Related Article", heads[1], heads[0]])
    page_rules.mark_related_box(scored, page_rules.related_headings(scored))
    assert all("under_related_heading" not in reasons_at(scored, i) for i in (1, 2))


def test_mark_related_box_stops_at_the_page_footer():
    """A footer line under the box's last teaser ("Site · All rights reserved · Contact") is not a
    teaser, also inside the story's container (HTML), where it is no boundary."""
    scored = scored_text(["Related Article", "Flood defences on the river to be rebuilt this year",
                          "Town News All rights reserved Contact Privacy"])
    for s in scored:
        s.block.in_story_container = True
    scored = [score(s.block, s.feats, s.evidence) for s in scored]
    assert not scored[2].boundary
    page_rules.mark_related_box(scored, page_rules.related_headings(scored))
    assert "under_related_heading" in reasons_at(scored, 1)
    assert "under_related_heading" not in reasons_at(scored, 2)


# --- captions ---------------------------------------------------------------------------
ALT = "Workers on the old bridge at dawn"
CAPTION = "The old bridge was built in 1902 and needs constant repairs. (Reuters: Kevin Lamarque)"


def test_alt_text_before_a_credited_caption_is_a_caption():
    art = clean(page(TITLE, *STORY[:3], ALT, CAPTION, *STORY[3:]), kind="text")
    check_every_block_is_explained(art)
    assert art.paragraphs == STORY  # the photo does not cut the story in two
    assert block(art, CAPTION).label == "caption"
    assert "caption_credit" in block(art, CAPTION).reasons
    assert block(art, ALT).label == "caption"
    assert "caption_pair" in block(art, ALT).reasons


def test_pair_captions_needs_a_credited_caption_and_an_unpunctuated_line():
    scored = scored_text([STORY[0], ALT, CAPTION, STORY[1]])
    page_rules.pair_captions(scored)
    assert "caption_pair" in reasons_at(scored, 1)
    assert "caption_pair" not in reasons_at(scored, 0)  # a sentence is not alt text
    # without the credit the line before it is left alone
    plain = scored_text([STORY[0], ALT, STORY[1], STORY[2]])
    page_rules.pair_captions(plain)
    assert all("caption_pair" not in reasons_at(plain, i) for i in range(len(plain)))


def test_pair_captions_ignores_lines_longer_than_alt_text():
    long_line = " ".join(["bridge"] * (page_rules.CAPTION_PAIR_MAX_WORDS + 1))
    scored = scored_text([STORY[0], long_line, CAPTION])
    page_rules.pair_captions(scored)
    assert "caption_pair" not in reasons_at(scored, 1)


def test_block_before_a_bare_agency_credit_is_its_caption():
    """ "Photographer/Agency" on its own line follows the caption it credits, even a caption
    written as a sentence; a credit with a keyword ("Image copyright ...") is left to the rest."""
    caption = "Workers repair the old bridge at dawn on Tuesday, two years before the new one opens."
    credit = "Kevin Lamarque/Reuters/Getty Images"
    art = clean(page(TITLE, *STORY[:3], caption, credit, *STORY[3:]), kind="text")
    assert art.paragraphs == STORY
    assert block(art, caption).label == "caption"
    assert "caption_before_credit" in block(art, caption).reasons
    scored = scored_text([STORY[0], "Image copyright Getty Images", STORY[1]])
    page_rules.pair_captions(scored)
    assert "caption_before_credit" not in reasons_at(scored, 0)


# --- duplicates ---------------------------------------------------------------------------
DUP = ("Residents can read the full plan at the town library, where copies will be kept on "
       "display until the end of the month.")


def test_a_paragraph_that_occurs_twice_is_not_main():
    art = clean(page(TITLE, *STORY[:2], DUP, *STORY[2:], DUP), kind="text")
    check_every_block_is_explained(art)
    dups = [b for b in art.blocks if b.text == DUP]
    assert len(dups) == 2
    for b in dups:
        assert b.label != "main" and "duplicate_text" in b.reasons
    assert art.paragraphs == STORY


def test_mark_duplicates_compares_words_not_punctuation_and_skips_short_lines():
    variant = "“" + DUP.replace(",", "").rstrip(".") + "”"
    scored = scored_text([DUP, STORY[0], variant, "Share", "Share"])
    page_rules.mark_duplicates(scored)
    assert "duplicate_text" in reasons_at(scored, 0)
    assert "duplicate_text" in reasons_at(scored, 2)
    assert "duplicate_text" not in reasons_at(scored, 1)
    # "Share" is shorter than DUPLICATE_MIN_WORDS: menus and buttons may repeat
    assert page_rules.DUPLICATE_MIN_WORDS > 1
    assert "duplicate_text" not in reasons_at(scored, 3)


def test_mark_duplicates_catches_a_copy_with_a_prefix():
    """Gallery pages repeat a caption with a counter glued to it ("1of4Council members ...")."""
    assert len(STORY[1].split()) > page_rules.DUPLICATE_TAIL_WORDS
    scored = scored_text([STORY[1], STORY[0], "1of4" + STORY[1]])
    page_rules.mark_duplicates(scored)
    assert "duplicate_text" in reasons_at(scored, 0)
    assert "duplicate_text" in reasons_at(scored, 2)


def test_a_story_rendered_twice_keeps_its_first_copy():
    """A page that shows its story twice in a row (a desktop and a mobile layout) keeps one copy;
    a run of paragraphs repeated with the story between the copies (a cloned ticker) keeps none."""
    long = [a + " " + b for a, b in zip(STORY, STORY[1:] + STORY[:1])]  # paragraphs of ~60 words
    assert sum(len(p.split()) for p in long[:4]) >= page_rules.MIRROR_MIN_WORDS
    assert page_rules.MIRROR_MIN_BLOCKS <= 4
    art = clean(page(TITLE, *long, *long, "Contact us"), kind="text")
    check_every_block_is_explained(art)
    assert art.paragraphs == long
    scored = scored_text([*long, TITLE, *long])
    page_rules.mark_duplicates(scored)
    assert all("duplicate_text" not in reasons_at(scored, i) for i in range(len(long)))
    assert all("duplicate_text" in reasons_at(scored, i) for i in range(len(long) + 1, len(scored)))
    ticker = long[:4]
    scored = scored_text([*ticker, *STORY, *ticker])  # the page's own story between the copies
    page_rules.mark_duplicates(scored)
    assert all("duplicate_text" in reasons_at(scored, i) for i in range(len(ticker)))


def test_too_short_to_copy_only_for_texts_of_few_words():
    """_too_short_to_copy never passes over a text of DUPLICATE_MIN_WORDS \\w+ words or more
    (underscores, apostrophes, digits and non-ASCII letters included)."""
    stop = stopwords("en")
    rng = random.Random(3)
    alphabet = "ab1_ '.-\u2019\u00e9\u0130"
    texts = ["a b c d", "a'b c'd", "don't stop", "x_y z w", "\u0130x y z", "a-b-c-d", "a'b'c'd"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        f = block_features(text, 0, stop)
        if page_rules._too_short_to_copy(f):
            assert len(re.findall(r"\w+", f.lower)) < page_rules.DUPLICATE_MIN_WORDS, text


def test_mark_duplicates_marks_what_splitting_every_block_marks(monkeypatch):
    """_may_repeat passes blocks over; mark_duplicates marks what it marks when every block is
    split into words (random pages of texts that repeat with other punctuation or a prefix)."""
    rng = random.Random(5)
    words = ["bridge", "river", "a", "the", "1of4", "_", "don't", "council", "x"]
    for _ in range(300):
        pool = [rng.choice(["", "\u201c", "- "]) + " ".join(rng.choices(words, k=rng.randint(1, 14)))
                for _ in range(rng.randint(1, 5))]
        texts = rng.choices(pool, k=rng.randint(2, 8))
        texts += [rng.choice(["1of4", "2/3", "Photo"]) + t for t in rng.sample(texts, 1)]
        texts += [t.replace(" ", ", ") + "." for t in rng.sample(texts, 1)]
        scored = scored_text(texts)
        page_rules.mark_duplicates(scored)
        got = [reasons_at(scored, i) for i in range(len(scored))]
        scored = scored_text(texts)
        with monkeypatch.context() as m:
            m.setattr(page_rules, "_may_repeat", lambda sc: list(range(len(sc))))
            page_rules.mark_duplicates(scored)
        assert got == [reasons_at(scored, i) for i in range(len(scored))], texts


# --- repeated list items (comment threads) --------------------------------------------------
COMMENTS = [
    "I have waited for this bridge since I was a child and I am glad the council finally made a "
    "decision about it.",
    "This is a waste of money that should have gone to the schools and the hospital instead of "
    "another road project.",
    "The traffic on the old crossing is terrible every morning, so anything that helps the "
    "commuters is welcome news.",
    "I hope they keep the cycle lanes in the final design because the council has dropped them "
    "from plans before.",
]


def thread() -> list[str]:
    out = ["Comments"]
    for n, text in enumerate(COMMENTS, start=2):
        out += [f"{n} days ago", text]
    return out


def test_words_of_letters_only_rule_out_a_digit():
    """mark_repeated_items skips a line whose WORD tokens are all letters before it searches for a
    digit: every digit (\\d) is in a token, whatever surrounds it (every code point that is one,
    and random mixes of digits, letters, apostrophes and underscores)."""
    stop = stopwords("en")
    digits = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\d", chr(c))]
    for d in digits:
        tokens = block_features(f"a{d} {d}_\u2019{d}'x", 0, stop).tokens
        assert not "".join(tokens).isalpha(), d
    rng = random.Random(13)
    alphabet = "ab \u00e9_'\u2019-.1\u0663\u00b2\u2160"
    for _ in range(20000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        if "".join(block_features(text, 0, stop).tokens).isalpha():
            assert not re.search(r"\d", text), text


def test_comment_thread_with_repeated_date_separators_is_not_main():
    art = clean(page(TITLE, *STORY, *thread()), kind="text")
    check_every_block_is_explained(art)
    assert art.paragraphs == STORY
    for text in COMMENTS:
        b = block(art, text)
        assert b.label != "main"
        assert "repeated_item_region" in b.reasons


def test_repeated_items_under_a_comments_heading_are_comments():
    """The "Comments" heading sits above the first separator, outside the repeated region."""
    scored = scored_text([*STORY, *thread()])
    page_rules.mark_repeated_items(scored)
    first_comment = len(STORY) + 2
    assert scored[first_comment].noise_label == "comment"


def test_comment_thread_separated_by_author_lines_is_not_main():
    """Under a "Comments" heading, each comment's "X said:" line (names and times differ from
    one to the next) separates the items: the thread does not outweigh a short story."""
    authors = ["Milan Griffes on September 12, 2018 at 4:47 pm said:", "Gary M said:",
               "Catherine (Town Council) on September 13, 2018 at 5:23 pm said:", "Alex said:"]
    comments = []
    for a, text in zip(authors, COMMENTS):
        comments += [a, text]
    art = clean(page(TITLE, *STORY[:2], "Comments", *comments), kind="text")
    assert art.paragraphs == STORY[:2]
    for text in COMMENTS:
        assert block(art, text).label == "comment"
    # the same lines without the heading are left to the other rules ("He said:" in a story)
    scored = scored_text([*STORY[:2], *comments])
    page_rules.mark_repeated_items(scored)
    assert all("repeated_item_region" not in reasons_at(scored, i) for i in range(len(scored)))


def test_mark_repeated_items_needs_the_separator_to_recur():
    scored = scored_text([*STORY, *thread()])
    page_rules.mark_repeated_items(scored)
    first_comment = len(STORY) + 2
    assert "repeated_item_region" in reasons_at(scored, first_comment)
    assert all("repeated_item_region" not in reasons_at(scored, i) for i in range(len(STORY)))
    # fewer than REPEAT_MIN separators: two dated paragraphs are not a list
    few = ["Comments"]
    for n, text in enumerate(COMMENTS[: page_rules.REPEAT_MIN - 1], start=2):
        few += [f"{n} days ago", text]
    scored = scored_text([*STORY, *few])
    page_rules.mark_repeated_items(scored)
    assert all("repeated_item_region" not in reasons_at(scored, i) for i in range(len(scored)))


def test_bare_numbers_of_a_flattened_table_are_not_list_separators():
    """Table cells ("63", "85%") recur like separators, but a separator names something ("2 days
    ago", "15 comments"): the story paragraphs after a stats table stay story."""
    table = []
    for name, plays, share in (("Larry Ogunjobi", 63, 85), ("Myles Garrett", 57, 77),
                               ("Chad Thomas", 57, 77), ("Chris Smith", 29, 39)):
        table += [name, str(plays), f"{share}%"]
    scored = scored_text([*STORY[:2], *table, *STORY[2:]])
    page_rules.mark_repeated_items(scored)
    assert all("repeated_item_region" not in reasons_at(scored, i) for i in range(len(scored)))


def test_an_archive_list_does_not_swallow_the_story_after_it():
    """Month counters ("March (11)") recur, but nothing but other short lines sits between them:
    a menu-like list, and the story after its last entry is not one of its items."""
    archive = []
    for year in (2019, 2018, 2017, 2016):
        archive.append(str(year))
        archive += [f"{m} ({n})" for m, n in (("November", 12), ("October", 9), ("March", 4))]
    scored = scored_text([*archive, TITLE, *STORY])
    page_rules.mark_repeated_items(scored)
    assert all("repeated_item_region" not in reasons_at(scored, i) for i in range(len(scored)))
    art = clean(page(*archive, TITLE, *STORY), kind="text")
    assert art.paragraphs == STORY


# --- teaser tails and headline runs -----------------------------------------------------------
def test_trailing_teasers_about_other_subjects_are_cut():
    art = clean(page(TITLE, *STORY, *TEASERS), kind="text")
    check_every_block_is_explained(art)
    assert art.paragraphs == STORY
    for t in TEASERS:
        assert block(art, t).label != "main"


def test_trim_teaser_tail_returns_the_end_of_the_story():
    scored = scored_text([*STORY, *TEASERS])
    end = len(scored)
    assert core.trim_teaser_tail(scored, 0, end) == len(STORY)


SECTIONED = [
    TITLE, *STORY[:3],
    "Why the bridge took so long",
    "The bridge plan stalled for years because the council and the river authority could not "
    "agree who would pay for the crossing and the new approach road.",
    "What the bridge will cost the council",
    "The council expects the bridge to cost about forty million pounds, with the river authority "
    "paying a quarter of the bill for the new crossing.",
    "When the bridge work begins",
    "Work on the bridge begins next spring, and the council said commuters should expect closures "
    "on the old crossing while the new river bridge is built.",
]


def test_story_with_subheadings_about_its_own_subject_is_kept():
    art = clean(page(*SECTIONED), kind="text")
    check_every_block_is_explained(art)
    assert art.title == TITLE
    assert art.paragraphs == SECTIONED[1:]


def test_trim_teaser_tail_keeps_a_coherent_sectioned_story():
    scored = scored_text(SECTIONED)
    assert core.trim_teaser_tail(scored, 0, len(scored)) == len(scored)


KAYAK_TITLE = "Early thaw opens kayak season on the northern lakes"
KAYAK = [
    ("Kayak guides on the northern lakes say the season has started three weeks early this year, "
    "after a mild spring melted the ice before the end of April."),
    ("Operators are hiring extra staff and adding evening trips to cope with bookings, which are "
    "already ahead of last summer's record."),
    "Where to paddle first",
    ("The calm eastern bays suit beginners, with sheltered water, sandy landing spots and marked "
    "routes between the islands."),
    "What gear to bring",
    ("Pack a dry bag, a spare layer and plenty of water; most outfitters supply life jackets, "
    "paddles and waterproof maps."),
    "When the weather turns",
    ("Afternoon winds can build quickly, so guides recommend setting out early and staying close "
    "to the shore after lunch."),
]


def test_short_intro_before_subheaded_sections_is_not_a_teaser_tail():
    """Title + two-paragraph intro + subheading/paragraph pairs: the sections share few words
    with the intro, but the title does not count as a story paragraph."""
    art = clean(page(KAYAK_TITLE, *KAYAK), kind="text")
    assert art.title == KAYAK_TITLE
    assert art.paragraphs == KAYAK
    scored = scored_text([KAYAK_TITLE, *KAYAK])
    assert core.trim_teaser_tail(scored, 0, len(scored)) == len(scored)


def test_trim_teaser_tail_needs_enough_pairs():
    """One headline+summary pair after a story is not a teaser list."""
    assert core.TEASER_MIN_PAIRS >= 2
    scored = scored_text([*STORY, *TEASERS[:2]])
    assert core.trim_teaser_tail(scored, 0, len(scored)) == len(scored)


def test_headline_run_marks_runs_of_unpunctuated_lines_only():
    heads = [TEASERS[0], TEASERS[2], TEASERS[4]]
    assert len(heads) >= page_rules.HEADLINE_RUN_MIN
    scored = scored_text([STORY[0], *heads, STORY[1], "Why the bridge took so long", STORY[2]])
    page_rules.mark_headline_runs(scored)
    for i in range(1, 1 + len(heads)):
        assert "headline_run" in reasons_at(scored, i)
    # a subheading between paragraphs is not a run
    assert "headline_run" not in reasons_at(scored, len(heads) + 2)
    assert "headline_run" not in reasons_at(scored, 0)
    # a run that ends the page is a run too
    scored = scored_text([STORY[0], *heads])
    page_rules.mark_headline_runs(scored)
    assert all("headline_run" in reasons_at(scored, i) for i in range(1, 1 + len(heads)))


def test_flattened_text_takes_no_lead_from_above_the_byline():
    """Without markup, a sentence above the byline and share bar is as often the site's blurb
    or a standfirst kept apart from the body: the story starts below the furniture."""
    blurb = "Chat with us on our messenger channel and find out what is happening in the world as it unfolds."
    art = clean(page(blurb, "By Jane Smith", "Share this article", TITLE, *STORY), kind="text")
    assert art.paragraphs == STORY
    assert block(art, blurb).label != "main"


def test_a_plain_teaser_headline_under_a_related_heading_is_not_main():
    """A teaser of common words ("Airline warns staff over protests") has no evidence either way
    and would stay main inside the story; under a "More:" heading it is the box's teaser."""
    teaser = "Airline warns staff over protests"
    scored = scored_text([teaser])
    assert not scored[0].evidence  # nothing speaks for or against it on its own
    art = clean(page(TITLE, *STORY[:3], "More:", teaser, *STORY[3:]), kind="text")
    assert block(art, teaser).label == "related"
    assert "under_related_heading" in block(art, teaser).reasons
    assert art.paragraphs == STORY


# --- short lines inside the story --------------------------------------------------------------
def test_short_line_between_story_paragraphs_stays_main():
    art = clean(page(TITLE, *STORY[:2], "Bridge in numbers", *STORY[2:]), kind="text")
    check_every_block_is_explained(art)
    assert block(art, "Bridge in numbers").label == "main"
    assert art.paragraphs == [*STORY[:2], "Bridge in numbers", *STORY[2:]]


def test_short_boilerplate_line_inside_story_is_not_rescued():
    """Only shortness may be overruled: a share bar between paragraphs is still furniture."""
    art = clean(page(TITLE, *STORY[:2], "Share this article", *STORY[2:]), kind="text")
    assert block(art, "Share this article").label == "footer"
    assert art.paragraphs == STORY


# --- lists a story line announces ------------------------------------------------------------
DATES = [
    "June 9 -- Riverside Amphitheatre, Westport",
    "June 12 -- Harbour Arena, Eastbridge",
    "June 14 -- Town Hall Stage, Millford",
    "June 20 -- Castle Gardens, Northam",
]


def test_list_announced_by_a_story_line_is_story():
    """A colon line closing the story announces the list under it (tour dates, qualified teams):
    the items are story however short and list-like, up to the share bar."""
    intro = "The band will play these dates on the bridge tour:"
    art = clean(page(TITLE, *STORY, intro, *DATES, "Facebook", "Twitter", *MENU), kind="text")
    check_every_block_is_explained(art)
    assert art.paragraphs == [*STORY, intro, *DATES]
    assert "announced_list" in block(art, DATES[0]).reasons
    assert block(art, "Facebook").label != "main"


def test_a_short_label_with_a_colon_announces_nothing():
    """"Sources:" or "About this statement:" label a box of furniture, not a list in the story."""
    art = clean(page(TITLE, *STORY, "Share this:", *DATES, *MENU), kind="text")
    assert art.paragraphs == STORY


# --- titles ---------------------------------------------------------------------------------
def test_title_of_a_text_page_is_its_headline_block():
    art = clean(page(*MENU, TITLE, *STORY), kind="text")
    assert art.title == TITLE
    titles = [b for b in art.blocks if b.label == "title"]
    assert [b.text for b in titles] == [TITLE]
    assert "title" in titles[0].reasons


def test_title_prefers_a_block_matching_the_page_title_hint():
    scored = scored_text(["Town News front page", TITLE, *STORY])
    _, _, t = decide.decide(scored, [TITLE + " | Town News"])
    assert t == 1
    assert scored[1].block.label == "title" and scored[0].block.label != "title"


def test_no_title_without_a_headline():
    scored = scored_text(STORY)
    _, _, t = decide.decide(scored, [])
    assert t is None
    assert all(s.block.label == "main" for s in scored)


# --- HTML: container, lead, menus, related boxes -------------------------------------------------
def _p(text: str) -> str:
    return f"<p>{text}</p>"


LEAD = ("The council's decision ends a long fight over the crossing and clears the way for "
        "building work on the river to start next spring.")
HTML = f"""<!doctype html><html><head><title>{TITLE} | Town News</title></head><body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather and travel</a></li></ul></nav></header>
<main>
<h1>{TITLE}</h1>
<p class="standfirst">{LEAD}</p>
<div class="meta"><span class="byline">By Jane Smith</span> <time>12 March 2024</time></div>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
<article class="article-body">
{_p(STORY[0])}{_p(STORY[1])}
<ul><li>Length: 240 metres</li><li>Cost: 40 million pounds</li><li>Opening: 2027</li></ul>
{_p(STORY[2])}
<table><tr><td>Option A</td><td>East bank</td><td>12 million</td></tr>
<tr><td>Option B</td><td>West bank</td><td>15 million</td></tr></table>
{_p(STORY[3])}{_p(STORY[4])}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Local bakery wins national award for sourdough bread</a></li>
<li><a href="/b">Football club signs striker from Portugal on loan</a></li></ul></aside>
</main>
<footer><p>© 2024 Town News. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def html_article():
    return clean(HTML)


def test_html_page_is_sniffed_and_every_block_explained(html_article):
    assert html_article.kind == "html"
    check_every_block_is_explained(html_article)


def test_h1_is_the_title_and_never_main(html_article):
    assert html_article.title == TITLE
    h1 = [b for b in html_article.blocks if b.tag == "h1"]
    assert len(h1) == 1 and h1[0].label == "title"
    assert TITLE not in html_article.paragraphs


def test_lead_separated_by_byline_and_share_bar_is_main(html_article):
    lead = block(html_article, LEAD)
    assert lead.label == "main" and "lead_paragraph" in lead.reasons
    assert html_article.paragraphs[0] == LEAD
    assert block(html_article, "Facebook Twitter Email").label == "footer"
    byline = next(b for b in html_article.blocks if b.text.startswith("By Jane Smith"))
    assert byline.label != "main"


def test_list_items_and_table_rows_inside_the_story_are_main(html_article):
    for text in ("Length: 240 metres", "Cost: 40 million pounds", "Opening: 2027",
                 "Option A | East bank | 12 million", "Option B | West bank | 15 million"):
        assert block(html_article, text).label == "main", text
    assert html_article.paragraphs == [
        LEAD, STORY[0], STORY[1], "Length: 240 metres", "Cost: 40 million pounds", "Opening: 2027",
        STORY[2], "Option A | East bank | 12 million", "Option B | West bank | 15 million",
        STORY[3], STORY[4],
    ]
    short = block(html_article, "Opening: 2027")
    assert "story_container" in short.reasons


def test_nav_menu_is_navigation_and_aside_box_is_related(html_article):
    for text in ("Home", "News", "Sport", "Weather and travel"):
        b = block(html_article, text)
        assert b.label == "navigation" and "dom_navigation" in b.reasons
    for text in ("Related stories", "Local bakery wins national award for sourdough bread",
                 "Football club signs striker from Portugal on loan"):
        b = block(html_article, text)
        assert b.label == "related" and "dom_related" in b.reasons
    assert block(html_article, "© 2024 Town News. All rights reserved.").label == "footer"


def test_story_blocks_sit_in_the_container_and_others_outside(html_article):
    for text in STORY:
        assert "story_container" in block(html_article, text).reasons
    assert "outside_story_container" in block(html_article, "Home").reasons


THREAD = [
    f"Reader {i} wrote that the council should have asked the people who live by the river much "
    f"earlier, because the traffic on the old crossing has been a problem for years and nobody "
    f"listened to them until the election came around again this spring, point number {i}."
    for i in range(8)
]


def _thread_page(article_class: str) -> str:
    thread = "".join(f'<li class="comment"><div class="comment-content">{_p(c)}</div></li>' for c in THREAD)
    return f"""<html><head><title>{TITLE}</title></head><body><main>
<article class="{article_class}"><h1>{TITLE}</h1>{_p(STORY[0])}{_p(STORY[1])}</article>
<div class="comments-area"><h3>Comments</h3><ol class="comment-list">{thread}</ol></div>
</main></body></html>"""


def test_long_comment_thread_does_not_become_the_story_container():
    art = clean(_thread_page("post"))
    assert art.paragraphs == STORY[:2]
    assert all(block(art, c).label != "main" for c in THREAD)


def test_post_classes_naming_a_category_or_sidebar_are_not_boxes():
    from cleaner.dom import _box_name

    assert _box_name("comments-area") and _box_name("sidebarRight") and _box_name("x footer__copy")
    assert _box_name("popup-overlay pum") and _box_name("dialog login-form")
    assert not _box_name("post category-community has-sidebar header-footer-group")
    art = clean(_thread_page("post category-community has-sidebar").replace("<li class", "<li data-x"))
    assert art.paragraphs[:2] == STORY[:2]


MORE_STORY = [
    "Shop owners on the eastern bank welcomed the vote, saying that the long wait for a decision "
    "had kept customers away and that the new crossing would bring visitors back to the old town.",
    "The council will hold a public meeting next month to show residents the final drawings of the "
    "bridge and to answer questions about the noise and dust during the two years of building.",
]
BLURB = ("Acme Holdings is a global provider of logistics software, headquartered in Zurich, with "
         "subsidiaries in fifteen countries and around thirteen hundred employees worldwide; its "
         "registered shares are listed on the exchange.")


def test_short_blurb_after_the_story_container_is_cut_from_the_story():
    body = "".join(_p(t) for t in [*STORY, *MORE_STORY])
    markup = (f"<html><body><main><h1>{TITLE}</h1><div class='article-body'>{body}</div>"
              f"<div class='about'>{_p(BLURB)}</div></main></body></html>")
    art = clean(markup)
    assert art.paragraphs == [*STORY, *MORE_STORY]
    assert block(art, BLURB).label != "main"


TEASER_ITEMS = ["The strange life of the lighthouse keeper on the northern island",
                "How the football club found its new striker in a small town",
                "What the new tax on sugar means for the bakeries in the old town"]


def test_teaser_list_under_a_related_heading_inside_the_container_is_related():
    items = "".join(f"<li><a href='/x'>{t.split(' ')[0]}</a> {' '.join(t.split(' ')[1:])}</li>" for t in TEASER_ITEMS)
    body = "".join(_p(t) for t in STORY)
    markup = (f"<html><body><main><h1>{TITLE}</h1><article class='article-body'>{body}"
              f"<h3>More Great Town News Stories</h3><ul>{items}</ul></article></main></body></html>")
    art = clean(markup)
    assert art.paragraphs == STORY
    for t in TEASER_ITEMS:
        b = block(art, t)
        assert b.label == "related" and "related_list" in b.reasons


def test_sentences_under_a_recommended_heading_stay_story():
    advice = ["Check the timetable before you travel to the bridge.",
              "Use the ferry while the old crossing is closed for the works."]
    body = "".join(_p(t) for t in STORY)
    items = "".join(f"<li>{t}</li>" for t in advice)
    markup = (f"<html><body><main><h1>{TITLE}</h1><article class='article-body'>{body}"
              f"<h4>Recommended</h4><ul>{items}</ul></article></main></body></html>")
    art = clean(markup)
    assert all(block(art, t).label == "main" for t in advice)


INTRO = "Engineers tested the riverbed for two years before the council agreed to it."
SECOND = "The vote on Tuesday was the last step before building work can start."
HEADED_HTML = f"""<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="intro"><h1>{TITLE}</h1>{_p(INTRO)}
<figure><img src="a.jpg"><figcaption>The old ferry crossing, which the new bridge will replace
once it opens to traffic in 2027 (Photo: Town News)</figcaption></figure>
<div class="newsletter"><p>Sign up for our daily newsletter to get the news from the town
and the county in your inbox every morning</p></div>{_p(SECOND)}</div>
<article class="article-body">{"".join(_p(t) for t in STORY)}</article>
<footer><p>© 2024 Town News. All rights reserved.</p></footer></body></html>"""


def test_paragraphs_between_headline_and_story_are_its_lead():
    art = clean(HEADED_HTML)
    intro = block(art, INTRO)
    assert intro.label == "main" and "lead_after_headline" in intro.reasons
    assert art.paragraphs == [INTRO, SECOND, *STORY]
    assert block(art, "Home News").label != "main"


def test_no_lead_is_taken_without_a_headline_before_the_story():
    art = clean(HEADED_HTML.replace("<h1>", "<p>").replace("</h1>", "</p>"))
    assert "lead_after_headline" not in block(art, INTRO).reasons


def test_leads_are_taken_from_the_first_headline_on_when_a_page_has_several():
    two = HEADED_HTML.replace("<figure>", "<h1>Read the full report</h1><figure>")
    art = clean(two)
    assert art.paragraphs == [INTRO, SECOND, *STORY]


def test_a_lead_only_the_markup_speaks_against_is_main_but_a_deck_in_h2_is_not():
    boxed = HEADED_HTML.replace(_p(INTRO), f'<div class="header">{_p(INTRO)}</div>')
    intro = block(clean(boxed), INTRO)
    assert intro.label == "main" and "lead_after_headline" in intro.reasons
    assert "dom_navigation" in intro.reasons
    deck = HEADED_HTML.replace(_p(INTRO), f'<div class="header"><h2>{INTRO}</h2></div>')
    assert block(clean(deck), INTRO).label != "main"


def test_short_lines_between_headline_and_story_are_main_unless_boilerplate_speaks():
    facts = ["Length: 240 metres", "Cost: 40 million", "Opening: 2027"]
    listed = "<ul>" + "".join(f"<li>{t}</li>" for t in facts) + "</ul>"
    art = clean(HEADED_HTML.replace('<div class="newsletter">', listed + '<div class="newsletter">'))
    for text in facts:
        b = block(art, text)
        assert b.label == "main" and "under_headline" in b.reasons, text
    assert art.paragraphs == [INTRO, *facts, SECOND, *STORY]
    assert block(art, "Home News").label == "navigation"


def test_date_stamps_and_counts_under_the_headline_stay_out_of_the_story():
    furniture = ["by Jane Doe — November 18, 2019", "Nov. 20, 2019, 9:28 AM UTC", "84.1K", "4553"]
    lines = "".join(f"<div>{t}</div>" for t in furniture)
    art = clean(HEADED_HTML.replace('<div class="newsletter">', lines + '<div class="newsletter">'))
    for text in furniture:
        assert block(art, text).label != "main", text
    assert art.paragraphs == [INTRO, SECOND, *STORY]


def test_a_plug_at_the_end_of_the_story_is_its_sign_off_not_its_last_paragraph():
    plug = ("There's plenty more where that came from. Sign up for the Town News newsletter today "
            "to get the free daily briefing on the bridge and the town.")
    closing = ("The council said the bridge would pay for itself within twenty years, and that "
               "subscriptions to the new ferry pass would be refunded in full to every commuter who "
               "bought one before the old crossing closed for the works.")
    body = "".join(_p(t) for t in [*STORY, closing, plug])
    art = clean(f"<html><body><h1>{TITLE}</h1><article class='article-body'>{body}</article>"
                "</body></html>")
    b = block(art, plug)
    assert b.label == "promo" and "sign_off" in b.reasons
    assert art.paragraphs == [*STORY, closing]


def test_teaser_links_under_a_more_heading_inside_the_story_are_related():
    teasers = ["Ferry operator sees the bridge as the end of its route",
               "Town museum plans an exhibition on the old crossing"]
    box = "<h4>More:</h4>" + "".join(f"<h4><a href='/x{i}'>{t}</a></h4>" for i, t in enumerate(teasers))
    body = "".join(_p(t) for t in STORY[:3]) + box + "".join(_p(t) for t in STORY[3:])
    art = clean(f"<html><body><h1>{TITLE}</h1><article class='article-body'>{body}</article>"
                "</body></html>")
    for text in ["More:", *teasers]:
        assert block(art, text).label == "related", text
    assert art.paragraphs == STORY


@pytest.mark.parametrize("tail", [
    "Full coverage: https://example.com/bridge",
    ("Jane Doe (jane@example.com) is the editor and publisher of Town News, and a senior staff "
     "writer with the county paper, where she has covered the bridge for ten years. She lives in "
     "the old town with her family."),
])
def test_a_web_address_or_a_writer_note_ending_the_story_is_its_sign_off(tail):
    body = "".join(_p(t) for t in [*STORY, tail])
    art = clean(f"<html><body><h1>{TITLE}</h1><article class='article-body'>{body}</article>"
                "</body></html>")
    assert "sign_off" in block(art, tail).reasons
    assert art.paragraphs == STORY


def test_decide_labels_in_place_and_reports_core_and_title():
    scored = scored_text([*MENU, TITLE, *STORY, "Source link"])
    start, end, t = decide.decide(scored, [])
    assert start in (len(MENU), len(MENU) + 1)  # the headline may open the core or precede it
    assert end == len(MENU) + 1 + len(STORY)
    assert t == len(MENU)
    assert [s.block.label for s in scored[start:end] if s.block.text != TITLE] == ["main"] * len(STORY)
    assert scored[-1].block.label == "footer"


# --- segmentation ------------------------------------------------------------------------------
def test_segment_text_splits_on_blank_lines_of_any_whitespace_and_line_ending():
    text = "First  block\nstill first\n \t\nSecond block\r\n\r\nThird\r\rFourth"
    assert [b.text for b in segment_text(text)] == [
        "First block still first", "Second block", "Third", "Fourth"]
    assert [b.index for b in segment_text(text)] == [0, 1, 2, 3]


def test_segment_html_merges_table_cells_into_rows_but_not_layout_tables():
    from cleaner.segment import MAX_ROW_CHARS, parse_html, segment_html

    long_cell = " ".join(["word"] * (MAX_ROW_CHARS // 4))
    markup = ("<html><body><table><tr><th>Rank</th><th>Driver</th></tr>"
              "<tr><td>1</td><td>Kyle Busch</td></tr></table>"
              f"<table><tr><td>{long_cell}</td><td>{long_cell}</td></tr></table></body></html>")
    blocks, _ = segment_html(parse_html(markup))
    texts = [b.text for b in blocks]
    assert texts[:2] == ["Rank | Driver", "1 | Kyle Busch"]
    assert blocks[1].tag == "tr"
    assert texts[2:] == [long_cell, long_cell]  # a row too long to be data stays split
    assert [b.index for b in blocks] == list(range(len(blocks)))


def test_segment_html_records_links_and_drops_scripts_and_hidden_text():
    from cleaner.segment import parse_html, segment_html

    markup = ("<html><body><p>Read <a href='/r'>the report</a> now.</p>"
              "<script>var hidden = 1;</script><p hidden>Secret text</p>"
              "<p style='display: none'>Also secret</p><img alt='A bridge at dawn'></body></html>")
    blocks, _ = segment_html(parse_html(markup))
    assert [b.text for b in blocks] == ["Read the report now.", "A bridge at dawn"]
    assert blocks[0].link_chars == len("the report")
    assert blocks[1].tag == "img"


def test_ruby_readings_are_not_text():
    """Furigana over kanji (<rt>) and its fallback brackets (<rp>) would double every word."""
    from cleaner.segment import parse_html, segment_html

    markup = ("<html><body><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもの"
              "<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p></body></html>")
    blocks, _ = segment_html(parse_html(markup))
    assert [b.text for b in blocks] == ["子どもの法律ができました。"]


def test_a_page_served_inside_noscript_is_read():
    """Sites that render with script put the whole page in <noscript>: it is the page; a small
    <noscript> (a tracking pixel, "enable JavaScript") is still dropped."""
    story = "The park counted sixteen bear cubs this year, the most in fourteen years of counting. "
    page_in_noscript = (f"<html><body><noscript><div><h1>Bear cubs</h1><p>{story * 4}</p></div>"
                        "</noscript><script>render()</script></body></html>")
    assert "sixteen bear cubs" in clean(page_in_noscript, kind="html").text
    note = (f"<html><body><noscript><p>Please enable JavaScript to use this site</p></noscript>"
            f"<p>{story * 4}</p></body></html>")
    art = clean(note, kind="html")
    assert "sixteen bear cubs" in art.text
    assert all("JavaScript" not in b.text for b in art.blocks)


def test_a_page_swallowed_by_an_open_button_is_read():
    """A menu <button> whose "</button>" the parser ignores (it closes inside an unclosed <div>)
    holds the whole page: the page is read; a plain button's label is still dropped."""
    story = "The park counted sixteen bear cubs this year, the most in fourteen years of counting. "
    swallowed = (f'<html><body><button class="menu"><div><div></button></div><h1>Bear cubs</h1>'
                 f"<p>{story * 4}</p><p>{story * 3}</p></body></html>")
    assert "sixteen bear cubs" in clean(swallowed, kind="html").text
    labelled = f"<html><body><p>{story * 4}</p><button>Subscribe to our letters</button></body></html>"
    art = clean(labelled, kind="html")
    assert "sixteen bear cubs" in art.text
    assert all("Subscribe" not in b.text for b in art.blocks)


def test_content_a_react_server_streams_hidden_is_read():
    """React streams a page's content in <div hidden id="S:0"> and its script shows it at once:
    it is read; any other hidden element is still dropped."""
    story = "The park counted sixteen bear cubs this year, the most in fourteen years of counting. "
    streamed = (f'<html><body><template id="B:0"></template><div hidden id="S:0"><h1>Bear cubs</h1>'
                f"<p>{story * 4}</p></div><div hidden><p>Sign in to keep reading this story.</p></div>"
                "</body></html>")
    art = clean(streamed, kind="html")
    assert "sixteen bear cubs" in art.text
    assert all("Sign in" not in b.text for b in art.blocks)


def test_hidden_tab_panels_are_read():
    """The other tabs of a page (a code sample's other languages) are hidden until clicked, but they
    are part of what the page says: a hidden role="tabpanel" or class="tab-pane" box is read."""
    story = "Install the library with your package manager, then set the two keys in your shell. "
    tabs = (f"<html><body><h1>Quickstart</h1><p>{story * 3}</p>"
            f'<div role="tabpanel"><p>Python: call send_message with the number and the text.</p></div>'
            f'<div role="tabpanel" hidden><p>Ruby: call deliver_message with the number and the text.</p></div>'
            f'<div class="tab-pane" style="display: none"><p>Go: call SendMessage with the number.</p></div>'
            "</body></html>")
    blocks = [b.text for b in clean(tabs, kind="html").blocks]
    assert any("deliver_message" in t for t in blocks) and any("SendMessage" in t for t in blocks)


def test_every_reason_the_decision_reads_is_one_a_heuristic_or_page_rule_gives():
    """The decision reads evidence by its reason (the sets named *NOISE* or *REASONS*: weak noise,
    markup-only noise, sign-off vocabulary; the credit of a caption, a related heading): each must
    be a reason the heuristics or page rules give on the fixture pages, or the rule reading it is
    dead."""
    sets = [v for m in (page_rules, core, revisions, decide) for n, v in vars(m).items()
            if isinstance(v, frozenset) and ("NOISE" in n or "REASONS" in n)]  # the decision's reason sets
    assert len(sets) >= 6
    read = frozenset().union(*sets) | {CAPTION_CREDIT, RELATED_HEADING}
    pages = sorted(p for p in (Path(__file__).parent.parent / "fixtures").rglob("*")
                   if p.suffix in (".html", ".txt"))
    assert len(pages) > 40
    given = set()
    for path in pages:
        for b in clean(path.read_bytes()).blocks:
            given.update(b.reasons)  # its evidence's reasons, then its labels' (never read)
    assert read <= given, read - given
