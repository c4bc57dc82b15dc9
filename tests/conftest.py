"""Shared fixtures. The expensive ones run once per test session:

- ``graded_course`` plays week 1 through the real nbgrader loop once per gradebook backend: on SQLite
  with the plain ``nbgrader`` commands a facilitator could type (the one workflow that drives them
  end to end), on PostgreSQL with the facilitator's ``valmennus`` steps (nbgrader's Python API, the
  parallel grader); the week-1 workflow and dashboard tests read it, so they run against both.
- ``eight_week_course`` plays the whole course (week 0 to the closing week) for the seven participants
  of ``COHORT`` on the simulated clock, with only the facilitator's routine (``valmennus routine``)
  doing the facilitator's part and its reminders and digests going to a real SMTP server on 127.0.0.1
  (``eight_week_routine`` keeps what the routine did and what the server received).
- ``demo_cohorts`` is that course and a second cohort: what the coordinator dashboards are tested
  against. The tests only read these courses, so each is played once per session."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from valmennus.course.copy import prepare_course
from valmennus.course.schedule import load_schedule
from valmennus.course.settings import CONFIG_FILE
from valmennus.demo.background import Background
from valmennus.demo.course_loop import LoopReport, environment, run_course, run_week
from valmennus.demo.routine_course import RoutinePlay, play_by_routine
from valmennus.demo.simulate import Participant, plan_cohort
from valmennus.options import Reminders, Routine, as_env

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))  # pgcluster: the PostgreSQL helper shared with `make hub`

from pgcluster import PostgresCluster, start_cluster  # noqa: E402

GRADEBOOK_BACKENDS = ["sqlite", "postgresql"]
STEPS_FOR_BACKEND = {"sqlite": "nbgrader", "postgresql": "valmennus"}

# The three participants of the workflow test: one of each kind a facilitator meets.
TRIO = [
    Participant("p01", "Aino", "Virtanen", "complete"),
    Participant("p02", "Mikko", "Korhonen", "partial_scales"),
    Participant("p03", "Sanna", "Mäkinen", "corrupt"),
]


# The eight-week cohort: one of each journey the dashboards and facilitators must handle.
COHORT = [
    Participant("p01", "Aino", "Virtanen", "complete", facilitator="ohjaaja-a", growth=1.2),
    Participant("p02", "Mikko", "Korhonen", "empty", facilitator="ohjaaja-b"),  # submits, answers nothing
    Participant("p03", "Sanna", "Mäkinen", "complete", facilitator="ohjaaja-a", late_weeks=("viikko2", "viikko5"),
                growth=0.8),
    Participant("p04", "Juha", "Laine", "partial_scales", facilitator="ohjaaja-b", profile_weeks=("viikko3",),
                growth=-0.3),  # no growth: not everyone grows
    Participant("p05", "Leena", "Saarinen", "complete", facilitator="ohjaaja-a", last_week="viikko3"),  # drops out
    Participant("p06", "Timo", "Heikkinen", "corrupt", facilitator="ohjaaja-b", profile_weeks=("viikko1",),
                growth=0.6),
    Participant("p07", "Hanna", "Koskinen", "complete", facilitator="ohjaaja-b", growth=1.0),
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hub: starts a real JupyterHub with real Linux users (root; tests/hub)")


# Under pytest-xdist (`make test` runs `-n N --dist loadgroup`) a session or package fixture is built once per
# worker that runs a test needing it, so the tests that share an expensive one run on one worker: the hub's
# tests (``hub_run``, package-scoped), the played eight-week course and the graded week-1 course. Every other
# file is a group of its own (its module fixtures are built once). Without xdist the marker does nothing.
PLAYED = {"eight_week_course", "eight_week_routine", "demo_cohorts"}


def _worker_group(item: pytest.Item) -> str:
    names = set(getattr(item, "fixturenames", ()))
    if "hub_run" in names:
        return "hub"
    if names & PLAYED:
        return "played"
    if "graded_course" in names:
        return "graded"
    return item.nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_worker_group(item)))
    # The tests that read the played cohorts go last, so that their playing (begun at the session's start in
    # processes of their own: ``played_cohorts``) uses the CPU that the other tests leave idle while they wait
    # for servers, kernels and browsers. The order within each part stays as collected.
    items.sort(key=lambda item: bool(PLAYED & set(getattr(item, "fixturenames", ()))))



@pytest.fixture(autouse=True)
def _finnish_and_not_grading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in Finnish, outside any nbgrader run, unless it says otherwise."""
    monkeypatch.setenv("VALMENNUS_LANG", "fi")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("VALMENNUS_COURSE", raising=False)


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A real PostgreSQL server on 127.0.0.1 (initdb + pg_ctl in a temp folder), stopped at session end."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


def use_postgres_gradebook(course: Path, cluster: PostgresCluster, database: str) -> str:
    """Point a course at a new PostgreSQL database: one setting in its nbgrader_config.py."""
    cluster.create_database(database, owner_role=f"{database}_owner")
    url = cluster.url(database, role=f"{database}_owner")
    with (course / CONFIG_FILE).open("a", encoding="utf-8") as fh:
        fh.write(f"\n# This course's gradebook is on PostgreSQL.\nc.CourseDirectory.db_url = {url!r}\n")
    return url


@pytest.fixture(scope="session", params=GRADEBOOK_BACKENDS)
def graded_course(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> LoopReport:
    """Week 1 through release, submit, collect, autograde, feedback, for TRIO (real nbgrader), once per backend:
    the plain commands on SQLite, the ``valmennus`` steps on PostgreSQL."""
    os.environ.pop("NBGRADER_EXECUTION", None)
    work = tmp_path_factory.mktemp(f"course-loop-{request.param}")
    course = prepare_course(REPO, work / "course")
    if request.param == "postgresql":
        use_postgres_gradebook(course, request.getfixturevalue("postgres_cluster"), "loop_gradebook")
    report = run_week(course, work / "homes", TRIO, say=lambda _msg: None, progress=False,
                      steps=STEPS_FOR_BACKEND[request.param])
    assert report.course.db_url.startswith(request.param)  # the backend under test is the one in use
    assert (course / "gradebook.db").exists() == (request.param == "sqlite")
    return report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course_weeks() -> list[str]:
    return [w.id for w in load_schedule(REPO)]


# A week whose coach writes a comment and leaves the mark open: never finished, never released.
UNFINISHED = {("p04", "viikko2")}
COACH_EMAILS = {"ohjaaja-a": "ohjaaja-a@example.invalid", "ohjaaja-b": "ohjaaja-b@example.invalid"}


class Inbox:
    """An aiosmtpd handler keeping every message as (recipient, "subject\nbody"): the tests' SMTP server."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 (aiosmtpd's names)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos[0], f"{message['Subject']}\n{message.get_content()}"))
        return "250 OK"


@dataclass
class RoutineCourse:
    reports: list[LoopReport]
    play: RoutinePlay
    inbox: Inbox


def play_first_cohort(work: Path) -> tuple[list[LoopReport], RoutinePlay, list[tuple[str, str]]]:
    """``eight_week_routine``'s cohort, every week, by the routine (in its background process), with its own
    SMTP server (aiosmtpd) on 127.0.0.1; the reports, what the routine did and every message received."""
    os.environ.pop("NBGRADER_EXECUTION", None)
    os.environ["VALMENNUS_LANG"] = "fi"
    course = prepare_course(REPO, work / "kevat-2027-a")
    inbox, port = Inbox(), free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    channels = {**as_env(Reminders, smtp_host="127.0.0.1", smtp_port=port, smtp_from="valmennus@example.invalid"),
                **as_env(Routine, coach_emails=[f"{c}={a}" for c, a in COACH_EMAILS.items()])}
    try:
        with environment(channels):
            reports, play = play_by_routine(course, work / "homes", COHORT, say=lambda _msg: None, progress=False,
                                            unfinished=UNFINISHED)
    finally:
        server.stop()
    return reports, play, list(inbox.messages)


def play_second_cohort(course: Path, homes: Path) -> None:
    """``demo_cohorts``' second cohort, every week (in its background process)."""
    os.environ.pop("NBGRADER_EXECUTION", None)
    os.environ["VALMENNUS_LANG"] = "fi"
    prepare_course(REPO, course)
    run_course(course, homes, plan_cohort(6, seed=7, weeks=course_weeks()), say=lambda _msg: None, progress=False)


@dataclass
class PlayedCohorts:
    """The two played cohorts, begun in processes of their own when the session starts (``played_cohorts``)."""

    first: Background[tuple[list[LoopReport], RoutinePlay, list[tuple[str, str]]]]
    second: Background[None]
    second_course: Path


@pytest.fixture(scope="session", autouse=True)
def played_cohorts(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        PlayedCohorts | None]:
    """Both eight-week cohorts, played from the session's start in processes of their own (``demo.background``)
    while the other tests run: a test that reads them waits for what is left (``pytest_collection_modifyitems``
    puts those tests last). A session that selects none of them plays nothing."""
    if not any(PLAYED & set(getattr(item, "fixturenames", ())) for item in request.session.items):
        yield None
        return
    first_work = tmp_path_factory.mktemp("eight-weeks")
    second_work = tmp_path_factory.mktemp("second-cohort")
    with Background(play_first_cohort, first_work) as first, Background(
            play_second_cohort, second_work / "kevat-2027-b", second_work / "homes") as second:
        yield PlayedCohorts(first, second, second_work / "kevat-2027-b")


@pytest.fixture(scope="session")
def eight_week_routine(played_cohorts: PlayedCohorts | None) -> RoutineCourse:
    """Every week of the course for ``COHORT``, driven by the routine alone, on the simulated clock;
    reminders and digests to a real SMTP server (aiosmtpd) on 127.0.0.1 (``play_first_cohort``)."""
    assert played_cohorts is not None, "played_cohorts found no test asking for a played cohort"
    reports, play, messages = played_cohorts.first.result()
    inbox = Inbox()
    inbox.messages = messages
    return RoutineCourse(reports, play, inbox)


@pytest.fixture(scope="session")
def eight_week_course(eight_week_routine: RoutineCourse) -> list[LoopReport]:
    """Every week of the course for ``COHORT``, as the routine played it."""
    return eight_week_routine.reports


@pytest.fixture(scope="session")
def demo_cohorts(played_cohorts: PlayedCohorts | None, eight_week_course: list[LoopReport]) -> list[Path]:
    """Two cohorts' course directories, both through all eight weeks: what coordinators compare (the second
    played by ``run_course``, ``play_second_cohort``)."""
    assert played_cohorts is not None
    played_cohorts.second.result()
    return [eight_week_course[0].course.root, played_cohorts.second_course]


