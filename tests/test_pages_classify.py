"""Page types: the classifier's answers and evidence, the caller's override, reader comments, and
the fixtures' ``# page_type:`` line that ``cleaner check`` verifies."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.errors import CleanerError
from cleaner.pages import PAGE_TYPES, classify_page
from cleaner.pages.classify import load_model
from cleaner.pages.signals import TYPES, url_signals
from cleaner.quality.check import run_check
from cleaner.quality.fixtures import FixtureFormatError, discover
from cleaner.render import render

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TYPED = [f for f in discover(FIXTURES) if "page_type" in f.meta]


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


PROSE = ("<p>The council met on Tuesday evening to discuss the new budget, which raises spending "
         "on roads and schools for the third year in a row.</p>") * 6


def test_every_type_of_the_issue_is_known():
    assert set(PAGE_TYPES) == {"article", "forum", "product", "listing", "collection",
                               "documentation", "service", "other"}
    model = load_model()
    for kind in ("html", "text", "html-no-url", "text-no-url"):
        assert set(model[kind]["bias"]) == set(TYPES)
        assert set(model[kind]["weights"]) == set(TYPES)


@pytest.mark.parametrize("fixture", TYPED, ids=[f.name for f in TYPED])
def test_typed_fixtures_get_their_annotated_type(fixture):
    article = clean(fixture.page_path.read_bytes(), kind=fixture.kind, url=fixture.meta.get("url"))
    assert article.page_type == fixture.meta["page_type"], article.page_type_reasons


def test_new_fixtures_cover_every_type_in_both_kinds_and_three_languages():
    types = {(f.meta["page_type"], f.kind) for f in TYPED}
    assert {t for t, _ in types} >= set(TYPES) - {"article"}
    assert {k for _, k in types} == {"html", "text"}
    assert len({f.meta["language"] for f in TYPED}) >= 3
    assert len(TYPED) >= 12


def test_declared_product_is_a_product_and_the_reasons_say_so():
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", '
            '"name": "Kettle", "offers": {"@type": "Offer", "price": "59.90"}}</script>'
            '<meta property="og:type" content="product"><title>Kettle | Shop</title>')
    body = ("<h1>Glass kettle</h1><p>A glass kettle with five temperature settings and a keep-warm "
            "mode for half an hour.</p><div class='price'>$59.90</div><div class='add-to-cart'>"
            "<a href='#'>Add to cart</a></div><div>In stock</div>")
    article = clean(_page(head, body), url="https://shop.example/products/glass-kettle")
    assert article.page_type == "product"
    assert "declares product" in article.page_type_reasons
    assert article.page_type_reasons[0].startswith("model product ")


def test_declared_news_article_with_prose_is_an_article():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Budget", '
            '"datePublished": "2025-03-01"}</script><meta property="og:type" content="article">')
    article = clean(_page(head, "<h1>Council passes budget</h1>" + PROSE),
                    url="https://news.example/2025/03/01/council-passes-the-new-budget")
    assert article.page_type == "article"


def test_the_same_page_gets_the_same_type_and_reasons():
    page = (FIXTURES / "html" / "en-qa-spreadsheet-dates.html").read_bytes()
    first, second = clean(page), clean(page)
    assert (first.page_type, first.page_type_reasons) == (second.page_type, second.page_type_reasons)


def test_a_caller_can_impose_a_type_and_an_unknown_one_is_an_error():
    article = clean(_page("", PROSE), page_type="forum")
    assert article.page_type == "forum"
    assert article.page_type_reasons == ["given by the caller"]
    with pytest.raises(CleanerError, match="unknown page_type"):
        clean(_page("", PROSE), page_type="blog")


def test_empty_pages_are_other_with_a_reason():
    assert clean("").page_type == "other"
    assert clean("   ").page_type_reasons == ["empty input"]
    assert classify_page([], []).type == "other"


def test_page_type_is_in_every_json_output():
    article = clean(_page("", PROSE))
    record = json.loads(render(article, "json"))
    assert record["page_type"] == article.page_type
    assert record["page_type_reasons"] == article.page_type_reasons
    assert json.loads(render(article, "jsonl"))["page_type"] == article.page_type
    assert "comments" not in record  # only when asked for


def test_text_input_gets_a_type_from_the_text_alone():
    for name, expected in (("de-forum-fahrrad-schaltung", "forum"), ("en-product-daypack", "product"),
                           ("fr-docs-api-export", "documentation")):
        text = (FIXTURES / "text" / (name + ".txt")).read_text(encoding="utf-8")
        article = clean(text, kind="text")  # no address, no markup
        assert article.page_type == expected, article.page_type_reasons
        assert not any(r.startswith("url_") for r in article.page_type_reasons)


def test_url_shape_signals():
    assert url_signals("https://example.org/forum/thread/1234-starter-flat")["url_forum"] == 1.0
    assert url_signals("https://example.org/")["url_root"] == 1.0
    assert url_signals(None) == {"url_none": 1.0}
    assert url_signals("http://[::1")["url_none"] == 1.0  # a broken address is no address
    paged = url_signals("https://example.org/blog/?page=3")
    assert paged["url_paged"] == 1.0 and paged["url_article"] == 1.0


def test_reader_comments_come_apart_from_the_body_in_order():
    page = (FIXTURES / "html" / "en-opinion-comment-thread.html").read_bytes()
    plain = clean(page)
    article = clean(page, comments=True)
    assert plain.comments is None
    assert article.text == plain.text  # asking for comments never changes the body
    assert len(article.comments) >= 3
    for comment in article.comments:
        assert comment not in article.text
        assert len(comment.split()) >= 4
    order = [b.text for b in article.blocks if b.label == "comment"]
    assert [c for c in order if c in article.comments] == article.comments
    assert json.loads(render(article, "json"))["comments"] == article.comments


def test_check_fails_a_fixture_whose_page_type_differs(tmp_path):
    src = FIXTURES / "text" / "en-product-daypack"
    for suffix in (".txt", ".labels.tsv"):
        shutil.copy(str(src) + suffix, tmp_path / ("x" + suffix))
    labels = tmp_path / "x.labels.tsv"
    labels.write_text(labels.read_text(encoding="utf-8").replace("# page_type: product",
                                                                 "# page_type: forum"), encoding="utf-8")
    report = run_check(tmp_path, baseline={})
    (verdict,) = report.verdicts
    assert verdict.failed
    assert any("page type product, annotated forum" in p for p in verdict.problems)
    labels.write_text(labels.read_text(encoding="utf-8").replace("# page_type: forum",
                                                                 "# page_type: blog"), encoding="utf-8")
    with pytest.raises(FixtureFormatError, match="unknown '# page_type: blog'"):
        discover(tmp_path)
