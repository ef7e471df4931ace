"""Scored heuristics: each looks at one block and may return evidence for one label.

A heuristic is a plain function ``(block, features) -> Evidence | None``. Evidence for ``main``
says "this reads like story text"; evidence for any other label says "this is that kind of
boilerplate". The segmenter adds the weights up and then decides in context. Weights are named
here so each can be tuned and tested on its own.
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

from . import vocabulary as vocab
from ..features import LETTER, WORD, Features
from ..model import Block

# --- thresholds ---------------------------------------------------------------------------
#: Words from which a block is long enough to be a paragraph rather than a menu item or label.
PARAGRAPH_WORDS = 12
#: Words from which a block is a substantial paragraph (teasers and captions are rarely longer).
LONG_WORDS = 30
#: Stopword share of ordinary prose (jusText finds ~0.3); lists of names and menus sit far below.
PROSE_STOP_DENSITY = 0.25
#: Below this stopword share a block of several words is a list of names, tags or links.
LOW_STOP_DENSITY = 0.10
#: Share of characters inside links above which a block is link furniture, not story text.
LINK_DENSE = 0.5
#: Words at or below which an unpunctuated block is a fragment (menu entry, label, button).
FRAGMENT_WORDS = 3
#: Characters per word above which a "short" block is one endless token, not chrome (a long URL
#: or German compound stays well below it).
MAX_CHARS_PER_WORD = 40
#: In a block this short, boilerplate vocabulary is the block's whole point: stronger evidence.
SHORT_VOCAB_WORDS = 25
#: Evidence no amount of prose outweighs: alt text is never story text, whatever its length.
DECISIVE = 20.0
#: A <figcaption> is a caption by the page's own markup, even when it reads like a paragraph.
FIGCAPTION_WEIGHT = 6.0
#: Evidence for blocks inside / outside the element that holds most of the page's prose.
STORY_CONTAINER_WEIGHT = 1.0
OUTSIDE_CONTAINER_WEIGHT = 1.0
#: Milder for sentence-shaped paragraphs: leads and standfirsts often sit outside the body element.
OUTSIDE_CONTAINER_PROSE_WEIGHT = 0.5
#: Longest note about the writer ("Jane Doe is a staff writer at ..."), and its weight: more than
#: the prose evidence of a paragraph (4.5), so the bio is footer and ends the story.
BIO_MAX_WORDS = 80
AUTHOR_BIO_WEIGHT = 5.0
#: A glued teaser card: a headline of this many words (min, max), at least this share of its
#: words capitalised, glued to a summary of GLUED_MIN_WORDS+ words with at most this share
#: capitalised, in a block of at most GLUED_MAX_WORDS. The glue is 4+ lower-case letters or a
#: closing mark right before a capital ("DetroitHoodline", "Rise?Violence"); names like
#: "McKinley", "O'Hara" or brands like "AirPower" have fewer letters before their inner capital.
GLUED_HEAD_WORDS = (4, 20)
GLUED_MIN_WORDS = 6
GLUED_MAX_WORDS = 80
GLUED_HEAD_CAPITALIZED = 0.8
GLUED_SUMMARY_CAPITALIZED = 0.6
#: More than a paragraph's prose evidence: the card is not story text however well it reads.
GLUED_TEASER_WEIGHT = 5.0
#: Matches the capital a glue joins to (it starts the summary). Led by that capital, so the
#: engine scans for capitals; the glue before it is then checked looking back.
_GLUE = re.compile(r"[A-Z](?:(?<=[a-z]{4}[A-Z])|(?<=[0-9?!)\]”\"][A-Z]))(?=[a-z])")
#: A request to the reader (subscribe, log in, donate) or a note the site adds to its stories
#: (disclosure, disclaimer, "filed under"): more than a long paragraph's prose evidence (5.5),
#: in blocks up to this long; a longer block that says so is story text about it.
APPEAL_WEIGHT = 6.0
NOTICE_WEIGHT = 6.0
APPEAL_MAX_WORDS = 60
#: Disclosures run longer ("Our experts test ... links marked with * earn us money ... does not
#: influence our picks"): the notice vocabulary counts in blocks up to this long.
NOTICE_MAX_WORDS = 100
#: Cookie banners run long (purposes, partners, settings): the consent vocabulary counts in
#: blocks up to this long, the longest any vocabulary heuristic reads.
CONSENT_MAX_WORDS = 120
#: A date stamp ("Nov. 20, 2019, 9:28 AM UTC", "by Jane Doe — November 18, 2019") has at most
#: this many words, and at most DATE_STAMP_OTHER_WORDS words of 3+ letters that are not part of
#: the date: more, and the date sits in a sentence or a list entry ("Protokoll vom 5.8.2019").
DATE_STAMP_MAX_WORDS = 12
DATE_STAMP_OTHER_WORDS = 3
#: A line in capitals linked through at least this share of its characters, with no sentence
#: end and at least SHOUTED_LINK_MIN_WORDS words, is a teaser for another story; its weight, on
#: top of link_dense, outweighs the prose evidence of a headline-length line (~3).
SHOUTED_LINK_DENSITY = 0.9
SHOUTED_LINK_MIN_WORDS = 4
SHOUTED_LINK_WEIGHT = 2.0
#: An ASCII lower-case letter: one is enough to tell a line is not in capitals.
_ASCII_LOWER = re.compile(r"[a-z]")
#: A dated news-photo scene ("X speaks during a rally in Y on Nov. 19, 2019") in a block of
#: this many words (shorter: a dateline or "Updated" line) is a caption, by more than a
#: paragraph's prose evidence (4.5).
SCENE_CAPTION_WORDS = (12, 80)
SCENE_CAPTION_WEIGHT = 5.0
#: Boilerplate vocabulary only counts in blocks this short: a long paragraph that mentions
#: "newsletter" or "cookies" is story text about them.
VOCAB_MAX_WORDS = 40


class Evidence(NamedTuple):
    """One heuristic's vote: a label, how strongly, and the heuristic's name as the reason (a
    named tuple: immutable, and cheaper to build than a frozen dataclass, several per block)."""

    label: str
    weight: float
    reason: str
    boundary: bool = False  # marks the end of a story region (e.g. "Related Article", "Source link")


Heuristic = Callable[[Block, Features], "Evidence | None"]


def _fits(f: Features, words: int) -> bool:
    """At most ``words`` words and a plausible number of characters for them: a block of one
    endless token (minified data, base64) would make the vocabulary regexes crawl."""
    return f.words <= words and f.chars <= words * MAX_CHARS_PER_WORD


def _short(f: Features) -> bool:
    return _fits(f, VOCAB_MAX_WORDS)


# --- evidence for story text -----------------------------------------------------------------
# Evidence with a fixed weight is built once, here and below: evidence is immutable, and every
# block gets some of it (building a named tuple costs more than most heuristics' tests).
_LONG_PROSE = Evidence("main", 2.0, "prose_length")
_PARAGRAPH_PROSE = Evidence("main", 1.0, "prose_length")


def prose_length(b: Block, f: Features) -> Evidence | None:
    """Long blocks are paragraphs: menus, captions and buttons are short."""
    if f.words >= LONG_WORDS:
        return _LONG_PROSE
    if f.words >= PARAGRAPH_WORDS:
        return _PARAGRAPH_PROSE
    return None


_SENTENCES = Evidence("main", 1.5, "sentence_shape")
_SENTENCE = Evidence("main", 1.0, "sentence_shape")


def sentence_shape(b: Block, f: Features) -> Evidence | None:
    """Story text is made of sentences that end in terminal punctuation."""
    if f.terminal and f.words >= 6 and not f.ellipsis_end:
        return _SENTENCES if f.several_sentences else _SENTENCE
    return None


_PROSE_STOPWORDS = Evidence("main", 1.0, "stopword_density")
_FEW_STOPWORDS = Evidence("boilerplate", 1.0, "low_stopword_density")


def stopword_density(b: Block, f: Features) -> Evidence | None:
    """Prose is dense in function words; lists of names, links and tags are not (jusText's idea)."""
    if not f.stop_known:
        return None
    if f.words >= 6 and f.stop_density >= PROSE_STOP_DENSITY:
        return _PROSE_STOPWORDS
    if f.words >= 4 and f.stop_density < LOW_STOP_DENSITY:
        return _FEW_STOPWORDS
    return None


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


# --- evidence for boilerplate --------------------------------------------------------------
_SHORT_FRAGMENT = Evidence("navigation", 1.0, "short_fragment")


def short_fragment(b: Block, f: Features) -> Evidence | None:
    """A word or three with no sentence punctuation: a menu entry, label or button."""
    if f.words <= FRAGMENT_WORDS and not f.terminal:
        return _SHORT_FRAGMENT
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


def caption_credit(b: Block, f: Features) -> Evidence | None:
    """Captions end with a photo credit: "(Reuters: Kevin Lamarque)", "Foto: dpa"."""
    if _fits(f, 80) and (vocab.CREDIT_TAIL.search(f.lower) or vocab.CREDIT_LINE.search(f.lower)) \
            and not vocab.DATELINE.search(f.lower):
        return Evidence("caption", 4.5 if f.words <= SHORT_VOCAB_WORDS else 3.5, "caption_credit")
    return None


def _paragraph(f: Features) -> bool:
    """Several sentences of prose: more than a photo's one-line description."""
    return f.words >= LONG_WORDS and f.several_sentences and f.terminal


def scene_caption(b: Block, f: Features) -> Evidence | None:
    """A news photo's caption without a credit: a present-tense scene dated to the day and year;
    a story tells dated events in the past tense."""
    if f.words >= SCENE_CAPTION_WORDS[0] and _fits(f, SCENE_CAPTION_WORDS[1]) and \
            vocab.CAPTION_SCENE.search(f.lower):
        return Evidence("caption", SCENE_CAPTION_WEIGHT, "scene_caption")
    return None


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


def promo_text(b: Block, f: Features) -> Evidence | None:
    """Newsletter, subscription, app and advertising copy."""
    if _short(f) and vocab.PROMO.search(f.lower):
        return Evidence("promo", 4.0 if f.words <= SHORT_VOCAB_WORDS else 2.5, "promo_text")
    return None


def reader_appeal(b: Block, f: Features) -> Evidence | None:
    """"Please subscribe", "Sie müssen sich einloggen", "Síguenos en Telegram", "Jede Spende
    hilft": the site asks the reader for something; the story never does."""
    if _fits(f, APPEAL_MAX_WORDS) and vocab.READER_APPEAL.search(f.lower):
        return Evidence("promo", APPEAL_WEIGHT, "reader_appeal")
    return None


def site_notice(b: Block, f: Features) -> Evidence | None:
    """Affiliate disclosures, "Alle Angaben ohne Gewähr", reprint notices, "Der Beitrag wurde
    am ... veröffentlicht und unter ... abgelegt": the site's notes, not the story."""
    if _fits(f, NOTICE_MAX_WORDS) and vocab.SITE_NOTICE.search(f.lower):
        return Evidence("footer", NOTICE_WEIGHT, "site_notice")
    return None


_DOM_PROMO = Evidence("promo", 3.0, "dom_promo")
_DOM_PROMO_LONG = Evidence("promo", 1.5, "dom_promo")


def dom_promo(b: Block, f: Features) -> Evidence | None:
    """Inside an element named newsletter/subscribe/ad/sponsor/paywall."""
    if not b.path.isdisjoint(vocab.PROMO_TOKENS):
        return _DOM_PROMO if f.words <= VOCAB_MAX_WORDS else _DOM_PROMO_LONG
    return None


def related_heading(b: Block, f: Features) -> Evidence | None:
    """A "Related Article"/"Read more"/"Lesen Sie auch" heading opens a block of other stories."""
    if _fits(f, 8) and vocab.RELATED_HEAD.search(f.lower):
        return Evidence("related", 4.0, "related_heading")
    return None


def related_inline(b: Block, f: Features) -> Evidence | None:
    """"Read more: <headline>" teasers dropped between story paragraphs."""
    if _fits(f, 30) and vocab.RELATED_INLINE.search(f.lower):
        return Evidence("related", 3.0, "related_inline")
    return None


_DOM_RELATED = Evidence("related", 1.5, "dom_related")


def dom_related(b: Block, f: Features) -> Evidence | None:
    """Inside <aside> or an element named related/recommended/trending/sidebar."""
    if "<aside" in b.path or not b.path.isdisjoint(vocab.RELATED_TOKENS):
        return _DOM_RELATED
    return None


_TRUNCATED_TEASER = Evidence("related", 1.5, "truncated_teaser")


def truncated_teaser(b: Block, f: Features) -> Evidence | None:
    """A summary cut off with "..." or "…", or ending in its "[read more]" link, points to
    another page."""
    if f.words <= 50 and (f.ellipsis_end or vocab.READ_MORE_TAIL.search(f.lower[-40:])):
        return _TRUNCATED_TEASER
    return None


_GLUED_TEASER = Evidence("related", GLUED_TEASER_WEIGHT, "glued_teaser")


def glued_teaser(b: Block, f: Features) -> Evidence | None:
    """A teaser card flattened without a space: a Title Case headline glued to its summary
    ("The 4 Best Vegan Spots In DetroitHoodline crunched the numbers ...")."""
    if f.words < GLUED_MIN_WORDS or not _fits(f, GLUED_MAX_WORDS):
        return None
    for m in _GLUE.finditer(b.text):
        glue = m.start()
        token = b.text[b.text.rfind(" ", 0, glue) + 1: glue]
        if token[:1] in "#@" or "/" in token:
            continue  # #HashTags, @handles and URLs are camel-cased on purpose
        head = WORD.findall(b.text[:glue])
        summary = WORD.findall(b.text[glue:])
        if not GLUED_HEAD_WORDS[0] <= len(head) <= GLUED_HEAD_WORDS[1] or \
                len(summary) < GLUED_MIN_WORDS:
            continue
        # a Title Case headline glued to a sentence (German capitalises nouns in both, brands
        # like "TennisBase" sit in one or the other)
        if _capitalized(head) >= GLUED_HEAD_CAPITALIZED and \
                _capitalized(summary[:GLUED_MIN_WORDS * 2]) <= GLUED_SUMMARY_CAPITALIZED:
            return _GLUED_TEASER
    return None


def _capitalized(words: list[str]) -> float:
    """Share of capitalised words, leaving out numbers and the short words titles keep small."""
    big = [w for w in words if not w[0].isdigit() and w.lower() not in vocab.TITLE_SMALL_WORDS]
    return sum(1 for w in big if w[0].isupper()) / len(big) if big else 0.0


def footer_text(b: Block, f: Features) -> Evidence | None:
    """Source lines, view counters, copyright and legal lines close a page, not a story."""
    if _short(f) and vocab.FOOTER.search(f.lower):
        return Evidence("footer", 4.0 if f.words <= SHORT_VOCAB_WORDS else 3.5, "footer_text",
                        boundary=True)
    return None


def share_bar(b: Block, f: Features) -> Evidence | None:
    """"Share", "Tweet", "Facebook", "Print": the share toolbar."""
    if _fits(f, 12) and vocab.SHARE.search(f.lower):
        return Evidence("footer", 3.0, "share_bar")
    return None


def byline(b: Block, f: Features) -> Evidence | None:
    """Author, date and reading-time lines around the headline."""
    if not _fits(f, 40):
        return None
    sentence = f.terminal and f.words >= 4  # "By Friday, it was over." is story, not a byline
    if not sentence and (vocab.BYLINE.search(f.lower) or vocab.BYLINE_NAME.search(b.text)):
        return Evidence("footer", 2.5, "byline")
    return None


def date_stamp(f: Features) -> bool:
    """A date stamp, maybe with a label or the writer's name ("기사입력 :[ 2018-08-25 15:24 ]",
    "by Jane Doe — November 18, 2019"). Not evidence on its own: inside a story the same shape
    is a schedule ("June 17 – Nashville, TN"); the segmenter asks it of blocks near the headline."""
    # words counted here, not f.words: CJK text estimates those from its length
    if f.chars > DATE_STAMP_MAX_WORDS * MAX_CHARS_PER_WORD or (f.terminal and f.words >= 4) or \
            not vocab.DATE.search(f.lower):
        return False
    words = WORD.findall(f.lower)
    other = [w for w in words if len(w) >= 3 and not w[0].isdigit() and not vocab.DATE_WORDS.search(w)]
    return len(words) <= DATE_STAMP_MAX_WORDS and len(other) <= DATE_STAMP_OTHER_WORDS


def author_bio(b: Block, f: Features) -> Evidence | None:
    """"Jane Doe is a staff writer at X covering ...", "contributed to this report": the note
    about the writer closes the story, however long it is."""
    if not _fits(f, BIO_MAX_WORDS):
        return None
    if vocab.AUTHOR_BIO.search(f.lower) or vocab.AUTHOR_BIO_NAMED.search(b.text):
        return Evidence("footer", AUTHOR_BIO_WEIGHT, "author_bio", boundary=True)
    return None


_DOM_FOOTER = Evidence("footer", 1.5, "dom_footer")


def dom_footer(b: Block, f: Features) -> Evidence | None:
    """Inside <footer> or an element named footer/share/social/byline/meta."""
    if "<footer" in b.path or "<address" in b.path or (
            f.words <= 25 and not b.path.isdisjoint(vocab.FOOTER_TOKENS)):
        return _DOM_FOOTER
    return None


def navigation_text(b: Block, f: Features) -> Evidence | None:
    """"Home", "Menu", "Skip to content", breadcrumbs like "News > World > Europe"."""
    if _fits(f, 12) and vocab.NAVIGATION.search(f.lower):
        return Evidence("navigation", 2.5, "navigation_text")
    return None


_DOM_NAVIGATION = Evidence("navigation", 2.0, "dom_navigation")


def dom_navigation(b: Block, f: Features) -> Evidence | None:
    """Inside <nav>, <menu> or an element named nav/menu/breadcrumb/pagination."""
    if "<nav" in b.path or "<menu" in b.path or not b.path.isdisjoint(vocab.NAVIGATION_TOKENS):
        return _DOM_NAVIGATION
    return None


def comment_text(b: Block, f: Features) -> Evidence | None:
    """Comment-section chrome: "42 Comments", "Reply", "Leave a comment", "X says:"."""
    if _short(f) and vocab.COMMENT.search(f.lower):
        return Evidence("comment", 3.0, "comment_text", boundary=f.words <= 6)
    return None


_DOM_COMMENT = Evidence("comment", 3.0, "dom_comment")


def dom_comment(b: Block, f: Features) -> Evidence | None:
    """Inside an element named comments/disqus/replies: readers' words, not the story."""
    if not b.path.isdisjoint(vocab.COMMENT_TOKENS):
        return _DOM_COMMENT
    return None


def consent_text(b: Block, f: Features) -> Evidence | None:
    """Cookie and privacy banners."""
    if _fits(f, CONSENT_MAX_WORDS) and vocab.CONSENT.search(f.lower):
        return Evidence("consent", 3.5, "consent_text")
    return None


_DOM_CONSENT = Evidence("consent", 2.5, "dom_consent")


def dom_consent(b: Block, f: Features) -> Evidence | None:
    """Inside an element named cookie/consent/gdpr."""
    if not b.path.isdisjoint(vocab.CONSENT_TOKENS):
        return _DOM_CONSENT
    return None


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
_SCREEN = vocab.union(
    vocab.CREDIT_TAIL, vocab.CREDIT_LINE, vocab.CAPTION_SCENE, vocab.PROMO, vocab.RELATED_HEAD,
    vocab.RELATED_INLINE, vocab.FOOTER, vocab.SHARE, vocab.BYLINE, vocab.AUTHOR_BIO,
    vocab.NAVIGATION, vocab.COMMENT, vocab.CONSENT, vocab.READER_APPEAL, vocab.SITE_NOTICE,
)
_CASED_SCREEN = vocab.union(vocab.BYLINE_NAME, vocab.AUTHOR_BIO_NAMED)
#: The screened heuristics that read blocks of more than VOCAB_MAX_WORDS words (the others give
#: no evidence for those): a longer block is screened with their vocabularies only, and a block
#: of more than CONSENT_MAX_WORDS words (consent_text's limit, the highest) skips the screen.
LONG_SCREENED_HEURISTICS: tuple[Heuristic, ...] = (
    caption_credit, scene_caption, author_bio, consent_text, reader_appeal, site_notice,
)
_LONG_SCREEN = vocab.union(
    vocab.CREDIT_TAIL, vocab.CREDIT_LINE, vocab.CAPTION_SCENE, vocab.AUTHOR_BIO, vocab.CONSENT,
    vocab.READER_APPEAL, vocab.SITE_NOTICE,
)
_LONG_CASED_SCREEN = vocab.AUTHOR_BIO_NAMED
_UNSCREENED_TEXT_HEURISTICS = tuple(h for h in TEXT_HEURISTICS if h not in SCREENED_HEURISTICS)


class ScreenGroup(NamedTuple):
    """Screened heuristics and the screen of their vocabularies: of the lower-cased text, and
    (``cased``) of the text itself."""

    heuristics: tuple[Heuristic, ...]
    screen: vocab.Vocabulary
    cased: vocab.Vocabulary


#: The screened heuristics in groups: a short block that passes the whole screen (most pass it
#: for one vocabulary) runs only the groups whose own screen it passes. The first group is the
#: heuristics that read long blocks, with the long screen (compiled once for both uses). A test
#: checks each group's screens hold the vocabularies its heuristics read.
SCREEN_GROUPS: tuple[ScreenGroup, ...] = (
    ScreenGroup(LONG_SCREENED_HEURISTICS, _LONG_SCREEN, _LONG_CASED_SCREEN),
    ScreenGroup((promo_text, footer_text, byline), vocab.union(vocab.PROMO, vocab.FOOTER, vocab.BYLINE),
                vocab.BYLINE_NAME),
    ScreenGroup((related_heading, related_inline, share_bar, navigation_text, comment_text),
                vocab.union(vocab.RELATED_HEAD, vocab.RELATED_INLINE, vocab.SHARE, vocab.NAVIGATION, vocab.COMMENT),
                vocab.Vocabulary()),
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
    short = _short(feats)
    if short and (_SCREEN.search(feats.lower) or _CASED_SCREEN.search(block.text)):
        return evaluate(block, feats, _GROUP_RUNS[_groups_passed(block, feats)])
    if not short and _fits(feats, CONSENT_MAX_WORDS) and (
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
