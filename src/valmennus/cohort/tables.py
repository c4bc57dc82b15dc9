"""Every table the dashboards show, built from the source tables in one pure function.

The dashboards, the CSV downloads and the benchmark all go through ``build_tables``, so what is
timed is what is shown; the participant x week status is ``records.status``, the one model that the
facilitator's commands read too. Baseline and closing weeks are each cohort's first and last scheduled week.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..items import Item, bank
from ..records.status import participant_weeks
from . import compare, evaluation, skills, status, turnaround
from .cohorts import CohortData


@dataclass
class DashboardTables:
    status: pd.DataFrame
    progress: pd.DataFrame
    grid: pd.DataFrame
    behind: pd.DataFrame
    pairs: pd.DataFrame
    skills_by_group: pd.DataFrame
    skills_by_item: pd.DataFrame
    cant_say: pd.DataFrame
    turnaround: pd.DataFrame
    turnaround_by_week: pd.DataFrame
    turnaround_by_facilitator: pd.DataFrame
    usefulness: pd.DataFrame
    workload: pd.DataFrame
    course_feedback: pd.DataFrame
    side_by_side: pd.DataFrame


def _pairs(data: CohortData, items: dict[str, Item]) -> tuple[pd.DataFrame, dict[str, Item]]:
    frames, used = [], {}
    for cohort, weeks in data.weeks.sort_values("order").groupby("cohort", sort=False):
        if len(weeks) < 2:
            continue
        baseline, closing = weeks["week"].iloc[0], weeks["week"].iloc[-1]
        chosen = skills.survey_items(items, baseline, closing)
        used.update(chosen)
        frames.append(skills.prepost(data.answers[data.answers["cohort"] == cohort], chosen, baseline, closing))
    frames = [f for f in frames if len(f)]
    pairs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=skills.PREPOST_COLUMNS)
    return pairs, used


def build_tables(data: CohortData, items: dict[str, Item] | None = None) -> DashboardTables:
    """All dashboard tables of ``data`` (pure: no files, no clock other than ``data.as_of``)."""
    items = items if items is not None else bank()
    st = participant_weeks(data.people, data.grades, data.collected, data.feedback, data.weeks, data.as_of)
    pairs, survey = _pairs(data, items)
    rows = turnaround.turnarounds(st, data.people)
    use_ids = list(evaluation.items_of(items, "pulse_usefulness"))
    load_ids = list(evaluation.items_of(items, "pulse_workload"))
    cf_ids = [i for i, item in evaluation.items_of(items, "course_feedback").items() if item.kind == "likert5"]
    return DashboardTables(
        status=st, progress=status.weekly_progress(st), grid=status.status_grid(st), behind=status.behind(st),
        pairs=pairs, skills_by_group=skills.change_by_group(pairs), skills_by_item=skills.change_by_item(pairs),
        cant_say=skills.cant_say_counts(data.answers, survey),
        turnaround=rows, turnaround_by_week=turnaround.by_week(rows, data.as_of),
        turnaround_by_facilitator=turnaround.by_facilitator(rows, data.as_of),
        usefulness=evaluation.pulse_usefulness(data.answers, data.weeks, use_ids),
        workload=evaluation.pulse_workload(data.answers, data.weeks, load_ids),
        course_feedback=evaluation.course_feedback(data.answers, cf_ids),
        side_by_side=compare.cohorts_side_by_side(st, rows, pairs, data.answers, use_ids, cf_ids),
    )
