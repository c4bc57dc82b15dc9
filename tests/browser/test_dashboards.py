"""Every coordinator dashboard in real Voilà and real Chromium against the two simulated 8-week cohorts.

No error output, charts present and named, a screenshot in ``test-artifacts/``, and axe-core finds no
serious or critical violations. One Voilà serves the dashboards folder, as ``make demo`` does (reading the
courses' reporting stores, which the played courses wrote at their end). The facilitator's own page as
coach ``ohjaaja-a`` (own participants by name, nobody else's, the coach's controls used by mouse on a
phone-sized screen; its screenshots go to docs/kuvat/ for the facilitator's handbook), and the course
team's comments page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from valmennus.cohort.dashboard import COMMENTS_PAGE, DASHBOARDS, FACILITATOR_PAGE
from valmennus.ops.controls import CONTROLS_FILE

from ..conftest import COHORT
from . import participant as person
from .servers import voila

pytestmark = pytest.mark.server
FOLDER = Path(__file__).resolve().parents[2] / "dashboards"
SHOTS = person.REPO / "docs" / "kuvat"
COACH = "ohjaaja-a"


@pytest.fixture(scope="module")
def served(demo_cohorts: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("dashboards-voila")
    env = {"VALMENNUS_COURSES": os.pathsep.join(str(p) for p in demo_cohorts),
           "VALMENNUS_PSEUDONYM_KEY": "browser-test", "VALMENNUS_FACILITATOR": COACH}
    with voila(FOLDER, home, env, app="valmennus.cohort.serve") as url:  # as the demo and the hub serve them
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


def _open(browser: Browser, url: str, width: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url, timeout=120_000)
    expect(page.locator(".valmennus-dash")).to_be_visible(timeout=120_000)
    text = page.inner_text("body")
    assert "Traceback" not in text and page.locator(".jp-RenderedText[data-mime-type*='stderr']").count() == 0
    return page


def test_does_the_facilitator_see_own_participants_and_use_the_coachs_controls(
        served: str, browser: Browser, demo_cohorts: list[Path]) -> None:
    course = demo_cohorts[0]
    had_controls = (course / CONTROLS_FILE).exists()
    page = _open(browser, f"{served}voila/render/{FACILITATOR_PAGE}.ipynb", 390)  # a phone
    try:
        text = page.inner_text("body")
        for p in COHORT:
            name = f"{p.first_name} {p.last_name}"
            assert (name in text) == (p.facilitator == COACH), name
        panel = page.locator(".valmennus-coach-panel").first
        expect(panel).to_be_visible(timeout=60_000)
        person.screenshot(page, "ohjaaja-omat-osallistujat-390")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "ohjaaja-omat-osallistujat-390.png"), full_page=False)
        own = next(p for p in COHORT if p.facilitator == COACH)
        panel.get_by_role("combobox", name="Osallistuja").select_option(label=f"{own.first_name} {own.last_name}")
        panel.get_by_role("button", name="Pysäytä muistutukset").click()
        expect(panel.locator(".valmennus-panel-status")).to_contain_text("muistutukset on pysäytetty")
        expect(panel.locator(".valmennus-panel-state")).to_contain_text(f"{own.first_name} {own.last_name}")
        assert own.id in (course / CONTROLS_FILE).read_text(encoding="utf-8")
        panel.get_by_role("button", name="Jatka muistutuksia").click()
        expect(panel.locator(".valmennus-panel-status")).to_contain_text("muistutukset jatkuvat")
        assert person.serious_axe_violations(page, must_pass=("th-has-data-cells",)) == []
        page.set_viewport_size({"width": 1100, "height": 900})
        panel.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "ohjaaja-rutiinin-ohjaus.png"), full_page=False)
        page.evaluate("window.scrollTo(0, 0)")
        page.locator(".valmennus-dash h1").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "ohjaaja-omat-osallistujat.png"), full_page=False)
    finally:
        page.close()
        if not had_controls:
            (course / CONTROLS_FILE).unlink(missing_ok=True)


def test_does_the_front_page_lead_by_keyboard_to_every_dashboard(served: str, browser: Browser) -> None:
    """The service's address: every dashboard by its title, reached with Tab and Enter, on a phone's width;
    axe-core finds nothing serious; nothing scrolls sideways."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(served, timeout=120_000)
        expect(page.get_by_role("heading", level=1)).to_have_text("Koontinäytöt")
        links = page.locator("main a")
        expect(links).to_have_count(len(DASHBOARDS) + 2)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert person.serious_axe_violations(page, must_pass=()) == []
        person.screenshot(page, "dashboard-etusivu-390")
        # keyboard only: Tab from the top reaches the skip link, the header's link, then the pages in order
        titles = []
        for _ in range(2 + len(DASHBOARDS) + 2):
            page.keyboard.press("Tab")
            titles.append(page.evaluate("document.activeElement.textContent.trim()"))
        assert "Kurssin eteneminen" in titles and "Omat osallistujat" in titles
        for _ in titles:  # back to it with Shift+Tab
            if page.evaluate("document.activeElement.textContent.trim()") == "Kurssin eteneminen":
                break
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        expect(page.locator(".valmennus-dash")).to_be_visible(timeout=120_000)
        assert page.url.endswith("voila/render/edistyminen.ipynb")
    finally:
        page.close()


def test_does_the_course_teams_comments_page_render_without_names(served: str, browser: Browser) -> None:
    page = _open(browser, f"{served}voila/render/{COMMENTS_PAGE}.ipynb", 1100)
    text = page.inner_text("body")
    assert "Kommentit kurssitiimille" in text
    assert not any(f"{p.first_name} {p.last_name}" in text for p in COHORT)
    person.screenshot(page, f"dashboard-{COMMENTS_PAGE}")
    assert person.serious_axe_violations(page, must_pass=()) == []
    page.close()
