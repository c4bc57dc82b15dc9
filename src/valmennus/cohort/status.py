"""Progress over the whole course: each participant x week, completion per week, who is behind.

Pure functions of tidy tables that carry a ``cohort`` column, so several cohorts go through the same
code and come out side by side. "Submitted", "graded" and "feedback released" mean exactly what
``progress.week_progress`` (the ``valmennus status`` command) says; a test keeps them equal.
"""

from __future__ import annotations

import pandas as pd

WEEK_COLUMNS = ["cohort", "week", "order", "release", "due"]
STATUS_COLUMNS = ["cohort", "participant", "week", "order", "submitted", "submitted_at", "graded", "completion",
                  "completion_max", "complete", "feedback_released", "released_at", "due", "late", "expected",
                  "state"]
# The states of one participant's week, most advanced last; "open" = not submitted and not yet due.
STATES = ("open", "missing", "submitted", "graded", "feedback_released")
PROGRESS_COLUMNS = ["cohort", "week", "order", "participants", "submitted", "graded", "complete",
                    "feedback_released", "submitted_rate", "complete_rate", "expected"]
BEHIND_COLUMNS = ["cohort", "participant", "weeks_behind", "missing_weeks", "last_week", "last_submitted_at"]


def _week_rows(people: pd.DataFrame, grades: pd.DataFrame, collected: pd.DataFrame, feedback: pd.DataFrame,
               weeks: pd.DataFrame) -> pd.DataFrame:
    """``progress.week_progress`` for every cohort and week at once (a test keeps the two equal).

    One pass of merges instead of one ``week_progress`` per week: the dashboards' first render pays
    for this on every view. Everyone on the roster or seen in any week gets a row in every week.
    """
    keys = ["cohort", "participant", "week"]
    scored = grades[(grades["kind"] == "completion") & grades["score"].notna()]
    comp = scored.groupby(keys).agg(completion=("score", "sum"), completion_max=("max_score", "sum"),
                                   graded_at=("submitted_at", "max"))
    recorded = grades.groupby(keys).agg(recorded_at=("submitted_at", "max"))
    coll = collected.groupby(keys).agg(collected_at=("submitted_at", "max"))
    released = feedback.groupby(keys).agg(released_at=("released_at", "max"))
    full = (grades[grades["kind"] == "completion"].groupby(["cohort", "week", "grade_id"])["max_score"].max()
            .groupby(["cohort", "week"]).sum().rename("full_max"))

    ids = pd.concat([people[["cohort", "participant"]], grades[["cohort", "participant"]],
                     collected[["cohort", "participant"]]]).drop_duplicates()
    table = ids.merge(weeks[["cohort", "week", "order", "due"]], on="cohort").set_index(keys)
    table = table.join(comp).join(recorded).join(coll).join(released).reset_index()
    table = table.merge(full.reset_index(), on=["cohort", "week"], how="left")
    table["graded"] = table["completion_max"].notna()
    table["submitted_at"] = table["graded_at"].combine_first(table["collected_at"]).combine_first(
        table["recorded_at"])
    table["submitted"] = table["submitted_at"].notna() | table["graded"]
    table["feedback_released"] = table["released_at"].notna()
    table["completion_max"] = table["completion_max"].fillna(table["full_max"])
    table["completion"] = table["completion"].fillna(0.0)
    return table.sort_values(["cohort", "order", "participant"]).reset_index(drop=True)


def participant_weeks(people: pd.DataFrame, grades: pd.DataFrame, collected: pd.DataFrame,
                      feedback: pd.DataFrame, weeks: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per cohort x participant x week of the course, with its state.

    A week is *expected* of everyone once its due time has passed at ``as_of``, or once the cohort has
    moved on: someone submitted this week and someone a later one (a simulated cohort, a schedule
    edited late). A week nobody has submitted is not expected before its due time (not released yet).
    Not submitted and expected is ``missing``; not submitted and not expected is ``open``. ``late`` =
    submitted after the due time.
    """
    if weeks.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    status = _week_rows(people, grades, collected, feedback, weeks)
    if status.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    used = status[status["submitted"]].groupby(["cohort", "order"]).size().reset_index()[["cohort", "order"]]
    latest = used.groupby("cohort")["order"].max().rename("latest")
    status = status.join(latest, on="cohort")
    was_used = status.set_index(["cohort", "order"]).index.isin(pd.MultiIndex.from_frame(used))
    moved_on = was_used & (status["order"] < status["latest"].fillna(-1)).to_numpy()
    due = pd.to_datetime(status["due"], utc=True)
    status["expected"] = (due < as_of).fillna(False).astype(bool).to_numpy() | moved_on
    submitted_at = pd.to_datetime(status["submitted_at"], utc=True)
    status["late"] = (status["submitted"] & (submitted_at > due)).fillna(False).astype(bool)
    status["complete"] = status["graded"] & (status["completion"] >= status["completion_max"])
    state = pd.Series("open", index=status.index, dtype=object)
    state[status["expected"]] = "missing"
    state[status["submitted"]] = "submitted"
    state[status["graded"]] = "graded"
    state[status["feedback_released"]] = "feedback_released"
    status["state"] = state
    return status[STATUS_COLUMNS]


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
