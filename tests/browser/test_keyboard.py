"""The single-choice controls (widgets/radiogroup.py) by keyboard only, in real Voilà and real Chromium at a
phone's width (390 px): Tab reaches a radio group and leaves it for the next question, arrow keys move the
choice and Space makes one, each choice is saved; every group is announced with its question and its
options; focus is visible; nothing is wider than the screen; axe-core finds nothing serious. JupyterLab
keeps the arrow keys for the group (not for moving between cells). A screenshot goes to docs/kuvat/."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from valmennus.answers import AnswerStore
from valmennus.items import for_week, get

from . import participant as person
from .gallery import gallery_folder, write_gallery
from .servers import lab, voila

pytestmark = pytest.mark.server

PHONE = {"width": 390, "height": 844}
SHOTS = person.REPO / "docs" / "kuvat"
FOCUS_COLOUR = (11, 87, 208)  # the outline of static/widgets.css
ACTIVE = "document.activeElement"


def _focused(page: Page) -> dict[str, Any]:
    return page.evaluate(f"""() => {{
        const e = {ACTIVE};
        return {{tag: e.tagName, type: e.type || '', name: e.name || '', checked: !!e.checked,
                 label: e.labels && e.labels[0] ? e.labels[0].textContent : ''}};
    }}""")


def _holds_focus(b: Locator) -> bool:
    return bool(b.evaluate(f"(el) => el.contains({ACTIVE})"))


def _tab_into(page: Page, b: Locator, most: int = 12) -> None:
    """Press Tab (only Tab) until the focus is in ``b``."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if _holds_focus(b):
            return
    raise AssertionError(f"{most} presses of Tab never reached the box; focus is on {_focused(page)}")


def _saved_value(folder: Path, item_id: str, wanted: Any) -> None:
    """The answers file holds ``wanted`` for the item after a moment (the kernel writes it)."""
    deadline = time.monotonic() + person.SAVE_WAIT_MS / 1000
    while (found := AnswerStore("esimerkki", folder).values().get(item_id)) != wanted:
        assert time.monotonic() < deadline, (item_id, found, wanted)
        time.sleep(0.1)


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", css)[:3])


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _check_focus_visible(page: Page) -> None:
    """The focused radio has a clear outline, 3:1 against what is behind it (WCAG 2.1 AA, 1.4.11)."""
    style = page.evaluate(f"""() => {{
        const s = getComputedStyle({ACTIVE});
        let e = {ACTIVE}, behind = 'rgba(0, 0, 0, 0)';
        while (e && /rgba\\(.*, 0\\)|transparent/.test(behind)) {{
            behind = getComputedStyle(e).backgroundColor; e = e.parentElement;
        }}
        return {{style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor,
                 focusVisible: {ACTIVE}.matches(':focus-visible'), behind: /rgba\\(.*, 0\\)|transparent/.test(behind)
                 ? 'rgb(255, 255, 255)' : behind}};
    }}""")
    assert style["focusVisible"] and style["style"] == "solid" and style["width"] >= 2, style
    assert _rgb(style["colour"]) == FOCUS_COLOUR, style
    assert _contrast(_rgb(style["colour"]), _rgb(style["behind"])) >= 3, style


def _check_announced(page: Page, item_id: str, options: list[str]) -> None:
    """A group named by its question holding its options as radios, all with one name no other group has."""
    group = page.get_by_role("group", name=get(item_id).label(), exact=True)
    expect(group).to_have_count(1)
    expect(group.get_by_role("radio")).to_have_count(len(options))
    snapshot = f'- group "{get(item_id).label()}":\n' + "".join(f'  - radio "{o}"\n' for o in options)
    expect(group).to_match_aria_snapshot(snapshot)
    names = group.get_by_role("radio").evaluate_all("(radios) => radios.map(r => r.name)")
    assert len(set(names)) == 1 and names[0], names
    others = page.locator(f"input[type=radio]:not([name='{names[0]}'])").count()
    assert page.locator("input[type=radio]").count() == others + len(options)


def _check_fits_the_phone(page: Page) -> None:
    """Nothing of a radio group is wider than 390 px; every option is a target of at least 24 x 24 px."""
    boxes = page.locator(".valmennus-radio").evaluate_all(
        "(labels) => labels.map(l => { const r = l.getBoundingClientRect();"
        " return [r.left, r.right, r.width, r.height]; })")
    assert boxes and all(left >= 0 and right <= PHONE["width"] for left, right, _, _ in boxes), boxes
    assert all(width >= 24 and height >= 24 for _, _, width, height in boxes), boxes
    rows = person.box(page, "EX_RULER").locator(".valmennus-radio").evaluate_all(
        "(labels) => new Set(labels.map(l => Math.round(l.getBoundingClientRect().top))).size")
    assert rows >= 2  # 0-10 side by side, wrapped onto a second row on a phone


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return gallery_folder(tmp_path)


def test_can_a_keyboard_alone_answer_the_radio_groups_in_voila(folder: Path, tmp_path: Path) -> None:
    likert = [label for label, _ in [("1 – Täysin eri mieltä", 1), ("2 – Jokseenkin eri mieltä", 2),
                                     ("3 – Ei samaa eikä eri mieltä", 3), ("4 – Jokseenkin samaa mieltä", 4),
                                     ("5 – Täysin samaa mieltä", 5), ("En osaa sanoa", "cant_say")]]
    with voila(folder / "esimerkki.ipynb", tmp_path) as url, person.chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(url, timeout=60_000)
        person.wait_for_widgets(page, len(for_week("esimerkki")))
        _check_announced(page, "EX_LIKERT", likert)
        _check_announced(page, "EX_RULER", [str(n) for n in range(11)])
        _check_announced(page, "EX_SHARE", ["En jaa", "Jaan omalla nimelläni", "Jaan nimimerkillä"])

        # Tab from the top: past the first question's text box, into the first radio group, on its first
        # option; Tab chooses nothing.
        scale = person.box(page, "EX_LIKERT")
        _tab_into(page, scale)
        assert _focused(page) | {"name": ""} == {"tag": "INPUT", "type": "radio", "name": "", "checked": False,
                                                 "label": likert[0]}
        _check_focus_visible(page)
        page.keyboard.press("ArrowDown")  # arrows move the choice (and choose)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
        assert _focused(page)["label"] == likert[1] and _focused(page)["checked"]
        expect(scale.get_by_role("radio", name=likert[1])).to_be_checked()
        _check_focus_visible(page)
        person.saved(scale)
        _saved_value(folder, "EX_LIKERT", 2)
        page.wait_for_timeout(200)  # the focus ring drawn before the picture is taken
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "valinta-nappaimistolla-390.png"))

        # Tab leaves the group for the next question (not the next option); Space chooses there.
        cando = person.box(page, "EX_CANDO")
        page.keyboard.press("Tab")
        assert _holds_focus(cando) and not _holds_focus(scale), _focused(page)
        assert _focused(page)["label"] == "1 – En osaa" and not _focused(page)["checked"]
        page.keyboard.press("Space")
        expect(cando.get_by_role("radio", name="1 – En osaa")).to_be_checked()
        _saved_value(folder, "EX_CANDO", 1)
        page.keyboard.press("ArrowDown")
        _saved_value(folder, "EX_CANDO", 2)
        person.saved(cando)

        # Shift+Tab goes back to the group's chosen option.
        page.keyboard.press("Shift+Tab")
        assert _holds_focus(scale) and _focused(page)["label"] == likert[1], _focused(page)
        page.keyboard.press("Tab")

        # The ruler's points side by side: arrow right to 7, the follow-ups left empty.
        ruler = person.box(page, "EX_RULER")
        _tab_into(page, ruler)
        assert _focused(page)["label"] == "0"
        for _ in range(7):
            page.keyboard.press("ArrowRight")
        expect(ruler.get_by_role("radio", name="7", exact=True)).to_be_checked()
        _saved_value(folder, "EX_RULER", {"score": 7, "why_not_lower": "", "what_would_raise": ""})
        page.keyboard.press("Tab")  # the next control is the ruler's first follow-up question
        expect(ruler.get_by_label("Miksi et valinnut pienempää lukua?")).to_be_focused()

        # The share's default "En jaa" is where Tab lands; one arrow press down shares under one's name.
        share = person.box(page, "EX_SHARE")
        _tab_into(page, share)
        assert _focused(page)["label"] == "En jaa" and _focused(page)["checked"]
        page.keyboard.press("ArrowDown")
        _saved_value(folder, "EX_SHARE", {"mode": "name", "nickname": ""})

        _check_fits_the_phone(page)
        violations = person.serious_axe_violations(page)
    assert violations == []
    assert AnswerStore("esimerkki", folder).values() == {
        "EX_LIKERT": 2, "EX_CANDO": 2, "EX_RULER": {"score": 7, "why_not_lower": "", "what_would_raise": ""},
        "EX_SHARE": {"mode": "name", "nickname": ""}}


def test_do_arrow_keys_move_the_choice_and_not_the_cell_in_jupyterlab(tmp_path: Path) -> None:
    """JupyterLab binds plain keys to cell commands (arrows: another cell, Enter: edit the code); in a radio
    group they are the group's."""
    root = tmp_path / "home"
    root.mkdir()
    write_gallery(root)
    with lab(root, tmp_path) as url, person.chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(url + "lab/tree/esimerkki.ipynb", timeout=60_000)
        expect(page.locator(".jp-StatusBar-Widget")).to_contain_text("Python 3 (ipykernel) | Idle", timeout=60_000)
        page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
        page.locator(".lm-Menu").get_by_text("Run All Cells", exact=True).click()
        person.wait_for_widgets(page, len(for_week("esimerkki")))
        scale = person.box(page, "EX_CANDO")
        scale.get_by_role("radio", name="1 – En osaa").focus()
        active_cell = page.locator(".jp-Notebook .jp-Cell.jp-mod-active")
        cell_before = active_cell.evaluate("(c) => Array.from(c.parentElement.children).indexOf(c)")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        expect(scale.get_by_role("radio", name="3 – Osaan itsenäisesti")).to_be_checked()
        expect(scale.get_by_role("radio", name="3 – Osaan itsenäisesti")).to_be_focused()
        assert active_cell.evaluate("(c) => Array.from(c.parentElement.children).indexOf(c)") == cell_before
        page.keyboard.press("Enter")  # in command mode Enter would open the cell's code for editing
        page.wait_for_timeout(300)
        expect(page.locator(".jp-Notebook.jp-mod-editMode")).to_have_count(0)
        expect(page.locator(".jp-Notebook.jp-mod-commandMode")).to_have_count(1)
        person.saved(scale)
        _saved_value(root, "EX_CANDO", 3)
