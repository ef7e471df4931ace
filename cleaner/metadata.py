"""An article's metadata (author, dates, site, title...) from what its page declares and prints.

The page's declarations are read once, before the segmenter prunes <script> and <head>
(:func:`~cleaner.declarations.read_declarations`); the fields are chosen here from them and from
the blocks already segmented, trusted in that order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .bylines import block_author, choose_title, is_handle, is_name, join_names, norm, site_like, title_variants
from .dates import date_label, day_first_hint, find_dates, language_day_first, local_dates, parse_date, url_date
from .declarations import (
    AUTHOR_KEYS, DATE_KEYS, MAX_TAGS, MODIFIED_KEYS, Declarations, by_id, first_string, jsonld_names,
    jsonld_field, meta_field, published_meta, ranked_objects,
)
from .model import Block

_SITE_KEYS = ("og:site_name", "application-name", "twitter:site:name")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image")
_KEYWORD_KEYS = ("news_keywords", "keywords")
#: Block tags that print a story's headline.
_HEADLINE_TAGS = frozenset({"h1", "h2"})


@dataclass(frozen=True)
class Metadata:
    """An article's fields besides its text; every one None (tags empty) when the page is silent."""

    title: str | None = None  # set only where the declared titles agree on another headline
    author: str | None = None
    date: str | None = None
    date_modified: str | None = None
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    license: str | None = None


#: The page type whose writer is its first poster, named by the markup's user names.
_FORUM = "forum"
#: <h1>s read as title candidates: a page with more uses them for sections.
MAX_H1 = 3
#: Innermost elements of a block whose names may mark it as the writer's.
MARKED_DEPTH = 3
#: Element names (class, id, itemprop) that mark the writer's name.
_AUTHOR_NAME = re.compile(r"author|byline|autor|auteur|writer|creator|verfasser", re.I)
#: Blocks read for a byline or a date before and after the headline.
BYLINE_BEFORE, BYLINE_AFTER = 4, 12
#: Longest block read as a date line: longer is a paragraph that mentions a date.
MAX_DATE_LINE_CHARS = 160
#: Blocks before the story's first paragraph read for its date line (further up are menus).
STORY_LEAD_BLOCKS = 30
#: Blocks after the story's last paragraph read for a byline ("Text: Jane Doe" under the story);
#: further down are teasers and comments, whose writers are not the story's.
STORY_TAIL_BLOCKS = 10
#: Labels of the blocks that are another story's or a reader's: a date in them is not the page's.
_OTHERS = frozenset({"comment", "related"})
#: ... and the site's own lines besides: near the story, a date in them is not the story's.
_NOT_THE_STORYS = _OTHERS | {"boilerplate"}
#: Longest story paragraph read as a labelled date line ("Aktualisiert am 17.01.2021.").
MAX_LABELLED_MAIN_CHARS = 60
#: A line that says what the date after it is: "Date:", "Datum:", "Fecha:".
_DATED = re.compile(r"\b(?:date|datum|fecha|data)\s*:", re.I)
#: A label printed alone, its date on the next line ("Published" / "Feb 2, 2023").
_LABEL_ONLY = re.compile(r"^\W*(?:published|posted|updated|last updated|date|datum|veröffentlicht|erschienen|"
                         r"aktualisiert|publié|publicado|fecha)\W*$", re.I)
#: Opening characters of a story paragraph read for a dateline ("Berlin, 25. Januar 2022 –").
DATELINE_CHARS = 40


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    if base and not link.startswith(("http://", "https://")):
        link = urljoin(base, link)
    return link if link.startswith(("http://", "https://")) else None


def _date(value: Any, day_first: bool | None) -> str | None:
    return parse_date(value, day_first=day_first) if isinstance(value, str) else None


def _tags(declared: Declarations, objects: list[dict]) -> tuple[str, ...]:
    if declared.tags:
        return declared.tags
    value = jsonld_field(objects, "keywords") or meta_field(declared, _KEYWORD_KEYS)
    items = value if isinstance(value, list) else value.split(",") if isinstance(value, str) else []
    return tuple(dict.fromkeys(t.strip() for t in items if isinstance(t, str) and t.strip()))[:MAX_TAGS]


def _title(declared: Declarations, objects: list[dict], decided: str, site_names: list[str],
           host: str | None) -> str | None:
    """The headline the page's titles agree on, when it differs from the chosen block's text
    (None keeps the block)."""
    headline = jsonld_field(objects, "headline", "name")
    sources = {
        "jsonld": title_variants(headline if isinstance(headline, str) else None),
        "og": title_variants(meta_field(declared, ("og:title", "twitter:title"))),
        "title": title_variants(declared.title),
    }
    h1 = [" ".join(h.split()) for h in declared.h1[:MAX_H1]]
    chosen = choose_title(sources, h1, decided, site_names, host)
    return None if not chosen or chosen == decided else chosen


def _author(declared: Declarations, objects: list[dict], ids: dict[str, dict], blocks: list[Block],
            near: list[int], element_names: dict[int, str], site_names: list[str],
            host: str | None, forum: bool = False) -> str | None:
    """The writer, from the first source that names one: JSON-LD, the <meta> author keys in
    order, a printed byline by the headline, then one above the story or under it, a link to a
    writer's page, on a forum the first user name the markup marks. A source that names the site itself
    yields to a later one naming a person, and counts when none does (a company's blog)."""
    def sources():
        yield join_names(jsonld_names(jsonld_field(objects, "author", "creator"), ids))
        for key in AUTHOR_KEYS:
            yield join_names(_split_names(declared.meta.get(key)))
        yield block_author(blocks, near, lambda: declared.author_links,
                           lambda i: _marked(blocks[i], element_names))
        yield block_author(blocks, _story_frame(blocks, near))  # printed bylines only: comments are near
        yield join_names(n for n in declared.author_links[:1] if is_name(n) and " " in n)
        if forum:  # one more pass over the page: only where the writer is a user name
            yield join_names(n for n in declared.marked_authors[:1] if is_handle(n))

    fallback = None
    for found in sources():
        if found and not site_like(found, site_names, host):
            return found
        fallback = fallback or found
    return fallback


def _marked(block: Block, element_names: dict[int, str]) -> bool:
    """Whether the block's own element or its parent is named for the writer (class, id or
    itemprop "author", "byline", "autor"...); read only for the blocks a byline may be in."""
    return any(_AUTHOR_NAME.search(element_names.get(e, "")) for e in block.ancestors[-MARKED_DEPTH:])


def _story_frame(blocks: list[Block], near: list[int]) -> list[int]:
    """Indexes of the blocks between the headline and the story's first paragraph and of those
    right after its last, not around the headline already: where a byline sits when it is not
    by the headline ("Von Jane Doe" above a long lead-in, "Text: Jane Doe" under the story)."""
    main = [b.index for b in blocks if b.label == "main"]
    if not main:
        return []
    seen = set(near)
    start = max(near[0] if near else 0, main[0] - STORY_LEAD_BLOCKS)
    return [i for i in (*range(start, main[0]), *range(main[-1] + 1, min(len(blocks), main[-1] + 1 + STORY_TAIL_BLOCKS)))
            if i not in seen]


def _split_names(value: str | None) -> list[str]:
    """A <meta> author value's names: "Jane Doe, John Roe" holds two, "Doe, Jane" one."""
    if not value:
        return []
    parts = [p.strip() for p in value.split(",")]
    return parts if len(parts) > 1 and all(" " in p for p in parts) else [value]


def _headline_index(blocks: list[Block], headline: str) -> int | None:
    """The block printing the headline the page's titles agreed on (where its byline and date are
    printed), when the block chosen as the title was another one (a site name, a teaser)."""
    key = norm(headline)
    return next((b.index for b in blocks if b.tag in _HEADLINE_TAGS and norm(b.text) == key), None)


def _near(blocks: list[Block], title_index: int | None) -> list[int]:
    """Indexes of the blocks around the headline, nearest first: the headline, those after it
    (where bylines and dates mostly are), then those before it."""
    if title_index is None:
        return list(range(min(len(blocks), BYLINE_AFTER)))
    after = range(title_index, min(len(blocks), title_index + BYLINE_AFTER))
    return [*after, *range(title_index - 1, max(0, title_index - BYLINE_BEFORE) - 1, -1)]


def _block_dates(blocks: list[Block], near: list[int], day_first: bool | None) -> list[tuple[str, str]]:
    """(date, its label: "updated", "published" or "") for the date lines among ``near``, in that
    order; a story paragraph counts only when it opens with the date (a dateline: "01.02.2022 –
    The ...")."""
    lines, others = [], []
    for i in near:
        text = blocks[i].text
        if blocks[i].label == "main":
            text = text[:DATELINE_CHARS]
        if len(text) <= MAX_DATE_LINE_CHARS:
            lines.append(text)
            others.append(blocks[i].label in _NOT_THE_STORYS)
    return [(when, "" if others[i] and label == "published" else label)
            for i, when in find_dates(lines, day_first=day_first) for label in (date_label(lines[i]),)]


def _story_lines(blocks: list[Block], near: list[int]) -> list[int]:
    """Indexes of the short blocks outside the story that come before its last paragraph and
    are not around the headline: where a date line sits when the headline was not found. Past
    the story are teasers, comments and footers, whose dates are not the page's."""
    main = [b.index for b in blocks if b.label == "main"]
    if not main:
        return []
    seen = set(near)
    return [i for i in range(max(0, main[0] - STORY_LEAD_BLOCKS), main[-1]) if i not in seen
            and blocks[i].label != "main" and len(blocks[i].text) <= MAX_DATE_LINE_CHARS]


def _printed_and_declared(printed: list[tuple[str, str]], published: str | None,
                          others: tuple[str | None, ...], local: tuple[str, ...] = ()) -> str | None:
    """The first date printed by the headline that the page also declares: the one readers see,
    confirmed by the markup. A date printed as an update ("Updated June 18") confirms only the
    declared publication date: the page says it is not when the story came out. A publication
    time declared in UTC confirms the day before or after it (``local``): the page prints its
    own time zone's date ("Feb 24, 9:25pm" for "2020-02-25T02:25Z")."""
    return next((when for when, label in printed
                 if when == published or label != "updated" and (when in others or when in local)), None)


def _said_published(printed: list[tuple[str, str]]) -> str | None:
    """The first printed date the page labels as its publication ("Published May 2, 2024",
    "Veröffentlicht am 16.08.2019"): its own word on it, above what its markup declares."""
    return next((when for when, label in printed if label == "published"), None)


def _story_tail(blocks: list[Block]) -> list[int]:
    """Indexes of the short blocks right after the story's last paragraph that are not comments
    or teasers: where a page prints "Published on ..." under its story."""
    main = [b.index for b in blocks if b.label == "main"]
    if not main:
        return []
    end = min(len(blocks), main[-1] + 1 + STORY_TAIL_BLOCKS)
    return [i for i in range(main[-1] + 1, end) if blocks[i].label not in _NOT_THE_STORYS
            and len(blocks[i].text) <= MAX_DATE_LINE_CHARS]


def _labelled_anywhere(blocks: list[Block], day_first: bool | None) -> str | None:
    """The first date line anywhere on the page that says it is the publication, else the first
    that says it is a date at all ("Last updated: ...", "Datum: ...", "Published" then the date on
    the next line), outside comments and teasers: read only for a page that neither declares nor
    prints a date by its story (a wiki's "last edited" footer, a notice's date under its menu)."""
    lines, where = [], []
    for b in blocks:
        if b.label in _OTHERS or len(b.text) > (MAX_LABELLED_MAIN_CHARS if b.label == "main" else MAX_DATE_LINE_CHARS):
            continue
        text = b.text
        if where and where[-1] == b.index - 1 and _LABEL_ONLY.match(lines[-1]):
            text = f"{lines[-1]} {text}"  # the label on its own line, the date on the next
        lines.append(text)
        where.append(b.index)
    said = [(date_label(lines[i]) or ("dated" if _DATED.search(lines[i]) else ""), when)
            for i, when in find_dates(lines, day_first=day_first)]
    return next((when for label, when in said if label == "published"), None) or \
        next((when for label, when in said if label), None)


def _claimed(values: tuple[Any, ...], day_first: bool | None, address: str | None) -> tuple[str | None, ...]:
    """The dates the page's other publication claims give: <meta> keys, the date in its address."""
    return (*(_date(v, day_first) for v in values if v), url_date(address))


def _first_date(values: tuple[Any, ...], day_first: bool | None) -> tuple[str | None, str | None]:
    """The first of ``values`` that reads as a date, and that date."""
    for value in values:
        when = _date(value, day_first)
        if when:
            return value, when
    return None, None


def article_metadata(declared: Declarations, blocks: list[Block], title_index: int | None,
                     decided_title: str, url: str | None, language: str | None,
                     element_names: dict[int, str] | None = None, page_type: str | None = None) -> Metadata:
    """The article's author, dates, site and other fields from what the page declares, trusted in
    that order: JSON-LD, OpenGraph and article:*, other <meta>, then the byline and date lines
    around the headline and the date in the web address. On a forum (``page_type``) the writer
    is also read from the markup's user names, and a printed date confirms only the declared
    publication (the last change is the last reply's)."""
    objects = ranked_objects(declared)
    ids = by_id(declared)
    element_names = element_names or {}
    canonical = _absolute(declared.links.get("canonical"), url) or \
        _absolute(declared.meta.get("og:url"), url) or _absolute(first_string(jsonld_field(objects, "url")), url)
    publisher = jsonld_names(jsonld_field(objects, "publisher"), ids)
    site = meta_field(declared, _SITE_KEYS[:1]) or (publisher[0] if publisher else None) or \
        next((o.get("name") for o in declared.jsonld if o.get("@type") == "WebSite"
              and isinstance(o.get("name"), str)), None) or meta_field(declared, _SITE_KEYS[1:])
    site_names = [n for n in (site, *publisher) if isinstance(n, str)]
    host = urlsplit(canonical).hostname if canonical else None
    title = _title(declared, objects, decided_title, site_names, host)
    anchor = _headline_index(blocks, title) if title else None
    near = _near(blocks, title_index if anchor is None else anchor)
    # a numeric date's order: the page's own unambiguous dates, else its language
    hint_text = " ".join(blocks[i].text for i in near if len(blocks[i].text) <= MAX_DATE_LINE_CHARS)
    day_first = day_first_hint(hint_text)
    if day_first is None:
        day_first = language_day_first(language)

    claims = (jsonld_field(objects, "datePublished", "dateCreated", "uploadDate"), meta_field(declared, DATE_KEYS),
              published_meta(declared))
    raw_published, declared_published = _first_date(claims, day_first)
    timed = next(filter(None, (parse_date(t, day_first=day_first) for t in declared.times)), None)
    modified = _date(jsonld_field(objects, "dateModified"), day_first) or \
        _date(meta_field(declared, MODIFIED_KEYS), day_first)
    # the other declared dates a printed one may match: on a forum they are its last reply's
    confirming = (modified, timed) if page_type != _FORUM else ()
    # the page's other claims of a publication date confirm one it prints: <meta>, its address
    printed = _block_dates(blocks, near, day_first)
    if printed:  # read only for a page that prints a date
        confirming += _claimed(claims[1:], day_first, canonical or url)
    # the days a UTC time may be elsewhere: only for a page that prints dates
    local = local_dates(raw_published, declared_published) if printed else ()
    published = _said_published(printed) or _printed_and_declared(printed, declared_published, confirming, local)
    if published is None:  # further from the headline: read only when nothing by it settles the date
        further = _block_dates(blocks, _story_lines(blocks, near), day_first)
        if further and not printed:
            confirming += _claimed(claims[1:], day_first, canonical or url)
        printed += further
        local = local or local_dates(raw_published, declared_published) if printed else ()
        published = _said_published(printed) or \
            _said_published(_block_dates(blocks, _story_tail(blocks), day_first)) or \
            _printed_and_declared(printed, declared_published, confirming, local) or \
            declared_published or timed or (printed[0][0] if printed else None) or url_date(canonical or url) or \
            _labelled_anywhere(blocks, day_first) or modified
    description = meta_field(declared, _DESCRIPTION_KEYS) or jsonld_field(objects, "description")
    image = _absolute(meta_field(declared, _IMAGE_KEYS) or first_string(jsonld_field(objects, "image")),
                      canonical or url)
    license_ = declared.links.get("license") or first_string(jsonld_field(objects, "license")) or \
        meta_field(declared, ("license", "dcterms.license"))
    author = _author(declared, objects, ids, blocks, near, element_names, site_names, host,
                     page_type == _FORUM)
    return Metadata(
        title=title,
        author=author, date=published, date_modified=modified,
        site_name=site.strip() if isinstance(site, str) and site.strip() else None,
        description=" ".join(description.split()) if isinstance(description, str) and description.strip() else None,
        canonical_url=canonical, image=image, tags=_tags(declared, objects), license=license_,
    )


def text_metadata(blocks: list[Block], title_index: int | None, language: str | None) -> Metadata:
    """Flattened text declares nothing: the writer and the date come from its byline and date lines."""
    return article_metadata(Declarations(), blocks, title_index, "", None, language)
