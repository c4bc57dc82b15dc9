"""The package's options (valmennus.options): set in the course's nbgrader_config.py, overridden by an
environment variable only when one is set, each with its help, and a bad value named with where it
came from (issue 12, item 5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from valmennus import cli
from valmennus.course.build import source_path
from valmennus.course.settings import CONFIG_FILE, CourseSettings, step_path
from valmennus.i18n import current_language, t
from valmennus.options import (
    OPTION_CLASSES,
    Dashboards,
    Grading,
    OptionError,
    Reminders,
    Valmennus,
    as_env,
    config_sample,
    configured,
    describe,
)

ENV_NAMES = [trait.metadata["env"] for cls in OPTION_CLASSES for trait in cls.class_traits(config=True).values()]


@pytest.fixture(autouse=True)
def _no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets: no override from the machine that runs the tests (nor conftest's language)."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


def _course(folder: Path, *lines: str) -> Path:
    """A course folder whose nbgrader_config.py holds ``lines`` (and imports nothing, so it loads fast)."""
    folder.mkdir(parents=True, exist_ok=True)
    _write_config(folder, *lines)
    return folder


def _write_config(folder: Path, *lines: str) -> None:
    path = folder / CONFIG_FILE
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text("\n".join(["c = get_config()  # noqa: F821", *lines, ""]), encoding="utf-8")
    if path.stat().st_mtime_ns <= before:  # a coarse clock: the cache must see a new version
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_has_every_option_help_and_an_environment_variable_of_its_own() -> None:
    for cls in OPTION_CLASSES:
        assert (cls.__doc__ or "").strip(), cls.__name__
        for name, trait in cls.class_traits(config=True).items():
            assert len(trait.help) > 20, f"{cls.__name__}.{name} has no help"
            assert trait.metadata["env"].startswith("VALMENNUS_"), f"{cls.__name__}.{name}"
    assert len(ENV_NAMES) == len(set(ENV_NAMES))
    sample = config_sample()
    assert all(f"c.{cls.__name__}." in sample for cls in OPTION_CLASSES)


def test_does_the_file_set_an_option_and_a_set_variable_override_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = _course(tmp_path / "kurssi", 'c.Reminders.smtp_host = "smtp.example.org"', "c.Reminders.smtp_port = 587",
                   "c.Grading.fork_kernels = False")
    assert configured(Reminders, root).smtp_host == "smtp.example.org"
    assert configured(Reminders, root).smtp_port == 587
    assert configured(Reminders, root).smtp_from == ""  # the default where the file says nothing
    assert configured(Grading, root).fork_kernels is False
    monkeypatch.setenv("VALMENNUS_SMTP_HOST", "relay.example.org")
    monkeypatch.setenv("VALMENNUS_SMTP_PORT", " 2525 ")
    monkeypatch.setenv("VALMENNUS_FORK_KERNELS", "1")
    assert configured(Reminders, root).smtp_host == "relay.example.org"
    assert configured(Reminders, root).smtp_port == 2525
    assert configured(Grading, root).fork_kernels is True
    monkeypatch.setenv("VALMENNUS_SMTP_HOST", "  ")  # blank: a hub passing nothing
    assert configured(Reminders, root).smtp_host == "smtp.example.org"


def test_is_a_changed_file_read_again(tmp_path: Path) -> None:
    root = _course(tmp_path / "kurssi", 'c.Valmennus.language = "en"')
    assert configured(Valmennus, root).language == "en"
    _write_config(root, 'c.Valmennus.language = "SV"')
    assert configured(Valmennus, root).language == "sv"


def test_is_the_language_the_course_option_unless_the_environment_sets_one(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = _course(tmp_path / "kurssi", 'c.Valmennus.language = "sv"')
    monkeypatch.chdir(tmp_path)
    assert current_language() == "fi"  # no course here or above
    (root / "viikko1").mkdir()
    monkeypatch.chdir(root / "viikko1")  # a kernel in a week's folder of the course
    assert current_language() == "sv"
    assert t("cant_say") == "Kan inte säga"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VALMENNUS_COURSE", str(root))
    assert current_language() == "sv"
    monkeypatch.setenv("VALMENNUS_LANG", "en")
    assert current_language() == "en"


def test_does_a_bad_value_say_which_option_where_from_and_what_it_takes(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = _course(tmp_path / "kurssi", 'c.Reminders.smtp_port = "587a"', 'c.Valmennus.language = "de"',
                   'c.Dashboards.pseudonym_kee = "x"')
    with pytest.raises(OptionError, match=r"Reminders\.smtp_port from .*nbgrader_config\.py: expected an int"):
        configured(Reminders, root)
    with pytest.raises(OptionError, match=r"Valmennus\.language from .*any of \['fi', 'en', 'sv'\]"):
        configured(Valmennus, root)
    with pytest.raises(OptionError, match=r"Dashboards\.pseudonym_kee in .*did you mean Dashboards\.pseudonym_key"):
        configured(Dashboards, root)
    monkeypatch.setenv("VALMENNUS_FORK_KERNELS", "maybe")
    with pytest.raises(OptionError, match=r"VALMENNUS_FORK_KERNELS='maybe': Grading\.fork_kernels is yes or no"):
        configured(Grading, root)
    monkeypatch.setenv("VALMENNUS_LANG", "xx")
    with pytest.raises(OptionError, match=r"VALMENNUS_LANG in the environment"):
        configured(Valmennus, root)
    assert current_language() == "fi"  # a notebook never fails over the setting


def test_does_a_hub_pass_options_the_way_they_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    courses = [tmp_path / "a", tmp_path / "b"]
    env = as_env(Dashboards, courses=courses, role="facilitator", facilitator="ohjaaja-a")
    assert env["VALMENNUS_COURSES"] == os.pathsep.join(map(str, courses))
    assert as_env(Grading, fork_kernels=False) == {"VALMENNUS_FORK_KERNELS": "0"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # no course in use: the environment alone
    options = configured(Dashboards, None)
    assert options.courses == [str(p) for p in courses]
    assert (options.role, options.facilitator) == ("facilitator", "ohjaaja-a")


def test_do_reminders_and_dashboards_read_the_course_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from valmennus.cohort.cohorts import course_dirs
    from valmennus.cohort.privacy import Viewer, pseudonym_key
    from valmennus.ops.remind import Channels

    other = _course(tmp_path / "syksy")
    root = _course(tmp_path / "kevat", 'c.Reminders.webhook_url = "https://chat.example.org/hook"',
                   "c.Reminders.smtp_starttls = True", 'c.Dashboards.role = "facilitator"',
                   'c.Dashboards.facilitator = "ohjaaja-a"', 'c.Dashboards.pseudonym_key = "avain"',
                   f"c.Dashboards.courses = [{str(tmp_path / 'kevat')!r}, {str(other)!r}]")
    channels = Channels.for_course(CourseSettings.load(root))
    assert channels.webhook_url == "https://chat.example.org/hook" and channels.smtp_starttls
    assert channels.enabled() == ["webhook"]
    monkeypatch.setenv("VALMENNUS_COURSE", str(root))
    assert Viewer.from_env() == Viewer("facilitator", "ohjaaja-a")
    assert pseudonym_key() == (b"avain", True)
    assert course_dirs() == [root.resolve(), other.resolve()]
    monkeypatch.setenv("VALMENNUS_DASHBOARD_ROLE", "coordinator")  # the hub's word for this user
    assert Viewer.from_env() == Viewer("coordinator", "")


def test_does_valmennus_config_list_every_option_with_its_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = _course(tmp_path / "kurssi", 'c.Reminders.smtp_host = "smtp.example.org"')
    monkeypatch.setenv("VALMENNUS_PSEUDONYM_KEY", "salainen")
    assert cli.main(["--course", str(root), "config"]) == 0
    out = capsys.readouterr().out
    for cls in OPTION_CLASSES:
        for name, trait in cls.class_traits(config=True).items():
            assert f"c.{cls.__name__}.{name}" in out and trait.metadata["env"] in out
    assert "c.Reminders.smtp_host = 'smtp.example.org'  (from nbgrader_config.py)" in out
    assert "c.Dashboards.pseudonym_key = (set, hidden)  (from VALMENNUS_PSEUDONYM_KEY)" in out
    assert "salainen" not in out
    assert "c.Valmennus.language = 'fi'" in out and describe(root) in out

    _write_config(root, "c.Reminders.smtp_port = -1.5", 'c.Valmennus.language = "de"')
    assert cli.main(["--course", str(root), "config"]) == 2
    out = capsys.readouterr().out
    assert "! Reminders.smtp_port from" in out and "! Valmennus.language from" in out
    assert cli.main(["--course", str(root), "check"]) == 2  # any command: the option named, not a traceback
    assert "Valmennus.language from" in capsys.readouterr().err


def test_does_the_build_write_source_where_the_layout_puts_it(tmp_path: Path) -> None:
    root = _course(tmp_path / "kurssi", 'c.CourseDirectory.source_directory = "lahde"')
    assert source_path(root, "viikko1") == root / "lahde" / "viikko1" / "viikko1.ipynb"
    assert step_path(root, "release", week="viikko1") == CourseSettings.load(root).path("release", week="viikko1")
    assert step_path(tmp_path / "uusi", "source") == tmp_path / "uusi" / "source"  # no config yet: nbgrader's
