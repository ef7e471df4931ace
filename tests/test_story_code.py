"""A code block inside the story is the story's, whatever its lines look like (issue 16's
leftover: "key: value" lines of code taken for bylines, credits or consent text)."""
from __future__ import annotations

from cleaner import clean

STORY = [
    "The build server kept failing at night, and for weeks nobody could say why the same job passed "
    "every morning when we ran it by hand.",
    "It turned out the nightly job ran under a different user, whose shell never loaded the settings "
    "file we all relied on during the day.",
    "This is the commit log line that finally gave it away, copied here as the scheduler printed it.",
    "Once we saw it, the fix took five minutes: the job now loads the settings itself before it starts, "
    "and it has not failed since then.",
    "If you run scheduled jobs, check which user they run as and what that user's shell loads before "
    "you trust a green run in the daytime.",
]
#: A line of a log that reads like a dated byline ("date: name: ...").
CODE = "2025-12-19: Jenny Park: Add support for Fedora runners"


def _page(code_tag: str) -> str:
    return ("<html><head><title>Why our nightly build failed</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/blog'>Blog</a></nav><article><h1>Why our nightly build failed</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY[:3]) + f"<{code_tag}>{CODE}</{code_tag}>"
            + "".join(f"<p>{p}</p>" for p in STORY[3:]) + "</article><footer>Copyright 2025</footer></body></html>")


def test_a_code_block_in_the_story_is_kept_with_its_reason():
    article = clean(_page("pre"), kind="html")
    block = next(b for b in article.blocks if b.text == CODE)
    assert block.label == "main" and "code_in_story" in block.reasons
    assert all(p in article.text for p in STORY)


def test_the_same_line_outside_a_code_block_keeps_its_label():
    """Only code is spared: the same dated line as a paragraph still reads as a byline."""
    article = clean(_page("p"), kind="html")
    block = next(b for b in article.blocks if b.text == CODE)
    assert block.label != "main"
