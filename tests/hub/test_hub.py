"""One week on a real JupyterHub: two participants, a facilitator and a coordinator, real Linux users.

Participants fetch, answer (in their kernel, through AnswerStore) and submit through their own
server's nbgrader handlers; the facilitator releases, collects, autogrades, comments and releases
feedback in the course's formgrader service (kernel runs as the grader account); the gradebook is
PostgreSQL; the coordinator reads the dashboard in Voilà with a read-only database role. Then the
walls: what a participant must not reach.
"""

from __future__ import annotations

import html
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psycopg
import pytest
import requests

from valmennus.demo.simulate import Participant, answers_for, facilitator_comment

from ..test_workflow import EXPECTED, GRADE_IDS  # the same week, the same exact scores as without a hub
from .client import Person
from .conftest import WEEK, HubRun, timed
from .conftest import facilitator_runs as _facilitator_runs
from .conftest import nbgrader_steps as _nbgrader_steps

pytestmark = [pytest.mark.hub, pytest.mark.server]
TASK = "ohjaajan_palaute"


@dataclass
class PlayedWeek:
    run: HubRun
    cohort: list[Participant]
    feedback: dict[str, str] = field(default_factory=dict)
    probes: dict[str, str] = field(default_factory=dict)


def _assignment_action(person: Person, action: str, course_id: str) -> None:
    """What the Assignments tab's buttons send: POST /user/<name>/assignments/<action>."""
    response = person.post(f"{person.server}/assignments/{action}",
                           json={"course_id": course_id, "assignment_id": WEEK})
    assert response.status_code == 200, f"{action} for {person.name}: {response.status_code} {response.text[:500]}"
    body = response.json()
    assert not (isinstance(body, dict) and body.get("success") is False), f"{action}: {body}"


PROBE = """
import json, os
def probe(path):
    try:
        with open(path) as fh:
            fh.read()
        return "read"
    except PermissionError:
        return "denied"
    except FileNotFoundError:
        return "missing"
def listing(path):
    try:
        return "listed:" + ",".join(sorted(os.listdir(path)))
    except PermissionError:
        return "denied"
print(json.dumps({
    "other_home_answers": probe(%(other_home)r),
    "other_submitted_answers": probe(%(other_submitted)r),
    "inbound_listing": listing(%(inbound)r),
    "course_submitted_listing": listing(%(submitted)r),
}))
"""


@pytest.fixture(scope="package")
def played_week(hub_run: HubRun, request: pytest.FixtureRequest) -> PlayedWeek:
    """p01 and p02 play week 1 over HTTP (the third participant is the browser test's, tests/hub/
    test_participant_hub.py, which runs after these tests: nothing here counts it)."""
    run, site = hub_run, hub_run.site
    course = site.course_id
    cohort = [Participant(site.participants[0], "Aino", "Virtanen", "complete"),
              Participant(site.participants[1], "Mikko", "Korhonen", "partial_scales")]
    people = (*site.participants[:2], *site.facilitators, *site.coordinators)
    facilitator = timed(run, "log in (4 people)", lambda: [run.log_in(n) for n in people])[2]
    # the four servers start together, as when people log in at the same time (the hub answers each request
    # when the server is up or after its slow_spawn_timeout, 10 s: one thread each), while the facilitator
    # generates and releases the week in the formgrader service (released_week)
    asked = time.monotonic()
    with ThreadPoolExecutor(len(people)) as pool:
        spawns = [pool.submit(run.people[name].ask_for_server) for name in people]
        assert request.getfixturevalue("released_week") is facilitator
        for spawn in spawns:
            spawn.result()
    for name in people:
        run.timings[f"spawn {name} (together, beside the release)"] = round(
            run.people[name].wait_for_server(asked), 2)

    def participants_work() -> None:
        for p in cohort:
            person = run.people[p.id]
            _assignment_action(person, "fetch", course)
            out = person.run("from pathlib import Path\n"
                             "from valmennus.demo.simulate import Participant, write_answers\n"
                             f"write_answers(Path.cwd(), {WEEK!r}, Participant{tuple(p.__dict__.values())!r}, "
                             f"{WEEK!r})\nprint(Path.cwd())\n", f"{course}/{WEEK}/{WEEK}.ipynb")
            assert out.strip() == f"/home/{p.id}/{course}/{WEEK}", out
            _assignment_action(person, "submit", course)

    timed(run, "participants: fetch, answer in kernel, submit", participants_work)

    feedback_code = ("from pathlib import Path\nfrom valmennus.course.settings import CourseSettings\n"
                     "from valmennus.ops.feedback import write_task_feedback\n"
                     "course = CourseSettings.load(Path.cwd())\n"
                     + "".join(f"write_task_feedback(course, {WEEK!r}, {WEEK!r}, {p.id!r}, {TASK!r}, "
                               f"{facilitator_comment(p)!r}, 1.0)\n" for p in cohort))
    timed(run, "facilitator: collect + autograde", lambda: _facilitator_runs(
        run, facilitator, _nbgrader_steps(("collect", WEEK), ("autograde", WEEK))))
    timed(run, "facilitator: comments, generate + release feedback", lambda: _facilitator_runs(
        run, facilitator, feedback_code + _nbgrader_steps(("generate_feedback", WEEK),
                                                          ("release_feedback", WEEK))))
    played = PlayedWeek(run, cohort)

    def participants_read() -> None:
        for p in cohort:
            person = run.people[p.id]
            _assignment_action(person, "fetch_feedback", course)
            folder = f"{person.server}/api/contents/{course}/{WEEK}/feedback"
            stamps = person.get(folder).json()["content"]
            assert stamps, f"no feedback fetched for {p.id}"
            page = person.get(f"{folder}/{stamps[0]['name']}/{WEEK}.html").json()["content"]
            played.feedback[p.id] = page

    timed(run, "participants: fetch feedback", participants_read)

    other = cohort[1].id
    probe_paths = {"other_home": f"/home/{other}/{course}/{WEEK}/{WEEK}.answers.json",
                     "other_submitted": f"{site.course_dir}/submitted/{other}/{WEEK}/{WEEK}.answers.json",
                     "inbound": f"{site.exchange}/{course}/inbound",
                     "submitted": f"{site.course_dir}/submitted"}
    probe = PROBE % probe_paths
    played.probes = json.loads(run.people[cohort[0].id].run(probe, f"{course}/{WEEK}/{WEEK}.ipynb"))
    # the control: the same submission is there for the grader, so "denied" above is a wall, not a typo
    played.probes["grader_sees_submission"] = _facilitator_runs(
        run, facilitator, f"import os\nprint(os.path.isfile({probe_paths['other_submitted']!r}))\n").strip()
    return played


def test_are_both_participants_graded_in_the_postgresql_gradebook(played_week: PlayedWeek) -> None:
    from nbgrader.api import Gradebook

    site = played_week.run.site
    with Gradebook(site.db_url, site.course_id) as gb:
        scores = {s.student_id: tuple(gb.find_grade(g, WEEK, WEEK, s.student_id).score for g in GRADE_IDS)
                  for s in gb.assignment_submissions(WEEK)}
    p01, p02 = (p.id for p in played_week.cohort)  # profiles "complete" and "partial_scales", as p01, p02 there
    assert scores == {p01: EXPECTED["p01"], p02: EXPECTED["p02"]}


def test_does_each_participant_get_own_feedback_only(played_week: PlayedWeek) -> None:
    p01, p02 = played_week.cohort
    for me, other in ((p01, p02), (p02, p01)):
        page = played_week.feedback[me.id]
        assert html.escape(answers_for(me, WEEK)["W1_R_FEEL"]) in page
        assert html.escape(facilitator_comment(me)[:40]) in page
        mine = "\n".join(str(v) for v in answers_for(me, WEEK).values())
        theirs = [line for line in answers_for(other, WEEK)["W1_DIARY"].splitlines() if line not in mine]
        assert theirs  # the two diaries differ somewhere (a shared phrase would prove nothing)
        assert not [line for line in theirs if html.escape(line) in page]


def test_can_a_participant_not_read_another_participants_work(played_week: PlayedWeek) -> None:
    # from inside their own kernel, as their own Linux account
    assert played_week.probes == {"other_home_answers": "denied", "other_submitted_answers": "denied",
                                  "inbound_listing": "denied", "course_submitted_listing": "denied",
                                  "grader_sees_submission": "True"}
    # and through the other participant's server with their own token
    p01, p02 = played_week.cohort
    me = played_week.run.people[p01.id]
    response = me.get(f"/user/{p02.id}/api/contents/{played_week.run.site.course_id}/{WEEK}/{WEEK}.answers.json")
    assert response.status_code == 403


STORE_SYNC = ("from pathlib import Path\nfrom valmennus.course.settings import CourseSettings\n"
              "from valmennus.records.store import sync\nsync(CourseSettings.load(Path.cwd()))\nprint('synced')\n")


def test_does_the_coordinator_see_the_dashboard_and_participants_not(played_week: PlayedWeek) -> None:
    run = played_week.run
    coordinator = run.people[run.site.coordinators[0]]
    # the dashboards read the reporting store: bring it up to date, as the grader service's passes do (this
    # course's routine is off: its tests grade by hand)
    facilitator = run.people[run.site.facilitators[0]]
    assert _facilitator_runs(run, facilitator, STORE_SYNC).strip() == "synced"
    dashboard = f"{coordinator.server}/voila/render/edistyminen.ipynb"
    started = time.monotonic()
    response = coordinator.get(dashboard)
    run.timings["coordinator dashboard render"] = round(time.monotonic() - started, 2)
    assert response.status_code == 200, response.text[:1000]
    page = response.text
    for escaped, plain in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0027", "'")):
        page = page.replace(escaped, plain)
    assert "valmennus-dash" in page and "Kurssin eteneminen" in page
    assert "Traceback" not in page and '"output_type": "error"' not in page
    # everyone on the roster, read from the gradebook through the read-only role, as a pseudonym
    assert len(set(re.findall(r">O-[A-Z2-7]{5,}<", page))) == len(played_week.cohort)
    for p in played_week.cohort:
        assert f">{p.id}<" not in page and p.first_name not in page
        assert answers_for(p, WEEK)["W1_DIARY"].splitlines()[0] not in page
    participant = run.people[played_week.cohort[0].id]
    assert participant.get(dashboard).status_code == 403


def test_is_the_formgrader_for_facilitators_only(played_week: PlayedWeek) -> None:
    run = played_week.run
    formgrader = f"/services/{run.site.course_id}/formgrader/manage_assignments"
    response = run.people[run.site.facilitators[0]].get(formgrader)
    assert response.status_code == 200, response.text[:500]
    assert "frame-ancestors 'self'" in response.headers.get("Content-Security-Policy", "")
    for name in (played_week.cohort[0].id, run.site.coordinators[0]):
        assert run.people[name].get(formgrader).status_code == 403, name


def test_does_the_facilitators_course_list_link_to_the_formgrader(played_week: PlayedWeek) -> None:
    """nbgrader's course list in the facilitator's own server, through its server token's scopes."""
    run = played_week.run
    facilitator = run.people[run.site.facilitators[0]]
    listing = facilitator.get(f"{facilitator.server}/formgraders").json()
    assert listing["success"], listing
    assert [(c["course_id"], c["kind"]) for c in listing["value"]] == [(run.site.course_id, "jupyterhub")]
    participant = run.people[played_week.cohort[0].id]
    assert participant.get(f"{participant.server}/formgraders").status_code == 404  # no course list for them


def test_does_a_participant_get_no_instructor_extensions(played_week: PlayedWeek) -> None:
    participant = played_week.run.people[played_week.cohort[0].id]
    assert participant.get(f"{participant.server}/formgrader").status_code == 404
    lab = participant.get(f"{participant.server}/lab").text
    match = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', lab, re.S)
    assert match, lab[:500]
    disabled = set(json.loads(match.group(1))["disabledExtensions"])
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
            "@jupyter/nbgrader:course-list"} <= disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled


def test_can_the_dashboard_role_only_read(played_week: PlayedWeek) -> None:
    url = played_week.run.site.db_url_readonly.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(url, connect_timeout=10) as conn:
        assert conn.execute("SELECT count(*) FROM student").fetchone()[0] == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE grade SET manual_score = 0")



def test_can_nobody_log_in_as_the_grader_account(played_week: PlayedWeek) -> None:
    """The grader is a hub user (for nbgrader's course list) but not a person: no token for it."""
    run = played_week.run
    with pytest.raises(requests.HTTPError) as refused:
        Person.log_in(run.url, run.site.grader, run.password)
    assert refused.value.response.status_code == 403


# -- the access matrix: every role against every endpoint; each cell is one assertion ------------------
ROLES = ("p01", "p02", "facilitator", "coordinator", "anonymous")
HTTP_ENDPOINTS = {  # name -> (path template, roles that reach it)
    "hub API: list all users": ("/hub/api/users", set()),
    "hub API: p01's user model": ("/hub/api/users/{p01}", {"p01"}),
    "hub API: p02's user model": ("/hub/api/users/{p02}", {"p02"}),
    "hub API: p01's tokens": ("/hub/api/users/{p01}/tokens", {"p01"}),
    "hub API: the facilitator's user model": ("/hub/api/users/{facilitator}", {"facilitator"}),
    "server: p01's week folder": ("/user/{p01}/api/contents/{course}/{week}", {"p01"}),
    "server: p01's answers file": ("/user/{p01}/api/contents/{course}/{week}/{week}.answers.json", {"p01"}),
    "server: p01's feedback": ("/user/{p01}/api/contents/{course}/{week}/feedback", {"p01"}),
    "server: p02's week folder": ("/user/{p02}/api/contents/{course}/{week}", {"p02"}),
    "server: p02's kernels": ("/user/{p02}/api/kernels", {"p02"}),
    "server: the facilitator's files": ("/user/{facilitator}/api/contents", {"facilitator"}),
    "server: the coordinator's dashboards": ("/user/{coordinator}/api/contents", {"coordinator"}),
    "formgrader service: manage assignments": ("/services/{course}/formgrader/manage_assignments", {"facilitator"}),
    "formgrader service: submissions API": ("/services/{course}/formgrader/api/submissions/{week}",
                                            {"facilitator"}),
    "formgrader service: course files (submitted/)": ("/services/{course}/api/contents/submitted",
                                                      {"facilitator"}),
}
DISK_ENDPOINTS = {  # name -> (path template, "read" or "list", roles whose Linux account reaches it)
    "disk: p01's home answers": ("/home/{p01}/{course}/{week}/{week}.answers.json", "read", {"p01"}),
    "disk: p02's home answers": ("/home/{p02}/{course}/{week}/{week}.answers.json", "read", {"p02"}),
    "disk: p02's collected answers": ("{course_dir}/submitted/{p02}/{week}/{week}.answers.json", "read",
                                      {"facilitator"}),
    "disk: submitted/ listing": ("{course_dir}/submitted", "list", {"facilitator"}),
    "disk: autograded/ listing": ("{course_dir}/autograded", "list", {"facilitator"}),
    "disk: course feedback/ listing": ("{course_dir}/feedback", "list", {"facilitator"}),
    "disk: exchange inbound listing": ("{exchange}/{course}/inbound", "list", set()),
    "disk: exchange feedback listing": ("{exchange}/{course}/feedback", "list", set()),
    "disk: released week (course content)": ("{exchange}/{course}/outbound/{week}/{week}.ipynb", "read",
                                             {"p01", "p02", "facilitator", "coordinator"}),
}
DISK_PROBE = """
import json, os
def probe(path, how):
    try:
        if how == "list":
            os.listdir(path)
        else:
            with open(path, "rb") as fh:
                fh.read(1)
        return True
    except (PermissionError, FileNotFoundError, NotADirectoryError):
        return False
print(json.dumps({name: probe(path, how) for name, (path, how) in %r.items()}))
"""


def _names(run: HubRun, cohort: list[Participant]) -> dict[str, str]:
    return {"p01": cohort[0].id, "p02": cohort[1].id, "facilitator": run.site.facilitators[0],
            "coordinator": run.site.coordinators[0], "course": run.site.course_id, "week": WEEK,
            "course_dir": run.site.course_dir, "exchange": run.site.exchange}


@pytest.fixture(scope="package")
def disk_access(played_week: PlayedWeek) -> dict[tuple[str, str], bool]:
    """Each role's Linux account probes every disk endpoint from a kernel of its own server."""
    run = played_week.run
    names = _names(run, played_week.cohort)
    paths = {name: (template.format(**names), how) for name, (template, how, _) in DISK_ENDPOINTS.items()}
    where = {"p01": f"{names['course']}/{WEEK}/{WEEK}.ipynb", "p02": f"{names['course']}/{WEEK}/{WEEK}.ipynb",
             "facilitator": "probe.ipynb", "coordinator": "probe.ipynb"}
    seen = {}
    for role, notebook in where.items():
        found = json.loads(run.people[names[role]].run(DISK_PROBE % paths, notebook))
        seen.update({(role, name): reached for name, reached in found.items()})
    return seen


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(HTTP_ENDPOINTS))
def test_access_matrix_http(played_week: PlayedWeek, endpoint: str, role: str) -> None:
    run = played_week.run
    names = _names(run, played_week.cohort)
    template, allowed = HTTP_ENDPOINTS[endpoint]
    if role == "anonymous":
        response = requests.get(f"{run.url}{template.format(**names)}", timeout=60, allow_redirects=False)
    else:
        response = run.people[names[role]].get(template.format(**names))
    if role in allowed:
        assert response.status_code == 200, f"{role} must reach {endpoint}: {response.status_code}"
    else:
        assert response.status_code in (302, 401, 403, 404), f"{role} reached {endpoint}: {response.status_code}"


@pytest.mark.parametrize("role", ROLES[:4])
@pytest.mark.parametrize("endpoint", list(DISK_ENDPOINTS))
def test_access_matrix_disk(disk_access: dict[tuple[str, str], bool], endpoint: str, role: str) -> None:
    allowed = DISK_ENDPOINTS[endpoint][2]
    assert disk_access[(role, endpoint)] == (role in allowed), (
        f"{role} {'cannot reach' if role in allowed else 'reaches'} {endpoint}")


HOSTILE_SUBMIT = """
import os
from pathlib import Path
from traitlets.config import Config
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory

c = Config()
c.CourseDirectory.course_id = %(course)r
c.CourseDirectory.assignment_id = %(week)r
c.CourseDirectory.root = str(Path.home())
c.Exchange.assignment_dir = str(Path.home())
c.Exchange.root = %(exchange)r
c.Exchange.path_includes_course = True
submit = ExchangeFactory(config=c).Submit(coursedir=CourseDirectory(config=c), authenticator=Authenticator(config=c),
                                           config=c)
submit.start()  # what the Submit button does, but now she knows her inbound folder's name
inbound = Path(%(exchange)r) / %(course)r / "inbound" / submit.assignment_filename
answers = inbound / %(answers)r
answers.unlink()
answers.symlink_to(%(target)r)  # her answers file is now the other participant's collected one
(inbound / "salasanat.txt").symlink_to("/etc/shadow")
os.mkfifo(inbound / "putki")  # would hang a collect that opens it
print(inbound)
"""


def test_is_a_link_planted_in_the_inbound_refused_by_the_formgrader_collect(played_week: PlayedWeek) -> None:
    """The submission-link leak (issue 11), on the hub with real Linux users and formgrader's Collect button."""
    run, site = played_week.run, played_week.run.site
    course = site.course_id
    me, other = played_week.cohort
    person, facilitator = run.people[me.id], run.people[site.facilitators[0]]
    target = f"{site.course_dir}/submitted/{other.id}/{WEEK}/{WEEK}.answers.json"
    inbound = person.run(HOSTILE_SUBMIT % {"course": course, "week": WEEK, "exchange": site.exchange,
                                           "answers": f"{WEEK}.answers.json", "target": target},
                         f"{course}/{WEEK}/{WEEK}.ipynb").strip()
    assert inbound.startswith(f"{site.exchange}/{course}/inbound/{me.id}+{WEEK}+"), inbound

    started = time.monotonic()
    response = facilitator.post(f"/services/{course}/formgrader/api/assignment/{WEEK}/collect")
    run.timings["formgrader collect with a planted link"] = round(time.monotonic() - started, 2)
    assert response.status_code == 200, response.text[:500]
    result = response.json()
    assert result["success"], result
    assert f"Palautuksesta {me.id} / {WEEK} jätettiin pois {WEEK}.answers.json: symbolinen linkki" in result["log"]

    _facilitator_runs(run, facilitator, _nbgrader_steps(("autograde", WEEK, "--force"),
                                                        ("generate_feedback", WEEK, "--force"),
                                                        ("release_feedback", WEEK)))
    collected = f"{site.course_dir}/submitted/{me.id}/{WEEK}"
    seen = json.loads(_facilitator_runs(run, facilitator, f"""
import json, os
from valmennus.course.intake import read_refusals
folder = {collected!r}
print(json.dumps({{"entries": sorted(os.listdir(folder)),
                   "links": [n for n in os.listdir(folder) if os.path.islink(os.path.join(folder, n))],
                   "refused": sorted({{(e["participant"], e["path"], e["reason"]) for e in read_refusals(".")}})}}))
"""))
    assert seen["links"] == []
    assert f"{WEEK}.answers.json" not in seen["entries"] and "putki" not in seen["entries"]
    assert f"{WEEK}.ipynb" in seen["entries"]  # her own plain files still arrived
    refused = {tuple(r) for r in seen["refused"]}
    assert {(me.id, f"{WEEK}.answers.json", "symlink"), (me.id, "salasanat.txt", "symlink"),
            (me.id, "putki", "pipe")} <= refused

    _assignment_action(person, "fetch_feedback", course)
    folder = f"{person.server}/api/contents/{course}/{WEEK}/feedback"
    newest = max(person.get(folder).json()["content"], key=lambda entry: entry["name"])
    page = person.get(f"{folder}/{newest['name']}/{WEEK}.html").json()["content"]
    mine = "\n".join(str(v) for v in answers_for(me, WEEK).values())
    theirs = [line for line in answers_for(other, WEEK)["W1_DIARY"].splitlines() if line and line not in mine]
    assert theirs and not [line for line in theirs if html.escape(line) in page]
    assert "Vastaus puuttuu" in page or "Vastaustiedosto" in page  # her page says her answers did not arrive
