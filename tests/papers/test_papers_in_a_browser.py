"""The papers' HTML in headless Chromium (the OS package): every chart is drawn, at a size a person can read,
with no script of the page's own and nothing fetched from elsewhere."""

import base64
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.papers.conftest import DEMO, HTML, RUN, agree, analyse, paper
from tests.system.gateway.browser import chromium

pytestmark = pytest.mark.system

CHARTS = {"run": {"goals", "joint", "shares", "money", "resource_map", "frontier"},
          "proposal": {"goals", "joint", "shares", "money", "resource_map"},
          "scrutiny": {"goals", "joint", "shares", "money", "resource_map"}}


def drawn(driver, page: Path, shot: Path) -> dict[str, tuple[float, float, int]]:
    """Each chart's rendered width and height in CSS pixels, and how many marks its SVG holds."""
    driver.get(page.as_uri())
    shot.write_bytes(base64.b64decode(driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]))
    sizes = {}
    for figure in driver.find_elements(By.CSS_SELECTOR, "figure.chart"):
        svg = figure.find_element(By.TAG_NAME, "svg")
        box = svg.rect
        marks = len(svg.find_elements(By.CSS_SELECTOR, "path, rect, text, use"))
        sizes[figure.get_attribute("data-chart")] = (box["width"], box["height"], marks)
    return sizes


def test_every_papers_charts_are_drawn_in_a_browser(seeded, tmp_path):
    analyse(seeded, "frontier")
    proposal = agree(seeded)
    pages = {"run": paper(seeded, RUN, HTML).text,
             "proposal": paper(seeded, f"{DEMO}/proposals/{proposal['id']}", HTML).text,
             "scrutiny": paper(seeded, f"{DEMO}/scrutiny-pack", HTML, financial_year="2009-10").text}
    with chromium(tmp_path / "profile") as driver:
        for kind, text in pages.items():
            page = tmp_path / f"{kind}.html"
            page.write_text(text, encoding="utf-8")
            sizes = drawn(driver, page, tmp_path / f"{kind}.png")
            assert set(sizes) == CHARTS[kind]
            for chart, (width, height, marks) in sizes.items():
                assert width > 400 and height > 150 and marks > 10, (kind, chart, width, height, marks)
            assert driver.execute_script("return document.scripts.length") == 0
