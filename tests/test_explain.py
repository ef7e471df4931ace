"""`cleaner explain` and `cleaner annotate --html`: the page's content, and a real browser driving it.

The browser test opens the page in headless Chromium (the OS package, driven by selenium through
the OS chromedriver), checks labels, reasons and the filter, relabels a block by clicking, saves,
and runs `cleaner check` on the saved labels file. It skips, saying why, when no browser can be had.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.cli import main
from cleaner.explain import element_paths, explain_html, fixture_name
from cleaner.quality.check import run_check

PROJECT = Path(__file__).resolve().parents[1]
PAGE = PROJECT / "fixtures" / "html" / "en-news-cms-housing-bill.html"
TEXT_PAGE = PROJECT / "fixtures" / "text" / "en-short-library.txt"

BROWSER_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900")


def _page(tmp_path: Path, page: Path = PAGE, *extra: str) -> str:
    out = tmp_path / "report.html"
    assert main(["explain", str(page), "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def test_page_is_self_contained_and_lists_every_block(tmp_path):
    text = _page(tmp_path)
    article = clean(PAGE.read_bytes())
    # nothing loaded from elsewhere: no external script, stylesheet, font, image or frame
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=", text)
    assert "@import" not in text and "url(" not in text
    labels = re.findall(r'<div class="b l-(\w+)" data-i="(\d+)"', text)
    assert [label for label, _ in labels] == [b.label for b in article.blocks]
    assert [int(i) for _, i in labels] == list(range(len(article.blocks)))
    main_count = sum(b.label == "main" for b in article.blocks)
    assert f'data-label="main" aria-pressed="true">main <b>{main_count}</b>' in text
    assert article.title in text
    # every block's reasons are shown
    first = article.blocks[0]
    assert all(f'<span class="r">{r}</span>' in text for r in first.reasons)


def test_html_blocks_show_their_element_path(tmp_path):
    article = clean(PAGE.read_bytes())
    paths = element_paths(PAGE.read_bytes(), article)
    assert paths is not None and len(paths) == len(article.blocks)
    for block, path in zip(article.blocks, paths):
        assert path.startswith(("body", "… > ")), path
        assert path.split(" > ")[-1].split(".")[0] in (block.tag, "a", "img", "span", "em", "strong", "time") \
            or block.tag in path
    nav = next(i for i, b in enumerate(article.blocks) if b.text == "Politics")
    assert "nav" in paths[nav]
    assert element_paths(TEXT_PAGE.read_bytes(), clean(TEXT_PAGE.read_bytes())) is None


def test_text_page_has_no_paths_and_shows_page_type_when_the_article_has_one(tmp_path):
    article = clean(TEXT_PAGE.read_bytes())
    article.page_type = "article"  # what the page-type work adds; read with getattr
    text = explain_html(article, name="x")
    assert '<div class="path">' not in text
    assert "<th>page_type</th><td>article</td>" in text


def test_block_text_cannot_break_out_of_the_page():
    article = clean("<p>Story text that says &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; "
                    "and goes on for long enough to read like a paragraph of a story.</p>", kind="html")
    text = explain_html(article, name="x")
    assert "<script>alert(1)" not in text
    data = text.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    assert json.loads(data)["texts"][0].startswith("Story text that says </script>")


def test_fixture_name_strips_page_suffixes():
    assert fixture_name("dir/en-story.html.gz") == "en-story"
    assert fixture_name("a.txt") == "a"
    assert fixture_name("-") == "page"


def test_explain_refuses_bad_input_and_bad_rules(tmp_path, capsys):
    assert main(["explain", str(tmp_path / "missing.html"), "-o", str(tmp_path / "r.html")]) == 2
    bad = tmp_path / "rules.toml"
    bad.write_text('[[rule]]\nname = "x"\ndrop = "div[["\n', encoding="utf-8")
    assert main(["explain", str(PAGE), "-o", str(tmp_path / "r.html"), "--rules", str(bad)]) == 2
    assert f"{bad}:3:" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_explain_shows_the_rule_that_fired(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "senators"\nphrase = "Senators gather"\nlabel = "boilerplate"\n',
                     encoding="utf-8")
    text = _page(tmp_path, PAGE, "--rules", str(rules))
    assert '<span class="r rule">rule:senators</span>' in text


# --- the browser ------------------------------------------------------------------------------


def _browser(download_dir: Path, profile: Path):
    """A headless Chromium driven by selenium, or pytest.skip with the reason there is none."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("no browser: selenium is not installed (pip install -e '.[dev]')")
    binary = os.environ.get("CLEANER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = os.environ.get("CLEANER_CHROMEDRIVER") or shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.skip("no browser: chromium and chromedriver not found "
                    "(apt-get install chromium chromium-driver, as .ci/run does)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir), "download.prompt_for_download": False})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        pytest.skip(f"no browser: chromium did not start ({exc.msg or exc})")
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


def _wait_for(path: Path, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.is_file() or path.with_name(path.name + ".crdownload").exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name} was not downloaded in {seconds:g} s")
        time.sleep(0.1)


def test_browser_filters_relabels_and_saves_a_fixture_that_check_reads(tmp_path):
    from selenium.webdriver.common.by import By

    folder = tmp_path / "fixtures"
    folder.mkdir()
    page = folder / "story.html"
    shutil.copy(PAGE, page)
    report = tmp_path / "story.annotate.html"
    assert main(["annotate", str(page), "--html", "-o", str(report)]) == 0
    article = clean(page.read_bytes())
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _browser(downloads, tmp_path / "profile")
    try:
        driver.get(report.as_uri())
        blocks = driver.find_elements(By.CSS_SELECTOR, "#blocks .b")
        assert [b.find_element(By.CLASS_NAME, "lab").text for b in blocks] == [b.label for b in article.blocks]
        reasons = [r.text for r in blocks[0].find_elements(By.CLASS_NAME, "r")]
        assert reasons == article.blocks[0].reasons

        # the filter: hide "navigation", then show it again
        chip = driver.find_element(By.CSS_SELECTOR, '.chip[data-label="navigation"]')
        chip.click()
        shown = [b.is_displayed() for b in blocks]
        assert shown == [b.label != "navigation" for b in article.blocks]
        chip.click()
        assert all(b.is_displayed() for b in blocks)

        # relabel the first story paragraph as a promo by clicking it, then a label in the menu
        k = next(i for i, b in enumerate(article.blocks) if b.label == "main")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", blocks[k])
        blocks[k].click()
        driver.find_element(By.CSS_SELECTOR, '#menu button[data-label="promo"]').click()
        assert blocks[k].find_element(By.CLASS_NAME, "lab").text == "promo"
        assert "l-promo" in blocks[k].get_attribute("class")
        assert driver.find_element(By.ID, "edits").text == "1 changed"
        mains = sum(b.label == "main" for b in article.blocks)
        assert driver.find_element(By.CSS_SELECTOR, '.chip[data-label="main"] b').text == str(mains - 1)

        driver.find_element(By.ID, "save").click()
        saved = downloads / "story.labels.tsv"
        _wait_for(saved)
    finally:
        driver.quit()

    shutil.copy(saved, folder / saved.name)
    result = run_check(folder, {}).verdicts[0].result
    assert result is not None and result.aligned == len(article.blocks)
    # the cleaner still says main where the saved file now says promo: that block, and no other
    assert result.correct == len(article.blocks) - 1
    assert [(m.expected, m.predicted, m.index) for m in result.mislabelled] == [("promo", "main", k)]
    assert main(["check", str(folder), "--update-baseline"]) == 0
    assert main(["check", str(folder), "--strict"]) == 0
