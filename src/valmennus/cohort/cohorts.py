"""Which courses a dashboard shows, and everything it needs from them as tidy tables with a ``cohort`` column.

The one place that knows where dashboards look: the option ``Dashboards.courses`` (in nbgrader_config.py,
or ``VALMENNUS_COURSES`` from a hub: course directories separated by ``os.pathsep``), else the course in
use (``VALMENNUS_COURSE`` or the nearest course folder upwards: ``find_course``).
A cohort is named by its course directory's name.

The dashboards read only the reporting store (``records/store.py``), never the course's folders or its
gradebook: ``load_cohorts`` asks each course where its store is (``ReportingStore.url``, else the
gradebook's PostgreSQL database or ``reporting.db`` in the course folder) and reads it read-only (an
SQLite file opened with ``mode=ro``; on PostgreSQL the URL of the dashboards' process names a role that
has only ``SELECT``, ``store.grant_read_only``). Courses that share a store are read in one pass.
``load_from_folders`` is the folder-based reading the store replaced, kept for the test that keeps
both equal (``tests/test_cohort_store.py``). Computing is in the pure modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..course.schedule import load_schedule
from ..course.settings import CourseNotFound, CourseSettings, find_course
from ..options import Dashboards, ReportingStore, configured
from ..records import course_team, store
from ..records.sources import (
    ANSWER_COLUMNS,
    ROSTER_COLUMNS,
    UNKNOWN_FACILITATOR,
    read_answers,
    read_collected,
    read_feedback,
    read_roster,
)
from ..records.status import WEEK_COLUMNS, week_table
from .gradebook_sql import read_gradebook_fast

PEOPLE_COLUMNS = ["cohort", "participant", "first_name", "last_name", "facilitator"]


def course_dirs() -> list[Path]:
    """The course directories to show, from the options (see the module's docstring)."""
    listed = [p for p in configured(Dashboards).courses if p.strip()]
    if listed:
        return [Path(p).expanduser().resolve() for p in listed]
    return [find_course()]


@dataclass
class CohortData:
    """Every source table of one or more cohorts, each with a ``cohort`` column."""

    people: pd.DataFrame
    grades: pd.DataFrame
    collected: pd.DataFrame
    feedback: pd.DataFrame
    answers: pd.DataFrame
    weeks: pd.DataFrame
    as_of: pd.Timestamp
    names: list[str] = field(default_factory=list)
    #: cohort -> when its store was last synced (None: never); empty when read from the folders
    synced: dict[str, pd.Timestamp | None] = field(default_factory=dict)
    #: the course team's comments without names (cohort, week, item, text: ``store.read_comments``);
    #: read only for the page that shows them
    comments: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["cohort", *store.COMMENT_COLUMNS]))
    #: when the stores were read (the pages say it: a pre-heated kernel builds its page before anyone
    #: asks, ``dashboard.prepare``); None when read from the folders
    read_at: datetime | None = None


def people_of(cohort: str, gradebook_people: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    """Everyone in the gradebook or the roster; names and facilitator from the roster when it has them."""
    merged = gradebook_people.merge(roster, on="participant", how="outer", suffixes=("_gb", ""))
    for column in ("first_name", "last_name"):
        gb = merged.get(f"{column}_gb", pd.Series(index=merged.index, dtype=object))
        merged[column] = merged[column].where(merged[column].fillna("") != "", gb).fillna("")
    merged["facilitator"] = merged["facilitator"].fillna(UNKNOWN_FACILITATOR)
    merged.insert(0, "cohort", cohort)
    return merged[PEOPLE_COLUMNS].sort_values("participant").reset_index(drop=True)


def weeks_of(cohort: str, course: CourseSettings, seen: set[str]) -> pd.DataFrame:
    """The course's weeks in course order (``schedule.yaml``), then any other week of ``source/`` or seen
    in its data: ``records.status.week_table``, the one week order of the status model.

    The first week is the baseline survey and the last the closing one, so the order matters: a
    course without a schedule gets numbered weeks first and the others (``paatos``) after them.
    """
    return week_table(load_schedule(course.root), set(course.weeks()) | seen, cohort=cohort)


def _with_cohort(frame: pd.DataFrame, cohort: str) -> pd.DataFrame:
    out = frame.copy()
    out.insert(0, "cohort", cohort)
    return out


def _as_of(tables: dict[str, pd.DataFrame], now: datetime | None) -> pd.Timestamp:
    """The later of now and the latest event in the data: a real course never has events in the future,
    a simulated one does, and its weeks should then count as past."""
    moments = [pd.Timestamp(now or datetime.now(UTC))]
    for key, column in (("collected", "submitted_at"), ("feedback", "released_at"), ("grades", "submitted_at")):
        if len(tables[key]) and tables[key][column].notna().any():
            moments.append(pd.to_datetime(tables[key][column], utc=True).max())
    return max(moments)


def store_of(folder: Path) -> tuple[str, str]:
    """(URL, schema) of the reporting store of the course in ``folder``, as the dashboards open it
    (read-only where the URL can say so: ``store.read_only_url``).

    A dashboard process that cannot read the course folder at all (a hub service reading only the
    database) names the store itself: ``ReportingStore.url`` (``VALMENNUS_REPORTING_URL``); the folder
    then only names the cohort."""
    try:
        course = CourseSettings.load(folder)
    except (CourseNotFound, OSError):
        options = configured(ReportingStore, folder)
        if not options.url.strip():
            raise
        return store.read_only_url(options.url.strip()), options.schema
    return store.read_only_url(store.store_url(course)), store.store_schema(course)


def load_cohorts(dirs: list[Path] | None = None, answers: bool = True,
                 now: datetime | None = None, comments: bool = False) -> CohortData:
    """The courses of ``dirs`` (default ``course_dirs()``) from their reporting stores. ``answers=False``
    leaves the answers out (the biggest table; only the skills, pulse and comparison pages need it);
    ``comments=True`` reads the course team's comments too (only their page shows them).

    A course whose store has never been synced reads as empty (its ``synced`` is None, and the pages
    say so). ``as_of`` is the later of now and the latest event in the data (``_as_of``).
    """
    read_at = datetime.now(UTC)
    folders = [Path(d).expanduser().resolve() for d in (dirs if dirs is not None else course_dirs())]
    names = [f.name for f in folders]
    by_store: dict[tuple[str, str], list[str]] = {}
    for folder, name in zip(folders, names, strict=True):
        by_store.setdefault(store_of(folder), []).append(name)
    skipped = {"graded"} | ({"answers"} if not answers else set()) | ({"comments"} if not comments else set())
    wanted = [f for f in store.FRAMES if f not in skipped]  # ``graded``: no page shows it yet
    read = [store.read(url, cohorts, schema, frames=wanted) for (url, schema), cohorts in by_store.items()]

    def joined(name: str) -> pd.DataFrame:
        frames = [getattr(r, name) for r in read]
        frames = [f for f in frames if len(f)] or frames[:1]
        return pd.concat(frames, ignore_index=True)

    synced = joined("synced")
    stamps = dict(zip(synced["cohort"], synced["synced_at"], strict=True))
    people = people_from_store(joined("participants"), joined("roster"))
    weeks = joined("weeks")[WEEK_COLUMNS]
    tables = {"people": people, "grades": joined("grades"), "collected": joined("collected"),
              "feedback": joined("feedback"), "weeks": weeks,
              "answers": joined("answers")[ANSWER_COLUMNS] if answers else pd.DataFrame(columns=ANSWER_COLUMNS)}
    return CohortData(as_of=_as_of(tables, now), names=names, synced={n: stamps.get(n) for n in names},
                      comments=joined("comments"), read_at=read_at, **tables)


def people_from_store(participants: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    """``people_of`` for the store's participants and roster of every cohort at once."""
    parts = []
    for cohort in sorted(set(participants["cohort"]) | set(roster["cohort"])):
        gb = participants[participants["cohort"] == cohort].drop(columns="cohort")
        listed = roster[roster["cohort"] == cohort].drop(columns="cohort")[ROSTER_COLUMNS]
        parts.append(people_of(cohort, gb, listed))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PEOPLE_COLUMNS)


def load_from_folders(dirs: list[Path] | None = None, answers: bool = True,
                      now: datetime | None = None) -> CohortData:
    """The same tables read from the course folders and the gradebook (what the dashboards read before
    the store): for the test that keeps the store equal to them; the dashboards never call it."""
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in ("people", "grades", "collected", "feedback",
                                                            "answers", "weeks")}
    names = []
    for folder in dirs if dirs is not None else course_dirs():
        course = CourseSettings.load(folder)
        name = course.root.name
        names.append(name)
        gb_people, grades = read_gradebook_fast(course)
        collected, feedback = read_collected(course), read_feedback(course)
        parts["people"].append(people_of(name, gb_people, read_roster(course)))
        parts["grades"].append(_with_cohort(grades, name))
        parts["collected"].append(_with_cohort(collected, name))
        parts["feedback"].append(_with_cohort(feedback, name))
        parts["answers"].append(read_answers(course, name) if answers else pd.DataFrame(columns=ANSWER_COLUMNS))
        if answers:  # the course team's answers, without names, from the walls' database (records.course_team)
            parts["answers"].append(course_team.read_answers(course).assign(cohort=name)[ANSWER_COLUMNS])
        seen = set(grades["week"]) | set(collected["week"]) | set(feedback["week"])
        parts["weeks"].append(weeks_of(name, course, seen))
    tables = {k: (pd.concat(v, ignore_index=True) if v else pd.DataFrame()) for k, v in parts.items()}
    return CohortData(as_of=_as_of(tables, now), names=names, **tables)
