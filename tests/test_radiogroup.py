"""RadioGroup, the one single-choice control (widgets/radiogroup.py): the kernel side refuses what no
option is, whether code or the browser sends it; the front end it names is the one installed; the view
sets words as text. Keyboard, focus and announcement in a real browser: tests/browser/test_keyboard.py."""

from __future__ import annotations

import json
import math
from importlib.resources import files
from pathlib import Path

import pytest
import traitlets as tl
from jupyter_core.paths import jupyter_path

from valmennus.answers import AnswerStore
from valmennus.items import get
from valmennus.widgets import Scale
from valmennus.widgets.radiogroup import RadioGroup

OPTIONS = [("Kyllä", "yes"), ("Ei", "no"), ("En osaa sanoa", "cant_say")]


def test_does_it_hold_its_question_options_and_nothing_chosen() -> None:
    group = RadioGroup(description="Onko <b>tämä</b> selvä?", options=OPTIONS)
    assert group.value is None and group.values == ["yes", "no", "cant_say"]
    assert group.options == OPTIONS and group.orientation == "vertical" and not group.disabled
    state = group.get_state()
    assert state["description"] == "Onko <b>tämä</b> selvä?"  # plain text; the view sets it as text
    assert json.loads(json.dumps(state["options"])) == [list(pair) for pair in OPTIONS]
    assert state["_view_module"] == "anywidget"


def test_does_it_take_an_option_and_refuse_anything_else_from_code() -> None:
    group = RadioGroup(description="Q", options=OPTIONS, value="no")
    group.value = "yes"
    assert group.value == "yes"
    for bad in ("maybe", 1, "", ["yes"], {"value": "yes"}):
        with pytest.raises(tl.TraitError):
            group.value = bad
        assert group.value == "yes"
    group.value = None  # nothing chosen
    assert group.value is None
    with pytest.raises(tl.TraitError):
        RadioGroup(description="Q", options=OPTIONS, value="maybe")


def test_does_it_refuse_from_the_browser_what_no_option_is() -> None:
    """What the browser sends goes through ipywidgets' own ``set_state``, validated like code's."""
    group = RadioGroup(description="Q", options=[(str(n), n) for n in range(11)])
    seen: list[object] = []
    group.observe(lambda change: seen.append(change["new"]), names="value")
    group.set_state({"value": 7})
    assert group.value == 7 and seen == [7]
    for bad in (11, -1, "7", True, 7.5):
        with pytest.raises(tl.TraitError):
            group.set_state({"value": bad})
    assert group.value == 7 and seen == [7]


def test_are_json_values_matched_exactly() -> None:
    """``True`` is no ``1``; a float option sent back by a browser as ``2`` is still the option ``2.0``."""
    group = RadioGroup(description="Q", options=[("yksi", 1), ("tosi", True), ("kaksi", 2.0)])
    group.value = True
    assert group.value is True
    group.set_state({"value": 2})
    assert group.value == 2.0 and isinstance(group.value, float)
    group.value = 1
    assert group.value == 1 and group.value is not True


@pytest.mark.parametrize("options", [
    [("a", 1), ("b", 1)],  # two options, one value
    [("a", 1), ("b", 1.0)],
    [("a",)],
    [("a", 1, 2)],
    ["a"],
    [(1, "a")],  # a label is text
    [("a", None)],  # None is "nothing chosen", never an option
    [("a", [1])],
    [("a", {"x": 1})],
    [("a", math.nan)],
    [("a", math.inf)],
])
def test_are_malformed_options_refused(options: list) -> None:
    with pytest.raises(tl.TraitError):
        RadioGroup(description="Q", options=options)


def test_do_new_options_without_the_chosen_value_leave_nothing_chosen() -> None:
    group = RadioGroup(description="Q", options=OPTIONS, value="no")
    group.options = [("Kyllä", "yes"), ("Ei", "no")]
    assert group.value == "no"
    group.options = [("Kyllä", "yes")]
    assert group.value is None


def test_does_the_browsers_choice_save_the_answer_and_a_bad_one_save_nothing(tmp_path: Path) -> None:
    store = AnswerStore("esimerkki", tmp_path)
    scale = Scale(store, get("EX_LIKERT"))
    assert isinstance(scale.control, RadioGroup)
    scale.control.set_state({"value": "cant_say"})  # "en osaa sanoa" is still an option
    assert store.values() == {"EX_LIKERT": "cant_say"} and scale.value == "cant_say"
    with pytest.raises(tl.TraitError):
        scale.control.set_state({"value": 6})
    assert store.values() == {"EX_LIKERT": "cant_say"} and scale.value == "cant_say"
    again = Scale(AnswerStore("esimerkki", tmp_path), get("EX_LIKERT"))
    assert again.control.value == "cant_say"  # a reload shows the choice


def test_does_the_view_set_words_as_text_and_keep_one_name_per_group() -> None:
    esm = files("valmennus").joinpath("widgets", "radiogroup.js").read_text(encoding="utf-8")
    assert RadioGroup().get_state()["_esm"] == esm
    assert "innerHTML" not in esm and "insertAdjacentHTML" not in esm and "outerHTML" not in esm
    assert esm.count(".textContent = ") == 2  # the question and each option's words
    for needed in ('createElement("fieldset")', 'createElement("legend")', 'input.type = "radio"', "input.name = name",
                   "stopPropagation()"):
        assert needed in esm
    assert "preventDefault" not in esm  # the browser's own keys are never taken away
    assert "style" not in esm.replace("widgets.css", "")  # looks are the stylesheet's classes only


def test_is_the_front_end_it_names_installed_in_the_same_version() -> None:
    """Voilà and JupyterLab load anywidget's prebuilt extension; a version it does not match renders nothing."""
    state = RadioGroup().get_state()
    found = [Path(p) / "anywidget" / "package.json" for p in jupyter_path("labextensions")]
    installed = [json.loads(p.read_text())["version"] for p in found if p.is_file()]
    assert installed, "anywidget's labextension is not installed"
    wanted = state["_view_module_version"]  # "~0.11.*"
    assert installed[0].startswith(wanted.strip("~*").rstrip(".")), (installed, wanted)
