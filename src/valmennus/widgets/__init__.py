"""Answer widgets: one module per kind, all bound to the answers store the same way (base.py)."""

from .base import AnswerWidget
from .reflection import Reflection
from .scale import Scale

WIDGET_FOR_KIND: dict[str, type[AnswerWidget]] = {"text": Reflection, "likert5": Scale}

__all__ = ["AnswerWidget", "Reflection", "Scale", "WIDGET_FOR_KIND"]
