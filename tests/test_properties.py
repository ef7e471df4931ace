"""Property-based tests: on generated HTML, text and raw bytes the cleaner never raises anything
but CleanerError, only returns text that is in the input, and answers the same way twice.

The strategies here are shared with ``benchmarks/fuzz.py``, which runs them (and byte-level
mutations of real pages) for minutes instead of seconds.
"""
from __future__ import annotations

import html as html_lib
import json
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Article, CleanerError, clean
from cleaner.decode import clean_text

#: Examples per property in the normal test run; the fuzzer raises this by orders of magnitude.
CI_EXAMPLES = 60
CI_SETTINGS = settings(
    max_examples=CI_EXAMPLES, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies ---------------------------------------------------------------------------------

WORDS = (
    "the harbour council voted on Tuesday to approve a new ferry terminal after review residents "
    "said it would replace the old building Read more Share Subscribe newsletter cookies Accept "
    "Home News Sport Contact Copyright 2025 Photo: Reuters naïve café über Straße déjà 東京都 "
    "日本の首都です Привет мир 1,234 — … « » “quoted” ☺ I a"
).split()
#: Entities whose decoding lxml and the standard library agree on.
ENTITIES = ("&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&nbsp;", "&eacute;", "&#8212;", "&#x263A;",
            "&copy;", "&hellip;")
BLOCK_TAGS = ("p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul",
              "ol", "li", "h1", "h2", "h3", "blockquote", "figure", "figcaption", "table", "tr",
              "td", "form", "pre", "dl", "dt", "dd", "center")
INLINE_TAGS = ("span", "a", "b", "i", "em", "strong", "small", "font", "time", "label", "sup")
RAW_TAGS = ("script", "style", "noscript", "template", "textarea", "button", "select")
ATTR_WORDS = ("nav", "menu", "footer", "comment", "comments", "share", "related", "content",
              "article-body", "story", "promo", "cookie-banner", "sidebar", "breadcrumb", "ad",
              "main", "post", "caption", "newsletter", "teaser")

words = st.sampled_from(WORDS)
separators = st.sampled_from([" ", " ", " ", "\n", "  ", "\t", ""])


@st.composite
def text_runs(draw, min_size: int = 1, max_size: int = 14) -> str:
    """Escaped page text: words, entities and whitespace (never a raw '<', '>' or '&')."""
    parts = draw(st.lists(st.one_of(words.map(html_lib.escape), st.sampled_from(ENTITIES)),
                          min_size=min_size, max_size=max_size))
    seps = draw(st.lists(separators, min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@st.composite
def attributes(draw) -> str:
    out = []
    for name in draw(st.lists(st.sampled_from(["class", "id", "role", "itemprop", "hidden", "style",
                                               "href"]), max_size=3, unique=True)):
        if name == "hidden":
            out.append(" hidden")
        elif name == "style":
            out.append(draw(st.sampled_from([' style="display:none"', ' style="color: red"'])))
        elif name == "href":
            out.append(' href="/x?a=1&amp;b=2"')
        else:
            out.append(f' {name}="{" ".join(draw(st.lists(st.sampled_from(ATTR_WORDS), min_size=1, max_size=3)))}"')
    return "".join(out)


void_elements = st.one_of(
    st.just("<br>"), st.just("<hr/>"),
    st.builds(lambda ws: f'<img src="p.jpg" alt="{html_lib.escape(" ".join(ws))}">',
              st.lists(words, min_size=1, max_size=8)),
)
raw_elements = st.builds(
    lambda tag, ws: f"<{tag}>var s = '<div>{' '.join(ws)}</div>';</{tag}>",
    st.sampled_from(RAW_TAGS), st.lists(words, max_size=6),
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """An element around children; sometimes its end tag is missing, as in real pages."""
    return st.builds(
        lambda tag, attrs, kids, closed: f"<{tag}{attrs}>{''.join(kids)}" + (f"</{tag}>" if closed else ""),
        st.sampled_from(BLOCK_TAGS + INLINE_TAGS), attributes(), st.lists(children, max_size=6),
        st.booleans() | st.just(True),
    )


nodes = st.recursive(text_runs() | void_elements | raw_elements, _element, max_leaves=40)


@st.composite
def html_documents(draw) -> str:
    """A page: optional doctype/head/title/meta, then generated body markup."""
    body = "".join(draw(st.lists(nodes, min_size=1, max_size=8)))
    if draw(st.booleans()):
        return body  # a fragment
    title = draw(text_runs(max_size=8))
    head = f"<title>{title}</title>" if draw(st.booleans()) else ""
    if draw(st.booleans()):
        head += f'<meta property="og:title" content="{html_lib.escape(" ".join(draw(st.lists(words, min_size=1, max_size=6))))}">'
    if draw(st.booleans()):
        head += '<meta charset="utf-8">'
    doctype = draw(st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>']))
    return f"{doctype}<html><head>{head}</head><body>{body}</body></html>"


@st.composite
def text_documents(draw) -> str:
    """Flattened text: paragraphs of words separated by blank lines of assorted kinds."""
    paras = draw(st.lists(st.lists(words, min_size=1, max_size=30).map(" ".join), min_size=1, max_size=12))
    seps = draw(st.lists(st.sampled_from(["\n\n", "\n \n", "\r\n\r\n", "\n\n\n", "\n", "\n\t\n"]),
                         min_size=len(paras), max_size=len(paras)))
    return draw(st.sampled_from(["", " ", "\n"])) + "".join(p + s for p, s in zip(paras, seps))


#: Byte strings spliced into pages by :func:`mutated`: markup fragments that confuse parsers.
SPLICES = (b"<", b">", b"</div>", b"<div>" * 300, b"&", b"&#0;", b"&#xD800;", b"\x00", b"\xff",
           b"\xc3", b"<!--", b"]]>", b"<![CDATA[", b"<script>", b"</body>", b"</html>", b"<?xml ?>",
           b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", b"&e;", b"\xef\xbb\xbf",
           b'<meta charset="shift_jis">', b'<meta charset="utf-16">', b"\x1f\x8b")


@st.composite
def mutated(draw, pages: st.SearchStrategy[bytes]) -> bytes:
    """A page after 1-8 random edits: byte flips, cuts, splices of nasty markup, duplications."""
    raw = bytearray(draw(pages))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "splice", "dup"]))
        at = draw(st.integers(0, len(raw)))
        if op == "flip" and at < len(raw):
            raw[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del raw[at:at + draw(st.integers(1, 64))]
        elif op == "splice":
            raw[at:at] = draw(st.sampled_from(SPLICES))
        else:
            raw[at:at] = raw[at:at + draw(st.integers(1, 200))]
    return bytes(raw)


# --- checks -------------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
#: The one piece of text the cleaner adds: segment joins the cells of a table row with it.
CELL_JOINER = " | "
_ATTR_TEXT = re.compile(r"""\b(?:alt|content)\s*=\s*"([^"]*)\"""")


def markup_pieces(markup: str) -> list[str]:
    """The text a page can show, in document order: text between tags, alt/content attributes."""
    pieces = [html_lib.unescape(t) for t in _TAG.split(markup)]
    return pieces + [html_lib.unescape(v) for v in _ATTR_TEXT.findall(markup)]


def _squeeze(text: str) -> str:
    return "".join(clean_text(text).split())


def made_of(text: str, pieces: list[str]) -> bool:
    """True when ``text`` (whitespace ignored) is a run of ``pieces`` in order, some skipped,
    starting and ending anywhere inside a piece: what a block cut from the page's text can be."""
    target = _squeeze(text)
    if not target:
        return True
    reach: set[int] = set()  # offsets of target matched so far, each ending at a piece boundary
    for piece in map(_squeeze, pieces):
        if not piece:
            continue
        if target in piece:
            return True
        new = {len(piece) - k for k in range(1, len(piece)) if target.startswith(piece[k:])}
        if target.startswith(piece):
            new.add(len(piece))
        for o in reach:
            rest = target[o:]
            if rest.startswith(piece):
                new.add(o + len(piece))
            elif piece.startswith(rest):
                return True
        reach |= new
        if len(target) in reach:
            return True
    return False


def outcome(data: str | bytes, **kwargs) -> dict | str:
    """The Article as a dict, or the CleanerError message; any other exception propagates."""
    try:
        art = clean(data, **kwargs)
    except CleanerError as exc:
        assert str(exc), "CleanerError without a message"
        return f"CleanerError: {exc}"
    assert isinstance(art, Article)
    if not art.paragraphs:
        assert art.reason, "empty body without a reason"
    d = art.to_dict()
    json.dumps(d, ensure_ascii=False).encode("utf-8")
    return d


def check_deterministic(data: str | bytes, **kwargs) -> dict | str:
    first = outcome(data, **kwargs)
    assert outcome(data, **kwargs) == first, "same input, different output"
    return first


def from_page(text: str, pieces: list[str]) -> bool:
    """``made_of`` for block text, allowing the table-cell joiner between pieces."""
    return all(made_of(part, pieces) for part in text.split(CELL_JOINER))


def check_html(markup: str) -> None:
    """Properties of a generated page, given as str and as UTF-8 bytes."""
    pieces = markup_pieces(markup)
    for data in (markup, markup.encode("utf-8")):
        got = check_deterministic(data, kind="html")
        assert isinstance(got, dict), got  # generated pages are always readable
        for para in got["text"].split("\n\n"):
            assert from_page(para, pieces), f"paragraph not in the page: {para!r}"
        assert from_page(got["title"], pieces), f"title not in the page: {got['title']!r}"
        for block in got["blocks"]:
            assert from_page(block["text"], pieces), f"block not in the page: {block['text']!r}"


def check_text(text: str) -> None:
    """Properties of flattened text: every paragraph is a substring of the normalized input."""
    norm_input = " ".join(clean_text(text).split())
    got = check_deterministic(text, kind="text")
    assert isinstance(got, dict), got
    for para in [*got["text"].split("\n\n"), got["title"], *(b["text"] for b in got["blocks"])]:
        assert " ".join(para.split()) in norm_input, f"not in the input: {para!r}"


# --- properties ---------------------------------------------------------------------------------

def test_made_of_accepts_cut_blocks_and_rejects_invented_text():
    pieces = ["Hello ", "big", " world", "skipped", "again"]
    assert made_of("Hello big world", pieces)
    assert made_of("lo big wor", pieces)
    assert made_of("Hello world again", pieces)  # "big" skipped: a hidden element in between
    assert not made_of("Hello again world", pieces)  # order changed
    assert not made_of("Hello there", pieces)
    assert not made_of("wor ld", ["world"[::-1]])


@CI_SETTINGS
@given(html_documents())
@example("<p>a &amp; b</p><script>x='<p>c</p>'</script><p>d</p>")
@example("<html><body><p>a</p></body></html><p>after</p>")
@example("the the <td>the the <span>the the <br>the ")  # fuzz: cells joined with " | "
def test_generated_html_only_yields_text_from_the_page(markup):
    check_html(markup)


@CI_SETTINGS
@given(text_documents())
def test_generated_text_only_yields_substrings_of_the_input(text):
    check_text(text)


@CI_SETTINGS
@given(st.text(max_size=2000))
@example("\ud800")
@example("\x00<p>\x00</p>")
@example("<?xml version='1.0' encoding='latin-1'?><p>x</p>")
def test_any_str_gives_an_article_or_cleaner_error(text):
    got = check_deterministic(text)
    assert isinstance(got, dict)  # every str is readable: only bytes can be binary
    got_text = check_deterministic(text, kind="text")
    norm_input = " ".join(clean_text(text).split())
    for para in got_text["text"].split("\n\n"):
        assert " ".join(para.split()) in norm_input


@CI_SETTINGS
@given(st.binary(max_size=4000))
@example(b"\x1f\x8b")
@example(b"\xff\xfe")
@example(b"\x00\x00\xfe\xff\x00")
def test_any_bytes_give_an_article_or_cleaner_error(data):
    check_deterministic(data)


@CI_SETTINGS
@given(html_documents(), st.sampled_from(["cp1252", "iso-8859-1", "shift_jis", "euc-jp", "gb18030",
                                          "koi8-r", "utf-16"]))
def test_pages_in_declared_legacy_encodings_decode_to_the_same_text(markup, codec):
    body = markup.split("<body>", 1)[-1]
    page_text = f'<html><head><meta charset="{codec}"></head><body>{body}</body></html>'
    data = page_text.encode(codec, "xmlcharrefreplace")
    want = check_deterministic(page_text, kind="html")
    assert check_deterministic(data, kind="html") == want


@CI_SETTINGS
@given(mutated(html_documents().map(lambda m: m.encode("utf-8"))))
def test_byte_mutations_of_a_page_never_crash(raw):
    check_deterministic(raw)


def test_fuzz_script_runs_and_reports_a_planted_failure(tmp_path, monkeypatch, capsys):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("fuzz_under_test", path)
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    common = ["--minutes", "0.001", "--round", "10", "--shared", str(tmp_path), "--out", str(tmp_path / "out")]
    assert fuzz.main([*common, "--target", "bytes"]) == 0
    assert not (tmp_path / "out").exists()

    def planted(text):  # a check every generated document fails: it always has a paragraph
        assert not text.strip(), "planted failure"
    monkeypatch.setattr(fuzz.props, "check_text", planted)
    assert fuzz.main([*common, "--target", "text"]) == 1
    assert "planted failure" in (tmp_path / "out" / "text-1.txt").read_text()
