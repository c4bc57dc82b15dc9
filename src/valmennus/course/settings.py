"""Where a course lives and how it is configured, read from its own ``nbgrader_config.py``.

Every reader of a course (commands, dashboards, tests) takes the course id, gradebook URL and
exchange root from the same file nbgrader reads, so they can never disagree with nbgrader. The file is
loaded (once per version) by ``valmennus.options``, which also reads the package's own options from it.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..options import CONFIG_FILE, COURSE_ENV, config_mtime, course_root, load_config

if TYPE_CHECKING:
    from nbgrader.coursedir import CourseDirectory



class CourseNotFound(FileNotFoundError):
    """No course directory (a folder with nbgrader_config.py) where one was expected."""


@dataclass(frozen=True)
class CourseSettings:
    root: Path
    course_id: str
    db_url: str
    exchange_root: Path

    @classmethod
    def load(cls, root: str | os.PathLike[str]) -> CourseSettings:
        root = Path(root).resolve()
        if not (root / CONFIG_FILE).is_file():
            raise CourseNotFound(f"{root} has no {CONFIG_FILE}: not a course directory")
        config = load_config(root)
        course_id = config.CourseDirectory.get("course_id", "") or ""
        db_url = config.CourseDirectory.get("db_url", "") or f"sqlite:///{root / 'gradebook.db'}"
        exchange = config.Exchange.get("root", "") or "/srv/nbgrader/exchange"
        return cls(root=root, course_id=course_id, db_url=db_url, exchange_root=Path(exchange))

    def coursedir(self) -> CourseDirectory:
        """nbgrader's ``CourseDirectory`` configured from the course's nbgrader_config.py, rooted here.

        Imports nbgrader (seconds, once per process). A new object each call: nbgrader's apps set
        ``assignment_id`` and ``student_id`` on the one they are given.
        """
        return _new_coursedir(str(self.root))

    def _layout(self) -> Layout:
        """The course's folder layout (cached per config version), without importing nbgrader."""
        return _layout(str(self.root), config_mtime(self.root))

    def path(self, step: str, participant: str = ".", week: str = ".") -> Path:
        """The course folder of an nbgrader step (``source``, ``release``, ``submitted``, ``autograded``,
        ``feedback``) for a participant and week, as nbgrader's ``CourseDirectory.format_path`` lays it
        out (so ``directory_structure`` and ``<step>_directory`` settings hold). ``"."`` leaves a part
        out; ``"*"`` makes a glob pattern."""
        return step_path(self.root, step, participant, week)

    def find(self, step: str, pattern: str = "", participant: str = "*",
             week: str = "*") -> list[tuple[str, str, Path]]:
        """``(participant, week, path)`` of each existing ``path(step, participant, week) / pattern``,
        sorted by path; ids are read back from the path with nbgrader's layout, as nbgrader does."""
        coursedir = self._layout()
        directory = getattr(coursedir, f"{step}_directory")
        folder = Path(coursedir.format_path(directory, participant, week))
        relative = folder.relative_to(self.root)
        glob = str(relative / pattern) if pattern else str(relative)
        part = "[^" + re.escape(os.sep) + "]+"
        regex = re.compile(coursedir.format_path(
            directory, f"(?P<student_id>{part})" if participant == "*" else re.escape(participant),
            f"(?P<assignment_id>{part})" if week == "*" else re.escape(week), escape=True)
            + "(?:" + re.escape(os.sep) + "|$)")
        found = []
        for path in sorted(self.root.glob(glob)):
            match = regex.match(str(path))
            if match is not None:
                ids = match.groupdict()
                found.append((ids.get("student_id", participant), ids.get("assignment_id", week), path))
        return found

    def weeks(self) -> list[str]:
        """Assignment names, from ``source/``: one folder per week."""
        source = self.path("source")
        return sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []


def _new_coursedir(root: str) -> CourseDirectory:
    from nbgrader.coursedir import CourseDirectory

    config = load_config(root)
    config.CourseDirectory.root = root
    return CourseDirectory(config=config)


STEPS = ("source", "release", "submitted", "autograded", "feedback", "solution")
#: nbgrader's defaults (``CourseDirectory``); ``tests/test_course_paths.py`` keeps them equal to nbgrader's.
DEFAULT_STRUCTURE = os.path.join("{nbgrader_step}", "{student_id}", "{assignment_id}")


def _full_split(path: str) -> tuple[str, ...]:
    rest, last = os.path.split(path)
    if last == path:
        return (path,)
    if rest == path:
        return (rest,)
    return (*_full_split(rest), last)


@dataclass(frozen=True)
class Layout:
    """nbgrader's ``CourseDirectory.format_path`` for one course, read from its config without importing
    nbgrader: the dashboards read course paths on every view, and importing nbgrader costs ~1.8 s a
    process (``cohort/gradebook_sql.py`` avoids it for the same reason). Same rule, same result."""

    root: str
    directory_structure: str
    directories: dict[str, str]

    def __getattr__(self, name: str) -> str:
        step = name.removesuffix("_directory")
        if name.endswith("_directory") and step in self.directories:
            return self.directories[step]
        raise AttributeError(name)

    def format_path(self, nbgrader_step: str, student_id: str, assignment_id: str, escape: bool = False) -> str:
        values = {"nbgrader_step": nbgrader_step, "student_id": student_id, "assignment_id": assignment_id}
        if not escape:
            return os.path.join(self.root, self.directory_structure.format(**values))
        structure = [x.format(**values) for x in _full_split(self.directory_structure)]
        base = [re.escape(self.root)] if not structure or not structure[0].startswith(os.sep) else []
        return re.escape(os.path.sep).join(base + structure)


@functools.lru_cache(maxsize=32)
def _layout(root: str, mtime: int) -> Layout:  # noqa: ARG001  (mtime: a new entry when the config changes)
    section = load_config(root).CourseDirectory
    return Layout(root=root, directory_structure=section.get("directory_structure", DEFAULT_STRUCTURE),
                  directories={step: section.get(f"{step}_directory", step) for step in STEPS})


def step_path(root: str | os.PathLike[str], step: str, participant: str = ".", week: str = ".") -> Path:
    """``CourseSettings.path`` of the course folder ``root``, which may have no nbgrader_config.py yet
    (nbgrader's layout then): the course build writes ``source/`` of a folder that is not yet a course."""
    root = str(Path(root).resolve())
    layout = _layout(root, config_mtime(root))
    return Path(layout.format_path(getattr(layout, f"{step}_directory"), participant, week))


def find_course(start: str | os.PathLike[str] | None = None) -> Path:
    """The course in use (``options.course_root``: ``VALMENNUS_COURSE`` if set, else the nearest folder
    upwards from ``start`` with nbgrader_config.py); CourseNotFound when there is none."""
    root = course_root(start)
    if root is None:
        raise CourseNotFound(f"no {CONFIG_FILE} in {Path(start or Path.cwd()).resolve()} or above; set {COURSE_ENV}")
    return root
