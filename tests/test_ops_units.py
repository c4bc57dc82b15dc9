"""Small pure parts of the facilitator commands: schedule, roster parsing, autograde helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from jsonschema import ValidationError
from nbformat.v4 import new_code_cell

from valmennus.course.schedule import ScheduleError, current_week, load_schedule
from valmennus.i18n import local_datetime, t
from valmennus.ops.autograde import GradeResult, _speed_up_nbgrader_in_this_worker, patient_db_url, results_table
from valmennus.ops.roster import read_roster


def test_is_the_schedule_read_in_helsinki_time(tmp_path: Path) -> None:
    (tmp_path / "schedule.yaml").write_text(
        "weeks:\n  viikko1: {release: 2027-01-11 08:00, due: 2027-01-17 23:59}\n"
        "  viikko2: {release: 2027-06-14 08:00, due: 2027-06-20 23:59}\n", encoding="utf-8")
    w1, w2 = load_schedule(tmp_path)
    assert w1.release == datetime(2027, 1, 11, 6, 0, tzinfo=UTC)  # winter: UTC+2
    assert w2.release == datetime(2027, 6, 14, 5, 0, tzinfo=UTC)  # summer: UTC+3
    assert w1.due_naive_utc == datetime(2027, 1, 17, 21, 59)
    assert current_week([w1, w2], datetime(2027, 3, 1, tzinfo=UTC)) == w1
    assert current_week([w1, w2], datetime(2026, 12, 1, tzinfo=UTC)) is None


@pytest.mark.parametrize("body, message", [
    ("weeks:\n  viikko1: {release: 2027-01-11 08:00}\n", "needs release and due"),
    ("weeks:\n  viikko1: {release: huomenna, due: 2027-01-17}\n", "not a date"),
    ("weeks:\n  viikko1: {release: 2027-01-17 08:00, due: 2027-01-11 08:00}\n", "not after release"),
    ("weeks: [\n", "not valid YAML"),
])
def test_does_a_bad_schedule_say_where(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "schedule.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ScheduleError, match=message):
        load_schedule(tmp_path)


def test_does_the_roster_skip_bad_rows_and_keep_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("\ufeffid,first_name,last_name,email,cohort\np01,Aino,V,a@example.org,k\n"
                    "p01,Dup,D,d@example.org,k\n../x,E,F,,k\np02,Ö,Ä,not-an-address,k\np03,,,,k\n", encoding="utf-8")
    rows, report = read_roster(path)
    assert [r["id"] for r in rows] == ["p01", "p03"]
    assert report.skipped == [(3, "tunnus p01 on jo aiemmalla rivillä"),  # why, in the course language
                              (4, "tunnus ”../x” on tyhjä tai siinä on muita merkkejä kuin a–z, A–Z, 0–9 ja . _ @ -"),
                              (5, "p02: ”not-an-address” ei ole sähköpostiosoite")]
    (tmp_path / "bad.csv").write_text("name\nx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="sarake id puuttuu"):
        read_roster(tmp_path / "bad.csv")
    (tmp_path / "excel.csv").write_bytes("id,first_name\np04,Sinikka Ränni\n".encode("cp1252"))
    with pytest.raises(ValueError, match="ei ole UTF-8-muodossa"):
        read_roster(tmp_path / "excel.csv")


def test_do_sqlite_writers_wait_for_each_other() -> None:
    assert patient_db_url("sqlite:////x/gradebook.db") == "sqlite:////x/gradebook.db?timeout=60"
    assert patient_db_url("sqlite:///g.db?mode=rw") == "sqlite:///g.db?mode=rw&timeout=60"
    assert patient_db_url("postgresql+psycopg://h/db") == "postgresql+psycopg://h/db"


def test_does_faster_metadata_validation_still_refuse_bad_metadata() -> None:
    _speed_up_nbgrader_in_this_worker()
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    cell = new_code_cell("x")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "a", "locked": True, "points": "lots",
                                 "schema_version": 3, "solution": False, "task": False}
    with pytest.raises(ValidationError, match="'lots' is not of type 'number'"):
        MetadataValidatorV3().validate_cell(cell)
    cell.metadata["nbgrader"]["points"] = 1
    MetadataValidatorV3().validate_cell(cell)


def test_does_the_closing_table_count_graded_failed_and_late() -> None:
    table = results_table([GradeResult("p01", True, 1.0, score=3, max_score=4),
                           GradeResult("p02", True, 1.0, score=4, max_score=4, seconds_late=7200),
                           GradeResult("p03", False, 1.0, reason="NotJSONError: broken")])
    assert table.splitlines() == [
        "osallistuja  tila         pisteet  myöhässä  syy",
        "p01          arvioitu     3/4      -",
        "p02          arvioitu     4/4      2,0 h",
        "p03          EPÄONNISTUI  -        -         NotJSONError: broken",
        "Arvioitu: 2. Epäonnistui: 1. Myöhässä: 1."]
    assert results_table([]) == "(ei palautuksia)"


def test_is_the_closing_table_in_the_course_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALMENNUS_LANG", "en")
    table = results_table([GradeResult("participant-with-a-long-id", True, 1.0, score=2.5, max_score=4,
                                       seconds_late=90, notes=["viikko1: restored 1 edited cell: a"])])
    assert table.splitlines() == [
        "participant                 status  score  late   reason",
        "participant-with-a-long-id  graded  2.5/4  2 min  viikko1: restored 1 edited cell: a",
        "Graded: 1. Failed: 0. Late: 1. Graded with a note: 1."]


def test_are_the_steps_and_their_details_printed_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    from valmennus.cli import _print_outcomes
    from valmennus.ops.steps import StepOutcome

    due = datetime(2027, 1, 17, 21, 59, tzinfo=UTC)
    assert _print_outcomes([StepOutcome("viikko1", "release", True, t("ops_release_due", due=local_datetime(due))),
                            StepOutcome("viikko1", "collect", False, "nbgrader: boom", notes=["yksi huomio"])]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "  valmis: viikko1, viikon julkaisu – palautettava viimeistään 17.1.2027 klo 23.59",
        "  EPÄONNISTUI: viikko1, palautusten keruu – nbgrader: boom",
        "        ! yksi huomio"]


@pytest.mark.parametrize("argv, words", [(["--help"], "kurssikansio (oletus: .)"),
                                         (["--lang", "en", "--help"], "course folder (default: .)"),
                                         (["--lang", "sv", "remind", "--help"], "skicka på riktigt")])
def test_is_the_help_in_the_course_language(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    from valmennus.cli import main

    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0 and words in " ".join(capsys.readouterr().out.split())
