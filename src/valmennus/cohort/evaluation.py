"""Continuous evaluation: the weekly pulse (usefulness, workload) and the closing course feedback.

The pulse is voluntary, so ``n`` (who answered) is part of every row, and a week with fewer than 5
answers is not broken down. Usefulness and course feedback are Likert 1-5: the mean and the whole
distribution (a mean of 3 can be everyone lukewarm or a divided group); "can't say" is counted apart
and left out of the mean and shares. Free comments (PULSE_NOTE, CF_HELP ...) are text kinds:
``sources.read_answers`` never reads them, so they cannot appear here.
"""

from __future__ import annotations

import pandas as pd

from ..items import CANT_SAY, Item
from .privacy import suppress_small

LIKERT = (1, 2, 3, 4, 5)
LIKERT_COLUMNS = ["n", "mean", *(f"share_{v}" for v in LIKERT), "agree", "cant_say"]
WORKLOAD_OPTIONS = ("too_little", "right", "too_much")
WORKLOAD_COLUMNS = ["n", *(f"share_{o}" for o in WORKLOAD_OPTIONS)]


def items_of(bank: dict[str, Item], construct: str) -> dict[str, Item]:
    return {i.id: i for i in bank.values() if i.construct == construct}


def likert_summary(answers: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per ``keys``: n with a number, mean, share of each value 1-5, share agreeing (4-5), can't say."""
    if answers.empty:
        return pd.DataFrame(columns=[*keys, *LIKERT_COLUMNS, "suppressed"])
    rows = answers.assign(cs=answers["option"] == CANT_SAY)
    numbers = rows[rows["value"].notna()]
    out = numbers.groupby(keys, sort=True).agg(n=("value", "size"), mean=("value", "mean"))
    shares = pd.crosstab([numbers[k] for k in keys], numbers["value"].astype(int), normalize="index")
    shares = shares.reindex(columns=list(LIKERT), fill_value=0.0)
    shares.columns = [f"share_{v}" for v in LIKERT]
    out = out.join(shares)
    out["agree"] = out["share_4"] + out["share_5"]
    cant = rows.groupby(keys, sort=True)["cs"].sum().rename("cant_say")
    out = out.join(cant, how="outer").reset_index()
    out["n"] = out["n"].fillna(0).astype(int)
    out["cant_say"] = out["cant_say"].fillna(0).astype(int)
    return suppress_small(out[[*keys, *LIKERT_COLUMNS]], LIKERT_COLUMNS[1:-1])


def pulse_usefulness(answers: pd.DataFrame, weeks: pd.DataFrame, item_ids: list[str]) -> pd.DataFrame:
    """Per cohort x week (course order): usefulness n, mean, distribution, can't say."""
    rows = answers[answers["item"].isin(item_ids)]
    out = likert_summary(rows, ["cohort", "week"])
    return _in_order(out, weeks)


def pulse_workload(answers: pd.DataFrame, weeks: pd.DataFrame, item_ids: list[str]) -> pd.DataFrame:
    """Per cohort x week: how many answered and the shares of too little / about right / too much."""
    rows = answers[answers["item"].isin(item_ids) & answers["option"].isin(WORKLOAD_OPTIONS)]
    if rows.empty:
        return pd.DataFrame(columns=["cohort", "week", "order", *WORKLOAD_COLUMNS, "suppressed"])
    shares = pd.crosstab([rows["cohort"], rows["week"]], rows["option"], normalize="index")
    shares = shares.reindex(columns=list(WORKLOAD_OPTIONS), fill_value=0.0)
    shares.columns = [f"share_{o}" for o in WORKLOAD_OPTIONS]
    counts = rows.groupby(["cohort", "week"]).size().rename("n")
    out = shares.join(counts).reset_index()[["cohort", "week", *WORKLOAD_COLUMNS]]
    return _in_order(suppress_small(out, WORKLOAD_COLUMNS[1:]), weeks)


def course_feedback(answers: pd.DataFrame, item_ids: list[str]) -> pd.DataFrame:
    """Per cohort x course-feedback item: n, mean, distribution, share agreeing, can't say."""
    return likert_summary(answers[answers["item"].isin(item_ids)], ["cohort", "item"])


def _in_order(frame: pd.DataFrame, weeks: pd.DataFrame) -> pd.DataFrame:
    """Attach each week's place in the course and sort by it (weeks off the schedule go last)."""
    out = frame.merge(weeks[["cohort", "week", "order"]], on=["cohort", "week"], how="left")
    out["order"] = out["order"].fillna(len(weeks)).astype(int)
    columns = ["cohort", "week", "order", *[c for c in out.columns if c not in ("cohort", "week", "order")]]
    return out.sort_values(["cohort", "order"]).reset_index(drop=True)[columns]
