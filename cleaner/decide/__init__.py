"""Decide every block's label in context: score -> find the story core -> label -> revise.

1. score (:mod:`.scores`): each block's heuristics vote; ``content`` is the evidence for story
   text, ``noise`` the strongest boilerplate label's evidence. score = content - all boilerplate
   evidence.
2. page rules (:mod:`.page_rules`) add evidence only the page gives (duplicates, lists).
3. core (:mod:`.core`): the story is the contiguous run of blocks with the highest summed,
   length-weighted score (maximum subarray); boundary markers ("Related Article", "Source link",
   "42 comments") weigh so much that the story rarely runs across them.
4. label: inside the core a block is ``main`` unless boilerplate evidence outweighs its content;
   outside, it takes its boilerplate label, or one chosen by its position.
5. revise (:mod:`.revisions`), then the title (:mod:`.title`) among headline-like blocks just
   before the story.
"""
from __future__ import annotations

from .core import find_core, label_blocks, trim_teaser_tail, trim_to_container
from .page_rules import (
    mark_duplicates, mark_headline_runs, mark_related_box, mark_related_lists, mark_repeated_items,
    pair_captions, related_headings,
)
from .revisions import (
    attach_lead, fill_story_container, fill_under_headline, keep_short_lines_in_story,
    take_announced_lists, take_paragraphs_after_headline, trim_sign_off, under_headline,
)
from .scores import Scored
from .shapes import headline
from .title import pick_title, prepare_hints


def decide(scored: list[Scored], title_hints: list[str]) -> tuple[int, int, int | None]:
    """Label every block in place; returns the core span and the title block's index."""
    pair_captions(scored)
    mark_duplicates(scored)
    mark_repeated_items(scored)
    mark_headline_runs(scored)
    headings = related_headings(scored)  # no revision adds or drops that evidence: found once
    mark_related_lists(scored, headings)
    mark_related_box(scored, headings)
    start, end = find_core(scored)
    end = trim_teaser_tail(scored, start, end)
    end = trim_to_container(scored, start, end)
    # a headline-shaped first block of the story is its title (flattened text has no <h1>)
    if end - start > 1 and headline(scored[start]) and scored[start + 1].feats.terminal:
        title_hints = title_hints + [scored[start].block.text]
    label_blocks(scored, start, end)
    keep_short_lines_in_story(scored, start, end)
    take_announced_lists(scored, start, end)
    attach_lead(scored, start)
    span = under_headline(scored)
    take_paragraphs_after_headline(scored, span)
    hints = prepare_hints(title_hints)  # once for both passes that ask for them
    fill_under_headline(scored, span, hints)
    fill_story_container(scored)
    trim_sign_off(scored)
    t = pick_title(scored, start, end, hints)
    if t is not None:
        scored[t].block.label = "title"
        scored[t].block.reasons.append("title")
    for s in scored:  # a page's <h1> is its headline (or the site's name), never body text
        if s.block.tag == "h1" and s.block.label == "main":
            s.block.label = "boilerplate"
            s.block.reasons.append("h1_not_body")
    return start, end, t
