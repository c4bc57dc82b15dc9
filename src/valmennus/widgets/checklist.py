"""Checklist / action plan: tick the steps you commit to; saved as the list of ticked option ids."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..i18n import t
from .base import AnswerWidget


class Checklist(AnswerWidget):
    css_class = "valmennus-checklist"

    def build(self, initial: Any) -> list[w.Widget]:
        ticked = set(initial or ())
        self.boxes = [w.Checkbox(value=o.id in ticked, description=o.label(), indent=False,
                                 layout=w.Layout(width="auto", max_width="48em"))
                      for o in self.item.options]
        self.control = w.VBox(self.boxes)
        self.count = w.HTML(self._count_text(len(ticked)))
        question = w.HTML(f"<p class='valmennus-question'><strong>{html.escape(self.item.label())}</strong></p>")
        return [question, self.control, self.count]

    def watched(self) -> list[w.Widget]:
        return list(self.boxes)

    def current_value(self) -> list[str]:
        return [o.id for o, box in zip(self.item.options, self.boxes, strict=True) if box.value]

    def _count_text(self, n: int) -> str:
        return f"<small>{html.escape(t('checklist_count', n=n, total=len(self.item.options)))}</small>"

    def after_change(self, value: Any) -> None:
        self.count.value = self._count_text(len(value))
