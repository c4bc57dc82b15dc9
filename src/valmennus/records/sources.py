"""Read a course into tidy pandas tables: participants, grades, collected submissions, feedback.

The only module of the dashboards (and of the facilitator commands' reports) that touches files,
the gradebook or the exchange. Coordinators never need answer text: ``read_answers`` keeps only the
numbers and option ids of the kinds that have no free text (Likert, can-do, choice, ruler score,
checklist, quiz correctness) and drops everything else inside the function, so no table built from it
can hold a participant's words. Uploaded files beside the answers are never opened.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..course.settings import CourseSettings
from ..course.stamps import parse_stamp

PARTICIPANT_COLUMNS = ["participant", "first_name", "last_name"]
GRADE_COLUMNS = ["participant", "week", "notebook", "grade_id", "kind", "score", "max_score",
                 "submitted_at"]
COLLECTED_COLUMNS = ["participant", "week", "submitted_at"]
FEEDBACK_COLUMNS = ["participant", "week", "generated_at", "released_at"]
INBOUND_COLUMNS = ["participant", "week", "submitted_at"]
ANSWER_COLUMNS = ["cohort", "participant", "week", "item", "value", "option"]
ROSTER_COLUMNS = ["participant", "first_name", "last_name", "facilitator"]
UNKNOWN_FACILITATOR = ""


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
    from ..course.gradebook import open_gradebook  # nbgrader's ORM: imported only when used

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
    for participant, week, stamp in course.find("submitted", "timestamp.txt"):
        rows.append({"participant": participant, "week": week, "submitted_at": _read_timestamp(stamp)})
    return pd.DataFrame(rows, columns=COLLECTED_COLUMNS)


def feedback_checksum(secret: str, notebook_id: str) -> str:
    """``nbgrader.utils.notebook_hash(secret=..., notebook_id=...)`` (a test keeps them equal).

    Written out because importing nbgrader takes seconds, which a dashboard would pay on every view.
    """
    digest = hashlib.md5(usedforsecurity=False)
    digest.update(secret.encode("utf-8"))
    digest.update(notebook_id.encode("utf-8"))
    return digest.hexdigest()


def released_feedback_path(course: CourseSettings, feedback_html: Path) -> Path | None:
    """Where ``nbgrader release_feedback`` puts this page in the default exchange.

    The one place that knows the default exchange's layout: the page is named by a hash of the
    submission secret and the notebook id, exactly as nbgrader's ExchangeReleaseFeedback names it.
    """
    secret_file = feedback_html.parent / "submission_secret.txt"
    if not secret_file.is_file():
        return None
    checksum = feedback_checksum(secret_file.read_text(encoding="utf-8"), feedback_html.stem)
    return course.exchange_root / course.course_id / "feedback" / f"{checksum}.html"


def read_feedback(course: CourseSettings) -> pd.DataFrame:
    """Generated feedback pages (``feedback/``) and when each was released to the participant."""
    rows = []
    for participant, week, page in course.find("feedback", "*.html"):
        released = released_feedback_path(course, page)
        released_at = (pd.Timestamp(released.stat().st_mtime, unit="s", tz="UTC")
                       if released is not None and released.is_file() else pd.NaT)
        rows.append({"participant": participant, "week": week,
                     "generated_at": pd.Timestamp(page.stat().st_mtime, unit="s", tz="UTC"),
                     "released_at": released_at})
    frame = pd.DataFrame(rows, columns=FEEDBACK_COLUMNS)
    # One row per participant x week: a week with two notebooks is released when all its pages are.
    return frame.groupby(["participant", "week"], as_index=False).agg(
        generated_at=("generated_at", "max"), released_at=("released_at", "max"))


def read_inbound(course: CourseSettings) -> pd.DataFrame:
    """Submissions waiting in the exchange (submitted, not yet collected), via nbgrader's exchange listing."""
    from nbgrader.auth import Authenticator
    from nbgrader.exchange import ExchangeFactory

    from ..course.settings import load_config

    config = load_config(course.root)
    config.ExchangeList.inbound = True
    coursedir = course.coursedir()
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
    moment = parse_stamp(text or "")
    return pd.NaT if moment is None else pd.Timestamp(moment)


def read_course(course: CourseSettings) -> CourseTables:
    participants, grades = read_gradebook(course)
    return CourseTables(participants=participants, grades=grades, collected=read_collected(course),
                        feedback=read_feedback(course))


def _answer_rows(values: dict[str, Any]) -> list[tuple[str, float, str | None]]:
    """(item, value, option) rows of one answers file: numbers and option ids only, never text.

    Each item's kind says what may be read (``ItemKind.numbers``): a scale its point (``"cant_say"`` no
    number and option ``cant_say``), a ruler its 0-10 score only (never its two follow-up texts), a choice
    its option id, a checklist one row per ticked option id, a quiz 1.0 or 0.0 for right or wrong,
    recomputed from the item bank (the file's ``correct`` flag is the participant's to edit and never
    read); a text, a response or a share gives nothing. Items the bank does not know and values a widget
    could not have written are skipped.
    """
    from ..items import bank, valid_value
    from ..kinds import kind

    items = bank()
    rows: list[tuple[str, float, str | None]] = []
    for item_id, value in values.items():
        item = items.get(item_id)
        if item is None or not valid_value(item, value):
            continue
        rows.extend((item_id, number, option) for number, option in kind(item.kind).numbers(item, value))
    return rows


def read_answers(course: CourseSettings, cohort: str | None = None) -> pd.DataFrame:
    """One row per participant x week x item (x ticked option) of the collected answers files.

    Reads ``submitted/<participant>/<week>/*.answers.json`` (autograde never changes them), keeps only
    what each item's kind lets reports read (``ItemKind.numbers``, see ``_answer_rows``): the text of a
    reflection, a ruler's follow-up answers, a shared thought or a nickname never leaves this function.
    A damaged file counts as unanswered. ``cohort`` defaults to the course directory's name.
    """
    from ..answers import SUFFIX, read_values

    name = cohort or course.root.name
    rows = []
    for participant, week, path in course.find("submitted", f"*{SUFFIX}"):
        try:
            values = read_values(path)
        except (OSError, ValueError):
            continue
        rows.extend((name, participant, week, item, value, option)
                    for item, value, option in _answer_rows(values))
    frame = pd.DataFrame(rows, columns=ANSWER_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    return frame


def read_roster(course: CourseSettings) -> pd.DataFrame:
    """``roster.csv`` of the course: who is who and which facilitator (coach) each participant has.

    A missing file or column gives an empty table or an unknown (empty) facilitator: the dashboards
    then show no names to anyone and group turnaround under "unknown".
    """
    path = course.root / "roster.csv"
    rows = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                pid = (row.get("id") or "").strip()
                if pid:
                    rows.append({"participant": pid, "first_name": (row.get("first_name") or "").strip(),
                                 "last_name": (row.get("last_name") or "").strip(),
                                 "facilitator": (row.get("facilitator") or "").strip() or UNKNOWN_FACILITATOR})
    except (OSError, UnicodeDecodeError, csv.Error):
        rows = []
    return pd.DataFrame(rows, columns=ROSTER_COLUMNS).drop_duplicates("participant", keep="last")
