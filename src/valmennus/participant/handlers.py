"""The participant's pages, under ``/valmennus/`` of their own Jupyter server.

Every page is a template of ``valmennus.templates`` (autoescaped) in the participant's language; every
failure is a page in words with a way forward (``write_error``), never a traceback; every week id in a
path is looked up in the schedule before anything else is done with it; every POST carries Jupyter's
XSRF token (tornado checks it; ``xsrf_form_html`` in each form).

    /valmennus/                       home, "Oma valmennus"
    /valmennus/viikko/<week>          fetch if needed, then the week in Voilà (voila.py gives it the header)
    /valmennus/palauta/<week>         GET: what is missing, then a button; POST: submit
    /valmennus/palaute/<week>         the coach's feedback, the completion marks, one's own answers
    /valmennus/seina/<week>           the group's wall: the live group's space (valmennus.wall) when this server
                                      sends to one, else a sandboxed frame of the published page
    /valmennus/kieli                  language (GET form, POST choice)
"""

from __future__ import annotations

import asyncio
import functools
import logging
import mimetypes
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import tornado.web
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join

from ..answers import AnswerStore
from ..course.schedule import Week
from ..i18n import LANGUAGES, t, tn
from ..items import bank
from ..safefiles import read_regular
from ..summary import render_html
from ..templates import Markup, render
from . import course_team, prefs
from .context import CourseMissing, Participant
from .exchange import ExchangeProblem, Released, Sent
from .state import Next, State
from .texts import short_date, status_text, week_name, week_title, when
from .week import WeekNotebook, answers_problem, read_feedback_page, read_notebook, still_missing

log = logging.getLogger(__name__)

WALL_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
WALL_TYPES = {".html": "text/html; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
              ".webp": "image/webp", ".gif": "image/gif"}
MAX_WALL_FILE = 10 * 1024 * 1024
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


class Problem(tornado.web.HTTPError):
    """A failure the participant is told about in words: ``key`` (and its ``values``) of the catalogs."""

    def __init__(self, status: int, key: str, back: str | None = None, **values: object) -> None:
        super().__init__(status, log_message=key)
        self.key = key
        self.back = back
        self.values = values


class Base(JupyterHandler):
    @property
    def ctx(self) -> Participant:
        return self.settings["valmennus_participant"]

    def lang(self) -> str:
        try:
            return self.ctx.language()
        except Exception:  # noqa: BLE001  (an error page must render whatever failed)
            return "fi"

    def urls(self, week: Week | None = None) -> dict[str, str]:
        ctx = self.ctx
        urls = {"home": ctx.url("valmennus/"), "language": ctx.url("valmennus/kieli"), "lab": ctx.url("lab")}
        if week is not None:
            for name, path in (("open", "viikko"), ("submit", "palauta"), ("feedback", "palaute"), ("wall", "seina")):
                urls[name] = ctx.url("valmennus", path, quote(week.id, safe=""))
        return urls

    def page(self, template: str, title: str, week: Week | None = None, **values: Any) -> None:
        lang = self.lang()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(str(render(template, lang=lang, title=title, t=functools.partial(t, lang=lang),
                               tn=functools.partial(tn, lang=lang), urls=self.urls(week), week=week,
                               here=quote(self.request.path, safe="/"), **values)))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every failure as a page in words with a way forward; the exception only in the server log."""
        exc = kwargs.get("exc_info", (None, None, None))[1]
        lang = self.lang()
        if isinstance(exc, Problem):
            key, values, back = exc.key, exc.values, exc.back
        elif isinstance(exc, ExchangeProblem):
            key, values, back = exc.key, {}, None
        elif isinstance(exc, CourseMissing):
            key, values, back = "pa_err_course", {}, None
        elif status_code == 404:
            key, values, back = "pa_err_404", {}, None
        elif status_code == 403:
            key, values, back = "pa_err_403", {}, None
        else:
            key, values, back = "pa_err_500", {}, None
        try:
            message = t(key, lang, **values)
        except (KeyError, IndexError):
            message = t("pa_err_500", lang)
        self.clear_header("Content-Type")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        home = self.settings["valmennus_participant"].url("valmennus/") if "valmennus_participant" in self.settings \
            else "/valmennus/"
        self.finish(str(render("participant_error.html.j2", lang=lang, title=t("pa_err_title", lang),
                               t=functools.partial(t, lang=lang), message=message, back=back, home=home,
                               urls={"home": home, "language": home + "kieli", "lab": home.removesuffix(
                                   "valmennus/") + "lab"}, week=None, here=home)))

    # -- shared steps ----------------------------------------------------------------------------
    def scheduled(self, week_id: str) -> Week:
        """The week of the schedule with this id; a 404 page for anything else."""
        week = self.ctx.week(week_id)
        if week is None:
            raise Problem(404, "pa_err_week")
        return week

    def released(self, week: Week) -> Released:
        rel = self.ctx.exchange.released().get(week.id)
        if rel is None:
            raise Problem(404, "pa_err_not_released", date=short_date(week.release, self.lang()))
        return rel


def main_notebook(rel: Released) -> Path | None:
    """The week's notebook: the one named after the week, else the first."""
    named = [p for p in rel.notebooks if p.stem == rel.week]
    return (named or sorted(rel.notebooks) or [None])[0]


def wall_page(ctx: Participant, week: Week) -> Path | None:
    for folder in ctx.config.walls():
        page = folder / week.id / "index.html"
        if page.is_file() and not page.is_symlink():
            return page
    return None


def live_wall(handler: Base) -> Any:
    """The group's space (``wall_push.WallPusher``) when this server sends to one; else None."""
    pusher = handler.settings.get("valmennus_wall")
    return pusher if pusher is not None and pusher.enabled else None


class HomeHandler(Base):
    @tornado.web.authenticated
    async def get(self) -> None:
        lang = self.lang()
        state = self.ctx.home()
        live = live_wall(self)
        news = None
        if live is not None:
            asyncio.ensure_future(live.push())  # her latest share choices on their way
            news = await live.new_comments()
        rows = []
        for status in state.weeks:
            rows.append({"status": status, "title": week_title(status.week, lang), "text": status_text(status, lang),
                         "urls": self.urls(status.week),
                         "wall": live is not None or wall_page(self.ctx, status.week) is not None})
        nxt = state.next_week
        if state.next is Next.DO and nxt is not None:
            key = "pa_next_do_late" if nxt.state is State.LATE else "pa_next_do"
            next_text = t(key, lang, week=week_title(nxt.week, lang), due=when(nxt.week.due, lang))
            next_url, next_label = self.urls(nxt.week)["open"], t("pa_open_week", lang)
        elif state.next is Next.FEEDBACK and nxt is not None:
            next_text = t("pa_next_feedback", lang, week=week_title(nxt.week, lang))
            next_url, next_label = self.urls(nxt.week)["feedback"], t("pa_read_feedback", lang)
        elif state.next is Next.WAIT and nxt is not None:
            next_text = t("pa_next_wait", lang, date=short_date(nxt.week.release, lang))
            next_url = next_label = ""
        else:
            next_text, next_url, next_label = t("pa_next_done", lang), "", ""
        cfg = self.ctx.config
        self.page("participant_home.html.j2", t("pa_title", lang), rows=rows, next_text=next_text,
                  next_url=next_url, next_label=next_label, course=cfg.resolved_course_id(),
                  coach=cfg.coach_of(self.ctx.participant_id), new_feedback=state.new_feedback,
                  wall_news=(news or {}).get("total", 0), wall_url=_wall_link(cfg) if live is not None else "")


class WeekHandler(Base):
    @tornado.web.authenticated
    def get(self, week_id: str) -> None:
        week = self.scheduled(week_id)
        rel = self.released(week)
        if not rel.fetched:
            self.ctx.exchange.fetch(week.id)  # as the participant, through nbgrader's exchange
            rel = self.released(week)
        notebook = main_notebook(rel)
        if notebook is None:
            raise Problem(500, "pa_err_fetch")
        path = notebook.relative_to(self.ctx.root_dir).as_posix()
        self.redirect(url_path_join(self.ctx.base_url, "voila/render", quote(path)))


class SubmitHandler(Base):
    def _week(self, week_id: str) -> tuple[Week, Released, list[WeekNotebook]]:
        week = self.scheduled(week_id)
        rel = self.released(week)
        return week, rel, [read_notebook(p) for p in rel.notebooks]

    @tornado.web.authenticated
    def get(self, week_id: str) -> None:
        lang = self.lang()
        week, rel, notebooks = self._week(week_id)
        subs = self.ctx.exchange.submitted().get(week.id, [])
        latest = subs[-1] if subs else None
        confirm = latest if latest is not None and self.get_argument("palautettu", "") == "1" else None
        sent_to_team = next((o for o in course_team.Outcome if o.value == self.get_argument("kurssitiimi", "")),
                            course_team.Outcome.NOTHING)
        problem = missing = None
        if rel.fetched and rel.folder is not None:
            problem_key = answers_problem(rel.folder, notebooks)
            problem = t("pa_err_corrupt", lang) if problem_key else None
            missing = still_missing(rel.folder, notebooks) if not problem else None
        self.page("participant_submit.html.j2", t("pa_submit_title", lang, week=week_name(week, lang)), week=week,
                  heading=week_title(week, lang), fetched=rel.fetched, problem=problem, missing=missing,
                  latest=latest, latest_at=when(latest.at, lang) if latest else "",
                  confirm=confirm, sent=confirm.files() if confirm else [],
                  course_team=t(f"pa_course_team_{sent_to_team.value}", lang)
                  if confirm and sent_to_team is not course_team.Outcome.NOTHING else "",
                  course_team_ok=sent_to_team is course_team.Outcome.SENT,
                  late_now=_now_after(week), due=when(week.due, lang),
                  confirm_late=bool(confirm and confirm.at > week.due),
                  xsrf=Markup(self.xsrf_form_html()))

    @tornado.web.authenticated
    async def post(self, week_id: str) -> None:
        """Submit through nbgrader, then send the week's answers for the course team without her name
        (``course_team``: never in the submission; kept in her home if the service cannot take them)."""
        week, rel, notebooks = self._week(week_id)
        back = self.urls(week)["submit"]
        if not rel.fetched or rel.folder is None:
            raise Problem(409, "pa_not_fetched", back=back)
        if answers_problem(rel.folder, notebooks):
            raise Problem(409, "pa_err_corrupt", back=self.urls(week)["open"])
        notebook_ids = [nb.notebook_id for nb in notebooks if nb.notebook_id]
        course_team.before_submit(rel.folder, notebook_ids, week.id)
        try:
            self.ctx.exchange.submit(week.id)
        except ExchangeProblem as exc:
            raise Problem(502, exc.key, back=back) from exc
        outcome = await course_team.send(self.settings.get("valmennus_wall"), rel.folder, notebook_ids, week.id)
        told = "" if outcome is course_team.Outcome.NOTHING else f"&kurssitiimi={outcome.value}"
        self.redirect(f"{back}?palautettu=1{told}", status=303)


def _now_after(week: Week) -> bool:
    from datetime import UTC, datetime

    return datetime.now(UTC) > week.due


class FeedbackHandler(Base):
    @tornado.web.authenticated
    def get(self, week_id: str) -> None:
        lang = self.lang()
        week = self.scheduled(week_id)
        ex = self.ctx.exchange
        subs = ex.submitted().get(week.id, [])
        if any(s.feedback_in_exchange and (not s.feedback_fetched or s.feedback_updated) for s in subs):
            try:
                ex.fetch_feedback(week.id)
            except ExchangeProblem as exc:
                raise Problem(502, exc.key, back=self.urls(week)["feedback"]) from exc
            subs = ex.submitted().get(week.id, [])
        shown = next((s for s in reversed(subs) if s.feedback_pages), None)
        title = t("pa_feedback_title", lang, week=week_name(week, lang))
        if shown is None:
            self.page("participant_feedback.html.j2", title, week=week, heading=week_title(week, lang),
                      shown=None, comments=[], marks=[], answers=[], at="")
            return
        comments, marks, answers = self._read(shown, lang)
        feedback_id = shown.feedback_id()
        if feedback_id:
            prefs.mark_read(self.ctx.settings_dir, feedback_id)
        self.page("participant_feedback.html.j2", title, week=week, heading=week_title(week, lang), shown=shown,
                  comments=comments, marks=marks, answers=answers, at=when(shown.at, lang))

    def _read(self, sent: Sent, lang: str) -> tuple[list[str], list[dict[str, Any]], list[Markup]]:
        comments: list[str] = []
        marks: list[dict[str, Any]] = []
        answers: list[Markup] = []
        known = bank()
        for page_path in sent.feedback_pages:
            notebook = read_notebook(sent.copy / f"{page_path.stem}.ipynb") if sent.copy else None
            page = read_feedback_page(page_path)
            comments += page.comments
            labels = {}
            if notebook is not None:
                for check in notebook.checks:
                    names = [known[i].short_label(lang) for i in check.items if i in known]
                    labels[check.grade_id] = (names[0] if len(names) == 1 else t("pa_mark_more", lang, first=names[0])
                                              if names else t("pa_mark_other", lang))
                for task in notebook.task_cells:
                    labels[task] = t("pa_mark_task", lang)
            for mark in page.marks:
                done = mark.score >= mark.max_score > 0
                marks.append({"label": labels.get(mark.grade_id, t("pa_mark_other", lang)), "done": done,
                              "text": t("pa_mark_done" if done else "pa_mark_missing", lang)})
            if notebook is not None and notebook.notebook_id and sent.copy is not None:
                loaded = AnswerStore(notebook.notebook_id, sent.copy, read_only=True).load()
                items = [known[i] for i in notebook.asked if i in known]
                answers.append(Markup(render_html(items, loaded, folder=sent.copy)))
        return comments, marks, answers


def _wall_link(config: Any) -> str:
    link = config.wall_link or config.wall_url
    return link if link.endswith("/") else link + "/"


class WallHandler(Base):
    @tornado.web.authenticated
    async def get(self, week_id: str) -> None:
        lang = self.lang()
        week = self.scheduled(week_id)
        live = live_wall(self)
        if live is not None:  # the group's space: her shares sent first, then her group's wall of the week
            await live.push()
            self.redirect(_wall_link(self.ctx.config) + "viikko/" + quote(week.id, safe="") + "/")
            return
        page = wall_page(self.ctx, week)
        self.page("participant_wall.html.j2", t("pa_wall_title", lang, week=week_name(week, lang)), week=week,
                  heading=week_title(week, lang), frame=self.urls(week)["wall"] + "/sivu/index.html" if page else "")


class WallFileHandler(Base):
    """The published wall page and its pictures, read as plain files, served sandboxed (no script runs)."""

    @tornado.web.authenticated
    def get(self, week_id: str, name: str) -> None:
        week = self.scheduled(week_id)
        suffix = Path(name).suffix.lower()
        page = wall_page(self.ctx, week)
        if page is None or not WALL_FILE.match(name) or suffix not in WALL_TYPES:
            raise Problem(404, "pa_err_404")
        try:
            data = read_regular(page.parent / name, MAX_WALL_FILE)
        except OSError as exc:
            raise Problem(404, "pa_err_404") from exc
        self.set_header("Content-Type", WALL_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Content-Security-Policy",
                        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
        self.finish(data)


class LanguageHandler(Base):
    def _next(self) -> str:
        """Where to go after choosing: a page of this server only (never another site)."""
        target = self.get_argument("seuraava", "")
        home = self.ctx.url("valmennus/")
        base = self.ctx.base_url
        if target.startswith(base) and not target.startswith("//") and "\\" not in target and "\n" not in target:
            return target
        return home

    @tornado.web.authenticated
    def get(self) -> None:
        lang = self.lang()
        self.page("participant_language.html.j2", t("pa_lang_title", lang), current=lang,
                  languages=[(code, LANGUAGE_NAMES[code]) for code in ("fi", "sv", "en")],
                  next_url=self._next(), xsrf=Markup(self.xsrf_form_html()))

    @tornado.web.authenticated
    def post(self) -> None:
        choice = self.get_argument("kieli", "")
        if choice not in LANGUAGES:
            raise Problem(400, "pa_err_language", back=self.ctx.url("valmennus/kieli"))
        prefs.set_language(self.ctx.settings_dir, choice)
        self.redirect(self._next(), status=303)


class NotFoundHandler(Base):
    @tornado.web.authenticated
    def get(self, _rest: str = "") -> None:
        raise Problem(404, "pa_err_404")


WEEK = r"([^/]+)"


def handlers(base_url: str) -> list[tuple[str, type, dict[str, Any]]]:
    def route(path: str) -> str:
        return url_path_join(base_url, "valmennus", path)

    return [
        (url_path_join(base_url, "valmennus") + "/?", HomeHandler, {}),
        (route(f"viikko/{WEEK}/?"), WeekHandler, {}),
        (route(f"palauta/{WEEK}/?"), SubmitHandler, {}),
        (route(f"palaute/{WEEK}/?"), FeedbackHandler, {}),
        (route(f"seina/{WEEK}/?"), WallHandler, {}),
        (route(f"seina/{WEEK}/sivu/([^/]+)"), WallFileHandler, {}),
        (route("kieli/?"), LanguageHandler, {}),
        (route("(.*)"), NotFoundHandler, {}),
    ]
