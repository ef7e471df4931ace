"""Heuristics that read only a block's text and features: used for HTML and flattened text alike.

They must read nothing of the block but its text (and the features): a page's repeated texts are
scored once (:mod:`cleaner.api`). Weights are named next to their heuristic.
"""
from __future__ import annotations

import re

from . import vocabulary as vocab
from ..features import WORD, Features
from ..model import Block
from .evidence import LONG_WORDS, MAX_CHARS_PER_WORD, PARAGRAPH_WORDS, Evidence, fits, short

#: Stopword share of ordinary prose (jusText finds ~0.3); lists of names and menus sit far below.
PROSE_STOP_DENSITY = 0.25
#: Below this stopword share a block of several words is a list of names, tags or links.
LOW_STOP_DENSITY = 0.10
#: Words at or below which an unpunctuated block is a fragment (menu entry, label, button).
FRAGMENT_WORDS = 3
#: In a block this short, boilerplate vocabulary is the block's whole point: stronger evidence.
SHORT_VOCAB_WORDS = 25
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
#: A dated news-photo scene ("X speaks during a rally in Y on Nov. 19, 2019") in a block of
#: this many words (shorter: a dateline or "Updated" line) is a caption, by more than a
#: paragraph's prose evidence (4.5).
SCENE_CAPTION_WORDS = (12, 80)
SCENE_CAPTION_WEIGHT = 5.0
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


# --- evidence for boilerplate --------------------------------------------------------------
_SHORT_FRAGMENT = Evidence("navigation", 1.0, "short_fragment")


def short_fragment(b: Block, f: Features) -> Evidence | None:
    """A word or three with no sentence punctuation: a menu entry, label or button."""
    if f.words <= FRAGMENT_WORDS and not f.terminal:
        return _SHORT_FRAGMENT
    return None


def caption_credit(b: Block, f: Features) -> Evidence | None:
    """Captions end with a photo credit: "(Reuters: Kevin Lamarque)", "Foto: dpa"."""
    if fits(f, 80) and (vocab.CREDIT_TAIL.search(f.lower) or vocab.CREDIT_LINE.search(f.lower)) \
            and not vocab.DATELINE.search(f.lower):
        return Evidence("caption", 4.5 if f.words <= SHORT_VOCAB_WORDS else 3.5, "caption_credit")
    return None


def scene_caption(b: Block, f: Features) -> Evidence | None:
    """A news photo's caption without a credit: a present-tense scene dated to the day and year;
    a story tells dated events in the past tense."""
    if f.words >= SCENE_CAPTION_WORDS[0] and fits(f, SCENE_CAPTION_WORDS[1]) and \
            vocab.CAPTION_SCENE.search(f.lower):
        return Evidence("caption", SCENE_CAPTION_WEIGHT, "scene_caption")
    return None


def promo_text(b: Block, f: Features) -> Evidence | None:
    """Newsletter, subscription, app and advertising copy."""
    if short(f) and vocab.PROMO.search(f.lower):
        return Evidence("promo", 4.0 if f.words <= SHORT_VOCAB_WORDS else 2.5, "promo_text")
    return None


def related_heading(b: Block, f: Features) -> Evidence | None:
    """A "Related Article"/"Read more"/"Lesen Sie auch" heading opens a block of other stories."""
    if fits(f, 8) and vocab.RELATED_HEAD.search(f.lower):
        return Evidence("related", 4.0, "related_heading")
    return None


def related_inline(b: Block, f: Features) -> Evidence | None:
    """"Read more: <headline>" teasers dropped between story paragraphs."""
    if fits(f, 30) and vocab.RELATED_INLINE.search(f.lower):
        return Evidence("related", 3.0, "related_inline")
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
    if f.words < GLUED_MIN_WORDS or not fits(f, GLUED_MAX_WORDS):
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
    if short(f) and vocab.FOOTER.search(f.lower):
        return Evidence("footer", 4.0 if f.words <= SHORT_VOCAB_WORDS else 3.5, "footer_text",
                        boundary=True)
    return None


def share_bar(b: Block, f: Features) -> Evidence | None:
    """"Share", "Tweet", "Facebook", "Print": the share toolbar."""
    if fits(f, 12) and vocab.SHARE.search(f.lower):
        return Evidence("footer", 3.0, "share_bar")
    return None


def byline(b: Block, f: Features) -> Evidence | None:
    """Author, date and reading-time lines around the headline."""
    if not fits(f, 40):
        return None
    sentence = f.terminal and f.words >= 4  # "By Friday, it was over." is story, not a byline
    if not sentence and (vocab.BYLINE.search(f.lower) or vocab.BYLINE_NAME.search(b.text)):
        return Evidence("footer", 2.5, "byline")
    return None


def author_bio(b: Block, f: Features) -> Evidence | None:
    """"Jane Doe is a staff writer at X covering ...", "contributed to this report": the note
    about the writer closes the story, however long it is."""
    if not fits(f, BIO_MAX_WORDS):
        return None
    if vocab.AUTHOR_BIO.search(f.lower) or vocab.AUTHOR_BIO_NAMED.search(b.text):
        return Evidence("footer", AUTHOR_BIO_WEIGHT, "author_bio", boundary=True)
    return None


def navigation_text(b: Block, f: Features) -> Evidence | None:
    """"Home", "Menu", "Skip to content", breadcrumbs like "News > World > Europe"."""
    if fits(f, 12) and vocab.NAVIGATION.search(f.lower):
        return Evidence("navigation", 2.5, "navigation_text")
    return None


def comment_text(b: Block, f: Features) -> Evidence | None:
    """Comment-section chrome: "42 Comments", "Reply", "Leave a comment", "X says:"."""
    if short(f) and vocab.COMMENT.search(f.lower):
        return Evidence("comment", 3.0, "comment_text", boundary=f.words <= 6)
    return None


def consent_text(b: Block, f: Features) -> Evidence | None:
    """Cookie and privacy banners."""
    if fits(f, CONSENT_MAX_WORDS) and vocab.CONSENT.search(f.lower):
        return Evidence("consent", 3.5, "consent_text")
    return None


def reader_appeal(b: Block, f: Features) -> Evidence | None:
    """"Please subscribe", "Sie müssen sich einloggen", "Síguenos en Telegram", "Jede Spende
    hilft": the site asks the reader for something; the story never does."""
    if fits(f, APPEAL_MAX_WORDS) and vocab.READER_APPEAL.search(f.lower):
        return Evidence("promo", APPEAL_WEIGHT, "reader_appeal")
    return None


def site_notice(b: Block, f: Features) -> Evidence | None:
    """Affiliate disclosures, "Alle Angaben ohne Gewähr", reprint notices, "Der Beitrag wurde
    am ... veröffentlicht und unter ... abgelegt": the site's notes, not the story."""
    if fits(f, NOTICE_MAX_WORDS) and vocab.SITE_NOTICE.search(f.lower):
        return Evidence("footer", NOTICE_WEIGHT, "site_notice")
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
