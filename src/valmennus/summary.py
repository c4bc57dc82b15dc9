"""The escaped echo of saved answers.

The facilitator in formgrader and the participant in the feedback HTML see widgets only as empty
boxes, so a locked summary cell prints the saved answers as static HTML. Everything a participant
wrote is escaped: a reflection containing ``<script>`` shows as text, never runs. An uploaded image
is embedded (as a data: URI, with alt text), so the feedback page is complete on its own.

The markup is ``templates/summary.html.j2`` (the table), ``answer.html.j2`` (one item while nbgrader
grades) and the ``answer`` macro of ``macros.html.j2``; each item's kind decides what its answer says
(``ItemKind.summary``, an ``Answer``), this module what is said for no answer and lays out the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from .answers import AnswerStore, LoadResult
from .i18n import local_datetime, t
from .items import Item, is_answered, valid_value
from .kinds import kind
from .kinds.base import Answer
from .templates import Cell, Markup, Row, macro, render


def answer_of(item: Item, value: Any, folder: Path | None = None) -> Answer:
    """What one saved value shows, in the reader's language; ``folder`` finds uploaded images.

    Nothing saved, a value no widget could have written, and an empty answer read the same for every
    kind (a share saved as nothing reads as not shared); an answer reads as its kind says. An item for the
    course team (``anonymous``) never shows an answer here, only where it went (``valmennus.anonymous``):
    the coach reads this summary in formgrader and on the feedback page.
    """
    if item.anonymous:
        return Answer("note", t("course_team_note"))
    if value is None:
        return kind(item.kind).summary_none(item)
    if not valid_value(item, value):
        return Answer("note", t("invalid_value"))
    if not is_answered(item, value):
        return Answer("note", t("not_answered"))
    return kind(item.kind).summary(item, value, folder)


def format_value(item: Item, value: Any, folder: Path | None = None) -> Markup:
    """One saved value as escaped HTML, in the reader's language; ``folder`` finds uploaded images."""
    return macro("macros.html.j2", "answer")(answer_of(item, value, folder))


def saved_at_text(entry: dict[str, Any] | None) -> str:
    if not entry or not isinstance(entry.get("saved_at"), str):
        return ""
    try:
        return local_datetime(datetime.fromisoformat(entry["saved_at"]))
    except ValueError:
        return ""


def render_html(items: Iterable[Item], loaded: LoadResult, folder: Path | None = None) -> str:
    """A table: question, answer, when saved; a clear line first if the file could not be read."""
    problem = ""
    if loaded.problem:
        problem = t(loaded.problem, name=loaded.moved_to.name if loaded.moved_to else "")
    items = list(items)
    rows = []
    for item in items:
        entry = loaded.entries.get(item.id)
        value = entry.get("value") if entry else None
        rows.append(Row([Cell(item.label()), Cell(format_value(item, value, folder)), Cell(saved_at_text(entry))]))
    return str(render("summary.html.j2", problem=problem, rows=rows,
                      saved_any=any(item.id in loaded.entries for item in items)))


def render_item_html(item: Item, store: AnswerStore) -> str:
    """One question and its saved answer, for widget cells while nbgrader grades (no live widget)."""
    value = store.values().get(item.id)
    return str(render("answer.html.j2", label=item.label(), value=answer_of(item, value, store.folder)))
