"""Write a facilitator's comment and completion mark on a manually graded task cell.

This is what formgrader stores when a facilitator types feedback: the comment of the task cell and
its manual score, in the gradebook, through nbgrader's Gradebook API. The demo and tests use it to
play the facilitator; ``generate_feedback`` then puts the comment into the participant's page.
"""

from __future__ import annotations

from ..course.gradebook import open_gradebook
from ..course.settings import CourseSettings


def write_task_feedback(course: CourseSettings, assignment: str, notebook: str, student: str,
                        task_id: str, comment: str, score: float | None) -> None:
    with open_gradebook(course) as gb:
        db_comment = gb.find_comment(task_id, notebook, assignment, student)
        db_comment.manual_comment = comment
        grade = gb.find_grade(task_id, notebook, assignment, student)
        grade.manual_score = score
        # as formgrader's grade handler: a grade with a score no longer needs a manual grade
        grade.needs_manual_grade = score is None and grade.auto_score is None
        gb.db.commit()
