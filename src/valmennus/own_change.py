"""The participant's own change: the closing survey next to the baseline, for that participant only.

The closing notebook shows each participant their own answers at the start (week 0) and now, by
DigComp area and for digital courage, motivational counselling, ethics and the readiness rulers,
compared by item id. Means are of the statements answered both times ("en osaa sanoa" left out), so
a change is never an artefact of a skipped statement. Nothing here leaves the participant's folder.
The table is ``templates/own_change.html.j2``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .answers import AnswerStore
from .i18n import number, t
from .items import Item, bank, item_group, valid_value
from .kinds import kind
from .templates import Cell, Row, render

GROUPS = ("area_1", "area_2", "area_3", "area_4", "area_5", "digital_courage", "mi", "ethics")


def _group(item: Item) -> str | None:
    """The coordinators' grouping (``items.item_group``), with DigComp areas named ``area_<n>``."""
    group = item_group(item).replace("digcomp-", "area_")
    return group if group in GROUPS else None


def _score(item: Item, value: Any) -> float | None:
    """The number compared (a scale point, a ruler's score), as the item's kind reads it; None for
    "en osaa sanoa", nothing saved, or a value no widget could have written (a hand-edited 7 on a 1-5
    scale would otherwise move the mean)."""
    if value is None or not valid_value(item, value):
        return None
    return kind(item.kind).change_score(item, value)


def change_rows(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, int, float, float]]:
    """(group key, statements answered both times, mean before, mean now) for every group with any."""
    sums: dict[str, list[float]] = {}
    for item in bank().values():
        group = "readiness_" + item.id if item.construct == "readiness" else _group(item)
        if group is None:
            continue
        b, a = _score(item, before.get(item.id)), _score(item, after.get(item.id))
        if b is None or a is None:
            continue
        acc = sums.setdefault(group, [0, 0.0, 0.0])
        acc[0] += 1
        acc[1] += b
        acc[2] += a
    order = list(GROUPS) + sorted(k for k in sums if k.startswith("readiness_"))
    return [(k, int(sums[k][0]), sums[k][1] / sums[k][0], sums[k][2] / sums[k][0]) for k in order if k in sums]


def _label(group: str) -> str:
    if group.startswith("readiness_"):
        return bank()[group.removeprefix("readiness_")].short_label(limit=80)
    return t(f"change_{group}")


def _direction(before: float, after: float) -> str:
    if after - before >= 0.25:
        return t("change_up")
    if before - after >= 0.25:
        return t("change_down")
    return t("change_same")


def own_change_html(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A table of the participant's own change, in words as well as numbers (escaped)."""
    rows = [Row([Cell(_label(g)), Cell(n), Cell(number(b, 1)), Cell(number(a, 1)), Cell(_direction(b, a))])
            for g, n, b, a in change_rows(before, after)]
    return str(render("own_change.html.j2", rows=rows))


def read_answers(folder: Path, notebook_id: str) -> dict[str, Any] | None:
    """The saved values of another week's notebook in a sibling folder, or None if it is not there."""
    if not (folder / f"{notebook_id}.answers.json").is_file():
        return None
    return AnswerStore(notebook_id, folder, read_only=True).values()
