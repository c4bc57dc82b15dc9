"""Run a real ``nbgrader`` command in a course directory, its output kept in a log file.

The facilitator's steps in the demo and the workflow tests are the very commands a facilitator
types (``nbgrader generate_assignment``, ``collect``, ``autograde`` …), run with this Python's
nbgrader so the course's ``nbgrader_config.py`` and the installed ``valmennus`` are the ones used.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..course.gradebook import ensure_scripts_on_path


class StepFailed(RuntimeError):
    """An nbgrader command exited non-zero; the message carries the end of its log."""


@dataclass
class StepResult:
    args: list[str]
    seconds: float
    log: Path


def run_nbgrader(course_dir: Path, *args: str, log_dir: Path | None = None,
                 env: dict[str, str] | None = None) -> StepResult:
    """Run ``nbgrader <args>`` with ``course_dir`` as working directory; raise StepFailed on failure."""
    ensure_scripts_on_path()
    log_dir = log_dir or course_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{'_'.join(a for a in args[:2] if not a.startswith('-'))}.log"
    started = time.perf_counter()
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"$ nbgrader {' '.join(args)}\n")
        fh.flush()
        proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course_dir, stdout=fh,
                              stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-25:])
        raise StepFailed(f"nbgrader {' '.join(args)} exited with {proc.returncode}; log {log}:\n{tail}")
    return StepResult(list(args), seconds, log)
