"""One week of the course, end to end, with the real nbgrader commands.

release -> participants fetch, answer, submit -> collect -> autograde -> facilitator feedback ->
generate and release feedback -> participants fetch feedback. The facilitator's steps are the
``nbgrader`` commands themselves; the participants' steps are nbgrader's exchange classes (what
``nbgrader fetch_assignment`` and ``submit`` run) driven by ``valmennus.demo.simulate``.

``run_course`` plays every week of the schedule in order, with drop-outs leaving, and lays the
simulated clock over it: each submission and each released feedback page carries the time it would
have had in the real course (``simulate.submission_time`` / ``feedback_release_time``).

A course folder to play it in comes from ``valmennus.course.copy.prepare_course``.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ..course.gradebook import open_gradebook
from ..course.schedule import Week, load_schedule
from ..course.settings import CourseSettings
from ..ops.feedback import write_task_feedback
from ..ops.nbgrader_cli import run_nbgrader
from ..records.sources import released_feedback_path
from . import simulate

Say = Callable[[str], None]


@dataclass
class LoopReport:
    course: CourseSettings
    week: str
    participants: list[simulate.Participant]
    feedback_pages: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


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
             autograde: str = "nbgrader") -> LoopReport:
    """Play ``week`` through the whole loop for ``participants``; raise on the first failed step.

    ``clock``: the schedule's week, to stamp submissions and feedback with simulated times.
    ``roster``: import ``participants`` as the roster first (``run_course`` imports everyone once).
    ``autograde``: ``nbgrader`` (plain ``nbgrader autograde``) or ``valmennus`` (the parallel command).
    """
    course = CourseSettings.load(course_dir)
    report = LoopReport(course=course, week=week, participants=list(participants))
    logs = course_dir / "logs"
    nbg = lambda *a: run_nbgrader(course_dir, *a, log_dir=logs)  # noqa: E731

    if roster:
        roster_csv = write_roster(course_dir / "roster.csv", participants)
        _timed(report, "nbgrader db student import", say,
               lambda: nbg("db", "student", "import", str(roster_csv)))
    _timed(report, "nbgrader generate_assignment", say, lambda: nbg("generate_assignment", week, "--force"))
    if clock is not None:  # the due date, as `valmennus release` sets it from schedule.yaml
        with open_gradebook(course) as gb:
            gb.update_or_create_assignment(week, duedate=clock.due_naive_utc)
    _timed(report, "nbgrader release_assignment", say, lambda: nbg("release_assignment", week, "--force"))

    def participants_work() -> None:
        for p in tqdm(participants, desc="participants answer and submit", unit="participant",
                      disable=not progress):
            home = homes / p.id
            folder = simulate.fetch(course.course_id, course.exchange_root, home, p.id, week)
            simulate.write_answers(folder, week, p, week)
            simulate.submit(course.course_id, course.exchange_root, home, p.id, week)
            if clock is not None:
                simulate.stamp_submission(course.course_id, course.exchange_root, p.id, week,
                                          simulate.submission_time(p, week, clock.release, clock.due))

    _timed(report, f"{len(participants)} participants fetch, answer, submit", say, participants_work)
    _timed(report, "nbgrader collect", say, lambda: nbg("collect", week))
    if autograde == "valmennus":
        from ..ops.autograde import autograde as parallel_autograde

        _timed(report, "valmennus autograde", say,
               lambda: parallel_autograde(course, week, progress=False))
    else:
        _timed(report, "nbgrader autograde", say, lambda: nbg("autograde", week))

    def facilitator_writes() -> None:
        for p in tqdm(participants, desc="facilitator writes feedback", unit="participant",
                      disable=not progress):
            mark = 0.0 if p.profile_in(week) in ("short_diary", "corrupt", "empty") else 1.0
            write_task_feedback(course, week, week, p.id, task_id,
                                simulate.facilitator_comment(p, week), mark)

    _timed(report, "facilitator feedback in the gradebook", say, facilitator_writes)
    _timed(report, "nbgrader generate_feedback", say, lambda: nbg("generate_feedback", week))
    _timed(report, "nbgrader release_feedback", say, lambda: nbg("release_feedback", week))
    if clock is not None:
        stamp_released_feedback(course, week, participants, clock)

    def participants_read() -> None:
        for p in tqdm(participants, desc="participants fetch feedback", unit="participant",
                      disable=not progress):
            report.feedback_pages[p.id] = simulate.fetch_feedback(
                course.course_id, course.exchange_root, homes / p.id, p.id, week)

    _timed(report, "participants fetch feedback", say, participants_read)
    return report


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
               autograde: str = "nbgrader") -> list[LoopReport]:
    """Every week of the schedule in order (or ``weeks``), each with the participants still taking part."""
    schedule = {w.id: w for w in load_schedule(course_dir)}
    order = list(weeks or schedule)
    roster_csv = write_roster(course_dir / "roster.csv", participants)
    run_nbgrader(course_dir, "db", "student", "import", str(roster_csv), log_dir=course_dir / "logs")
    reports = []
    for week in order:
        active = [p for p in participants if p.takes_part(week, order)]
        say(f"{week}: {len(active)} participants")
        reports.append(run_week(course_dir, homes, active, week=week, say=say, progress=progress,
                                clock=schedule.get(week), roster=False, autograde=autograde))
    return reports
