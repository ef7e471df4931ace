"""Heuristics that read a block's markup: its tag, its surroundings (``Block.path``, see
:mod:`cleaner.dom`) and its links. HTML input only.
"""
from __future__ import annotations

import re

from . import vocabulary as vocab
from ..features import LETTER, Features
from ..model import Block
from .evidence import LINK_DENSE, LONG_WORDS, PARAGRAPH_WORDS, VOCAB_MAX_WORDS, Evidence

#: Evidence no amount of prose outweighs: alt text is never story text, whatever its length.
DECISIVE = 20.0
#: A <figcaption> is a caption by the page's own markup, even when it reads like a paragraph.
FIGCAPTION_WEIGHT = 6.0
#: Evidence for blocks inside / outside the element that holds most of the page's prose.
STORY_CONTAINER_WEIGHT = 1.0
OUTSIDE_CONTAINER_WEIGHT = 1.0
#: Milder for sentence-shaped paragraphs: leads and standfirsts often sit outside the body element.
OUTSIDE_CONTAINER_PROSE_WEIGHT = 0.5
#: A line in capitals linked through at least this share of its characters, with no sentence
#: end and at least SHOUTED_LINK_MIN_WORDS words, is a teaser for another story; its weight, on
#: top of link_dense, outweighs the prose evidence of a headline-length line (~3).
SHOUTED_LINK_DENSITY = 0.9
SHOUTED_LINK_MIN_WORDS = 4
SHOUTED_LINK_WEIGHT = 2.0
#: An ASCII lower-case letter: one is enough to tell a line is not in capitals.
_ASCII_LOWER = re.compile(r"[a-z]")
_IN_CONTAINER = Evidence("main", STORY_CONTAINER_WEIGHT, "story_container")
_OUTSIDE_CONTAINER = Evidence("boilerplate", OUTSIDE_CONTAINER_WEIGHT, "outside_story_container")
_OUTSIDE_CONTAINER_PROSE = Evidence("boilerplate", OUTSIDE_CONTAINER_PROSE_WEIGHT, "outside_story_container")


def story_container(b: Block, f: Features) -> Evidence | None:
    """Blocks inside the element that holds most of the page's prose (see cleaner.dom)."""
    if "@anchor" in b.path:
        return _IN_CONTAINER
    if "@page" in b.path:  # the page has an anchor and this block is elsewhere
        prose = f.words >= PARAGRAPH_WORDS and f.terminal and f.link_density < LINK_DENSE / 2
        return _OUTSIDE_CONTAINER_PROSE if prose else _OUTSIDE_CONTAINER
    return None


def link_dense(b: Block, f: Features) -> Evidence | None:
    """Text that is mostly link anchors is navigation or a teaser list."""
    if f.link_density > LINK_DENSE:
        label = "related" if f.words >= 5 else "navigation"
        if f.link_density == 1.0:  # most linked blocks: their evidence is built once
            return _ALL_LINKED[label]
        return Evidence(label, _link_dense_weight(f.link_density), "link_dense")
    return None


def _link_dense_weight(link_density: float) -> float:
    """More links, stronger evidence."""
    return 1.5 + 2.0 * (link_density - LINK_DENSE)


_ALL_LINKED = {label: Evidence(label, _link_dense_weight(1.0), "link_dense") for label in ("related", "navigation")}


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


_SHOUTED_LINK = Evidence("related", SHOUTED_LINK_WEIGHT, "shouted_link")
_IMAGE_ALT = Evidence("caption", DECISIVE, "image_alt")


def image_alt(b: Block, f: Features) -> Evidence | None:
    """Alternative text of an image describes a photo, it is not story text."""
    if b.tag == "img":
        return _IMAGE_ALT
    return None


def _paragraph(f: Features) -> bool:
    """Several sentences of prose: more than a photo's one-line description."""
    return f.words >= LONG_WORDS and f.several_sentences and f.terminal


_FIGCAPTION = Evidence("caption", FIGCAPTION_WEIGHT, "dom_caption")
_NAMED_CAPTION = Evidence("caption", 2.0, "dom_caption")
_IN_FIGURE = Evidence("caption", 1.5, "dom_caption")


def dom_caption(b: Block, f: Features) -> Evidence | None:
    """Text inside <figure>/<figcaption> or an element named caption/credit/gallery."""
    if "<figcaption" in b.path or b.tag in ("figcaption", "caption"):
        return _FIGCAPTION
    if not b.path.isdisjoint(vocab.CAPTION_TOKENS):  # isdisjoint: no set built for most blocks
        named = b.path & vocab.CAPTION_TOKENS
        if f.words <= 60 and (named & vocab.CAPTION_OWN_TOKENS or not _paragraph(f)):
            return _NAMED_CAPTION
    if "<figure" in b.path:
        return _IN_FIGURE
    return None


_DOM_PROMO = Evidence("promo", 3.0, "dom_promo")
_DOM_PROMO_LONG = Evidence("promo", 1.5, "dom_promo")


def dom_promo(b: Block, f: Features) -> Evidence | None:
    """Inside an element named newsletter/subscribe/ad/sponsor/paywall."""
    if not b.path.isdisjoint(vocab.PROMO_TOKENS):
        return _DOM_PROMO if f.words <= VOCAB_MAX_WORDS else _DOM_PROMO_LONG
    return None


_DOM_RELATED = Evidence("related", 1.5, "dom_related")


def dom_related(b: Block, f: Features) -> Evidence | None:
    """Inside <aside> or an element named related/recommended/trending/sidebar."""
    if "<aside" in b.path or not b.path.isdisjoint(vocab.RELATED_TOKENS):
        return _DOM_RELATED
    return None


_DOM_FOOTER = Evidence("footer", 1.5, "dom_footer")


def dom_footer(b: Block, f: Features) -> Evidence | None:
    """Inside <footer> or an element named footer/share/social/byline/meta."""
    if "<footer" in b.path or "<address" in b.path or (
            f.words <= 25 and not b.path.isdisjoint(vocab.FOOTER_TOKENS)):
        return _DOM_FOOTER
    return None


_DOM_NAVIGATION = Evidence("navigation", 2.0, "dom_navigation")


def dom_navigation(b: Block, f: Features) -> Evidence | None:
    """Inside <nav>, <menu> or an element named nav/menu/breadcrumb/pagination."""
    if "<nav" in b.path or "<menu" in b.path or not b.path.isdisjoint(vocab.NAVIGATION_TOKENS):
        return _DOM_NAVIGATION
    return None


_DOM_COMMENT = Evidence("comment", 3.0, "dom_comment")


def dom_comment(b: Block, f: Features) -> Evidence | None:
    """Inside an element named comments/disqus/replies: readers' words, not the story."""
    if not b.path.isdisjoint(vocab.COMMENT_TOKENS):
        return _DOM_COMMENT
    return None


_DOM_CONSENT = Evidence("consent", 2.5, "dom_consent")


def dom_consent(b: Block, f: Features) -> Evidence | None:
    """Inside an element named cookie/consent/gdpr."""
    if not b.path.isdisjoint(vocab.CONSENT_TOKENS):
        return _DOM_CONSENT
    return None
