"""The group's space (issue 15) on a real hub, in real Chromium: a small group shares, comments, is moderated.

A hub of its own (this module's fixture): four participants (A, B and D in small group "Kettu", C in
"Karhu", by the course roster), their coach and a coordinator, the wall service of the course
(``deploy/wall_service.py``) beside the formgrader. The coach releases week 1. In Chromium:

1. A answers week 1's shared thought in Voilà (with markup in it) and shares it under a nickname; D
   writes hers and keeps the default "En jaa" (not shared).
2. B opens the group's space: within a minute A's post is there under the nickname (never A's name),
   the markup shows as text; B comments (markup again, as text). D's words are nowhere.
3. A's home says there is a new comment on her post; on the wall the comment is marked new.
4. The coach hides B's comment with a reason; A sees why (and not the words); B sees the reason too.
5. C (the other small group) sees none of it: not in the list, not on the cohort wall, 403 for the
   address of Kettu's wall. The coordinator sees counts only.
6. Every wall page: axe-core finds nothing serious or critical; at 390 px nothing scrolls sideways.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ..browser import participant as person
from ..conftest import REPO, free_port
from .conftest import HUB_VENV, PROXY, WEEK, HubRun, facilitator_runs, nbgrader_steps, require_hub, timed

pytestmark = [pytest.mark.hub, pytest.mark.server]

SHARED = "Este: liitteiden lisääminen. <b>Miten voisimme</b> neuvoa liitteet <script>alert(1)</script> ennen?"
PRIVATE = "Danin oma ajatus, jota hän ei jaa kenellekään tällä kurssilla."
NICKNAME = "Liiteselvittäjä"
COMMENT = "Hyvä kysymys! <i>Kokeillaan</i> tarkistuslistaa."
REASON = "Pidetään keskustelu jaossa itsessään."
NAMES = {"a": ("Anna", "Aalto", "Kettu"), "b": ("Bertta", "Berg", "Kettu"), "c": ("Cecilia", "Ceder", "Karhu"),
         "d": ("Daniel", "Dahl", "Kettu")}


@pytest.fixture(scope="module")
def wall_hub() -> Iterator[HubRun]:
    require_hub()
    import sys

    sys.path.insert(0, str(REPO / "deploy"))
    from hubsite import Site, setup_host
    from pgcluster import start_cluster
    from run_hub import start_hub, tear_down

    course_id = f"vmt{secrets.token_hex(2)}"
    base = Path(tempfile.mkdtemp(prefix="valmennus-hub-"))
    os.chmod(base, 0o755)
    users: list[str] = []
    groups: list[str] = []
    cluster = hub = run = None
    try:
        cluster = start_cluster(parent=base)
        cluster.create_database("wallgrades", owner_role="wall_grader", readonly_role="wall_dashboard")
        password = secrets.token_urlsafe(12)
        site = Site(course_id=course_id, state_dir=str(base / "state"), course_dir=str(base / "course"),
                    exchange=str(base / "exchange"), venv=str(HUB_VENV), proxy_command=str(PROXY),
                    db_url=cluster.url("wallgrades", "wall_grader"),
                    db_url_readonly=cluster.url("wallgrades", "wall_dashboard"),
                    participants=[f"{course_id}-{k}" for k in NAMES], facilitators=[f"{course_id}-ohjaaja"],
                    coordinators=[f"{course_id}-koord"], dummy_password=password, port=free_port(),
                    hub_port=free_port(), proxy_api_port=free_port(), service_port=free_port(),
                    wall_port=free_port())
        users, groups = setup_host(site, REPO)
        roster = Path(site.course_dir) / "roster.csv"
        roster.write_text("id,first_name,last_name,email,facilitator,pienryhmä\n" + "".join(
            f"{course_id}-{k},{first},{last},,{site.facilitators[0]},{group}\n"
            for k, (first, last, group) in NAMES.items()), encoding="utf-8")
        shutil.chown(roster, site.grader, site.grader_group)
        os.chmod(roster, 0o640)
        site_file = site.save(site.hub_dir / "site.json")
        hub = start_hub(site_file, base / "jupyterhub.log")
        run = HubRun(site, cluster, f"http://127.0.0.1:{site.port}", password)
        yield run
    finally:
        tear_down(hub, users, groups, cluster)
        artifacts = REPO / "test-artifacts" / "hub"
        artifacts.mkdir(parents=True, exist_ok=True)
        if run is not None:
            (artifacts / "wall-timings.json").write_text(json.dumps(run.timings, indent=2))
        if (base / "jupyterhub.log").exists():
            shutil.copy2(base / "jupyterhub.log", artifacts / "jupyterhub-wall.log")
        shutil.rmtree(base, ignore_errors=True)


def log_in(browser: Browser, run: HubRun, name: str, width: int = 1100) -> Page:
    """A browser of this person's own (cookies), logged in through the hub's page."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # axe is injected
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{run.url}/hub/login", timeout=60_000)
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", run.password)
    page.locator("input[type=submit], button[type=submit]").first.click()
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


def test_a_small_group_shares_comments_and_is_moderated_on_the_hub(wall_hub: HubRun) -> None:
    run, site = wall_hub, wall_hub.site
    a, b, c, d = (f"{site.course_id}-{k}" for k in "abcd")
    coach_name = site.facilitators[0]
    wall = f"{run.url}/services/{site.course_id}-seina/"
    kettu = f"{wall}viikko/{WEEK}/r-Kettu"
    from .client import Person

    coach_api = Person.log_in(run.url, coach_name, run.password)
    timed(run, "coach: generate + release", lambda: facilitator_runs(run, coach_api, nbgrader_steps(
        ("generate_assignment", WEEK, "--force"), ("release_assignment", WEEK, "--force"))))
    with person.chromium() as browser:
        # 1. A shares under a nickname; D writes but keeps "En jaa"
        page_a = log_in(browser, run, a)
        share_in_week(page_a, run, a, SHARED, NICKNAME)
        shared_at = time.monotonic()
        page_d = log_in(browser, run, d)
        share_in_week(page_d, run, d, PRIVATE, None)

        # 2. B opens the group's space: A's post arrives within a minute, under the nickname only
        page_b = log_in(browser, run, b)
        page_b.goto(f"{wall}viikko/{WEEK}/", timeout=60_000)
        page_b.wait_for_url(re.compile(re.escape(kettu) + "$"), timeout=60_000)
        deadline = shared_at + 75
        while NICKNAME not in page_b.inner_text("main") and time.monotonic() < deadline:
            page_b.wait_for_timeout(3000)
            page_b.reload()
        run.timings["A's post on B's wall (s after the share was saved)"] = round(time.monotonic() - shared_at, 1)
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
        page_coach = log_in(browser, run, coach_name)
        page_coach.goto(kettu, timeout=60_000)
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
        assert "Daniel Dahl" in table and NICKNAME not in table and "Miten voisimme" not in table

        # 5. the other small group sees none of it; the coordinator sees counts only
        page_c = log_in(browser, run, c)
        page_c.goto(wall, timeout=60_000)
        expect(page_c.get_by_role("link", name=re.compile("Pienryhmä Karhu"))).to_have_count(1)
        expect(page_c.get_by_role("link", name=re.compile("Pienryhmä Kettu"))).to_have_count(0)
        page_c.goto(f"{wall}viikko/{WEEK}/kaikki", timeout=60_000)
        assert NICKNAME not in page_c.inner_text("main") and "Miten voisimme" not in page_c.inner_text("main")
        checked(page_c, forms=False)  # nothing shared on the cohort's wall: no form to label
        refused = page_c.goto(kettu, timeout=60_000)
        assert refused is not None and refused.status == 403
        assert NICKNAME not in page_c.content()
        page_k = log_in(browser, run, site.coordinators[0])
        counts = page_k.goto(f"{wall}maarat", timeout=60_000)
        assert counts is not None and counts.status == 200
        assert "Kettu" in page_k.inner_text("main") and NICKNAME not in page_k.content()
        assert page_k.goto(kettu, timeout=60_000).status == 403

        # 6. D chose "not shared": never on any wall
        for page in (page_a, page_b, page_coach):
            page.goto(kettu, timeout=60_000)
            assert PRIVATE not in page.content() and "Daniel" not in page.inner_text("main")
