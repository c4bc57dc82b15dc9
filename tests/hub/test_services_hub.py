"""The hub's services (issues 14 and 17) on the real hub of tests/hub/conftest.py, with two courses.

- The routine inside the second course's grader service (``deploy/grader_service.py``): JupyterHub
  started it with the formgrader; it releases week 1 by the schedule, collects the participant's
  submission and grades it, and releases the feedback once the coach has finished it, by itself; its
  log reads in Finnish.
- The dashboards service (``deploy/dashboards_service.py``): standalone Voilà with pre-heated kernels
  behind the hub's OAuth. Coordinators see both courses as pseudonyms (also when they send a forged
  identity header), each facilitator sees their own participants by name and nobody else's, participants
  get 403, nobody unknown gets in; a reflection's words appear on no page; the dashboards' database
  roles cannot write; a coordinator who logs in lands on the dashboards (no server of their own).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
import requests

from valmennus.cohort.dashboard import DASHBOARDS as DASHBOARD_NAMES
from valmennus.demo.simulate import answers_for

from .client import Person
from .conftest import ARTIFACTS, FIRST_COURSE_NAMES, HUB_VENV, SECOND_COURSE_NAMES, WEEK, HubRun
from .routine_week import COMMENT, ROUTINE_LOG, InBackground, RoutineWeek, in_service, play_routine_week, wait

pytestmark = [pytest.mark.hub, pytest.mark.server]
DASHBOARDS = "/services/dashboards"
PSEUDONYM = re.compile(r">O-[A-Z2-7]{5,}<")
REPO = Path(__file__).resolve().parents[2]


def _page(response: requests.Response) -> str:
    page = response.text
    for escaped, plain in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0027", "'")):
        page = page.replace(escaped, plain)
    return page


STORE_SYNC = """
from pathlib import Path
from valmennus.course.settings import CourseSettings
from valmennus.records.store import sync
sync(CourseSettings.load(Path.cwd()))
print("synced")
"""


@pytest.fixture(scope="module")
def routine_week(routine_week_in_background: InBackground | None, hub_run: HubRun) -> RoutineWeek:
    """The second course's week run by its routine (routine_week.py): played from the package's start beside
    the other modules, taken here (waiting for what is left of it)."""
    if routine_week_in_background is None:  # not started (the fixture found no test asking for it)
        return play_routine_week(hub_run)
    return routine_week_in_background.week()


def test_does_the_routine_in_the_grader_service_run_the_week(routine_week: RoutineWeek, hub_run: HubRun) -> None:
    me = routine_week.participant
    assert html.escape(COMMENT[:40]) in routine_week.feedback_page
    assert html.escape(answers_for(me, WEEK)["W1_R_FEEL"]) in routine_week.feedback_page
    log = routine_week.log
    for line in (rf"julkaisu {WEEK}: tehty", rf"keräys {me.id} {WEEK}: tehty", rf"tarkistus {me.id} {WEEK}: tehty",
                 rf"palautteen julkaisu {me.id} {WEEK}: tehty"):
        assert re.search(line, log), f"no {line!r} in the routine's log:\n{log}"
    assert "Traceback" not in log


def test_is_the_routine_part_of_the_grader_service(hub_run: HubRun) -> None:
    """JupyterHub started the routine: its passes run as the grader account, from the service's process."""
    import psutil

    course = hub_run.site.course_sites()[1]
    services = [p for p in psutil.process_iter(["username", "cmdline"]) if p.info["username"] == course.grader
                and any("grader_service.py" in a for a in p.info["cmdline"] or [])]
    assert len(services) == 1, services
    children = set()
    for child in services[0].children():
        try:  # a routine pass may end between the listing and the reading
            children.add(" ".join(child.cmdline()))
        except psutil.NoSuchProcess:
            continue
    assert any("jupyterhub-singleuser" in c for c in children), children
    first = hub_run.site.course_sites()[0]  # the first course's routine is off (its tests grade by hand)
    assert not [p for p in psutil.process_iter(["username", "cmdline"])
                if p.info["username"] == first.grader and "routine" in (p.info["cmdline"] or [])]


# -- the dashboards service ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def synced(hub_run: HubRun, routine_week: RoutineWeek) -> HubRun:
    """Both courses' reporting stores brought up to date, as the schedule (the routine) does."""
    for course in hub_run.site.course_sites():
        coach = hub_run.log_in(course.facilitators[0])
        assert in_service(coach, course.course_id, STORE_SYNC).strip() == "synced"
    # The service's pre-heated kernels built their pages when the hub started, from stores still empty, and
    # may show such a page for up to Dashboards.page_max_age (300 s; cohort/dashboard.py): on an idle
    # machine these tests come sooner than that. One render of each notebook takes that kernel; the pool's
    # next one builds from the synced stores.
    coordinator = hub_run.log_in(hub_run.site.coordinators[0])
    for notebook in _pages():  # those these tests open (each render has the pool start a kernel again)
        assert coordinator.get(f"{DASHBOARDS}/voila/render/{notebook}.ipynb").status_code == 200, notebook
    return hub_run


EQUAL_TABLES = """
import json
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from valmennus.cohort.cohorts import load_cohorts, load_from_folders
from valmennus.cohort.tables import build_tables
now = datetime.now(UTC)
store = build_tables(load_cohorts([Path.cwd()], now=now))
folders = build_tables(load_from_folders([Path.cwd()], now=now))
def rows(frame):  # the store keeps times to the microsecond (records/store.py)
    frame = frame.copy()
    for column in frame.columns:
        if str(frame[column].dtype).startswith("datetime64"):
            frame[column] = frame[column].dt.floor("us")
        elif str(frame[column].dtype).startswith("float"):  # hours between two such times
            frame[column] = frame[column].round(6)
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in frame.astype(object).where(frame.notna(), None)
                  .to_dict("records"))
differ = {}
for f in fields(store):
    mine, theirs = rows(getattr(store, f.name)), rows(getattr(folders, f.name))
    if mine != theirs:
        differ[f.name] = {"store_only": sorted(set(mine) - set(theirs))[:5],
                          "folders_only": sorted(set(theirs) - set(mine))[:5]}
print(json.dumps({"status_rows": len(store.status), "differ": differ}))
"""


def test_are_the_dashboards_tables_from_the_store_those_of_the_folders(synced: HubRun) -> None:
    """Issue 14: on the hub, every dashboard table (progress, skills, turnaround, pulse, ...) built from the
    course's reporting store equals the one built by the folder-based reader, in each course's grader
    service (the one account that can read both): the first course played by hand (test_hub.py, the
    browser test), the second by its routine. Times compare to the microsecond and the hours between them
    to 6 decimals, as the store keeps them; what differs is also written to
    test-artifacts/hub/store_vs_folders.json."""
    seen = {}
    for course in synced.site.course_sites():
        coach = synced.log_in(course.facilitators[0])
        seen[course.course_id] = json.loads(in_service(coach, course.course_id, EQUAL_TABLES))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "store_vs_folders.json").write_text(json.dumps(seen, indent=1), encoding="utf-8")
    assert all(v["status_rows"] > 0 and v["differ"] == {} for v in seen.values()), seen


def _render(run: HubRun, who: Person | None, notebook: str, **headers: str) -> requests.Response:
    url = f"{DASHBOARDS}/voila/render/{notebook}.ipynb"
    if who is None:
        return requests.get(f"{run.url}{url}", timeout=120, allow_redirects=False)
    started = time.monotonic()
    response = who.get(url, headers=headers)
    run.timings[f"dashboards service: {notebook} for {who.name}"] = round(time.monotonic() - started, 2)
    return response


def _facilitator_page() -> str:
    """The facilitator's own page when the dashboards have it (cohort.dashboard.FACILITATOR_PAGE), else the
    progress page, which shows a facilitator their own participants by name too."""
    return "omat-osallistujat" if (REPO / "dashboards" / "omat-osallistujat.ipynb").exists() else "edistyminen"


def _pages() -> tuple[str, ...]:
    """The dashboards these tests open: every page a reflection must not be on."""
    return (*DASHBOARD_NAMES, _facilitator_page())


def _names(run: HubRun) -> dict[str, list[str]]:
    """Facilitator -> the full names of their participants (the rosters conftest wrote)."""
    first, second = run.site.course_sites()
    return {first.facilitators[0]: [f"{a} {b}" for a, b in FIRST_COURSE_NAMES],
            second.facilitators[0]: [" ".join(SECOND_COURSE_NAMES["p01"])]}


def test_does_the_coordinator_see_both_courses_as_pseudonyms(synced: HubRun) -> None:
    run = synced
    coordinator = run.log_in(run.site.coordinators[0])
    everyone = [n for names in _names(run).values() for n in names]
    for notebook in ("edistyminen", "palauteviive", "ryhmat-rinnakkain"):
        response = _render(run, coordinator, notebook)
        assert response.status_code == 200, response.text[:500]
        page = _page(response)
        assert "valmennus-dash" in page and "Traceback" not in page, page[:2000]
        for name in everyone:
            assert name.split()[0] not in page, f"{name} on the coordinator's {notebook}"
        if notebook == "edistyminen":
            assert len(set(PSEUDONYM.findall(page))) >= len(everyone), page[:3000]
    # a forged identity header changes nothing: the service says who asked, never the browser
    first_facilitator = run.site.facilitators[0]
    forged = _page(_render(run, coordinator, _facilitator_page(), **{"X-Valmennus-Role": "facilitator",
                                                                   "X-Valmennus-User": first_facilitator}))
    assert not [n for n in everyone if n in forged]


def test_does_each_facilitator_see_own_participants_by_name_only(synced: HubRun) -> None:
    run = synced
    names = _names(run)
    for facilitator, own in names.items():
        others = [n for f, listed in names.items() if f != facilitator for n in listed]
        response = _render(run, run.log_in(facilitator), _facilitator_page())
        assert response.status_code == 200, response.text[:500]
        page = _page(response)
        assert "Traceback" not in page
        assert [n for n in own if n in page], f"{facilitator} does not see their own {own}"
        assert not [n for n in others if n in page], f"{facilitator} sees another facilitator's participants"


def test_do_participants_and_strangers_get_no_dashboards(synced: HubRun) -> None:
    run = synced
    for course in run.site.course_sites():
        participant = run.log_in(course.participants[0])
        assert _render(run, participant, "edistyminen").status_code == 403
        assert participant.get(f"{DASHBOARDS}/").status_code == 403
    anonymous = _render(run, None, "edistyminen")
    assert anonymous.status_code == 302 and "/hub/api/oauth2/authorize" in anonymous.headers["Location"]


def test_does_no_dashboard_page_show_a_reflection(synced: HubRun, routine_week: RoutineWeek) -> None:
    run = synced
    words = [line for line in answers_for(routine_week.participant, WEEK)["W1_DIARY"].splitlines() if len(line) > 20]
    assert words
    for who in (run.site.coordinators[0], run.site.course_sites()[1].facilitators[0]):
        for notebook in _pages():
            page = _page(_render(run, run.log_in(who), notebook))
            assert not [line for line in words if line in page], f"a reflection on {notebook} for {who}"


def test_can_the_dashboards_roles_only_read_the_stores(synced: HubRun) -> None:
    for course in synced.site.course_sites():
        url = course.db_url_readonly.replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(url, connect_timeout=10) as conn:
            tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                                  "WHERE table_schema = 'valmennus_reporting'")]
            assert tables
            conn.execute(f"SELECT count(*) FROM valmennus_reporting.{tables[0]}").fetchone()
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"DELETE FROM valmennus_reporting.{tables[0]}")


def test_does_a_coordinator_land_on_the_dashboards_through_the_hubs_login(synced: HubRun) -> None:
    """A browser's way: the hub's login form, the hub's default page for coordinators, the service's OAuth."""
    run = synced
    browser = requests.Session()
    login = browser.get(f"{run.url}/hub/login", timeout=30)
    xsrf = browser.cookies.get("_xsrf") or re.search(r'name="_xsrf" value="([^"]+)"', login.text).group(1)
    response = browser.post(f"{run.url}/hub/login", timeout=60, allow_redirects=True,
                            data={"username": run.site.coordinators[0], "password": run.password, "_xsrf": xsrf})
    assert response.status_code == 200, (response.url, response.text[:500])
    assert response.url.startswith(f"{run.url}{DASHBOARDS}/"), response.url
    # the dashboards' own front page (valmennus.cohort.serve), in Finnish, linking every dashboard
    assert "<h1>Koontinäytöt</h1>" in response.text, response.text[:1000]
    assert 'voila/render/edistyminen.ipynb"' in response.text, response.text[:3000]
    page = browser.get(f"{run.url}{DASHBOARDS}/voila/render/edistyminen.ipynb", timeout=120)  # the cookie
    assert page.status_code == 200 and PSEUDONYM.search(_page(page)), page.text[:500]


# -- the coach's controls through the dashboards service (issue 17) -----------------------------------------
class PageWidgets:
    """The widgets of a page Voilà rendered, through its kernel's websocket as the page's script talks to it
    (the widgets' comm messages only): their states, a button's click, the values the kernel sends back."""

    def __init__(self, run: HubRun, who: Person, page: str) -> None:
        import websocket

        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page)
        assert kernel, page[:2000]
        url = f"{run.url.replace('http', 'ws', 1)}{DASHBOARDS}/api/kernels/{kernel.group(1)}/channels"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {who.token}"], timeout=60)
        self.session = uuid.uuid4().hex
        self.states: dict[str, dict] = {}
        self.values: list[str] = []  # every HTML value the kernel has sent since, in order
        self._send("comm_info_request", {"target_name": "jupyter.widget"})
        comms = self._reply("comm_info_reply")["comms"]
        if not comms:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (ARTIFACTS / "facilitator_page.html").write_text(page, encoding="utf-8")
            raise AssertionError("no widgets on the page: test-artifacts/hub/facilitator_page.html")
        for comm_id in comms:
            self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}})
        self._read(lambda: set(comms) <= set(self.states), 60)

    def _send(self, kind: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "hub-test", "session": self.session, "msg_type": kind,
                       "version": "5.3", "date": datetime.now(UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [], "content": content}))
        return msg_id

    def _take(self, msg: dict) -> None:
        if msg.get("msg_type") != "comm_msg":
            return
        data = msg["content"].get("data", {})
        if data.get("method") == "update":
            comm_id = msg["content"]["comm_id"]
            self.states.setdefault(comm_id, {}).update(data.get("state", {}))
            if isinstance(data.get("state", {}).get("value"), str):
                self.values.append(data["state"]["value"])

    def _reply(self, kind: str) -> dict:
        while True:
            msg = json.loads(self.ws.recv())
            self._take(msg)
            if msg.get("msg_type") == kind:
                return msg["content"]

    def _read(self, done, timeout: float) -> None:  # noqa: ANN001
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"widgets: not within {timeout:.0f} s; seen {self.values[-5:]}")
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            self._take(json.loads(self.ws.recv()))

    def click(self, description: str) -> None:
        buttons = [c for c, s in self.states.items() if s.get("_model_name") == "ButtonModel"
                   and s.get("description") == description]
        assert len(buttons) == 1, [s.get("description") for s in self.states.values()]
        self._send("comm_msg", {"comm_id": buttons[0], "data": {"method": "custom", "content": {"event": "click"}}})

    def wait_for(self, words: str, timeout: float = 120, start: int | None = None) -> str:
        """The first value the kernel sends from now on (or since its ``start``-th) that holds ``words``."""
        start = len(self.values) if start is None else start
        self._read(lambda: any(words in v for v in self.values[start:]), timeout)
        return next(v for v in self.values[start:] if words in v)

    def close(self) -> None:
        self.ws.close()


def _as_account(name: str, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``code`` in the hub's Python as the Linux account ``name`` with its groups (as the hub starts it)."""
    import grp
    import pwd

    account = pwd.getpwnam(name)
    groups = [g.gr_gid for g in grp.getgrall() if name in g.gr_mem]
    return subprocess.run([str(HUB_VENV / "bin" / "python"), "-c", code], user=account.pw_uid,
                          group=account.pw_gid, extra_groups=groups, cwd="/", capture_output=True, text=True,
                          timeout=120,
                          env={"HOME": account.pw_dir, "PATH": "/usr/bin:/bin", "VALMENNUS_LANG": "fi", **env})


ASKS = """
from pathlib import Path
from valmennus.course.settings import CourseSettings
from valmennus.ops.control_requests import writes_directly
print([writes_directly(CourseSettings.load(d)) for d in {courses!r}])
"""
CONTROLS_NOW = """
from pathlib import Path
from valmennus.course.settings import CourseSettings
from valmennus.ops.controls import load_controls
print(load_controls(CourseSettings.load(Path.cwd())).held)
"""


def test_do_a_coachs_controls_on_the_dashboards_reach_the_course_through_its_grader(synced: HubRun) -> None:
    """The dashboards service may not write the course (its own account): the facilitator's button drops a
    request into the course's inbox, the grader service applies it within seconds, and the page says it
    waited and then that it was done; the course's routine-controls.json holds the change."""
    run = synced
    course = run.site.course_sites()[1]
    coach = run.log_in(course.facilitators[0])
    # the dashboards' account may not write either course: its page asks
    asks = _as_account(run.site.dashboards_user, ASKS.format(courses=[k.course_dir for k in run.site.course_sites()]))
    assert asks.stdout.strip() == "[False, False]", (asks.stdout, asks.stderr[-2000:])
    page = _page(_render(run, coach, _facilitator_page()))
    widgets = PageWidgets(run, coach, page)
    try:
        widgets.wait_for("Rutiini on käynnissä", 30, start=0)
        started = time.monotonic()
        widgets.click("Pysäytä muistutukset")
        assert "Pyyntö odottaa: pysäytä muistutukset: Kaisa Nieminen" in widgets.wait_for("Pyyntö odottaa", 60)
        widgets.wait_for("Pyyntö tehty: pysäytä muistutukset: Kaisa Nieminen")
        run.timings["coach's request: sent to done on the page"] = round(time.monotonic() - started, 2)
        assert in_service(coach, course.course_id, CONTROLS_NOW).strip() == f"[{course.participants[0]!r}]"
        widgets.wait_for("Pysäytetyt muistutukset: Kaisa Nieminen", 30, start=0)  # the state the page shows
        widgets.click("Jatka muistutuksia")
        widgets.wait_for("Pyyntö tehty: jatka muistutuksia: Kaisa Nieminen")
    finally:
        widgets.close()
    assert in_service(coach, course.course_id, CONTROLS_NOW).strip() == "[]"
    log = in_service(coach, course.course_id, ROUTINE_LOG)
    assert re.search(rf"ohjaussivun pyyntö {course.participants[0]}: tehty – {course.facilitators[0]}: "
                     "pysäytä muistutukset", log), log[-3000:]


FORGE = """
import os, sys
from pathlib import Path
from valmennus.course.settings import CourseSettings
from valmennus.ops import control_requests as cr
course = CourseSettings.load(Path({course!r}))
request = cr.new_request({requester!r}, "hold", {participant!r})
try:
    cr.submit(course, request)
    print("sent", request.id)
except PermissionError:
    print("refused by the kernel")
try:
    os.listdir(cr.inbox(course))
    print("listed")
except PermissionError:
    print("not listable")
"""


def test_is_a_request_for_another_coachs_participant_refused_by_the_grader(synced: HubRun) -> None:
    """What the page never sends, forged as the dashboards service's own account (the one account that may
    drop a request): the first course's coach asks to hold the second course's participant. The grader
    refuses it and says why in the routine's log; nothing changes. A participant cannot even drop one."""
    run = synced
    first, course = run.site.course_sites()
    forged = _as_account(run.site.dashboards_user, FORGE.format(
        course=course.course_dir, requester=first.facilitators[0], participant=course.participants[0]))
    assert forged.returncode == 0, forged.stderr[-2000:]
    words = forged.stdout.split()
    assert words[0] == "sent" and "not listable" in forged.stdout, forged.stdout
    request_id = words[1]
    state = Path(course.course_dir) / "control-requests" / "state.json"

    def outcome() -> dict:
        try:
            return json.loads(state.read_text(encoding="utf-8"))["outcomes"].get(request_id, {})
        except (OSError, ValueError, KeyError):
            return {}

    assert wait("the grader's answer to a forged request", outcome, timeout=120, every=1)["result"] == "refused"
    assert outcome()["reason"] == "ctlreq_not_coach"
    coach = run.log_in(course.facilitators[0])
    assert in_service(coach, course.course_id, CONTROLS_NOW).strip() == "[]"
    log = in_service(coach, course.course_id, ROUTINE_LOG)
    assert re.search(rf"ohjaussivun pyyntö {course.participants[0]}: hylätty – {first.facilitators[0]}: .*"
                     "pyytäjä ei ole tämän kurssin ohjaaja", log), log[-3000:]
    participant = _as_account(course.participants[0], FORGE.format(
        course=course.course_dir, requester=course.facilitators[0], participant=course.participants[0]))
    assert "refused by the kernel" in participant.stdout and "not listable" in participant.stdout, \
        (participant.stdout, participant.stderr[-1000:])
