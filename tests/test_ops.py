"""The ``valmennus`` facilitator commands against a real course folder, gradebook and exchange.

One course per module plays the rhythm: roster, scheduled release, some participants submit (one
late, one broken), collect, remind (real SMTP and HTTP servers on 127.0.0.1), parallel autograde
(compared with plain ``nbgrader autograde``), feedback, status, export, privacy export and erase.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import zipfile
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from aiosmtpd.controller import Controller

from valmennus.cli import main
from valmennus.course.copy import prepare_course
from valmennus.course.gradebook import open_gradebook
from valmennus.course.schedule import load_schedule
from valmennus.course.settings import CourseSettings
from valmennus.demo import simulate
from valmennus.ops.autograde import autograde
from valmennus.ops.nbgrader_cli import run_nbgrader
from valmennus.ops.privacy import erase_person, find_traces
from valmennus.ops.remind import Channels, read_log, remind
from valmennus.ops.status import status_grid

from .conftest import REPO, free_port

pytestmark = pytest.mark.workflow

PEOPLE = [simulate.Participant("p01", "Aino", "Virtanen", "complete"),
          simulate.Participant("p02", "Mikko", "Korhonen", "complete"),  # submits late
          simulate.Participant("p03", "Sanna", "Mäkinen", "complete"),  # submits a broken notebook
          simulate.Participant("p04", "Juha", "Laine", "partial_scales"),  # late too
          simulate.Participant("p05", "Leena", "Saarinen", "complete")]  # never submits
RELEASE_TIME = "2027-01-11T09:00:00+02:00"


def _week_one(course: CourseSettings):  # noqa: ANN202 - the schedule's Week
    """The week these tests play (week 0 is released too, by the same schedule, but nobody submits it)."""
    return next(w for w in load_schedule(course.root) if w.id == "viikko1")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> CourseSettings:
    work = tmp_path_factory.mktemp("ops")
    root = prepare_course(REPO, work / "course")
    roster = work / "roster.csv"
    roster.write_text("id,first_name,last_name,email,cohort\n"
                      + "".join(f"{p.id},{p.first_name},{p.last_name},{p.id}@example.org,kevat27\n" for p in PEOPLE)
                      + "bad id,X,Y,x@example.org,kevat27\np09,Other,Cohort,o@example.org,syksy27\n",
                      encoding="utf-8")
    assert main(["--course", str(root), "roster", "import", str(roster), "--cohort", "kevat27"]) == 3
    assert main(["--course", str(root), "release", "--now", RELEASE_TIME]) == 0
    settings = CourseSettings.load(root)
    homes = work / "homes"
    for p in PEOPLE[:4]:
        folder = simulate.fetch(settings.course_id, settings.exchange_root, homes / p.id, p.id, "viikko1")
        simulate.write_answers(folder, "viikko1", p, "viikko1")
        if p.id == "p03":
            (folder / "viikko1.ipynb").write_text("{ this is not a notebook", encoding="utf-8")
        if p.id == "p02":  # the due date passes just before p02 submits
            with open_gradebook(settings) as gb:
                gb.update_or_create_assignment("viikko1", duedate=datetime.now(UTC).replace(tzinfo=None))
            time.sleep(1.1)
        simulate.submit(settings.course_id, settings.exchange_root, homes / p.id, p.id, "viikko1")
    return settings


def test_does_the_roster_import_only_valid_rows_of_the_cohort(course: CourseSettings) -> None:
    with open_gradebook(course) as gb:
        people = {s.id: (s.first_name, s.email) for s in gb.students}
    assert people == {p.id: (p.first_name, f"{p.id}@example.org") for p in PEOPLE}


def test_is_release_scheduled_and_idempotent(course: CourseSettings, capsys: pytest.CaptureFixture[str]) -> None:
    week = _week_one(course)
    with open_gradebook(course) as gb:
        assert gb.find_assignment("viikko1").duedate is not None
    assert (course.exchange_root / course.course_id / "outbound" / "viikko1" / "viikko1.ipynb").is_file()
    assert main(["--course", str(course.root), "release", "--now", RELEASE_TIME]) == 0
    assert "Ei julkaistavaa" in capsys.readouterr().out
    before = (week.release - timedelta(hours=1)).isoformat()
    empty = prepare_course(REPO, course.root.parent / "early")
    assert main(["--course", str(empty), "release", "--now", before]) == 0
    assert not (empty / "exchange" / course.course_id / "outbound" / "viikko1").exists()


def test_does_status_see_submissions_still_in_the_exchange(course: CourseSettings) -> None:
    week = _week_one(course)
    grid = status_grid(course, ["viikko1"], now=pd.Timestamp(week.due) - pd.Timedelta(days=1))["viikko1"].to_dict()
    assert grid == {"p01": "submitted", "p02": "submitted", "p03": "submitted", "p04": "submitted", "p05": "open"}
    after = status_grid(course, ["viikko0", "viikko1"], now=pd.Timestamp(week.due) + pd.Timedelta(minutes=1))
    assert after.loc["p05"].tolist() == ["missing", "missing"] and after.loc["p01"].tolist() == ["missing", "submitted"]


class _Webhook(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        length = int(self.headers["Content-Length"])
        _Webhook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 (aiosmtpd's names)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", errors="replace")))
        return "250 OK"


def test_are_only_those_behind_reminded_once_a_day_by_mail_and_webhook(course: CourseSettings) -> None:
    week = _week_one(course)
    inbox = _Inbox()
    smtp_port, http_port = free_port(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    server = ThreadingHTTPServer(("127.0.0.1", http_port), _Webhook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        channels = Channels(smtp_host="127.0.0.1", smtp_port=smtp_port, smtp_from="ohjaaja@example.org",
                            webhook_url=f"http://127.0.0.1:{http_port}/hook")
        dry = remind(course, week, channels, send=False)
        assert [r.participant for r in dry.reminders] == ["p05"]
        assert inbox.messages == [] and _Webhook.received == []
        assert "Ammattilainen digipalvelun asiakkaana" in dry.reminders[0].subject
        assert "18.1.2027 klo 23.59" not in dry.reminders[0].body and "17.1.2027 klo 23.59" in dry.reminders[0].body

        sent = remind(course, week, channels, send=True)
        assert sorted(sent.sent) == [("p05", "email"), ("p05", "webhook")]
        assert [rcpt for rcpt, _ in inbox.messages] == [["p05@example.org"]]
        assert "Hei Leena!" in inbox.messages[0][1]
        assert _Webhook.received[0]["participant"] == "p05" and "Leena" in _Webhook.received[0]["text"]

        again = remind(course, week, channels, send=True)
        assert again.sent == [] and {why for *_, why in again.skipped} == {"muistutettu jo tänään"}
        assert len(inbox.messages) == 1 and len(_Webhook.received) == 1
        assert [(e["participant"], e["channel"], e["ok"]) for e in read_log(course)] == [
            ("p05", "email", True), ("p05", "webhook", True)]
    finally:
        controller.stop()
        server.shutdown()


def _grades(settings: CourseSettings) -> dict[str, list[tuple[str, float | None]]]:
    with open_gradebook(settings) as gb:
        return {s.student_id: sorted((g.name, g.auto_score) for g in s.notebooks[0].grades)
                for s in gb.assignment_submissions("viikko1")}


def test_does_parallel_autograde_grade_every_good_submission_like_nbgrader(course: CourseSettings) -> None:
    assert main(["--course", str(course.root), "collect", "viikko1"]) == 0
    plain = course.root.parent / "plain"
    shutil.copytree(course.root, plain)
    shutil.rmtree(plain / "exchange")
    with pytest.raises(Exception):  # noqa: B017 - plain nbgrader stops with an error on the broken notebook
        run_nbgrader(plain, "autograde", "viikko1")

    results = {r.participant: r for r in autograde(course, "viikko1", workers=2, progress=False)}
    assert sorted(results) == ["p01", "p02", "p03", "p04"]
    assert not results["p03"].ok and "JSON" in results["p03"].reason
    assert all(results[p].ok for p in ("p01", "p02", "p04"))
    assert results["p02"].seconds_late > 0 and results["p04"].seconds_late > 0 and results["p01"].seconds_late == 0
    assert (results["p01"].score, results["p04"].score) == (4.0, 3.0)
    # the same grades as plain nbgrader gives, participant by participant
    for pid in ("p01", "p02", "p04"):
        run_nbgrader(plain, "autograde", "viikko1", "--student", pid)
    ours, theirs = _grades(course), _grades(CourseSettings.load(plain))
    assert {k: ours[k] for k in ("p01", "p02", "p04")} == {k: theirs[k] for k in ("p01", "p02", "p04")}


def test_does_the_cli_end_with_a_table_and_a_failing_exit(course: CourseSettings,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--course", str(course.root), "autograde", "viikko1", "--workers", "2", "--quiet"]) == 4
    out = capsys.readouterr().out
    assert "Arvioitu: 3. Epäonnistui: 1. Myöhässä: 2." in out
    assert "\np03          EPÄONNISTUI  -" in out


def test_does_feedback_reach_the_exchange_and_status_show_it(course: CourseSettings) -> None:
    assert main(["--course", str(course.root), "feedback", "viikko1"]) == 0
    released = list((course.exchange_root / course.course_id / "feedback").glob("*.html"))
    assert len(released) == 3
    before_due = pd.Timestamp(_week_one(course).due) - pd.Timedelta(days=1)
    grid = status_grid(course, ["viikko1"], now=before_due)["viikko1"].to_dict()
    assert grid == {"p01": "feedback_released", "p02": "feedback_released", "p03": "submitted",  # autograde failed
                    "p04": "feedback_released", "p05": "open"}


def test_does_the_status_command_show_the_states_in_words(course: CourseSettings,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--course", str(course.root), "status", "viikko1"]) == 0
    rows = dict(line.split(maxsplit=1) for line in capsys.readouterr().out.splitlines() if line.startswith("p0"))
    assert rows["p01"] == "palaute julkaistu" and rows["p03"] == "palautettu"
    assert rows["p05"] in ("avoinna", "puuttuu")  # before or after the due time by the clock
    assert main(["--course", str(course.root), "status"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    scheduled = [w.id for w in load_schedule(course.root)]
    assert header[:len(scheduled)] == scheduled and scheduled[-1] == "paatos"  # course order, the closing week last


def test_does_export_write_the_same_table_as_csv_and_xlsx(course: CourseSettings, tmp_path: Path) -> None:
    assert main(["--course", str(course.root), "export", "--out", str(tmp_path)]) == 0
    everything = pd.read_csv(tmp_path / "grades.csv", encoding="utf-8-sig")
    assert len(everything) == 5 * 8  # every participant x every week of the course
    table = everything[everything["week"] == "viikko1"]
    assert list(table["participant"]) == ["p01", "p02", "p03", "p04", "p05"]
    assert table.set_index("participant").loc["p04", "completion"] == 3  # all but the self-assessment
    assert table.set_index("participant").loc["p02", "last_name"] == "Korhonen"
    sheet = openpyxl.load_workbook(tmp_path / "grades.xlsx")["grades"]
    assert [c.value for c in sheet[1]][:4] == ["participant", "first_name", "last_name", "week"]
    assert sheet.max_row == 1 + 5 * 8 and sheet.cell(row=2, column=1).value == "p01"


def test_does_the_wall_show_only_what_was_shared_under_the_chosen_name(course: CourseSettings) -> None:
    from valmennus.answers import AnswerStore
    from valmennus.ops.share import build_wall

    choices = {"p01": ({"mode": "name", "nickname": ""}, "Este: ohjeet <script>alert(1)</script> & kieli"),
               "p02": ({"mode": "nickname", "nickname": "Kettu"}, "Miten voisimme selkeyttää kirjautumista?"),
               "p03": ({"mode": "nickname", "nickname": "  "}, "Tyhjä nimimerkki ei jaa."),
               "p04": ({"mode": "none", "nickname": ""}, "SALAINEN ajatus, ei jaeta.")}
    for pid, (choice, thought) in choices.items():
        folder = course.root / "submitted" / pid / "esimerkki"
        folder.mkdir(parents=True)
        store = AnswerStore("esimerkki", folder, read_only=False)
        store.set("EX_SHARED", thought)
        store.set("EX_SHARE", choice)
        store.set("EX_RESPONSE", {"mode": "text", "text": f"yksityinen vastaus {pid}", "image": None})
    page = build_wall(course, "esimerkki").read_text(encoding="utf-8")
    assert "<h2>Aino Virtanen</h2>" in page and "<h2>Kettu</h2>" in page
    assert "Este: ohjeet &lt;script&gt;alert(1)&lt;/script&gt; &amp; kieli" in page and "<script>" not in page
    for private in ("SALAINEN", "Tyhjä nimimerkki", "yksityinen vastaus", "Korhonen", "Mäkinen"):
        assert private not in page
    assert main(["--course", str(course.root), "share", "esimerkki"]) == 0


def test_does_privacy_export_hold_everything_about_one_person(course: CourseSettings, tmp_path: Path) -> None:
    assert main(["--course", str(course.root), "privacy", "export", "p01", "--out", str(tmp_path)]) == 0
    archive = next(tmp_path.glob("privacy-export-p01-*.zip"))
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        record = json.loads(zf.read("gradebook.json"))
    assert record["first_name"] == "Aino" and record["submissions"][0]["name"] == "viikko1"
    assert any(n.startswith("files/submitted/p01/viikko1/") for n in names)
    assert any(n.startswith("files/feedback/p01/") for n in names)
    assert not any("p02" in n for n in names)


def test_does_erase_leave_no_trace_and_spare_the_others(course: CourseSettings) -> None:
    assert not find_traces(course, "p05").empty  # the reminder log and the gradebook know p05
    for pid in ("p01", "p05"):
        report = erase_person(course, pid)
        assert report.remaining.empty, report.remaining
    for pid, name in (("p01", "Aino Virtanen"), ("p05", "Leena Saarinen")):
        traces = find_traces(course, pid, [pid, f"{pid}@example.org", name])
        assert traces.empty, traces
    with open_gradebook(course) as gb:
        assert sorted(s.id for s in gb.students) == ["p02", "p03", "p04"]
    assert (course.root / "feedback" / "p02").is_dir()
    wall = (course.root / "shared" / "esimerkki" / "index.html").read_text(encoding="utf-8")
    assert "Aino" not in wall and "Kettu" in wall  # the erased person's post left the wall
    assert len(list((course.exchange_root / course.course_id / "feedback").glob("*.html"))) == 2


def test_does_erase_ask_for_confirmation(course: CourseSettings) -> None:
    assert main(["--course", str(course.root), "privacy", "erase", "p02"]) == 7  # no terminal, no "yes"
    with open_gradebook(course) as gb:
        assert "p02" in {s.id for s in gb.students}
