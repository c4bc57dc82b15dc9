"""``RadioGroup``: one accessible single-choice control, used wherever a participant picks one option.

ipywidgets' ``RadioButtons`` are neither arrow-key operable nor announced as a group with their question
(ipywidgets #2650). This widget, built with anywidget, draws the browser's own markup instead
(``radiogroup.js``): a ``<fieldset>`` whose ``<legend>`` is the question and one ``<input type="radio">``
with its ``<label>`` per option, all sharing one ``name`` unique to the view. So the browser itself gives
Tab into and out of the group, arrow keys to move the choice, Space to choose, and screen readers announce
"group, question, option n of m". Question and options are plain text (set as text, never as markup).

``options``: ``(label, value)`` pairs, each value a JSON scalar (str, int, float or bool), all different;
``value``: one of them or ``None`` (nothing chosen); a value that is no option is refused (``TraitError``)
whether it comes from code or from the browser. Options changed so that the value is no longer among them
leave nothing chosen. The styles are in the widgets' one stylesheet (``static/widgets.css``): the view is
ordinary DOM in the page, so the sheet the setup cell shows reaches it (no shadow root, no ``_css``).
"""

from __future__ import annotations

import math
from importlib.resources import files
from typing import Any

import anywidget
import traitlets as tl

from .shared import plain_layout

SCALARS = (str, int, float, bool)


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values: ``True`` is not ``1``, but ``2`` (as a browser sends it back) is ``2.0``."""
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def _esm() -> str:
    return files("valmennus").joinpath("widgets", "radiogroup.js").read_text(encoding="utf-8")


class RadioGroup(anywidget.AnyWidget):
    """A native radio group with its question as the group's name; ``value`` is the chosen option's value."""

    _esm = _esm()

    options = tl.List(help="(label, value) pairs: the words shown and the value chosen with them.").tag(sync=True)
    value = tl.Any(None, allow_none=True, help="The chosen option's value; None: nothing chosen.").tag(sync=True)
    description = tl.Unicode(help="The question, plain text: the group's visible and accessible name.").tag(sync=True)
    disabled = tl.Bool(False, help="Shown, but nothing can be chosen.").tag(sync=True)
    orientation = tl.Enum(["vertical", "horizontal"], "vertical",
                          help="horizontal: the options side by side, wrapping on a narrow screen.").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("layout", plain_layout())  # one layout model for every group (shared.py)
        super().__init__(**kwargs)

    @property
    def values(self) -> list[Any]:
        """The options' values, in order."""
        return [value for _, value in self.options]

    @tl.validate("options")
    def _check_options(self, proposal: tl.Bunch) -> list[tuple[str, Any]]:
        pairs: list[tuple[str, Any]] = []
        for pair in proposal["value"]:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise tl.TraitError(f"an option is a (label, value) pair, not {pair!r}")
            label, value = pair
            if not isinstance(label, str):
                raise tl.TraitError(f"an option's label is text, not {label!r}")
            if not isinstance(value, SCALARS) or (isinstance(value, float) and not math.isfinite(value)):
                raise tl.TraitError(f"an option's value is a JSON scalar (str, int, float, bool), not {value!r}")
            if any(_same(value, seen) for _, seen in pairs):
                raise tl.TraitError(f"two options have the value {value!r}")
            pairs.append((label, value))
        return pairs

    @tl.validate("value")
    def _check_value(self, proposal: tl.Bunch) -> Any:
        value = proposal["value"]
        if value is None:
            return None
        for option in self.values:
            if _same(value, option):
                return option  # the option's own value (its type), whatever JSON brought back
        raise tl.TraitError(f"{value!r} is not one of the options {self.values!r}")

    @tl.observe("options")
    def _options_changed(self, _change: tl.Bunch) -> None:
        if self.value is not None and not any(_same(self.value, v) for v in self.values):
            self.value = None

    def __repr__(self) -> str:  # never the participant's choice in a log
        return f"<valmennus RadioGroup of {len(self.options)} options>"
