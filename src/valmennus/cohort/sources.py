"""Read a course into tidy pandas tables: participants, grades, collected submissions, feedback.

The only module of the dashboards that touches files, the gradebook or the exchange. Coordinators
never need answer text, so none is read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from nbgrader.utils import notebook_hash

from ..course.gradebook import open_gradebook
from ..course.settings import CourseSettings

PARTICIPANT_COLUMNS = ["participant", "first_name", "last_name"]
GRADE_COLUMNS = ["participant", "week", "notebook", "grade_id", "kind", "score", "max_score",
                 "submitted_at"]
COLLECTED_COLUMNS = ["participant", "week", "submitted_at"]
FEEDBACK_COLUMNS = ["participant", "week", "generated_at", "released_at"]
INBOUND_COLUMNS = ["participant", "week", "submitted_at"]


@dataclass
class CourseTables:
    participants: pd.DataFrame
    grades: pd.DataFrame
    collected: pd.DataFrame
    feedback: pd.DataFrame


def _kind(grade: object) -> str:
    """``completion`` for autograded test cells, ``task`` for manually graded tasks, else ``manual``."""
    cell = grade.cell  # type: ignore[attr-defined]
    if type(cell).__name__ == "TaskCell":
        return "task"
    return "completion" if getattr(cell, "cell_type", "") == "code" else "manual"


def _score(grade: object) -> float | None:
    """The grade's score, or None while it has none (e.g. autograde failed on this submission)."""
    manual, auto = grade.manual_score, grade.auto_score  # type: ignore[attr-defined]
    return manual if manual is not None else auto


def read_gradebook(course: CourseSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Participants and one row per participant x week x graded cell (after autograde)."""
    people, rows = [], []
    with open_gradebook(course) as gb:
        for student in gb.students:
            people.append({"participant": student.id, "first_name": student.first_name,
                           "last_name": student.last_name})
        for assignment in gb.assignments:
            for submission in gb.assignment_submissions(assignment.name):
                submitted_at = pd.Timestamp(submission.timestamp, tz="UTC") if submission.timestamp else pd.NaT
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        rows.append({"participant": submission.student_id, "week": assignment.name,
                                     "notebook": notebook.name, "grade_id": grade.name,
                                     "kind": _kind(grade), "score": _score(grade),
                                     "max_score": grade.max_score, "submitted_at": submitted_at})
    return (pd.DataFrame(people, columns=PARTICIPANT_COLUMNS),
            pd.DataFrame(rows, columns=GRADE_COLUMNS))


def _read_timestamp(path: Path) -> pd.Timestamp:
    try:
        return pd.Timestamp(path.read_text(encoding="utf-8").strip()).tz_localize(None).tz_localize("UTC")
    except (OSError, ValueError):
        return pd.NaT


def read_collected(course: CourseSettings) -> pd.DataFrame:
    """Submissions collected into ``submitted/`` (autograded or not yet)."""
    rows = []
    for stamp in sorted((course.root / "submitted").glob("*/*/timestamp.txt")):
        rows.append({"participant": stamp.parent.parent.name, "week": stamp.parent.name,
                     "submitted_at": _read_timestamp(stamp)})
    return pd.DataFrame(rows, columns=COLLECTED_COLUMNS)


def released_feedback_path(course: CourseSettings, feedback_html: Path) -> Path | None:
    """Where ``nbgrader release_feedback`` puts this page in the default exchange.

    The one place that knows the default exchange's layout: the page is named by a hash of the
    submission secret and the notebook id, exactly as nbgrader's ExchangeReleaseFeedback names it.
    """
    secret_file = feedback_html.parent / "submission_secret.txt"
    if not secret_file.is_file():
        return None
    checksum = notebook_hash(secret=secret_file.read_text(encoding="utf-8"), notebook_id=feedback_html.stem)
    return course.exchange_root / course.course_id / "feedback" / f"{checksum}.html"


def read_feedback(course: CourseSettings) -> pd.DataFrame:
    """Generated feedback pages (``feedback/``) and when each was released to the participant."""
    rows = []
    for page in sorted((course.root / "feedback").glob("*/*/*.html")):
        released = released_feedback_path(course, page)
        released_at = (pd.Timestamp(released.stat().st_mtime, unit="s", tz="UTC")
                       if released is not None and released.is_file() else pd.NaT)
        rows.append({"participant": page.parent.parent.name, "week": page.parent.name,
                     "generated_at": pd.Timestamp(page.stat().st_mtime, unit="s", tz="UTC"),
                     "released_at": released_at})
    frame = pd.DataFrame(rows, columns=FEEDBACK_COLUMNS)
    # One row per participant x week: a week with two notebooks is released when all its pages are.
    return frame.groupby(["participant", "week"], as_index=False).agg(
        generated_at=("generated_at", "max"), released_at=("released_at", "max"))


def read_inbound(course: CourseSettings) -> pd.DataFrame:
    """Submissions waiting in the exchange (submitted, not yet collected), via nbgrader's exchange listing."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config.loader import PyFileConfigLoader

    from ..course.settings import CONFIG_FILE

    config = PyFileConfigLoader(CONFIG_FILE, path=str(course.root)).load_config()
    config.ExchangeList.inbound = True
    coursedir = CourseDirectory(config=config)
    lister = ExchangeFactory(config=config).List(coursedir=coursedir, authenticator=Authenticator(config=config),
                                                 config=config)
    rows = []
    try:
        listed = lister.start()
    except Exception:  # no exchange yet: nothing is waiting  # noqa: BLE001
        listed = []
    for assignment in listed or []:
        for info in assignment.get("submissions", []):
            rows.append({"participant": info["student_id"], "week": info["assignment_id"],
                         "submitted_at": _read_timestamp_text(info.get("timestamp", ""))})
    return pd.DataFrame(rows, columns=INBOUND_COLUMNS)


def _read_timestamp_text(text: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(text.replace(" UTC", "")).tz_localize("UTC")
    except (ValueError, TypeError):
        return pd.NaT


def read_course(course: CourseSettings) -> CourseTables:
    participants, grades = read_gradebook(course)
    return CourseTables(participants=participants, grades=grades, collected=read_collected(course),
                        feedback=read_feedback(course))
