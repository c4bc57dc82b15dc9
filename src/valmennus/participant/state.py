"""Where the participant stands in each week, and what to do next: a pure function of the facts.

The home page ("Oma valmennus") and the week links are views of ``home()``. Its inputs are gathered
elsewhere (``participant.exchange``: nbgrader's exchange as the participant, the participant's own
folder, the feedback pages already read); here only the rules, so each state is unit-tested without
a server, an exchange or a clock:

- ``upcoming``: not in the exchange yet (the coach has not released it), whatever the schedule says;
- ``open``: released, nothing saved yet, before the due time;
- ``started``: the answers file exists (the participant saved at least one answer), not submitted;
- ``late``: released, not submitted, the due time has passed;
- ``submitted``: in the exchange's inbound (the participant's cached copy says when);
- ``feedback``: the coach's feedback for a submission is released (in the exchange or fetched).

Late is nbgrader's rule: a submission whose time is after the due date (the same due date ``valmennus
release`` gives nbgrader's gradebook from schedule.yaml).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ..course.schedule import Week


class State(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    STARTED = "started"
    LATE = "late"
    SUBMITTED = "submitted"
    FEEDBACK = "feedback"


class Next(StrEnum):
    DO = "do"  # a released week to answer and submit
    FEEDBACK = "feedback"  # new feedback to read
    WAIT = "wait"  # nothing to do until the next week opens
    DONE = "done"  # every week submitted and nothing new


@dataclass(frozen=True)
class Submission:
    """One submission of the week, as nbgrader's exchange lists it for the participant."""

    at: datetime  # aware
    feedback_in_exchange: bool = False  # released by the coach, not necessarily fetched
    feedback_fetched: bool = False  # the feedback page is in the participant's folder
    feedback_updated: bool = False  # the exchange holds a newer page than the fetched one
    feedback_id: str | None = None  # identifies the fetched page (its checksum), to know it was read


@dataclass(frozen=True)
class WeekFacts:
    week: Week
    released: bool = False  # in the exchange (outbound)
    fetched: bool = False  # the week's folder is in the participant's home
    started: bool = False  # an answers file was saved
    submissions: tuple[Submission, ...] = ()


@dataclass(frozen=True)
class WeekStatus:
    week: Week
    state: State
    submitted_at: datetime | None  # the newest submission
    late: bool  # submitted after the due time, or not submitted and the due time has passed
    feedback: bool  # some submission has released feedback
    new_feedback: bool  # ... that the participant has not read (or that changed since)

    @property
    def can_open(self) -> bool:
        return self.state is not State.UPCOMING

    @property
    def can_submit(self) -> bool:
        return self.state is not State.UPCOMING


@dataclass(frozen=True)
class Home:
    weeks: tuple[WeekStatus, ...]
    next: Next
    next_week: WeekStatus | None  # the week the next step is about (None: done)

    @property
    def new_feedback(self) -> int:
        return sum(w.new_feedback for w in self.weeks)


def _is_new(sub: Submission, read: Collection[str]) -> bool:
    if sub.feedback_updated:
        return True
    if sub.feedback_in_exchange and not sub.feedback_fetched:
        return True
    return sub.feedback_fetched and (sub.feedback_id is None or sub.feedback_id not in read)


def week_status(facts: WeekFacts, now: datetime, read: Collection[str] = ()) -> WeekStatus:
    """The state of one week at ``now``; ``read``: ids of the feedback pages the participant has opened."""
    week = facts.week
    latest = max(facts.submissions, key=lambda s: s.at) if facts.submissions else None
    with_feedback = [s for s in facts.submissions if s.feedback_in_exchange or s.feedback_fetched]
    feedback = bool(with_feedback)
    new_feedback = any(_is_new(s, read) for s in with_feedback)
    if not facts.released and latest is None:
        return WeekStatus(week, State.UPCOMING, None, False, False, False)
    if latest is not None:
        late = latest.at > week.due
        state = State.FEEDBACK if latest.feedback_in_exchange or latest.feedback_fetched else State.SUBMITTED
        return WeekStatus(week, state, latest.at, late, feedback, new_feedback)
    if now > week.due:
        return WeekStatus(week, State.LATE, None, True, False, False)
    return WeekStatus(week, State.STARTED if facts.started else State.OPEN, None, False, False, False)


def home(facts: Sequence[WeekFacts], now: datetime, read: Collection[str] = ()) -> Home:
    """Every week's state in course order, and the one next thing to do.

    The next thing: the released week not yet submitted with the earliest due time (a late one
    first); else the first week with new feedback; else the next week to open; else done.
    """
    weeks = tuple(week_status(f, now, read) for f in facts)
    todo = [w for w in weeks if w.state in (State.OPEN, State.STARTED, State.LATE)]
    if todo:
        return Home(weeks, Next.DO, min(todo, key=lambda w: w.week.due))
    unread = [w for w in weeks if w.new_feedback]
    if unread:
        return Home(weeks, Next.FEEDBACK, unread[0])
    coming = [w for w in weeks if w.state is State.UPCOMING]
    if coming:
        return Home(weeks, Next.WAIT, min(coming, key=lambda w: w.week.release))
    return Home(weeks, Next.DONE, None)
