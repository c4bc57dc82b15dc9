"""Shared fixtures. The expensive one, ``graded_course``, plays one week through the real nbgrader
loop once per test session; the workflow and dashboard tests read it."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from valmennus.ops.course_loop import LoopReport, prepare_course, run_week
from valmennus.simulate import Participant

REPO = Path(__file__).resolve().parent.parent

# The three participants of the workflow test: one of each kind a facilitator meets.
TRIO = [
    Participant("p01", "Aino", "Virtanen", "complete"),
    Participant("p02", "Mikko", "Korhonen", "partial_scales"),
    Participant("p03", "Sanna", "Mäkinen", "corrupt"),
]


@pytest.fixture(autouse=True)
def _finnish_and_not_grading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in Finnish, outside any nbgrader run, unless it says otherwise."""
    monkeypatch.setenv("VALMENNUS_LANG", "fi")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("VALMENNUS_COURSE", raising=False)


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory: pytest.TempPathFactory) -> LoopReport:
    """Week 1 through release, submit, collect, autograde, feedback, for TRIO (real nbgrader)."""
    os.environ.pop("NBGRADER_EXECUTION", None)
    work = tmp_path_factory.mktemp("course-loop")
    course = prepare_course(REPO, work / "course")
    return run_week(course, work / "homes", TRIO, say=lambda _msg: None, progress=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
