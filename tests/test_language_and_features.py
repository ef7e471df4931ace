"""Language detection, stopword lists, and the per-block features every heuristic reads."""
from __future__ import annotations

import gc
import random
import re
import sys

import pytest

from cleaner import language as L
from cleaner.features import WORD, block_features

EN = L.stopwords("en")

GERMAN = ("Der Stadtrat hat am Dienstag den Bau der neuen Brücke über den Fluss genehmigt und damit "
          "einen Streit beendet, der die Stadt seit mehr als zehn Jahren gespalten hatte. Die "
          "Arbeiten sollen im nächsten Frühjahr beginnen.")
ENGLISH = ("The city council voted on Tuesday to approve the new river bridge, ending a debate that "
           "had divided the town for more than a decade. Work is expected to begin next spring.")
FRENCH = ("Le conseil municipal a approuvé mardi la construction du nouveau pont sur la rivière, "
          "mettant fin à un débat qui divisait la ville depuis plus de dix ans.")
SPANISH = ("El ayuntamiento aprobó el martes la construcción del nuevo puente sobre el río, poniendo "
           "fin a un debate que dividía a la ciudad desde hace más de diez años.")


# --- detect_language ----------------------------------------------------------------------------
@pytest.mark.parametrize("text,code", [(ENGLISH, "en"), (GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es")])
def test_detect_language_of_prose(text, code):
    assert L.detect_language(text) == code


def test_detect_language_is_deterministic():
    """Seeded: the same sample gets the same answer, whatever was detected in between."""
    mixed = "Breaking news Nachrichten aktuell " * 3 + ENGLISH[:60]
    first = [L.detect_language(t) for t in (mixed, GERMAN, mixed, FRENCH, mixed)]
    assert first[0] == first[2] == first[4]
    again = [L.detect_language(t) for t in (mixed, GERMAN, mixed, FRENCH, mixed)]
    assert first == again


@pytest.mark.parametrize("sample", ["", "Hello", "Home News Sport", "12345 67890 !!! ???",
                                    "a" * (L.MIN_SAMPLE_LETTERS - 1)])
def test_detect_language_is_none_on_short_samples(sample):
    assert L.detect_language(sample) is None


@pytest.mark.parametrize("text,n,enough", [
    ("abc", 3, True), ("abc", 4, False), ("a1_b c!", 3, True), ("12_34 !!", 1, False),
    ("Ünïcödé", 7, True), ("東京", 2, True), ("", 1, False),
])
def test_has_letters_counts_letters_only(text, n, enough):
    assert L._has_letters(text, n) is enough


def test_detect_language_reads_only_the_sample():
    """Only the first SAMPLE_CHARS characters are examined: cost is bounded on huge pages."""
    german = (GERMAN + " ") * (L.SAMPLE_CHARS // len(GERMAN) + 1)
    assert len(german) >= L.SAMPLE_CHARS
    assert L.detect_language(german + ENGLISH * 50) == "de"


def test_langdetect_profiles_are_left_out_of_garbage_collection():
    """88,000 probability lists walked by every full collection cost ~50 ms each: they are tuples."""
    probabilities = L._langdetect_factory().word_lang_prob_map
    some = next(iter(probabilities.values()))
    assert isinstance(some, tuple) and len(some) == len(L._langdetect_factory().langlist)
    gc.collect()  # tuples of floats stop being tracked at the first collection that sees them
    assert not gc.is_tracked(some)
    assert L._langdetect(GERMAN) == "de"


CATALAN = ("L'ajuntament va aprovar dimarts la construcció del nou pont sobre el riu, i així es va "
           "posar fi a un debat que dividia la ciutat des de fa més de deu anys.")


@pytest.mark.parametrize("text,code", [(ENGLISH, "en"), (GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es")])
def test_stopwords_decide_clear_latin_samples_without_langdetect(text, code, monkeypatch):
    sample = ((text + " ") * 4)[:L.SAMPLE_CHARS]
    assert L._stopword_vote(sample) == code
    monkeypatch.setattr(L, "_langdetect", None)  # would raise if called
    assert L.detect_language(sample) == code


@pytest.mark.parametrize("text", [
    CATALAN + " " + SPANISH,  # close languages share stopwords: no clear winner
    "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την κατασκευή μιας νέας γέφυρας.",  # no voting list
    "Breaking news Nachrichten aktuell " * 3,  # too few stopwords to tell
])
def test_stopword_vote_leaves_unclear_samples_to_langdetect(text):
    assert L._stopword_vote(text[:L.SAMPLE_CHARS]) is None


@pytest.mark.parametrize("text,code", [
    ("서울시는 화요일 강 위에 새 다리를 짓기로 했다. 시민들은 오랜 논쟁이 끝났다며 환영했다. "
     "공사는 내년 봄에 시작해 삼 년 뒤에 끝날 예정이다.", "ko"),
    ("市議会は火曜日、川に新しい橋を架ける計画を承認した。市民の間では長年議論が続いていた。", "ja"),
])
def test_korean_and_japanese_are_named_by_their_script_without_langdetect(text, code, monkeypatch):
    assert L._langdetect(text) == code  # the answer langdetect gives too
    monkeypatch.setattr(L, "_langdetect", None)  # would raise if called
    assert L.detect_language(text) == code


def test_chinese_quoting_a_kana_word_is_left_to_langdetect():
    chinese = "市政府星期二批准了在河上建造一座新桥的计划，这场争论已经持续了十多年。" * 2 + "カラオケ"
    assert L._script_language(chinese) is None
    assert L.detect_language(chinese) == "zh-cn"


RUSSIAN = ("Городской совет во вторник одобрил строительство нового моста через реку, и это решение "
           "положило конец спору, который делил город больше десяти лет. Мост, как и обещали, будет "
           "открыт для пешеходов, а не только для машин, но работы начнутся не раньше весны.")


def test_cyrillic_samples_are_voted_like_latin_ones(monkeypatch):
    assert L._langdetect(RUSSIAN) == "ru"  # the answer langdetect gives too
    monkeypatch.setattr(L, "_langdetect", None)  # would raise if called
    assert L.detect_language(RUSSIAN) == "ru"


def test_a_loan_low_in_a_list_does_not_vote_for_it():
    """Romanian's list holds "the" and "of" far below its own words: they vote for English only."""
    romanian = L._VOTING_STOPLISTS.index("ro")
    assert "the" in L._stoplist("ro")[:L.STOPWORD_VOTE_WORDS]
    assert romanian not in L._stopword_index()["the"][0]
    assert romanian in L._stopword_index()["de"][0]  # shared near the top of both lists: votes for both
    english = ("Quotes delayed at least 15 minutes. The data and the analysis of the market are "
               "provided by the exchange, and all of the figures are in US dollars.")
    assert L._stopword_vote(english) == "en"


def test_stopword_vote_reads_only_the_most_frequent_words_of_each_list():
    """Long lists hold common English words far down (Finnish: "london"): they do not vote."""
    assert "london" in L.stopwords("fi")
    assert "london" not in L._stopword_index()
    assert "ja" in L._stopword_index()  # Finnish "and" is near the top of its list


# --- stopwords ----------------------------------------------------------------------------------
def test_stopwords_are_lower_case_and_language_specific():
    de = L.stopwords("de")
    assert {"und", "der", "die"} <= de
    assert {"the", "and", "of"} <= EN
    assert all(w == w.lower() for w in de | EN)
    assert "und" not in EN and "nicht" not in EN and "nicht" in de


def test_stopwords_default_to_english_and_ignore_region_suffix():
    assert L.stopwords(None) == EN
    assert L.stopwords("pt-br") == L.stopwords("pt") and L.stopwords("pt")


@pytest.mark.parametrize("code", ["ja", "zh-cn", "xx"])
def test_stopwords_empty_for_a_language_without_a_list(code):
    assert L.stopwords(code) == frozenset()


# --- block_features -------------------------------------------------------------------------------
@pytest.mark.parametrize("text,terminal", [
    ("The council approved the bridge.", True),
    ("Did the council approve the bridge?", True),
    ("“We will build it.”", True),
    ("(The vote was close.)", True),
    ("River bridge approved", False),
    ("The mayor said:", False),
    ("Read more »", False),
])
def test_terminal(text, terminal):
    assert block_features(text, 0, EN).terminal is terminal


@pytest.mark.parametrize("text,ellipsis", [
    ("The mayor said the bridge would change the town...", True),
    ("The mayor said the bridge would change the town…", True),
    ("The mayor said the bridge would change the town [...]", True),
    ("The mayor said the bridge would change the town.", False),
    ("Wait... the vote was close.", False),
])
def test_ellipsis_end(text, ellipsis):
    assert block_features(text, 0, EN).ellipsis_end is ellipsis


def test_link_density_is_the_linked_share_of_characters():
    text = "Read the council report"
    assert block_features(text, 0, EN).link_density == 0.0
    assert block_features(text, len(text), EN).link_density == 1.0
    half = block_features(text, len(text) // 2, EN).link_density
    assert 0.0 < half < 1.0


def test_counts_and_stop_density():
    f = block_features("The council approved the bridge. Work starts in May.", 0, EN)
    assert f.words == 9
    assert f.several_sentences
    assert 0 < f.stopwords < f.words
    assert f.stop_density == f.stopwords / f.words
    assert f.stop_known
    assert f.chars == len("The council approved the bridge. Work starts in May.")


def test_digit_share_separates_tables_from_sentences():
    sentence = block_features("the river bridge was approved after a decade of debate", 0, EN)
    table = block_features("2024 | 12,345 | 67.8%", 0, EN)
    assert table.digits > sentence.digits == 0.0


def test_content_words_are_long_non_stopwords():
    f = block_features("The Engineers approved the new Bridge budget in 2024 for 40 days", 0, EN)
    assert {"engineers", "approved", "bridge", "budget"} <= f.content_words  # lower-cased
    assert not {"the", "new", "in", "for", "2024", "40", "days"} & f.content_words
    assert all(len(w) >= 4 and w not in EN for w in f.content_words)


def test_empty_text_has_zero_features():
    f = block_features("", 0, EN)
    assert (f.chars, f.words, f.several_sentences) == (0, 0, False)
    assert f.stop_density == f.link_density == f.digits == 0.0
    assert not f.terminal and not f.ellipsis_end


def test_several_sentences_is_two_end_marks_or_more():
    """The early-stopping test agrees with counting end marks (a run of marks followed by space or
    the end) on edge cases and random mixes of end
    marks, closing marks, spaces and words (a mark at the very end, runs of marks, CJK stops)."""
    cases = ["", "One.", "One. Two.", "One.Two.", "Wait... what?", "End.\n", "a。b。", "x ?! y",
             "No end mark", "Dr. Who", "1.5 and 2.5."]
    rng = random.Random(7)
    pieces = ["word", " ", ".", "!", "?", "。", "？", "\n", "\u00a0", '"', ")", "...", "x"]
    cases += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in cases:
        f = block_features(text, 0, frozenset())
        assert f.several_sentences == (len(re.findall(r"[.!?。！？]+(?:\s|$)", text)) >= 2), text


def test_unspaced_languages_count_characters_and_ignore_stopwords():
    ja = "東京都は火曜日、新しい橋の建設を承認したと発表した。工事は来年の春に始まる予定だ。"
    f = block_features(ja, 0, L.stopwords("ja"), unspaced=True)
    assert f.stop_known is False
    assert f.words >= len(ja) // 2  # words are not space-separated: approximated by characters
    assert f.terminal  # 。 ends a sentence
    # even with a (wrong) stoplist, density means nothing for unspaced text
    assert block_features(ja, 0, EN, unspaced=True).stop_known is False


def test_stop_known_false_without_a_stoplist():
    assert block_features(ENGLISH, 0, frozenset()).stop_known is False
    assert block_features(ENGLISH, 0, EN).stop_known is True


@pytest.mark.parametrize("text", [
    ENGLISH, GERMAN, FRENCH, SPANISH, "don't", "l’eau", "it's'", "'quoted'", "rock'n'roll",
    "a’’b", "x_y", "O'Hara's", "4'5", "é'é", "'", "", "Ⅻ'ⅰ", "日本語'テキスト", "end'",
])
def test_word_finds_the_words_of_the_plain_form(text):
    """WORD makes its apostrophe part optional with an empty alternative (faster than "?"): it
    finds the words of the plain form."""
    plain = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
    assert WORD.findall(text) == plain.findall(text)


def test_tokens_are_the_lower_cased_words_of_any_text():
    """block_features finds an ASCII text's words in its lower-cased form (one pass, no word
    lowered on its own): the same tokens as lower-casing each word, on edge cases and a few
    thousand random mixes of ASCII and other characters."""
    rng = random.Random(5)
    alphabet = [chr(c) for c in range(128)] + list("’ÀÉİßΣσﬁǅ日本Ⅻ\u0307\u00a0_'")
    texts = [ENGLISH, GERMAN, "O'Hara's DON'T", "A_B c_D", "İstanbul ΣΟΦΟΣ", "ǅemal ﬁne", ""]
    texts += ["".join(rng.choices(alphabet[:128] if i % 2 else alphabet, k=rng.randint(0, 40)))
              for i in range(4000)]
    for text in texts:
        f = block_features(text, 0, EN)
        words = WORD.findall(text)
        assert f.tokens == tuple(w.lower() for w in words), text
        assert f.stopwords == sum(w.lower() in EN for w in words), text


def test_lower_casing_twice_changes_nothing():
    """Tokens are lower-cased: a reader lower-casing them again (the segmenter's vocabulary)
    gets the same words, as no code point lower-cases to one that lower-cases further (nor to a
    capital sigma, the one whose lower case depends on its neighbours)."""
    for c in map(chr, range(sys.maxunicode + 1)):
        lower = c.lower()
        assert lower.lower() == lower and "Σ" not in lower, hex(ord(c))


def test_only_the_context_cased_characters_lower_case_out_of_place():
    """block_features finds the words of a text without CONTEXT_CASED in its lower-cased form:
    every other code point lower-cases to one character of the same class (a word character but
    "_", an apostrophe WORD joins words with, or neither), and Σ is the one whose lower case
    depends on its neighbours (str.lower's final sigma)."""
    from cleaner.features import CONTEXT_CASED

    def kind(c: str) -> str:
        return "word" if re.fullmatch(r"[^\W_]", c) else c if c in "’'" else "other"

    out_of_place = {c for c in map(chr, range(sys.maxunicode + 1)) if not 0xD800 <= ord(c) <= 0xDFFF
                    and (len(c.lower()) != 1 or kind(c.lower()) != kind(c))}
    assert out_of_place | {"Σ"} == set(CONTEXT_CASED)
    assert "ΑΣ ΑΣ\u00adΑ".lower() == "ας ασ\u00adα"  # why Σ is listed: its neighbours decide
