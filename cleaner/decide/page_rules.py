"""Page rules: evidence that only the page around a block gives (captions paired with their
credits, duplicates, repeated list items, runs of headlines, related boxes), added before the core
search through :func:`cleaner.decide.scores.add_noise`.
"""
from __future__ import annotations

import re

from ..features import LETTER, Features
from ..rules import vocabulary as vocab
from ..rules.evidence import Evidence
from ..rules.text_heuristics import CAPTION_CREDIT, RELATED_HEADING
from .scores import REASON, Scored, add_noise
from .shapes import LIST_ITEM_MAX_WORDS, from_html

# --- the reasons page rules give ---------------------------------------------------------------
CAPTION_PAIR = "caption_pair"
CAPTION_BEFORE_CREDIT = "caption_before_credit"
DUPLICATE_TEXT = "duplicate_text"
REPEATED_ITEM_REGION = "repeated_item_region"
HEADLINE_RUN = "headline_run"
RELATED_LIST = "related_list"
UNDER_RELATED_HEADING = "under_related_heading"
#: A page rule's evidence is the block's content evidence and this much more: it turns a block
#: that reads like story text into what the rule says, without outweighing stronger evidence
#: for yet another label.
RULE_MARGIN = 1.0
#: A run of headlines is the weakest rule (a story's subheadings can follow each other).
HEADLINE_RUN_MARGIN = 0.5

#: Longest block that counts as a list separator ("2 days ago at 07:47", "15 comments"); a
#: separator names something with a letter (bare numbers "63", "85%" are table cells).
SEPARATOR_MAX_WORDS = 8
#: A separator shape must recur this often before the blocks around it count as a list ...
REPEAT_MIN = 3
#: ... with at most this many blocks between two occurrences.
REPEAT_MAX_GAP = 15
#: Blocks above a list's first separator searched for the heading that names it ("Comments").
LIST_HEADING_LOOKBACK = 2
#: Story words per separator from which a list of item fields is a ranked list's entries (flat
#: text): a shop's product cards, which the same field lines separate ("Number of reviews: 96"),
#: hold 18 or fewer, a "best of" list's entries 28 and more.
FIELD_ITEM_MIN_WORDS = 25
#: A bare credit line this short makes the block before it (up to this long) its caption.
TRAILING_CREDIT_MAX_WORDS = 10
CAPTION_BEFORE_CREDIT_MAX_WORDS = 60
#: Longest unpunctuated line that is taken for the alt text of the caption after it.
CAPTION_PAIR_MAX_WORDS = 25
#: Blocks shorter than this many words may repeat (menu entries, "Share"): not duplicates.
DUPLICATE_MIN_WORDS = 4
#: A run of copied paragraphs this long (blocks, words) that recurs in the same order is the page
#: rendered twice, not a teaser repeated (see _first_rendering): a repeated teaser is one or two
#: blocks; a carousel's cloned slides are short.
MIRROR_MIN_BLOCKS = 4
MIRROR_MIN_WORDS = 200
#: ... and its second copy follows it with at most this share of its words in sentences of the
#: page's own between them: a news ticker cloned at the page's foot has the story between.
MIRROR_MAX_BETWEEN = 0.25
#: Blocks longer than this that differ only in their first word are copies with a prefix
#: (gallery counters glued to the caption: "1of4Grass Valley's ..." and "Grass Valley's ...").
DUPLICATE_TAIL_WORDS = 10
#: Last words compared before whole texts: only blocks whose last words recur are split into
#: words whole (any number gives the same result; this many tells most paragraphs apart).
DUPLICATE_END_WORDS = 2
#: Unpunctuated lines up to LIST_ITEM_MAX_WORDS, this many of them in a row, are a list
#: (teasers, menu), not story text.
HEADLINE_RUN_MIN = 3
#: Teaser headlines taken as the items of a "Related Article" box, at most, right under its heading.
RELATED_BOX_MAX_ITEMS = 4
_WORDS = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
#: The first DUPLICATE_END_WORDS words (\w+ runs, as in _WORDS) of a reversed text; None past its end.
_LAST_WORDS = re.compile(r"\W*(\w+)" + r"(?:\W+(\w+))?" * (DUPLICATE_END_WORDS - 1))


#: An item's field, "Label: value" with a digit in it ("Price: $299", "Founded: 1954", "Average
#: GPA: 3.7"), or an ordinal heading ("Step #1", "Day 7", "Weeks 3-4"): the entries of a ranked
#: list or a plan, where a teaser list or a thread is separated by dates, counts and poster lines.
_ITEM_FIELD = re.compile(r"^\s*([^\W\d][\w'’ ]{0,30}?)\s*:\s*\S.{0,40}$")
_ORDINAL = re.compile(r"^\s*(?:\w+\s+)?(?:step|day|week|weeks|tip|part|phase|stage|chapter|round|"
                      r"month|months)\s*#?\s*\d+\b", re.I)
_CLOCK = re.compile(r"\d:\d\d")
#: Field labels of a thread's poster boxes and reply lines ("Posts: 98", "Joined: Feb 2019",
#: "Re: (Score:2)"): their fields separate posts, not a list's entries.
THREAD_FIELDS = frozenset({
    "re", "aw", "sv", "post", "posts", "joined", "join", "registered", "member", "members", "threads",
    "replies", "reply", "messages", "likes", "reputation", "points", "karma", "score", "location",
    "level", "rank", "status", "comment", "comments", "posted", "date", "last", "seen", "online",
    "trophies", "reaction", "age", "gender",
})


def item_field(text: str) -> bool:
    """A separator line that names a field of a list's entry or numbers it, not a date stamp, a
    clock time, a byline or a poster's field (see THREAD_FIELDS)."""
    m = _ITEM_FIELD.match(text)
    if m and any(c.isdigit() for c in text):
        if not THREAD_FIELDS.isdisjoint(m.group(1).lower().split()):
            return False
    elif not _ORDINAL.match(text):
        return False
    lower = text.lower()  # the vocabularies read lower-cased text
    return not (vocab.DATE.search(lower) or vocab.BYLINE.search(lower) or _CLOCK.search(text))


def _story_list(scored: list[Scored], region: list[Scored], separator: str, entries: int) -> bool:
    """Flat text (no block has a path: no story container guards the story's own lists): a list
    whose separators are item fields (:func:`item_field`) and whose entries carry story words is
    the story itself, a "ten best movers" list, not a teaser list or a thread."""
    if not item_field(separator):  # first: most separators are dates or counts
        return False
    words = sum([s.feats.words for s in region if s.content > 0])
    return words >= FIELD_ITEM_MIN_WORDS * entries and not from_html(scored)


def _listish(s: Scored) -> bool:
    """Shaped like a list item: a line up to LIST_ITEM_MAX_WORDS with no sentence end."""
    f = s.feats
    return 0 < f.words <= LIST_ITEM_MAX_WORDS and not f.terminal


def _unmarked_or_prose(s: Scored) -> bool:
    """Reads like story text, or nothing has spoken for or against it yet: a headline of common
    words ("How Jack Ma changed China") has no evidence at all and would stay main in the core."""
    return s.content > 0 or not s.evidence


#: Noise labels of the boxes in a story's container whose blocks list rules apply to.
_BOXES = frozenset({"related", "navigation", "comment"})


def _outside_story_or_boxed(s: Scored) -> bool:
    """List rules apply outside the HTML story container, or inside it to blocks that already sit
    in a box named related/navigation/comments (a story's own steps and timelines repeat too)."""
    if not s.block.in_story_container:
        return True
    return not _BOXES.isdisjoint(s.noise_by_label)


def pair_captions(scored: list[Scored]) -> None:
    """Alt text sits just before its credited caption: an unpunctuated line before a caption.
    A bare "Photographer/Agency" line follows its caption: the block before it is a caption."""
    for i in _credit_candidates(scored):
        prev, s = scored[i - 1], scored[i]
        if s.noise_label == "caption" and CAPTION_CREDIT in map(REASON, s.evidence) and \
                not prev.feats.terminal and prev.feats.words <= CAPTION_PAIR_MAX_WORDS and \
                prev.noise_label != "caption":
            add_noise(prev, Evidence("caption", prev.content + RULE_MARGIN, CAPTION_PAIR))
        elif prev.feats.words <= CAPTION_BEFORE_CREDIT_MAX_WORDS and prev.noise_label != "caption" and \
                not prev.boundary and _trailing_credit(s):  # the regexes last: the costliest test
            add_noise(prev, Evidence("caption", prev.content + RULE_MARGIN, CAPTION_BEFORE_CREDIT))


def _credit_candidates(scored: list[Scored]) -> list[int]:
    """Positions (after the first) of the blocks that may mark the block before them in
    :func:`pair_captions`: captions, and short lines with the "/" or "|" of a bare credit (two
    plain substring tests rule out most blocks before any pair is looked at)."""
    return [i for i, s in enumerate(scored) if i and (
        s.noise_label == "caption" or s.feats.words <= TRAILING_CREDIT_MAX_WORDS and
        ("/" in s.feats.lower or "|" in s.feats.lower))]


def _trailing_credit(s: Scored) -> bool:
    """A bare "Photographer/Agency" line: the caption it credits is the block before it."""
    lower = s.feats.lower
    # the agency first: it rules out most short lines sooner than the line's shape does
    return s.feats.words <= TRAILING_CREDIT_MAX_WORDS and \
        vocab.CREDIT_AGENCY.search(lower) and vocab.TRAILING_CREDIT.search(lower)


def mark_duplicates(scored: list[Scored]) -> None:
    """A story does not repeat its paragraphs: text that occurs twice on a page is a teaser,
    a gallery caption, a pull quote or a menu (compared by word tokens, so quotes and
    punctuation do not matter)."""
    seen: dict[tuple[str, ...], list[int]] = {}
    tails: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    split: dict[str, tuple[str, ...]] = {}  # a page repeats its menus: each text is split once
    for i in _may_repeat(scored):
        lower = scored[i].feats.lower
        words = split.get(lower)
        if words is None:
            words = split[lower] = tuple(_WORDS.findall(lower))
        if len(words) >= DUPLICATE_MIN_WORDS:
            seen.setdefault(words, []).append(i)
        if len(words) > DUPLICATE_TAIL_WORDS:
            tails.setdefault(words[1:], []).append((words[0], i))
    marked: set[int] = set()
    for idx in seen.values():
        if len(idx) > 1:
            marked.update(idx)
    marked -= _first_rendering(scored, seen, marked)
    # a counter glued to a copy: "1of4Grass Valley's ..." repeats "Grass Valley's ..."
    for group in tails.values():
        if len(group) < 2:
            continue
        firsts: dict[str, list[int]] = {}
        for first, i in group:
            firsts.setdefault(first, []).append(i)
        for first, idx in firsts.items():  # linear: look up each proper suffix of the first word
            for cut in range(1, len(first)):
                rest = first[cut:]
                if rest[0].isalpha() and any(c.isdigit() for c in first[:cut]) and rest in firsts:
                    marked.update(idx)
                    marked.update(firsts[rest])
    for i in sorted(marked):
        s = scored[i]
        add_noise(s, Evidence("boilerplate", max(s.content, 0.0) + RULE_MARGIN, DUPLICATE_TEXT))


def _first_rendering(scored: list[Scored], seen: dict[tuple[str, ...], list[int]], copies: set[int]) -> set[int]:
    """The first copy of a page rendered twice (a desktop and a mobile layout, a server-rendered
    copy beside the one scripts show): a run of MIRROR_MIN_BLOCKS or more paragraphs, holding
    MIRROR_MIN_WORDS words or more, that recurs in the same order right after it (once or more;
    ``copies``: every block that has a copy). A story does not repeat itself, but a page may show
    it twice; marking both copies would leave it nothing."""
    pairs = sorted((idx[0], idx[1]) for idx in seen.values() if len(idx) > 1)
    spared: set[int] = set()
    run: list[tuple[int, int]] = []
    for pair in pairs + [(-1, -1)]:  # the sentinel ends the last run
        if run and run[-1][1] < pair[1] and run[-1][0] < pair[0] < run[0][1]:
            run.append(pair)  # both copies go on in order, and the first copy has not ended
            continue
        if len(run) >= MIRROR_MIN_BLOCKS and _back_to_back(scored, run, copies):
            spared.update(i for i, _ in run)
        run = [pair]
    return spared


def _back_to_back(scored: list[Scored], run: list[tuple[int, int]], copies: set[int]) -> bool:
    """The run's first copy holds MIRROR_MIN_WORDS words or more and its second copy follows it
    with little prose of the page's own between them (see MIRROR_MAX_BETWEEN)."""
    words = sum(scored[i].feats.words for i, _ in run)
    between = sum(scored[k].feats.words for k in range(run[-1][0] + 1, run[0][1])
                  if k not in copies and scored[k].feats.terminal)
    return words >= MIRROR_MIN_WORDS and between <= MIRROR_MAX_BETWEEN * words


def _may_repeat(scored: list[Scored]) -> list[int]:
    """Positions of the blocks whose last words recur on the page: only these can be copies in
    :func:`mark_duplicates` (a copy, or a copy behind another first word, ends like its original),
    which splits them into words whole (most paragraphs are unique, and splitting every one was
    its main cost). Blocks too short to be a copy are passed over: they cannot make another
    block recur that matters."""
    by_end: dict[tuple[str | None, ...], list[int]] = {}
    for i, s in enumerate(scored):
        f = s.feats
        if f.words < DUPLICATE_MIN_WORDS and _too_short_to_copy(f):  # words first: the cheap test
            continue
        found = _LAST_WORDS.match(f.lower[::-1])  # the text reversed: its last words first
        by_end.setdefault(found.groups() if found else (), []).append(i)
    return sorted(i for idx in by_end.values() if len(idx) > 1 for i in idx)


def _too_short_to_copy(f: Features) -> bool:
    """True when the text surely has fewer than DUPLICATE_MIN_WORDS \\w+ words (mark_duplicates
    passes over those): in ASCII text without "_", its \\w+ words are its WORD tokens, or their
    halves around an apostrophe."""
    lower = f.lower
    return lower.isascii() and "_" not in lower and f.words + lower.count("'") < DUPLICATE_MIN_WORDS


def _template(text: str) -> str:
    return _DIGITS.sub("0", text.lower())


def mark_repeated_items(scored: list[Scored]) -> None:
    """Comment threads and teaser lists repeat a short separator ("2 days ago", "15 comments").

    Where one short line shape recurs REPEAT_MIN times, the blocks between its first and last
    occurrence are list items, not one story: they get evidence against being main (unless,
    in flat text, the separators are the fields of the story's own ranked list: _story_list).
    """
    where: dict[str, list[int]] = {}
    thread = False  # after a "Comments" heading, every comment's "X said:" line is a separator
    for i, s in enumerate(scored):
        # a digit and a letter somewhere: searched for, not counted (feats.digits counts them all);
        # a digit sits in a word, and most short lines have letters only: their words rule it out
        f = s.feats
        if 0 < f.words <= SEPARATOR_MAX_WORDS and not "".join(f.tokens).isalpha() and \
                _DIGITS.search(s.block.text) and LETTER.search(s.block.text):
            where.setdefault(_template(s.block.text), []).append(i)
        if s.noise_label == "comment":
            nxt = scored[i + 1] if i + 1 < len(scored) else None
            if thread and not (nxt and nxt.noise_label == "comment"):
                where.setdefault("<comment>", []).append(i)  # the last of a run of chrome lines
            thread = thread or s.boundary
    for occurrences in where.values():
        for idx in _clusters(occurrences):
            if len(idx) < REPEAT_MIN:
                continue
            gaps = [b - a for a, b in zip(idx, idx[1:])]
            if min(gaps) < 2:
                continue
            lo, hi = idx[0], min(len(scored), idx[-1] + min(gaps))
            # nothing but other short lines between the separators: an archive or menu list,
            # and the text after its last entry is not one of its items
            if not any(s.content > 0 for s in scored[lo:idx[-1]]):
                continue
            region = scored[lo:hi]
            if _story_list(scored, region, scored[idx[0]].block.text, len(idx)):
                continue
            # a "Comments" heading just above the first separator names the list
            named = scored[max(0, lo - LIST_HEADING_LOOKBACK):hi]
            label = "comment" if any("comment" in s.noise_by_label for s in named) else "related"
            for s in region:
                if s.content > 0 and _outside_story_or_boxed(s):
                    add_noise(s, Evidence(label, s.content + RULE_MARGIN, REPEATED_ITEM_REGION))


def _clusters(idx: list[int]) -> list[list[int]]:
    """Split sorted positions into runs whose neighbours are at most REPEAT_MAX_GAP apart."""
    out: list[list[int]] = []
    for i in idx:
        if out and i - out[-1][-1] <= REPEAT_MAX_GAP:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def mark_headline_runs(scored: list[Scored]) -> None:
    """Runs of unpunctuated lines (teaser headlines, menus, tag lists) are lists, not story:
    a story alternates its subheadings with paragraphs."""
    n = len(scored)
    run = 0  # listish blocks in a row just before position i
    for i in range(n + 1):
        # _listish inlined (a call per block cost more than the rest of the pass); the end ends a run
        f = scored[i].feats if i < n else None
        if f is not None and 0 < f.words <= LIST_ITEM_MAX_WORDS and not f.terminal:
            run += 1
            continue
        if run >= HEADLINE_RUN_MIN:
            for s in scored[i - run:i]:
                if s.content > 0 and _outside_story_or_boxed(s):
                    add_noise(s, Evidence("related", s.content + HEADLINE_RUN_MARGIN, HEADLINE_RUN))
        run = 0


def related_headings(scored: list[Scored]) -> list[int]:
    """Positions of the blocks with related_heading evidence, in order. That evidence is labelled
    "related": the evidence of only the blocks with that noise label is read."""
    return [i for i, s in enumerate(scored)
            if "related" in s.noise_by_label and RELATED_HEADING in map(REASON, s.evidence)]


def mark_related_lists(scored: list[Scored], headings: list[int]) -> None:
    """HTML: the list right under a "Related stories" / "More stories" heading inside the story's
    container is that list (there the heading is not a boundary, and the items are not story).
    ``headings``: :func:`related_headings`."""
    for i in headings:
        if not scored[i].block.in_story_container:
            continue
        for item in scored[i + 1:]:
            if item.block.tag != "li" or not item.block.in_story_container or item.feats.terminal:
                break  # the list ends, or its items are sentences (advice, steps), not teasers
            if item.content > 0:
                add_noise(item, Evidence("related", item.content + RULE_MARGIN, RELATED_LIST))


def mark_related_box(scored: list[Scored], headings: list[int]) -> None:
    """The unpunctuated lines right under a "Related Article"/"Read more" heading are its teaser
    headlines, even when the story resumes after the box. ``headings``: :func:`related_headings`."""
    for i in headings:
        for t in scored[i + 1: i + 1 + RELATED_BOX_MAX_ITEMS]:
            if not _listish(t) or t.boundary or t.noise_label == "footer" or t.block.text.endswith(":"):
                break  # a sentence, the page footer, or a line introducing a list ("Here are:")
            if _unmarked_or_prose(t):
                add_noise(t, Evidence("related", t.content + RULE_MARGIN, UNDER_RELATED_HEADING))
