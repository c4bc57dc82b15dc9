"""Grades and completion for the facilitator: one row per participant x week, as CSV and XLSX."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..cohort.progress import week_progress
from ..cohort.sources import CourseTables, read_course
from ..course.settings import CourseSettings

EXPORT_COLUMNS = ["participant", "first_name", "last_name", "week", "submitted_at", "completion",
                  "completion_max", "task_mark", "feedback_released"]


def grades_table(tables: CourseTables, weeks: list[str]) -> pd.DataFrame:
    """Pure: the export rows from the tidy course tables."""
    frames = []
    for week in weeks:
        progress = week_progress(tables.participants, tables.grades, tables.collected, tables.feedback, week)
        progress.insert(1, "week", week)
        frames.append(progress)
    if not frames:
        return pd.DataFrame(columns=EXPORT_COLUMNS)
    rows = pd.concat(frames, ignore_index=True).merge(tables.participants, on="participant", how="left")
    rows["submitted_at"] = rows["submitted_at"].map(
        lambda ts: "" if pd.isna(ts) else ts.tz_convert("Europe/Helsinki").strftime("%Y-%m-%d %H:%M"))
    return rows[EXPORT_COLUMNS].sort_values(["participant", "week"], ignore_index=True)


def export_grades(course: CourseSettings, weeks: list[str], out_dir: Path) -> list[Path]:
    """Write ``grades.csv`` (UTF-8 with BOM, so Excel shows ä and ö) and ``grades.xlsx``."""
    table = grades_table(read_course(course), weeks)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = out_dir / "grades.csv", out_dir / "grades.xlsx"
    table.to_csv(csv_path, index=False, encoding="utf-8-sig")
    table.to_excel(xlsx_path, index=False, sheet_name="grades")
    return [csv_path, xlsx_path]
