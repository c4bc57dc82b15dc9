"""The dashboards' aggregates of the participant x week status: completion per week, the grid, who is behind.

Pure functions of ``records.status.participant_weeks`` rows (the one status model, which ``valmennus
status``, ``export`` and ``remind`` read too), so several cohorts go through the same code and come out
side by side.
"""

from __future__ import annotations

import pandas as pd

PROGRESS_COLUMNS = ["cohort", "week", "order", "participants", "submitted", "graded", "complete",
                    "feedback_released", "submitted_rate", "complete_rate", "expected"]
BEHIND_COLUMNS = ["cohort", "participant", "weeks_behind", "missing_weeks", "last_week", "last_submitted_at"]


def weekly_progress(status: pd.DataFrame) -> pd.DataFrame:
    """Per cohort x week: how many submitted, were graded, completed every mark, got feedback; rates.

    Rates are of everyone on the roster (drop-outs included), so a falling line shows drop-out.
    """
    if status.empty:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    out = status.groupby(["cohort", "week", "order"], sort=False).agg(
        participants=("participant", "size"), submitted=("submitted", "sum"), graded=("graded", "sum"),
        complete=("complete", "sum"), feedback_released=("feedback_released", "sum"),
        expected=("expected", "any")).reset_index()
    out["submitted_rate"] = out["submitted"] / out["participants"]
    out["complete_rate"] = out["complete"] / out["participants"]
    for column in ("participants", "submitted", "graded", "complete", "feedback_released"):
        out[column] = out[column].astype(int)
    return out.sort_values(["cohort", "order"]).reset_index(drop=True)[PROGRESS_COLUMNS]


def status_grid(status: pd.DataFrame) -> pd.DataFrame:
    """Participant x week of states, one row per cohort x participant, weeks as columns in course order."""
    if status.empty:
        return pd.DataFrame(columns=["cohort", "participant"])
    order = status.drop_duplicates("week").sort_values("order")["week"].tolist()
    grid = status.pivot_table(index=["cohort", "participant"], columns="week", values="state",
                              aggfunc="first", sort=True)
    grid = grid.reindex(columns=order)
    grid.columns.name = None
    return grid.reset_index()


def behind(status: pd.DataFrame, min_weeks: int = 1) -> pd.DataFrame:
    """Who has ``min_weeks`` or more expected weeks not submitted: for a facilitator's friendly nudge.

    Most weeks behind first; ``last_week`` is the latest week they did submit (empty if none).
    """
    if status.empty:
        return pd.DataFrame(columns=BEHIND_COLUMNS)
    missing = status[status["state"] == "missing"].sort_values("order")
    per = missing.groupby(["cohort", "participant"]).agg(
        weeks_behind=("week", "size"), missing_weeks=("week", lambda w: ", ".join(w)))
    done = status[status["submitted"]].sort_values("order").groupby(["cohort", "participant"]).agg(
        last_week=("week", "last"), last_submitted_at=("submitted_at", "max"))
    per = per.join(done).reset_index()
    per = per[per["weeks_behind"] >= min_weeks]
    per["last_week"] = per["last_week"].fillna("")
    per = per.sort_values(["weeks_behind", "cohort", "participant"], ascending=[False, True, True])
    return per.reset_index(drop=True)[BEHIND_COLUMNS]
