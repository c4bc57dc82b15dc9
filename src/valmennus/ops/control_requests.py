"""The coach's controls asked for by a process that may not write the course: a request the grader applies.

On one machine and in the demo the facilitator's page writes the controls itself (``ops.controls``: the
dashboards run as the account that owns the course folder). On the hub they do not: the dashboards are a
JupyterHub service (``deploy/dashboards_service.py``) under an account of their own, while the course folder
belongs to the course's grader account. Giving the dashboards write access to the course would let a bug or
a compromise there change anything the routine reads (the gradebook's settings, the roster, the schedule);
so the dashboards service, which has authenticated the facilitator through the hub's OAuth, *asks*, and the
grader account decides and applies.

Why a folder of files, as nbgrader's exchange inbound: no new daemon, socket or port; the kernel's
permissions do the access control; a request outlives a restart of either side; and everything the grader
reads is one small file whose owner the kernel vouches for. The layout (``deploy/hubsite.py`` creates it):

- ``control-requests/`` 2750 grader:``ctlreq-<course>``. The group is the dashboards service's account
  (and the grader's): it reads ``state.json`` here, nobody else reaches inside;
- ``control-requests/inbox/`` 3730 grader:``ctlreq-<course>`` (setgid, sticky): the group may drop a file
  but not list, read or remove what is there (so a page never sees another page's request);
- ``control-requests/state.json`` 0640, written by the grader: the controls now and the outcome of each
  recent request (applied or refused and why), which the page shows;
- ``control-requests/handled/`` 0700: every request once handled, moved aside (applied or refused), for
  whoever has to look; the routine's log says what was done with it (``valmennus routine --log``).

A request (``submit``) is one JSON object of at most ``MAX_BYTES``: who asked, what (``pause``, ``resume``,
``extend``, ``hold``, ``unhold``), for whom, which week and until when, and when it was asked; its file name
is its id (``<UTC time>-<16 random hex>.json``), written under a temporary dot-name and renamed, so the
grader sees whole files only.

The grader (``apply_requests``: ``valmennus routine requests``, which the grader service starts within
seconds of a new file, and every routine pass before anything else) reads each file **as hostile input**:
a name it did not expect, anything but a plain file (a link, a pipe, a folder), a file not written by an
account in the inbox's group, more than ``MAX_BYTES``, not JSON, an unknown key or action, text that is no
plain name, an unknown participant or week, a due time far from the schedule: refused. The requester must
be the participant's coach in ``roster.csv`` (its ``facilitator`` column), and for pausing or resuming a
coach of the course. The dashboards service is trusted only to say who is asking (it is what authenticated
them); everything else is checked here again, so a forged or buggy page can never reach another coach's
participant. Each request is applied through ``ops.controls`` (under its lock, idempotent: a crash before
the file is moved aside applies it again, to the same result), logged in Finnish in the routine's log,
moved aside, and its outcome published; one bad file never stops the others.

``PageActions`` is what the facilitator's page is handed (``cohort.coach_panel.Actions``): per course, the
direct write when this process may write the course folder, else a request (``RequestedControls``) whose
progress the page shows ("odottaa" until the grader has applied or refused it).
"""

from __future__ import annotations

import contextlib
import fcntl
import grp
import json
import os
import pwd
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..answers import atomic_write
from ..course.settings import CourseSettings
from ..i18n import local_datetime, t
from ..options import Dashboards, configured
from . import controls as direct
from .controls import CONTROLS_FILE, Controls

REQUESTS_DIR = "control-requests"
INBOX = "inbox"
HANDLED = "handled"
STATE = "state.json"
LOCK = ".apply.lock"
MAX_BYTES = 2048
#: Outcomes kept in ``state.json`` (the newest): enough for any page still waiting on one.
KEEP_OUTCOMES = 200
#: A temporary dot-file older than this is a write that died: moved aside.
ABANDONED_AFTER = timedelta(minutes=10)
#: An extension's due time must lie within this of the week's scheduled due time.
DUE_RANGE = timedelta(days=366)
ACTIONS = ("pause", "resume", "extend", "hold", "unhold")
KEYS = {"version", "id", "requester", "action", "participant", "week", "due", "at"}
NAME = re.compile(r"(?P<id>[0-9]{8}T[0-9]{6}Z-[0-9a-f]{16})\.json")
#: A requester, participant or week: what roster ids, login names and week ids look like, nothing more.
PLAIN = re.compile(r"[\w.@+-]{1,64}")
WAITING, APPLIED, REFUSED = "waiting", "applied", "refused"
#: Why a request was refused: each the key of a message (the log and the page say it).
REASONS = tuple(f"ctlreq_{why}" for why in (
    "name", "not_file", "writer", "too_big", "bad_json", "unknown_action", "not_coach", "not_theirs",
    "unknown_participant", "unknown_week", "bad_due", "abandoned"))

Record = Callable[..., None]  # ops.routine.Run.record: (step, action, result, participant, week, detail)


class Refused(Exception):
    """A request that is not applied; ``reason`` is one of ``REASONS`` (a message key)."""

    def __init__(self, reason: str, request: Request | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.request = request


@dataclass(frozen=True)
class Request:
    id: str
    requester: str
    action: str
    participant: str = ""
    week: str = ""
    due: str = ""  # aware ISO time (extend only)
    at: str = ""
    version: int = 1

    def what(self) -> str:
        """What it asks, in the course language (the page's and the log's words)."""
        try:
            due = local_datetime(datetime.fromisoformat(self.due)) if self.due else ""
        except ValueError:
            due = self.due  # a refused request's: only the characters parse() lets through
        return t(f"ctlreq_what_{self.action}", pid=self.participant, week=self.week, due=due)


def folder(course: CourseSettings) -> Path:
    return course.root / REQUESTS_DIR


def inbox(course: CourseSettings) -> Path:
    return folder(course) / INBOX


def new_request(requester: str, action: str, participant: str = "", week: str = "",
                due: datetime | None = None, now: datetime | None = None) -> Request:
    now = (now or datetime.now(UTC)).astimezone(UTC)
    return Request(id=f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(8)}", requester=requester, action=action,
                   participant=participant, week=week,
                   due=due.astimezone(UTC).isoformat(timespec="seconds") if due else "",
                   at=now.isoformat(timespec="seconds"))


def submit(course: CourseSettings, request: Request) -> str:
    """Drop ``request`` into the course's inbox (what the dashboards service may do); its id.

    Written under a dot-name and renamed, so the grader reads whole files only. The inbox cannot be
    opened for reading by its writers, so its folder is not fsynced: a request lost in a power cut is
    asked again from the page, which still says it waits."""
    folder_path = inbox(course)
    payload = json.dumps(asdict(request), ensure_ascii=False, sort_keys=True).encode("utf-8")
    if len(payload) > MAX_BYTES:
        raise ValueError(t("ctlreq_too_big"))
    temp = folder_path / f".{request.id}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o640)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.rename(temp, folder_path / f"{request.id}.json")
    return request.id


# --- the grader's side -----------------------------------------------------------------------------

def group_writers(inbox_path: Path) -> Callable[[int], bool]:
    """Whose files count: the accounts of the inbox's group (the dashboards service) and this one."""
    gid = os.stat(inbox_path).st_gid
    try:
        members = set(grp.getgrgid(gid).gr_mem)
    except KeyError:
        members = set()

    def allowed(uid: int) -> bool:
        if uid == os.geteuid():
            return True
        try:
            account = pwd.getpwuid(uid)
        except KeyError:
            return False
        return account.pw_gid == gid or account.pw_name in members

    return allowed


def _text(data: dict[str, Any], key: str, pattern: re.Pattern[str] | None = PLAIN, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value):
        raise Refused("ctlreq_bad_json")
    if value and pattern is not None and not pattern.fullmatch(value):
        raise Refused("ctlreq_bad_json")
    return value


def parse(payload: bytes, request_id: str) -> Request:
    """A request from a file's bytes, every field checked for its form (not yet against the course)."""
    if len(payload) > MAX_BYTES:
        raise Refused("ctlreq_too_big")
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused("ctlreq_bad_json") from None
    if not isinstance(data, dict) or set(data) - KEYS or data.get("version") != 1 or data.get("id") != request_id:
        raise Refused("ctlreq_bad_json")
    action = _text(data, "action", None, required=True)
    if action not in ACTIONS:
        raise Refused("ctlreq_unknown_action")
    request = Request(id=request_id, requester=_text(data, "requester", required=True), action=action,
                      participant=_text(data, "participant"), week=_text(data, "week"),
                      due=_text(data, "due", re.compile(r"[0-9T:+.Z-]{10,32}")), at=_text(data, "at", None)[:40])
    needs_person, needs_week = action not in ("pause", "resume"), action == "extend"
    if bool(request.participant) != needs_person or bool(request.week) != needs_week \
            or bool(request.due) != needs_week:
        raise Refused("ctlreq_bad_json", request)
    return request


def read_one(inbox_fd: int, name: str, writers: Callable[[int], bool]) -> Request:
    """The request in ``name`` of the inbox, read without following links or blocking on a pipe."""
    match = NAME.fullmatch(name)
    if not match:
        raise Refused("ctlreq_name")
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=inbox_fd)
    except OSError:
        raise Refused("ctlreq_not_file") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            raise Refused("ctlreq_not_file")
        if not writers(info.st_uid):
            raise Refused("ctlreq_writer")
        if info.st_size > MAX_BYTES:
            raise Refused("ctlreq_too_big")
        payload = os.read(fd, MAX_BYTES + 1)
    finally:
        os.close(fd)
    return parse(payload, match["id"])


def check(request: Request, roster: dict[str, str], weeks: dict[str, datetime]) -> None:
    """``request`` against the course: the requester's rights, the participant and the week."""
    coaches = {coach for coach in roster.values() if coach}
    if request.requester not in coaches:
        raise Refused("ctlreq_not_coach", request)
    if request.participant:
        if request.participant not in roster:
            raise Refused("ctlreq_unknown_participant", request)
        if roster[request.participant] != request.requester:
            raise Refused("ctlreq_not_theirs", request)
    if request.action == "extend":
        if request.week not in weeks:
            raise Refused("ctlreq_unknown_week", request)
        try:
            due = datetime.fromisoformat(request.due)
        except ValueError:
            raise Refused("ctlreq_bad_due", request) from None
        if due.tzinfo is None or abs(due - weeks[request.week]) > DUE_RANGE:
            raise Refused("ctlreq_bad_due", request)


def apply(course: CourseSettings, request: Request) -> None:
    """The checked request through the same functions as the command (``ops.controls``)."""
    if request.action in ("pause", "resume"):
        direct.set_paused(course, request.action == "pause")
    elif request.action == "extend":
        direct.extend(course, request.participant, request.week, datetime.fromisoformat(request.due))
    else:
        direct.hold_reminders(course, request.participant, held=request.action == "hold")


@contextlib.contextmanager
def _apply_lock(course: CourseSettings) -> Iterator[None]:
    fd = os.open(folder(course) / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # the service's applier and a routine pass: one after the other
        yield
    finally:
        os.close(fd)


def _move_aside(inbox_fd: int, handled_fd: int, name: str, result: str, now: datetime) -> bool:
    target = f"{now:%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(4)}-{result}"
    try:
        os.rename(name, target, src_dir_fd=inbox_fd, dst_dir_fd=handled_fd)
        return True
    except FileNotFoundError:
        return True
    except OSError:  # e.g. a folder without write permission for us: delete it if we can
        for remove in (lambda: os.unlink(name, dir_fd=inbox_fd), lambda: os.rmdir(name, dir_fd=inbox_fd)):
            with contextlib.suppress(OSError):
                remove()
                return True
    return False


def _roster(course: CourseSettings) -> dict[str, str]:
    from ..records.sources import read_roster

    roster = read_roster(course)
    return dict(zip(roster["participant"], roster["facilitator"], strict=True))


def _shown(name: str) -> str:
    """A hostile file name as it may appear in the log: printable, short."""
    return ascii(name)[:80]


def apply_requests(course: CourseSettings, record: Record, now: datetime | None = None,
                   writers: Callable[[int], bool] | None = None) -> list[tuple[str, str]]:
    """Apply or refuse every request in the course's inbox, oldest first; publish the state. Returns
    (request id or shown name, outcome) in order; nothing when the course has no inbox."""
    from ..course.schedule import load_schedule

    box = inbox(course)
    if not box.is_dir():
        return []
    now = (now or datetime.now(UTC)).astimezone(UTC)
    handled = folder(course) / HANDLED
    handled.mkdir(mode=0o700, exist_ok=True)
    done: list[tuple[str, str]] = []
    outcomes: dict[str, dict[str, str]] = {}
    with _apply_lock(course):
        inbox_fd = os.open(box, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        handled_fd = os.open(handled, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            names = sorted(os.listdir(inbox_fd))
            writers = writers or group_writers(box)
            roster: dict[str, str] | None = None
            weeks: dict[str, datetime] = {}
            for name in names:
                if name.startswith("."):
                    try:
                        changed = datetime.fromtimestamp(os.stat(name, dir_fd=inbox_fd, follow_symlinks=False)
                                                         .st_mtime, UTC)
                    except OSError:
                        continue
                    if now - changed < ABANDONED_AFTER:
                        continue  # a request being written
                request = None
                try:
                    if name.startswith("."):
                        raise Refused("ctlreq_abandoned")
                    request = read_one(inbox_fd, name, writers)
                    if roster is None:
                        roster = _roster(course)
                        weeks = {week.id: week.due for week in load_schedule(course.root)}
                    check(request, roster, weeks)
                    apply(course, request)
                except Refused as refused:
                    request = refused.request or request
                    _move_aside(inbox_fd, handled_fd, name, REFUSED, now)
                    named = NAME.fullmatch(name)
                    key = request.id if request else named["id"] if named else _shown(name)
                    outcomes[key] = {"result": REFUSED, "reason": refused.reason, "at": now.isoformat()}
                    done.append((key, REFUSED))
                    record("requests", "control_request", "refused",
                           participant=request.participant if request else "", week=request.week if request else "",
                           detail=t("ctlreq_refused_detail", what=request.what() if request else _shown(name),
                                    requester=request.requester if request else "–",
                                    reason=t(refused.reason)))
                    continue
                except Exception as exc:  # a failure of ours (the roster, the disk): the file stays for later
                    record("requests", "control_request", "failed", detail=f"{_shown(name)}: "
                                                                           f"{type(exc).__name__}: {exc}"[:300])
                    continue
                _move_aside(inbox_fd, handled_fd, name, APPLIED, now)
                outcomes[request.id] = {"result": APPLIED, "reason": "", "at": now.isoformat()}
                done.append((request.id, APPLIED))
                record("requests", "control_request", "ok", participant=request.participant, week=request.week,
                       detail=t("ctlreq_applied_detail", what=request.what(), requester=request.requester))
        finally:
            os.close(inbox_fd)
            os.close(handled_fd)
        publish(course, outcomes)
    return done


def publish(course: CourseSettings, outcomes: dict[str, dict[str, str]] | None = None) -> None:
    """``state.json``: the controls now and the newest outcomes, for the page (the inbox's group reads it).
    Written when something changed (new outcomes, or the controls file newer than it)."""
    path = folder(course) / STATE
    old = read_state(course)
    controls_file = course.root / CONTROLS_FILE
    stale = controls_file.exists() and (not path.exists() or controls_file.stat().st_mtime >= path.stat().st_mtime)
    if not outcomes and not stale and path.exists():
        return
    merged = {**old.get("outcomes", {}), **(outcomes or {})}
    newest = dict(sorted(merged.items(), key=lambda item: item[1].get("at", ""))[-KEEP_OUTCOMES:])
    current = direct.load_controls(course)
    state = {"controls": {"paused": current.paused, "extensions": current.extensions, "held": current.held},
             "outcomes": newest, "published": datetime.now(UTC).isoformat(timespec="seconds")}
    atomic_write(path, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"),
                 temp_prefix=f".{STATE}.", mode=0o640)


def read_state(course: CourseSettings) -> dict[str, Any]:
    """The published state (``publish``); empty when there is none or it cannot be read."""
    try:
        data = json.loads((folder(course) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def published_controls(course: CourseSettings) -> Controls:
    data = read_state(course).get("controls")
    if not isinstance(data, dict):
        return Controls()
    return direct.controls_from(data)


# --- the page's side ----------------------------------------------------------------------------------

@dataclass
class PendingRequest:
    """A request the page has sent: its state as the grader has published it."""

    course: CourseSettings
    request: Request

    def state(self) -> tuple[str, str]:
        """(``WAITING``, ""), (``APPLIED``, "") or (``REFUSED``, the reason in the course language)."""
        outcome = read_state(self.course).get("outcomes", {}).get(self.request.id)
        if not isinstance(outcome, dict) or outcome.get("result") not in (APPLIED, REFUSED):
            return WAITING, ""
        reason = outcome.get("reason", "")
        return outcome["result"], t(reason) if reason in REASONS else ""


def page_requester() -> str:
    """Who is asking from a dashboards page: the facilitator the hub's service named (``Dashboards.facilitator``,
    set per request by ``deploy/dashboards_service.py``), else the server's owner (``JUPYTERHUB_USER``) —
    the rule of ``cohort.facilitator.facilitator_viewer``, read when the request is made."""
    return (configured(Dashboards).facilitator or os.environ.get("JUPYTERHUB_USER", "")).strip()


class RequestedControls:
    """The page's actions (``cohort.coach_panel.Actions``) as requests to the course's grader."""

    def __init__(self, requester: str | Callable[[], str] = page_requester) -> None:
        self._requester = requester

    @property
    def requester(self) -> str:
        return self._requester() if callable(self._requester) else self._requester

    def _ask(self, course: CourseSettings, action: str, participant: str = "", week: str = "",
             due: datetime | None = None) -> PendingRequest:
        request = new_request(self.requester, action, participant, week, due)
        submit(course, request)
        return PendingRequest(course, request)

    def load_controls(self, course: CourseSettings) -> Controls:
        return published_controls(course)

    def set_paused(self, course: CourseSettings, paused: bool) -> PendingRequest:
        return self._ask(course, "pause" if paused else "resume")

    def extend(self, course: CourseSettings, participant: str, week: str, due: datetime) -> PendingRequest:
        return self._ask(course, "extend", participant, week, due)

    def hold_reminders(self, course: CourseSettings, participant: str, held: bool = True) -> PendingRequest:
        return self._ask(course, "hold" if held else "unhold", participant)


def writes_directly(course: CourseSettings) -> bool:
    """Whether this process writes the course's controls itself: it may write the course folder, or there
    is no inbox to ask through (then a failed write says so on the page)."""
    return os.access(course.root, os.W_OK) or not inbox(course).is_dir()


class PageActions:
    """What the facilitator's page is handed (the notebook ``omat-osallistujat``): per course, the direct
    write (``ops.controls``) where this process may write the course (the demo, one machine), else a request
    (``RequestedControls``: the hub's dashboards service)."""

    def __init__(self, requester: str | Callable[[], str] = page_requester) -> None:
        self.requests = RequestedControls(requester)

    def _for(self, course: CourseSettings) -> Any:
        return direct if writes_directly(course) else self.requests

    def load_controls(self, course: CourseSettings) -> Controls:
        return self._for(course).load_controls(course)

    def set_paused(self, course: CourseSettings, paused: bool) -> PendingRequest | None:
        return self._for(course).set_paused(course, paused)

    def extend(self, course: CourseSettings, participant: str, week: str, due: datetime) -> PendingRequest | None:
        return self._for(course).extend(course, participant, week, due)

    def hold_reminders(self, course: CourseSettings, participant: str, held: bool = True) -> PendingRequest | None:
        return self._for(course).hold_reminders(course, participant, held)


def page_actions() -> PageActions:
    """The notebook's one call: ``show_facilitator(page_actions())``."""
    return PageActions()
