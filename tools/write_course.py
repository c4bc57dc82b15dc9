"""Writes the source notebooks of the course from ``tools/weeks/*.py``.

Kept so each week's structure and text are reviewable as code; the committed .ipynb files are what
nbgrader and JupyterLab use. Re-run after editing a week, then ``make release``:
``.venv/bin/python tools/write_course.py [viikko2 ...]`` (no arguments: every week).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from notebook_writer import write  # noqa: E402

WEEKS_DIR = Path(__file__).resolve().parent / "weeks"


def all_weeks() -> list[str]:
    return sorted(p.stem for p in WEEKS_DIR.glob("*.py") if not p.stem.startswith("_"))


def main(argv: list[str]) -> int:
    for week_id in argv or all_weeks():
        module = importlib.import_module(f"weeks.{week_id}")
        print(f"wrote {write(module.WEEK)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
