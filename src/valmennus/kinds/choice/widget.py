"""The choice's widget: radio buttons, one per option; ``value`` (the option's id) as the kind saves it."""

from __future__ import annotations

import ipywidgets as w

from ...widgets.base import AnswerWidget, labelled


class Choice(AnswerWidget):
    def build_control(self) -> w.RadioButtons:
        options = [(o.label(), o.id) for o in self.item.options]
        return labelled(w.RadioButtons, self.item.label(), options=options, value=None)
