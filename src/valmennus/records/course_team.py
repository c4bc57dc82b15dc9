"""What the course team reads of the answers given for it without names (``wall.feedback``): the reader the
reporting store's sync and the wall service's page share.

The answers for the course team (items ``anonymous: true``: the closing course feedback, the pulse's free
comments) are never in a submitted answers file (``valmennus.anonymous``), so ``sources.read_answers`` and
``store.read_comments`` no longer find them; they are in the walls' database without any participant.
Here they become the same two frames those readers give, so the dashboards need nothing new:

* ``read_answers(course)``: numbers and option ids only (each kind's ``numbers``, as ``sources.read_answers``),
  columns ``ANSWER_COLUMNS`` without ``cohort``, the ``participant`` column empty (there is none to give);
  only a week's item that at least ``MIN_GROUP`` answered.
* ``read_comments(course)``: the free texts, ``store.COMMENT_COLUMNS`` (week, item, text), sorted by text,
  only a week's item that at least ``MIN_GROUP`` wrote.

For the store's sync (``records/store.py`` ``course_frames``), the answers frame is added to the folder
reader's and the comments frame replaces ``store.read_comments``'s (``frames``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from ..course.settings import CourseSettings
from ..items import bank
from ..kinds import kind
from ..wall.feedback import FeedbackStore
from ..wall.store import WallStore, cohort_of, wall_url
from .sources import ANSWER_COLUMNS

#: Nothing of a week's item with fewer respondents is read (the dashboards' small-group rule).
MIN_GROUP = 5
COMMENT_COLUMNS = ["week", "item", "text"]
NUMBER_COLUMNS = [c for c in ANSWER_COLUMNS if c != "cohort"]


def _rows(course: CourseSettings, store: FeedbackStore | None) -> list[tuple[str, str, Any]]:
    own = store is None
    store = store or FeedbackStore(WallStore(wall_url(course)))
    try:
        rows = store.answer_rows(cohort_of(course))
    finally:
        if own:
            store.engine.dispose()
    counts = Counter((week, item) for week, item, _ in rows)
    return [row for row in rows if counts[(row[0], row[1])] >= MIN_GROUP]


def read_answers(course: CourseSettings, store: FeedbackStore | None = None) -> pd.DataFrame:
    """The anonymous answers as numbers (see the module doc); texts never leave this function."""
    items = bank()
    out = []
    for week, item_id, value in _rows(course, store):
        item = items.get(item_id)
        if item is None or item.kind == "text":
            continue
        out.extend(("", week, item_id, number, option) for number, option in kind(item.kind).numbers(item, value))
    frame = pd.DataFrame(out, columns=NUMBER_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    return frame


def read_comments(course: CourseSettings, store: FeedbackStore | None = None) -> pd.DataFrame:
    """The anonymous free texts: week, item, text, sorted by text; never a week's item under ``MIN_GROUP``."""
    items = bank()
    rows = [(week, item_id, value) for week, item_id, value in _rows(course, store)
            if items.get(item_id) is not None and items[item_id].kind == "text" and isinstance(value, str)]
    return pd.DataFrame(sorted(rows), columns=COMMENT_COLUMNS)


def frames(course: CourseSettings, store: FeedbackStore | None = None) -> dict[str, pd.DataFrame]:
    """``{"answers": ..., "comments": ...}`` for the reporting store's sync."""
    return {"answers": read_answers(course, store), "comments": read_comments(course, store)}
