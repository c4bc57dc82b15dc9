"""How a submission enters the course: nbgrader's collect, without following what a participant planted.

nbgrader's own collect copies each inbound submission folder with ``shutil.copytree``, which follows
symbolic links, with the grader's rights. A participant owns her inbound folder; a link there named
like her answers file, pointing at another participant's ``submitted/`` copy, would put that
participant's reflections into her collected copy, her graded notebook and her feedback page; a pipe
would hang the collect. ``SafeExchangeCollect`` replaces the copy (configured as
``c.ExchangeFactory.collect`` in the course's ``nbgrader_config.py``, so ``valmennus collect``,
``nbgrader collect`` and formgrader's Collect button all use it):

* the inbound folder must be a real folder owned by the participant it is named after (or, on one
  machine where the grader plays every part, by the grader);
* only plain files and folders are copied (``safefiles.copy_regular_tree``); links, pipes, devices,
  sockets, hard links, files owned by someone else and files over nbgrader's size limits are left
  behind, and the participant's good files still arrive;
* a participant's answers for the course team (``answers.COURSE_TEAM_PATTERN``) are never copied, whatever
  the participant's own nbgrader configuration let through (``valmennus.anonymous``);
* every refusal is logged (nbgrader's log, which formgrader shows) and written to
  ``intake-refused.jsonl`` in the course folder, which ``valmennus collect`` reports in the
  facilitator's language.

``drop_planted_files`` is the second line, for ``c.Autograde.pre_convert_hook``: a submission that
reached ``submitted/`` some other way (an older collect, a copy by hand) loses its non-regular
entries before nbgrader copies them to ``autograded/``.
"""

from __future__ import annotations

import os
import pwd
from datetime import UTC, datetime
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from nbgrader.exchange.default.collect import ExchangeCollect
from traitlets import Bool

from ..answers import COURSE_TEAM_PATTERN
from ..i18n import t
from ..jsonlines import append_jsonl, read_jsonl
from ..safefiles import (
    TEMP_PATTERNS,
    CopyReport,
    NotRegularFile,
    Refusal,
    copy_regular_tree,
    kind_of,
    non_regular_entries,
)

REFUSED_LOG = "intake-refused.jsonl"


def record_refusals(course_root: str | os.PathLike[str], participant: str, week: str,
                    refusals: list[Refusal], stage: str) -> None:
    """Append refusals to the course's intake log (one JSON object a line)."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    append_jsonl(Path(course_root) / REFUSED_LOG,
                 ({"at": at, "participant": participant, "week": week, "path": r.path, "reason": r.reason,
                   "stage": stage} for r in refusals))


def read_refusals(course_root: str | os.PathLike[str], since: str | None = None) -> list[dict[str, Any]]:
    """Entries of the intake log, optionally only those at or after ``since`` (ISO time)."""
    return [e for e in read_jsonl(Path(course_root) / REFUSED_LOG) if since is None or str(e.get("at", "")) >= since]


def describe(entry: dict[str, Any], lang: str | None = None) -> str:
    """One refusal as a sentence for the facilitator."""
    reason = t(f"refused_{entry.get('reason', 'special')}", lang)
    return t("refused_line", lang, participant=entry.get("participant", "?"), week=entry.get("week", "?"),
             path=entry.get("path", "?"), reason=reason)


def _user_name(uid: int) -> str | None:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


class SafeExchangeCollect(ExchangeCollect):
    """nbgrader's collect, copying only plain files a participant owns; see the module docstring."""

    refuse_foreign_owner = Bool(
        True,
        help=("Refuse an inbound submission folder, or a file in it, that is owned by neither the "
              "participant it is named after nor the account running the collect. On a hub every "
              "participant is a Linux account and nbgrader's submit creates the folder as her; "
              "nbgrader itself only warns (CollectApp.check_owner).")).tag(config=True)

    def _owner_ok(self, uid: int, student_id: str) -> bool:
        return not self.refuse_foreign_owner or uid == os.getuid() or _user_name(uid) == student_id

    def _refuse(self, student_id: str, refusals: list[Refusal]) -> None:
        for refusal in refusals:
            self.log.warning(describe({"participant": student_id, "week": self.coursedir.assignment_id,
                                       "path": refusal.path, "reason": refusal.reason}))
        record_refusals(self.coursedir.root, student_id, self.coursedir.assignment_id, refusals, "collect")

    def init_src(self) -> None:
        """nbgrader's choice of the newest submission per participant, minus folders that are not hers."""
        super().init_src()
        kept = []
        for record in self.src_records:
            path = os.path.join(self.inbound_path, record["filename"])
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            if not S_ISDIR(info.st_mode):
                self._refuse(record["username"], [Refusal(".", kind_of(info.st_mode))])
            elif not self._owner_ok(info.st_uid, record["username"]):
                self._refuse(record["username"], [Refusal(".", "foreign_owner")])
            else:
                kept.append(record)
        self.src_records = kept

    def do_copy(self, src: str, dest: str, log: Any = None) -> None:  # noqa: ARG002  (nbgrader's signature)
        """Copy plain files only; report the rest. ``src`` is ``inbound/<participant>+<week>+...``."""
        student_id = os.path.basename(src).rsplit("+", 3)[0]

        def accept(info: os.stat_result) -> str | None:  # the folder's rule, for each file in it
            return None if self._owner_ok(info.st_uid, student_id) else "foreign_owner"

        group = self.coursedir.groupshared
        try:
            report: CopyReport = copy_regular_tree(
                src, dest, exclude=(*self.coursedir.ignore, *TEMP_PATTERNS, COURSE_TEAM_PATTERN),
                max_file_bytes=int(1000 * self.coursedir.max_file_size),
                max_total_bytes=int(1000 * self.coursedir.max_dir_size),
                file_mode=0o664 if group else 0o644, dir_mode=0o2775 if group else 0o755, accept=accept)
        except NotRegularFile as refused:  # swapped for a link after init_src looked
            self._refuse(student_id, [Refusal(".", refused.reason)])
            return
        self._refuse(student_id, report.refused)


def drop_planted_files(assignment: str, student: str, notebooks: list[str]) -> None:  # noqa: ARG001
    """``Autograde.pre_convert_hook``: remove links, pipes and devices from a ``submitted/`` copy.

    nbgrader calls it once per submission with the submission's notebook paths, before it copies the
    submission's other files to ``autograded/`` (with ``shutil.copy``, which follows links). A
    participant's answers for the course team (``*.kurssitiimille.json``, ``valmennus.anonymous``) that
    reached ``submitted/`` some other way are deleted too, unread: they never go further under her name.
    """
    if not notebooks:
        return
    folder = Path(notebooks[0]).parent
    for stray in folder.glob(COURSE_TEAM_PATTERN):
        stray.unlink(missing_ok=True)
    planted = non_regular_entries(folder)
    for refusal in planted:
        (folder / refusal.path).unlink(missing_ok=True)
    if planted:
        root = folder.parent.parent.parent  # <root>/submitted/<participant>/<week>
        record_refusals(root, folder.parent.name, folder.name, planted, "autograde")
