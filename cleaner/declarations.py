"""What a page declares about itself: JSON-LD, <meta> (microdata's too), <link rel>, <title>,
<h1>, <time datetime>, links to writers' pages; and lookups in it by trust.

Read once from the parsed tree, before the segmenter prunes <script>, <meta> and <title> out of
it; later steps (metadata, page type) read the :class:`Declarations`, never the tree again.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml import etree

from .segment import SKIP_TAGS

#: Elements a page declares itself with, found in one pass in C (lxml's tag filter): a general
#: itemprop search would walk every element again, for as much as all the rest costs.
_DECLARING = ("meta", "link", "title", "h1", "script", "time")
#: A link to a writer's page: rel="author", or an address whose path names an author's page.
_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en|in)?|auteurs?|autores?|redakteur(?:in)?|journalist(?:en)?|"
                          r"writers?|contributors?|byline|people|profiles?/author)[/_-]|[?&]author=", re.I)
#: <meta property> keys a page repeats, once per tag of the story.
_TAG_PROPERTIES = frozenset({"article:tag", "og:article:tag", "book:tag", "video:tag"})
#: The <meta> attributes that name what its content is, most common first.
_META_KEY_ATTRIBUTES = ("property", "name", "itemprop", "http-equiv")
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
    # the parsed page, for the reads only some pages need (author_links); not compared
    root: etree._Element | None = field(default=None, compare=False, repr=False)

    @cached_property
    def author_links(self) -> tuple[str, ...]:
        """Texts of the first links to a writer's page, read on first use: most pages name their
        writer in JSON-LD or <meta>, and testing each of a page's hundreds of links costs as much
        as all the other declarations. Read from the tree as segmented (hidden links are gone)."""
        return _author_links(self.root) if self.root is not None else ()

    @cached_property
    def marked_authors(self) -> tuple[str, ...]:
        """Texts of the first elements the markup marks as a writer's name (itemprop="author",
        class "username", "author-name"): a forum's first poster, a blog's author box. Read on
        first use, by the pages no other source names a writer for (one XPath pass, in C)."""
        return _marked_authors(self.root) if self.root is not None else ()


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


#: Text a reader sees in an element: not the content of the elements the segmenter prunes (script,
#: style, textarea, select, ...: read before it prunes them).
_SKIPPED = tuple(sorted(SKIP_TAGS))
_VISIBLE_TEXT = etree.XPath(
    "descendant::text()[not(ancestor::*[" + " or ".join(f"self::{tag}" for tag in _SKIPPED) + "])]")


def _visible_text(el: etree._Element) -> str:
    if next(el.iterancestors(_SKIPPED), None) is not None:  # inside a <noscript>, a <template>...
        return ""
    if next(el.iter(_SKIPPED), None) is None:  # mostly: no XPath over each text's ancestors
        return _text(el)
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
    for node in root.iter(_DECLARING):
        tag = node.tag
        if tag == "meta":
            content = node.get("content")
            if content is None:
                continue
            content = content.strip()
            for attr in _META_KEY_ATTRIBUTES:
                key = node.get(attr)
                if key:
                    if attr == "property" and key in _TAG_PROPERTIES and content and len(tags) < MAX_TAGS:
                        tags.append(content)
                    key = key.lower()
                    if " " in key:  # rare: most keys are one word, no list to build
                        for k in key.split():
                            meta.setdefault(k, content)
                    elif key not in meta:
                        meta[key] = content
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
                        tuple(tags), root)


def _author_links(root: etree._Element) -> tuple[str, ...]:
    """Texts of the first links to a writer's page: rel="author", or an address naming one
    (cheap substring tests before the regex: a page has hundreds of links)."""
    found: list[str] = []
    for node in root.iter("a"):
        rel, href = node.get("rel"), node.get("href")
        if rel and "author" in rel or href and ("aut" in href or "writer" in href or "people" in href or
                                                 "contributor" in href) and _AUTHOR_HREF.search(href):
            text = _text(node)
            if text:
                found.append(text)
                if len(found) == MAX_REPEATED:
                    break
    return tuple(found)


#: Elements whose markup names them for a writer: microdata's author, a forum's user name, an
#: author box's name (class tokens as the big forum and blog engines write them).
_MARKED_AUTHOR = etree.XPath(
    '(//*[@itemprop="author" or contains(@class, "username") or contains(@class, "author-name") or '
    'contains(@class, "author__name") or contains(@class, "authorname")])[position() <= $most]')
_NAME_PROPERTY = etree.XPath('.//*[@itemprop="name"][1]')


def _marked_authors(root: etree._Element) -> tuple[str, ...]:
    found: list[str] = []
    for node in _MARKED_AUTHOR(root, most=MAX_REPEATED):
        named = _NAME_PROPERTY(node)
        text = (named[0].get("content") or _text(named[0])) if named else _text(node)
        if text and text.strip():
            found.append(text.strip())
    return tuple(found)


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
#: Other <meta> keys read as the publication date when none of DATE_KEYS is there: analytics and
#: CMS keys name it in their own words ("cxenseparse:publishtime", "og:publish_date", "dc:date.created").
_PUBLISHED_KEY = re.compile(r"publi|pub_?date|date-?pub|created|issued|release_date")
#: ... but not a key about a later change or the end of the page's life.
_NOT_PUBLISHED_KEY = re.compile(r"modif|updat|expir|revis|cover")


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


def by_id(declared: Declarations) -> dict[str, dict]:
    return {o["@id"]: o for o in declared.jsonld if isinstance(o.get("@id"), str)}


def jsonld_names(value: Any, ids: dict[str, dict], depth: int = 0) -> list[str]:
    """Names in a JSON-LD author/publisher value: a string, an object (or a reference to one in
    the @graph) with a name, or a list of those."""
    if depth > 3:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [n for v in value for n in jsonld_names(v, ids, depth + 1)]
    if isinstance(value, dict):
        name = value.get("name")
        if name is None and isinstance(value.get("@id"), str) and value["@id"] in ids:
            name = ids[value["@id"]].get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        return [name] if isinstance(name, str) else []
    return []


def first_string(value: Any) -> str | None:
    """The first string in a JSON-LD value: itself, an object's url/@id, a list's first."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for v in value:
            found = first_string(v)
            if found:
                return found
    if isinstance(value, dict):
        return first_string(value.get("url") or value.get("contentUrl") or value.get("@id"))
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


def published_meta(declared: Declarations) -> str | None:
    """The value of the first <meta> key outside DATE_KEYS that names a publication date: the
    publication where the usual keys are missing, else one more claim a printed date may match."""
    for key, value in declared.meta.items():
        if ("pub" in key or "creat" in key or "issued" in key or "release" in key) and value \
                and _PUBLISHED_KEY.search(key) and not _NOT_PUBLISHED_KEY.search(key):  # substrings first: cheap
            return value
    return None
