"""Answer widgets: one ipywidgets composite per kind, each a ``VBox`` whose ``value`` trait is the saved
answer, all bound to the answers store the same way (base.py); their styles are ``static/widgets.css``."""

from .base import AnswerWidget
from .checklist import Checklist
from .choice import Choice
from .quiz import Quiz
from .reflection import Reflection
from .response import Response
from .ruler import Ruler
from .scale import Scale
from .share import Share

WIDGET_FOR_KIND: dict[str, type[AnswerWidget]] = {
    "text": Reflection, "likert5": Scale, "cando4": Scale, "choice": Choice, "quiz": Quiz, "ruler": Ruler,
    "checklist": Checklist, "share": Share, "response": Response,
}

__all__ = ["AnswerWidget", "Checklist", "Choice", "Quiz", "Reflection", "Response", "Ruler", "Scale", "Share",
           "WIDGET_FOR_KIND"]
