"""The facilitator's nbgrader steps, per week: release, collect, feedback. Each is idempotent.

Release follows the schedule: every week whose release time has come and which the exchange does
not yet hold is generated (refusing stray answers files) and released, with its due date set in the
gradebook. Safe to run from cron every hour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..course.api import nbgrader_api
from ..course.gradebook import open_gradebook
from ..course.guard import answer_files
from ..course.intake import describe, read_refusals
from ..course.schedule import Week, load_schedule, released_by
from ..course.settings import CourseSettings
from ..i18n import local_datetime, t
from ..records.store import sync_quietly


@dataclass
class StepOutcome:
    """One step of one week. ``action`` is the step's name (``release``, ``generate``, ``collect``,
    ``generate_feedback``, ``release_feedback``), shown in words as message ``step_<action>``; ``detail``
    and ``notes`` are sentences in the course language."""

    week: str
    action: str
    ok: bool
    detail: str = ""
    notes: list[str] = field(default_factory=list)  # what the facilitator must know, one sentence each


def _api_failure(result: dict) -> str:
    text = (result.get("error") or result.get("log") or "").strip().splitlines()
    return text[-1] if text else t("ops_nbgrader_failed")


def released_weeks(course: CourseSettings) -> set[str]:
    """Weeks the exchange holds as released (nbgrader's own listing of the outbound folder)."""
    with nbgrader_api(course) as api:
        return set(api.get_released_assignments())


def release_due(course: CourseSettings, now: datetime | None = None,
                weeks: list[Week] | None = None) -> list[StepOutcome]:
    """Release every scheduled week whose time has come and that is not released yet."""
    now = now or datetime.now(UTC)
    schedule = weeks if weeks is not None else load_schedule(course.root)
    already = released_weeks(course)
    outcomes = []
    for week in released_by(schedule, now):
        if week.id in already:
            continue
        outcomes.append(release_week(course, week))
    return outcomes


def release_week(course: CourseSettings, week: Week) -> StepOutcome:
    stray = answer_files(course.path("source", week=week.id))
    if stray:
        return StepOutcome(week.id, "release", False, t("source_answers_refused", path=stray[0]))
    with nbgrader_api(course) as api:
        generated = api.generate_assignment(week.id, force=True)
        if not generated["success"]:
            return StepOutcome(week.id, "generate", False, _api_failure(generated))
        with open_gradebook(course) as gb:
            gb.update_or_create_assignment(week.id, duedate=week.due_naive_utc)
        released = api.release_assignment(week.id)
        if not released["success"]:
            return StepOutcome(week.id, "release", False, _api_failure(released))
    return StepOutcome(week.id, "release", True, t("ops_release_due", due=local_datetime(week.due)))


def collect(course: CourseSettings, week: str, participant: str = "*") -> StepOutcome:
    """nbgrader's collect (through ``SafeExchangeCollect``); names every file it refused, and why.
    ``participant``: that participant's submission only (default: everyone's)."""
    started = datetime.now(UTC).isoformat(timespec="seconds")
    with nbgrader_api(course) as api:
        api.coursedir.student_id = participant
        result = api.collect(week)
    refused = [describe(e) for e in read_refusals(course.root, since=started) if e.get("week") == week]
    sync_quietly(course)  # the reporting store follows each step (records/store.py: how current it stays)
    return StepOutcome(week, "collect", result["success"], "" if result["success"] else _api_failure(result),
                       notes=refused)


def feedback(course: CourseSettings, week: str) -> list[StepOutcome]:
    """Generate feedback pages for every graded submission of ``week``, then release them."""
    with nbgrader_api(course) as api:
        generated = api.generate_feedback(week)
        outcomes = [StepOutcome(week, "generate_feedback", generated["success"],
                                "" if generated["success"] else _api_failure(generated))]
        if generated["success"]:
            released = api.release_feedback(week)
            outcomes.append(StepOutcome(week, "release_feedback", released["success"],
                                        "" if released["success"] else _api_failure(released)))
    sync_quietly(course)
    return outcomes
