"""valmennus.cohort.evaluation and compare: the weekly pulse, course feedback, cohorts side by side."""

from __future__ import annotations

import math

import pandas as pd

from valmennus.cohort.dashboard import context
from valmennus.cohort.evaluation import course_feedback, pulse_usefulness, pulse_workload
from valmennus.cohort.privacy import Viewer
from valmennus.cohort.synthetic import synthetic_cohorts
from valmennus.records.sources import ANSWER_COLUMNS

WEEKS = pd.DataFrame([("k", "viikko0", 0), ("k", "viikko1", 1)], columns=["cohort", "week", "order"])


def _rows(item: str, week: str, values: list[object]) -> pd.DataFrame:
    rows = []
    for k, v in enumerate(values):
        if v == "cant_say":
            rows.append(("k", f"p{k}", week, item, float("nan"), "cant_say"))
        elif isinstance(v, str):
            rows.append(("k", f"p{k}", week, item, float("nan"), v))
        else:
            rows.append(("k", f"p{k}", week, item, float(v), None))
    return pd.DataFrame(rows, columns=ANSWER_COLUMNS)


def test_is_usefulness_a_mean_and_a_distribution_without_cant_say() -> None:
    answers = pd.concat([_rows("PULSE_USE", "viikko1", [5, 4, 4, 2, 5, "cant_say"]),
                         _rows("PULSE_USE", "viikko0", [3, 3])], ignore_index=True)
    use = pulse_usefulness(answers, WEEKS, ["PULSE_USE"])
    assert use["week"].tolist() == ["viikko0", "viikko1"]  # course order
    week1 = use.set_index("week").loc["viikko1"]
    assert week1["n"] == 5 and math.isclose(week1["mean"], 4.0) and week1["cant_say"] == 1
    assert math.isclose(week1["share_4"], 0.4) and math.isclose(week1["agree"], 0.8)
    assert use.set_index("week").loc["viikko0", "suppressed"]


def test_are_workload_shares_per_week() -> None:
    answers = _rows("PULSE_LOAD", "viikko1", ["right", "right", "too_much", "right", "too_little"])
    load = pulse_workload(answers, WEEKS, ["PULSE_LOAD"]).iloc[0]
    assert load["n"] == 5 and math.isclose(load["share_right"], 0.6) and math.isclose(load["share_too_much"], 0.2)


def test_is_course_feedback_per_item() -> None:
    answers = _rows("CF1", "paatos", [5, 5, 4, 3, 1])
    cf = course_feedback(answers, ["CF1"]).iloc[0]
    assert cf["n"] == 5 and math.isclose(cf["mean"], 3.6) and math.isclose(cf["share_1"], 0.2)


def test_are_cohorts_side_by_side_computed_like_their_own_pages() -> None:
    data = synthetic_cohorts(12, cohorts=("kevat27", "syksy27"))
    tables = context(data, Viewer(), b"k").tables
    side = tables.side_by_side.set_index("cohort")
    assert list(side.index) == ["kevat27", "syksy27"] and (side["participants"] == 12).all()
    for cohort, rows in tables.status.groupby("cohort"):
        expected = rows[rows["expected"]]
        assert math.isclose(side.loc[cohort, "submitted_rate"], expected["submitted"].mean())
        released = tables.turnaround[(tables.turnaround["cohort"] == cohort)]["hours"].dropna()
        assert math.isclose(side.loc[cohort, "median_turnaround_hours"], released.median())
