"""Where a course lives and how it is configured, read from its own ``nbgrader_config.py``.

Every reader of a course (commands, dashboards, tests) takes the course id, gradebook URL and
exchange root from the same file nbgrader reads, so they can never disagree with nbgrader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

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
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
        course_id = config.CourseDirectory.get("course_id", "") or ""
        db_url = config.CourseDirectory.get("db_url", "") or f"sqlite:///{root / 'gradebook.db'}"
        exchange = config.Exchange.get("root", "") or "/srv/nbgrader/exchange"
        return cls(root=root, course_id=course_id, db_url=db_url, exchange_root=Path(exchange))

    def weeks(self) -> list[str]:
        """Assignment names, from ``source/``: one folder per week."""
        source = self.root / "source"
        return sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []


def find_course(start: str | os.PathLike[str] | None = None) -> Path:
    """``VALMENNUS_COURSE`` if set, else the nearest folder upwards from ``start`` with nbgrader_config.py."""
    if os.environ.get("VALMENNUS_COURSE"):
        return Path(os.environ["VALMENNUS_COURSE"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise CourseNotFound(f"no {CONFIG_FILE} in {here} or above; set VALMENNUS_COURSE")
