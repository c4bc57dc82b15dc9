"""Self-assessment: a 1-5 agreement scale with every point labelled, plus "en osaa sanoa".

Radio buttons rather than a slider: every point has its words, a keyboard moves between them, and
"no answer yet" is visibly different from any answer.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..i18n import t
from ..items import CANT_SAY
from .base import AnswerWidget


def likert_options() -> list[tuple[str, int | str]]:
    return [(f"{n} – {t(f'likert_{n}')}", n) for n in range(1, 6)] + [(t("cant_say"), CANT_SAY)]


class Scale(AnswerWidget):
    def build_control(self, initial: Any) -> w.RadioButtons:
        return w.RadioButtons(options=likert_options(), value=initial,
                              layout=w.Layout(width="auto"))
