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
from operator import attrgetter, itemgetter
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from ..features import Features
from ..model import Block

#: Page types, in the order the model lists its classes.
TYPES: tuple[str, ...] = (
    "article", "forum", "product", "listing", "collection", "documentation", "service",
)

#: Elements counted (a stride sample of the element table) for the element signals.
SAMPLE_ELEMENTS = 400
#: Distinct block surroundings whose class/id words are read, most frequent first: the repeated
#: containers (posts, cards, menu items) are what tell a page's type.
TOP_PATHS = 32
#: Characters of (stride-sampled) block text the price, year and code counts read: a bound on
#: their cost on long pages.
SAMPLE_CHARS = 4_000
#: Blocks read (a stride sample) for the shares that need a Python loop: bounds the cost on
#: pages of thousands of blocks.
SAMPLE_BLOCKS = 100
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
#: Each path word's groups as bits (bit i: the i-th group of PATH_GROUPS).
_GROUP_BITS = {w: sum(1 << i for i, names in enumerate(PATH_GROUPS.values()) if w in names)
               for w in _PATH_WORDS}

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
_SAY_WORDS = frozenset().union(*WORD_GROUPS.values())
_SAY_GROUPS = {w: tuple(g for g, ws in WORD_GROUPS.items() if w in ws) for w in _SAY_WORDS}
#: Blocks of this many words or fewer are chrome-sized: their words are counted.
SHORT_WORDS = 6
_CURRENCIES = ("$", "€", "£", "¥", "₹", "zł")
_DECADES = ("199", "200", "201", "202")  # years in dates and bylines
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
#: Words that name what a page offers in its <title> (beyond the address words of URL_GROUPS).
TITLE_GROUPS: dict[str, frozenset[str]] = {
    "service": frozenset({"services", "company", "agency", "consultant", "consulting", "repair",
                          "insurance", "course", "training", "certification", "certificate",
                          "program", "programs", "software", "platform", "app", "tool", "tools",
                          "calculator", "hire", "rental", "rentals", "near", "contractor",
                          "experts", "lawyer", "attorney", "clinic", "studio", "demo"}),
    "listing": frozenset({"news", "recipes", "courses", "jobs", "events", "latest", "archives",
                          "articles", "posts", "stories", "list", "podcasts", "episodes",
                          "videos", "rankings", "schedule", "results", "directory"}),
    "collection": frozenset({"shop", "buy", "sale", "deals", "parts", "accessories", "brands",
                             "collection", "clothing", "shoes", "furniture", "online", "store",
                             "womens", "mens", "kids", "gifts", "outlet", "catalog"}),
    "forum": frozenset({"forum", "forums", "thread", "community", "question", "discussion",
                        "reddit", "help", "solved", "issue", "error", "problem"}),
    "documentation": frozenset({"documentation", "docs", "reference", "api", "manual", "guide",
                                "sdk", "library", "function", "class", "module", "command",
                                "configuration", "configure", "install", "installation"}),
}
#: A model or part number ("WH-1000XM5", "RTX 4070", "A2337"): letters and digits in one word.
_MODEL_NUMBER = re.compile(r"\b(?=[A-Za-z-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9-]{3,}\b")
_TITLE_SITE = re.compile(r"\s+[|–—·•:-]\s+|\s*[|–—·•]\s*")
_ASKING = frozenset({"how", "what", "why", "when", "who", "which", "is", "are", "can", "do", "does",
                     "wie", "was", "warum", "comment", "pourquoi", "cómo", "qué", "por"})
_DATE_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publish-date",
              "sailthru.date", "dc.date")
_AUTHOR_KEYS = ("author", "article:author", "sailthru.author", "dc.creator")
OG_TYPES = ("article", "product", "website", "profile", "video", "book", "object")


#: Elements counted per page (log-squashed), and elements whose share of all elements is read.
_COUNTED_TAGS = ("article", "section", "time", "code", "pre", "form", "label", "figure", "table",
                 "dl", "aside", "nav", "h1", "h2", "h3", "blockquote", "iframe")
_SHARED_TAGS = ("a", "p", "li", "img", "span", "div")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_FIRST = itemgetter(0)  # an evidence list's first Evidence, an Evidence's label
_COUNT = itemgetter(1)  # a Counter item's count
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
    # how much of the page the story container the DOM evidence found holds: most of a story
    # page, little of a grid of teasers or a run of landing-page sections
    out["container_share"] = sum([f.chars for b, f in zip(blocks, feats) if b.in_story_container]) / chars
    out["short_share"] = sum([1 for f in feats if f.words <= 4]) / m
    out["link_share"] = sum(map(_LINK_CHARS, blocks)) / chars
    out["linked_blocks"] = sum([1 for f in feats if f.link_density > 0.8]) / m
    # teaser titles and product names: linked text of a few words or more
    out["linked_text"] = sum([f.chars for f in feats if f.link_density > 0.8 and f.words >= 4]) / chars
    tags = Counter(map(_TAG, blocks))
    headings = sum([tags[t] for t in _HEADINGS])
    for name, count in (("li", tags["li"]), ("heading", headings), ("pre", tags["pre"]),
                        ("row", tags["tr"] + tags["td"] + tags["th"]), ("img", tags["img"]),
                        ("dl", tags["dt"] + tags["dd"])):
        out["tag_" + name] = count / m
    out["ellipsis"] = sum([1 for f in feats if f.ellipsis_end]) / m
    if headings:
        heads = [b for b in blocks if b.tag in _HEADINGS]
        out["question_heads"] = sum([1 for b in heads if b.text[-1:] == "?"]) / m
        # teaser titles are links; a story's subheadings are not
        out["linked_heads"] = sum([1 for b in heads if 2 * b.link_chars > len(b.text)]) / len(heads)
        out["heads_per_prose"] = _squash(len(heads) / (1 + sum([1 for f in feats if f.words >= 15])))
    if evidence is not None:
        # each sampled block's first piece of evidence: one label per block, counted in C
        labels = Counter(map(_FIRST, map(_FIRST, filter(None, evidence[::step]))))
        for label in ("comment", "related", "navigation", "promo", "footer", "consent"):
            out["ev_" + label] = min(labels[label] / m, 1.0)
    paths = Counter(map(_PATH, blocks))
    if len(paths) > 1 or next(iter(paths)):  # flat text has no paths: nothing to say
        out.update(_path_signals(paths, m))
    out.update(_said(feats))
    return out


def _path_signals(paths: Counter, m: int) -> dict[str, float]:
    """How often the blocks' surroundings repeat, and which type's words name them."""
    # a grid of cards or a thread of posts repeats one container: its blocks share a path
    out = {"distinct_paths": len(paths) / m, "top_path": max(paths.values()) / m}
    hits: Counter = Counter()
    # most_common(TOP_PATHS) without its heap, which runs in Python: a stable sort picks the same
    # paths, ties in first-seen order
    for path, count in sorted(paths.items(), key=_COUNT, reverse=True)[:TOP_PATHS]:
        found = path & _PATH_WORDS  # one C intersection per distinct path, then a word or two
        if found:
            mask = 0
            for word in found:
                mask |= _GROUP_BITS[word]
            hits[mask] += count
    for bit, group in enumerate(PATH_GROUPS):
        out["path_" + group] = sum([c for mask, c in hits.items() if mask >> bit & 1]) / m
    return out


def _said(feats: Sequence[Features]) -> dict[str, float]:
    """How often each type's chrome words occur in the short blocks, and prices, years and code
    characters in the first SAMPLE_CHARS characters of the blocks."""
    words = Counter(chain.from_iterable([f.tokens for f in feats if f.words <= SHORT_WORDS]))
    said = dict.fromkeys(WORD_GROUPS, 0)
    for word in words.keys() & _SAY_WORDS:  # the few chrome words found, not every group's list
        for group in _SAY_GROUPS[word]:
            said[group] += words[word]
    out = {"say_" + name: _squash(n) for name, n in said.items()}
    parts, total = [], 0
    for f in feats:
        parts.append(f.text)
        total += f.chars
        if total >= SAMPLE_CHARS:
            break
    text = "\n".join(parts)
    # str.count, not regexes: a pattern scan of the sample costs ten times as much
    out["say_price"] = _squash(sum(map(text.count, _CURRENCIES)))
    out["say_year"] = _squash(sum(map(text.count, _DECADES)))
    out["code_chars"] = min(sum(map(text.count, _CODE_CHARS)) / (len(text) or 1) * 10, 1.0)
    return out


def element_signals(tags: Sequence[str]) -> dict[str, float]:
    """What the page's elements are, counted over a stride sample of the segmenter's element
    table (one Counter, in C): several
    <article>s make a grid of teasers, <section>s a landing page, <time>s a thread or a feed,
    <code> a manual, <form> and <label> a shop or a sign-up page."""
    if not tags:
        return {}
    step = -(-len(tags) // SAMPLE_ELEMENTS)
    counts = Counter(tags[::step])  # a stride sample: the counts times step estimate the page's
    n = sum(counts.values())
    out = {"el_" + tag: _squash(counts[tag] * step) for tag in _COUNTED_TAGS}
    for tag in _SHARED_TAGS:
        out["el_share_" + tag] = min(counts[tag] * 10 / n, 1.0)
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


def title_signals(title: str | None) -> dict[str, float]:
    """Type words in the page's <title> ("Forum", "Docs", "Shop", "Pricing", "Blog"), and its
    shape: a section or shop shelf is named in a word or two ("Air Fryer Recipes", "Sofas"), a
    story in a sentence or a question."""
    if not title:
        return {}
    name = _TITLE_SITE.split(title.strip())[0]  # "Sofas & Couches | Shop" -> "Sofas & Couches"
    words = _URL_WORD.findall(name.lower())
    found = set()
    for word in _URL_WORD.findall(title.lower()):  # the site's part too: "... - Baking Forum"
        found.add(word)
        found.update(word.split("-"))
    out = {"title_" + g: float(not ws.isdisjoint(found)) for g, ws in URL_GROUPS.items()}
    out.update({"title_says_" + g: float(not ws.isdisjoint(found)) for g, ws in TITLE_GROUPS.items()})
    out["title_model"] = float(bool(_MODEL_NUMBER.search(name)))
    out["title_words"] = min(len(words), 15) / 15
    out["title_plural"] = float(bool(words) and words[-1].endswith("s") and not words[-1].endswith("ss"))
    out["title_question"] = float(name.rstrip().endswith("?") or bool(words) and words[0] in _ASKING)
    out["title_year"] = float(bool(_YEAR_TEXT.search(name)))
    return out


def dated_signals(meta: dict, objects: Sequence[Any], times: Sequence[str],
                  h1: Sequence[str] = ()) -> dict[str, float]:
    """Whether the page declares a publication date or an author, as stories do; how many
    <time> and <h1> elements it has; how many Product objects it declares (one on a product
    page, a shelf of them on a collection)."""
    products = sum([1 for o in objects if isinstance(o, dict) and _is_product(o.get("@type"))])
    published = any(k in meta for k in _DATE_KEYS) or any(
        isinstance(o, dict) and "datePublished" in o for o in objects)
    author = any(k in meta for k in _AUTHOR_KEYS) or any(isinstance(o, dict) and "author" in o for o in objects)
    return {"decl_published": float(published), "decl_author": float(author),
            "decl_times": _squash(len(times)), "decl_h1": min(len(h1), 3) / 3,
            "decl_products": _squash(products)}


def _is_product(value: Any) -> bool:
    if isinstance(value, list):
        return any(_is_product(v) for v in value)
    return isinstance(value, str) and value.rsplit("/", 1)[-1].lower() in DECLARED_TYPES["product"]


def declared_signals(types: Iterable[str], og_type: str | None) -> dict[str, float]:
    """Which type the page's schema.org @types and og:type name."""
    found = {t.rsplit("/", 1)[-1].lower() for t in types if isinstance(t, str)}
    out = {"ld_" + g: float(not ts.isdisjoint(found)) for g, ts in DECLARED_TYPES.items()}
    og = (og_type or "").strip().lower()
    for name in OG_TYPES:
        out["og_" + name] = float(og == name or og.startswith(name + "."))
    return out
