"""nbgrader's Python API (``NbGraderAPI``) for one course, configured from its nbgrader_config.py.

In-process calls skip the 3 s start-up of every ``nbgrader`` command; the behaviour is nbgrader's own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from nbgrader.apps import NbGraderAPI
from nbgrader.auth import Authenticator

from .gradebook import ensure_scripts_on_path
from .settings import CourseSettings, load_config


@contextmanager
def nbgrader_api(course: CourseSettings) -> Iterator[NbGraderAPI]:
    """The API with the course's config; runs in the course folder, as nbgrader's commands do."""
    ensure_scripts_on_path()
    config = load_config(course.root)
    config.NbGrader.logfile = ""
    coursedir = course.coursedir()
    api = NbGraderAPI(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    here = os.getcwd()
    os.chdir(course.root)
    try:
        yield api
    finally:
        os.chdir(here)
