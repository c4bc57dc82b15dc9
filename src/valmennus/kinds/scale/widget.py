"""The scales' widget: radio buttons for every point of the item's scale, in words.

Radio buttons rather than a slider: every point has its words, a keyboard moves between them, and
"no answer yet" is visibly different from any answer. ``value``: the point (an int, or "cant_say").
The points and their words come from the kind (``likert5``: 1-5 agreement and "en osaa sanoa";
``cando4``: DigComp 2.2's proficiency as the course words it, 1-4), so the summary shows the same words.
"""

from __future__ import annotations

from typing import cast

import ipywidgets as w

from ...widgets.base import AnswerWidget, labelled
from .. import kind
from . import ScaleKind


class Scale(AnswerWidget):
    def build_control(self) -> w.RadioButtons:
        scale = cast(ScaleKind, kind(self.item.kind))
        return labelled(w.RadioButtons, self.item.label(), options=scale.choices(), value=None)
