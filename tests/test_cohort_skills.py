"""valmennus.cohort.skills: baseline vs closing by the same item ids, only pairs, spread as well as mean."""

from __future__ import annotations

import math

import pandas as pd

from valmennus.cohort.skills import (
    cant_say_counts,
    change_by_group,
    change_by_item,
    item_group,
    prepost,
    survey_items,
)
from valmennus.items import bank, get
from valmennus.records.sources import ANSWER_COLUMNS

ITEMS = survey_items(bank(), "viikko0", "paatos")


def _answers(rows: list[tuple[str, str, str, float | None, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame([("k", p, w, i, float("nan") if v is None else v, o) for p, w, i, v, o in rows],
                         columns=ANSWER_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    return frame


def test_are_the_survey_items_those_asked_at_both_ends() -> None:
    assert {"DC11", "DCR1", "MI1", "ETH1", "RR1"} <= set(ITEMS)
    assert "W1_SA1" not in ITEMS and "PULSE_USE" not in ITEMS
    assert item_group(get("DC23")) == "digcomp-2" and item_group(get("DCR1")) == "digital_courage"


def test_does_only_someone_with_both_answers_count() -> None:
    answers = _answers([("a", "viikko0", "DC11", 2, None), ("a", "paatos", "DC11", 4, None),
                        ("b", "viikko0", "DC11", 3, None),  # no closing answer
                        ("c", "viikko0", "DC11", None, "cant_say"), ("c", "paatos", "DC11", 5, None)])
    pairs = prepost(answers, ITEMS, "viikko0", "paatos")
    assert pairs[["participant", "before", "after", "change"]].values.tolist() == [["a", 2.0, 4.0, 2.0]]


def test_is_cant_say_counted_apart_and_left_out_of_means() -> None:
    answers = _answers([("c", "viikko0", "DC11", None, "cant_say"), ("d", "paatos", "DC11", None, "cant_say"),
                        ("e", "paatos", "DC11", 3, None)])
    counts = cant_say_counts(answers, ITEMS)
    assert counts[["item", "week", "cant_say"]].values.tolist() == [["DC11", "paatos", 1], ["DC11", "viikko0", 1]]


def _five_people() -> pd.DataFrame:
    rows = []
    for k, (before, after) in enumerate([(2, 3), (2, 2), (3, 5), (4, 3), (1, 4)]):
        for item in ("DC11", "DC12"):  # both area 1
            rows += [(f"p{k}", "viikko0", item, before, None), (f"p{k}", "paatos", item, after, None)]
        rows += [(f"p{k}", "viikko0", "RR1", 5, None), (f"p{k}", "paatos", "RR1", 5 + k, None)]
    return _answers(rows)


def test_does_the_area_table_show_the_spread_of_participants_change() -> None:
    pairs = prepost(_five_people(), ITEMS, "viikko0", "paatos")
    area = change_by_group(pairs).set_index("group").loc["digcomp-1"]
    assert area["n"] == 5 and not area["suppressed"]
    assert math.isclose(area["change_mean"], (1 + 0 + 2 - 1 + 3) / 5)
    assert (area["change_q1"], area["change_median"], area["change_q3"]) == (0.0, 1.0, 2.0)
    assert (area["rose"], area["same"], area["fell"]) == (0.6, 0.2, 0.2)
    assert "readiness" not in set(change_by_group(pairs)["group"])  # 0-10 rulers are not mixed with 1-5


def test_is_a_ruler_compared_by_its_score() -> None:
    pairs = prepost(_five_people(), ITEMS, "viikko0", "paatos")
    ruler = change_by_item(pairs).set_index("item").loc["RR1"]
    assert ruler["n"] == 5 and ruler["change_median"] == 2.0 and ruler["before_mean"] == 5.0
