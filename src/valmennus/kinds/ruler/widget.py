"""The readiness ruler's widget: 0-10 with its two follow-up questions ("Miksi et valinnut pienempää
lukua?", "Mikä nostaisi lukua yhdellä?"), saved together as one ``value`` (``kinds/ruler``).

A radio group (``widgets.radiogroup``, the points side by side, wrapping on a phone), not a slider: "not
answered" must differ from 0, and arrow keys move between the points.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...i18n import t
from ...widgets.base import AnswerWidget, labelled, part
from ...widgets.radiogroup import RadioGroup
from ...widgets.shared import html
from . import RULER_FOLLOW_UPS


class Ruler(AnswerWidget):
    css_class = "valmennus-ruler"

    def build(self) -> list[w.Widget]:
        low, high = self.item.ruler_anchors()
        self.control = RadioGroup(description=self.item.label(), options=[(str(n), n) for n in range(11)],
                                  value=None, orientation="horizontal")
        self.anchors = html(part("small_note", t("ruler_scale", low=low, high=high)))
        self.follow_ups = {key: labelled(w.Textarea, t(f"ruler_{key}"), value="", rows=2, continuous_update=True)
                           for key in RULER_FOLLOW_UPS}
        return [self.control, self.anchors, *self.follow_ups.values()]

    def watched(self) -> list[w.Widget]:
        return [self.control, *self.follow_ups.values()]

    def show_controls(self, value: Any) -> None:
        saved = value or {}
        self.control.value = saved.get("score")
        for key, area in self.follow_ups.items():
            area.value = saved.get(key, "")

    def normalize(self, value: Any) -> Any:
        return self._answer({"score": value.get("score"), **{key: value.get(key, "") for key in RULER_FOLLOW_UPS}})

    def current_value(self) -> Any:
        value: dict[str, Any] = {"score": self.control.value}
        value.update({key: area.value for key, area in self.follow_ups.items()})
        return self._answer(value)

    @staticmethod
    def _answer(value: dict[str, Any]) -> Any:
        """No score and no words is no answer."""
        if value["score"] is None and not any(value[k].strip() for k in RULER_FOLLOW_UPS):
            return None
        return value
