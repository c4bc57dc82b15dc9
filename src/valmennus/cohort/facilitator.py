"""The facilitator's own view (issues 14, 16 §4, 17): their own participants by name, who is behind, what
awaits their feedback and for how long, and the week-0 needs survey of their group.

Who the facilitator is (``facilitator_viewer``): the name given by the caller (the hub's dashboard service
passes the user it has authenticated), else the option ``Dashboards.facilitator``
(``VALMENNUS_FACILITATOR``: the demo, or a hub that sets it for a facilitator's server), else
``JUPYTERHUB_USER`` (Voilà inside a hub user's own server: the server's owner). That name is matched
with roster.csv's ``facilitator`` column, and only those participants appear: a coordinator, a
participant or another coach gets an empty page, never someone else's people. Nobody named at all:
the page says it is for facilitators and shows nothing.

Pure pandas on the dashboards' tables (``records.status`` rows, ``CohortData.people`` and answers as
numbers), unit-tested on ``synthetic`` frames. The needs summary counts option ids only (the store has
no free text) and, like every aggregate of answers, is blanked under ``privacy.MIN_GROUP`` respondents.
"""

from __future__ import annotations

import os

import pandas as pd

from ..items import Item
from ..options import Dashboards, configured
from .privacy import FACILITATOR, MIN_GROUP, Viewer

OVERVIEW_COLUMNS = ["cohort", "participant", "name", "expected", "submitted", "weeks_behind", "missing_weeks",
                    "last_week", "last_submitted_at"]
WAITING_COLUMNS = ["cohort", "participant", "name", "week", "order", "state", "submitted_at", "waiting_hours"]
NEEDS_COLUMNS = ["cohort", "item", "option", "chosen", "n", "share", "suppressed"]
#: The week-0 items the summary counts: what participants want to learn, how they like to take part,
#: and when reminders suit them (``construct: needs`` items of a kind with options).
NEEDS_KINDS = ("checklist", "choice")


def facilitator_viewer(name: str | None = None) -> Viewer:
    """The facilitator looking at the page (see the module's docstring); a coordinator (sees nothing
    here) when no name is known."""
    who = (name or configured(Dashboards).facilitator or os.environ.get("JUPYTERHUB_USER", "")).strip()
    return Viewer(FACILITATOR, who) if who else Viewer()


def own_people(people: pd.DataFrame, viewer: Viewer) -> pd.DataFrame:
    """The viewer's own participants (``people`` columns and ``name``): nobody for anyone but a named
    facilitator, and only the rows whose roster facilitator is exactly theirs."""
    own = people[people["facilitator"].fillna("").map(viewer.may_see_name).astype(bool)].copy()
    own["name"] = (own["first_name"].fillna("").astype(str) + " " + own["last_name"].fillna("").astype(str)).str.strip()
    own["name"] = own["name"].where(own["name"] != "", own["participant"])
    return own.sort_values(["cohort", "name", "participant"]).reset_index(drop=True)


def _own_rows(frame: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    return frame.merge(own[["cohort", "participant", "name"]], on=["cohort", "participant"], how="inner")


def overview(status: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    """One row per own participant: weeks expected so far, submitted of those, how many expected weeks
    are missing (and which), the last week submitted and when. Most behind first."""
    if own.empty:
        return pd.DataFrame(columns=OVERVIEW_COLUMNS)
    rows = _own_rows(status, own).sort_values("order")
    keys = ["cohort", "participant"]
    per = own[[*keys, "name"]].set_index(keys)
    expected = rows[rows["expected"]]
    per["expected"] = expected.groupby(keys).size()
    per["submitted"] = expected[expected["submitted"].astype(bool)].groupby(keys).size()
    missing = rows[rows["state"] == "missing"]
    per["weeks_behind"] = missing.groupby(keys).size()
    per["missing_weeks"] = missing.groupby(keys)["week"].agg(", ".join)
    done = rows[rows["submitted"].astype(bool)]
    per["last_week"] = done.groupby(keys)["week"].last()
    per["last_submitted_at"] = done.groupby(keys)["submitted_at"].max()
    for column in ("expected", "submitted", "weeks_behind"):
        per[column] = per[column].fillna(0).astype(int)
    per["missing_weeks"] = per["missing_weeks"].fillna("")
    per["last_week"] = per["last_week"].fillna("")
    out = per.reset_index().sort_values(["weeks_behind", "cohort", "name"], ascending=[False, True, True])
    return out.reset_index(drop=True)[OVERVIEW_COLUMNS]


def awaiting_feedback(status: pd.DataFrame, own: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Own participants' submissions whose feedback is not released yet, the longest waiting first:
    state (collected, graded, feedback generated but not released) and hours since submission."""
    if own.empty or status.empty:
        return pd.DataFrame(columns=WAITING_COLUMNS)
    rows = _own_rows(status, own)
    rows = rows[rows["submitted"].astype(bool) & ~rows["feedback_released"].astype(bool)].copy()
    submitted = pd.to_datetime(rows["submitted_at"], utc=True)
    rows["waiting_hours"] = ((as_of - submitted).dt.total_seconds() / 3600).clip(lower=0)
    rows = rows.sort_values(["waiting_hours", "order"], ascending=[False, True], na_position="last")
    return rows.reset_index(drop=True)[WAITING_COLUMNS]


def needs_items(items: dict[str, Item], baseline: str) -> dict[str, Item]:
    """The needs-mapping items of the baseline week that have options (free texts are never read)."""
    return {i: item for i, item in items.items()
            if item.construct == "needs" and baseline in item.weeks and item.kind in NEEDS_KINDS}


def needs_summary(answers: pd.DataFrame, own: pd.DataFrame, weeks: pd.DataFrame,
                  items: dict[str, Item]) -> pd.DataFrame:
    """Per cohort, needs item and option: how many of the viewer's own participants chose it of ``n`` who
    answered the item in the cohort's first week (the baseline). Every option of the bank is listed (also
    those nobody chose); a cohort's item with fewer than ``MIN_GROUP`` respondents is blanked."""
    out = []
    for cohort, cohort_weeks in weeks.sort_values("order").groupby("cohort", sort=True):
        mine = own[own["cohort"] == cohort]
        if mine.empty or cohort_weeks.empty:
            continue
        baseline = cohort_weeks["week"].iloc[0]
        chosen = answers[(answers["cohort"] == cohort) & (answers["week"] == baseline)
                         & answers["participant"].isin(set(mine["participant"]))]
        for item_id, item in needs_items(items, baseline).items():
            rows = chosen[chosen["item"] == item_id]
            n = rows["participant"].nunique()
            counts = rows.groupby("option")["participant"].nunique()
            for option in item.options:
                count = int(counts.get(option.id, 0))
                out.append({"cohort": cohort, "item": item_id, "option": option.id, "chosen": count, "n": n,
                            "share": count / n if n else float("nan"), "suppressed": n < MIN_GROUP})
    frame = pd.DataFrame(out, columns=NEEDS_COLUMNS)
    small = frame["suppressed"].astype(bool)
    frame["chosen"] = frame["chosen"].astype(object).where(~small, None)
    frame["share"] = frame["share"].where(~small)
    return frame
