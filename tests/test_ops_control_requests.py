"""The coach's controls asked for from a process that may not write the course (ops/control_requests.py): the
request a page drops into the course's inbox, the grader's checks of it as hostile input, the outcome the
page reads, and the lock that keeps two writers of the controls from losing a change."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from valmennus.cli import main
from valmennus.course.settings import CourseSettings
from valmennus.ops import control_requests as cr
from valmennus.ops import controls
from valmennus.ops.routine import describe, read_log, take_requests

ROSTER = """id,first_name,last_name,email,facilitator
p01,Aino,Virtanen,p01@example.invalid,ohjaaja-a
p02,Mikko,Korhonen,p02@example.invalid,ohjaaja-a
p03,Kaisa,Nieminen,p03@example.invalid,ohjaaja-b
p04,Ei,Ohjaajaa,p04@example.invalid,
"""
SCHEDULE = """timezone: Europe/Helsinki
weeks:
  viikko1:
    release: 2027-01-04 08:00
    due: 2027-01-10 23:59
    theme:
      fi: "Ensimmäinen"
"""
DUE = datetime(2027, 1, 20, 21, 59, tzinfo=UTC)


@pytest.fixture
def course(tmp_path: Path) -> CourseSettings:
    root = tmp_path / "kevat27"
    (root / "source").mkdir(parents=True)
    files = {"nbgrader_config.py": "c = get_config()\nc.CourseDirectory.course_id = 'testi'\n",
             "roster.csv": ROSTER, "schedule.yaml": SCHEDULE}
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    folder = root / cr.REQUESTS_DIR
    for path, mode in ((folder, 0o2750), (folder / cr.INBOX, 0o3730), (folder / cr.HANDLED, 0o700)):
        path.mkdir()
        os.chmod(path, mode)  # as deploy/hubsite.py makes them (owner and group are this account here)
    return CourseSettings.load(root)


def _take(course: CourseSettings, **kwargs: object) -> list[tuple[str, str]]:
    entries: list[dict] = []

    def record(step: str, action: str, result: str = "ok", participant: str = "", week: str = "",
               detail: str = "") -> None:
        entries.append({"now": datetime.now(UTC).isoformat(), "step": step, "action": action, "result": result,
                        "participant": participant, "week": week, "detail": detail})

    done = cr.apply_requests(course, record, **kwargs)  # type: ignore[arg-type]
    _take.lines = [describe(e) for e in entries]  # type: ignore[attr-defined]
    return done


def _plant(course: CourseSettings, name: str, payload: bytes | str) -> Path:
    path = cr.inbox(course) / name
    path.write_bytes(payload.encode() if isinstance(payload, str) else payload)
    return path


def _request(course: CourseSettings, requester: str, action: str, participant: str = "", week: str = "",
             due: datetime | None = None) -> cr.PendingRequest:
    request = cr.new_request(requester, action, participant, week, due)
    cr.submit(course, request)
    return cr.PendingRequest(course, request)


def _handled(course: CourseSettings) -> list[str]:
    return sorted(os.listdir(cr.folder(course) / cr.HANDLED))


def test_does_a_coachs_request_reach_the_controls(course: CourseSettings) -> None:
    ask = cr.RequestedControls("ohjaaja-a")
    held = ask.hold_reminders(course, "p01")
    extended = ask.extend(course, "p02", "viikko1", DUE)
    paused = ask.set_paused(course, True)
    assert [held.state(), extended.state(), paused.state()] == [(cr.WAITING, "")] * 3
    assert len(os.listdir(cr.inbox(course))) == 3 and not (course.root / controls.CONTROLS_FILE).exists()
    assert [result for _id, result in _take(course)] == [cr.APPLIED] * 3
    now = controls.load_controls(course)
    assert now.held == ["p01"] and now.extension("p02", "viikko1") == DUE and now.paused
    assert [held.state(), extended.state(), paused.state()] == [(cr.APPLIED, "")] * 3
    assert ask.load_controls(course) == now  # what the page reads: the published state
    assert os.listdir(cr.inbox(course)) == [] and len(_handled(course)) == 3
    assert any("ohjaussivun pyyntö p01: tehty" in line and "ohjaaja-a" in line for line in _take.lines)
    assert _take(course) == []  # nothing twice
    assert (os.stat(cr.folder(course) / cr.STATE).st_mode & 0o777) == 0o640  # the inbox's group reads it


@pytest.mark.parametrize(("requester", "action", "participant", "reason"), [
    ("ohjaaja-b", "hold", "p01", "not_theirs"),        # another coach's participant
    ("ohjaaja-x", "hold", "p01", "not_coach"),         # nobody the roster knows
    ("ohjaaja-x", "pause", "", "not_coach"),           # pausing: a coach of the course only
    ("", "pause", "", "bad_json"),                     # nobody named
    ("ohjaaja-a", "hold", "p04", "not_theirs"),        # a participant without a coach is nobody's
    ("ohjaaja-a", "hold", "p99", "unknown_participant"),
    ("ohjaaja-a", "hold", "..", "unknown_participant"),
    ("ohjaaja-a", "hold", "../p01", "bad_json"),
    ("ohjaaja-a", "hold", "p01\nohjaaja-a", "bad_json"),
    ("ohjaaja-a", "delete", "p01", "unknown_action"),
    ("ohjaaja-a", "pause", "p01", "bad_json"),         # fields that do not fit the action
])
def test_is_a_forged_or_wrong_request_refused(course: CourseSettings, requester: str, action: str,
                                              participant: str, reason: str) -> None:
    pending = _request(course, requester, action, participant)
    assert _take(course) == [(pending.request.id, cr.REFUSED)]
    assert not (course.root / controls.CONTROLS_FILE).exists() or controls.load_controls(course) == controls.Controls()
    assert pending.state() == (cr.REFUSED, cr.t(f"ctlreq_{reason}"))
    assert any("hylätty" in line and cr.t(f"ctlreq_{reason}") in line for line in _take.lines), _take.lines
    assert os.listdir(cr.inbox(course)) == [] and _handled(course)[0].endswith("-refused")


@pytest.mark.parametrize(("week", "due", "reason"), [
    ("viikko9", DUE.isoformat(), "unknown_week"),
    ("viikko1", "2031-01-20T21:59:00+00:00", "bad_due"),  # years from the schedule
    ("viikko1", "2027-01-20T21:59:00", "bad_due"),  # no time zone
    ("viikko1", "2027-13-45T99:99:00+00:00", "bad_due"),
    ("viikko1", "tomorrow", "bad_json"),
])
def test_is_a_wrong_extension_refused(course: CourseSettings, week: str, due: str, reason: str) -> None:
    request = cr.new_request("ohjaaja-a", "extend", "p01", week, DUE)
    payload = {**json.loads(json.dumps(request.__dict__)), "due": due}
    _plant(course, f"{request.id}.json", json.dumps(payload))
    assert _take(course) == [(request.id, cr.REFUSED)]
    assert cr.PendingRequest(course, request).state() == (cr.REFUSED, cr.t(f"ctlreq_{reason}"))
    assert controls.load_controls(course).extensions == {}


def _valid(**changes: object) -> tuple[str, bytes]:
    request = cr.new_request("ohjaaja-a", "hold", "p01")
    data = {**request.__dict__, **changes}
    return request.id, json.dumps(data).encode()


@pytest.mark.parametrize(("payload", "reason"), [
    (b"", "bad_json"),
    (b"{not json", "bad_json"),
    (b"\xff\xfe\x00junk", "bad_json"),
    (b"[1, 2, 3]", "bad_json"),
    (b"[" * 1500 + b"]" * 1500, "too_big"),
    (b"[" * 1000 + b"]" * 1000, "bad_json"),  # deep, within the size
    (b" " * (cr.MAX_BYTES + 1), "too_big"),
    ("extra", "bad_json"),
    ("version", "bad_json"),
    ("id", "bad_json"),
    ("requester", "bad_json"),
    ("huge", "too_big"),
])
def test_is_junk_refused_and_moved_aside(course: CourseSettings, payload: bytes | str, reason: str) -> None:
    request_id, good = _valid()
    if payload == "extra":
        payload = _valid(path="/etc/passwd")[1]
    elif payload == "version":
        payload = _valid(version=2)[1]
    elif payload == "id":  # a request that names another's id: its outcome would be another page's
        payload = _valid(id="20270101T000000Z-0000000000000000")[1]
    elif payload == "requester":
        payload = _valid(requester=["ohjaaja-a"])[1]
    elif payload == "huge":
        payload = _valid(at="x" * (cr.MAX_BYTES * 50))[1]
    _plant(course, f"{request_id}.json", payload)
    _plant(course, "20270101T000000Z-00000000000000aa.json", good.replace(request_id.encode(),
                                                                          b"20270101T000000Z-00000000000000aa"))
    outcomes = dict(_take(course))
    assert outcomes == {request_id: cr.REFUSED, "20270101T000000Z-00000000000000aa": cr.APPLIED}  # not the next
    assert cr.read_state(course)["outcomes"][request_id]["reason"] == f"ctlreq_{reason}"
    assert controls.load_controls(course).held == ["p01"]
    assert os.listdir(cr.inbox(course)) == []


def test_are_names_links_pipes_and_folders_refused(course: CourseSettings, tmp_path: Path) -> None:
    request_id, good = _valid()
    secret = tmp_path / "secret.txt"
    secret.write_text("salaisuus", encoding="utf-8")
    box = cr.inbox(course)
    for name in ("evil.json", "x\n.json", f"{request_id}.json.bak", f"../{request_id}", "20270101T000000Z-AB.json"):
        if "/" in name:
            continue  # a name in a folder cannot hold a slash: the listing never gives one
        _plant(course, name, good)
    (box / "20270101T000000Z-00000000000000b1.json").symlink_to(secret)
    (box / "20270101T000000Z-00000000000000b2.json").symlink_to(course.root / controls.CONTROLS_FILE)
    os.mkfifo(box / "20270101T000000Z-00000000000000b3.json")  # reading it would hang a careless reader
    (box / "20270101T000000Z-00000000000000b4.json").mkdir()
    os.link(secret, box / "20270101T000000Z-00000000000000b5.json")
    done = _take(course)
    assert [result for _name, result in done] == [cr.REFUSED] * 9 and len(done) == 9
    assert os.listdir(box) == [] and len(_handled(course)) == 9
    assert secret.read_text(encoding="utf-8") == "salaisuus" and controls.load_controls(course) == controls.Controls()
    assert sum("ei tavallinen tiedosto" in line for line in _take.lines) == 5
    assert sum("tiedoston nimi ei ole pyynnön nimi" in line for line in _take.lines) == 4
    assert not any("\n" in line for line in _take.lines)  # a name's newline never splits the log


def test_is_a_file_from_another_account_refused(course: CourseSettings) -> None:
    request_id, good = _valid()
    _plant(course, f"{request_id}.json", good)
    assert _take(course, writers=lambda uid: False) == [(request_id, cr.REFUSED)]
    assert cr.read_state(course)["outcomes"][request_id]["reason"] == "ctlreq_writer"
    if os.geteuid() == 0:  # as root: a file owned by an account outside the inbox's group
        request_id, good = _valid()
        os.chown(_plant(course, f"{request_id}.json", good), 65534, 65534)
        assert _take(course) == [(request_id, cr.REFUSED)]
        assert cr.read_state(course)["outcomes"][request_id]["reason"] == "ctlreq_writer"
    assert controls.load_controls(course).held == []


def test_is_an_abandoned_write_moved_aside_and_a_fresh_one_left(course: CourseSettings) -> None:
    old, fresh = _plant(course, ".old.tmp", "{"), _plant(course, ".fresh.tmp", "{")
    hour_ago = (datetime.now(UTC) - timedelta(hours=1)).timestamp()
    os.utime(old, (hour_ago, hour_ago))
    assert [result for _name, result in _take(course)] == [cr.REFUSED]
    assert os.listdir(cr.inbox(course)) == [fresh.name]


def test_does_a_paused_routine_take_requests(course: CourseSettings, capsys: pytest.CaptureFixture[str]) -> None:
    """A paused routine does nothing but take the requests (one of them may resume it)."""
    controls.set_paused(course, True)
    hold = _request(course, "ohjaaja-b", "hold", "p03")
    assert main(["--course", str(course.root), "routine", "--now", "2027-01-05T10:00"]) == 0
    out = capsys.readouterr().out
    assert "ohjaussivun pyyntö p03: tehty" in out and "keskeytetty" in out
    assert controls.load_controls(course).held == ["p03"] and hold.state() == (cr.APPLIED, "")
    assert any(e["action"] == "control_request" and e["result"] == "ok" for e in read_log(course))
    resume = _request(course, "ohjaaja-b", "resume")
    assert main(["--course", str(course.root), "routine", "requests"]) == 0
    assert not controls.load_controls(course).paused and resume.state() == (cr.APPLIED, "")
    assert "hylätty" not in "\n".join(describe(e) for e in read_log(course))


def test_does_the_published_state_follow_the_command(course: CourseSettings) -> None:
    assert cr.published_controls(course) == controls.Controls()
    controls.hold_reminders(course, "p03")  # valmennus hold-reminders in the grader's terminal
    take_requests(course, say=lambda _line: None)
    assert cr.published_controls(course).held == ["p03"]


def test_does_the_page_write_directly_where_it_may_and_ask_elsewhere(course: CourseSettings,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    actions = cr.PageActions(requester="ohjaaja-a")
    assert actions.hold_reminders(course, "p01") is None  # this process owns the course: at once
    assert controls.load_controls(course).held == ["p01"]
    monkeypatch.setattr(cr, "writes_directly", lambda _course: False)  # the hub's dashboards service
    pending = actions.hold_reminders(course, "p01", held=False)
    assert pending is not None and pending.state() == (cr.WAITING, "")
    assert controls.load_controls(course).held == ["p01"]
    _take(course)
    assert actions.load_controls(course).held == [] and pending.state() == (cr.APPLIED, "")
    monkeypatch.setenv("VALMENNUS_FACILITATOR", "ohjaaja-b")
    assert cr.RequestedControls().requester == "ohjaaja-b"  # read when asking, as the page's viewer


def test_does_the_lock_keep_every_change_of_writers_at_once(course: CourseSettings) -> None:
    people = [f"p{i:03d}" for i in range(40)]

    def hold(group: list[str]) -> None:
        for pid in group:
            controls.hold_reminders(course, pid)

    threads = [threading.Thread(target=hold, args=(people[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert controls.load_controls(course).held == people


def test_does_the_page_show_a_request_wait_and_then_its_outcome(course: CourseSettings,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from valmennus.cohort.coach_panel import CoachPanel

    monkeypatch.setattr(cr, "writes_directly", lambda _course: False)
    own = pd.DataFrame({"participant": ["p01", "p02"], "name": ["Aino Virtanen", "Mikko Korhonen"]})
    panel = CoachPanel(course, own, ["viikko1"], cr.PageActions(requester="ohjaaja-a"))
    assert panel.refresh_button.layout.display == "none"
    assert panel.hold("p01", True).startswith("Pyyntö lähetetty: pysäytä muistutukset: Aino Virtanen")
    assert "Pyyntö odottaa: pysäytä muistutukset: Aino Virtanen" in panel.state_html.value
    assert panel.refresh_button.layout.display is None and panel.refresh() == []  # still waiting
    panel.extend("p02", "viikko1", date(2027, 1, 20))
    _take(course)
    said = panel.refresh()
    assert [m.split(":")[0] for m in said] == ["Pyyntö tehty", "Pyyntö tehty"]
    assert "Aino Virtanen" in panel.state_html.value and "odottaa" not in panel.state_html.value
    assert "Mikko Korhonen" in panel.state_html.value  # the extension, as the grader published it
    # a page whose requester is not this participant's coach (a forged page): the grader refuses
    forged = CoachPanel(course, own, ["viikko1"], cr.PageActions(requester="ohjaaja-b"))
    forged.pause(True)
    forged.hold("p02", True)
    _take(course)
    said = forged.refresh()
    assert said[0].startswith("Pyyntö tehty: keskeytä rutiini")  # ohjaaja-b coaches this course
    assert said[1] == "Pyyntöä ei tehty: pysäytä muistutukset: Mikko Korhonen. Syy: osallistuja ei ole pyytäjän oma."
    assert controls.load_controls(course).held == ["p01"] and "Rutiini on keskeytetty" in forged.state_html.value


def test_does_the_grader_service_start_the_applier_only_when_something_came(course: CourseSettings) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy"))
    from grader_service import requests_to_take

    assert requests_to_take(course.root, set()) == set()  # an empty inbox, no controls
    pending = _request(course, "ohjaaja-a", "hold", "p01")
    _plant(course, ".being-written.tmp", "{")
    seen = requests_to_take(course.root, set())
    assert f"{pending.request.id}.json" in seen
    assert requests_to_take(course.root, seen) == set()  # nothing new since the applier started
    _take(course)
    assert requests_to_take(course.root, seen) == set()  # applied, published
    controls.hold_reminders(course, "p02")  # the command in the grader's terminal
    state = cr.folder(course) / cr.STATE
    hour_ago = (datetime.now(UTC) - timedelta(hours=1)).timestamp()
    os.utime(state, (hour_ago, hour_ago))
    assert requests_to_take(course.root, seen)  # the controls changed since they were published
    _take(course)
    assert requests_to_take(course.root, seen) == set() and cr.published_controls(course).held == ["p01", "p02"]
