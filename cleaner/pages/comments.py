"""Reader comments: the text of the blocks the decision labelled ``comment`` that a reader wrote,
without the thread's chrome (names, dates, "Reply", counts, the comment form)."""
from __future__ import annotations

from typing import Sequence

from ..features import Features
from ..model import Block
from ..rules import vocabulary as vocab

#: Fewer words than this is a name, a date, a count or a button, not something a reader wrote.
COMMENT_MIN_WORDS = 3
#: A comment without an end mark needs this many words: shorter ones are chrome ("Graham Tulley
#: 5 hours ago", "Sort by Best · Newest · Oldest").
COMMENT_UNPUNCTUATED_WORDS = 12
#: Above this share of linked characters a block is a link list (sort controls, pagination).
COMMENT_MAX_LINK_DENSITY = 0.5


def is_reader_comment(block: Block, f: Features) -> bool:
    """A block labelled comment whose text reads like something a reader wrote."""
    return (block.label == "comment" and f.words >= COMMENT_MIN_WORDS
            and (f.terminal or f.words >= COMMENT_UNPUNCTUATED_WORDS)
            and f.link_density <= COMMENT_MAX_LINK_DENSITY and not vocab.COMMENT.search(block.text))


def reader_comments(blocks: Sequence[Block], feats: Sequence[Features]) -> list[str]:
    """The reader comments of a page, text only, in page order (never part of the body)."""
    return [b.text for b, f in zip(blocks, feats) if is_reader_comment(b, f)]
