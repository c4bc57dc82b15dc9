"""valmennus.cohort.status: the dashboards' aggregates of the status model (completion per week, grid, behind)."""

from __future__ import annotations

import pandas as pd

from valmennus.cohort.cohorts import PEOPLE_COLUMNS
from valmennus.cohort.status import behind, status_grid, weekly_progress
from valmennus.records.sources import COLLECTED_COLUMNS, FEEDBACK_COLUMNS, GRADE_COLUMNS
from valmennus.records.status import participant_weeks

START = pd.Timestamp("2027-01-04 06:00", tz="UTC")
WEEKS = ["viikko0", "viikko1", "viikko2"]


def _weeks(cohort: str = "k") -> pd.DataFrame:
    rows = [(cohort, w, i, START + pd.Timedelta(weeks=i), START + pd.Timedelta(weeks=i, days=6))
            for i, w in enumerate(WEEKS)]
    return pd.DataFrame(rows, columns=["cohort", "week", "order", "release", "due"])


def _tables(cohort: str = "k") -> tuple[pd.DataFrame, ...]:
    people = pd.DataFrame([(cohort, p, "", "", "") for p in ("a", "b", "c")], columns=PEOPLE_COLUMNS)
    t0, t1 = START + pd.Timedelta(days=2), START + pd.Timedelta(weeks=1, days=7, hours=1)  # b's week 1 is late
    collected = pd.DataFrame([(cohort, "a", "viikko0", t0), (cohort, "a", "viikko1", t0 + pd.Timedelta(weeks=1)),
                              (cohort, "b", "viikko0", t0), (cohort, "b", "viikko1", t1)],
                             columns=["cohort", *COLLECTED_COLUMNS])
    grades = pd.DataFrame([(cohort, "a", "viikko0", "viikko0", "x", "completion", 1.0, 1.0, t0),
                           (cohort, "b", "viikko0", "viikko0", "x", "completion", 0.0, 1.0, t0)],
                          columns=["cohort", *GRADE_COLUMNS])
    feedback = pd.DataFrame([(cohort, "a", "viikko0", t0, t0 + pd.Timedelta(hours=30))],
                            columns=["cohort", *FEEDBACK_COLUMNS])
    return people, grades, collected, feedback


def _status(as_of: pd.Timestamp) -> pd.DataFrame:
    return participant_weeks(*_tables(), _weeks(), as_of)


def test_is_the_completion_rate_of_everyone_on_the_roster() -> None:
    progress = weekly_progress(_status(START + pd.Timedelta(weeks=3))).set_index("week")
    assert progress.loc["viikko0", "participants"] == 3 and progress.loc["viikko0", "submitted"] == 2
    assert abs(progress.loc["viikko0", "submitted_rate"] - 2 / 3) < 1e-9
    assert progress.loc["viikko0", "complete"] == 1 and progress.loc["viikko0", "feedback_released"] == 1
    assert list(progress.index) == WEEKS


def test_has_the_grid_one_row_per_participant_and_weeks_in_course_order() -> None:
    grid = status_grid(_status(START + pd.Timedelta(weeks=3)))
    assert list(grid.columns) == ["cohort", "participant", *WEEKS]
    assert grid.set_index("participant").loc["c"].tolist()[1:] == ["missing", "missing", "missing"]


def test_is_the_longest_behind_first_and_are_the_up_to_date_left_out() -> None:
    late = behind(_status(START + pd.Timedelta(weeks=3)))
    assert late["participant"].tolist() == ["c", "a", "b"]
    assert late.iloc[0]["weeks_behind"] == 3 and late.iloc[0]["last_week"] == ""
    assert late.set_index("participant").loc["a", "missing_weeks"] == "viikko2"
    assert behind(_status(START + pd.Timedelta(days=10)))["participant"].tolist() == ["c"]


def test_do_two_cohorts_stay_apart() -> None:
    first, second = _tables("k"), _tables("s")
    both = [pd.concat([a, b], ignore_index=True) for a, b in zip(first, second, strict=True)]
    weeks = pd.concat([_weeks("k"), _weeks("s")], ignore_index=True)
    progress = weekly_progress(participant_weeks(*both, weeks, START + pd.Timedelta(weeks=3)))
    assert progress.groupby("cohort")["submitted"].sum().to_dict() == {"k": 4, "s": 4}

