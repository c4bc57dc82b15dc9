"""The feedback turnaround dashboard: hours from submission to released feedback, per week and facilitator."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import t, tn
from . import charts
from .privacy import MIN_GROUP
from .view_common import empty_note, figure, number, page, section, small_group, table

if TYPE_CHECKING:
    from .view_context import ViewContext


def _hours(frame: pd.DataFrame, column: str) -> list[str]:
    return [small_group() if small else number(v) for v, small in zip(frame[column], frame["suppressed"],
                                                                       strict=True)]


def _shown(frame: pd.DataFrame, first: str, first_label: str) -> pd.DataFrame:
    return pd.DataFrame({
        first_label: frame[first], t("dsh_col_cohort"): frame["cohort"],
        t("dsh_col_released_n"): frame["n"], t("dsh_col_median_hours"): _hours(frame, "median_hours"),
        t("dsh_col_slowest_hours"): _hours(frame, "slowest_hours"), t("dsh_col_waiting"): frame["waiting"],
        t("dsh_col_oldest_waiting"): frame["oldest_waiting_hours"].map(number)})


def _chart(frame: pd.DataFrame, first: str, chart_id: str, title: str) -> str:
    shown = frame[~frame["suppressed"].astype(bool)]
    if shown.empty:
        return empty_note(tn("dsh_chart_none", MIN_GROUP))
    many = shown["cohort"].nunique() > 1
    labels = [f"{c} · {x}" if many else str(x) for c, x in zip(shown["cohort"], shown[first], strict=True)]
    medians, slowest = shown["median_hours"].tolist(), shown["slowest_hours"].tolist()
    desc = "; ".join(f"{lab}: {t('dsh_median')} {number(m)} h, {t('dsh_slowest')} {number(s)} h"
                     for lab, m, s in zip(labels, medians, slowest, strict=True))
    svg = charts.bar_chart(chart_id, title, desc, labels,
                           {t("dsh_median"): medians, t("dsh_slowest"): slowest}, t("dsh_hours"))
    return figure(svg, t("dsh_chart_table_below"))


def page_html(ctx: ViewContext) -> str:
    weekly, people = ctx.tables.turnaround_by_week, ctx.tables.turnaround_by_facilitator
    sections = []
    if weekly.empty:
        sections.append(section(t("dsh_turn_week"), "", empty_note(t("dsh_no_data"))))
    else:
        numeric = [t("dsh_col_released_n"), t("dsh_col_median_hours"), t("dsh_col_slowest_hours"),
                   t("dsh_col_waiting"), t("dsh_col_oldest_waiting")]
        sections.append(section(t("dsh_turn_week"), t("dsh_turn_week_intro"),
                                _chart(weekly, "week", "chart-turn-week", t("dsh_turn_week")),
                                table(_shown(weekly, "week", t("dsh_col_week")), t("dsh_turn_week"),
                                      "palauteviive-viikoittain", numeric)))
        facilitators = people.assign(facilitator=people["facilitator"].replace("", t("dsh_unknown_facilitator")))
        sections.append(section(t("dsh_turn_facilitator"), t("dsh_turn_facilitator_intro"),
                                _chart(facilitators, "facilitator", "chart-turn-facilitator",
                                       t("dsh_turn_facilitator")),
                                table(_shown(facilitators, "facilitator", t("dsh_col_facilitator")),
                                      t("dsh_turn_facilitator"), "palauteviive-ohjaajittain", numeric)))
    return page(t("dsh_turn_title"), t("dsh_turn_intro"), sections, ctx.data.names,
                ctx.data.as_of.floor("s").to_pydatetime(), ctx.stable_ids, ctx.viewer_note())
