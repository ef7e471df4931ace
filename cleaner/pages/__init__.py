"""Page types: what kind of page this is (article, forum, product, listing, collection,
documentation, service or other), decided once per page from what it declares and shows
(classify), and what its main content is (strategies)."""
from .classify import PAGE_TYPES, PageType, classify_page, forced

__all__ = ["PAGE_TYPES", "PageType", "classify_page", "forced"]
