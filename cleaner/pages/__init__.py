"""Page types beyond articles: what a page is (classify) and what its main content is (strategies)."""
