"""demo.background: a function in a spawned process of its own, its output, result, errors and progress back
(the demo's second cohort; ``demo_cohorts``' too). The spawned process imports this module: it imports
nothing heavy."""

from __future__ import annotations

import os
import sys
import time

import pytest

from valmennus.demo.background import Background, BackgroundDied, report_progress


def _speaks(word: str) -> int:
    print(f"out {word}")
    print(f"err {word}", file=sys.stderr)
    return os.getpid()


def _fails() -> None:
    print("before the failure")
    raise ValueError("no such week")


def _vanishes() -> None:
    os._exit(3)


def _counts(total: int) -> str:
    for done in range(1, total + 1):
        time.sleep(0.1)
        report_progress(done, total)
    return os.environ.get("VALMENNUS_BACKGROUND_TEST", "")


def _sleeps() -> None:
    report_progress(1, 1)
    time.sleep(60)


def test_does_the_function_run_elsewhere_and_its_output_come_back_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    with Background(_speaks, "hei") as job:
        print("here first")
        pid = job.result()
    assert pid != os.getpid()
    out, err = capsys.readouterr()
    assert out == "here first\nout hei\n" and err == "err hei\n"


def test_is_its_exception_raised_here_with_its_output_and_where_it_was_raised(
        capsys: pytest.CaptureFixture[str]) -> None:
    with Background(_fails) as job, pytest.raises(ValueError, match="no such week") as raised:
        job.result()
    assert capsys.readouterr().out == "before the failure\n"
    assert any("_fails" in note for note in raised.value.__notes__)


def test_does_a_process_that_dies_say_so_with_its_exit_code() -> None:
    with Background(_vanishes) as job, pytest.raises(BackgroundDied) as died:
        job.result()
    assert died.value.exitcode == 3


def test_does_it_see_this_environment_and_count_its_progress(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VALMENNUS_BACKGROUND_TEST", "spawned with it")
    with Background(_counts, 5) as job:
        assert job.result(progress="counting", unit="step") == "spawned with it"
    assert "5/5" in capsys.readouterr().err  # the bar reached the end


def test_is_an_unfinished_process_stopped_when_the_block_ends() -> None:
    with pytest.raises(KeyError), Background(_sleeps) as job:
        deadline = time.monotonic() + 60
        while job._counters[0] == 0 and time.monotonic() < deadline:  # until it sleeps
            time.sleep(0.05)
        raise KeyError("the caller's own work failed")
    assert not job._process.is_alive() and job._process.exitcode == 1  # SIGTERM, unwound by sys.exit(1)


def _unsendable() -> object:
    return lambda: None  # a lambda does not pickle


def test_does_a_value_that_cannot_come_back_say_so_briefly() -> None:
    with Background(_unsendable) as job, pytest.raises(RuntimeError, match="its value, a function, could not be sent"):
        job.result()
