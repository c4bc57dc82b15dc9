"""One week's progress page: HTML built from that week's rows of the status model (``records.status``).

Dashboards stay thin (one call per view); everything here returns strings or DataFrames, so the
tests can check a view without starting Voilà. Participant ids only, never names or answer text.
The page is ``templates/week_progress.html.j2``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from ..course.settings import CourseSettings, find_course
from ..i18n import local_datetime, number, t, tn
from ..ops.status import course_status
from ..records.status import week_summary
from ..templates import Cell, Row, render
from .view_common import Html, csv_href


def _yes_no(flag: bool) -> str:
    return t("yes") if flag else t("no")


def progress_display_table(progress: pd.DataFrame) -> pd.DataFrame:
    """One week's status rows with translated headings and words, as people read it."""
    rows = []
    for row in progress.itertuples(index=False):
        submitted = local_datetime(row.submitted_at.to_pydatetime()) if row.submitted else t("no")
        task = t("not_yet") if pd.isna(row.task_mark) else number(row.task_mark, None)
        rows.append({t("col_participant"): row.participant, t("col_submitted"): submitted,
                     t("col_completion"): f"{number(row.completion, None)} / {number(row.completion_max, None)}"
                     if row.graded else "–",
                     t("col_task"): task, t("col_feedback"): _yes_no(row.feedback_released)})
    return pd.DataFrame(rows)


def _bar_width(score: float, maximum: float) -> float:
    """The completion bar's width in em: 6 em is everything."""
    return 0 if not maximum else round(6 * score / maximum, 2)


def progress_html(progress: pd.DataFrame, week: str, course_id: str, now: datetime | None = None) -> str:
    """The whole progress view of one week's status rows: headline counts, the participant table, a CSV link."""
    now = now or datetime.now(UTC)
    values = {"title": t("dash_title", week=week), "course_id": course_id, "now": now}
    if progress.empty:
        return str(render("week_progress.html.j2", **values, rows=None))
    counts = week_summary(progress)
    cards = [(counts["participants"], tn("dash_participants", counts["participants"])),
             (counts["submitted"], tn("dash_submitted", counts["submitted"])),
             (counts["complete"], t("dash_complete")), (counts["feedback_released"], t("dash_released"))]
    shown = progress_display_table(progress)
    completion = t("col_completion")
    rows = [Row([Cell(row.iloc[0]), *(Cell(row[col], bar=_bar_width(raw.completion, raw.completion_max)
                                           if col == completion and raw.graded else None)
                                      for col in shown.columns[1:])])
            for (_, row), raw in zip(shown.iterrows(), progress.itertuples(index=False), strict=True)]
    return str(render("week_progress.html.j2", **values, cards=cards, columns=list(shown.columns), rows=rows,
                      filename=f"{week}-eteneminen.csv", href=csv_href(shown)))


def show_progress(week: str = "viikko1", course_dir: str | None = None) -> Html:
    """The dashboard cell: read the course (``VALMENNUS_COURSE`` or the folder above), show the week."""
    course = CourseSettings.load(course_dir or find_course())
    status = course_status(course, weeks=[week], inbound=False)  # no nbgrader import on a dashboard
    return Html(progress_html(status[status["week"] == week], week, course.course_id))
