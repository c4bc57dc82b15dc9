"""The gradebook read in one SQL query, for dashboards: the same tables as ``sources.read_gradebook``.

Why not nbgrader's ``Gradebook``: importing nbgrader costs seconds (its package imports the server
extensions, nbconvert and more), opening a gradebook runs an ``alembic`` upgrade check in a
subprocess, and walking submissions -> notebooks -> grades through the ORM is one query per object.
A dashboard pays all of that on every view. This reader asks nbgrader's tables once, read-only,
through SQLAlchemy Core (the same ``db_url``, so SQLite and PostgreSQL alike, and the hub's
read-only database role is enough). A test keeps its result equal to ``read_gradebook`` on a real
nbgrader gradebook of both backends, so a change in nbgrader's schema fails there, not here.
"""

from __future__ import annotations

import os

import pandas as pd

from ..course.settings import CourseSettings
from ..records.sources import GRADE_COLUMNS, PARTICIPANT_COLUMNS

_GRADES = """
SELECT sa.student_id AS participant, a.name AS week, n.name AS notebook, bc.name AS grade_id,
       bc.type AS cell_class, gc.cell_type AS cell_type, g.auto_score AS auto_score,
       g.manual_score AS manual_score, COALESCE(gc.max_score, tc.max_score, 0.0) AS max_score,
       sa.timestamp AS submitted_at
FROM grade g
JOIN submitted_notebook sn ON g.notebook_id = sn.id
JOIN submitted_assignment sa ON sn.assignment_id = sa.id
JOIN assignment a ON sa.assignment_id = a.id
JOIN notebook n ON sn.notebook_id = n.id
JOIN base_cell bc ON g.cell_id = bc.id
LEFT JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN task_cells tc ON tc.id = bc.id
"""
_STUDENTS = "SELECT id AS participant, first_name, last_name FROM student ORDER BY last_name, first_name"


def grades_from_rows(raw: pd.DataFrame) -> pd.DataFrame:
    """The query's rows as ``GRADE_COLUMNS``: kind from the cell class, score manual before auto."""
    kind = pd.Series("manual", index=raw.index)
    kind[raw["cell_type"] == "code"] = "completion"
    kind[raw["cell_class"] == "TaskCell"] = "task"
    score = raw["manual_score"].astype(float).combine_first(raw["auto_score"].astype(float))
    submitted = pd.to_datetime(raw["submitted_at"], format="mixed", utc=False)
    submitted = submitted.dt.tz_localize("UTC") if submitted.dt.tz is None else submitted.dt.tz_convert("UTC")
    frame = pd.DataFrame({"participant": raw["participant"], "week": raw["week"], "notebook": raw["notebook"],
                          "grade_id": raw["grade_id"], "kind": kind, "score": score,
                          "max_score": raw["max_score"].astype(float), "submitted_at": submitted})
    return frame[GRADE_COLUMNS]


def read_gradebook_fast(course: CourseSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Participants and one row per participant x week x graded cell, like ``sources.read_gradebook``.

    A course whose gradebook does not exist yet reads as empty (nothing graded), never creates one.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    if course.db_url.startswith("sqlite:///"):
        path = course.db_url.removeprefix("sqlite:///")
        if not path or not os.path.isfile(path):
            return (pd.DataFrame(columns=PARTICIPANT_COLUMNS), pd.DataFrame(columns=GRADE_COLUMNS))
    engine = create_engine(course.db_url)
    try:
        with engine.connect() as conn:
            people = pd.DataFrame(conn.execute(text(_STUDENTS)).mappings().all(), columns=PARTICIPANT_COLUMNS)
            rows = conn.execute(text(_GRADES)).mappings().all()
    except SQLAlchemyError:  # no tables yet: a course before its first `nbgrader db` command
        return (pd.DataFrame(columns=PARTICIPANT_COLUMNS), pd.DataFrame(columns=GRADE_COLUMNS))
    finally:
        engine.dispose()
    raw = pd.DataFrame(rows, columns=["participant", "week", "notebook", "grade_id", "cell_class", "cell_type",
                                      "auto_score", "manual_score", "max_score", "submitted_at"])
    if raw.empty:
        return people, pd.DataFrame(columns=GRADE_COLUMNS)
    return people, grades_from_rows(raw)
