"""The quiz's widget: a radio group (one right option; ``widgets.radiogroup``) or checkboxes (several), with
immediate feedback on every chosen option.

``value`` is ``{"chosen": [...], "correct": ...}`` (``kinds/quiz``), the choices in the item's order and
the flag recomputed whenever a value is set; no reader trusts the flag. Right or wrong is said in words,
not colour.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...i18n import t
from ...widgets.base import AnswerWidget, checkbox, part, question_html
from ...widgets.radiogroup import RadioGroup
from ...widgets.shared import html, vbox
from . import quiz_is_correct


def feedback_html(item: Any, chosen: list[str]) -> str:
    """Feedback for each chosen option, then a verdict in words."""
    if not chosen:
        return ""
    lines = []
    for option_id in chosen:
        option = item.option(option_id)
        if option is not None:
            lines.append(t("quiz_you_chose", option=option.label(), feedback=option.feedback_text()))
    verdict = t("quiz_all_right") if quiz_is_correct(item, chosen) else t("quiz_not_yet")
    return part("quiz_feedback", lines, verdict)


class Quiz(AnswerWidget):
    css_class = "valmennus-quiz"

    def build(self) -> list[w.Widget]:
        self.feedback = html("")
        if self.item.multiple:
            self.boxes = [checkbox(o.label()) for o in self.item.options]
            self.control = vbox(self.boxes)
            return [question_html(self.item), self.control, self.feedback]
        options = [(o.label(), o.id) for o in self.item.options]
        self.control = RadioGroup(description=self.item.label(), options=options, value=None)
        return [self.control, self.feedback]

    def watched(self) -> list[w.Widget]:
        return list(self.boxes) if self.item.multiple else [self.control]

    def show_controls(self, value: Any) -> None:
        chosen = value["chosen"] if value else []
        if self.item.multiple:
            for option, box in zip(self.item.options, self.boxes, strict=True):
                box.value = option.id in chosen
        else:
            self.control.value = chosen[0] if chosen else None

    def normalize(self, value: Any) -> Any:
        picked = set(value["chosen"])
        chosen = [o.id for o in self.item.options if o.id in picked]
        if not chosen and not self.item.multiple:
            return None  # a single choice with nothing chosen is no answer, as on screen
        return {"chosen": chosen, "correct": quiz_is_correct(self.item, chosen)}

    def chosen(self) -> list[str]:
        if self.item.multiple:
            return [o.id for o, box in zip(self.item.options, self.boxes, strict=True) if box.value]
        return [self.control.value] if self.control.value is not None else []

    def current_value(self) -> Any:
        chosen = self.chosen()
        if not chosen and not self.item.multiple:
            return None
        return {"chosen": chosen, "correct": quiz_is_correct(self.item, chosen)}

    def after_change(self, value: Any) -> None:
        self.feedback.value = feedback_html(self.item, value["chosen"] if value else [])
