"""The coach's controls over the routine, kept in the course folder: pause, extensions, held reminders.

One small JSON file, ``routine-controls.json``, written atomically (a temporary file renamed over the
old one), so a crash never leaves half a file. What each control does:

- ``paused``: the routine does nothing for this course until resumed (``valmennus routine pause``).
- ``extensions``: participant -> week -> the participant's own due time (aware, ISO). nbgrader has no
  per-participant due date in its schedule; the routine collects a participant's week only after their
  own due time, reminds them with it, and before grading writes it into nbgrader's gradebook as the
  submission's ``extension`` (the difference from the week's due date), so nbgrader's own lateness
  (``SubmittedAssignment.duedate``, ``total_seconds_late``) counts from the extended time.
- ``held``: participants who get no reminders (``valmennus hold-reminders``).

Every change is a read-modify-write under an ``fcntl`` lock on ``.routine-controls.lock``, so two writers
at once (the command, the dashboards' page, the grader applying a page's request, ``control_requests``)
never lose each other's change. Who may write: the account that owns the course folder. On the hub the
dashboards service may not: it asks through ``control_requests`` and the grader applies the request.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..answers import atomic_write
from ..course.settings import CourseSettings

CONTROLS_FILE = "routine-controls.json"
CONTROLS_LOCK = ".routine-controls.lock"


@dataclass
class Controls:
    paused: bool = False
    extensions: dict[str, dict[str, str]] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)

    def extension(self, participant: str, week: str) -> datetime | None:
        """The participant's own due time of ``week`` (aware, UTC), or None."""
        text = self.extensions.get(participant, {}).get(week)
        if not text:
            return None
        moment = datetime.fromisoformat(text)
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)

    def due_for(self, participant: str, week: str, scheduled: datetime) -> datetime:
        """The participant's due time: their extension when later than the schedule's, else the schedule's."""
        extended = self.extension(participant, week)
        return max(scheduled, extended) if extended is not None else scheduled


def _path(course: CourseSettings) -> Path:
    return course.root / CONTROLS_FILE


def load_controls(course: CourseSettings) -> Controls:
    """The controls of ``course``; none set when the file is missing or unreadable."""
    try:
        data = json.loads(_path(course).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Controls()
    return controls_from(data) if isinstance(data, dict) else Controls()


def controls_from(data: dict) -> Controls:
    """Controls from their JSON form (the file's, or as ``control_requests`` publishes them)."""
    extensions = data.get("extensions") if isinstance(data.get("extensions"), dict) else {}
    held = data.get("held") if isinstance(data.get("held"), list) else []
    return Controls(paused=bool(data.get("paused")),
                    extensions={str(p): {str(w): str(d) for w, d in weeks.items()}
                                for p, weeks in extensions.items() if isinstance(weeks, dict)},
                    held=sorted({str(p) for p in held}))


def write_json_atomic(path: Path, data: object) -> None:
    """``data`` as JSON at ``path`` through ``answers.atomic_write`` (a crash leaves the old file or the
    new one), readable by the facilitator's account only."""
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"),
                 temp_prefix=f".{path.name}.", mode=0o600)


def save_controls(course: CourseSettings, controls: Controls) -> None:
    write_json_atomic(_path(course), {"paused": controls.paused, "extensions": controls.extensions,
                                      "held": sorted(set(controls.held))})


@contextmanager
def controls_lock(course: CourseSettings) -> Iterator[None]:
    """Held while one writer reads, changes and saves the controls (others wait: a change takes ms)."""
    fd = os.open(course.root / CONTROLS_LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _update(course: CourseSettings, change: Callable[[Controls], None]) -> None:
    with controls_lock(course):
        controls = load_controls(course)
        change(controls)
        save_controls(course, controls)


def set_paused(course: CourseSettings, paused: bool) -> None:
    def change(controls: Controls) -> None:
        controls.paused = paused

    _update(course, change)


def extend(course: CourseSettings, participant: str, week: str, due: datetime) -> None:
    """Give ``participant`` their own due time for ``week`` (replacing an earlier extension)."""
    def change(controls: Controls) -> None:
        controls.extensions.setdefault(participant, {})[week] = due.astimezone(UTC).isoformat(timespec="seconds")

    _update(course, change)


def hold_reminders(course: CourseSettings, participant: str, held: bool = True) -> None:
    def change(controls: Controls) -> None:
        people = set(controls.held)
        (people.add if held else people.discard)(participant)
        controls.held = sorted(people)

    _update(course, change)
