"""The package's own options: traitlets ``Configurable`` classes read from the course's ``nbgrader_config.py``.

Why nbgrader's file: a course is configured in one place, the file nbgrader already reads, in the
way nbgrader is configured (``c.Reminders.smtp_host = "..."`` beside ``c.CourseDirectory.course_id``),
and every option carries its help (``valmennus config`` prints each one with its current value).
nbgrader ignores sections of classes it does not know, so these sections cost it nothing.

Why environment variables still count: a hub gives each user's server its own values (a
coordinator's role, the pseudonym key, the language) as environment variables, and a command passes
values to the processes it starts (grading kernels, Voilà) the same way. Each option names its
variable in its trait metadata (``env=``); a variable that is set and not blank overrides the file
(``configured``), otherwise it changes nothing; ``as_env`` writes them for a process to start.

Why layer 0: the language is read by ``i18n`` in participants' and grading kernels, so this module
imports only traitlets (already in every kernel), never nbgrader or ipywidgets. Loading the course's
config file runs it, and this course's file imports nbgrader: so ``configured`` does not read the file
when the environment already sets every option asked for (a grading kernel started by ``valmennus``).

``nbgrader_config.py`` is loaded here, once per version of the file (``load_config``); the course's
paths (``course/settings.py``) read the same cached copy.
"""

from __future__ import annotations

import copy
import difflib
import functools
import os
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from traitlets import Bool, CaselessStrEnum, Int, List, TraitError, TraitType, Unicode
from traitlets.config import Config, Configurable
from traitlets.config.loader import LazyConfigValue, PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"
#: The course folder, for processes started elsewhere (dashboards' kernels, a hub's servers). Not an
#: option of the file: it says where the file is.
COURSE_ENV = "VALMENNUS_COURSE"

LANGUAGES = ("fi", "en", "sv")
DEFAULT_LANGUAGE = "fi"
COORDINATOR = "coordinator"
FACILITATOR = "facilitator"

C = TypeVar("C", bound=Configurable)


class OptionError(ValueError):
    """An option's value that does not fit it, or an option that does not exist: the message names the
    option, where the value came from (the file or the environment variable) and what it accepts."""


class Valmennus(Configurable):
    """The course as participants see it."""

    language = CaselessStrEnum(
        LANGUAGES, default_value=DEFAULT_LANGUAGE,
        help="Language of widgets, checks, summaries, reminders, commands and dashboards: fi, en or sv. "
             "nbgrader's own panels stay English.",
    ).tag(config=True, env="VALMENNUS_LANG")


class Reminders(Configurable):
    """Where ``valmennus remind`` sends reminders. Keep the secrets (password, webhook address) out of a
    committed file: set them in the environment of whoever sends."""

    smtp_host = Unicode("", help="SMTP server for e-mail reminders. Empty: no e-mail.").tag(
        config=True, env="VALMENNUS_SMTP_HOST")
    smtp_port = Int(25, help="Port of the SMTP server.").tag(config=True, env="VALMENNUS_SMTP_PORT")
    smtp_from = Unicode("", help="Sender address of e-mail reminders. Empty: no e-mail.").tag(
        config=True, env="VALMENNUS_SMTP_FROM")
    smtp_user = Unicode("", help="User name for the SMTP server. Empty: send without logging in.").tag(
        config=True, env="VALMENNUS_SMTP_USER")
    smtp_password = Unicode("", help="Password for the SMTP server (a secret: set it in the environment).").tag(
        config=True, env="VALMENNUS_SMTP_PASSWORD", secret=True)
    smtp_starttls = Bool(False, help="Switch the SMTP connection to TLS (STARTTLS) before logging in.").tag(
        config=True, env="VALMENNUS_SMTP_STARTTLS")
    webhook_url = Unicode(
        "", help="Chat webhook for reminders (a JSON POST Teams, Slack and Matrix bridges accept). Each POST "
                 "names one participant: point it at a bot that sends direct messages, never at a group "
                 "channel. Empty: no chat reminders. A secret: set it in the environment.",
    ).tag(config=True, env="VALMENNUS_WEBHOOK_URL", secret=True)


class Grading(Configurable):
    """How ``valmennus autograde`` runs nbgrader's grading kernels."""

    fork_kernels = Bool(
        True, help="Fork grading kernels from a preloaded one (ops/forkkernel.py) instead of starting each "
                   "the ordinary way; False is what `valmennus autograde --no-fork` sets.",
    ).tag(config=True, env="VALMENNUS_FORK_KERNELS")


class Dashboards(Configurable):
    """Who sees what on the dashboards, and which courses they show (cohort/privacy.py)."""

    role = Unicode(
        COORDINATOR, help="Role of whoever opens the dashboards: 'coordinator' sees pseudonyms only; "
                          "'facilitator' (with Dashboards.facilitator) also sees the names of their own "
                          "participants. Any other value counts as 'coordinator'. A hub sets it per user.",
    ).tag(config=True, env="VALMENNUS_DASHBOARD_ROLE")
    facilitator = Unicode("", help="The facilitator's user name as in roster.csv's facilitator column "
                                   "(role 'facilitator' only).").tag(config=True, env="VALMENNUS_FACILITATOR")
    pseudonym_key = Unicode(
        "", help="Key of the pseudonyms (O-XXXXX). Empty: a random key for each dashboard kernel, so "
                 "pseudonyms change with every opening. A secret: whoever has it can link pseudonyms to "
                 "login ids; set it in the environment, never in a committed file.",
    ).tag(config=True, env="VALMENNUS_PSEUDONYM_KEY", secret=True)
    courses = List(
        Unicode(), help="Course folders (absolute paths) the dashboards compare, one cohort each. Empty: "
                        "the course in use only. In the environment: folders separated by os.pathsep (:).",
    ).tag(config=True, env="VALMENNUS_COURSES")
    page_max_age = Int(
        300, help="Seconds a dashboard page built in a pre-heated kernel before anyone asked may be old when "
                  "shown (the kernel reads the store again every half of this while it waits); older, it is "
                  "built again at the request. 0: always built at the request.",
    ).tag(config=True, env="VALMENNUS_DASHBOARD_MAX_AGE")


class Routine(Configurable):
    """What ``valmennus routine`` (ops/routine.py: the week run from cron or a timer) does by itself."""

    reminder_days = Unicode(
        "6,3,0", help="Days before the (participant's) due date on which reminders go, comma-separated. "
                      "The default is what week 0 promises for a Monday-to-Sunday week: Monday as the "
                      "theme opens, Thursday, and Sunday as it ends. Empty: every day the week is open "
                      "or missing. The time of day is each participant's choice in week 0.",
    ).tag(config=True, env="VALMENNUS_REMINDER_DAYS")
    reminder_hour = Int(
        9, help="Hour (Helsinki time) from which reminders go to participants who chose 'any time' in week "
                "0 or have not answered (until 20); the others at the time they chose.",
    ).tag(config=True, env="VALMENNUS_REMINDER_HOUR")
    digest_weekday = Int(0, help="Weekday of the coaches' digest: 0 Monday ... 6 Sunday.").tag(
        config=True, env="VALMENNUS_DIGEST_WEEKDAY")
    digest_hour = Int(8, help="Hour (Helsinki time) from which the coaches' weekly digest goes.").tag(
        config=True, env="VALMENNUS_DIGEST_HOUR")
    coach_emails = List(
        Unicode(), help="Coaches' e-mail addresses for the weekly digest, as 'coach=address' entries (the "
                        "coach as in roster.csv's facilitator column). In the environment: entries "
                        "separated by os.pathsep (:).",
    ).tag(config=True, env="VALMENNUS_COACH_EMAILS")
    wall_publish_to = Unicode(
        "", help="Folder the routine copies each rebuilt wall to (<folder>/<week>/), e.g. the group's "
                 "shared folder on the hub. Empty: the wall stays in the course folder (shared/).",
    ).tag(config=True, env="VALMENNUS_WALL_PUBLISH_TO")
    workers = Int(0, help="Grading workers of the routine; 0: one more than cores.").tag(
        config=True, env="VALMENNUS_ROUTINE_WORKERS")


class ReportingStore(Configurable):
    """Where ``records/store.py`` keeps the reporting store: the tables the dashboards read instead of
    the course folder."""

    url = Unicode(
        "", help="SQLAlchemy URL of the reporting store. Empty: the course's gradebook database when it is "
                 "PostgreSQL (in its own schema), else the SQLite file reporting.db in the course folder. "
                 "Holds a password on PostgreSQL: set it in the environment.",
    ).tag(config=True, env="VALMENNUS_REPORTING_URL", secret=True)
    schema = Unicode(
        "valmennus_reporting", help="Schema of the store's tables on PostgreSQL (created if missing); on "
                                    "SQLite the tables' name prefix.",
    ).tag(config=True, env="VALMENNUS_REPORTING_SCHEMA")
    sync_after_steps = Bool(
        True, help="Bring the store up to date at the end of each valmennus step (collect, autograde, "
                   "feedback). Off: only `valmennus store sync` and the routine write it (the demo plays a "
                   "whole course and syncs once at its end).",
    ).tag(config=True, env="VALMENNUS_REPORTING_SYNC_AFTER_STEPS")


#: Every options class, in the order ``valmennus config`` shows them.
OPTION_CLASSES: tuple[type[Configurable], ...] = (Valmennus, Reminders, Grading, Dashboards, Routine,
                                                  ReportingStore)


# --- the course's config file --------------------------------------------------------------------

def config_mtime(root: str | os.PathLike[str]) -> int:
    """The version of the course's config file (its mtime in ns); 0 when there is none."""
    try:
        return (Path(root) / CONFIG_FILE).stat().st_mtime_ns
    except OSError:
        return 0


@functools.lru_cache(maxsize=32)
def _load_config(root: str, mtime: int) -> Config:  # noqa: ARG001  (mtime: a new entry when the file changes)
    if not (Path(root) / CONFIG_FILE).is_file():
        return Config()  # nbgrader's defaults, as nbgrader itself runs without the file
    return PyFileConfigLoader(CONFIG_FILE, path=root).load_config()


def load_config(root: str | os.PathLike[str]) -> Config:
    """The course's nbgrader config (``nbgrader_config.py`` in ``root``): the one loader of it.

    Cached per file version; each call returns a copy of its own, free to change. Without the file:
    an empty config (nbgrader's defaults)."""
    root = Path(root).resolve()
    return copy.deepcopy(_load_config(str(root), config_mtime(root)))


def course_root(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The course in use: ``VALMENNUS_COURSE`` if set, else the nearest folder upwards from ``start``
    (default: the working folder) with nbgrader_config.py; None when there is none."""
    named = os.environ.get(COURSE_ENV, "").strip()
    if named:
        return Path(os.path.realpath(os.path.expanduser(named)))
    # os.path, not pathlib: the language asks this at every message (~10 µs instead of ~70 µs)
    try:
        folder = os.path.realpath(start) if start is not None else os.getcwd()  # getcwd has no links
    except OSError:  # a working folder removed under a kernel: no course, not a crash
        return None
    while True:
        if os.path.isfile(os.path.join(folder, CONFIG_FILE)):
            return Path(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


# --- environment overrides -----------------------------------------------------------------------

@functools.cache
def _options(cls: type[Configurable]) -> dict[str, TraitType[Any, Any]]:
    return cls.class_traits(config=True)


def env_name(cls: type[Configurable], name: str) -> str:
    """The environment variable that overrides option ``cls.name``."""
    return _options(cls)[name].metadata["env"]


def _env_text(cls: type[Configurable], environ: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """(option, text) of each option of ``cls`` whose variable is set and not blank: the one reader of
    the variables (a blank one is a hub's way of passing nothing)."""
    found = []
    for name, trait in _options(cls).items():
        text = environ.get(trait.metadata.get("env", ""), "").strip()
        if text:
            found.append((name, text))
    return tuple(found)


def _from_text(cls: type[Configurable], name: str, text: str) -> object:
    """An environment variable's text as the option's value; text that cannot be one is an OptionError."""
    trait = _options(cls)[name]
    if isinstance(trait, List):
        return [part for part in text.split(os.pathsep) if part.strip()]
    if isinstance(trait, Bool):
        lowered = text.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise OptionError(f"{env_name(cls, name)}={text!r}: {cls.__name__}.{name} is yes or no "
                          f"(1/0, true/false, yes/no, on/off). {trait.help}")
    if isinstance(trait, Int):
        try:
            return int(text)
        except ValueError:
            raise OptionError(f"{env_name(cls, name)}={text!r}: {cls.__name__}.{name} is a whole number. "
                              f"{trait.help}") from None
    return text  # text options, and choices (checked with the rest when the object is made)


def as_env(cls: type[Configurable], **values: object) -> dict[str, str]:
    """Environment variables that pass these option values to a process this one starts (a grading
    kernel, Voilà): what a hub does for each user's server, in the form ``configured`` reads."""
    env = {}
    for name, value in values.items():
        trait = _options(cls)[name]
        if isinstance(trait, List):
            text = os.pathsep.join(str(v) for v in value)  # type: ignore[attr-defined]
        elif isinstance(trait, Bool):
            text = "1" if value else "0"
        else:
            text = str(value)
        env[env_name(cls, name)] = text
    return env


# --- configured objects --------------------------------------------------------------------------

def _section(config: Config, cls: type[Configurable]) -> Config:
    """The section of ``cls`` in ``config`` (empty when the file has none; never adds one)."""
    return config[cls.__name__] if cls.__name__ in config else Config()


def _check_names(cls: type[Configurable], section: Config, where: str) -> None:
    """A misspelt option would be ignored (traitlets only warns): name it, with the option meant."""
    known = _options(cls)
    for name in section:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {cls.__name__}.{close[0]}?)" if close else ""
            raise OptionError(f"{cls.__name__}.{name} in {where}: no such option{hint}; the options of "
                              f"{cls.__name__} are {', '.join(sorted(known))}")


@functools.lru_cache(maxsize=64)
def _configured(cls: type[C], root: str, mtime: int, env: tuple[tuple[str, str], ...]) -> C:  # noqa: ARG001
    where = str(Path(root) / CONFIG_FILE) if root else "the defaults"
    section = _section(load_config(root), cls) if root else Config()
    _check_names(cls, section, where)
    for name, text in env:  # the environment over the file
        section[name] = _from_text(cls, name, text)
    try:
        return cls(config=Config({cls.__name__: section}))
    except TraitError:
        pass
    probe = cls()  # which option failed, and where its value came from
    from_env = dict(env)
    for name, value in section.items():
        try:
            setattr(probe, name, value.get_value(getattr(probe, name)) if isinstance(value, LazyConfigValue)
                    else value)
        except TraitError as exc:
            source = f"{env_name(cls, name)} in the environment" if name in from_env else where
            reason = str(exc).replace(f"The '{name}' trait of a {cls.__name__} instance ", "")
            raise OptionError(f"{cls.__name__}.{name} from {source}: {reason} {_options(cls)[name].help}") from None
    raise OptionError(f"{cls.__name__} from {where}: not valid")  # not reached: some option failed above


def configured(cls: type[C], root: str | os.PathLike[str] | None = None) -> C:
    """The options ``cls`` of the course at ``root`` (default: the course in use, ``course_root()``):
    its section of nbgrader_config.py with the environment's overrides over it. Raises OptionError
    for a value that does not fit or an unknown option.

    Cached per version of the file and per override, and shared: read it, never change it. The file is
    not read for the course in use when the environment sets every option of ``cls`` (grading kernels
    started with the language set do not run the course's config, which imports nbgrader)."""
    env = _env_text(cls, os.environ)
    if root is None:
        found = course_root() if len(env) < len(_options(cls)) else None
        folder = str(found) if found is not None else ""  # course_root's folders are resolved already
    else:
        folder = str(Path(root).resolve())
    return _configured(cls, folder, config_mtime(folder) if folder else 0, env)


def _problem(cls: type[Configurable], root: str | os.PathLike[str] | None) -> str:
    try:
        configured(cls, root)
    except OptionError as exc:
        return str(exc)
    return ""


def option_problems(root: str | os.PathLike[str] | None) -> list[str]:
    """What is wrong with the options of the course at ``root`` (empty: every option is usable)."""
    return [problem for cls in OPTION_CLASSES if (problem := _problem(cls, root))]


def describe(root: str | os.PathLike[str] | None) -> str:
    """Every option with its help, default, accepted values, environment variable and current value
    (and where that came from; secrets hidden): what ``valmennus config`` prints, like ``jupyter
    --help-all`` with the course's own values."""
    wrap = functools.partial(textwrap.fill, width=100, initial_indent="      ", subsequent_indent="      ")
    lines = [f"Course: {root}" if root is not None else "Course: none found (defaults and environment only)",
             textwrap.fill(f"Options are set in {CONFIG_FILE} as c.<Class>.<option> = value; an environment "
                           "variable that is set and not blank overrides the file.", width=100), ""]
    for cls in OPTION_CLASSES:
        lines += [textwrap.fill(f"{cls.__name__}: {' '.join((cls.__doc__ or '').split())}", width=100)]
        problem = _problem(cls, root)
        current = configured(cls, root) if not problem else None
        in_file = _section(load_config(root), cls) if root is not None else Config()
        for name, trait in _options(cls).items():
            env = trait.metadata["env"]
            value = getattr(current, name) if current is not None else None
            shown = ("(set, hidden)" if value else "''") if trait.metadata.get("secret") else repr(value)
            source = (f"from {env}" if os.environ.get(env, "").strip()
                      else f"from {CONFIG_FILE}" if name in in_file else "default")
            lines += [f"  c.{cls.__name__}.{name}" + (f" = {shown}  ({source})" if current is not None else ""),
                      wrap(trait.help),
                      wrap(f"accepts {trait.info()}; default {trait.default_value_repr()}; environment {env}")]
        if problem:
            lines += [textwrap.fill(problem, width=100, initial_indent="  ! ", subsequent_indent="    ")]
        lines += [""]
    return "\n".join(lines)


def config_sample() -> str:
    """Commented lines for nbgrader_config.py, one per option with its help (traitlets' own format)."""
    return "\n".join(cls.class_config_section() for cls in OPTION_CLASSES)
