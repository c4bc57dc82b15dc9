"""A course folder copied from the repo: what the demo, the hub's deployment and the tests start from."""

from __future__ import annotations

import shutil
from pathlib import Path

from .schedule import SCHEDULE_FILE
from .settings import CONFIG_FILE, step_path


def prepare_course(repo_root: Path, target: Path) -> Path:
    """A fresh course directory at ``target`` from the repo's ``source/`` and ``nbgrader_config.py``.

    The demo and tests never touch the repo's own course folders: a facilitator's real gradebook or
    submissions at the repo root are safe from ``make demo``. ``source/`` is where the course's layout
    puts it (``settings.step_path``), in the repo and in the copy alike.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(repo_root / CONFIG_FILE, target / CONFIG_FILE)
    shutil.copytree(step_path(repo_root, "source"), step_path(target, "source"),
                    ignore=shutil.ignore_patterns("*.answers.json", "*.answers.corrupt-*",
                                                  ".ipynb_checkpoints"))
    if (repo_root / SCHEDULE_FILE).is_file():
        shutil.copy2(repo_root / SCHEDULE_FILE, target / SCHEDULE_FILE)
    return target
