"""Layout and style models that the answer widgets' controls share: one model each, not one per control.

ipywidgets gives every control a ``Layout`` model and most a style model of their own (``HTMLStyle``,
``TextStyle`` …), each one more model that the kernel opens, Voilà passes on and the browser creates
before the page is usable: a week of 15 items had 148 models, 86 of them layouts and styles, nearly
all alike. Controls drawn alike share one instead (ipywidgets allows it: each control's view draws
its own view of the same model).

A shared model is made on first use, again after a ``close`` (``Widget.close_all``), and never changed
afterwards; a control whose layout changes (a response's text and picture rows, shown in turn) keeps
a layout of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

M = TypeVar("M", bound=w.Widget)

_MODELS: dict[str, w.Widget] = {}


def shared(name: str, make: Callable[[], M]) -> M:
    """The model shared under ``name``, made by ``make`` the first time (and once more if it was closed)."""
    model = _MODELS.get(name)
    if model is None or model.comm is None:
        model = _MODELS[name] = make()
    return model  # type: ignore[return-value]


def plain_layout() -> w.Layout:
    """ipywidgets' default layout (nothing set), for every control whose layout is never changed."""
    return shared("layout", w.Layout)


def style_of(cls: type[w.DOMWidget], **values: Any) -> Any:
    """The style model of the control class ``cls`` with ``values`` set (its defaults when none)."""
    klass = cls.class_traits()["style"].klass
    key = f"style:{klass.__name__}:" + ",".join(f"{k}={v}" for k, v in sorted(values.items()))
    return shared(key, lambda: klass(**values))


def html(markup: str = "", **kwargs: Any) -> w.HTML:
    """An ``HTML`` widget on the shared layout and style (its ``value`` can change; they do not)."""
    kwargs.setdefault("layout", plain_layout())
    kwargs.setdefault("style", style_of(w.HTML))
    return w.HTML(markup, **kwargs)


def vbox(children: list[w.Widget], **kwargs: Any) -> w.VBox:
    """A ``VBox`` on the shared layout."""
    kwargs.setdefault("layout", plain_layout())
    return w.VBox(children, **kwargs)
