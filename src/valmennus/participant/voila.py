"""The week page in Voilà: the app's header over the week, no code, no traceback, words for failures.

Voilà's server extension (already in every server) renders the week notebook with its answer widgets
filled from the answers file. Three things make it a page of the app:

- **A Voilà template shipped in the package**, ``share/voila/templates/valmennus`` (on the ``lab``
  template): the header (back to "Oma valmennus", "Palauta", language), no CDN links, the code never
  rendered, an error output replaced by a sentence (a completion check that is not met yet says where
  to see what is missing), and a watch on the kernel that says in words when the page lost it.
  It is found without an install step: ``configure`` puts the package's ``share`` folder first on
  ``JUPYTER_PATH``, where Voilà looks for templates, before Voilà's extension loads (jupyter_server
  loads extensions in name order, and ``valmennus.participant`` comes before ``voila``).
- **Voilà's configuration**: this template, ``show_tracebacks`` off (Voilà then strips every error to a
  fixed English line, which the template never shows), its cell error text in Finnish for any other
  place it appears, and none of JupyterLab's own extensions that a week page has no use for
  (``LAB_ONLY``: nbgrader's assignment list, Jupytext, Notebook's menus; in Voilà each was fetched and
  then failed to start, so every page loaded them for nothing, the week about 0.5 s of the browser's
  time). Only what the server's own configuration leaves unset is set.
- **``page_config_hook``**: Voilà asks it for every page it renders; it adds the header's links and
  words, in the participant's language, for a notebook inside a scheduled week's folder.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from traitlets.config import Config

from ..i18n import t
from ..templates import add_voila_templates, stylesheet

log = logging.getLogger(__name__)

SHARE = Path(__file__).resolve().parent / "share"
TEMPLATE = "valmennus"
# JupyterLab extensions installed for JupyterLab that Voilà would load into every page too.
LAB_ONLY = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension", "jupyterlab-jupytext"]


def add_template_path() -> None:
    """The app's ``share`` folder first among the Jupyter data folders (its Voilà template is found there)."""
    add_voila_templates(SHARE)


def configure(config: Config, hook: Any) -> None:
    """Voilà's and its executor's settings for the participant's server (what is not set already)."""
    voila = config.VoilaConfiguration
    if "template" not in voila:
        voila.template = TEMPLATE
    if "show_tracebacks" not in voila:
        voila.show_tracebacks = False
    if "page_config_hook" not in voila:
        voila.page_config_hook = hook
    if "extension_denylist" not in voila and "extension_allowlist" not in voila:
        voila.extension_denylist = LAB_ONLY
    if "cell_error_instruction" not in config.VoilaExecutor:
        config.VoilaExecutor.cell_error_instruction = t("pa_vo_cell_error", "fi")


def header(ctx: Any, notebook_path: str) -> dict[str, Any]:
    """The header's links and words for a notebook at ``notebook_path`` (relative to the server root)."""
    lang = ctx.language()
    data: dict[str, Any] = {
        "lang": lang,
        "home": ctx.url("valmennus/"), "home_label": t("pa_nav_home", lang),
        "language": ctx.url("valmennus/kieli") + "?seuraava=" + quote(ctx.url("voila/render", notebook_path), safe=""),
        "language_label": t("pa_nav_language", lang), "nav_label": t("pa_main_nav", lang),
        "error": t("pa_vo_cell_error", lang), "check": t("pa_vo_check", lang),
        "kernel_lost": t("pa_vo_kernel_lost", lang), "reload": t("pa_vo_reload", lang),
        "skip": t("pa_skip", lang), "loading": t("pa_vo_loading", lang),
        "css": str(stylesheet("participant")),
    }
    try:
        weeks = {w.id: w for w in ctx.schedule()}
    except Exception:  # noqa: BLE001  (no course: the header still leads home)
        weeks = {}
    parts = PurePosixPath(notebook_path).parts
    week = next((weeks[p] for p in parts[:-1] if p in weeks), None)
    if week is not None:
        from .texts import week_title

        data.update(week=week.id, title=week_title(week, lang),
                    submit=ctx.url("valmennus/palauta", quote(week.id, safe="")),
                    submit_label=t("pa_submit_week", lang))
    return data


def page_config_hook(ctx: Any) -> Any:
    def hook(page_config: dict[str, Any], *, notebook_path: str = "", **_kwargs: Any) -> dict[str, Any]:
        try:
            page_config["valmennus"] = header(ctx, str(notebook_path))
        except Exception:  # noqa: BLE001  (the week must render even if the header cannot be made)
            log.exception("valmennus header for %s", notebook_path)
        return page_config

    return hook
