"""What every answer widget shares: built from the saved value first, then bound to the store.

Observers are attached only after the control holds the saved value, so re-running a cell never
rewrites the file. The status line says "Tallennettu klo 12.03" only after the write returned, and
a failed write says so in words the participant understands, keeping the text on screen.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import local_time, t
from ..items import Item, valid_value
from ..summary import saved_at_text


class AnswerWidget:
    """A question (HTML label), a control, and a status line, saving one item on every change."""

    def __init__(self, store: AnswerStore, item: Item) -> None:
        self.store = store
        self.item = item
        self.entry = store.load().entries.get(item.id)
        saved = self.entry.get("value") if self.entry else None
        self.invalid_saved = saved is not None and not valid_value(item, saved)
        self.initial = saved if (saved is not None and not self.invalid_saved) else None
        self.label = w.HTML(f"<p class='valmennus-question'><strong>{html.escape(item.label())}</strong></p>")
        self.status = w.HTML(self._initial_status())
        self.control = self.build_control(self.initial)
        self.control.observe(self._on_change, names="value")  # only after the saved value is in place
        self.box = w.VBox([self.label, self.control, *self.extra_rows(), self.status],
                          layout=w.Layout(margin="0 0 1em 0"))
        self.box.add_class("valmennus-answer")

    # subclasses ------------------------------------------------------------------------------
    def build_control(self, initial: Any) -> w.DOMWidget:
        raise NotImplementedError

    def extra_rows(self) -> list[w.Widget]:
        return []

    def value_from_control(self, value: Any) -> Any:
        return value

    def after_change(self, value: Any) -> None:
        """Hook for live feedback (word count) that must not wait for the write."""

    # saving ----------------------------------------------------------------------------------
    def _initial_status(self) -> str:
        if self.invalid_saved:
            return self._status_html(t("invalid_value"), "warning")
        when = saved_at_text(self.entry)
        return self._status_html(t("saved_on", when=when), "ok") if when else ""

    @staticmethod
    def _status_html(text: str, kind: str) -> str:
        role = " role='alert'" if kind == "error" else " role='status'"
        return f"<span class='valmennus-status valmennus-{kind}'{role}>{html.escape(text)}</span>"

    def _on_change(self, change: dict[str, Any]) -> None:
        value = self.value_from_control(change["new"])
        self.after_change(value)
        try:
            saved_at = self.store.set(self.item.id, value)
        except Exception as exc:  # any failure must reach the participant, never pass silently
            self.status.value = self._status_html(t("save_failed", reason=type(exc).__name__), "error")
            return
        self.status.value = self._status_html(t("saved_at", time=local_time(saved_at)), "ok")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)
