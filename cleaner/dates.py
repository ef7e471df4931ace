"""Dates as pages write them, read into ISO 8601 ``YYYY-MM-DD`` without guessing.

A numeric date whose day and month could swap ("03/04/2019") is read in the order the page shows
elsewhere (another date on it with a day above 12) or, failing that, the order of its language;
a date that stays ambiguous, or names no year, is not read. Nothing here looks at the clock: a
page without a date gets None.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

#: Years a publication date may have: earlier is a founding year or a typo, later a misread number.
MIN_YEAR, MAX_YEAR = 1990, 2099

#: Month names by language (full and abbreviated; genitive and inflected forms where a language
#: writes them in dates), lower-cased, without a trailing period.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "januari", "stycznia", "styczeń", "sty", "январь", "января", "janaury", "ledna",
        "leden", "januára", "januárja", "tammikuuta", "ιανουαρίου", "ocak"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fev", "fév", "febrero", "febbraio",
        "fevereiro", "februari", "lutego", "luty", "lut", "февраль", "февраля", "února", "únor",
        "februára", "helmikuuta", "şubat", "φεβρουαρίου"),
    3: ("march", "mar", "märz", "maerz", "mär", "mars", "marzo", "março", "maart", "marca", "marzec",
        "март", "марта", "března", "březen", "marca", "maaliskuuta", "mart", "μαρτίου"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień", "kwi",
        "апрель", "апреля", "dubna", "duben", "apríla", "huhtikuuta", "nisan", "απριλίου"),
    5: ("may", "mai", "mayo", "maggio", "maio", "mei", "maja", "maj", "май", "мая", "května",
        "květen", "mája", "toukokuuta", "mayıs", "μαΐου"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec", "cze",
        "июнь", "июня", "června", "červen", "júna", "kesäkuuta", "haziran", "ιουνίου"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "julho", "lipca", "lipiec",
        "lip", "июль", "июля", "července", "červenec", "júla", "heinäkuuta", "temmuz", "ιουλίου"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "augusti", "sierpnia",
        "sierpień", "sie", "август", "августа", "srpna", "srpen", "augusta", "elokuuta", "ağustos",
        "αυγούστου"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro",
        "wrzesnia", "września", "wrzesień", "wrz", "сентябрь", "сентября", "září", "septembra",
        "syyskuuta", "eylül", "σεπτεμβρίου"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out",
         "października", "pazdziernika", "październik", "paź", "октябрь", "октября", "října", "říjen",
         "októbra", "lokakuuta", "ekim", "οκτωβρίου"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "lis",
         "ноябрь", "ноября", "novembra", "marraskuuta", "kasım", "νοεμβρίου"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
         "dicembre", "dezembro", "grudnia", "grudzień", "gru", "декабрь", "декабря", "prosince",
         "prosinec", "decembra", "joulukuuta", "aralık", "δεκεμβρίου"),
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names}

#: Words that label a date as the last change, not the publication ("Updated June 18, 2025", a
#: thread's "last post by Jane Jan 18, 2024").
UPDATED = re.compile(r"\b(?:updated|modified|edited|aktualisiert|geändert|bijgewerkt|mis à jour|"
                     r"actualizado|actualizada|aggiornato|atualizado|zaktualizowano|last (?:post|reply|activity)|"
                     r"letzte[rs]? (?:beitrag|antwort))\b", re.I)
#: Words that label a date as the publication ("Published August 13, 2025", "Erschienen am").
PUBLISHED = re.compile(r"\b(?:published|posted|veröffentlicht|erschienen|erstellt|publié|publicado|"
                       r"publicada|pubblicato|opublikowano|gepubliceerd)\b", re.I)


def date_label(line: str) -> str:
    """What a date line says its first date is: "updated", "published" or "" (not said); a line
    saying both ("Published May 2 | Updated May 3") by the label that comes first."""
    update, publish = UPDATED.search(line), PUBLISHED.search(line)
    if update and (not publish or update.start() < publish.start()):
        return "updated"
    return "published" if publish else ""


#: Languages that write a numeric date month first ("10/16/2019").
MONTH_FIRST_LANGUAGES = frozenset({"en"})

_TWO_DIGITS = re.compile(r"\d\d")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/.])(\d\d)\2(\d\d)(?!\d)")
_ISO_LOOSE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([./-])\s?(\d{1,2})\2\s?((?:19|20)?\d\d)(?![\d])")
# a month is any word here, looked up in MONTHS after the match: an alternation of every
# month name, tried at every position of the text, costs twenty times as much
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+|of\s+)?([^\W\d_]{3,12})\.?,?\s*(?:de\s+)?"
    r"((?:19|20)\d\d)(?!\d)")
_MONTH_DAY_YEAR = re.compile(
    r"(?<![^\W\d_])([^\W\d_]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)")
#: Dates in a web address: /2019/10/16/, /2019-10-16-, /20191016/.
_URL_DATE = re.compile(r"(?<![\d])((?:19|20)\d\d)([/_-]?)(\d{1,2})\2(\d{1,2})(?=[/_.-]|$)")


def _iso(year: int, month: int, day: int) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 31 February, month 13
        return None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year  # "16.10.19": this century


def day_first_hint(text: str) -> bool | None:
    """True when a numeric date in ``text`` can only be day first ("16/10/2019"), False when it
    can only be month first ("10/16/2019"), None when it says neither."""
    for m in _NUMERIC.finditer(text):
        first, second = int(m.group(1)), int(m.group(3))
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    return None


def _named(year: str, month: str, day: str) -> str | None:
    number = MONTHS.get(month.lower())
    return _iso(int(year), number, int(day)) if number else None


def _numeric(m: re.Match, day_first: bool | None) -> str | None:
    first, sep, second, year = int(m.group(1)), m.group(2), int(m.group(3)), _year(m.group(4))
    if first > 12 or second > 12:
        day, month = (first, second) if first > 12 else (second, first)
    elif day_first is not None:
        day, month = (first, second) if day_first else (second, first)
    elif sep == ".":
        day, month = first, second
    else:
        return None
    return _iso(year, month, day)


#: Each date form and how to read its match, most explicit first: within one text the first form
#: that matches wins, so "2019-10-16 (16.10.)" is read from its ISO part.
_FORMS: tuple[tuple[re.Pattern, object], ...] = (
    (_ISO, lambda m, _: _iso(int(m.group(1)), int(m.group(3)), int(m.group(4))) if m.group(2) else None),
    (_ISO_LOOSE, lambda m, _: _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))),
    (_DAY_MONTH_YEAR, lambda m, _: _named(m.group(3), m.group(2), m.group(1))),
    (_MONTH_DAY_YEAR, lambda m, _: _named(m.group(3), m.group(1), m.group(2))),
    (_NUMERIC, _numeric),
)


def parse_date(text: str, *, day_first: bool | None = None) -> str | None:
    """The first full date (day, month and year) in ``text`` as ``YYYY-MM-DD``, or None.

    ``day_first`` settles a numeric date whose day and month could swap; when it is None such a
    date is read day first after a dot ("03.04.2019": no language writes it month first) and not
    at all after a slash or a dash."""
    if not text or not _TWO_DIGITS.search(text):  # every form has a year: most lines are out here
        return None
    if len(text) == 8 and text.isdigit():  # "20191016" only as a whole value
        return _iso(int(text[:4]), int(text[4:6]), int(text[6:]))
    for pattern, read in _FORMS:
        for m in pattern.finditer(text):
            when = read(m, day_first)
            if when:
                return when
    return None


def find_dates(lines: list[str], *, day_first: bool | None = None) -> list[tuple[int, str]]:
    """(line index, date) for the first date of each of ``lines`` that holds one, in order: one
    regex pass per date form over all the lines joined (in C), not five per line."""
    numbers = [i for i, line in enumerate(lines) if _TWO_DIGITS.search(line)]  # every form has a year
    lines = [lines[i] for i in numbers]
    joined = "\x00".join(lines)  # no pattern crosses a NUL
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    found: dict[int, str] = {}  # line -> its date
    for pattern, read in _FORMS:
        for m in pattern.finditer(joined):
            line = bisect_right(starts, m.start()) - 1
            if line not in found:
                when = read(m, day_first)
                if when:
                    found[line] = when
    return [(numbers[line], found[line]) for line in sorted(found)]


#: A declared time in UTC ("2019-10-18T22:04:00Z", "+00:00", "GMT"): its date may be the day
#: before or after the one the site printed in its own time zone.
_UTC_TIME = re.compile(r"[T ](\d\d):\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|GMT|UTC)\b")
#: Hours a time zone may lie behind UTC (Pacific islands: 12) and ahead of it (Kiribati: 14).
MAX_HOURS_BEHIND, MAX_HOURS_AHEAD = 12, 14


def local_dates(value: str | None, utc_date: str | None) -> tuple[str, ...]:
    """The dates besides ``utc_date`` that a UTC time (``value``) falls on somewhere: the day
    before when its hour is early enough, the day after when it is late enough; none when the
    value names another zone or no time."""
    m = _UTC_TIME.search(value) if value and utc_date else None
    if not m:
        return ()
    hour, day = int(m.group(1)), date.fromisoformat(utc_date)
    return tuple(d.isoformat() for d, possible in (
        (day - timedelta(days=1), hour < MAX_HOURS_BEHIND), (day + timedelta(days=1), hour + MAX_HOURS_AHEAD >= 24))
        if possible)


def url_date(url: str | None) -> str | None:
    """The date a web address's path carries (/2019/10/16/, /2019-10-16-, /20191016/), or None."""
    if not url:
        return None
    path = url.split("//", 1)[-1].partition("/")[2]  # the host's digits are no date
    for m in _URL_DATE.finditer(path):
        found = _iso(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if found:
            return found
    return None


def language_day_first(language: str | None) -> bool:
    """Whether a page in ``language`` writes numeric dates day first (all but English do)."""
    return (language or "") not in MONTH_FIRST_LANGUAGES
