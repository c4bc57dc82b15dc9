"""valmennus.i18n: Finnish first, English and Swedish always in step."""

from __future__ import annotations

import string
from datetime import UTC, datetime

import pytest

from valmennus.i18n import MESSAGES, local_datetime, local_time, t
from valmennus.i18n.catalog import MESSAGES as CORE
from valmennus.i18n.ops_catalog import MESSAGES as OPS


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_do_all_three_languages_have_the_same_messages_and_placeholders() -> None:
    assert set(MESSAGES["fi"]) == set(MESSAGES["en"]) == set(MESSAGES["sv"])
    for key, template in MESSAGES["fi"].items():
        assert _fields(MESSAGES["en"][key]) == _fields(template) == _fields(MESSAGES["sv"][key]), key


def test_do_the_two_catalogs_never_define_the_same_key() -> None:
    for lang in ("fi", "en", "sv"):
        assert not set(CORE[lang]) & set(OPS[lang]), lang


def test_is_the_language_chosen_by_course_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALMENNUS_LANG", "sv")
    assert t("cant_say") == "Kan inte säga"
    monkeypatch.setenv("VALMENNUS_LANG", "xx")
    assert t("cant_say") == "En osaa sanoa"


def test_are_times_shown_in_helsinki_time() -> None:
    winter = datetime(2026, 11, 23, 10, 3, tzinfo=UTC)
    summer = datetime(2026, 6, 1, 10, 3, tzinfo=UTC)
    assert local_time(winter) == "12.03"
    assert local_time(summer) == "13.03"
    assert local_datetime(winter) == "23.11.2026 klo 12.03"
