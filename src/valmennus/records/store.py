"""The reporting store: the course's records as database tables, for dashboards that cannot read the
course folder (a coordinator's server on the hub cannot read ``submitted/`` or ``feedback/``).

What it holds, one row set per course (``cohort``, the course folder's name, as the dashboards name it):
the gradebook's participants and graded cells (``grades``), the roster with coach (``facilitator``) and
small group, the course's weeks with release and due times, and per participant x week when the
submission was collected, autograded (``graded``), and when its feedback page was generated and
released; the answers only as numbers and option ids (``sources.read_answers``: never a participant's
words). ``read`` gives back the same tidy frames as the folder-based readers of ``records.sources``
(each with a ``cohort`` column first), so a dashboard can read only the store; a test keeps them equal
on a played course, on SQLite and PostgreSQL. Times are stored to the microsecond, in UTC.

Where: option ``ReportingStore.url`` (an SQLAlchemy URL); empty means the course's own gradebook
database when that is PostgreSQL, in a schema of its own (``ReportingStore.schema``, created if
missing), else an SQLite file ``reporting.db`` in the course folder (tables named with the schema as a
prefix, so even a store pointed at the gradebook's own file never meets nbgrader's tables). Several
courses can share one store: every row carries its cohort. ``grant_read_only`` gives a PostgreSQL role
``SELECT`` on the schema and nothing else (the dashboards' role).

Writing: ``sync(course)`` reads the course as the folder-based readers do and replaces that course's
rows in every table in one transaction, with its ``synced_at`` in ``courses``: a reader sees the
previous sync or this one, never half of one, and a second sync of an unchanged course changes nothing.

The one exception to "numbers only", ``comments``: the free comments that the items themselves address
to the course team (constructs ``COMMENT_CONSTRUCTS``: the weekly pulse's comment and its "what was it
like to be a client of this course" prompt, the closing course feedback's open questions), as their text
only: no participant, no time, rows in the order of the texts, and only where at least
``COMMENT_MIN_GROUP`` (5) participants of the cohort wrote one for that week and item (fewer: nothing
of it is written). Reflections, tasks, shared thoughts and every other text never reach the store.

How current it stays (the decision): the facilitator works through ``valmennus`` steps or through
formgrader's buttons, and the store must follow both.

- ``valmennus collect``, ``autograde`` and ``feedback`` (``ops/steps.py``, ``ops/autograde.py``) sync at
  the end of each step: after those steps the store is current at once. A failed sync is logged and
  never fails the step (the next sync repairs it).
- formgrader offers no hook for what it does: collecting and releasing feedback are exchange actions
  (no hook at all), manual marks and comments are written by its REST handlers straight into the
  gradebook (no hook), and nbgrader's one hook, the converters' ``post_convert_hook``, fires once per
  submission (a full sync after each of 30 submissions, run inside ``valmennus autograde``'s parallel
  workers too) and not for anything else. So a scheduled ``valmennus store sync`` (``sync`` called from
  the routine, or a cron / systemd timer) catches formgrader's work: the store is at most one interval
  behind it (every 10 minutes: at most 10 minutes). Feedback turnaround is counted in hours and days,
  so minutes of delay change no dashboard's reading.

A sync costs a read of the course (the gradebook through nbgrader's API, the folders, the answers
files) and one transaction: about a second for a 30-participant course, against the tens of seconds its
autograde takes (``benchmarks/store.py``).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime

import pandas as pd

from ..course.schedule import load_schedule
from ..course.settings import CourseSettings
from ..options import ReportingStore, configured
from . import course_team
from .sources import (
    ANSWER_COLUMNS,
    COLLECTED_COLUMNS,
    FEEDBACK_COLUMNS,
    GRADE_COLUMNS,
    PARTICIPANT_COLUMNS,
    ROSTER_COLUMNS,
    read_answers,
    read_collected,
    read_feedback,
    read_gradebook,
    read_roster,
)
from .status import WEEK_COLUMNS, week_table

log = logging.getLogger(__name__)

STORE_FILE = "reporting.db"
GRADED_COLUMNS = ["participant", "week", "graded_at"]
STORE_ROSTER_COLUMNS = [*ROSTER_COLUMNS, "small_group"]
#: roster.csv's column of the participant's small group, under any of these names.
SMALL_GROUP_HEADERS = ("small_group", "group", "pienryhma", "pienryhmä")
SYNCED_COLUMNS = ["cohort", "course_id", "synced_at"]
COMMENT_COLUMNS = course_team.COMMENT_COLUMNS  # one list: the course team's comments read the same
#: Items whose words are written for the course team (the item says so to the participant): the only
#: texts the store holds, without names (``read_comments``).
COMMENT_CONSTRUCTS = ("pulse_comment", "pulse_client", "course_feedback_text")
#: A week's comments on an item are kept only when at least this many participants of the cohort wrote
#: one (the dashboards' small-group rule, ``cohort.privacy.MIN_GROUP``, applied before anything is stored).
COMMENT_MIN_GROUP = course_team.MIN_GROUP
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# The tables, each a folder-based reader's frame (its columns after ``cohort``), so the store follows
# the readers; the frames' names are the fields of ``StoreTables``.
_COLUMNS: dict[str, list[str]] = {
    "participants": PARTICIPANT_COLUMNS, "roster": STORE_ROSTER_COLUMNS,
    "weeks": [c for c in WEEK_COLUMNS if c != "cohort"], "grades": GRADE_COLUMNS, "collected": COLLECTED_COLUMNS,
    "graded": GRADED_COLUMNS, "feedback": FEEDBACK_COLUMNS, "answers": [c for c in ANSWER_COLUMNS if c != "cohort"],
    "comments": COMMENT_COLUMNS,
}
_KINDS = {"score": "float", "max_score": "float", "value": "float", "order": "int", "release": "time", "due": "time"}
_TABLES: dict[str, list[tuple[str, str]]] = {
    name: [(c, _KINDS.get(c, "time" if c.endswith("_at") else "text")) for c in columns]
    for name, columns in _COLUMNS.items()}
# Column names in the database where a frame's name is an SQL keyword.
_DB_NAME = {"order": "week_order", "option": "option_id", "release": "release_at", "due": "due_at"}


@dataclass
class StoreTables:
    """Every table of the store as the folder-based readers give it, each with ``cohort`` first:
    ``participants`` (gradebook), ``roster`` (+ ``small_group``), ``weeks`` (``WEEK_COLUMNS``),
    ``grades``, ``collected``, ``graded``, ``feedback``, ``answers`` (numbers only), ``comments`` (the
    course team's comments without names: ``read_comments``), and ``synced``
    (cohort, course_id, synced_at: when each course was last written)."""

    participants: pd.DataFrame
    roster: pd.DataFrame
    weeks: pd.DataFrame
    grades: pd.DataFrame
    collected: pd.DataFrame
    graded: pd.DataFrame
    feedback: pd.DataFrame
    answers: pd.DataFrame
    comments: pd.DataFrame
    synced: pd.DataFrame


FRAMES = tuple(f.name for f in fields(StoreTables) if f.name != "synced")


# --- where ----------------------------------------------------------------------------------------

def store_url(course: CourseSettings) -> str:
    """The store of ``course``: ``ReportingStore.url``, else its gradebook's PostgreSQL database, else
    ``reporting.db`` in the course folder."""
    url = configured(ReportingStore, course.root).url.strip()
    if url:
        return url
    if course.db_url.startswith("postgresql"):
        return course.db_url
    return f"sqlite:///{course.root / STORE_FILE}"


def store_schema(course: CourseSettings | None = None) -> str:
    return configured(ReportingStore, None if course is None else course.root).schema


def _check_schema(schema: str) -> str:
    if not _IDENTIFIER.match(schema):
        raise ValueError(f"reporting schema {schema!r}: lower-case letters, digits and _ only")
    return schema


class _Layout:
    """The store's SQLAlchemy tables on one backend: a schema on PostgreSQL, a name prefix elsewhere."""

    def __init__(self, url: str, schema: str) -> None:
        from sqlalchemy import Column, DateTime, Float, Integer, MetaData, String, Table, Text

        self.url = url
        self.schema = _check_schema(schema)
        self.postgres = url.startswith("postgresql")
        self.prefix = "" if self.postgres else f"{self.schema}_"
        self.metadata = MetaData(schema=self.schema if self.postgres else None)
        types: dict[str, Callable[[], object]] = {"text": Text, "float": Float, "int": Integer,
                                                  "time": lambda: DateTime(timezone=True)}
        self.courses = Table(f"{self.prefix}courses", self.metadata, Column("cohort", String(200), primary_key=True),
                             Column("course_id", Text), Column("synced_at", DateTime(timezone=True), nullable=False))
        self.tables = {}
        for name, columns in _TABLES.items():
            cols = [Column(_DB_NAME.get(c, c), types[kind]()) for c, kind in columns]  # type: ignore[operator]
            self.tables[name] = Table(f"{self.prefix}{name}", self.metadata,
                                      Column("cohort", String(200), nullable=False), *cols)

    def qualified(self, name: str) -> str:
        table = f"{self.prefix}{name}"
        return f'"{self.schema}"."{table}"' if self.postgres else f'"{table}"'

    def create(self, conn: object) -> None:
        from sqlalchemy import text

        if self.postgres:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))  # type: ignore[attr-defined]
        self.metadata.create_all(conn, checkfirst=True)  # type: ignore[arg-type]


def _engine(url: str) -> object:
    from sqlalchemy import create_engine

    if url.startswith("sqlite"):
        return create_engine(url, connect_args={"timeout": 60})
    return create_engine(url)


# --- what a course holds ---------------------------------------------------------------------------

def read_graded(course: CourseSettings) -> pd.DataFrame:
    """When each submission was autograded: the latest graded notebook of ``autograded/<id>/<week>/``."""
    rows: dict[tuple[str, str], float] = {}
    for participant, week, notebook in course.find("autograded", "*.ipynb"):
        try:
            stamp = notebook.stat().st_mtime
        except OSError:
            continue
        rows[(participant, week)] = max(stamp, rows.get((participant, week), stamp))
    frame = pd.DataFrame([(p, w, s) for (p, w), s in rows.items()], columns=["participant", "week", "stamp"])
    frame["graded_at"] = pd.to_datetime(frame["stamp"], unit="s", utc=True)
    return frame[GRADED_COLUMNS]


def read_small_groups(course: CourseSettings) -> dict[str, str]:
    """Participant -> small group from roster.csv, when it has a small-group column (else empty)."""
    try:
        with (course.root / "roster.csv").open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = next((h for h in reader.fieldnames or () if h.strip().lower() in SMALL_GROUP_HEADERS), None)
            if header is None:
                return {}
            return {(row.get("id") or "").strip(): (row.get(header) or "").strip() for row in reader}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}


def read_comments(course: CourseSettings) -> pd.DataFrame:
    """The comments addressed to the course team (``COMMENT_CONSTRUCTS``) of the collected answers files:
    week, item and text, without who wrote them, sorted by text, and only where at least
    ``COMMENT_MIN_GROUP`` participants wrote one for that week and item."""
    from ..answers import SUFFIX, read_values
    from ..items import bank

    items = {i for i, item in bank().items() if item.construct in COMMENT_CONSTRUCTS}
    found: dict[tuple[str, str], dict[str, str]] = {}
    for participant, week, path in course.find("submitted", f"*{SUFFIX}"):
        try:
            values = read_values(path)
        except (OSError, ValueError):
            continue
        for item_id in items & set(values):
            text = values[item_id]
            if isinstance(text, str) and text.strip():
                found.setdefault((week, item_id), {})[participant] = text.strip()
    rows = [(week, item, text) for (week, item), by in found.items() if len(by) >= COMMENT_MIN_GROUP
            for text in by.values()]
    return pd.DataFrame(sorted(rows), columns=COMMENT_COLUMNS)


def course_frames(course: CourseSettings, cohort: str | None = None) -> dict[str, pd.DataFrame]:
    """What ``sync`` writes for ``course``: the folder-based readers' frames (without ``cohort``)."""
    participants, grades = read_gradebook(course)
    collected, feedback = read_collected(course), read_feedback(course)
    roster = read_roster(course)
    groups = read_small_groups(course)
    roster = roster.assign(small_group=[groups.get(p, "") for p in roster["participant"]])
    seen = set(grades["week"]) | set(collected["week"]) | set(feedback["week"])
    weeks = week_table(load_schedule(course.root), set(course.weeks()) | seen)
    # the answers given for the course team without names (course feedback, the pulse's comments) are in the
    # walls' database, not in any submission (``course_team``); older submissions may still hold comments
    team = course_team.frames(course)
    answers = _joined(read_answers(course, cohort).drop(columns="cohort"), team["answers"])
    return {"participants": participants, "roster": roster, "weeks": weeks.drop(columns="cohort"),
            "grades": grades, "collected": collected, "graded": read_graded(course), "feedback": feedback,
            "answers": answers, "comments": _joined(read_comments(course), team["comments"])}


def _joined(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """``first``'s rows then ``second``'s, in ``first``'s columns (an empty one keeps the other's types)."""
    parts = [frame for frame in (first, second[list(first.columns)]) if not frame.empty]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else first)


def _records(frame: pd.DataFrame, name: str) -> list[dict[str, object]]:
    """Rows for the database: times as naive-free UTC datetimes, NaN / NaT as NULL, keyword columns renamed."""
    out = pd.DataFrame(index=frame.index)
    for column, kind in _TABLES[name]:
        values = frame[column]
        if kind == "time":
            stamps = pd.to_datetime(values, utc=True)
            out[column] = pd.Series(stamps.dt.to_pydatetime(), index=frame.index, dtype=object)
            out.loc[stamps.isna(), column] = None
        elif kind == "float":
            numbers = values.astype(float)
            out[column] = numbers.astype(object).where(numbers.notna(), None)
        elif kind == "int":
            out[column] = values.astype(int)
        else:
            out[column] = _clean(values)
    out = out.astype(object)  # pandas would store a missing text as NaN, which PostgreSQL keeps as 'NaN'
    return out.where(out.notna(), None).rename(columns=_DB_NAME).to_dict("records")


def write_frames(url: str, cohort: str, frames: dict[str, pd.DataFrame], course_id: str = "",
                 schema: str | None = None, synced_at: datetime | None = None,
                 before_commit: Callable[[], None] | None = None) -> None:
    """Replace ``cohort``'s rows in every table with ``frames`` (each without ``cohort``), in one
    transaction; ``before_commit`` runs inside it, last (a test raises there)."""
    from sqlalchemy import delete, insert

    layout = _Layout(url, schema or store_schema())
    engine = _engine(url)
    try:
        with engine.begin() as conn:  # type: ignore[attr-defined]
            layout.create(conn)
            for name, table in layout.tables.items():
                conn.execute(delete(table).where(table.c.cohort == cohort))
                rows = _records(frames[name], name)
                if rows:
                    conn.execute(insert(table), [{"cohort": cohort, **row} for row in rows])
            conn.execute(delete(layout.courses).where(layout.courses.c.cohort == cohort))
            conn.execute(insert(layout.courses), [{"cohort": cohort, "course_id": course_id,
                                                   "synced_at": synced_at or datetime.now(UTC)}])
            if before_commit is not None:
                before_commit()
    finally:
        engine.dispose()  # type: ignore[attr-defined]


def sync(course: CourseSettings, url: str | None = None, schema: str | None = None,
         before_commit: Callable[[], None] | None = None) -> str:
    """Write the course's current state into its store (``store_url``), replacing its previous rows in
    one transaction. Idempotent. Returns the store's URL. Raises what the reading or the database raises
    (callers that must not fail use ``sync_quietly``)."""
    url = url or store_url(course)
    cohort = course.root.name
    write_frames(url, cohort, course_frames(course, cohort), course_id=course.course_id,
                 schema=schema or store_schema(course), before_commit=before_commit)
    return url


def sync_quietly(course: CourseSettings) -> bool:
    """``sync``, for the end of a facilitator's step: a failure is logged, never raised (the step has
    done its work; the next sync catches up). True when the store was written; False also when the
    course's ``ReportingStore.sync_after_steps`` is off."""
    if not configured(ReportingStore, course.root).sync_after_steps:
        return False
    try:
        sync(course)
    except Exception:  # the store is a copy: whatever went wrong there must not fail the step  # noqa: BLE001
        log.warning("reporting store: sync of %s failed", course.root, exc_info=True)
        return False
    return True


# --- reading -------------------------------------------------------------------------------------

def _times(values: pd.Series) -> pd.Series:
    if values.empty:
        return pd.Series(values, dtype="datetime64[ns, UTC]")
    return pd.to_datetime(values, utc=True, format="ISO8601").astype("datetime64[ns, UTC]")


FIELD, ROW = "\x1f", "\x1e"  # ASCII unit and record separators: never in a stored text (``_clean``)


def _clean(values: pd.Series) -> pd.Series:
    """Text for the store: without the separators ``_read_table`` joins values with."""
    return values.astype(object).map(lambda v: None if v is None or v != v else
                                     str(v).replace(FIELD, "").replace(ROW, ""))


def _as_text(column: str, kind: str, postgres: bool) -> str:
    """SQL giving one stored value as text, '' for NULL. Floats to the last bit: PostgreSQL's text is
    the shortest exact one; SQLite's CAST keeps 15 digits and its ``printf('%.17g')`` 16, so an integral
    value (scores, scale answers: nearly all) is written as the integer it is (cheap) and any other with
    17 (``%!.17g``). Times on PostgreSQL in UTC, whatever the session's time zone (SQLite keeps UTC text)."""
    quoted = f'"{_DB_NAME.get(column, column)}"'
    if kind == "float" and not postgres:
        return (f"CASE WHEN {quoted} IS NULL THEN '' WHEN {quoted} = CAST({quoted} AS INTEGER) "
                f"THEN CAST(CAST({quoted} AS INTEGER) AS TEXT) ELSE printf('%!.17g', {quoted}) END")
    if kind == "time" and postgres:
        return f"coalesce(to_char({quoted} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), '')"
    return f"coalesce(CAST({quoted} AS TEXT), '')"


def _column(raw: bytes, column: str, kind: str) -> pd.Series:
    """One column's values (UTF-8, each ended by ``ROW``; '' for NULL) in the readers' dtype, parsed by
    pandas' C parser: no Python object per value but the texts themselves."""
    missing = kind != "text" or column == "option"  # '' is NULL; a text stays '' (an option id: missing)
    dtype = {"float": float, "int": "int64", "text": str}
    values = pd.read_csv(io.BytesIO(raw), sep=FIELD, lineterminator=ROW, header=None, names=[column],
                         quoting=csv.QUOTE_NONE, skip_blank_lines=False, keep_default_na=False,
                         na_filter=missing, na_values=[""] if missing else None, engine="c", low_memory=False,
                         dtype={column: dtype[kind]} if kind in dtype else None,
                         parse_dates=[column] if kind == "time" else False, date_format="ISO8601")[column]
    return _times(values) if kind == "time" else values


def _read_table(conn: object, layout: _Layout, name: str, cohort: str) -> pd.DataFrame:
    """One cohort's rows of one table in one query: the database joins each column's values into one
    text (one aggregate per column over the same scan, so every column lists the rows in the same order;
    no concatenation per row, the costly part) and pandas' C parser reads each column at once. A million
    rows in a fraction of the time that fetching them as Python tuples takes (each cell an object)."""
    columns = _TABLES[name] if name in _TABLES else [("course_id", "text"), ("synced_at", "time")]
    if layout.postgres:
        joined = [f"string_agg({_as_text(c, kind, True)}, '{ROW}')" for c, kind in columns]
    else:  # as bytes: no decoding to a Python str first
        joined = [f"CAST(group_concat({_as_text(c, kind, False)}, '{ROW}') AS BLOB)" for c, kind in columns]
    sql = f"SELECT count(*), {', '.join(joined)} FROM {layout.qualified(name)} WHERE cohort = "
    cursor = conn.connection.cursor()  # type: ignore[attr-defined]
    try:
        cursor.execute(sql + ("%s" if layout.postgres else "?"), (cohort,))
        count, *texts = cursor.fetchone()
    finally:
        cursor.close()
    if not count:
        return _empty(name).assign(cohort=cohort)
    data = {"cohort": pd.Series(cohort, index=range(count), dtype="str")}
    for (column, kind), text in zip(columns, texts, strict=True):
        raw = (text.encode("utf-8") if isinstance(text, str) else bytes(text)) + ROW.encode()  # the last one ended too
        data[column] = _column(raw, column, kind)
        if len(data[column]) != count:  # a separator in a stored text (``_clean`` keeps them out)
            raise ValueError(f"reporting store: {name}.{column} of {cohort}: {len(data[column])} values, not {count}")
    return pd.concat(data, axis=1)


def read_only_url(url: str) -> str:
    """``url`` opened for reading only where the URL can say so: an SQLite file with ``mode=ro`` (a
    dashboard then cannot write it even by mistake, and a missing file is an error, not a new empty
    store). PostgreSQL URLs are returned as they are: there the dashboards connect as a role that has
    only ``SELECT`` (``grant_read_only``; its URL is ``ReportingStore.url`` of the dashboards' process)."""
    if not url.startswith("sqlite:///") or "mode=ro" in url:
        return url
    path = url.removeprefix("sqlite:///")
    if not path or path == ":memory:":
        return url
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def read(url: str, courses: Iterable[str] | None = None, schema: str | None = None,
         frames: Iterable[str] | None = None) -> StoreTables:
    """Every table of the store at ``url`` (only ``courses``, by cohort name, when given), as the
    folder-based readers give them with ``cohort`` first. A store never synced reads as empty, so does
    a read-only SQLite file that does not exist yet. ``frames`` names the tables to read (of ``FRAMES``;
    the others come back empty): the answers are the big one, and most pages do not need them."""
    from sqlalchemy import inspect, select

    wanted = set(FRAMES if frames is None else frames) | {"courses"}
    layout = _Layout(url, schema or store_schema())
    engine = _engine(url)
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in (*FRAMES, "courses")}
    if url.startswith("sqlite:///file:") and "mode=ro" in url:
        path = url.removeprefix("sqlite:///file:").split("?", 1)[0]
        if not os.path.isfile(path):
            engine.dispose()  # type: ignore[attr-defined]
            return _empty_tables()
    try:
        with engine.connect() as conn:  # type: ignore[attr-defined]
            existing = set(inspect(conn).get_table_names(schema=layout.metadata.schema))
            if f"{layout.prefix}courses" in existing:
                synced = conn.execute(select(layout.courses.c.cohort)).scalars().all()  # type: ignore[attr-defined]
                for cohort in sorted(synced):
                    if courses is not None and cohort not in set(courses):
                        continue
                    for name in parts:  # a table a later version added reads as empty until the next sync
                        if name in wanted and f"{layout.prefix}{name}" in existing:
                            parts[name].append(_read_table(conn, layout, name, cohort))
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    frames = {name: pd.concat(found, ignore_index=True) if found else _empty(name) for name, found in parts.items()}
    synced_frame = frames.pop("courses")
    return StoreTables(synced=synced_frame, **frames)


def _empty_tables() -> StoreTables:
    return StoreTables(synced=_empty("courses"), **{name: _empty(name) for name in FRAMES})


def _empty(name: str) -> pd.DataFrame:
    columns = [("cohort", "text"), *_TABLES[name]] if name in _TABLES else [
        ("cohort", "text"), ("course_id", "text"), ("synced_at", "time")]
    dtypes = {"text": "str", "float": float, "int": "int64", "time": "datetime64[ns, UTC]"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes[k]) for c, k in columns})  # type: ignore[call-overload]


# --- the dashboards' role ------------------------------------------------------------------------

def grant_read_only(url: str, role: str, schema: str | None = None, password: str | None = None) -> None:
    """Give PostgreSQL role ``role`` ``SELECT`` on the store's schema and nothing else, now and for the
    tables a later sync creates. With ``password``, create the role first if it does not exist (the
    connecting role then needs CREATEROLE). The schema is created if missing, so this can run before
    the first sync (it creates the tables). SQLite has no roles: open its file read-only (``?mode=ro``) instead."""
    from sqlalchemy import text

    if not url.startswith("postgresql"):
        raise ValueError("grant_read_only: roles exist on PostgreSQL only")
    schema = _check_schema(schema or store_schema())
    if not _IDENTIFIER.match(role):
        raise ValueError(f"role {role!r}: lower-case letters, digits and _ only")
    engine = _engine(url)
    try:
        with engine.begin() as conn:  # type: ignore[attr-defined]
            if password is not None:
                exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
                if not exists:
                    quoted = "'" + password.replace("'", "''") + "'"
                    conn.execute(text(f'CREATE ROLE "{role}" LOGIN PASSWORD {quoted}'))
            database = conn.execute(text("SELECT current_database()")).scalar()
            _Layout(url, schema).create(conn)  # the tables too: ALL TABLES then covers them
            for sql in (f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"',
                        f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"',
                        f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"',
                        f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" GRANT SELECT ON TABLES TO "{role}"'):
                conn.execute(text(sql))
    finally:
        engine.dispose()  # type: ignore[attr-defined]
