"""Where each participant stands in each week: the one participant x week status model.

``valmennus status``, ``valmennus export``, ``valmennus remind`` and the dashboards are all views of
``participant_weeks``, so "submitted", "graded", "late" or "missing" can never mean two things. It is a
pure function of the tidy tables of ``records.sources`` (each with a ``cohort`` column, so several
cohorts go through the same code side by side); ``course_weeks`` is the same for one course's
``CourseTables``. One pass of merges for all weeks at once: the dashboards pay for it on every view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import reduce

import numpy as np
import pandas as pd

from ..course.schedule import Week
from .sources import INBOUND_COLUMNS, CourseTables

WEEK_COLUMNS = ["cohort", "week", "order", "release", "due"]
STATUS_COLUMNS = ["cohort", "participant", "week", "order", "submitted", "submitted_at", "graded", "completion",
                  "completion_max", "task_mark", "complete", "feedback_generated", "feedback_released",
                  "released_at", "due", "late", "expected", "state"]
# The states of one participant's week, least advanced first (see ``participant_weeks``).
STATES = ("open", "missing", "submitted", "graded", "feedback_waiting", "feedback_released")
# The states in which nothing of the week has been submitted anywhere: whom ``remind`` writes to.
NOT_SUBMITTED = ("open", "missing")
KEYS = ["cohort", "participant", "week"]


def _present(frame: pd.DataFrame, name: str, **stamps: tuple[str, str]) -> pd.DataFrame:
    """Per participant x week of ``frame``: a ``name`` flag (a row exists) and the aggregated time stamps.

    Presence is a flag of its own, not a time stamp that is there, because a submission can lack its
    time (no ``timestamp.txt``, a gradebook row without one) and still be a submission.
    """
    return frame.groupby(KEYS).agg(**stamps).assign(**{name: True})


def participant_weeks(people: pd.DataFrame, grades: pd.DataFrame, collected: pd.DataFrame,
                      feedback: pd.DataFrame, weeks: pd.DataFrame, as_of: pd.Timestamp,
                      inbound: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per cohort x participant x week (``STATUS_COLUMNS``), in course order.

    Everyone on the roster (``people``) or seen in any table of their cohort gets a row in every week
    of ``weeks`` (cohort, week, order, release, due). ``inbound`` holds submissions still waiting in the
    exchange (submitted, not yet collected); without it only collected or graded ones count.

    Columns: ``submitted`` the week is in the exchange's inbound, collected, or in the gradebook, and
    ``submitted_at`` its time (graded, else collected, else gradebook, else exchange); ``graded`` its
    completion cells have scores (not when autograde failed); ``completion`` the sum of those scores and
    ``completion_max`` the week's full marks (also for those without grades); ``task_mark`` the
    facilitator's mark on the task, NaN until given; ``complete`` graded with full completion marks;
    ``feedback_generated`` a feedback page exists; ``feedback_released`` it reached the exchange at
    ``released_at``; ``late`` submitted after ``due``.

    ``expected``: the week is expected of everyone once its due time has passed at ``as_of``, or once
    the cohort has moved on (someone submitted this week and someone a later one: a simulated cohort,
    a schedule edited late). A week nobody has submitted is not expected before its due time.

    ``state``, the most advanced that holds, from least to most advanced (``STATES``):

    - ``open``: nothing submitted, and the week is not expected yet;
    - ``missing``: nothing submitted, and the week is expected;
    - ``submitted``: in the exchange, collected or in the gradebook, but without completion scores yet
      (not autograded, or autograde failed);
    - ``graded``: autograded, no feedback page generated yet;
    - ``feedback_waiting``: the feedback page is generated but not released to the participant;
    - ``feedback_released``: the feedback page has reached the participant through the exchange.
    """
    if weeks.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    inbound = inbound if inbound is not None else pd.DataFrame(columns=["cohort", *INBOUND_COLUMNS])
    scored = grades[(grades["kind"] == "completion") & grades["score"].notna()]
    comp = scored.groupby(KEYS).agg(completion=("score", "sum"), completion_max=("max_score", "sum"),
                                   graded_at=("submitted_at", "max"))
    # min_count=1: a task nobody has marked yet stays NaN ("not yet"), not 0
    task = grades[grades["kind"] == "task"].groupby(KEYS)["score"].sum(min_count=1).rename("task_mark")
    recorded = _present(grades, "in_gradebook", recorded_at=("submitted_at", "max"))
    coll = _present(collected, "collected", collected_at=("submitted_at", "max"))
    waiting = _present(inbound, "in_exchange", inbound_at=("submitted_at", "max"))
    pages = _present(feedback, "feedback_generated", released_at=("released_at", "max"))
    full = (grades[grades["kind"] == "completion"].groupby(["cohort", "week", "grade_id"])["max_score"].max()
            .groupby(["cohort", "week"]).sum().rename("full_max"))

    ids = pd.concat([frame[["cohort", "participant"]] for frame in (people, grades, collected, inbound)])
    table = ids.drop_duplicates().merge(weeks[["cohort", "week", "order", "due"]], on="cohort").set_index(KEYS)
    for part in (comp, task, recorded, coll, waiting, pages):
        table = table.join(part)
    table = table.reset_index().merge(full.reset_index(), on=["cohort", "week"], how="left")
    if table.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    flags = ["in_gradebook", "collected", "in_exchange", "feedback_generated"]
    table[flags] = table[flags].notna()
    table["graded"] = table["completion_max"].notna()
    stamps = [pd.to_datetime(table[c], utc=True) for c in ("graded_at", "collected_at", "recorded_at", "inbound_at")]
    table["submitted_at"] = reduce(pd.Series.combine_first, stamps)
    table["submitted"] = table["in_gradebook"] | table["collected"] | table["in_exchange"]
    table["feedback_released"] = table["released_at"].notna()
    table["completion_max"] = table["completion_max"].fillna(table["full_max"])
    table["completion"] = table["completion"].fillna(0.0)
    table["complete"] = table["graded"] & (table["completion"] >= table["completion_max"])

    due = pd.to_datetime(table["due"], utc=True)
    table["late"] = (table["submitted"] & (table["submitted_at"] > due)).astype(bool)
    table["expected"] = (due < as_of).to_numpy(dtype=bool) | _moved_on(table)
    table["state"] = pd.Series(np.select(
        [table["feedback_released"], table["feedback_generated"], table["graded"], table["submitted"],
         table["expected"]],
        ["feedback_released", "feedback_waiting", "graded", "submitted", "missing"], default="open"),
        index=table.index, dtype=object)
    return table.sort_values(["cohort", "order", "participant"]).reset_index(drop=True)[STATUS_COLUMNS]


def _moved_on(table: pd.DataFrame) -> np.ndarray:
    """Per row: someone of the cohort submitted this week and someone a later week."""
    used = table.loc[table["submitted"], ["cohort", "order"]].drop_duplicates()
    latest = table["cohort"].map(used.groupby("cohort")["order"].max()).fillna(-1)
    was_used = table.set_index(["cohort", "order"]).index.isin(pd.MultiIndex.from_frame(used))
    return was_used & (table["order"] < latest).to_numpy()


def course_weeks(tables: CourseTables, weeks: pd.DataFrame, as_of: pd.Timestamp,
                 inbound: pd.DataFrame | None = None, cohort: str = "") -> pd.DataFrame:
    """``participant_weeks`` of one course's ``CourseTables``, every row of cohort ``cohort``."""
    frames = [frame.assign(cohort=cohort) for frame in (tables.participants, tables.grades, tables.collected,
                                                        tables.feedback, weeks)]
    return participant_weeks(*frames, as_of, None if inbound is None else inbound.assign(cohort=cohort))


def _week_key(week: str) -> tuple[int, int, str]:
    """Without a schedule: numbered weeks by number (viikko0, viikko1, ... viikko10), then the rest."""
    digits = re.search(r"(\d+)$", week)
    return (0, int(digits.group(1)), week) if digits else (1, 0, week)


def week_table(schedule: Sequence[Week], others: Iterable[str] = (), cohort: str = "") -> pd.DataFrame:
    """``WEEK_COLUMNS`` of a course: its scheduled weeks in order, then ``others`` (no release or due).

    Course order matters: ``expected`` reads it ("the cohort has moved on") and a week's place is its
    ``order``. Weeks not in the schedule come after it, numbered ones by number.
    """
    rows = [(cohort, w.id, w.release, w.due) for w in schedule]
    known = {row[1] for row in rows}
    rows += [(cohort, w, pd.NaT, pd.NaT) for w in sorted(set(others) - known, key=_week_key)]
    frame = pd.DataFrame(rows, columns=["cohort", "week", "release", "due"])
    frame["order"] = range(len(frame))
    for column in ("release", "due"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame[WEEK_COLUMNS]


def week_summary(rows: pd.DataFrame) -> dict[str, int]:
    """Counts of one week's rows for a headline: on the roster, submitted, graded, complete, feedback."""
    return {"participants": int(len(rows)), "submitted": int(rows["submitted"].sum()),
            "graded": int(rows["graded"].sum()), "complete": int(rows["complete"].sum()),
            "feedback_released": int(rows["feedback_released"].sum())}
