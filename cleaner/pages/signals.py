"""What a page declares and shows, as named numbers the page-type model reads.

Everything here is read from what the pipeline already has: the blocks (text, tag, path tokens,
link characters), their features and text evidence, the class/id names of the page's outer
elements, the address, and the declarations of the <head> (when given). One pass over the blocks,
one regex pass over a capped sample of their joined text: no second parse, no tree walk.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from itertools import chain
from operator import attrgetter
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from ..features import Features
from ..model import Block

#: Page types, in the order the model lists its classes.
TYPES: tuple[str, ...] = (
    "article", "forum", "product", "listing", "collection", "documentation", "service",
)

#: Characters of (stride-sampled) block text the price, year and code counts read: a bound on
#: their cost on long pages.
SAMPLE_CHARS = 5_000
#: Blocks read (a stride sample) for the shares that need a Python loop: bounds the cost on
#: pages of thousands of blocks.
SAMPLE_BLOCKS = 200
#: Counts are squashed as log1p(n) / COUNT_SCALE, so 1 hit and 50 hits differ but 50 and 500 little.
COUNT_SCALE = 4.0

# --- class/id tokens that name what a page region is for (path and outer-element names) -------
PATH_GROUPS: dict[str, frozenset[str]] = {
    "forum": frozenset({
        "forum", "forums", "thread", "threads", "topic", "topics", "reply", "replies", "bbp",
        "bbpress", "phpbb", "xenforo", "discourse", "discussion", "postbit", "messagelist",
        "message", "posts", "answer", "answers", "question", "questions", "vote", "votes",
        "votecell", "accepted", "userinfo", "postprofile", "poster", "signature", "quote",
    }),
    "product": frozenset({
        "product", "products", "price", "prices", "cart", "basket", "sku", "buy", "checkout",
        "variant", "variants", "quantity", "qty", "stock", "shipping", "pdp", "woocommerce",
        "addtocart", "purchase", "offer", "swatch", "gallery", "specs", "specifications",
    }),
    "listing": frozenset({
        "card", "cards", "grid", "tile", "tiles", "teaser", "teasers", "excerpt", "archive",
        "loop", "pagination", "pager", "paging", "listing", "results", "result", "feed",
        "entries", "items", "category", "search", "filter", "filters", "facet", "facets", "sort",
    }),
    "collection": frozenset({
        "collection", "collections", "catalog", "catalogue", "plp", "products", "filter",
        "filters", "facet", "facets", "sort", "sorting", "toolbar", "shop", "grid", "refinement",
    }),
    "documentation": frozenset({
        "docs", "doc", "documentation", "toc", "sidebar", "highlight", "highlighter", "code",
        "codehilite", "sourcecode", "syntax", "markdown", "rst", "sphinx", "docusaurus", "mkdocs",
        "api", "reference", "admonition", "note", "warning", "menu", "theme", "wy", "md",
        "language", "prettyprint", "hljs", "prism", "token", "breadcrumb", "breadcrumbs", "version",
    }),
    "service": frozenset({
        "hero", "feature", "features", "pricing", "plan", "plans", "cta", "testimonial",
        "testimonials", "faq", "faqs", "accordion", "banner", "benefit", "benefits", "logos",
        "clients", "partners", "services", "service", "section", "elementor", "wp", "block",
        "landing", "home", "homepage", "front", "wrapper", "container", "row", "col", "column",
    }),
    "article": frozenset({
        "article", "entry", "post", "story", "byline", "author", "blog", "news", "single",
        "prose", "body", "content", "text", "published", "meta", "share", "tags", "related",
        "comment", "comments",
    }),
}

_PATH_WORDS = frozenset().union(*PATH_GROUPS.values())

# --- words a page of each type shows in its short blocks (chrome mostly, several languages) ---
WORD_GROUPS: dict[str, frozenset[str]] = {
    "cart": frozenset({"cart", "basket", "bag", "wishlist", "checkout", "stock", "sku", "quantity",
                       "qty", "shipping", "delivery", "returns", "warenkorb", "panier", "carrito",
                       "carrello", "buy", "kaufen", "acheter", "comprar", "preorder", "warranty"}),
    "review": frozenset({"reviews", "review", "rating", "ratings", "stars", "bewertungen", "avis",
                         "reseñas", "opiniones"}),
    "forum": frozenset({"reply", "replies", "quote", "posts", "joined", "member", "members",
                        "registered", "thread", "threads", "topic", "topics", "posted", "permalink",
                        "moderator", "likes", "views", "antworten", "beiträge", "répondre",
                        "messages", "respuestas", "respuesta", "forum", "op", "report"}),
    "qa": frozenset({"asked", "answered", "answer", "answers", "votes", "vote", "accepted",
                     "upvote", "downvote", "helpful", "solved", "solution", "edited", "modified",
                     "viewed"}),
    "ago": frozenset({"ago", "vor", "hace", "il"}),
    "more": frozenset({"more", "details", "weiterlesen", "mehr", "suite", "más", "continue",
                       "all"}),
    "paging": frozenset({"next", "previous", "prev", "page", "showing", "results", "sort",
                         "filter", "filters", "older", "newer", "weiter", "zurück", "suivant",
                         "précédent", "siguiente", "anterior", "clear", "apply", "relevance"}),
    "docs": frozenset({"edit", "parameters", "parameter", "returns", "arguments", "example",
                       "examples", "syntax", "installation", "install", "configuration", "api",
                       "deprecated", "version", "npm", "pip", "function", "method", "default",
                       "type", "description", "required", "optional", "reference", "guide",
                       "tutorial", "prerequisites", "overview", "note", "warning", "github"}),
    "service": frozenset({"started", "signup", "trial", "demo", "quote", "contact", "pricing",
                          "month", "mo", "testimonials", "services", "choose", "trusted",
                          "customers", "clients", "works", "faq", "solutions", "consultation",
                          "schedule", "team", "free", "book", "call", "kostenlos", "jetzt",
                          "gratuit", "gratis", "plans", "enterprise", "features", "partners"}),
    "article": frozenset({"min", "read", "published", "updated", "written", "share", "related",
                          "tags", "comments", "comment", "author", "lesezeit", "veröffentlicht",
                          "publié", "publicado", "minutes", "editor", "posted"}),
}
#: Blocks of this many words or fewer are chrome-sized: their words are counted.
SHORT_WORDS = 6
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|zł|kr\b)")
_YEAR_TEXT = re.compile(r"\b(?:19|20)\d\d\b")
#: Characters that are common in code and rare in prose, counted in the text sample.
_CODE_CHARS = "{};=()<>_[]"

# --- address shape ------------------------------------------------------------------------------
URL_GROUPS: dict[str, frozenset[str]] = {
    "forum": frozenset({
        "forum", "forums", "thread", "threads", "topic", "topics", "t", "community",
        "communities", "discussion", "discussions", "questions", "question", "q", "board",
        "boards", "viewtopic", "showthread", "answers", "r", "comments", "qa", "threads",
    }),
    "product": frozenset({
        "product", "products", "p", "item", "itm", "dp", "pd", "buy", "sku", "produkt", "produit",
        "producto", "gp",
    }),
    "listing": frozenset({
        "category", "categories", "tag", "tags", "search", "archive", "archives", "list",
        "jobs", "s", "author", "topics", "page", "browse", "results", "directory", "events",
    }),
    "collection": frozenset({
        "collection", "collections", "c", "catalog", "shop", "store", "sale", "b", "department",
        "kategorie", "categorie", "all", "brands", "brand",
    }),
    "documentation": frozenset({
        "docs", "doc", "documentation", "manual", "reference", "api", "guide", "guides", "learn",
        "tutorial", "tutorials", "wiki", "kb", "help", "handbook", "developer", "developers",
        "sdk", "library", "en-us", "latest", "stable", "v1", "v2", "v3", "man", "howto",
        "knowledge-base", "support", "articles",
    }),
    "service": frozenset({
        "about", "pricing", "services", "service", "solutions", "features", "contact", "plans",
        "enterprise", "platform", "why", "industries", "company", "home", "careers", "faq",
    }),
    "article": frozenset({
        "blog", "news", "article", "articles", "post", "posts", "story", "stories", "insights",
        "opinion", "magazine", "health", "recipes", "recipe", "notes", "resources",
    }),
}
_URL_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR = re.compile(r"/(?:19|20)\d\d/")
_LONG_NUMBER = re.compile(r"\d{5,}")
_PAGE_QUERY = re.compile(r"(?:^|[&;])(?:page|p|pg|start|offset)=\d", re.I)

# --- what the page declares (read by cleaner.metadata before the segmenter prunes <head>) -------
DECLARED_TYPES: dict[str, frozenset[str]] = {
    "article": frozenset({"article", "newsarticle", "blogposting", "reportagenewsarticle",
                          "scholarlyarticle", "report", "analysisnewsarticle", "opinionnewsarticle",
                          "recipe", "review", "medicalwebpage", "liveblogposting"}),
    "forum": frozenset({"discussionforumposting", "qapage", "question", "answer",
                        "socialmediaposting", "comment"}),
    "product": frozenset({"product", "productgroup", "offer", "aggregateoffer",
                          "individualproduct", "productmodel", "car", "vehicle"}),
    "listing": frozenset({"itemlist", "searchresultspage", "listitem"}),
    "collection": frozenset({"collectionpage", "offercatalog"}),
    "documentation": frozenset({"techarticle", "apireference", "softwaresourcecode", "howto"}),
    # not Organization or WebSite: SEO plugins declare them on every page of a site
    "service": frozenset({"service", "faqpage", "localbusiness", "softwareapplication",
                          "professionalservice", "webapplication", "aboutpage", "contactpage",
                          "event", "course"}),
}
OG_TYPES = ("article", "product", "website", "profile", "video", "book", "object")


_CHARS, _WORDS = attrgetter("chars"), attrgetter("words")
_LINK_CHARS, _TAG, _PATH = attrgetter("link_chars"), attrgetter("tag"), attrgetter("path")


def _squash(n: float) -> float:
    return math.log1p(n) / COUNT_SCALE


def block_signals(blocks: Sequence[Block], feats: Sequence[Features],
                  evidence: Sequence[Sequence[Any]] | None) -> dict[str, float]:
    """Shape of the blocks: sizes, tags, links, sentence prose, evidence labels, path words,
    chrome words, prices, years and code characters.

    Shares are read from a stride sample of at most SAMPLE_BLOCKS blocks, which estimates them
    on a page of thousands at the cost of a few hundred.
    """
    n = len(blocks)
    out: dict[str, float] = {"blocks": _squash(n)}
    if not n:
        return out
    step = -(-n // SAMPLE_BLOCKS)
    blocks, feats = blocks[::step], feats[::step]
    m = len(blocks)
    chars = sum(map(_CHARS, feats)) or 1
    out["chars"] = _squash(chars * step) / 3
    out["words_per_block"] = _squash(sum(map(_WORDS, feats)) / m)
    out["prose_share"] = sum([f.chars for f in feats if f.terminal and f.words >= 15]) / chars
    out["short_share"] = sum([1 for f in feats if f.words <= 4]) / m
    out["link_share"] = sum(map(_LINK_CHARS, blocks)) / chars
    out["linked_blocks"] = sum([1 for f in feats if f.link_density > 0.8]) / m
    tags = Counter(map(_TAG, blocks))
    headings = sum([tags[t] for t in ("h1", "h2", "h3", "h4", "h5", "h6")])
    for name, count in (("li", tags["li"]), ("heading", headings), ("pre", tags["pre"]),
                        ("row", tags["tr"] + tags["td"] + tags["th"]), ("img", tags["img"]),
                        ("dl", tags["dt"] + tags["dd"])):
        out["tag_" + name] = count / m
    if headings:
        out["question_heads"] = sum([1 for b in blocks if b.tag[:1] == "h" and b.text[-1:] == "?"]) / m
    if evidence is not None:
        labels = Counter([e[0] for ev in evidence[::step] if ev for e in ev])
        for label in ("comment", "related", "navigation", "promo", "footer", "consent"):
            out["ev_" + label] = min(labels[label] / m, 1.0)
    hits: Counter = Counter()
    for path, count in Counter(map(_PATH, blocks)).items():
        found = path & _PATH_WORDS  # one C intersection per distinct path, then small sets only
        if found:
            for group, names in PATH_GROUPS.items():
                if not names.isdisjoint(found):
                    hits[group] += count
    for group in PATH_GROUPS:
        out["path_" + group] = hits[group] / m
    out.update(_said(feats))
    return out


def _said(feats: Sequence[Features]) -> dict[str, float]:
    """How often each type's chrome words occur in the short blocks, and prices, years and code
    characters in the first SAMPLE_CHARS characters of the blocks."""
    words = Counter(chain.from_iterable([f.tokens for f in feats if f.words <= SHORT_WORDS]))
    out = {"say_" + name: _squash(sum([words[w] for w in group if w in words]))
           for name, group in WORD_GROUPS.items()}
    parts, total = [], 0
    for f in feats:
        parts.append(f.text)
        total += f.chars
        if total >= SAMPLE_CHARS:
            break
    text = "\n".join(parts)
    out["say_price"] = _squash(len(_PRICE.findall(text)))
    out["say_year"] = _squash(len(_YEAR_TEXT.findall(text)))
    out["code_chars"] = min(sum(map(text.count, _CODE_CHARS)) / (len(text) or 1) * 10, 1.0)
    return out


def outer_signals(names: Iterable[str]) -> dict[str, float]:
    """Which type's words name the page's outer elements (<body> and the story's wrappers): a
    theme often writes the template into them ("single-product", "archive category", "docs")."""
    found: set[str] = set()
    for value in names:
        for word in _URL_WORD.findall(value.lower().replace("_", "-")):
            found.add(word)
            found.update(word.split("-"))
    return {"outer_" + group: float(not words.isdisjoint(found)) for group, words in PATH_GROUPS.items()}


def url_signals(url: str | None) -> dict[str, float]:
    """The address's shape: type words among its path segments, depth, slug length, year, ids."""
    if not url:
        return {"url_none": 1.0}
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return {"url_none": 1.0}
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    words = set()
    for s in segments:
        words.add(s)
        words.update(s.replace("_", "-").split("-"))
    host = parts.netloc.lower().split(":")[0]
    for label in host.split(".")[:-2]:  # subdomains: docs., shop., forum., community.
        words.add(label)
    out = {"url_" + g: float(not ws.isdisjoint(words)) for g, ws in URL_GROUPS.items()}
    last = segments[-1] if segments else ""
    out["url_root"] = float(not segments)
    out["url_depth"] = min(len(segments), 6) / 6
    out["url_slug"] = min(last.count("-") + last.count("_"), 12) / 12
    out["url_year"] = float(bool(_YEAR.search(path)))
    out["url_number"] = float(bool(_LONG_NUMBER.search(path)))
    out["url_paged"] = float(bool(_PAGE_QUERY.search(parts.query)) or "page" in segments)
    out["url_html"] = float(last.endswith((".html", ".htm", ".php", ".aspx")))
    return out


def declared_signals(types: Iterable[str], og_type: str | None) -> dict[str, float]:
    """Which type the page's schema.org @types and og:type name."""
    found = {t.rsplit("/", 1)[-1].lower() for t in types if isinstance(t, str)}
    out = {"ld_" + g: float(not ts.isdisjoint(found)) for g, ts in DECLARED_TYPES.items()}
    og = (og_type or "").strip().lower()
    for name in OG_TYPES:
        out["og_" + name] = float(og == name or og.startswith(name + "."))
    return out
