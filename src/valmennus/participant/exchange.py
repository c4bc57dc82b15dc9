"""nbgrader's exchange as the participant: what is released, submitted and fed back; fetch, submit.

Everything goes through nbgrader's own participant-side class, ``AssignmentList`` (what the Lab's
Assignment List panel calls): it loads ``nbgrader_config.py`` from the Jupyter config path and the
participant's home exactly as that panel does and calls the configured exchange classes
(``ExchangeFactory``), so a hub's exchange, its authentication plugin or an exchange service work
here unchanged (DESIGN §5: never the exchange's paths).

Whatever the configuration found says, submitting never sends the participant's answers for the course
team (``answers.COURSE_TEAM_PATTERN``, ``valmennus.anonymous``): ``_assignment_list`` adds the pattern to
``CourseDirectory.ignore``, the list nbgrader's ``Exchange.do_copy`` leaves behind.

``AssignmentList`` answers ``{"success": False, "value": <traceback>}`` on any failure: the traceback
goes to the server log (it logs it), never to the page; ``ExchangeProblem`` carries a message key the
page turns into a Finnish sentence. It changes the working folder while it runs (``os.chdir``), so
the calls are serialised by a lock and made from the server's own thread, one at a time.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..answers import COURSE_TEAM_PATTERN
from ..course.stamps import parse_stamp
from .state import Submission, WeekFacts

log = logging.getLogger(__name__)

#: Files nbgrader adds to a submission; not what the participant sent.
EXCHANGE_FILES = {"timestamp.txt", "submission_secret.txt"}


class ExchangeProblem(RuntimeError):
    """The exchange refused or failed; ``key`` names the message for the participant (``pa_err_*``)."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail[-2000:]}")
        self.key = key


@dataclass
class Released:
    week: str
    fetched: bool
    folder: Path | None  # the fetched folder (absolute)
    notebooks: list[Path] = field(default_factory=list)  # the fetched notebooks (absolute)


@dataclass
class Sent:
    """One submission: when, where nbgrader keeps the participant's copy, and its feedback."""

    week: str
    at: datetime
    copy: Path | None
    feedback_in_exchange: bool
    feedback_fetched: bool
    feedback_updated: bool
    feedback_pages: list[Path]

    def files(self) -> list[str]:
        """The names of the files sent (nbgrader's own bookkeeping files left out)."""
        if self.copy is None or not self.copy.is_dir():
            return []
        return sorted(str(p.relative_to(self.copy)) for p in self.copy.rglob("*")
                      if p.is_file() and p.name not in EXCHANGE_FILES and ".ipynb_checkpoints" not in p.parts)

    def feedback_id(self) -> str | None:
        """The fetched feedback pages' checksum: a page the participant has read is known by it."""
        if not self.feedback_pages:
            return None
        digest = hashlib.sha256()
        for page in sorted(self.feedback_pages):
            try:
                digest.update(page.read_bytes())
            except OSError:
                return None
        return digest.hexdigest()[:32]




def with_course_team_ignored(config: Any) -> Any:
    """``config`` with ``COURSE_TEAM_PATTERN`` in ``CourseDirectory.ignore`` (nbgrader's defaults kept)."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import LazyConfigValue

    default = CourseDirectory.class_traits()["ignore"].default()
    current = config.CourseDirectory.get("ignore", default)
    if isinstance(current, LazyConfigValue):  # c.CourseDirectory.ignore.append(...) in a config file
        current = current.get_value(list(default))
    if COURSE_TEAM_PATTERN not in current:
        config.CourseDirectory.ignore = [*current, COURSE_TEAM_PATTERN]
    return config


def _assignment_list() -> Any:
    """nbgrader's ``AssignmentList`` whose every configuration leaves the course team's file behind."""
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

    class CourseTeamSafeList(AssignmentList):
        def load_config(self) -> Any:
            return with_course_team_ignored(super().load_config())

    return CourseTeamSafeList()


class ParticipantExchange:
    """The participant's side of nbgrader's exchange for one course, from their server's root folder."""

    def __init__(self, root_dir: str | Path, course_id: str) -> None:
        self.root_dir = Path(root_dir).resolve()
        self.course_id = course_id
        self._list = _assignment_list()
        self._list.root_dir = str(self.root_dir)
        self._lock = threading.Lock()

    def _call(self, name: str, key: str, *args: Any) -> Any:
        with self._lock:
            try:
                answer = getattr(self._list, name)(*args)
            except Exception as exc:  # noqa: BLE001  (nbgrader's own config or import failing)
                log.exception("nbgrader %s failed", name)
                raise ExchangeProblem(key, repr(exc)) from exc
        if not answer.get("success"):
            log.error("nbgrader %s refused: %s", name, answer.get("value"))
            raise ExchangeProblem(key, str(answer.get("value", "")))
        return answer.get("value")

    # -- reading ---------------------------------------------------------------------------------
    def released(self) -> dict[str, Released]:
        """Week id -> what the exchange has released (and whether it is in the participant's home)."""
        found = {}
        for entry in self._call("list_released_assignments", "pa_err_list", self.course_id or None):
            if self.course_id and entry.get("course_id") != self.course_id:
                continue
            fetched = entry.get("status") == "fetched"
            folder = (self.root_dir / entry["path"]).resolve() if fetched else None
            notebooks = [(self.root_dir / nb["path"]).resolve() for nb in entry.get("notebooks", [])] if fetched else []
            found[entry["assignment_id"]] = Released(entry["assignment_id"], fetched, folder, notebooks)
        return found

    def submitted(self) -> dict[str, list[Sent]]:
        """Week id -> the participant's submissions, oldest first (from nbgrader's cache of them)."""
        found: dict[str, list[Sent]] = {}
        for entry in self._call("list_submitted_assignments", "pa_err_list", self.course_id or None):
            if self.course_id and entry.get("course_id") != self.course_id:
                continue
            for sub in entry.get("submissions", []):
                copy = Path(sub["path"]) if sub.get("path") else None
                at = None
                if copy is not None and (copy / "timestamp.txt").is_file():
                    at = parse_stamp((copy / "timestamp.txt").read_text(encoding="utf-8", errors="replace"))
                at = at or parse_stamp(str(sub.get("timestamp", "")))
                if at is None:
                    continue
                pages = [Path(nb["local_feedback_path"]) for nb in sub.get("notebooks", [])
                         if nb.get("has_local_feedback") and nb.get("local_feedback_path")]
                pages = [p if p.is_absolute() else self.root_dir / p for p in pages]
                found.setdefault(entry["assignment_id"], []).append(Sent(
                    entry["assignment_id"], at, copy, bool(sub.get("has_exchange_feedback")),
                    bool(sub.get("has_local_feedback")), bool(sub.get("feedback_updated")), pages))
        for subs in found.values():
            subs.sort(key=lambda s: s.at)
        return found

    # -- acting ----------------------------------------------------------------------------------
    def fetch(self, week: str) -> None:
        self._call("fetch_assignment", "pa_err_fetch", self.course_id, week)

    def submit(self, week: str) -> None:
        self._call("submit_assignment", "pa_err_submit", self.course_id, week)

    def fetch_feedback(self, week: str) -> None:
        self._call("fetch_feedback", "pa_err_feedback_fetch", self.course_id, week)


def started(folder: Path | None) -> bool:
    """The participant saved an answer: an answers file is in the week's folder."""
    return folder is not None and folder.is_dir() and any(folder.glob("*.answers.json"))


def gather(schedule: list[Any], released: dict[str, Released], submitted: dict[str, list[Sent]]) -> list[WeekFacts]:
    """The facts of every scheduled week (``state.home``'s input) from the exchange's two listings."""
    facts = []
    for week in schedule:
        rel = released.get(week.id)
        subs = tuple(Submission(s.at, s.feedback_in_exchange, s.feedback_fetched, s.feedback_updated,
                                s.feedback_id()) for s in submitted.get(week.id, []))
        facts.append(WeekFacts(week, released=rel is not None, fetched=bool(rel and rel.fetched),
                               started=started(rel.folder if rel else None), submissions=subs))
    return facts
