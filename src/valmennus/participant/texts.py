"""The words of the participant's pages for a week's state, in the participant's language.

Dates as participants read a course calendar: day and month (``12.1.`` in Finnish and Swedish,
``12/1`` in English) and a Helsinki clock time (``i18n.local_time``), joined by the catalog
(``pa_date_time``: ``12.1. klo 23.59``). The year is left out: a course runs for two months.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..course.schedule import Week
from ..i18n import HELSINKI, local_time, t
from .state import State, WeekStatus

_NUMBERED = re.compile(r"viikko(\d+)$")


def short_date(moment: datetime, lang: str) -> str:
    local = moment.astimezone(HELSINKI)
    return f"{local.day}/{local.month}" if lang == "en" else f"{local.day}.{local.month}."


def when(moment: datetime, lang: str) -> str:
    return t("pa_date_time", lang, date=short_date(moment, lang), time=local_time(moment, lang))


def week_name(week: Week, lang: str) -> str:
    """``Viikko 1`` for ``viikko1``; a week without a number is called by its theme."""
    m = _NUMBERED.match(week.id)
    return t("pa_week_n", lang, n=m.group(1)) if m else week.theme_in(lang)


def week_title(week: Week, lang: str) -> str:
    """``Viikko 1: <theme>`` (the theme alone for an unnumbered week)."""
    name = week_name(week, lang)
    theme = week.theme_in(lang)
    return name if name == theme else f"{name}: {theme}"


def status_text(status: WeekStatus, lang: str) -> str:
    week = status.week
    if status.state is State.UPCOMING:
        return t("pa_st_upcoming", lang, date=short_date(week.release, lang))
    if status.state is State.OPEN:
        return t("pa_st_open", lang, due=when(week.due, lang))
    if status.state is State.STARTED:
        return t("pa_st_started", lang, due=when(week.due, lang))
    if status.state is State.LATE:
        return t("pa_st_late", lang, due=when(week.due, lang))
    at = when(status.submitted_at, lang) if status.submitted_at else ""
    submitted = t("pa_st_submitted_late" if status.late else "pa_st_submitted", lang, at=at)
    if status.state is State.FEEDBACK:
        return f"{submitted} · {t('pa_st_feedback', lang)}"
    return submitted
