"""A data table inside the story (a word and numbers per row) is story text, not navigation."""
from __future__ import annotations

from cleaner import clean

ROWS = [("Carrots", "4", "8", "16"), ("Potatoes", "2", "4", "8"),
        ("Onions", "1 and a half", "3", "6"), ("Parsnips", "1", "2", "4")]


def story_with_table(rows: list[tuple[str, ...]]) -> str:
    """An <article> of two paragraphs and a table of quantities, between a menu and a footer."""
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        "<html><head><title>Roasting vegetables for a crowd</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/recipes'>Recipes</a></li>"
        "<li><a href='/about'>About</a></li></ul></nav>"
        "<article><h1>Roasting vegetables for a crowd</h1>"
        "<p>Roasting is the easiest way to feed a large table: the oven does the work while you set "
        "out plates, and the vegetables come out sweet and browned at the edges.</p>"
        "<p>The table below gives the weight of each vegetable, in pounds, for four, eight and "
        "sixteen guests. Cut everything to the same size so it cooks evenly.</p>"
        "<table><tr><th>Vegetable</th><th>4 guests</th><th>8 guests</th><th>16 guests</th></tr>"
        f"{cells}</table></article>"
        "<footer><p>Copyright 2025 Kitchen Notes</p></footer></body></html>"
    )


def test_rows_of_a_word_and_numbers_in_an_article_stay_in_the_story():
    article = clean(story_with_table(ROWS))
    for row in ROWS:
        assert " | ".join(row) in article.paragraphs, row
    assert "Vegetable | 4 guests | 8 guests | 16 guests" in article.paragraphs
    labels = {b.text: b.label for b in article.blocks}
    assert labels["Home"] == "navigation" and labels["Copyright 2025 Kitchen Notes"] != "main"


def test_a_table_of_links_in_an_article_is_still_navigation():
    links = "".join(f"<tr><td><a href='/c/{i}'>Section {i}</a></td><td><a href='/c/{i}/all'>{i}</a></td></tr>"
                    for i in range(6))
    html = story_with_table(ROWS).replace("</table></article>", f"</table><table>{links}</table></article>")
    labels = {b.text: b.label for b in clean(html).blocks}
    assert all(labels[f"Section {i} | {i}"] != "main" for i in range(6))
