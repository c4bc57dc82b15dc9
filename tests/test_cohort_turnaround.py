"""valmennus.cohort.turnaround: hours from submission to released feedback, per week and facilitator."""

from __future__ import annotations

import pandas as pd

from valmennus.cohort.cohorts import PEOPLE_COLUMNS
from valmennus.cohort.turnaround import by_facilitator, by_week, turnarounds

T0 = pd.Timestamp("2027-01-12 08:00", tz="UTC")


def _status(hours: list[float | None], week: str = "viikko1") -> pd.DataFrame:
    rows = []
    for k, h in enumerate(hours):
        released = pd.NaT if h is None else T0 + pd.Timedelta(hours=h)
        rows.append({"cohort": "k", "participant": f"p{k}", "week": week, "order": 1, "submitted": True,
                     "submitted_at": T0, "released_at": released})
    return pd.DataFrame(rows)


def _people(n: int, facilitator: str = "ohjaaja-a") -> pd.DataFrame:
    return pd.DataFrame([("k", f"p{k}", "", "", facilitator) for k in range(n)], columns=PEOPLE_COLUMNS)


def test_are_hours_counted_from_submission_to_release() -> None:
    rows = turnarounds(_status([24, 48, None]), _people(3))
    assert rows["hours"].tolist()[:2] == [24.0, 48.0] and pd.isna(rows["hours"].iloc[2])


def test_is_a_release_before_its_submission_no_measurement() -> None:
    assert pd.isna(turnarounds(_status([-3]), _people(1))["hours"].iloc[0])


def test_does_the_week_table_give_median_slowest_and_waiting() -> None:
    rows = turnarounds(_status([10, 20, 30, 40, 100, None]), _people(6))
    week = by_week(rows, T0 + pd.Timedelta(hours=200)).iloc[0]
    assert (week["n"], week["median_hours"], week["slowest_hours"]) == (5, 30.0, 100.0)
    assert week["waiting"] == 1 and week["oldest_waiting_hours"] == 200.0


def test_is_an_unassigned_participant_under_unknown_and_a_small_facilitator_not_shown() -> None:
    people = pd.concat([_people(5), pd.DataFrame([("k", "p5", "", "", "ohjaaja-b")], columns=PEOPLE_COLUMNS)])
    rows = turnarounds(_status([10, 20, 30, 40, 50, 60, 70]), people)
    table = by_facilitator(rows, T0).set_index("facilitator")
    assert table.loc["ohjaaja-a", "median_hours"] == 30.0
    assert table.loc["ohjaaja-b", "suppressed"] and pd.isna(table.loc["ohjaaja-b", "median_hours"])
    assert table.loc["", "n"] == 1  # p6 is not on the roster
