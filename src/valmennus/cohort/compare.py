"""Several cohorts side by side: one row per cohort with the headline of every dashboard.

Each figure is computed the same way as on its own dashboard (the same functions' tables are the
inputs), so the side-by-side view never disagrees with the detail. Answer-based figures of a cohort
with fewer than 5 respondents are blanked like everywhere else.
"""

from __future__ import annotations

import pandas as pd

from .privacy import MIN_GROUP

COMPARE_COLUMNS = ["cohort", "participants", "submitted_rate", "finished_rate", "median_turnaround_hours",
                   "skills_n", "skills_change_median", "skills_rose", "usefulness_n", "usefulness_mean",
                   "feedback_n", "feedback_agree"]


def _blank_small(values: pd.Series, n: pd.Series) -> pd.Series:
    return values.where(n.reindex(values.index).fillna(0) >= MIN_GROUP)


def cohorts_side_by_side(status: pd.DataFrame, turnaround_rows: pd.DataFrame, pairs: pd.DataFrame,
                         answers: pd.DataFrame, usefulness_items: list[str],
                         feedback_items: list[str]) -> pd.DataFrame:
    """One row per cohort: roster size, share of expected weeks submitted, share who submitted the last
    week, median feedback hours, DigComp change (participants' mean change: median and share rising),
    pulse usefulness mean, share agreeing with the course feedback statements."""
    if status.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    cohorts = status.groupby("cohort", sort=True)
    out = pd.DataFrame({"participants": cohorts["participant"].nunique()})
    expected = status[status["expected"]]
    out["submitted_rate"] = expected.groupby("cohort")["submitted"].mean()
    last = status[status["order"] == status.groupby("cohort")["order"].transform("max")]
    out["finished_rate"] = last.groupby("cohort")["submitted"].mean()

    released = turnaround_rows.dropna(subset=["hours"])
    out["median_turnaround_hours"] = _blank_small(released.groupby("cohort")["hours"].median(),
                                                  released.groupby("cohort").size())

    digcomp = pairs[pairs["construct"] == "digcomp"]
    per_person = digcomp.groupby(["cohort", "participant"])["change"].mean().reset_index()
    skills_n = per_person.groupby("cohort").size()
    out["skills_n"] = skills_n
    out["skills_change_median"] = _blank_small(per_person.groupby("cohort")["change"].median(), skills_n)
    out["skills_rose"] = _blank_small(per_person.groupby("cohort")["change"].apply(lambda c: (c > 0).mean()),
                                      skills_n)

    use = answers[answers["item"].isin(usefulness_items) & answers["value"].notna()]
    use_n = use.groupby("cohort")["participant"].nunique()
    out["usefulness_n"] = use_n
    out["usefulness_mean"] = _blank_small(use.groupby("cohort")["value"].mean(), use_n)

    cf = answers[answers["item"].isin(feedback_items) & answers["value"].notna()]
    cf_n = cf.groupby("cohort")["participant"].nunique()
    out["feedback_n"] = cf_n
    out["feedback_agree"] = _blank_small(cf.groupby("cohort")["value"].apply(lambda v: (v >= 4).mean()), cf_n)

    for column in ("skills_n", "usefulness_n", "feedback_n"):
        out[column] = out[column].fillna(0).astype(int)
    return out.reset_index()[COMPARE_COLUMNS]
