"""The escaped echo of saved answers.

The facilitator in formgrader and the participant in the feedback HTML see widgets only as empty
boxes, so a locked summary cell prints the saved answers as static HTML. Everything a participant
wrote is escaped: a reflection containing ``<script>`` shows as text, never runs. An uploaded image
is embedded (as a data: URI, with alt text), so the feedback page is complete on its own.

The markup is ``templates/summary.html.j2`` (the table), ``answer.html.j2`` (one item while nbgrader
grades) and the ``answer`` macro of ``macros.html.j2``; this module decides what each answer says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from .answers import AnswerStore, LoadResult
from .i18n import local_datetime, t
from .items import CANT_SAY, RULER_FOLLOW_UPS, Item, is_answered, quiz_is_correct, valid_value
from .templates import Cell, Markup, Row, macro, render
from .uploads import image_data_uri


class Answer(NamedTuple):
    """What one saved answer shows (the ``answer`` macro draws it); every text is escaped there.

    ``kind``: ``note`` (a remark in italics), ``plain`` (text), ``text`` (text keeping its line breaks),
    ``options`` (a list, and a verdict if any), ``ruler`` (the score, then follow-ups) or ``image``.
    """

    kind: str
    text: str = ""
    labels: Sequence[str] = ()
    verdict: str = ""
    follow_ups: Sequence[tuple[str, str]] = ()  # (question, answer) of a ruler
    uri: str = ""
    alt: str = ""


def _options(item: Item, ids: list[str], verdict: str = "") -> Answer:
    return Answer("options", labels=[o.label() for o in item.options if o.id in ids], verdict=verdict)


def _image(item: Item, value: dict[str, Any], folder: Path | None) -> Answer:
    ref = value.get("image")
    if not ref:
        return Answer("note", t("upload_none"))
    name = ref.get("original", ref["file"])
    uri = image_data_uri(folder, ref) if folder is not None else None
    if uri is None:
        return Answer("note", t("upload_missing", name=name))
    return Answer("image", uri=uri, alt=t("upload_alt", name=name))


def _answered(item: Item, value: Any, folder: Path | None) -> Answer:
    kind = item.kind
    if kind in ("likert5", "cando4"):
        if value == CANT_SAY:
            return Answer("plain", t("cant_say"))
        return Answer("plain", f"{value} – {t(('likert_' if kind == 'likert5' else 'cando_') + str(value))}")
    if kind == "quiz":
        verdict = t("quiz_correct") if quiz_is_correct(item, value["chosen"]) else t("quiz_incorrect")
        return _options(item, value["chosen"], verdict)
    if kind == "checklist":
        return _options(item, value)
    if kind == "choice":
        option = item.option(value)
        return Answer("plain", option.label() if option else value)
    if kind == "ruler":
        follow_ups = [(t(f"ruler_{key}"), value[key]) for key in RULER_FOLLOW_UPS if value.get(key, "").strip()]
        return Answer("ruler", t("ruler_value", score=value["score"]), follow_ups=follow_ups)
    if kind == "share":
        mode = value["mode"]
        if mode == "nickname" and not value.get("nickname", "").strip():
            mode = "none"
        return Answer("plain", t(f"share_value_{mode}", nickname=value.get("nickname", "")))
    if kind == "response" and value["mode"] == "image":
        return _image(item, value, folder)
    if kind == "response":
        return Answer("text", value["text"])
    return Answer("text", value)


def answer_of(item: Item, value: Any, folder: Path | None = None) -> Answer:
    """What one saved value shows, in the reader's language; ``folder`` finds uploaded images."""
    if item.kind == "share" and value is None:
        return Answer("plain", t("share_value_none"))  # nothing saved means not shared
    if value is None:
        return Answer("note", t("not_answered"))
    if not valid_value(item, value):
        return Answer("note", t("invalid_value"))
    if not is_answered(item, value):
        return Answer("note", t("not_answered"))
    return _answered(item, value, folder)


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
