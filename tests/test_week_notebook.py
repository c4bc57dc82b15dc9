"""The week 1 notebook in a real kernel (nbclient), as a participant and as nbgrader runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from valmennus.answers import AnswerStore
from valmennus.demo.simulate import Participant, answers_for

RELEASED = Path(__file__).resolve().parent.parent / "release" / "viikko1" / "viikko1.ipynb"


def _run(folder: Path, allow_errors: bool = False) -> nbformat.NotebookNode:
    nb = nbformat.read(folder / "viikko1.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def _outputs(nb: nbformat.NotebookNode, grade_id: str) -> list[dict]:
    return next(c.outputs for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _html(outputs: list[dict]) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs)


@pytest.fixture
def week(tmp_path: Path) -> Path:
    shutil.copy(RELEASED, tmp_path / "viikko1.ipynb")
    return tmp_path


def _answer_everything(folder: Path) -> AnswerStore:
    store = AnswerStore("viikko1", folder)
    for item_id, value in answers_for(Participant("p01", "A", "B", "complete"), "viikko1").items():
        store.set(item_id, value)
    return store


def test_does_the_notebook_run_cleanly_and_leave_saved_answers_untouched(week: Path) -> None:
    store = _answer_everything(week)
    before = (store.path.stat().st_ino, store.path.stat().st_mtime_ns, store.path.read_bytes())
    nb = _run(week)  # raises on any error, including a failing completion check
    assert (store.path.stat().st_ino, store.path.stat().st_mtime_ns, store.path.read_bytes()) == before
    summary = _html(_outputs(nb, "yhteenveto"))
    assert "Tallennetut vastauksesi" in summary and "Palvelu:" in summary
    widget_outputs = _outputs(nb, "tehtava_kentat")
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in widget_outputs)
    for grade_id in ("valmis_paivakirja", "valmis_pohdinta", "valmis_itsearviointi"):
        assert _outputs(nb, grade_id) == []  # nbgrader reads any output as a problem


def test_does_a_corrupt_file_leave_the_notebook_usable(week: Path) -> None:
    (week / "viikko1.answers.json").write_text('{"format": "valmennus-answers", "answ')
    nb = _run(week, allow_errors=True)
    setup = _html(_outputs(nb, "alustus"))
    assert "siirrettiin talteen nimellä viikko1.answers.corrupt-" in setup
    assert len(list(week.glob("viikko1.answers.corrupt-*.json"))) == 1
    assert not (week / "viikko1.answers.json").exists()
    for grade_id in ("tehtava_kentat", "pohdinta_kentat", "itsearviointi_kentat", "yhteenveto"):
        assert not any(o.get("output_type") == "error" for o in _outputs(nb, grade_id)), grade_id
    failed = _outputs(nb, "valmis_paivakirja")
    assert failed[0]["ename"] == "TaskIncomplete"
    assert "Vastaus puuttuu kohdasta: Asiakaspolkupäiväkirja" in failed[0]["evalue"]
    # the participant reads the message, not our code or the server's paths
    assert failed[0]["traceback"] == [f"TaskIncomplete: {failed[0]['evalue']}"]


def test_is_the_notebook_read_only_when_nbgrader_executes_it(week: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _answer_everything(week)
    before = store.path.read_bytes()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    nb = _run(week)
    assert store.path.read_bytes() == before
    diary = _html(_outputs(nb, "tehtava_kentat"))
    assert "Vain luku" in diary and "Palvelu:" in diary
    assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                   for c in nb.cells if c.cell_type == "code" for o in c.outputs)
