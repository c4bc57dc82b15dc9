"""The whole course, week 0 to the closing week, through the real nbgrader loop.

Seven participants on the simulated clock (``tests/conftest.py::COHORT``): one answers everything,
one submits every week without answering, one is late twice, one drops out after week 3, one damages
a file in week 1. Scores are read from the gradebook as nbgrader stored them.
"""

from __future__ import annotations

import html

import pytest

from valmennus.course.gradebook import open_gradebook
from valmennus.demo.course_loop import LoopReport
from valmennus.demo.simulate import answers_for
from valmennus.demo.verify import loop_problems

from .conftest import COHORT, course_weeks

pytestmark = pytest.mark.workflow


def _totals(report: LoopReport) -> dict[str, dict[str, tuple[float, float]]]:
    """participant -> {"completion": (score, max), "task": (score, max)} for the report's week."""
    out: dict[str, dict[str, tuple[float, float]]] = {}
    with open_gradebook(report.course) as gb:
        for submission in gb.assignment_submissions(report.week):
            parts = {"completion": [0.0, 0.0], "task": [0.0, 0.0]}
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    kind = "task" if grade.name == "ohjaajan_palaute" else "completion"
                    parts[kind][0] += grade.score or 0.0
                    parts[kind][1] += grade.max_score
            out[submission.student_id] = {k: (v[0], v[1]) for k, v in parts.items()}
    return out


def test_does_every_week_of_the_course_run_through_the_loop(eight_week_course: list[LoopReport]) -> None:
    assert [r.week for r in eight_week_course] == course_weeks()
    assert len(eight_week_course) == 8
    for report in eight_week_course:
        assert loop_problems(report) == [], report.week


def test_does_the_complete_participant_get_every_mark_and_the_empty_one_none(
        eight_week_course: list[LoopReport]) -> None:
    for report in eight_week_course:
        totals = _totals(report)
        score, maximum = totals["p01"]["completion"]
        assert maximum >= 3 and score == maximum, (report.week, totals["p01"])
        assert totals["p02"]["completion"][0] == 0.0, report.week
        assert totals["p01"]["task"] == (1.0, 1.0) and totals["p02"]["task"] == (0.0, 1.0)


def test_does_a_drop_out_stop_submitting_and_a_partial_week_lose_only_its_mark(
        eight_week_course: list[LoopReport]) -> None:
    submitted = {r.week: set(_totals(r)) for r in eight_week_course}
    weeks = course_weeks()
    after = weeks[weeks.index("viikko3") + 1:]
    assert all("p05" in submitted[w] for w in weeks[: weeks.index("viikko3") + 1])
    assert all("p05" not in submitted[w] for w in after)
    week3 = _totals(next(r for r in eight_week_course if r.week == "viikko3"))
    score, maximum = week3["p04"]["completion"]
    assert score == maximum - 1  # only the self-assessment is incomplete
    week4 = _totals(next(r for r in eight_week_course if r.week == "viikko4"))
    assert week4["p04"]["completion"][0] == week4["p04"]["completion"][1]


def test_are_late_weeks_late_in_the_gradebook_and_others_not(eight_week_course: list[LoopReport]) -> None:
    for report in eight_week_course:
        with open_gradebook(report.course) as gb:
            late = {s.student_id for s in gb.assignment_submissions(report.week) if s.total_seconds_late > 0}
        expected = {p.id for p in COHORT if report.week in p.late_weeks and p.takes_part(report.week, course_weeks())}
        assert late == expected, report.week


def test_does_every_weeks_feedback_show_the_participants_own_answers(eight_week_course: list[LoopReport]) -> None:
    p01 = COHORT[0]
    for report in eight_week_course:
        page = report.feedback_pages["p01"][-1].read_text(encoding="utf-8")
        texts = [v for v in answers_for(p01, report.week).values() if isinstance(v, str) and len(v) > 30]
        assert texts, report.week
        for text in texts:
            assert html.escape(text.splitlines()[0][:60]) in page, (report.week, text[:60])
        others = "\n".join(str(v) for v in answers_for(COHORT[6], report.week).values() if isinstance(v, str))
        mine = "\n".join(str(v) for v in answers_for(p01, report.week).values())
        theirs = [line for line in others.splitlines() if len(line) > 30 and line not in mine]
        assert not [line for line in theirs if html.escape(line) in page], report.week


def test_are_the_survey_answers_the_same_items_at_baseline_and_closing(eight_week_course: list[LoopReport]) -> None:
    root = eight_week_course[0].course.root
    from valmennus.answers import AnswerStore

    base = AnswerStore("viikko0", root / "submitted" / "p01" / "viikko0", read_only=True).values()
    post = AnswerStore("paatos", root / "submitted" / "p01" / "paatos", read_only=True).values()
    survey = {k for k in base if k.startswith(("DC", "MI", "ETH", "RR"))}
    assert len(survey) >= 35 and survey <= set(post)
    grew = sum(post[k] > base[k] for k in survey if isinstance(base[k], int) and isinstance(post[k], int))
    assert grew > len(survey) / 2  # p01 grows: most statements are rated higher at the end


def test_does_the_closing_feedback_show_ones_own_change_since_week_zero(eight_week_course: list[LoopReport]) -> None:
    closing = next(r for r in eight_week_course if r.week == "paatos")
    page = closing.feedback_pages["p01"][-1].read_text(encoding="utf-8")
    assert "Oma muutoksesi: aloitusviikko ja nyt" in page and "Informaatio- ja datalukutaito" in page
    assert "nousi" in page  # p01 grows
