"""deploy/grader_service.py: a routine pass's steps run in one process (``start_steps``), each step's status
reported on its own pipe (``steps_ended``); a step that fails does not stop the next; a process that ends
before it has reported every step leaves the rest to be run again. The hub tests run the service itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from valmennus.course.settings import CourseSettings
from valmennus.ops.controls import load_controls

from .test_ops_control_requests import SCHEDULE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy"))
from grader_service import start_steps, steps_ended  # noqa: E402


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "kevat27"
    (root / "source").mkdir(parents=True)
    (root / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'testi'\n")
    (root / "roster.csv").write_text("id,first_name,last_name,email\np01,Aino,Virtanen,p01@example.invalid\n")
    (root / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    return root


def test_do_a_passs_steps_run_in_one_process_each_with_its_own_status(course: Path) -> None:
    steps = [("routine", "pause"), ("no-such-command",), ("routine", "--log")]
    out = course / "routine-service.out"
    proc, report = start_steps(steps, str(course), 7, out)
    proc.wait(timeout=120)
    assert steps_ended(proc, report, steps) == [0, 2, 0]  # argparse refuses the second: the third still runs
    assert load_controls(CourseSettings.load(course)).paused  # the first step did its work
    lines = out.read_text(encoding="utf-8")
    assert [line.split("valmennus ", 1)[1] for line in lines.splitlines() if line.startswith("--- ")] == [
        "routine pause", "no-such-command", "routine --log"]
    assert "pass 7" in lines and "invalid choice" in lines  # the refusal's own words, in the pass's output


def test_does_a_process_that_ends_midway_leave_the_rest_of_the_pass_undone(tmp_path: Path) -> None:
    import os

    read, write = os.pipe()
    # a pass's process that reports its first step and then dies (as when killed, out of memory)
    proc = subprocess.Popen([sys.executable, "-c", "import os, sys; os.write(int(sys.argv[1]), b'0\\n'); os._exit(9)",
                             str(write)], pass_fds=(write,))
    os.close(write)
    proc.wait(timeout=60)
    steps = [("routine",), ("store", "sync"), ("routine", "--log")]
    statuses = steps_ended(proc, read, steps)
    assert statuses == [0, 9]  # the second was the one it was in; the third is left for a process of its own
    assert steps[len(statuses):] == [("routine", "--log")]
