"""The answers file: where a participant's widget answers live (DESIGN §2).

Widget values live in the kernel and die with it, and nbgrader's autograde re-runs every notebook in
a fresh kernel. So every answer is written at once to ``<notebook_id>.answers.json`` in the
notebook's own folder, which nbgrader carries through fetch, submit, collect, autograde and
feedback like any other file of the assignment.

Guarantees, each tested:

* A write is atomic: temp file in the same folder, fsync, ``os.replace``; a crash at any moment leaves
  either the old or the new file, never half of one.
* What a write acknowledges can be read back: a value the file could not hold as strict UTF-8 JSON
  (a lone surrogate, nesting deeper than ``MAX_DEPTH``) or that would make the file larger than the
  reader accepts (``MAX_BYTES``) is refused before the file is touched.
* A write re-reads the file under a lock and changes only its own item, so two tabs or kernels on
  the same notebook never erase each other's answers.
* A file that cannot be read is moved aside (never deleted) and the participant starts afresh with a
  clear message; the bad copy stays beside it for the facilitator. A hand edit that saved it with a
  byte order mark is still read, and one entry the store could not write back (nested too deep, a
  lone ``\ud83d`` escape) is left out instead of failing every later save.
* Under ``nbgrader autograde`` or ``validate`` (``NBGRADER_EXECUTION`` set) the store is read-only:
  grading never writes a participant's answers, and never moves their file.
* The file is read without following a link and only if it is a plain file under ``MAX_BYTES``
  (``safefiles.read_regular``): the grader reads participants' folders with its own rights, so an
  answers file that is a link to someone else's reads as unreadable, never as theirs.
* Temp files left by a write that was killed are swept on the next load (under the same lock as
  writes) and never travel with a submission (``course.intake`` leaves them behind). A live write
  keeps its temp file locked (``flock``), so a sweep never takes one from under an upload that
  another kernel is writing without the folder lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .safefiles import NotRegularFile, TooLarge, read_regular

FORMAT = "valmennus-answers"
VERSION = 1
SUFFIX = ".answers.json"
#: The participant's answers for the course team (items ``anonymous: true``): ``<notebook>.kurssitiimille.json``
#: beside the answers file, in the same format, never submitted (``valmennus.anonymous``). The pattern is
#: in nbgrader's ``CourseDirectory.ignore``, which its exchange skips when it copies a folder.
COURSE_TEAM_SUFFIX = ".kurssitiimille.json"
COURSE_TEAM_PATTERN = "*" + COURSE_TEAM_SUFFIX
GRADING_MODES = frozenset({"autograde", "validate"})
#: No participant writes 5 MB of text: a larger answers file is damaged or hostile (pictures are files of their own).
MAX_BYTES = 5 * 1024 * 1024
#: Widgets save values nested two or three deep; far deeper is a hand edit, and near Python's recursion
#: limit it would load but could not be written back (every later save would fail).
MAX_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


class ReadOnlyStore(RuntimeError):
    """Raised when something tries to write answers while nbgrader is grading."""


def grading_mode() -> str | None:
    """Return ``"autograde"`` or ``"validate"`` while nbgrader executes the notebook, else None."""
    mode = os.environ.get("NBGRADER_EXECUTION", "").strip()
    return mode if mode in GRADING_MODES else None


def answers_filename(notebook_id: str, suffix: str = SUFFIX) -> str:
    """The answers file's name for a notebook id; ids are plain names, never paths."""
    if not notebook_id or any(ch in notebook_id for ch in "/\\\0") or notebook_id.startswith("."):
        raise ValueError(f"not a valid notebook id: {notebook_id!r}")
    return notebook_id + suffix


def now_utc() -> datetime:
    return datetime.now(UTC)


def atomic_write(path: Path, payload: bytes, temp_prefix: str = ".", mode: int = 0o644) -> None:
    """Write ``path`` so that a crash at any moment leaves the old file or the new one, never half.

    Temp file in the same folder (so the rename stays on one file system), fsync, ``mode``, atomic
    ``os.replace``, then fsync of the folder so the rename itself survives a power cut. The temp file
    is locked (``flock``) until the rename, which tells a sweep that its writer is alive; the kernel
    drops the lock of a killed writer, whose temp file is then swept (``remove_abandoned``).
    """
    while True:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix, suffix=".tmp")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            swept = os.fstat(fd).st_nlink == 0  # a sweep took it between its creation and the lock
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        if not swept:
            break
        os.close(fd)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.fchmod(fd, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_abandoned(stray: Path) -> bool:
    """Remove a temp file of a write that died; leave one a live ``atomic_write`` holds locked.

    Returns whether it was removed. Anything that cannot be opened as a file (a planted link) is no
    write's temp file and no participant's work either: it is removed too.
    """
    try:
        fd = os.open(stray, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return False
    except OSError:
        with contextlib.suppress(OSError):
            stray.unlink()
            return True
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # its writer is alive
        except OSError:
            pass  # cannot be locked, so no write of ours holds it
        with contextlib.suppress(OSError):
            now, held = os.stat(stray, follow_symlinks=False), os.fstat(fd)
            if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):  # not renamed into place meanwhile
                stray.unlink()
                return True
        return False
    finally:
        os.close(fd)


def storable(value: Any) -> bool:
    """Whether the store can write ``value`` as strict UTF-8 JSON and read it back.

    False for text UTF-8 cannot encode (a lone surrogate, as a hand-edited ``"\\ud83d"`` gives) and for
    containers nested more than ``MAX_DEPTH`` deep. Checked without recursion, so any depth is safe.
    """
    stack = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, str):
            if _SURROGATE.search(current):
                return False
        elif isinstance(current, dict | list | tuple):
            if depth >= MAX_DEPTH:
                return False
            if isinstance(current, dict):
                if any(isinstance(key, str) and _SURROGATE.search(key) for key in current):
                    return False
                stack.extend((child, depth + 1) for child in current.values())
            else:
                stack.extend((child, depth + 1) for child in current)
    return True


@dataclass
class LoadResult:
    """What reading the file gave: the entries, and a problem to tell the participant, if any."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    problem: str | None = None  # a message key of valmennus.i18n
    moved_to: Path | None = None


def _parse(raw: bytes, notebook_id: str | None) -> dict[str, dict[str, Any]]:
    """Parse and check the file's shape; raise ValueError when it is not an answers file."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # -sig: a byte order mark from a hand edit is no damage
    except RecursionError:
        raise ValueError("nested too deeply to be an answers file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a valmennus answers file")
    if notebook_id is not None and data.get("notebook") not in (None, notebook_id):
        raise ValueError(f"answers of another notebook: {data.get('notebook')!r}")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise ValueError("answers is not an object")
    entries: dict[str, dict[str, Any]] = {}
    for item_id, entry in answers.items():
        # One odd entry must not cost the participant the others: keep only well-formed entries, and
        # only those the store can write back, so that one of them never makes every later save fail.
        if isinstance(item_id, str) and isinstance(entry, dict) and "value" in entry and storable([item_id, entry]):
            entries[item_id] = entry
    return entries


def read_values(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Item id -> saved value of one answers file, for readers that are not its notebook (reports).

    The one reader of the format outside ``AnswerStore``: same checks (plain file, size, shape);
    raises ``ValueError`` or ``OSError`` when the file cannot be used.
    """
    raw = read_regular(path, MAX_BYTES)
    return {k: e.get("value") for k, e in _parse(raw, None).items()}


class AnswerStore:
    """One notebook's answers file in one folder.

    ``folder`` defaults to the current directory, which is the notebook's folder in JupyterLab,
    Voilà, nbconvert and nbgrader alike; never a home or absolute path, so the file travels with
    the assignment.
    """

    #: the file's name after the notebook id (``COURSE_TEAM_SUFFIX`` for the course team's file)
    suffix = SUFFIX

    def __init__(self, notebook_id: str, folder: str | os.PathLike[str] | None = None,
                 read_only: bool | None = None) -> None:
        self.notebook_id = notebook_id
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.path = self.folder / answers_filename(notebook_id, self.suffix)
        self.read_only = grading_mode() is not None if read_only is None else read_only

    # -- reading -------------------------------------------------------------------------------
    def load(self) -> LoadResult:
        """Read every entry. A broken file is moved aside (unless read-only) and reported.

        Outside grading, temp files a killed write left behind are swept first (under the lock).
        """
        if not self.read_only and self.folder.is_dir():
            try:
                with self._locked():
                    self._sweep()
            except OSError:
                pass  # a folder we cannot lock or clean: reading still works
        return self._load()

    def _load(self) -> LoadResult:
        try:
            raw = read_regular(self.path, MAX_BYTES)
        except FileNotFoundError:
            return LoadResult()
        except NotRegularFile:
            return LoadResult(problem="answers_unreadable")
        except TooLarge:
            raw = b""  # treated as damaged below: moved aside, the participant starts afresh
        except OSError:
            return LoadResult(problem="answers_unreadable")
        try:
            return LoadResult(entries=_parse(raw, self.notebook_id))
        except (ValueError, UnicodeDecodeError):
            if self.read_only:
                return LoadResult(problem="answers_corrupt_grading")
            moved = self._move_aside()
            return LoadResult(problem="answers_corrupt_moved", moved_to=moved)

    def values(self) -> dict[str, Any]:
        """Item id -> saved value (unvalidated: each widget kind validates its own)."""
        return {k: e.get("value") for k, e in self.load().entries.items()}

    def temp_files(self) -> list[Path]:
        """Temp files of interrupted writes of this notebook's answers and uploads."""
        if not self.folder.is_dir():
            return []
        own = f".{glob.escape(self.notebook_id)}.*.tmp"  # an id is a plain name: "[" or "*" in it is a character
        return sorted([*self.folder.glob(own), *self.folder.glob(".upload.*.tmp")])

    def _sweep(self) -> None:
        """Remove temp files of interrupted writes; call only under ``_locked`` (a live answers write holds
        it; a live upload, written without it, holds its own temp file locked and is left alone)."""
        for stray in self.temp_files():
            remove_abandoned(stray)

    def _move_aside(self) -> Path | None:
        stamp = now_utc().strftime("%Y%m%dT%H%M%S%fZ")
        # the course team's damaged file keeps its suffix, so that it too is never submitted
        aside = (f"{self.notebook_id}.answers.corrupt-{stamp}.json" if self.suffix == SUFFIX
                 else f"{self.notebook_id}.corrupt-{stamp}{self.suffix}")
        target = self.path.with_name(aside)
        try:
            os.replace(self.path, target)
        except FileNotFoundError:  # another kernel moved it first
            return None
        return target

    # -- writing -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise writers of this folder (two tabs, two kernels) with a lock on the folder itself.

        Locking the directory, not a lock file, keeps the assignment folder free of extra files
        that would travel through the exchange.
        """
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def set(self, item_id: str, value: Any) -> datetime:
        """Save one item's value at once and atomically; return the time it was saved.

        Re-reads the file under the lock and changes only ``item_id``. Raises ``ReadOnlyStore``
        under grading, ``ValueError`` for a value the file cannot hold (``storable``), and ``OSError``
        when the disk refuses or the file would grow past ``MAX_BYTES`` (the widget then says so); the
        file is then left as it was.
        """
        if self.read_only:
            raise ReadOnlyStore(f"{self.path.name} is read-only while nbgrader is grading")
        saved_at = now_utc()
        entry = {"value": value, "saved_at": saved_at.isoformat(timespec="seconds")}
        if not storable([item_id, entry]):
            raise ValueError(f"{item_id!r}: a lone surrogate or nesting deeper than {MAX_DEPTH} cannot be saved")
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            self._sweep()
            entries = self._load().entries
            entries[item_id] = entry
            self._write(entries)
        return saved_at

    def remove(self, item_id: str) -> datetime | None:
        """Forget one item's saved answer (the participant emptied it); return when, or None if none was saved."""
        if self.read_only:
            raise ReadOnlyStore(f"{self.path.name} is read-only while nbgrader is grading")
        if not self.folder.is_dir():
            return None
        removed_at = now_utc()
        with self._locked():
            self._sweep()
            entries = self._load().entries
            if item_id not in entries:
                return None
            del entries[item_id]
            self._write(entries)
        return removed_at

    def _write(self, entries: dict[str, dict[str, Any]]) -> None:
        document = {"format": FORMAT, "version": VERSION, "notebook": self.notebook_id,
                    "answers": entries}
        payload = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        if len(payload) > MAX_BYTES:  # the reader would refuse it and move every answer aside
            raise TooLarge(self.path, len(payload), MAX_BYTES)
        atomic_write(self.path, payload, temp_prefix=f".{self.notebook_id}.")
