"""The reporting store (records/store.py) on a real played course, on SQLite and PostgreSQL: its tables
read back equal to the folder-based readers, a second sync changes nothing, an interrupted sync leaves the
previous state, no text answer ever reaches it, the facilitator's steps keep it current, and the
dashboards' role can read it and not write."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from valmennus.answers import SUFFIX
from valmennus.cli import main
from valmennus.course.schedule import load_schedule
from valmennus.course.settings import CourseSettings
from valmennus.demo.course_loop import LoopReport
from valmennus.items import bank
from valmennus.records import store
from valmennus.records.sources import (
    ROSTER_COLUMNS,
    read_answers,
    read_collected,
    read_feedback,
    read_gradebook,
    read_roster,
)
from valmennus.records.status import week_table

SCHEMA = "valmennus_reporting"
TIMES = ("submitted_at", "generated_at", "released_at", "graded_at", "release", "due", "synced_at")


def _url(report: LoopReport, tmp_path: Path, name: str = "store") -> tuple[str, str]:
    """A store of its own for one test: an SQLite file, or a schema of its own in the PostgreSQL gradebook."""
    course = report.course
    if course.db_url.startswith("postgresql"):
        return course.db_url, f"test_{name}"
    return f"sqlite:///{tmp_path / f'{name}.db'}", SCHEMA


def _tidy(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sorted, without ``cohort``, times to the microsecond (what the store keeps) for comparing."""
    out = frame.drop(columns=[c for c in ("cohort",) if c in frame]).copy()
    for column in out:
        if column in TIMES:
            out[column] = pd.to_datetime(out[column], utc=True).dt.floor("us").astype("datetime64[ns, UTC]")
        elif out[column].dtype.kind not in "fiub":
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out.sort_values(keys).reset_index(drop=True)


def _equal(stored: pd.DataFrame, folder: pd.DataFrame, keys: list[str]) -> None:
    assert list(stored.columns[1:]) == list(folder.columns)
    assert stored["cohort"].eq(stored["cohort"].iloc[0]).all() if len(stored) else True
    pd.testing.assert_frame_equal(_tidy(stored, keys), _tidy(folder, keys), check_dtype=False)


def _folder(course: CourseSettings) -> dict[str, pd.DataFrame]:
    """Today's folder-based readers, called here on their own (not through the store's course_frames)."""
    participants, grades = read_gradebook(course)
    collected, feedback = read_collected(course), read_feedback(course)
    seen = set(grades["week"]) | set(collected["week"]) | set(feedback["week"])
    weeks = week_table(load_schedule(course.root), set(course.weeks()) | seen).drop(columns="cohort")
    return {"participants": participants, "grades": grades, "collected": collected, "feedback": feedback,
            "answers": read_answers(course).drop(columns="cohort"), "weeks": weeks, "roster": read_roster(course)}


KEYS = {"participants": ["participant"], "roster": ["participant"], "weeks": ["order"],
        "grades": ["participant", "week", "notebook", "grade_id"], "collected": ["participant", "week"],
        "feedback": ["participant", "week"], "answers": ["participant", "week", "item", "option"]}


def test_store_reads_back_as_the_folder_readers(graded_course: LoopReport, tmp_path: Path) -> None:
    course = graded_course.course
    url, schema = _url(graded_course, tmp_path)
    assert store.sync(course, url, schema) == url
    tables = store.read(url, [course.root.name], schema)
    folder = _folder(course)
    assert len(folder["grades"]) and len(folder["answers"]) and len(folder["feedback"])  # a played week
    for name, keys in KEYS.items():
        stored = getattr(tables, name)
        if name == "roster":
            assert (stored["small_group"] == "").all()  # this roster has no small groups
            stored = stored.drop(columns="small_group")
            assert list(stored.columns[1:]) == ROSTER_COLUMNS
        _equal(stored, folder[name], keys)
    # graded: every autograded submission, at the time its graded notebook was written
    graded = tables.graded
    scored = folder["grades"][folder["grades"]["kind"].eq("completion") & folder["grades"]["score"].notna()]
    assert set(zip(scored["participant"], scored["week"], strict=True)) <= set(
        zip(graded["participant"], graded["week"], strict=True))
    assert graded["graded_at"].notna().all()
    assert list(tables.synced["cohort"]) == [course.root.name]
    assert list(tables.synced["course_id"]) == [course.course_id]
    # a cohort not asked for is not read; a store never written reads as empty
    assert store.read(url, ["another"], schema).grades.empty
    assert store.read(url, None, "never_written").answers.empty


def _dump(url: str, schema: str) -> dict[str, pd.DataFrame]:
    tables = store.read(url, None, schema)
    return {name: getattr(tables, name) for name in (*store.FRAMES, "synced")}


def _same(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame], skip: tuple[str, ...] = ()) -> None:
    for name, frame in before.items():
        if name in skip:
            continue
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), after[name].reset_index(drop=True))


def test_second_sync_changes_nothing(graded_course: LoopReport, tmp_path: Path) -> None:
    course = graded_course.course
    url, schema = _url(graded_course, tmp_path, "twice")
    store.sync(course, url, schema)
    first = _dump(url, schema)
    store.sync(course, url, schema)
    second = _dump(url, schema)
    _same(first, second, skip=("synced",))
    assert second["synced"]["synced_at"].iloc[0] >= first["synced"]["synced_at"].iloc[0]
    assert len(second["synced"]) == 1


def test_interrupted_sync_leaves_the_previous_state(graded_course: LoopReport, tmp_path: Path) -> None:
    course = graded_course.course
    url, schema = _url(graded_course, tmp_path, "interrupted")
    store.sync(course, url, schema)
    before = _dump(url, schema)

    def interrupted() -> None:
        raise RuntimeError("interrupted inside the transaction")

    frames = store.course_frames(course, course.root.name)
    emptied = {name: frame.iloc[:0] for name, frame in frames.items()}  # every row of the course gone ...
    with pytest.raises(RuntimeError, match="interrupted"):
        store.write_frames(url, course.root.name, emptied, schema=schema, before_commit=interrupted)
    _same(before, _dump(url, schema))  # ... but never committed
    with pytest.raises(RuntimeError, match="interrupted"):
        store.sync(course, url, schema, before_commit=interrupted)
    _same(before, _dump(url, schema))


@pytest.fixture
def planted_course(graded_course: LoopReport, tmp_path: Path) -> tuple[CourseSettings, str]:
    """A copy of the played course whose every submitted text answer holds one unique word, and whose
    roster has small groups."""
    word = f"salasana{secrets.token_hex(6)}"
    root = tmp_path / graded_course.course.root.name
    shutil.copytree(graded_course.course.root, root, symlinks=True)
    course = CourseSettings.load(root)
    texts = [item_id for item_id, item in bank().items() if item.kind in ("text", "response")]
    planted = 0
    for _, _, path in course.find("submitted", f"*{SUFFIX}"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:  # the participant whose file is damaged on purpose
            continue
        for item_id in texts:
            data["answers"][item_id] = {**data["answers"].get(item_id, {}), "value": f"{word} ja muuta"}
            planted += 1
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
        path.write_text(json.dumps(data), encoding="utf-8")
    assert planted
    roster = root / "roster.csv"
    lines = roster.read_text(encoding="utf-8-sig").splitlines()
    roster.write_text("\n".join([lines[0] + ",small_group"] + [f"{line},ryhma-{i % 2}" for i, line in
                                                               enumerate(lines[1:])]) + "\n", encoding="utf-8")
    return course, word


def _every_text(url: str, schema: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if url.startswith("postgresql"):
                names = conn.execute(text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s"),
                                     {"s": schema}).scalars().all()
                rows = [conn.execute(text(f'SELECT t::text FROM "{schema}"."{n}" t')).scalars().all() for n in names]
            else:
                names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
                rows = [conn.execute(text(f'SELECT * FROM "{n}"')).all() for n in names]
    finally:
        engine.dispose()
    assert names
    return repr(rows)


def test_no_text_answer_reaches_the_store(planted_course: tuple[CourseSettings, str],
                                          graded_course: LoopReport, tmp_path: Path) -> None:
    course, word = planted_course
    assert any(word in p.read_text(encoding="utf-8") for _, _, p in course.find("submitted", f"*{SUFFIX}"))
    url, schema = _url(graded_course, tmp_path, "planted")
    store.sync(course, url, schema)
    everything = _every_text(url, schema)
    assert word not in everything  # the course team's comments too: three participants are under 5
    assert store.read(url, None, schema).comments.empty
    assert "p01" in everything  # the search does see the rows
    roster = store.read(url, None, schema).roster
    assert sorted(set(roster["small_group"])) == ["ryhma-0", "ryhma-1"]


def test_store_sync_command_and_its_default_store(planted_course: tuple[CourseSettings, str],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    course, _ = planted_course
    monkeypatch.setenv("VALMENNUS_REPORTING_SCHEMA", "test_command")
    assert main(["--course", str(course.root), "store", "sync"]) == 0
    out = capsys.readouterr().out
    url = store.store_url(course)
    if course.db_url.startswith("postgresql"):
        assert url == course.db_url  # the gradebook's own database, in a schema of its own
        assert "***" in out and store.read(url, [course.root.name], "test_command").synced.shape[0] == 1
    else:
        assert (course.root / store.STORE_FILE).is_file()
        assert str(course.root / store.STORE_FILE) in out


def test_a_failing_store_never_fails_a_step(planted_course: tuple[CourseSettings, str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    course, _ = planted_course
    monkeypatch.setenv("VALMENNUS_REPORTING_URL", f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}")
    assert store.sync_quietly(course) is False
    assert main(["--course", str(course.root), "store", "sync"]) == 1


def test_the_facilitator_steps_keep_it_current(graded_course: LoopReport) -> None:
    """On PostgreSQL the week was played with the ``valmennus`` steps: their syncs wrote the gradebook's
    own database, and what they wrote is the course's state after feedback."""
    course = graded_course.course
    if not course.db_url.startswith("postgresql"):
        pytest.skip("the SQLite course is played with the plain nbgrader commands (no valmennus step)")
    tables = store.read(course.db_url, [course.root.name], SCHEMA)
    assert list(tables.synced["cohort"]) == [course.root.name]
    folder = _folder(course)
    for name in ("grades", "collected", "feedback", "answers"):
        _equal(getattr(tables, name), folder[name], KEYS[name])


def test_the_dashboards_role_reads_and_cannot_write(graded_course: LoopReport, request: pytest.FixtureRequest) -> None:
    course = graded_course.course
    if not course.db_url.startswith("postgresql"):
        pytest.skip("roles exist on PostgreSQL only")
    cluster = request.getfixturevalue("postgres_cluster")
    role = "store_reader"
    cluster.roles[role] = secrets.token_urlsafe(12)
    cluster.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{cluster.roles[role]}'")
    store.sync(course)
    store.grant_read_only(course.db_url, role)  # as the gradebook's owner
    reader = cluster.url("loop_gradebook", role=role)
    assert len(store.read(reader, [course.root.name], SCHEMA).grades)
    engine = create_engine(reader)
    try:
        for sql in (f'DELETE FROM "{SCHEMA}"."grades"', f'CREATE TABLE "{SCHEMA}"."x" (a int)',
                    f"UPDATE \"{SCHEMA}\".\"courses\" SET course_id = 'x'", 'SELECT * FROM "grade"'):
            with engine.connect() as conn, pytest.raises(Exception, match="permission denied"):
                conn.execute(text(sql))
    finally:
        engine.dispose()
    with pytest.raises(ValueError, match="PostgreSQL only"):
        store.grant_read_only(f"sqlite:///{os.devnull}", role)


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """A dashboard table for comparing: times to the microsecond (what the store keeps), missing as None,
    rows in a fixed order."""
    out = frame.copy()
    for column in out:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype) or column.endswith("_at") or column in ("release", "due"):
            out[column] = pd.to_datetime(out[column], utc=True).dt.floor("us").astype("datetime64[ns, UTC]")
        elif out[column].dtype.kind not in "fiub":
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out.sort_values(list(out.columns[:4])).reset_index(drop=True) if len(out.columns) >= 1 and len(out) \
        else out.reset_index(drop=True)


def test_the_dashboards_read_from_the_store_what_the_folders_hold(graded_course: LoopReport) -> None:
    """The dashboards read only the store (cohort.cohorts.load_cohorts); on the same course every table
    they show equals the one built from the folder-based readers (load_from_folders), on both backends."""
    from datetime import UTC, datetime

    from valmennus.cohort.cohorts import load_cohorts, load_from_folders, store_of
    from valmennus.cohort.tables import build_tables

    course = graded_course.course
    store.sync(course)  # the course's own store, where the dashboards look (store_of)
    url, _ = store_of(course.root)
    assert ("mode=ro" in url) != url.startswith("postgresql")  # SQLite opened read-only
    now = datetime.now(UTC)
    from_store = load_cohorts([course.root], now=now)
    from_folders = load_from_folders([course.root], now=now)
    assert from_store.synced[course.root.name] is not None and from_store.names == from_folders.names
    assert from_store.as_of.floor("us") == from_folders.as_of.floor("us")
    for name in ("people", "grades", "collected", "feedback", "answers", "weeks"):
        pd.testing.assert_frame_equal(_comparable(getattr(from_store, name)), _comparable(getattr(from_folders, name)),
                                      check_dtype=False, obj=name)
    stored, folders = build_tables(from_store), build_tables(from_folders)
    assert len(stored.status) and len(stored.turnaround) and len(stored.side_by_side)
    for name, frame in vars(stored).items():
        pd.testing.assert_frame_equal(_comparable(frame), _comparable(getattr(folders, name)), check_dtype=False,
                                      check_exact=False, rtol=1e-9, obj=name)


AWKWARD_TEXTS = ["", " lead and trail ", "two\nlines", "crlf\r\nline", '"quoted", comma; \ttab', "NaN", "None",
                 "null", "#hash", "äö€ 😀", "x" * 2000, f"separators{store.FIELD}and{store.ROW}gone", "007", "1e3"]
AWKWARD_FLOATS = [0.1, 1 / 3, -2.5, 1e17, 2.0 ** 53, 1e300, 5e-324, 123456789.12345679, -7.0, float("nan"), 3.0,
                  float("inf"), 0.0, 2.0 ** 63]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_awkward_values_read_back_exactly(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Every column reads back as written, whatever its value: floats to the last bit (integral or not,
    missing), texts with line breaks, quotes, tabs, words a parser might take for missing or a number,
    times to the microsecond across a change of summer time, read in a session whose time zone is
    Helsinki; separators are dropped from texts when written (they split the columns when read)."""
    if backend == "postgresql":
        cluster = request.getfixturevalue("postgres_cluster")
        role = "awkward_owner"
        if role not in cluster.roles:
            cluster.create_database("awkward_store", owner_role=role)
        url = cluster.url("awkward_store", role=role)
        reader = f"{url}?options=-c%20TimeZone%3DEurope%2FHelsinki"
    else:
        url = reader = f"sqlite:///{tmp_path / 'awkward.db'}"
    n = len(AWKWARD_TEXTS)
    ids = [f"p{i:03d}" for i in range(n)]
    times = pd.Series([pd.Timestamp("2027-03-27 22:59:59.123456", tz="UTC") + pd.Timedelta(hours=i, microseconds=i)
                       for i in range(n)]).astype("datetime64[ns, UTC]")
    times.iloc[3] = pd.NaT
    frames = {name: store._empty(name).drop(columns="cohort") for name in store.FRAMES}
    frames["answers"] = pd.DataFrame({"participant": ids, "week": "viikko1", "item": AWKWARD_TEXTS,
                                      "value": AWKWARD_FLOATS, "option": ["", "a", *AWKWARD_TEXTS[2:]]})
    frames["collected"] = pd.DataFrame({"participant": ids, "week": "viikko1", "submitted_at": times})
    frames["comments"] = pd.DataFrame({"week": "viikko1", "item": ids, "text": AWKWARD_TEXTS})
    store.write_frames(url, "kevat", frames, schema="awkward")
    tables = store.read(reader, schema="awkward")
    cleaned = [t.replace(store.FIELD, "").replace(store.ROW, "") for t in AWKWARD_TEXTS]
    answers = tables.answers.sort_values("participant").reset_index(drop=True)
    assert list(answers["item"]) == cleaned
    assert [float(v).hex() for v in answers["value"]] == [v.hex() for v in AWKWARD_FLOATS]
    assert answers["option"].isna().tolist() == [True] + [False] * (n - 1)
    assert list(answers["option"].iloc[1:]) == ["a", *cleaned[2:]]
    collected = tables.collected.sort_values("participant").reset_index(drop=True)
    pd.testing.assert_series_equal(collected["submitted_at"], times, check_names=False)
    assert sorted(tables.comments["text"]) == sorted(cleaned)
    assert (tables.answers["cohort"] == "kevat").all() and str(tables.answers["cohort"].dtype) == "str"


def test_a_table_added_by_a_later_version_reads_as_empty_until_the_next_sync(tmp_path: Path) -> None:
    from valmennus.cohort.synthetic import store_frames, synthetic_cohorts

    url = f"sqlite:///{tmp_path / 'older.db'}"
    store.write_frames(url, "kevat", store_frames(synthetic_cohorts(6, ("kevat",)), "kevat"), schema=SCHEMA)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:  # a store written before the course team's comments were kept
            conn.execute(text(f'DROP TABLE "{SCHEMA}_comments"'))
    finally:
        engine.dispose()
    tables = store.read(store.read_only_url(url), schema=SCHEMA)
    assert tables.comments.empty and list(tables.comments.columns) == ["cohort", *store.COMMENT_COLUMNS]
    assert len(tables.answers) and len(tables.grades)
