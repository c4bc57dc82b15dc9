"""The course schedule: when each week is released and due, in Helsinki time, and its theme.

Kept in ``schedule.yaml`` in the course folder (people edit it). nbgrader stores due dates as naive
UTC; conversion happens here, at the edge, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

SCHEDULE_FILE = "schedule.yaml"


class ScheduleError(ValueError):
    """The schedule file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Week:
    id: str
    release: datetime  # aware, UTC
    due: datetime  # aware, UTC
    theme: dict[str, str]

    def theme_in(self, lang: str) -> str:
        return self.theme.get(lang) or self.theme.get("fi") or self.id

    @property
    def due_naive_utc(self) -> datetime:
        """As nbgrader's gradebook stores it."""
        return self.due.astimezone(UTC).replace(tzinfo=None)


def _parse_time(value: object, zone: ZoneInfo, where: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError as exc:
            raise ScheduleError(f"{where}: not a date and time: {value!r} (use e.g. 2027-01-11 08:00)") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def load_schedule(course_root: Path) -> list[Week]:
    """Weeks in release order. An absent file means no schedule (every command then asks for a week)."""
    path = Path(course_root) / SCHEDULE_FILE
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ScheduleError(f"{path}: not valid YAML: {exc}") from exc
    zone = ZoneInfo(data.get("timezone", "Europe/Helsinki"))
    weeks = []
    for week_id, entry in (data.get("weeks") or {}).items():
        where = f"{path.name}: {week_id}"
        if not isinstance(entry, dict) or "release" not in entry or "due" not in entry:
            raise ScheduleError(f"{where}: needs release and due")
        week = Week(id=str(week_id), release=_parse_time(entry["release"], zone, where),
                    due=_parse_time(entry["due"], zone, where), theme=dict(entry.get("theme") or {}))
        if week.due <= week.release:
            raise ScheduleError(f"{where}: due is not after release")
        weeks.append(week)
    return sorted(weeks, key=lambda w: w.release)


def released_by(weeks: list[Week], now: datetime) -> list[Week]:
    return [w for w in weeks if w.release <= now]


def current_week(weeks: list[Week], now: datetime) -> Week | None:
    """The week participants are working on now: the latest released one."""
    released = released_by(weeks, now)
    return released[-1] if released else None
