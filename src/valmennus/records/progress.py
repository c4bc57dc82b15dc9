"""Progress of a week, as pure functions of the tidy tables (tested without Voilà or a gradebook)."""

from __future__ import annotations

import pandas as pd

PROGRESS_COLUMNS = ["participant", "submitted", "submitted_at", "graded", "completion",
                    "completion_max", "task_mark", "feedback_released", "released_at"]


def week_progress(participants: pd.DataFrame, grades: pd.DataFrame, collected: pd.DataFrame,
                  feedback: pd.DataFrame, week: str) -> pd.DataFrame:
    """One row per participant on the roster (and anyone who submitted without being on it).

    ``completion`` is the sum of autograded completion marks; ``task_mark`` the facilitator's mark on
    the task (NaN until given); ``feedback_released`` whether the page reached the exchange.
    """
    g = grades[grades["week"] == week]
    # a submission counts as graded once its completion cells have scores (not when autograde failed)
    completion = g[(g["kind"] == "completion") & g["score"].notna()]
    comp = completion.groupby("participant").agg(
        completion=("score", "sum"), completion_max=("max_score", "sum"),
        graded_at=("submitted_at", "max"))
    in_gradebook = g.groupby("participant").agg(recorded_at=("submitted_at", "max"))
    # min_count=1: a task nobody has marked yet stays NaN ("not yet"), not 0
    task = g[g["kind"] == "task"].groupby("participant")["score"].sum(min_count=1).rename("task_mark").to_frame()
    coll = collected[collected["week"] == week].groupby("participant").agg(
        collected_at=("submitted_at", "max"))
    fb = feedback[feedback["week"] == week].set_index("participant")[["released_at"]]

    ids = sorted(set(participants["participant"]) | set(in_gradebook.index) | set(coll.index))
    table = pd.DataFrame(index=pd.Index(ids, name="participant"))
    table = table.join(comp).join(task).join(coll).join(fb).join(in_gradebook)
    table["graded"] = table["completion_max"].notna()
    table["submitted_at"] = table["graded_at"].combine_first(table["collected_at"]).combine_first(
        table["recorded_at"])
    table["submitted"] = table["submitted_at"].notna() | table["graded"]
    table["feedback_released"] = table["released_at"].notna()
    if len(g):
        full = g[g["kind"] == "completion"].groupby("grade_id")["max_score"].max().sum()
        table["completion_max"] = table["completion_max"].fillna(full)
    table["completion"] = table["completion"].fillna(0.0)
    return table.reset_index()[PROGRESS_COLUMNS]


def week_summary(progress: pd.DataFrame) -> dict[str, int]:
    """Counts for the headline: how many on the roster, submitted, fully complete, feedback released."""
    complete = progress["graded"] & (progress["completion"] >= progress["completion_max"])
    return {
        "participants": int(len(progress)),
        "submitted": int(progress["submitted"].sum()),
        "graded": int(progress["graded"].sum()),
        "complete": int(complete.sum()),
        "feedback_released": int(progress["feedback_released"].sum()),
    }
