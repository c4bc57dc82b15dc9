"""The progress dashboard served by real Voilà on 127.0.0.1 against a graded course."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from valmennus.ops.course_loop import LoopReport
from valmennus.simulate import answers_for

from .conftest import TRIO, free_port

pytestmark = pytest.mark.server
DASHBOARD = Path(__file__).resolve().parent.parent / "dashboards" / "edistyminen.ipynb"


@pytest.fixture
def voila(graded_course: LoopReport, tmp_path: Path):  # noqa: ANN201
    port = free_port()
    env = {**os.environ, "VALMENNUS_COURSE": str(graded_course.course.root), "JUPYTER_RUNTIME_DIR": str(tmp_path)}
    log = (tmp_path / "voila.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "voila", str(DASHBOARD), "--no-browser", f"--port={port}",
                             "--Voila.ip=127.0.0.1", "--show_tracebacks=True"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            break
        except OSError:
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_does_the_dashboard_render_progress_without_private_text(voila: str) -> None:
    with urllib.request.urlopen(voila, timeout=120) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    # Voilà 0.5 ships the executed outputs as JSON inside the page: undo its escaping of < > '
    for escaped, plain in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0027", "'"), ("\\u00e4", "ä")):
        page = page.replace(escaped, plain)
    assert "Kurssin eteneminen: viikko1" in page
    assert "valmennus-progress" in page
    for pid in ("p01", "p02", "p03"):
        assert f">{pid}<" in page
    assert "Traceback" not in page and '"output_type": "error"' not in page
    for participant in TRIO:
        assert participant.first_name not in page
        diary = answers_for(participant, "viikko1")["W1_DIARY"]
        assert diary.splitlines()[0] not in page
