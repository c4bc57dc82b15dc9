"""Self-assessment scales: 1-5 agreement plus "en osaa sanoa", and the DigComp can-do levels 1-4.

Radio buttons rather than a slider: every point has its words, a keyboard moves between them, and
"no answer yet" is visibly different from any answer. ``value``: the point (an int, or "cant_say").
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..i18n import t
from ..items import CANT_SAY
from .base import AnswerWidget, labelled


def likert_options() -> list[tuple[str, int | str]]:
    return [(f"{n} – {t(f'likert_{n}')}", n) for n in range(1, 6)] + [(t("cant_say"), CANT_SAY)]


def cando_options() -> list[tuple[str, int]]:
    """DigComp's can-do levels as the course words them (DigComp 2.2 proficiency, simplified)."""
    return [(f"{n} – {t(f'cando_{n}')}", n) for n in range(1, 5)]


def scale_label(kind: str, value: Any) -> str:
    """The words of one saved scale point, for summaries."""
    if value == CANT_SAY:
        return t("cant_say")
    return f"{value} – {t(('likert_' if kind == 'likert5' else 'cando_') + str(value))}"


class Scale(AnswerWidget):
    def build_control(self) -> w.RadioButtons:
        options = likert_options() if self.item.kind == "likert5" else cando_options()
        return labelled(w.RadioButtons, self.item.label(), options=options, value=None)
