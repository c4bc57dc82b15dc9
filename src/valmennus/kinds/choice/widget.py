"""The choice's widget: a radio group (``widgets.radiogroup``), one radio per option; ``value`` (the option's
id) as the kind saves it."""

from __future__ import annotations

from ...widgets.base import AnswerWidget
from ...widgets.radiogroup import RadioGroup


class Choice(AnswerWidget):
    def build_control(self) -> RadioGroup:
        options = [(o.label(), o.id) for o in self.item.options]
        return RadioGroup(description=self.item.label(), options=options, value=None)
