"""Completion checks for locked autograder test cells.

nbgrader scores a test cell 0 on any error *or any output on stderr*, and reads a number left as
the cell's value as partial credit. So a check re-reads the answers file (never a widget's value,
which does not exist in the grading kernel), prints nothing, returns None when the task is done,
and otherwise raises ``TaskIncomplete`` with a Finnish message that names what is missing.
"""

from __future__ import annotations

from typing import Any

from .answers import AnswerStore
from .i18n import t
from .items import Item, get, is_answered, quiz_value_is_correct, valid_value, word_count
from .uploads import image_path


class TaskIncomplete(AssertionError):
    """A completion check that did not pass; the message is for the participant."""


def _show_message_only(shell: Any, etype: type, value: BaseException, tb: Any,
                       tb_offset: int | None = None) -> list[str]:
    """Show a failed check as its message alone, still as an error output (which scores 0).

    A full traceback would show the participant our code and the server's paths instead of
    what is missing from their task.
    """
    stb = [f"{etype.__name__}: {value}"]
    shell._showtraceback(etype, value, stb)
    return stb


def _install_message_only_display() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is always there with Jupyter
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "_showtraceback"):
        shell.set_custom_exc((TaskIncomplete,), _show_message_only)


_install_message_only_display()


def _shortfall(item: Item, value: Any, folder: str | None) -> str | None:
    """What keeps an answered item from counting as done (minimum words, ticks, the image file)."""
    text = value if item.kind == "text" else value.get("text", "") if item.kind == "response" else None
    if item.kind == "response" and value["mode"] == "image":
        if image_path(AnswerStore("x", folder).folder, value["image"]) is None:
            return t("check_no_image", label=item.short_label())
        return None
    if text is not None and word_count(text) < item.min_words:
        return t("check_short", n=word_count(text), min=item.min_words, label=item.short_label())
    if item.kind == "checklist" and len(value) < item.min_checked:
        return t("check_few", n=len(value), min=item.min_checked, label=item.short_label())
    return None


def missing(notebook_id: str, *item_ids: str, folder: str | None = None, correct: bool = False) -> list[str]:
    """What is still missing among ``item_ids``, as sentences in the course language.

    With ``correct``, a quiz also needs the right answer, recomputed from the item bank (the
    ``correct`` flag in the file is the participant's to edit, so it is never trusted).
    """
    loaded = AnswerStore(notebook_id, folder, read_only=True).load()
    if loaded.problem:
        return [t("check_file", problem=t(loaded.problem, name=""))]
    problems = []
    for item_id in item_ids:
        item = get(item_id)
        entry = loaded.entries.get(item_id)
        value = entry.get("value") if entry else None
        if value is not None and not valid_value(item, value):
            problems.append(t("check_invalid", label=item.short_label()))
        elif not is_answered(item, value):
            problems.append(t("check_missing", label=item.short_label()))
        elif correct and item.kind == "quiz" and not quiz_value_is_correct(item, value):
            problems.append(t("check_wrong", label=item.short_label()))
        elif (shortfall := _shortfall(item, value, folder)) is not None:
            problems.append(shortfall)
    return problems


def require(notebook_id: str, *item_ids: str, folder: str | None = None) -> None:
    """Pass silently when every item is answered (text: at least its minimum words); else raise."""
    problems = missing(notebook_id, *item_ids, folder=folder)
    if problems:
        raise TaskIncomplete("\n".join([t("check_intro"), *(f"- {p}" for p in problems)]))


def require_correct(notebook_id: str, *item_ids: str, folder: str | None = None) -> None:
    """Like ``require``, and every quiz among ``item_ids`` must be answered right (autograded quiz)."""
    problems = missing(notebook_id, *item_ids, folder=folder, correct=True)
    if problems:
        raise TaskIncomplete("\n".join([t("check_intro"), *(f"- {p}" for p in problems)]))
