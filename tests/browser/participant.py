"""What a participant does in the gallery notebook, in a real browser, and what they should see after.

Shared by the Voilà and JupyterLab tests: the same clicks, keys and file choice in both, located
by the words on the screen (labels, options), the way a person or a screen reader finds them.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from valmennus.items import get

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SAVE_WAIT_MS = 20_000

REFLECTION = "Kokeilin <b>Kela</b>-asiointia ja jäin jumiin kirjautumiseen & valikkoon."
SHARED = "Este: valikko. Miten voisimme nimetä valikot selkeämmin?"
WHY_NOT_LOWER = "Ohjaan asiakkaita joka viikko."
WOULD_RAISE = "Oma kokeilu Suomi.fi-palvelussa."
NICKNAME = "Digirohkea"
IMAGE_NAME = "piirros.png"

# What the answers file must hold afterwards (the image reference is checked separately).
EXPECTED: dict[str, Any] = {
    "EX_REFLECT": REFLECTION,
    "EX_LIKERT": 4,
    "EX_CANDO": 3,
    "EX_CHOICE": "weekly",
    "EX_QUIZ": {"chosen": ["b"], "correct": True},
    "EX_QUIZ_MULTI": {"chosen": ["lahi", "eta"], "correct": False},
    "EX_RULER": {"score": 7, "why_not_lower": WHY_NOT_LOWER, "what_would_raise": WOULD_RAISE},
    "EX_CHECKLIST": ["kokeile", "jaa"],
    "EX_SHARED": SHARED,
    "EX_SHARE": {"mode": "nickname", "nickname": NICKNAME},
}


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by playwright (never a downloaded browser)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def box(page: Page, item_id: str) -> Locator:
    """The answer box of one item, found by its question's words."""
    return page.locator(".valmennus-answer", has_text=get(item_id).label())


def wait_for_widgets(page: Page, count: int, timeout_ms: int = 60_000) -> None:
    """Widgets render only after the kernel's websocket connects (DESIGN §8)."""
    expect(page.locator(".valmennus-answer")).to_have_count(count, timeout=timeout_ms)
    page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=timeout_ms)


def saved(b: Locator) -> None:
    """Wait for the true status line: shown only after the write returned."""
    expect(b.locator(".valmennus-status")).to_contain_text("Tallennettu klo", timeout=SAVE_WAIT_MS)


def answer_everything(page: Page, image: Path) -> None:
    """Type, click, use the keyboard and upload, waiting each time for the true "Tallennettu klo"."""
    b = box(page, "EX_REFLECT")
    b.get_by_label(get("EX_REFLECT").label()).click()
    page.keyboard.type(REFLECTION)
    expect(b).to_contain_text("riittää", timeout=SAVE_WAIT_MS)
    saved(b)

    b = box(page, "EX_LIKERT")  # by keyboard: Tab to the option, Space to choose
    b.get_by_role("radio", name="4 – Jokseenkin samaa mieltä").focus()
    page.keyboard.press("Space")
    saved(b)

    b = box(page, "EX_CANDO")
    b.get_by_role("radio", name="3 – Osaan itsenäisesti").check()
    saved(b)

    b = box(page, "EX_CHOICE")
    b.get_by_role("radio", name="viikoittain").check()
    saved(b)

    b = box(page, "EX_QUIZ")  # first a wrong option: the feedback says so in words, then the right one
    b.get_by_role("radio", name="Ohjaaja hoitaa asian asiakkaan puolesta.").check()
    expect(b).to_contain_text("Vastaus ei ole vielä oikein", timeout=SAVE_WAIT_MS)
    b.get_by_role("radio", name="Asiakas oppii käyttämään palveluja itsenäisesti ja turvallisesti.").check()
    expect(b).to_contain_text("Vastauksesi on oikein.", timeout=SAVE_WAIT_MS)
    saved(b)

    b = box(page, "EX_QUIZ_MULTI")
    b.get_by_role("checkbox", name="Lähitukena kasvokkain").check()
    b.get_by_role("checkbox", name="Etätukena chatissa, puhelimessa tai videolla").check()
    expect(b).to_contain_text("Vastaus ei ole vielä oikein", timeout=SAVE_WAIT_MS)
    saved(b)

    b = box(page, "EX_RULER")
    b.get_by_role("radio", name="7", exact=True).check()
    b.get_by_label("Miksi et valinnut pienempää lukua?").fill(WHY_NOT_LOWER)
    b.get_by_label("Mikä nostaisi lukua yhdellä?").fill(WOULD_RAISE)
    saved(b)

    b = box(page, "EX_CHECKLIST")
    b.get_by_role("checkbox", name="Kokeilen yhtä uutta palvelua itse.").check()
    b.get_by_role("checkbox", name="Jaan yhden vinkin työkavereille.").check()
    expect(b).to_contain_text("Valittu 2 / 3", timeout=SAVE_WAIT_MS)
    saved(b)

    b = box(page, "EX_SHARED")
    b.get_by_label(get("EX_SHARED").label()).fill(SHARED)
    saved(b)

    b = box(page, "EX_SHARE")
    expect(b.get_by_role("radio", name="En jaa")).to_be_checked()  # not shared unless chosen
    b.get_by_role("radio", name="Jaan nimimerkillä").check()
    b.get_by_label("Nimimerkki").fill(NICKNAME)
    saved(b)

    b = box(page, "EX_RESPONSE")
    b.get_by_role("radio", name="Lataan kuvan tai piirroksen").check()
    with page.expect_file_chooser() as chooser:  # the button opens the system's file dialog
        b.get_by_role("button", name="Valitse kuva").click()
    chooser.value.set_files(str(image))
    expect(b).to_contain_text(f"Kuva {IMAGE_NAME} on tallessa", timeout=SAVE_WAIT_MS)
    saved(b)


def expect_everything_back(page: Page) -> None:
    """After a reload (a new kernel), every answer is on the screen again."""
    expect(box(page, "EX_REFLECT").get_by_label(get("EX_REFLECT").label())).to_have_value(REFLECTION)
    expect(box(page, "EX_LIKERT").get_by_role("radio", name="4 – Jokseenkin samaa mieltä")).to_be_checked()
    expect(box(page, "EX_CANDO").get_by_role("radio", name="3 – Osaan itsenäisesti")).to_be_checked()
    expect(box(page, "EX_CHOICE").get_by_role("radio", name="viikoittain")).to_be_checked()
    quiz = box(page, "EX_QUIZ")
    expect(quiz.get_by_role("radio", name="Asiakas oppii käyttämään palveluja itsenäisesti ja turvallisesti.")
           ).to_be_checked()
    expect(quiz).to_contain_text("Vastauksesi on oikein.")
    multi = box(page, "EX_QUIZ_MULTI")
    expect(multi.get_by_role("checkbox", name="Lähitukena kasvokkain")).to_be_checked()
    expect(multi.get_by_role("checkbox", name="Koulutuksina")).not_to_be_checked()
    ruler = box(page, "EX_RULER")
    expect(ruler.get_by_role("radio", name="7", exact=True)).to_be_checked()
    expect(ruler.get_by_label("Mikä nostaisi lukua yhdellä?")).to_have_value(WOULD_RAISE)
    checklist = box(page, "EX_CHECKLIST")
    expect(checklist.get_by_role("checkbox", name="Jaan yhden vinkin työkavereille.")).to_be_checked()
    expect(checklist.get_by_role("checkbox", name="Kysyn asiakkaalta, mikä asioinnissa on vaikeinta.")
           ).not_to_be_checked()
    expect(box(page, "EX_SHARED").get_by_label(get("EX_SHARED").label())).to_have_value(SHARED)
    share = box(page, "EX_SHARE")
    expect(share.get_by_role("radio", name="Jaan nimimerkillä")).to_be_checked()
    expect(share.get_by_label("Nimimerkki")).to_have_value(NICKNAME)
    response = box(page, "EX_RESPONSE")
    expect(response.get_by_role("radio", name="Lataan kuvan tai piirroksen")).to_be_checked()
    expect(response.get_by_role("img", name=f"Osallistujan lataama kuva: {IMAGE_NAME}")).to_be_visible()
    # Built afresh from the file: the status names the saved date ("Tallennettu 23.11.2026 klo 12.03"),
    # which a widget left over from before the reload (saying "Tallennettu klo 12.03") would not.
    statuses = page.locator(".valmennus-answer .valmennus-status")
    expect(statuses).to_have_count(len(EXPECTED) + 1)
    for status in statuses.all():
        expect(status).to_have_text(re.compile(r"^Tallennettu \d{1,2}\.\d{1,2}\.\d{4} klo \d\d\.\d\d$"))


def check_answers_file(folder: Path, image: bytes) -> None:
    """The file on disk holds exactly what was done on the screen, and the image beside it."""
    document = json.loads((folder / "esimerkki.answers.json").read_text(encoding="utf-8"))
    values = {key: entry["value"] for key, entry in document["answers"].items()}
    response = values.pop("EX_RESPONSE")
    assert values == EXPECTED
    assert response["mode"] == "image" and response["image"]["original"] == IMAGE_NAME
    assert response["image"]["type"] == "image/png" and response["image"]["size"] == len(image)
    stored = folder / response["image"]["file"]
    assert stored.parent == folder and stored.read_bytes() == image
    assert [p.name for p in folder.glob("esimerkki.upload.*")] == [stored.name]


def serious_axe_violations(page: Page, selector: str | None = None,
                           must_pass: tuple[str, ...] = ("label",)) -> list[dict[str, Any]]:
    """axe-core run in the page (or only in ``selector``); the serious and critical violations, with where.

    ``must_pass``: rules axe must have passed, so that a page whose content never rendered cannot pass
    vacuously (form fields by default; a dashboard's charts and tables; nothing for a page of links)."""
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci --prefix tests/browser)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async (selector) => {
        const context = selector ? {include: [[selector]]} : document;
        const result = await axe.run(context, {resultTypes: ['violations', 'passes']});
        return {passes: result.passes.map(p => p.id),
                violations: result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                         nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))};
    }""", selector)
    assert set(must_pass) <= set(result["passes"]), result["passes"]
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def screenshot(page: Page, name: str) -> None:
    """The whole page: Voilà and Lab scroll an inner panel, so the window is made tall for the shot."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size or {"width": 1100, "height": 900}
    tallest = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*'), e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(tallest, size["height"]), 6000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
