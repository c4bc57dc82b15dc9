"""The coach's controls of the routine on the facilitator's page: pause or resume the routine for the course,
give one of one's own participants a later due date for a week, hold or resume one's reminders.

The panel is ipywidgets shown under the page in Voilà. It writes nothing itself: the dashboard notebook
(an app, layer 7) hands it ``actions`` (``Actions``), so reporting never writes. Two kinds fit:

- the facilitator's commands' own functions (``valmennus.ops.controls``, what ``valmennus routine pause``,
  ``extend`` and ``hold-reminders`` call), where the page's process may write the course folder (the
  demo, one machine): a change is made at once, and each returns None;
- requests to the course's grader account (``valmennus.ops.control_requests``), where it may not (the hub's
  dashboards service): each returns a ``Pending`` request, the page says it waits ("Pyyntö odottaa") and
  follows it until the grader has applied or refused it (a poll every ``POLL_S`` seconds while the kernel
  runs its event loop, and the "Päivitä tila" button).

``ops.control_requests.PageActions`` (what the notebook hands over) picks one of the two per course. Each
handler checks again what the widgets already limit: only the viewer's own participants and the course's
weeks, so a forged widget message cannot reach anyone else's participant (and on the hub the grader checks
every request once more against the roster). Every message is from the catalogs, every piece of markup from
``templates/coach_panel.html.j2``.
"""

from __future__ import annotations

import asyncio
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Protocol

import ipywidgets as w
import pandas as pd

from ..course.settings import CourseSettings
from ..i18n import HELSINKI, local_datetime, t
from ..templates import macro

#: An extended week is due at this time of the chosen day, Helsinki time (the schedule's usual due time).
DUE_TIME = time(23, 59)
_FULL = w.Layout(width="100%", max_width="36em")
_BUTTON = {"width": "auto", "align_self": "flex-start"}  # as wide as its words, not the page
_STYLE = {"description_width": "initial"}
#: Seconds between looks at a waiting request, and how long the page keeps looking by itself.
POLL_S = 2.0
POLL_FOR_S = 600.0
WAITING, APPLIED, REFUSED = "waiting", "applied", "refused"  # as ops.control_requests publishes them


class Pending(Protocol):
    """A change asked for and not made yet (``ops.control_requests.PendingRequest``)."""

    def state(self) -> tuple[str, str]:
        """``(WAITING, "")``, ``(APPLIED, "")`` or ``(REFUSED, why, in the course language)``."""
        ...


class Actions(Protocol):
    """What the panel calls: ``valmennus.ops.controls`` has exactly these (each returning None: done), and so
    has ``ops.control_requests.RequestedControls`` (each returning a ``Pending`` request)."""

    def load_controls(self, course: CourseSettings) -> Any: ...
    def set_paused(self, course: CourseSettings, paused: bool) -> Pending | None: ...
    def extend(self, course: CourseSettings, participant: str, week: str, due: datetime) -> Pending | None: ...
    def hold_reminders(self, course: CourseSettings, participant: str, held: bool = True) -> Pending | None: ...


def _m(name: str) -> Callable[..., str]:
    return macro("coach_panel.html.j2", name)


def due_at(day: date) -> datetime:
    """The due moment of an extension chosen as a day: ``DUE_TIME`` of that day in Helsinki."""
    return datetime.combine(day, DUE_TIME, tzinfo=HELSINKI)


@dataclass
class CoachPanel:
    """The controls of one course for one facilitator's own participants (``own``: participant, name)."""

    course: CourseSettings
    own: pd.DataFrame
    weeks: list[str]
    actions: Actions
    messages: list[str] = field(default_factory=list)
    #: Requests sent from this page and not yet applied or refused: (request, what it asks, in words).
    pending: list[tuple[Pending, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.names = dict(zip(self.own["participant"], self.own["name"], strict=True))
        people = [(name, pid) for pid, name in self.names.items()]
        self.state_html = w.HTML(layout=_FULL)
        self.status_html = w.HTML(str(_m("status")("")), layout=_FULL)
        self.pause_button = w.Button(layout=w.Layout(**_BUTTON))
        self.pause_button.on_click(lambda _b: self.pause(not self._paused()))
        self.who = w.Dropdown(options=people, description=t("dsh_fac_ctl_who"), style=_STYLE, layout=_FULL)
        self.week = w.Dropdown(options=self.weeks, description=t("dsh_col_week"), style=_STYLE, layout=_FULL)
        self.day = w.DatePicker(description=t("dsh_fac_ctl_day"), style=_STYLE, layout=_FULL)
        extend_button = w.Button(description=t("dsh_fac_ctl_extend"), layout=w.Layout(**_BUTTON))
        extend_button.on_click(lambda _b: self.extend(self.who.value, self.week.value, self.day.value))
        hold_button = w.Button(description=t("dsh_fac_ctl_hold"), layout=w.Layout(**_BUTTON))
        hold_button.on_click(lambda _b: self.hold(self.who.value, True))
        release_button = w.Button(description=t("dsh_fac_ctl_release"), layout=w.Layout(**_BUTTON))
        release_button.on_click(lambda _b: self.hold(self.who.value, False))
        self.refresh_button = w.Button(description=t("dsh_fac_ctl_refresh"), layout=w.Layout(**_BUTTON))
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.refresh_button.layout.display = "none"  # while a request waits
        self._polling_until = 0.0
        self.widget = w.VBox([
            w.HTML(str(_m("heading")(t("dsh_fac_ctl_title", cohort=self.course.root.name)))),
            w.HTML(str(_m("intro")(t("dsh_fac_ctl_intro")))), self.state_html, self.pause_button,
            w.HTML(str(_m("heading")(t("dsh_fac_ctl_person"), 3))), self.who,
            w.HTML(str(_m("intro")(t("dsh_fac_ctl_extend_intro", time=DUE_TIME.strftime("%H.%M"))))),
            self.week, self.day, extend_button,
            w.HTML(str(_m("intro")(t("dsh_fac_ctl_hold_intro")))),
            w.HBox([hold_button, release_button], layout=w.Layout(flex_flow="row wrap")),
            self.status_html, self.refresh_button], layout=w.Layout(width="100%"))
        self.widget.add_class("valmennus-coach-panel")
        self._show_state()

    # --- what the buttons do (called directly by the tests) ----------------------------------------

    def pause(self, paused: bool) -> str:
        what = t("ctlreq_what_pause" if paused else "ctlreq_what_resume")
        return self._act(what, self.actions.set_paused, self.course, paused) or \
            self._done(t("dsh_fac_ctl_paused" if paused else "routine_resumed"))

    def extend(self, participant: str | None, week: str | None, day: date | None) -> str:
        if participant not in self.names:
            return self._done(t("dsh_fac_ctl_not_yours"), failed=True)
        if week not in self.weeks:
            return self._done(t("routine_unknown_week", week=week or "–"), failed=True)
        if not isinstance(day, date):
            return self._done(t("dsh_fac_ctl_no_day"), failed=True)
        due = due_at(day)
        what = t("ctlreq_what_extend", pid=self.names[participant], week=week, due=local_datetime(due))
        return self._act(what, self.actions.extend, self.course, participant, week, due) or \
            self._done(t("routine_extended", pid=self.names[participant], week=week, due=local_datetime(due)))

    def hold(self, participant: str | None, held: bool) -> str:
        if participant not in self.names:
            return self._done(t("dsh_fac_ctl_not_yours"), failed=True)
        what = t("ctlreq_what_hold" if held else "ctlreq_what_unhold", pid=self.names[participant])
        return self._act(what, self.actions.hold_reminders, self.course, participant, held) or \
            self._done(t("routine_held" if held else "routine_unheld", pid=self.names[participant]))

    def _act(self, what: str, action: Callable[..., Pending | None], *args: object) -> str:
        """Run one control. "" when it is done (the caller says so); else what the page says: the request
        sent and waiting, or that the change could not be saved from here (no write access to the course
        folder nor its inbox: the page says so instead of failing)."""
        try:
            pending = action(*args)
        except OSError:
            return self._done(t("dsh_fac_ctl_failed"), failed=True)
        if pending is None:
            return ""
        self.pending.append((pending, what))
        self._follow()
        return self._done(t("dsh_fac_ctl_req_sent", what=what))

    # --- requests that wait for the grader ---------------------------------------------------------

    def refresh(self) -> list[str]:
        """Look at the waiting requests once: say each one applied or refused since, show the state."""
        said, waiting = [], []
        for pending, what in self.pending:
            try:
                result, why = pending.state()
            except OSError:
                result, why = WAITING, ""
            if result == APPLIED:
                said.append(self._done(t("dsh_fac_ctl_req_done", what=what)))
            elif result == REFUSED:
                said.append(self._done(t("dsh_fac_ctl_req_refused", what=what, reason=why or "–"), failed=True))
            else:
                waiting.append((pending, what))
        self.pending = waiting
        self._show_state()
        return said

    def _follow(self) -> None:
        """Poll while requests wait, on the kernel's event loop (Voilà's kernel runs one); without a running
        loop (a test, a script) ``refresh`` is called by hand."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        first = self._polling_until <= clock.monotonic()
        self._polling_until = clock.monotonic() + POLL_FOR_S
        if not first:
            return  # a poll is on its way

        def poll() -> None:
            self.refresh()
            if self.pending and clock.monotonic() < self._polling_until:
                loop.call_later(POLL_S, poll)
            else:
                self._polling_until = 0.0

        loop.call_later(POLL_S, poll)

    # --- showing -----------------------------------------------------------------------------------

    def _paused(self) -> bool:
        return bool(self.actions.load_controls(self.course).paused)

    def state_lines(self) -> list[str]:
        """The routine's state for this facilitator: paused or running, their own people's held reminders
        and extensions (nobody else's)."""
        controls = self.actions.load_controls(self.course)
        lines = [t("dsh_fac_ctl_req_waiting", what=what) for _pending, what in self.pending]
        lines.append(t("dsh_fac_ctl_is_paused" if controls.paused else "dsh_fac_ctl_is_running"))
        held = [self.names[p] for p in controls.held if p in self.names]
        lines.append(t("dsh_fac_ctl_held_list", names=", ".join(sorted(held)) or "–"))
        for pid, weeks in sorted(controls.extensions.items()):
            if pid in self.names:
                for week in sorted(weeks):
                    due = controls.extension(pid, week)
                    lines.append(t("routine_extended", pid=self.names[pid], week=week,
                                   due=local_datetime(due) if due else "–"))
        return lines

    def _show_state(self) -> None:
        paused = self._paused()  # load_controls reads a missing or unreadable file as no controls set
        self.pause_button.description = t("dsh_fac_ctl_resume" if paused else "dsh_fac_ctl_pause")
        self.state_html.value = str(_m("state")(self.state_lines()))
        self.refresh_button.layout.display = None if self.pending else "none"

    def _done(self, message: str, failed: bool = False) -> str:
        self.messages.append(message)
        self.status_html.value = str(_m("status")(message, failed))
        self._show_state()
        return message


def coach_panels(courses: dict[str, CourseSettings], own: pd.DataFrame, weeks: pd.DataFrame,
                 actions: Actions) -> list[CoachPanel]:
    """One panel per course where the facilitator has participants (``own`` with cohort, participant, name)."""
    panels = []
    for cohort, mine in own.groupby("cohort", sort=True):
        if cohort not in courses:
            continue
        course_weeks = weeks[weeks["cohort"] == cohort].sort_values("order")["week"].tolist()
        panels.append(CoachPanel(courses[cohort], mine[["participant", "name"]].reset_index(drop=True),
                                 course_weeks, actions))
    return panels
