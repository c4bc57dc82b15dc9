"""What every item kind answers, and the small tools several kinds share.

An item kind is one object (``ItemKind``) that knows everything about its saved value: which values its
widget could have written, when one counts as answered, what a completion check still misses, which
numbers the coordinators' reports may read, what counts toward a participant's own change, how the
summary shows it, and how a simulated participant answers. Its widget lives beside it
(``kinds/<kind>/widget.py``) and is the only part that imports ipywidgets, so grading kernels and
facilitator commands can ask the kinds without it.

The kinds read items through ``BankItem`` rather than ``items.Item``: the bank imports the kinds to
validate what it loads, so the kinds cannot import the bank back (that would be an import cycle).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from random import Random
from typing import Any, NamedTuple, Protocol

from ..i18n import t

MAX_TEXT_CHARS = 20_000
_WORD = re.compile(r"\w+", re.UNICODE)

# (number, option id): one number a report may read of a saved value. The number is NaN for a bare
# option (a choice, "en osaa sanoa"), the option None for a bare number (a scale point, a quiz verdict).
Number = tuple[float, str | None]


class BankOption(Protocol):
    """What a kind reads of one option of an item (``items.Option`` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def correct(self) -> bool: ...

    @property
    def feedback(self) -> dict[str, str]: ...

    def label(self, lang: str | None = None) -> str: ...

    def feedback_text(self, lang: str | None = None) -> str: ...


class BankItem(Protocol):
    """What a kind reads of an item of the bank (``items.Item`` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def weeks(self) -> tuple[str, ...]: ...

    @property
    def construct(self) -> str: ...

    @property
    def gibbs_stage(self) -> str: ...

    @property
    def min_words(self) -> int: ...

    @property
    def min_checked(self) -> int: ...

    @property
    def multiple(self) -> bool: ...

    @property
    def options(self) -> Sequence[BankOption]: ...

    def label(self, lang: str | None = None) -> str: ...

    def short_label(self, lang: str | None = None, limit: int = 60) -> str: ...

    def option(self, option_id: str) -> BankOption | None: ...

    def correct_ids(self) -> frozenset[str]: ...


class Voice(Protocol):
    """Where a simulated participant's words come from: the demo's phrase pools.

    A kind decides the shape of a simulated answer (which options, which score, which fields) and asks
    the voice for the words, so the phrase pools stay with the demo (layer 7) and never in a kind.
    """

    def words(self, item: BankItem, rng: Random, part: str = "text") -> str:
        """Words for ``part`` of an answer to ``item``: ``"text"`` (the answer itself), a ruler's
        ``"why_not_lower"`` / ``"what_would_raise"``, or a ``"nickname"``."""
        ...


class Answer(NamedTuple):
    """What one saved answer shows (the ``answer`` macro of ``templates/macros.html.j2`` draws it);
    every text is escaped there.

    ``kind``: ``note`` (a remark in italics), ``plain`` (text), ``text`` (text keeping its line breaks),
    ``options`` (a list, and a verdict if any), ``ruler`` (the score, then follow-ups) or ``image``.
    """

    kind: str
    text: str = ""
    labels: Sequence[str] = ()
    verdict: str = ""
    follow_ups: Sequence[tuple[str, str]] = ()  # (question, answer) of a ruler
    uri: str = ""
    alt: str = ""


def word_count(text: str) -> int:
    """Words as a reader counts them (letters and digits, Finnish ä/ö included)."""
    return len(_WORD.findall(text or ""))


def is_int(value: Any, low: int, high: int) -> bool:
    """An int in ``low..high``; JSON's ``true`` is a bool to Python, not a point on a scale."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def is_text(value: Any) -> bool:
    """A string a text box could have saved (the widgets refuse longer ones)."""
    return isinstance(value, str) and len(value) <= MAX_TEXT_CHARS


def clip(value: float, low: int, high: int) -> int:
    """``value`` rounded to the nearest point of ``low..high`` (a simulated answer on a scale)."""
    return int(min(high, max(low, round(value))))


def valid_option_list(item: BankItem, value: Any) -> bool:
    """A list of this item's option ids, none twice (ticks of a checklist, a quiz's choices)."""
    known = {o.id for o in item.options}
    return (isinstance(value, list) and all(isinstance(v, str) and v in known for v in value)
            and len(set(value)) == len(value))


def options_answer(item: BankItem, ids: list[str], verdict: str = "") -> Answer:
    """Chosen options in the item's order, in the reader's language, and a verdict if any."""
    return Answer("options", labels=[o.label() for o in item.options if o.id in ids], verdict=verdict)


class ItemKind:
    """One kind of item; subclasses override what differs from these defaults.

    ``valid`` takes any value (a hand-edited file may hold anything) and never raises. Every other
    method is given only a value ``valid`` accepted: ``answered`` any such value, ``shortfall`` and
    ``summary`` only an answered one. The callers (``items.is_answered``, ``checks``, ``summary``,
    ``own_change``, ``records.sources``) keep to that, so no kind repeats the shape checks.
    """

    name: str = ""
    widget: str = ""  # the class of its widget, in ``<this kind's package>.widget``
    needs_options: bool = False  # the bank refuses an item of this kind with fewer than two options
    # a point on a scale that a baseline and a closing answer compare (own change, the skills dashboard)
    compares_over_time: bool = False

    def check(self, item: BankItem) -> None:
        """Raise ValueError if the bank's record of ``item`` breaks a rule of this kind (when the bank loads,
        so a mistake in the YAML stops ``valmennus build`` instead of a participant's cell)."""
        if self.needs_options and len(item.options) < 2:
            raise ValueError(f"item {item.id}: a {self.name} needs at least two options")

    def valid(self, item: BankItem, value: Any) -> bool:
        """Whether ``value`` is one this kind's widget could have written for ``item``."""
        return False

    def answered(self, item: BankItem, value: Any) -> bool:
        """Whether a valid value holds an answer (minimums and correctness are ``shortfall``'s and ``correct``'s)."""
        return True

    def correct(self, item: BankItem, value: Any) -> bool | None:
        """Right or wrong, from the bank's key; None for a kind with no right answer."""
        return None

    def shortfall(self, item: BankItem, value: Any, folder: Path) -> str | None:
        """What keeps an answered value from counting as done, as a sentence for the participant; None if
        nothing. ``folder``: the notebook's folder (where uploaded files are)."""
        return None

    def numbers(self, item: BankItem, value: Any) -> list[Number]:
        """What the coordinators' reports may read of a valid value: numbers and option ids, never text.
        Empty for a kind whose value is the participant's words."""
        return []

    def change_score(self, item: BankItem, value: Any) -> float | None:
        """The number a participant's own change compares (baseline and closing); None if there is none."""
        return None

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        """What the summary and the feedback page show of an answered value; ``folder`` finds uploads."""
        return Answer("text", str(value))

    def summary_none(self, item: BankItem) -> Answer:
        """What the summary shows when nothing is saved."""
        return Answer("note", t("not_answered"))

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        """What a simulated participant who answered ``item`` saves (the demo's cohort)."""
        raise NotImplementedError(f"kind {self.name} has no simulated answer")

    def example_at(self, item: BankItem, level: float, rng: Random, voice: Voice, unsure: bool = False) -> Any:
        """A simulated answer to a repeated survey, at ``level`` points of a five-point scale (the person's
        own level, moved by their growth at the closing survey); ``unsure``: they would rather not say.
        A kind with no scale answers as ``example`` does."""
        return self.example(item, rng, voice)
