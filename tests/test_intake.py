"""A submission enters the course without anything a participant planted: the submission-link leak.

A participant owns her inbound submission folder. Before ``SafeExchangeCollect``, nbgrader's collect
copied it with ``shutil.copytree`` (links followed, with the grader's rights): her answers file
replaced by a link to another participant's collected answers put that participant's reflections
into her collected copy, her graded notebook and her feedback page; a named pipe hung the collect.
Each test here plants what a hostile participant can plant and checks the course takes in only her
own plain files, names the rest, and reads nothing outside her folder.
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import pytest

from valmennus.cli import main
from valmennus.course.copy import prepare_course
from valmennus.course.intake import read_refusals
from valmennus.course.settings import CourseSettings
from valmennus.demo import simulate
from valmennus.demo.course_loop import write_roster
from valmennus.ops.feedback import write_task_feedback
from valmennus.ops.nbgrader_cli import run_nbgrader
from valmennus.safefiles import is_regular

from .conftest import REPO

pytestmark = pytest.mark.workflow
WEEK = "viikko1"
AINO = simulate.Participant("p01", "Aino", "Virtanen", "complete")
MIKKO = simulate.Participant("p02", "Mikko", "Korhonen", "complete")


def _inbound(course: CourseSettings, pid: str) -> Path:
    inbound = course.exchange_root / course.course_id / "inbound"
    return max(inbound.glob(f"{pid}+{WEEK}+*"), key=lambda p: p.name)


def _mikkos_lines() -> list[str]:
    """Lines of Mikko's diary that are not also in Aino's answers (a shared phrase would prove nothing)."""
    mine = "\n".join(str(v) for v in simulate.answers_for(AINO, WEEK).values())
    lines = [line for line in simulate.answers_for(MIKKO, WEEK)["W1_DIARY"].splitlines() if line and line not in mine]
    assert lines
    return lines


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> CourseSettings:
    """Week 1 released; Aino and Mikko have submitted and been collected once, honestly."""
    os.environ.pop("NBGRADER_EXECUTION", None)
    work = tmp_path_factory.mktemp("intake")
    root = prepare_course(REPO, work / "course")
    run_nbgrader(root, "db", "student", "import", str(write_roster(root / "roster.csv", [AINO, MIKKO])))
    run_nbgrader(root, "generate_assignment", WEEK, "--force")
    run_nbgrader(root, "release_assignment", WEEK, "--force")
    settings = CourseSettings.load(root)
    for p in (AINO, MIKKO):
        folder = simulate.fetch(settings.course_id, settings.exchange_root, work / "homes" / p.id, p.id, WEEK)
        simulate.write_answers(folder, WEEK, p, WEEK)
        simulate.submit(settings.course_id, settings.exchange_root, work / "homes" / p.id, p.id, WEEK)
    run_nbgrader(root, "collect", WEEK)
    assert (root / "submitted" / MIKKO.id / WEEK / f"{WEEK}.answers.json").is_file()
    return settings


def _resubmit(course: CourseSettings, home: Path) -> Path:
    """Aino submits again (the Assignments tab's Submit); returns her new inbound folder."""
    simulate.submit(course.course_id, course.exchange_root, home, AINO.id, WEEK)
    return _inbound(course, AINO.id)


def test_does_collect_refuse_a_link_to_another_participants_answers(course: CourseSettings,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = course.root
    home = root.parent / "homes" / AINO.id
    inbound = _resubmit(course, home)
    answers = inbound / f"{WEEK}.answers.json"
    answers.unlink()
    mikko = root / "submitted" / MIKKO.id / WEEK / f"{WEEK}.answers.json"
    answers.symlink_to(mikko)  # what the issue found: her answers file, now Mikko's
    (inbound / "salasanat.txt").symlink_to("/etc/passwd")  # any file the grader can read
    (inbound / "muistiinpanot").symlink_to(root)  # a folder link: the whole course
    os.mkfifo(inbound / "putki")  # would hang a copy that opens it
    os.link(home / WEEK / f"{WEEK}.ipynb", inbound / "kopio.ipynb")  # a hard link is another name for a file
    (inbound / "oma-liite.txt").write_text("Oma liitteeni", encoding="utf-8")

    assert main(["--course", str(root), "collect", WEEK]) == 0
    out = capsys.readouterr().out

    collected = root / "submitted" / AINO.id / WEEK
    # nothing of Mikko's, nothing of the grader's, and no link of any kind arrived
    assert not (collected / f"{WEEK}.answers.json").exists()
    for name in ("salasanat.txt", "muistiinpanot", "putki", "kopio.ipynb"):
        assert not (collected / name).exists() and not (collected / name).is_symlink(), name
    for path in collected.rglob("*"):
        assert is_regular(path) or path.is_dir() and not path.is_symlink(), path
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [line for line in _mikkos_lines() if line in text], path
            assert "root:x:0:0" not in text, path
    # her own plain files still arrived
    assert (collected / f"{WEEK}.ipynb").is_file()
    assert (collected / "oma-liite.txt").read_text(encoding="utf-8") == "Oma liitteeni"
    # the facilitator is told who, what and why, in Finnish
    refused = {(e["participant"], e["path"], e["reason"]) for e in read_refusals(root) if e["stage"] == "collect"}
    assert {(AINO.id, f"{WEEK}.answers.json", "symlink"), (AINO.id, "salasanat.txt", "symlink"),
            (AINO.id, "muistiinpanot", "symlink"), (AINO.id, "putki", "pipe"),
            (AINO.id, "kopio.ipynb", "hardlink")} <= refused
    assert f"Palautuksesta {AINO.id} / {WEEK} jätettiin pois {WEEK}.answers.json: symbolinen linkki" in out
    assert "nimetty putki" in out
    # Mikko's own collected answers are untouched
    assert mikko.is_file() and not mikko.is_symlink()


def test_is_her_feedback_page_free_of_the_other_participants_reflections(course: CourseSettings) -> None:
    """The rest of the facilitator's week on top of the refused link: autograde, feedback, her page."""
    root = course.root
    run_nbgrader(root, "autograde", WEEK, "--force")
    for p in (AINO, MIKKO):
        write_task_feedback(course, WEEK, WEEK, p.id, "ohjaajan_palaute", simulate.facilitator_comment(p), 1.0)
    run_nbgrader(root, "generate_feedback", WEEK, "--force")
    aino = (root / "feedback" / AINO.id / WEEK / f"{WEEK}.html").read_text(encoding="utf-8")
    assert not [line for line in _mikkos_lines() if html.escape(line) in aino]
    assert "root:x:0:0" not in aino
    assert html.escape(simulate.facilitator_comment(AINO)[:40]) in aino  # the page itself was made
    mikko = (root / "feedback" / MIKKO.id / WEEK / f"{WEEK}.html").read_text(encoding="utf-8")
    assert html.escape(_mikkos_lines()[0]) in mikko  # the control: his own page holds his words


def test_is_an_inbound_folder_that_is_a_link_refused_whole(course: CourseSettings) -> None:
    root = course.root
    home = root.parent / "homes" / AINO.id
    inbound = _resubmit(course, home)
    shutil.rmtree(inbound)
    inbound.symlink_to(root / "submitted" / MIKKO.id / WEEK)  # her newest "submission" is Mikko's folder
    before = {p.name: p.read_bytes() for p in (root / "submitted" / AINO.id / WEEK).iterdir() if p.is_file()}

    run_nbgrader(root, "collect", "--update", WEEK)  # the plain nbgrader command reads the same config

    after = {p.name: p.read_bytes() for p in (root / "submitted" / AINO.id / WEEK).iterdir() if p.is_file()}
    assert after == before  # her earlier collected copy stays; nothing of Mikko's came in
    assert (AINO.id, ".", "symlink") in {(e["participant"], e["path"], e["reason"]) for e in read_refusals(root)}
    inbound.unlink()


def test_does_autograde_drop_a_link_that_reached_submitted_another_way(course: CourseSettings) -> None:
    """The second line: a link already in ``submitted/`` (an older collect, a copy by hand)."""
    root = course.root
    collected = root / "submitted" / AINO.id / WEEK
    planted = collected / f"{WEEK}.answers.json"
    planted.unlink(missing_ok=True)
    planted.symlink_to(root / "submitted" / MIKKO.id / WEEK / f"{WEEK}.answers.json")

    run_nbgrader(root, "autograde", WEEK, "--force")

    graded = root / "autograded" / AINO.id / WEEK
    assert not (graded / f"{WEEK}.answers.json").exists()
    assert not planted.is_symlink()
    notebook = (graded / f"{WEEK}.ipynb").read_text(encoding="utf-8")
    assert not [line for line in _mikkos_lines() if line in notebook]
    assert (AINO.id, f"{WEEK}.answers.json", "symlink", "autograde") in {
        (e["participant"], e["path"], e["reason"], e["stage"]) for e in read_refusals(root)}
