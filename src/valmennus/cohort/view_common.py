"""What every dashboard page shares: the frame, accessible tables with a CSV download, numbers, notes.

Tables are built from *display* frames (translated headings, pseudonyms, formatted numbers), and the
CSV download is exactly that frame: what can be downloaded is what is on the screen, never a login
id or a raw table. Everything is escaped here, once. A downloaded cell that a spreadsheet would run as
a formula (a facilitator's view shows names, and a name can start with ``=``) is neutralised first
(``spreadsheet_safe``, the rule the grade export uses too).
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Iterable
from datetime import datetime

import pandas as pd

from .. import i18n
from ..i18n import current_language, local_datetime, t, tn
from .privacy import MIN_GROUP

CSS = """<style>
.valmennus-dash{font-family:system-ui,sans-serif;max-width:64em;color:#111}
.valmennus-dash h2{margin-top:1.6em}
.valmennus-dash table{border-collapse:collapse;margin:.5em 0}
.valmennus-dash caption{text-align:left;font-weight:600;padding:.3em 0}
.valmennus-dash th,.valmennus-dash td{border:1px solid #999;padding:.25em .5em;text-align:left !important}
.valmennus-dash td.num{text-align:right !important;font-variant-numeric:tabular-nums}
.valmennus-dash .valmennus-note{color:#333;font-size:.92em}
.valmennus-dash .valmennus-small{font-style:italic;color:#333}
.valmennus-chart{width:100%;max-width:44em;height:auto;display:block;margin:.5em 0}
.valmennus-state-missing{background:#fde8e0}
.valmennus-state-feedback_released{background:#e3f1e8}
</style>"""


class Html:
    """Rendered by Jupyter and Voilà as HTML (``_repr_html_``); ``str()`` gives the markup."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


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


def csv_href(frame: pd.DataFrame) -> str:
    """A ``data:`` URI of ``frame`` as CSV (spreadsheet-safe), for a download link."""
    text = to_safe_csv(frame)
    return "data:text/csv;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def esc(value: object) -> str:
    return html.escape(str(value))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def number(value: object, digits: int = 1) -> str:
    """A number as the reader writes it (``i18n.number``: decimal comma in Finnish and Swedish); "–" for none."""
    return "–" if _missing(value) else i18n.number(float(value), digits)


def percent(value: object) -> str:
    """A share as a whole percent by locale (``i18n.percent``: ``83 %``, English ``83%``); "–" for none."""
    return "–" if _missing(value) else i18n.percent(float(value))


def small_group() -> str:
    """The words shown instead of a suppressed figure."""
    return tn("dsh_small_group", MIN_GROUP)


def table(frame: pd.DataFrame, caption: str, filename: str, numeric: Iterable[str] = (),
          row_classes: list[str] | None = None) -> str:
    """An accessible table (caption, column and row headers) and a link that downloads it as CSV."""
    if frame.empty:
        return f"<p class='valmennus-note'>{esc(caption)}: {esc(t('dsh_no_data'))}</p>"
    numeric = set(numeric)
    head = "".join(f"<th scope='col'>{esc(c)}</th>" for c in frame.columns)
    body = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = [f"<th scope='row'>{esc(row[0])}</th>"]
        for column, value in zip(frame.columns[1:], row[1:], strict=True):
            css = " class='num'" if column in numeric else ""
            cells.append(f"<td{css}>{esc(value)}</td>")
        css = f" class='{esc(row_classes[i])}'" if row_classes and row_classes[i] else ""
        body.append(f"<tr{css}>" + "".join(cells) + "</tr>")
    return (f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            f"<p><a download='{esc(filename)}.csv' href='{csv_href(frame)}'>"
            f"{esc(t('dsh_download', table=caption))}</a></p>")


def figure(svg: str, caption: str) -> str:
    """A chart with a visible caption that points to the table holding the same numbers."""
    return f"<figure>{svg}<figcaption class='valmennus-note'>{esc(caption)}</figcaption></figure>"


def page(title: str, intro: str, sections: list[str], cohorts: list[str], as_of: datetime,
         stable_ids: bool, viewer_note: str = "") -> str:
    """The whole dashboard: heading, what it shows and hides, the cohorts and time, then the sections."""
    notes = [t("dsh_as_of", cohorts=", ".join(cohorts) or "–", time=local_datetime(as_of))]
    if not stable_ids:
        notes.append(t("dsh_ids_change"))
    if viewer_note:
        notes.append(viewer_note)
    head = "".join(f"<p class='valmennus-note'>{esc(n)}</p>" for n in notes)
    return "\n".join([CSS, "<div class='valmennus-dash' lang='" + current_language() + "'>",
                      f"<h1>{esc(title)}</h1>", f"<p>{esc(intro)}</p>", head, *sections, "</div>"])


def section(title: str, intro: str, *parts: str) -> str:
    return "\n".join([f"<section><h2>{esc(title)}</h2>", f"<p>{esc(intro)}</p>" if intro else "", *parts,
                      "</section>"])


def empty_note(text: str) -> str:
    return f"<p class='valmennus-note'>{esc(text)}</p>"
