"""Flattened text beyond news stories: ranked lists whose entries are the story, and the page
types' text strategies (cleaner.pages.strategies on blocks without markup)."""
from cleaner import clean
from cleaner.decide import page_rules
from cleaner.decide.page_rules import item_field
from cleaner.pages.strategies import apply_strategy
from test_segmenter import scored_text

INTRO = [
    "Finding a mover you can trust takes time, so we compared the companies our readers hired most "
    "often over the last three years and asked them how the move went.",
    "The first companies on this list stand out for careful crews, honest quotes and quick answers, "
    "and every one of them holds a licence for moves between states.",
]
ENTRIES = [
    ("Harbour Moving", "Harbour Moving is a family business that has packed and carried homes across "
     "the city for fifteen years, and its crews wrap every piece of furniture before it leaves."),
    ("Lantern Movers", "Lantern Movers runs a small fleet of trucks from two depots and is known for "
     "arriving on time, even when the stairs are narrow and the lift is out of order."),
    ("Blue Fern Moving", "Blue Fern Moving started with one van and a borrowed trolley, and today it "
     "handles long-distance moves with storage for the weeks between two leases."),
    ("Quayside Removals", "Quayside Removals specialises in pianos and antiques, and its estimators "
     "visit every home before the day so the quote does not change at the door."),
]


def ranked_list(field: str) -> str:
    parts = ["Best movers in the city this year", *INTRO]
    for n, (name, text) in enumerate(ENTRIES, start=1):
        parts += [f"{n}. {name}", field.format(n=40 + 17 * n), text]
    parts += ["© 2025 Example Guides. All rights reserved."]
    return "\n\n".join(parts)


def test_entries_of_a_ranked_list_separated_by_fields_are_the_story():
    """Flat text: "Total reviews: 57" under each entry's name separates the entries of the story's
    own list; every entry's text is main, as the intro is."""
    art = clean(ranked_list("Total reviews: {n}"), kind="text")
    for _, text in ENTRIES:
        assert text in art.paragraphs
        assert "repeated_item_region" not in next(b for b in art.blocks if b.text == text).reasons
    assert INTRO[0] in art.paragraphs


def test_same_list_separated_by_dates_is_still_a_list_of_teasers():
    """The same entries under date stamps read as a teaser list or a thread: the rule still marks
    them (the fields rule does not reach dates)."""
    art = clean(ranked_list("March {n}, 2025"), kind="text")
    marked = [b for b in art.blocks if "repeated_item_region" in b.reasons]
    assert marked and all(b.label != "main" for b in marked)


def test_item_field_tells_entry_fields_from_thread_and_date_lines():
    for line in ("Price: $299", "Total Reviews: 726", "Founded: 1954", "Average GPA: 3.7",
                 "Step #3", "Day 7", "Weeks 3-4"):
        assert item_field(line), line
    for line in ("Posts: 98", "Joined: Feb 2019", "Re: (Score:2)", "Registered: 2012-08-01",
                 "Updated: March 3, 2025", "Level 2", "2 days ago", "Open at 9:30", "Price: free"):
        assert not item_field(line), line


def test_short_product_cards_separated_by_fields_stay_a_list():
    """Entries of a few words (a shop's cards: a name and a price line) are below
    FIELD_ITEM_MIN_WORDS a separator: the region is still marked."""
    parts = ["Our ceramic mugs"]
    for n in range(1, 6):
        parts += [f"Stoneware mug number {n} in a glaze of sea blue and sand white", f"Number of reviews: {n * 7}"]
    scored = scored_text(parts)
    page_rules.mark_repeated_items(scored)
    assert any(e.reason == "repeated_item_region" for s in scored for e in s.evidence)


def test_a_thin_story_among_many_paragraphs_gives_way_to_the_page():
    """Flat text where the article decision keeps a short run while many more sentence paragraphs
    follow it (entries without field lines, each under a short name): the page keeps them all
    (no_story_page), not only the intro."""
    parts = ["Best movers in the city this year", *INTRO]
    for name, text in ENTRIES * 3:
        parts += [name, "Read more", text]
    art = clean("\n\n".join(parts), kind="text")
    assert all(text in art.paragraphs for _, text in ENTRIES)
    assert any("no_story_page" in b.reasons for b in art.blocks)


LANDING = [
    "Products", "Pricing", "Customers", "Log in", "Get started",
    "Plan every harvest in one place",
    "Orchard teams use our planner to schedule picking crews, track bins and share the day's plan "
    "with every worker before the first tractor leaves the shed.",
    "Get started", "Book a demo", "Crews", "Bins", "Weather", "Reports", "Get started",
    "Crews that know where to go",
    "Assign rows to crews the evening before, and the planner sends each picker a map of the rows "
    "and the varieties to pick, so nobody waits at the gate for instructions.",
    "Get started", "Learn more", "Bins", "Pallets", "Trucks", "Get started",
    "Bins counted as they fill",
    "Every full bin is scanned at the row end, so the packing house sees what is coming and can "
    "plan its lines an hour before the trucks arrive from the orchard.",
    "Get started", "Learn more", "© 2025 Orchard Planner. All rights reserved.", "Privacy", "Terms",
]


def test_a_landing_page_keeps_the_section_blurbs_its_buttons_cut_off():
    """Flat text of a service page: each section's blurb sits between buttons, so the article
    decision keeps one of them; the service strategy keeps every blurb the decision left out by
    its place alone (keep_prose), not the menu or the buttons."""
    text = "\n\n".join(LANDING)
    blurbs = [p for p in LANDING if len(p.split()) > 20]
    art = clean(text, kind="text", page_type="service")
    assert all(b in art.paragraphs for b in blurbs)
    assert "Pricing" not in art.paragraphs and "© 2025 Orchard Planner. All rights reserved." not in art.paragraphs
    outside = [b for b in clean(text, kind="text", page_type="article").blocks
               if b.text in blurbs and b.label == "boilerplate"]
    assert outside, "the article decision keeps every blurb: this page does not test keep_prose"


POSTS = [
    "My sourdough starter stopped rising after I moved it to the fridge for a week, and now it "
    "smells sharp even two days after feeding. Is it dead or just sleeping?",
    "It is only hungry. Feed it twice a day at room temperature for three days, discard half "
    "before each feed, and it should double again by the weekend.",
    "Same thing happened to mine last winter. A spoon of rye flour in the first two feeds woke it "
    "up faster than plain white flour did.",
]


def test_a_thread_keeps_its_posts_but_not_the_list_of_other_threads():
    """Flat text of a forum thread with a "Related questions" list beside it: the forum strategy
    keeps every post, and the run of other threads' titles is not body (title_list)."""
    related = ["Why does my starter smell like nail polish remover", "How long can a starter stay in the fridge",
               "Can I use whole wheat flour to feed a starter", "What is the best jar for a sourdough starter"]
    parts = ["Bread Forum", "Home", "Threads", "Starter stopped rising after the fridge?"]
    for n, post in enumerate(POSTS):
        parts += [f"baker{n}", "Member", post, "Reply"]
    parts += ["Related questions", *related, "© 2025 Bread Forum"]
    art = clean("\n\n".join(parts), kind="text", page_type="forum")
    assert all(p in art.paragraphs for p in POSTS)
    titles = [b for b in art.blocks if "headline_run" in b.reasons]
    assert len(titles) >= 3 and all(b.label != "main" for b in titles)


def test_a_story_cut_short_before_its_entries_gets_them_back():
    """Flat text where the story run stopped early (a stray "Source" line under a chart) and the
    entries after it were left out by their place alone (no boilerplate evidence, a positive
    score): apply_strategy keeps them (PLACED_STORY_SHARE), not only the intro."""
    entries = [text for _, text in ENTRIES] + [p for p in LANDING if len(p.split()) > 20]
    scored = scored_text([*INTRO, "Source", *entries])
    for i, s in enumerate(scored):  # as the run ending at "Source" leaves them
        s.block.label = "main" if i < len(INTRO) else s.noise_label or "related"
    apply_strategy(None, 0.0, scored, [], has_address=True)
    assert all(s.block.label == "main" for s in scored if s.block.text in entries)
    assert scored[len(INTRO)].block.label == "footer"  # "Source" has footer evidence: still chrome
