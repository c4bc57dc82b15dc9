"""The participant app on the real hub, in real Chromium: log in, "Oma valmennus", week 1, submit, feedback.

The third participant of the site (``p03``; ``test_hub.py`` plays p01 and p02 over HTTP and counts only
them, and runs first) logs in through the hub's login page and lands on their own home, as every
participant does (``deploy/hubsite.py``: the app and Voilà in their server, ``/valmennus/`` the default
URL). One click opens week 1 (fetched through nbgrader's exchange as them, rendered by Voilà); they answer
an item of every kind the week has (texts, the self-assessment scale, the pulse's choice, the share
choice with a nickname), reload and find everything, tab through the whole week with the keyboard,
submit from the app (first the missing list, then the confirmation). The facilitator grades, comments,
releases feedback and publishes the group's wall in the formgrader service's kernel (as the grader
account); the participant reads the feedback and the wall in the app. On every page: no code, no code
editor, no traceback visible; axe-core finds nothing serious or critical on the home, week, submit and
feedback pages.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from valmennus.demo.simulate import Participant, facilitator_comment
from valmennus.items import get

from ..browser import participant as person
from ..browser.test_participant_app import axe_serious
from .client import Person
from .conftest import WEEK, HubRun, facilitator_runs, nbgrader_steps, timed

pytestmark = [pytest.mark.hub, pytest.mark.server]

TASK = "ohjaajan_palaute"
DESKTOP = {"width": 1100, "height": 900}
SHOTS = person.REPO / "docs" / "kuvat"

DIARY = ("Käytin Kelan asiointipalvelua ja hain asumistukea. Kirjautuminen pankkitunnuksilla kesti kaksi minuuttia "
         "ja tuntui helpolta, neljä. Lomakkeen liitteiden lisääminen kesti kymmenen minuuttia ja tuntui vaikealta, "
         "kaksi. Apua tarjottiin chatissa, mutta sen löytäminen vaati kolme klikkausta valikon kautta. Lähettäminen "
         "onnistui lopulta, ja vahvistus tuli sähköpostiin viiden minuutin kuluttua.")
TEXTS = {
    "W1_DIARY": DIARY,
    "W1_R_DESC": "Täytin hakemuksen ja pysähdyin liitteiden kohdalla, koska en löytänyt oikeaa painiketta heti.",
    "W1_R_FEEL": "Olo oli epävarma ja hieman turhautunut. Tarvitsin digirohkeutta, kun lähetin lomakkeen eteenpäin.",
    "W1_R_EVAL": "Kirjautuminen sujui hyvin, mutta liitteiden lisääminen vei paljon aikaa ja hermoja.",
    "W1_R_ANAL": "Asiakas ilman skanneria tai vahvaa kielitaitoa jäisi jumiin liitteisiin ja tarvitsisi lähitukea.",
    "W1_R_CONC": "Palvelu voisi kertoa liitteistä jo alussa, ja ohjaaja voisi käydä ne läpi ennen aloittamista.",
    # W1_R_PLAN left empty: the submit page lists it as missing, the feedback marks the reflection not done
    "W1_SHARED": "Este: liitteiden lisääminen. Miten voisimme neuvoa liitteet ennen kuin asiakas aloittaa?",
    "PULSE_CLIENT": "Muistutus tuli sopivaan aikaan, ja palautteen lukeminen oli helppoa.",
    "PULSE_NOTE": "Päiväkirjan vaiheet auttoivat hahmottamaan asiointia <b>asiakkaan</b> silmin & rauhassa.",
}
SCALES = {"W1_SA1": 4, "W1_SA2": 3, "W1_SA3": 5, "W1_SA4": 2, "W1_SA5": 4, "PULSE_USE": 5}
LIKERT = {1: "Täysin eri mieltä", 2: "Jokseenkin eri mieltä", 3: "Ei samaa eikä eri mieltä",
          4: "Jokseenkin samaa mieltä", 5: "Täysin samaa mieltä"}
CHOICE = ("PULSE_LOAD", "sopiva", "right")
NICKNAME = "Liiteselvittäjä"
# the pulse's comments go to the course team's own file, never to the submitted answers file
FOR_TEAM = {item_id: text for item_id, text in TEXTS.items() if get(item_id).anonymous}
EXPECTED = {**{k: v for k, v in TEXTS.items() if k not in FOR_TEAM}, **SCALES, CHOICE[0]: CHOICE[2],
            "W1_SHARE": {"mode": "nickname", "nickname": NICKNAME}}
PROFILE = Participant("p03", "Sanna", "Lahtinen", "complete")  # only for the coach's words


def point(n: int) -> str:
    return f"{n} – {LIKERT[n]}"


# -- what is asserted on every page -------------------------------------------------------------------
CODE_SELECTORS = (".jp-CodeCell .jp-InputArea", ".jp-InputArea-editor", ".CodeMirror", ".cm-editor",
                  ".jp-InputPrompt", "[data-mime-type='application/vnd.jupyter.stderr']", ".jp-OutputArea-error")


def no_code_visible(page: Page) -> None:
    """No code cell, code editor, prompt or traceback on the screen (markdown cells are Voilà's
    ``.jp-InputArea`` too, so the code one is asked for by its cell)."""
    for selector in CODE_SELECTORS:
        assert page.locator(f"{selector} >> visible=true").count() == 0, f"{selector} visible on {page.url}"
    text = page.inner_text("body")
    for words in ("Traceback", "from valmennus", "open_notebook(", "require(", "Error:", "ask_all("):
        assert words not in text, f"{words!r} on {page.url}"


def checked_page(page: Page, axe: bool = True, lab: bool = True) -> None:
    no_code_visible(page)
    if axe:
        assert axe_serious(page) == [], page.url
    if lab:  # the app's own pages (the week page's header leads home, where it is)
        expect(page.locator("footer a[href$='/lab']")).to_have_count(1)  # JupyterLab one link away


def wait_for_week(page: Page) -> None:
    expect(page.locator(".valmennus-answer").first).to_be_visible(timeout=120_000)
    page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=60_000)
    expect(page.locator("#loading")).to_have_count(0, timeout=60_000)
    expect(page.locator(".valmennus-answer")).to_have_count(len(EXPECTED) + len(FOR_TEAM) + 2)  # W1_R_PLAN, PULSE_TIME


# -- answering ----------------------------------------------------------------------------------------
def answer_week(page: Page) -> None:
    """Each kind the way a person does it: typing, a click on a scale's words, the keyboard in a group."""
    for item_id, text in TEXTS.items():
        field = person.box(page, item_id).get_by_label(get(item_id).label())
        field.click()
        field.fill(text)
    for item_id, n in SCALES.items():
        person.box(page, item_id).get_by_role("radio", name=point(n)).check()
    load = person.box(page, CHOICE[0])  # by keyboard: focus the first option, arrow down to "sopiva", Space
    load.get_by_role("radio", name="liian pieni").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(load.get_by_role("radio", name=CHOICE[1])).to_be_checked()
    share = person.box(page, "W1_SHARE")
    expect(share.get_by_role("radio", name="En jaa")).to_be_checked()  # not shared unless chosen
    share.get_by_role("radio", name="Jaan nimimerkillä").check()
    share.get_by_label("Nimimerkki").fill(NICKNAME)
    person.saved(share)


def saved_values(answers: Path) -> dict[str, Any]:
    try:
        document = json.loads(answers.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {key: entry["value"] for key, entry in document.get("answers", {}).items()}


def wait_for_file(answers: Path, timeout: float = 30) -> dict[str, Any]:
    """The answers file on disk (read as root) holds everything done on the screen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        values = saved_values(answers)
        if values == EXPECTED:
            return values
        time.sleep(0.3)
    return saved_values(answers)


def expect_everything_back(page: Page) -> None:
    for item_id, text in TEXTS.items():
        expect(person.box(page, item_id).get_by_label(get(item_id).label())).to_have_value(text)
    for item_id, n in SCALES.items():
        expect(person.box(page, item_id).get_by_role("radio", name=point(n))).to_be_checked()
    expect(person.box(page, CHOICE[0]).get_by_role("radio", name=CHOICE[1])).to_be_checked()
    share = person.box(page, "W1_SHARE")
    expect(share.get_by_role("radio", name="Jaan nimimerkillä")).to_be_checked()
    expect(share.get_by_label("Nimimerkki")).to_have_value(NICKNAME)
    expect(person.box(page, "W1_R_PLAN").get_by_label(get("W1_R_PLAN").label())).to_have_value("")


# -- the keyboard pass ----------------------------------------------------------------------------------
MARK_CONTROLS = """() => {
    // every control a person can operate: answer fields, buttons, links; a radio group is one stop
    const shown = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                          return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.disabled; };
    const keys = new Set();
    document.querySelectorAll('input, textarea, select, button, a[href]').forEach((el, i) => {
        if (!shown(el) || el.tabIndex < 0 || el.type === 'hidden') return;
        if (el.closest('.vp-header') && el.matches('.vp-skip, [href="#sisalto"]')) return;
        el.dataset.kb = el.type === 'radio' ? 'radio:' + el.name : 'c' + i;
        keys.add(el.dataset.kb);
    });
    return Array.from(keys);
}"""
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const cy = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(cx, cy);
    const label = el.labels && el.labels.length ? el.labels[0] : null;
    const onTop = !!hit && (hit === el || el.contains(hit) || hit.contains(el) || (label && label.contains(hit)));
    const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
                   && r.right > 0 && r.left < innerWidth;
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return {key: el.dataset.kb || '', tag: el.tagName, type: el.type || '',
            name: ((label && label.innerText) || el.getAttribute('aria-label') || el.innerText || el.name || '')
                  .slice(0, 50),
            visible: inView && onTop && s.visibility !== 'hidden', ring: ring};
}"""


def keyboard_pass(page: Page) -> tuple[set[str], list[dict[str, Any]]]:
    """Tab from the top of the page to its end; each stop's key and whether it was visibly focused."""
    expected = set(page.evaluate(MARK_CONTROLS))
    page.evaluate("() => { window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur(); }")
    stops: list[dict[str, Any]] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop["key"] and stop["key"] == stops[0]["key"]):
            break  # past the last control (focus left the page) or round to the first again
        stops.append(stop)
    else:
        pytest.fail("Tab never left the week page: a keyboard trap?")
    return expected, stops


# -- the facilitator -----------------------------------------------------------------------------------
def grade_and_release(run: HubRun, facilitator: Person, participant: str) -> None:
    """Collect, autograde, the coach's words, feedback released; the wall published where participants
    read it: what the facilitator does in the formgrader service (its kernel runs as the grader)."""
    site = run.site
    only = ("--student", participant)
    timed(run, "p03: facilitator collect + autograde", lambda: facilitator_runs(
        run, facilitator, nbgrader_steps(("collect", WEEK, *only), ("autograde", WEEK, *only, "--force"))))
    comment = ("from pathlib import Path\nfrom valmennus.course.settings import CourseSettings\n"
               "from valmennus.ops.feedback import write_task_feedback\nfrom valmennus.ops.share import build_wall\n"
               "course = CourseSettings.load(Path.cwd())\n"
               f"write_task_feedback(course, {WEEK!r}, {WEEK!r}, {participant!r}, {TASK!r}, "
               f"{facilitator_comment(PROFILE)!r}, 1.0)\n"
               f"build_wall(course, {WEEK!r}, publish_to=Path({str(site.walls_dir)!r}))\n")
    timed(run, "p03: facilitator comment, feedback, wall", lambda: facilitator_runs(
        run, facilitator, comment + nbgrader_steps(("generate_feedback", WEEK, *only, "--force"),
                                                   ("release_feedback", WEEK, *only))))


# -- the test ------------------------------------------------------------------------------------------
def test_a_participant_goes_through_week_one_in_the_app_on_the_hub(hub_run: HubRun, released_week: Person) -> None:
    run, site = hub_run, hub_run.site
    name = site.participants[2]
    server = f"/user/{name}"
    answers = Path(f"/home/{name}/{site.course_id}/{WEEK}/{WEEK}.answers.json")
    with person.chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.set_default_timeout(30_000)

        # 1. log in through the hub's page; the server starts and the home opens
        started = time.monotonic()
        page.goto(f"{run.url}/hub/login", timeout=60_000)
        page.fill("input[name=username]", name)
        page.fill("input[name=password]", run.password)
        page.locator("input[type=submit], button[type=submit]").first.click()
        page.wait_for_url(re.compile(rf"{re.escape(server)}/valmennus/?$"), timeout=180_000)
        run.timings["p03: log in to home (spawn included)"] = round(time.monotonic() - started, 2)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Oma valmennus")
        expect(page.locator(".vp-meta").first).to_contain_text(site.course_id)
        expect(page.locator(".vp-next")).to_contain_text("Viikko 1")
        checked_page(page)

        # 2. one click opens week 1: fetched as the participant, rendered by Voilà, no code
        started = time.monotonic()
        page.get_by_role("link", name=re.compile(r"^Avaa viikko – Viikko 1")).click()
        page.wait_for_url(re.compile(rf"{re.escape(server)}/voila/render/{site.course_id}/{WEEK}/{WEEK}\.ipynb$"),
                          timeout=120_000)
        wait_for_week(page)
        run.timings["p03: open week 1 (fetch + Voila) to widgets"] = round(time.monotonic() - started, 2)
        expect(page.locator(".vp-header")).to_contain_text("Oma valmennus")
        checked_page(page, lab=False)

        # 3. answer every kind; the file on disk (the participant's own, read here as root) has it all
        started = time.monotonic()
        answer_week(page)
        assert wait_for_file(answers) == EXPECTED
        team = saved_values(answers.with_name(f"{WEEK}.kurssitiimille.json"))
        assert {k: v for k, v in team.items() if not k.startswith("_")} == FOR_TEAM
        run.timings["p03: answer 14 items"] = round(time.monotonic() - started, 2)
        no_code_visible(page)

        # 4. reload: a new kernel fills every field from the file
        page.reload()
        wait_for_week(page)
        expect_everything_back(page)
        no_code_visible(page)

        # 5. keyboard only: Tab reaches every control of the week, each stop visibly focused
        expected, stops = keyboard_pass(page)
        reached = {s["key"] for s in stops}
        assert expected <= reached, f"never reached by Tab: {sorted(expected - reached)}"
        hidden = [s for s in stops if not (s["visible"] and s["ring"])]
        assert hidden == [], f"focused but not visibly: {hidden}"
        assert sum(1 for s in stops if s["key"].startswith("radio:")) >= len(SCALES) + 2  # a stop per group
        run.timings["p03: keyboard stops on the week page"] = len(stops)

        # 6. submit from the week's header: the missing list first, then the confirmation
        page.locator(".vp-header").get_by_role("link", name="Palauta").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Palauta")
        missing = page.locator(".vp-missing li")
        expect(missing.first).to_be_visible()
        assert missing.all_inner_texts() == [f"Vastaus puuttuu kohdasta: {get('W1_R_PLAN').short_label()}"], \
            missing.all_inner_texts()
        checked_page(page)
        page.get_by_role("button", name="Palauta viikko").click()
        status = page.get_by_role("status")
        expect(status).to_contain_text("Palautettu")
        expect(status).to_contain_text(f"{WEEK}.answers.json")
        checked_page(page)

        # 7. the facilitator grades, writes, releases feedback and publishes the wall
        grade_and_release(run, released_week, name)

        # 8. the home says there is new feedback; the participant reads it in the app
        page.get_by_role("link", name="Oma valmennus").first.click()
        expect(page.locator(".vp-next")).to_contain_text("Sinulle on uutta palautetta")
        checked_page(page, axe=False)
        page.get_by_role("link", name=re.compile(r"^Lue palaute – Viikko 1")).click()
        expect(page.get_by_role("heading", name="Valmentajan palaute")).to_be_visible()
        expect(page.locator(".vp-comment")).to_contain_text(facilitator_comment(PROFILE)[:40])
        marks = page.locator(".vp-marks")
        expect(marks).to_contain_text("ei vielä valmis")  # the reflection, W1_R_PLAN empty
        expect(marks).to_contain_text("valmis")
        summary = page.locator(".valmennus-summary")
        expect(summary).to_contain_text(DIARY[:60])
        expect(summary).to_contain_text(TEXTS["W1_R_DESC"][:60])  # escaped text, not markup
        # the pulse's comments go to the course team without her name: never on her coach's page
        expect(summary).not_to_contain_text(TEXTS["PULSE_NOTE"][:30])
        expect(summary).to_contain_text("menee kurssitiimille ilman nimeäsi")
        checked_page(page)
        person.ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(person.ARTIFACTS / "hub-osallistuja-palaute.png"), full_page=True)

        # 9. read: no longer new; the group's wall shows the post under the nickname, not the name
        page.get_by_role("link", name="Oma valmennus").first.click()
        expect(page.locator(".vp-next")).not_to_contain_text("uutta palautetta")
        page.get_by_role("link", name=re.compile(r"^Ryhmän seinä – Viikko 1")).click()
        # on the hub the link leads to the group's live wall (the wall service); her server sends her
        # shares there first, so the post is on it at once
        page.wait_for_url(re.compile(r"/services/[^/]+-seina/"))
        post = page.locator("article.vs-post").filter(has_text=TEXTS["W1_SHARED"])
        expect(post).to_have_count(1)
        expect(post.locator(".vs-author")).to_contain_text(NICKNAME)
        expect(page.locator("main")).not_to_contain_text(name)  # her login name only in the header
        checked_page(page, axe=False, lab=False)  # the wall service: no Lab link there
