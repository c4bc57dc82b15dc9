"""What the coordinator dashboards display: HTML built from the pure progress tables.

Dashboards stay thin (one call per view); everything here returns strings or DataFrames, so the
tests can check a view without starting Voilà. Participant ids only, never names or answer text.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pandas as pd

from ..course.settings import CourseSettings, find_course
from ..i18n import local_datetime, number, t, tn
from .progress import week_progress, week_summary
from .sources import read_course
from .view_common import csv_href

_CSS = """<style>
.valmennus-dash{font-family:system-ui,sans-serif;max-width:60em}
.valmennus-cards{display:flex;gap:1em;flex-wrap:wrap;margin:1em 0}
.valmennus-card{border:1px solid #767676;border-radius:6px;padding:.6em 1em;min-width:9em}
.valmennus-card b{display:block;font-size:1.6em}
.valmennus-progress{border-collapse:collapse}
.valmennus-progress th,.valmennus-progress td{border:1px solid #999;padding:.3em .6em;text-align:left !important}
.valmennus-bar{display:inline-block;height:.8em;background:#1f5f99;vertical-align:middle;margin-right:.4em}
</style>"""


def _yes_no(flag: bool) -> str:
    return t("yes") if flag else t("no")


def progress_display_table(progress: pd.DataFrame) -> pd.DataFrame:
    """The progress table with translated headings and words, as people read it."""
    rows = []
    for row in progress.itertuples(index=False):
        submitted = local_datetime(row.submitted_at.to_pydatetime()) if row.submitted else t("no")
        task = t("not_yet") if pd.isna(row.task_mark) else number(row.task_mark, None)
        rows.append({t("col_participant"): row.participant, t("col_submitted"): submitted,
                     t("col_completion"): f"{number(row.completion, None)} / {number(row.completion_max, None)}"
                     if row.graded else "–",
                     t("col_task"): task, t("col_feedback"): _yes_no(row.feedback_released)})
    return pd.DataFrame(rows)


def _bar(score: float, maximum: float) -> str:
    width = 0 if not maximum else round(6 * score / maximum, 2)
    return f"<span class='valmennus-bar' style='width:{width}em' aria-hidden='true'></span>"


def progress_html(progress: pd.DataFrame, week: str, course_id: str, now: datetime | None = None) -> str:
    """The whole progress view: headline counts, the participant table, a CSV download link."""
    now = now or datetime.now(UTC)
    parts = [_CSS, "<div class='valmennus-dash'>",
             f"<h2>{html.escape(t('dash_title', week=week))}</h2>",
             f"<p>{html.escape(t('dash_intro'))}</p>",
             f"<p><small>{html.escape(t('dash_course', course=course_id, time=local_datetime(now)))}"
             "</small></p>"]
    if progress.empty:
        parts.append(f"<p>{html.escape(t('dash_empty'))}</p></div>")
        return "\n".join(parts)
    counts = week_summary(progress)
    cards = [("participants", tn("dash_participants", counts["participants"])),
             ("submitted", tn("dash_submitted", counts["submitted"])),
             ("complete", t("dash_complete")), ("feedback_released", t("dash_released"))]
    parts.append("<div class='valmennus-cards'>" + "".join(
        f"<div class='valmennus-card'><b>{counts[key]}</b>{html.escape(label)}</div>"
        for key, label in cards) + "</div>")
    shown = progress_display_table(progress)
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in shown.columns)
    body = []
    for (_, row), raw in zip(shown.iterrows(), progress.itertuples(index=False), strict=True):
        cells = [f"<th scope='row'>{html.escape(str(row.iloc[0]))}</th>"]
        for col in shown.columns[1:]:
            text = html.escape(str(row[col]))
            if col == t("col_completion") and raw.graded:
                text = _bar(raw.completion, raw.completion_max) + text
            cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    parts.append(f"<table class='valmennus-progress'><caption>{html.escape(t('dash_title', week=week))}"
                 f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    parts.append(f"<p><a download='{html.escape(week)}-eteneminen.csv' "
                 f"href='{csv_href(shown)}'>{html.escape(t('dash_download'))}</a></p></div>")
    return "\n".join(parts)


class _Html:
    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup


def show_progress(week: str = "viikko1", course_dir: str | None = None) -> _Html:
    """The dashboard cell: read the course (``VALMENNUS_COURSE`` or the folder above), show the week."""
    course = CourseSettings.load(course_dir or find_course())
    tables = read_course(course)
    progress = week_progress(tables.participants, tables.grades, tables.collected, tables.feedback, week)
    return _Html(progress_html(progress, week, course.course_id))
