"""Erasure leaves nothing a search can find (issue 11): logs, roster, walls and their published copies too.

A small course is built by hand (no nbgrader run): a gradebook with three participants, their files in
every stage, the exchange, every log the course writes (nbgrader's, the commands', reminders, intake),
the roster and a group wall published to a group folder. After erasing one person, an independent
search of the whole course folder, the exchange and the published wall, like a facilitator's
``grep -r`` (file names, contents, JSON escapes, inside zip containers and the gradebook file), finds
neither the id, the e-mail nor the full name, while the others' data stays.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from valmennus.answers import AnswerStore
from valmennus.course.copy import prepare_course
from valmennus.course.gradebook import open_gradebook
from valmennus.course.settings import CourseSettings
from valmennus.ops import privacy
from valmennus.ops.export import write_table
from valmennus.ops.privacy import erase_person, export_person, find_traces
from valmennus.ops.share import build_wall
from valmennus.records.sources import released_feedback_path

from .conftest import REPO

PEOPLE = {"p01": ("Aino", "Väänänen"), "p02": ("Mikko", "Korhonen"), "p03": ("Sanna", "Mäkinen")}
GONE = ["p01", "p01@example.org", "Aino Väänänen"]  # what must not be found after p01 is erased
WEEK = "esimerkki"
INBOUND = "p01+esimerkki+2027-01-12 10:00:00.000000 UTC+a1b2c3"


def _participant_folder(course: CourseSettings, stage: str, pid: str, share: dict, thought: str) -> Path:
    folder = course.root / stage / pid / WEEK
    store = AnswerStore(WEEK, folder)
    store.set("EX_SHARED", thought)
    store.set("EX_SHARE", share)
    store.set("EX_REFLECT", f"Yksityinen pohdinta, {pid} kirjoitti tämän itse.")
    return folder


def _build(root: Path) -> CourseSettings:
    prepare_course(REPO, root)
    course = CourseSettings.load(root)
    with open_gradebook(course) as gb:
        for pid, (first, last) in PEOPLE.items():
            gb.update_or_create_student(pid, first_name=first, last_name=last, email=f"{pid}@example.org")
    shares = {"p01": {"mode": "name", "nickname": ""}, "p02": {"mode": "nickname", "nickname": "Ilves"},
              "p03": {"mode": "none", "nickname": ""}}
    for pid in PEOPLE:
        for stage in ("submitted", "autograded"):
            _participant_folder(course, stage, pid, shares[pid], f"Jaettava ajatus, jonka kirjoitti {pid}.")
        feedback = course.root / "feedback" / pid / WEEK
        feedback.mkdir(parents=True)
        (feedback / f"{WEEK}.html").write_text(f"<h1>Palaute: {' '.join(PEOPLE[pid])}</h1>", encoding="utf-8")
        (feedback / "submission_secret.txt").write_text(f"salaisuus-{pid}", encoding="utf-8")
        released = released_feedback_path(course, feedback / f"{WEEK}.html")
        released.parent.mkdir(parents=True, exist_ok=True)
        released.write_text(f"<h1>Palaute: {' '.join(PEOPLE[pid])}</h1>", encoding="utf-8")
    inbound = course.exchange_root / course.course_id / "inbound" / INBOUND
    inbound.mkdir(parents=True)
    (inbound / f"{WEEK}.answers.json").write_text('{"EX_REFLECT": {"value": "Aino Väänänen"}}', encoding="utf-8")
    (course.root / "roster.csv").write_text(
        "id,first_name,last_name,email,facilitator\r\n"
        + "".join(f"{pid},{f},{last},{pid}@example.org,ohjaaja-a\r\n" for pid, (f, last) in PEOPLE.items()),
        encoding="utf-8")
    (course.root / "intake-refused.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in [
        {"at": "2027-01-12T10:00:00+00:00", "participant": "p01", "week": WEEK, "path": "kuva.png",
         "reason": "symlink", "stage": "collect"},
        {"at": "2027-01-12T10:01:00+00:00", "participant": "p02", "week": WEEK, "path": "p01.answers.json",
         "reason": "symlink", "stage": "collect"},  # another's entry that names p01: redacted, kept
        {"at": "2027-01-12T10:02:00+00:00", "participant": "p03", "week": WEEK, "path": "putki",
         "reason": "pipe", "stage": "collect"},
    ]) + '{"at": "2027-01-12T10:03:00+00:00", "participant": "p01", "week": "esimer', encoding="utf-8")  # torn
    (course.root / "reminders.jsonl").write_text(
        json.dumps({"participant": "p01", "week": WEEK, "channel": "email", "day": "2027-01-12", "ok": True}) + "\n"
        + json.dumps({"participant": "p02", "week": WEEK, "channel": "email", "day": "2027-01-12", "ok": False,
                      "error": "Aino Väänänen: mailbox full"}, ensure_ascii=True) + "\n",  # \u00e4 escapes
        encoding="utf-8")
    (course.root / "nbgrader.log").write_text(
        "[CollectApp | INFO] Collecting submission: p01 esimerkki\n"
        "[CollectApp | INFO] Collecting submission: p02 esimerkki\n"
        "[AutogradeApp | WARNING] Student p01@example.org has no name\n"
        "[AutogradeApp | INFO] Autograding Aino Väänänen\n"
        "[AutogradeApp | INFO] Autograding p03\n", encoding="utf-8")
    for folder, name in (("logs", "autograde.log"), (".logs", "generate_feedback.log")):
        (course.root / folder).mkdir()
        (course.root / folder / name).write_bytes(
            b"$ nbgrader autograde esimerkki\n[AutogradeApp | INFO] submitted/p01/esimerkki\n"
            b"[AutogradeApp | INFO] submitted/p02/esimerkki\n\xff\xfe not text\n")
    return course


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("privacy") / "course").root


@pytest.fixture
def course(template: Path, tmp_path: Path) -> CourseSettings:
    """A fresh copy of the course for each test (paths in its config are relative to it)."""
    shutil.copytree(template, tmp_path / "course", symlinks=True)
    return CourseSettings.load(tmp_path / "course")


def _publish(course: CourseSettings, group: Path, record: bool = True) -> Path:
    """``valmennus share --publish`` (which records where it published), or a copy made by hand."""
    if record:
        build_wall(course, WEEK, publish_to=group)
    else:
        page = build_wall(course, WEEK)
        shutil.copytree(page.parent, group / WEEK)  # by hand: the course cannot know of it
    return group / WEEK / "index.html"


# --- an independent search, like a facilitator's grep -r -----------------------------------------

def _needles(words: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(r"(?<![A-Za-z0-9])" + re.escape(w) + r"(?![A-Za-z0-9])") for w in words]


def _texts(path: Path) -> list[str]:
    data = path.read_bytes()
    texts = [data.decode("utf-8", errors="ignore")]
    for line in texts[0].splitlines():  # JSON escapes (\u00e4) read as the characters they stand for
        try:
            texts.append(json.dumps(json.loads(line), ensure_ascii=False))
        except (ValueError, TypeError):
            pass
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            texts += archive.namelist()
            texts += [archive.read(n).decode("utf-8", errors="ignore") for n in archive.namelist()]
    return texts


def grep(roots: list[Path], words: list[str]) -> list[str]:
    patterns, found = _needles(words), []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in dirs + files:
                path = Path(folder) / name
                if any(p.search(str(path.relative_to(root))) for p in patterns):
                    found.append(str(path))
                elif path.is_file() and not path.is_symlink() and any(
                        p.search(t) for t in _texts(path) for p in patterns):
                    found.append(str(path))
    return found


def _everything(course: CourseSettings, group: Path) -> list[Path]:
    return [course.root, course.exchange_root, group]


# --- the tests ----------------------------------------------------------------------------------

def test_does_find_traces_see_the_logs_the_roster_and_the_published_wall(course: CourseSettings,
                                                                          tmp_path: Path) -> None:
    published = _publish(course, tmp_path / "ryhma")
    assert "Aino Väänänen" in published.read_text(encoding="utf-8")
    traces = find_traces(course, "p01")
    hits = {str(p.relative_to(course.root)) if p.is_relative_to(course.root) else str(p) for p in traces.text_hits}
    for place in ("nbgrader.log", "logs/autograde.log", ".logs/generate_feedback.log", "intake-refused.jsonl",
                  "reminders.jsonl", "roster.csv", f"shared/{WEEK}/index.html", str(published)):
        assert place in hits, place
    # nbgrader 3, logs 1 + 1, intake 2 + torn line, reminders 1 + another's entry naming her
    assert traces.log_lines == 10
    assert set(grep(_everything(course, tmp_path / "ryhma"), GONE)) <= {str(p) for p in traces.text_hits}
    # someone known only to a log is still found
    assert find_traces(course, "p77").empty
    with (course.root / "nbgrader.log").open("a", encoding="utf-8") as log:
        log.write("[CollectApp | INFO] Collecting submission: p77 esimerkki\n")
    assert find_traces(course, "p77").log_lines == 1 and not find_traces(course, "p77").empty


def test_does_erase_leave_nothing_a_search_can_find(course: CourseSettings, tmp_path: Path) -> None:
    group = tmp_path / "ryhma"
    published = _publish(course, group)
    report = erase_person(course, "p01")
    assert report.remaining.empty, report.remaining
    assert grep(_everything(course, group), GONE) == []
    # the others are spared, everywhere
    log = (course.root / "nbgrader.log").read_text(encoding="utf-8")
    assert log == "[CollectApp | INFO] Collecting submission: p02 esimerkki\n[AutogradeApp | INFO] Autograding p03\n"
    assert (course.root / "logs" / "autograde.log").read_bytes() == (
        b"$ nbgrader autograde esimerkki\n[AutogradeApp | INFO] submitted/p02/esimerkki\n\xff\xfe not text\n")
    intake = [json.loads(line) for line in (course.root / "intake-refused.jsonl").read_text("utf-8").splitlines()]
    assert [(e["participant"], e["path"]) for e in intake] == [("p02", "[erased].answers.json"), ("p03", "putki")]
    reminders = [json.loads(line) for line in (course.root / "reminders.jsonl").read_text("utf-8").splitlines()]
    assert [(e["participant"], e["error"]) for e in reminders] == [("p02", "[erased]: mailbox full")]
    assert (course.root / "roster.csv").read_text(encoding="utf-8").splitlines() == [
        "id,first_name,last_name,email,facilitator", "p02,Mikko,Korhonen,p02@example.org,ohjaaja-a",
        "p03,Sanna,Mäkinen,p03@example.org,ohjaaja-a"]
    wall = published.read_text(encoding="utf-8")
    assert "Ilves" in wall and "Aino" not in wall
    assert wall == (course.root / "shared" / WEEK / "index.html").read_text(encoding="utf-8")
    for pid in ("p02", "p03"):
        assert (course.root / "autograded" / pid / WEEK).is_dir() and not find_traces(course, pid).empty
    assert any("published wall replaced" in line for line in report.removed)


def test_is_a_wall_published_elsewhere_replaced_when_named(course: CourseSettings, tmp_path: Path) -> None:
    """A copy the course has no note of is replaced when the facilitator names the folder."""
    published = _publish(course, tmp_path / "toinen", record=False)
    assert erase_person(course, "p01", published=[tmp_path / "toinen"]).remaining.empty
    assert "Aino" not in published.read_text(encoding="utf-8") and "Ilves" in published.read_text(encoding="utf-8")


def test_does_erase_say_what_an_unnamed_published_copy_still_shows(course: CourseSettings, tmp_path: Path) -> None:
    published = _publish(course, tmp_path / "tuntematon", record=False)
    assert erase_person(course, "p01").remaining.empty  # the course cannot know of it ...
    remaining = find_traces(course, "p01", GONE, published=[tmp_path / "tuntematon"])
    assert published in remaining.text_hits  # ... but asked to look there, the search finds it


def test_does_erase_report_an_export_left_in_the_course_folder(course: CourseSettings) -> None:
    """Grade exports are the facilitator's: not deleted, but found, inside the XLSX too."""
    import pandas as pd

    table = pd.DataFrame({"participant": ["p01", "p02"], "first_name": ["Aino", "Mikko"],
                          "last_name": ["Väänänen", "Korhonen"], "completion": [2.0, 1.0]})
    csv_path, xlsx_path = write_table(table, course.root / "exports")
    csv_path.unlink()
    report = erase_person(course, "p01")
    assert report.remaining.text_hits == [xlsx_path]  # the id is only inside the zipped sheet
    assert b"p01" not in xlsx_path.read_bytes()


def test_does_the_privacy_export_hold_the_intake_log_wall_logs_and_roster(course: CourseSettings,
                                                                         tmp_path: Path) -> None:
    _publish(course, tmp_path / "ryhma")
    archive = export_person(course, "p01", tmp_path / "vienti")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        intake = json.loads(zf.read("intake.json"))
        walls = json.loads(zf.read("walls.json"))
        logs = json.loads(zf.read("logs.json"))
        roster = json.loads(zf.read("roster.json"))
        reminders = json.loads(zf.read("reminders.json"))
    assert [(e["participant"], e["path"]) for e in intake] == [("p01", "kuva.png")]  # hers only
    assert walls == [{"week": WEEK, "wall": f"shared/{WEEK}/index.html", "shown_as": "Aino Väänänen",
                      "item": "EX_SHARED", "topic": walls[0]["topic"],
                      "answer": "Jaettava ajatus, jonka kirjoitti p01."}]
    assert logs == {"logs/autograde.log": ["[AutogradeApp | INFO] submitted/p01/esimerkki"],
                    ".logs/generate_feedback.log": ["[AutogradeApp | INFO] submitted/p01/esimerkki"],
                    "nbgrader.log": ["[CollectApp | INFO] Collecting submission: p01 esimerkki",
                                     "[AutogradeApp | WARNING] Student p01@example.org has no name",
                                     "[AutogradeApp | INFO] Autograding Aino Väänänen"]}
    assert roster == [{"id": "p01", "first_name": "Aino", "last_name": "Väänänen", "email": "p01@example.org",
                       "facilitator": "ohjaaja-a"}]
    assert [e["participant"] for e in reminders] == ["p01"]
    assert any(n.startswith("files/exchange/") for n in names)  # the released feedback page
    assert any(n.startswith(f"files/submitted/p01/{WEEK}/") for n in names)
    assert not any("p02" in n or "p03" in n for n in names)
    walls_of_p02 = json.loads(zipfile.ZipFile(export_person(course, "p02", tmp_path / "v2")).read("walls.json"))
    assert [w["shown_as"] for w in walls_of_p02] == ["Ilves"]
    walls_of_p03 = json.loads(zipfile.ZipFile(export_person(course, "p03", tmp_path / "v3")).read("walls.json"))
    assert walls_of_p03 == []  # chose not to share


def test_are_deleted_rows_gone_from_the_gradebook_file(course: CourseSettings,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite built without SECURE_DELETE keeps deleted rows in free pages: erase vacuums the file."""
    real = privacy.open_gradebook

    def insecure(settings: CourseSettings):  # noqa: ANN202 - nbgrader's Gradebook
        gb = real(settings)
        gb.db.execute(text("PRAGMA secure_delete=OFF"))  # as SQLite's own default build
        return gb

    monkeypatch.setattr(privacy, "open_gradebook", insecure)
    assert erase_person(course, "p01").remaining.empty
    database = (course.root / "gradebook.db").read_bytes()
    for word in ("p01@example.org", "Väänänen"):
        assert word.encode("utf-8") not in database
    assert b"p02@example.org" in database
