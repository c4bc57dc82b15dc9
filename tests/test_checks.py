"""valmennus.checks: silent when done, a clear Finnish message when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from valmennus.answers import AnswerStore
from valmennus.checks import TaskIncomplete, require, require_correct

REFLECTIONS = ("W1_R_DESC", "W1_R_FEEL", "W1_R_ANAL", "W1_R_PLAN")


def test_is_a_complete_task_passed_in_silence(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    store = AnswerStore("viikko1", tmp_path)
    for item in REFLECTIONS:
        store.set(item, "Tämä on riittävän pitkä vastaus, jossa on kymmenen sanaa tai vähän enemmän.")
    assert require("viikko1", *REFLECTIONS, folder=str(tmp_path)) is None
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_does_an_incomplete_task_name_what_is_missing(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_DIARY", "Liian lyhyt päiväkirja.")
    store.set("W1_SA1", "4")
    with pytest.raises(TaskIncomplete) as raised:
        require("viikko1", "W1_DIARY", "W1_SA1", "W1_SA2", folder=str(tmp_path))
    message = str(raised.value)
    assert message.startswith("Tehtävä ei ole vielä valmis.")
    assert "Vastaus on vielä lyhyt (3 / vähintään 40 sanaa)" in message
    assert "Tallennettu vastaus ei kelpaa kohdassa: Osaan käyttää julkisia" in message
    assert "Vastaus puuttuu kohdasta: Osaan kuvata" in message


def test_does_en_osaa_sanoa_count_as_an_answer(tmp_path: Path) -> None:
    AnswerStore("viikko1", tmp_path).set("W1_SA4", "cant_say")
    require("viikko1", "W1_SA4", folder=str(tmp_path))


def test_is_a_damaged_file_reported_not_crashed_on(tmp_path: Path) -> None:
    (tmp_path / "viikko1.answers.json").write_text("{not json")
    with pytest.raises(TaskIncomplete, match="Vastauksia ei voitu lukea"):
        require("viikko1", "W1_SA1", folder=str(tmp_path))
    assert (tmp_path / "viikko1.answers.json").exists()  # a check never moves or writes anything


def test_is_a_quiz_checked_against_the_bank_not_the_stored_flag(tmp_path: Path) -> None:
    store = AnswerStore("esimerkki", tmp_path)
    store.set("EX_QUIZ", {"chosen": ["a"], "correct": True})  # a hand edit claiming "right"
    require("esimerkki", "EX_QUIZ", folder=str(tmp_path))  # answered: enough for completion
    with pytest.raises(TaskIncomplete, match="Vastaus ei ole vielä oikein kohdassa: Mikä on digituen"):
        require_correct("esimerkki", "EX_QUIZ", folder=str(tmp_path))
    store.set("EX_QUIZ", {"chosen": ["b"], "correct": False})
    assert require_correct("esimerkki", "EX_QUIZ", folder=str(tmp_path)) is None


def test_does_an_unanswered_quiz_fail_the_correctness_check(tmp_path: Path) -> None:
    with pytest.raises(TaskIncomplete, match="Vastaus puuttuu kohdasta"):
        require_correct("esimerkki", "EX_QUIZ_MULTI", folder=str(tmp_path))


def test_does_a_checklist_need_its_minimum_ticks(tmp_path: Path) -> None:
    store = AnswerStore("esimerkki", tmp_path)
    store.set("EX_CHECKLIST", ["jaa"])
    with pytest.raises(TaskIncomplete, match="Valittu 1 / vähintään 2 kohdassa: Toimintasuunnitelma"):
        require("esimerkki", "EX_CHECKLIST", folder=str(tmp_path))
    store.set("EX_CHECKLIST", ["kokeile", "jaa"])
    require("esimerkki", "EX_CHECKLIST", folder=str(tmp_path))


def test_does_an_image_answer_need_its_file_in_the_folder(tmp_path: Path) -> None:
    store = AnswerStore("esimerkki", tmp_path)
    ref = {"file": "esimerkki.upload.EX_RESPONSE.abc.png", "original": "k.png", "type": "image/png", "size": 8}
    store.set("EX_RESPONSE", {"mode": "image", "text": "", "image": ref})
    with pytest.raises(TaskIncomplete, match="Kuvatiedosto puuttuu kohdasta: Kuvaa tai piirrä"):
        require("esimerkki", "EX_RESPONSE", folder=str(tmp_path))
    (tmp_path / ref["file"]).write_bytes(b"\x89PNG\r\n\x1a\n")
    require("esimerkki", "EX_RESPONSE", folder=str(tmp_path))
    store.set("EX_RESPONSE", {"mode": "text", "text": "Kaksi sanaa", "image": ref})
    with pytest.raises(TaskIncomplete, match=r"\(2 / vähintään 3 sanaa\)"):
        require("esimerkki", "EX_RESPONSE", folder=str(tmp_path))
