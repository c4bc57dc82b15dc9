"""valmennus.kinds: one package per item kind, each answering every question the course asks of a value."""

from __future__ import annotations

import inspect
import math
import random
from pathlib import Path
from typing import Any

import pytest

from valmennus.answers import AnswerStore
from valmennus.checks import missing
from valmennus.items import Item, bank, get, is_answered, valid_value
from valmennus.kinds import KINDS, kind
from valmennus.kinds.base import Answer, ItemKind
from valmennus.kinds.scale import CANT_SAY
from valmennus.own_change import change_rows

METHODS = [name for name, member in vars(ItemKind).items() if inspect.isfunction(member)]
ANSWER_KINDS = {"note", "plain", "text", "options", "ruler", "image"}
IMAGE = {"file": "esimerkki.upload.EX_RESPONSE.00.png", "original": "kuva.png", "type": "image/png", "size": 3}


class Words:
    """A voice that writes just enough words (the demo's phrase pools are the demo's to test)."""

    def words(self, item: Any, rng: random.Random, part: str = "text") -> str:
        return " ".join(["sana"] * (item.min_words + 1))


def test_does_every_registered_kind_answer_every_question() -> None:
    assert {"valid", "answered", "shortfall", "numbers", "change_score", "summary", "example"} <= set(METHODS)
    for name, registered in KINDS.items():
        assert registered.name == name and kind(name) is registered
        assert registered.widget, name
        for method in METHODS:
            assert callable(getattr(registered, method)), (name, method)


def test_is_every_kind_of_the_bank_registered_and_every_registered_kind_asked() -> None:
    used = {item.kind for item in bank().values()}
    assert used <= set(KINDS)
    assert set(KINDS) <= used  # a registered kind no item asks is untested by the gallery


def test_is_an_unknown_kind_a_clear_error() -> None:
    with pytest.raises(KeyError, match="kinds/__init__.py"):
        kind("slider")
    assert not valid_value(Item(id="X", kind="slider", weeks=("w",), text={"fi": "K"}), 3)


def test_does_each_kind_have_its_widget_in_its_own_package() -> None:
    from valmennus.widgets import WIDGET_FOR_KIND

    assert set(WIDGET_FOR_KIND) == set(KINDS)
    for name, cls in WIDGET_FOR_KIND.items():
        assert cls.__module__ == f"{type(KINDS[name]).__module__}.widget" and cls.__name__ == KINDS[name].widget


# item, value, valid, answered: what each kind's widget could have written, and what counts as an answer.
CASES: list[tuple[str, Any, bool, bool]] = [
    ("EX_REFLECT", "Yksi sana", True, True), ("EX_REFLECT", " \n\t", True, False), ("EX_REFLECT", "", True, False),
    ("EX_REFLECT", 42, False, False), ("EX_REFLECT", "a" * 20_001, False, False), ("EX_REFLECT", None, False, False),
    ("EX_LIKERT", 1, True, True), ("EX_LIKERT", CANT_SAY, True, True), ("EX_LIKERT", 6, False, False),
    ("EX_LIKERT", False, False, False), ("EX_LIKERT", "3", False, False),
    ("EX_CANDO", 4, True, True), ("EX_CANDO", 5, False, False), ("EX_CANDO", CANT_SAY, False, False),
    ("EX_CHOICE", "EX_CHOICE_OPTION", False, False), ("EX_CHOICE", ["x"], False, False),
    ("EX_QUIZ", {"chosen": [], "correct": False}, True, False),
    ("EX_QUIZ", {"chosen": ["b"], "correct": False}, True, True),  # a forged flag is still a valid shape
    ("EX_QUIZ", {"chosen": ["b", "b"], "correct": True}, False, False),
    ("EX_QUIZ", ["b"], False, False),
    ("EX_RULER", {"score": None, "why_not_lower": "Koska", "what_would_raise": ""}, True, False),
    ("EX_RULER", {"score": 10}, True, True), ("EX_RULER", {"score": 11}, False, False),
    ("EX_RULER", {"score": 5, "why_not_lower": 3}, False, False),
    ("EX_CHECKLIST", [], True, False), ("EX_CHECKLIST", ["jaa"], True, True),
    ("EX_CHECKLIST", ["jaa", "jaa"], False, False),
    ("EX_SHARE", {"mode": "none", "nickname": ""}, True, True),
    ("EX_SHARE", {"mode": "nickname", "nickname": "x" * 41}, False, False),
    ("EX_SHARE", {"mode": "everyone"}, False, False),
    ("EX_RESPONSE", {"mode": "text", "text": "", "image": IMAGE}, True, False),
    ("EX_RESPONSE", {"mode": "image", "text": "Sanoja", "image": None}, True, False),
    ("EX_RESPONSE", {"mode": "image", "text": "", "image": IMAGE}, True, True),
    ("EX_RESPONSE", {"mode": "image", "text": "", "image": {**IMAGE, "size": 0}}, False, False),
]


@pytest.mark.parametrize(("item_id", "value", "valid", "answered"), CASES)
def test_is_each_value_valid_and_answered_as_its_kind_says(item_id: str, value: Any, valid: bool,
                                                           answered: bool) -> None:
    item = get(item_id)
    assert valid_value(item, value) is valid
    assert is_answered(item, value) is answered


def test_is_a_choice_one_of_its_own_option_ids() -> None:
    item = get("EX_CHOICE")
    assert valid_value(item, item.options[0].id) and is_answered(item, item.options[0].id)


@pytest.mark.parametrize(("item_id", "value", "expected"), [
    ("EX_LIKERT", 4, [(4.0, None)]), ("EX_CANDO", 2, [(2.0, None)]),
    ("EX_RULER", {"score": 7, "why_not_lower": "Sanoja", "what_would_raise": "Lisää"}, [(7.0, None)]),
    ("EX_RULER", {"score": None, "why_not_lower": "Sanoja"}, []),
    ("EX_CHECKLIST", ["jaa", "kysy"], [(1.0, "jaa"), (1.0, "kysy")]),
    ("EX_QUIZ", {"chosen": ["b"], "correct": False}, [(1.0, None)]),  # right by the key, whatever the flag
    ("EX_QUIZ", {"chosen": ["a"], "correct": True}, [(0.0, None)]),  # a forged flag reads as wrong
    ("EX_QUIZ", {"chosen": [], "correct": False}, []),
    ("EX_REFLECT", "Minun sanani", []), ("EX_SHARE", {"mode": "nickname", "nickname": "Kettu"}, []),
    ("EX_RESPONSE", {"mode": "text", "text": "Minun sanani", "image": None}, []),
])
def test_do_reports_read_numbers_and_option_ids_only(item_id: str, value: Any, expected: list) -> None:
    item = get(item_id)
    assert kind(item.kind).numbers(item, value) == expected


def test_is_a_bare_option_or_can_t_say_no_number() -> None:
    likert, choice = get("EX_LIKERT"), get("EX_CHOICE")
    [(number, option)] = kind("likert5").numbers(likert, CANT_SAY)
    assert math.isnan(number) and option == CANT_SAY
    [(number, option)] = kind("choice").numbers(choice, choice.options[1].id)
    assert math.isnan(number) and option == choice.options[1].id


def test_do_no_words_of_any_answer_reach_the_reports() -> None:
    """Over every item and a simulated answer of it, a report reads only numbers, option ids and "cant_say"."""
    rng = random.Random(5)
    for item in bank().values():
        value = kind(item.kind).example(item, rng, Words())
        for number, option in kind(item.kind).numbers(item, value):
            assert isinstance(number, float)
            assert option is None or option == CANT_SAY or item.option(option) is not None, item.id


def test_are_only_scale_points_and_ruler_scores_compared_in_own_change() -> None:
    scores = {name: kind(name).change_score(get(item_id), value) for name, item_id, value in [
        ("likert5", "EX_LIKERT", 3), ("likert5", "EX_LIKERT", CANT_SAY), ("cando4", "EX_CANDO", 4),
        ("ruler", "EX_RULER", {"score": 0}), ("choice", "EX_CHOICE", get("EX_CHOICE").options[0].id),
        ("checklist", "EX_CHECKLIST", ["jaa"]), ("text", "EX_REFLECT", "5")]}
    assert scores == {"likert5": None, "cando4": 4.0, "ruler": 0.0, "choice": None, "checklist": None, "text": None}
    assert kind("likert5").change_score(get("EX_LIKERT"), 3) == 3.0


def test_does_a_hand_edited_point_off_the_scale_stay_out_of_own_change() -> None:
    rows = {g: (n, b, a) for g, n, b, a in change_rows({"DC11": 2, "DC12": 9}, {"DC11": 4, "DC12": 5})}
    assert rows["area_1"] == (1, 2.0, 4.0)


@pytest.mark.parametrize(("item_id", "value", "message"), [
    ("EX_REFLECT", "Vain kolme sanaa", "(3 / vähintään 5 sanaa)"), ("EX_REFLECT", "Viisi sanaa on jo tarpeeksi", None),
    ("EX_CHECKLIST", ["jaa"], "valittu 1 / vähintään 2"), ("EX_CHECKLIST", ["jaa", "kysy"], None),
    ("EX_RESPONSE", {"mode": "text", "text": "Kaksi sanaa", "image": None}, "(2 / vähintään 3 sanaa)"),
    ("EX_RESPONSE", {"mode": "text", "text": "Kolme sanaa riittää", "image": None}, None),
    ("EX_RESPONSE", {"mode": "image", "text": "", "image": IMAGE}, "kuvatiedosto puuttuu"),
])
def test_does_each_kind_say_what_keeps_an_answer_from_counting(tmp_path: Path, item_id: str, value: Any,
                                                                message: str | None) -> None:
    item = get(item_id)
    said = kind(item.kind).shortfall(item, value, tmp_path)
    if message is None:
        assert said is None
    else:
        assert said is not None and message in said.lower()


def test_is_an_image_that_is_there_enough(tmp_path: Path) -> None:
    (tmp_path / IMAGE["file"]).write_bytes(b"x")
    item = get("EX_RESPONSE")
    assert kind("response").shortfall(item, {"mode": "image", "text": "", "image": IMAGE}, tmp_path) is None


def test_does_only_a_quiz_have_a_right_answer_and_the_key_decides(tmp_path: Path) -> None:
    quiz = get("EX_QUIZ")
    assert kind("quiz").correct(quiz, {"chosen": ["b"], "correct": False}) is True
    assert kind("quiz").correct(quiz, {"chosen": ["a"], "correct": True}) is False
    assert all(k.correct(get("EX_LIKERT"), 3) is None for name, k in KINDS.items() if name != "quiz")
    AnswerStore("esimerkki", tmp_path).set("EX_QUIZ", {"chosen": ["a"], "correct": True})
    assert missing("esimerkki", "EX_QUIZ", folder=str(tmp_path)) == []
    assert len(missing("esimerkki", "EX_QUIZ", folder=str(tmp_path), correct=True)) == 1


def test_does_every_answered_value_have_a_summary_the_template_draws(tmp_path: Path) -> None:
    rng = random.Random(9)
    for item in bank().values():
        answer = kind(item.kind).summary(item, kind(item.kind).example(item, rng, Words()), tmp_path)
        assert isinstance(answer, Answer) and answer.kind in ANSWER_KINDS, item.id
    assert kind("share").summary_none(get("EX_SHARE")).kind == "plain"  # nothing saved: not shared
    assert kind("text").summary_none(get("EX_REFLECT")).kind == "note"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_is_every_simulated_answer_one_the_widget_could_have_saved(seed: int) -> None:
    rng = random.Random(seed)
    for item in bank().values():
        value = kind(item.kind).example(item, rng, Words())
        assert valid_value(item, value) and is_answered(item, value), (item.id, value)


@pytest.mark.parametrize(("name", "item_id", "level", "unsure", "expected"), [
    ("likert5", "EX_LIKERT", 3.4, False, 3), ("likert5", "EX_LIKERT", 9.0, False, 5),
    ("likert5", "EX_LIKERT", 3.0, True, CANT_SAY), ("cando4", "EX_CANDO", 4.8, False, 4),
    ("cando4", "EX_CANDO", 2.0, True, 2),  # no "en osaa sanoa" on the can-do scale
    ("ruler", "EX_RULER", 3.6, False, 7), ("ruler", "EX_RULER", -1.0, True, 0),
])
def test_does_a_survey_level_become_the_kind_s_answer(name: str, item_id: str, level: float, unsure: bool,
                                                      expected: Any) -> None:
    item = get(item_id)
    value = kind(name).example_at(item, level, random.Random(0), Words(), unsure)
    assert (value["score"] if name == "ruler" else value) == expected
    assert valid_value(item, value)


@pytest.mark.parametrize(("record", "message"), [
    ({"kind": "choice", "options": [{"id": "a", "text": {"fi": "A"}}]}, "a choice needs at least two options"),
    ({"kind": "checklist"}, "a checklist needs at least two options"),
    ({"kind": "quiz", "multiple": False, "options": [
        {"id": "a", "text": {"fi": "A"}, "correct": True, "feedback": {"fi": "x"}},
        {"id": "b", "text": {"fi": "B"}, "correct": True, "feedback": {"fi": "y"}}]}, "exactly one correct"),
    ({"kind": "slider"}, "unknown kind"),
])
def test_does_the_bank_refuse_an_item_that_breaks_its_kind_s_rules(record: dict, message: str) -> None:
    from valmennus.items import _parse_item

    with pytest.raises(ValueError, match=message):
        _parse_item({"id": "X", "week": "w", "text": {"fi": "K"}, **record})
