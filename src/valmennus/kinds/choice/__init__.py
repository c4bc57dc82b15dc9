"""One choice without a right answer (background questions, the weekly workload).

``value``: the chosen option's id, so a reworded option keeps its answers and dashboards count by id.
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from ..base import Answer, BankItem, ItemKind, Number, Voice


class ChoiceKind(ItemKind):
    name = "choice"
    widget = "Choice"
    needs_options = True

    def valid(self, item: BankItem, value: Any) -> bool:
        return isinstance(value, str) and item.option(value) is not None

    def numbers(self, item: BankItem, value: Any) -> list[Number]:
        return [(float("nan"), str(value))]

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        option = item.option(value)
        return Answer("plain", option.label() if option else value)

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        return rng.choice(item.options).id


CHOICE = ChoiceKind()
