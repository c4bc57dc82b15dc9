"""Open a course's gradebook with nbgrader's own API.

nbgrader shells out to ``alembic`` when it opens a gradebook, so this Python's scripts folder must be
on PATH; a virtual environment that was never activated (Voilà kernels, cron, make) does not have it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from nbgrader.api import Gradebook

from .settings import CourseSettings


def ensure_scripts_on_path() -> None:
    scripts = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if scripts not in parts:
        os.environ["PATH"] = os.pathsep.join([scripts, *parts])


def open_gradebook(course: CourseSettings) -> Gradebook:
    ensure_scripts_on_path()
    return Gradebook(course.db_url, course.course_id)
