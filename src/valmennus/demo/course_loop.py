"""One week of the course, end to end, with the real nbgrader commands.

release -> participants fetch, answer, submit -> collect -> autograde -> facilitator feedback ->
generate and release feedback -> participants fetch feedback. The participants' steps are nbgrader's
exchange classes (what ``nbgrader fetch_assignment`` and ``submit`` run) driven by
``valmennus.demo.simulate``. The facilitator's steps come in two ways (``steps``):

- ``"valmennus"`` (the default, the demo and the tests that only read a played course): the
  facilitator's own ``valmennus`` steps in this process (``ops.roster``, ``ops.steps`` — nbgrader's
  Python API, ``NbGraderAPI`` — and the parallel ``ops.autograde``): no command start-up per step.
- ``"nbgrader"``: the plain ``nbgrader`` commands a facilitator could type, one process each
  (``nbgrader db student import``, ``generate_assignment``, ``release_assignment``, ``collect``,
  ``autograde``, ``generate_feedback``, ``release_feedback``); the workflow test keeps this path.

``run_course`` plays every week of the schedule in order, with drop-outs leaving, and lays the
simulated clock over it: each submission and each released feedback page carries the time it would
have had in the real course (``simulate.submission_time`` / ``feedback_release_time``).

A course folder to play it in comes from ``valmennus.course.copy.prepare_course``.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tqdm import tqdm

from ..anonymous import CourseTeamStore
from ..course.gradebook import open_gradebook
from ..course.schedule import Week, load_schedule
from ..course.settings import CourseSettings
from ..ops import steps as valmennus_steps
from ..ops.autograde import GradeResult, grading_pool
from ..ops.autograde import autograde as parallel_autograde
from ..ops.feedback import write_task_feedback
from ..ops.nbgrader_cli import StepFailed, run_nbgrader
from ..ops.roster import import_roster
from ..options import ReportingStore, as_env
from ..records.sources import released_feedback_path
from ..records.store import sync
from ..wall.feedback import FeedbackStore
from ..wall.store import WallStore, cohort_of, wall_url
from . import simulate

Say = Callable[[str], None]
STEPS = ("valmennus", "nbgrader")


@dataclass
class LoopReport:
    course: CourseSettings
    week: str
    participants: list[simulate.Participant]
    feedback_pages: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    unfinished: list[str] = field(default_factory=list)  # whose coach left the week open: no feedback yet


def write_roster(path: Path, participants: Sequence[simulate.Participant]) -> Path:
    """The roster CSV that ``nbgrader db student import`` reads, with each participant's coach.

    nbgrader ignores the ``facilitator`` column; the dashboards read it from ``<course>/roster.csv``.
    """
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "first_name", "last_name", "email", "facilitator"])
        for p in participants:
            writer.writerow([p.id, p.first_name, p.last_name, f"{p.id}@example.invalid", p.facilitator])
    return path


def _timed(report: LoopReport, name: str, say: Say, fn: Callable[[], object]) -> None:
    started = time.perf_counter()
    fn()
    report.timings[name] = time.perf_counter() - started
    say(f"  ok  {name} ({report.timings[name]:.1f} s)")


def run_week(course_dir: Path, homes: Path, participants: Sequence[simulate.Participant],
             week: str = "viikko1", task_id: str = "ohjaajan_palaute", say: Say = print,
             progress: bool = True, clock: Week | None = None, roster: bool = True,
             steps: str = "valmennus") -> LoopReport:
    """Play ``week`` through the whole loop for ``participants``; raise StepFailed on the first failed step.

    ``clock``: the schedule's week, to stamp submissions and feedback with simulated times.
    ``roster``: import ``participants`` as the roster first (``run_course`` imports everyone once).
    ``steps``: ``valmennus`` (in-process steps, parallel grading) or ``nbgrader`` (the plain commands).
    """
    if steps not in STEPS:
        raise ValueError(f"steps must be one of {STEPS}, not {steps!r}")
    course = CourseSettings.load(course_dir)
    report = LoopReport(course=course, week=week, participants=list(participants))
    logs = course_dir / "logs"
    nbg = lambda *a: run_nbgrader(course_dir, *a, log_dir=logs)  # noqa: E731
    plain = steps == "nbgrader"

    if roster:
        roster_csv = write_roster(course_dir / "roster.csv", participants)
        if plain:
            _timed(report, "nbgrader db student import", say,
                   lambda: nbg("db", "student", "import", str(roster_csv)))
        else:
            _timed(report, "valmennus roster", say, lambda: import_roster(course, roster_csv))
    if plain:
        _timed(report, "nbgrader generate_assignment", say, lambda: nbg("generate_assignment", week, "--force"))
        if clock is not None:  # the due date, as `valmennus release` sets it from schedule.yaml
            with open_gradebook(course) as gb:
                gb.update_or_create_assignment(week, duedate=clock.due_naive_utc)
        _timed(report, "nbgrader release_assignment", say, lambda: nbg("release_assignment", week, "--force"))
    else:
        _timed(report, "valmennus release", say,
               lambda: _check([valmennus_steps.release_week(course, clock or _unscheduled(week))]))

    def participants_work() -> None:
        for p in tqdm(participants, desc="participants answer and submit", unit="participant",
                      disable=not progress):
            sent = None if clock is None else simulate.submission_time(p, week, clock.release, clock.due)
            participant_submits(course, homes / p.id, p, week, sent)

    _timed(report, f"{len(participants)} participants fetch, answer, submit", say, participants_work)
    if plain:
        _timed(report, "nbgrader collect", say, lambda: nbg("collect", week))
        _timed(report, "nbgrader autograde", say, lambda: nbg("autograde", week))
    else:
        _timed(report, "valmennus collect", say, lambda: _check([valmennus_steps.collect(course, week)]))
        _timed(report, "valmennus autograde", say, lambda: _graded(parallel_autograde(course, week, progress=False)))

    def facilitator_writes() -> None:
        for p in tqdm(participants, desc="facilitator writes feedback", unit="participant",
                      disable=not progress):
            write_task_feedback(course, week, week, p.id, task_id,
                                simulate.facilitator_comment(p, week), simulate.facilitator_mark(p, week))

    _timed(report, "facilitator feedback in the gradebook", say, facilitator_writes)
    if plain:
        _timed(report, "nbgrader generate_feedback", say, lambda: nbg("generate_feedback", week))
        _timed(report, "nbgrader release_feedback", say, lambda: nbg("release_feedback", week))
    else:
        _timed(report, "valmennus feedback", say, lambda: _check(valmennus_steps.feedback(course, week)))
    if clock is not None:
        stamp_released_feedback(course, week, participants, clock)

    def participants_read() -> None:
        for p in tqdm(participants, desc="participants fetch feedback", unit="participant",
                      disable=not progress):
            report.feedback_pages[p.id] = simulate.fetch_feedback(
                course.course_id, course.exchange_root, homes / p.id, p.id, week)

    _timed(report, "participants fetch feedback", say, participants_read)
    return report


def participant_submits(course: CourseSettings, home: Path, p: simulate.Participant, week: str,
                        when: datetime | None = None) -> None:
    """One participant's week through nbgrader's exchange: fetch, answer as the widgets write, submit;
    ``when``: the simulated clock's time of the submission."""
    folder = simulate.fetch(course.course_id, course.exchange_root, home, p.id, week)
    simulate.write_answers(folder, week, p, week)
    simulate.submit(course.course_id, course.exchange_root, home, p.id, week)
    if when is not None:
        simulate.stamp_submission(course.course_id, course.exchange_root, p.id, week, when)
    send_course_team(course, folder, p.id, week)


_FEEDBACK_STORES: dict[str, FeedbackStore] = {}


def send_course_team(course: CourseSettings, folder: Path, who: str, week: str) -> str | None:
    """What her server does after a submit (``participant.course_team``): the week's answers for the course
    team, with her file's token, into the course's anonymous tables (``wall.feedback``, the embedded wall's
    database) and marked sent in her file. None when there was nothing new to send."""
    team = CourseTeamStore(week, folder, read_only=False, week=week)
    payload = team.pending()
    if payload is None:
        return None
    url = wall_url(course)
    store = _FEEDBACK_STORES.get(url)
    if store is None:
        store = _FEEDBACK_STORES[url] = FeedbackStore(WallStore(url))
    result = store.record(cohort_of(course), who, week, payload["token"], payload["answers"])
    team.mark_sent(payload)
    return result


def _unscheduled(week: str) -> Week:
    """A week outside schedule.yaml (a test's single week): released now, due in a week."""
    now = datetime.now(UTC)
    return Week(id=week, release=now, due=now + timedelta(days=7), theme={})


def _check(outcomes: Sequence[valmennus_steps.StepOutcome]) -> None:
    """Raise StepFailed on the first failed step, with nbgrader's own last words."""
    for outcome in outcomes:
        if not outcome.ok:
            raise StepFailed(f"{outcome.action} {outcome.week}: {outcome.detail}")


def _graded(results: Sequence[GradeResult]) -> None:
    """Every simulated submission grades (a corrupt answers file scores nothing but still grades)."""
    failed = [f"{r.participant}: {r.reason}" for r in results if not r.ok]
    if failed:
        raise StepFailed("valmennus autograde failed for " + "; ".join(failed))


def stamp_released_feedback(course: CourseSettings, week: str, participants: Sequence[simulate.Participant],
                            clock: Week) -> None:
    """Give each released page the time its coach would have released it (the page's mtime)."""
    for p in participants:
        when = simulate.feedback_release_time(p.facilitator, week, clock.due).timestamp()
        for page in course.path("feedback", p.id, week).glob("*.html"):
            released = released_feedback_path(course, page)
            if released is not None and released.is_file():
                os.utime(released, (when, when))


def run_course(course_dir: Path, homes: Path, participants: Sequence[simulate.Participant],
               weeks: Sequence[str] | None = None, say: Say = print, progress: bool = True,
               steps: str = "valmennus") -> list[LoopReport]:
    """Every week of the schedule in order (or ``weeks``), each with the participants still taking part."""
    schedule = {w.id: w for w in load_schedule(course_dir)}
    order = list(weeks or schedule)
    roster_csv = write_roster(course_dir / "roster.csv", participants)
    if steps == "nbgrader":
        run_nbgrader(course_dir, "db", "student", "import", str(roster_csv), log_dir=course_dir / "logs")
    else:
        import_roster(CourseSettings.load(course_dir), roster_csv)
    reports = []
    # The reporting store is written once, after the last week, instead of after every step of every
    # week (three syncs a week of a growing course; a real course has days between its steps).
    with environment(as_env(ReportingStore, sync_after_steps=False)), grading_pool():  # one pool for all weeks
        for week in order:
            active = [p for p in participants if p.takes_part(week, order)]
            say(f"{week}: {len(active)} participants")
            reports.append(run_week(course_dir, homes, active, week=week, say=say, progress=progress,
                                    clock=schedule.get(week), roster=False, steps=steps))
    sync(CourseSettings.load(course_dir))
    return reports


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """``values`` in this process's environment for the block, then as they were."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
