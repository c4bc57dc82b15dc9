"""Where a course lives and how it is configured, read from its own ``nbgrader_config.py``.

Every reader of a course (commands, dashboards, tests) takes the course id, gradebook URL and
exchange root from the same file nbgrader reads, so they can never disagree with nbgrader.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

if TYPE_CHECKING:
    from nbgrader.coursedir import CourseDirectory

CONFIG_FILE = "nbgrader_config.py"


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

    def _layout(self) -> CourseDirectory:
        """The course's ``CourseDirectory`` for reading its layout only (cached per config version)."""
        return _coursedir(str(self.root), _mtime(self.root))

    def path(self, step: str, participant: str = ".", week: str = ".") -> Path:
        """The course folder of an nbgrader step (``source``, ``release``, ``submitted``, ``autograded``,
        ``feedback``) for a participant and week, as nbgrader's ``CourseDirectory.format_path`` lays it
        out (so ``directory_structure`` and ``<step>_directory`` settings hold). ``"."`` leaves a part
        out; ``"*"`` makes a glob pattern."""
        coursedir = self._layout()
        return Path(coursedir.format_path(getattr(coursedir, f"{step}_directory"), participant, week))

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


def _mtime(root: Path) -> int:
    try:
        return (root / CONFIG_FILE).stat().st_mtime_ns
    except OSError:
        return 0


@functools.lru_cache(maxsize=32)
def _load_config(root: str, mtime: int) -> Config:
    if not (Path(root) / CONFIG_FILE).is_file():
        return Config()  # nbgrader's defaults, as nbgrader itself runs without the file
    return PyFileConfigLoader(CONFIG_FILE, path=root).load_config()


def load_config(root: str | os.PathLike[str]) -> Config:
    """The course's nbgrader config (``nbgrader_config.py`` in ``root``): the one loader of it.

    Cached per file version; each call returns a copy of its own, free to change. Without the file:
    an empty config (nbgrader's defaults)."""
    root = Path(root).resolve()
    return copy.deepcopy(_load_config(str(root), _mtime(root)))


def _new_coursedir(root: str) -> CourseDirectory:
    from nbgrader.coursedir import CourseDirectory

    config = load_config(root)
    config.CourseDirectory.root = root
    return CourseDirectory(config=config)


@functools.lru_cache(maxsize=32)
def _coursedir(root: str, mtime: int) -> CourseDirectory:
    return _new_coursedir(root)


def find_course(start: str | os.PathLike[str] | None = None) -> Path:
    """``VALMENNUS_COURSE`` if set, else the nearest folder upwards from ``start`` with nbgrader_config.py."""
    if os.environ.get("VALMENNUS_COURSE"):
        return Path(os.environ["VALMENNUS_COURSE"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise CourseNotFound(f"no {CONFIG_FILE} in {here} or above; set VALMENNUS_COURSE")
