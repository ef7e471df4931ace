"""Shape predicates the page rules, the core search, the revisions and the title share."""
from __future__ import annotations

from ..rules.evidence import LINK_DENSE
from .scores import Scored

#: Words of a headline: titles are short but not a single word.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
#: Unpunctuated lines up to this many words read as list items or headlines.
LIST_ITEM_MAX_WORDS = 20


def from_html(scored: list[Scored]) -> bool:
    """Blocks of an HTML page carry paths; blocks of flattened text do not."""
    return any(s.block.path for s in scored)


def headline(s: Scored) -> bool:
    """Shaped like a headline: a few words, no sentence end, few links, no caption or footer evidence."""
    f = s.feats
    return TITLE_MIN_WORDS <= f.words <= TITLE_MAX_WORDS and not f.terminal and f.link_density < LINK_DENSE \
        and s.noise_label not in ("caption", "footer", "promo", "consent", "comment")


def teaser_headline(s: Scored) -> bool:
    """Shaped like a teaser's headline: a few words up to a list item's length, no sentence end."""
    f = s.feats
    return TITLE_MIN_WORDS <= f.words <= LIST_ITEM_MAX_WORDS and not f.terminal


def noise_reasons(s: Scored) -> set[str]:
    """Names of the heuristics that spoke against a block being story text."""
    return {e.reason for e in s.evidence if e.label != "main"}


def story_vocabulary(scored: list[Scored], lo: int, hi: int) -> set[str]:
    """Words (lower-cased) of the blocks in [lo, hi) that read like story text: their content
    words, and the short and stop words that :func:`coherence`, which only asks about content
    words, never looks up (leaving them in spares filtering every block of the story)."""
    vocab: set[str] = set()
    for s in scored[lo:hi]:
        if s.score > 0:
            vocab.update(s.feats.tokens)  # lower-cased already
    return vocab


def coherence(scored: list[Scored], lo: int, hi: int, vocab: set[str]) -> float:
    """Share of the content words of blocks [lo, hi) that also occur in the story's vocabulary."""
    hits = total = 0
    for s in scored[lo:hi]:
        words = s.feats.content_words
        total += len(words)
        hits += len(vocab.intersection(words))
    return hits / total if total else 0.0
