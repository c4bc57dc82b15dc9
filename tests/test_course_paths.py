"""Course paths come from nbgrader's ``CourseDirectory.format_path``: a course that renames nbgrader's
folders in its nbgrader_config.py is read where nbgrader puts its files (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from valmennus.course.copy import prepare_course
from valmennus.course.gradebook import open_gradebook
from valmennus.course.settings import CONFIG_FILE, CourseSettings
from valmennus.demo.simulate import Participant, write_answers
from valmennus.ops.share import collect_posts
from valmennus.records.sources import read_answers, read_collected

REPO = Path(__file__).resolve().parents[1]
WHO = Participant("p02", "Aino", "Aalto", "complete")  # one whose simulated week 1 shares its post


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> CourseSettings:
    root = prepare_course(REPO, tmp_path_factory.mktemp("paths") / "kurssi")
    with (root / CONFIG_FILE).open("a", encoding="utf-8") as config:
        config.write('\nc.CourseDirectory.submitted_directory = "palautetut"\n'
                     'c.CourseDirectory.autograded_directory = "arvioidut"\n')
    folder = root / "palautetut" / WHO.id / "viikko1"
    folder.mkdir(parents=True)
    write_answers(folder, "viikko1", WHO, "viikko1")
    (folder / "timestamp.txt").write_text("2026-09-07 10:00:00.000000 UTC", encoding="utf-8")
    course = CourseSettings.load(root)
    with open_gradebook(course) as gb:
        gb.update_or_create_student(WHO.id, first_name=WHO.first_name, last_name=WHO.last_name)
    return course


def test_are_the_renamed_folders_where_nbgrader_puts_them(course: CourseSettings) -> None:
    coursedir = course.coursedir()
    assert course.path("submitted", WHO.id, "viikko1") == Path(
        coursedir.format_path(coursedir.submitted_directory, WHO.id, "viikko1"))
    assert course.path("submitted", WHO.id, "viikko1") == course.root / "palautetut" / WHO.id / "viikko1"
    assert course.path("autograded") == course.root / "arvioidut"
    assert course.path("feedback", WHO.id) == course.root / "feedback" / WHO.id


def test_is_a_submission_in_the_renamed_folder_collected(course: CourseSettings) -> None:
    collected = read_collected(course)
    assert list(zip(collected["participant"], collected["week"], strict=True)) == [(WHO.id, "viikko1")]
    assert collected["submitted_at"].notna().all()


def test_are_its_answers_read(course: CourseSettings) -> None:
    answers = read_answers(course)
    assert len(answers) > 0
    assert set(answers["participant"]) == {WHO.id} and set(answers["week"]) == {"viikko1"}


def test_does_the_wall_show_its_posts(course: CourseSettings) -> None:
    posts = collect_posts(course, "viikko1")
    assert posts, "the wall found no submission in palautetut/"


@pytest.mark.parametrize("extra", [
    "",
    'c.CourseDirectory.submitted_directory = "palautetut"\n',
    'c.CourseDirectory.directory_structure = "{nbgrader_step}/kurssi/{assignment_id}/{student_id}"\n',
])
def test_is_the_layout_read_without_nbgrader_the_same_as_nbgraders(tmp_path: Path, extra: str) -> None:
    """``Layout`` repeats ``CourseDirectory.format_path`` so the dashboards need not import nbgrader."""
    (tmp_path / CONFIG_FILE).write_text(f"c = get_config()  # noqa: F821\n{extra}", encoding="utf-8")
    course = CourseSettings.load(tmp_path)
    mine, theirs = course._layout(), course.coursedir()
    for step in ("source", "release", "submitted", "autograded", "feedback"):
        for participant, week in (("p01", "viikko1"), (".", "viikko2"), ("*", "*")):
            for escape in (False, True):
                assert mine.format_path(getattr(mine, f"{step}_directory"), participant, week, escape=escape) == \
                    theirs.format_path(getattr(theirs, f"{step}_directory"), participant, week, escape=escape)


def test_do_course_paths_leave_nbgrader_unimported(tmp_path: Path) -> None:
    """Reading course paths imports no nbgrader of its own (~1.8 s a process); only a course's config may."""
    import subprocess
    import sys

    (tmp_path / CONFIG_FILE).write_text("c = get_config()  # noqa: F821\n", encoding="utf-8")
    (tmp_path / "source" / "viikko1").mkdir(parents=True)
    code = ("import sys\nfrom valmennus.course.settings import CourseSettings\n"
            f"c = CourseSettings.load({str(tmp_path)!r})\nc.path('submitted', 'p01', 'viikko1')\n"
            "c.find('submitted')\nc.weeks()\nassert 'nbgrader' not in sys.modules, 'nbgrader imported'\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
