"""The facilitator's page ("Omat osallistujat"): their own participants by name, who is behind, what awaits
their feedback and for how long, and their group's week-0 needs (tables of ``cohort.facilitator``).

Only the viewing facilitator's own participants are ever on it (``facilitator.own_people``); a viewer who
is not a named facilitator gets the page's explanation and nothing else. The coach's controls of the
routine are widgets under this page (``controls_panel``), not part of its HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import local_datetime, t
from ..items import bank
from ..templates import macro
from . import facilitator
from .privacy import FACILITATOR
from .view_common import empty_note, number, page, percent, section, small_group, table
from .view_context import store_note

if TYPE_CHECKING:
    from markupsafe import Markup

    from .view_context import ViewContext


def _when(values: pd.Series) -> list[str]:
    return [local_datetime(v.to_pydatetime(warn=False)) if pd.notna(v) else "–" for v in values]


def waited(hours: float) -> str:
    """How long a submission has waited, as a coach reads it: hours under two days, else days."""
    if pd.isna(hours):
        return "–"
    if hours < 48:
        return t("dsh_fac_hours", hours=int(hours))
    return t("dsh_fac_days", days=int(hours // 24))


def scrolling(frame: pd.DataFrame, caption: str, filename: str, numeric: list[str] | None = None) -> Markup:
    """``view_common.table`` in a region that scrolls sideways on a phone (the page does not)."""
    return macro("dashboard_parts.html.j2", "scroll_region")(caption, table(frame, caption, filename, numeric or []))


def overview_section(own: pd.DataFrame, rows: pd.DataFrame) -> Markup:
    if own.empty:
        return section(t("dsh_fac_people"), "", empty_note(t("dsh_fac_no_people")))
    shown = pd.DataFrame({
        t("dsh_col_participant"): rows["name"], t("dsh_col_cohort"): rows["cohort"],
        t("dsh_fac_col_submitted"): [f"{s} / {e}" for s, e in zip(rows["submitted"], rows["expected"], strict=True)],
        t("dsh_col_weeks_behind"): rows["weeks_behind"],
        t("dsh_col_missing_weeks"): rows["missing_weeks"].replace("", "–"),
        t("dsh_col_last_submitted"): _when(rows["last_submitted_at"])})
    behind = int((rows["weeks_behind"] > 0).sum())
    intro = t("dsh_fac_people_intro", people=len(rows), behind=behind)
    return section(t("dsh_fac_people"), intro,
                   scrolling(shown, t("dsh_fac_people"), "omat-osallistujat",
                             [t("dsh_fac_col_submitted"), t("dsh_col_weeks_behind")]))


def waiting_section(rows: pd.DataFrame) -> Markup:
    if rows.empty:
        return section(t("dsh_fac_waiting"), t("dsh_fac_waiting_intro"), empty_note(t("dsh_fac_waiting_none")))
    shown = pd.DataFrame({
        t("dsh_col_participant"): rows["name"], t("dsh_col_cohort"): rows["cohort"],
        t("dsh_col_week"): rows["week"], t("dsh_fac_col_state"): rows["state"].map(lambda s: t(f"dsh_state_{s}")),
        t("dsh_fac_col_submitted_at"): _when(pd.to_datetime(rows["submitted_at"], utc=True)),
        t("dsh_fac_col_waited"): rows["waiting_hours"].map(waited)})
    intro = t("dsh_fac_waiting_intro") + " " + t("dsh_fac_waiting_oldest", count=len(rows),
                                                  oldest=waited(rows["waiting_hours"].max()))
    return section(t("dsh_fac_waiting"), intro, scrolling(shown, t("dsh_fac_waiting"), "odottaa-palautetta"))


def needs_section(summary: pd.DataFrame) -> Markup:
    if summary.empty:
        return section(t("dsh_fac_needs"), t("dsh_fac_needs_intro"), empty_note(t("dsh_no_data")))
    items = bank()
    parts = []
    for (cohort, item_id), rows in summary.groupby(["cohort", "item"], sort=False):
        item = items[item_id]
        caption = t("dsh_fac_needs_caption", question=item.label(), cohort=cohort,
                    count=int(rows["n"].iloc[0]))
        if rows["suppressed"].astype(bool).any():
            parts.append(empty_note(f"{caption}: {small_group()}"))
            continue
        rows = rows.sort_values("chosen", ascending=False, kind="stable")
        labels = {o.id: o.label() for o in item.options}
        shown = pd.DataFrame({t("dsh_fac_col_option"): rows["option"].map(labels),
                              t("dsh_fac_col_chosen"): rows["chosen"].map(lambda v: number(v, None)),
                              t("dsh_fac_col_share"): rows["share"].map(percent)})
        parts.append(scrolling(shown, caption, f"tarpeet-{cohort}-{item_id}",
                               [t("dsh_fac_col_chosen"), t("dsh_fac_col_share")]))
    return section(t("dsh_fac_needs"), t("dsh_fac_needs_intro"), *parts)


def page_html(ctx: ViewContext) -> str:
    """The facilitator's page for ``ctx.viewer`` (``facilitator.facilitator_viewer``)."""
    title = t("dsh_fac_title")
    as_of = ctx.data.as_of.floor("s").to_pydatetime()
    if ctx.viewer.role != FACILITATOR:
        return page(title, t("dsh_fac_intro"), [section(t("dsh_fac_people"), "", empty_note(t("dsh_fac_who")))],
                    ctx.data.names, as_of, True)
    own = facilitator.own_people(ctx.data.people, ctx.viewer)
    status = ctx.tables.status
    sections = [overview_section(own, facilitator.overview(status, own)),
                waiting_section(facilitator.awaiting_feedback(status, own, ctx.data.as_of)),
                needs_section(facilitator.needs_summary(ctx.data.answers, own, ctx.data.weeks, bank()))]
    notes = [t("dsh_fac_viewer", facilitator=ctx.viewer.facilitator), store_note(ctx.data)]
    return page(title, t("dsh_fac_intro"), sections, ctx.data.names, as_of, True, notes)
