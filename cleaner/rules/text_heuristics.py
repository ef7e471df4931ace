"""Heuristics that read only a block's text and features: used for HTML and flattened text alike.

They read nothing of the block but its text (and the features): a page's repeated texts are
scored once (:mod:`cleaner.api`). Each heuristic is registered with :func:`text_heuristic`, which
states the vocabularies it reads and the longest block it reads them in; they run in the order
they are defined here (the order shows in ``Block.reasons`` and breaks ties between labels).
Each one's reason, weights and limits are named right above it. Where a comment says a weight
outweighs "a paragraph's prose evidence" (what prose_length, sentence_shape and stopword_density
give it), tests/test_heuristics.py checks that it does.
"""
from __future__ import annotations

import re

from . import vocabulary as vocab
from ..features import WORD, Features
from ..model import Block
from .evidence import (
    LONG_WORDS, MAX_CHARS_PER_WORD, PARAGRAPH_WORDS, VOCAB_MAX_WORDS, Evidence, fits, text_heuristic,
)

#: In a block this short, boilerplate vocabulary is the block's whole point: stronger evidence.
SHORT_VOCAB_WORDS = 25
#: A sentence has at least this many words when it ends like one: "By Friday, it was over." is
#: story, not a byline; "Updated." is not a sentence.
SENTENCE_WORDS = 4

# --- a shape the decision asks for (not evidence) ------------------------------------------
#: A date stamp ("Nov. 20, 2019, 9:28 AM UTC", "by Jane Doe — November 18, 2019") has at most
#: this many words, and at most DATE_STAMP_OTHER_WORDS words of 3+ letters that are not part of
#: the date: more, and the date sits in a sentence or a list entry ("Protokoll vom 5.8.2019").
DATE_STAMP_MAX_WORDS = 12
DATE_STAMP_OTHER_WORDS = 3


def date_stamp(f: Features) -> bool:
    """A date stamp, maybe with a label or the writer's name ("기사입력 :[ 2018-08-25 15:24 ]",
    "by Jane Doe — November 18, 2019"). Not evidence on its own: inside a story the same shape
    is a schedule ("June 17 – Nashville, TN"); the decision asks it of blocks near the headline."""
    # words counted here, not f.words: CJK text estimates those from its length
    if f.chars > DATE_STAMP_MAX_WORDS * MAX_CHARS_PER_WORD or (f.terminal and f.words >= SENTENCE_WORDS) or \
            not vocab.DATE.search(f.lower):
        return False
    words = WORD.findall(f.lower)
    other = [w for w in words if len(w) >= 3 and not w[0].isdigit() and not vocab.DATE_WORDS.search(w)]
    return len(words) <= DATE_STAMP_MAX_WORDS and len(other) <= DATE_STAMP_OTHER_WORDS


# Evidence with a fixed weight is built once, next to its heuristic: evidence is immutable, and
# every block gets some of it (building a named tuple costs more than most heuristics' tests).

# --- evidence for story text -----------------------------------------------------------------
PROSE_LENGTH = "prose_length"
#: A substantial paragraph (LONG_WORDS+) is stronger evidence than a PARAGRAPH_WORDS one.
LONG_PROSE_WEIGHT = 2.0
PARAGRAPH_PROSE_WEIGHT = 1.0
_LONG_PROSE = Evidence("main", LONG_PROSE_WEIGHT, PROSE_LENGTH)
_PARAGRAPH_PROSE = Evidence("main", PARAGRAPH_PROSE_WEIGHT, PROSE_LENGTH)


@text_heuristic()
def prose_length(b: Block, f: Features) -> Evidence | None:
    """Long blocks are paragraphs: menus, captions and buttons are short."""
    if f.words >= LONG_WORDS:
        return _LONG_PROSE
    if f.words >= PARAGRAPH_WORDS:
        return _PARAGRAPH_PROSE
    return None


SENTENCE_SHAPE = "sentence_shape"
#: Fewer words ending in a period are a label or a caption's fragment ("Photo: AP."), not prose.
SENTENCE_SHAPE_MIN_WORDS = 6
#: Several sentences in one block read more like prose than one.
SENTENCES_WEIGHT = 1.5
SENTENCE_WEIGHT = 1.0
_SENTENCES = Evidence("main", SENTENCES_WEIGHT, SENTENCE_SHAPE)
_SENTENCE = Evidence("main", SENTENCE_WEIGHT, SENTENCE_SHAPE)


@text_heuristic()
def sentence_shape(b: Block, f: Features) -> Evidence | None:
    """Story text is made of sentences that end in terminal punctuation."""
    if f.terminal and f.words >= SENTENCE_SHAPE_MIN_WORDS and not f.ellipsis_end:
        return _SENTENCES if f.several_sentences else _SENTENCE
    return None


STOPWORD_DENSITY = "stopword_density"
LOW_STOPWORD_DENSITY = "low_stopword_density"
#: Stopword share of ordinary prose (jusText finds ~0.3); lists of names and menus sit far below.
PROSE_STOP_DENSITY = 0.25
#: Below this stopword share a block of several words is a list of names, tags or links.
LOW_STOP_DENSITY = 0.10
#: Words a block needs before its share says anything: prose (more, as one function word in a
#: short line is chance) and a list (fewer).
PROSE_STOP_MIN_WORDS = 6
LOW_STOP_MIN_WORDS = 4
#: One vote either way: the share is a hint, the words themselves decide.
STOPWORD_WEIGHT = 1.0
_PROSE_STOPWORDS = Evidence("main", STOPWORD_WEIGHT, STOPWORD_DENSITY)
_FEW_STOPWORDS = Evidence("boilerplate", STOPWORD_WEIGHT, LOW_STOPWORD_DENSITY)


@text_heuristic()
def stopword_density(b: Block, f: Features) -> Evidence | None:
    """Prose is dense in function words; lists of names, links and tags are not (jusText's idea)."""
    if not f.stop_known:
        return None
    if f.words >= PROSE_STOP_MIN_WORDS and f.stop_density >= PROSE_STOP_DENSITY:
        return _PROSE_STOPWORDS
    if f.words >= LOW_STOP_MIN_WORDS and f.stop_density < LOW_STOP_DENSITY:
        return _FEW_STOPWORDS
    return None


# --- evidence for boilerplate --------------------------------------------------------------
SHORT_FRAGMENT = "short_fragment"
#: Words at or below which an unpunctuated block is a fragment (menu entry, label, button).
FRAGMENT_WORDS = 3
#: Weak: a story's subheadings and one-line quotes are short too.
SHORT_FRAGMENT_WEIGHT = 1.0
_SHORT_FRAGMENT = Evidence("navigation", SHORT_FRAGMENT_WEIGHT, SHORT_FRAGMENT)


@text_heuristic()
def short_fragment(b: Block, f: Features) -> Evidence | None:
    """A word or three with no sentence punctuation: a menu entry, label or button."""
    if f.words <= FRAGMENT_WORDS and not f.terminal:
        return _SHORT_FRAGMENT
    return None


CAPTION_CREDIT = "caption_credit"
#: Captions with their credit run to a few sentences at most.
CAPTION_MAX_WORDS = 80
#: A short block with a credit is a caption; a longer one that ends in a credit is likely one.
CREDIT_WEIGHT = 4.5
CREDIT_LONG_WEIGHT = 3.5
_CREDIT = Evidence("caption", CREDIT_WEIGHT, CAPTION_CREDIT)
_CREDIT_LONG = Evidence("caption", CREDIT_LONG_WEIGHT, CAPTION_CREDIT)


@text_heuristic(vocab.CREDIT_TAIL, vocab.CREDIT_LINE, max_words=CAPTION_MAX_WORDS)
def caption_credit(b: Block, f: Features) -> Evidence | None:
    """Captions end with a photo credit: "(Reuters: Kevin Lamarque)", "Foto: dpa"; a news
    dateline ("Wien (APA) -") opens a story instead."""
    if not vocab.DATELINE.search(f.lower):
        return _CREDIT if f.words <= SHORT_VOCAB_WORDS else _CREDIT_LONG
    return None


SCENE_CAPTION = "scene_caption"
#: A dated news-photo scene ("X speaks during a rally in Y on Nov. 19, 2019") in a block of
#: this many words (shorter: a dateline or "Updated" line) is a caption, by more than a
#: LONG_WORDS paragraph's prose evidence.
SCENE_CAPTION_WORDS = (12, 80)
SCENE_CAPTION_WEIGHT = 5.0
_SCENE_CAPTION = Evidence("caption", SCENE_CAPTION_WEIGHT, SCENE_CAPTION)


@text_heuristic(vocab.CAPTION_SCENE, max_words=SCENE_CAPTION_WORDS[1])
def scene_caption(b: Block, f: Features) -> Evidence | None:
    """A news photo's caption without a credit: a present-tense scene dated to the day and year;
    a story tells dated events in the past tense."""
    if f.words >= SCENE_CAPTION_WORDS[0]:
        return _SCENE_CAPTION
    return None


PROMO_TEXT = "promo_text"
#: Newsletter and app copy in a short block outweighs its prose; in a longer one, less.
PROMO_WEIGHT = 4.0
PROMO_LONG_WEIGHT = 2.5
_PROMO = Evidence("promo", PROMO_WEIGHT, PROMO_TEXT)
_PROMO_LONG = Evidence("promo", PROMO_LONG_WEIGHT, PROMO_TEXT)


@text_heuristic(vocab.PROMO, max_words=VOCAB_MAX_WORDS)
def promo_text(b: Block, f: Features) -> Evidence | None:
    """Newsletter, subscription, app and advertising copy."""
    return _PROMO if f.words <= SHORT_VOCAB_WORDS else _PROMO_LONG


RELATED_HEADING = "related_heading"
#: "Related Article", "Lesen Sie auch", "More from Sports": a heading, a few words at most.
RELATED_HEADING_MAX_WORDS = 8
#: More than a PARAGRAPH_WORDS sentence's prose evidence: the heading is never story text.
RELATED_HEADING_WEIGHT = 4.0
_RELATED_HEADING = Evidence("related", RELATED_HEADING_WEIGHT, RELATED_HEADING)


@text_heuristic(vocab.RELATED_HEAD, max_words=RELATED_HEADING_MAX_WORDS)
def related_heading(b: Block, f: Features) -> Evidence | None:
    """A "Related Article"/"Read more"/"Lesen Sie auch" heading opens a block of other stories."""
    return _RELATED_HEADING


RELATED_INLINE = "related_inline"
#: "Read more: <headline>": the lead-in and one headline.
RELATED_INLINE_MAX_WORDS = 30
#: The headline after the lead-in reads like a sentence: enough to outweigh a short one.
RELATED_INLINE_WEIGHT = 3.0
_RELATED_INLINE = Evidence("related", RELATED_INLINE_WEIGHT, RELATED_INLINE)


@text_heuristic(vocab.RELATED_INLINE, max_words=RELATED_INLINE_MAX_WORDS)
def related_inline(b: Block, f: Features) -> Evidence | None:
    """"Read more: <headline>" teasers dropped between story paragraphs."""
    return _RELATED_INLINE


TRUNCATED_TEASER = "truncated_teaser"
#: A teaser's summary is at most this long; a longer block ending in "..." is a quote or a story.
TEASER_MAX_WORDS = 50
#: Characters at the end of a block searched for its "read more" link.
READ_MORE_TAIL_CHARS = 40
#: Weak: a story may end a paragraph with an ellipsis; a teaser list adds more evidence.
TRUNCATED_TEASER_WEIGHT = 1.5
_TRUNCATED_TEASER = Evidence("related", TRUNCATED_TEASER_WEIGHT, TRUNCATED_TEASER)


@text_heuristic()
def truncated_teaser(b: Block, f: Features) -> Evidence | None:
    """A summary cut off with "..." or "…", or ending in its "[read more]" link, points to
    another page."""
    if f.words <= TEASER_MAX_WORDS and (
            f.ellipsis_end or vocab.READ_MORE_TAIL.search(f.lower[-READ_MORE_TAIL_CHARS:])):
        return _TRUNCATED_TEASER
    return None


GLUED_TEASER = "glued_teaser"
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
_GLUED_TEASER = Evidence("related", GLUED_TEASER_WEIGHT, GLUED_TEASER)
#: Matches the capital a glue joins to (it starts the summary). Led by that capital, so the
#: engine scans for capitals; the glue before it is then checked looking back.
_GLUE = re.compile(r"[A-Z](?:(?<=[a-z]{4}[A-Z])|(?<=[0-9?!)\]”\"][A-Z]))(?=[a-z])")


@text_heuristic()
def glued_teaser(b: Block, f: Features) -> Evidence | None:
    """A teaser card flattened without a space: a Title Case headline glued to its summary
    ("The 4 Best Vegan Spots In DetroitHoodline crunched the numbers ...")."""
    if f.words < GLUED_MIN_WORDS or not fits(f, GLUED_MAX_WORDS) or not _GLUE.search(b.text):
        return None  # most texts have no glue: one search turns them down without the loop
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


FOOTER_TEXT = "footer_text"
#: Source lines, counters and copyright: strong, and they end the story (a boundary).
FOOTER_WEIGHT = 4.0
FOOTER_LONG_WEIGHT = 3.5
_FOOTER = Evidence("footer", FOOTER_WEIGHT, FOOTER_TEXT, boundary=True)
_FOOTER_LONG = Evidence("footer", FOOTER_LONG_WEIGHT, FOOTER_TEXT, boundary=True)


@text_heuristic(vocab.FOOTER, max_words=VOCAB_MAX_WORDS)
def footer_text(b: Block, f: Features) -> Evidence | None:
    """Source lines, view counters, copyright and legal lines close a page, not a story."""
    return _FOOTER if f.words <= SHORT_VOCAB_WORDS else _FOOTER_LONG


SHARE_BAR = "share_bar"
#: A row of share buttons is a line of a few words.
SHARE_BAR_MAX_WORDS = 12
#: Outweighs the prose evidence of a line shorter than PARAGRAPH_WORDS; a share bar is never story text.
SHARE_BAR_WEIGHT = 3.0
_SHARE_BAR = Evidence("footer", SHARE_BAR_WEIGHT, SHARE_BAR)


@text_heuristic(vocab.SHARE, max_words=SHARE_BAR_MAX_WORDS)
def share_bar(b: Block, f: Features) -> Evidence | None:
    """"Share", "Tweet", "Facebook", "Print": the share toolbar."""
    return _SHARE_BAR


BYLINE = "byline"
#: Milder than a footer line: bylines sit next to the story and share its words (names, places).
BYLINE_WEIGHT = 2.5
_BYLINE = Evidence("footer", BYLINE_WEIGHT, BYLINE)


@text_heuristic(vocab.BYLINE, vocab.BYLINE_NAME, max_words=VOCAB_MAX_WORDS)
def byline(b: Block, f: Features) -> Evidence | None:
    """Author, date and reading-time lines around the headline (a sentence is story text)."""
    if not (f.terminal and f.words >= SENTENCE_WORDS):
        return _BYLINE
    return None


AUTHOR_BIO = "author_bio"
#: Longest note about the writer ("Jane Doe is a staff writer at ..."), and its weight: more than
#: the prose evidence of a LONG_WORDS paragraph, so the bio is footer and ends the story.
BIO_MAX_WORDS = 80
AUTHOR_BIO_WEIGHT = 5.0
_AUTHOR_BIO = Evidence("footer", AUTHOR_BIO_WEIGHT, AUTHOR_BIO, boundary=True)


@text_heuristic(vocab.AUTHOR_BIO, vocab.AUTHOR_BIO_NAMED, max_words=BIO_MAX_WORDS)
def author_bio(b: Block, f: Features) -> Evidence | None:
    """"Jane Doe is a staff writer at X covering ...", "contributed to this report": the note
    about the writer closes the story, however long it is."""
    return _AUTHOR_BIO


NAVIGATION_TEXT = "navigation_text"
#: "Home", "Skip to content", a breadcrumb: a line of a few words.
NAVIGATION_MAX_WORDS = 12
#: Outweighs the prose evidence of a line shorter than PARAGRAPH_WORDS.
NAVIGATION_WEIGHT = 2.5
_NAVIGATION = Evidence("navigation", NAVIGATION_WEIGHT, NAVIGATION_TEXT)


@text_heuristic(vocab.NAVIGATION, max_words=NAVIGATION_MAX_WORDS)
def navigation_text(b: Block, f: Features) -> Evidence | None:
    """"Home", "Menu", "Skip to content", breadcrumbs like "News > World > Europe"."""
    return _NAVIGATION


COMMENT_TEXT = "comment_text"
#: Comment chrome this short ("42 Comments", "Reply") opens the comment section: a boundary.
COMMENT_HEADER_WORDS = 6
#: Outweighs the prose evidence of a line shorter than PARAGRAPH_WORDS.
COMMENT_WEIGHT = 3.0
_COMMENT_HEADER = Evidence("comment", COMMENT_WEIGHT, COMMENT_TEXT, boundary=True)
_COMMENT = Evidence("comment", COMMENT_WEIGHT, COMMENT_TEXT)


@text_heuristic(vocab.COMMENT, max_words=VOCAB_MAX_WORDS)
def comment_text(b: Block, f: Features) -> Evidence | None:
    """Comment-section chrome: "42 Comments", "Reply", "Leave a comment", "X says:"."""
    return _COMMENT_HEADER if f.words <= COMMENT_HEADER_WORDS else _COMMENT


CONSENT_TEXT = "consent_text"
#: Cookie banners run long (purposes, partners, settings): the consent vocabulary counts in
#: blocks up to this long, the longest any vocabulary heuristic reads.
CONSENT_MAX_WORDS = 120
#: Outweighs a PARAGRAPH_WORDS sentence's prose evidence, not a LONG_WORDS paragraph's.
CONSENT_WEIGHT = 3.5
_CONSENT = Evidence("consent", CONSENT_WEIGHT, CONSENT_TEXT)


@text_heuristic(vocab.CONSENT, max_words=CONSENT_MAX_WORDS)
def consent_text(b: Block, f: Features) -> Evidence | None:
    """Cookie and privacy banners."""
    return _CONSENT


READER_APPEAL = "reader_appeal"
#: A request to the reader (subscribe, log in, donate): more than the prose evidence of a
#: paragraph of several sentences inside the story's container, in blocks up to this long; a
#: longer block that says so is story text about it.
APPEAL_WEIGHT = 6.0
APPEAL_MAX_WORDS = 60
_READER_APPEAL = Evidence("promo", APPEAL_WEIGHT, READER_APPEAL)


@text_heuristic(vocab.READER_APPEAL, max_words=APPEAL_MAX_WORDS)
def reader_appeal(b: Block, f: Features) -> Evidence | None:
    """"Please subscribe", "Sie müssen sich einloggen", "Síguenos en Telegram", "Jede Spende
    hilft": the site asks the reader for something; the story never does."""
    return _READER_APPEAL


SITE_NOTICE = "site_notice"
#: A note the site adds to its stories (disclosure, disclaimer, "filed under"): more than the prose
#: evidence of a paragraph of several sentences inside the story's container ...
NOTICE_WEIGHT = 6.0
#: ... in blocks up to this long: disclosures run longer ("Our experts test ... links marked
#: with * earn us money ... does not influence our picks").
NOTICE_MAX_WORDS = 100
_SITE_NOTICE = Evidence("footer", NOTICE_WEIGHT, SITE_NOTICE)


@text_heuristic(vocab.SITE_NOTICE, max_words=NOTICE_MAX_WORDS)
def site_notice(b: Block, f: Features) -> Evidence | None:
    """Affiliate disclosures, "Alle Angaben ohne Gewähr", reprint notices, "Der Beitrag wurde
    am ... veröffentlicht und unter ... abgelegt": the site's notes, not the story."""
    return _SITE_NOTICE
