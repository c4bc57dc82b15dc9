"""The group's space (issue 15) on a real hub, in real Chromium: a small group shares, comments, is moderated.

On the hub of tests/hub/conftest.py (its first course): four of its participants (A, B and D in small group
"Kettu", C in "Karhu": ``WALL_PEOPLE``, on the course roster while this module runs), their coach and the
coordinator, the course's wall service (``deploy/wall_service.py``) beside the formgrader. The coach has
released week 1 (``released_week``). In Chromium:

1. A answers week 1's shared thought in Voilà (with markup in it) and shares it under a nickname; D
   writes hers and keeps the default "En jaa" (not shared).
2. B opens the group's space: within a minute A's post is there under the nickname (never A's name),
   the markup shows as text; B comments (markup again, as text). D's words are nowhere.
3. A's home says there is a new comment on her post; on the wall it is marked new.
4. The coach hides B's comment with a reason; A sees why (and not the words); B sees the reason too.
5. C (the other small group) sees none of it: not in the list, not on the cohort wall, 403 for the
   address of Kettu's wall. The coordinator sees counts only.
6. Every wall page: axe-core finds nothing serious or critical; at 390 px nothing scrolls sideways.

The words here are this module's own (test_participant_hub.py's p03, in no small group, shares on the
cohort wall that C reads: another nickname and other words there).
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from ..browser import participant as person
from .client import Person
from .conftest import WALL_PEOPLE, WEEK, HubRun, course_file

pytestmark = [pytest.mark.hub, pytest.mark.server]

SHARED = "Este: ajanvaraus. <b>Kuinka saisimme</b> ajanvarauksen <script>alert(1)</script> sujumaan?"
PRIVATE = "Danin oma ajatus, jota hän ei jaa kenellekään tällä kurssilla."
NICKNAME = "Ajanvaraaja"
COMMENT = "Hyvä kysymys! <i>Kokeillaan</i> tarkistuslistaa."
REASON = "Pidetään keskustelu jaossa itsessään."
SMALL_GROUP = "pienryhmä"


@pytest.fixture(scope="module")
def wall_roster(hub_run: HubRun, released_week: Person) -> Iterator[HubRun]:
    """The first course's roster with WALL_PEOPLE and everyone's small group (a ``pienryhmä`` column) while
    this module runs, then as it was: test_hub.py and the dashboards' tests count the roster's people, and
    the wall service reads the roster again whenever it changes."""
    site = hub_run.site
    course = site.course_sites()[0]
    roster = Path(site.course_dir) / "roster.csv"
    before = roster.read_text(encoding="utf-8") if roster.exists() else ""
    rows = list(csv.DictReader(io.StringIO(before)))
    rows += [{"id": f"{site.course_id}-{k}", "first_name": first, "last_name": last, "email": "",
              "facilitator": site.facilitators[0], SMALL_GROUP: group}
             for k, (first, last, group) in WALL_PEOPLE.items()]
    text = io.StringIO()
    writer = csv.DictWriter(text, ["id", "first_name", "last_name", "email", "facilitator", SMALL_GROUP],
                            restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    course_file(course, roster, text.getvalue(), 0o640)
    try:
        yield hub_run
    finally:
        if before:
            course_file(course, roster, before, 0o640)
        else:
            roster.unlink(missing_ok=True)


def log_in(browser: Browser, run: HubRun, name: str, then: str = "", width: int = 1100) -> Page:
    """A browser of this person's own (cookies), logged in through the hub's page; ``then``: the path the
    hub sends them to after (``?next=``), e.g. a wall, so that nobody's own server starts who needs none."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # axe is injected
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{run.url}/hub/login" + (f"?next={quote(then, safe='/')}" if then else ""), timeout=60_000)
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", run.password)
    page.locator("input[type=submit], button[type=submit]").first.click()
    if then:  # the service's OAuth is redirects only: the page lands on the service's own
        page.wait_for_url(lambda url: urlsplit(url).path.startswith(then.rstrip("/")), timeout=120_000)
    else:  # the hub's page while the server starts, then their own
        page.wait_for_url(lambda url: "/hub/login" not in url, timeout=60_000)
    return page


def share_in_week(page: Page, run: HubRun, name: str, text: str, nickname: str | None) -> None:
    """Open week 1 from the home (fetch + Voilà), write the shared thought, choose how to share it."""
    page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/valmennus/?$"), timeout=180_000)
    page.get_by_role("link", name=re.compile(r"^Avaa viikko – Viikko 1")).click()
    expect(page.locator(".valmennus-answer").first).to_be_visible(timeout=180_000)
    page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=60_000)
    field = person.box(page, "W1_SHARED").locator("textarea")
    field.click()
    field.fill(text)
    person.saved(person.box(page, "W1_SHARED"))
    share = person.box(page, "W1_SHARE")
    if nickname:
        share.get_by_role("radio", name="Jaan nimimerkillä").check()
        share.get_by_label("Nimimerkki").fill(nickname)
        person.saved(share)
    else:
        expect(share.get_by_role("radio", name="En jaa")).to_be_checked()


def checked(page: Page, forms: bool = True) -> None:
    """axe-core: nothing serious or critical (and, where there are forms, their fields labelled); at 390 px
    nothing scrolls sideways."""
    assert person.serious_axe_violations(page, must_pass=("label",) if forms else ()) == [], page.url
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
    page.set_viewport_size(size)


def test_a_small_group_shares_comments_and_is_moderated_on_the_hub(wall_roster: HubRun) -> None:
    run, site = wall_roster, wall_roster.site
    a, b, c, d = (f"{site.course_id}-{k}" for k in WALL_PEOPLE)
    coach_name = site.facilitators[0]
    wall_path = f"/services/{site.course_id}-seina/"
    wall, kettu_path = f"{run.url}{wall_path}", f"{wall_path}viikko/{WEEK}/r-Kettu"
    kettu = f"{run.url}{kettu_path}"
    started = time.monotonic()
    with person.chromium() as browser:
        # 1. A shares under a nickname; D writes but keeps "En jaa"
        page_a = log_in(browser, run, a)
        share_in_week(page_a, run, a, SHARED, NICKNAME)
        shared_at = time.monotonic()
        run.timings["wall: A logged in (her server started) and shared (s)"] = round(shared_at - started, 1)
        # back to her home, which has her server send her shares at once (else within its 30 s round)
        page_a.goto(f"{run.url}/user/{a}/valmennus/", timeout=60_000)
        page_d = log_in(browser, run, d)
        share_in_week(page_d, run, d, PRIVATE, None)

        # 2. B opens the group's space: A's post arrives within a minute, under the nickname only
        page_b = log_in(browser, run, b, then=f"{wall_path}viikko/{WEEK}/")
        page_b.wait_for_url(re.compile(re.escape(kettu) + "$"), timeout=60_000)
        deadline = shared_at + 75
        while NICKNAME not in page_b.inner_text("main") and time.monotonic() < deadline:
            page_b.wait_for_timeout(1000)  # her server sends her shares every 30 s: look each second
            page_b.reload()
        run.timings["wall: A's post on B's wall (s after the share was saved)"] = round(time.monotonic() - shared_at, 1)
        post = page_b.locator("article.vs-post", has_text=NICKNAME)
        expect(post).to_have_count(1)
        expect(post).to_contain_text(SHARED)  # the markup as text
        main = page_b.inner_text("main")
        for never in ("Anna", "Aalto", a, PRIVATE, "Daniel", d):
            assert never not in main, never
        checked(page_b)
        post.get_by_label(re.compile("^Kommentoi")).fill(COMMENT)
        post.get_by_role("button", name="Lähetä kommentti").click()
        expect(page_b.locator("li.vs-comment", has_text=COMMENT)).to_have_count(1)

        # 3. A's home: a new comment on her post; on the wall it is marked new
        page_a.goto(f"{run.url}/user/{a}/valmennus/", timeout=60_000)
        expect(page_a.locator(".vp-note")).to_contain_text("Uusia kommentteja jakoihisi: 1")
        page_a.get_by_role("link", name="Avaa ryhmän tila").click()
        page_a.get_by_role("link", name=re.compile(r"^Pienryhmä Kettu – Viikko 1")).click()
        mine = page_a.locator("li.vs-comment", has_text=COMMENT)
        expect(mine).to_have_class(re.compile("vs-new"))
        expect(mine.locator(".vp-badge")).to_have_text("Uusi")
        checked(page_a)

        # 4. the coach hides B's comment with a reason: A sees why, not the words; B sees the reason
        page_coach = log_in(browser, run, coach_name, then=kettu_path)
        checked(page_coach)
        comment = page_coach.locator("li.vs-comment", has_text=COMMENT)
        comment.get_by_role("link", name=re.compile("^Moderoi")).click()
        expect(page_coach.locator("blockquote")).to_contain_text(COMMENT)  # what is hidden, as text
        checked(page_coach)
        page_coach.get_by_label("Syy piilottamiseen").fill(REASON)
        page_coach.get_by_role("button", name="Piilota kommentti").click()
        expect(page_coach.locator("li.vs-comment .vp-alert")).to_contain_text(REASON)
        page_a.reload()
        expect(page_a.locator("li.vs-comment .vp-alert")).to_contain_text(f"Syy: {REASON}")
        assert "Kokeillaan" not in page_a.inner_text("main")
        page_b.reload()
        expect(page_b.locator("li.vs-comment .vp-alert")).to_contain_text(REASON)
        person.ARTIFACTS.mkdir(exist_ok=True)
        page_a.screenshot(path=str(person.ARTIFACTS / "hub-seina.png"), full_page=True)
        activity = page_coach.goto(f"{wall}aktiivisuus", timeout=60_000)
        assert activity is not None and activity.status == 200
        table = page_coach.inner_text("main")
        assert "Daniel Dahl" in table and NICKNAME not in table and "Kuinka saisimme" not in table

        # 5. the other small group sees none of it; the coordinator sees counts only
        page_c = log_in(browser, run, c, then=wall_path)
        expect(page_c.get_by_role("link", name=re.compile("Pienryhmä Karhu"))).to_have_count(1)
        expect(page_c.get_by_role("link", name=re.compile("Pienryhmä Kettu"))).to_have_count(0)
        page_c.goto(f"{wall}viikko/{WEEK}/kaikki", timeout=60_000)
        assert NICKNAME not in page_c.inner_text("main") and "Kuinka saisimme" not in page_c.inner_text("main")
        # the cohort's wall: no form to label unless test_participant_hub.py's p03 has shared there
        checked(page_c, forms=False)
        refused = page_c.goto(kettu, timeout=60_000)
        assert refused is not None and refused.status == 403
        assert NICKNAME not in page_c.content()
        page_k = log_in(browser, run, site.coordinators[0], then=f"{wall_path}maarat")
        counts = page_k.goto(f"{wall}maarat", timeout=60_000)
        assert counts is not None and counts.status == 200
        assert "Kettu" in page_k.inner_text("main") and NICKNAME not in page_k.content()
        assert page_k.goto(kettu, timeout=60_000).status == 403

        # 6. D chose "not shared": never on any wall
        for page in (page_a, page_b, page_coach):
            page.goto(kettu, timeout=60_000)
            assert PRIVATE not in page.content() and "Daniel" not in page.inner_text("main")
    run.timings["wall: the whole test (s)"] = round(time.monotonic() - started, 1)
