"""The renderer: Markdown parsed back with a CommonMark parser (markdown-it-py, GFM tables on)
has the page's structure, and story text that looks like markup comes back as the same text;
the HTML output parses to the same structure; structure fields never change a block's text."""
from __future__ import annotations

import html as html_lib
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree
from markdown_it import MarkdownIt

import cleaner
from cleaner import clean
from cleaner.article import Article
from cleaner.render import md_escape, render, to_html, to_markdown
from cleaner.segment import parse_html, segment_html, segment_text

MD = MarkdownIt("commonmark").enable("table")


def article_of(html: str, *, url: str | None = None, links: bool = False, images: bool = False,
               title: str = "") -> Article:
    """Every block of the page as story text (no decision): tests the segmenter and renderer."""
    blocks, _ = segment_html(parse_html(html), links=links, images=images)
    for b in blocks:
        b.label = "main"
    return Article(title, [b.text for b in blocks], "en", blocks, "html", url)


def inline_text(token) -> str:
    """The text a reader sees in an inline token: text, code spans and line breaks."""
    return "".join(c.content if c.type in ("text", "code_inline") else " " if "break" in c.type else ""
                   for c in token.children or [])


def structure(md: str) -> list[tuple]:
    """The Markdown's blocks as tuples: ("h", level, text), ("li", depth, ordered, text),
    ("row", header, cells), ("code", lang, content), ("quote", text), ("p", text)."""
    out, lists, quote, row, in_head = [], [], 0, None, False
    tokens = MD.parse(md)
    for i, t in enumerate(tokens):
        if t.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(t.type.startswith("ordered"))
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t.type == "blockquote_open":
            quote += 1
        elif t.type == "blockquote_close":
            quote -= 1
        elif t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            out.append(("row", in_head, tuple(row)))
            row = None
        elif t.type == "fence":
            out.append(("code", t.info, t.content))
        elif t.type == "inline":
            text, opener = inline_text(t), tokens[i - 1]
            if row is not None:
                row.append(text)
            elif opener.type == "heading_open":
                out.append(("h", int(opener.tag[1]), text))
            elif lists and tokens[i - 2].type == "list_item_open":
                out.append(("li", len(lists), lists[-1], text))
            elif quote:
                out.append(("quote", text))
            else:
                out.append(("p", text))
    return out


# ---- Markdown structure ----

def test_headings_keep_the_pages_levels():
    md = to_markdown(article_of("<h1>Top story title</h1><p>Intro text here.</p><h2>Section two</h2>"
                                "<h3>Part three</h3><h6>Small print heading</h6>", title="The title"))
    assert structure(md) == [("h", 1, "The title"), ("h", 1, "Top story title"), ("p", "Intro text here."),
                             ("h", 2, "Section two"), ("h", 3, "Part three"), ("h", 6, "Small print heading")]


def test_nested_and_ordered_lists():
    html = ("<ul><li>First point</li><li>Second point<ul><li>Inner point</li><li>Inner two"
            "<ol><li>Deep step one</li><li>Deep step two</li></ol></li></ul></li><li>Third point</li></ul>"
            "<p>Between the lists.</p><ol><li>Step one</li><li>Step two</li></ol>")
    assert structure(to_markdown(article_of(html))) == [
        ("li", 1, False, "First point"), ("li", 1, False, "Second point"), ("li", 2, False, "Inner point"),
        ("li", 2, False, "Inner two"), ("li", 3, True, "Deep step one"), ("li", 3, True, "Deep step two"),
        ("li", 1, False, "Third point"), ("p", "Between the lists."),
        ("li", 1, True, "Step one"), ("li", 1, True, "Step two"),
    ]


def test_an_items_paragraphs_stay_in_its_item():
    md = to_markdown(article_of("<ol><li><p>Mix the flour.</p><p>Then rest it an hour.</p></li>"
                                "<li><p>Bake it.</p></li></ol>"))
    tokens = MD.parse(md)
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 2 and structure(md)[0] == ("li", 1, True, "Mix the flour.")
    second_para = [t for t in tokens if t.type == "inline" and t.content == "Then rest it an hour."]
    assert second_para and second_para[0].level == 3  # inside the first list item, not after the list


def test_a_heading_inside_list_items_is_a_heading_and_titles_its_items_text():
    art = article_of("<ol><li><h3>Knead the dough</h3><p>Ten minutes by hand, until smooth.</p>"
                     "<ul><li>Flour the board first.</li><li>Keep the rest covered.</li></ul></li>"
                     "<li><h3>Let it rise</h3><p>An hour in a warm place, covered.</p></li></ol>"
                     "<ul><li><h2>Pick one of the boards</h2></li></ul>")
    md = to_markdown(art)
    assert structure(md) == [
        ("h", 3, "Knead the dough"), ("p", "Ten minutes by hand, until smooth."),
        ("li", 1, False, "Flour the board first."), ("li", 1, False, "Keep the rest covered."),
        ("h", 3, "Let it rise"), ("p", "An hour in a warm place, covered."),
        ("h", 2, "Pick one of the boards"),
    ]
    assert all(t.type != "ordered_list_open" for t in MD.parse(md))  # no card numbered "1." anew
    doc = etree.fromstring(to_html(art).encode(), etree.HTMLParser())
    assert [len(ul) for ul in doc.iter("ul")] == [2]  # the two nested items stay one list in HTML
    assert [h.text for h in doc.iter("h3")] == ["Knead the dough", "Let it rise"]


def test_table_with_a_marked_header_row_and_cells_kept():
    html = ("<table><thead><tr><th>Team</th><th>Points</th></tr></thead><tbody>"
            "<tr><td>Harbour | Rovers</td><td>12</td></tr><tr><td><p>Hill</p><p>United</p></td><td>9</td></tr>"
            "</tbody></table>")
    assert structure(to_markdown(article_of(html))) == [
        ("row", True, ("Team", "Points")), ("row", False, ("Harbour | Rovers", "12")),
        ("row", False, ("Hill United", "9")),
    ]


def test_table_without_header_uses_its_first_row_and_pads_short_rows():
    html = "<table><tr><td>Alpha</td><td>1</td><td>x</td></tr><tr><td>Beta</td><td>2</td></tr></table>"
    assert structure(to_markdown(article_of(html))) == [
        ("row", True, ("Alpha", "1", "x")), ("row", False, ("Beta", "2", "")),
    ]


def test_one_column_and_layout_tables_are_paragraphs():
    long = "Story paragraph that fills the page. " * 50
    html = (f"<table><tr><td><h2>Layout heading</h2><p>{long}</p></td><td>Side</td></tr></table>"
            "<table><tr><td>Only cell one</td></tr><tr><td>Only cell two</td></tr></table>")
    kinds = [s[0] for s in structure(to_markdown(article_of(html)))]
    assert "row" not in kinds and kinds[0] == "h"


def test_code_keeps_line_breaks_indentation_and_language():
    code = "def area(r):\n    if r < 0:\n        raise ValueError(r)\n\n    return 3.14 * r * r"
    html = f'<p>Example:</p><pre><code class="language-python">{code}\n</code></pre>'
    assert structure(to_markdown(article_of(html)))[1] == ("code", "python", code + "\n")


def test_a_line_number_gutter_beside_code_is_not_rendered_as_code():
    gutter = "<td class='gutter'><pre>1\n2\n3</pre></td>"
    html = (f"<p>The loop:</p><table><tr>{gutter}<td class='code'><pre>for i in range(3):\n"
            "    total += i\nprint(total)</pre></td></tr></table>"
            "<pre>10\n20\n40</pre>")  # numbers that do not count up by one are content
    art = article_of(html)
    assert [s for s in structure(to_markdown(art)) if s[0] == "code"] == [
        ("code", "", "for i in range(3):\n    total += i\nprint(total)\n"), ("code", "", "10\n20\n40\n")]
    assert "1 2 3" in art.paragraphs  # the body keeps every main block; only the Markdown leaves it out


@pytest.mark.parametrize("html, lang", [
    ('<pre class="lang-js">let a = 1;\nlet b = 2;</pre>', "js"),
    ('<div class="highlight highlight-source-python"><pre>x = 1\ny = 2</pre></div>', "python"),
    ('<div class="highlight-ruby notranslate"><div class="highlight"><pre>a = 1\nb = 2</pre></div></div>', "ruby"),
    ('<pre class="brush: sql">SELECT 1;\nSELECT 2;</pre>', "sql"),
    ('<pre><code class="language-none">plain one\nplain two</code></pre>', ""),
])
def test_code_language_from_its_classes(html, lang):
    (kind, info, _), = structure(to_markdown(article_of(html)))
    assert (kind, info) == ("code", lang)


def test_highlighted_code_split_by_elements_is_one_block():
    html = ('<pre><div class="line"><span class="k">for</span> x in y:</div>'
            '<div class="line"><span>    </span><span>print(x)</span></div></pre>'
            "<pre>first line<br>second line<br>  third</pre>")
    assert structure(to_markdown(article_of(html))) == [
        ("code", "", "for x in y:\n    print(x)\n"), ("code", "", "first line\nsecond line\n  third\n"),
    ]


@pytest.mark.parametrize("pre, code", [
    # empty lines written as <br>s: a pasted snippet, an editor's line <div>s holding a lone <br>
    ("<pre>import os<br><br>print(os.sep)</pre>", "import os\n\nprint(os.sep)\n"),
    ('<pre><div class="cm-line">def f():<br></div><div class="cm-line"><br></div>'
     '<div class="cm-line">    return 1<br></div></pre>', "def f():\n\n    return 1\n"),
    ("<pre>a = 1<br>\nb = 2</pre>", "a = 1\n\nb = 2\n"),  # a <br> then a newline: two line breaks
    # a line that ends in its own newline before a line <div> is one line break, not two
    ("<pre>&gt;&gt;&gt; session.commit()\n<div class='sql'>COMMIT\n</div></pre>", ">>> session.commit()\nCOMMIT\n"),
])
def test_code_keeps_its_empty_lines_and_no_more(pre, code):
    art = article_of(f"<p>Run this:</p>{pre}<p>Then read on.</p>")
    assert structure(to_markdown(art))[1] == ("code", "", code)
    assert "<br>" not in to_html(art) and code.rstrip("\n") in html_lib.unescape(to_html(art))


def test_code_holding_backticks_gets_a_longer_fence():
    html = "<pre>Use ```fences``` like\nthis ``` one</pre>"
    assert structure(to_markdown(article_of(html))) == [("code", "", "Use ```fences``` like\nthis ``` one\n")]


def test_quotes_hold_their_paragraphs():
    html = "<p>He said:</p><blockquote><p>First quoted line.</p><p>Second quoted line.</p></blockquote><p>After.</p>"
    md = to_markdown(article_of(html))
    assert structure(md) == [("p", "He said:"), ("quote", "First quoted line."), ("quote", "Second quoted line."),
                             ("p", "After.")]
    assert sum(t.type == "blockquote_open" for t in MD.parse(md)) == 1


def test_text_input_infers_headings_and_list_items():
    text = ("Harbour Works Begin Next Month\n\n"
            "The council agreed on Tuesday to repair the harbour wall before the winter storms arrive, "
            "after residents asked for the work to start.\n\n"
            "- New stone facing on the north side\n\n1. Dredging the inner basin\n\n"
            "a short lower-case line\n\nAnother paragraph that is long enough to follow a heading but the "
            "line before it is not title case at all.")
    blocks = segment_text(text)
    for b in blocks:
        b.label = "main"
    art = Article("", [b.text for b in blocks], "en", blocks, "text")
    assert structure(to_markdown(art)) == [
        ("h", 2, "Harbour Works Begin Next Month"), ("p", blocks[1].text),
        ("li", 1, False, "New stone facing on the north side"), ("li", 1, True, "Dredging the inner basin"),
        ("p", "a short lower-case line"), ("p", blocks[5].text),
    ]
    assert [b.text for b in blocks][2] == "- New stone facing on the north side"  # text itself unchanged


# ---- escaping: story text is never read as markup ----

MARKUP_LOOKALIKES = [
    "* Note: this is not a bullet", "# Not a heading", "1. Not a list item", "2024. A year to remember",
    "> not a quote", "- not a dash item", "+ not a plus item", "---", "***", "___", "`not code`",
    "**not bold** and *not italic*", "_not emphasis_ but snake_case stays", "__init__ and __main__",
    "[not a link](http://x.example)", "![not an image](x.png)", "<b>not html</b> <!-- nor a comment -->",
    "&copy; &#169; stay entities as typed", "~~not struck~~", "a | b | c", "back\\slash \\* and \\",
    "1) not a list either", "=== not a setext line", "<http://not.autolink.example>",
]


@pytest.mark.parametrize("text", MARKUP_LOOKALIKES)
def test_markup_lookalikes_come_back_as_text(text):
    art = Article("", [text], "en", [], "text")  # no blocks: the paragraph fallback
    assert structure(to_markdown(art)) == [("p", text)]
    html = f"<h2>{_html(text)}</h2><ul><li>{_html(text)}</li></ul><table><tr><td>{_html(text)}</td><td>x</td></tr></table>"
    got = structure(to_markdown(article_of(html)))
    assert got[0] == ("h", 2, text) and got[2] == ("row", True, (text, "x"))
    assert got[1][3] == text or text[:1] in "-+*1" and text.endswith(got[1][3])  # an own marker leads the item


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_ *#-+>|`[]()!<&;~\\.=:/")), min_size=1, max_size=30))
def test_any_text_escapes_to_itself(raw):
    text = " ".join(raw.split())
    if not text:
        return
    assert structure(md_escape(text)) == [("p", text)]
    cell = md_escape(text, "cell")
    assert structure(f"| {cell} | x |\n|---|---|\n") == [("row", True, (text, "x"))]
    assert structure("## " + md_escape(text, "heading")) == [("h", 2, text)]


def test_markdown_text_content_equals_the_story_text():
    html = ("<h2>Why * matters</h2><p>Price: $5 * 3 = $15 [approx] and 1_000 units.</p>"
            "<ul><li>> quoted-looking item</li></ul><blockquote><p># hashtag quote</p></blockquote>")
    art = article_of(html)
    got = [s[-1] for s in structure(to_markdown(art))]
    assert got == [b.text for b in art.blocks]


# ---- links and images on request ----

def test_links_resolved_against_the_url_only_when_asked():
    html = '<p>Read <a href="/report.pdf">the full report</a> and <a href="https://b.example/x?a=1&amp;b=2">this</a>.</p>'
    off = article_of(html, url="https://news.example/a/b")
    assert off.blocks[0].links == () and "](" not in to_markdown(off)
    on = article_of(html, url="https://news.example/a/b", links=True)
    tokens = MD.parse(to_markdown(on))
    hrefs = [c.attrs["href"] for t in tokens if t.type == "inline" for c in t.children if c.type == "link_open"]
    assert hrefs == ["https://news.example/report.pdf", "https://b.example/x?a=1&b=2"]
    assert structure(to_markdown(on)) == [("p", on.blocks[0].text)]
    assert '<a href="https://news.example/report.pdf">the full report</a>' in to_html(on)


def test_images_with_their_captions_only_when_asked():
    html = ('<p>Before the photo, a paragraph of the story.</p><figure><img src="/p/harbour.jpg" alt="The harbour wall at dusk">'
            "<figcaption>The wall was built in 1890.</figcaption></figure>"
            '<figure><img src="/p/boat.jpg" alt=""><figcaption>A boat in the basin.</figcaption></figure>'
            "<p>After the photo, more of the story.</p>")
    plain = clean(html, kind="html", url="https://news.example/s/1")
    assert "![" not in to_markdown(plain)
    art = article_of(html, url="https://news.example/s/1", images=True)
    for b in art.blocks:  # as the decision labels them: images and captions are not story text
        if b.image or b.tag == "figcaption":
            b.label = "caption"
    art.paragraphs = [b.text for b in art.blocks if b.label == "main"]
    tokens = MD.parse(to_markdown(art))
    images = [(c.attrs["src"], inline_text(c)) for t in tokens if t.type == "inline" for c in t.children if c.type == "image"]
    assert images == [("https://news.example/p/harbour.jpg", "The harbour wall at dusk"),
                      ("https://news.example/p/boat.jpg", "")]
    assert ("p", "The wall was built in 1890.") in structure(to_markdown(art))
    assert ("p", "A boat in the basin.") in structure(to_markdown(art))


# ---- HTML ----

def test_html_document_has_the_same_structure_and_escapes_text():
    html = ('<h2>Results &lt;script&gt;</h2><ul><li>One<ul><li>Inner</li></ul></li><li>Two</li></ul>'
            "<table><thead><tr><th>A</th><th>B</th></tr></thead><tr><td>1</td><td>2</td></tr></table>"
            '<pre><code class="language-sh">echo "&lt;hi&gt;"\nls</code></pre><blockquote><p>Quoted.</p></blockquote>')
    doc = etree.fromstring(to_html(article_of(html, title="A & B")).encode(), etree.HTMLParser())
    assert doc.findtext(".//title") == "A & B" and doc.findtext(".//h1") == "A & B"
    assert doc.findtext(".//h2") == "Results <script>" and doc.find(".//script") is None
    assert [li.text.strip() for li in doc.iter("li")] == ["One", "Inner", "Two"]
    assert doc.find(".//ul/li/ul/li").text.strip() == "Inner"
    assert [th.text for th in doc.iterfind(".//thead//th")] == ["A", "B"]
    assert [td.text for td in doc.iterfind(".//tbody//td")] == ["1", "2"]
    code = doc.find(".//pre/code")
    assert code.get("class") == "language-sh" and code.text == 'echo "<hi>"\nls'
    assert doc.findtext(".//blockquote/p") == "Quoted."


# ---- text, JSON and the surfaces ----

def test_structure_never_changes_block_text():
    html = ("<pre>  a = 1\n\n    b = 2  </pre><table><tr><td>x  y</td><td>z</td></tr></table>"
            "<ul><li>item\n one</li></ul>")
    for links, images in ((False, False), (True, True)):
        blocks, _ = segment_html(parse_html(html), links=links, images=images)
        assert [b.text for b in blocks] == ["a = 1 b = 2", "x y | z", "item one"]
        assert blocks[0].code == "  a = 1\n\n    b = 2  " and blocks[1].cells == ("x y", "z")


def test_txt_is_the_plain_body_and_json_carries_structured_blocks():
    art = article_of("<h2>Sub heading</h2><table><tr><th>k</th><th>v</th></tr></table><pre>x\n y</pre>")
    assert render(art, "txt") == "Sub heading\n\nk | v\n\nx y\n"
    rec = json.loads(render(art, "jsonl", blocks=True))
    heading, row, code = rec["blocks"]
    assert heading["level"] == 2 and row["cells"] == ["k", "v"] and row["header"] is True
    assert code["code"] == "x\n y" and "level" not in code
    assert render(art, "md") == to_markdown(art) and render(art, "html") == to_html(art)
    assert cleaner.to_markdown is to_markdown and cleaner.to_html is to_html  # the package face


def test_clean_command_formats_and_links(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><article><h1>Harbour wall repairs agreed</h1>"
                    + "".join(f"<p>On day {n} the council met and agreed to repair the harbour wall before the "
                              f"storms, <a href='/minutes/{n}'>the minutes</a> say, after residents asked for it.</p>"
                              for n in range(4))
                    + "<ol><li>Survey the wall in spring</li><li>Repair the stones in summer</li></ol>"
                    "</article></body></html>", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_TEST_SLEEP"}

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(page), *args],
                              capture_output=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.decode()

    md = run("--format", "md", "--links", "--url", "https://town.example/news/1")
    assert ("li", 1, True, "Survey the wall in spring") in structure(md)
    assert "[the minutes](https://town.example/minutes/2)" in md
    assert "<ol>" in run("--format", "html") and "](" not in run("--format", "md")
    assert json.loads(run("--format", "jsonl"))["title"] == "Harbour wall repairs agreed"


def test_article_methods_are_the_one_renderer():
    """article.to_markdown()/to_html() (the library's calls) give what render, batch and clean print."""
    art = article_of("<h1>Top story title</h1><p>Intro text here, a sentence long enough.</p>"
                     "<ul><li>first point</li><li>second point</li></ul>")
    assert art.to_markdown() == to_markdown(art) == render(art, "md")
    assert art.to_html() == to_html(art) == render(art, "html")
