"""Synthetic source tables for the dashboards' unit tests and benchmark: no files, no gradebook.

Shaped exactly like what ``cohorts.load_cohorts`` reads (same columns), seeded so a run repeats:
eight weeks in January-February 2027, participants who drop out or submit late, two facilitators
with different turnaround, baseline/closing survey answers that mostly rise, a weekly pulse and
course feedback. The lead's ``valmennus.demo.simulate`` plays a cohort through real nbgrader; this one
only builds tables, so a thousand participants take well under a second.
"""

from __future__ import annotations

import random

import pandas as pd

from ..items import CANT_SAY, bank
from ..records.sources import ANSWER_COLUMNS, COLLECTED_COLUMNS, FEEDBACK_COLUMNS, GRADE_COLUMNS
from ..records.status import WEEK_COLUMNS
from .cohorts import PEOPLE_COLUMNS, CohortData
from .skills import survey_items

WEEKS = ("viikko0", "viikko1", "viikko2", "viikko3", "viikko4", "viikko5", "viikko6", "paatos")
FIRST_RELEASE = pd.Timestamp("2027-01-04 06:00", tz="UTC")
FACILITATORS = ("ohjaaja-a", "ohjaaja-b")


def _survey_ids() -> list[str]:
    return list(survey_items(bank(), "viikko0", "paatos"))


def synthetic_cohorts(n: int = 20, cohorts: tuple[str, ...] = ("kevat27",), seed: int = 2026,
                      cf_items: tuple[str, ...] = ("CF1", "CF2", "CF3")) -> CohortData:
    """``n`` participants in each cohort, eight weeks played, every table filled.

    ``cf_items`` are course-feedback ids the bank may not have yet; answers to them are added as
    plain rows (the evaluation functions take the ids they are given).
    """
    rng = random.Random(seed)
    items = bank()
    survey = _survey_ids()
    people, grades, collected, feedback, answers, weeks = [], [], [], [], [], []
    for cohort in cohorts:
        for order, week in enumerate(WEEKS):
            release = FIRST_RELEASE + pd.Timedelta(weeks=order)
            weeks.append((cohort, week, order, release, release + pd.Timedelta(days=6, hours=15, minutes=59)))
        for k in range(1, n + 1):
            pid = f"p{k:04d}"
            facilitator = FACILITATORS[k % 2]
            people.append((cohort, pid, f"Etu{k}", f"Suku{k}", facilitator))
            stays = rng.random() < 0.85
            last = len(WEEKS) - 1 if stays else rng.randrange(1, len(WEEKS) - 1)
            level = rng.uniform(2.0, 3.8)
            for order, week in enumerate(WEEKS[: last + 1]):
                if rng.random() < 0.05:
                    continue  # skipped this week
                release = FIRST_RELEASE + pd.Timedelta(weeks=order)
                late = rng.random() < 0.1
                submitted = release + pd.Timedelta(hours=rng.uniform(180, 230) if late else rng.uniform(20, 150))
                collected.append((cohort, pid, week, submitted))
                for gid in ("a", "b", "c"):
                    score = 1.0 if rng.random() < 0.9 else 0.0
                    grades.append((cohort, pid, week, week, gid, "completion", score, 1.0, submitted))
                grades.append((cohort, pid, week, week, "task", "task", 1.0, 1.0, submitted))
                if rng.random() < 0.92:
                    hours = rng.uniform(12, 60) if facilitator == FACILITATORS[0] else rng.uniform(30, 140)
                    released = submitted + pd.Timedelta(hours=hours)
                    feedback.append((cohort, pid, week, released, released))
                if rng.random() < 0.8:
                    use = rng.choice([2, 3, 4, 4, 5, 5, CANT_SAY])
                    answers.append((cohort, pid, week, "PULSE_USE", *((float("nan"), CANT_SAY) if use == CANT_SAY
                                                                     else (float(use), None))))
                    answers.append((cohort, pid, week, "PULSE_LOAD", float("nan"),
                                    rng.choice(["too_little", "right", "right", "right", "too_much"])))
                if week in ("viikko0", "paatos"):
                    gain = 0.0 if week == "viikko0" else rng.uniform(-0.3, 1.2)
                    for item_id in survey:
                        kind = items[item_id].kind
                        if kind == "ruler":
                            value = max(0, min(10, round(level * 2 + gain * 2 + rng.gauss(0, 1))))
                            answers.append((cohort, pid, week, item_id, float(value), None))
                        elif rng.random() < 0.04:
                            answers.append((cohort, pid, week, item_id, float("nan"), CANT_SAY))
                        else:
                            value = max(1, min(5, round(level + gain + rng.gauss(0, 0.6))))
                            answers.append((cohort, pid, week, item_id, float(value), None))
                if week == "paatos":
                    for item_id in cf_items:
                        answers.append((cohort, pid, week, item_id, float(rng.choice([3, 4, 4, 5, 5])), None))
    frame = pd.DataFrame
    answer_frame = frame(answers, columns=ANSWER_COLUMNS)
    answer_frame["value"] = answer_frame["value"].astype(float)
    data = CohortData(
        people=frame(people, columns=PEOPLE_COLUMNS),
        grades=frame(grades, columns=["cohort", *GRADE_COLUMNS]),
        collected=frame(collected, columns=["cohort", *COLLECTED_COLUMNS]),
        feedback=frame(feedback, columns=["cohort", *FEEDBACK_COLUMNS]),
        answers=answer_frame, weeks=frame(weeks, columns=["cohort", "week", "order", "release", "due"])[WEEK_COLUMNS],
        as_of=FIRST_RELEASE + pd.Timedelta(weeks=len(WEEKS) + 1), names=list(cohorts))
    return data


def store_frames(data: CohortData, cohort: str) -> dict[str, pd.DataFrame]:
    """``data``'s rows of ``cohort`` as the reporting store's frames (``records.store.write_frames``): for
    a store filled without a played course (the store's benchmark, the pre-built pages' tests)."""
    from ..records import store

    def of(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["cohort"] == cohort].drop(columns="cohort").reset_index(drop=True)

    people, collected = of(data.people), of(data.collected)
    return {"participants": people[["participant", "first_name", "last_name"]],
            "roster": people.assign(small_group=""), "weeks": of(data.weeks), "grades": of(data.grades),
            "collected": collected, "graded": collected.rename(columns={"submitted_at": "graded_at"}),
            "feedback": of(data.feedback), "answers": of(data.answers),
            "comments": store._empty("comments").drop(columns="cohort")}
