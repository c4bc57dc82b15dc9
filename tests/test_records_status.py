"""valmennus.records.status: the one participant x week status model, on synthetic tables.

Each participant of the little course below is in one state of week 1, so every state, the order
of precedence between them, ``late`` and ``expected`` each have a case that fails if they change.
"""

from __future__ import annotations

import pandas as pd
import pytest

from valmennus.course.schedule import Week
from valmennus.records.sources import (
    COLLECTED_COLUMNS,
    FEEDBACK_COLUMNS,
    GRADE_COLUMNS,
    INBOUND_COLUMNS,
    PARTICIPANT_COLUMNS,
    CourseTables,
)
from valmennus.records.status import (
    NOT_SUBMITTED,
    STATES,
    STATUS_COLUMNS,
    course_weeks,
    participant_weeks,
    week_summary,
    week_table,
)

START = pd.Timestamp("2027-01-04 06:00", tz="UTC")
DUE = [START + pd.Timedelta(weeks=i, days=6) for i in range(3)]  # viikko0, viikko1, viikko2
ON_TIME = START + pd.Timedelta(weeks=1, days=2)  # during week 1
LATE = DUE[1] + pd.Timedelta(hours=1)
PEOPLE = ["waiting_in_exchange", "collected", "failed_autograde", "graded", "page_generated", "page_released",
          "nothing", "late", "only_in_gradebook"]


def _schedule() -> list[Week]:
    return [Week(f"viikko{i}", (START + pd.Timedelta(weeks=i)).to_pydatetime(), DUE[i].to_pydatetime(), {})
            for i in range(3)]


def _weeks() -> pd.DataFrame:
    return week_table(_schedule())


def _tables() -> tuple[CourseTables, pd.DataFrame]:
    """Week 1 of a course where each participant stands somewhere else; inbound as the second value."""
    def completion(pid: str, score: float | None, at: pd.Timestamp = ON_TIME) -> list[tuple]:
        return [(pid, "viikko1", "viikko1", gid, "completion", score, 1.0, at) for gid in ("a", "b")]

    grades = [*completion("failed_autograde", None), *completion("graded", 1.0), *completion("page_generated", 1.0),
              *completion("page_released", 0.0), *completion("late", 1.0, LATE),
              ("graded", "viikko1", "viikko1", "task", "task", 2.0, 3.0, ON_TIME),
              ("page_released", "viikko1", "viikko1", "task", "task", None, 3.0, ON_TIME),
              ("only_in_gradebook", "viikko1", "viikko1", "x", "manual", None, 1.0, pd.NaT)]
    collected = [(pid, "viikko1", at) for pid, at in (("collected", ON_TIME), ("failed_autograde", ON_TIME),
                                                      ("graded", ON_TIME), ("late", LATE))]
    feedback = [("page_generated", "viikko1", ON_TIME, pd.NaT), ("page_released", "viikko1", ON_TIME, ON_TIME)]
    tables = CourseTables(participants=pd.DataFrame([(p, p.title(), "") for p in PEOPLE], columns=PARTICIPANT_COLUMNS),
                          grades=pd.DataFrame(grades, columns=GRADE_COLUMNS),
                          collected=pd.DataFrame(collected, columns=COLLECTED_COLUMNS),
                          feedback=pd.DataFrame(feedback, columns=FEEDBACK_COLUMNS))
    inbound = pd.DataFrame([("waiting_in_exchange", "viikko1", ON_TIME), ("stranger", "viikko1", ON_TIME)],
                           columns=INBOUND_COLUMNS)
    return tables, inbound


def _status(as_of: pd.Timestamp | None = None, inbound: bool = True) -> pd.DataFrame:
    """The model a day after week 1's due time (default)."""
    tables, waiting = _tables()
    as_of = as_of if as_of is not None else DUE[1] + pd.Timedelta(days=1)
    return course_weeks(tables, _weeks(), as_of, waiting if inbound else None, cohort="k")


def _week(status: pd.DataFrame, week: str = "viikko1") -> pd.DataFrame:
    return status[status["week"] == week].set_index("participant")


def test_is_each_participant_in_the_most_advanced_state_that_holds() -> None:
    states = _week(_status())["state"].to_dict()
    assert states == {"waiting_in_exchange": "submitted", "collected": "submitted", "failed_autograde": "submitted",
                      "graded": "graded", "page_generated": "feedback_waiting", "page_released": "feedback_released",
                      "nothing": "missing", "late": "graded", "only_in_gradebook": "submitted",
                      "stranger": "submitted"}
    assert set(states.values()) | {"open"} == set(STATES)


def test_is_a_week_open_before_its_due_time_and_missing_after_it() -> None:
    before = _week(_status(DUE[1] - pd.Timedelta(hours=1)))
    after = _week(_status(DUE[1] + pd.Timedelta(hours=1)))
    assert before.loc["nothing", "state"] == "open" and not before.loc["nothing", "expected"]
    assert after.loc["nothing", "state"] == "missing" and after.loc["nothing", "expected"]
    assert set(NOT_SUBMITTED) == {"open", "missing"}


def test_does_a_week_count_as_expected_once_the_cohort_has_moved_on() -> None:
    """Long before the due times: week 0 is expected because someone submitted week 0 and someone week 1."""
    tables, inbound = _tables()
    tables.collected.loc[len(tables.collected)] = ("collected", "viikko0", START)
    status = course_weeks(tables, _weeks(), START - pd.Timedelta(days=30), inbound)
    assert _week(status, "viikko0").loc["nothing", "state"] == "missing"
    assert _week(status, "viikko1").loc["nothing", "state"] == "open"  # the latest week used: not moved on yet
    assert _week(status, "viikko2").loc["nothing", "state"] == "open"  # nobody has submitted it


def test_is_a_submission_after_the_due_time_late_and_one_before_it_not() -> None:
    week = _week(_status())
    assert week.loc["late", "late"] and week.loc["late", "submitted_at"] == LATE
    assert not week.loc["graded", "late"] and not week.loc["nothing", "late"]


def test_are_marks_completion_and_feedback_columns_right() -> None:
    week = _week(_status())
    assert week.loc["graded", "completion"] == 2 and week.loc["graded", "complete"]
    assert week.loc["page_released", "completion"] == 0 and not week.loc["page_released", "complete"]
    assert week.loc["nothing", "completion_max"] == 2  # the week's full marks, also for those without grades
    assert not week.loc["failed_autograde", "graded"] and week.loc["failed_autograde", "submitted"]
    assert week.loc["graded", "task_mark"] == 2 and pd.isna(week.loc["page_released", "task_mark"])
    assert week.loc["page_generated", "feedback_generated"] and not week.loc["page_generated", "feedback_released"]
    assert week.loc["page_released", "released_at"] == ON_TIME
    assert week.loc["waiting_in_exchange", "submitted_at"] == ON_TIME
    assert pd.isna(week.loc["only_in_gradebook", "submitted_at"])  # no time stamp, still a submission


def test_without_the_exchange_listing_is_a_waiting_submission_not_seen() -> None:
    week = _week(_status(inbound=False))
    assert week.loc["waiting_in_exchange", "state"] == "missing" and "stranger" not in week.index


def test_does_every_participant_get_a_row_in_every_week_in_course_order() -> None:
    status = _status()
    assert list(status.columns) == STATUS_COLUMNS
    assert len(status) == 3 * (len(PEOPLE) + 1)
    assert status["week"].drop_duplicates().tolist() == ["viikko0", "viikko1", "viikko2"]
    assert _week(status, "viikko0")["state"].eq("missing").all()


def test_do_two_cohorts_stay_apart() -> None:
    tables, inbound = _tables()
    one = course_weeks(tables, _weeks(), DUE[2], inbound, cohort="a")
    frames = [pd.concat([frame.assign(cohort=c) for c in ("a", "b")], ignore_index=True)
              for frame in (tables.participants, tables.grades, tables.collected, tables.feedback, _weeks())]
    only_a = inbound.assign(cohort="a")  # b has nothing in its exchange
    both = participant_weeks(*frames, DUE[2], only_a)
    pd.testing.assert_frame_equal(both[both["cohort"] == "a"].reset_index(drop=True), one)
    b = _week(both[both["cohort"] == "b"])
    assert b.loc["waiting_in_exchange", "state"] == "missing" and "stranger" not in b.index


def test_are_weeks_outside_the_schedule_put_after_it_numbered_ones_by_number() -> None:
    weeks = week_table(_schedule(), ["paatos", "viikko10", "viikko9", "viikko1"])
    assert weeks["week"].tolist() == ["viikko0", "viikko1", "viikko2", "viikko9", "viikko10", "paatos"]
    assert weeks["order"].tolist() == list(range(6)) and weeks["due"].isna().tolist()[3:] == [True] * 3


@pytest.mark.parametrize("as_of", [START - pd.Timedelta(days=1), DUE[2] + pd.Timedelta(days=1)])
def test_are_empty_tables_an_empty_model(as_of: pd.Timestamp) -> None:
    empty = CourseTables(*(pd.DataFrame(columns=c) for c in (PARTICIPANT_COLUMNS, GRADE_COLUMNS, COLLECTED_COLUMNS,
                                                             FEEDBACK_COLUMNS)))
    assert course_weeks(empty, _weeks(), as_of).empty
    assert list(course_weeks(empty, week_table([]), as_of).columns) == STATUS_COLUMNS


def test_does_the_summary_count_one_weeks_rows() -> None:
    assert week_summary(_week(_status())) == {"participants": 10, "submitted": 9, "graded": 4, "complete": 3,
                                              "feedback_released": 1}
