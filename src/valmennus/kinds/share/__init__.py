"""Share with the group: under my name, under a nickname, or not at all (the default).

``value``: ``{"mode": "none" | "name" | "nickname", "nickname": str}``. Nothing saved means not shared,
so a participant who never touches the widget shares nothing; a nickname choice with an empty nickname
is saved as it is but read as not shared (``is_shared``, which the group wall and the privacy export ask).
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from ...i18n import t
from ..base import Answer, BankItem, ItemKind, Voice

SHARE_MODES = ("none", "name", "nickname")
MAX_NICKNAME_CHARS = 40


def is_shared(value: Any) -> bool:
    """Whether a saved share value lets the facilitator show the answer to the group.

    Nothing saved, ``"none"``, or a nickname choice with an empty nickname: not shared.
    """
    if not isinstance(value, dict):
        return False
    mode = value.get("mode")
    return mode == "name" or (mode == "nickname" and bool(str(value.get("nickname", "")).strip()))


class ShareKind(ItemKind):
    name = "share"
    widget = "Share"

    def valid(self, item: BankItem, value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        nickname = value.get("nickname", "")
        return value.get("mode") in SHARE_MODES and isinstance(nickname, str) and len(nickname) <= MAX_NICKNAME_CHARS

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        mode = value["mode"]
        if mode == "nickname" and not value.get("nickname", "").strip():
            mode = "none"
        return Answer("plain", t(f"share_value_{mode}", nickname=value.get("nickname", "")))

    def summary_none(self, item: BankItem) -> Answer:
        return Answer("plain", t("share_value_none"))  # nothing saved means not shared

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        mode = rng.choices(["name", "nickname", "none"], weights=[4, 3, 3])[0]
        return {"mode": mode, "nickname": voice.words(item, rng, "nickname") if mode == "nickname" else ""}


SHARE = ShareKind()
