"""The dashboards' entry points: one call per notebook cell (``prepare(name)``, then ``show(name)``).

In a kernel Voilà has pre-heated (``--preheat_kernel``), ``prepare(name)`` does the page's work before
anyone asks and then waits for the request there (``voila.utils.wait_for_request``): it imports
everything, reads the stores (``cohorts.load_cohorts``), builds every table (``tables.build_tables``)
and, for the coordinators' pages, the whole page. A coordinator's page is the same for every
coordinator (pseudonyms and aggregates only), so after the request ``show(name)`` checks who asked
(``Viewer.from_env``, set from the request by the hub's service) and displays the ready page; for
anyone else (a facilitator, who sees their own participants' names) it builds the page from the data
and tables read before; the facilitator's own page (``show_facilitator``) likewise: data and tables
before, who is asking and their people after.

How fresh: a pre-heated kernel may wait in the pool for hours, so while it waits it reads the stores and
rebuilds the page again every half of ``Dashboards.page_max_age`` (300 s), and a page older than that
when asked for is built again at the request (0: always at the request). Every page says when its data
were read ("Tiedot luettu klo 12.03", ``view_context.store_note``). Outside a pre-heated kernel (plain
Voilà, JupyterLab) ``prepare`` only imports and ``show`` reads and builds at once.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..options import Dashboards, configured
from .cohorts import CohortData, load_cohorts
from .privacy import COORDINATOR, Viewer
from .tables import DashboardTables
from .view_common import Html
from .view_context import ViewContext, context

log = logging.getLogger(__name__)

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


@dataclass
class Prepared:
    """A page's data read before the request: the stores' tables, the dashboard tables, and the
    coordinators' page (empty for the facilitator's page, which depends on who asks)."""

    data: CohortData
    tables: DashboardTables
    page: str
    built: float  # time.monotonic() when the stores were read


_prepared: dict[str, Prepared] = {}
_building = threading.Lock()  # one build at a time: the refresher's and the request's (charts share pyplot)
_asked = threading.Event()  # the request has come: the refresher stops


def prepare(name: str | None = None) -> None:
    """The notebook's first cell. Imports the views; in a pre-heated Voilà kernel builds page ``name``
    (``build``), keeps it fresh while waiting, and waits for the request (see the module's docstring).
    Without a name (an older notebook) every page is rendered once and thrown away, to warm up."""
    _views()
    if os.environ.get("VOILA_PREHEAT", "False") != "True":
        return
    if name is None:
        _warm_up()
    elif _max_age() > 0:
        try:
            build(name)
        except Exception:  # noqa: BLE001 - built again at the request, where a problem is shown
            log.warning("dashboard %s: building before the request failed", name, exc_info=True)
        threading.Thread(target=_refresh, args=(name, _max_age() / 2), daemon=True,
                         name=f"valmennus-refresh-{name}").start()
    from voila.utils import wait_for_request

    try:
        wait_for_request()
    finally:
        _asked.set()


def _max_age() -> float:
    return float(max(0, configured(Dashboards).page_max_age))


def build(name: str, abandon: Callable[[], bool] = lambda: False) -> Prepared | None:
    """Read the stores for page ``name`` and build its tables, and the coordinators' page unless it is
    the facilitator's; kept for ``show`` (``ready``). ``abandon``: asked between the steps (the refresher
    gives up when the request has come: the page shown then must not share the kernel with a build)."""
    builder, needs_answers = _views()[name]
    with _building:
        started = time.monotonic()
        data = load_cohorts(answers=needs_answers, comments=name == COMMENTS_PAGE)
        if abandon():
            return None
        ctx = context(data, Viewer(COORDINATOR))
        if abandon():
            return None
        prepared = Prepared(data, ctx.tables, "" if name == FACILITATOR_PAGE else builder(ctx), started)
    _prepared[name] = prepared
    return prepared


def ready(name: str) -> Prepared | None:
    """Page ``name`` as built before the request, when it is at most ``Dashboards.page_max_age`` old."""
    prepared = _prepared.get(name)
    if prepared is None or time.monotonic() - prepared.built > _max_age():
        return None
    return prepared


def _refresh(name: str, every: float) -> None:
    """While the kernel waits for its request: read the stores and build the page again every ``every`` s."""
    while not _asked.wait(every):
        try:
            build(name, abandon=_asked.is_set)
        except Exception:  # noqa: BLE001 - the page read before stays (or is built at the request)
            log.warning("dashboard %s: refreshing before the request failed", name, exc_info=True)


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
    """The HTML of dashboard ``name`` (one of ``DASHBOARDS``) for the courses ``dirs``, read now."""
    builder, needs_answers = _views()[name]
    data = load_cohorts(dirs, answers=needs_answers, comments=name == COMMENTS_PAGE)
    return builder(context(data, viewer, key))


def page_for_request(name: str) -> str:
    """Page ``name`` for whoever asked (``Viewer.from_env``): the page built before the request when it
    is fresh and the viewer a coordinator, else built now from the data read before (when fresh), else
    read and built now."""
    viewer = Viewer.from_env()
    prepared = ready(name)
    if prepared is None:
        with _building:
            return render(name, viewer=viewer)
    if viewer.role == COORDINATOR and prepared.page:
        return prepared.page
    with _building:
        return _views()[name][0](context(prepared.data, viewer, tables=prepared.tables))


def show(name: str) -> Html:
    """The dashboard cell: ``show("edistyminen")`` etc., courses from the environment."""
    return Html(page_for_request(name))


def render_facilitator(dirs: list[Path] | None = None, facilitator: str | None = None,
                       key: bytes | None = None) -> tuple[str, ViewContext]:
    """The facilitator's page for ``facilitator`` (default: ``facilitator.facilitator_viewer``'s rule)
    and the context it was built from (for the controls under it)."""
    from .facilitator import facilitator_viewer
    from .view_facilitator import page_html

    prepared = ready(FACILITATOR_PAGE) if dirs is None else None  # read before the request: courses from the options
    with _building:
        if prepared is None:
            ctx = context(load_cohorts(dirs), facilitator_viewer(facilitator), key)
        else:
            ctx = context(prepared.data, facilitator_viewer(facilitator), key, tables=prepared.tables)
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
    markup, ctx = render_facilitator(dirs, facilitator)
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
