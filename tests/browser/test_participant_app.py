"""The participant app in real Chromium: home, a week in Voilà, submit, feedback, by mouse and by keyboard.

A participant of the played course (``graded_course``, SQLite; copied, so nothing other tests read
changes) in their own Jupyter server with the app. Each page: axe-core finds nothing serious or
critical, no code and no traceback is visible. The screenshots go to docs/kuvat/ for the participant's
guide (docs/osallistujan-pikaopas.md): the home at 390 px wide (a phone), the others at 1100 px.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from valmennus.demo.course_loop import LoopReport
from valmennus.participant.serve import ParticipantServer, participant_server

from ..conftest import REPO, free_port
from . import participant as person

pytestmark = pytest.mark.server

SHOTS = REPO / "docs" / "kuvat"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}


@pytest.fixture(scope="module")
def server(graded_course: LoopReport, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ParticipantServer]:
    """p02 (some scales left unanswered) in a copy of the played course, in their own server."""
    work = tmp_path_factory.mktemp("participant-browser")
    source = graded_course.course.root.parent
    shutil.copytree(source / "course", work / "course", symlinks=True)
    shutil.copytree(source / "homes", work / "homes", symlinks=True)
    with participant_server(work / "homes" / "p02", work / "course", free_port()) as running:
        yield running


def axe_serious(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the whole page (a page of links may have no form)."""
    return person.serious_axe_violations(page, must_pass=())


def no_code_visible(page: Page) -> None:
    for selector in (".jp-CodeCell .jp-InputArea", ".jp-InputArea-editor", ".cm-editor", ".jp-InputPrompt",
                     "[data-mime-type='application/vnd.jupyter.stderr']"):
        assert page.locator(f"{selector} >> visible=true").count() == 0, selector
    text = page.inner_text("body")
    assert "Traceback" not in text and "from valmennus" not in text and "require(" not in text


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def wait_for_week(page: Page) -> None:
    expect(page.locator(".valmennus-answer").first).to_be_visible(timeout=90_000)
    page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=60_000)
    expect(page.locator("#loading")).to_have_count(0, timeout=60_000)


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_a_participant_goes_from_home_to_week_to_submit_to_feedback(server: ParticipantServer) -> None:
    with person.chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(server.url, timeout=60_000)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Oma valmennus")
        expect(page.locator(".vp-next")).to_contain_text("Sinulle on uutta palautetta")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
        assert axe_serious(page) == []
        no_code_visible(page)
        shot(page, "osallistuja-koti")

        page.set_viewport_size(DESKTOP)
        page.get_by_role("link", name=re.compile(r"^Avaa viikko – Viikko 1")).click()  # one click
        page.wait_for_url(re.compile(r"/voila/render/viikko1/viikko1\.ipynb$"), timeout=60_000)
        wait_for_week(page)
        expect(page.locator(".vp-header")).to_contain_text("Oma valmennus")
        expect(page.locator(".vp-note").first).to_contain_text("Palauta-sivu kertoo")  # a check not met yet
        assert page.locator(".valmennus-answer >> visible=true").count() > 5
        no_code_visible(page)
        assert axe_serious(page) == []
        page.locator(".valmennus-answer").first.scroll_into_view_if_needed()
        page.mouse.wheel(0, -150)  # the question's heading above it too; the header stays on top
        page.wait_for_timeout(300)
        expect(page.locator(".vp-header")).to_be_in_viewport()
        page.screenshot(path=str(SHOTS / "osallistuja-viikko.png"))

        page.locator(".vp-header").get_by_role("link", name="Palauta").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Palauta")
        missing = page.locator(".vp-missing li")
        expect(missing.first).to_be_visible()
        assert missing.count() >= 1 and "puuttuu" in page.inner_text(".vp-missing").lower()
        no_code_visible(page)
        assert axe_serious(page) == []
        shot(page, "osallistuja-palauta")

        page.get_by_role("button", name="Palauta uudelleen").click()
        expect(page.get_by_role("status")).to_contain_text("Palautettu")
        expect(page.get_by_role("status")).to_contain_text("viikko1.answers.json")
        assert axe_serious(page) == []
        shot(page, "osallistuja-palautettu")

        page.get_by_role("link", name="Oma valmennus").first.click()
        page.get_by_role("link", name=re.compile(r"^Lue palaute – Viikko 1")).click()
        expect(page.get_by_role("heading", name="Valmentajan palaute")).to_be_visible()
        expect(page.locator(".vp-comment")).not_to_be_empty()
        expect(page.locator(".valmennus-summary")).to_be_visible()
        no_code_visible(page)
        assert axe_serious(page) == []
        shot(page, "osallistuja-palaute")


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_keyboard_only_tab_to_the_week_and_enter_opens_it(server: ParticipantServer) -> None:
    with person.chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(server.url, timeout=60_000)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Oma valmennus")
        page.keyboard.press("Tab")  # the first stop is the skip link, visible when focused
        assert page.evaluate("document.activeElement.textContent") == "Siirry sisältöön"
        for _ in range(40):
            page.keyboard.press("Tab")
            name = page.evaluate("document.activeElement.textContent || ''")
            if name.startswith("Avaa viikko – Viikko 1"):
                break
        else:
            pytest.fail("Tab never reached the link to week 1")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), "focus must be visible"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/voila/render/viikko1/viikko1\.ipynb$"), timeout=60_000)
        wait_for_week(page)
        no_code_visible(page)
