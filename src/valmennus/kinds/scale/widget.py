"""The scales' widget: a radio group (``widgets.radiogroup``) of every point of the item's scale, in words.

Radio buttons rather than a slider: every point has its words, arrow keys move between them, and
"no answer yet" is visibly different from any answer. ``value``: the point (an int, or "cant_say").
The points and their words come from the kind (``likert5``: 1-5 agreement and "en osaa sanoa";
``cando4``: DigComp 2.2's proficiency as the course words it, 1-4), so the summary shows the same words.
"""

from __future__ import annotations

from typing import cast

from ...widgets.base import AnswerWidget
from ...widgets.radiogroup import RadioGroup
from .. import kind
from . import ScaleKind


class Scale(AnswerWidget):
    def build_control(self) -> RadioGroup:
        scale = cast(ScaleKind, kind(self.item.kind))
        return RadioGroup(description=self.item.label(), options=scale.choices(), value=None)
