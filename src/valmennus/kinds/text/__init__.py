"""Free text (a reflection, a diary, an action plan): ``value`` is the text.

Answered when it holds a word; done when it holds the item's gentle minimum of words. Reports never
read it: a participant's words stay in their own folder and in their facilitator's feedback.
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from ...i18n import t
from ..base import Answer, BankItem, ItemKind, Voice, is_text, word_count


def short_of_words(item: BankItem, text: str) -> str | None:
    """The completion check's sentence for a text under the item's minimum of words (also a response's)."""
    n = word_count(text)
    return t("check_short", n=n, min=item.min_words, label=item.short_label()) if n < item.min_words else None


class TextKind(ItemKind):
    name = "text"
    widget = "Reflection"

    def valid(self, item: BankItem, value: Any) -> bool:
        return is_text(value)

    def answered(self, item: BankItem, value: Any) -> bool:
        return word_count(value) > 0

    def shortfall(self, item: BankItem, value: Any, folder: Path) -> str | None:
        return short_of_words(item, value)

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        return Answer("text", value)

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        return voice.words(item, rng)


TEXT = TextKind()
