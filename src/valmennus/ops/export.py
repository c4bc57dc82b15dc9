"""Grades and completion for the facilitator: one row per participant x week, as CSV and XLSX.

Names come from the roster, which participants' own sign-up data fills: a cell that a spreadsheet
would run as a formula (``=HYPERLINK(...)``, ``@SUM(...)``, ``-2+3+cmd|...``; OWASP "CSV injection")
is written with a leading ``'``, in the CSV and in the XLSX alike (openpyxl would otherwise store
text starting with ``=`` as a live formula). Numbers stay numbers. The CSV has CRLF line ends, so a
cell holding a carriage return is quoted instead of starting a new row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..course.settings import CourseSettings
from ..records.sources import read_course
from ..records.spreadsheet import spreadsheet_safe, to_safe_csv
from .status import course_status

EXPORT_COLUMNS = ["participant", "first_name", "last_name", "week", "submitted_at", "completion",
                  "completion_max", "task_mark", "feedback_released"]


def grades_table(status: pd.DataFrame, participants: pd.DataFrame, weeks: list[str]) -> pd.DataFrame:
    """Pure: the export rows, ``weeks`` of the status model (``records.status``) with the roster's names."""
    rows = status[status["week"].isin(weeks)].merge(participants, on="participant", how="left")
    rows["submitted_at"] = rows["submitted_at"].map(
        lambda ts: "" if pd.isna(ts) else ts.tz_convert("Europe/Helsinki").strftime("%Y-%m-%d %H:%M"))
    return rows[EXPORT_COLUMNS].sort_values(["participant", "week"], ignore_index=True)


def _xml_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Control characters XML cannot hold (openpyxl refuses the whole workbook) shown as U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v)
    return out


def export_grades(course: CourseSettings, weeks: list[str], out_dir: Path) -> list[Path]:
    """Write ``grades.csv`` (UTF-8 with BOM, so Excel shows ä and ö) and ``grades.xlsx``, formula-safe."""
    tables = read_course(course)
    # collected and graded work only: a submission still in the exchange has no marks to export yet
    status = course_status(course, tables, weeks, inbound=False)
    return write_table(grades_table(status, tables.participants, weeks), out_dir)


def write_table(table: pd.DataFrame, out_dir: Path, name: str = "grades") -> list[Path]:
    """``<name>.csv`` and ``<name>.xlsx`` of ``table``, every text cell neutralised (``spreadsheet_safe``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = out_dir / f"{name}.csv", out_dir / f"{name}.xlsx"
    to_safe_csv(table, csv_path, encoding="utf-8-sig")
    _xml_safe(spreadsheet_safe(table)).to_excel(xlsx_path, index=False, sheet_name=name)
    return [csv_path, xlsx_path]
