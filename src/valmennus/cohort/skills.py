"""Skills at the start and at the end: the same survey items (same ids) in the baseline and closing weeks.

Only participants who answered an item both times count for it (a change needs two points), and
"can't say" is no number: it is left out of every mean and counted on its own. The spread is shown
with the mean (quartiles of the change; shares that rose, stayed, fell), because a mean of +0.3 can
be everyone a little or a few a lot. Groups: DigComp areas 1-5 (each participant's mean over the
area's items first, then the cohort), and the constructs of ``SCALE_CONSTRUCTS``; readiness rulers
(0-10) by item. Every aggregate of fewer than 5 people is blanked (``privacy.suppress_small``).
"""

from __future__ import annotations

import pandas as pd

from ..items import CANT_SAY, Item, item_group
from ..kinds import kind
from .privacy import suppress_small

SCALE_CONSTRUCTS = ("digital_courage", "mi", "ethics")
RULER_CONSTRUCTS = ("readiness",)
NOT_SKILLS = ("pulse", "course_feedback")
PREPOST_COLUMNS = ["cohort", "participant", "item", "construct", "group", "before", "after", "change"]
CHANGE_COLUMNS = ["n", "before_mean", "after_mean", "change_mean", "change_q1", "change_median", "change_q3",
                  "rose", "same", "fell"]
CANT_SAY_COLUMNS = ["cohort", "item", "week", "cant_say"]


def survey_items(bank: dict[str, Item], baseline: str, closing: str) -> dict[str, Item]:
    """Items asked in both the baseline and the closing week with a number for an answer.

    The weekly pulse is asked in those weeks too, but it is about the week, not a skill: left out.
    """
    return {i.id: i for i in bank.values()
            if baseline in i.weeks and closing in i.weeks and kind(i.kind).compares_over_time
            and not i.construct.startswith(NOT_SKILLS)}


def prepost(answers: pd.DataFrame, items: dict[str, Item], baseline: str, closing: str) -> pd.DataFrame:
    """One row per cohort x participant x item answered with a number in both weeks: before, after, change."""
    numeric = answers[answers["item"].isin(list(items)) & answers["value"].notna()
                      & answers["week"].isin([baseline, closing])]
    wide = numeric.pivot_table(index=["cohort", "participant", "item"], columns="week", values="value",
                               aggfunc="first")
    if wide.empty or baseline not in wide.columns or closing not in wide.columns:
        return pd.DataFrame(columns=PREPOST_COLUMNS)
    wide = wide.dropna(subset=[baseline, closing]).reset_index()
    out = pd.DataFrame({"cohort": wide["cohort"], "participant": wide["participant"], "item": wide["item"],
                        "construct": wide["item"].map(lambda i: items[i].construct),
                        "group": wide["item"].map(lambda i: item_group(items[i])),
                        "before": wide[baseline].astype(float), "after": wide[closing].astype(float)})
    out["change"] = out["after"] - out["before"]
    return out[PREPOST_COLUMNS].reset_index(drop=True)


def describe_change(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per ``keys``: n, means before/after/change, quartiles of the change, shares that rose/stayed/fell."""
    if frame.empty:
        return pd.DataFrame(columns=[*keys, *CHANGE_COLUMNS, "suppressed"])
    frame = frame.assign(rose=frame["change"] > 0, same=frame["change"] == 0, fell=frame["change"] < 0)
    grouped = frame.groupby(keys, sort=True)
    out = grouped.agg(n=("change", "size"), before_mean=("before", "mean"), after_mean=("after", "mean"),
                      change_mean=("change", "mean"), rose=("rose", "mean"), same=("same", "mean"),
                      fell=("fell", "mean"))
    quartiles = grouped["change"].quantile([0.25, 0.5, 0.75]).unstack()
    quartiles.columns = ["change_q1", "change_median", "change_q3"]
    out = out.join(quartiles).reset_index()[[*keys, *CHANGE_COLUMNS]]
    return suppress_small(out, CHANGE_COLUMNS[1:])


def change_by_item(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per cohort x item (with its construct and group), among those who answered it both times."""
    return describe_change(pairs, ["cohort", "group", "construct", "item"])


def participant_means(pairs: pd.DataFrame, groups: list[str] | None = None) -> pd.DataFrame:
    """Each participant's mean before and after over the items of a group they answered both times."""
    chosen = pairs if groups is None else pairs[pairs["group"].isin(groups)]
    means = chosen.groupby(["cohort", "group", "participant"], sort=True)[["before", "after"]].mean().reset_index()
    means["change"] = means["after"] - means["before"]
    return means


def change_by_group(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per cohort x DigComp area or construct: the distribution of participants' mean change.

    Rulers are left out (0-10, not 1-5: by item in ``change_by_item``).
    """
    scales = pairs[~pairs["construct"].isin(RULER_CONSTRUCTS)]
    return describe_change(participant_means(scales), ["cohort", "group"])


def cant_say_counts(answers: pd.DataFrame, items: dict[str, Item]) -> pd.DataFrame:
    """How many chose "can't say", per cohort x item x week (left out of the means, so told here)."""
    chosen = answers[answers["item"].isin(list(items)) & (answers["option"] == CANT_SAY)]
    return chosen.groupby(["cohort", "item", "week"]).size().rename("cant_say").reset_index()[CANT_SAY_COLUMNS]
