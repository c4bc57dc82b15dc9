"""Answers for the course team stay out of the submission (valmennus.anonymous, issue 16 §4).

The closing week promises that the coach cannot read a participant's course feedback by her name, not
even in her submission's summary, and the pulse's comments reach the course team without names. So the
items the bank marks ``anonymous`` are saved in a file of their own beside the answers file, which
nbgrader's exchange leaves behind, and the submission carries only "course feedback given: yes/no".
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from valmennus.anonymous import (
    GIVEN_ENTRY,
    CourseTeamStore,
    WeekAnswers,
    anonymous_items,
    required_items,
)
from valmennus.answers import COURSE_TEAM_PATTERN, AnswerStore
from valmennus.checks import missing
from valmennus.course.copy import prepare_course
from valmennus.course.gradebook import open_gradebook
from valmennus.course.intake import drop_planted_files
from valmennus.course.settings import CourseSettings
from valmennus.demo import simulate
from valmennus.demo.course_loop import write_roster
from valmennus.items import bank
from valmennus.ops.feedback import write_task_feedback
from valmennus.ops.nbgrader_cli import run_nbgrader
from valmennus.summary import render_html

from .conftest import REPO

WEEK = "paatos"
# The markers are letters and digits: bare digits turn up by chance in what nbgrader writes (an execution
# timestamp "…32.573913Z" once held "7391").
CF_TEXT = "Kurssipalautetta <b>vain kurssitiimille</b> & ilman nimeä KT-7391"
PULSE_TEXT = "Pulssin kommentti vain kurssitiimille PU-8462"
CF_ALL = {f"CF{n}": (n % 5) + 1 for n in range(1, 10)}


def test_does_the_bank_mark_the_course_feedback_and_the_pulse_comments_for_the_course_team() -> None:
    assert {i.id for i in anonymous_items()} == {*CF_ALL, "CF_HELP", "CF_CHANGE", "CF_MISSING", "PULSE_CLIENT",
                                                 "PULSE_NOTE"}
    assert [i.id for i in required_items(WEEK)] == list(CF_ALL)  # the statements; texts are voluntary
    assert required_items("viikko1") == []
    assert not bank()["PULSE_USE"].anonymous and not bank()["C_ACTION1"].anonymous


def test_does_the_answers_file_carry_only_yes_or_no(tmp_path: Path) -> None:
    answers = WeekAnswers(WEEK, tmp_path)
    answers.set("C_ACTION1", "Oma toimintasuunnitelma")
    answers.set("CF_HELP", CF_TEXT)
    answers.set("PULSE_NOTE", PULSE_TEXT)
    for item, value in list(CF_ALL.items())[:-1]:
        answers.set(item, value)
    submitted = AnswerStore(WEEK, tmp_path).values()
    assert submitted == {"C_ACTION1": "Oma toimintasuunnitelma", GIVEN_ENTRY: False}
    answers.set("CF9", "cant_say")  # "en osaa sanoa" is an answer
    assert AnswerStore(WEEK, tmp_path).values()[GIVEN_ENTRY] is True
    raw = (tmp_path / f"{WEEK}.answers.json").read_text(encoding="utf-8")
    assert "KT-7391" not in raw and "PU-8462" not in raw and "CF1" not in raw
    team = CourseTeamStore(WEEK, tmp_path)
    assert team.answers() == {**CF_ALL, "CF9": "cant_say", "CF_HELP": CF_TEXT, "PULSE_NOTE": PULSE_TEXT}
    team.remove("CF3")
    assert AnswerStore(WEEK, tmp_path).values()[GIVEN_ENTRY] is False
    # a week that asks no required item gets no flag at all
    week1 = WeekAnswers("viikko1", tmp_path / "v1")
    week1.set("PULSE_CLIENT", "Muistutukset tulivat hyvään aikaan.")
    assert not (tmp_path / "v1" / "viikko1.answers.json").exists()


def test_is_the_token_kept_and_a_resend_only_sent_when_something_changed(tmp_path: Path) -> None:
    team = CourseTeamStore(WEEK, tmp_path)
    assert team.pending() is None  # nothing answered, nothing ever sent
    team.set("CF1", 4)
    payload = team.pending()
    assert payload is not None and set(payload) == {"week", "token", "answers"}
    assert payload["answers"] == {"CF1": 4} and len(payload["token"]) == 64
    assert CourseTeamStore(WEEK, tmp_path).token() == payload["token"]  # the same token every time
    team.mark_sent(payload)
    assert team.pending() is None
    team.remove("CF1")  # emptied: the service must forget the earlier answer
    again = team.pending()
    assert again is not None and again["answers"] == {} and again["token"] == payload["token"]


def test_is_a_damaged_course_team_file_moved_aside_under_a_name_never_submitted(tmp_path: Path) -> None:
    (tmp_path / f"{WEEK}.kurssitiimille.json").write_text("{rikki", encoding="utf-8")
    loaded = CourseTeamStore(WEEK, tmp_path).load()
    assert loaded.problem == "answers_corrupt_moved" and loaded.moved_to is not None
    assert loaded.moved_to.match(COURSE_TEAM_PATTERN)


def test_does_the_check_read_the_flag_while_grading_and_name_items_in_her_own_kernel(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = WeekAnswers(WEEK, tmp_path)
    for item, value in list(CF_ALL.items())[:5]:
        answers.set(item, value)
    own = missing(WEEK, *CF_ALL, folder=str(tmp_path))
    assert len(own) == 4  # CF6-CF9 named one by one to her
    (tmp_path / f"{WEEK}.kurssitiimille.json").unlink()  # as in submitted/: the file never arrives
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert missing(WEEK, *CF_ALL, folder=str(tmp_path)) == ["Palaute valmennuksesta: vastaa kaikkiin väitteisiin."]
    monkeypatch.delenv("NBGRADER_EXECUTION")
    answers = WeekAnswers(WEEK, tmp_path)
    for item, value in CF_ALL.items():
        answers.set(item, value)
    (tmp_path / f"{WEEK}.kurssitiimille.json").unlink()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert missing(WEEK, *CF_ALL, folder=str(tmp_path)) == []


def test_does_the_summary_say_where_the_answer_went_and_never_show_it(tmp_path: Path) -> None:
    answers = WeekAnswers(WEEK, tmp_path)
    answers.set("CF_HELP", CF_TEXT)
    answers.set("CF1", 5)
    store = AnswerStore(WEEK, tmp_path)
    items = [bank()["CF1"], bank()["CF_HELP"]]
    for loaded in (store.load(), CourseTeamStore(WEEK, tmp_path).load()):  # even given the file itself
        page = render_html(items, loaded, tmp_path)
        assert "KT-7391" not in page and "kurssitiimille ilman nimeäsi" in page


def test_does_autograde_delete_a_course_team_file_that_reached_submitted(tmp_path: Path) -> None:
    folder = tmp_path / "submitted" / "p01" / WEEK
    folder.mkdir(parents=True)
    (folder / f"{WEEK}.ipynb").write_text("{}", encoding="utf-8")
    CourseTeamStore(WEEK, folder).set("CF_HELP", CF_TEXT)
    drop_planted_files(WEEK, "p01", [str(folder / f"{WEEK}.ipynb")])
    assert not list(folder.glob(COURSE_TEAM_PATTERN))


def test_does_the_participant_apps_exchange_leave_the_file_behind_whatever_the_hub_config_says() -> None:
    from traitlets.config import Config

    from valmennus.participant.exchange import with_course_team_ignored

    bare = with_course_team_ignored(Config())
    assert COURSE_TEAM_PATTERN in bare.CourseDirectory.ignore and "feedback" in bare.CourseDirectory.ignore
    own = Config()
    own.CourseDirectory.ignore = ["*.bak"]
    assert list(with_course_team_ignored(own).CourseDirectory.ignore) == ["*.bak", COURSE_TEAM_PATTERN]
    appended = Config()
    appended.CourseDirectory.ignore.append("*.bak")  # a LazyConfigValue, as a config file may write it
    assert COURSE_TEAM_PATTERN in with_course_team_ignored(appended).CourseDirectory.ignore


# -- the real loop: nbgrader's exchange, collect, autograde, feedback ----------------------------------------
AINO = simulate.Participant("p01", "Aino", "Virtanen", "complete")


def fetched_closing_week(tmp_path: Path) -> tuple[CourseSettings, Path, Path]:
    """A course with the closing week released and fetched by Aino: (course, her home, her week folder)."""
    os.environ.pop("NBGRADER_EXECUTION", None)
    root = prepare_course(REPO, tmp_path / "course")
    run_nbgrader(root, "db", "student", "import", str(write_roster(root / "roster.csv", [AINO])))
    run_nbgrader(root, "generate_assignment", WEEK, "--force")
    run_nbgrader(root, "release_assignment", WEEK, "--force")
    course = CourseSettings.load(root)
    home = tmp_path / "homes" / AINO.id
    return course, home, simulate.fetch(course.course_id, course.exchange_root, home, AINO.id, WEEK)


@pytest.mark.workflow
def test_does_nothing_of_the_course_feedback_reach_submitted_autograded_or_feedback(
        tmp_path: Path) -> None:
    """The closing week through real nbgrader: her course feedback (scales and words) and her pulse comment
    are nowhere in the exchange, ``submitted/``, ``autograded/`` (what formgrader shows), the gradebook or her
    feedback page; the completion mark for the feedback part is still given, from the yes/no flag. The
    participant's exchange here uses nbgrader's defaults (as the Lab's Assignments tab on a hub whose
    configuration lacks the pattern): the course's collect still leaves the file behind."""
    course, home, folder = fetched_closing_week(tmp_path)
    root = course.root
    simulate.write_answers(folder, WEEK, AINO, WEEK)
    answers = WeekAnswers(WEEK, folder)
    answers.set("CF_HELP", CF_TEXT)
    answers.set("CF_CHANGE", "Muuttaisin muistutusten sävyä MU-5512")
    answers.set("PULSE_NOTE", PULSE_TEXT)
    for item, value in CF_ALL.items():
        answers.set(item, value)
    token = CourseTeamStore(WEEK, folder).token()
    # the participant app's own submit never sends the file; here, nbgrader's defaults send it to the inbound
    config = simulate._exchange_config(course.course_id, course.exchange_root, home, AINO.id, WEEK)
    config.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
    simulate._run_exchange("Submit", config)
    inbound = next((course.exchange_root / course.course_id / "inbound").glob(f"{AINO.id}+{WEEK}+*"))
    assert (inbound / f"{WEEK}.kurssitiimille.json").is_file()  # what the course's collect must leave behind
    run_nbgrader(root, "collect", WEEK)
    run_nbgrader(root, "autograde", WEEK, "--force")
    write_task_feedback(course, WEEK, WEEK, AINO.id, "ohjaajan_palaute", "Hyvä loppu!", 1.0)
    run_nbgrader(root, "generate_feedback", WEEK, "--force")

    needles = ["KT-7391", "MU-5512", "PU-8462", "vain kurssitiimille", token]
    for part in ("submitted", "autograded", "feedback"):
        tree = root / part / AINO.id / WEEK
        assert tree.is_dir(), part
        assert not list(tree.rglob(COURSE_TEAM_PATTERN)), part
        for path in tree.rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not [n for n in needles if n in text], path
    graded = json.loads((root / "autograded" / AINO.id / WEEK / f"{WEEK}.ipynb").read_text(encoding="utf-8"))
    shown = json.dumps([c.get("outputs", []) for c in graded["cells"]], ensure_ascii=False)
    assert "kurssitiimille ilman nimeäsi" in shown  # formgrader's view says where the answers went
    for item in CF_ALL:  # and shows no scale answer of the feedback: each CF row holds only that note
        assert bank()[item].label("fi") in shown
    with open_gradebook(course) as gb:
        submission = gb.find_submission(WEEK, AINO.id)
        marks = {g.name: (g.score, g.max_score) for nb in submission.notebooks for g in nb.grades}
    assert marks["valmis_palaute"] == (1.0, 1.0)  # the completion mark, from "given: yes"
    page = (root / "feedback" / AINO.id / WEEK / f"{WEEK}.html").read_text(encoding="utf-8")
    assert "Hyvä loppu!" in page
    # her own file is still whole in her home
    assert CourseTeamStore(WEEK, folder).answers()["CF_HELP"] == CF_TEXT
    shutil.rmtree(home / ".nbgrader-cache", ignore_errors=True)


def test_does_the_release_guard_refuse_a_course_team_file_in_source(tmp_path: Path) -> None:
    """A facilitator who tries the closing week in ``source/`` leaves her own course team file there; the
    build, the course check and generate_assignment refuse it like an answers file."""
    from valmennus.course.guard import answer_files

    CourseTeamStore(WEEK, tmp_path / WEEK).set("CF_HELP", CF_TEXT)
    assert f"{WEEK}.kurssitiimille.json" in [p.name for p in answer_files(tmp_path)]
