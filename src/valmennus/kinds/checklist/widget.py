"""The checklist's widget: one checkbox per step, and a count of the ticked ones; ``value`` as the kind
(``kinds/checklist``) saves it."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...i18n import t
from ...widgets.base import AnswerWidget, checkbox, part, question_html
from ...widgets.shared import html, vbox


class Checklist(AnswerWidget):
    css_class = "valmennus-checklist"

    def build(self) -> list[w.Widget]:
        self.boxes = [checkbox(o.label()) for o in self.item.options]
        self.control = vbox(self.boxes)
        self.count = html(self._count_text(0))
        return [question_html(self.item), self.control, self.count]

    def watched(self) -> list[w.Widget]:
        return list(self.boxes)

    def show_controls(self, value: Any) -> None:
        ticked = set(value or ())
        for option, box in zip(self.item.options, self.boxes, strict=True):
            box.value = option.id in ticked

    def normalize(self, value: Any) -> list[str]:
        ticked = set(value)
        return [o.id for o in self.item.options if o.id in ticked]

    def current_value(self) -> list[str]:
        return [o.id for o, box in zip(self.item.options, self.boxes, strict=True) if box.value]

    def _count_text(self, n: int) -> str:
        return part("small", t("checklist_count", n=n, total=len(self.item.options)))

    def after_change(self, value: Any) -> None:
        self.count.value = self._count_text(len(value))
