"""User rules: one TOML file that steers the cleaner for a site or for every page.

A rule has a name and one kind: ``drop`` (CSS selectors whose elements are removed right after
the parse), ``keep`` (CSS selectors whose blocks are story text), ``phrase`` or ``regex`` (text
that gives a block a label). ``hosts`` limits a rule to pages of those hosts. The file may also
set ``precision = "high" | "balanced" | "recall"``. A rule that fires adds evidence with the
reason ``rule:<name>``, so explain pages and check diffs say which rule decided a block.

A file with any error is refused whole (:class:`RulesError`, every problem as ``file:line``).
"""
from .compiled import Rule, Rules, RulesError
from .loading import (
    FOLDER_RULES, PRECISIONS, cached_rules, checked_rules, folder_rules, load_rules, parse_rules,
    read_rules_text,
)

__all__ = [
    "FOLDER_RULES", "PRECISIONS", "Rule", "Rules", "RulesError", "cached_rules", "checked_rules",
    "folder_rules", "load_rules", "parse_rules", "read_rules_text",
]
