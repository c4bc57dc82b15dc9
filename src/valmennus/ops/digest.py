"""A coach's weekly digest: their participants who are behind, submissions waiting for their feedback
and for how long, and new posts on the group's walls; by e-mail and/or the webhook (remind.py's channels).

The routine (``ops.routine``, step ``digest``) sends it once a week per coach; the words are the
template ``templates/digest.txt.j2`` (plain text: the first line the subject). Coaches are the roster's
``facilitator`` column; their addresses the option ``Routine.coach_emails`` (``coach=address``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from ..course.settings import CourseSettings
from ..i18n import HELSINKI, local_datetime
from ..options import Routine, configured
from .controls import Controls


@dataclass
class Digest:
    coach: str
    behind: list[tuple[str, str]] = field(default_factory=list)  # (name, weeks missing)
    waiting: list[tuple[str, str, int]] = field(default_factory=list)  # (name, week, days waiting)
    wall: list[tuple[str, int]] = field(default_factory=list)  # (week, new posts since the last digest)
    posts_now: dict[str, int] = field(default_factory=dict)


def coach_digests(course: CourseSettings, now: datetime, controls: Controls, walls: Mapping[str, Any],
                  last: Mapping[str, Mapping[str, Any]]) -> dict[str, Digest]:
    """Every coach's digest at ``now``. ``walls``: the routine's wall state (week -> posts); ``last``:
    coach -> what their previous digest saw (``posts``: week -> posts)."""
    from ..records.sources import read_roster
    from .status import course_status

    roster = read_roster(course)
    coach_of = dict(zip(roster["participant"], roster["facilitator"], strict=True))
    names = {row.participant: " ".join(x for x in (row.first_name, row.last_name) if x) or row.participant
             for row in roster.itertuples(index=False)}
    status = course_status(course, now=pd.Timestamp(now))
    digests = {coach: Digest(coach) for coach in sorted({c for c in coach_of.values() if c})}
    missing = status[status["state"] == "missing"]
    for pid, rows in missing.groupby("participant", sort=True):
        weeks = [w for w in rows["week"] if (ext := controls.extension(pid, w)) is None or ext <= now]
        if weeks and coach_of.get(pid) in digests:
            digests[coach_of[pid]].behind.append((names.get(pid, pid), ", ".join(weeks)))
    waiting = status[status["state"].isin(["graded", "feedback_waiting"])].sort_values("submitted_at")
    for row in waiting.itertuples(index=False):
        if coach_of.get(row.participant) in digests:
            since = row.submitted_at if pd.notna(row.submitted_at) else pd.Timestamp(now)
            days = max(0, (pd.Timestamp(now) - since).days)
            digests[coach_of[row.participant]].waiting.append((names.get(row.participant, row.participant),
                                                               row.week, days))
    posts = {week: int(info.get("posts", 0)) for week, info in walls.items()}
    for coach, digest in digests.items():
        seen = last.get(coach, {}).get("posts", {})
        digest.wall = [(week, n - int(seen.get(week, 0))) for week, n in posts.items() if n > int(seen.get(week, 0))]
        digest.posts_now = posts
    return digests


def render_digest(digest: Digest, now: datetime) -> tuple[str, str]:
    """Subject and body of the digest, in the course language."""
    from ..templates import render

    text = str(render("digest.txt.j2", coach=digest.coach, date=local_datetime(now.astimezone(HELSINKI)),
                      behind=digest.behind, waiting=digest.waiting, wall=digest.wall))
    subject, _, body = text.partition("\n")
    return subject.strip(), body.lstrip("\n")


def coach_addresses(course: CourseSettings) -> dict[str, str]:
    """Coach -> e-mail address, from ``Routine.coach_emails`` (``coach=address`` entries)."""
    pairs = (entry.partition("=") for entry in configured(Routine, course.root).coach_emails)
    return {coach.strip(): address.strip() for coach, _, address in pairs if coach.strip() and address.strip()}


def send_digest(course: CourseSettings, digest: Digest, now: datetime) -> list[str]:
    """Send ``digest`` by every channel that reaches its coach; the channels used (raises when one fails)."""
    from .remind import Channels, Reminder, _send_email, _send_webhook

    channels = Channels.for_course(course)
    subject, body = render_digest(digest, now)
    message = Reminder(digest.coach, coach_addresses(course).get(digest.coach, ""), subject, body)
    used = []
    if "email" in channels.enabled() and message.email:
        _send_email(channels, message)
        used.append("email")
    if "webhook" in channels.enabled():
        _send_webhook(channels, message, "digest")
        used.append("webhook")
    return used
