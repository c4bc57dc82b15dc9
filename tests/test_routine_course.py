"""The whole course with only the routine doing the facilitator's part (issue 17).

``eight_week_course`` (conftest) plays week 0 to the closing week for ``COHORT`` on the simulated clock:
participants submit (some late, one drops out), coaches write their feedback in the gradebook as
formgrader does (one week left unfinished: ``UNFINISHED``), and ``valmennus routine`` runs at the
moments a timer would find work — no other facilitator command. What the routine owed is worked out
here from the simulated participants alone, not from the routine's own log.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from valmennus.course.schedule import current_week, load_schedule
from valmennus.demo import simulate
from valmennus.demo.routine_course import timeline
from valmennus.i18n import HELSINKI
from valmennus.ops.remind import read_log
from valmennus.ops.routine import REMIND_ITEM, REMIND_WINDOWS, remind_days
from valmennus.ops.routine import read_log as routine_log
from valmennus.options import Routine, configured
from valmennus.records.sources import released_feedback_path

from .conftest import COACH_EMAILS, COHORT, UNFINISHED, RoutineCourse, course_weeks

pytestmark = pytest.mark.workflow


def _owed_reminders(course_root: Path, weeks: list[str]) -> Counter[str]:
    """Recipient -> reminders owed, by what week 0 promises: on each reminder day of the week that is
    open (``Routine.reminder_days`` before its due date: Monday, Thursday, Sunday), at the first run of
    the routine inside the window the participant chose in week 0 (the default window until week 0 is
    collected), one reminder to each participant who has not submitted that week by then."""
    schedule = load_schedule(course_root)
    by_id = {w.id: w for w in schedule}
    options = configured(Routine, course_root)
    days = remind_days(options.reminder_days) or set()
    runs = [m.when for m in timeline(by_id, COHORT, weeks, days) if m.what == "routine"]
    chosen_from = by_id[weeks[0]].due + timedelta(minutes=5)  # the run that collects week 0
    owed: Counter[str] = Counter()
    for p in COHORT:
        reminded: set[tuple[str, object]] = set()
        choice = simulate.answers_for(p, weeks[0]).get(REMIND_ITEM)
        for at in runs:
            week, local = current_week(schedule, at), at.astimezone(HELSINKI)
            if week is None or (week.due.astimezone(HELSINKI).date() - local.date()).days not in days:
                continue
            start, until = REMIND_WINDOWS.get(choice if at >= chosen_from else "", (options.reminder_hour, 20))
            if not start <= local.hour < until or (week.id, local.date()) in reminded:
                continue
            if p.takes_part(week.id, weeks) and simulate.submission_time(p, week.id, week.release, week.due) <= at:
                continue
            reminded.add((week.id, local.date()))
            owed[f"{p.id}@example.invalid"] += 1
    return owed


def test_does_every_participant_get_each_reminder_owed_exactly_once(eight_week_routine: RoutineCourse) -> None:
    course = eight_week_routine.reports[0].course
    owed = _owed_reminders(course.root, course_weeks())
    assert sum(owed.values()) >= 10  # the course has reminders to give: the test can fail
    got = Counter(to for to, _text in eight_week_routine.inbox.messages if to.startswith("p"))
    assert got == owed
    log = [(e["participant"], e["week"], e["day"]) for e in read_log(course) if e.get("ok")]
    assert len(log) == len(set(log)) == sum(owed.values())  # never twice in a day


def test_is_every_finished_feedback_released_and_nothing_unfinished(eight_week_routine: RoutineCourse) -> None:
    course = eight_week_routine.reports[0].course
    checked = 0
    for report in eight_week_routine.reports:
        for p in report.participants:
            pages = list(course.path("feedback", p.id, report.week).glob("*.html"))
            released = [released_feedback_path(course, page) for page in pages]
            if (p.id, report.week) in UNFINISHED:
                assert not report.feedback_pages.get(p.id), (p.id, report.week)
                assert not any(r is not None and r.is_file() for r in released), (p.id, report.week)
                continue
            assert pages and all(r is not None and r.is_file() for r in released), (p.id, report.week)
            checked += 1
    assert checked == sum(len(r.participants) for r in eight_week_routine.reports) - len(UNFINISHED)
    routine_feedback = [(e["participant"], e["week"]) for e in routine_log(course)
                        if e["step"] == "feedback" and e["result"] == "ok"]
    assert len(routine_feedback) == len(set(routine_feedback)) == checked  # each once, by the routine


def test_did_the_routine_do_every_step_and_nothing_fail(eight_week_routine: RoutineCourse) -> None:
    course = eight_week_routine.reports[0].course
    log = routine_log(course)
    assert not [e for e in log if e["result"] == "failed"]
    assert sorted(e["week"] for e in log if e["step"] == "release") == sorted(course_weeks())
    submissions = sum(len(r.participants) for r in eight_week_routine.reports)
    assert Counter(e["step"] for e in log if e["step"] in ("collect", "grade")) == {
        "collect": submissions, "grade": submissions}
    late = {(e["participant"], e["week"]) for e in log if e["step"] == "collect" and e["detail"]}
    assert late == {(p.id, w) for p in COHORT for w in p.late_weeks if p.takes_part(w, course_weeks())}


def test_does_each_coach_get_a_weekly_digest(eight_week_routine: RoutineCourse) -> None:
    digests = Counter(to for to, _text in eight_week_routine.inbox.messages if to.startswith("ohjaaja"))
    assert set(digests) == set(COACH_EMAILS.values())
    assert all(n >= 6 for n in digests.values())  # one a week while the course runs, never two
    weeks = Counter((to, text.partition("\n")[0]) for to, text in eight_week_routine.inbox.messages
                    if to.startswith("ohjaaja"))  # (coach, subject)
    assert max(weeks.values()) == 1
