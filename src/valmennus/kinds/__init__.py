"""The item kinds: one package per kind, holding everything about its saved value.

``kinds/<kind>/__init__.py`` is the kind's logic (validation, answered-or-not, what a completion check
still misses, the numbers reports may read, its own-change score, its summary, a simulated answer) and
imports no ipywidgets, so grading kernels and facilitator commands may load every kind;
``kinds/<kind>/widget.py`` is its ipywidgets composite, loaded only in a participant's kernel (through
``widgets.WIDGET_FOR_KIND``). The bank (``items.py``) validates its items by asking the kind, and every
reader of saved answers dispatches on ``kind(item.kind)`` instead of naming kinds.

To add a kind: a ``kinds/<kind>/`` package (an ``ItemKind`` and its ``widget.py``), one line in ``KINDS``
below, items of the kind in ``data/items/`` (one in ``esimerkki.yaml``, the gallery), and tests.
"""

from __future__ import annotations

from .base import ItemKind
from .checklist import CHECKLIST
from .choice import CHOICE
from .quiz import QUIZ
from .response import RESPONSE
from .ruler import RULER
from .scale import CANDO4, LIKERT5
from .share import SHARE
from .text import TEXT

KINDS: dict[str, ItemKind] = {k.name: k for k in (TEXT, LIKERT5, CANDO4, CHOICE, QUIZ, RULER, CHECKLIST, SHARE,
                                                   RESPONSE)}


def kind(name: str) -> ItemKind:
    """The kind called ``name``; a KeyError that says where kinds are registered if there is none."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown item kind {name!r}: register it in valmennus/kinds/__init__.py") from None


__all__ = ["KINDS", "ItemKind", "kind"]
