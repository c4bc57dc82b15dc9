"""Markup from Jinja2 templates: ``templates/*.html.j2`` and the one stylesheet ``templates/valmennus.css``.

Every page the course shows that is not a live widget (the summary cell and the answers on the feedback
page, the participant's own change, the group wall, the dashboards) is a template here. Autoescaping is
on for ``.html.j2``, so a value is escaped where it is written into the page, once, and a template that
names a variable it was not given fails (``StrictUndefined``) instead of printing nothing. The words
come from the message catalogs: ``t``, ``tn``, ``number``, ``percent`` and ``local_datetime`` of
``valmennus.i18n`` are globals (and the last three filters too), so a template says ``{{ t("summary_title") }}``.

The escaping is the standard library's (``html`` module: ``'`` as ``&#x27;``, ``"`` as ``&quot;``), not
MarkupSafe's (``&#39;``, ``&#34;``): a browser reads both the same, but the first are the bytes the
golden files and the checks of ``demo.verify`` expect. Everything printed by ``{{ ... }}`` in an HTML
template goes through ``escaped`` below (the environment's ``finalize``); what is already markup (a
macro's output, ``Markup``) is left as it is.

Pages cannot link a stylesheet (Voilà output, notebook output, a feedback page or a wall page opened
from disk), so a page inlines the sections of ``valmennus.css`` it needs: ``{{ stylesheet("summary") }}``.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from . import i18n
from .parsecache import cache_dir

__all__ = ["Cell", "Markup", "Row", "environment", "escaped", "macro", "render", "stylesheet", "trusted"]


def escaped(value: object) -> Markup:
    """``value`` as HTML text, escaped once; markup (``__html__``) stays as it is."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    # Not in a template because it is the templates' own escape (their finalize): every {{ value }} of an
    # .html.j2 comes here, escaped as the html module does so that every page keeps its bytes (module doc).
    return Markup(html.escape(str(value)))


def trusted(markup: str) -> Markup:
    """Markup built elsewhere that must not be escaped again: only an SVG chart (``cohort.charts``: drawn
    by matplotlib, which escapes its labels, and named by the ``chart_name`` macro)."""
    return Markup(markup)


@jinja2.pass_eval_context
def _finalize(eval_ctx: jinja2.nodes.EvalContext, value: object) -> object:
    return escaped(value) if eval_ctx.autoescape else value


def _nl2br(value: object) -> Markup:
    """Text with its line breaks kept: escaped, each newline after a ``<br>``."""
    return escaped(value).replace("\n", Markup("<br>\n"))


_SECTION = re.compile(r"/\*\s*@section\s+([\w-]+)\b.*?\*/", re.S)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@cache
def _sections() -> dict[str, tuple[str, ...]]:
    source, _, _ = environment().loader.get_source(environment(), "valmennus.css")
    parts = _SECTION.split(source)
    sections = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        lines = (line.strip() for line in _COMMENT.sub("", body).splitlines())
        sections[name] = tuple(line for line in lines if line)
    return sections


def stylesheet(*names: str, compact: bool = False) -> Markup:
    """The rules of the named sections of ``valmennus.css`` for a ``<style>`` element: one a line, each on a
    line of its own (``compact``: all on one line, as the summary cell and the wall page have always had it)."""
    sections = _sections()
    missing = [name for name in names if name not in sections]
    if missing:
        raise KeyError(f"no section {', '.join(missing)} in valmennus.css")
    rules = [line for name in names for line in sections[name]]
    return Markup("".join(rules) if compact else "".join(f"\n{rule}" for rule in rules) + "\n")


class Cell(NamedTuple):
    """One table cell: its text (escaped when shown), a class, and the width (em) of a bar drawn before it."""

    text: object
    css: str = ""
    bar: float | None = None


class Row(NamedTuple):
    """One table row: the first cell is the row header (``<th scope='row'>``)."""

    cells: Sequence[Cell]
    css: str = ""


def _is_html(name: str | None) -> bool:
    """Autoescape ``.html.j2`` templates (and any made from a string); not the stylesheet or text."""
    return name is None or name.endswith(".html.j2")


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache (Jinja2 checks each against its template's source): compiling
    the widgets' and the summary's templates is most of a week kernel's first markup; none if unwritable."""
    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("valmennus", "templates"),
        autoescape=_is_html,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.globals.update(t=i18n.t, tn=i18n.tn, number=i18n.number, percent=i18n.percent,
                       local_datetime=i18n.local_datetime, current_language=i18n.current_language,
                       stylesheet=stylesheet)
    env.filters.update(number=i18n.number, percent=i18n.percent, local_datetime=i18n.local_datetime, nl2br=_nl2br)
    return env


def render(name: str, /, **values: Any) -> Markup:
    """Template ``name`` (in ``templates/``) filled with ``values``."""
    return Markup(environment().get_template(name).render(**values))


def macro(template: str, name: str) -> Callable[..., Markup]:
    """Macro ``name`` of ``template``, to call from Python: ``macro("macros.html.j2", "note")("…")``."""
    return getattr(environment().get_template(template).module, name)


def add_voila_templates(share: os.PathLike[str] | str) -> None:
    """Put ``share`` (a folder holding ``voila/templates/<name>``) first among the Jupyter data folders,
    where Voilà looks for templates: the participant app's and the dashboards' own templates ship inside
    the package, so no install step copies them anywhere."""
    current = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(share) not in current:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(share), *current])
