"""Completion checks for locked autograder test cells.

nbgrader scores a test cell 0 on any error *or any output on stderr*, and reads a number left as
the cell's value as partial credit. So a check re-reads the answers file (never a widget's value,
which does not exist in the grading kernel), prints nothing, returns None when the task is done,
and otherwise raises ``TaskIncomplete`` with a Finnish message that names what is missing.
"""

from __future__ import annotations

from typing import Any

from .anonymous import CourseTeamStore, given_in
from .answers import AnswerStore, grading_mode
from .i18n import t
from .items import get, is_answered, valid_value
from .kinds import kind


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


def missing(notebook_id: str, *item_ids: str, folder: str | None = None, correct: bool = False) -> list[str]:
    """What is still missing among ``item_ids``, as sentences in the course language.

    With ``correct``, an item with a right answer (a quiz) also needs it, recomputed from the item bank
    by its kind (the ``correct`` flag in the file is the participant's to edit, so it is never trusted).

    Items for the course team (``anonymous``) are not in the submitted file: while nbgrader grades, they
    are done when its yes/no flag says the course feedback is given (one sentence, naming no item, since
    the grader is not to know which were answered); in the participant's own kernel or app they are read
    from her course team's file and named one by one (``valmennus.anonymous``).
    """
    store = AnswerStore(notebook_id, folder, read_only=True)
    loaded = store.load()
    if loaded.problem:
        return [t("check_file", problem=t(loaded.problem, name=""))]
    grading = grading_mode() is not None
    team = {} if grading else CourseTeamStore(notebook_id, folder, read_only=True).load().entries
    problems = []
    told_given = False
    for item_id in item_ids:
        item = get(item_id)
        if item.anonymous and grading:
            if not given_in(loaded.entries) and not told_given:
                problems.append(t("check_course_team"))
                told_given = True
            continue
        entry = (team if item.anonymous else loaded.entries).get(item_id)
        value = entry.get("value") if entry else None
        if value is not None and not valid_value(item, value):
            problems.append(t("check_invalid", label=item.short_label()))
        elif not is_answered(item, value):
            problems.append(t("check_missing", label=item.short_label()))
        elif correct and kind(item.kind).correct(item, value) is False:
            problems.append(t("check_wrong", label=item.short_label()))
        elif (shortfall := kind(item.kind).shortfall(item, value, store.folder)) is not None:
            problems.append(shortfall)  # by the kind: too few words or ticks, an image gone
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
