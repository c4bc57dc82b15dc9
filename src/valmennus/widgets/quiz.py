"""Quiz: single or multiple choice with immediate feedback on every chosen option.

The saved value records what was chosen and whether it was right, ``{"chosen": [...], "correct": ...}``;
the autograder check (``checks.require_correct``) recomputes correctness from the item bank and never
trusts the stored flag, which a participant could edit. Right or wrong is said in words, not colour.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..i18n import t
from ..items import quiz_is_correct
from .base import AnswerWidget, labelled


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
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (f"<div class='valmennus-feedback' role='status'><ul>{items}</ul>"
            f"<p><strong>{html.escape(verdict)}</strong></p></div>")


class Quiz(AnswerWidget):
    css_class = "valmennus-quiz"

    def build(self, initial: Any) -> list[w.Widget]:
        chosen = list(initial["chosen"]) if initial else []
        self.feedback = w.HTML(feedback_html(self.item, chosen))
        if self.item.multiple:
            self.boxes = [w.Checkbox(value=o.id in chosen, description=o.label(), indent=False,
                                     layout=w.Layout(width="auto", max_width="48em"))
                          for o in self.item.options]
            self.control = w.VBox(self.boxes)
            question = w.HTML(f"<p class='valmennus-question'><strong>{html.escape(self.item.label())}</strong></p>")
            return [question, self.control, self.feedback]
        options = [(o.label(), o.id) for o in self.item.options]
        self.control = labelled(w.RadioButtons, self.item.label(), options=options,
                                value=chosen[0] if chosen else None)
        return [self.control, self.feedback]

    def watched(self) -> list[w.Widget]:
        return list(self.boxes) if self.item.multiple else [self.control]

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
