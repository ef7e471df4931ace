"""Writers' names and headlines as pages print them: "By Jane Doe and John Roe | Reuters" read into
"Jane Doe; John Roe", and the headline chosen where the page's titles agree."""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

from .dates import MONTHS
from .model import Block

#: Longest writer's name kept: longer is a sentence or a list of credits.
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 60
#: Writers named per page at most; more is a contributors list.
MAX_AUTHORS = 6

#: Words that lead a byline before the names ("By", "Von", "Text:"), also glued to a capitalised
#: name ("Written byJane Doe": a layout's line break lost), never inside a word in capitals ("AFP").
_LEAD = re.compile(
    r"^\s*(?P<verb>(?:written|posted|published|reported|submitted|uploaded|text|story|words|interview|erstellt|"
    r"geschrieben|verfasst|eingestellt|gespeichert|écrit|escrito|scritto|publicado|publié|publicat)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|przez|autor(?:in)?|author|auteur|text|texte|"
    r"verfasst von|geschrieben von|redakteur(?:in)?|reporter)(?:\b|(?<=(?-i:[a-z]))(?=(?-i:[A-Z])))\s*[:.]?\s*", re.I)
#: What ends the names in a byline: a separator, a date, a role or an "updated" label.
_NAMES_END = re.compile(
    r"\s*(?:[|•·—–/]|\s-\s|\d|\b(?:updated|published|posted|on|am|le|el|il|vom|um|für|for|in|"
    r"at|à|under|aktualisiert|veröffentlicht|photos?|fotos?)\b).*$", re.I | re.S)
#: Joins between names: "Jane Doe, John Roe and Ann Lee".
_JOIN = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bi\b|\boraz\b)\s*", re.I)
#: A job title after a writer's name: "Health Editor", "Staff Writer", "Redakteurin".
_ROLE = re.compile(r"(?:editor|correspondent|reporter|writer|columnist|staff|contributor|"
                   r"redakteur(?:in)?|korrespondent(?:in)?|journalist(?:in)?|autor(?:in)?|"
                   r"rédact(?:eur|rice)|redactor(?:a)?|corresponsal|giornalista)\s*$", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")
#: Lower-case words a name may hold: "Ursula von der Leyen", "Vincent van Gogh".
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos",
                        "das", "le", "la", "ter", "ten", "zu", "bin", "al", "el", "y"})
#: A web address, a handle or a bare domain ("24horas.cl"): a site, not a writer.
_URL_OR_HANDLE = re.compile(r"^(?:https?:|www\.|@)|/|^[\w.-]+\.[a-z]{2,4}$|\.(?:com|org|net)\b", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
#: A link to a writer's other posts, named for them ("View all posts by Jane Doe"): the name is after.
_ALL_POSTS = re.compile(r"^.*\ball(?:e|es|os)?\s+(?:\w+\s+)?(?:posts|articles|stories|beiträge|artikel|artículos)"
                        r"\s+(?:by|von|de|par|di)\s+", re.I)
#: A user's picture named after them ("scvalex avatar", "Jane's profile picture"): the name is before.
_PICTURE = re.compile(r"(?:['’]s)?\s+(?:avatar|profile (?:picture|photo|image))$", re.I)


#: Words that are no one's name though a page prints them where a name goes: weekdays (months
#: are dates.MONTHS), the words around a name ("Article by", "Insights from", "Writer") and the
#: account links a forum prints where a visitor's name would go ("Sign in", "Log in", "My account").
_NOT_NAME_WORDS = frozenset({
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "by", "from", "article", "articles",
    "post", "posted", "writer", "author", "insights", "link", "top", "learn", "more", "via",
    "sign", "log", "in", "out", "up", "login", "logout", "register", "my", "account", "profile"})


def clean_name(text: str) -> str | None:
    """A writer's name from a declared value: character references decoded ("&amp;"), the lead
    word ("By"), an e-mail address and surrounding punctuation dropped; None for a web address,
    a handle or a sentence."""
    if "&" in text:
        text = html.unescape(text)
    text = _EMAIL.sub("", " ".join(text.split()))
    if " all" in text or " alle" in text:  # rare: no regex pass for every name
        text = _ALL_POSTS.sub("", text)
    if "avatar" in text or "rofile" in text:  # rare: no regex pass for every name
        text = _PICTURE.sub("", text)
    text = _LEAD.sub("", text).strip(" ,;:|-–—·")
    if not text or _URL_OR_HANDLE.search(text) or len(text) > MAX_NAME_CHARS * 2:
        return None
    if len(text.split()) > MAX_NAME_WORDS * 2:
        return None
    return text


def join_names(names: Iterable[str]) -> str | None:
    """Cleaned names, duplicates dropped, joined by "; "."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        name = clean_name(name) if isinstance(name, str) else None
        if name and name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
        if len(out) >= MAX_AUTHORS:
            break
    return "; ".join(out) or None


def is_name(text: str) -> bool:
    """A person's name as printed: one to six words, each capitalised or a particle ("von")."""
    text = clean_name(text) or ""
    words = text.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or len(text) > MAX_NAME_CHARS:
        return False
    capitals = 0
    for w in words:
        if not _NAME_WORD.match(w):
            return False
        if w[0].isupper():
            capitals += 1
        elif w.lower() not in _PARTICLES:
            return False
    return capitals >= 1 and words[0][0].isupper() and words[-1][0].isupper()


def _split(names: str) -> list[str]:
    """Names joined by commas and "and"; what follows a comma is a place or a role, not another
    writer, when it is one word or ends in a job ("Jane Doe, Düsseldorf", "Jane Doe, Health Editor")."""
    first, *rest = names.split(",")
    kept = [first] + [p for p in rest if len(p.split()) > 1 and not _ROLE.search(p)]
    return [n.strip() for part in kept for n in _JOIN.split(part) if n.strip()]


def byline_names(text: str) -> str | None:
    """The names a printed byline gives ("By Jane Doe and John Roe | Updated May 2" ->
    "Jane Doe; John Roe"), or None when the line does not start like a byline."""
    lead = _LEAD.match(text)
    if not lead or lead.end() == 0:
        return None
    names = _split(_NAMES_END.sub("", text[lead.end():]))
    if not names:
        return None
    if lead.group("verb") and len(names) == 1 and is_handle(names[0]):
        return clean_name(names[0])  # "Posted by jdoe", "Eingestellt von der Michel": a user's name
    if not all(is_name(n) for n in names):
        return None
    return "; ".join(names[:MAX_AUTHORS])


def _lead_only(text: str) -> bool:
    """A byline's lead word on its own line ("By", "Written by", "Autor:"): the name follows."""
    lead = _LEAD.match(text)
    return bool(lead) and lead.end() == len(text)


def is_handle(text: str) -> bool:
    """A name or a user name as a link prints it ("Jane Doe", "gizzmo", "ThE_PaiN"); not a date's
    words ("Sun Dec") nor the words around a name ("Article by")."""
    name = clean_name(text) or ""
    words = name.lower().replace(".", " ").split()
    return 0 < len(name.split()) <= MAX_NAME_WORDS // 2 + 1 and len(name) <= MAX_NAME_CHARS // 2 \
        and not any(c.isdigit() for c in name[:1]) \
        and not all(w in _NOT_NAME_WORDS or w in MONTHS for w in words)


def _names_in(text: str) -> str | None:
    """The names in a line a page marks as its writer's ("Redaktion 1. Nov 2023", "Jane Doe |
    Reporter"): the text before a date or a separator, if it reads as names."""
    names = _split(_NAMES_END.sub("", _LEAD.sub("", text, count=1)))
    if names and all(is_handle(n) for n in names) and (len(names) == 1 or all(is_name(n) for n in names)):
        return "; ".join(clean_name(n) or n for n in names[:MAX_AUTHORS])
    return None


def block_author(blocks: list[Block], near: list[int], linked: Callable[[], Sequence[str]] = tuple,
                 marked: Callable[[int], bool] = lambda i: False) -> str | None:
    """The writer the blocks at ``near`` (around the headline) name, by the first of: a byline
    ("By Jane Doe"), a lead word on its own followed by a name ("Written by" / "Jane Doe"), the
    text of a link to a writer's page printed there (``linked()``: called only when the first two
    find none), the names in a block inside an element named for the writer (``marked(i)``:
    "author", "byline"). Story paragraphs are not read."""
    texts = [(i, blocks[i].text) for i in near if blocks[i].label != "main"]
    for i, text in texts:
        if len(text) <= MAX_NAME_CHARS * 3:
            found = byline_names(text)
            if found:
                return found
    for (i, text), (j, following) in zip(texts, texts[1:]):
        if j == i + 1 and _lead_only(text) and is_name(following):
            return clean_name(following)
    names = {norm(n): n for n in linked() if is_handle(n)}
    if names:
        for _, text in texts:
            if len(text) <= MAX_NAME_CHARS * 3:
                words = f" {norm(text)} "
                for key, name in names.items():
                    if f" {key} " in words:
                        return clean_name(name)
    for i, text in texts:
        if len(text) <= MAX_NAME_CHARS * 2 and marked(i):
            found = _names_in(text)
            if found:
                return found
    return None


# --- the headline -------------------------------------------------------------------------------

#: Longest <h1> taken as the headline when nothing else agrees: longer is a slogan or a lead.
MAX_H1_WORDS = 20
#: What separates a page title from the site's name: "Story | Site", "Site - Story", "Story :: Site".
_TITLE_PARTS = re.compile(r"\s+(?:[|–—·•»›/]|::|-{1,2}|:)\s+")
_NON_WORD = re.compile(r"\W+")


def norm(text: str) -> str:
    """A title as compared: lower case, runs of non-word characters as one space."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def title_variants(text: str | None) -> list[str]:
    """A declared title and its parts: the whole, then each part between separators, longest first
    (the headline is the long part, the site's name the short one)."""
    if not text or not text.strip():
        return []
    text = " ".join(text.split())
    parts = [p for p in _TITLE_PARTS.split(text) if p]
    variants = [text]
    if len(parts) > 1:
        variants += sorted(parts, key=len, reverse=True)
        variants.append(_TITLE_PARTS.split(text, maxsplit=1)[0])
        variants.append(text[: text.rfind(parts[-1])].rstrip(" |–—·•»›/:-"))
    return variants


def site_like(text: str, site_names: Iterable[str], host: str | None) -> bool:
    """Whether a title candidate is the site's name: equal to a declared one or inside it, or the
    web address's host name ("WordPress.com", "Dr. Jane Doe" on her own site)."""
    key = norm(text)
    if not key:
        return True
    for site in site_names:
        name = norm(site)
        if len(name) >= 3 and (key == name or len(key) >= 4 and key in name):
            return True
    if host:
        labels = host.lower().removeprefix("www.").split(".")
        return key.replace(" ", "") in {"".join(labels), "".join(labels[:-1]), *labels}
    return False


def _other_title_part(block: str, sources: dict[str, list[str]], h1: list[str]) -> str | None:
    """When the block is the last part of a "Story | Site" <title> and its first part is also an
    <h1>, the og:title or the JSON-LD headline, that first part: the block is then the site's
    name printed as a heading (a docs site's header). Not the other way round: a story's
    headline printed as the <title>'s first part is no site name."""
    whole = sources.get("title", [None])[0] if sources.get("title") else None
    if not block or not whole:
        return None
    parts = [p for p in _TITLE_PARTS.split(whole) if p]
    keys = [norm(p) for p in parts]
    if len(parts) < 2 or norm(block) != keys[-1] or keys[0] == keys[-1]:
        return None
    confirmed = {norm(h) for h in h1} | {norm(v[0]) for name, v in sources.items() if name != "title" and v}
    return parts[0] if keys[0] in confirmed else None


def _declared_elsewhere(block: str, sources: dict[str, list[str]], is_site: Callable[[str], bool]) -> bool:
    """Whether the block shares no word with any declared title (og:title, the <title>, the JSON-LD
    headline) and two of them agree on a headline: the <h1> is then a section's or a widget's label
    ("Webcams", "Our blog"), not the story's headline, which the page names in its head."""
    words = set(norm(block).split())
    wholes = [v[0] for v in sources.values() if v]
    if len(wholes) < 2 or any(words & set(norm(w).split()) for w in wholes):  # mostly: one norm per source
        return False
    seen: dict[str, int] = {}
    for variants in sources.values():
        for key in {norm(v) for v in variants}:
            seen[key] = seen.get(key, 0) + 1
    return any(n >= 2 and key and not is_site(key) for key, n in seen.items())


def without_site_suffix(title: str, site_names: list[str], host: str | None) -> str:
    """The title without a last part that is the site's name ("Story | Site", "Story – Site.com"),
    which a page prints in its <h1> or og:title as often as in its <title>."""
    parts = [p for p in _TITLE_PARTS.split(title) if p]
    if len(parts) < 2 or not site_like(parts[-1], site_names, host):
        return title
    return title[: title.rfind(parts[-1])].rstrip(" |–—·•»›/:-")


def choose_title(sources: dict[str, list[str]], h1: list[str], block: str,
                 site_names: list[str], host: str | None) -> str:
    """The page's headline (see :func:`_choose_title`) without the site's name after it."""
    chosen = _choose_title(sources, h1, block, site_names, host)
    return without_site_suffix(chosen, site_names, host) if chosen else chosen


def _choose_title(sources: dict[str, list[str]], h1: list[str], block: str,
                  site_names: list[str], host: str | None) -> str:
    """The page's headline: the chosen block when it is one of the page's <h1>s, else the title
    the most sources agree on (``sources``: each source's variants, the whole first; a part
    beats the whole it comes from at equal votes, a longer one a shorter), else the first <h1>,
    else the block; never the site's name when anything else is declared."""
    def is_site(text: str) -> bool:
        return site_like(text, site_names, host)

    other = _other_title_part(block, sources, h1)
    if other:
        return other
    if block and any(norm(block) == norm(h) for h in h1) and not is_site(block) \
            and not _declared_elsewhere(block, sources, is_site):
        return block
    votes: dict[str, set[str]] = {}
    text_of: dict[str, str] = {}
    wholes: set[str] = set()
    for source, variants in [*sources.items(), ("h1", h1), ("block", [block])]:
        for i, variant in enumerate(variants):
            key = norm(variant)
            if len(key) < 2:
                continue
            votes.setdefault(key, set()).add(source)
            text_of.setdefault(key, variant)
            if i == 0 and len(variants) > 1 and source in sources:
                wholes.add(key)
    agreed = [k for k, who in votes.items() if len(who) >= 2 and not is_site(text_of[k])]
    if agreed:
        return text_of[max(agreed, key=lambda k: (len(votes[k]), k not in wholes, len(k)))]
    headlines = [h for h in h1 if len(h.split()) <= MAX_H1_WORDS and not is_site(h)]
    if headlines:
        return headlines[0]
    if not block or is_site(block):
        for variants in sources.values():
            if variants:
                return variants[0]
    return block
