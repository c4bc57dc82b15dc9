"""What every dashboard page shares: the frame, accessible tables with a CSV download, numbers, notes.

Tables are built from *display* frames (translated headings, pseudonyms, formatted numbers), and the
CSV download is exactly that frame: what can be downloaded is what is on the screen, never a login
id or a raw table. The markup is ``templates/dashboard.html.j2`` (the page, on ``page.html.j2``) and
the macros of ``templates/macros.html.j2`` (tables, charts, sections, notes), which escape everything
once. A downloaded cell that a spreadsheet would run as a formula (a facilitator's view shows names,
and a name can start with ``=``) is neutralised first (``spreadsheet_safe``, the rule the grade export
uses too).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Iterable
from datetime import datetime

import pandas as pd

from .. import i18n
from ..i18n import current_language, local_datetime, t, tn
from ..records.spreadsheet import to_safe_csv
from ..templates import Cell, Markup, Row, macro, render, trusted
from .privacy import MIN_GROUP


class Html:
    """Rendered by Jupyter and Voilà as HTML (``_repr_html_``); ``str()`` gives the markup."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def csv_href(frame: pd.DataFrame) -> str:
    """A ``data:`` URI of ``frame`` as CSV (spreadsheet-safe), for a download link."""
    text = to_safe_csv(frame)
    return "data:text/csv;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


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


def _macro(name: str) -> Callable[..., Markup]:
    return macro("macros.html.j2", name)


def table(frame: pd.DataFrame, caption: str, filename: str, numeric: Iterable[str] = (),
          row_classes: list[str] | None = None) -> Markup:
    """An accessible table (caption, column and row headers) and a link that downloads it as CSV."""
    if frame.empty:
        return empty_note(f"{caption}: {t('dsh_no_data')}")
    numeric = set(numeric)
    rows = [Row([Cell(row[0]), *(Cell(value, "num" if column in numeric else "")
                                 for column, value in zip(frame.columns[1:], row[1:], strict=True))],
                row_classes[i] if row_classes else "")
            for i, row in enumerate(frame.itertuples(index=False))]
    return (_macro("data_table")(list(frame.columns), rows, caption=caption)
            + _macro("download")(f"{filename}.csv", csv_href(frame), t("dsh_download", table=caption)))


def figure(svg: str, caption: str) -> Markup:
    """A chart with a visible caption that points to the table holding the same numbers."""
    return _macro("figure")(trusted(svg), caption)  # the SVG is cohort.charts' own markup


def page(title: str, intro: str, sections: list[Markup], cohorts: list[str], as_of: datetime,
         stable_ids: bool, viewer_note: str | list[str] = "") -> str:
    """The whole dashboard: heading, what it shows and hides, the cohorts and time, then the sections
    (``section``'s markup; a plain string would be shown as text). ``viewer_note``: one note or several
    (who is looking, how fresh the store is: ``ViewContext.viewer_note``)."""
    notes = [t("dsh_as_of", cohorts=", ".join(cohorts) or "–", time=local_datetime(as_of))]
    if not stable_ids:
        notes.append(t("dsh_ids_change"))
    notes.extend([viewer_note] if isinstance(viewer_note, str) else viewer_note)
    notes = [n for n in notes if n]
    return str(render("dashboard.html.j2", title=title, intro=intro, notes=notes, sections=sections,
                      lang=current_language()))


def section(title: str, intro: str, *parts: Markup) -> Markup:
    """A section of a page: heading, what it shows (if anything is said), then its parts: the markup of
    ``table``, ``figure`` and ``empty_note`` (a plain string would be shown as text)."""
    return _macro("section")(title, intro, parts)


def empty_note(text: str) -> Markup:
    return _macro("note")(text)
