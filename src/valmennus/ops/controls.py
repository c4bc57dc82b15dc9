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
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..answers import atomic_write
from ..course.settings import CourseSettings

CONTROLS_FILE = "routine-controls.json"


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
    if not isinstance(data, dict):
        return Controls()
    extensions = {str(p): {str(w): str(d) for w, d in weeks.items()}
                  for p, weeks in (data.get("extensions") or {}).items() if isinstance(weeks, dict)}
    return Controls(paused=bool(data.get("paused")), extensions=extensions,
                    held=sorted({str(p) for p in data.get("held") or []}))


def write_json_atomic(path: Path, data: object) -> None:
    """``data`` as JSON at ``path`` through ``answers.atomic_write`` (a crash leaves the old file or the
    new one), readable by the facilitator's account only."""
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"),
                 temp_prefix=f".{path.name}.", mode=0o600)


def save_controls(course: CourseSettings, controls: Controls) -> None:
    write_json_atomic(_path(course), {"paused": controls.paused, "extensions": controls.extensions,
                                      "held": sorted(set(controls.held))})


def set_paused(course: CourseSettings, paused: bool) -> None:
    controls = load_controls(course)
    controls.paused = paused
    save_controls(course, controls)


def extend(course: CourseSettings, participant: str, week: str, due: datetime) -> None:
    """Give ``participant`` their own due time for ``week`` (replacing an earlier extension)."""
    controls = load_controls(course)
    controls.extensions.setdefault(participant, {})[week] = due.astimezone(UTC).isoformat(timespec="seconds")
    save_controls(course, controls)


def hold_reminders(course: CourseSettings, participant: str, held: bool = True) -> None:
    controls = load_controls(course)
    people = set(controls.held)
    (people.add if held else people.discard)(participant)
    controls.held = sorted(people)
    save_controls(course, controls)
