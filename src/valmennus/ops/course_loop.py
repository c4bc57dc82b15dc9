"""One week of the course, end to end, with the real nbgrader commands.

release -> participants fetch, answer, submit -> collect -> autograde -> facilitator feedback ->
generate and release feedback -> participants fetch feedback. The facilitator's steps are the
``nbgrader`` commands themselves; the participants' steps are nbgrader's exchange classes (what
``nbgrader fetch_assignment`` and ``submit`` run) driven by ``valmennus.simulate``.
"""

from __future__ import annotations

import csv
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .. import simulate
from ..course.schedule import SCHEDULE_FILE
from ..course.settings import CONFIG_FILE, CourseSettings
from .feedback import write_task_feedback
from .nbgrader_cli import run_nbgrader

Say = Callable[[str], None]


@dataclass
class LoopReport:
    course: CourseSettings
    week: str
    participants: list[simulate.Participant]
    feedback_pages: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def prepare_course(repo_root: Path, target: Path) -> Path:
    """A fresh course directory at ``target`` from the repo's ``source/`` and ``nbgrader_config.py``.

    The demo and tests never touch the repo's own course folders: a facilitator's real gradebook or
    submissions at the repo root are safe from ``make demo``.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(repo_root / "source", target / "source",
                    ignore=shutil.ignore_patterns("*.answers.json", "*.answers.corrupt-*",
                                                  ".ipynb_checkpoints"))
    shutil.copy2(repo_root / CONFIG_FILE, target / CONFIG_FILE)
    if (repo_root / SCHEDULE_FILE).is_file():
        shutil.copy2(repo_root / SCHEDULE_FILE, target / SCHEDULE_FILE)
    return target


def write_roster(path: Path, participants: Sequence[simulate.Participant]) -> Path:
    """The roster CSV that ``nbgrader db student import`` reads."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "first_name", "last_name", "email"])
        for p in participants:
            writer.writerow([p.id, p.first_name, p.last_name, f"{p.id}@example.invalid"])
    return path


def _timed(report: LoopReport, name: str, say: Say, fn: Callable[[], object]) -> None:
    started = time.perf_counter()
    fn()
    report.timings[name] = time.perf_counter() - started
    say(f"  ok  {name} ({report.timings[name]:.1f} s)")


def run_week(course_dir: Path, homes: Path, participants: Sequence[simulate.Participant],
             week: str = "viikko1", task_id: str = "ohjaajan_palaute", say: Say = print,
             progress: bool = True) -> LoopReport:
    """Play ``week`` through the whole loop for ``participants``; raise on the first failed step."""
    course = CourseSettings.load(course_dir)
    report = LoopReport(course=course, week=week, participants=list(participants))
    logs = course_dir / "logs"
    nbg = lambda *a: run_nbgrader(course_dir, *a, log_dir=logs)  # noqa: E731

    roster = write_roster(course_dir / "roster.csv", participants)
    _timed(report, "nbgrader db student import", say, lambda: nbg("db", "student", "import", str(roster)))
    _timed(report, "nbgrader generate_assignment", say, lambda: nbg("generate_assignment", week, "--force"))
    _timed(report, "nbgrader release_assignment", say, lambda: nbg("release_assignment", week, "--force"))

    def participants_work() -> None:
        for p in tqdm(participants, desc="participants answer and submit", unit="participant",
                      disable=not progress):
            home = homes / p.id
            folder = simulate.fetch(course.course_id, course.exchange_root, home, p.id, week)
            simulate.write_answers(folder, week, p, week)
            simulate.submit(course.course_id, course.exchange_root, home, p.id, week)

    _timed(report, f"{len(participants)} participants fetch, answer, submit", say, participants_work)
    _timed(report, "nbgrader collect", say, lambda: nbg("collect", week))
    _timed(report, "nbgrader autograde", say, lambda: nbg("autograde", week))

    def facilitator_writes() -> None:
        for p in tqdm(participants, desc="facilitator writes feedback", unit="participant",
                      disable=not progress):
            mark = 0.0 if p.profile in ("short_diary", "corrupt") else 1.0
            write_task_feedback(course, week, week, p.id, task_id,
                                simulate.facilitator_comment(p), mark)

    _timed(report, "facilitator feedback in the gradebook", say, facilitator_writes)
    _timed(report, "nbgrader generate_feedback", say, lambda: nbg("generate_feedback", week))
    _timed(report, "nbgrader release_feedback", say, lambda: nbg("release_feedback", week))

    def participants_read() -> None:
        for p in tqdm(participants, desc="participants fetch feedback", unit="participant",
                      disable=not progress):
            report.feedback_pages[p.id] = simulate.fetch_feedback(
                course.course_id, course.exchange_root, homes / p.id, p.id, week)

    _timed(report, "participants fetch feedback", say, participants_read)
    return report
