"""Feedback turnaround: hours from a submission to its released feedback, per week and per facilitator.

Submission time is the collected ``timestamp.txt`` (when the participant pressed submit, not when
the facilitator collected); release time is when the feedback page reached the exchange. Medians
say how it usually goes, the slowest says who waited longest; feedback still waiting is counted with
its age, so a week where nothing was released does not look fast. Groups of fewer than 5 released
feedbacks are not broken down (a facilitator with 3 participants is not ranked on 3 numbers).
"""

from __future__ import annotations

import pandas as pd

from ..records.sources import UNKNOWN_FACILITATOR
from .privacy import suppress_small

TURNAROUND_COLUMNS = ["cohort", "participant", "week", "order", "facilitator", "submitted_at", "released_at",
                      "hours"]
SUMMARY_COLUMNS = ["n", "median_hours", "slowest_hours", "waiting", "oldest_waiting_hours"]


def turnarounds(status: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """One row per submitted participant-week: its facilitator and hours to release (NaN while waiting).

    A release stamped before its submission (a clock set wrong) is no measurement: NaN, not negative.
    """
    subs = status[status["submitted"].astype(bool)].merge(people[["cohort", "participant", "facilitator"]],
                                            on=["cohort", "participant"], how="left")
    subs["facilitator"] = subs["facilitator"].fillna(UNKNOWN_FACILITATOR)
    hours = (pd.to_datetime(subs["released_at"], utc=True)
             - pd.to_datetime(subs["submitted_at"], utc=True)).dt.total_seconds() / 3600
    subs["hours"] = hours.where(hours >= 0)
    return subs[TURNAROUND_COLUMNS].reset_index(drop=True)


def _summary(rows: pd.DataFrame, keys: list[str], as_of: pd.Timestamp) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame(columns=[*keys, *SUMMARY_COLUMNS, "suppressed"])
    waiting_age = (as_of - pd.to_datetime(rows["submitted_at"], utc=True)).dt.total_seconds() / 3600
    rows = rows.assign(waiting=rows["released_at"].isna(),
                       waiting_age=waiting_age.where(rows["released_at"].isna()))
    out = rows.groupby(keys, sort=True).agg(
        n=("hours", "count"), median_hours=("hours", "median"), slowest_hours=("hours", "max"),
        waiting=("waiting", "sum"), oldest_waiting_hours=("waiting_age", "max")).reset_index()
    out["waiting"] = out["waiting"].astype(int)
    return suppress_small(out, ["median_hours", "slowest_hours"])


def by_week(rows: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per cohort x week, in course order: released n, median and slowest hours, still waiting."""
    out = _summary(rows, ["cohort", "order", "week"], as_of)
    return out.sort_values(["cohort", "order"]).reset_index(drop=True)


def by_facilitator(rows: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per cohort x facilitator (``""`` = not in the roster): released n, median and slowest hours, waiting."""
    return _summary(rows, ["cohort", "facilitator"], as_of)
