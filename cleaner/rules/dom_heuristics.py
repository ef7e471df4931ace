"""Heuristics that read a block's markup: its tag, its surroundings (``Block.path``, see
:mod:`cleaner.dom`), whether it sits in the story's container, and its links. HTML input only.

Each heuristic is registered with :func:`dom_heuristic`, which states the path tokens, tags or
link density it needs; they run in the order they are defined here. Each one's reason, weights
and limits are named right above it.
"""
from __future__ import annotations

import re

from . import vocabulary as vocab
from ..features import LETTER, Features
from ..model import Block
from .evidence import LINK_DENSE, LONG_WORDS, PARAGRAPH_WORDS, VOCAB_MAX_WORDS, Evidence, dom_heuristic

STORY_CONTAINER = "story_container"
OUTSIDE_STORY_CONTAINER = "outside_story_container"
#: Evidence for blocks inside / outside the element that holds most of the page's prose: one
#: vote, as the container is a guess (cleaner.dom) and boxes inside it have their own names.
STORY_CONTAINER_WEIGHT = 1.0
OUTSIDE_CONTAINER_WEIGHT = 1.0
#: Milder for sentence-shaped paragraphs: leads and standfirsts often sit outside the body element.
OUTSIDE_CONTAINER_PROSE_WEIGHT = 0.5
#: ... paragraphs with at most this link density (a teaser's summary is linked).
OUTSIDE_PROSE_MAX_LINKS = LINK_DENSE / 2
_IN_CONTAINER = Evidence("main", STORY_CONTAINER_WEIGHT, STORY_CONTAINER)
_OUTSIDE_CONTAINER = Evidence("boilerplate", OUTSIDE_CONTAINER_WEIGHT, OUTSIDE_STORY_CONTAINER)
_OUTSIDE_CONTAINER_PROSE = Evidence("boilerplate", OUTSIDE_CONTAINER_PROSE_WEIGHT, OUTSIDE_STORY_CONTAINER)


@dom_heuristic()
def story_container(b: Block, f: Features) -> Evidence | None:
    """Blocks inside the element that holds most of the page's prose (see cleaner.dom)."""
    if b.in_story_container:
        return _IN_CONTAINER
    if b.in_story_container is False:  # the page has a container and this block is elsewhere
        prose = f.words >= PARAGRAPH_WORDS and f.terminal and f.link_density < OUTSIDE_PROSE_MAX_LINKS
        return _OUTSIDE_CONTAINER_PROSE if prose else _OUTSIDE_CONTAINER
    return None


LINK_DENSE_REASON = "link_dense"
#: A linked block of this many words is a teaser (related); fewer, a menu entry (navigation).
LINKED_TEASER_WORDS = 5
#: The weight at LINK_DENSE, and what each further share of linked characters adds: a block
#: linked through and through outweighs the prose evidence of a line shorter than PARAGRAPH_WORDS.
LINK_DENSE_WEIGHT = 1.5
LINK_DENSE_SLOPE = 2.0


def _link_dense_weight(link_density: float) -> float:
    """More links, stronger evidence."""
    return LINK_DENSE_WEIGHT + LINK_DENSE_SLOPE * (link_density - LINK_DENSE)


_ALL_LINKED = {label: Evidence(label, _link_dense_weight(1.0), LINK_DENSE_REASON)
               for label in ("related", "navigation")}


@dom_heuristic(links=True)
def link_dense(b: Block, f: Features) -> Evidence | None:
    """Text that is mostly link anchors is navigation or a teaser list."""
    label = "related" if f.words >= LINKED_TEASER_WORDS else "navigation"
    if f.link_density == 1.0:  # most linked blocks: their evidence is built once
        return _ALL_LINKED[label]
    return Evidence(label, _link_dense_weight(f.link_density), LINK_DENSE_REASON)


SHOUTED_LINK = "shouted_link"
#: A line in capitals linked through at least this share of its characters, with no sentence
#: end and at least SHOUTED_LINK_MIN_WORDS words, is a teaser for another story; its weight, on
#: top of link_dense, outweighs the prose evidence of a PARAGRAPH_WORDS sentence.
SHOUTED_LINK_DENSITY = 0.9
SHOUTED_LINK_MIN_WORDS = 4
SHOUTED_LINK_WEIGHT = 2.0
_SHOUTED_LINK = Evidence("related", SHOUTED_LINK_WEIGHT, SHOUTED_LINK)
#: An ASCII lower-case letter: one is enough to tell a line is not in capitals.
_ASCII_LOWER = re.compile(r"[a-z]")


@dom_heuristic(links=True)
def shouted_link(b: Block, f: Features) -> Evidence | None:
    """A linked line in capitals between story paragraphs ("CO-FOUNDER 'PROUD' OF HOME DEPOT
    EMPLOYEES", "GET FOX BUSINESS ON THE GO BY CLICKING HERE"): a teaser, never story text."""
    if f.link_density < SHOUTED_LINK_DENSITY or f.terminal or f.words < SHOUTED_LINK_MIN_WORDS:
        return None
    if _ASCII_LOWER.search(b.text):  # most linked lines: answered without listing every letter
        return None
    cased = [c for c in LETTER.findall(b.text) if c.lower() != c.upper()]  # not CJK
    if cased and all(c.isupper() for c in cased):
        return _SHOUTED_LINK
    return None


IMAGE_ALT = "image_alt"
#: Evidence no amount of prose outweighs: alt text is never story text, whatever its length.
DECISIVE = 20.0
_IMAGE_ALT = Evidence("caption", DECISIVE, IMAGE_ALT)


@dom_heuristic(tags={"img"})
def image_alt(b: Block, f: Features) -> Evidence | None:
    """Alternative text of an image describes a photo, it is not story text."""
    return _IMAGE_ALT


DOM_CAPTION = "dom_caption"
#: A <figcaption> is a caption by the page's own markup, even when it reads like a paragraph.
FIGCAPTION_WEIGHT = 6.0
#: An element named caption/credit/gallery: as much as the prose evidence of a line shorter
#: than PARAGRAPH_WORDS ...
NAMED_CAPTION_WEIGHT = 2.0
#: ... in blocks up to this long (longer, a box named "media" holds story or teaser text) ...
NAMED_CAPTION_MAX_WORDS = 60
#: Text elsewhere in a <figure>: milder, figures also hold embeds and pull quotes.
IN_FIGURE_WEIGHT = 1.5
_FIGCAPTION = Evidence("caption", FIGCAPTION_WEIGHT, DOM_CAPTION)
_NAMED_CAPTION = Evidence("caption", NAMED_CAPTION_WEIGHT, DOM_CAPTION)
_IN_FIGURE = Evidence("caption", IN_FIGURE_WEIGHT, DOM_CAPTION)


def _paragraph(f: Features) -> bool:
    """Several sentences of prose: more than a photo's one-line description."""
    return f.words >= LONG_WORDS and f.several_sentences and f.terminal


@dom_heuristic(vocab.CAPTION_TOKENS | {"<figcaption", "<figure"}, tags={"figcaption", "caption"})
def dom_caption(b: Block, f: Features) -> Evidence | None:
    """Text inside <figure>/<figcaption> or an element named caption/credit/gallery; in one
    named only for its pictures ("media", "gallery"), not a paragraph of several sentences."""
    if "<figcaption" in b.path or b.tag in ("figcaption", "caption"):
        return _FIGCAPTION
    if not b.path.isdisjoint(vocab.CAPTION_TOKENS):  # isdisjoint: no set built for most blocks
        named = b.path & vocab.CAPTION_TOKENS
        if f.words <= NAMED_CAPTION_MAX_WORDS and (named & vocab.CAPTION_OWN_TOKENS or not _paragraph(f)):
            return _NAMED_CAPTION
    if "<figure" in b.path:
        return _IN_FIGURE
    return None


DOM_PROMO = "dom_promo"
#: Inside an ad or newsletter box: a short block is its copy, a long one may be story text
#: the box wraps (some sites put the whole story in a "paywall" element).
DOM_PROMO_WEIGHT = 3.0
DOM_PROMO_LONG_WEIGHT = 1.5
_DOM_PROMO = Evidence("promo", DOM_PROMO_WEIGHT, DOM_PROMO)
_DOM_PROMO_LONG = Evidence("promo", DOM_PROMO_LONG_WEIGHT, DOM_PROMO)


@dom_heuristic(vocab.PROMO_TOKENS)
def dom_promo(b: Block, f: Features) -> Evidence | None:
    """Inside an element named newsletter/subscribe/ad/sponsor/paywall."""
    return _DOM_PROMO if f.words <= VOCAB_MAX_WORDS else _DOM_PROMO_LONG


DOM_RELATED = "dom_related"
#: Milder than the text's own say: sidebars and "teaser" boxes also hold a story's lead.
DOM_RELATED_WEIGHT = 1.5
_DOM_RELATED = Evidence("related", DOM_RELATED_WEIGHT, DOM_RELATED)


@dom_heuristic(vocab.RELATED_TOKENS | {"<aside"})
def dom_related(b: Block, f: Features) -> Evidence | None:
    """Inside <aside> or an element named related/recommended/trending/sidebar."""
    return _DOM_RELATED


DOM_FOOTER = "dom_footer"
#: A box named byline/meta/share holds short lines; longer text in it is more often story.
DOM_FOOTER_MAX_WORDS = 25
#: Milder than the text's own say: "meta" and "info" boxes also wrap a story's facts.
DOM_FOOTER_WEIGHT = 1.5
_DOM_FOOTER = Evidence("footer", DOM_FOOTER_WEIGHT, DOM_FOOTER)


@dom_heuristic(vocab.FOOTER_TOKENS | {"<footer", "<address"})
def dom_footer(b: Block, f: Features) -> Evidence | None:
    """Inside <footer> or <address>, or a short block in an element named
    footer/share/social/byline/meta."""
    if "<footer" in b.path or "<address" in b.path or f.words <= DOM_FOOTER_MAX_WORDS:
        return _DOM_FOOTER
    return None


DOM_NAVIGATION = "dom_navigation"
#: A menu's entry: as much as the prose evidence of a line shorter than PARAGRAPH_WORDS
#: (with short_fragment or link_dense, more).
DOM_NAVIGATION_WEIGHT = 2.0
_DOM_NAVIGATION = Evidence("navigation", DOM_NAVIGATION_WEIGHT, DOM_NAVIGATION)


@dom_heuristic(vocab.NAVIGATION_TOKENS | {"<nav", "<menu"})
def dom_navigation(b: Block, f: Features) -> Evidence | None:
    """Inside <nav>, <menu> or an element named nav/menu/breadcrumb/pagination."""
    return _DOM_NAVIGATION


DOM_COMMENT = "dom_comment"
#: Readers' comments read like prose: the box's name outweighs the prose evidence of a line
#: shorter than PARAGRAPH_WORDS.
DOM_COMMENT_WEIGHT = 3.0
_DOM_COMMENT = Evidence("comment", DOM_COMMENT_WEIGHT, DOM_COMMENT)


@dom_heuristic(vocab.COMMENT_TOKENS)
def dom_comment(b: Block, f: Features) -> Evidence | None:
    """Inside an element named comments/disqus/replies: readers' words, not the story."""
    return _DOM_COMMENT


DOM_CONSENT = "dom_consent"
#: A consent box's name outweighs the prose evidence of a line shorter than PARAGRAPH_WORDS.
DOM_CONSENT_WEIGHT = 2.5
_DOM_CONSENT = Evidence("consent", DOM_CONSENT_WEIGHT, DOM_CONSENT)


@dom_heuristic(vocab.CONSENT_TOKENS)
def dom_consent(b: Block, f: Features) -> Evidence | None:
    """Inside an element named cookie/consent/gdpr."""
    return _DOM_CONSENT
