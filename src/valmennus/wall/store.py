"""The walls' database: posts, comments, "kiitos", the coach's moderation, pinned prompts, what was seen.

A wall is one week of one space: the whole cohort (space ``""``) or a small group of the roster (its
name). Posts come only from participants' share choices (``sync_shares`` replaces one participant's
posts of one week with what she shares now, so "not shared" removes a post with its comments);
comments and "kiitos" come from the wall's page. The coach hides a post or a comment with a reason (the
author sees the reason, others see that something was hidden, nothing of it) and pins a prompt per wall.

Where: ``wall_url(course)``: ``VALMENNUS_WALL_URL``, else the course's gradebook database when that is
PostgreSQL (tables in the schema ``valmennus_wall``, created if missing, as the reporting store does),
else ``wall.db`` (SQLite) in the course folder. Every row carries its course (``cohort``, the course id),
so several courses may share one database. Times are UTC.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine

from ..course.settings import CourseSettings
from .shares import Shared

WALL_FILE = "wall.db"
WALL_URL_ENV = "VALMENNUS_WALL_URL"
SCHEMA = "valmennus_wall"
MAX_COMMENT = 2000
MAX_REASON = 500
MAX_PROMPT = 1000
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def wall_url(course: CourseSettings) -> str:
    url = os.environ.get(WALL_URL_ENV, "").strip()
    if url:
        return url
    if course.db_url.startswith("postgresql"):
        return course.db_url
    return f"sqlite:///{course.root / WALL_FILE}"


def cohort_of(course: CourseSettings) -> str:
    """The course's name on its walls' rows: its nbgrader course id (else its folder's name)."""
    return course.course_id or course.root.name


def now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives times back without their zone: they were written in UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class WallError(ValueError):
    """A change the wall refuses; ``key`` names the message the page shows."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass
class Comment:
    id: int
    post_id: int
    author: str
    shown_as: str
    text: str
    created_at: datetime
    edited_at: datetime | None
    hidden_reason: str | None
    role: str = "participant"
    new: bool = False


@dataclass
class Post:
    id: int
    week: str
    space: str
    author: str
    shown_as: str
    item: str
    text: str
    has_image: bool
    created_at: datetime
    updated_at: datetime
    hidden_reason: str | None
    thanks: int = 0
    thanked: bool = False
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Wall:
    week: str
    space: str
    prompt: str
    posts: list[Post]


class WallStore:
    """The walls' tables on one database (a schema on PostgreSQL, a name prefix on SQLite)."""

    def __init__(self, url: str, schema: str = SCHEMA, engine: Engine | None = None) -> None:
        if not _IDENTIFIER.match(schema):
            raise ValueError(f"wall schema {schema!r}: lower-case letters, digits and _ only")
        self.url = url
        self.schema = schema
        self.postgres = url.startswith("postgresql")
        prefix = "" if self.postgres else f"{schema}_"
        md = self.metadata = MetaData(schema=schema if self.postgres else None)
        when = DateTime(timezone=True)
        fk = f"{schema}.{prefix}posts.id" if self.postgres else f"{prefix}posts.id"
        self.posts = Table(
            f"{prefix}posts", md, Column("id", Integer, primary_key=True, autoincrement=True),
            Column("cohort", String(200), nullable=False), Column("week", String(100), nullable=False),
            Column("space", String(200), nullable=False), Column("author", String(200), nullable=False),
            Column("shown_as", String(200), nullable=False), Column("item", String(200), nullable=False),
            Column("text", Text, nullable=False), Column("image", LargeBinary), Column("image_type", String(40)),
            Column("digest", String(64), nullable=False), Column("created_at", when, nullable=False),
            Column("updated_at", when, nullable=False), Column("hidden_reason", Text),
            Column("hidden_by", String(200)), Column("hidden_at", when),
            UniqueConstraint("cohort", "week", "author", "item"))
        self.comments = Table(
            f"{prefix}comments", md, Column("id", Integer, primary_key=True, autoincrement=True),
            Column("post_id", Integer, ForeignKey(fk, ondelete="CASCADE"), nullable=False, index=True),
            Column("author", String(200), nullable=False), Column("shown_as", String(200), nullable=False),
            Column("role", String(20), nullable=False), Column("text", Text, nullable=False),
            Column("created_at", when, nullable=False), Column("edited_at", when), Column("hidden_reason", Text),
            Column("hidden_by", String(200)), Column("hidden_at", when))
        self.thanks = Table(
            f"{prefix}thanks", md, Column("post_id", Integer, ForeignKey(fk, ondelete="CASCADE"), primary_key=True),
            Column("who", String(200), primary_key=True), Column("at", when, nullable=False))
        self.prompts = Table(
            f"{prefix}prompts", md, Column("cohort", String(200), primary_key=True),
            Column("week", String(100), primary_key=True), Column("space", String(200), primary_key=True),
            Column("text", Text, nullable=False), Column("set_by", String(200), nullable=False),
            Column("set_at", when, nullable=False))
        self.seen = Table(
            f"{prefix}seen", md, Column("cohort", String(200), primary_key=True),
            Column("who", String(200), primary_key=True), Column("week", String(100), primary_key=True),
            Column("space", String(200), primary_key=True), Column("seen_at", when, nullable=False))
        self.engine = engine or self._engine(url)
        self._created = False

    @staticmethod
    def _engine(url: str) -> Engine:
        if not url.startswith("sqlite"):
            return create_engine(url, pool_pre_ping=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            cur.execute("PRAGMA secure_delete=ON")  # an erased post leaves no bytes in the file
            cur.close()

        return engine

    def create(self) -> WallStore:
        if not self._created:
            with self.engine.begin() as conn:
                if self.postgres:
                    conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
                self.metadata.create_all(conn, checkfirst=True)
            self._created = True
        return self

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        self.create()
        with self.engine.begin() as conn:
            yield conn

    # -- posts from share choices --------------------------------------------------------------------
    def sync_shares(self, cohort: str, author: str, week: str, space: str, names: dict[str, str],
                    shared: list[Shared]) -> tuple[int, int, int]:
        """Make ``author``'s posts of ``week`` what she shares now; (added, changed, removed).

        ``names``: how she is shown in each mode (``name``: her name from the roster). A post keeps its
        comments and "kiitos" while she keeps sharing it, moves with her when her small group changes,
        and goes (with them) when she stops.
        """
        p = self.posts
        added = changed = 0
        moment = now()
        with self._tx() as conn:
            old = {row.item: row for row in conn.execute(
                select(p.c.id, p.c.item, p.c.digest, p.c.space).where(
                    p.c.cohort == cohort, p.c.week == week, p.c.author == author))}
            for item in shared:
                shown = item.nickname if item.mode == "nickname" else names.get("name", author)
                values = {"shown_as": shown[:200], "text": item.text, "image": item.image,
                          "image_type": item.image_type or None, "digest": item.digest(), "space": space}
                row = old.pop(item.item, None)
                if row is None:
                    conn.execute(insert(p).values(cohort=cohort, week=week, author=author, item=item.item,
                                                  created_at=moment, updated_at=moment, **values))
                    added += 1
                elif row.digest != values["digest"] or row.space != space:
                    conn.execute(update(p).where(p.c.id == row.id).values(updated_at=moment, **values))
                    changed += 1
            if old:
                ids = [row.id for row in old.values()]
                conn.execute(delete(self.comments).where(self.comments.c.post_id.in_(ids)))
                conn.execute(delete(self.thanks).where(self.thanks.c.post_id.in_(ids)))
                conn.execute(delete(p).where(p.c.id.in_(ids)))
        return added, changed, len(old)

    # -- reading a wall ------------------------------------------------------------------------------
    def wall(self, cohort: str, week: str, space: str, viewer: str = "", moderator: bool = False) -> Wall:
        """The wall as ``viewer`` sees it: hidden words only for the coach (``moderator``); each comment on
        one of the viewer's posts that came after her last visit marked ``new``."""
        p, c, th = self.posts, self.comments, self.thanks
        with self._tx() as conn:
            prompt = conn.execute(select(self.prompts.c.text).where(
                self.prompts.c.cohort == cohort, self.prompts.c.week == week,
                self.prompts.c.space == space)).scalar() or ""
            seen = _utc(conn.execute(select(self.seen.c.seen_at).where(
                self.seen.c.cohort == cohort, self.seen.c.who == viewer, self.seen.c.week == week,
                self.seen.c.space == space)).scalar())
            rows = conn.execute(select(p.c.id, p.c.week, p.c.space, p.c.author, p.c.shown_as, p.c.item, p.c.text,
                                       (p.c.image.is_not(None)).label("has_image"), p.c.created_at, p.c.updated_at,
                                       p.c.hidden_reason)
                                .where(p.c.cohort == cohort, p.c.week == week, p.c.space == space)
                                .order_by(p.c.created_at, p.c.id)).all()
            ids = [r.id for r in rows]
            posts = {r.id: Post(r.id, r.week, r.space, r.author, r.shown_as, r.item, r.text, bool(r.has_image),
                                _utc(r.created_at), _utc(r.updated_at), r.hidden_reason) for r in rows}
            if ids:
                where = c.c.post_id.in_(select(p.c.id).where(p.c.cohort == cohort, p.c.week == week,
                                                             p.c.space == space))
                for r in conn.execute(select(c).where(where).order_by(c.c.created_at, c.c.id)):
                    post = posts[r.post_id]
                    created = _utc(r.created_at)
                    new = (bool(viewer) and post.author == viewer and r.author != viewer and r.hidden_reason is None
                           and (seen is None or created > seen))
                    post.comments.append(Comment(r.id, r.post_id, r.author, r.shown_as, r.text, created,
                                                 _utc(r.edited_at), r.hidden_reason, r.role, new))
                tw = th.c.post_id.in_(select(p.c.id).where(p.c.cohort == cohort, p.c.week == week,
                                                           p.c.space == space))
                for post_id, n in conn.execute(select(th.c.post_id, func.count()).where(tw).group_by(th.c.post_id)):
                    posts[post_id].thanks = n
                if viewer:
                    for (post_id,) in conn.execute(select(th.c.post_id).where(tw, th.c.who == viewer)):
                        posts[post_id].thanked = True
        shown = []
        for post in posts.values():  # what is hidden: its words to the coach and its author only; the
            # reason to its author (and a hidden comment's reason to the post's author too)
            if post.hidden_reason is not None and not moderator and post.author != viewer:
                post.text, post.has_image, post.comments, post.hidden_reason = "", False, [], ""
            for comment in post.comments:
                if comment.hidden_reason is not None and not moderator and comment.author != viewer:
                    comment.text = ""
                    if post.author != viewer:
                        comment.hidden_reason = ""
            shown.append(post)
        return Wall(week, space, prompt, shown)

    def weeks_with_posts(self, cohort: str) -> set[str]:
        with self._tx() as conn:
            return set(conn.execute(select(self.posts.c.week).where(self.posts.c.cohort == cohort).distinct())
                       .scalars())

    def mark_seen(self, cohort: str, who: str, week: str, space: str, at: datetime | None = None) -> None:
        s = self.seen
        at = at or now()
        with self._tx() as conn:
            done = conn.execute(update(s).where(s.c.cohort == cohort, s.c.who == who, s.c.week == week,
                                                s.c.space == space).values(seen_at=at)).rowcount
            if not done:
                conn.execute(insert(s).values(cohort=cohort, who=who, week=week, space=space, seen_at=at))

    def post(self, post_id: int) -> dict[str, Any] | None:
        """A post's place and author (no words): what an access check needs."""
        p = self.posts
        with self._tx() as conn:
            row = conn.execute(select(p.c.id, p.c.cohort, p.c.week, p.c.space, p.c.author, p.c.hidden_reason,
                                      p.c.image_type).where(p.c.id == post_id)).first()
        return dict(row._mapping) if row else None

    def comment(self, comment_id: int) -> dict[str, Any] | None:
        c, p = self.comments, self.posts
        with self._tx() as conn:
            row = conn.execute(select(c.c.id, c.c.post_id, c.c.author, p.c.cohort, p.c.week, p.c.space)
                               .join(p, p.c.id == c.c.post_id).where(c.c.id == comment_id)).first()
        return dict(row._mapping) if row else None

    def image(self, post_id: int) -> tuple[bytes, str] | None:
        p = self.posts
        with self._tx() as conn:
            row = conn.execute(select(p.c.image, p.c.image_type).where(p.c.id == post_id)).first()
        return (bytes(row.image), row.image_type or "") if row and row.image is not None else None

    # -- what people do on the page ------------------------------------------------------------------
    def add_comment(self, post_id: int, author: str, shown_as: str, words: str, role: str = "participant") -> int:
        words = _words(words, MAX_COMMENT)
        with self._tx() as conn:
            return int(conn.execute(insert(self.comments).values(
                post_id=post_id, author=author, shown_as=shown_as[:200], role=role, text=words, created_at=now())
            ).inserted_primary_key[0])

    def name_for(self, cohort: str, who: str, week: str) -> str | None:
        """How ``who`` is shown when she comments: as on her own post of the week, else as on her latest post."""
        p = self.posts
        with self._tx() as conn:
            rows = conn.execute(select(p.c.week, p.c.shown_as).where(p.c.cohort == cohort, p.c.author == who)
                                .order_by(p.c.updated_at.desc())).all()
        return next((r.shown_as for r in rows if r.week == week), rows[0].shown_as if rows else None)

    def edit_comment(self, comment_id: int, author: str, words: str) -> bool:
        words = _words(words, MAX_COMMENT)
        c = self.comments
        with self._tx() as conn:
            return bool(conn.execute(update(c).where(c.c.id == comment_id, c.c.author == author)
                                     .values(text=words, edited_at=now())).rowcount)

    def delete_comment(self, comment_id: int, author: str) -> bool:
        c = self.comments
        with self._tx() as conn:
            return bool(conn.execute(delete(c).where(c.c.id == comment_id, c.c.author == author)).rowcount)

    def toggle_thanks(self, post_id: int, who: str) -> bool:
        """Say "kiitos" for a post, or take it back; True when it is now given."""
        th = self.thanks
        with self._tx() as conn:
            if conn.execute(delete(th).where(th.c.post_id == post_id, th.c.who == who)).rowcount:
                return False
            conn.execute(insert(th).values(post_id=post_id, who=who, at=now()))
            return True

    def hide(self, kind: str, row_id: int, reason: str, by: str) -> bool:
        table = self.posts if kind == "post" else self.comments
        reason = _words(reason, MAX_REASON)
        with self._tx() as conn:
            return bool(conn.execute(update(table).where(table.c.id == row_id).values(
                hidden_reason=reason, hidden_by=by, hidden_at=now())).rowcount)

    def unhide(self, kind: str, row_id: int) -> bool:
        table = self.posts if kind == "post" else self.comments
        with self._tx() as conn:
            return bool(conn.execute(update(table).where(table.c.id == row_id).values(
                hidden_reason=None, hidden_by=None, hidden_at=None)).rowcount)

    def set_prompt(self, cohort: str, week: str, space: str, words: str, by: str) -> None:
        """Pin the week's prompt on a wall (empty words take it away)."""
        pr = self.prompts
        words = words.strip()[:MAX_PROMPT]
        with self._tx() as conn:
            conn.execute(delete(pr).where(pr.c.cohort == cohort, pr.c.week == week, pr.c.space == space))
            if words:
                conn.execute(insert(pr).values(cohort=cohort, week=week, space=space, text=words, set_by=by,
                                               set_at=now()))

    def version(self, cohort: str, week: str, space: str) -> str:
        """Changes when anything on the wall changes (the page asks it to say "new messages")."""
        p, c = self.posts, self.comments
        here = and_(p.c.cohort == cohort, p.c.week == week, p.c.space == space)
        with self._tx() as conn:
            posts = conn.execute(select(func.count(), func.max(p.c.updated_at), func.max(p.c.hidden_at))
                                 .where(here)).first()
            comments = conn.execute(select(func.count(), func.max(c.c.created_at), func.max(c.c.edited_at),
                                           func.max(c.c.hidden_at)).join(p, p.c.id == c.c.post_id)
                                    .where(here)).first()
        return "|".join(str(v) for v in (*posts, *comments))

    # -- for the participant's home, the coach and the coordinators -----------------------------------
    def new_comments(self, cohort: str, who: str) -> dict[str, int]:
        """Week -> comments by others on ``who``'s posts since she last opened that wall."""
        p, c, s = self.posts, self.comments, self.seen
        seen_at = and_(s.c.cohort == p.c.cohort, s.c.who == who, s.c.week == p.c.week, s.c.space == p.c.space)
        query = (select(p.c.week, func.count()).select_from(c.join(p, p.c.id == c.c.post_id).outerjoin(s, seen_at))
                 .where(p.c.cohort == cohort, p.c.author == who, c.c.author != who, c.c.hidden_reason.is_(None),
                        or_(s.c.seen_at.is_(None), c.c.created_at > s.c.seen_at))
                 .group_by(p.c.week))
        with self._tx() as conn:
            return {week: int(n) for week, n in conn.execute(query)}

    def activity(self, cohort: str) -> dict[str, Counter[str]]:
        """Participant -> counts of posts, comments and "kiitos" given (numbers only, never words)."""
        p, c, th = self.posts, self.comments, self.thanks
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        with self._tx() as conn:
            for who, n in conn.execute(select(p.c.author, func.count()).where(p.c.cohort == cohort)
                                       .group_by(p.c.author)):
                counts[who]["posts"] = n
            for who, n in conn.execute(select(c.c.author, func.count()).join(p, p.c.id == c.c.post_id)
                                       .where(p.c.cohort == cohort).group_by(c.c.author)):
                counts[who]["comments"] = n
            for who, n in conn.execute(select(th.c.who, func.count()).join(p, p.c.id == th.c.post_id)
                                       .where(p.c.cohort == cohort).group_by(th.c.who)):
                counts[who]["thanks"] = n
        return dict(counts)

    def counts(self, cohort: str) -> list[dict[str, Any]]:
        """Per week and space: posts, comments, "kiitos" (what a coordinator sees; no names, no words)."""
        p, c, th = self.posts, self.comments, self.thanks
        rows: dict[tuple[str, str], dict[str, Any]] = {}

        def add(query: Any, key: str) -> None:
            for week, space, n in conn.execute(query):
                rows.setdefault((week, space), {"week": week, "space": space, "posts": 0, "comments": 0,
                                                "thanks": 0})[key] = int(n)

        with self._tx() as conn:
            add(select(p.c.week, p.c.space, func.count()).where(p.c.cohort == cohort)
                .group_by(p.c.week, p.c.space), "posts")
            add(select(p.c.week, p.c.space, func.count()).join(c, p.c.id == c.c.post_id)
                .where(p.c.cohort == cohort).group_by(p.c.week, p.c.space), "comments")
            add(select(p.c.week, p.c.space, func.count()).join(th, p.c.id == th.c.post_id)
                .where(p.c.cohort == cohort).group_by(p.c.week, p.c.space), "thanks")
        return [rows[key] for key in sorted(rows)]

    # -- privacy -------------------------------------------------------------------------------------
    def person_entries(self, cohort: str, who: str) -> dict[str, list[dict[str, Any]]]:
        """Everything of ``who`` on the course's walls (for the privacy export): her posts, comments,
        "kiitos" and pinned prompts, with the words as written (pictures by size only)."""
        p, c, th, pr = self.posts, self.comments, self.thanks, self.prompts
        with self._tx() as conn:
            posts = [dict(r._mapping) for r in conn.execute(
                select(p.c.id, p.c.week, p.c.space, p.c.shown_as, p.c.item, p.c.text,
                       func.length(p.c.image).label("image_bytes"), p.c.created_at, p.c.updated_at,
                       p.c.hidden_reason).where(p.c.cohort == cohort, p.c.author == who))]
            comments = [dict(r._mapping) for r in conn.execute(
                select(c.c.id, c.c.post_id, p.c.week, p.c.space, c.c.shown_as, c.c.text, c.c.created_at,
                       c.c.edited_at, c.c.hidden_reason).join(p, p.c.id == c.c.post_id)
                .where(p.c.cohort == cohort, c.c.author == who))]
            thanks = [dict(r._mapping) for r in conn.execute(
                select(th.c.post_id, p.c.week, p.c.space, th.c.at).join(p, p.c.id == th.c.post_id)
                .where(p.c.cohort == cohort, th.c.who == who))]
            prompts = [dict(r._mapping) for r in conn.execute(
                select(pr.c.week, pr.c.space, pr.c.text, pr.c.set_at).where(pr.c.cohort == cohort,
                                                                             pr.c.set_by == who))]
        return {"posts": posts, "comments": comments, "thanks": thanks, "prompts": prompts}

    def erase_person(self, cohort: str, who: str) -> dict[str, int]:
        """Remove ``who`` from the course's walls: her posts (with the comments under them), her comments,
        her "kiitos", what she saw; what she moderated keeps its mark without her name."""
        p, c, th, s = self.posts, self.comments, self.thanks, self.seen
        mine = select(p.c.id).where(p.c.cohort == cohort, p.c.author == who)
        course_posts = select(p.c.id).where(p.c.cohort == cohort)
        with self._tx() as conn:
            under = conn.execute(delete(c).where(c.c.post_id.in_(mine))).rowcount
            conn.execute(delete(th).where(th.c.post_id.in_(mine)))
            posts = conn.execute(delete(p).where(p.c.cohort == cohort, p.c.author == who)).rowcount
            comments = conn.execute(delete(c).where(c.c.author == who, c.c.post_id.in_(course_posts))).rowcount
            thanks = conn.execute(delete(th).where(th.c.who == who, th.c.post_id.in_(course_posts))).rowcount
            conn.execute(delete(s).where(s.c.cohort == cohort, s.c.who == who))
            for table in (p, c):
                scope = table.c.cohort == cohort if table is p else table.c.post_id.in_(course_posts)
                conn.execute(update(table).where(scope, table.c.hidden_by == who).values(hidden_by=""))
            conn.execute(update(self.prompts).where(self.prompts.c.cohort == cohort,
                                                    self.prompts.c.set_by == who).values(set_by=""))
        if not self.postgres:
            with self.engine.connect() as conn:
                conn.execute(text("VACUUM"))
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))  # no old page left in the log either
        return {"posts": posts, "comments": comments + under, "thanks": thanks}

    def mentions(self, cohort: str, who: str) -> int:
        """Rows that still name ``who`` (the erase's proof: 0)."""
        entries = self.person_entries(cohort, who)
        p, c, s = self.posts, self.comments, self.seen
        with self._tx() as conn:
            hidden = conn.execute(select(func.count()).select_from(p).where(p.c.cohort == cohort,
                                                                             p.c.hidden_by == who)).scalar()
            seen = conn.execute(select(func.count()).select_from(s).where(s.c.cohort == cohort,
                                                                          s.c.who == who)).scalar()
            hidden_c = conn.execute(select(func.count()).select_from(c).join(p, p.c.id == c.c.post_id)
                                    .where(p.c.cohort == cohort, c.c.hidden_by == who)).scalar()
        return sum(len(v) for v in entries.values()) + int(hidden or 0) + int(seen or 0) + int(hidden_c or 0)


def _words(words: str, limit: int) -> str:
    words = (words or "").replace("\r\n", "\n").strip()
    if not words:
        raise WallError("seina_err_empty")
    if len(words) > limit:
        raise WallError("seina_err_long")
    return words


def open_store(course: CourseSettings) -> WallStore:
    return WallStore(wall_url(course))


def spaces_of(groups: dict[str, str], who: str) -> list[str]:
    """The walls a participant reads on each week: the whole cohort's and her small group's."""
    group = groups.get(who, "")
    return ["", group] if group else [""]


def members(groups: dict[str, str], space: str) -> Iterable[str]:
    return [who for who, group in groups.items() if group == space] if space else list(groups)
