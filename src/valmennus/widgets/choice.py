"""One choice without a right answer (background questions, the weekly workload): radio buttons.

Saved (``value``) as the chosen option's id, so a reworded option keeps its answers and dashboards
count by id.
"""

from __future__ import annotations

import ipywidgets as w

from .base import AnswerWidget, labelled


class Choice(AnswerWidget):
    def build_control(self) -> w.RadioButtons:
        options = [(o.label(), o.id) for o in self.item.options]
        return labelled(w.RadioButtons, self.item.label(), options=options, value=None)
