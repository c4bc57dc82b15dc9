"""User-facing strings in Finnish (first), English and Swedish.

One flat catalog per language; every key must exist in all three (a test checks). The language is
chosen by course configuration: ``VALMENNUS_LANG`` in the environment, else ``fi``. nbgrader's own
Lab panels stay English; these are the strings of our widgets, checks, summaries and commands.
"""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

from .catalog import MESSAGES as _CORE
from .dashboard_catalog import MESSAGES as _DASHBOARD
from .ops_catalog import MESSAGES as _OPS

MESSAGES: dict[str, dict[str, str]] = {lang: {**_CORE[lang], **_OPS[lang], **_DASHBOARD[lang]} for lang in _CORE}

LANGUAGES = ("fi", "en", "sv")
DEFAULT_LANGUAGE = "fi"
HELSINKI = ZoneInfo("Europe/Helsinki")


def current_language() -> str:
    lang = os.environ.get("VALMENNUS_LANG", DEFAULT_LANGUAGE).strip().lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the course language), filled with ``values``."""
    catalog = MESSAGES[lang or current_language()]
    template = catalog.get(key) or MESSAGES[DEFAULT_LANGUAGE][key]
    return template.format(**values) if values else template


def local_time(moment: datetime) -> str:
    """A clock time as participants read it: Helsinki time, ``12.03`` in Finnish, ``12:03`` otherwise."""
    local = moment.astimezone(HELSINKI)
    sep = "." if current_language() == "fi" else ":"
    return f"{local.hour:02d}{sep}{local.minute:02d}"


def local_datetime(moment: datetime) -> str:
    """Date and time in Helsinki time, e.g. ``23.11.2026 klo 12.03``."""
    local = moment.astimezone(HELSINKI)
    return t("datetime", day=local.day, month=local.month, year=local.year, time=local_time(moment))
