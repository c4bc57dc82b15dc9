"""Cohorts side by side: one row per cohort, and their weekly submission lines in one chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import t
from .view_common import number, page, percent, section, small_group, table
from .view_progress import weekly_section

if TYPE_CHECKING:
    from .view_context import ViewContext


def _blank(values: pd.Series, n: pd.Series, fmt) -> list[str]:  # noqa: ANN001
    return [small_group() if count < 5 else fmt(v) for v, count in zip(values, n, strict=True)]


def page_html(ctx: ViewContext) -> str:
    side = ctx.tables.side_by_side
    released = ctx.tables.turnaround.dropna(subset=["hours"]).groupby("cohort").size()
    shown = pd.DataFrame({
        t("dsh_col_cohort"): side["cohort"], t("dsh_col_participants"): side["participants"],
        t("dsh_col_submitted_share"): side["submitted_rate"].map(percent),
        t("dsh_col_finished"): side["finished_rate"].map(percent),
        t("dsh_col_median_hours"): _blank(side["median_turnaround_hours"],
                                          side["cohort"].map(released).fillna(0), number),
        t("dsh_col_skills_n"): side["skills_n"],
        t("dsh_col_skills_median"): _blank(side["skills_change_median"], side["skills_n"], lambda v: number(v, 2)),
        t("dsh_col_skills_rose"): _blank(side["skills_rose"], side["skills_n"], percent),
        t("dsh_col_use_mean"): _blank(side["usefulness_mean"], side["usefulness_n"], number),
        t("dsh_col_cf_agree"): _blank(side["feedback_agree"], side["feedback_n"], percent)})
    numeric = list(shown.columns[1:])
    sections = [section(t("dsh_compare_table"), t("dsh_compare_table_intro"),
                        table(shown, t("dsh_compare_table"), "ryhmat-rinnakkain", numeric)),
                weekly_section(ctx)]
    return page(t("dsh_compare_title"), t("dsh_compare_intro"), sections, ctx.data.names,
                ctx.data.as_of.floor("s").to_pydatetime(), ctx.stable_ids, ctx.viewer_note())
