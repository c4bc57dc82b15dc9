"""valmennus.own_change: a participant's own baseline-to-closing change, by area, by item id."""

from __future__ import annotations

from pathlib import Path

from valmennus.answers import AnswerStore
from valmennus.notebook import CourseNotebook
from valmennus.own_change import change_rows, own_change_html


def test_is_change_computed_by_area_from_statements_answered_both_times() -> None:
    before = {"DC11": 2, "DC12": 3, "DC13": "cant_say", "DC41": 4, "DCR1": 2, "RR1": {"score": 5}}
    after = {"DC11": 4, "DC12": 4, "DC13": 5, "DC41": 3, "DCR1": 2, "RR1": {"score": 8}, "MI1": 5}
    rows = {g: (n, b, a) for g, n, b, a in change_rows(before, after)}
    assert rows["area_1"] == (2, 2.5, 4.0)  # DC13 was "can't say" at the start: left out
    assert rows["area_4"] == (1, 4.0, 3.0)
    assert rows["digital_courage"] == (1, 2.0, 2.0)
    assert rows["readiness_RR1"] == (1, 5.0, 8.0)
    assert "mi" not in rows  # answered only at the end


def test_does_the_table_say_the_direction_in_words() -> None:
    markup = own_change_html({"DC11": 2, "DC41": 4, "DCR1": 3}, {"DC11": 4, "DC41": 3, "DCR1": 3})
    assert "Informaatio- ja datalukutaito</th><td>1</td><td>2,0</td><td>4,0</td><td>nousi" in markup
    assert "Turvallisuus</th><td>1</td><td>4,0</td><td>3,0</td><td>laski" in markup
    assert "ennallaan" in markup
    assert "Vertailua ei voi vielä näyttää" in own_change_html({}, {"DC11": 3})


def test_does_the_closing_notebook_read_week_zero_from_the_sibling_folder(tmp_path: Path) -> None:
    AnswerStore("viikko0", tmp_path / "viikko0").set("DC11", 2)
    closing = tmp_path / "paatos"
    AnswerStore("paatos", closing).set("DC11", 5)
    nb = CourseNotebook("paatos", folder=str(closing))
    assert "nousi" in nb.compare_with("viikko0")._repr_html_()
    alone = CourseNotebook("paatos", folder=str(tmp_path / "muu" / "paatos"))
    assert "ei löytynyt kansiosta viikko0" in alone.compare_with("viikko0")._repr_html_()
