"""Valmennus: the course package that notebooks, facilitator commands and dashboards all import.

Data flows one way: notebooks -> answers files -> collected submissions -> gradebook and answer
tables -> dashboards.
"""

from .notebook import CourseNotebook, open_notebook

__all__ = ["CourseNotebook", "open_notebook"]
__version__ = "0.1.0"
