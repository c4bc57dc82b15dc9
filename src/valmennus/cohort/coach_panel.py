"""The coach's controls of the routine on the facilitator's page: pause or resume the routine for the course,
give one of one's own participants a later due date for a week, hold or resume one's reminders.

The panel is ipywidgets shown under the page in Voilà. It writes nothing itself: the dashboard notebook
(an app, layer 7) hands it the facilitator's commands' own functions (``valmennus.ops.controls``, what
``valmennus routine pause``, ``extend`` and ``hold-reminders`` call) as ``actions``, so reporting never
writes and the page and the command do exactly the same thing. Each handler checks again what the
widgets already limit: only the viewer's own participants and the course's weeks, so a forged widget
message cannot reach anyone else's participant. Every message is from the catalogs, every piece of
markup from ``templates/coach_panel.html.j2``.
"""

from __future__ import annotations

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


class Actions(Protocol):
    """What the panel calls: ``valmennus.ops.controls`` has exactly these."""

    def load_controls(self, course: CourseSettings) -> Any: ...
    def set_paused(self, course: CourseSettings, paused: bool) -> None: ...
    def extend(self, course: CourseSettings, participant: str, week: str, due: datetime) -> None: ...
    def hold_reminders(self, course: CourseSettings, participant: str, held: bool = True) -> None: ...


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
        self.widget = w.VBox([
            w.HTML(str(_m("heading")(t("dsh_fac_ctl_title", cohort=self.course.root.name)))),
            w.HTML(str(_m("intro")(t("dsh_fac_ctl_intro")))), self.state_html, self.pause_button,
            w.HTML(str(_m("heading")(t("dsh_fac_ctl_person"), 3))), self.who,
            w.HTML(str(_m("intro")(t("dsh_fac_ctl_extend_intro", time=DUE_TIME.strftime("%H.%M"))))),
            self.week, self.day, extend_button,
            w.HTML(str(_m("intro")(t("dsh_fac_ctl_hold_intro")))),
            w.HBox([hold_button, release_button], layout=w.Layout(flex_flow="row wrap")),
            self.status_html], layout=w.Layout(width="100%"))
        self.widget.add_class("valmennus-coach-panel")
        self._show_state()

    # --- what the buttons do (called directly by the tests) ----------------------------------------

    def pause(self, paused: bool) -> str:
        if not self._act(self.actions.set_paused, self.course, paused):
            return self._done(t("dsh_fac_ctl_failed"), failed=True)
        return self._done(t("dsh_fac_ctl_paused" if paused else "routine_resumed"))

    def extend(self, participant: str | None, week: str | None, day: date | None) -> str:
        if participant not in self.names:
            return self._done(t("dsh_fac_ctl_not_yours"), failed=True)
        if week not in self.weeks:
            return self._done(t("routine_unknown_week", week=week or "–"), failed=True)
        if not isinstance(day, date):
            return self._done(t("dsh_fac_ctl_no_day"), failed=True)
        due = due_at(day)
        if not self._act(self.actions.extend, self.course, participant, week, due):
            return self._done(t("dsh_fac_ctl_failed"), failed=True)
        return self._done(t("routine_extended", pid=self.names[participant], week=week, due=local_datetime(due)))

    def hold(self, participant: str | None, held: bool) -> str:
        if participant not in self.names:
            return self._done(t("dsh_fac_ctl_not_yours"), failed=True)
        if not self._act(self.actions.hold_reminders, self.course, participant, held):
            return self._done(t("dsh_fac_ctl_failed"), failed=True)
        return self._done(t("routine_held" if held else "routine_unheld", pid=self.names[participant]))

    @staticmethod
    def _act(action: Callable[..., object], *args: object) -> bool:
        """Run one control; False when the course folder cannot be written from here (a dashboards
        process without write access to it: the page says so instead of failing)."""
        try:
            action(*args)
        except OSError:
            return False
        return True

    # --- showing -----------------------------------------------------------------------------------

    def _paused(self) -> bool:
        return bool(self.actions.load_controls(self.course).paused)

    def state_lines(self) -> list[str]:
        """The routine's state for this facilitator: paused or running, their own people's held reminders
        and extensions (nobody else's)."""
        controls = self.actions.load_controls(self.course)
        lines = [t("dsh_fac_ctl_is_paused" if controls.paused else "dsh_fac_ctl_is_running")]
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
