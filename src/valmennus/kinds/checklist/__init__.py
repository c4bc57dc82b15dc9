"""Checklist / action plan: tick the steps you commit to; ``value`` is the list of ticked option ids, in
the plan's order. Done at the item's ``min_checked`` ticks; reports read one row per ticked option."""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from ...i18n import t
from ..base import Answer, BankItem, ItemKind, Number, Voice, options_answer, valid_option_list


class ChecklistKind(ItemKind):
    name = "checklist"
    widget = "Checklist"
    needs_options = True

    def valid(self, item: BankItem, value: Any) -> bool:
        return valid_option_list(item, value)

    def answered(self, item: BankItem, value: Any) -> bool:
        return len(value) > 0

    def shortfall(self, item: BankItem, value: Any, folder: Path) -> str | None:
        if len(value) < item.min_checked:
            return t("check_few", n=len(value), min=item.min_checked, label=item.short_label())
        return None

    def numbers(self, item: BankItem, value: Any) -> list[Number]:
        return [(1.0, str(option)) for option in value]

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        return options_answer(item, value)

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        ticked = [o.id for o in item.options if rng.random() < 0.6]
        for option in item.options:  # a complete participant ticks at least the minimum
            if len(ticked) >= item.min_checked:
                break
            if option.id not in ticked:
                ticked.append(option.id)
        return [o.id for o in item.options if o.id in ticked]


CHECKLIST = ChecklistKind()
