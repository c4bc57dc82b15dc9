"""Every answer widget is an ipywidgets composite: a ``VBox`` whose ``value`` trait is the saved answer.

For every kind: a participant's change sets ``value`` and saves it; ``value`` set from code is
checked, saved and shown in the controls; ``ipywidgets.link`` keeps two widgets of a kind in step;
observers fire once per saved change and never for a refused one; a value the kind's validation
refuses is not saved and the status line says so. The styles come from one stylesheet, shown once
per notebook.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest

from valmennus.answers import AnswerStore
from valmennus.items import CANT_SAY, for_week, get
from valmennus.kinds.base import MAX_TEXT_CHARS
from valmennus.notebook import CourseNotebook, stylesheet, stylesheet_css
from valmennus.uploads import store_image
from valmennus.widgets import WIDGET_FOR_KIND, AnswerWidget, Response

from .browser.images import drawing_png

SAVED = "Tallennettu klo"
NOT_SAVED = "Tallennus epäonnistui"
WIDGETS_DIR = Path(__file__).resolve().parents[1] / "src" / "valmennus" / "widgets"
PNG = drawing_png()


@dataclass(frozen=True)
class Case:
    """One kind: a participant's change and what it saves; a value set from code and what is saved for it
    (the kind's own shape: choices in the item's order, the quiz flag recomputed); a value it refuses."""

    item_id: str
    change: Callable[[AnswerWidget], None]
    changed: Any
    code: Callable[[AnswerStore], Any]
    coded: Callable[[AnswerStore], Any]
    invalid: Any
    shows: Callable[[AnswerWidget, Any], None]  # extra checks that the controls show a value set from code


def _nothing(_widget: AnswerWidget, _value: Any) -> None:
    pass


def _image_ref(store: AnswerStore) -> dict[str, Any]:
    return store_image(store, "EX_RESPONSE", "piirros.png", PNG)


def _shows_words(widget: AnswerWidget, value: Any) -> None:
    assert widget.control.value == value
    assert f"{len(value.split())} / vähintään" in widget.words.value


def _shows_quiz(widget: AnswerWidget, _value: Any) -> None:
    assert "Vastauksesi on oikein." in widget.feedback.value


def _shows_ruler(widget: AnswerWidget, value: Any) -> None:
    assert widget.control.value == value["score"]
    assert widget.follow_ups["why_not_lower"].value == value["why_not_lower"]


def _shows_ticks(widget: AnswerWidget, value: Any) -> None:
    assert [box.value for box in widget.boxes] == [o.id in value for o in widget.item.options]
    assert f"Valittu {len(value)} / 3" in widget.count.value


def _shows_share(widget: AnswerWidget, value: Any) -> None:
    assert widget.nickname.value == value["nickname"] and widget.note.value == ""


def _shows_image(widget: AnswerWidget, _value: Any) -> None:
    assert isinstance(widget, Response)
    assert "data:image/png;base64," in widget.preview.value
    assert widget.image_rows.layout.display == "flex" and widget.text_rows.layout.display == "none"


def _set(attribute: str, value: Any, index: int | None = None) -> Callable[[AnswerWidget], None]:
    def change(widget: AnswerWidget) -> None:
        control = getattr(widget, attribute)
        (control if index is None else control[index]).value = value
    return change


def _follow_up(widget: AnswerWidget) -> None:
    widget.follow_ups["what_would_raise"].value = "Kokeilu työkaverin kanssa."


CASES = [
    Case("EX_REFLECT", _set("control", "Kokeilin uutta palvelua tänään."), "Kokeilin uutta palvelua tänään.",
         lambda _s: "Toinen versio tekstistä.", lambda _s: "Toinen versio tekstistä.", "a" * (MAX_TEXT_CHARS + 1),
         _shows_words),
    Case("EX_LIKERT", _set("control", 4), 4, lambda _s: CANT_SAY, lambda _s: CANT_SAY, "4", _nothing),
    Case("EX_CANDO", _set("control", 3), 3, lambda _s: 1, lambda _s: 1, 5, _nothing),
    Case("EX_CHOICE", _set("control", "weekly"), "weekly", lambda _s: "daily", lambda _s: "daily", "yearly", _nothing),
    Case("EX_QUIZ", _set("control", "a"), {"chosen": ["a"], "correct": False},
         lambda _s: {"chosen": ["b"], "correct": False}, lambda _s: {"chosen": ["b"], "correct": True},
         {"chosen": ["a", "b"], "correct": True}, _shows_quiz),
    Case("EX_QUIZ_MULTI", _set("boxes", True, 3), {"chosen": ["tunnukset"], "correct": False},
         lambda _s: {"chosen": ["koulutus", "lahi", "eta"], "correct": False},
         lambda _s: {"chosen": ["lahi", "eta", "koulutus"], "correct": True},
         {"chosen": ["lahi", "lahi"], "correct": False}, _shows_quiz),
    Case("EX_RULER", _follow_up, {"score": None, "why_not_lower": "", "what_would_raise": "Kokeilu työkaverin kanssa."},
         lambda _s: {"score": 2, "why_not_lower": "Osaan jo jotain."},
         lambda _s: {"score": 2, "why_not_lower": "Osaan jo jotain.", "what_would_raise": ""},
         {"score": 11, "why_not_lower": "", "what_would_raise": ""}, _shows_ruler),
    Case("EX_CHECKLIST", _set("boxes", True, 1), ["kysy"], lambda _s: ["jaa", "kokeile"],
         lambda _s: ["kokeile", "jaa"], ["kokeile", "kokeile"], _shows_ticks),
    Case("EX_SHARE", _set("control", "name"), {"mode": "name", "nickname": ""},
         lambda _s: {"mode": "nickname", "nickname": "Digirohkea"},
         lambda _s: {"mode": "nickname", "nickname": "Digirohkea"}, {"mode": "everyone", "nickname": ""},
         _shows_share),
    Case("EX_RESPONSE", _set("text", "Kirjoitan vastaukseni."),
         {"mode": "text", "text": "Kirjoitan vastaukseni.", "image": None},
         lambda s: {"mode": "image", "image": _image_ref(s)},
         lambda s: {"mode": "image", "text": "", "image": _stored_ref(s)},
         {"mode": "image", "text": "", "image": {"file": "../x.png", "type": "image/png", "size": 3}}, _shows_image),
]
IDS = [case.item_id for case in CASES]


def _stored_ref(store: AnswerStore) -> dict[str, Any]:
    """The reference of the one image ``_image_ref`` stored in this folder."""
    (path,) = store.folder.glob("esimerkki.upload.EX_RESPONSE.*")
    return {"file": path.name, "original": "piirros.png", "type": "image/png", "size": len(PNG)}


def _store(folder: Path) -> AnswerStore:
    return AnswerStore("esimerkki", folder)


def _widget(store: AnswerStore, item_id: str) -> AnswerWidget:
    item = get(item_id)
    return WIDGET_FOR_KIND[item.kind](store, item)


def _record(widget: AnswerWidget) -> list[tuple[Any, Any]]:
    changes: list[tuple[Any, Any]] = []
    widget.observe(lambda change: changes.append((change["old"], change["new"])), names="value")
    return changes


def _file(store: AnswerStore) -> tuple[int, int, bytes] | None:
    if not store.path.exists():
        return None
    return store.path.stat().st_ino, store.path.stat().st_mtime_ns, store.path.read_bytes()


def test_is_every_kind_covered() -> None:
    kinds = {(get(i).kind, get(i).multiple) for i in IDS}
    assert kinds == {(item.kind, item.multiple) for item in for_week("esimerkki")}
    assert {get(i).kind for i in IDS} == set(WIDGET_FOR_KIND)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_is_every_kind_an_ipywidgets_composite_with_a_value_trait(tmp_path: Path, case: Case) -> None:
    widget = _widget(_store(tmp_path), case.item_id)
    assert isinstance(widget, w.VBox) and widget.box is widget
    assert widget.has_trait("value") and widget.value is None  # nothing saved yet
    assert "value" not in widget.keys  # not sent to the browser: the controls are
    assert "valmennus-answer" in widget._dom_classes and widget.children[-1] is widget.status


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_does_a_participants_change_set_value_and_save_it(tmp_path: Path, case: Case) -> None:
    store = _store(tmp_path)
    widget = _widget(store, case.item_id)
    changes = _record(widget)
    case.change(widget)
    assert widget.value == case.changed
    assert store.values()[case.item_id] == case.changed
    assert changes == [(None, case.changed)]  # once per change
    assert SAVED in widget.status.value
    assert _widget(store, case.item_id).value == case.changed  # reopened: the value comes back


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_does_setting_value_from_code_show_it_and_save_it(tmp_path: Path, case: Case) -> None:
    store = _store(tmp_path)
    widget = _widget(store, case.item_id)
    case.change(widget)
    changes = _record(widget)
    value, expected = case.code(store), case.coded(store)
    widget.value = value
    assert widget.value == expected and store.values()[case.item_id] == expected
    assert widget.current_value() == expected  # the controls show it
    case.shows(widget, expected)
    assert changes == [(case.changed, expected)]
    assert SAVED in widget.status.value
    before = _file(store)
    widget.value = value  # the same again: nothing to write, nothing to announce
    widget.value = expected
    assert changes == [(case.changed, expected)] and _file(store) == before
    reopened = _widget(store, case.item_id)
    assert reopened.value == expected and reopened.current_value() == expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_does_a_participants_change_after_a_value_from_code_save_once(tmp_path: Path, case: Case) -> None:
    """Showing a value from code is not a participant's change: the controls' observers stay quiet."""
    store = _store(tmp_path)
    widget = _widget(store, case.item_id)
    changes = _record(widget)
    widget.value = case.code(store)
    case.change(widget)
    assert changes == [(None, case.coded(store)), (case.coded(store), widget.current_value())]
    assert store.values()[case.item_id] == widget.value == widget.current_value()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_does_link_keep_two_widgets_of_a_kind_in_step(tmp_path: Path, case: Case) -> None:
    """Two participants' folders, one widget each, linked: a change in either is saved in both."""
    first, second = _store(tmp_path / "a"), _store(tmp_path / "b")
    a, b = _widget(first, case.item_id), _widget(second, case.item_id)
    a_changes, b_changes = _record(a), _record(b)
    link = w.link((a, "value"), (b, "value"))
    assert _file(second) is None  # both empty: linking wrote nothing
    case.change(a)
    assert a.value == b.value == case.changed
    assert second.values()[case.item_id] == case.changed and b.current_value() == case.changed
    assert SAVED in b.status.value
    value = case.code(second)
    b.value = value
    expected = case.coded(second)
    assert a.value == expected and first.values()[case.item_id] == expected and a.current_value() == expected
    assert a_changes == b_changes == [(None, case.changed), (case.changed, expected)]
    link.unlink()
    case.change(a)
    assert b.value == expected and len(b_changes) == 2


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_is_an_invalid_value_refused_with_the_status_message_and_not_saved(tmp_path: Path, case: Case) -> None:
    store = _store(tmp_path)
    widget = _widget(store, case.item_id)
    case.change(widget)
    changes = _record(widget)
    before = _file(store)
    widget.value = case.invalid
    assert widget.value == case.changed  # still what the file holds
    assert _file(store) == before
    assert NOT_SAVED in widget.status.value and "role='alert'" in widget.status.value
    assert widget.current_value() == case.changed  # the controls still show the saved answer
    assert changes == []
    widget.value = case.code(store)  # the next valid value is saved again
    assert SAVED in widget.status.value and store.values()[case.item_id] == case.coded(store)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_does_value_none_remove_the_saved_answer(tmp_path: Path, case: Case) -> None:
    store = _store(tmp_path)
    widget = _widget(store, case.item_id)
    case.change(widget)
    changes = _record(widget)
    widget.value = None
    assert widget.value is None and case.item_id not in store.values()
    assert changes == [(case.changed, None)]
    assert SAVED in widget.status.value  # removing is saved like any change
    reopened = _widget(store, case.item_id)
    assert reopened.value is None and widget.current_value() == reopened.current_value()  # shown unanswered


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_does_a_failed_write_leave_value_at_what_the_file_holds(tmp_path: Path, case: Case,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    widget = _widget(store, case.item_id)
    value, expected = case.code(store), case.coded(store)
    changes = _record(widget)

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "set", disk_full)
    case.change(widget)  # a participant's change: on screen, not saved, and said so
    assert widget.value is None and NOT_SAVED in widget.status.value
    assert widget.current_value() == case.changed
    widget.value = value  # from code: refused the same way
    assert widget.value is None and NOT_SAVED in widget.status.value
    assert changes == []
    monkeypatch.undo()
    widget.value = value
    assert widget.value == expected and store.values()[case.item_id] == expected
    assert changes == [(None, expected)]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_is_value_built_from_the_saved_answer_without_writing(tmp_path: Path, case: Case) -> None:
    store = _store(tmp_path)
    saved = case.coded(store) if case.item_id != "EX_RESPONSE" else case.changed
    store.set(case.item_id, saved)
    before = _file(store)
    widget = _widget(store, case.item_id)
    assert widget.value == saved and widget.current_value() == saved
    assert _file(store) == before


def test_does_a_text_fire_once_per_keystroke(tmp_path: Path) -> None:
    store = _store(tmp_path)
    widget = _widget(store, "EX_REFLECT")
    changes = _record(widget)
    for text in ("K", "Ko", "Kok"):
        widget.control.value = text
    assert [new for _old, new in changes] == ["K", "Ko", "Kok"] and store.values()["EX_REFLECT"] == "Kok"


def test_is_a_reflection_over_the_limit_kept_on_screen_but_not_in_value(tmp_path: Path) -> None:
    store = _store(tmp_path)
    widget = _widget(store, "EX_REFLECT")
    widget.control.value = "Alku."
    widget.control.value = "a" * (MAX_TEXT_CHARS + 1)
    assert widget.value == "Alku." and widget.control.value == "a" * (MAX_TEXT_CHARS + 1)
    assert NOT_SAVED in widget.status.value


def test_does_the_text_repr_never_hold_the_participants_words(tmp_path: Path) -> None:
    """The text/plain of a widget output is kept in the .ipynb: it names the item, not the answer."""
    store = _store(tmp_path)
    widget = _widget(store, "EX_REFLECT")
    widget.control.value = "Salainen pohdintani."
    bundle = w.VBox([widget])._repr_mimebundle_()
    assert "Salainen" not in bundle["text/plain"] and "Salainen" not in repr(widget)
    assert repr(widget) == "<valmennus Reflection EX_REFLECT>"


# -- one stylesheet -----------------------------------------------------------------------------

def _html_in(widget: w.Widget) -> list[str]:
    found = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        found.extend(_html_in(child))
    return found


def test_is_there_no_style_in_any_widget(tmp_path: Path) -> None:
    for item in for_week("esimerkki"):
        widget = _widget(_store(tmp_path), item.id)
        assert not any("<style" in markup or "style=" in markup for markup in _html_in(widget)), item.id
    for path in sorted(WIDGETS_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"<style|style=['\"]", source), path.name


def test_does_the_stylesheet_ship_with_the_package() -> None:
    css = stylesheet_css()
    assert ".valmennus-answer .widget-label" in css and ".valmennus-preview-image" in css
    sheet = stylesheet()
    assert sheet.value == f"<style>{css}</style>" and sheet.layout.display == "none"
    assert "valmennus-answer" not in sheet._dom_classes  # not counted as an answer box


def _displayed(nb: CourseNotebook, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    import IPython.display

    shown: list[Any] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_kw: shown.extend(objs))
    nb._ipython_display_()
    return shown


def test_does_the_setup_cell_bring_the_stylesheet_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    nb = CourseNotebook("esimerkki")
    shown = _displayed(nb, monkeypatch)
    sheets = [o for o in shown if isinstance(o, w.HTML)]
    assert len(sheets) == 1 and sheets[0].value.startswith("<style>")
    assert not [o for o in shown if not isinstance(o, w.HTML)]  # no problem to report: nothing else
    widget = nb.ask("EX_REFLECT")
    assert isinstance(widget, AnswerWidget) and widget.box is widget
    both = nb.ask_all("EX_LIKERT", "EX_CANDO")
    assert isinstance(both, w.VBox) and [type(c).__name__ for c in both.children] == ["Scale", "Scale"]


def test_does_the_setup_cell_still_report_a_moved_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "esimerkki.answers.json").write_text('{"format": "valmennus-answers", "answ')
    monkeypatch.chdir(tmp_path)
    shown = _displayed(CourseNotebook("esimerkki"), monkeypatch)
    assert "siirrettiin talteen" in shown[0].data and isinstance(shown[1], w.HTML)


def test_is_there_no_stylesheet_and_no_widget_under_grading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _store(tmp_path).set("EX_REFLECT", "Teksti.")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.chdir(tmp_path)
    nb = CourseNotebook("esimerkki")
    shown = _displayed(nb, monkeypatch)
    assert len(shown) == 1 and "Vain luku" in shown[0].data
    assert not isinstance(nb.ask("EX_REFLECT"), w.Widget)


def test_does_every_kind_save_what_value_holds_as_json(tmp_path: Path) -> None:
    """``value`` is exactly the file's entry: the same JSON, not a look-alike."""
    store = _store(tmp_path)
    for case in CASES:
        widget = _widget(store, case.item_id)
        widget.value = case.code(store)
        document = json.loads(store.path.read_text(encoding="utf-8"))
        assert json.dumps(document["answers"][case.item_id]["value"], sort_keys=True) == \
            json.dumps(widget.value, sort_keys=True), case.item_id

