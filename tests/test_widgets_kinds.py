"""The widget toolkit, kind by kind: what each saves, that it comes back, and that nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest

from valmennus.answers import AnswerStore
from valmennus.items import for_week, get, is_shared
from valmennus.notebook import CourseNotebook
from valmennus.uploads import MAX_BYTES
from valmennus.widgets import WIDGET_FOR_KIND, Checklist, Quiz, Response, Ruler, Scale, Share
from valmennus.widgets.radiogroup import RadioGroup

from .browser.images import drawing_png

PNG = drawing_png()


def _store(folder: Path) -> AnswerStore:
    return AnswerStore("esimerkki", folder)


def _saved(folder: Path) -> dict[str, Any]:
    return _store(folder).values()


def _upload(widget: Response, name: str, content: bytes) -> None:
    """What the browser sends when a file is chosen, through ipywidgets' own deserialiser."""
    widget.upload.set_state({"value": [{"name": name, "type": "image/png", "size": len(content),
                                        "content": memoryview(content), "last_modified": 1_763_900_000_000}]})


def _controls(widget: w.Widget) -> list[w.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found.extend(_controls(child))
    return found


def test_does_every_control_of_every_kind_have_a_visible_label(tmp_path: Path) -> None:
    """Screen readers announce a control by its label: every input carries its words as its description.

    A single choice is always a ``RadioGroup`` (its question the group's legend), never ipywidgets'
    ``RadioButtons``, which a keyboard cannot move through (ipywidgets #2650)."""
    for item in for_week("esimerkki"):
        widget = WIDGET_FOR_KIND[item.kind](_store(tmp_path), item)
        controls = _controls(widget.box)
        assert not any(isinstance(c, w.RadioButtons) for c in controls), item.id
        inputs = [c for c in controls if isinstance(c, w.Textarea | w.Text | RadioGroup | w.Checkbox | w.FileUpload)]
        assert inputs, item.id
        for control in inputs:
            assert control.description.strip(), (item.id, type(control).__name__)
            assert not getattr(control, "description_allow_html", False)  # plain text, never markup


def test_does_the_can_do_scale_speak_all_three_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    labels = {}
    for lang in ("fi", "en", "sv"):
        monkeypatch.setenv("VALMENNUS_LANG", lang)
        labels[lang] = [label for label, _ in Scale(_store(tmp_path), get("EX_CANDO")).control.options]
    assert labels["fi"] == ["1 – En osaa", "2 – Osaan avustettuna", "3 – Osaan itsenäisesti",
                            "4 – Osaan ja voin opastaa muita"]
    assert labels["en"][3] == "4 – I can and can guide others"
    assert labels["sv"][0] == "1 – Jag kan inte"


def test_does_a_quiz_give_feedback_at_once_and_record_correctness(tmp_path: Path) -> None:
    quiz = Quiz(_store(tmp_path), get("EX_QUIZ"))
    quiz.control.value = "a"
    assert "Ei aivan" in quiz.feedback.value and "ei ole vielä oikein" in quiz.feedback.value
    assert _saved(tmp_path)["EX_QUIZ"] == {"chosen": ["a"], "correct": False}
    quiz.control.value = "b"
    assert "Vastauksesi on oikein." in quiz.feedback.value
    assert _saved(tmp_path)["EX_QUIZ"] == {"chosen": ["b"], "correct": True}
    again = Quiz(_store(tmp_path), get("EX_QUIZ"))
    assert again.control.value == "b" and "Vastauksesi on oikein." in again.feedback.value


def test_is_a_multiple_choice_right_only_with_all_keyed_options(tmp_path: Path) -> None:
    quiz = Quiz(_store(tmp_path), get("EX_QUIZ_MULTI"))
    boxes = dict(zip([o.id for o in get("EX_QUIZ_MULTI").options], quiz.boxes, strict=True))
    boxes["lahi"].value = True
    boxes["eta"].value = True
    assert _saved(tmp_path)["EX_QUIZ_MULTI"] == {"chosen": ["lahi", "eta"], "correct": False}
    boxes["koulutus"].value = True
    assert _saved(tmp_path)["EX_QUIZ_MULTI"]["correct"] is True
    boxes["tunnukset"].value = True  # a wrong extra choice makes it wrong again, and says why
    assert _saved(tmp_path)["EX_QUIZ_MULTI"]["correct"] is False
    assert "tunnuksia ei koskaan kysytä" in quiz.feedback.value


def test_does_the_ruler_keep_its_follow_up_answers_with_the_score(tmp_path: Path) -> None:
    ruler = Ruler(_store(tmp_path), get("EX_RULER"))
    assert ruler.control.value is None  # not answered is not 0
    ruler.control.value = 0
    ruler.follow_ups["why_not_lower"].value = "En voisi valita pienempää."
    ruler.follow_ups["what_would_raise"].value = "Kokeilu työkaverin kanssa."
    assert _saved(tmp_path)["EX_RULER"] == {"score": 0, "why_not_lower": "En voisi valita pienempää.",
                                            "what_would_raise": "Kokeilu työkaverin kanssa."}
    again = Ruler(_store(tmp_path), get("EX_RULER"))
    assert again.control.value == 0 and again.follow_ups["what_would_raise"].value == "Kokeilu työkaverin kanssa."


def test_does_a_checklist_save_its_ticks_in_the_plans_order(tmp_path: Path) -> None:
    checklist = Checklist(_store(tmp_path), get("EX_CHECKLIST"))
    checklist.boxes[2].value = True
    checklist.boxes[0].value = True
    assert _saved(tmp_path)["EX_CHECKLIST"] == ["kokeile", "jaa"]
    assert "Valittu 2 / 3" in checklist.count.value
    assert [b.value for b in Checklist(_store(tmp_path), get("EX_CHECKLIST")).boxes] == [True, False, True]


def test_is_an_answer_not_shared_unless_the_participant_chooses(tmp_path: Path) -> None:
    share = Share(_store(tmp_path), get("EX_SHARE"))
    assert share.control.value == "none" and not _store(tmp_path).path.exists()  # showing writes nothing
    assert not is_shared(None)
    share.control.value = "nickname"
    assert not is_shared(_saved(tmp_path)["EX_SHARE"])  # no nickname yet: still not shared
    assert "Kirjoita nimimerkki" in share.note.value
    share.nickname.value = "Digirohkea"
    assert _saved(tmp_path)["EX_SHARE"] == {"mode": "nickname", "nickname": "Digirohkea"}
    assert is_shared(_saved(tmp_path)["EX_SHARE"])
    assert Share(_store(tmp_path), get("EX_SHARE")).nickname.value == "Digirohkea"


def test_is_an_uploaded_image_stored_beside_the_answers_under_a_safe_name(tmp_path: Path) -> None:
    response = Response(_store(tmp_path), get("EX_RESPONSE"))
    response.control.value = "image"
    _upload(response, "../../etc/<i>piirros.png", PNG)
    ref = _saved(tmp_path)["EX_RESPONSE"]["image"]
    stored = tmp_path / ref["file"]
    assert stored.read_bytes() == PNG and stored.parent == tmp_path
    assert ref["file"].startswith("esimerkki.upload.EX_RESPONSE.") and ref["file"].endswith(".png")
    assert ref["original"] == "<i>piirros.png" and ref["type"] == "image/png" and ref["size"] == len(PNG)
    assert "&lt;i&gt;piirros.png" in response.preview.value and "<i>piirros" not in response.preview.value
    assert response.upload.value == ()  # the kernel's copy is dropped
    again = Response(_store(tmp_path), get("EX_RESPONSE"))
    assert again.control.value == "image" and "data:image/png;base64," in again.preview.value


def test_does_a_new_image_replace_the_old_file(tmp_path: Path) -> None:
    response = Response(_store(tmp_path), get("EX_RESPONSE"))
    _upload(response, "eka.png", PNG)
    first = _saved(tmp_path)["EX_RESPONSE"]["image"]["file"]
    _upload(response, "toka.gif", b"GIF89a" + b"\x00" * 40)
    ref = _saved(tmp_path)["EX_RESPONSE"]["image"]
    assert ref["type"] == "image/gif" and not (tmp_path / first).exists()
    assert [p.name for p in tmp_path.glob("esimerkki.upload.*")] == [ref["file"]]


@pytest.mark.parametrize("name, content, message", [
    ("iso.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_BYTES, "on liian suuri (5.0 Mt)"),
    ("<script>.png", b"<script>alert(1)</script>", "&lt;script&gt;.png ei ole PNG-, JPEG-, WebP- tai GIF-kuva"),
])
def test_is_a_refused_upload_explained_and_the_earlier_answer_kept(tmp_path: Path, name: str, content: bytes,
                                                                    message: str) -> None:
    response = Response(_store(tmp_path), get("EX_RESPONSE"))
    _upload(response, "hyva.png", PNG)
    before = _saved(tmp_path)["EX_RESPONSE"]
    _upload(response, name, content)
    assert message in response.status.value and "role='alert'" in response.status.value
    assert "Mitään ei muutettu" in response.status.value
    assert _saved(tmp_path)["EX_RESPONSE"] == before
    assert len(list(tmp_path.glob("esimerkki.upload.*"))) == 1
    assert not list(tmp_path.glob(".upload.*"))  # no temp file left behind


def test_does_switching_to_text_keep_the_image(tmp_path: Path) -> None:
    response = Response(_store(tmp_path), get("EX_RESPONSE"))
    response.control.value = "image"
    _upload(response, "kuva.png", PNG)
    response.control.value = "text"
    response.text.value = "Kirjoitin sittenkin tekstin."
    saved = _saved(tmp_path)["EX_RESPONSE"]
    assert saved["mode"] == "text" and saved["text"] == "Kirjoitin sittenkin tekstin." and saved["image"]
    assert response.image_rows.layout.display == "none" and response.text_rows.layout.display == "flex"


def test_does_rerunning_any_kind_leave_the_file_untouched(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set("EX_QUIZ", {"chosen": ["b"], "correct": True})
    store.set("EX_RULER", {"score": 4, "why_not_lower": "", "what_would_raise": ""})
    before = (store.path.stat().st_ino, store.path.stat().st_mtime_ns)
    for item in for_week("esimerkki"):
        WIDGET_FOR_KIND[item.kind](store, item)
    assert (store.path.stat().st_ino, store.path.stat().st_mtime_ns) == before


def test_does_a_hand_edited_value_read_as_unanswered_for_every_new_kind(tmp_path: Path) -> None:
    (tmp_path / "esimerkki.answers.json").write_text(json.dumps({
        "format": "valmennus-answers", "notebook": "esimerkki", "answers": {
            "EX_CANDO": {"value": 5}, "EX_QUIZ": {"value": {"chosen": ["z"], "correct": True}},
            "EX_RULER": {"value": {"score": 11}}, "EX_CHECKLIST": {"value": "kokeile"},
            "EX_SHARE": {"value": {"mode": "everyone"}},
            "EX_RESPONSE": {"value": {"mode": "image", "text": "", "image": {"file": "../x.png", "type": "image/png",
                                                                              "size": 3}}}}}))
    for item_id in ("EX_CANDO", "EX_QUIZ", "EX_RULER", "EX_CHECKLIST", "EX_SHARE", "EX_RESPONSE"):
        widget = WIDGET_FOR_KIND[get(item_id).kind](_store(tmp_path), get(item_id))
        assert "ei kelpaa" in widget.status.value, item_id


def test_are_all_kinds_static_and_escaped_while_grading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    response = Response(store, get("EX_RESPONSE"))
    response.control.value = "image"
    _upload(response, "piirros.png", PNG)
    store.set("EX_RULER", {"score": 6, "why_not_lower": "<i>syy</i>", "what_would_raise": ""})
    store.set("EX_SHARE", {"mode": "nickname", "nickname": "<b>Nimi</b>"})
    store.set("EX_QUIZ", {"chosen": ["a"], "correct": True})  # a forged flag is shown as what it is
    before = store.path.read_bytes()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.chdir(tmp_path)
    nb = CourseNotebook("esimerkki")
    shown = {item.id: nb.ask(item.id)._repr_html_() for item in for_week("esimerkki")}
    assert "data:image/png;base64," in shown["EX_RESPONSE"] and "alt='Osallistujan lataama kuva: piirros.png'" in \
        shown["EX_RESPONSE"]
    assert "6 / 10" in shown["EX_RULER"] and "&lt;i&gt;syy&lt;/i&gt;" in shown["EX_RULER"]
    assert "Jaetaan nimimerkillä &lt;b&gt;Nimi&lt;/b&gt;" in shown["EX_SHARE"]
    assert "ei vielä oikein" in shown["EX_QUIZ"]
    assert "Ei vielä vastausta" in shown["EX_CANDO"]
    assert all("Vain luku" in html for html in shown.values())
    assert store.path.read_bytes() == before


def test_does_the_gallery_run_read_only_in_a_real_kernel_under_grading(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """As nbgrader autograde runs it: no live widgets, every answer as static HTML, nothing written."""
    import nbformat
    from nbclient import NotebookClient

    from .browser.gallery import write_gallery

    path = write_gallery(tmp_path)
    store = _store(tmp_path)
    response = Response(store, get("EX_RESPONSE"))
    response.control.value = "image"
    _upload(response, "piirros.png", PNG)
    store.set("EX_REFLECT", "Tämä <img src=x onerror=alert(1)> jäi mieleen.")
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir() if p.suffix != ".ipynb")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    page = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Tämä &lt;img src=x onerror=alert(1)&gt; jäi mieleen." in page and "<img src=x" not in page
    assert page.count("data:image/png;base64,") == 2  # the widget cell and the summary
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir() if p.suffix != ".ipynb") == before
