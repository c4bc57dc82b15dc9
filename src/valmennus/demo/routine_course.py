"""The whole course driven by the facilitator's routine alone, on the simulated clock (issue 17).

``play_by_routine`` lays the course out as a timeline of moments and plays them in order: participants
fetch, answer and submit (some after the due time), coaches write their feedback into the gradebook as
formgrader would (``ops.feedback.write_task_feedback``), participants fetch what was released — and,
between them, ``valmennus routine`` runs at the moments a timer would find work: as each week opens,
at the reminder hours two days before its due time (one pass in each window a participant can choose
in week 0), just after the due time, after each late submission and after each coach has finished. No
other facilitator command runs: the routine releases, collects, grades, builds the walls, releases
the feedback a coach has finished (and nothing else), reminds and sends the coaches' digests.

The result is the same ``LoopReport`` per week as ``course_loop.run_course`` gives, so the demo, its
checks and the tests read either alike.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from tqdm import tqdm

from ..course.schedule import Week, load_schedule
from ..course.settings import CourseSettings
from ..i18n import HELSINKI
from ..ops.autograde import grading_pool
from ..ops.feedback import write_task_feedback
from ..ops.nbgrader_cli import StepFailed
from ..ops.roster import import_roster
from ..ops.routine import Run, remind_days, routine_lock, run_routine
from ..options import ReportingStore, Routine, as_env, configured
from ..records.store import sync
from . import simulate
from .course_loop import LoopReport, environment, participant_submits, stamp_released_feedback, write_roster

Say = Callable[[str], None]

#: The routine's passes on a reminder day (Helsinki hour, minute): one in each W0_REMIND window
#: (morning 8-10, midday 10-13, afternoon 13-16; "any" and the default from 9 on).
REMIND_PASSES = ((9, 5), (11, 5), (14, 5))
#: Steps whose failure stops the play: the course itself. Reminders and digests need channels the demo
#: may not have (no SMTP server): their failures are reported in the run's log, as on a real course.
ESSENTIAL = ("release", "collect", "grade", "walls", "feedback")
PARTICIPANT, COACH, ROUTINE = 0, 1, 2  # at one moment participants act first, the routine last
BAR = "course by the routine"  # the progress bar's title


def say_nothing(_line: str) -> None:
    """The routine's lines unheard: a function of the module, not a lambda, so the runs it is kept in
    (``RoutinePlay.runs``) pickle, e.g. back from a play in a process of its own (``demo.background``)."""


@dataclass(frozen=True, order=True)
class Moment:
    when: datetime
    rank: int
    what: str  # "submit", "coach", "read" or "routine"
    week: str = ""
    participant: str = ""


@dataclass
class RoutinePlay:
    """What the routine did over the course: every run, in order (its log is the course's own)."""

    runs: list[Run] = field(default_factory=list)


def reminder_moments(week: Week, days_before_due: Collection[int]) -> list[datetime]:
    """The passes a 15-minute timer would make inside each reminder window on each reminder day."""
    due = week.due.astimezone(HELSINKI).date()
    moments = []
    for before in sorted(days_before_due, reverse=True):
        day = due - timedelta(days=before)
        moments += [datetime(day.year, day.month, day.day, h, m, tzinfo=HELSINKI) for h, m in REMIND_PASSES]
    return [m for m in moments if m > week.release]


def coach_finishes(p: simulate.Participant, week: Week, submitted: datetime) -> datetime:
    """When the coach finishes p's week in formgrader: two hours before the simulated release of the
    week's feedback, and never before the submission has been graded (a late one: the pass after it)."""
    release = simulate.feedback_release_time(p.facilitator, week.id, week.due)
    graded = max(submitted, week.due) + timedelta(hours=1)
    return max(release - timedelta(hours=2), graded + timedelta(minutes=30))


def timeline(schedule: dict[str, Week], participants: Sequence[simulate.Participant],
             order: Sequence[str], reminder_days: Collection[int] = (6, 3, 0)) -> list[Moment]:
    """Every moment of the course in order: the participants' and coaches' actions and the routine's passes."""
    moments: list[Moment] = []
    for week_id in order:
        week = schedule[week_id]
        moments.append(Moment(week.release + timedelta(minutes=5), ROUTINE, "routine", week_id))
        moments += [Moment(when, ROUTINE, "routine", week_id) for when in reminder_moments(week, reminder_days)]
        moments.append(Moment(week.due + timedelta(minutes=5), ROUTINE, "routine", week_id))
        for p in participants:
            if not p.takes_part(week_id, order):
                continue
            sent = simulate.submission_time(p, week_id, week.release, week.due)
            moments.append(Moment(sent, PARTICIPANT, "submit", week_id, p.id))
            if sent > week.due:  # late: the next pass collects and grades it
                moments.append(Moment(sent + timedelta(minutes=30), ROUTINE, "routine", week_id))
            done = coach_finishes(p, week, sent)
            moments.append(Moment(done, COACH, "coach", week_id, p.id))
            moments.append(Moment(done + timedelta(minutes=10), ROUTINE, "routine", week_id))
            moments.append(Moment(done + timedelta(hours=1), PARTICIPANT, "read", week_id, p.id))
    return sorted(set(moments))


def play_by_routine(course_dir: Path, homes: Path, participants: Sequence[simulate.Participant],
                    weeks: Sequence[str] | None = None, say: Say = print, progress: bool = True,
                    unfinished: Collection[tuple[str, str]] = (), task_id: str = "ohjaajan_palaute",
                    routine_say: Say = say_nothing,
                    on_moment: Callable[[int, int], None] | None = None) -> tuple[list[LoopReport], RoutinePlay]:
    """Play every week (or ``weeks``) with only the routine doing the facilitator's part.

    ``unfinished``: (participant, week) pairs whose coach writes a comment but gives no mark: never
    finished in formgrader, so their feedback must never be released. ``on_moment(done, total)`` is
    told after each moment (``background.report_progress``: the bar of a cohort played in another
    process). Raises StepFailed when a step the course depends on (``ESSENTIAL``) fails. All the
    course's gradings share one pool of workers (``autograde.grading_pool``)."""
    course = CourseSettings.load(course_dir)
    schedule = {w.id: w for w in load_schedule(course_dir)}
    order = list(weeks or schedule)
    by_id = {p.id: p for p in participants}
    import_roster(course, write_roster(course_dir / "roster.csv", participants))
    reports = {w: LoopReport(course=course, week=w,
                             participants=[p for p in participants if p.takes_part(w, order)],
                             unfinished=sorted(pid for pid, week in unfinished if week == w)) for w in order}
    play = RoutinePlay()
    moments = timeline(schedule, participants, order, remind_days(configured(Routine, course.root).reminder_days) or ())
    with environment(as_env(ReportingStore, sync_after_steps=False)), grading_pool():
        for done, moment in enumerate(tqdm(moments, desc=BAR, unit="moment", disable=not progress), 1):
            p = by_id.get(moment.participant)
            if moment.what == "routine":
                run = _pass(course, moment.when, routine_say)
                play.runs.append(run)
                if failed := [e for e in run.failed if e.get("step") in ESSENTIAL]:  # earlier runs have passed
                    raise StepFailed("; ".join(f"{e.get('step')} {e.get('participant', '')} {e.get('week', '')}: "
                                               f"{e.get('detail', '')}" for e in failed))
            elif moment.what == "submit" and p is not None:
                participant_submits(course, homes / p.id, p, moment.week, moment.when)
            elif moment.what == "coach" and p is not None:
                _coach(course, p, moment.week, task_id, (p.id, moment.week) in unfinished)
            elif moment.what == "read" and p is not None:
                reports[moment.week].feedback_pages[p.id] = simulate.fetch_feedback(
                    course.course_id, course.exchange_root, homes / p.id, p.id, moment.week)
            if on_moment is not None:
                on_moment(done, len(moments))
    for week_id, report in reports.items():
        stamp_released_feedback(course, week_id, report.participants, schedule[week_id])
        say(f"{week_id}: {len(report.participants)} participants")
    sync(course)
    return [reports[w] for w in order], play


def _pass(course: CourseSettings, when: datetime, say: Say) -> Run:
    with routine_lock(course) as got:
        if not got:  # only a second routine started by hand could hold it: the play never overlaps itself
            raise StepFailed(f"routine lock held at {when.isoformat()}")
        return run_routine(course, now=when, say=say)


def _coach(course: CourseSettings, p: simulate.Participant, week: str, task_id: str, leave_open: bool) -> None:
    """The coach's work in formgrader: a comment and the completion mark (none when ``leave_open``)."""
    if not (course.path("autograded", p.id, week) / f"{week}.ipynb").exists():
        return  # nothing graded to give feedback on (the routine's log says why)
    write_task_feedback(course, week, week, p.id, task_id, simulate.facilitator_comment(p, week),
                        None if leave_open else simulate.facilitator_mark(p, week))
