"""Answers for the course team, without the participant's name (issue 16 §4).

The closing week promises "Ohjaajasi ei näe kurssipalautettasi nimelläsi, ei myöskään palautuksesi
yhteenvedossa" and "Kurssitiimi lukee avoimet vastaukset ilman nimiä"; the weekly pulse's free comments
promise the same. Everything in ``<notebook>.answers.json`` travels with the submission into
``submitted/<id>/``, ``autograded/<id>/``, formgrader and the feedback page, under the participant's id,
in folders the coach's grader account owns. So the items that go to the course team are marked in the item
bank (``anonymous: true``, the one place that says so) and their answers never enter that file:

* **Where they live.** ``<notebook>.kurssitiimille.json`` beside the answers file, in the participant's own
  week folder (her home), in the same format and with the same guarantees (``AnswerStore``: atomic writes
  under the folder lock, a damaged file moved aside, read-only while grading). nbgrader does not submit it:
  its exchange copies a folder with ``shutil.copytree(ignore=CourseDirectory.ignore ...)``
  (``Exchange.do_copy``, used by ``ExchangeSubmit``, ``ExchangeCollect`` and ``ExchangeReleaseAssignment``),
  and the course's ``nbgrader_config.py`` adds ``COURSE_TEAM_PATTERN`` to that list; the participant app
  adds it to the configuration it submits with whatever the hub's configuration says
  (``participant.exchange``), the course's collect leaves it behind even if a submission carries it
  (``course.intake``), and autograde deletes one that reached ``submitted/`` some other way.
* **What the submission carries instead.** One entry, ``GIVEN_ENTRY``: whether every anonymous item of the
  week that is not free text is answered (for the closing week: the nine statements CF1-CF9; the open
  questions and the pulse comments are voluntary), ``{"value": true}`` or ``false``. The completion check
  (``checks.require``) reads that flag while grading, so the coach's completion mark for the feedback part
  still works and nothing else of the feedback reaches the grader. A week with no such item gets no flag.
* **How they reach the course team.** On submit the participant app sends the week's anonymous answers
  with a random response token to the group's wall service, which keeps them without her name
  (``wall.feedback``; the token lets a resend replace the earlier answers). A failed send loses nothing:
  the file stays in her home and the next submit sends it again.

The token is made once per file (``secrets.token_hex``) and kept in it (``TOKEN_ENTRY``); it never leaves
her home except to the service, which keeps only its SHA-256 (``token_key``). One token per notebook, so
the course team cannot link one person's pulse comments from week to week either.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from datetime import datetime
from typing import Any

from .answers import COURSE_TEAM_PATTERN, COURSE_TEAM_SUFFIX, AnswerStore
from .items import Item, bank, get, is_answered, valid_value

__all__ = ["COURSE_TEAM_PATTERN", "COURSE_TEAM_SUFFIX", "GIVEN_ENTRY", "CourseTeamStore", "WeekAnswers",
           "anonymous_items", "given_in", "required_items", "token_key", "valid_token"]

#: Entries of the course team's file that are not answers: the response token and what was last sent.
TOKEN_ENTRY = "_vastaustunnus"
SENT_ENTRY = "_lahetetty"
#: The one entry the submitted answers file gets: whether the week's course feedback is given (yes/no).
GIVEN_ENTRY = "_kurssipalaute_annettu"
_TOKEN = re.compile(r"^[0-9a-f]{64}$")


def anonymous_items(week: str | None = None) -> list[Item]:
    """The items whose answers go to the course team without names (of ``week``, or all)."""
    return [item for item in bank().values() if item.anonymous and (week is None or week in item.weeks)]


def required_items(week: str) -> list[Item]:
    """The anonymous items that make the week's course feedback "given": all but the free texts, which
    are voluntary (the closing week's nine statements; the pulse asks none)."""
    return [item for item in anonymous_items(week) if item.kind != "text"]


def valid_token(token: object) -> bool:
    return isinstance(token, str) and bool(_TOKEN.match(token))


def token_key(token: str) -> str:
    """What the service keeps of a response token: its SHA-256, so that reading the table gives nobody the
    token itself (which would let them overwrite that response)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def given_in(entries: dict[str, dict[str, Any]]) -> bool:
    """The flag a submitted answers file carries (``GIVEN_ENTRY``); anything but ``true`` is no."""
    entry = entries.get(GIVEN_ENTRY)
    return bool(entry) and entry.get("value") is True


class CourseTeamStore(AnswerStore):
    """One notebook's answers for the course team: ``<notebook>.kurssitiimille.json`` beside its answers file.

    Every change also updates the submitted file's yes/no flag (``GIVEN_ENTRY``), after this file's write
    (never both under the folder's lock at once, which is one lock per open folder).
    """

    suffix = COURSE_TEAM_SUFFIX

    def __init__(self, notebook_id: str, folder: Any = None, read_only: bool | None = None,
                 week: str | None = None) -> None:
        super().__init__(notebook_id, folder, read_only)
        self.week = week or notebook_id

    def answers(self) -> dict[str, Any]:
        """Item -> value of the week's anonymous items answered (valid, not empty); nothing else of the file."""
        values = self.values()
        out = {}
        for item in anonymous_items(self.week):
            value = values.get(item.id)
            if value is not None and valid_value(item, value) and is_answered(item, value):
                out[item.id] = value
        return out

    def given(self) -> bool:
        required = required_items(self.week)
        answers = self.answers()
        return bool(required) and all(item.id in answers for item in required)

    def set(self, item_id: str, value: Any) -> datetime:
        saved_at = super().set(item_id, value)
        if not item_id.startswith("_"):
            self.record_given()
        return saved_at

    def remove(self, item_id: str) -> datetime | None:
        removed_at = super().remove(item_id)
        if removed_at is not None and not item_id.startswith("_"):
            self.record_given()
        return removed_at

    def record_given(self) -> None:
        """Write the yes/no flag into the answers file when it changed (weeks with required items only)."""
        if self.read_only or not required_items(self.week):
            return
        main = AnswerStore(self.notebook_id, self.folder, read_only=False)
        given = self.given()
        entries = main.load().entries
        if GIVEN_ENTRY not in entries or given_in(entries) != given:
            main.set(GIVEN_ENTRY, given)

    # -- what is sent -------------------------------------------------------------------------------
    def token(self) -> str:
        """The file's response token, made at first need and kept."""
        token = self.values().get(TOKEN_ENTRY)
        if valid_token(token):
            return token
        token = secrets.token_hex(32)
        AnswerStore.set(self, TOKEN_ENTRY, token)
        return token

    def payload(self) -> dict[str, Any]:
        """What the service gets: the week, the token and the answers (never a name or an id of hers)."""
        return {"week": self.week, "token": self.token(), "answers": self.answers()}

    @staticmethod
    def digest(payload: dict[str, Any]) -> str:
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    def pending(self) -> dict[str, Any] | None:
        """The payload when the service does not yet have what the file holds, else None (nothing answered
        and nothing ever sent: nothing to send)."""
        values = self.values()
        sent = values.get(SENT_ENTRY)
        if not self.answers() and not sent:
            return None
        payload = self.payload()
        if isinstance(sent, dict) and sent.get("digest") == self.digest(payload):
            return None
        return payload

    def mark_sent(self, payload: dict[str, Any]) -> None:
        AnswerStore.set(self, SENT_ENTRY, {"digest": self.digest(payload)})


class WeekAnswers:
    """A notebook's two files behind one ``set``: each item to the file the bank says (the demo and tests
    answer through it exactly as the widgets do)."""

    def __init__(self, notebook_id: str, folder: Any = None, week: str | None = None,
                 read_only: bool | None = None) -> None:
        self.main = AnswerStore(notebook_id, folder, read_only)
        self.course_team = CourseTeamStore(notebook_id, folder, read_only, week)

    def store_for(self, item_id: str) -> AnswerStore:
        return self.course_team if get(item_id).anonymous else self.main

    def set(self, item_id: str, value: Any) -> datetime:
        return self.store_for(item_id).set(item_id, value)
