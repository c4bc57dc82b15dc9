"""The dashboards' entry points: one call per notebook cell (``prepare()``, then ``show(name)``).

``prepare`` imports everything heavy and, in a kernel Voilà has pre-heated (``--preheat_kernel``),
waits there for the coordinator's request, so the imports are paid before anyone asks and the data
is still read at the moment of the request (never a stale pre-rendered page). ``show`` reads the
cohorts (``cohorts.course_dirs``), builds every table (``tables.build_tables``) and renders one page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .cohorts import load_cohorts
from .privacy import Viewer
from .view_common import Html
from .view_context import ViewContext, context

DASHBOARDS = ("edistyminen", "osaaminen", "palauteviive", "jatkuva-arviointi", "ryhmat-rinnakkain")
#: The facilitator's own page (``view_facilitator``, ``show_facilitator``): names, so never a coordinator's.
FACILITATOR_PAGE = "omat-osallistujat"
#: The course team's page of comments without names (``view_comments``).
COMMENTS_PAGE = "kommentit"


def _views() -> dict[str, tuple[Callable[[ViewContext], str], bool]]:
    from . import (
        view_comments,
        view_compare,
        view_evaluation,
        view_facilitator,
        view_progress,
        view_skills,
        view_turnaround,
    )

    # name -> (page builder, whether it needs the answers files)
    return {"edistyminen": (view_progress.page_html, False), "osaaminen": (view_skills.page_html, True),
            "palauteviive": (view_turnaround.page_html, False),
            "jatkuva-arviointi": (view_evaluation.page_html, True),
            "ryhmat-rinnakkain": (view_compare.page_html, True),
            FACILITATOR_PAGE: (view_facilitator.page_html, True), COMMENTS_PAGE: (view_comments.page_html, False)}


def prepare() -> None:
    """Import the views now; in a pre-heated Voilà kernel, then wait for the request (see module doc)."""
    _views()
    if os.environ.get("VOILA_PREHEAT", "False") == "True":
        _warm_up()
        from voila.utils import wait_for_request

        wait_for_request()


def _warm_up() -> None:
    """What the first view would pay once per kernel: the item bank, fonts of a first chart, SQL dialects,
    and every code path of every page (pandas, matplotlib and SQLAlchemy set much up on first use).

    Each dashboard is rendered once here and thrown away: the page the coordinator then gets is built
    again from the data as it is at the moment of the request, only faster. A failure here is ignored;
    the real render shows it.
    """
    from sqlalchemy import create_engine

    from ..items import bank
    from . import charts

    bank()
    charts.line_chart("warm-up", "", "", ["a"], {"a": [1.0]}, "")
    create_engine("sqlite://").dispose()
    for name in (*DASHBOARDS, FACILITATOR_PAGE, COMMENTS_PAGE):
        try:
            render(name)
        except Exception:  # noqa: BLE001, S112 - warming up only; show() reports real problems
            continue


def render(name: str, dirs: list[Path] | None = None, viewer: Viewer | None = None,
           key: bytes | None = None) -> str:
    """The HTML of dashboard ``name`` (one of ``DASHBOARDS``) for the courses ``dirs``."""
    builder, needs_answers = _views()[name]
    data = load_cohorts(dirs, answers=needs_answers, comments=name == COMMENTS_PAGE)
    return builder(context(data, viewer, key))


def show(name: str) -> Html:
    """The dashboard cell: ``show("edistyminen")`` etc., courses from the environment."""
    return Html(render(name))


def render_facilitator(dirs: list[Path] | None = None, facilitator: str | None = None,
                       key: bytes | None = None) -> tuple[str, ViewContext]:
    """The facilitator's page for ``facilitator`` (default: ``facilitator.facilitator_viewer``'s rule)
    and the context it was built from (for the controls under it)."""
    from .facilitator import facilitator_viewer
    from .view_facilitator import page_html

    ctx = context(load_cohorts(dirs), facilitator_viewer(facilitator), key)
    return page_html(ctx), ctx


def show_facilitator(actions: object = None, facilitator: str | None = None,
                     dirs: list[Path] | None = None) -> list[object]:
    """The facilitator's page cell: the page, then the coach's controls of each of their courses when
    ``actions`` is given (the notebook passes ``valmennus.ops.controls``). ``facilitator``: the name the
    hub's service has authenticated, if it passes one (else ``facilitator_viewer``'s rule). Displays them
    and returns what it displayed."""
    from IPython.display import display

    from ..course.settings import CourseSettings
    from .coach_panel import coach_panels
    from .cohorts import course_dirs
    from .facilitator import own_people

    folders = [Path(d) for d in (dirs if dirs is not None else course_dirs())]
    markup, ctx = render_facilitator(folders, facilitator)
    shown: list[object] = [Html(markup)]
    own = own_people(ctx.data.people, ctx.viewer)
    if actions is not None and not own.empty:
        courses = {}
        for folder in folders:  # the controls write the course folder: only courses this process can read
            try:
                course = CourseSettings.load(folder)
            except (FileNotFoundError, OSError):
                continue
            courses[course.root.name] = course
        shown += [panel.widget for panel in coach_panels(courses, own, ctx.data.weeks, actions)]  # type: ignore[arg-type]
    for item in shown:
        display(item)
    return shown
