"""The library call ``cleaner.clean``: input kinds and encodings, language, the Article it returns,
and the error paths (every bad input is a CleanerError or an empty body with a reason)."""
from __future__ import annotations

import gzip
import json

import pytest

from cleaner import LABELS, Article, CleanerError, clean

from bridge_story import STORY as BRIDGE_STORY, TITLE

STORY = BRIDGE_STORY[:3]
TEXT_PAGE = "\n\n".join(["Home", "News", TITLE, *STORY, "Source link", "Related Article"])
HTML_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>" + TITLE + "</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>" + TITLE + "</h1>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
    "<footer>© 2024 Town News. All rights reserved.</footer></body></html>"
)

#: Story prose per language: enough sentences for detection, written for these tests.
PROSE = {
    "en": [
        "The city council voted on Tuesday to approve the new river bridge, ending a debate that "
        "had divided the town for more than a decade.",
        "Council members said the bridge would cut travel times for commuters and that the work "
        "could begin as early as next spring.",
        "Opponents had argued that the bridge would bring more traffic into the old centre of the "
        "town, but the final design moves the road away from the market.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstag den Bau der neuen Brücke über den Fluss genehmigt und damit "
        "einen Streit beendet, der die Stadt seit mehr als zehn Jahren gespalten hatte.",
        "Die Mitglieder des Rates sagten, die Brücke werde die Fahrzeit für Pendler deutlich "
        "verkürzen, und die Arbeiten könnten schon im nächsten Frühjahr beginnen.",
        "Gegner des Plans hatten befürchtet, dass die Brücke mehr Verkehr in die Altstadt bringen "
        "würde, doch die Straße führt nun nicht mehr über den Marktplatz.",
    ],
    "fr": [
        "Le conseil municipal a approuvé mardi la construction du nouveau pont sur la rivière, "
        "mettant fin à un débat qui divisait la ville depuis plus de dix ans.",
        "Les élus ont expliqué que le pont réduirait le temps de trajet des habitants et que les "
        "travaux pourraient commencer dès le printemps prochain.",
        "Les opposants craignaient que le pont n'amène davantage de voitures dans le centre "
        "historique, mais la route ne passera plus par la place du marché.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes la construcción del nuevo puente sobre el río, poniendo "
        "fin a un debate que dividía a la ciudad desde hace más de diez años.",
        "Los concejales explicaron que el puente reducirá el tiempo de viaje de los vecinos y que "
        "las obras podrían comenzar la próxima primavera.",
        "Los opositores temían que el puente llevara más tráfico al centro histórico, pero la "
        "carretera ya no pasará por la plaza del mercado.",
    ],
}


# --- input kinds -----------------------------------------------------------------------------
def test_str_and_bytes_give_the_same_article():
    a = clean(TEXT_PAGE)
    b = clean(TEXT_PAGE.encode("utf-8"))
    assert a.to_dict() == b.to_dict()
    assert a.paragraphs == STORY


@pytest.mark.parametrize("data,kind", [
    (TEXT_PAGE, "text"),
    (HTML_PAGE, "html"),
    ("\n\n  " + HTML_PAGE, "html"),
    ("<p>" + STORY[0] + "</p><p>" + STORY[1] + "</p><div>" + STORY[2] + "</div>", "html"),
    ("Prices rose 3% <year on year>, the office said.\n\n" + STORY[0], "text"),
])
def test_auto_sniffs_html_and_text(data, kind):
    assert clean(data).kind == kind


def test_html_page_body_and_title():
    art = clean(HTML_PAGE)
    assert art.kind == "html"
    assert art.title == TITLE
    assert art.paragraphs == STORY
    assert all("<" not in p for p in art.paragraphs)


def test_kind_forces_the_reading():
    as_text = clean(HTML_PAGE, kind="text")
    assert as_text.kind == "text"
    assert any("<p>" in b.text for b in as_text.blocks)  # markup read as text, not parsed
    as_html = clean(TEXT_PAGE, kind="html")
    assert as_html.kind == "html"
    assert as_html.paragraphs  # flat text inside <body> is still read


def test_gzip_bytes_are_unpacked():
    art = clean(gzip.compress(HTML_PAGE.encode("utf-8")))
    assert art.kind == "html" and art.paragraphs == STORY


def test_utf8_bytes_with_accents():
    paras = PROSE["fr"]
    art = clean("\n\n".join(paras).encode("utf-8"))
    assert art.paragraphs == paras
    assert "é" in art.text


def test_windows_1252_page_with_meta_charset():
    paras = [
        "Le café du marché a rouvert ses portes après trois mois de travaux, au grand plaisir des "
        "habitués qui attendaient ce moment depuis l'été.",
        "Le propriétaire a dépensé près de 40 000 € pour rénover la salle et la terrasse, et il "
        "espère accueillir les premiers touristes dès le mois prochain.",
    ]
    html = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
            "</head><body><article>" + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>")
    data = html.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test really exercises a legacy encoding
    art = clean(data)
    assert art.paragraphs == paras
    assert "€" in art.text and "é" in art.text


def test_bom_is_not_part_of_the_text():
    art = clean(b"\xef\xbb\xbf" + TEXT_PAGE.encode("utf-8"))
    assert all("\ufeff" not in b.text for b in art.blocks)
    assert art.paragraphs == STORY


# --- language --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", sorted(PROSE))
def test_language_is_detected_from_the_story(lang):
    page = "\n\n".join(["Home", *PROSE[lang]])
    art = clean(page, kind="text")
    assert art.language == lang
    assert art.paragraphs == PROSE[lang]
    for b in art.blocks:
        if b.label == "main":
            assert "stopword_density" in b.reasons  # read with that language's stopwords


def test_language_override_skips_detection_and_changes_the_stoplist():
    page = "\n\n".join(PROSE["de"])
    art = clean(page, language="en")
    assert art.language == "en"
    assert all("stopword_density" not in b.reasons for b in art.blocks)
    assert clean(page, language="de").language == "de"


def test_short_input_has_no_language():
    art = clean("Hello there")
    assert art.language is None


# --- the Article ---------------------------------------------------------------------------
def test_article_text_joins_paragraphs_with_blank_lines():
    art = clean(TEXT_PAGE)
    assert isinstance(art, Article)
    assert art.text == "\n\n".join(art.paragraphs)
    assert art.paragraphs == [b.text for b in art.blocks if b.label == "main"]
    assert art.reason is None


def test_to_dict_is_json_ready_with_and_without_blocks():
    art = clean(HTML_PAGE, url="https://example.org/bridge")
    short = art.to_dict(blocks=False)
    full = art.to_dict(blocks=True)
    assert "blocks" not in short
    assert json.loads(json.dumps(short)) == short
    assert json.loads(json.dumps(full)) == full
    assert short["url"] == "https://example.org/bridge"
    assert short["text"] == art.text and short["title"] == art.title
    assert short["kind"] == "html" and short["reason"] is None
    assert len(full["blocks"]) == len(art.blocks)
    for d, b in zip(full["blocks"], art.blocks):
        assert d["text"] == b.text and d["label"] == b.label in LABELS
        assert d["reasons"] == b.reasons and d["reasons"]


def test_blocks_are_indexed_in_document_order():
    art = clean(HTML_PAGE)
    assert [b.index for b in art.blocks] == list(range(len(art.blocks)))


def test_deterministic():
    for data in (TEXT_PAGE, HTML_PAGE, "\n\n".join(PROSE["es"])):
        assert clean(data).to_dict() == clean(data).to_dict()


# --- empty and bad input ---------------------------------------------------------------------
@pytest.mark.parametrize("data", ["", "   \n\n\t ", b"", b"\n\n"])
def test_empty_input_gives_an_empty_body_with_a_reason(data):
    art = clean(data)
    assert art.paragraphs == [] and art.text == ""
    assert art.reason


@pytest.mark.parametrize("data", [
    "<html><head><title>Only a title</title></head><body></body></html>",
    "<html><body><script>var x = 1;</script><style>p {}</style></body></html>",
])
def test_page_without_visible_text_has_a_reason(data):
    art = clean(data)
    assert art.paragraphs == [] and art.reason


def test_page_of_only_menus_has_a_reason():
    art = clean("\n\n".join(["Home", "News", "Sport", "Weather"]), kind="text")
    assert art.paragraphs == [] and art.reason
    assert all(b.label != "main" for b in art.blocks)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    b"%PDF-1.7\n" + bytes(range(256)),
    bytes(range(32)) * 64,
])
def test_binary_input_is_an_error(data):
    with pytest.raises(CleanerError):
        clean(data)


def test_corrupt_gzip_is_an_error():
    data = gzip.compress(HTML_PAGE.encode("utf-8"))
    with pytest.raises(CleanerError):
        clean(data[: len(data) // 2])


def test_unknown_kind_is_an_error():
    with pytest.raises(CleanerError, match="kind"):
        clean(TEXT_PAGE, kind="pdf")


def test_max_bytes_is_enforced_for_str_bytes_and_gzip():
    small = 100
    with pytest.raises(CleanerError):
        clean("x" * (small + 1), max_bytes=small)
    with pytest.raises(CleanerError):
        clean(b"x" * (small + 1), max_bytes=small)
    with pytest.raises(CleanerError):
        clean(gzip.compress(b"x" * (small * 10)), max_bytes=small)  # counted after unpacking
    assert clean("x" * small, max_bytes=small).kind == "text"


@pytest.mark.parametrize("data", [None, 42, ["a", "b"], {"text": "a"}, 3.5])
def test_non_str_non_bytes_is_an_error(data):
    with pytest.raises(CleanerError):
        clean(data)


def test_cleaner_error_is_a_value_error():
    assert issubclass(CleanerError, ValueError)


def test_record_schema_lists_exactly_what_to_dict_writes():
    """Spark builds its output schema from RECORD_SCHEMA: a field added to to_dict must be added there."""
    from cleaner.article import RECORD_SCHEMA
    record = clean("<html><head><title>A</title></head><body><p>One paragraph of text here.</p></body></html>").to_dict(blocks=False)
    assert list(record) == [name for name, _ in RECORD_SCHEMA]
