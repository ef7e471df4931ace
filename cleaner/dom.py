"""DOM evidence for HTML blocks: find the story container (the element that holds the story),
then name each block's surroundings (tags and class/id tokens) without the wrappers of the
story itself, and say whether the block sits in the container.

Why the container matters: a page often wraps its story in elements whose names say nothing about
one paragraph (``<div class="page has-sidebar related-posts-enabled">``). Tokens of the story's
own ancestors are therefore ignored; tokens of boxes beside or inside the story (an ``<aside>``,
a ``<figure>``, a ``div.related``) are kept.
"""
from __future__ import annotations

import re
from itertools import compress, count
from operator import attrgetter, itemgetter

from .rules import vocabulary as vocab
from .rules.evidence import Evidence
from .features import Features
from .model import Block
from .segment import _CAMEL, MAX_ANCESTORS, ElementTable, tokens

#: Tags worth remembering in a block's surroundings (the DOM heuristics read them).
PATH_TAGS = frozenset({
    "nav", "footer", "header", "aside", "figure", "figcaption", "form", "li", "table", "blockquote",
    "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "a", "caption", "menu", "time",
    "address", "pre", "dl", "label",
})
#: "<tag" as a one-name set per path tag, for extending a chain's tag set without building one.
_TAG_NAMES = {tag: frozenset({"<" + tag}) for tag in PATH_TAGS}
#: Tokens are read from this many nearest ancestors only: far wrappers say nothing of a block.
TOKEN_DEPTH = 6
#: A paragraph counts toward the container when it has this many words of sentence-shaped text ...
CONTAINER_MIN_WORDS = 15
#: ... at most this link density (a teaser's summary is linked) ...
CONTAINER_MAX_LINKS = 0.3
#: ... and counts its words up to this many (one huge block must not decide alone).
CONTAINER_MAX_PARAGRAPH_WORDS = 120
#: Share of a paragraph's weight given to its parent, grandparent, ... (readability's idea).
CONTAINER_DECAY = (1.0, 0.5, 0.3, 0.2)
#: Climb from the container to its parent when the parent holds this much more story-like text
#: (the story is split across siblings: lead paragraph, body, second page of body).
CONTAINER_CLIMB_RATIO = 1.4
_FIRST_WORD = re.compile(r"[^a-z0-9]*([a-z0-9]*)", re.IGNORECASE)
#: Boxes beside the story, by tag and by the first word of a class/id value ("comment-list",
#: "sidebar-area", "footer__copy"; not "category-community", "has-sidebar", "header-footer-group",
#: which describe what a page or post has): paragraphs inside one (within the TOKEN_DEPTH nearest
#: elements) do not say where the story is, or a long comment thread, sidebar widget, legal
#: footer or popup becomes the story's container and hides its own name.
BOX_TAGS = frozenset({"aside", "footer", "nav"})
BOX_TOKENS = vocab.COMMENT_TOKENS | {"sidebar", "footer", "colophon", "dialog", "popup", "overlay", "login"}
_MAIN_ONLY = frozenset({"main"})
_LABEL = itemgetter(0)  # Evidence.label
_WORDS = attrgetter("words")  # Features.words


def _noisy(evidence: list[Evidence]) -> bool:
    """Whether a block's evidence (text heuristics, user rules) is for a label other than "main":
    boilerplate vocabulary found in it."""
    return not _MAIN_ONLY.issuperset(map(_LABEL, evidence))  # in C: no generator per block


def _good_weight(f: Features, evidence: list[Evidence]) -> float:
    """How much a paragraph says the elements around it hold the story (0: nothing)."""
    if f.words < CONTAINER_MIN_WORDS or not f.terminal or f.link_density > CONTAINER_MAX_LINKS or _noisy(evidence):
        return 0.0
    return float(min(f.words, CONTAINER_MAX_PARAGRAPH_WORDS))


def _box_name(names: str) -> bool:
    """Whether a class/id value starts with the name of a box (see BOX_TOKENS)."""
    return any(_FIRST_WORD.match(_CAMEL.sub(" ", v)).group(1).lower() in BOX_TOKENS
               for v in names.split())


def _boxed(b: Block, elements: ElementTable, cache: dict[int, bool]) -> bool:
    """Whether one of the block's nearest elements (short of <body>) is a comment thread,
    sidebar or footer."""
    for eid in b.ancestors[-TOKEN_DEPTH:]:
        hit = cache.get(eid)
        if hit is None:
            tag = elements.tags[eid]
            hit = cache[eid] = tag in BOX_TAGS or (tag not in ("body", "html") and _box_name(elements.names[eid]))
        if hit:
            return True
    return False


def find_story_container(blocks: list[Block], feats: list[Features], evidence: list[list[Evidence]],
                         elements: ElementTable) -> tuple[int, ...]:
    """Ancestor chain (outermost first) of the element most likely to hold the story; () if none.

    A block whose text heuristics found boilerplate vocabulary (``evidence`` for a label other
    than "main": a long legal notice or cookie banner must not pull the container into the page
    footer) does not count; nor do paragraphs in boxes beside the story (comments, sidebar, footer).
    """
    score: dict[int, float] = {}
    counted: list[tuple[float, tuple[int, ...]]] = []  # (weight, chain) of the paragraphs that count
    cache: dict[int, bool] = {}
    # most blocks are too short to count: the others are picked out in C, no Python step per block
    for i in compress(count(), map(CONTAINER_MIN_WORDS.__le__, map(_WORDS, feats))):
        w = _good_weight(feats[i], evidence[i])
        if not w or _boxed(blocks[i], elements, cache):  # boxes are looked up for counting paragraphs only
            continue
        chain = blocks[i].ancestors[:-1]  # the block's own element is not a container of the story
        counted.append((w, chain))
        for depth, eid in enumerate(reversed(chain[-len(CONTAINER_DECAY):])):
            score[eid] = score.get(eid, 0.0) + w * CONTAINER_DECAY[depth]
    if not score:
        return ()
    best = max(score, key=lambda e: (score[e], -e))
    # the chain down to it of the first paragraph it scored for
    chain = next(c[: c.index(best) + 1] for _, c in counted if best in c[-len(CONTAINER_DECAY):])
    while len(chain) > 1 and _mass(chain[-2], counted) >= CONTAINER_CLIMB_RATIO * _mass(chain[-1], counted):
        chain = chain[:-1]
    return chain


def _mass(eid: int, counted: list[tuple[float, tuple[int, ...]]]) -> float:
    """The weight of the counted paragraphs inside an element (whole numbers: summed exactly in
    any order); read only for the few elements the container climbs through."""
    return sum(w for w, chain in counted if eid in chain)


def _surroundings(chain: tuple[int, ...], elements: ElementTable, wrappers: set[int],
                  memo: dict[int, tuple[frozenset[str], tuple[str, ...]]],
                  ) -> tuple[frozenset[str], tuple[str, ...]]:
    """What a block's chain says, wrappers left out: "<tag" names of its elements whose tag is in
    PATH_TAGS, and the class/id values of its TOKEN_DEPTH nearest elements (outermost first).

    Memoised by element: a chain shorter than MAX_ANCESTORS is its last element's ancestors
    from the top, so each block's chain extends one already seen by an element or two.
    """
    tag_of, names_of = elements
    if len(chain) >= MAX_ANCESTORS:  # possibly cut at the top: not a prefix of other chains
        kept = [e for e in chain if e not in wrappers]
        return (frozenset("<" + tag_of[e] for e in kept if tag_of[e] in PATH_TAGS),
                tuple(names_of[e] for e in kept[-TOKEN_DEPTH:]))
    known = len(chain)
    while known and chain[known - 1] not in memo:
        known -= 1
    tags, near = memo[chain[known - 1]] if known else (frozenset(), ())
    for eid in chain[known:]:
        if eid not in wrappers:
            tag, names = tag_of[eid], names_of[eid]
            if tag in PATH_TAGS:
                tags = tags | _TAG_NAMES[tag]
            # the window slides by one: cheaper than unpacking into a new tuple and slicing it
            near = near[1:] + (names,) if len(near) == TOKEN_DEPTH else near + (names,)
        memo[eid] = tags, near
    return tags, near


def assign_paths(blocks: list[Block], elements: ElementTable, container: tuple[int, ...]) -> None:
    """Set each block's ``path`` (tags as "<tag", plus class/id tokens), skipping the story
    container's own ancestors, and whether it sits in the container (``in_story_container``;
    None on a page without one). ``container``: :func:`find_story_container`'s chain."""
    wrappers = set(container)
    memo: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}  # see _surroundings
    cache: dict[str, frozenset[str]] = {}  # by attribute values: menus repeat one class per item
    paths: dict[tuple, frozenset[str]] = {}  # by surroundings: so do their items' blocks
    container_id = container[-1] if container else None
    for b in blocks:
        tags, near = _surroundings(b.ancestors, elements, wrappers, memo)
        key = (tags, near)
        path = paths.get(key)
        if path is None:
            toks = []
            for names in near:
                if names:
                    found = cache.get(names)
                    if found is None:
                        found = cache[names] = tokens(names)
                    toks.append(found)
            path = paths[key] = tags.union(*toks)
        b.path = path
        if container_id is not None:
            b.in_story_container = container_id in b.ancestors
