"""The group's space as a web service: tornado, Jinja2 pages (autoescaped), tornado's XSRF check.

Two ways to run, one set of pages:

* **hub**: a JupyterHub service (``deploy/jupyterhub_config.py``, ``serve.py`` reads the service's
  environment). Every handler is ``HubOAuthenticated``: a person is who the hub says, and their hub
  groups say their role: ``nbgrader-<course>`` a participant, ``formgrade-<course>`` a coach,
  ``coordinators`` a coordinator. The participants' own servers push their shared answers with their
  server's hub token (``Authorization: token …``); a token request needs no XSRF token (no cookie).
* **embedded**: a server on 127.0.0.1 for ``make demo`` and the tests: a person is chosen on a page
  (a signed cookie), and a pushing server signs with a per-person token from the server's secret.

Who reads what: a participant reads her course's cohort wall and her own small group's wall (the
roster's small group, ``records.store.read_small_groups``) of each week that has started; a coach
reads and moderates every wall of the course; a coordinator sees counts only (``/maarat``); nobody
else anything. Every POST is rate-limited per person (``RateLimit``).

    /                                  the weeks and the walls one may read (coordinators: the counts)
    /viikko/<week>/                    the reader's own wall of the week (her small group's, else the cohort's)
    /viikko/<week>/<space>             a wall (space ``kaikki`` or ``r-<small group>``); POST: an action
    /viikko/<week>/<space>/moderoi/…   the coach hides one post or comment (reason, button)
    /viikko/<week>/<space>/versio      JSON: changes when the wall changes (the page's "new" notice)
    /kuva/<post>                       a shared picture (type checked again, sandboxed)
    /aktiivisuus                       the coach's counts per participant (no words)
    /maarat                            counts per week and wall (coach and coordinator)
    /api/jaot                          POST (token): one participant's shared answers of one week
    /api/uutta                         GET (token): new comments on one's own posts, per week
    /api/kurssipalaute                 POST (token): one participant's answers for the course team of one week,
                                       kept without her name (``wall.feedback``)
    /kurssipalaute                     the course team's page (coaches, coordinators): those answers as numbers
                                       and texts without names, nothing under 5 respondents; for coaches
                                       who has given the closing feedback (yes/no, the completion mark)
    /kieli/<lang>                      language (a cookie)
    /kirjaudu                          embedded only: choose who you are
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import html
import json
import logging
import operator
import os
import secrets
import time
from collections import OrderedDict, defaultdict, deque
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import tornado.web

from ..course.schedule import Week, load_schedule
from ..course.settings import CourseSettings
from ..i18n import LANGUAGES, local_datetime, number, t
from ..items import bank, share_items
from ..kinds.share import MAX_NICKNAME_CHARS
from ..records.sources import read_roster
from ..records.store import read_small_groups
from ..templates import Markup, environment, render
from ..uploads import UploadRefused, check_image
from .feedback import FeedbackRefused, FeedbackStore
from .shares import MAX_TEXT, Shared
from .store import Comment, Post, Wall, WallError, WallStore, cohort_of, wall_url

log = logging.getLogger(__name__)

COHORT_SLUG = "kaikki"
GROUP_PREFIX = "r-"
LANG_COOKIE = "valmennus-kieli"
USER_COOKIE = "valmennus-seina"
ROLES = ("participant", "facilitator", "coordinator")
CSP = ("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'self'; base-uri 'none'")
MAX_PUSH_BYTES = 12 * 1024 * 1024


def space_slug(space: str) -> str:
    return COHORT_SLUG if not space else GROUP_PREFIX + quote(space, safe="")


def slug_space(slug: str) -> str | None:
    if slug == COHORT_SLUG:
        return ""
    if slug.startswith(GROUP_PREFIX) and len(slug) > len(GROUP_PREFIX):
        return slug[len(GROUP_PREFIX):]
    return None


@dataclass(frozen=True)
class Viewer:
    name: str
    role: str  # participant, facilitator or coordinator
    group: str = ""  # a participant's small group ("" none)

    @property
    def moderator(self) -> bool:
        return self.role == "facilitator"


class RateLimit:
    """At most ``per_minute`` and ``per_hour`` actions per person (one process: the service is one)."""

    def __init__(self, per_minute: int, per_hour: int) -> None:
        self.per_minute, self.per_hour = per_minute, per_hour
        self.times: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, who: str, at: float | None = None) -> bool:
        at = time.monotonic() if at is None else at
        seen = self.times[who]
        while seen and seen[0] <= at - 3600:
            seen.popleft()
        if len(seen) >= self.per_hour or sum(1 for s in seen if s > at - 60) >= self.per_minute:
            return False
        seen.append(at)
        return True


def _mtime(path: Path) -> float:
    """The file's version for the reads kept until it changes (0 when it is missing)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0

class Articles:
    """Each post's article of a wall page (``seina_post.html.j2``), kept by everything it shows.

    Why: a wall is read far more often than it changes, and most of a page is its posts; rendering 200 posts
    and 1,000 comments took some 50 ms of one core a reader. An article is kept under a key of every input
    of its template: the post with all its fields and its comments' (so any change, a "kiitos" or a hidden
    comment too, makes a new key, and nothing needs to be invalidated), the reader only as flags (her own
    post, which comments are hers, whether she moderates), the language and the wall's address. What is
    the reader's own beyond that (the form's XSRF token, the name she comments under) is a mark in the
    article, filled in per page; the marks are random per process, so nobody's words can contain them.
    Least recently used articles go when ``size`` are kept."""

    _post = operator.attrgetter(*(f.name for f in fields(Post) if f.name != "comments"))
    _comment = operator.attrgetter(*(f.name for f in fields(Comment)))

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self.kept: OrderedDict[tuple[Any, ...], str] = OrderedDict()
        token = secrets.token_hex(8)
        self.xsrf_mark, self.name_mark = f"<!--xsrf-{token}-->", f"vsnimi{token}"

    def page(self, wall: Wall, viewer: Viewer, lang: str, action: str, image_url: str, xsrf: str,
             comment_name: str) -> list[Markup]:
        """Every article of ``wall`` as ``viewer`` reads it."""
        template = environment().get_template("seina_post.html.j2")
        values = {"t": functools.partial(t, lang=lang), "labels": _labels(lang),
                  "when": functools.partial(_when, lang=lang), "action": action, "image_url": image_url,
                  "moderator": viewer.moderator, "xsrf": Markup(self.xsrf_mark), "comment_name": self.name_mark}
        out = []
        for post in wall.posts:
            own = post.author == viewer.name
            mine = frozenset(c.id for c in post.comments if c.author == viewer.name)
            key = (lang, action, image_url, viewer.moderator, own, mine, self._post(post),
                   tuple(map(self._comment, post.comments)))
            article = self.kept.get(key)
            if article is None:
                article = self.kept[key] = template.render(post=post, own=own, mine_ids=mine, **values)
                if len(self.kept) > self.size:
                    self.kept.popitem(last=False)
            else:
                self.kept.move_to_end(key)
            out.append(article)
        name = html.escape(comment_name)
        return [Markup(article.replace(self.xsrf_mark, xsrf).replace(self.name_mark, name)) for article in out]


@dataclass
class WallService:
    """What every handler shares: the course, its walls' store, who is who, the limits."""

    course: CourseSettings
    store: WallStore
    mode: str = "embedded"  # or "hub"
    prefix: str = "/"
    facilitators: frozenset[str] = frozenset()  # embedded: the coaches (the hub knows its groups)
    coordinators: frozenset[str] = frozenset()
    secret: bytes = field(default_factory=lambda: os.urandom(32))
    actions: RateLimit = field(default_factory=lambda: RateLimit(12, 240))
    pushes: RateLimit = field(default_factory=lambda: RateLimit(30, 1200))
    _roster: tuple[float, dict[str, str], dict[str, str]] = (-1.0, {}, {})
    _groups: dict[str, tuple[float, set[str]]] = field(default_factory=dict)
    _schedule: tuple[float, list[Week]] = (-1.0, [])
    _feedback: FeedbackStore | None = None
    articles: Articles = field(default_factory=Articles)

    @property
    def feedback(self) -> FeedbackStore:
        """The course team's answers without names, beside the walls (``wall.feedback``)."""
        if self._feedback is None:
            self._feedback = FeedbackStore(self.store)
        return self._feedback

    @property
    def cohort(self) -> str:
        return cohort_of(self.course)

    @property
    def student_group(self) -> str:
        return f"nbgrader-{self.course.course_id}"

    @property
    def grader_group(self) -> str:
        return f"formgrade-{self.course.course_id}"

    def url(self, *parts: str) -> str:
        return self.prefix + "/".join(parts)

    # -- the roster (read again when the file changes) ------------------------------------------------
    def _read_roster(self) -> tuple[dict[str, str], dict[str, str]]:
        stamp = _mtime(self.course.root / "roster.csv")
        if stamp != self._roster[0]:
            frame = read_roster(self.course)
            names = {row.participant: " ".join(x for x in (row.first_name, row.last_name) if x) or row.participant
                     for row in frame.itertuples()}
            self._roster = (stamp, read_small_groups(self.course), names)
        return self._roster[1], self._roster[2]

    def small_groups(self) -> dict[str, str]:
        return {who: group for who, group in self._read_roster()[0].items() if who}

    def full_name(self, who: str) -> str:
        return self._read_roster()[1].get(who, who)

    def participants(self) -> list[str]:
        groups, names = self._read_roster()
        return sorted(set(groups) | set(names))

    # -- who may read what -----------------------------------------------------------------------------
    def viewer(self, name: str, groups: set[str] | None = None) -> Viewer | None:
        """The person's role in this course; None for anyone else. ``groups``: their hub groups (hub mode)."""
        if groups is not None:
            if self.grader_group in groups:
                return Viewer(name, "facilitator")
            if self.student_group in groups:
                return Viewer(name, "participant", self.small_groups().get(name, ""))
            if "coordinators" in groups:
                return Viewer(name, "coordinator")
            return None
        if name in self.facilitators:
            return Viewer(name, "facilitator")
        if name in self.coordinators:
            return Viewer(name, "coordinator")
        if name in self.participants():
            return Viewer(name, "participant", self.small_groups().get(name, ""))
        return None

    def schedule(self) -> list[Week]:
        """The course's weeks (``schedule.yaml``, read again when it changes)."""
        stamp = _mtime(self.course.root / "schedule.yaml")
        if stamp != self._schedule[0]:
            try:
                self._schedule = (stamp, load_schedule(self.course.root))
            except Exception:  # noqa: BLE001  (no schedule: no walls, the page says so)
                self._schedule = (stamp, [])
        return self._schedule[1]

    def weeks(self, viewer: Viewer) -> list[Week]:
        """The scheduled weeks the viewer may open: all for the coach; for participants those begun by the
        schedule, released through nbgrader's exchange (early, by hand), or with something shared already."""
        weeks = self.schedule()
        if viewer.moderator:
            return weeks
        started, posted = datetime.now(UTC), self.store.weeks_with_posts(self.cohort)
        outbound = self.course.exchange_root / self.course.course_id / "outbound"
        return [w for w in weeks if w.release <= started or w.id in posted or (outbound / w.id).is_dir()]

    def spaces(self, viewer: Viewer) -> list[str]:
        if viewer.moderator:
            return ["", *sorted(set(self.small_groups().values()) - {""})]
        if viewer.role == "participant":
            return ["", viewer.group] if viewer.group else [""]
        return []

    def may_read(self, viewer: Viewer, week: str, space: str, weeks: list[Week] | None = None) -> bool:
        return space in self.spaces(viewer) and any(w.id == week for w in weeks or self.weeks(viewer))

    def hub_groups(self, name: str) -> set[str]:
        """A person's hub groups from the hub's API (the service's own token), when a token did not say them;
        kept a minute."""
        import urllib.request

        cached = self._groups.get(name)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        request = urllib.request.Request(
            os.environ.get("JUPYTERHUB_API_URL", "").rstrip("/") + "/users/" + quote(name, safe=""),
            headers={"Authorization": f"token {os.environ.get('JUPYTERHUB_API_TOKEN', '')}"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                groups = set(json.loads(response.read()).get("groups") or ())
        except (OSError, ValueError):
            log.warning("wall: the hub did not say the groups of %s", name)
            return set()
        self._groups[name] = (time.monotonic() + 60, groups)
        return groups

    def token_for(self, name: str) -> str:
        """Embedded mode: the push token of one participant's server."""
        return hmac.new(self.secret, f"push:{name}".encode(), hashlib.sha256).hexdigest()


# -- handlers ------------------------------------------------------------------------------------------
class Problem(tornado.web.HTTPError):
    def __init__(self, status: int, key: str) -> None:
        super().__init__(status, log_message=key)
        self.key = key


class Base(tornado.web.RequestHandler):
    """Pages of the wall: the viewer, the language, headers, an error page in words."""

    @property
    def svc(self) -> WallService:
        return self.settings["wall"]

    # embedded identity (the hub's classes put HubOAuthenticated first, which answers instead)
    def get_current_user(self) -> Any:
        raw = self.get_signed_cookie(USER_COOKIE, max_age_days=1)
        token = self.request.headers.get("Authorization", "")
        if token.startswith("token "):
            name = self.get_argument("kuka", "") or self.request.headers.get("X-Valmennus-User", "")
            if name and hmac.compare_digest(self.svc.token_for(name), token.removeprefix("token ").strip()):
                self._token_authenticated = True
                return {"name": name}
            return None
        return {"name": raw.decode()} if raw else None

    def check_xsrf_cookie(self) -> None:
        if _token_request(self):
            return  # a token request carries no cookie a page could forge
        super().check_xsrf_cookie()

    def get_login_url(self) -> str:
        if self.svc.mode == "hub":  # HubAuthenticated's own, which asks here with the hub's URL in the settings
            return super().get_login_url()
        return self.svc.url("kirjaudu")

    def who(self) -> Viewer:
        model = self.current_user
        if not model:
            raise tornado.web.HTTPError(403)
        groups = None
        if self.svc.mode == "hub":
            groups = set(model["groups"]) if "groups" in model else self.svc.hub_groups(model["name"])
        viewer = self.svc.viewer(model["name"], groups)
        if viewer is None:
            raise Problem(403, "seina_err_403")
        return viewer

    def lang(self) -> str:
        choice = self.get_cookie(LANG_COOKIE, "")
        return choice if choice in LANGUAGES else "fi"

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("Cache-Control", "no-store")

    def page(self, template: str, title: str, viewer: Viewer | None, **values: Any) -> None:
        lang = self.lang()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        nav = []
        if viewer is not None and viewer.role == "participant" and self.svc.mode == "hub":  # her own pages
            hub = os.environ.get("JUPYTERHUB_BASE_URL", "/").rstrip("/")
            nav.append((f"{hub}/user/{quote(viewer.name, safe='')}/valmennus/", t("pa_nav_home", lang)))
        if viewer is not None:
            nav.append((self.svc.url(""), t("seina_nav_walls", lang)))
            if viewer.moderator:
                nav.append((self.svc.url("aktiivisuus"), t("seina_nav_activity", lang)))
            if viewer.role in ("facilitator", "coordinator"):
                nav.append((self.svc.url("maarat"), t("seina_nav_counts", lang)))
                nav.append((self.svc.url("kurssipalaute"), t("seina_nav_course_team", lang)))
        self.finish(str(render(template, lang=lang, title=title, t=functools.partial(t, lang=lang), nav=nav,
                               viewer=viewer, languages=[(c, self.svc.url("kieli", c)) for c in ("fi", "sv", "en")],
                               walls=self.svc.url(""),
                               here=quote(self.request.path, safe="/"), **values)))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        key = exc.key if isinstance(exc, Problem) else {403: "seina_err_403", 404: "seina_err_404",
                                                        429: "seina_err_429", 400: "seina_err_400"}.get(
            status_code, "seina_err_500")
        if self.request.path.startswith(self.svc.url("api")):
            self.clear_header("Content-Type")
            self.finish({"error": key})
            return
        lang = self.lang()
        self.clear_header("Content-Type")
        self.page("seina_message.html.j2", t("seina_err_title", lang), None, message=t(key, lang),
                  back=self.svc.url(""), people=[], xsrf="")

    def limited(self, viewer: Viewer) -> None:
        if not self.svc.actions.allow(viewer.name):
            raise Problem(429, "seina_err_429")

    def staff(self) -> Viewer:
        """The reader of a page for the course's coaches and coordinators only (403 for anyone else)."""
        viewer = self.who()
        if viewer.role not in ("facilitator", "coordinator"):
            raise Problem(403, "seina_err_403")
        return viewer

    def participants_json(self) -> tuple[Viewer, Any]:
        """A participant's server's send (``api/…``): who (a participant of the course, within the push
        limit) and the JSON body (of at most ``MAX_PUSH_BYTES``)."""
        viewer = self.who()
        if viewer.role != "participant":
            raise Problem(403, "seina_err_403")
        if not self.svc.pushes.allow(viewer.name):
            raise Problem(429, "seina_err_429")
        if len(self.request.body) > MAX_PUSH_BYTES:
            raise Problem(400, "seina_err_400")
        try:
            return viewer, json.loads(self.request.body)
        except ValueError as exc:
            raise Problem(400, "seina_err_400") from exc


def _token_request(handler: tornado.web.RequestHandler) -> bool:
    """Whether the request came with a valid token (tornado checks XSRF before anyone asked who it is)."""
    if not handler.request.headers.get("Authorization", "").startswith("token "):
        return False
    _ = handler.current_user  # sets _token_authenticated (ours, or JupyterHub's HubAuth)
    return bool(getattr(handler, "_token_authenticated", False))


class TokenFirst:
    """Hub mode: put before ``HubOAuthenticated`` so a token request is known before the XSRF check."""

    def check_xsrf_cookie(self) -> None:
        if _token_request(self):  # type: ignore[arg-type]
            return
        super().check_xsrf_cookie()  # type: ignore[misc]


class IndexHandler(Base):
    @tornado.web.authenticated
    def get(self) -> None:
        viewer = self.who()
        lang = self.lang()
        if viewer.role == "coordinator":
            self.redirect(self.svc.url("maarat"))
            return
        new = self.svc.store.new_comments(self.svc.cohort, viewer.name) if viewer.role == "participant" else {}
        weeks = []
        for week in reversed(self.svc.weeks(viewer)):
            walls = [(space_name(space, lang), self.svc.url("viikko", quote(week.id, safe=""), space_slug(space)))
                     for space in self.svc.spaces(viewer)]
            weeks.append({"title": week_title(week, lang), "walls": walls, "new": new.get(week.id, 0)})
        self.page("seina_index.html.j2", t("seina_title", lang), viewer, weeks=weeks)


@functools.cache
def _labels(lang: str) -> dict[str, str]:
    """Each item's short label: the topic a post answers."""
    return {item.id: item.short_label(lang) for item in bank().values()}


@functools.lru_cache(maxsize=8192)
def _when(moment: datetime, lang: str) -> str:
    """A post's or comment's time as the reader reads it (kept: a wall shows the same times again and again)."""
    return local_datetime(moment, lang)


def space_name(space: str, lang: str) -> str:
    return t("seina_group", lang, group=space) if space else t("seina_cohort", lang)


def week_title(week: Week, lang: str) -> str:
    from ..participant.texts import week_title as title  # the participant app's words for a week

    return title(week, lang)


class WallHandler(Base):
    def _place(self, week_id: str, slug: str) -> tuple[Viewer, Week, str]:
        viewer = self.who()
        space = slug_space(slug)
        weeks = self.svc.weeks(viewer)
        week = next((w for w in weeks if w.id == week_id), None)
        if space is None or week is None:
            raise Problem(404, "seina_err_404")
        if not self.svc.may_read(viewer, week.id, space, weeks):
            raise Problem(403, "seina_err_403")
        return viewer, week, space

    @tornado.web.authenticated
    def get(self, week_id: str, slug: str) -> None:
        viewer, week, space = self._place(week_id, slug)
        lang = self.lang()
        svc = self.svc
        wall = svc.store.wall(svc.cohort, week.id, space, viewer.name, viewer.moderator)
        if viewer.role == "participant" and any(c.new for p in wall.posts for c in p.comments):
            svc.store.mark_seen(svc.cohort, viewer.name, week.id, space)  # seen now (a write only when it changes)
        here = svc.url("viikko", quote(week.id, safe=""), space_slug(space))
        xsrf = self.xsrf_form_html()
        articles = svc.articles.page(wall, viewer, lang, here, svc.url("kuva"), xsrf,
                                     self._comment_name(viewer, week.id))
        self.page("seina_wall.html.j2", f"{space_name(space, lang)} – {week_title(week, lang)}", viewer, wall=wall,
                  heading=space_name(space, lang), week_heading=week_title(week, lang), articles=articles,
                  action=here, version_url=here + "/versio", version=svc.store.version(svc.cohort, week.id, space),
                  script=svc.url("seina.js"), xsrf=Markup(xsrf))

    def _comment_name(self, viewer: Viewer, week: str) -> str:
        if viewer.moderator:
            return viewer.name
        return self.svc.store.name_for(self.svc.cohort, viewer.name, week) or self.svc.full_name(viewer.name)

    @tornado.web.authenticated
    def post(self, week_id: str, slug: str) -> None:
        viewer, week, space = self._place(week_id, slug)
        self.limited(viewer)
        svc, store = self.svc, self.svc.store
        action = self.get_argument("toiminto", "")
        anchor = ""
        try:
            if action in ("comment", "thanks", "hide-post", "unhide-post"):
                post = store.post(int(self.get_argument("post", "0") or 0))
                if post is None or (post["cohort"], post["week"], post["space"]) != (svc.cohort, week.id, space):
                    raise Problem(404, "seina_err_404")
                anchor = f"#jako-{post['id']}"
                if action == "comment":
                    if post["hidden_reason"] is not None and not viewer.moderator:
                        raise Problem(403, "seina_err_403")
                    new = store.add_comment(post["id"], viewer.name, self._comment_name(viewer, week.id),
                                            self.get_argument("teksti", ""), viewer.role)
                    anchor = f"#kommentti-{new}"
                elif action == "thanks":
                    store.toggle_thanks(post["id"], viewer.name)
                elif viewer.moderator and action == "hide-post":
                    store.hide("post", post["id"], self.get_argument("syy", ""), viewer.name)
                elif viewer.moderator:
                    store.unhide("post", post["id"])
                else:
                    raise Problem(403, "seina_err_403")
            elif action in ("edit", "delete", "hide-comment", "unhide-comment"):
                comment = store.comment(int(self.get_argument("kommentti", "0") or 0))
                if comment is None or (comment["cohort"], comment["week"], comment["space"]) != (
                        svc.cohort, week.id, space):
                    raise Problem(404, "seina_err_404")
                anchor = f"#jako-{comment['post_id']}"
                if action == "edit" and comment["author"] == viewer.name:
                    store.edit_comment(comment["id"], viewer.name, self.get_argument("teksti", ""))
                    anchor = f"#kommentti-{comment['id']}"
                elif action == "delete" and comment["author"] == viewer.name:
                    store.delete_comment(comment["id"], viewer.name)
                elif viewer.moderator and action == "hide-comment":
                    store.hide("comment", comment["id"], self.get_argument("syy", ""), viewer.name)
                elif viewer.moderator and action == "unhide-comment":
                    store.unhide("comment", comment["id"])
                else:
                    raise Problem(403, "seina_err_403")
            elif action == "prompt" and viewer.moderator:
                store.set_prompt(svc.cohort, week.id, space, self.get_argument("teksti", ""), viewer.name)
            else:
                raise Problem(400, "seina_err_400")
        except WallError as exc:
            raise Problem(400, exc.key) from exc
        except ValueError as exc:
            raise Problem(400, "seina_err_400") from exc
        self.redirect(self.svc.url("viikko", quote(week.id, safe=""), space_slug(space)) + anchor, status=303)


class WeekHandler(Base):
    """``/viikko/<week>/``: the reader's own wall of the week (her small group's, else the cohort's)."""

    @tornado.web.authenticated
    def get(self, week_id: str) -> None:
        viewer = self.who()
        if not any(w.id == week_id for w in self.svc.weeks(viewer)):
            self.redirect(self.svc.url(""))
            return
        space = viewer.group if viewer.role == "participant" else ""
        self.redirect(self.svc.url("viikko", quote(week_id, safe=""), space_slug(space)))


class ModerateHandler(WallHandler):
    """The coach's page for hiding one post or comment (a page of its own keeps the wall light)."""

    @tornado.web.authenticated
    def get(self, week_id: str, slug: str, kind: str, row_id: str) -> None:  # type: ignore[override]
        viewer, week, space = self._place(week_id, slug)
        if not viewer.moderator:
            raise Problem(403, "seina_err_403")
        lang = self.lang()
        wall = self.svc.store.wall(self.svc.cohort, week.id, space, viewer.name, moderator=True)
        found = [(p.shown_as, p.text) for p in wall.posts if kind == "post" and p.id == int(row_id)]
        found += [(c.shown_as, c.text) for p in wall.posts for c in p.comments
                  if kind == "comment" and c.id == int(row_id)]
        if not found:
            raise Problem(404, "seina_err_404")
        here = self.svc.url("viikko", quote(week.id, safe=""), space_slug(space))
        self.page("seina_moderate.html.j2", t(f"seina_hide_{kind}", lang), viewer, kind=kind, id=int(row_id),
                  shown_as=found[0][0], words=found[0][1], action=here, back=here,
                  xsrf=Markup(self.xsrf_form_html()))


class VersionHandler(WallHandler):
    @tornado.web.authenticated
    def get(self, week_id: str, slug: str) -> None:  # type: ignore[override]
        _viewer, week, space = self._place(week_id, slug)
        self.set_header("Content-Type", "application/json")
        self.finish({"version": self.svc.store.version(self.svc.cohort, week.id, space)})


class ImageHandler(Base):
    @tornado.web.authenticated
    def get(self, post_id: str) -> None:
        viewer = self.who()
        post = self.svc.store.post(int(post_id))
        if post is None or post["cohort"] != self.svc.cohort or not self.svc.may_read(viewer, post["week"],
                                                                                       post["space"]):
            raise Problem(404, "seina_err_404")
        if post["hidden_reason"] is not None and not (viewer.moderator or viewer.name == post["author"]):
            raise Problem(404, "seina_err_404")
        found = self.svc.store.image(post["id"])
        if found is None:
            raise Problem(404, "seina_err_404")
        try:
            mime, _ = check_image("kuva", found[0])  # the bytes decide, again
        except UploadRefused as exc:
            raise Problem(404, "seina_err_404") from exc
        self.set_header("Content-Type", mime)
        self.set_header("Content-Security-Policy", "sandbox; default-src 'none'")
        self.set_header("Cache-Control", "private, max-age=300")
        self.finish(found[0])


class ActivityHandler(Base):
    @tornado.web.authenticated
    def get(self) -> None:
        viewer = self.who()
        if not viewer.moderator:
            raise Problem(403, "seina_err_403")
        lang = self.lang()
        counts = self.svc.store.activity(self.svc.cohort)
        groups = self.svc.small_groups()
        rows = [{"who": self.svc.full_name(who), "group": groups.get(who, ""),
                 "posts": counts.get(who, {}).get("posts", 0), "comments": counts.get(who, {}).get("comments", 0),
                 "thanks": counts.get(who, {}).get("thanks", 0)} for who in self.svc.participants()]
        rows.sort(key=lambda r: (r["posts"] + r["comments"] + r["thanks"], r["group"], r["who"]))
        self.page("seina_counts.html.j2", t("seina_activity_title", lang), viewer,
                  intro=t("seina_activity_intro", lang),
                  columns=["seina_col_participant", "seina_col_group", "seina_col_posts", "seina_col_comments",
                           "seina_col_thanks"],
                  rows=[(r["who"], r["group"], r["posts"], r["comments"], r["thanks"]) for r in rows])


class CountsHandler(Base):
    @tornado.web.authenticated
    def get(self) -> None:
        viewer = self.staff()
        lang = self.lang()
        rows = [(r["week"], space_name(r["space"], lang), r["posts"], r["comments"], r["thanks"])
                for r in self.svc.store.counts(self.svc.cohort)]
        self.page("seina_counts.html.j2", t("seina_counts_title", lang), viewer, intro=t("seina_counts_intro", lang),
                  columns=["seina_col_week", "seina_col_space", "seina_col_posts", "seina_col_comments",
                           "seina_col_thanks"],
                  rows=rows)


class PushHandler(Base):
    """A participant's server sends what she shares on one week; the wall becomes that."""

    @tornado.web.authenticated
    def post(self) -> None:
        viewer, body = self.participants_json()
        try:
            week = str(body["week"])
            shared = [self._shared(week, entry) for entry in body["shared"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise Problem(400, "seina_err_400") from exc
        if not any(w.id == week for w in self.svc.weeks(Viewer(viewer.name, "facilitator"))):  # any scheduled
            raise Problem(404, "seina_err_404")
        added, changed, removed = self.svc.store.sync_shares(
            self.svc.cohort, viewer.name, week, viewer.group, {"name": self.svc.full_name(viewer.name)}, shared)
        self.finish({"added": added, "changed": changed, "removed": removed})

    @staticmethod
    def _shared(week: str, entry: dict[str, Any]) -> Shared:
        targets = {share.extra["shares"] for share in share_items(week)}
        item, mode, nickname = str(entry["item"]), str(entry["mode"]), str(entry.get("nickname", "")).strip()
        words = str(entry.get("text", ""))
        if item not in targets or mode not in ("name", "nickname") or len(words) > MAX_TEXT:
            raise ValueError(item)
        if mode == "nickname" and not (0 < len(nickname) <= MAX_NICKNAME_CHARS):
            raise ValueError(nickname)
        image = base64.b64decode(entry["image"], validate=True) if entry.get("image") else None
        mime = ""
        if image is not None:
            try:
                mime, _ = check_image("kuva", image)
            except UploadRefused as exc:
                raise ValueError(exc.key) from exc
        return Shared(item, mode, nickname, words, image, mime)


class CourseTeamPushHandler(Base):
    """A participant's server sends her answers for the course team of one week (``wall.feedback``).

    Her name is used for two things only: that she is a participant of this course, and the separate
    yes/no record of who has given the week's feedback. Nothing of the answers is logged."""

    @tornado.web.authenticated
    def post(self) -> None:
        viewer, body = self.participants_json()
        try:
            week, token, answers = str(body["week"]), body["token"], body["answers"]
        except (ValueError, KeyError, TypeError) as exc:
            raise Problem(400, "seina_err_400") from exc
        if not any(w.id == week for w in self.svc.schedule()):
            raise Problem(404, "seina_err_404")
        try:
            result = self.svc.feedback.record(self.svc.cohort, viewer.name, week, token, answers)
        except FeedbackRefused as exc:
            raise Problem(409 if exc.key == "course_team_again" else 400, exc.key) from exc
        self.finish({"result": result})


class CourseTeamHandler(Base):
    """The course team's page: the answers given for it, without names (``records.course_team``)."""

    @tornado.web.authenticated
    def get(self) -> None:
        from ..records import course_team

        viewer = self.staff()
        lang = self.lang()
        svc = self.svc
        items = bank()
        numbers = course_team.read_answers(svc.course, svc.feedback)
        texts = course_team.read_comments(svc.course, svc.feedback)
        respondents = svc.feedback.respondents(svc.cohort)
        weeks = []
        for week in svc.schedule():
            n = respondents.get(week.id, 0)
            if not n:
                continue
            scales = []
            rows = numbers[numbers["week"] == week.id]
            for item_id in dict.fromkeys(rows["item"]):
                answered = rows[rows["item"] == item_id]
                values = answered["value"].dropna()
                counts = [int((values == v).sum()) for v in (1, 2, 3, 4, 5)]
                scales.append({"label": items[item_id].label(lang), "n": len(answered),
                               "mean": number(values.mean(), 1, lang) if len(values) else "–",
                               "counts": counts, "cant_say": int(len(answered) - len(values))})
            words = []
            written = texts[texts["week"] == week.id]
            for item_id in dict.fromkeys(written["item"]):
                words.append({"label": items[item_id].label(lang),
                              "texts": written[written["item"] == item_id]["text"].tolist()})
            weeks.append({"title": week_title(week, lang), "n": n, "few": n < course_team.MIN_GROUP,
                          "scales": scales, "words": words})
        given = []
        if viewer.moderator:
            record = svc.feedback.given(svc.cohort)
            for week in svc.schedule():
                if any(item.anonymous and item.kind != "text" and week.id in item.weeks for item in items.values()):
                    given.append({"title": week_title(week, lang), "rows": [
                        (svc.full_name(who), t("course_team_given_" + (
                            "yes" if record.get((who, week.id)) else "partial" if (who, week.id) in record else "no"),
                            lang)) for who in svc.participants()]})
        self.page("seina_course_team.html.j2", t("seina_course_team_title", lang), viewer, weeks=weeks,
                  given=given, min_group=course_team.MIN_GROUP)


class NewHandler(Base):
    @tornado.web.authenticated
    def get(self) -> None:
        viewer = self.who()
        weeks = self.svc.store.new_comments(self.svc.cohort, viewer.name) if viewer.role == "participant" else {}
        self.finish({"weeks": weeks, "total": sum(weeks.values()), "url": self.svc.url("")})


class LanguageHandler(Base):
    def get(self, lang: str) -> None:
        if lang in LANGUAGES:
            self.set_cookie(LANG_COOKIE, lang, path=self.svc.prefix, httponly=True, samesite="Lax")
        target = self.get_argument("seuraava", "")
        ok = target.startswith(self.svc.prefix) and not target.startswith("//") and "\\" not in target
        self.redirect(target if ok else self.svc.url(""))


class LoginHandler(Base):
    """Embedded mode only (127.0.0.1): choose who you are, to try the wall as each person."""

    def get(self) -> None:
        lang = self.lang()
        people = [(who, f"{self.svc.full_name(who)} ({who})") for who in self.svc.participants()]
        people += [(who, who) for who in sorted(self.svc.facilitators | self.svc.coordinators)]
        self.page("seina_message.html.j2", t("seina_login_title", lang), None, message=t("seina_login_intro", lang),
                  back="", people=people, xsrf=Markup(self.xsrf_form_html()))

    def post(self) -> None:
        name = self.get_argument("kuka", "")
        if self.svc.viewer(name) is None:
            raise Problem(403, "seina_err_403")
        self.set_signed_cookie(USER_COOKIE, name, expires_days=1, path=self.svc.prefix, httponly=True,
                               samesite="Lax")
        self.redirect(self.svc.url(""), status=303)


SCRIPT = Path(__file__).with_name("seina.js")


class ScriptHandler(Base):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=600")
        self.finish(SCRIPT.read_bytes())


WEEK = r"([^/]+)"


def make_app(svc: WallService, cookie_secret: bytes | None = None) -> tornado.web.Application:
    """The tornado application of the wall for ``svc`` (hub: every handler behind the hub's OAuth)."""
    svc.store.create()
    routes: list[tuple[str, type]] = [
        ("", IndexHandler), (f"viikko/{WEEK}/?", WeekHandler), (f"viikko/{WEEK}/([^/]+)", WallHandler),
        (f"viikko/{WEEK}/([^/]+)/versio", VersionHandler),
        (f"viikko/{WEEK}/([^/]+)/moderoi/(post|comment)/(\\d+)", ModerateHandler),
        (r"kuva/(\d+)", ImageHandler), ("aktiivisuus", ActivityHandler), ("maarat", CountsHandler),
        ("api/jaot", PushHandler), ("api/uutta", NewHandler), ("api/kurssipalaute", CourseTeamPushHandler),
        ("kurssipalaute", CourseTeamHandler), (r"kieli/(\w+)", LanguageHandler),
        ("seina.js", ScriptHandler)]
    settings: dict[str, Any] = {"wall": svc, "xsrf_cookies": True, "cookie_secret": cookie_secret or svc.secret,
                                "xsrf_cookie_kwargs": {"path": svc.prefix, "httponly": True, "samesite": "Lax"}}
    handlers: list[tuple[str, type]] = []
    if svc.mode == "hub":
        from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated

        hubbed = {cls: type(cls.__name__, (TokenFirst, HubOAuthenticated, cls), {}) for _, cls in routes}
        # the language page and the script need no one signed in
        hubbed[LanguageHandler], hubbed[ScriptHandler] = LanguageHandler, ScriptHandler
        handlers = [(svc.url(path) + ("/?" if not path else ""), hubbed[cls]) for path, cls in routes]
        handlers.append((svc.url("oauth_callback"), HubOAuthCallbackHandler))
        settings.pop("xsrf_cookie_kwargs")  # the hub's own XSRF tokens (HubOAuth) replace tornado's
    else:
        handlers = [(svc.url(path) + ("/?" if not path else ""), cls) for path, cls in routes]
        handlers.append((svc.url("kirjaudu"), LoginHandler))
    return tornado.web.Application(handlers, **settings)


def embedded_service(course_dir: str | os.PathLike[str], facilitators: list[str] | None = None,
                     coordinators: list[str] | None = None, url: str | None = None) -> WallService:
    course = CourseSettings.load(course_dir)
    return WallService(course, WallStore(url or wall_url(course)), facilitators=frozenset(facilitators or ()),
                       coordinators=frozenset(coordinators or ()))


def hub_service(course_dir: str | os.PathLike[str]) -> WallService:
    """The service as JupyterHub starts it: its prefix from ``JUPYTERHUB_SERVICE_PREFIX``."""
    course = CourseSettings.load(course_dir)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/seina/")
    return WallService(course, WallStore(wall_url(course)), mode="hub",
                       prefix=prefix if prefix.endswith("/") else prefix + "/")
