"""The progress dashboard served by real Voilà on 127.0.0.1 against a graded course."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from valmennus.ops.course_loop import LoopReport
from valmennus.simulate import answers_for

from .browser.servers import voila as serve_voila
from .conftest import TRIO

pytestmark = pytest.mark.server
DASHBOARD = Path(__file__).resolve().parent.parent / "dashboards" / "edistyminen.ipynb"


@pytest.fixture
def voila(graded_course: LoopReport, tmp_path: Path) -> Iterator[str]:
    with serve_voila(DASHBOARD, tmp_path, {"VALMENNUS_COURSE": str(graded_course.course.root)}) as url:
        yield url


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
