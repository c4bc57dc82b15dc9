"""Every coordinator dashboard in real Voilà and real Chromium against the two simulated 8-week cohorts.

No error output, charts present and named, a screenshot in ``test-artifacts/``, and axe-core finds no
serious or critical violations. One Voilà serves the dashboards folder, as ``make demo`` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from valmennus.cohort.dashboard import DASHBOARDS

from . import participant as person
from .servers import voila

pytestmark = pytest.mark.server
FOLDER = Path(__file__).resolve().parents[2] / "dashboards"


@pytest.fixture(scope="module")
def served(demo_cohorts: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("dashboards-voila")
    env = {"VALMENNUS_COURSES": os.pathsep.join(str(p) for p in demo_cohorts),
           "VALMENNUS_PSEUDONYM_KEY": "browser-test"}
    with voila(FOLDER, home, env) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with person.chromium() as b:
        yield b


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core on the dashboard; serious and critical violations. The dashboards have no form fields,
    so instead of ``label`` it checks that axe did look at the charts and tables."""
    return person.serious_axe_violations(page, must_pass=("svg-img-alt", "th-has-data-cells"))


@pytest.mark.parametrize("name", DASHBOARDS)
def test_does_the_dashboard_render_with_named_charts_and_pass_axe(served: str, browser: Browser, name: str) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{served}voila/render/{name}.ipynb", timeout=120_000)
    dash = page.locator(".valmennus-dash")
    expect(dash).to_be_visible(timeout=120_000)
    text = page.inner_text("body")
    assert "Traceback" not in text and page.locator(".jp-RenderedText[data-mime-type*='stderr']").count() == 0
    charts = page.locator("svg.valmennus-chart[role='img']")
    assert charts.count() >= 1
    for chart in charts.all():
        assert (chart.locator("title").text_content() or "").strip()
    assert page.locator("a[download$='.csv']").count() >= 1
    for cohort in ("kevat-2027-a", "kevat-2027-b"):
        assert cohort in text
    person.screenshot(page, f"dashboard-{name}")
    assert axe_violations(page) == []
    page.close()
