"""valmennus.items: one wording and one validation rule per question."""

from __future__ import annotations

import pytest

from valmennus.items import CANT_SAY, bank, for_week, get, is_answered, valid_value
from valmennus.kinds.base import word_count


def test_does_the_bank_load_with_every_item_in_three_languages() -> None:
    items = bank()
    assert "W1_DIARY" in items and "W1_SA5" in items
    for item in items.values():
        assert set(item.text) == {"fi", "en", "sv"}, item.id
        assert all(text.strip() for text in item.text.values()), item.id


def test_does_week_one_ask_a_diary_six_reflections_five_scales_and_a_shared_thought() -> None:
    kinds = [item.kind for item in for_week("viikko1") if not item.construct.startswith("pulse")]
    assert kinds.count("text") == 8 and kinds.count("likert5") == 5 and kinds.count("share") == 1


def test_is_every_week_reflected_on_gibbs_six_stages_in_order() -> None:
    stages = ["description", "feelings", "evaluation", "analysis", "conclusion", "action_plan"]
    for week in ("viikko0", "viikko1", "viikko2", "viikko3", "viikko4", "viikko5", "viikko6", "paatos"):
        assert [i.gibbs_stage for i in for_week(week) if i.gibbs_stage] == stages, week
    assert get("W1_SHARE").extra["shares"] == "W1_SHARED"


@pytest.mark.parametrize("value, ok", [(1, True), (5, True), (CANT_SAY, True), ("4", False), (0, False),
                                       (6, False), (True, False), (3.0, False), (None, False)])
def test_is_a_hand_edited_likert_value_read_as_unanswered(value: object, ok: bool) -> None:
    assert valid_value(get("W1_SA1"), value) is ok


def test_is_whitespace_no_answer_for_a_text_item() -> None:
    assert not is_answered(get("W1_R_DESC"), "   \n ")
    assert is_answered(get("W1_R_DESC"), "Pysähdyin.")
    assert not valid_value(get("W1_R_DESC"), 42)


def test_are_finnish_words_counted_as_a_reader_counts_them() -> None:
    assert word_count("Äiti öljysi läpällä – 12 kertaa, eikö?") == 6


def test_is_an_unknown_item_id_a_clear_error() -> None:
    with pytest.raises(KeyError, match="data/items"):
        get("W9_NOPE")


def test_is_the_weekly_pulse_asked_in_every_week_by_the_same_ids() -> None:
    for week in ("viikko0", "viikko1", "viikko6", "paatos"):
        assert [i.id for i in for_week(week) if i.construct.startswith("pulse")] == \
            ["PULSE_USE", "PULSE_LOAD", "PULSE_TIME", "PULSE_CLIENT", "PULSE_NOTE"]
    assert get("PULSE_USE").week == "viikko0" and len(get("PULSE_USE").weeks) == 8


@pytest.mark.parametrize("value, ok", [("right", True), ("too_much", True), ("sopiva", False), (2, False),
                                       (["right"], False), (None, False)])
def test_is_a_choice_only_one_of_its_option_ids(value: object, ok: bool) -> None:
    assert valid_value(get("PULSE_LOAD"), value) is ok


def test_does_the_gallery_week_hold_every_widget_kind_once() -> None:
    from valmennus.kinds import KINDS

    assert {item.kind for item in for_week("esimerkki")} == set(KINDS)


@pytest.mark.parametrize("item_id, value, ok", [
    ("EX_CANDO", 4, True), ("EX_CANDO", 0, False), ("EX_CANDO", "cant_say", False),
    ("EX_QUIZ", {"chosen": ["b"], "correct": True}, True),
    ("EX_QUIZ", {"chosen": ["a", "b"], "correct": False}, False),  # single choice holds one
    ("EX_QUIZ", {"chosen": ["z"], "correct": False}, False), ("EX_QUIZ", {"chosen": ["b"]}, False),
    ("EX_QUIZ_MULTI", {"chosen": ["lahi", "eta"], "correct": False}, True),
    ("EX_QUIZ_MULTI", {"chosen": ["lahi", "lahi"], "correct": False}, False),
    ("EX_RULER", {"score": 0, "why_not_lower": "", "what_would_raise": ""}, True),
    ("EX_RULER", {"score": 10.0}, False), ("EX_RULER", {"score": True}, False),
    ("EX_CHECKLIST", ["jaa"], True), ("EX_CHECKLIST", ["muu"], False), ("EX_CHECKLIST", "jaa", False),
    ("EX_SHARE", {"mode": "name", "nickname": ""}, True), ("EX_SHARE", {"mode": "all"}, False),
    ("EX_RESPONSE", {"mode": "text", "text": "Sanoja", "image": None}, True),
    ("EX_RESPONSE", {"mode": "image", "text": "", "image": {"file": "../../etc/passwd", "type": "image/png",
                                                            "size": 3}}, False),
])
def test_is_each_new_kind_validated_by_its_shape(item_id: str, value: object, ok: bool) -> None:
    assert valid_value(get(item_id), value) is ok


@pytest.mark.parametrize("record, message", [
    ({"options": [{"id": "a", "text": {"fi": "A"}, "feedback": {"fi": "x"}},
                  {"id": "b", "text": {"fi": "B"}, "feedback": {"fi": "y"}}]}, "at least one correct"),
    ({"options": [{"id": "a", "text": {"fi": "A"}, "correct": True},
                  {"id": "b", "text": {"fi": "B"}, "feedback": {"fi": "y"}}]}, "needs feedback"),
    ({"options": [{"id": "a b", "text": {"fi": "A"}}]}, "short plain name"),
])
def test_is_a_malformed_quiz_refused_when_the_bank_loads(record: dict, message: str) -> None:
    from valmennus.items import _parse_item

    with pytest.raises(ValueError, match=message):
        _parse_item({"id": "X", "kind": "quiz", "week": "w", "text": {"fi": "K"}, **record})


def test_is_every_survey_statement_asked_at_baseline_and_closing_by_the_same_id() -> None:
    survey = {"digcomp", "digital_courage", "mi", "ethics", "readiness"}
    baseline = {i.id for i in for_week("viikko0") if i.construct in survey}
    closing = {i.id for i in for_week("paatos") if i.construct in survey}
    assert baseline == closing and {"DC23", "DC23B", "MI5", "ETH5"} <= baseline
