"""The library call: ``clean(data) -> Article``. Decode, segment, score, decide, report."""
from __future__ import annotations

import os
import re
from typing import NamedTuple

from lxml import etree

from .decode import MAX_INPUT_BYTES, clean_text_utf8, decode_bytes_utf8, sniff_kind
from .errors import CleanerError
from .dom import assign_paths, find_story_container
from .features import Features, block_features
from .rules.dispatch import dom_evidence, text_evidence
from .rules.evidence import Evidence
from .language import SAMPLE_CHARS, UNSPACED, detect_language, stopwords
from .declarations import Declarations, read_declarations
from .metadata import Metadata, article_metadata, text_metadata
from .article import Article
from .model import Block
from .segment import ElementTable, parse_html, segment_html, segment_text
from .decide import LEANS, decide, join_container
from .decide.scores import score_page
from .pages import PageType, classify_page, forced
from .pages.comments import reader_comments
from .pages.strategies import apply_strategy
from .user_rules import Rules, load_rules

_SITE_SUFFIX = re.compile(r"\s+[|–—·•:-]\s+[^|–—·•]{2,60}$")


def _language_sample(blocks: list[Block]) -> str:
    """The longest blocks, in document order, up to the sample size: story text, not menus."""
    lengths = [len(b.text) for b in blocks]
    # positions sorted by length alone: the sort is stable, so equally long blocks stay in
    # document order (blocks are listed in it), and int keys compare fast
    longest = sorted(range(len(blocks)), key=lengths.__getitem__, reverse=True)
    picked, total = [], 0
    for i in longest:
        if total >= SAMPLE_CHARS:
            break
        picked.append(i)
        total += lengths[i]
    return " ".join([blocks[i].text for i in sorted(picked)])[:SAMPLE_CHARS]


def _text_evidence(blocks: list[Block], stop: frozenset[str], unspaced: bool,
                   ) -> tuple[list[Features], list[list[Evidence]]]:
    """Features and text-heuristic evidence of every block.

    A page repeats many blocks word for word (menu entries, "Share", dates, teaser headlines):
    text heuristics read only a block's text and features, so a repeated text (with the same
    link share) is scored once. Each block gets its own evidence list: later steps extend it.
    """
    feats: list[Features] = []
    evidence: list[list[Evidence]] = []
    first: dict[tuple[str, int], int] = {}  # this page's texts only: where each was first seen
    for b in blocks:
        key = (b.text, b.link_chars)
        i = first.get(key)
        if i is None:
            first[key] = len(feats)
            f = block_features(b.text, b.link_chars, stop, unspaced)
            feats.append(f)
            evidence.append(text_evidence(b, f))
        else:  # nothing has extended the first block's list yet
            feats.append(feats[i])
            evidence.append(evidence[i].copy())
    return feats, evidence


def _html_title_hints(root) -> list[str]:
    """og:title, twitter:title and <title> (with and without a site suffix) from the <head>: the
    segmenter has already removed <meta> and <title> from the body, so the head is all to read."""
    head = root.find("head")
    if head is None:
        return []
    hints = []
    for meta in head.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            hints.append(meta.get("content") or "")
    title = head.find(".//title")
    if title is not None and title.text:
        hints.append(title.text)
        hints.append(_SITE_SUFFIX.sub("", title.text.strip()))
    return [h for h in hints if h.strip()]


def _iso639_1(code: str | None) -> str | None:
    """The two-letter ISO 639-1 code an Article reports: the detector names Chinese zh-cn/zh-tw."""
    return code.split("-")[0].lower() if code else code


def clean(
    data: str | bytes,
    *,
    url: str | None = None,
    kind: str = "auto",
    language: str | None = None,
    max_bytes: int | None = None,
    links: bool = False,
    images: bool = False,
    page_type: str | None = None,
    comments: bool = False,
    rules: "Rules | str | os.PathLike[str] | None" = None,
) -> Article:
    """Split a scraped page into labelled blocks and return its title and main story.

    ``data`` is HTML or flattened text (blocks separated by blank lines), as ``str`` or ``bytes``
    (bytes are decoded: BOM, UTF-8, declared charset, then detection; gzip is unpacked).
    ``kind`` is "html", "text" or "auto". ``links``/``images`` record the hrefs of links and the
    sources of images (HTML), for Markdown/HTML output. ``page_type`` imposes a page type instead
    of the classifier's (see :data:`cleaner.pages.PAGE_TYPES`): the type picks what counts as main
    content (:mod:`cleaner.pages.strategies`); ``comments=True`` also returns the
    reader comments in ``Article.comments``. Raises :class:`CleanerError` for unreadable input.
    ``rules`` is a user rules file (path) or :class:`~cleaner.user_rules.Rules`; a bad file
    raises :class:`~cleaner.user_rules.RulesError` before the page is read.
    """
    given = forced(page_type) if page_type is not None else None
    if rules is not None and not isinstance(rules, Rules):  # a path: compiled once per process
        rules = load_rules(rules)
    if kind not in ("auto", "html", "text"):
        raise CleanerError(f"unknown kind {kind!r}: use 'auto', 'html' or 'text'")
    text, utf8 = _decoded(data, max_bytes)
    if kind == "auto":
        kind = sniff_kind(text)
    if not text.strip():
        return Article("", [], _iso639_1(language), [], kind, url, reason="empty input",
                       page_type=given.type if given else "other",
                       page_type_reasons=given.reasons if given else ["empty input"],
                       comments=[] if comments else None)
    read = _read_html(utf8, url, rules, links, images) if kind == "html" \
        else _Read(segment_text(text), Declarations(), [])
    if not read.blocks:
        return _without_text(read, kind, url, language, given, comments)

    blocks = read.blocks
    lang = language or detect_language(_language_sample(blocks))
    feats, evidence, fired, outer = _gather_evidence(read, lang, url, rules)
    page = given or classify_page(blocks, feats, evidence, kind=kind, url=url, outer_names=outer,
                                  declarations=read.declared, element_tags=read.tags)
    title_index = _label(read, feats, evidence, page, url, rules, fired)

    title = blocks[title_index].text if title_index is not None else _head_title(read.hints)
    paragraphs = [b.text for b in blocks if b.label == "main"]
    reason = None if paragraphs else "no block reads like story text"
    meta = article_metadata(read.declared, blocks, title_index, title, url, lang, read.elements.names, page.type) \
        if kind == "html" else text_metadata(blocks, title_index, lang)
    article = _article(title, paragraphs, lang, blocks, kind, url, reason, meta)
    article.page_type, article.page_type_reasons = page.type, page.reasons
    article.comments = reader_comments(blocks, feats) if comments else None
    return article


class _Read(NamedTuple):
    """A page read into blocks, and what the later steps need of its markup (HTML only)."""

    blocks: list[Block]
    declared: Declarations  # empty for text input, which declares nothing
    hints: list[str]  # og:title, twitter:title and <title> (see _html_title_hints)
    root: etree._Element | None = None
    elements: ElementTable | None = None

    @property
    def tags(self) -> list[str]:
        """Every element's tag (none for text input)."""
        return self.elements.tags if self.elements is not None else []


def _decoded(data: str | bytes, max_bytes: int | None) -> tuple[str, bytes]:
    """The input as clean text and the same in UTF-8, or a CleanerError saying why it cannot be."""
    if max_bytes is not None and (isinstance(max_bytes, bool) or not isinstance(max_bytes, int)):
        raise CleanerError(f"max_bytes must be an int, not {type(max_bytes).__name__}")
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    if isinstance(data, (bytes, bytearray, memoryview)):
        return decode_bytes_utf8(bytes(data), limit)  # already scrubbed as clean_text does
    if isinstance(data, str):
        if len(data) > limit:
            raise CleanerError(f"input of {len(data)} characters is above the {limit} limit")
        return clean_text_utf8(data)
    raise CleanerError(f"cannot clean a {type(data).__name__}: pass str or bytes")


def _read_html(utf8: bytes, url: str | None, rules: Rules | None, links: bool, images: bool) -> _Read:
    """One parse; the page's declarations, read before segment_html prunes <script>; the user's
    drop rules; the blocks; the title hints of the <head>."""
    root = parse_html(utf8)
    declared = read_declarations(root)
    if rules is not None:
        rules.drop_elements(root, url)
    blocks, elements = segment_html(root, links=links, images=images)
    return _Read(blocks, declared, _html_title_hints(root), root, elements)


def _head_title(hints: list[str]) -> str:
    """The page's <title> without its site suffix, when no block is the title."""
    return hints[-1].strip() if hints else ""


def _without_text(read: _Read, kind: str, url: str | None, language: str | None,
                  given: PageType | None, comments: bool) -> Article:
    """The Article of a page with no visible text: a page that is only a <title> keeps it."""
    title = _head_title(read.hints)
    article = _article(title, [], language, [], kind, url, "no visible text",
                       article_metadata(read.declared, [], None, title, url, language))
    article.page_type = given.type if given else "other"
    article.page_type_reasons = given.reasons if given else ["no visible text"]
    article.comments = [] if comments else None
    return article


def _gather_evidence(read: _Read, lang: str | None, url: str | None, rules: Rules | None,
                     ) -> tuple[list[Features], list[list[Evidence]], dict[int, Evidence] | None, list[str]]:
    """Features and evidence of every block: text heuristics, the user's rules, then (HTML) the
    story container, each block's surroundings and the DOM heuristics. Also returns the rules
    that fired and the class/id values of <body> and the container's wrappers."""
    blocks = read.blocks
    feats, evidence = _text_evidence(blocks, stopwords(lang), (lang or "") in UNSPACED)
    fired = None
    if rules is not None:
        fired = rules.add_evidence(blocks, evidence, url,
                                   *((read.root, read.elements) if read.elements is not None else (None, None)),
                                   lowered=[f.lower for f in feats])
    outer: list[str] = []
    if read.elements is not None:
        container = find_story_container(blocks, feats, evidence, read.elements)
        assign_paths(blocks, read.elements, container)
        dom_evidence(blocks, feats, evidence)
        outer = [read.elements.names.get(e, "") for e in (0, *container)]
    return feats, evidence, fired, outer


def _label(read: _Read, feats: list[Features], evidence: list[list[Evidence]], page: PageType,
           url: str | None, rules: Rules | None, fired: dict[int, Evidence] | None) -> int | None:
    """Label every block: score, decide in context, the page type's strategy, then the user's
    rules, which have the last word. Returns the title block's index."""
    scored = score_page(read.blocks, feats, evidence)
    lean = LEANS["balanced"] if rules is None else LEANS[rules.precision]
    _, _, title_index = decide(scored, read.hints, lean)
    apply_strategy(page.type, page.confidence, scored, read.tags, has_address=url is not None)
    join_container(scored, lean, title_index)  # leaning to recall: again, the strategy may narrow the body
    if rules is not None:
        rules.enforce(read.blocks, fired)
    return title_index


def _article(title: str, paragraphs: list[str], language: str | None, blocks: list[Block], kind: str,
             url: str | None, reason: str | None, meta: Metadata) -> Article:
    """The Article with its metadata; the declared headline replaces the chosen block's text only
    where the page's titles agree on it (the block keeps its label), and the page's canonical
    address stands in for a missing ``url``."""
    return Article(
        meta.title or title, paragraphs, _iso639_1(language), blocks, kind, url or meta.canonical_url, reason=reason,
        author=meta.author, date=meta.date, date_modified=meta.date_modified, site_name=meta.site_name,
        description=meta.description, canonical_url=meta.canonical_url, image=meta.image,
        tags=list(meta.tags), license=meta.license,
    )
