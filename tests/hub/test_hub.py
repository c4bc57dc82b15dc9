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
from dataclasses import dataclass, field

import psycopg
import pytest
import requests

from valmennus.simulate import Participant, answers_for, facilitator_comment

from ..test_workflow import EXPECTED, GRADE_IDS  # the same week, the same exact scores as without a hub
from .client import Person
from .conftest import HubRun

pytestmark = [pytest.mark.hub, pytest.mark.server]
WEEK = "viikko1"
TASK = "ohjaajan_palaute"


@dataclass
class PlayedWeek:
    run: HubRun
    cohort: list[Participant]
    feedback: dict[str, str] = field(default_factory=dict)
    probes: dict[str, str] = field(default_factory=dict)


def _timed(run: HubRun, name: str, fn):  # noqa: ANN001, ANN202
    started = time.monotonic()
    result = fn()
    run.timings[name] = round(time.monotonic() - started, 2)
    return result


def _facilitator_runs(run: HubRun, facilitator: Person, code: str) -> str:
    """Code in a kernel of the course's formgrader service: runs as grader-<course> in the course dir."""
    return facilitator.run(code, "hub-console.ipynb", prefix=f"/services/{run.site.course_id}")


def _nbgrader_steps(*steps: tuple[str, ...]) -> str:
    return ("from pathlib import Path\nfrom valmennus.ops.nbgrader_cli import run_nbgrader\n"
            f"for step in {steps!r}:\n    run_nbgrader(Path.cwd(), *step)\nprint('ok')\n")


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
def played_week(hub_run: HubRun) -> PlayedWeek:
    run, site = hub_run, hub_run.site
    course = site.course_id
    cohort = [Participant(site.participants[0], "Aino", "Virtanen", "complete"),
              Participant(site.participants[1], "Mikko", "Korhonen", "partial_scales")]
    facilitator = _timed(run, "log in (4 people)", lambda: [run.log_in(n) for n in
                                                               (*site.participants, *site.facilitators,
                                                                *site.coordinators)])[2]
    for name in (*site.participants, *site.facilitators, *site.coordinators):
        run.timings[f"spawn {name}"] = round(run.people[name].start_server(), 2)

    _timed(run, "facilitator: generate + release", lambda: _facilitator_runs(
        run, facilitator, _nbgrader_steps(("generate_assignment", WEEK, "--force"),
                                          ("release_assignment", WEEK, "--force"))))

    def participants_work() -> None:
        for p in cohort:
            person = run.people[p.id]
            _assignment_action(person, "fetch", course)
            out = person.run("from pathlib import Path\nfrom valmennus.simulate import Participant, write_answers\n"
                             f"write_answers(Path.cwd(), {WEEK!r}, Participant{tuple(p.__dict__.values())!r}, "
                             f"{WEEK!r})\nprint(Path.cwd())\n", f"{course}/{WEEK}/{WEEK}.ipynb")
            assert out.strip() == f"/home/{p.id}/{course}/{WEEK}", out
            _assignment_action(person, "submit", course)

    _timed(run, "participants: fetch, answer in kernel, submit", participants_work)

    feedback_code = ("from pathlib import Path\nfrom valmennus.course.settings import CourseSettings\n"
                     "from valmennus.ops.feedback import write_task_feedback\n"
                     "course = CourseSettings.load(Path.cwd())\n"
                     + "".join(f"write_task_feedback(course, {WEEK!r}, {WEEK!r}, {p.id!r}, {TASK!r}, "
                               f"{facilitator_comment(p)!r}, 1.0)\n" for p in cohort))
    _timed(run, "facilitator: collect + autograde", lambda: _facilitator_runs(
        run, facilitator, _nbgrader_steps(("collect", WEEK), ("autograde", WEEK))))
    _timed(run, "facilitator: comments, generate + release feedback", lambda: _facilitator_runs(
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

    _timed(run, "participants: fetch feedback", participants_read)

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


def test_does_the_coordinator_see_the_dashboard_and_participants_not(played_week: PlayedWeek) -> None:
    run = played_week.run
    coordinator = run.people[run.site.coordinators[0]]
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
