"""The item bank: every question by a stable id, its kind, its text in fi/en/sv.

Widgets, completion checks, summaries and dashboards all look items up here, so one question has one
wording and one validation rule everywhere, and pre/post comparisons go by id, never by wording.
Each kind's saved value has one shape, kept by the kind (``kinds/<kind>/``) and asked through
``valid_value`` and ``is_answered`` (see ``data/items/README.md``). One item may be asked in several
notebooks (the baseline and closing survey, the weekly pulse): its answers are then told apart by
notebook, and compared by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from .i18n import current_language
from .kinds import KINDS
from .kinds.quiz import quiz_value_is_correct
from .kinds.scale import CANT_SAY
from .kinds.share import is_shared
from .parsecache import parsed

# Read by the dashboards, the group wall, the privacy export and the sanitiser from the bank, where they
# were before the kinds had modules of their own.
__all__ = ["CANT_SAY", "Item", "Option", "bank", "for_week", "get", "is_answered", "is_shared", "item_group",
           "quiz_value_is_correct", "valid_value"]

_OPTION_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


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
    #: The answer goes to the course team without the participant's name (``valmennus.anonymous``): never
    #: in the answers file that nbgrader submits, never in a summary, formgrader or a feedback page.
    anonymous: bool = False
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


def valid_value(item: Item, value: Any) -> bool:
    """Whether a saved value is one this item's widget could have written (the item's kind decides).

    A hand-edited file may hold anything: ``"4"`` for a Likert item, a number for a text. Such a
    value reads as unanswered instead of crashing the participant's cell or the grader.
    """
    kind = KINDS.get(item.kind)
    return kind is not None and kind.valid(item, value)


def is_answered(item: Item, value: Any) -> bool:
    """Answered means a valid value with something in it; minimums and correctness are the checks' job."""
    return value is not None and valid_value(item, value) and KINDS[item.kind].answered(item, value)


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


KNOWN_FIELDS = {"id", "kind", "week", "text", "min_words", "digcomp", "construct", "gibbs_stage",
                "options", "multiple", "min_checked", "prompts", "anchors", "anonymous"}


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
        anonymous=record.get("anonymous", False) is True,
        extra={k: v for k, v in record.items() if k not in KNOWN_FIELDS},
    )
    KINDS[item.kind].check(item)  # the kind's own rules (a quiz's key, a list's options)
    return item


BANK_FOLDER = "data/items"

def _load_yaml(text: str) -> Any:
    """One bank file's records, as ``yaml.safe_load`` reads them: with libyaml's parser when PyYAML has it
    (the same safe constructors, much faster), else PyYAML's own. Imported here, on a cache miss only
    (``parsecache``): a week's kernel that finds the bank in the cache never imports PyYAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506  (a safe loader: SafeLoader or its C twin)


@lru_cache(maxsize=1)
def bank() -> dict[str, Item]:
    """All items of every ``data/items/*.yaml``, by id. Raises ValueError on a duplicate id or a malformed record."""
    folder = resources.files("valmennus").joinpath(BANK_FOLDER)
    items: dict[str, Item] = {}
    where: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        text = entry.read_text(encoding="utf-8")
        # PyYAML's constructor is pure Python (60 ms for the bank in every kernel): parsed once per text
        records = parsed(f"items-{entry.name.removesuffix('.yaml')}", text, lambda text=text: _load_yaml(text))
        for record in records or []:
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


def share_items(week: str | None = None) -> list[Item]:
    """The share questions ("jaa ryhmälle") of ``week`` (every week if None) that name the answer they
    share (``extra.shares``): the wall, the privacy export and the demo's checks read the same ones."""
    return [item for item in bank().values()
            if item.kind == "share" and item.extra.get("shares") and (week is None or week in item.weeks)]
