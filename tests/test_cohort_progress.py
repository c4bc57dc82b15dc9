"""One week's rows of the status model and its page (``cohort.views``): synthetic tables, no Voilà or gradebook."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from valmennus.cohort.views import progress_html
from valmennus.records.sources import (
    COLLECTED_COLUMNS,
    FEEDBACK_COLUMNS,
    GRADE_COLUMNS,
    PARTICIPANT_COLUMNS,
    CourseTables,
)
from valmennus.records.status import course_weeks, week_summary, week_table

T0 = pd.Timestamp("2026-11-23 08:00", tz="UTC")


def _tables() -> CourseTables:
    participants = pd.DataFrame([("p01", "Aino", "Virtanen"), ("p02", "Mikko", "Korhonen"),
                                 ("p03", "Sanna", "Mäkinen"), ("p04", "Juha", "Laine")],
                                columns=PARTICIPANT_COLUMNS)
    rows = []
    for pid, marks, task in (("p01", (1, 1, 1), 1.0), ("p02", (1, 0, 1), None)):
        for gid, score in zip(("a", "b", "c"), marks, strict=True):
            rows.append((pid, "viikko1", "viikko1", gid, "completion", float(score), 1.0, T0))
        rows.append((pid, "viikko1", "viikko1", "task", "task", task, 1.0, T0))
    rows.append(("p01", "viikko2", "viikko2", "a", "completion", 1.0, 1.0, T0))
    grades = pd.DataFrame(rows, columns=GRADE_COLUMNS)
    collected = pd.DataFrame([("p01", "viikko1", T0), ("p02", "viikko1", T0), ("p03", "viikko1", T0)],
                             columns=COLLECTED_COLUMNS)
    feedback = pd.DataFrame([("p01", "viikko1", T0, T0), ("p02", "viikko1", T0, pd.NaT)], columns=FEEDBACK_COLUMNS)
    return CourseTables(participants, grades, collected, feedback)


def _week_rows(tables: CourseTables, week: str) -> pd.DataFrame:
    """The rows of ``week`` in the status model, as the page gets them."""
    status = course_weeks(tables, week_table([], ["viikko1", "viikko2"]), T0)
    return status[status["week"] == week].reset_index(drop=True)


def test_does_every_participant_on_the_roster_get_a_row() -> None:
    progress = _week_rows(_tables(), "viikko1").set_index("participant")
    assert list(progress.index) == ["p01", "p02", "p03", "p04"]
    assert progress.loc["p01", "completion"] == 3 and progress.loc["p02", "completion"] == 2
    assert progress.loc["p03", "submitted"] and not progress.loc["p03", "graded"]  # collected, not graded yet
    assert not progress.loc["p04", "submitted"]
    assert progress.loc["p04", "completion_max"] == 3  # the week's maximum, also for those without grades
    assert progress.loc["p01", "feedback_released"] and not progress.loc["p02", "feedback_released"]
    assert pd.isna(progress.loc["p02", "task_mark"])


def test_are_the_headline_counts_right() -> None:
    assert week_summary(_week_rows(_tables(), "viikko1")) == {
        "participants": 4, "submitted": 3, "graded": 2, "complete": 1, "feedback_released": 1}


def test_does_another_week_not_leak_into_this_one() -> None:
    progress = _week_rows(_tables(), "viikko2").set_index("participant")
    assert progress.loc["p01", "completion"] == 1 and progress["graded"].sum() == 1


def test_does_the_view_show_ids_and_progress_but_no_names() -> None:
    markup = progress_html(_week_rows(_tables(), "viikko1"), "viikko1", "digiasiakas",
                           now=datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    assert "Kurssin eteneminen: viikko1" in markup and "23.11.2026 klo 12.00" in markup
    assert "<th scope='row'>p02</th>" in markup and "2 / 3" in markup
    assert "Aino" not in markup and "Virtanen" not in markup
    assert "data:text/csv;base64," in markup


def test_does_an_empty_course_say_so() -> None:
    empty = _week_rows(CourseTables(*(frame.iloc[0:0] for frame in vars(_tables()).values())), "viikko1")
    assert "ei ole vielä osallistujia" in progress_html(empty, "viikko1", "digiasiakas")
