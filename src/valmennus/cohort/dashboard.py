"""The dashboards' entry points: one call per notebook cell (``prepare()``, then ``show(name)``).

``prepare`` imports everything heavy and, in a kernel Voilà has pre-heated (``--preheat_kernel``),
waits there for the coordinator's request, so the imports are paid before anyone asks and the data
is still read at the moment of the request (never a stale pre-rendered page). ``show`` reads the
cohorts (``cohorts.course_dirs``), builds every table (``tables.build_tables``) and renders one page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..i18n import t
from .cohorts import CohortData, load_cohorts
from .privacy import FACILITATOR, Viewer, display_names, pseudonym_key, shown_label
from .tables import DashboardTables, build_tables
from .view_common import Html

DASHBOARDS = ("edistyminen", "osaaminen", "palauteviive", "jatkuva-arviointi", "ryhmat-rinnakkain")


@dataclass
class ViewContext:
    """What a view needs: the data, its tables, how each participant is shown, and who is looking."""

    data: CohortData
    tables: DashboardTables
    labels: pd.DataFrame  # cohort, participant, label, own
    viewer: Viewer
    stable_ids: bool

    def with_labels(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with a ``label`` column (and ``own``) in place of the login id."""
        out = frame.merge(self.labels, on=["cohort", "participant"], how="left")
        out["label"] = out["label"].fillna("?")
        out["own"] = out["own"].fillna(False).astype(bool)
        return out

    def viewer_note(self) -> str:
        if self.viewer.role == FACILITATOR:
            return t("dsh_role_facilitator", facilitator=self.viewer.facilitator)
        return t("dsh_role_coordinator")


def context(data: CohortData, viewer: Viewer | None = None, key: bytes | None = None) -> ViewContext:
    """Tables and labels for ``data`` as ``viewer`` (default: from the environment) may see them."""
    viewer = viewer or Viewer.from_env()
    stable = True
    if key is None:
        key, stable = pseudonym_key()
    names = display_names(data.people, viewer, key)
    names["label"] = shown_label(names)
    return ViewContext(data=data, tables=build_tables(data), labels=names[["cohort", "participant", "label", "own"]],
                       viewer=viewer, stable_ids=stable)


def _views() -> dict[str, tuple[Callable[[ViewContext], str], bool]]:
    from . import view_compare, view_evaluation, view_progress, view_skills, view_turnaround

    # name -> (page builder, whether it needs the answers files)
    return {"edistyminen": (view_progress.page_html, False), "osaaminen": (view_skills.page_html, True),
            "palauteviive": (view_turnaround.page_html, False),
            "jatkuva-arviointi": (view_evaluation.page_html, True),
            "ryhmat-rinnakkain": (view_compare.page_html, True)}


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
    for name in DASHBOARDS:
        try:
            render(name)
        except Exception:  # noqa: BLE001, S112 - warming up only; show() reports real problems
            continue


def render(name: str, dirs: list[Path] | None = None, viewer: Viewer | None = None,
           key: bytes | None = None) -> str:
    """The HTML of dashboard ``name`` (one of ``DASHBOARDS``) for the courses ``dirs``."""
    builder, needs_answers = _views()[name]
    return builder(context(load_cohorts(dirs, answers=needs_answers), viewer, key))


def show(name: str) -> Html:
    """The dashboard cell: ``show("edistyminen")`` etc., courses from the environment."""
    return Html(render(name))
