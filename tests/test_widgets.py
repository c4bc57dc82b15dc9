"""valmennus.widgets: built from the saved value, saving on change, honest about saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from valmennus.answers import AnswerStore
from valmennus.items import CANT_SAY, get
from valmennus.notebook import CourseNotebook
from valmennus.widgets import Reflection, Scale


def test_does_a_widget_start_from_the_saved_answer(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_R_DESC", "Pysähdyin kirjautumisessa.")
    store.set("W1_SA2", CANT_SAY)
    reopened = Reflection(store, get("W1_R_DESC"))
    assert reopened.control.value == "Pysähdyin kirjautumisessa."
    assert "Tallennettu " in reopened.status.value  # when it was saved, read from the file
    assert Scale(store, get("W1_SA2")).control.value == CANT_SAY


def test_does_rerunning_a_cell_leave_the_file_untouched(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_SA1", 4)
    before = (store.path.stat().st_ino, store.path.stat().st_mtime_ns)
    for _ in range(3):
        Scale(store, get("W1_SA1"))
        Reflection(store, get("W1_R_DESC"))
    assert (store.path.stat().st_ino, store.path.stat().st_mtime_ns) == before


def test_does_typing_save_at_once_and_say_so(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    widget = Reflection(store, get("W1_R_DESC"))
    assert widget.status.value == ""
    widget.control.value = "Etsin neuvonnan yhteystiedot ja pysähdyin."  # one word short of the item's six
    assert get("W1_R_DESC").min_words == 6
    assert AnswerStore("viikko1", tmp_path).values()["W1_R_DESC"].startswith("Etsin neuvonnan")
    assert "Tallennettu klo" in widget.status.value
    assert "5 / vähintään 6 sanaa" in widget.words.value


def test_does_a_scale_save_the_chosen_point(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    widget = Scale(store, get("W1_SA3"))
    assert widget.control.value is None  # unanswered is visibly not an answer
    labels = [label for label, _ in widget.control.options]
    assert labels[0] == "1 – Täysin eri mieltä" and labels[-1] == "En osaa sanoa"
    widget.control.value = 5
    assert store.values()["W1_SA3"] == 5


def test_does_a_failed_write_tell_the_participant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AnswerStore("viikko1", tmp_path)
    widget = Reflection(store, get("W1_R_DESC"))

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "set", disk_full)
    widget.control.value = "Tämä ei tallennu."
    assert "Tallennus epäonnistui" in widget.status.value
    assert "Tallennettu" not in widget.status.value
    assert widget.control.value == "Tämä ei tallennu."  # the text stays on screen


def test_does_an_invalid_saved_value_read_as_unanswered(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_SA1", "4")  # as a hand edit would leave it
    widget = Scale(store, get("W1_SA1"))
    assert widget.control.value is None
    assert "ei kelpaa" in widget.status.value


def test_are_widgets_replaced_by_static_answers_while_grading(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    AnswerStore("viikko1", tmp_path).set("W1_R_DESC", "<b>lihavoitu</b> teksti")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.chdir(tmp_path)
    nb = CourseNotebook("viikko1")
    shown = nb.ask("W1_R_DESC")._repr_html_()
    assert "&lt;b&gt;lihavoitu&lt;/b&gt; teksti" in shown and "<b>lihavoitu" not in shown
    assert "Vain luku" in nb._repr_html_()
