"""The escaped echo of saved answers.

The facilitator in formgrader and the participant in the feedback HTML see widgets only as empty
boxes, so a locked summary cell prints the saved answers as static HTML. Everything a participant
wrote is escaped: a reflection containing ``<script>`` shows as text, never runs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from .answers import AnswerStore, LoadResult
from .i18n import local_datetime, t
from .items import CANT_SAY, Item, is_answered, valid_value

_STYLE = ("<style>.valmennus-summary{border-collapse:collapse;max-width:60em}"
          ".valmennus-summary th,.valmennus-summary td{border:1px solid #999;padding:.4em;"
          "text-align:left !important;vertical-align:top}</style>")


def format_value(item: Item, value: Any) -> str:
    """One saved value as escaped HTML, in the reader's language."""
    if value is None:
        return f"<em>{html.escape(t('not_answered'))}</em>"
    if not valid_value(item, value):
        return f"<em>{html.escape(t('invalid_value'))}</em>"
    if item.kind == "likert5":
        return html.escape(t("cant_say") if value == CANT_SAY else f"{value} – {t(f'likert_{value}')}")
    if not is_answered(item, value):
        return f"<em>{html.escape(t('not_answered'))}</em>"
    return html.escape(value).replace("\n", "<br>\n")


def saved_at_text(entry: dict[str, Any] | None) -> str:
    if not entry or not isinstance(entry.get("saved_at"), str):
        return ""
    try:
        return local_datetime(datetime.fromisoformat(entry["saved_at"]))
    except ValueError:
        return ""


def render_html(items: Iterable[Item], loaded: LoadResult) -> str:
    """A table: question, answer, when saved; a clear line first if the file could not be read."""
    parts = [_STYLE, f"<h3>{html.escape(t('summary_title'))}</h3>"]
    if loaded.problem:
        name = loaded.moved_to.name if loaded.moved_to else ""
        parts.append(f"<p role='alert'><strong>{html.escape(t(loaded.problem, name=name))}</strong></p>")
    items = list(items)
    if not any(item.id in loaded.entries for item in items):
        parts.append(f"<p>{html.escape(t('summary_none'))}</p>")
    rows = []
    for item in items:
        entry = loaded.entries.get(item.id)
        value = entry.get("value") if entry else None
        rows.append(f"<tr><th scope='row'>{html.escape(item.label())}</th>"
                    f"<td>{format_value(item, value)}</td><td>{html.escape(saved_at_text(entry))}</td></tr>")
    parts.append(
        "<table class='valmennus-summary'><thead><tr>"
        f"<th scope='col'>{html.escape(t('summary_question'))}</th>"
        f"<th scope='col'>{html.escape(t('summary_answer'))}</th>"
        f"<th scope='col'>{html.escape(t('summary_saved'))}</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>")
    return "\n".join(parts)


def render_item_html(item: Item, store: AnswerStore) -> str:
    """One question and its saved answer, for widget cells while nbgrader grades (no live widget)."""
    value = store.values().get(item.id)
    return (f"<div class='valmennus-answer'><p><strong>{html.escape(item.label())}</strong></p>"
            f"<blockquote>{format_value(item, value)}</blockquote>"
            f"<p><small>{html.escape(t('read_only'))}</small></p></div>")
