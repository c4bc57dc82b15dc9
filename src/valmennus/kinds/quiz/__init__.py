"""A knowledge quiz: one right option (radio buttons) or several (``multiple``), feedback on each option.

``value``: ``{"chosen": [option ids], "correct": bool}``. The ``correct`` flag is what the widget saw when
it saved, but the file is the participant's to edit: every reader recomputes rightness from the bank's
key (``quiz_value_is_correct``) and never trusts the flag. Reports read right (1.0) or wrong (0.0).
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from ...i18n import t
from ..base import Answer, BankItem, ItemKind, Number, Voice, options_answer, valid_option_list


def quiz_is_correct(item: BankItem, chosen: list[str]) -> bool:
    """Right means exactly the keyed options: all of them, and nothing else."""
    return frozenset(chosen) == item.correct_ids()


def quiz_value_is_correct(item: BankItem, value: Any) -> bool:
    """Whether a saved quiz value (of any shape) is right, recomputed from the item bank, never from its flag."""
    chosen = value.get("chosen") if isinstance(value, dict) else None
    return isinstance(chosen, list) and all(isinstance(c, str) for c in chosen) and quiz_is_correct(item, chosen)


class QuizKind(ItemKind):
    name = "quiz"
    widget = "Quiz"
    needs_options = True

    def check(self, item: BankItem) -> None:
        super().check(item)
        if not item.correct_ids():
            raise ValueError(f"item {item.id}: a quiz needs at least one correct option")
        if not item.multiple and len(item.correct_ids()) != 1:
            raise ValueError(f"item {item.id}: a single-choice quiz needs exactly one correct option")
        if any(not o.feedback for o in item.options):
            raise ValueError(f"item {item.id}: every quiz option needs feedback")

    def valid(self, item: BankItem, value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        chosen = value.get("chosen")
        return (valid_option_list(item, chosen) and (item.multiple or len(chosen) <= 1)
                and isinstance(value.get("correct"), bool))

    def answered(self, item: BankItem, value: Any) -> bool:
        return len(value["chosen"]) > 0

    def correct(self, item: BankItem, value: Any) -> bool | None:
        return quiz_value_is_correct(item, value)

    def numbers(self, item: BankItem, value: Any) -> list[Number]:
        return [(1.0 if quiz_value_is_correct(item, value) else 0.0, None)] if value["chosen"] else []

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        verdict = t("quiz_correct") if quiz_is_correct(item, value["chosen"]) else t("quiz_incorrect")
        return options_answer(item, value["chosen"], verdict)

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        chosen = sorted(item.correct_ids()) if rng.random() < 0.8 else [item.options[0].id]
        return {"chosen": chosen, "correct": quiz_is_correct(item, chosen)}


QUIZ = QuizKind()
