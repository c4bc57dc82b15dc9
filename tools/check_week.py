"""Runs a week's released notebook headless, as a participant would meet it, and says what is wrong.

Twice, in a temporary folder: unanswered (each completion check must fail with its friendly message,
every other cell must run cleanly) and answered by a simulated complete participant (every cell must
pass, completion checks print nothing). Usage: ``.venv/bin/python tools/check_week.py viikko2``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from valmennus.answers import AnswerStore
from valmennus.demo.simulate import Participant, answers_for

ROOT = Path(__file__).resolve().parent.parent


def _run(folder: Path, week: str) -> nbformat.NotebookNode:
    nb = nbformat.read(folder / f"{week}.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def _errors(nb: nbformat.NotebookNode) -> dict[str, str]:
    found = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found[cell.metadata["nbgrader"]["grade_id"]] = f"{out['ename']}: {out['evalue']}"
    return found


def check(week: str) -> list[str]:
    problems = []
    release = ROOT / "release" / week / f"{week}.ipynb"
    nb = nbformat.read(release, as_version=4)
    checks = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
              if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")}
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        shutil.copy(release, empty)
        errors = _errors(_run(empty, week))
        for grade_id in sorted(set(errors) - checks):
            problems.append(f"unanswered: cell {grade_id} failed: {errors[grade_id]}")
        for grade_id in sorted(checks - set(errors)):
            problems.append(f"unanswered: completion cell {grade_id} passed although nothing was answered")
        for grade_id in sorted(checks & set(errors)):
            if not errors[grade_id].startswith("TaskIncomplete"):
                problems.append(f"unanswered: completion cell {grade_id} failed unkindly: {errors[grade_id]}")
        full = Path(tmp) / "full"
        full.mkdir()
        shutil.copy(release, full)
        store = AnswerStore(week, full)
        for item_id, value in answers_for(Participant("p01", "A", "B", "complete"), week).items():
            store.set(item_id, value)
        for grade_id, error in _errors(_run(full, week)).items():
            problems.append(f"answered: cell {grade_id} failed: {error}")
    return problems


def main(argv: list[str]) -> int:
    status = 0
    for week in argv:
        problems = check(week)
        print(f"{week}: {'ok' if not problems else 'PROBLEMS'}")
        for line in problems:
            print(f"  - {line}")
        status |= bool(problems)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
