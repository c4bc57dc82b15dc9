"""The continuous evaluation dashboard: weekly pulse (usefulness, workload) and the closing course feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import t, tn
from . import charts
from .evaluation import LIKERT, WORKLOAD_OPTIONS
from .privacy import MIN_GROUP
from .view_common import empty_note, figure, number, page, percent, section, small_group, table
from .view_skills import item_label

if TYPE_CHECKING:
    from .view_context import ViewContext


def _cells(frame: pd.DataFrame, column: str, fmt) -> list[str]:  # noqa: ANN001
    return [small_group() if s else fmt(v) for v, s in zip(frame[column], frame["suppressed"].astype(bool),
                                                           strict=True)]


def _likert_table(frame: pd.DataFrame, first: pd.Series, first_label: str) -> pd.DataFrame:
    data = {first_label: first, t("dsh_col_cohort"): frame["cohort"], t("dsh_col_answers"): frame["n"],
            t("dsh_col_mean"): _cells(frame, "mean", number)}
    for v in LIKERT:
        data[t(f"dsh_likert_{v}")] = _cells(frame, f"share_{v}", percent)
    data[t("dsh_col_agree")] = _cells(frame, "agree", percent)
    data[t("dsh_col_cant_say")] = frame["cant_say"]
    return pd.DataFrame(data)


def _labels(frame: pd.DataFrame, column: str, fmt=str) -> list[str]:  # noqa: ANN001
    many = frame["cohort"].nunique() > 1
    return [f"{c} · {fmt(x)}" if many else fmt(x) for c, x in zip(frame["cohort"], frame[column], strict=True)]


def usefulness_section(ctx: ViewContext) -> str:
    use = ctx.tables.usefulness
    if use.empty:
        return section(t("dsh_use"), t("dsh_use_intro"), empty_note(t("dsh_no_data")))
    shown = use[~use["suppressed"].astype(bool)]
    parts = []
    if shown.empty:
        parts.append(empty_note(tn("dsh_chart_none", MIN_GROUP)))
    else:
        weeks = use.drop_duplicates("week").sort_values("order")["week"].tolist()
        series = {c: [rows.set_index("week")["mean"].get(w) for w in weeks] for c, rows in shown.groupby("cohort")}
        desc = "; ".join(f"{c}: " + ", ".join(f"{w} {number(v)}" for w, v in zip(weeks, vals, strict=True))
                         for c, vals in series.items())
        parts.append(figure(charts.line_chart("chart-use", t("dsh_use"), desc, weeks, series, t("dsh_mean_1_5"),
                                              5.2), t("dsh_chart_table_below")))
    parts.append(table(_likert_table(use, use["week"], t("dsh_col_week")), t("dsh_use"), "pulssi-hyodyllisyys",
                       [t("dsh_col_answers"), t("dsh_col_mean")]))
    return section(t("dsh_use"), t("dsh_use_intro"), *parts)


def workload_section(ctx: ViewContext) -> str:
    load = ctx.tables.workload
    if load.empty:
        return section(t("dsh_load"), t("dsh_load_intro"), empty_note(t("dsh_no_data")))
    shown = load[~load["suppressed"].astype(bool)]
    parts = []
    if shown.empty:
        parts.append(empty_note(tn("dsh_chart_none", MIN_GROUP)))
    else:
        labels = _labels(shown, "week")
        parts_ = {t(f"dsh_load_{o}"): shown[f"share_{o}"].tolist() for o in WORKLOAD_OPTIONS}
        desc = "; ".join(f"{lab}: " + ", ".join(f"{name} {percent(vals[i])}" for name, vals in parts_.items())
                         for i, lab in enumerate(labels))
        parts.append(figure(charts.stacked_shares("chart-load", t("dsh_load"), desc, labels, parts_),
                            t("dsh_chart_table_below")))
    data = {t("dsh_col_week"): load["week"], t("dsh_col_cohort"): load["cohort"], t("dsh_col_answers"): load["n"]}
    for o in WORKLOAD_OPTIONS:
        data[t(f"dsh_load_{o}")] = _cells(load, f"share_{o}", percent)
    parts.append(table(pd.DataFrame(data), t("dsh_load"), "pulssi-tyomaara", [t("dsh_col_answers")]))
    return section(t("dsh_load"), t("dsh_load_intro"), *parts)


def course_feedback_section(ctx: ViewContext) -> str:
    cf = ctx.tables.course_feedback
    if cf.empty:
        return section(t("dsh_cf"), t("dsh_cf_intro"), empty_note(t("dsh_cf_none")))
    shown = cf[~cf["suppressed"].astype(bool)]
    parts = []
    if shown.empty:
        parts.append(empty_note(tn("dsh_chart_none", MIN_GROUP)))
    else:
        labels = _labels(shown, "item")
        parts_ = {t(f"dsh_likert_{v}"): shown[f"share_{v}"].tolist() for v in LIKERT}
        desc = "; ".join(f"{lab}: {t('dsh_col_mean')} {number(m)}, {t('dsh_col_agree')} {percent(a)}"
                         for lab, m, a in zip(labels, shown["mean"], shown["agree"], strict=True))
        parts.append(figure(charts.stacked_shares("chart-cf", t("dsh_cf"), desc, labels, parts_),
                            t("dsh_cf_chart_caption")))
    parts.append(table(_likert_table(cf, cf["item"].map(item_label), t("dsh_col_item")), t("dsh_cf"),
                       "kurssipalaute", [t("dsh_col_answers"), t("dsh_col_mean")]))
    return section(t("dsh_cf"), t("dsh_cf_intro"), *parts)


def page_html(ctx: ViewContext) -> str:
    return page(t("dsh_eval_title"), t("dsh_eval_intro"),
                [usefulness_section(ctx), workload_section(ctx), course_feedback_section(ctx)],
                ctx.data.names, ctx.data.as_of.floor("s").to_pydatetime(), ctx.stable_ids, ctx.viewer_note())
