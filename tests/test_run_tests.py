"""tools/run_tests.py (`make test`): every test file runs in exactly one of the two parts."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
from run_tests import BESIDE, commands, passed  # noqa: E402


def test_does_every_test_file_run_in_exactly_one_part() -> None:
    assert all((REPO / path).exists() for path in BESIDE)  # a renamed file would silently run twice
    cmd = commands("not soak", 0, [])
    ignored = {arg.removeprefix("--ignore=") for arg in cmd["main"] if arg.startswith("--ignore=")}
    beside = {arg for arg in cmd["beside"] if arg.startswith("tests/")}
    assert ignored == beside == set(BESIDE)
    files = [p.relative_to(REPO).as_posix() for p in (REPO / "tests").rglob("test_*.py")]
    in_beside = [f for f in files if any(f == b or f.startswith(f"{b}/") for b in BESIDE)]
    assert "tests/hub/test_hub.py" in in_beside and "tests/test_ops.py" not in in_beside
    assert len(in_beside) < len(files)


def test_is_a_part_that_collected_nothing_not_a_failure() -> None:
    assert passed(0) and passed(5) and not passed(1) and not passed(2)
