"""The reflection's widget: free text with a live word count against a gentle minimum, and optional
guiding prompts.

The prompts (e.g. Gibbs' reflective cycle) only guide; the answer is one text (``kinds/text``), so the
completion check and the summary treat a prompted reflection like any other.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...i18n import t
from ...widgets.base import AnswerWidget, labelled, part
from ...widgets.shared import html
from ..base import word_count


def prompts_html(prompts: tuple[str, ...]) -> str:
    return part("prompts", t("prompts_intro"), prompts)


class Reflection(AnswerWidget):
    def build(self) -> list[w.Widget]:
        rows = super().build()
        prompts = self.item.guiding_prompts()
        return [html(prompts_html(prompts)), *rows] if prompts else rows

    def build_control(self) -> w.Textarea:
        area = labelled(w.Textarea, self.item.label(), value="", rows=6, continuous_update=True)
        self.words = html(self._words_text(""))
        return area

    def extra_rows(self) -> list[w.Widget]:
        return [self.words]

    def show_controls(self, value: Any) -> None:
        self.control.value = value or ""

    def _words_text(self, text: str) -> str:
        n = word_count(text)
        if not self.item.min_words:
            return part("small", t("words", n=n))
        key = "words_enough" if n >= self.item.min_words else "words_min"
        return part("small", t(key, n=n, min=self.item.min_words))

    def after_change(self, value: Any) -> None:
        self.words.value = self._words_text(value)
