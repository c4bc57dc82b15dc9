"""nbgrader's Python API (``NbGraderAPI``) for one course, configured from its nbgrader_config.py.

In-process calls skip the 3 s start-up of every ``nbgrader`` command; the behaviour is nbgrader's own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from nbgrader.apps import NbGraderAPI
from nbgrader.auth import Authenticator
from traitlets.config import Config

from .gradebook import ensure_scripts_on_path
from .settings import CourseSettings, load_config


@contextmanager
def nbgrader_api(course: CourseSettings, overrides: Config | None = None) -> Iterator[NbGraderAPI]:
    """The API with the course's config (and ``overrides``, as a command's flags would set them); runs in
    the course folder, as nbgrader's commands do."""
    ensure_scripts_on_path()
    config = load_config(course.root)
    config.NbGrader.logfile = ""
    if overrides is not None:
        config.merge(overrides)
    coursedir = course.coursedir()
    api = NbGraderAPI(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    here = os.getcwd()
    os.chdir(course.root)
    try:
        yield api
    finally:
        os.chdir(here)


class ReleaseFailed(RuntimeError):
    """nbgrader could not generate a week's release version: ``week`` and nbgrader's own words."""

    def __init__(self, week: str, detail: str) -> None:
        super().__init__(detail)
        self.week = week
        self.detail = detail


def generate_releases(course: CourseSettings, weeks: Sequence[str]) -> None:
    """``release/<week>`` from ``source/<week>`` for each week, as ``nbgrader generate_assignment <week>
    --force --no-db`` makes it (no gradebook row, cells not saved), in this process: one nbgrader
    start-up for a whole build instead of one command (about 3 s) per week."""
    no_db = Config()
    no_db.GenerateAssignment.no_database = True  # what --no-db sets
    no_db.SaveCells.enabled = False
    with nbgrader_api(course, no_db) as api:
        for week in weeks:
            result = api.generate_assignment(week, force=True, create=False)
            if not result["success"]:
                raise ReleaseFailed(week, result.get("error") or result.get("log", ""))
