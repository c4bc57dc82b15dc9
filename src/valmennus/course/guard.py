"""Keep answers files out of what is released (DESIGN §2, "traps").

A facilitator who runs a source notebook creates ``source/<week>/<id>.answers.json``. nbgrader would
release it to everyone, and at autograde copy it over every participant's own answers. Three guards:
this preprocessor refuses ``generate_assignment`` while such a file exists; ``exclude_overwriting``
(from ``autograde_exclusions``) keeps autograde from copying it; and .gitignore keeps it out of git.
``CourseDirectory.ignore`` is deliberately not used: the exchange reads the same list, and collect
would then silently gather no answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from ..answers import COURSE_TEAM_PATTERN, SUFFIX
from ..i18n import t


class AnswerFileInSource(Exception):
    """A source folder holds a participant answers file; releasing it would overwrite answers."""


def answer_files(folder: str | Path) -> list[Path]:
    """Answers files (the course team's too), kept-aside corrupt copies and uploaded pictures anywhere under
    ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [*folder.rglob(f"*{SUFFIX}"), *folder.rglob("*.answers.corrupt-*.json"), *folder.rglob("*.upload.*"),
             *folder.rglob(COURSE_TEAM_PATTERN)]
    return sorted(p for p in found if ".ipynb_checkpoints" not in p.parts)


def autograde_exclusions(source_root: str | Path) -> dict[str, list[str]]:
    """``Autograde.exclude_overwriting``: per assignment, the answers file of each of its notebooks."""
    exclusions: dict[str, list[str]] = {}
    root = Path(source_root)
    if not root.is_dir():
        return exclusions
    for week in sorted(p for p in root.iterdir() if p.is_dir()):
        names = [nb.stem + SUFFIX for nb in sorted(week.glob("*.ipynb"))]
        if names:
            exclusions[week.name] = names
    return exclusions


class RefuseAnswerFiles(Preprocessor):
    """First preprocessor of ``GenerateAssignment``: fail, with a clear message, on a stray answers file.

    nbgrader then removes the half-made release folder itself, so nothing leaks.
    """

    enabled = Bool(True, help="nbconvert runs a preprocessor only when enabled").tag(config=True)

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        folder = resources.get("metadata", {}).get("path") or "."
        stray = answer_files(folder)
        if stray:
            raise AnswerFileInSource(t("source_answers_refused", path=stray[0]))
        return nb, resources
