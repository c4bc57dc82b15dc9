"""Answer widgets: one ipywidgets composite per kind, each a ``VBox`` whose ``value`` trait is the saved
answer, all bound to the answers store the same way (base.py); their styles are ``static/widgets.css``.

Each kind's widget lives with the kind, in ``kinds/<kind>/widget.py`` (the class the kind names in its
``widget``), so ``WIDGET_FOR_KIND`` is built from the registry of kinds and a new kind needs no line here.
It is built on first use, not at import: every widget module imports ``widgets.base``, which runs this
package first, so importing the widget modules here at import time would import them half-made.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

from ..kinds import KINDS, ItemKind
from .base import AnswerWidget


def widget_class(kind: ItemKind) -> type[AnswerWidget]:
    """The widget of ``kind``: the class it names in the ``widget`` module of its own package."""
    module = import_module(f"{type(kind).__module__}.widget")
    return getattr(module, kind.widget)


@cache
def _for_kind() -> dict[str, type[AnswerWidget]]:
    return {name: widget_class(kind) for name, kind in KINDS.items()}


def __getattr__(name: str) -> Any:
    """``WIDGET_FOR_KIND`` (kind name -> widget class) and each widget class by its name (``Reflection``, …)."""
    if name == "WIDGET_FOR_KIND":
        return _for_kind()
    by_name = {cls.__name__: cls for cls in _for_kind().values()}
    if name in by_name:
        return by_name[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "WIDGET_FOR_KIND", *(cls.__name__ for cls in _for_kind().values())])
