"""Reflection: free text with a live word count against a gentle minimum."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..i18n import t
from ..items import word_count
from .base import AnswerWidget


class Reflection(AnswerWidget):
    def build_control(self, initial: Any) -> w.Textarea:
        area = w.Textarea(value=initial or "", rows=6, continuous_update=True,
                          layout=w.Layout(width="100%", max_width="48em"))
        self.words = w.HTML(self._words_text(initial or ""))
        return area

    def extra_rows(self) -> list[w.Widget]:
        return [self.words]

    def _words_text(self, text: str) -> str:
        n = word_count(text)
        if not self.item.min_words:
            return f"<small>{t('words', n=n)}</small>"
        key = "words_enough" if n >= self.item.min_words else "words_min"
        return f"<small>{t(key, n=n, min=self.item.min_words)}</small>"

    def after_change(self, value: Any) -> None:
        self.words.value = self._words_text(value)
