"""The progress dashboard: completion per week (chart + table), participant x week grid, who is behind."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import local_datetime, t
from . import charts
from .view_common import empty_note, figure, page, percent, section, table

if TYPE_CHECKING:
    from .view_context import ViewContext


def state_word(state: str, late: bool) -> str:
    word = t(f"dsh_state_{state}")
    return f"{word} ({t('dsh_late')})" if late and state not in ("open", "missing") else word


def weekly_section(ctx: ViewContext) -> str:
    progress = ctx.tables.progress
    if progress.empty:
        return section(t("dsh_progress_weekly"), "", empty_note(t("dsh_no_data")))
    weeks = progress.drop_duplicates("week").sort_values("order")["week"].tolist()
    series = {cohort: [rows.set_index("week")["submitted_rate"].get(w) for w in weeks]
              for cohort, rows in progress.groupby("cohort", sort=True)}
    desc = "; ".join(f"{c}: " + ", ".join(f"{w} {percent(v)}" for w, v in zip(weeks, vals, strict=True))
                     for c, vals in series.items())
    svg = charts.line_chart("chart-progress", t("dsh_progress_chart"), desc, weeks, series,
                            t("dsh_submitted_share"), 1.05, percent=True)
    shown = pd.DataFrame({
        t("dsh_col_week"): progress["week"], t("dsh_col_cohort"): progress["cohort"],
        t("dsh_col_participants"): progress["participants"], t("dsh_col_submitted"): progress["submitted"],
        t("dsh_col_graded"): progress["graded"], t("dsh_col_complete"): progress["complete"],
        t("dsh_col_released"): progress["feedback_released"],
        t("dsh_col_submitted_share"): progress["submitted_rate"].map(percent),
        t("dsh_col_complete_share"): progress["complete_rate"].map(percent)})
    numeric = list(shown.columns[2:])
    return section(t("dsh_progress_weekly"), t("dsh_progress_weekly_intro"),
                   figure(svg, t("dsh_chart_table_below")),
                   table(shown, t("dsh_progress_weekly"), "eteneminen-viikoittain", numeric))


def grid_section(ctx: ViewContext) -> str:
    status = ctx.tables.status
    if status.empty:
        return section(t("dsh_grid"), "", empty_note(t("dsh_no_data")))
    labelled = ctx.with_labels(status)
    labelled["word"] = [state_word(s, late) for s, late in zip(labelled["state"], labelled["late"], strict=True)]
    parts = []
    weeks = status.drop_duplicates("week").sort_values("order")["week"].tolist()
    for cohort, rows in labelled.groupby("cohort", sort=True):
        wide = rows.pivot_table(index=["label", "own"], columns="week", values="word", aggfunc="first")
        wide = wide.reindex(columns=weeks).reset_index().sort_values(["own", "label"], ascending=[False, True])
        shown = wide.drop(columns="own").rename(columns={"label": t("dsh_col_participant")}).fillna("–")
        caption = t("dsh_grid_caption", cohort=cohort)
        parts.append(table(shown.reset_index(drop=True), caption, f"tilanne-{cohort}"))
    return section(t("dsh_grid"), t("dsh_grid_intro"), *parts)


def behind_section(ctx: ViewContext) -> str:
    behind = ctx.tables.behind
    if behind.empty:
        return section(t("dsh_behind"), t("dsh_behind_intro"), empty_note(t("dsh_behind_none")))
    labelled = ctx.with_labels(behind).sort_values(["own", "weeks_behind", "label"], ascending=[False, False, True])
    shown = pd.DataFrame({
        t("dsh_col_participant"): labelled["label"], t("dsh_col_cohort"): labelled["cohort"],
        t("dsh_col_weeks_behind"): labelled["weeks_behind"], t("dsh_col_missing_weeks"): labelled["missing_weeks"],
        t("dsh_col_last_week"): labelled["last_week"].replace("", "–"),
        t("dsh_col_last_submitted"): [local_datetime(v.to_pydatetime(warn=False)) if pd.notna(v) else "–"
                                      for v in labelled["last_submitted_at"]]})
    return section(t("dsh_behind"), t("dsh_behind_intro"),
                   table(shown.reset_index(drop=True), t("dsh_behind"), "jaljessa", [t("dsh_col_weeks_behind")]))


def page_html(ctx: ViewContext) -> str:
    return page(t("dsh_progress_title"), t("dsh_progress_intro"),
                [weekly_section(ctx), behind_section(ctx), grid_section(ctx)],
                ctx.data.names, ctx.data.as_of.floor("s").to_pydatetime(), ctx.stable_ids, ctx.viewer_note())
