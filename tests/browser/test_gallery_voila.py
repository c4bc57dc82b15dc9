"""The widget gallery in real Voilà and real Chromium: answer everything, reload, see it all back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from valmennus.answers import AnswerStore
from valmennus.items import for_week, get

from . import participant as person
from .gallery import gallery_folder
from .images import drawing_png
from .servers import voila

pytestmark = pytest.mark.server


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return gallery_folder(tmp_path)


def test_does_every_answer_survive_a_reload_in_voila(folder: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    image = tmp_path / person.IMAGE_NAME
    image.write_bytes(drawing_png())
    items = len(for_week("esimerkki"))
    with voila(folder / "esimerkki.ipynb", tmp_path) as url, person.chromium() as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(url, timeout=60_000)
        person.wait_for_widgets(page, items)
        person.answer_everything(page, image)
        person.screenshot(page, "voila-gallery-answered")
        person.check_answers_file(folder, image.read_bytes())

        page.reload(timeout=60_000)  # a new page is a new kernel: everything comes from the file
        person.wait_for_widgets(page, items)
        person.expect_everything_back(page)
        person.screenshot(page, "voila-gallery-reloaded")
        violations = person.serious_axe_violations(page)
    person.check_answers_file(folder, image.read_bytes())
    assert violations == []
    assert time.monotonic() - started < 90


def test_do_two_tabs_on_one_notebook_keep_each_others_answers(folder: Path, tmp_path: Path) -> None:
    """Two Voilà tabs are two kernels on one answers file: each write changes only its own item."""
    items = len(for_week("esimerkki"))
    with voila(folder / "esimerkki.ipynb", tmp_path) as url, person.chromium() as browser:
        tabs = [browser.new_page(viewport={"width": 1100, "height": 900}) for _ in range(2)]
        for tab in tabs:
            tab.goto(url, timeout=60_000)
            person.wait_for_widgets(tab, items)
        first, second = tabs
        person.box(first, "EX_LIKERT").get_by_role("radio", name="2 – Jokseenkin eri mieltä").check()
        person.box(second, "EX_CANDO").get_by_role("radio", name="4 – Osaan ja voin opastaa muita").check()
        person.box(first, "EX_SHARED").get_by_label(get("EX_SHARED").label()).fill(person.SHARED)
        person.box(second, "EX_CHECKLIST").get_by_role("checkbox", name="Jaan yhden vinkin työkavereille.").check()
        for tab, item_id in ((first, "EX_SHARED"), (second, "EX_CHECKLIST")):
            person.saved(person.box(tab, item_id))
    saved = AnswerStore("esimerkki", folder).values()
    assert saved == {"EX_LIKERT": 2, "EX_CANDO": 4, "EX_SHARED": person.SHARED, "EX_CHECKLIST": ["jaa"]}
