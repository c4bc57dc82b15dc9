"""The whole loop with the real nbgrader commands: release, submit, collect, autograde, feedback.

Three participants: one complete, one who skipped part of the self-assessment, one whose answers
file is damaged. Scores are asserted exactly, as the gradebook holds them.
"""

from __future__ import annotations

import html
import shutil

import pytest

from valmennus.course.gradebook import open_gradebook
from valmennus.demo.course_loop import LoopReport
from valmennus.demo.simulate import answers_for, facilitator_comment
from valmennus.demo.verify import loop_problems
from valmennus.ops.nbgrader_cli import StepFailed, run_nbgrader

from .conftest import TRIO

pytestmark = pytest.mark.workflow

EXPECTED = {  # participant -> (diary, reflection, self-assessment, shared thought, facilitator's task mark)
    "p01": (1.0, 1.0, 1.0, 1.0, 1.0),
    "p02": (1.0, 1.0, 0.0, 1.0, 1.0),
    "p03": (0.0, 0.0, 0.0, 0.0, 0.0),
}
GRADE_IDS = ("valmis_paivakirja", "valmis_pohdinta", "valmis_itsearviointi", "valmis_jaettu", "ohjaajan_palaute")


def _scores(report: LoopReport) -> dict[str, tuple[float, ...]]:
    with open_gradebook(report.course) as gb:
        return {s.student_id: tuple(gb.find_grade(g, "viikko1", "viikko1", s.student_id).score
                                    for g in GRADE_IDS)
                for s in gb.assignment_submissions("viikko1")}


def test_are_the_exact_scores_in_the_gradebook(graded_course: LoopReport) -> None:
    assert _scores(graded_course) == EXPECTED
    with open_gradebook(graded_course.course) as gb:
        totals = {s.student_id: (s.score, s.max_score) for s in gb.assignment_submissions("viikko1")}
    assert totals == {"p01": (5.0, 5.0), "p02": (4.0, 5.0), "p03": (0.0, 5.0)}


def test_does_each_feedback_page_hold_own_answers_and_the_comment(graded_course: LoopReport) -> None:
    assert loop_problems(graded_course) == []
    pages = {pid: paths[-1].read_text(encoding="utf-8") for pid, paths in graded_course.feedback_pages.items()}
    p01, p02, p03 = TRIO
    own = answers_for(p01, "viikko1")
    assert html.escape(own["W1_R_FEEL"]) in pages["p01"]
    assert html.escape(facilitator_comment(p01)[:40]) in pages["p01"]
    # markup typed into a reflection arrives as text
    assert "&lt;script&gt;alert(" in pages["p01"]
    assert "<script>alert('x')" not in pages["p01"]
    # the incomplete participant is told what is missing, in Finnish
    assert "Tehtävä ei ole vielä valmis." in pages["p02"]
    assert "Vastaus puuttuu kohdasta: Osaan löytää palvelusta" in pages["p02"]
    # the damaged file is explained, and nobody sees another participant's answers
    assert "Vastaustiedosto on vioittunut" in pages["p03"]
    mine = "\n".join(str(v) for v in answers_for(p01, "viikko1").values())
    theirs = [line for line in answers_for(p02, "viikko1")["W1_DIARY"].splitlines() if line not in mine]
    assert theirs and not [line for line in theirs if html.escape(line) in pages["p01"]]


def test_does_the_corrupt_submission_keep_its_file_for_the_facilitator(graded_course: LoopReport) -> None:
    submitted = graded_course.course.root / "submitted" / "p03" / "viikko1" / "viikko1.answers.json"
    assert submitted.read_text().startswith('{"format": "valmennus-answers", "answ')


def test_can_a_facilitators_answers_file_in_source_not_overwrite_anyone(graded_course: LoopReport) -> None:
    """DESIGN §2 trap: running the source notebook leaves source/<week>/<id>.answers.json behind."""
    root = graded_course.course.root
    stray = root / "source" / "viikko1" / "viikko1.answers.json"
    stray.write_text('{"format": "valmennus-answers", "notebook": "viikko1", "answers": {}}')
    try:
        run_nbgrader(root, "autograde", "viikko1", "--force")
        assert _scores(graded_course) == EXPECTED  # nobody fell from 1 to 0

        with pytest.raises(StepFailed) as refused:
            run_nbgrader(root, "generate_assignment", "viikko1", "--force")
        assert "Lähdekansiossa on vastaustiedosto" in str(refused.value)
        assert not (root / "release" / "viikko1" / "viikko1.answers.json").exists()
    finally:
        stray.unlink()
        shutil.rmtree(root / "release" / "viikko1", ignore_errors=True)
        run_nbgrader(root, "generate_assignment", "viikko1", "--force")
