"""The item bank: every question by a stable id, its kind, its text in fi/en/sv.

Widgets, completion checks, summaries and dashboards all look items up here, so one question has one
wording and one validation rule everywhere, and pre/post comparisons go by id, never by wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .i18n import current_language

KINDS = ("text", "likert5")
CANT_SAY = "cant_say"  # the saved value of "en osaa sanoa"
MAX_TEXT_CHARS = 20_000
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    week: str
    text: dict[str, str]
    min_words: int = 0
    digcomp: tuple[str, ...] = ()
    construct: str = ""
    gibbs_stage: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        return self.text.get(lang) or self.text["fi"]

    def short_label(self, lang: str | None = None, limit: int = 60) -> str:
        """The question's name for messages: the part before a colon, or its start."""
        text = self.label(lang)
        head = text.split(":", 1)[0] if ":" in text[:limit] else text
        return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def word_count(text: str) -> int:
    """Words as a reader counts them (letters and digits, Finnish ä/ö included)."""
    return len(_WORD.findall(text or ""))


def valid_value(item: Item, value: Any) -> bool:
    """Whether a saved value is one this item's widget could have written.

    A hand-edited file may hold anything: ``"4"`` for a Likert item, a number for a text. Such a
    value reads as unanswered instead of crashing the participant's cell or the grader.
    """
    if item.kind == "text":
        return isinstance(value, str) and len(value) <= MAX_TEXT_CHARS
    if item.kind == "likert5":
        if value == CANT_SAY:
            return True
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    return False


def is_answered(item: Item, value: Any) -> bool:
    """Answered means a valid value; for text, at least one word (the minimum is the check's job)."""
    if value is None or not valid_value(item, value):
        return False
    if item.kind == "text":
        return word_count(value) > 0
    return True


def _parse_item(record: dict[str, Any]) -> Item:
    known = {"id", "kind", "week", "text", "min_words", "digcomp", "construct", "gibbs_stage"}
    missing = [k for k in ("id", "kind", "week", "text") if k not in record]
    if missing:
        raise ValueError(f"item {record.get('id', '?')}: missing {', '.join(missing)}")
    if record["kind"] not in KINDS:
        raise ValueError(f"item {record['id']}: unknown kind {record['kind']!r}")
    if "fi" not in record["text"]:
        raise ValueError(f"item {record['id']}: no Finnish text")
    return Item(
        id=record["id"], kind=record["kind"], week=record["week"], text=dict(record["text"]),
        min_words=int(record.get("min_words", 0)), digcomp=tuple(record.get("digcomp", ())),
        construct=record.get("construct", ""), gibbs_stage=record.get("gibbs_stage", ""),
        extra={k: v for k, v in record.items() if k not in known},
    )


@lru_cache(maxsize=1)
def bank() -> dict[str, Item]:
    """All items, by id. Raises ValueError on a duplicate id or a malformed record."""
    raw = resources.files("valmennus").joinpath("data/items.yaml").read_text(encoding="utf-8")
    items: dict[str, Item] = {}
    for record in yaml.safe_load(raw):
        item = _parse_item(record)
        if item.id in items:
            raise ValueError(f"duplicate item id {item.id}")
        items[item.id] = item
    return items


def get(item_id: str) -> Item:
    try:
        return bank()[item_id]
    except KeyError:
        raise KeyError(f"unknown item id {item_id!r}: add it to valmennus/data/items.yaml") from None


def for_week(week: str) -> list[Item]:
    return [item for item in bank().values() if item.week == week]
