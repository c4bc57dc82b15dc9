"""What every answer widget shares: an ipywidgets composite whose ``value`` is the saved answer.

Each kind is a ``VBox`` of its controls and a status line, with one observable ``value`` trait
(not synced to the browser) holding exactly what the answers file holds for the item (``None``:
nothing saved). ``value`` changes only after the write returned, whichever way it was asked for:

- a participant changes a control: the value read from the controls is saved, then ``value`` is set;
- code sets ``value`` (or ``ipywidgets.link`` does): the value is checked, saved, and only then
  taken, and the controls are set to show it.

A value the item's own validation refuses (a text over ``MAX_TEXT_CHARS``, an option the item does
not have) or a write that fails leaves ``value`` and the file as they were, and the status line
says so in words the participant understands; a participant's refused change stays on screen. So
``value`` observers fire once per saved change and never for a refused one, and "Tallennettu"
always means the answer comes back. A control emptied back to "no answer" removes the saved answer
(``value`` becomes ``None``), so the file never holds what the screen no longer shows.

Built from the saved value first, observers attached after: re-running a cell never rewrites the file.

Every control carries its own visible label as its ``description`` (ipywidgets renders it as a
``<label>`` tied to the input, so screen readers announce the question), laid out above the control
so that long Finnish questions wrap instead of being cut off; a single choice is a ``RadioGroup``
(``radiogroup.py``: a native fieldset, its question the legend, arrow keys between its radios). The
styles are in one stylesheet, ``valmennus/static/widgets.css``, that the notebook's setup cell shows
once (``notebook.stylesheet``); the widgets only name its classes. Controls drawn alike share their
layout and style models (``shared.py``), so that a week opens with as few models as it needs.
"""

from __future__ import annotations

import copy
from typing import Any

import ipywidgets as w
import traitlets as tl

from ..answers import AnswerStore
from ..i18n import local_time, t
from ..items import Item, valid_value
from ..summary import saved_at_text
from ..templates import macro
from .shared import html, shared, style_of

LABEL_STYLE = {"description_width": "initial"}


def stacked(width: str = "100%") -> w.Layout:
    """A layout that puts a control's label above it, for labels longer than one line (one shared per width)."""
    return shared(f"stacked:{width}", lambda: w.Layout(display="flex", flex_flow="column", align_items="stretch",
                                                         width=width, max_width="48em"))


def labelled(cls: type[w.DOMWidget], description: str, **kwargs: Any) -> Any:
    """A control with a visible label that is also its accessible name (plain text, never HTML)."""
    kwargs.setdefault("layout", stacked())
    # tooltip "" : ipywidgets 8.1 otherwise writes title="null" on the label
    return cls(description=description, description_allow_html=False, style=style_of(cls, **LABEL_STYLE),
               tooltip="", **kwargs)


def part(name: str, /, *args: Any, **kwargs: Any) -> str:
    """Macro ``name`` of ``templates/widget_parts.html.j2`` as a plain string, its values escaped there."""
    return str(macro("widget_parts.html.j2", name)(*args, **kwargs))


def checkbox(description: str) -> w.Checkbox:
    """One option of a list of ticks, its words as its label."""
    return w.Checkbox(value=False, description=description, indent=False, layout=auto_width(),
                      style=style_of(w.Checkbox))


def auto_width() -> w.Layout:
    """As wide as its content, at most a line of text (checkboxes, the upload button); shared."""
    return shared("auto-width", lambda: w.Layout(width="auto", max_width="48em"))


def question_html(item: Item) -> w.HTML:
    """The question above a group of checkboxes (each box has its own label)."""
    return html(part("question", item.label()))


class InvalidAnswer(ValueError):
    """The controls hold a value the item's validation refuses: saved, it would read back as unanswered."""


def status_html(text: str, kind: str) -> str:
    """A status line; errors are an alert, spelled out in words (never colour alone)."""
    return part("status", text, kind)


class SavedAnswer(tl.Any):
    """Any value, ``None`` (no answer) included; every one goes through the owner's ``@validate``.

    traitlets skips validators for ``None`` when ``allow_none`` is set, but removing an answer is a
    write like any other: it must be checked, written and reported before ``value`` takes it.
    """

    def _validate(self, obj: Any, value: Any) -> Any:
        if obj._cross_validation_lock is False:
            value = self._cross_validate(obj, value)
        return value


class AnswerWidget(w.VBox):
    """Controls for one item and a status line; ``value`` is the saved answer, saved on every change."""

    value = SavedAnswer(None, allow_none=True,
                        help="The item's answer exactly as the answers file holds it (None: nothing saved).",
                        ).tag(sync=False)

    css_class = ""

    def __init__(self, store: AnswerStore, item: Item, **kwargs: Any) -> None:
        self.store = store
        self.item = item
        self._bound = False  # until the controls hold the saved value, nothing is saved or shown
        self._pushing = False  # the controls are being set from ``value``: not a participant's change
        self._from_controls = False  # ``value`` is being set from the controls: they show it already
        self._committed = False
        self.entry = store.load().entries.get(item.id)
        saved = self.entry.get("value") if self.entry else None
        self.invalid_saved = saved is not None and not valid_value(item, saved)
        self.initial = saved if (saved is not None and not self.invalid_saved) else None
        self._saved = copy.deepcopy(self.initial)  # what the file holds for the item, as far as we know
        self.status = html(self._initial_status())
        rows = self.build()
        kwargs.setdefault("layout", shared("answer", lambda: w.Layout(margin="0 0 1.5em 0")))
        super().__init__(children=[*rows, self.status], **kwargs)
        self.add_class("valmennus-answer")
        if self.css_class:
            self.add_class(self.css_class)
        self.show(self.initial)
        self.value = self._kept()  # not bound yet: neither written nor pushed back
        self.bind()  # only after the saved value is in place
        self._bound = True

    def __repr__(self) -> str:  # text/plain of the output (kept in the .ipynb): never the participant's text
        return f"<valmennus {type(self).__name__} {self.item.id}>"

    @property
    def box(self) -> AnswerWidget:
        """The widget itself (it once was a plain object holding a box)."""
        return self

    # subclasses ------------------------------------------------------------------------------
    def build(self) -> list[w.Widget]:
        """The rows of the widget, empty; the default is one control (``build_control``) and extra rows."""
        self.control = self.build_control()
        return [self.control, *self.extra_rows()]

    def build_control(self) -> w.DOMWidget:
        raise NotImplementedError

    def extra_rows(self) -> list[w.Widget]:
        return []

    def watched(self) -> list[w.Widget]:
        """The controls whose changes are saved."""
        return [self.control]

    def bind(self) -> None:
        """Start listening to the participant's changes."""
        for control in self.watched():
            control.observe(self._on_change, names="value")

    def show_controls(self, value: Any) -> None:
        """Set the controls to show a (valid, normalised) value; ``None`` shows an unanswered item."""
        self.control.value = value

    def show(self, value: Any) -> None:
        """The controls and what is derived from them (word count, feedback) for ``value``."""
        self.show_controls(value)
        self.after_change(self.current_value())

    def normalize(self, value: Any) -> Any:
        """A valid value in the shape the controls would save it; ``None`` if it is no answer at all."""
        return value

    def current_value(self) -> Any:
        """The value to save, read from the controls."""
        return self.value_from_control(self.control.value)

    def value_from_control(self, value: Any) -> Any:
        return value

    def after_change(self, value: Any) -> None:
        """Hook for live feedback (word count, quiz feedback) that must not wait for the write."""

    # value ------------------------------------------------------------------------------------
    @tl.validate("value")
    def _check_value(self, proposal: tl.Bunch) -> Any:
        """Take a new value only once it is in the file; else keep the saved one and say why."""
        value = proposal["value"]
        if not self._bound:
            return value
        if value is not None:
            if not valid_value(self.item, value):
                self._refused(InvalidAnswer(self.item.id))  # as a participant's invalid change is
                return self._kept()
            value = copy.deepcopy(self.normalize(value))  # never shared with the caller's objects
        if value == self._saved:
            self._committed = True
            return self._kept()
        return value if self._commit(value) else self._kept()

    def _kept(self) -> Any:
        """The saved value, as ``value`` holds it (equal to it, so no change is announced)."""
        return copy.deepcopy(self._saved)

    @tl.observe("value")
    def _value_changed(self, change: tl.Bunch) -> None:
        if not self._bound or self._from_controls:
            return
        self._pushing = True
        try:
            self.show(change["new"])
        finally:
            self._pushing = False

    def offer(self, candidate: Any) -> bool:
        """Save a value read from the controls; return whether the file now holds it."""
        if candidate == self._saved:  # nothing new, but written again so the status tells the truth
            return self._commit(candidate)
        self._committed = False
        self._from_controls = True
        try:
            self.value = candidate
        finally:
            self._from_controls = False
        return self._committed

    def _on_change(self, _change: dict[str, Any]) -> None:
        if self._pushing:
            return
        value = self.current_value()
        self.after_change(value)
        self.offer(value)

    # saving ----------------------------------------------------------------------------------
    def _initial_status(self) -> str:
        if self.invalid_saved:
            return status_html(t("invalid_value"), "warning")
        when = saved_at_text(self.entry)
        return status_html(t("saved_on", when=when), "ok") if when else ""

    def _commit(self, value: Any) -> bool:
        """Write ``value`` (``None``: remove the answer); on success it is what the file holds."""
        # e.g. a ruler's follow-ups emptied before any score: no answer any more
        self._committed = self._erase() if value is None else self._write(value)
        if self._committed:
            self._saved = copy.deepcopy(value)
        return self._committed

    def _refused(self, exc: Exception) -> None:
        """Any failure must reach the participant, never pass silently."""
        self.status.value = status_html(t("save_failed", reason=type(exc).__name__), "error")

    def _write(self, value: Any) -> bool:
        """Write ``value`` and say so truthfully; return whether it was written (only ``_commit`` calls this)."""
        try:
            if not valid_value(self.item, value):
                raise InvalidAnswer(self.item.id)
            saved_at = self.store.set(self.item.id, value)
        except Exception as exc:
            self._refused(exc)
            return False
        self.status.value = status_html(t("saved_at", time=local_time(saved_at)), "ok")
        return True

    def _erase(self) -> bool:
        """Remove the saved answer of a control emptied back to "no answer"; say so truthfully."""
        try:
            removed_at = self.store.remove(self.item.id)
        except Exception as exc:
            self._refused(exc)
            return False
        # Nothing saved and nothing to save: no status; an emptied answer removed: saved like any change.
        self.status.value = status_html(t("saved_at", time=local_time(removed_at)), "ok") if removed_at else ""
        return True
