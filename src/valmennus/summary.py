"""The escaped echo of saved answers.

The facilitator in formgrader and the participant in the feedback HTML see widgets only as empty
boxes, so a locked summary cell prints the saved answers as static HTML. Everything a participant
wrote is escaped: a reflection containing ``<script>`` shows as text, never runs. An uploaded image
is embedded (as a data: URI, with alt text), so the feedback page is complete on its own.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from .answers import AnswerStore, LoadResult
from .i18n import local_datetime, t
from .items import CANT_SAY, RULER_FOLLOW_UPS, Item, is_answered, quiz_is_correct, valid_value

_STYLE = ("<style>.valmennus-summary{border-collapse:collapse;max-width:60em}"
          ".valmennus-summary th,.valmennus-summary td{border:1px solid #999;padding:.4em;"
          "text-align:left !important;vertical-align:top}</style>")


def _text(value: str) -> str:
    return html.escape(value).replace("\n", "<br>\n")


def _options(item: Item, ids: list[str]) -> str:
    labels = [o.label() for o in item.options if o.id in ids]
    return "<ul>" + "".join(f"<li>{html.escape(label)}</li>" for label in labels) + "</ul>"


def _image(item: Item, value: dict[str, Any], folder: Path | None) -> str:
    from .widgets.files import image_data_uri  # lazy: widgets import this module

    ref = value.get("image")
    if not ref:
        return f"<em>{html.escape(t('upload_none'))}</em>"
    name = ref.get("original", ref["file"])
    uri = image_data_uri(folder, ref) if folder is not None else None
    if uri is None:
        return f"<em>{html.escape(t('upload_missing', name=name))}</em>"
    return (f"<img src='{uri}' alt='{html.escape(t('upload_alt', name=name))}' "
            "style='max-width:min(100%,32em);max-height:24em'>")


def _format_answered(item: Item, value: Any, folder: Path | None) -> str:
    kind = item.kind
    if kind in ("likert5", "cando4"):
        if value == CANT_SAY:
            return html.escape(t("cant_say"))
        return html.escape(f"{value} – {t(('likert_' if kind == 'likert5' else 'cando_') + str(value))}")
    if kind == "quiz":
        verdict = t("quiz_correct") if quiz_is_correct(item, value["chosen"]) else t("quiz_incorrect")
        return _options(item, value["chosen"]) + f"<p>{html.escape(verdict)}</p>"
    if kind == "checklist":
        return _options(item, value)
    if kind == "choice":
        option = item.option(value)
        return html.escape(option.label() if option else value)
    if kind == "ruler":
        parts = [f"<p><strong>{html.escape(t('ruler_value', score=value['score']))}</strong></p>"]
        for key in RULER_FOLLOW_UPS:
            if value.get(key, "").strip():
                parts.append(f"<p><em>{html.escape(t(f'ruler_{key}'))}</em><br>\n{_text(value[key])}</p>")
        return "".join(parts)
    if kind == "share":
        mode = value["mode"]
        if mode == "nickname" and not value.get("nickname", "").strip():
            mode = "none"
        return html.escape(t(f"share_value_{mode}", nickname=value.get("nickname", "")))
    if kind == "response" and value["mode"] == "image":
        return _image(item, value, folder)
    if kind == "response":
        return _text(value["text"])
    return _text(value)


def format_value(item: Item, value: Any, folder: Path | None = None) -> str:
    """One saved value as escaped HTML, in the reader's language; ``folder`` finds uploaded images."""
    if item.kind == "share" and value is None:
        return html.escape(t("share_value_none"))  # nothing saved means not shared
    if value is None:
        return f"<em>{html.escape(t('not_answered'))}</em>"
    if not valid_value(item, value):
        return f"<em>{html.escape(t('invalid_value'))}</em>"
    if not is_answered(item, value):
        return f"<em>{html.escape(t('not_answered'))}</em>"
    return _format_answered(item, value, folder)


def saved_at_text(entry: dict[str, Any] | None) -> str:
    if not entry or not isinstance(entry.get("saved_at"), str):
        return ""
    try:
        return local_datetime(datetime.fromisoformat(entry["saved_at"]))
    except ValueError:
        return ""


def render_html(items: Iterable[Item], loaded: LoadResult, folder: Path | None = None) -> str:
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
                    f"<td>{format_value(item, value, folder)}</td><td>{html.escape(saved_at_text(entry))}</td></tr>")
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
            f"<blockquote>{format_value(item, value, store.folder)}</blockquote>"
            f"<p><small>{html.escape(t('read_only'))}</small></p></div>")
