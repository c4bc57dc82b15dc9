"""The item bank: every question by a stable id, its kind, its text in fi/en/sv.

Widgets, completion checks, summaries and dashboards all look items up here, so one question has one
wording and one validation rule everywhere, and pre/post comparisons go by id, never by wording.
Each kind's saved value has one shape, checked by ``valid_value`` (see ``data/items/README.md``).
One item may be asked in several notebooks (the baseline and closing survey, the weekly pulse): its
answers are then told apart by notebook, and compared by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .i18n import current_language

KINDS = ("text", "likert5", "cando4", "choice", "quiz", "ruler", "checklist", "share", "response")
CANT_SAY = "cant_say"  # the saved value of "en osaa sanoa"
MAX_TEXT_CHARS = 20_000
SHARE_MODES = ("none", "name", "nickname")
RESPONSE_MODES = ("text", "image")
RULER_FOLLOW_UPS = ("why_not_lower", "what_would_raise")
MAX_NICKNAME_CHARS = 40
_WORD = re.compile(r"\w+", re.UNICODE)
_OPTION_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_STORED_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")


@dataclass(frozen=True)
class Option:
    """One option of a quiz or checklist: a stable id, its words, and (quiz only) the key and feedback."""

    id: str
    text: dict[str, str]
    correct: bool = False
    feedback: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str | None = None) -> str:
        return _pick(self.text, lang)

    def feedback_text(self, lang: str | None = None) -> str:
        return _pick(self.feedback, lang) if self.feedback else ""


def _pick(texts: dict[str, Any], lang: str | None) -> Any:
    lang = lang or current_language()
    return texts.get(lang) or texts["fi"]


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    weeks: tuple[str, ...]  # the notebooks that ask it
    text: dict[str, str]
    min_words: int = 0
    digcomp: tuple[str, ...] = ()
    construct: str = ""
    gibbs_stage: str = ""
    options: tuple[Option, ...] = ()
    multiple: bool = False  # quiz: several options may be right
    min_checked: int = 1  # checklist: how many ticks make the task done
    prompts: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    anchors: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False, hash=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    bank_file: str = field(default="", compare=False)  # the data/items file it is written in

    @property
    def week(self) -> str:
        """The first notebook that asks it (most items are asked in one)."""
        return self.weeks[0]

    def label(self, lang: str | None = None) -> str:
        return _pick(self.text, lang)

    def short_label(self, lang: str | None = None, limit: int = 60) -> str:
        """The question's name for messages: the part before a colon, or its start."""
        text = self.label(lang)
        head = text.split(":", 1)[0] if ":" in text[:limit] else text
        return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"

    def guiding_prompts(self, lang: str | None = None) -> tuple[str, ...]:
        """Optional guiding questions shown above a reflection (e.g. Gibbs' stages)."""
        return tuple(_pick(self.prompts, lang)) if self.prompts else ()

    def ruler_anchors(self, lang: str | None = None) -> tuple[str, str]:
        """Words for 0 and 10 of a readiness ruler."""
        return tuple(_pick(self.anchors, lang)) if self.anchors else ("0", "10")  # type: ignore[return-value]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


def item_group(item: Item) -> str:
    """The group an item is summarised in: ``digcomp-<area>`` for DigComp items (area = the code's first
    digit), else its construct. One rule for the dashboards and for a participant's own change."""
    if item.construct == "digcomp" and item.digcomp:
        return f"digcomp-{item.digcomp[0].split('.')[0]}"
    return item.construct


def word_count(text: str) -> int:
    """Words as a reader counts them (letters and digits, Finnish ä/ö included)."""
    return len(_WORD.findall(text or ""))


def _is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT_CHARS


def _valid_option_list(item: Item, value: Any) -> bool:
    known = {o.id for o in item.options}
    return (isinstance(value, list) and all(isinstance(v, str) and v in known for v in value)
            and len(set(value)) == len(value))


def _valid_image_ref(ref: Any) -> bool:
    return (isinstance(ref, dict) and isinstance(ref.get("file"), str) and bool(_STORED_NAME.match(ref["file"]))
            and isinstance(ref.get("type"), str) and _is_int(ref.get("size"), 1, 10**9))


def valid_value(item: Item, value: Any) -> bool:
    """Whether a saved value is one this item's widget could have written.

    A hand-edited file may hold anything: ``"4"`` for a Likert item, a number for a text. Such a
    value reads as unanswered instead of crashing the participant's cell or the grader.
    """
    kind = item.kind
    if kind == "text":
        return _is_text(value)
    if kind == "likert5":
        return value == CANT_SAY or _is_int(value, 1, 5)
    if kind == "cando4":
        return _is_int(value, 1, 4)
    if kind == "checklist":
        return _valid_option_list(item, value)
    if kind == "choice":
        return isinstance(value, str) and item.option(value) is not None
    if not isinstance(value, dict):
        return False
    if kind == "quiz":
        chosen = value.get("chosen")
        return (_valid_option_list(item, chosen) and (item.multiple or len(chosen) <= 1)
                and isinstance(value.get("correct"), bool))
    if kind == "ruler":
        score = value.get("score")
        return ((score is None or _is_int(score, 0, 10))
                and all(_is_text(value.get(k, "")) for k in RULER_FOLLOW_UPS))
    if kind == "share":
        nickname = value.get("nickname", "")
        return (value.get("mode") in SHARE_MODES and isinstance(nickname, str)
                and len(nickname) <= MAX_NICKNAME_CHARS)
    if kind == "response":
        image = value.get("image")
        return (value.get("mode") in RESPONSE_MODES and _is_text(value.get("text", ""))
                and (image is None or _valid_image_ref(image)))
    return False


def is_shared(value: Any) -> bool:
    """Whether a saved share value lets the facilitator show the answer to the group.

    Nothing saved, ``"none"``, or a nickname choice with an empty nickname: not shared.
    """
    if not isinstance(value, dict):
        return False
    mode = value.get("mode")
    return mode == "name" or (mode == "nickname" and bool(str(value.get("nickname", "")).strip()))


def is_answered(item: Item, value: Any) -> bool:
    """Answered means a valid value with something in it; minimums and correctness are the checks' job."""
    if value is None or not valid_value(item, value):
        return False
    if item.kind == "text":
        return word_count(value) > 0
    if item.kind == "checklist":
        return len(value) > 0
    if item.kind == "quiz":
        return len(value["chosen"]) > 0
    if item.kind == "ruler":
        return value.get("score") is not None  # a valid ruler value may leave the score out (read as None)
    if item.kind == "response":
        return word_count(value.get("text", "")) > 0 if value["mode"] == "text" else value.get("image") is not None
    return True


def quiz_is_correct(item: Item, chosen: list[str]) -> bool:
    """Right means exactly the keyed options: all of them, and nothing else."""
    return frozenset(chosen) == item.correct_ids()


def quiz_value_is_correct(item: Item, value: Any) -> bool:
    """Whether a saved quiz value is right, recomputed from the item bank.

    The value's own ``correct`` flag is what the widget saw when it saved, but the file is the
    participant's to edit: a flag saying right beside a wrong choice is a forgery, so every reader
    (checks, summary, dashboards) asks this instead of reading the flag.
    """
    chosen = value.get("chosen") if isinstance(value, dict) else None
    return isinstance(chosen, list) and all(isinstance(c, str) for c in chosen) and quiz_is_correct(item, chosen)


def _texts(record: dict[str, Any], key: str, item_id: str) -> dict[str, str]:
    texts = record.get(key) or {}
    if not isinstance(texts, dict) or "fi" not in texts:
        raise ValueError(f"item {item_id}: {key} needs at least a Finnish text")
    return {lang: str(v) for lang, v in texts.items()}


def _parse_options(record: dict[str, Any]) -> tuple[Option, ...]:
    options = []
    for raw in record.get("options") or ():
        if not _OPTION_ID.match(str(raw.get("id", ""))):
            raise ValueError(f"item {record['id']}: option id {raw.get('id')!r} must be a short plain name")
        feedback = _texts(raw, "feedback", record["id"]) if raw.get("feedback") else {}
        options.append(Option(id=raw["id"], text=_texts(raw, "text", record["id"]),
                              correct=bool(raw.get("correct", False)), feedback=feedback))
    if len({o.id for o in options}) != len(options):
        raise ValueError(f"item {record['id']}: duplicate option id")
    return tuple(options)


def _check_kind_rules(item: Item) -> None:
    if item.kind in ("quiz", "checklist", "choice") and len(item.options) < 2:
        raise ValueError(f"item {item.id}: a {item.kind} needs at least two options")
    if item.kind == "quiz":
        if not item.correct_ids():
            raise ValueError(f"item {item.id}: a quiz needs at least one correct option")
        if not item.multiple and len(item.correct_ids()) != 1:
            raise ValueError(f"item {item.id}: a single-choice quiz needs exactly one correct option")
        if any(not o.feedback for o in item.options):
            raise ValueError(f"item {item.id}: every quiz option needs feedback")


KNOWN_FIELDS = {"id", "kind", "week", "text", "min_words", "digcomp", "construct", "gibbs_stage",
                "options", "multiple", "min_checked", "prompts", "anchors"}


def _parse_item(record: dict[str, Any]) -> Item:
    missing = [k for k in ("id", "kind", "week", "text") if k not in record]
    if missing:
        raise ValueError(f"item {record.get('id', '?')}: missing {', '.join(missing)}")
    if record["kind"] not in KINDS:
        raise ValueError(f"item {record['id']}: unknown kind {record['kind']!r}")
    if "fi" not in record["text"]:
        raise ValueError(f"item {record['id']}: no Finnish text")
    prompts = {lang: tuple(map(str, p)) for lang, p in (record.get("prompts") or {}).items()}
    anchors = {lang: (str(a[0]), str(a[1])) for lang, a in (record.get("anchors") or {}).items()}
    weeks = record["week"] if isinstance(record["week"], list) else [record["week"]]
    if not weeks or not all(isinstance(w, str) and w for w in weeks):
        raise ValueError(f"item {record['id']}: week must name a notebook or a list of notebooks")
    item = Item(
        id=record["id"], kind=record["kind"], weeks=tuple(weeks), text=dict(record["text"]),
        min_words=int(record.get("min_words", 0)), digcomp=tuple(record.get("digcomp", ())),
        construct=record.get("construct", ""), gibbs_stage=record.get("gibbs_stage", ""),
        options=_parse_options(record), multiple=bool(record.get("multiple", False)),
        min_checked=int(record.get("min_checked", 1)), prompts=prompts, anchors=anchors,
        extra={k: v for k, v in record.items() if k not in KNOWN_FIELDS},
    )
    _check_kind_rules(item)
    return item


BANK_FOLDER = "data/items"


@lru_cache(maxsize=1)
def bank() -> dict[str, Item]:
    """All items of every ``data/items/*.yaml``, by id. Raises ValueError on a duplicate id or a malformed record."""
    folder = resources.files("valmennus").joinpath(BANK_FOLDER)
    items: dict[str, Item] = {}
    where: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        for record in yaml.safe_load(entry.read_text(encoding="utf-8")) or []:
            try:
                item = _parse_item(record)
            except ValueError as exc:
                raise ValueError(f"{entry.name}: {exc}") from None
            if item.id in items:
                raise ValueError(f"duplicate item id {item.id} in {entry.name} (also in {where[item.id]})")
            items[item.id] = replace(item, bank_file=entry.name)
            where[item.id] = entry.name
    return items


def get(item_id: str) -> Item:
    try:
        return bank()[item_id]
    except KeyError:
        raise KeyError(f"unknown item id {item_id!r}: add it to a file in valmennus/data/items/") from None


def for_week(week: str) -> list[Item]:
    """The items a notebook asks: its own file's items first, then shared ones (survey), the pulse last.

    Summaries list answers in this order, which is the order a week's notebook asks them in.
    """
    def place(item: Item) -> int:
        return 0 if item.bank_file == f"{week}.yaml" else 2 if item.construct.startswith("pulse") else 1

    return sorted((item for item in bank().values() if week in item.weeks), key=place)
