"""Where every participant stands in every week: the facilitator's ``valmennus status`` grid."""

from __future__ import annotations

import pandas as pd

from ..course.settings import CourseSettings
from ..records.progress import week_progress
from ..records.sources import read_course, read_inbound

STATES = ("not_submitted", "submitted", "graded", "feedback_waiting", "feedback_released")


def week_states(tables, inbound: pd.DataFrame, week: str) -> pd.DataFrame:  # noqa: ANN001
    """participant, state for one week (pure: tested with synthetic tables)."""
    progress = week_progress(tables.participants, tables.grades, tables.collected, tables.feedback, week)
    waiting = set(inbound.loc[inbound["week"] == week, "participant"])
    generated = set(tables.feedback.loc[tables.feedback["week"] == week, "participant"])
    states = []
    for row in progress.itertuples(index=False):
        if row.feedback_released:
            state = "feedback_released"
        elif row.participant in generated:
            state = "feedback_waiting"
        elif row.graded:
            state = "graded"
        elif row.submitted or row.participant in waiting:
            state = "submitted"
        else:
            state = "not_submitted"
        states.append(state)
    extra = sorted(waiting - set(progress["participant"]))
    frame = pd.DataFrame({"participant": list(progress["participant"]) + extra,
                          "state": states + ["submitted"] * len(extra)})
    return frame


def status_grid(course: CourseSettings, weeks: list[str]) -> pd.DataFrame:
    """Rows participants, columns weeks, cells one of STATES."""
    tables = read_course(course)
    inbound = read_inbound(course)
    columns = {}
    for week in weeks:
        columns[week] = week_states(tables, inbound, week).set_index("participant")["state"]
    grid = pd.DataFrame(columns).fillna("not_submitted")
    grid.index.name = "participant"
    return grid.sort_index()
