"""Check that a course loop did what it promises: every participant graded, every feedback page
holding that participant's own answers and the facilitator's comment, and nothing unescaped."""

from __future__ import annotations

import html

from ..course.gradebook import open_gradebook
from ..i18n import t
from . import simulate
from .course_loop import LoopReport


def loop_problems(report: LoopReport) -> list[str]:
    """Every broken promise of the loop, in words; an empty list means the loop is sound."""
    problems: list[str] = []
    with open_gradebook(report.course) as gb:
        graded = {s.student_id for s in gb.assignment_submissions(report.week)}
    for p in report.participants:
        if p.id not in graded:
            problems.append(f"{p.id}: no graded submission in the gradebook")
        pages = report.feedback_pages.get(p.id, [])
        if p.id in report.unfinished:  # the coach has not finished it: nothing may have been released
            if pages:
                problems.append(f"{p.id}: feedback released though the coach has not finished it")
            continue
        if not pages:
            problems.append(f"{p.id}: no feedback page fetched")
            continue
        page = pages[-1].read_text(encoding="utf-8")
        comment = simulate.facilitator_comment(p, report.week)
        if html.escape(comment[:40]) not in page:
            problems.append(f"{p.id}: the facilitator's comment is missing from the feedback page")
        if p.profile_in(report.week) == "empty":
            if html.escape(t("not_answered")) not in page:
                problems.append(f"{p.id}: an unanswered submission's page does not say what is unanswered")
        elif p.profile_in(report.week) == "corrupt":
            if html.escape(t("answers_corrupt_grading")) not in page:
                problems.append(f"{p.id}: the damaged answers file is not explained on the feedback page")
        else:
            answers = simulate.answers_for(p, report.week)
            texts = [v for v in answers.values() if isinstance(v, str)]
            if not texts or html.escape(texts[0].splitlines()[0][:40]) not in page:
                problems.append(f"{p.id}: the participant's own answers are missing from the feedback page")
        if "<script>alert" in page:
            problems.append(f"{p.id}: unescaped markup from an answer reached the feedback page")
    return problems


def wall_problems(report: LoopReport, wall_text: str) -> list[str]:
    """The shared wall holds what was shared and nothing private (diaries, reflections, feedback)."""
    from ..items import share_items

    shareable = {i.extra["shares"] for i in share_items()}
    problems = []
    for p in report.participants:
        answers = simulate.answers_for(p, report.week)
        for item_id, value in answers.items():
            text = value.get("text", "") if isinstance(value, dict) else value
            if (isinstance(text, str) and len(text) >= 20 and item_id not in shareable
                    and html.escape(text[:40]) in wall_text):
                problems.append(f"{p.id}: private answer {item_id} appears on the shared wall")
    if "<script>alert" in wall_text:
        problems.append("unescaped markup reached the shared wall")
    return problems
