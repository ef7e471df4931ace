"""Each scored heuristic on its own: an input where it fires (label, reason) and a near miss.

Weights are tuned during development, so these tests name labels, reasons and the threshold
constants of :mod:`cleaner.rules.heuristics`, never a score value.
"""
from __future__ import annotations

import random
import re

import pytest

from cleaner.rules import dispatch, patterns
from cleaner.rules import dom_heuristics as D
from cleaner.rules import evidence as E
from cleaner.rules import text_heuristics as T
from cleaner.rules import vocabulary as vocab
from cleaner.features import block_features
from cleaner.language import stopwords
from cleaner.model import LABELS, Block

EN = stopwords("en")

#: Ordinary English prose, cycled to build blocks of an exact word count.
_PROSE_WORDS = (
    "the council said that the new bridge over the river would open to traffic in the spring "
    "and that the work on the approach roads was going well despite the long winter"
).split()


#: A teaser link in capitals, as some sites drop them between a story's paragraphs.
SHOUTED = "CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES LIVING OUT THEIR DREAM"


def words(n: int, end: str = ".") -> str:
    """A prose-like block of exactly ``n`` words (capitalised, ending with ``end``)."""
    out = [_PROSE_WORDS[i % len(_PROSE_WORDS)] for i in range(n)]
    out[0] = out[0].capitalize()
    return " ".join(out) + end


def run(heuristic, text: str, *, lang: str = "en", link_chars: int = 0, tag: str = "p",
        path: frozenset[str] = frozenset(), container: bool | None = None):
    """Call one heuristic on a block built from ``text`` with the features the pipeline computes
    (``container``: whether the block sits in the page's story container, None: the page has none)."""
    block = Block(index=0, text=text, tag=tag, path=frozenset(path), link_chars=link_chars,
                  in_story_container=container)
    return heuristic(block, block_features(text, link_chars, stopwords(lang)))


def reasons(text: str, **kw) -> set[str]:
    """Names of every heuristic (text and DOM) that fires on the block."""
    block = Block(index=0, text=text, tag=kw.get("tag", "p"), path=frozenset(kw.get("path", ())),
                  link_chars=kw.get("link_chars", 0), in_story_container=kw.get("container"))
    feats = block_features(text, block.link_chars, stopwords(kw.get("lang", "en")))
    return {e.reason for e in dispatch.evaluate(block, feats, dispatch.TEXT_HEURISTICS + dispatch.DOM_HEURISTICS)}


PARAGRAPH = words(E.LONG_WORDS + 5)
#: A long paragraph that mentions boilerplate vocabulary in passing: story text about it.
LONG_MENTION = (
    "The newspaper said on Monday that it would stop printing its Saturday edition and move its "
    "newsletter, its subscription offers and the copyright notice of its archive to a new website, "
    "a change the editor said had been planned for years and would not affect the reporters who "
    "cover the town council, the courts and the schools."
)

# (heuristic, text, extra block fields, expected label, expected reason)
FIRES = [
    (T.prose_length, words(E.LONG_WORDS), {}, "main", "prose_length"),
    (T.prose_length, words(E.PARAGRAPH_WORDS), {}, "main", "prose_length"),
    (T.sentence_shape, "The council approved the bridge on Tuesday.", {}, "main", "sentence_shape"),
    (T.stopword_density, "The council said that it would open the bridge in the spring.", {}, "main",
     "stopword_density"),
    (T.stopword_density, "Politics Technology Science Health Sport Entertainment Travel", {},
     "boilerplate", "low_stopword_density"),
    (T.short_fragment, "Weather", {}, "navigation", "short_fragment"),
    (T.caption_credit, "Secretary X speaks. (Reuters: Kevin Lamarque)", {}, "caption", "caption_credit"),
    (T.caption_credit, "Foto: dpa", {}, "caption", "caption_credit"),
    (T.scene_caption, ("President Jane Doe speaks to reporters before departing the White House "
                       "on Nov. 19, 2019 in Washington."), {}, "caption", "scene_caption"),
    (T.scene_caption, ("Snow covers the branches of trees along the river bridge on Tuesday, Nov. 19, "
                       "2019 in Latham."), {}, "caption", "scene_caption"),
    (T.caption_credit, "Image caption The mayor opened the new bridge on Tuesday", {}, "caption",
     "caption_credit"),
    (T.caption_credit, "Media captionThe bridge seen from the river", {}, "caption", "caption_credit"),
    (T.caption_credit, "Crowds gather outside the stadium. (AP Photo/John Doe)", {}, "caption",
     "caption_credit"),
    (T.promo_text, "Sign up for our newsletter", {}, "promo", "promo_text"),
    (T.reader_appeal, "Please subscribe to read the full story.", {}, "promo", "reader_appeal"),
    (T.site_notice, "We may receive compensation when you click on links.", {}, "footer",
     "site_notice"),
    (T.promo_text, "Advert", {}, "promo", "promo_text"),
    (T.related_heading, "Related Article", {}, "related", "related_heading"),
    (T.related_inline, "Read more: Why the river flooded the town", {}, "related", "related_inline"),
    (T.truncated_teaser, "The mayor said the bridge would change the town forever, but critics...", {},
     "related", "truncated_teaser"),
    (T.glued_teaser, ("The 4 Best Vegan Spots In DetroitHoodline crunched the numbers to find the "
                      "top vegan spots around the city."), {}, "related", "glued_teaser"),
    (T.glued_teaser, ("Is Violence In Sports On The Rise?Violence is part of the game in many "
                      "sports, but one player crossed a line."), {}, "related", "glued_teaser"),
    (T.footer_text, "Source link", {}, "footer", "footer_text"),
    (T.share_bar, "Share this article", {}, "footer", "share_bar"),
    (T.share_bar, "Facebook Twitter Email", {}, "footer", "share_bar"),
    (T.byline, "By Jane Smith", {}, "footer", "byline"),
    (T.byline, "5 min read", {}, "footer", "byline"),
    (T.byline, "2 days ago", {}, "footer", "byline"),
    (T.byline, "Published 12 March 2024", {}, "footer", "byline"),
    (T.author_bio, ("Louise Matsakis is a Staff Writer at WIRED covering Amazon, security and "
                    "online platforms. She was formerly an editor at another magazine."), {}, "footer",
     "author_bio"),
    (T.author_bio, "Roger Gonzalez is an award-winning writer based in Virginia.", {}, "footer",
     "author_bio"),
    (T.author_bio, "Jane Doe contributed to this report.", {}, "footer", "author_bio"),
    (T.author_bio, "Anna Schmidt ist Redakteurin im Ressort Politik.", {"lang": "de"}, "footer",
     "author_bio"),
    (T.navigation_text, "Skip to content", {}, "navigation", "navigation_text"),
    (T.navigation_text, "News › World › Europe", {}, "navigation", "navigation_text"),
    (T.comment_text, "42 Comments", {}, "comment", "comment_text"),
    (T.comment_text, "Leave a comment", {}, "comment", "comment_text"),
    (T.comment_text, "Reply", {}, "comment", "comment_text"),
    (T.consent_text, "We use cookies to improve your experience on our site.", {}, "consent",
     "consent_text"),
    (T.consent_text, "Accept all", {}, "consent", "consent_text"),
    # DOM heuristics: blocks as cleaner.dom leaves them (tag, path tokens, link characters)
    (D.shouted_link, SHOUTED, {"link_chars": len(SHOUTED)}, "related", "shouted_link"),
    (D.image_alt, "Workers on the old bridge at dawn", {"tag": "img"}, "caption", "image_alt"),
    (D.dom_caption, "The old bridge in 1902.", {"path": {"<figcaption"}}, "caption", "dom_caption"),
    (D.dom_caption, "The old bridge in 1902.", {"path": {"<figure"}}, "caption", "dom_caption"),
    (D.dom_caption, "The old bridge in 1902.", {"path": {"caption"}}, "caption", "dom_caption"),
    (D.link_dense, "Home", {"link_chars": 4}, "navigation", "link_dense"),
    (D.link_dense, "Local bakery wins national award for its bread", {"link_chars": 47}, "related",
     "link_dense"),
    (D.dom_promo, "Get the best of the week", {"path": {"newsletter"}}, "promo", "dom_promo"),
    (D.dom_related, "Bakery wins award", {"path": {"<aside"}}, "related", "dom_related"),
    (D.dom_related, "Bakery wins award", {"path": {"related"}}, "related", "dom_related"),
    (D.dom_footer, "Contact us", {"path": {"<footer"}}, "footer", "dom_footer"),
    (D.dom_footer, "Jane Smith", {"path": {"byline"}}, "footer", "dom_footer"),
    (D.dom_navigation, "World", {"path": {"<nav"}}, "navigation", "dom_navigation"),
    (D.dom_navigation, "World", {"path": {"breadcrumb"}}, "navigation", "dom_navigation"),
    (D.dom_comment, "I agree with the mayor.", {"path": {"comments"}}, "comment", "dom_comment"),
    (D.dom_consent, "Manage your choices", {"path": {"cookie"}}, "consent", "dom_consent"),
    (D.story_container, PARAGRAPH, {"container": True}, "main", "story_container"),
    (D.story_container, "Most read", {"container": False}, "boilerplate", "outside_story_container"),
]

# (heuristic, text, extra block fields): inputs that resemble a firing case but must not fire
NEAR_MISSES = [
    (T.prose_length, words(E.PARAGRAPH_WORDS - 1), {}),
    (T.sentence_shape, "Bridge approved after ten year debate", {}),
    (T.sentence_shape, "The mayor said the bridge would change the town...", {}),
    (T.stopword_density, "The bridge.", {}),  # too short to judge either way
    (T.short_fragment, "Yes.", {}),
    (T.short_fragment, words(T.FRAGMENT_WORDS + 1, end=""), {}),
    (T.caption_credit, "The minister told Reuters on Monday that the talks with the union would "
                       "resume next week in the capital.", {}),
    (T.caption_credit, words(82, end=" (Reuters: Kevin Lamarque)"), {}),
    (T.promo_text, "The council said the new bridge would open next year.", {}),
    (T.promo_text, LONG_MENTION, {}),
    (T.reader_appeal, "The paper said its subscriptions rose by a third last year.", {}),
    (T.site_notice, "The firm said it would give no guarantee for the bridge.", {}),
    (T.related_heading, "Related parties met on Monday to discuss the bridge and the road plans.", {}),
    # the story tells a dated event in the past tense
    (T.scene_caption, ("President Jane Doe spoke to reporters before departing the White House "
                       "on Nov. 19, 2019 in Washington."), {}),
    (T.scene_caption, "Updated 1:39 am EST, Wednesday, November 20, 2019", {}),  # a dateline
    (T.related_heading, words(10, end=""), {}),
    (T.related_inline, "Read the full council report, which was published on Monday.", {}),
    (T.truncated_teaser, PARAGRAPH, {}),
    (T.truncated_teaser, words(E.LONG_WORDS * 2, end="..."), {}),
    # names with an inner capital; hashtags camel-cased on purpose; a brand in German prose
    (T.glued_teaser, ("In October, Rep. David McKinley visited the border near McAllen and argued "
                      "that the wall would stop the flow of drugs."), {}),
    (T.glued_teaser, ("Give the Gift of Homemade Spiced Honey Pear Jam #DonVictorHoney and make "
                      "the holidays a little sweeter this year."), {}),
    (T.glued_teaser, ("Dunlop Junior Winter Championships vom 5. bis 11. Februar in der TennisBase "
                      "Oberhaching mit Spielern aus Europa und Asien."), {"lang": "de"}),
    (T.footer_text, "The source of the river lies in the hills above the town.", {}),
    (T.footer_text, LONG_MENTION, {}),
    (T.share_bar, "Shareholders approved the merger on Monday.", {}),
    (T.byline, "The bridge was designed by an engineer from Leeds who won a prize for it.", {}),
    (T.byline, words(E.LONG_WORDS, end=", by Jane Smith."), {}),
    (T.author_bio, "The Town Council is a body of twelve members elected for four years.", {}),
    (T.author_bio, "Mr Smith said the editor of the paper was told about the bridge.", {}),
    (T.author_bio, "Jane Doe is a Staff Writer at Town News. " + words(T.BIO_MAX_WORDS), {}),
    (T.navigation_text, "http://amzn.to/abc", {}),
    (T.navigation_text, "Home is where the heart is, the mayor told the crowd on Tuesday.", {}),
    (T.comment_text, "The mayor declined to comment on the cost of the bridge.", {}),
    (T.consent_text, "She baked cookies for the school fair on Saturday.", {}),
    (D.shouted_link, SHOUTED.title(), {"link_chars": len(SHOUTED)}),  # an ordinary linked headline
    (D.shouted_link, SHOUTED, {"link_chars": 10}),  # capitals, but not a link
    (D.shouted_link, "서울 시청 앞 새 다리 공사 시작", {"link_chars": 17, "lang": "ko"}),  # no case
    (D.image_alt, "Workers on the old bridge at dawn", {"tag": "p"}),
    (D.dom_caption, "The old bridge in 1902.", {"path": {"<p", "story"}}),
    (D.link_dense, "Read the council report on the new bridge.", {"link_chars": 10}),
    (D.dom_promo, "Get the best of the week", {"path": {"story"}}),
    (D.dom_related, "Bakery wins award", {"path": {"<p"}}),
    (D.dom_footer, PARAGRAPH, {"path": {"byline"}}),  # a long paragraph is not a byline
    (D.dom_navigation, "World", {"path": {"<li", "story"}}),
    (D.dom_comment, "I agree with the mayor.", {"path": {"article", "body"}}),
    (D.dom_consent, "Manage your choices", {"path": {"settings"}}),
    (D.story_container, PARAGRAPH, {}),  # no story container on the page (flattened text, or none found)
]


def _name(param) -> str:
    return param.__name__ if callable(param) else str(param)[:30]


@pytest.mark.parametrize("heuristic,text,extra,label,reason", FIRES, ids=_name)
def test_heuristic_fires(heuristic, text, extra, label, reason):
    ev = run(heuristic, text, **extra)
    assert ev is not None, f"{heuristic.__name__} did not fire on {text!r}"
    assert (ev.label, ev.reason) == (label, reason)
    assert ev.label in LABELS and ev.weight > 0


@pytest.mark.parametrize("heuristic,text,extra", NEAR_MISSES, ids=_name)
def test_heuristic_near_miss(heuristic, text, extra):
    assert run(heuristic, text, **extra) is None


@pytest.mark.parametrize("text", [
    "Nov. 20, 2019, 9:28 AM UTC", "November 18, 2019", "by Jane Doe — November 18, 2019",
    "기사입력 :[ 2018-08-25 15:24 ]", "sexta-feira, 22 de outubro de 2010 às 20:13",
    "Verfasst von: Redaktion | 31. Dezember 2008", "by 国際特許事務所 ／ 2016.12.01",
])
def test_date_stamp(text):
    assert T.date_stamp(block_features(text, 0, EN))


@pytest.mark.parametrize("text", [
    "Abnahme Protokoll der letzten Vorstandssitzung vom 5.8.2019",  # a list entry with a date
    "Opening of the new Bridgestone Arena hall: June 17, 2019",  # a date in a title
    "On May 5 the council voted for the bridge.",  # a sentence
    "Jahrgang 1993",  # a year is not a date
])
def test_date_stamp_near_miss(text):
    assert not T.date_stamp(block_features(text, 0, EN))


@pytest.mark.parametrize("heuristic,text,label", [
    (T.caption_credit, "Caption", "caption"), (T.caption_credit, "Image caption", "caption"),
    (T.promo_text, "Iklan", "promo"),
    (T.promo_text, "Chat with us in Facebook Messenger. Find out what's happening.", "promo"),
    (T.byline, "The Associated Press", "footer"), (T.byline, "Reuters", "footer"),
    (T.byline, "by Jane Doe — November 18, 2019", "footer"),
    (T.promo_text, "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "promo"),
    (T.promo_text, "Like this story? Share it with a friend!", "promo"),
    (T.promo_text, "Get the magazine delivered through your letterbox every month.", "promo"),
    (T.promo_text, "Advert", "promo"),
    (T.promo_text, "If you enjoyed this article, we have a proposition for you: join us.", "promo"),
    (T.author_bio, "Keith Bradsher contributed reporting from Hong Kong.", "footer"),
])
def test_labels_and_agency_lines(heuristic, text, label):
    ev = run(heuristic, text)
    assert ev is not None and ev.label == label


def test_every_heuristic_has_a_positive_and_a_negative_case():
    every = set(dispatch.TEXT_HEURISTICS) | set(dispatch.DOM_HEURISTICS)
    assert every == {h for h, *_ in FIRES}
    assert every == {h for h, *_ in NEAR_MISSES}


def test_text_and_dom_heuristics_are_disjoint():
    assert not set(dispatch.TEXT_HEURISTICS) & set(dispatch.DOM_HEURISTICS)


def test_text_heuristics_read_only_the_text():
    """cleaner.api scores a page's repeated texts once: a text heuristic must give the same
    evidence whatever the block's tag, DOM path or place in the page."""
    other = {"tag": "li", "path": frozenset({"<nav", "<figure", "menu", "related"}),
             "ancestors": (0, 3, 7), "index": 5, "in_story_container": False}
    for text in {case[1] for case in FIRES + NEAR_MISSES}:
        feats = block_features(text, 0, EN)
        plain = dispatch.evaluate(Block(index=0, text=text), feats, dispatch.TEXT_HEURISTICS)
        assert dispatch.evaluate(Block(text=text, **other), feats, dispatch.TEXT_HEURISTICS) == plain, text


@pytest.mark.parametrize("text", [
    "Source link",
    "Visited 3 times, 1 visit(s) today",
    "© 2024 Example Media. All rights reserved.",
    "1234 views",
    "1,234 views",
    "12.5k views",
    "3.456 Aufrufe",
    "Views: 1,234",
    "13 Besucher sind online (8 Besucher halten sich im Bereich News auf.)",
    "Tags: bridge, council, river",
    "The post River bridge approved appeared first on Town News.",
])
def test_footer_lines_are_footer_and_end_the_story(text):
    ev = run(T.footer_text, text)
    assert ev is not None and ev.label == "footer" and ev.boundary


@pytest.mark.parametrize("text", [
    "Follow me on Twitter or LinkedIn. Check out my website.",
    "Reporting by Jane Doe; additional reporting by John Roe; editing by Ann Poe",
    "(Reporting by Jane Doe, editing by John Roe)",
    "Have a tip? Jane Doe may be reached at jane@example.com.",
])
def test_notes_about_the_writer_are_author_bio(text):
    ev = run(T.author_bio, text)
    assert ev is not None and ev.reason == "author_bio"


def test_related_heading_is_not_a_story_subheading():
    assert run(T.related_heading, "Up next") is None  # "UP NEXT: Host the Lakers on Friday."
    assert run(T.related_heading, "More than a bridge") is None
    assert run(T.related_heading, "More") is None  # a menu entry; "More:" heads a box


@pytest.mark.parametrize("text", ["Über den Autor", "About the author", "Sobre el autor"])
def test_about_the_author_heading_is_author_bio(text):
    ev = run(T.author_bio, text)
    assert ev is not None and ev.boundary


@pytest.mark.parametrize("text", [
    ("Jane Doe fell into politics aged 12. She has been writing about local politics for the Post "
     "since 2008."),
    "John Roe is a personal finance expert who has covered credit cards and taxes for a decade.",
])
def test_notes_on_what_the_writer_covers_are_author_bio(text):
    ev = run(T.author_bio, text)
    assert ev is not None and ev.label == "footer"


def test_a_story_about_a_writer_is_not_a_bio():
    assert run(T.author_bio, "She has been writing about her illness in a diary.") is None


@pytest.mark.parametrize("text", ["Asked 8 years, 2 months ago", "Viewed 1,234 times",
                                  "Modified today"])
def test_question_and_answer_meta_lines_are_bylines(text):
    assert run(T.byline, text).label == "footer"


def test_author_bio_ends_the_story():
    ev = run(T.author_bio, "Jeff Foust (jeff@example.com) is the editor and publisher of The Space "
                           "Review, and a senior staff writer with Space News.")
    assert ev is not None and ev.label == "footer" and ev.boundary


def test_footer_vocabulary_only_counts_in_short_blocks():
    long_text = words(E.VOCAB_MAX_WORDS + 5, end=". All rights reserved.")
    assert run(T.footer_text, long_text) is None
    short_text = words(T.SHORT_VOCAB_WORDS - 5, end=". All rights reserved.")
    assert run(T.footer_text, short_text).label == "footer"


@pytest.mark.parametrize("text", [
    "Related Article", "Related stories", "Read more", "You may also like", "Most read",
    "Lesen Sie auch", "Mehr zum Thema", "À lire aussi", "Sur le même sujet", "Te puede interesar",
    "Noticias relacionadas", "Leggi anche", "More Great Science Stories", "Our Latest Stories",
    "Next Up In Science & Health", "Lesen Sie auch die folgenden Beiträge:",
    "Das Thema könnte dich auch interessieren:", "Mehr zum Thema auf example.de",
    "Weitere Beiträge aus der Kolumne:", "NOTAS RELACIONADAS", "Weitere Informationen:",
    "Weitere Infos unter www.example.de.", "Entdecke weitere Homestorys", "More information",
    "Alle Artikel zu unseren Recherchen", "Weitere Tourentipps in Schweden", "Auch auf example.de",
    "Vorschau auf den nächsten Artikel", "Next article", "More:", "DON'T MISS", "Don't miss:",
    "Nicht verpassen", "Trending News", "Related coverage from Money Matters:", "Related Links",
    "Don’t Miss:",
])
def test_related_heading_multilingual(text):
    ev = run(T.related_heading, text, lang="en")
    assert ev is not None and ev.label == "related"


@pytest.mark.parametrize("lang,text", [
    ("de", "Auch lesen: Diese 3 Sternzeichen verschenken ihr Herz an den Falschen"),
    ("de", "Lesen Sie hier: Spielabbruch in der Kreisliga"),
    ("es", "VEA TAMBIÉN: Estrella de la educación no brilla para estudiantes"),
    ("es", "PUEDES VER: ¿Qué es la Sunedu, cómo está conformada y para qué sirve?"),
    ("fr", "À lire aussi » Quel est votre profil digestif et comment y remédier ?"),
    ("es", "MIRA: Madre se acerca a conocer los motivos de captura de su hijo"),
])
def test_related_inline_multilingual(lang, text):
    ev = run(T.related_inline, text, lang=lang)
    assert ev is not None and (ev.label, ev.reason) == ("related", "related_inline")


def test_related_lead_ins_need_their_colon_or_arrow():
    assert run(T.related_inline, "Auch lesen kann man das Buch im Zug.", lang="de") is None
    assert run(T.related_heading, "Mehr zum Thema Brücken sagte der Bürgermeister nichts.",
               lang="de") is None


@pytest.mark.parametrize("lang,text", [
    ("en", ("To view the full story, please subscribe to The Town Times. You can choose an annual "
            "subscription or a weekly pass, and first-time subscribers receive a welcome gift.")),
    ("en", "We want to hear what you think about this article. Submit a letter to the editor."),
    ("de", "Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können."),
    ("de", "Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang liefern."),
    ("de", "Jede kleine Spende hilft den notleidenden Menschen dieser Welt!"),
    ("es", "Síguenos en Telegram, Instagram, Facebook y Twitter para recibir todas las noticias"),
    ("es", "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular."),
    ("pl", "Zapraszamy też do subskrypcji tygodnika i oglądania ciekawych audycji."),
    ("en", "Give us feedback in our Product Forums."),
    ("en", "Learn how to build fast images: read the rest of the packaging guide."),
    ("de", "Du möchtest mitmachen? Dann hinterlasse einfach einen Kommentar unter diesem Beitrag."),
])
def test_reader_appeal_multilingual(lang, text):
    ev = run(T.reader_appeal, text, lang=lang)
    assert ev is not None and (ev.label, ev.reason) == ("promo", "reader_appeal")


def test_reader_appeal_is_a_request_not_a_story_about_subscriptions():
    assert run(T.reader_appeal, "The paper said its subscriptions rose by a third last year.") is None
    assert run(T.reader_appeal, "Please subscribe. " + words(T.APPEAL_MAX_WORDS)) is None


@pytest.mark.parametrize("lang,text", [
    ("en", ("This post contains references to products from one or more of our advertisers. We may "
            "receive compensation when you click on links to those products.")),
    ("en", ("This article is the copyrighted property of Town News. Written permission must be "
            "obtained before reprint in online or print media.")),
    ("de", "(Alle Angaben ohne Gewähr)"),
    ("de", "*Werbung. Dieser Beitrag enthält Werbung für eine Marke."),
    ("de", ("Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und "
            "wurde unter Allgemein abgelegt.")),
    ("de", "Eingestellt von der Michel um 21:11"),
    ("de", ("Solche Links kennzeichnen wir mit einem Sternchen (*). Ob uns ein Anbieter vergütet, "
            "hat keinerlei Einfluss auf unsere Empfehlungen.")),
])
def test_site_notice_multilingual(lang, text):
    ev = run(T.site_notice, text, lang=lang)
    assert ev is not None and (ev.label, ev.reason) == ("footer", "site_notice")


def test_site_notice_is_not_story_text_about_the_same_things():
    assert run(T.site_notice, "The firm said it would give no guarantee for the bridge.") is None
    assert run(T.site_notice, "Für fremde Inhalte können wir keine Gewähr übernehmen.",
               lang="de") is None  # an imprint page's own text
    assert run(T.site_notice, "Werbung ist für die Zeitung eine wichtige Einnahmequelle.",
               lang="de") is None


@pytest.mark.parametrize("lang,text", [
    ("en", "Subscribe to our newsletter for the best stories in your inbox"),
    ("en", "Download the free app"),
    ("en", "No spam, we promise. You can unsubscribe at any time."),
    ("en", "Join our Space Forums to keep talking space on the latest missions."),
    ("de", "Jetzt abonnieren und weiterlesen"),
    ("de", "Anzeige"),
    ("fr", "Abonnez-vous à notre newsletter"),
    ("fr", "Cet article est réservé aux abonnés"),
    ("es", "Suscríbete a nuestro boletín"),
    ("es", "Contenido exclusivo para suscriptores"),
])
def test_promo_text_multilingual(lang, text):
    ev = run(T.promo_text, text, lang=lang)
    assert ev is not None and (ev.label, ev.reason) == ("promo", "promo_text")


@pytest.mark.parametrize("text", [
    "We use cookies to give you the best experience on our website. By continuing you accept our use of cookies.",
    "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.",
    "Nous utilisons des cookies pour améliorer votre expérience.",
    "Manage cookies",
    "Ich bin mit der Verarbeitung meiner Daten nach Datenschutzerklärung einverstanden.",
])
def test_consent_text_multilingual(text):
    assert run(T.consent_text, text).label == "consent"


@pytest.mark.parametrize("text", ["Facebook Twitter Email", "Share", "Tweet", "Teilen", "Partager",
                                  "Print this article", "Copy link", "Read Later", "Save for later",
                                  "Merken", "Rezept drucken Bei Pinterest speichern"])
def test_share_bar(text):
    assert run(T.share_bar, text).label == "footer"


@pytest.mark.parametrize("lang,text", [
    ("pl", "28 kwietnia 2021 Polityka Fundusz Odbudowy, lewica, PiS"),
    ("de", "2021-10-16 | Botschaft"), ("en", "11 Jan 2019"), ("de", "23.10.2018"),
    ("es", "3 de mayo de 2022"),
])
def test_a_line_led_by_a_date_is_a_byline(lang, text):
    ev = run(T.byline, text, lang=lang)
    assert ev is not None and ev.label == "footer"


def test_a_sentence_led_by_a_date_is_not_a_byline():
    text = "28 kwietnia 2021 r. rząd ogłosił nowy program dla rodzin z dziećmi w całym kraju."
    assert run(T.byline, text, lang="pl") is None
    assert run(T.byline, "12. März 2024 Der Stadtrat hat am Dienstag die neue Brücke über den "
                         "Fluss beschlossen und die Kosten freigegeben", lang="de") is None


def test_a_news_dateline_is_not_a_photo_credit():
    text = ("Hamburg (dpa/lno) – Trotz eines Gespräches zwischen den beiden Seiten bleiben die "
            "Fronten verhärtet.")
    assert run(T.caption_credit, text, lang="de") is None
    assert run(T.caption_credit, "Der Minister in Berlin. (Foto: dpa/Kay Nietfeld)",
               lang="de").label == "caption"


def test_a_box_named_image_holding_paragraphs_is_not_a_caption():
    """"text-image" components hold several sentences of prose; a box named "caption" holds the
    caption however long it is, and a box named "image" a one-line description."""
    prose = words(E.LONG_WORDS) + " " + words(8)
    assert run(D.dom_caption, prose, path={"image"}) is None
    assert run(D.dom_caption, prose, path={"caption"}).label == "caption"
    assert run(D.dom_caption, "Workers on the old bridge at dawn.", path={"image"}).label == "caption"


@pytest.mark.parametrize("lang,text", [
    ("pl", "Głos w obronie Fundacji zabrała również Akcja Katolicka w Polsce. [czytaj więcej]"),
    ("de", "Der Stadtrat hat die neue Brücke beschlossen. Weiterlesen »"),
    ("en", "The council approved the bridge on Tuesday. Read more"),
])
def test_a_summary_ending_in_its_read_more_link_is_a_teaser(lang, text):
    ev = run(T.truncated_teaser, text, lang=lang)
    assert ev is not None and ev.label == "related"


def test_read_more_inside_a_sentence_is_no_teaser_tail():
    assert run(T.truncated_teaser, "Read more about the bridge in the council report.") is None


def test_comment_form_email_hint_is_comment_chrome():
    assert run(T.comment_text, "E-Mail (wird benötigt und nicht veröffentlicht)", lang="de").label == \
        "comment"


def test_short_comment_chrome_is_a_boundary_but_a_longer_comment_line_is_not():
    assert run(T.comment_text, "42 Comments").boundary
    longer = "Leave a comment below and tell us what you think about the new bridge plan."
    ev = run(T.comment_text, longer)
    assert ev is not None and ev.label == "comment" and not ev.boundary


def test_longer_blocks_get_stronger_prose_evidence():
    """Relative, not absolute: a long paragraph outweighs a short one."""
    short = run(T.prose_length, words(E.PARAGRAPH_WORDS))
    long = run(T.prose_length, words(E.LONG_WORDS))
    assert long.weight > short.weight
    one = run(T.sentence_shape, "The council approved the bridge on Tuesday.")
    two = run(T.sentence_shape, "The council approved the bridge on Tuesday. Work starts in May.")
    assert two.weight > one.weight


def test_sentence_shape_accepts_a_closing_quote():
    assert run(T.sentence_shape, "“We will build the bridge next year and open it by spring.”") is not None
    assert run(T.sentence_shape, '"We will build the bridge next year and open it by spring."') is not None


def test_image_alt_outweighs_any_prose():
    """Alt text is never story text, however long: its evidence beats every main vote."""
    alt = words(E.LONG_WORDS * 2)
    block = Block(index=0, text=alt, tag="img")
    feats = block_features(alt, 0, EN)
    evidence = dispatch.evaluate(block, feats, dispatch.TEXT_HEURISTICS + dispatch.DOM_HEURISTICS)
    main = sum(e.weight for e in evidence if e.label == "main")
    caption = sum(e.weight for e in evidence if e.label == "caption")
    assert caption > main


def test_figcaption_beats_a_generic_caption_token():
    fig = run(D.dom_caption, "The old bridge in 1902.", path={"<figcaption"})
    token = run(D.dom_caption, "The old bridge in 1902.", path={"gallery"})
    assert fig.weight > token.weight


def test_outside_story_container_is_milder_for_sentence_prose():
    """A lead paragraph outside the body element is punished less than a menu entry there."""
    prose = run(D.story_container, PARAGRAPH, container=False)
    menu = run(D.story_container, "Most read", container=False)
    assert prose.reason == menu.reason == "outside_story_container"
    assert prose.weight < menu.weight


def test_link_dense_threshold():
    text = "Read the council report on the new bridge here"
    at = int(len(text) * E.LINK_DENSE)
    assert run(D.link_dense, text, link_chars=at) is None
    assert run(D.link_dense, text, link_chars=len(text)).label == "related"


def test_dom_heuristics_do_not_fire_on_text_blocks():
    """Flattened text has no tag, path or links: DOM heuristics stay silent on it."""
    for text in ("Home", PARAGRAPH, "Related Article", "Foto: dpa"):
        block = Block(index=0, text=text)
        feats = block_features(text, 0, EN)
        assert dispatch.evaluate(block, feats, dispatch.DOM_HEURISTICS) == []


def test_evaluate_collects_every_firing_heuristic_in_order():
    text = "Source link"
    block = Block(index=0, text=text)
    feats = block_features(text, 0, EN)
    expected = [ev for ev in (h(block, feats) for h in dispatch.TEXT_HEURISTICS) if ev is not None]
    got = dispatch.evaluate(block, feats, dispatch.TEXT_HEURISTICS)
    assert got == expected
    assert "footer_text" in [e.reason for e in got]


def test_plain_story_paragraph_draws_only_main_evidence():
    text = ("The city council voted on Tuesday to approve the new river bridge, ending a debate "
            "that had divided the town for more than a decade.")
    block = Block(index=0, text=text)
    evidence = dispatch.evaluate(block, block_features(text, 0, EN), dispatch.TEXT_HEURISTICS)
    assert evidence and all(e.label == "main" for e in evidence)
    assert {"prose_length", "sentence_shape", "stopword_density"} <= {e.reason for e in evidence}


# --- the stopword heuristic reads the document's language --------------------------------
PROSE = {
    "de": "Die Regierung hat am Montag angekündigt, dass die neuen Regeln ab dem nächsten Jahr für "
          "alle Unternehmen in diesem Land gelten sollen und dass es keine Ausnahmen geben wird.",
    "fr": "Le gouvernement a annoncé lundi que les nouvelles règles seront appliquées à toutes les "
          "entreprises du pays dès l'année prochaine et qu'il n'y aura pas d'exception.",
    "es": "El gobierno anunció el lunes que las nuevas normas se aplicarán a todas las empresas del "
          "país a partir del próximo año y que no habrá ninguna excepción para nadie.",
    "it": "Il governo ha annunciato lunedì che le nuove regole si applicheranno a tutte le aziende "
          "del paese a partire dal prossimo anno e che non ci saranno eccezioni per nessuno.",
    "nl": "De regering heeft maandag aangekondigd dat de nieuwe regels vanaf volgend jaar voor alle "
          "bedrijven in het land gelden en dat er geen uitzonderingen zullen zijn.",
}


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_stopword_density_uses_the_document_language(lang):
    text = PROSE[lang]
    own = run(T.stopword_density, text, lang=lang)
    assert own is not None and (own.label, own.reason) == ("main", "stopword_density")
    # read with the English list, the same prose has next to no stopwords: no prose evidence
    english = run(T.stopword_density, text, lang="en")
    assert english is None or english.label != "main"


def test_stopword_density_is_silent_without_a_stoplist():
    """A language jusText has no list for: density would be 0 and mean nothing."""
    text = PROSE["de"]
    block = Block(index=0, text=text)
    feats = block_features(text, 0, frozenset())
    assert not feats.stop_known
    assert T.stopword_density(block, feats) is None


def test_vocabulary_matches_any_letter_case():
    """Upper-cased chrome is still chrome (menus and buttons are often in capitals)."""
    assert run(T.related_heading, "RELATED ARTICLE").label == "related"
    assert run(T.footer_text, "SOURCE LINK").label == "footer"
    assert run(T.navigation_text, "SKIP TO CONTENT").label == "navigation"


VOCABULARY_PROBES = (
    "Related articles", "Photo: Jane Doe/Reuters", "Sign up for our newsletter", "Home",
    "42 Comments", "Share on Facebook", "By Jane Doe and John Roe | Reuters", "Source link",
    "We use cookies to improve your experience", "All rights reserved", "Published 3 hours ago",
    "Tags: bridge, council", "John says:", "Read more: the bridge opens", "1 of 12",
)


def _top_level_bar(pattern: str) -> bool:
    """Whether a regex has a "|" outside every group and character class."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


@pytest.mark.parametrize("name", [n for n in dir(vocab) if isinstance(getattr(vocab, n), patterns.Vocabulary)])
def test_vocabulary_finds_what_one_joined_regex_of_its_parts_finds(name):
    """Anchored parts are tried at the start only, word-boundary parts after non-word characters
    (tests/test_vocab.py checks the compiled forms in depth): the answers stay those of one joined
    regex, at the start of a block and in the middle of one. Neither kind may hold a top-level
    "|": the anchor or boundary would cover its first alternative only."""
    v = getattr(vocab, name)
    joined = re.compile("|".join(v.parts))
    for part in v.parts:  # an anchored part is one alternative: in "^a|b", b floats
        assert not part.startswith(("^", "\\b")) or not _top_level_bar(part), part
    for probe in VOCABULARY_PROBES:
        for text in (probe, probe.lower(), "the story goes on. " + probe.lower(), probe.lower() + " and more"):
            assert bool(v.search(text)) == bool(joined.search(text)), (name, text)


def test_reasons_helper_sees_text_and_dom_evidence_together():
    got = reasons("Home", tag="li", path={"<nav"}, container=False, link_chars=4)
    assert {"short_fragment", "navigation_text", "dom_navigation", "link_dense",
            "outside_story_container"} <= got


@pytest.mark.parametrize("text", [
    "DetroitHoodline", "Rise?Violence", "abcdEfghIjkl", "abcDef", "McKinley", "word)Next", "4Ab",
    "a”Bc", "abcdEF", "abcdE", "Ab", "xyzwAbcdeFgh", "The 4 Best Vegan Spots In DetroitHoodline",
    "\"Quote\"Then", "aaaaAa!Bb1Cc", "ÿabcdEf", "abcdÉf",
])
def test_glue_points_are_where_lower_case_or_a_closing_mark_meets_a_capital(text):
    """_GLUE is led by the capital (a fast scan); it finds the glue points of the plain form."""
    plain = re.compile(r"(?:[a-z]{4}|[0-9?!)\]”\"])(?=[A-Z][a-z])")
    assert [m.start() for m in T._GLUE.finditer(text)] == [m.end() for m in plain.finditer(text)]


#: A block each screened heuristic fires on (the test below checks each fires on one).
SCREENED_EXAMPLES = (
    "Photo: Jane Doe/Reuters", "Sign up for our newsletter", "Related articles",
    "Read more: the bridge opens", "All rights reserved", "Share this article", "Published 3 hours ago",
    "Jane Doe is a staff writer at the Gazette.", "Home", "42 Comments",
    "We use cookies to improve your experience", "Please subscribe today", "Alle Angaben ohne Gewähr",
    "President Jane Doe speaks during a rally in Albany, New York, on Nov. 19, 2019 with her team.",
)


def test_every_screened_heuristic_fires_on_an_example():
    fired = set()
    for text in SCREENED_EXAMPLES:
        block = Block(index=0, text=text)
        fired.update(h for h in dispatch.SCREENED_HEURISTICS if h(block, block_features(text, 0, EN)))
    assert fired == set(dispatch.SCREENED_HEURISTICS)


@pytest.mark.parametrize("text", [
    "Home", "Related Article", "Foto: dpa", "Source link", PARAGRAPH, LONG_MENTION,
    words(45) + " Jane Doe is a staff writer at the Gazette.", "Jane Doe is a staff writer. " + words(45),
    "We use cookies to improve your experience. " + words(90), "Please subscribe today. " + words(130),
    "Share on Facebook " + "x" * 1700, "Photo: Jane Doe/Reuters " + "x" * 1700,
    "By Jane Doe and John Roe | Reuters", "Jane Doe is a staff writer at the Gazette.",
    "John says:", "We use cookies to improve your experience", "Please subscribe today",
    "Share on Facebook", "Published 3 hours ago",
    ("The 4 Best Vegan Spots In DetroitHoodline crunched the numbers to find the top vegan spots "
     "around the city."), "Read more »", "",
])
def test_text_evidence_is_evaluate_of_every_text_heuristic(text):
    block = Block(index=0, text=text)
    feats = block_features(text, 0, EN)
    assert dispatch.text_evidence(block, feats) == dispatch.evaluate(block, feats, dispatch.TEXT_HEURISTICS)


#: Path tokens for the DOM screen tests: every token a screen names, tags the heuristics look
#: for and some they do not, and the story-container marks.
_DOM_TOKENS = sorted(
    set().union(*(h.reads.tokens for h in dispatch.DOM_HEURISTICS))
    | {"<div", "<p", "<section", "<article", "content", "story", "body"}
)
_DOM_TAGS = ("p", "div", "li", "a", "h2", "img", "figcaption", "caption", "td")
_DOM_TEXTS = ("Home", "Share", SHOUTED, "Sign up for our newsletter", words(8), PARAGRAPH, words(70), "")


def _random_dom_blocks(rng, n):
    """Blocks with random paths, tags, texts and link shares, the features the pipeline computes."""
    paths = [frozenset(rng.sample(_DOM_TOKENS, rng.randint(0, 6))) for _ in range(n // 4 + 1)]
    blocks, feats = [], []
    for i in range(n):
        text = rng.choice(_DOM_TEXTS)
        link_chars = rng.choice((0, len(text) // 3, len(text) // 2, len(text) // 2 + 1, len(text) * 9 // 10,
                                 len(text)))
        blocks.append(Block(index=i, text=text, tag=rng.choice(_DOM_TAGS), path=rng.choice(paths),
                            link_chars=link_chars, in_story_container=rng.choice((None, False, True))))
        feats.append(block_features(text, link_chars, EN))
    return blocks, feats


def test_dom_evidence_is_evaluate_of_every_dom_heuristic():
    """dom_evidence adds what evaluate with DOM_HEURISTICS adds, blocks sharing paths or not."""
    rng = random.Random(7)
    for _ in range(40):
        blocks, feats = _random_dom_blocks(rng, 60)
        evidence = [[E.Evidence("main", 1.0, "x")] for _ in blocks]
        dispatch.dom_evidence(blocks, feats, evidence)
        for b, f, ev in zip(blocks, feats, evidence):
            assert ev == dispatch.evaluate(b, f, dispatch.DOM_HEURISTICS, [E.Evidence("main", 1.0, "x")]), b


def test_text_evidence_is_evaluate_for_blocks_of_one_or_two_screen_groups():
    """Blocks that match one screened heuristic's vocabulary, or two (of different groups)."""
    texts = list(SCREENED_EXAMPLES) + [a + " " + b for a in SCREENED_EXAMPLES for b in SCREENED_EXAMPLES]
    texts += [t + " " + words(E.VOCAB_MAX_WORDS) for t in SCREENED_EXAMPLES]  # the long screen
    for text in texts:
        block = Block(index=0, text=text)
        feats = block_features(text, 0, EN)
        assert dispatch.text_evidence(block, feats) == dispatch.evaluate(block, feats, dispatch.TEXT_HEURISTICS), text


# --- registrations: what a heuristic says it reads is what the dispatch skips by --------------
def _always(label: str):
    """A heuristic body that fires on every block it is given."""
    def body(b, f):
        return E.Evidence(label, 1.0, "always")
    return body


def test_a_text_registration_is_enforced():
    """A registered text heuristic gives nothing for a block over its length or that none of its
    vocabularies matches, whatever its body would say: the dispatch may skip it for those."""
    h = E.text_heuristic(vocab.SHARE, vocab.BYLINE_NAME, max_words=4)(_always("footer"))
    assert h.__name__ == "body" and h.reads.max_words == 4
    fires = ["Share this article", "By Jane Doe"]  # SHARE (lower-cased), BYLINE_NAME (cased)
    silent = ["by jane doe", "The council met", "Facebook Twitter LinkedIn WhatsApp Pinterest",
              "Share " + "x" * 4 * E.MAX_CHARS_PER_WORD]
    assert vocab.SHARE.search(silent[2].lower())  # it matches, but is over the length
    for text in fires + silent:
        got = h(Block(index=0, text=text), block_features(text, 0, EN))
        assert (got is not None) == (text in fires), text


def test_a_heuristic_that_reads_vocabularies_states_its_length():
    with pytest.raises(ValueError):
        E.text_heuristic(vocab.SHARE)


def test_a_dom_registration_is_enforced():
    h = E.dom_heuristic(frozenset({"promo"}), tags=frozenset({"img"}), links=True)(_always("promo"))
    text = "Sign up today"
    cases = [({"promo"}, "p", 0, True), ({"<nav"}, "img", 0, True), (set(), "p", len(text), True),
             ({"<nav", "menu"}, "p", 0, False), (set(), "li", len(text) // 2, False)]
    for path, tag, link_chars, fires in cases:
        b = Block(index=0, text=text, tag=tag, path=frozenset(path), link_chars=link_chars)
        assert (h(b, block_features(text, link_chars, EN)) is not None) == fires, (path, tag)
        assert h.body(b, block_features(text, link_chars, EN)) is not None  # the unguarded body


def test_the_dispatch_lists_are_the_registrations_in_order():
    """Every text / DOM heuristic is found by its registration, in the order its module defines
    it; the screened ones are those that read vocabularies, split by length class into groups."""
    assert dispatch.TEXT_HEURISTICS[:4] == (T.prose_length, T.sentence_shape, T.stopword_density,
                                            T.short_fragment)
    assert dispatch.DOM_HEURISTICS[0] is D.story_container
    assert all(isinstance(h.reads, E.TextReads) for h in dispatch.TEXT_HEURISTICS)
    assert all(isinstance(h.reads, E.DomReads) for h in dispatch.DOM_HEURISTICS)
    grouped = [h for g in dispatch.SCREEN_GROUPS for h in g.heuristics]
    assert sorted(grouped, key=dispatch.TEXT_HEURISTICS.index) == list(dispatch.SCREENED_HEURISTICS)
    for g in dispatch.SCREEN_GROUPS:
        for h in g.heuristics:
            assert set(h.reads.vocabularies) <= {*_members(g.screen), *_members(g.cased)}, h.__name__
    assert all(h.reads.max_words > E.VOCAB_MAX_WORDS for h in dispatch.SCREEN_GROUPS[0].heuristics)
    assert dispatch.LONGEST_SCREENED_WORDS == T.CONSENT_MAX_WORDS


def _members(screen):
    """The vocabularies whose parts a screen holds."""
    return [v for v in vars(vocab).values() if isinstance(v, patterns.Vocabulary) and v.parts and
            set(v.parts) <= set(screen.parts)]


def test_text_evidence_is_evaluate_on_random_blocks():
    """Random mixes of boilerplate lines, prose and long tokens, of every length class."""
    rng = random.Random(5)
    pieces = list(SCREENED_EXAMPLES) + ["By Jane Doe", "Jane Doe is a staff writer at the Gazette.",
                                        "x" * 300, "Home »", "— Jane Doe", "…"]
    for _ in range(3000):
        parts = [rng.choice(pieces) for _ in range(rng.randint(0, 3))]
        parts.insert(rng.randint(0, len(parts)), words(rng.choice((1, 3, 10, 25, 38, 45, 70, 100, 130)), "."))
        text = " ".join(parts).strip()
        block = Block(index=0, text=text)
        feats = block_features(text, 0, EN)
        assert dispatch.text_evidence(block, feats) == dispatch.evaluate(block, feats, dispatch.TEXT_HEURISTICS), text


def _prose(n: int, sentences: int = 1, container: bool | None = None) -> float:
    """The evidence for story text a block of ``n`` words in ``sentences`` sentences gets."""
    per = n // sentences
    text = " ".join(words(per) for _ in range(sentences - 1)) + " " + words(n - per * (sentences - 1))
    block = Block(index=0, text=text.strip(), in_story_container=container)
    feats = block_features(block.text, 0, EN)
    return sum(e.weight for e in dispatch.evaluate(block, feats, dispatch.TEXT_HEURISTICS + dispatch.DOM_HEURISTICS)
               if e.label == "main")


def test_weights_outweigh_what_their_comments_say():
    """The comments next to the weights compare them with a paragraph's prose evidence."""
    line = _prose(E.PARAGRAPH_WORDS - 1)
    sentence = _prose(E.PARAGRAPH_WORDS)
    paragraph = _prose(E.LONG_WORDS + 10, sentences=3)
    in_container = _prose(E.LONG_WORDS + 10, sentences=3, container=True)
    assert line < sentence < _prose(E.LONG_WORDS) < paragraph < in_container
    for weight in (T.SHARE_BAR_WEIGHT, T.NAVIGATION_WEIGHT, T.COMMENT_WEIGHT, D.DOM_COMMENT_WEIGHT,
                   D.DOM_CONSENT_WEIGHT, D._link_dense_weight(1.0)):
        assert weight > line
    assert D.NAMED_CAPTION_WEIGHT == D.DOM_NAVIGATION_WEIGHT == line
    assert T.RELATED_HEADING_WEIGHT > sentence
    assert D.SHOUTED_LINK_WEIGHT + D._link_dense_weight(D.SHOUTED_LINK_DENSITY) > sentence
    assert sentence < T.CONSENT_WEIGHT < _prose(E.LONG_WORDS)
    for weight in (T.SCENE_CAPTION_WEIGHT, T.AUTHOR_BIO_WEIGHT, T.GLUED_TEASER_WEIGHT):
        assert weight > paragraph
    assert min(T.APPEAL_WEIGHT, T.NOTICE_WEIGHT) > in_container
