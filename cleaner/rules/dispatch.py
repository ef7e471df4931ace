"""Which heuristic runs when: the text heuristics behind a screen of their vocabularies, the DOM
heuristics behind a screen of their path tokens, tags and links. Screening skips heuristics that
would give nothing; the evidence is what :func:`evaluate` of every heuristic gives.
"""
from __future__ import annotations

from typing import NamedTuple

from . import vocabulary as vocab
from ..features import Features
from ..model import Block
from .dom_heuristics import (
    dom_caption, dom_comment, dom_consent, dom_footer, dom_navigation, dom_promo, dom_related, image_alt,
    link_dense, shouted_link, story_container,
)
from .evidence import LINK_DENSE, Evidence, Heuristic, fits, short
from .patterns import Vocabulary, union
from .text_heuristics import (
    CONSENT_MAX_WORDS, author_bio, byline, caption_credit, comment_text, consent_text, footer_text,
    glued_teaser, navigation_text, promo_text, prose_length, reader_appeal, related_heading,
    related_inline, scene_caption, sentence_shape, share_bar, short_fragment, site_notice, stopword_density,
    truncated_teaser,
)

#: Heuristics that read only the text: used for both input kinds. They must read nothing of the
#: block but its text (and the features): a page's repeated texts are scored once (cleaner.api).
TEXT_HEURISTICS: tuple[Heuristic, ...] = (
    prose_length, sentence_shape, stopword_density, short_fragment, caption_credit, scene_caption,
    promo_text, related_heading, related_inline, truncated_teaser, glued_teaser, footer_text,
    share_bar, byline, author_bio, navigation_text, comment_text, consent_text, reader_appeal,
    site_notice,
)
#: Text heuristics that give evidence only when one of their vocabularies matches: _SCREEN holds
#: the parts of those they match against the lower-cased text, _CASED_SCREEN of those they match
#: against the text itself. Nine blocks in ten match neither and skip them all (text_evidence);
#: a test checks they read no other vocabulary (DATELINE only vetoes a credit).
SCREENED_HEURISTICS: tuple[Heuristic, ...] = (
    caption_credit, scene_caption, promo_text, related_heading, related_inline, footer_text,
    share_bar, byline, author_bio, navigation_text, comment_text, consent_text, reader_appeal,
    site_notice,
)
_SCREEN = union(
    vocab.CREDIT_TAIL, vocab.CREDIT_LINE, vocab.CAPTION_SCENE, vocab.PROMO, vocab.RELATED_HEAD,
    vocab.RELATED_INLINE, vocab.FOOTER, vocab.SHARE, vocab.BYLINE, vocab.AUTHOR_BIO,
    vocab.NAVIGATION, vocab.COMMENT, vocab.CONSENT, vocab.READER_APPEAL, vocab.SITE_NOTICE,
)
_CASED_SCREEN = union(vocab.BYLINE_NAME, vocab.AUTHOR_BIO_NAMED)
#: The screened heuristics that read blocks of more than VOCAB_MAX_WORDS words (the others give
#: no evidence for those): a longer block is screened with their vocabularies only, and a block
#: of more than CONSENT_MAX_WORDS words (consent_text's limit, the highest) skips the screen.
LONG_SCREENED_HEURISTICS: tuple[Heuristic, ...] = (
    caption_credit, scene_caption, author_bio, consent_text, reader_appeal, site_notice,
)
_LONG_SCREEN = union(
    vocab.CREDIT_TAIL, vocab.CREDIT_LINE, vocab.CAPTION_SCENE, vocab.AUTHOR_BIO, vocab.CONSENT,
    vocab.READER_APPEAL, vocab.SITE_NOTICE,
)
_LONG_CASED_SCREEN = vocab.AUTHOR_BIO_NAMED
_UNSCREENED_TEXT_HEURISTICS = tuple(h for h in TEXT_HEURISTICS if h not in SCREENED_HEURISTICS)


class ScreenGroup(NamedTuple):
    """Screened heuristics and the screen of their vocabularies: of the lower-cased text, and
    (``cased``) of the text itself."""

    heuristics: tuple[Heuristic, ...]
    screen: Vocabulary
    cased: Vocabulary


#: The screened heuristics in groups: a short block that passes the whole screen (most pass it
#: for one vocabulary) runs only the groups whose own screen it passes. The first group is the
#: heuristics that read long blocks, with the long screen (compiled once for both uses). A test
#: checks each group's screens hold the vocabularies its heuristics read.
SCREEN_GROUPS: tuple[ScreenGroup, ...] = (
    ScreenGroup(LONG_SCREENED_HEURISTICS, _LONG_SCREEN, _LONG_CASED_SCREEN),
    ScreenGroup((promo_text, footer_text, byline), union(vocab.PROMO, vocab.FOOTER, vocab.BYLINE),
                vocab.BYLINE_NAME),
    ScreenGroup((related_heading, related_inline, share_bar, navigation_text, comment_text),
                union(vocab.RELATED_HEAD, vocab.RELATED_INLINE, vocab.SHARE, vocab.NAVIGATION, vocab.COMMENT),
                Vocabulary()),
)


def _run_of(groups: list[ScreenGroup]) -> tuple[Heuristic, ...]:
    """The text heuristics, in order, but for the screened ones outside these groups."""
    chosen = {h for g in groups for h in g.heuristics}
    return tuple(h for h in TEXT_HEURISTICS if h in chosen or h not in SCREENED_HEURISTICS)


#: The text heuristics to run for each set of groups a short block passes (bit i: group i).
_GROUP_RUNS = tuple(_run_of([g for i, g in enumerate(SCREEN_GROUPS) if mask >> i & 1])
                    for mask in range(1 << len(SCREEN_GROUPS)))
#: ... and for a longer block that passes the long screen.
_LONG_RUN = _run_of([SCREEN_GROUPS[0]])
#: Heuristics that read DOM evidence: HTML input only.
DOM_HEURISTICS: tuple[Heuristic, ...] = (
    story_container, link_dense, shouted_link, image_alt, dom_caption, dom_promo, dom_related, dom_footer,
    dom_navigation, dom_comment, dom_consent,
)


class DomScreen(NamedTuple):
    """What a DOM heuristic needs to give evidence: one of these path tokens, one of these tags,
    or (``links``) a link density above LINK_DENSE."""

    tokens: frozenset[str] = frozenset()
    tags: tuple[str, ...] = ()
    links: bool = False


#: The screen of each DOM heuristic; a test checks it gives nothing for a block that fails it. A
#: heuristic not listed (story_container) may fire for any block.
DOM_SCREENS: dict[Heuristic, DomScreen] = {
    link_dense: DomScreen(links=True),
    shouted_link: DomScreen(links=True),
    image_alt: DomScreen(tags=("img",)),
    dom_caption: DomScreen(vocab.CAPTION_TOKENS | {"<figcaption", "<figure"}, ("figcaption", "caption")),
    dom_promo: DomScreen(vocab.PROMO_TOKENS),
    dom_related: DomScreen(vocab.RELATED_TOKENS | {"<aside"}),
    dom_footer: DomScreen(vocab.FOOTER_TOKENS | {"<footer", "<address"}),
    dom_navigation: DomScreen(vocab.NAVIGATION_TOKENS | {"<nav", "<menu"}),
    dom_comment: DomScreen(vocab.COMMENT_TOKENS),
    dom_consent: DomScreen(vocab.CONSENT_TOKENS),
}
_DOM_SCREEN_TOKENS = frozenset().union(*(screen.tokens for screen in DOM_SCREENS.values()))


def evaluate(block: Block, feats: Features, heuristics: tuple[Heuristic, ...],
             out: list[Evidence] | None = None) -> list[Evidence]:
    """Run every heuristic on a block; the evidence that fired, in heuristic order, appended to
    ``out`` (a new list by default: the DOM heuristics add to a block's text evidence)."""
    if out is None:
        out = []
    for h in heuristics:
        ev = h(block, feats)
        if ev is not None:
            out.append(ev)
    return out


def text_evidence(block: Block, feats: Features) -> list[Evidence]:
    """Evidence of every text heuristic for a block (as ``evaluate`` with TEXT_HEURISTICS): the
    screened heuristics are left out when none of their vocabularies that may count in a block
    this long matches, as none would fire."""
    is_short = short(feats)
    if is_short and (_SCREEN.search(feats.lower) or _CASED_SCREEN.search(block.text)):
        return evaluate(block, feats, _GROUP_RUNS[_groups_passed(block, feats)])
    if not is_short and fits(feats, CONSENT_MAX_WORDS) and (
            _LONG_SCREEN.search(feats.lower) or _LONG_CASED_SCREEN.search(block.text)):
        return evaluate(block, feats, _LONG_RUN)
    return evaluate(block, feats, _UNSCREENED_TEXT_HEURISTICS)


def _groups_passed(block: Block, feats: Features) -> int:
    """The screen groups whose screen a block passes, as bits (bit i: SCREEN_GROUPS[i])."""
    passed = 0
    for i, group in enumerate(SCREEN_GROUPS):
        if group.screen.search(feats.lower) or group.cased.search(block.text):
            passed |= 1 << i
    return passed


def dom_evidence(blocks: list[Block], feats: list[Features], evidence: list[list[Evidence]]) -> None:
    """Add every DOM heuristic's evidence to each block's list (as ``evaluate`` with
    DOM_HEURISTICS). A block runs only the heuristics whose screen it passes (DOM_SCREENS): the
    others would give nothing. They are found once per path, tag and link density above
    LINK_DENSE (a menu's items share them), and once per the path's screened tokens: paths
    differ, their few screened tokens less so."""
    by_path: dict[tuple[frozenset[str], str, bool], tuple[Heuristic, ...]] = {}  # this page only
    by_hits: dict[tuple[frozenset[str], str, bool], tuple[Heuristic, ...]] = {}
    for b, f, ev in zip(blocks, feats, evidence):
        key = (b.path, b.tag, f.link_density > LINK_DENSE)
        run = by_path.get(key)
        if run is None:
            hits = (b.path & _DOM_SCREEN_TOKENS, b.tag, key[2])
            run = by_hits.get(hits)
            if run is None:
                run = by_hits[hits] = _dom_heuristics_for(*hits)
            by_path[key] = run
        evaluate(b, f, run, ev)


def _dom_heuristics_for(tokens: frozenset[str], tag: str, linked: bool) -> tuple[Heuristic, ...]:
    """The DOM heuristics, in order, whose screen a block passes, given its path's tokens (those
    any screen names are enough), its tag and whether its link density is above LINK_DENSE."""
    out = []
    for h in DOM_HEURISTICS:
        screen = DOM_SCREENS.get(h)
        if screen is None or (linked and screen.links) or tag in screen.tags or not tokens.isdisjoint(screen.tokens):
            out.append(h)
    return tuple(out)
