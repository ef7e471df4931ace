"""cleaner: strip boilerplate from scraped pages and say what was removed and why.

>>> from cleaner import clean
>>> article = clean(open("page.html", "rb").read())
>>> article.title, article.text, [(b.label, b.reasons) for b in article.blocks]
>>> from cleaner import to_markdown
>>> to_markdown(article)  # also to_html(article), render(article, "json")
"""
from .api import clean
from .errors import CleanerError
from .model import LABELS, Article, Block
from .render import render, to_html, to_markdown

__all__ = ["clean", "Article", "Block", "CleanerError", "LABELS", "render", "to_markdown", "to_html"]
__version__ = "0.1.0"
