"""The skills dashboard: baseline vs closing by DigComp area and construct, readiness rulers, every item."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import t, tn
from ..items import bank
from . import charts
from .privacy import MIN_GROUP
from .skills import RULER_CONSTRUCTS, participant_means
from .view_common import empty_note, figure, number, page, percent, section, small_group, table

if TYPE_CHECKING:
    from .view_context import ViewContext

GROUP_ORDER = ("digcomp-1", "digcomp-2", "digcomp-3", "digcomp-4", "digcomp-5", "digital_courage", "mi", "ethics",
               "readiness")


def group_label(group: str) -> str:
    key = "dsh_group_" + group.replace("-", "_")
    return t(key) if group in GROUP_ORDER else group


def item_label(item_id: str) -> str:
    item = bank().get(item_id)
    return f"{item_id} {item.short_label(limit=48)}" if item else item_id


def _stats(frame: pd.DataFrame, first: pd.Series, first_label: str) -> pd.DataFrame:
    small = frame["suppressed"].astype(bool)

    def col(name: str, fmt) -> list[str]:  # noqa: ANN001
        return [small_group() if s else fmt(v) for v, s in zip(frame[name], small, strict=True)]

    return pd.DataFrame({
        first_label: first, t("dsh_col_cohort"): frame["cohort"], t("dsh_col_n_both"): frame["n"],
        t("dsh_col_before"): col("before_mean", number), t("dsh_col_after"): col("after_mean", number),
        t("dsh_col_change_mean"): col("change_mean", lambda v: number(v, 2)),
        t("dsh_col_q1"): col("change_q1", lambda v: number(v, 2)),
        t("dsh_col_median"): col("change_median", lambda v: number(v, 2)),
        t("dsh_col_q3"): col("change_q3", lambda v: number(v, 2)),
        t("dsh_col_rose"): col("rose", percent), t("dsh_col_same"): col("same", percent),
        t("dsh_col_fell"): col("fell", percent)})


def _numeric() -> list[str]:
    return [t(k) for k in ("dsh_col_n_both", "dsh_col_before", "dsh_col_after", "dsh_col_change_mean", "dsh_col_q1",
                           "dsh_col_median", "dsh_col_q3", "dsh_col_rose", "dsh_col_same", "dsh_col_fell")]


def _box(ctx: ViewContext, groups: pd.DataFrame, chart_id: str, title: str, per_item: bool) -> str:
    """Box plots of the change among groups big enough to show (from the same pairs as the table)."""
    shown = groups[~groups["suppressed"].astype(bool)]
    if shown.empty:
        return empty_note(tn("dsh_chart_none", MIN_GROUP))
    pairs = ctx.tables.pairs
    source = pairs.rename(columns={"item": "key"}) if per_item else participant_means(pairs).rename(
        columns={"group": "key"})
    key = "item" if per_item else "group"
    many = shown["cohort"].nunique() > 1
    labels, values, words = [], [], []
    for row in shown.itertuples(index=False):
        name = item_label(getattr(row, key)) if per_item else group_label(getattr(row, key))
        label = f"{row.cohort} · {name}" if many else name
        labels.append(label)
        values.append(source[(source["cohort"] == row.cohort) & (source["key"] == getattr(row, key))]["change"])
        words.append(f"{label}: {t('dsh_median')} {number(row.change_median, 2)}, "
                     f"{t('dsh_quartiles')} {number(row.change_q1, 2)}…{number(row.change_q3, 2)}")
    svg = charts.box_chart(chart_id, title, "; ".join(words), labels, values, t("dsh_change"))
    return figure(svg, t("dsh_chart_table_below"))


def page_html(ctx: ViewContext) -> str:
    by_group, by_item = ctx.tables.skills_by_group, ctx.tables.skills_by_item
    sections = []
    if by_group.empty:
        sections.append(section(t("dsh_skills_groups"), t("dsh_skills_groups_intro"),
                                empty_note(t("dsh_skills_none"))))
    else:
        order = {g: i for i, g in enumerate(GROUP_ORDER)}
        by_group = by_group.assign(o=by_group["group"].map(order).fillna(99)).sort_values(["o", "cohort"])
        sections.append(section(
            t("dsh_skills_groups"), t("dsh_skills_groups_intro"),
            _box(ctx, by_group, "chart-skills-groups", t("dsh_skills_groups"), per_item=False),
            table(_stats(by_group, by_group["group"].map(group_label), t("dsh_col_group")),
                  t("dsh_skills_groups"), "osaaminen-alueittain", _numeric())))
    rulers = by_item[by_item["construct"].isin(RULER_CONSTRUCTS)] if len(by_item) else by_item
    if len(rulers):
        sections.append(section(
            t("dsh_skills_rulers"), t("dsh_skills_rulers_intro"),
            _box(ctx, rulers, "chart-skills-rulers", t("dsh_skills_rulers"), per_item=True),
            table(_stats(rulers, rulers["item"].map(item_label), t("dsh_col_item")), t("dsh_skills_rulers"),
                  "valmiusjanat", _numeric())))
    if len(by_item):
        items = by_item.sort_values(["item", "cohort"])
        sections.append(section(t("dsh_skills_items"), t("dsh_skills_items_intro"),
                                table(_stats(items, items["item"].map(item_label), t("dsh_col_item")),
                                      t("dsh_skills_items"), "osaaminen-vaittamittain", _numeric())))
    cant = ctx.tables.cant_say
    if len(cant):
        shown = pd.DataFrame({t("dsh_col_item"): cant["item"].map(item_label), t("dsh_col_cohort"): cant["cohort"],
                              t("dsh_col_week"): cant["week"], t("dsh_col_cant_say"): cant["cant_say"]})
        sections.append(section(t("dsh_cant_say"), t("dsh_cant_say_intro"),
                                table(shown, t("dsh_cant_say"), "en-osaa-sanoa", [t("dsh_col_cant_say")])))
    return page(t("dsh_skills_title"), t("dsh_skills_intro"), sections, ctx.data.names,
                ctx.data.as_of.floor("s").to_pydatetime(), ctx.stable_ids, ctx.viewer_note())
