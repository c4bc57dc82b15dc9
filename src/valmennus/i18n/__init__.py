"""User-facing strings in Finnish (first), English and Swedish, from gettext catalogs (Babel).

The messages are ``locale/<lang>/LC_MESSAGES/valmennus.po`` (``fi``, ``en``, ``sv``); a test checks
that every message is in every language with the same placeholders and every plural form. The
language is chosen by course configuration: ``c.Valmennus.language`` in the course's nbgrader_config.py,
overridden by ``VALMENNUS_LANG`` in the environment (``valmennus.options``), else ``fi``.
nbgrader's own Lab panels stay English; these are the strings of our widgets, checks, summaries,
commands and dashboards.

**msgid is the message key, not source text.** ``t("words", n=3)`` looks up msgid ``"words"``; the
msgstr is the text (``"{n} sanaa"``). The same key is used by the code and the tests (and by any
template that names a message), so a change of wording touches none of them; and the source language is
Finnish: an English-text msgid would make English the source and Finnish a translation, and a
Finnish-text msgid would change under every caller at every edit of the Finnish.
Finnish is the fallback: a message missing, empty or fuzzy in ``en`` or ``sv`` is shown in Finnish.
Placeholders are ``str.format`` fields (``{name}``).

**Plurals.** A message that counts has ``msgid_plural`` and ``msgstr[n]``, chosen by the language's
``Plural-Forms`` header. Its ``msgid_plural`` names the placeholder whose number chooses the form:
usually ``"{n}"``, but ``"{min}"`` in ``"{n} / vähintään {min} sanaa"``, where the noun goes with the
minimum. ``tn(key, n, ...)`` is the explicit call; ``t(key, **values)`` serves a plural message too
when that placeholder is among ``values``, so ``t("words", n=1)`` is ``"1 sana"``.

**.po read at first use, not compiled .mo.** Each language's ``.po`` is parsed by Babel's ``read_po``
the first time that language is asked for (about 15 ms), and what is needed of it is kept as JSON in the
user's cache under the hash of the file's text (``valmennus.parsecache``), so later processes, such as
every kernel of a week page, read it in about a millisecond. No build step and
no compiled files in git or in the wheel that could go stale against the ``.po`` beside them: what is
edited is what runs, in a source checkout and when installed (``pyproject.toml`` ships the ``.po``).
Plural forms are chosen by the standard library's gettext (``GNUTranslations``) from an in-memory
``.mo`` of the same catalog, so the ``Plural-Forms`` expression is evaluated exactly as gettext does.

**Numbers and times by locale.** ``number`` and ``percent`` use Babel's ``format_decimal`` and
``format_percent`` (decimal comma in Finnish and Swedish, point in English); ``local_time`` and
``local_datetime`` use ``babel.dates`` in Helsinki time. The Babel locales are ``fi_FI``, ``en_GB``
(day/month/year and 24-hour time, as the course has always shown English) and ``sv_FI``.
"""

from __future__ import annotations

import gettext
import io
import string
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_time_format
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from ..options import DEFAULT_LANGUAGE, LANGUAGES, OptionError, Valmennus, configured
from ..parsecache import parsed

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LOCALES = {"fi": "fi_FI", "en": "en_GB", "sv": "sv_FI"}  # Babel (CLDR) locale of each course language
DOMAIN = "valmennus"
HELSINKI = ZoneInfo("Europe/Helsinki")

# Numbers go into CSV downloads and e-mail as well as HTML: plain spaces and a hyphen-minus, which every
# spreadsheet reads as part of a number (CLDR has no-break spaces and, for fi and sv, U+2212 MINUS SIGN).
_PLAIN = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2212": "-"})


def current_language() -> str:
    """The course's language (``options.Valmennus.language`` of the course in use). A value that is no
    course language means Finnish here: a participant's notebook must never fail over the setting;
    ``valmennus config`` and every ``valmennus`` command name the bad value."""
    try:
        return configured(Valmennus).language
    except OptionError:
        return DEFAULT_LANGUAGE


def po_path(lang: str) -> Traversable:
    """The ``.po`` file of ``lang`` (inside the installed package, or the source tree)."""
    return resources.files(__name__).joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def po_catalog(lang: str) -> Catalog:
    """The parsed ``.po`` of ``lang``; a syntax error in the file is an error here, not a silent gap."""
    if lang not in LANGUAGES:
        raise ValueError(f"no catalog for language {lang!r}: the course languages are {', '.join(LANGUAGES)}")
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN, abort_invalid=True)


def keys(lang: str) -> list[str]:
    """Every message key (msgid) in the ``.po`` of ``lang``, in file order, translated or not."""
    return [message.id[0] if message.pluralizable else message.id for message in po_catalog(lang) if message.id]


@dataclass(frozen=True)
class _Language:
    texts: dict[str, str | tuple[str, ...]]  # translated messages only: key -> text, or its plural forms
    counts: dict[str, str]  # plural key -> the placeholder whose number chooses the form (its msgid_plural)
    translations: gettext.GNUTranslations  # the same catalog as an in-memory .mo: gettext's plural choice


@cache
def _language(lang: str) -> _Language:
    if lang not in LANGUAGES:
        po_catalog(lang)  # names the course languages
    compiled = parsed(f"catalog-{lang}", po_path(lang).read_bytes(), lambda: _compiled(lang))
    texts = {key: tuple(text) if isinstance(text, list) else text for key, text in compiled["texts"].items()}
    mo = io.BytesIO(compiled["mo"].encode("latin-1"))
    return _Language(texts, compiled["counts"], gettext.GNUTranslations(mo))


def _compiled(lang: str) -> dict[str, object]:
    """What ``_language`` needs of the ``.po``, as JSON data: Babel's ``read_po`` is the slow part of a
    kernel's first message, so this is kept in the user's cache under the hash of the file
    (``valmennus.parsecache``); the in-memory ``.mo`` travels as latin-1 text."""
    catalog = po_catalog(lang)
    texts: dict[str, str | list[str]] = {}
    counts: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        if message.pluralizable:
            key, plural = message.id
            counts[key] = plural.strip().removeprefix("{").removesuffix("}")
            if all(message.string) and not message.fuzzy:
                texts[key] = list(message.string)
        elif message.string and not message.fuzzy:
            texts[message.id] = message.string
    mo = io.BytesIO()
    write_mo(mo, catalog)
    return {"texts": texts, "counts": counts, "mo": mo.getvalue().decode("latin-1")}


def _lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else current_language() if lang is None else DEFAULT_LANGUAGE


def count_placeholder(key: str) -> str | None:
    """The placeholder whose number chooses the form of plural message ``key``; None for other messages."""
    return _language(DEFAULT_LANGUAGE).counts.get(key)


def _template(key: str, lang: str, values: dict[str, object]) -> str:
    count = count_placeholder(key)
    if count is not None and count not in values:
        raise KeyError(f"{key!r} is a plural message: give {count}= (or call tn)")
    for source in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
        language = _language(source)
        text = language.texts.get(key)
        if text is None:
            continue
        if isinstance(text, str):
            return text
        n = values[count]
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"{key!r}: the count {count}={n!r} is not a whole number")
        return language.translations.ngettext(key, key, n)
    raise KeyError(key)


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the course language), filled with ``values``.

    A plural message takes the form that the number in its counting placeholder asks for.
    """
    template = _template(key, _lang(lang), values)
    return template.format(**values) if values else template


def tn(key: str, n: int, /, lang: str | None = None, **values: object) -> str:
    """Plural message ``key`` for the count ``n``: ``tn("words", 1)`` is ``"1 sana"``, ``tn("words", 2)``
    ``"2 sanaa"``. ``n`` fills the placeholder its ``msgid_plural`` names (``{n}``, or e.g. ``{min}``);
    ``key`` and ``n`` are positional, so a message's own ``{n}`` can still be given:
    ``tn("words_min", 40, n=3)`` is ``"3 / vähintään 40 sanaa"``."""
    count = count_placeholder(key)
    if count is None:
        raise KeyError(f"{key!r} is not a plural message: call t")
    if count in values and values[count] != n:
        raise ValueError(f"{key!r}: the count is given twice ({n!r} and {count}={values[count]!r})")
    return t(key, lang, **{**values, count: n})


def placeholders(text: str) -> set[str]:
    """The ``str.format`` fields of ``text``: ``{"n", "min"}`` for ``"{n} / vähintään {min} sanaa"``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def number(value: float | int | Decimal, digits: int | None = 1, lang: str | None = None) -> str:
    """``value`` as the reader writes it, with ``digits`` decimals: ``2,5`` in Finnish and Swedish,
    ``2.5`` in English. ``digits=None``: as many as needed, at most three (``7``, ``2,5``)."""
    pattern = "0.###" if digits is None else "0." + "0" * digits if digits else "0"
    if not isinstance(value, int | Decimal):
        value = float(value)
    return format_decimal(value, format=pattern, locale=LOCALES[_lang(lang)]).translate(_PLAIN)


def percent(value: float | int | Decimal, lang: str | None = None) -> str:
    """A share (``0.83``) as a whole percent: ``83 %`` in Finnish and Swedish, ``83%`` in English."""
    if not isinstance(value, int | Decimal):
        value = float(value)
    return format_percent(value, locale=LOCALES[_lang(lang)]).translate(_PLAIN)


def local_time(moment: datetime, lang: str | None = None) -> str:
    """A clock time as participants read it: Helsinki time, ``12.03`` in Finnish, ``12:03`` otherwise.

    The locale's short time pattern, with a two-digit hour (``01.48``) as the course has always shown.
    """
    locale = LOCALES[_lang(lang)]
    pattern = get_time_format("short", locale=locale).pattern
    if "HH" not in pattern:
        pattern = pattern.replace("H", "HH")
    return format_time(moment.astimezone(HELSINKI), pattern, tzinfo=HELSINKI, locale=locale).translate(_PLAIN)


#: Date patterns where the CLDR default is not what readers here expect: Finland-Swedish writes dates
#: as Finnish does (``23.11.2026``), not the ISO form CLDR's sv_FI gives.
DATE_PATTERNS = {"sv": "d.M.y"}


def local_datetime(moment: datetime, lang: str | None = None) -> str:
    """Date and time in Helsinki time: ``23.11.2026 klo 12.03`` (en ``23/11/2026 12:03``, sv
    ``23.11.2026 kl. 12:03``): the locale's short date, then the catalog's ``datetime`` joins it to the time."""
    lang = _lang(lang)
    local = moment.astimezone(HELSINKI)
    day = format_date(local.date(), DATE_PATTERNS.get(lang, "short"), locale=LOCALES[lang])
    return t("datetime", lang, date=day, time=local_time(local, lang))
