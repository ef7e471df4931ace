"""The HTML walk's bookkeeping, checked against a plain reading of the pruned tree."""
from __future__ import annotations

import random
import sys

from lxml import etree

from cleaner.segment import (
    MAX_ANCESTORS,
    NAMING_ATTRIBUTES,
    _norm,
    parse_html,
    segment_html,
)

_TAGS = ("div", "p", "span", "a", "b", "li", "ul", "section", "td", "tr", "table", "h2", "img", "br")
_ATTRIBUTES = ("class", "id", "role", "itemprop", "href", "title", "data-x", "alt")
_WORDS = ("", " ", "news", "Storm hits the coast", "  two  words ", "menu", "Mehr lesen")


def _random_markup(rng: random.Random) -> str:
    """Nested markup of random tags, attributes and text; now and then inside more than
    MAX_ANCESTORS wrappers (blocks then keep only their nearest ancestors)."""
    wrappers = rng.choice((0, 0, MAX_ANCESTORS + 5))
    out = [f'<div class="w{i % 3}">' for i in range(wrappers)]
    depth_cap = rng.choice((4, 12, 40))
    open_tags: list[str] = []
    for _ in range(rng.randint(1, 120)):
        move = rng.random()
        if move < 0.45 and len(open_tags) < depth_cap:
            tag = rng.choice(_TAGS)
            attrs = "".join(f' {a}="{rng.choice(_WORDS)}"' for a in rng.sample(_ATTRIBUTES, rng.randint(0, 3)))
            out.append(f"<{tag}{attrs}>")
            open_tags.append(tag)
        elif move < 0.7 and open_tags:
            out.append(f"</{open_tags.pop()}>")
        else:
            out.append(rng.choice(_WORDS))
    return "<html><body>" + "".join(out) + "</body></html>"


def _reference_table(root: etree._Element) -> list[tuple[str, str]]:
    """(tag, naming values) of every element the walk numbers, in its order (document order)."""
    body = root.find("body")
    start = body if body is not None else root
    return [(el.tag, " ".join(v for k, v in el.items() if k in NAMING_ATTRIBUTES and v))
            for el in start.iter(etree.Element)]


def test_element_table_names_every_element_that_holds_a_block():
    """The table is filled while the walk runs (elements read while open); every id a block's
    ancestors hold must carry that element's tag and class/id/role/itemprop values."""
    rng = random.Random(11)
    checked = 0
    for _ in range(3000):
        root = parse_html(_random_markup(rng))
        blocks, elements = segment_html(root)  # prunes the tree in place; the walk reads it after
        reference = _reference_table(root)
        for b in blocks:
            for eid in b.ancestors:
                assert (elements.tags[eid], elements.names[eid]) == reference[eid]
                checked += 1
    assert checked > 10_000


def test_every_whitespace_character_but_the_space_is_unprintable():
    """_norm returns printable text with single inner spaces as it is: that is only the same as
    splitting and joining it if str.split splits at no printable character but the space."""
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if c.isspace() and c != " ":
            assert not c.isprintable(), hex(cp)


def test_norm_collapses_whitespace_like_split_and_join():
    rng = random.Random(5)
    pieces = ("a", "word", " ", "  ", "\n", "\t", "\xa0", "\u2009", "\u3000", "\x85", "\u200b", "\xad", "é", "")
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _norm(text) == " ".join(text.split())


def test_tokens_match_the_regex_definition_on_any_value():
    """tokens() splits ASCII values without the regex engine; its tokens must stay the regex's:
    lower-cased runs of two or more a-z/0-9 after the camelCase split, for any characters."""
    import re

    from cleaner.segment import tokens

    token, camel = re.compile(r"[a-z0-9]{2,}"), re.compile(r"(?<=[a-z])(?=[A-Z])")
    alphabet = [chr(i) for i in range(128)] + list("\u212a\u0130\xe9\xc9\u03a3\xa0\u2028\x85\uff21")
    rng = random.Random(7)
    for _ in range(20_000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        expected = frozenset(token.findall(camel.sub(" ", value).lower()))
        assert tokens(value) == expected, repr(value)


def test_blocks_are_numbered_by_their_place_with_or_without_table_cells():
    """The row merge is skipped on a page without cells (its own precondition): either way each
    block's index is its place, and only a page with cells has merged rows."""
    rng = random.Random(11)
    for _ in range(300):
        blocks, _ = segment_html(parse_html(_random_markup(rng)))
        assert [b.index for b in blocks] == list(range(len(blocks)))
        if not any(b.tag in ("td", "th", "tr") for b in blocks):
            assert not any(b.cells for b in blocks)


def test_story_container_climbs_to_the_parent_of_a_story_split_across_siblings():
    """A story whose paragraphs sit in two sibling boxes has their parent as container (the
    parent holds 1.4x the mass of either box), and blocks in both boxes are inside it; a long
    paragraph in a comment box beside them does not count."""
    from cleaner import clean

    sentence = "The council met on Tuesday to weigh the new plan for the harbour and its old quay walls. "
    html = (
        "<html><body><div id='page'><div id='story'>"
        f"<div class='lead'><p>{sentence * 2}</p></div>"
        f"<div class='body'><p>{sentence * 2}</p><p>{sentence * 2}</p></div>"
        f"</div><div class='comments'><p>{sentence * 3}</p></div></div></body></html>"
    )
    article = clean(html, kind="html")
    story = [b for b in article.blocks if b.text.startswith("The council")]
    assert len(story) == 4
    assert [b.in_story_container for b in story] == [True, True, True, False]
