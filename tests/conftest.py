"""Shared fixtures. The expensive one, ``graded_course``, plays one week through the real nbgrader
loop once per test session and gradebook backend (SQLite, then PostgreSQL); the workflow and
dashboard tests read it, so each of them runs against both backends."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from valmennus.course.settings import CONFIG_FILE
from valmennus.ops.course_loop import LoopReport, prepare_course, run_week
from valmennus.simulate import Participant

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))  # pgcluster: the PostgreSQL helper shared with `make hub`

from pgcluster import PostgresCluster, start_cluster  # noqa: E402

GRADEBOOK_BACKENDS = ["sqlite", "postgresql"]

# The three participants of the workflow test: one of each kind a facilitator meets.
TRIO = [
    Participant("p01", "Aino", "Virtanen", "complete"),
    Participant("p02", "Mikko", "Korhonen", "partial_scales"),
    Participant("p03", "Sanna", "Mäkinen", "corrupt"),
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hub: starts a real JupyterHub with real Linux users (root; tests/hub)")


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
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A real PostgreSQL server on 127.0.0.1 (initdb + pg_ctl in a temp folder), stopped at session end."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


def use_postgres_gradebook(course: Path, cluster: PostgresCluster, database: str) -> str:
    """Point a course at a new PostgreSQL database: one setting in its nbgrader_config.py."""
    cluster.create_database(database, owner_role=f"{database}_owner")
    url = cluster.url(database, role=f"{database}_owner")
    with (course / CONFIG_FILE).open("a", encoding="utf-8") as fh:
        fh.write(f"\n# This course's gradebook is on PostgreSQL.\nc.CourseDirectory.db_url = {url!r}\n")
    return url


@pytest.fixture(scope="session", params=GRADEBOOK_BACKENDS)
def graded_course(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> LoopReport:
    """Week 1 through release, submit, collect, autograde, feedback, for TRIO (real nbgrader), once per backend."""
    os.environ.pop("NBGRADER_EXECUTION", None)
    work = tmp_path_factory.mktemp(f"course-loop-{request.param}")
    course = prepare_course(REPO, work / "course")
    if request.param == "postgresql":
        use_postgres_gradebook(course, request.getfixturevalue("postgres_cluster"), "loop_gradebook")
    report = run_week(course, work / "homes", TRIO, say=lambda _msg: None, progress=False)
    assert report.course.db_url.startswith(request.param)  # the backend under test is the one in use
    assert (course / "gradebook.db").exists() == (request.param == "sqlite")
    return report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
