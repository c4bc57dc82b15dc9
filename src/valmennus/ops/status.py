"""Where every participant stands in every week: the facilitator's ``valmennus status`` grid.

``course_status`` reads a course into the one participant x week status model (``records.status``):
the gradebook, collected submissions and feedback pages (``read_course``), submissions still waiting
in the exchange (``read_inbound``), and due times from ``schedule.yaml``. ``export`` and ``remind``
read the course through it too, so the grid, the spreadsheet and the reminders agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..course.schedule import load_schedule
from ..course.settings import CourseSettings
from ..records.sources import CourseTables, read_course, read_inbound
from ..records.status import course_weeks, week_table


def course_status(course: CourseSettings, tables: CourseTables | None = None, weeks: Iterable[str] = (),
                  now: pd.Timestamp | None = None, inbound: bool = True) -> pd.DataFrame:
    """``records.status.STATUS_COLUMNS`` rows of ``course`` at ``now`` (default: the clock).

    Every week of the schedule, of ``source/``, of ``weeks`` and of the records gets rows, in course
    order, so "the cohort has moved on" sees all of them even when one week is asked for. ``tables``
    saves a second read when the caller has them; ``inbound=False`` skips the exchange listing (it
    imports nbgrader), for callers who only care about collected work.
    """
    tables = tables if tables is not None else read_course(course)
    waiting = read_inbound(course) if inbound else None
    seen = {*weeks, *course.weeks(), *(week for frame in (tables.grades, tables.collected, tables.feedback)
                                       for week in frame["week"])}
    if waiting is not None:
        seen |= set(waiting["week"])
    as_of = now if now is not None else pd.Timestamp.now(tz="UTC")
    return course_weeks(tables, week_table(load_schedule(course.root), seen), as_of, waiting,
                        cohort=course.root.name)


def status_grid(course: CourseSettings, weeks: list[str], now: pd.Timestamp | None = None) -> pd.DataFrame:
    """Rows participants, columns ``weeks``, cells one of ``records.status.STATES`` at ``now``."""
    status = course_status(course, weeks=weeks, now=now)
    chosen = status[status["week"].isin(weeks)]
    grid = chosen.pivot(index="participant", columns="week", values="state").reindex(columns=weeks)
    grid.columns.name = None
    return grid.sort_index()
