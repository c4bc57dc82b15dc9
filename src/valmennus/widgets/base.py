"""What every answer widget shares: built from the saved value first, then bound to the store.

Observers are attached only after the controls hold the saved value, so re-running a cell never
rewrites the file. The status line says "Tallennettu klo 12.03" only after the write returned, and
a failed write says so in words the participant understands, keeping the answer on screen. A value
the item's own validation would refuse on reading (a text over ``MAX_TEXT_CHARS``) is not written
but reported the same way, so "saved" always means it comes back; and a control emptied back to
"no answer" removes the saved answer, so the file never holds what the screen no longer shows.

Every control carries its own visible label as its ``description`` (ipywidgets renders it as a
``<label>`` tied to the input, so screen readers announce the question), laid out above the control
so that long Finnish questions wrap instead of being cut off.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import local_time, t
from ..items import Item, valid_value
from ..summary import saved_at_text

# One small style sheet per answer box: ipywidgets' labels are one-line and clipped by default.
STYLE = """<style>
.valmennus-answer .widget-label{white-space:normal;overflow:visible;height:auto;line-height:1.4;
  max-width:48em;width:auto !important;font-weight:bold;margin-bottom:.3em;text-align:left}
.valmennus-answer .widget-radio-box label,.valmennus-answer .widget-checkbox label{white-space:normal;height:auto}
.valmennus-answer .widget-radio-box{max-width:48em}
.valmennus-answer .widget-checkbox .widget-label-basic span{font-weight:normal}
.valmennus-ruler .widget-radio-box{flex-direction:row;flex-wrap:wrap;gap:.2em 1.2em}
.valmennus-status{display:block;margin-top:.3em}
.valmennus-error{color:#a00000;font-weight:bold}
.valmennus-feedback{max-width:48em}
</style>"""

LABEL_STYLE = {"description_width": "initial"}


def stacked(width: str = "100%") -> w.Layout:
    """A layout that puts a control's label above it, for labels longer than one line."""
    return w.Layout(display="flex", flex_flow="column", align_items="stretch", width=width, max_width="48em")


def labelled(cls: type[w.DOMWidget], description: str, **kwargs: Any) -> Any:
    """A control with a visible label that is also its accessible name (plain text, never HTML)."""
    kwargs.setdefault("layout", stacked())
    # tooltip "" : ipywidgets 8.1 otherwise writes title="null" on the label
    return cls(description=description, description_allow_html=False, style=LABEL_STYLE, tooltip="", **kwargs)


class InvalidAnswer(ValueError):
    """The controls hold a value the item's validation refuses: saved, it would read back as unanswered."""


def status_html(text: str, kind: str) -> str:
    """A status line; errors are an alert, spelled out in words (never colour alone)."""
    role = " role='alert'" if kind == "error" else " role='status'"
    return f"<span class='valmennus-status valmennus-{kind}'{role}>{html.escape(text)}</span>"


class AnswerWidget:
    """Controls for one item and a status line, saving the item on every change."""

    css_class = ""

    def __init__(self, store: AnswerStore, item: Item) -> None:
        self.store = store
        self.item = item
        self.entry = store.load().entries.get(item.id)
        saved = self.entry.get("value") if self.entry else None
        self.invalid_saved = saved is not None and not valid_value(item, saved)
        self.initial = saved if (saved is not None and not self.invalid_saved) else None
        self.status = w.HTML(self._initial_status())
        rows = self.build(self.initial)
        for control in self.watched():  # only after the saved value is in place
            control.observe(self._on_change, names="value")
        self.box = w.VBox([w.HTML(STYLE), *rows, self.status], layout=w.Layout(margin="0 0 1.5em 0"))
        self.box.add_class("valmennus-answer")
        if self.css_class:
            self.box.add_class(self.css_class)

    # subclasses ------------------------------------------------------------------------------
    def build(self, initial: Any) -> list[w.Widget]:
        """The rows of the widget; the default is one control (``build_control``) and extra rows."""
        self.control = self.build_control(initial)
        return [self.control, *self.extra_rows()]

    def build_control(self, initial: Any) -> w.DOMWidget:
        raise NotImplementedError

    def extra_rows(self) -> list[w.Widget]:
        return []

    def watched(self) -> list[w.Widget]:
        """The controls whose changes are saved."""
        return [self.control]

    def current_value(self) -> Any:
        """The value to save, read from the controls."""
        return self.value_from_control(self.control.value)

    def value_from_control(self, value: Any) -> Any:
        return value

    def after_change(self, value: Any) -> None:
        """Hook for live feedback (word count, quiz feedback) that must not wait for the write."""

    # saving ----------------------------------------------------------------------------------
    def _initial_status(self) -> str:
        if self.invalid_saved:
            return status_html(t("invalid_value"), "warning")
        when = saved_at_text(self.entry)
        return status_html(t("saved_on", when=when), "ok") if when else ""

    def _on_change(self, _change: dict[str, Any]) -> None:
        value = self.current_value()
        self.after_change(value)
        if value is None:  # e.g. a ruler's follow-ups emptied before any score: no answer any more
            self.forget()
            return
        self.save(value)

    def save(self, value: Any) -> bool:
        """Write ``value`` and say so truthfully; return whether it was written."""
        try:
            if not valid_value(self.item, value):
                raise InvalidAnswer(self.item.id)
            saved_at = self.store.set(self.item.id, value)
        except Exception as exc:  # any failure must reach the participant, never pass silently
            self.status.value = status_html(t("save_failed", reason=type(exc).__name__), "error")
            return False
        self.status.value = status_html(t("saved_at", time=local_time(saved_at)), "ok")
        return True

    def forget(self) -> bool:
        """Remove the saved answer of a control emptied back to "no answer"; say so truthfully."""
        try:
            removed_at = self.store.remove(self.item.id)
        except Exception as exc:
            self.status.value = status_html(t("save_failed", reason=type(exc).__name__), "error")
            return False
        # Nothing saved and nothing to save: no status; an emptied answer removed: saved like any change.
        self.status.value = status_html(t("saved_at", time=local_time(removed_at)), "ok") if removed_at else ""
        return True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)
