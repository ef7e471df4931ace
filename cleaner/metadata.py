"""What a page declares about itself: JSON-LD, <meta> (microdata's too), <link rel>, <title>,
<h1>, <time datetime>.

Read once from the parsed tree, before the segmenter prunes <script>, <meta> and <title> out of
it; later steps (metadata, page type) read the :class:`Declarations`, never the tree again.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .bylines import block_author, choose_title, is_name, join_names, site_like, title_variants
from .dates import UPDATED, day_first_hint, find_dates, language_day_first, parse_date, url_date
from .model import Block
from .segment import SKIP_TAGS

#: Elements a page declares itself with, found in one pass in C (lxml's tag filter): a general
#: itemprop search would walk every element again, for as much as all the rest costs.
_DECLARING = ("meta", "link", "title", "h1", "script", "time", "a")
#: A link to a writer's page: rel="author", or an address whose path names an author's page.
_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en|in)?|auteurs?|autores?|redakteur(?:in)?|journalist(?:en)?|"
                          r"writers?|contributors?|byline|people|profiles?/author)[/_-]|[?&]author=", re.I)
#: <meta property> keys a page repeats, once per tag of the story.
_TAG_PROPERTIES = frozenset({"article:tag", "og:article:tag", "book:tag", "video:tag"})
#: Tags kept per page: more is a keyword dump.
MAX_TAGS = 30
#: Longest JSON-LD script read; a bigger one is an app's state dump, not a page's description.
MAX_JSONLD_CHARS = 500_000
#: JSON-LD objects kept per page; guards against a catalogue page listing thousands of items.
MAX_JSONLD_OBJECTS = 200
#: Nesting depth read when collecting @type values; bounds the walk on pathological JSON.
MAX_TYPE_DEPTH = 6
#: <h1> and <time> values kept: a page with more lists items, and the first ones are what counts.
MAX_REPEATED = 8


@dataclass(frozen=True)
class Declarations:
    """What a page says about itself. Keys are lower-cased; the first value of a key wins."""

    jsonld: tuple[dict, ...] = ()  # every JSON-LD object, lists and @graph flattened
    types: frozenset[str] = frozenset()  # every @type value in the JSON-LD, at any depth
    meta: dict[str, str] = field(default_factory=dict)  # <meta> name/property/itemprop -> content
    links: dict[str, str] = field(default_factory=dict)  # rel -> href
    title: str | None = None  # the <title> text
    h1: tuple[str, ...] = ()  # the texts of the first <h1>s
    times: tuple[str, ...] = ()  # the datetime attributes of the first <time>s
    tags: tuple[str, ...] = ()  # every article:tag <meta>, in order (a key the page repeats)
    author_links: tuple[str, ...] = ()  # texts of the first links to a writer's page


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


#: Text a reader sees in an element: not the content of the elements the segmenter prunes (script,
#: style, textarea, select, ...: read before it prunes them).
_VISIBLE_TEXT = etree.XPath(
    "descendant::text()[not(ancestor::*[" + " or ".join(f"self::{tag}" for tag in sorted(SKIP_TAGS)) + "])]")


def _visible_text(el: etree._Element) -> str:
    return " ".join("".join(_VISIBLE_TEXT(el)).split())


def _objects(data: Any, out: list[dict]) -> None:
    """The objects of a JSON-LD document: a list's items and a @graph's members, flattened."""
    if isinstance(data, list):
        for item in data:
            _objects(item, out)
    elif isinstance(data, dict) and len(out) < MAX_JSONLD_OBJECTS:
        graph = data.get("@graph")
        if isinstance(graph, (list, dict)):
            _objects(graph, out)
            if len(data) > 2 or "@type" in data:  # a graph holder that also describes something
                out.append(data)
        else:
            out.append(data)


def _types(data: Any, out: set[str], depth: int = 0) -> None:
    if depth > MAX_TYPE_DEPTH:
        return
    if isinstance(data, dict):
        t = data.get("@type")
        if isinstance(t, str):
            out.add(t)
        elif isinstance(t, list):
            out.update(x for x in t if isinstance(x, str))
        for value in data.values():
            if isinstance(value, (dict, list)):
                _types(value, out, depth + 1)
    elif isinstance(data, list):
        for value in data:
            _types(value, out, depth + 1)


def parse_jsonld(text: str) -> Any:
    """A JSON-LD script's data, or None when it is not JSON. Raw control characters inside
    strings (newlines in a description) are accepted: many sites write them."""
    text = text.strip()
    if text.startswith("<!--"):  # an old-style comment wrapper
        text = text[4:].removesuffix("-->").strip()
    if not text or len(text) > MAX_JSONLD_CHARS:
        return None
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def read_declarations(root: etree._Element) -> Declarations:
    """Everything the page declares about itself, in one pass over the parsed tree.

    Call before :func:`~cleaner.segment.segment_html`, which removes scripts and the head."""
    objects: list[dict] = []
    meta: dict[str, str] = {}
    links: dict[str, str] = {}
    title = None
    h1: list[str] = []
    times: list[str] = []
    tags: list[str] = []
    author_links: list[str] = []
    for node in root.iter(_DECLARING):
        tag = node.tag
        if tag == "a":  # the most frequent: first, and cheap substring tests before the regex
            if len(author_links) < MAX_REPEATED:
                rel, href = node.get("rel"), node.get("href")
                if rel and "author" in rel or href and ("aut" in href or "writer" in href or
                                                         "people" in href or "contributor" in href) \
                        and _AUTHOR_HREF.search(href):
                    text = _text(node)
                    if text:
                        author_links.append(text)
        elif tag == "meta":
            content = node.get("content")
            if content is None:
                continue
            content = content.strip()
            if node.get("property") in _TAG_PROPERTIES and content and len(tags) < MAX_TAGS:
                tags.append(content)
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = node.get(attr)
                if key:
                    for k in key.lower().split():
                        meta.setdefault(k, content)
        elif tag == "link":
            href = node.get("href")
            rel = node.get("rel")
            if href and rel:
                for r in rel.lower().split():
                    links.setdefault(r, href.strip())
        elif tag == "script":
            if (node.get("type") or "").strip().lower() == "application/ld+json" and node.text:
                _objects(parse_jsonld(node.text), objects)
        elif tag == "title":
            if title is None:
                title = _text(node) or None
        elif tag == "h1":
            if len(h1) < MAX_REPEATED:
                text = _visible_text(node)
                if text:
                    h1.append(text)
        elif tag == "time" and len(times) < MAX_REPEATED:
            when = node.get("datetime")
            if when and when.strip():
                times.append(when.strip())
    types: set[str] = set()
    _types(objects, types)
    return Declarations(tuple(objects), frozenset(types), meta, links, title, tuple(h1), tuple(times),
                        tuple(tags), tuple(author_links))


# --- the article's fields, by trust: JSON-LD, OpenGraph/article:*, <meta>, the page's blocks ----

#: JSON-LD types that describe the page's own story or item (any type ending in "Article" too).
_MAIN_TYPES = frozenset({
    "BlogPosting", "SocialMediaPosting", "LiveBlogPosting", "DiscussionForumPosting", "Report",
    "Review", "Recipe", "HowTo", "Question", "Product", "Event", "Course", "JobPosting", "VideoObject",
    "PodcastEpisode", "CreativeWork", "Book", "Movie", "Thesis", "Chapter", "MedicalWebPage",
})
#: JSON-LD types that describe the page as a whole: second to the story's own object.
_PAGE_TYPES = frozenset({"WebPage", "ItemPage", "AboutPage", "CollectionPage", "ProfilePage",
                         "QAPage", "FAQPage", "ContactPage", "SearchResultsPage"})
#: <meta> keys naming the writer, most trusted first.
AUTHOR_KEYS = ("author", "article:author", "og:article:author", "dc.creator", "dc:creator", "dcterms.creator",
               "parsely-author", "sailthru.author", "byl", "citation_author", "dc.creator.personalname")
#: <meta> keys holding the publication date, most trusted first (itemprop keys lower-cased).
DATE_KEYS = ("article:published_time", "og:article:published_time", "og:published_time",
             "datepublished", "article.published", "published_time", "publishdate", "publish-date",
             "publish_date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
             "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
             "citation_publication_date", "citation_date", "date", "datecreated", "uploaddate")
#: <meta> keys holding the last change.
MODIFIED_KEYS = ("article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
                 "dcterms.modified", "dc.date.modified", "last-modified", "lastmod")
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site:name")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image")
_KEYWORD_KEYS = ("news_keywords", "keywords")


def _is_main(obj: dict) -> int:
    """How well a JSON-LD object describes the page's own story: 2 its own type, 1 the page, 0 not."""
    t = obj.get("@type")
    names = [t] if isinstance(t, str) else [x for x in t if isinstance(x, str)] if isinstance(t, list) else []
    if any(n.endswith("Article") or n in _MAIN_TYPES for n in names):
        return 2
    return 1 if any(n in _PAGE_TYPES for n in names) else 0


def ranked_objects(declared: Declarations) -> list[dict]:
    """The JSON-LD objects that describe the page, its story's first: a WebPage's mainEntity counts
    as its story; sites, organisations, breadcrumbs and people describe no page."""
    found = list(declared.jsonld)
    for obj in declared.jsonld:
        entity = obj.get("mainEntity")
        if isinstance(entity, dict):
            found.append(entity)
    ranked = sorted((o for o in found if _is_main(o)), key=_is_main, reverse=True)  # stable
    return ranked


def _by_id(declared: Declarations) -> dict[str, dict]:
    return {o["@id"]: o for o in declared.jsonld if isinstance(o.get("@id"), str)}


def _names(value: Any, ids: dict[str, dict], depth: int = 0) -> list[str]:
    """Names in a JSON-LD author/publisher value: a string, an object (or a reference to one in
    the @graph) with a name, or a list of those."""
    if depth > 3:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [n for v in value for n in _names(v, ids, depth + 1)]
    if isinstance(value, dict):
        name = value.get("name")
        if name is None and isinstance(value.get("@id"), str) and value["@id"] in ids:
            name = ids[value["@id"]].get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        return [name] if isinstance(name, str) else []
    return []


def _first_string(value: Any) -> str | None:
    """The first string in a JSON-LD value: itself, an object's url/@id, a list's first."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for v in value:
            found = _first_string(v)
            if found:
                return found
    if isinstance(value, dict):
        return _first_string(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return None


def jsonld_field(objects: list[dict], *keys: str) -> Any:
    """The first value of any of ``keys`` in the ranked objects."""
    for obj in objects:
        for key in keys:
            value = obj.get(key)
            if value:
                return value
    return None


def meta_field(declared: Declarations, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = declared.meta.get(key)
        if value:
            return value
    return None


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
            host: str | None) -> str | None:
    """The writer, from the first source that names one: JSON-LD, the <meta> author keys in
    order, a printed byline, a link to a writer's page. A source that names the site itself
    yields to a later one naming a person, and counts when none does (a company's blog)."""
    def sources():
        yield join_names(_names(jsonld_field(objects, "author", "creator"), ids))
        for key in AUTHOR_KEYS:
            yield join_names(_split_names(declared.meta.get(key)))
        yield block_author(blocks, near, declared.author_links, _marked(blocks, near, element_names))
        yield join_names(n for n in declared.author_links[:1] if is_name(n) and " " in n)

    fallback = None
    for found in sources():
        if found and not site_like(found, site_names, host):
            return found
        fallback = fallback or found
    return fallback


def _marked(blocks: list[Block], near: list[int], element_names: dict[int, str]) -> frozenset[int]:
    """The blocks among ``near`` whose own element or its parent is named for the writer
    (class, id or itemprop "author", "byline", "autor"...)."""
    return frozenset(i for i in near if any(
        _AUTHOR_NAME.search(element_names.get(e, "")) for e in blocks[i].ancestors[-MARKED_DEPTH:]))


def _split_names(value: str | None) -> list[str]:
    """A <meta> author value's names: "Jane Doe, John Roe" holds two, "Doe, Jane" one."""
    if not value:
        return []
    parts = [p.strip() for p in value.split(",")]
    return parts if len(parts) > 1 and all(" " in p for p in parts) else [value]


def _near(blocks: list[Block], title_index: int | None) -> list[int]:
    """Indexes of the blocks around the headline, nearest first: the headline, those after it
    (where bylines and dates mostly are), then those before it."""
    if title_index is None:
        return list(range(min(len(blocks), BYLINE_AFTER)))
    after = range(title_index, min(len(blocks), title_index + BYLINE_AFTER))
    return [*after, *range(title_index - 1, max(0, title_index - BYLINE_BEFORE) - 1, -1)]


def _block_dates(blocks: list[Block], near: list[int], day_first: bool | None) -> list[tuple[str, bool]]:
    """(date, labelled as an update) for the date lines among ``near``, in that order; a story
    paragraph counts only when it opens with the date (a dateline: "01.02.2022 – The ...")."""
    lines = []
    for i in near:
        text = blocks[i].text
        if blocks[i].label == "main":
            text = text[:DATELINE_CHARS]
        if len(text) <= MAX_DATE_LINE_CHARS:
            lines.append(text)
    return [(when, bool(UPDATED.search(lines[i]))) for i, when in find_dates(lines, day_first=day_first)]


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


def _printed_and_declared(printed: list[tuple[str, bool]], published: str | None,
                          others: tuple[str | None, ...]) -> str | None:
    """The first date printed by the headline that the page also declares: the one readers see,
    confirmed by the markup. A date printed as an update ("Updated June 18") confirms only the
    declared publication date: the page says it is not when the story came out."""
    return next((when for when, update in printed
                 if when == published or not update and when in others), None)


def article_metadata(declared: Declarations, blocks: list[Block], title_index: int | None,
                     decided_title: str, url: str | None, language: str | None,
                     element_names: dict[int, str] | None = None) -> Metadata:
    """The article's author, dates, site and other fields from what the page declares, trusted in
    that order: JSON-LD, OpenGraph and article:*, other <meta>, then the byline and date lines
    around the headline and the date in the web address."""
    objects = ranked_objects(declared)
    ids = _by_id(declared)
    element_names = element_names or {}
    near = _near(blocks, title_index)
    canonical = _absolute(declared.links.get("canonical"), url) or \
        _absolute(declared.meta.get("og:url"), url) or _absolute(_first_string(jsonld_field(objects, "url")), url)
    # a numeric date's order: the page's own unambiguous dates, else its language
    hint_text = " ".join(blocks[i].text for i in near if len(blocks[i].text) <= MAX_DATE_LINE_CHARS)
    day_first = day_first_hint(hint_text)
    if day_first is None:
        day_first = language_day_first(language)

    declared_published = _date(jsonld_field(objects, "datePublished", "dateCreated", "uploadDate"), day_first) \
        or _date(meta_field(declared, DATE_KEYS), day_first)
    timed = next(filter(None, (parse_date(t, day_first=day_first) for t in declared.times)), None)
    modified = _date(jsonld_field(objects, "dateModified"), day_first) or \
        _date(meta_field(declared, MODIFIED_KEYS), day_first)
    printed = _block_dates(blocks, near, day_first)
    published = _printed_and_declared(printed, declared_published, (modified, timed))
    if published is None:
        printed += _block_dates(blocks, _story_lines(blocks, near), day_first)
        published = _printed_and_declared(printed, declared_published, (modified, timed)) or \
            declared_published or timed or (printed[0][0] if printed else None) or url_date(canonical or url)
    publisher = _names(jsonld_field(objects, "publisher"), ids)
    site = meta_field(declared, _SITE_KEYS[:1]) or (publisher[0] if publisher else None) or \
        next((o.get("name") for o in declared.jsonld if o.get("@type") == "WebSite"
              and isinstance(o.get("name"), str)), None) or meta_field(declared, _SITE_KEYS[1:])
    description = meta_field(declared, _DESCRIPTION_KEYS) or jsonld_field(objects, "description")
    image = _absolute(meta_field(declared, _IMAGE_KEYS) or _first_string(jsonld_field(objects, "image")),
                      canonical or url)
    license_ = declared.links.get("license") or _first_string(jsonld_field(objects, "license")) or \
        meta_field(declared, ("license", "dcterms.license"))
    site_names = [n for n in (site, *publisher) if isinstance(n, str)]
    host = urlsplit(canonical).hostname if canonical else None
    author = _author(declared, objects, ids, blocks, near, element_names, site_names, host)
    return Metadata(
        title=_title(declared, objects, decided_title, site_names, host),
        author=author, date=published, date_modified=modified,
        site_name=site.strip() if isinstance(site, str) and site.strip() else None,
        description=" ".join(description.split()) if isinstance(description, str) and description.strip() else None,
        canonical_url=canonical, image=image, tags=_tags(declared, objects), license=license_,
    )


def text_metadata(blocks: list[Block], title_index: int | None, language: str | None) -> Metadata:
    """Flattened text declares nothing: the writer and the date come from its byline and date lines."""
    return article_metadata(Declarations(), blocks, title_index, "", None, language)
