"""The bridge story the API and segmenter tests build their pages from (written for the tests)."""

TITLE = "River bridge approved after ten years of debate"
STORY = [
    "The city council voted on Tuesday to approve the new river bridge, ending a debate that had "
    "divided the town for more than a decade and delayed work on the eastern bank.",
    "Council members said the bridge would cut travel times for commuters who now drive twenty "
    "minutes around the old crossing, and that construction could begin as early as next spring.",
    "Opponents of the plan had argued that the bridge would bring more traffic into the historic "
    "centre, but the final design moves the approach road away from the market square.",
    "The mayor told residents at the meeting that the council had listened to their concerns and "
    "that the budget for the bridge includes money for new cycle lanes and footpaths.",
    "Engineers expect the bridge to take about two years to build, and the council said it would "
    "publish a timetable for road closures before the work on the river begins.",
]
