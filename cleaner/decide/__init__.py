"""Decide every block's label in context: score -> find the story core -> label -> revise.

1. score: each block's heuristics vote; ``content`` is the evidence for story text, ``noise`` the
   strongest boilerplate label's evidence. score = content - all boilerplate evidence.
2. core: the story is the contiguous run of blocks with the highest summed, length-weighted
   score (maximum subarray); boundary markers ("Related Article", "Source link", "42 comments")
   weigh so much that the story rarely runs across them.
3. label: inside the core a block is ``main`` unless boilerplate evidence outweighs its content;
   outside, it takes its boilerplate label, or one chosen by its position.
4. revise: the title is picked among headline-like blocks just before the story.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from ..rules import vocabulary as vocab
from ..features import LETTER, Features
from ..rules.heuristics import Evidence, date_stamp
from ..model import Block

# --- thresholds ---------------------------------------------------------------------------
#: Weight of a boundary marker in the core search: the story needs this much more text beyond a
#: "Related Article" heading to run across it (a mid-story "Read more" box is crossed, the
#: teaser list at the end is not).
BOUNDARY_PENALTY = 12.0
#: A region beyond a boundary joins the story only with this share of the story's mass ...
EXTEND_MIN_MASS = 0.1
#: ... and this share of its content words drawn from the story's vocabulary (teasers for other
#: stories share few words with this one; a story resumed after a "Read more" box shares many).
EXTEND_MIN_COHERENCE = 0.35
#: ... and no more than this many blocks between the story and that region.
EXTEND_MAX_GAP = 8
#: Words per unit of length weight: a positive block counts words/LENGTH_UNIT times its score,
#: so one long paragraph outweighs a run of short noise blocks.
LENGTH_UNIT = 15.0
#: Cap on a block's length weight: one huge block must not drag the core across the page.
MAX_LENGTH_WEIGHT = 5.0
#: Floor on a block's length weight: short quotes and subheadings still count a little.
MIN_LENGTH_WEIGHT = 0.3
#: Outside the core, solid prose in the story's container (HTML) is still story text: a gallery
#: or embed in the middle of an article must not cut its first paragraphs off.
ANCHOR_PROSE_SCORE = 3.0
#: Inside the core, a block stays main when its score is at least this (subheadings score ~ -1).
MAIN_MIN_SCORE = -1.5
#: Words of a headline: titles are short but not a single word.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
#: Shortest text compared with a page-title hint by prefix or containment.
TITLE_HINT_MIN_CHARS = 12
#: Share of digits above which a line is a date or score, not a headline.
TITLE_MAX_DIGITS = 0.15
#: Preference for candidates close to the story (divided by the distance in blocks).
TITLE_NEAR_BONUS = 0.2
#: How many blocks before the story the title may sit (bylines, dates and captions in between).
TITLE_LOOKBACK = 12

#: Longest block that counts as a list separator ("2 days ago at 07:47", "15 comments"); a
#: separator names something with a letter (bare numbers "63", "85%" are table cells).
SEPARATOR_MAX_WORDS = 8
#: A separator shape must recur this often before the blocks around it count as a list ...
REPEAT_MIN = 3
#: ... with at most this many blocks between two occurrences.
REPEAT_MAX_GAP = 15
#: Blocks above a list's first separator searched for the heading that names it ("Comments").
LIST_HEADING_LOOKBACK = 2
#: A bare credit line this short makes the block before it (up to this long) its caption.
TRAILING_CREDIT_MAX_WORDS = 10
CAPTION_BEFORE_CREDIT_MAX_WORDS = 60
#: Longest unpunctuated line that is taken for the alt text of the caption after it.
CAPTION_PAIR_MAX_WORDS = 25

#: Blocks shorter than this many words may repeat (menu entries, "Share"): not duplicates.
DUPLICATE_MIN_WORDS = 4
#: Blocks longer than this that differ only in their first word are copies with a prefix
#: (gallery counters glued to the caption: "1of4Grass Valley's ..." and "Grass Valley's ...").
DUPLICATE_TAIL_WORDS = 10
#: Last words compared before whole texts: only blocks whose last words recur are split into
#: words whole (any number gives the same result; this many tells most paragraphs apart).
DUPLICATE_END_WORDS = 2
#: Unpunctuated lines up to this many words read as list items or headlines ...
LIST_ITEM_MAX_WORDS = 20
#: ... and this many of them in a row are a list (teasers, menu), not story text.
HEADLINE_RUN_MIN = 3
#: Teaser headlines taken as the items of a "Related Article" box, at most, right under its heading.
RELATED_BOX_MAX_ITEMS = 4
#: A lead paragraph above the story: this long, sentence-shaped, scoring at least this ...
PARAGRAPH_MIN_WORDS = 12
LEAD_MIN_SCORE = 2.0
#: ... separated from the story by at most this many blocks of furniture (date, byline, share
#: bar, photo), each at most this long.
LEAD_LOOKBACK = 15
FURNITURE_MAX_WORDS = 12
#: Evidence that comes from the markup alone (container and box names), not from the text: a
#: lead below the headline may sit in a box named "teaser", "header" or "intro-nav".
MARKUP_NOISE = frozenset({
    "outside_story_container", "dom_navigation", "dom_caption", "dom_related", "dom_footer",
})
#: Subheadings: a sentence in one of these under the headline is a deck, not body text.
SUBHEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: A trailing teaser run: at least this many headline+summary pairs, summaries of at least
#: this many words, after a story of at least this many paragraphs, sharing less than this share of
#: content words with it.
TEASER_MIN_PAIRS = 2
TEASER_MIN_WORDS = 8
TEASER_MIN_STORY = 3
TEASER_MAX_COHERENCE = 0.3
#: A tail of at most this many blocks after the story's container, with at most this share of
#: the container's words and few of its content words, is a blurb (company, author, affiliate
#: disclosure), not the story continued elsewhere ...
TAIL_MAX_BLOCKS = 3
TAIL_MAX_SHARE = 0.4
#: ... once the container holds this many words of story (a short story's last lines often sit
#: in a box of their own).
TAIL_MIN_STORY_WORDS = 200
#: Evidence too weak to take a short line out of the story it sits in.
WEAK_NOISE = frozenset({"short_fragment", "low_stopword_density"})

#: A story line that ends with a colon and has at least this many words introduces the list under
#: it ("Here are the highlights:", "The tour dates:"); "More:" or "Share:" label a menu.
LIST_INTRO_MIN_WORDS = 4
#: Items of such a list are at most this long (a paragraph after it is story or not on its own).
LIST_ENTRY_MAX_WORDS = 40
#: Under a story's colon line these say only "short" or "one of a list": the list it announces.
WEAK_NOISE_IN_LIST = WEAK_NOISE | {"headline_run", "repeated_item_region"}

#: Between the headline and the story these say only "short", "not in the container" or "one of
#: a list": an ingredient list or a fact box under a recipe's or product's title.
WEAK_NOISE_UNDER_HEADLINE = WEAK_NOISE | {"outside_story_container", "headline_run", "repeated_item_region"}

#: Inside the story's container these say only "short" or "linked", not "not story".
WEAK_NOISE_IN_CONTAINER = WEAK_NOISE | {
    "link_dense", "duplicate_text", "repeated_item_region", "headline_run", "truncated_teaser",
}

#: Text vocabulary that marks a story's last lines as the site's sign-off (newsletter and
#: social plugs, copyright, share prompts), whatever the story's container says.
SIGN_OFF_REASONS = frozenset({"promo_text", "footer_text", "share_bar", "comment_text", "author_bio"})
#: At most this many such lines are taken off the end of a story, each scoring at most this (a
#: long closing paragraph that quotes someone on "subscriptions" outscores its vocabulary).
SIGN_OFF_MAX_BLOCKS = 4
SIGN_OFF_MAX_SCORE = 2.0

#: A bare web address: in a story's last lines, a pointer to more coverage or the site's feeds.
_WEB_ADDRESS = re.compile(r"\bhttps?://\S")
#: A bare number, maybe with a thousands suffix ("84.1K", "4553"): a share, view or comment count.
_BARE_COUNT = re.compile(r"^\W*\d[\d.,\s]*[kmb]?\W*$", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
#: The first DUPLICATE_END_WORDS words (\w+ runs, as in _WORDS) of a reversed text; None past its end.
_LAST_WORDS = re.compile(r"\W*(\w+)" + r"(?:\W+(\w+))?" * (DUPLICATE_END_WORDS - 1))
#: A piece of evidence's reason; ``name in map(_REASON, evidence)`` asks without a Python loop.
_REASON = attrgetter("reason")


@dataclass(slots=True)
class Scored:
    """A block with its features, the evidence that fired and the sums the decision uses (slots:
    one per block, read many times by the revision passes)."""

    block: Block
    feats: Features
    evidence: list[Evidence]
    content: float = 0.0
    noise: float = 0.0
    noise_label: str | None = None
    boundary: bool = False
    score: float = 0.0
    noise_by_label: dict[str, float] = field(default_factory=dict)


#: What :func:`_sums` returns: Scored's content, noise, noise_label, boundary, score, noise_by_label.
_Sums = tuple[float, float, str | None, bool, float, dict[str, float]]


def score(block: Block, feats: Features, evidence: list[Evidence]) -> Scored:
    """Sum a block's evidence: content for main, noise per boilerplate label."""
    return Scored(block, feats, evidence, *_sums(evidence, block.path))


def score_page(blocks: list[Block], feats: list[Features], evidence: list[list[Evidence]]) -> list[Scored]:
    """:func:`score` for every block of a page. A page repeats its evidence (menu entries, the
    items of a teaser list): each distinct list is summed once, a memo for this page only. Twins
    share the memo's noise_by_label dict: no revision changes one in place (:func:`add_noise`
    gives the block a new one)."""
    # all that _sums reads: the evidence, and whether the block is in the story's container (one
    # memo each way: a key of tuple(ev) costs less to build than one with the flag in front)
    inside: dict[tuple[Evidence, ...], _Sums] = {}
    outside: dict[tuple[Evidence, ...], _Sums] = {}
    scored = []
    for b, f, ev in zip(blocks, feats, evidence):
        done = inside if "@anchor" in b.path else outside
        key = tuple(ev)
        sums = done.get(key)
        if sums is None:
            sums = done[key] = _sums(ev, b.path)
        scored.append(Scored(b, f, ev, *sums))
    return scored


def add_noise(s: Scored, ev: Evidence) -> None:
    """Add a context rule's evidence against a block (not "main", no boundary marker) and update
    its sums to what :func:`score` gives for all its evidence, without summing it all again."""
    s.evidence.append(ev)
    noise_by_label = dict(s.noise_by_label)  # a new dict: its twins share the old one
    noise_by_label[ev.label] = noise_by_label.get(ev.label, 0.0) + ev.weight  # the last to add, as in _sums
    noise_label, s.noise, total = _strongest(noise_by_label)
    if noise_label != s.noise_label:  # the new evidence marks no boundary: only a new label asks again
        s.boundary = "@anchor" not in s.block.path and \
            any(e.boundary and e.label == noise_label for e in s.evidence)
    s.noise_label, s.score, s.noise_by_label = noise_label, s.content - total, noise_by_label


def _sums(evidence: list[Evidence], path: frozenset[str]) -> _Sums:
    """content, noise, noise_label, boundary, score and noise_by_label of a block's evidence."""
    content = 0.0
    noise_by_label: dict[str, float] = {}
    marker = False
    for label, weight, _, boundary in evidence:  # unpacked: cheaper than reading named fields
        if label == "main":
            content += weight
        else:
            noise_by_label[label] = noise_by_label.get(label, 0.0) + weight
            marker = marker or boundary
    noise_label, noise, total = _strongest(noise_by_label)
    # a boundary marker only counts when its label is what the block is: a credit line that
    # says "copyright" is a caption, not the page's legal footer; inside the element that holds
    # the story (HTML), markers are embeds and credits, and the container already bounds the story
    boundary = marker and "@anchor" not in path and \
        any(ev.boundary and ev.label == noise_label for ev in evidence)
    return content, noise, noise_label, boundary, content - total, noise_by_label


def _strongest(noise_by_label: dict[str, float]) -> tuple[str | None, float, float]:
    """The strongest noise label, its weight, and the weight of all labels.

    Ties go to the label that fired first (deterministic): the dict holds labels in the order
    they first fired, and only a stronger label replaces it."""
    noise_label, noise, total = None, 0.0, 0
    for label, weight in noise_by_label.items():
        total += weight
        if noise_label is None or weight > noise:
            noise_label, noise = label, weight
    return noise_label, noise, total


def _weight(s: Scored) -> float:
    """Length-weighted contribution of a block to the core search."""
    if s.boundary:
        return -BOUNDARY_PENALTY
    if s.noise_label == "caption":
        return 0.0  # photos sit between story paragraphs: they neither extend nor cut the story
    if s.score > 0:
        return s.score * min(MAX_LENGTH_WEIGHT, max(MIN_LENGTH_WEIGHT, s.feats.words / LENGTH_UNIT))
    return s.score


def _best_run(scored: list[Scored], lo: int, hi: int) -> tuple[int, int, float]:
    """Maximum-sum contiguous run of blocks within [lo, hi): (start, end, mass)."""
    best, span = 0.0, (lo, lo)
    run, start = 0.0, lo
    for i in range(lo, hi):
        w = _weight(scored[i])
        if run <= 0:
            run, start = w, i
        else:
            run += w
        if run > best:
            best, span = run, (start, i + 1)
    return span[0], span[1], best


def _vocabulary(scored: list[Scored], lo: int, hi: int) -> set[str]:
    """Words (lower-cased) of the blocks in [lo, hi) that read like story text: their content
    words, and the short and stop words that :func:`coherence`, which only asks about content
    words, never looks up (leaving them in spares filtering every block of the story)."""
    vocab: set[str] = set()
    for s in scored[lo:hi]:
        if s.score > 0:
            vocab.update(s.feats.tokens)  # lower-cased already
    return vocab


def coherence(scored: list[Scored], lo: int, hi: int, vocab: set[str]) -> float:
    """Share of the content words of blocks [lo, hi) that also occur in the story's vocabulary."""
    hits = total = 0
    for s in scored[lo:hi]:
        words = s.feats.content_words
        total += len(words)
        hits += len(vocab.intersection(words))
    return hits / total if total else 0.0


def find_core(scored: list[Scored]) -> tuple[int, int]:
    """Start and end (exclusive) of the story; (0, 0) when no block reads like story text.

    Boundary blocks cut the page into regions; the story is the best run of the best region,
    extended across a boundary only when the text beyond it continues the story's vocabulary.
    """
    cuts = [i for i, s in enumerate(scored) if s.boundary]
    edges = [-1] + cuts + [len(scored)]
    runs = [_best_run(scored, a + 1, b) for a, b in zip(edges, edges[1:])]
    if not runs:
        return 0, 0
    k = max(range(len(runs)), key=lambda r: (runs[r][2], -r))
    start, end, mass = runs[k]
    if mass <= 0:
        return 0, 0
    best = start, end
    vocab = None  # the best run's vocabulary: gathered only once a region is near and big enough
    for step in (1, -1):  # forward, then backward across boundaries
        j = k + step
        while 0 <= j < len(runs):
            a, b, m = runs[j]
            gap = (a - end) if step == 1 else (start - b)
            if m < EXTEND_MIN_MASS * mass or gap > EXTEND_MAX_GAP:
                break
            if vocab is None:
                vocab = _vocabulary(scored, *best)
            if coherence(scored, a, b, vocab) < EXTEND_MIN_COHERENCE:
                break
            start, end = min(start, a), max(end, b)
            j += step
    return start, end


def trim_to_container(scored: list[Scored], start: int, end: int) -> int:
    """HTML: end of the story once a short trailing run outside its container, about other things
    (a company blurb, an author bio), is cut off; such blurbs read like prose and join the core."""
    # the container's last block, searched for only where it may be: among the last blocks
    last = next((i for i in range(end - 1, max(start, end - 1 - TAIL_MAX_BLOCKS) - 1, -1)
                 if "@anchor" in scored[i].block.path), None)
    if last is None or last == end - 1:  # no container, or nothing after its last block to cut
        return end
    cut = last + 1
    tail = sum(s.feats.words for s in scored[cut:end] if s.score > 0)
    story = sum(s.feats.words for s in scored[start:cut] if s.score > 0 and "@anchor" in s.block.path)
    if story < TAIL_MIN_STORY_WORDS or tail > TAIL_MAX_SHARE * story or \
            coherence(scored, cut, end, _vocabulary(scored, start, cut)) >= EXTEND_MIN_COHERENCE:
        return end
    return cut


def _label_by_place(s: Scored, before_core: bool) -> tuple[str, str]:
    """Label and reason of a block outside the story that no boilerplate evidence names."""
    if before_core:
        return ("navigation" if s.feats.words <= 8 else "boilerplate"), "before_core"
    return ("related" if s.feats.words > 8 else "footer"), "after_core"


def _headline(s: Scored) -> bool:
    f = s.feats
    return TITLE_MIN_WORDS <= f.words <= TITLE_MAX_WORDS and not f.terminal and f.link_density < 0.5 \
        and s.noise_label not in ("caption", "footer", "promo", "consent", "comment")


def _norm(text: str) -> str:
    """Lower-cased, with every run of white space one space and none at the ends."""
    return " ".join(text.split()).lower()  # split(): the white space of \s, without a regex


class _Hints(NamedTuple):
    """Page-title hints (og:title, <title>), normalised and laid out for :func:`_matches_hint`."""

    exact: frozenset[str]
    joined: str  # one hint per line: a block's text (one line) is in it when it is in one hint
    long: tuple[str, ...]  # the hints long enough for a block to start with one


def _prepare_hints(hints: list[str]) -> _Hints:
    """The non-empty hints, normalised once per page rather than once per block compared."""
    wanted = [_norm(h) for h in hints if h and h.strip()]
    return _Hints(frozenset(wanted), "\n".join(wanted),
                  tuple(w for w in wanted if len(w) >= TITLE_HINT_MIN_CHARS))


def _matches_hint(text: str, hints: _Hints) -> bool:
    """``text`` (normalised) is a hint, or, both at least TITLE_HINT_MIN_CHARS long, sits inside a
    hint or starts with one."""
    return text in hints.exact or len(text) >= TITLE_HINT_MIN_CHARS and (
        text in hints.joined or text.startswith(hints.long))


def pick_title(scored: list[Scored], core_start: int, core_end: int, hints: _Hints) -> int | None:
    """Index of the title block: one matching a page-title hint (og:title, <title>), else the
    page's first <h1>, else the headline-shaped block before the story that shares most words
    with it (bylines and dates sit there too, and share none)."""
    last = core_end if core_end > core_start else len(scored)
    for i, s in enumerate(scored[:last]):
        # where it may be before whether it matches: most of the story is neither a heading
        # nor before it, and normalising its text is the costly part
        if TITLE_MIN_WORDS - 1 <= s.feats.words <= TITLE_MAX_WORDS and s.block.tag != "img" and \
                (s.block.tag in ("h1", "h2") or i <= core_start) and _matches_hint(_norm(s.block.text), hints):
            return i
    for i, s in enumerate(scored[:last]):
        if s.block.tag == "h1" and TITLE_MIN_WORDS - 1 <= s.feats.words <= TITLE_MAX_WORDS:
            return i
    vocab = _vocabulary(scored, core_start, core_end)
    best, best_score = None, 0.0
    for i in range(core_start - 1, max(0, core_start - TITLE_LOOKBACK) - 1, -1):
        s = scored[i]
        if not _headline(s) or s.feats.digits > TITLE_MAX_DIGITS:
            continue
        score = coherence(scored, i, i + 1, vocab) + TITLE_NEAR_BONUS / (core_start - i)
        if best is None or score > best_score:
            best, best_score = i, score
    return best


def _template(text: str) -> str:
    return _DIGITS.sub("0", text.lower())


def mark_repeated_items(scored: list[Scored]) -> None:
    """Comment threads and teaser lists repeat a short separator ("2 days ago", "15 comments").

    Where one short line shape recurs REPEAT_MIN times, the blocks between its first and last
    occurrence are list items, not one story: they get evidence against being main.
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
            # a "Comments" heading just above the first separator names the list
            named = scored[max(0, lo - LIST_HEADING_LOOKBACK):hi]
            label = "comment" if any("comment" in s.noise_by_label for s in named) else "related"
            for s in region:
                if s.content > 0 and _outside_story_or_boxed(s):
                    add_noise(s, Evidence(label, s.content + 1.0, "repeated_item_region"))


#: Noise labels of the boxes in a story's container whose blocks list rules apply to.
_BOXES = frozenset({"related", "navigation", "comment"})


def _outside_story_or_boxed(s: Scored) -> bool:
    """List rules apply outside the HTML story container, or inside it to blocks that already sit
    in a box named related/navigation/comments (a story's own steps and timelines repeat too)."""
    if "@anchor" not in s.block.path:
        return True
    return not _BOXES.isdisjoint(s.noise_by_label)


def _clusters(idx: list[int]) -> list[list[int]]:
    """Split sorted positions into runs whose neighbours are at most REPEAT_MAX_GAP apart."""
    out: list[list[int]] = []
    for i in idx:
        if out and i - out[-1][-1] <= REPEAT_MAX_GAP:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def pair_captions(scored: list[Scored]) -> None:
    """Alt text sits just before its credited caption: an unpunctuated line before a caption.
    A bare "Photographer/Agency" line follows its caption: the block before it is a caption."""
    for i in _credit_candidates(scored):
        prev, s = scored[i - 1], scored[i]
        if s.noise_label == "caption" and "caption_credit" in map(_REASON, s.evidence) and \
                not prev.feats.terminal and prev.feats.words <= CAPTION_PAIR_MAX_WORDS and \
                prev.noise_label != "caption":
            add_noise(prev, Evidence("caption", prev.content + 1.0, "caption_pair"))
        elif prev.feats.words <= CAPTION_BEFORE_CREDIT_MAX_WORDS and prev.noise_label != "caption" and \
                not prev.boundary and _trailing_credit(s):  # the regexes last: the costliest test
            add_noise(prev, Evidence("caption", prev.content + 1.0, "caption_before_credit"))


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
        add_noise(s, Evidence("boilerplate", max(s.content, 0.0) + 1.0, "duplicate_text"))


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


def _headline_like(s: Scored) -> bool:
    f = s.feats
    return TITLE_MIN_WORDS <= f.words <= LIST_ITEM_MAX_WORDS and not f.terminal


def trim_teaser_tail(scored: list[Scored], start: int, end: int) -> int:
    """End of the story once a trailing run of teasers (headline, summary, headline, summary...)
    about other subjects is cut off; flattened text has no markup to tell them apart."""
    i = end - 1
    pairs = 0
    while i - 1 >= start:
        head, body = scored[i - 1], scored[i]
        if _headline_like(head) and body.feats.words >= TEASER_MIN_WORDS and body.feats.terminal:
            pairs += 1
            i -= 2
        elif _headline_like(body) and i == end - 1:  # run may end with a lone headline
            i -= 1
        else:
            break
    if pairs < TEASER_MIN_PAIRS:
        return end
    cut = i + 1
    # the story kept must have paragraphs of its own: a title and a two-paragraph intro before
    # subheaded sections is not a story followed by teasers
    if sum(1 for s in scored[start:cut] if s.feats.terminal) < TEASER_MIN_STORY:
        return end
    vocab = _vocabulary(scored, start, cut)
    if coherence(scored, cut, end, vocab) >= TEASER_MAX_COHERENCE:
        return end
    return cut


def _listish(s: Scored) -> bool:
    f = s.feats
    return 0 < f.words <= LIST_ITEM_MAX_WORDS and not f.terminal


def _related_headings(scored: list[Scored]) -> list[int]:
    """Positions of the blocks with related_heading evidence, in order. That evidence is labelled
    "related": the evidence of only the blocks with that noise label is read."""
    return [i for i, s in enumerate(scored)
            if "related" in s.noise_by_label and "related_heading" in map(_REASON, s.evidence)]


def mark_related_lists(scored: list[Scored], headings: list[int]) -> None:
    """HTML: the list right under a "Related stories" / "More stories" heading inside the story's
    container is that list (there the heading is not a boundary, and the items are not story).
    ``headings``: :func:`_related_headings`."""
    for i in headings:
        if "@anchor" not in scored[i].block.path:
            continue
        for item in scored[i + 1:]:
            if item.block.tag != "li" or "@anchor" not in item.block.path or item.feats.terminal:
                break  # the list ends, or its items are sentences (advice, steps), not teasers
            if item.content > 0:
                add_noise(item, Evidence("related", item.content + 1.0, "related_list"))


def _unmarked_or_prose(s: Scored) -> bool:
    """Reads like story text, or nothing has spoken for or against it yet: a headline of common
    words ("How Jack Ma changed China") has no evidence at all and would stay main in the core."""
    return s.content > 0 or not s.evidence


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
                    add_noise(s, Evidence("related", s.content + 0.5, "headline_run"))
        run = 0


def mark_related_box(scored: list[Scored], headings: list[int]) -> None:
    """The unpunctuated lines right under a "Related Article"/"Read more" heading are its teaser
    headlines, even when the story resumes after the box. ``headings``: :func:`_related_headings`."""
    for i in headings:
        for t in scored[i + 1: i + 1 + RELATED_BOX_MAX_ITEMS]:
            if not _listish(t) or t.boundary or t.noise_label == "footer" or t.block.text.endswith(":"):
                break  # a sentence, the page footer, or a line introducing a list ("Here are:")
            if _unmarked_or_prose(t):
                add_noise(t, Evidence("related", t.content + 1.0, "under_related_heading"))


def _noise_reasons(s: Scored) -> set[str]:
    """Names of the heuristics that spoke against a block being story text."""
    return {e.reason for e in s.evidence if e.label != "main"}


def keep_short_lines_in_story(scored: list[Scored], start: int, end: int) -> None:
    """A short line between two story paragraphs (a source in brackets, a one-line quote, a
    dateline) belongs to the story when nothing but its shortness speaks against it."""
    for i in range(start + 1, end - 1):
        s = scored[i]
        b = s.block
        if b.label == "main" or not s.noise_by_label:
            continue
        if _noise_reasons(s) <= WEAK_NOISE and scored[i - 1].block.label == "main" and \
                scored[i + 1].block.label == "main":
            b.label = "main"
            b.reasons.append("between_story_paragraphs")


def _list_intro(s: Scored) -> bool:
    """A line announcing a list: ends with a colon, a few words, nothing but list shape against it."""
    return s.block.text.rstrip().endswith(":") and s.feats.words >= LIST_INTRO_MIN_WORDS and \
        not s.boundary and _noise_reasons(s) <= WEAK_NOISE_IN_LIST


def take_announced_lists(scored: list[Scored], start: int, end: int) -> None:
    """A story line ending with a colon ("The tour dates:", "Here are the highlights:") announces
    the list under it: its short items are story, however list-like, up to the first block that
    something other than its shape speaks against. The line may close the story (the first block
    after the core)."""
    i = start
    while i < min(end + 1, len(scored)):
        s = scored[i]
        if not _list_intro(s):
            i += 1
            continue
        j = i + 1
        while j < len(scored):
            t = scored[j]
            if t.block.label == "main" and t.feats.terminal and t.feats.words >= PARAGRAPH_MIN_WORDS:
                break  # a paragraph: the list has ended (or was never there)
            if t.block.label != "main" and (t.feats.words > LIST_ENTRY_MAX_WORDS or t.boundary or
                                            not _noise_reasons(t) <= WEAK_NOISE_IN_LIST):
                break
            j += 1
        if j > i + 1:
            for t in scored[i:j]:
                if t.block.label != "main":
                    t.block.label = "main"
                    t.block.reasons.append("announced_list")
        i = j


def fill_story_container(scored: list[Scored]) -> None:
    """HTML: between the first and last story paragraph of the story's container, every block
    is story (list items, table rows, short lines, product boxes) unless something other than
    its shortness or links speaks against it."""
    inside = [i for i, s in enumerate(scored) if s.block.label == "main" and "@anchor" in s.block.path]
    if not inside:
        return
    for s in scored[inside[0]: inside[-1] + 1]:
        b = s.block
        if b.label == "main" or "@anchor" not in b.path:
            continue
        if _noise_reasons(s) <= WEAK_NOISE_IN_CONTAINER:
            b.label = "main"
            b.reasons.append("inside_story_container")


def attach_lead(scored: list[Scored], start: int) -> None:
    """The standfirst or lead paragraph often sits above the byline, date and share bar that
    separate it from the story body: walk back over that furniture and take the paragraph.
    HTML only: in flattened text a sentence above the byline is as often the site's blurb or a
    summary standing apart from the body, with no markup to tell them apart."""
    if not any(s.block.path for s in scored):
        return
    skipped = 0
    for i in range(start - 1, -1, -1):
        s = scored[i]
        b, f = s.block, s.feats
        if f.words >= PARAGRAPH_MIN_WORDS and f.terminal and s.score >= LEAD_MIN_SCORE and \
                b.label != "main" and s.noise_label in (None, "boilerplate"):
            b.label = "main"
            b.reasons.append("lead_paragraph")
            return
        if b.tag in ("h1", "h2") or skipped >= LEAD_LOOKBACK or (
            f.words > FURNITURE_MAX_WORDS and s.noise_label != "caption"
        ):
            return
        skipped += 1


def _under_headline(scored: list[Scored]) -> range:
    """Positions between the page's first <h1> and the story's first paragraph (empty if none):
    where the standfirst, lead and a recipe's or product's facts sit above the story body."""
    first = next((i for i, s in enumerate(scored) if s.block.label == "main"), None)
    if first is None:
        return range(0)
    head = next((i for i in range(first) if scored[i].block.tag == "h1"), None)
    return range(0) if head is None else range(head + 1, first)


def take_paragraphs_after_headline(scored: list[Scored], span: range) -> None:
    """HTML: in ``span`` (see :func:`_under_headline`), paragraphs that read like story text are
    the standfirst and lead, however much furniture (or section headings in further <h1>s) sits
    between. A paragraph only the markup speaks against (a lead in a box named "teaser" or
    "header-nav") counts too, unless it is a subheading: decks in <h2> are not body text."""
    for i in span:
        s = scored[i]
        b, f = s.block, s.feats
        if b.label == "main" or f.words < PARAGRAPH_MIN_WORDS or not f.terminal:
            continue
        markup_only = _noise_reasons(s) <= MARKUP_NOISE
        if (s.score >= LEAD_MIN_SCORE and s.noise_label in (None, "boilerplate")) or \
                (markup_only and s.score >= 0 and b.tag not in SUBHEADING_TAGS):
            b.label = "main"
            b.reasons.append("lead_after_headline")


def fill_under_headline(scored: list[Scored], span: range, hints: _Hints) -> None:
    """HTML: in ``span`` (see :func:`_under_headline`), blocks that nothing but their shortness,
    their place outside the story's container or their list shape speaks against are story too
    (a recipe's ingredients and times, a product's facts, subheadings). The page's title, in
    whichever tag, is not (``hints``: og:title, <title>); nor are the date stamp and the
    share or view counts that sit there."""
    for i in span:
        s = scored[i]
        b = s.block
        # the evidence first: it rules out more blocks, and at less cost, than the text's shape
        if b.label == "main" or b.tag == "h1" or not _noise_reasons(s) <= WEAK_NOISE_UNDER_HEADLINE or \
                _matches_hint(_norm(b.text), hints) or date_stamp(s.feats) or _BARE_COUNT.match(b.text):
            continue
        b.label = "main"
        b.reasons.append("under_headline")


def trim_sign_off(scored: list[Scored]) -> None:
    """The story's last main blocks that boilerplate vocabulary speaks for ("Sign up for our
    newsletter", "Follow us on Instagram", "Advertisement", "This document is subject to
    copyright") or that point to a bare web address ("More coverage: https://...") are the
    site's sign-off, not its final paragraphs, however well they read."""
    taken = 0
    for s in reversed(scored):
        b = s.block
        if b.label != "main":
            continue
        if taken >= SIGN_OFF_MAX_BLOCKS or s.score > SIGN_OFF_MAX_SCORE or not (
                SIGN_OFF_REASONS & {e.reason for e in s.evidence} or _WEB_ADDRESS.search(b.text)):
            return
        b.label = s.noise_label or "boilerplate"
        b.reasons.append("sign_off")
        taken += 1


def decide(scored: list[Scored], title_hints: list[str]) -> tuple[int, int, int | None]:
    """Label every block in place; returns the core span and the title block's index."""
    pair_captions(scored)
    mark_duplicates(scored)
    mark_repeated_items(scored)
    mark_headline_runs(scored)
    headings = _related_headings(scored)  # no revision adds or drops that evidence: found once
    mark_related_lists(scored, headings)
    mark_related_box(scored, headings)
    start, end = find_core(scored)
    end = trim_teaser_tail(scored, start, end)
    end = trim_to_container(scored, start, end)
    # a headline-shaped first block of the story is its title (flattened text has no <h1>)
    if end - start > 1 and _headline(scored[start]) and scored[start + 1].feats.terminal:
        title_hints = title_hints + [scored[start].block.text]
    for i, s in enumerate(scored):
        b = s.block
        b.score = s.score
        if start <= i < end:
            if s.noise_label and (s.noise > s.content or s.boundary) or s.score < MAIN_MIN_SCORE:
                b.label = s.noise_label or "boilerplate"
                why = "inside_core"
            else:
                b.label, why = "main", "core"
        elif "@anchor" in b.path and s.score >= ANCHOR_PROSE_SCORE and s.noise_label is None:
            b.label, why = "main", "anchor_prose"
        elif s.noise_label:  # outside the story: what its evidence says it is ...
            b.label, why = s.noise_label, "outside_core"
        else:  # ... or what its place says
            b.label, why = _label_by_place(s, i < start)
        b.reasons = [*map(_REASON, s.evidence), why]
    keep_short_lines_in_story(scored, start, end)
    take_announced_lists(scored, start, end)
    attach_lead(scored, start)
    under_headline = _under_headline(scored)
    take_paragraphs_after_headline(scored, under_headline)
    hints = _prepare_hints(title_hints)  # once for both passes that ask for them
    fill_under_headline(scored, under_headline, hints)
    fill_story_container(scored)
    trim_sign_off(scored)
    t = pick_title(scored, start, end, hints)
    if t is not None:
        scored[t].block.label = "title"
        scored[t].block.reasons.append("title")
    for s in scored:  # a page's <h1> is its headline (or the site's name), never body text
        if s.block.tag == "h1" and s.block.label == "main":
            s.block.label = "boilerplate"
            s.block.reasons.append("h1_not_body")
    return start, end, t
