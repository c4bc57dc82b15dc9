"""The participant's answers for the course team, sent from her own server when she submits a week.

Her answers to the items the bank marks ``anonymous`` live in ``<notebook>.kurssitiimille.json`` in her
week folder, which nbgrader never submits (``valmennus.anonymous``). On submit (``handlers.SubmitHandler``)
this module first brings the submitted file's yes/no flag up to date (``before_submit``), then, after
nbgrader's submit, sends each notebook's pending answers to the group's wall service (``POST
api/kurssipalaute``, the same address and token as ``wall_push``), which keeps them without her name
(``wall.feedback``). The body holds the week, the file's random response token and the answers: no name,
no id (the service knows who sends only from the token of her server, and keeps that apart).

Nothing is lost: the file stays in her home whatever happens; what the service took is marked in the file
(the digest of what was sent), so an unchanged file is not sent again and a changed one replaces the
earlier answers; a send that fails is tried again at her next submit, and the page tells her in words
(``Outcome``).
"""

from __future__ import annotations

import json
import logging
from enum import Enum
from pathlib import Path
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from ..anonymous import CourseTeamStore

log = logging.getLogger(__name__)

SEND_TIMEOUT = 20.0


class Outcome(Enum):
    """What happened to the week's answers for the course team; the value is the page's query word and,
    after ``pa_course_team_``, its message."""

    NOTHING = "ei"  # nothing answered for the course team, or nothing new
    SENT = "lahetetty"  # the service has them
    KEPT = "tallessa"  # not sent (no service, or it did not answer): safe in her home, sent at the next submit
    REFUSED = "hylatty"  # the service refused them (e.g. another set already given this week): kept in her home


def stores(folder: Path, notebook_ids: list[str], week: str) -> list[CourseTeamStore]:
    return [CourseTeamStore(nb, folder, read_only=False, week=week) for nb in notebook_ids]


def before_submit(folder: Path, notebook_ids: list[str], week: str) -> None:
    """Bring each submitted file's yes/no flag up to date with her course team's file (a kernel stopped
    between the two writes must not cost her the completion mark)."""
    for store in stores(folder, notebook_ids, week):
        try:
            store.record_given()
        except OSError:
            log.warning("course team: the flag of %s was not written", store.path.name)


async def send(pusher: Any, folder: Path, notebook_ids: list[str], week: str) -> Outcome:
    """Send what the service does not have yet; ``pusher``: the server's ``WallPusher`` (address, token)."""
    pending = []
    for store in stores(folder, notebook_ids, week):
        try:
            payload = store.pending()
        except OSError:
            log.warning("course team: %s not read", store.path.name)
            return Outcome.KEPT
        if payload is not None:
            pending.append((store, payload))
    if not pending:
        return Outcome.NOTHING
    if pusher is None or not pusher.enabled:
        return Outcome.KEPT
    outcome = Outcome.SENT
    client = AsyncHTTPClient()
    for store, payload in pending:
        try:
            await client.fetch(HTTPRequest(pusher.url + "api/kurssipalaute", method="POST", body=json.dumps(payload),
                                           headers=pusher._headers(), request_timeout=SEND_TIMEOUT,
                                           follow_redirects=False))
        except HTTPClientError as exc:
            if exc.code in (400, 409):
                log.warning("course team: the service refused the answers of %s (%s)", week, exc.code)
                outcome = Outcome.REFUSED
            else:
                log.warning("course team: the answers of %s not taken (%s); again at the next submit", week, exc)
                outcome = Outcome.KEPT if outcome is Outcome.SENT else outcome
            continue
        except OSError as exc:
            log.warning("course team: the service did not answer (%s); again at the next submit", exc)
            outcome = Outcome.KEPT if outcome is Outcome.SENT else outcome
            continue
        store.mark_sent(payload)
    return outcome
