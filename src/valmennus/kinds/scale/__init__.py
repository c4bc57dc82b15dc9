"""Self-assessment scales: 1-5 agreement plus "en osaa sanoa" (``likert5``), and DigComp's can-do levels
1-4 (``cando4``). ``value``: the point, an int, or ``"cant_say"`` on a scale that offers it.

One module, two registered kinds: they differ only in their points and words. A point is a number the
reports and a participant's own change may read; "en osaa sanoa" is no number (reports count it apart).
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from ...i18n import t
from ..base import Answer, BankItem, ItemKind, Number, Voice, clip, is_int

CANT_SAY = "cant_say"  # the saved value of "en osaa sanoa"


class ScaleKind(ItemKind):
    """Points 1..``points``, each with its words (``<words>_<n>`` in the catalogs), and "en osaa sanoa" if
    ``cant_say``; ``weights``: how often a simulated participant picks each point (then "en osaa sanoa")."""

    widget = "Scale"
    compares_over_time = True

    def __init__(self, name: str, points: int, words: str, cant_say: bool, weights: tuple[int, ...]) -> None:
        self.name = name
        self.points = points
        self.words = words
        self.cant_say = cant_say
        self.weights = weights

    def point_label(self, value: int) -> str:
        """The words of one point, as the widget offers it and the summary shows it."""
        return f"{value} – {t(f'{self.words}_{value}')}"

    def choices(self) -> list[tuple[str, int | str]]:
        """(words, saved value) of every point, "en osaa sanoa" last."""
        return ([(self.point_label(n), n) for n in range(1, self.points + 1)]
                + ([(t("cant_say"), CANT_SAY)] if self.cant_say else []))

    def valid(self, item: BankItem, value: Any) -> bool:
        return (self.cant_say and value == CANT_SAY) or is_int(value, 1, self.points)

    def numbers(self, item: BankItem, value: Any) -> list[Number]:
        return [(float("nan"), CANT_SAY)] if value == CANT_SAY else [(float(value), None)]

    def change_score(self, item: BankItem, value: Any) -> float | None:
        return None if value == CANT_SAY else float(value)

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        return Answer("plain", t("cant_say") if value == CANT_SAY else self.point_label(value))

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        values: list[int | str] = [*range(1, self.points + 1), *([CANT_SAY] if self.cant_say else [])]
        return rng.choices(values, weights=self.weights)[0]

    def example_at(self, item: BankItem, level: float, rng: Random, voice: Voice, unsure: bool = False) -> Any:
        if unsure and self.cant_say:
            return CANT_SAY
        return clip(level, 1, self.points)


LIKERT5 = ScaleKind("likert5", points=5, words="likert", cant_say=True, weights=(1, 3, 6, 8, 4, 1))
CANDO4 = ScaleKind("cando4", points=4, words="cando", cant_say=False, weights=(1, 4, 6, 3))
