"""Valmennus: the course package that notebooks, facilitator commands and dashboards all import.

Data flows one way: notebooks -> answers files -> collected submissions -> gradebook and answer
tables -> dashboards. Imports are lazy: a grading kernel that only runs completion checks never
pays for ipywidgets (it starts once per submission, so every import counts).
"""

from __future__ import annotations

from typing import Any

__all__ = ["CourseNotebook", "open_notebook"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'valmennus' has no attribute {name!r}")
