"""The answers file: where a participant's widget answers live (DESIGN §2).

Widget values live in the kernel and die with it, and nbgrader's autograde re-runs every notebook in
a fresh kernel. So every answer is written at once to ``<notebook_id>.answers.json`` in the
notebook's own folder, which nbgrader carries through fetch, submit, collect, autograde and
feedback like any other file of the assignment.

Guarantees, each tested:

* A write is atomic: temp file in the same folder, fsync, ``os.replace``; a crash at any moment leaves
  either the old or the new file, never half of one.
* A write re-reads the file under a lock and changes only its own item, so two tabs or kernels on
  the same notebook never erase each other's answers.
* A file that cannot be read is moved aside (never deleted) and the participant starts afresh with a
  clear message; the bad copy stays beside it for the facilitator.
* Under ``nbgrader autograde`` or ``validate`` (``NBGRADER_EXECUTION`` set) the store is read-only:
  grading never writes a participant's answers, and never moves their file.
* The file is read without following a link and only if it is a plain file under ``MAX_BYTES``
  (``safefiles.read_regular``): the grader reads participants' folders with its own rights, so an
  answers file that is a link to someone else's reads as unreadable, never as theirs.
* Temp files left by a write that was killed are swept on the next load (under the same lock as
  writes) and never travel with a submission (``course.intake`` leaves them behind).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
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
GRADING_MODES = frozenset({"autograde", "validate"})
#: No participant writes 5 MB of text: a larger answers file is damaged or hostile (pictures are files of their own).
MAX_BYTES = 5 * 1024 * 1024


class ReadOnlyStore(RuntimeError):
    """Raised when something tries to write answers while nbgrader is grading."""


def grading_mode() -> str | None:
    """Return ``"autograde"`` or ``"validate"`` while nbgrader executes the notebook, else None."""
    mode = os.environ.get("NBGRADER_EXECUTION", "").strip()
    return mode if mode in GRADING_MODES else None


def answers_filename(notebook_id: str) -> str:
    """The answers file's name for a notebook id; ids are plain names, never paths."""
    if not notebook_id or any(ch in notebook_id for ch in "/\\\0") or notebook_id.startswith("."):
        raise ValueError(f"not a valid notebook id: {notebook_id!r}")
    return notebook_id + SUFFIX


def now_utc() -> datetime:
    return datetime.now(UTC)


def atomic_write(path: Path, payload: bytes, temp_prefix: str = ".") -> None:
    """Write ``path`` so that a crash at any moment leaves the old file or the new one, never half.

    Temp file in the same folder (so the rename stays on one file system), fsync, mode 0644, atomic
    ``os.replace``, then fsync of the folder so the rename itself survives a power cut.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@dataclass
class LoadResult:
    """What reading the file gave: the entries, and a problem to tell the participant, if any."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    problem: str | None = None  # a message key of valmennus.i18n
    moved_to: Path | None = None


def _parse(raw: bytes, notebook_id: str | None) -> dict[str, dict[str, Any]]:
    """Parse and check the file's shape; raise ValueError when it is not an answers file."""
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a valmennus answers file")
    if notebook_id is not None and data.get("notebook") not in (None, notebook_id):
        raise ValueError(f"answers of another notebook: {data.get('notebook')!r}")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise ValueError("answers is not an object")
    entries: dict[str, dict[str, Any]] = {}
    for item_id, entry in answers.items():
        # One odd entry must not cost the participant the others: keep only well-formed entries.
        if isinstance(item_id, str) and isinstance(entry, dict) and "value" in entry:
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

    def __init__(self, notebook_id: str, folder: str | os.PathLike[str] | None = None,
                 read_only: bool | None = None) -> None:
        self.notebook_id = notebook_id
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.path = self.folder / answers_filename(notebook_id)
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
        return sorted([*self.folder.glob(f".{self.notebook_id}.*.tmp"), *self.folder.glob(".upload.*.tmp")])

    def _sweep(self) -> None:
        """Remove temp files of interrupted writes; call only under ``_locked`` (a live writer holds it)."""
        for stray in self.temp_files():
            with contextlib.suppress(OSError):
                stray.unlink()

    def _move_aside(self) -> Path | None:
        stamp = now_utc().strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.notebook_id}.answers.corrupt-{stamp}.json")
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
        under grading and ``OSError`` when the disk refuses (the widget then says so).
        """
        if self.read_only:
            raise ReadOnlyStore(f"{self.path.name} is read-only while nbgrader is grading")
        saved_at = now_utc()
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            self._sweep()
            entries = self._load().entries
            entries[item_id] = {"value": value, "saved_at": saved_at.isoformat(timespec="seconds")}
            self._write(entries)
        return saved_at

    def _write(self, entries: dict[str, dict[str, Any]]) -> None:
        document = {"format": FORMAT, "version": VERSION, "notebook": self.notebook_id,
                    "answers": entries}
        payload = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self.path, payload, temp_prefix=f".{self.notebook_id}.")
