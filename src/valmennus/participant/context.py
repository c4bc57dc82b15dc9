"""What every page of the participant app needs: the course, the exchange, the participant's choices.

One ``Participant`` per server (one participant per server), made when the extension loads. The
exchange object is made at first use: importing nbgrader takes a second or two, which a server start
need not pay before anyone asks for a page.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from ..course.schedule import ScheduleError, Week, load_schedule
from ..i18n import current_language
from . import prefs
from .config import ParticipantApp
from .exchange import ParticipantExchange, gather
from .state import Home, home


class CourseMissing(RuntimeError):
    """No course folder, or its schedule cannot be read: the page says so in words."""


class Participant:
    def __init__(self, config: ParticipantApp, root_dir: str | Path, base_url: str = "/") -> None:
        self.config = config
        self.root_dir = Path(root_dir).resolve()
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._exchange: ParticipantExchange | None = None
        prefs.apply_language(self.prefs())

    # -- who and where ---------------------------------------------------------------------------
    @property
    def participant_id(self) -> str:
        return self.config.who()

    @property
    def settings_dir(self) -> Path:
        return Path(os.path.expanduser(self.config.settings_dir))

    def prefs(self) -> prefs.Prefs:
        return prefs.load(self.settings_dir)

    def language(self) -> str:
        return self.prefs().language or current_language()

    def url(self, *parts: str) -> str:
        path = "/".join(p.strip("/") for p in parts if p)
        return self.base_url + path + ("/" if parts and parts[-1].endswith("/") else "")

    # -- the course ------------------------------------------------------------------------------
    def schedule(self) -> list[Week]:
        course = self.config.course_path()
        if course is None or not course.is_dir():
            raise CourseMissing(f"no course folder ({course})")
        try:
            weeks = load_schedule(course)
        except (ScheduleError, OSError) as exc:
            raise CourseMissing(str(exc)) from exc
        if not weeks:
            raise CourseMissing(f"{course}: no weeks in schedule.yaml")
        return weeks

    def week(self, week_id: str) -> Week | None:
        """The scheduled week of that id; None for anything else (a path parameter is never trusted)."""
        return next((w for w in self.schedule() if w.id == week_id), None)

    @property
    def exchange(self) -> ParticipantExchange:
        if self._exchange is None:
            self._exchange = ParticipantExchange(self.root_dir, self.config.resolved_course_id())
        return self._exchange

    def home(self, now: datetime | None = None) -> Home:
        weeks = self.schedule()
        ex = self.exchange
        facts = gather(weeks, ex.released(), ex.submitted())
        return home(facts, now or datetime.now(UTC), set(self.prefs().read_feedback))
