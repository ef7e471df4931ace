"""Language detection (once per document, on a bounded sample) and the stopword lists it selects."""
from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path

from .errors import CleanerError
from .features import LETTER, WORD

#: Characters of text handed to langdetect: its cost grows with the text, its accuracy stops
#: growing after a few sentences of prose.
SAMPLE_CHARS = 600
#: Random restarts langdetect averages over (its default is 7): prose samples agree after a few,
#: and each trial costs as much as the rest of a page's scoring.
DETECT_TRIALS = 3
#: Below this many letters langdetect guesses; we report no language instead.
MIN_SAMPLE_LETTERS = 40

# ISO 639-1 code -> name of jusText's stoplist (shipped with trafilatura's dependencies).
_STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali",
    "nl": "Dutch", "no": "Norwegian_Bokmal", "pa": "Western_Panjabi", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}
#: Languages whose stopwords can name the language of a sample without langdetect (~3 ms a page,
#: most of the cost of a short page): the Latin-script ones with a jusText stoplist, and the
#: Cyrillic-script ones (no Cyrillic stopword is spelled like a Latin one, so one vote serves both).
_VOTING_STOPLISTS = (
    "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt",
    "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sq", "sv", "sw", "tl", "tr", "vi",
    "bg", "mk", "ru", "uk",
)
#: The vote reads this many of each list's most frequent words: the long lists (Finnish,
#: Turkish) also hold common English words further down.
STOPWORD_VOTE_WORDS = 200
#: A sample is decided by its stopwords when the leading stoplist has this many hits (a word in
#: n lists counts 1/n for each: many lists hold common English words) ...
STOPWORD_VOTE_MIN_HITS = 6
#: ... and this many times the hits of the runner-up. Close languages (Spanish and Catalan,
#: Danish and Norwegian) share most stopwords: those samples go to langdetect. Measured on the
#: 4,130 benchmark and fixture pages (2026-12-07): of the 557 samples the vote left to langdetect
#: at 10 hits and a 3x margin, these settings decide 268 more, all as langdetect does but two code
#: listings in English docs that langdetect calls French; at 3 hits or a 1.5x margin the vote
#: starts to disagree on prose (Catalan/Danish, English/Indonesian). It saves langdetect's ~3 ms
#: on short-worded English pages (stock tables, name lists, sports scores).
STOPWORD_VOTE_MARGIN = 2.0
#: Languages written without spaces: stopword density means nothing there.
UNSPACED = frozenset({"zh-cn", "zh-tw", "ja", "th", "ko"})
#: A letter the vote has no stoplist for: neither Latin (with the ordinal signs ª º of Romance
#: languages) nor Cyrillic.
_UNVOTED_LETTER = re.compile(r"[^\W\da-zA-Z\u00aa\u00ba\u00c0-\u024f\u0400-\u04ff_]")
#: Scripts only one language with a stoplist writes, and the share of a sample's letters in that
#: script that names it without langdetect: Korean Hangul; Japanese kana (Chinese text quotes a
#: kana word at times, Japanese prose is a third kana or more). On the 4,130 bench and fixture
#: pages, every sample these name, langdetect names the same (9 samples, 2026-12-07).
_SCRIPT_LANGUAGES = (
    (re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"), 0.5, "ko"),
    (re.compile(r"[\u3040-\u30ff]"), 0.2, "ja"),
)


def detect_language(sample: str) -> str | None:
    """ISO code of the sample's language, or None when the sample is too short to tell.

    A Latin or Cyrillic sample whose stopwords name one language clearly is decided by them, a Korean
    or Japanese one by its script; the rest go to langdetect, seeded so the same text always gets
    the same answer.
    """
    sample = sample[:SAMPLE_CHARS]
    if not _has_letters(sample, MIN_SAMPLE_LETTERS):
        return None
    # loaded on the first call, as when every page went to langdetect: the one-time cost (about
    # half a second, 60 MB) lands on the first page, which a batch or benchmark warm-up absorbs
    _langdetect_factory()
    return _stopword_vote(sample) or _script_language(sample) or _langdetect(sample)


def _has_letters(text: str, n: int) -> bool:
    """True when ``text`` holds at least ``n`` letters (stops looking at the n-th: no full list)."""
    return next(islice(LETTER.finditer(text), n - 1, None), None) is not None


def _script_language(sample: str) -> str | None:
    """The language a sample's script names alone (see _SCRIPT_LANGUAGES), else None."""
    letters = None
    for script, share, code in _SCRIPT_LANGUAGES:
        found = len(script.findall(sample))
        if found:
            letters = letters or len(LETTER.findall(sample))
            if found >= share * letters:
                return code
    return None


def _langdetect(sample: str) -> str | None:
    """langdetect's answer, seeded; None when it finds no features in the sample."""
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        detector = _langdetect_factory().create()
        detector.n_trial = DETECT_TRIALS
        detector.append(sample)
        return detector.detect()
    except LangDetectException:
        return None


@cache
def _langdetect_factory():
    """langdetect's detector factory with its profiles loaded (once per process).

    Its 88,000 n-gram probability lists become tuples, which it only reads: a tuple of floats is
    not tracked by the garbage collector, so a full collection no longer walks all of them (a
    ~50 ms pause every few dozen pages).
    """
    from langdetect import detector_factory

    detector_factory.init_factory()
    probabilities = detector_factory._factory.word_lang_prob_map
    for ngram, per_language in probabilities.items():
        probabilities[ngram] = tuple(per_language)
    return detector_factory._factory


def _stopword_vote(sample: str) -> str | None:
    """The language whose stopwords clearly dominate a Latin or Cyrillic sample, else None."""
    if _UNVOTED_LETTER.search(sample):
        return None
    index = _stopword_index()
    hits = [0.0] * len(_VOTING_STOPLISTS)  # per language, as _VOTING_STOPLISTS lists them
    # the sample's stopwords, in order (the other words are passed over in C), each adding its
    # weight to the hits of its languages
    for languages, weight in filter(None, map(index.get, map(str.lower, WORD.findall(sample)))):
        for k in languages:
            hits[k] += weight
    runner_up, leader = sorted(hits)[-2:]
    # a leader tied with the runner-up fails the margin: the leader found by index is the only one
    if leader < STOPWORD_VOTE_MIN_HITS or leader < STOPWORD_VOTE_MARGIN * runner_up:
        return None
    return _VOTING_STOPLISTS[hits.index(leader)]


#: A stopword shared by several lists votes only for those that rank it near their top: within
#: this factor of its best rank ... Web-built lists hold loans further down (Romanian's holds
#: "the", "of", "and"), which made English samples look half Romanian and sent them to langdetect.
SHARED_WORD_RANK_FACTOR = 2
#: ... or among a list's first this many words, where a word is the language's own. On the 4,130
#: bench and fixture pages (2026-12-07) these two leave 85 fewer samples to langdetect (274 -> 189)
#: and every newly voted one gets langdetect's answer; voting only where a word ranks best
#: (factor 1, no floor) starts to disagree with it (6 samples).
SHARED_WORD_TOP_RANK = 20


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[tuple[int, ...], float]]:
    """Stopword -> (positions in _VOTING_STOPLISTS of the n voting languages it votes for, 1/n):
    the languages having it among their most frequent words, near their top (built once per
    process)."""
    ranks: dict[str, list[tuple[int, int]]] = {}
    for k, code in enumerate(_VOTING_STOPLISTS):
        for rank, word in enumerate(_stoplist(code)[:STOPWORD_VOTE_WORDS]):
            ranks.setdefault(word, []).append((rank, k))
    index = {}
    for word, ranked in ranks.items():
        near = max(SHARED_WORD_RANK_FACTOR * min(ranked)[0], SHARED_WORD_TOP_RANK)
        languages = tuple(k for rank, k in ranked if rank <= near)
        index[word] = (languages, 1 / len(languages))
    return index


@lru_cache(maxsize=None)
def stopwords(language: str | None) -> frozenset[str]:
    """Lower-cased stopwords for ``language``: English when unknown, empty when jusText has no
    list for it (then stopword density is not used as evidence)."""
    return frozenset(_stoplist((language or "en").split("-")[0]))


@cache
def _stoplist(code: str) -> tuple[str, ...]:
    """jusText's stoplist for an ISO code, lower-cased, most frequent first, without repeats;
    empty when it has no list.

    The lists are read straight from jusText's package data, without importing jusText's
    extractor (which needs lxml's separate html-clean module).
    """
    name = _STOPLIST_NAMES.get(code)
    if name is None:
        return ()
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise CleanerError("jusText's stoplists are missing: install the 'justext' package")
    path = Path(list(spec.submodule_search_locations)[0]) / "stoplists" / f"{name}.txt"
    words = path.read_text(encoding="utf-8").split()
    return tuple(dict.fromkeys(w.lower() for w in words))
