"""valmennus.records.sources and cohorts: what is read from a course on disk, and what never is. The
dashboards read the reporting store, so each course here is synced into it first (``_synced``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from valmennus.cohort.cohorts import course_dirs, load_cohorts
from valmennus.cohort.dashboard import DASHBOARDS, render
from valmennus.cohort.privacy import Viewer
from valmennus.cohort.tables import build_tables
from valmennus.course.settings import CourseSettings
from valmennus.records import store
from valmennus.records.sources import feedback_checksum, read_answers, read_roster

REFLECTION = "Salainen pohdinta: jäin jumiin Kelan asiointiin"
WHY_NOT_LOWER = "Koska esihenkilöni kannusti"
NOTE = "Yksityinen palaute valmentajalle"
NICK = "Kettu77"
UPLOAD = "piirros-salainen.png"


def _course(root: Path, participants: int = 6) -> Path:
    root.mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'testi'\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n", encoding="utf-8")
    (root / "roster.csv").write_text("id,first_name,last_name,email,facilitator\n" + "".join(
        f"p{k},Etu{k},Suku{k},p{k}@example.invalid,ohjaaja-{'ab'[k % 2]}\n" for k in range(participants)),
        encoding="utf-8")
    for k in range(participants):
        for week, dc, ruler in (("viikko0", 2, 4), ("paatos", 4, 7)):
            folder = root / "submitted" / f"p{k}" / week
            folder.mkdir(parents=True)
            (folder / "timestamp.txt").write_text("2027-01-06 10:00:00.000000 UTC", encoding="utf-8")
            answers = {"DC11": dc, "DC12": "cant_say" if k == 0 else dc,
                       "RR1": {"score": ruler, "why_not_lower": WHY_NOT_LOWER, "what_would_raise": REFLECTION},
                       "PULSE_USE": 4, "PULSE_LOAD": "right", "PULSE_NOTE": NOTE,
                       "W1_DIARY": REFLECTION, "W1_SHARE": {"mode": "nickname", "nickname": NICK},
                       "W1_SA1": "4"}  # hand-edited: not a value the widget writes
            document = {"format": "valmennus-answers", "version": 1, "notebook": week,
                        "answers": {i: {"value": v, "saved_at": "2027-01-06T10:00:00+00:00"}
                                    for i, v in answers.items()}}
            (folder / f"{week}.answers.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            (folder / UPLOAD).write_bytes(b"\x89PNG secret")
    broken = root / "submitted" / "p0" / "viikko1"
    broken.mkdir(parents=True)
    (broken / "viikko1.answers.json").write_text("{not json", encoding="utf-8")
    return root


def _synced(root: Path) -> Path:
    """The course written into its reporting store (``reporting.db`` in the folder), as its steps would."""
    store.sync(CourseSettings.load(root))
    return root


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return _synced(_course(tmp_path / "kevat27"))


def test_are_only_numbers_and_option_ids_read_from_answers(course: Path) -> None:
    answers = read_answers(CourseSettings.load(course))
    assert set(answers["item"]) == {"DC11", "DC12", "RR1", "PULSE_USE", "PULSE_LOAD"}
    assert set(answers["cohort"]) == {"kevat27"}
    p0 = answers[(answers["participant"] == "p0") & (answers["week"] == "paatos")].set_index("item")
    assert p0.loc["RR1", "value"] == 7.0 and p0.loc["PULSE_LOAD", "option"] == "right"
    assert pd.isna(p0.loc["DC12", "value"]) and p0.loc["DC12", "option"] == "cant_say"


def test_does_a_reflections_words_never_reach_any_table_or_page(course: Path) -> None:
    data = load_cohorts([course])
    tables = build_tables(data)
    dumped = "\n".join(frame.to_csv() for frame in vars(tables).values()) + data.answers.to_csv()
    pages = "\n".join(render(name, [course], Viewer("facilitator", "ohjaaja-a"), b"k") for name in DASHBOARDS)
    for secret in (REFLECTION, WHY_NOT_LOWER, NOTE, NICK, UPLOAD, "jumiin"):
        assert secret not in dumped and secret not in pages, secret
    assert "Etu0 Suku0" in pages and "Etu1 Suku1" not in pages  # own participants only (p1 is ohjaaja-b's)


def test_does_the_roster_give_facilitators_and_tolerate_a_missing_column(course: Path, tmp_path: Path) -> None:
    roster = read_roster(CourseSettings.load(course)).set_index("participant")
    assert roster.loc["p1", "facilitator"] == "ohjaaja-b" and roster.loc["p0", "facilitator"] == "ohjaaja-a"
    other = _course(tmp_path / "vanha", participants=1)
    (other / "roster.csv").write_text("id,first_name\np0,Aino\n", encoding="utf-8")
    assert read_roster(CourseSettings.load(other)).loc[0, "facilitator"] == ""
    (other / "roster.csv").unlink()
    assert read_roster(CourseSettings.load(other)).empty


def test_are_courses_taken_from_the_environment(course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    second = _synced(_course(tmp_path / "syksy27", participants=2))
    monkeypatch.setenv("VALMENNUS_COURSES", os.pathsep.join([str(course), str(second)]))
    assert course_dirs() == [course.resolve(), second.resolve()]
    data = load_cohorts()
    assert data.names == ["kevat27", "syksy27"] and set(data.people["cohort"]) == {"kevat27", "syksy27"}
    monkeypatch.delenv("VALMENNUS_COURSES")
    monkeypatch.setenv("VALMENNUS_COURSE", str(second))
    assert course_dirs() == [second.resolve()]


def test_is_a_simulated_future_course_shown_as_of_its_last_event(course: Path) -> None:
    data = load_cohorts([course])
    assert data.as_of >= pd.Timestamp("2027-01-06 10:00", tz="UTC")
    assert list(data.weeks.sort_values("order")["week"]) == ["viikko0", "paatos"]  # no schedule.yaml


def test_is_the_feedback_page_name_nbgraders() -> None:
    from nbgrader.utils import notebook_hash

    assert feedback_checksum("abc123", "viikko1") == notebook_hash(secret="abc123", notebook_id="viikko1")


def test_does_a_course_never_synced_read_as_empty_and_say_so(tmp_path: Path) -> None:
    root = _course(tmp_path / "uusi")
    data = load_cohorts([root])
    assert data.people.empty and data.grades.empty and data.synced == {"uusi": None}
    assert not (root / store.STORE_FILE).exists()  # reading never creates a store
    assert "Raportointivaraston tiedot päivitetty: uusi ei vielä" in render("edistyminen", [root], Viewer(), b"k")


def test_do_the_dashboards_open_the_store_read_only(course: Path) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from valmennus.cohort.cohorts import store_of

    url, schema = store_of(course)
    assert "mode=ro" in url
    assert load_cohorts([course]).synced["kevat27"] is not None
    engine = create_engine(url)
    try:
        with engine.connect() as conn, pytest.raises(OperationalError, match="readonly"):
            conn.execute(text(f'DELETE FROM "{schema}_grades"'))
    finally:
        engine.dispose()


def test_can_a_dashboard_that_cannot_read_the_course_folder_read_its_store(
        course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hub service reading only the database: the store's URL from the environment, the folder names the cohort."""
    elsewhere = tmp_path / "ei-luettavissa" / course.name
    with pytest.raises(FileNotFoundError):
        load_cohorts([elsewhere])
    monkeypatch.setenv("VALMENNUS_REPORTING_URL", f"sqlite:///{course / store.STORE_FILE}")
    data = load_cohorts([elsewhere])
    assert data.names == ["kevat27"] and len(data.people) == 6 and data.synced["kevat27"] is not None
