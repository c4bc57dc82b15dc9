"""What a week's notebook calls: one object per notebook, made in the locked setup cell.

    from valmennus import open_notebook
    nb = open_notebook("viikko1")
    nb.ask("W1_DIARY")            # a widget cell
    nb.summary()                  # the summary cell

``ask`` returns the item's answer widget, an ipywidgets composite whose ``value`` is the saved
answer (see widgets/base.py). Showing ``nb`` in the setup cell also brings the widgets' one
stylesheet (``static/widgets.css``), once per notebook.

While nbgrader grades, ``ask`` shows the saved answer as static HTML instead of a live widget:
nothing can be changed and the feedback page shows the words, not an empty box.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from .anonymous import CourseTeamStore
from .answers import AnswerStore, LoadResult
from .i18n import t
from .items import for_week, get
from .summary import render_html, render_item_html
from .templates import macro


def _part(name: str, /, *args: Any, **kwargs: Any) -> str:
    """Macro ``name`` of ``templates/widget_parts.html.j2`` (the notebook's own messages) as a plain string."""
    return str(macro("widget_parts.html.j2", name)(*args, **kwargs))


class _HTML:
    """A minimal displayable, so that importing the package does not need IPython at import time."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:  # text/plain fallback seen in logs; never the participant's text
        return "<valmennus HTML>"


@cache
def stylesheet_css() -> str:
    """The answer widgets' one stylesheet, as shipped with the package (``static/widgets.css``)."""
    return files("valmennus").joinpath("static", "widgets.css").read_text(encoding="utf-8")


def stylesheet() -> Any:
    """The stylesheet as one hidden ``ipywidgets.HTML``, shown once per notebook by its setup cell.

    A widget rather than an HTML output, so that the frontends apply it exactly as they render the
    answer widgets (an untrusted HTML output can be sanitised, a widget's markup is not).
    """
    import ipywidgets as w

    from .widgets.shared import style_of

    sheet = w.HTML(f"<style>{stylesheet_css()}</style>", layout=w.Layout(display="none"), style=style_of(w.HTML))
    sheet.add_class("valmennus-stylesheet")
    return sheet


class CourseNotebook:
    def __init__(self, notebook_id: str, week: str | None = None, folder: str | None = None) -> None:
        self.notebook_id = notebook_id
        self.week = week or notebook_id
        self.store = AnswerStore(notebook_id, folder)
        # the answers for the course team: a file of their own that is never submitted (valmennus.anonymous)
        self.course_team = CourseTeamStore(notebook_id, folder, week=self.week)
        self.asked: list[str] = []  # item ids in the order the notebook asked them
        # Read once at start-up: a broken file is moved aside now, and the participant is told.
        self.opened: LoadResult = self.store.load()
        if not self.opened.problem and not self.store.read_only:
            team = self.course_team.load()  # its own damage is told the same way
            self.opened = team if team.problem else self.opened

    def _repr_html_(self) -> str:
        if self.opened.problem:
            name = self.opened.moved_to.name if self.opened.moved_to else ""
            return _part("alert", t(self.opened.problem, name=name), strong=True)
        if self.store.read_only:
            return _part("small_note", t("read_only"))
        return ""

    def __repr__(self) -> str:
        return f"<valmennus notebook {self.notebook_id}>"

    def _ipython_display_(self) -> None:
        """The setup cell's output: any problem with the answers file, and the widgets' stylesheet."""
        from IPython.display import HTML, display

        message = self._repr_html_()
        if message:
            display(HTML(message))
        if not self.store.read_only:  # under grading no widget is shown, so no stylesheet is needed
            display(stylesheet())

    def ask(self, item_id: str) -> Any:
        """The widget for one item of the bank (or, under grading, its saved answer as HTML)."""
        item = get(item_id)
        if item_id not in self.asked:
            self.asked.append(item_id)
        if self.store.read_only:  # an item for the course team shows only where its answer went
            return _HTML(render_item_html(item, self.store))
        from .widgets import WIDGET_FOR_KIND  # only a participant's kernel needs ipywidgets

        return WIDGET_FOR_KIND[item.kind](self.course_team if item.anonymous else self.store, item)

    def ask_all(self, *item_ids: str) -> Any:
        """Several items in one cell (a self-assessment block)."""
        shown = [self.ask(i) for i in item_ids]
        if self.store.read_only:
            return _HTML("\n".join(s.markup for s in shown))
        from .widgets.shared import vbox

        return vbox(shown)

    def compare_with(self, baseline: str) -> _HTML:
        """The participant's own change since ``baseline`` (a sibling week's folder), by area; see own_change."""
        from pathlib import Path

        from .own_change import own_change_html, read_answers

        before = read_answers(Path(self.store.folder).parent / baseline, baseline)
        if before is None:
            return _HTML(_part("paragraph", t("change_missing")))
        return _HTML(own_change_html(before, self.store.values()))

    def summary(self) -> _HTML:
        """Every item of this week with its saved answer, escaped, in the order the notebook asked them."""
        order = {item_id: n for n, item_id in enumerate(self.asked)}
        items = sorted(for_week(self.week), key=lambda item: order.get(item.id, len(order)))
        return _HTML(render_html(items, self.store.load(), self.store.folder))


def open_notebook(notebook_id: str, week: str | None = None) -> CourseNotebook:
    return CourseNotebook(notebook_id, week)
