"""Readiness ruler 0-10 (importance or confidence) with motivational-interviewing follow-ups.

``value``: ``{"score": 0-10 | None, "why_not_lower": str, "what_would_raise": str}``; the follow-ups are
where the change talk happens, so they are saved with the score, but reports and a participant's own
change read the score only: the follow-up words never leave the participant's folder.
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from ...i18n import t
from ..base import Answer, BankItem, ItemKind, Number, Voice, clip, is_int, is_text

RULER_FOLLOW_UPS = ("why_not_lower", "what_would_raise")


class RulerKind(ItemKind):
    name = "ruler"
    widget = "Ruler"
    compares_over_time = True

    def valid(self, item: BankItem, value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        score = value.get("score")
        return (score is None or is_int(score, 0, 10)) and all(is_text(value.get(k, "")) for k in RULER_FOLLOW_UPS)

    def answered(self, item: BankItem, value: Any) -> bool:
        return value.get("score") is not None  # a valid ruler value may leave the score out (read as None)

    def numbers(self, item: BankItem, value: Any) -> list[Number]:
        return [(float(value["score"]), None)] if value.get("score") is not None else []

    def change_score(self, item: BankItem, value: Any) -> float | None:
        score = value.get("score")
        return float(score) if score is not None else None

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        follow_ups = [(t(f"ruler_{key}"), value[key]) for key in RULER_FOLLOW_UPS if value.get(key, "").strip()]
        return Answer("ruler", t("ruler_value", score=value["score"]), follow_ups=follow_ups)

    def _with_words(self, item: BankItem, score: int, rng: Random, voice: Voice) -> dict[str, Any]:
        return {"score": score, **{key: voice.words(item, rng, key) for key in RULER_FOLLOW_UPS}}

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        return self._with_words(item, rng.randint(4, 10), rng, voice)

    def example_at(self, item: BankItem, level: float, rng: Random, voice: Voice, unsure: bool = False) -> Any:
        return self._with_words(item, clip(level * 2, 0, 10), rng, voice)  # 0-10 is twice a five-point scale


RULER = RulerKind()
