"""cleaner: strip boilerplate from scraped pages and say what was removed and why.

>>> from cleaner import clean
>>> article = clean(open("page.html", "rb").read())
>>> article.title, article.text, [(b.label, b.reasons) for b in article.blocks]
>>> article.to_markdown()  # also article.to_html(), cleaner.render(article, "json")
"""
from .api import clean
from .errors import CleanerError
from .article import Article
from .model import LABELS, Block
from .render import render, to_html, to_markdown

__all__ = ["clean", "Article", "Block", "CleanerError", "LABELS", "render", "to_markdown", "to_html"]
__version__ = "0.1.0"
