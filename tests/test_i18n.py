"""valmennus.i18n: Finnish first, English and Swedish always in step, through gettext catalogs."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest
from babel.messages.catalog import Catalog

from valmennus.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    count_placeholder,
    keys,
    local_datetime,
    local_time,
    number,
    percent,
    placeholders,
    po_catalog,
    po_path,
    t,
    tn,
)

ROOT = Path(__file__).resolve().parents[1]


def _forms(lang: str, key: str) -> list[str]:
    message = po_catalog(lang)[key]
    return list(message.string) if message.pluralizable else [message.string]


def _plural_keys() -> list[str]:
    return [key for key in keys(DEFAULT_LANGUAGE) if count_placeholder(key)]


def test_is_every_message_in_every_language_with_a_translation() -> None:
    fi = keys("fi")
    assert len(fi) > 200
    for lang in LANGUAGES:
        assert keys(lang) == fi, lang  # same keys, same order: the files can be read side by side
        for key in fi:
            message = po_catalog(lang)[key]
            assert not message.fuzzy, (lang, key)
            assert all(form.strip() for form in _forms(lang, key)), (lang, key)


def test_does_no_catalog_define_a_key_twice() -> None:
    # Babel merges a repeated msgid silently, so read the file itself
    for lang in LANGUAGES:
        ids = re.findall(r'^msgid "(.+)"$', po_path(lang).read_text("utf-8"), flags=re.MULTILINE)
        assert len(ids) == len(set(ids)) == len(keys(lang)), lang


def test_do_all_languages_and_forms_have_the_same_placeholders() -> None:
    for key in keys("fi"):
        expected = placeholders(_forms("fi", key)[-1])
        for lang in LANGUAGES:
            for form in _forms(lang, key):
                assert placeholders(form) == expected, (lang, key, form)


def test_does_each_catalog_have_the_plural_forms_of_its_language() -> None:
    for lang in LANGUAGES:
        catalog = po_catalog(lang)
        cldr = Catalog(locale=lang)
        assert catalog.plural_forms == cldr.plural_forms, lang  # the Plural-Forms header, from CLDR
        for key in _plural_keys():
            assert len(_forms(lang, key)) == cldr.num_plurals, (lang, key)


def test_does_every_plural_message_name_its_counting_placeholder_alike_in_every_language() -> None:
    assert set(_plural_keys()) == {"words", "words_min", "words_enough", "check_short", "check_failed",
                                   "dash_participants", "dash_submitted", "dsh_small_group", "dsh_chart_none",
                                   "cli_demo_participants", "cli_demo_weeks", "cli_demo_posts",
                                   "note_added_code", "note_added_markdown", "note_added_raw", "note_added_other",
                                   "note_missing", "note_retyped", "note_edited", "note_metadata",
                                   "note_forged_quiz", "note_planted"}
    for key in _plural_keys():
        plural = po_catalog("fi")[key].id[1]
        assert re.fullmatch(r"\{\w+\}", plural), key
        assert all(po_catalog(lang)[key].id[1] == plural for lang in LANGUAGES), key
        fields = placeholders(_forms("fi", key)[-1])
        assert not fields or count_placeholder(key) in fields, key  # a bare label ("osallistujaa") has none


@pytest.mark.parametrize("lang, one, two", [("fi", "1 sana", "2 sanaa"), ("en", "1 word", "2 words"),
                                            ("sv", "1 ord", "2 ord")])
def test_is_a_count_of_words_singular_for_one(lang: str, one: str, two: str) -> None:
    assert tn("words", 1, lang) == one
    assert tn("words", 2, lang) == two
    assert t("words", lang, n=1) == one  # t serves a plural message too, so old call sites read right
    assert tn("words", 0, lang) == two.replace("2", "0")


def test_does_the_minimum_choose_the_form_where_the_noun_goes_with_it() -> None:
    assert t("words_min", "fi", n=3, min=40) == "3 / vähintään 40 sanaa"
    assert t("words_min", "fi", n=3, min=1) == "3 / vähintään 1 sana"
    assert tn("words_min", 1, "en", n=0) == "0 / at least 1 word"
    assert "(3 / vähintään 40 sanaa)" in t("check_short", "fi", n=3, min=40, label="Pohdinta")
    assert t("check_failed", "fi", n=1) == "Kurssin tarkistus: 1 korjattava (yllä)."
    assert t("check_failed", "en", n=2) == "Course check: 2 things to fix (above)."
    assert tn("dash_participants", 1, "fi") == "osallistuja" and tn("dash_participants", 8, "fi") == "osallistujaa"


def test_are_plural_messages_refused_without_a_count() -> None:
    with pytest.raises(KeyError, match="plural"):
        t("words", "fi")
    with pytest.raises(KeyError, match="not a plural"):
        tn("cant_say", 2)
    with pytest.raises(TypeError, match="whole number"):
        t("words", "fi", n=1.5)
    with pytest.raises(ValueError, match="twice"):
        tn("words", 2, "fi", n=3)
    with pytest.raises(KeyError):
        t("no_such_key")


def test_is_the_language_chosen_by_course_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALMENNUS_LANG", "sv")
    assert t("cant_say") == "Kan inte säga"
    assert number(2.5) == "2,5"
    monkeypatch.setenv("VALMENNUS_LANG", "en")
    assert number(2.5) == "2.5"
    monkeypatch.setenv("VALMENNUS_LANG", "xx")
    assert t("cant_say") == "En osaa sanoa"


@pytest.mark.parametrize("lang, mean, change, share, whole", [
    ("fi", "3,5", "-0,25", "83 %", "7"),
    ("sv", "3,5", "-0,25", "83 %", "7"),
    ("en", "3.5", "-0.25", "83%", "7"),
])
def test_is_a_decimal_written_as_in_the_language(lang: str, mean: str, change: str, share: str,
                                                 whole: str) -> None:
    assert number(3.5, 1, lang) == mean
    assert number(-0.25, 2, lang) == change  # a hyphen-minus, which spreadsheets read as a number
    assert percent(5 / 6, lang) == share
    assert number(7.0, None, lang) == whole and number(Decimal("3.5"), None, lang) == mean
    assert number(1234.5, 1, lang).replace(",", ".") == "1234.5"  # no thousands separator on dashboards


def test_are_times_shown_in_helsinki_time() -> None:
    winter = datetime(2026, 11, 23, 10, 3, tzinfo=UTC)
    summer = datetime(2026, 6, 1, 10, 3, tzinfo=UTC)
    assert local_time(winter) == "12.03"
    assert local_time(summer) == "13.03"
    assert local_datetime(winter) == "23.11.2026 klo 12.03"
    assert local_time(datetime(2027, 1, 21, 23, 48, tzinfo=UTC)) == "01.48"  # two-digit hour, as always
    assert local_datetime(winter, "en") == "23/11/2026 12:03"
    assert local_datetime(winter, "sv") == "23.11.2026 kl. 12:03"  # Finland-Swedish, not CLDR's ISO date


@pytest.mark.parametrize("utc, helsinki", [
    (datetime(2027, 3, 28, 0, 30, tzinfo=UTC), "28.3.2027 klo 02.30"),  # EET, UTC+2: before the change
    (datetime(2027, 3, 28, 1, 30, tzinfo=UTC), "28.3.2027 klo 04.30"),  # EEST, UTC+3: 03.00-04.00 never was
    (datetime(2027, 10, 31, 0, 30, tzinfo=UTC), "31.10.2027 klo 03.30"),  # EEST
    (datetime(2027, 10, 31, 1, 30, tzinfo=UTC), "31.10.2027 klo 03.30"),  # EET: the same hour, again
])
def test_is_helsinki_time_right_across_the_daylight_saving_change(utc: datetime, helsinki: str) -> None:
    assert local_datetime(utc, "fi") == helsinki
    assert local_time(utc, "en") == helsinki.split("klo ")[1].replace(".", ":")


def test_are_the_catalogs_shipped_with_the_package() -> None:
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    patterns = setup["package-data"]["valmennus"]
    for lang in LANGUAGES:
        path = PurePosixPath(Path(str(po_path(lang))).relative_to(ROOT / "src" / "valmennus").as_posix())
        assert any(path.match(pattern) for pattern in patterns), path
