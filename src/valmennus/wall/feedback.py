"""The course team's answers, kept without who gave them (issue 16 §4; the participant's side is
``valmennus.anonymous``).

A participant's server sends the week's answers to the items the bank marks ``anonymous`` with the random
response token of her file (``POST api/kurssipalaute`` of the wall service, ``wall.web``); the service has
just authenticated her (the hub's token) and uses that only to check she is a participant of the course and
to write the separate yes/no record. Three tables in the walls' database (``wall_url``: a schema on
PostgreSQL, a name prefix on SQLite), none of them with a column that names a person next to an answer:

* ``course_team_responses``: (cohort, week, key): one row per response set; ``key`` is the SHA-256 of the
  token (``anonymous.token_key``), so a resend of the same file *replaces* its answers, and nobody who reads
  the table holds a token (which would let them overwrite a response).
* ``course_team_answers``: (cohort, week, key, item, value): the answers, the value as JSON. No participant,
  no time at all: a day or an arrival order would let whoever reads the gradebook's submission times match
  a response to a person in a small group, so neither is kept (on SQLite the tables are ``WITHOUT ROWID``,
  so even the file's row order is the random key's, not the order of arrival).
* ``course_team_given``: (cohort, week, who, complete): who has sent the week's answers and whether every
  required item was in them (``anonymous.required_items``): the witness of the coach's completion mark,
  and the rule "one response set per person and week" (a second token from someone already counted is
  refused, so nobody can stuff the ballot by forging tokens). No key, no time: it cannot be joined to the
  answers.

What is not covered: on PostgreSQL a database superuser can read the system columns (``xmin``) that order
rows by transaction, and the service process itself sees who sends what at the moment it receives it (it
writes the two records in separate transactions and logs neither). The course team reads only what
``records.course_team`` makes of these tables: numbers as aggregates and texts without names, nothing for
fewer than 5 respondents.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Boolean, Column, MetaData, String, Table, Text, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..anonymous import required_items, token_key, valid_token
from ..items import bank, is_answered, valid_value
from .store import SCHEMA, WallStore

#: The longest free answer the service keeps (a text field's answer; the notebook sets no limit, a form
#: post of a novel is refused as a whole).
MAX_VALUE_CHARS = 20_000


class FeedbackRefused(ValueError):
    """The service does not take this send; ``key`` names why (a message key)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class FeedbackStore:
    """The three tables beside the walls' tables, on the same database and engine."""

    def __init__(self, walls: WallStore) -> None:
        self.walls = walls
        self.postgres = walls.postgres
        prefix = "" if self.postgres else f"{walls.schema}_"
        md = self.metadata = MetaData(schema=walls.schema if self.postgres else None)
        plain = {} if self.postgres else {"sqlite_with_rowid": False}
        self.responses = Table(
            f"{prefix}course_team_responses", md, Column("cohort", String(200), primary_key=True),
            Column("week", String(100), primary_key=True), Column("key", String(64), primary_key=True), **plain)
        self.answers = Table(
            f"{prefix}course_team_answers", md, Column("cohort", String(200), primary_key=True),
            Column("week", String(100), primary_key=True), Column("key", String(64), primary_key=True),
            Column("item", String(200), primary_key=True), Column("value", Text, nullable=False), **plain)
        self.given_table = Table(
            f"{prefix}course_team_given", md, Column("cohort", String(200), primary_key=True),
            Column("week", String(100), primary_key=True), Column("who", String(200), primary_key=True),
            Column("complete", Boolean, nullable=False), **plain)
        self._created = False

    @property
    def engine(self) -> Engine:
        return self.walls.engine

    def create(self) -> FeedbackStore:
        if not self._created:
            with self.walls._tx() as conn:  # the walls' schema exists once their own tables are made
                self.metadata.create_all(conn, checkfirst=True)
            self._created = True
        return self

    def _tx(self) -> AbstractContextManager[Connection]:
        self.create()
        return self.walls._tx()

    # -- a participant's send ------------------------------------------------------------------------
    @staticmethod
    def clean(week: str, answers: object) -> dict[str, Any]:
        """The answers the service keeps: only the week's anonymous items, each valid for its kind and not
        empty; anything else refused as a whole (``FeedbackRefused``)."""
        if not isinstance(answers, dict):
            raise FeedbackRefused("seina_err_400")
        items = bank()
        kept = {}
        for item_id, value in answers.items():
            item = items.get(item_id) if isinstance(item_id, str) else None
            if item is None or not item.anonymous or week not in item.weeks or not valid_value(item, value):
                raise FeedbackRefused("seina_err_400")
            if len(json.dumps(value, ensure_ascii=False)) > MAX_VALUE_CHARS:
                raise FeedbackRefused("seina_err_long")
            if is_answered(item, value):
                kept[item_id] = value.strip() if isinstance(value, str) else value
        return kept

    def record(self, cohort: str, who: str, week: str, token: str, answers: object) -> str:
        """Keep ``answers`` under the token's key, replacing what that key sent before; then record that
        ``who`` has given the week's feedback. Returns ``"new"`` or ``"replaced"``.

        Two transactions: the answers (no person), then the record of who (no key). A person already
        recorded for the week who sends a token the service has never seen is refused
        (``course_team_again``): one response set per person and week.
        """
        if not valid_token(token):
            raise FeedbackRefused("seina_err_400")
        kept = self.clean(week, answers)
        key = token_key(token)
        r, a, g = self.responses, self.answers, self.given_table
        with self._tx() as conn:
            known = conn.execute(select(func.count()).select_from(r).where(
                r.c.cohort == cohort, r.c.week == week, r.c.key == key)).scalar()
            if not known:
                counted = conn.execute(select(func.count()).select_from(g).where(
                    g.c.cohort == cohort, g.c.week == week, g.c.who == who)).scalar()
                if counted:
                    raise FeedbackRefused("course_team_again")
                conn.execute(insert(r).values(cohort=cohort, week=week, key=key))
            conn.execute(delete(a).where(a.c.cohort == cohort, a.c.week == week, a.c.key == key))
            if kept:
                conn.execute(insert(a), [{"cohort": cohort, "week": week, "key": key, "item": item,
                                          "value": json.dumps(value, ensure_ascii=False)}
                                         for item, value in sorted(kept.items())])
        required = required_items(week)
        complete = bool(required) and all(item.id in kept for item in required)
        with self._tx() as conn:
            done = conn.execute(update(g).where(g.c.cohort == cohort, g.c.week == week, g.c.who == who)
                                .values(complete=complete)).rowcount
            if not done:
                conn.execute(insert(g).values(cohort=cohort, week=week, who=who, complete=complete))
        return "replaced" if known else "new"

    # -- what the course team reads (through records.course_team) ---------------------------------------
    def answer_rows(self, cohort: str) -> list[tuple[str, str, Any]]:
        """(week, item, value) of every kept answer of the course, sorted by week, item and value: no key,
        no order of arrival."""
        a = self.answers
        with self._tx() as conn:
            rows = conn.execute(select(a.c.week, a.c.item, a.c.value).where(a.c.cohort == cohort)).all()
        out = []
        for week, item, raw in rows:
            try:
                out.append((week, item, json.loads(raw)))
            except ValueError:
                continue
        return sorted(out, key=lambda row: (row[0], row[1], json.dumps(row[2], ensure_ascii=False, sort_keys=True)))

    def respondents(self, cohort: str) -> dict[str, int]:
        """Week -> response sets received (each one person's)."""
        r = self.responses
        with self._tx() as conn:
            return {week: int(n) for week, n in conn.execute(
                select(r.c.week, func.count()).where(r.c.cohort == cohort).group_by(r.c.week))}

    def given(self, cohort: str) -> dict[tuple[str, str], bool]:
        """(who, week) -> whether the feedback sent was complete: the completion mark's witness."""
        g = self.given_table
        with self._tx() as conn:
            return {(who, week): bool(complete) for who, week, complete in conn.execute(
                select(g.c.who, g.c.week, g.c.complete).where(g.c.cohort == cohort))}

    # -- privacy: only the record of who gave feedback names anyone -----------------------------------
    def person_entries(self, cohort: str, who: str) -> list[dict[str, Any]]:
        return [{"week": week, "complete": complete} for (person, week), complete in sorted(self.given(cohort).items())
                if person == who]

    def erase_person(self, cohort: str, who: str) -> int:
        g = self.given_table
        with self._tx() as conn:
            return int(conn.execute(delete(g).where(g.c.cohort == cohort, g.c.who == who)).rowcount)


def open_feedback(walls: WallStore) -> FeedbackStore:
    return FeedbackStore(walls)


__all__ = ["SCHEMA", "FeedbackRefused", "FeedbackStore", "open_feedback"]
