"""cleaner: strip boilerplate from scraped pages and say what was removed and why.

>>> from cleaner import clean
>>> article = clean(open("page.html", "rb").read())
>>> article.title, article.text, [(b.label, b.reasons) for b in article.blocks]
"""
from .api import clean
from .errors import CleanerError
from .model import LABELS, Article, Block

__all__ = ["clean", "Article", "Block", "CleanerError", "LABELS"]
__version__ = "0.1.0"
