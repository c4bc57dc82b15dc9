"""Tables written for spreadsheets: a cell a spreadsheet would run as a formula is neutralised first.

The grade export (``ops.export``) and every dashboard's CSV download (``cohort.view_common``) use
this one rule.
"""

from __future__ import annotations

import re

import pandas as pd

# OWASP "CSV injection": a cell starting with one of these is read as a formula by Excel, LibreOffice
# and Google Sheets (``=HYPERLINK(...)``, ``@SUM(...)``, ``-2+3+cmd|...``); tab and carriage return too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:\s?%)?")


def spreadsheet_cell(value: object) -> object:
    """``value`` as safe spreadsheet content: text a spreadsheet would run gets a leading ``'``.

    Only text changes, and only its first character decides; numbers (and text that is just a number,
    such as ``-0,25`` or ``-3 %`` on a dashboard) stay as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through ``spreadsheet_cell``; numbers untouched."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(spreadsheet_cell)
    return out


def to_safe_csv(frame: pd.DataFrame, path: object = None, **options: object) -> str | None:
    """``frame`` as CSV a spreadsheet cannot be tricked by: formulas neutralised (``spreadsheet_safe``) and
    CRLF line ends (RFC 4180), so that a cell holding a bare carriage return is quoted; with pandas'
    default ``\\n`` it is not, and a spreadsheet would start a new row (and a formula) inside the cell."""
    return spreadsheet_safe(frame).to_csv(path, index=False, lineterminator="\r\n", **options)
