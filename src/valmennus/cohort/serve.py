"""The dashboards in standalone Voilà (``make demo`` and the hub's dashboards service): their own front page.

Voilà serving a folder shows, at its address, an English list of notebook file names ("Select items to
open with Voilà"): what a coordinator or a facilitator, neither of them a programmer, would land on. The
dashboards' template (``share/voila/templates/valmennus-koontinaytot``, on Voilà's lab template) replaces
that list with a page in the course language: each dashboard by its title, what it shows, and which is
the facilitator's own. Its words come through Voilà's ``page_config_hook`` (the template has no access
to the message catalogs), and the notebooks themselves render as before.

    python -m valmennus.cohort.serve <dashboards folder> [Voilà's options]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from voila.app import Voila

from ..i18n import current_language, t
from ..templates import add_voila_templates, stylesheet
from .dashboard import COMMENTS_PAGE, DASHBOARDS, FACILITATOR_PAGE

SHARE = Path(__file__).resolve().parent / "share"
TEMPLATE = "valmennus-koontinaytot"
#: Each page's title in the catalog (the same words as the page's own heading).
TITLES = {"edistyminen": "dsh_progress_title", "osaaminen": "dsh_skills_title", "palauteviive": "dsh_turn_title",
          "jatkuva-arviointi": "dsh_eval_title", "ryhmat-rinnakkain": "dsh_compare_title",
          FACILITATOR_PAGE: "dsh_fac_title", COMMENTS_PAGE: "dsh_com_title"}


def front_page(lang: str) -> dict[str, Any]:
    """The front page's words and links: the facilitator's own page first, then the course's dashboards,
    then the course team's comments."""
    order = (FACILITATOR_PAGE, *DASHBOARDS, COMMENTS_PAGE)
    pages = [{"notebook": f"{name}.ipynb", "title": t(TITLES[name], lang), "about": t(f"dsh_index_about_{name}", lang),
              "for_whom": t("dsh_index_for_facilitators", lang) if name == FACILITATOR_PAGE else ""}
             for name in order]
    return {"lang": lang, "title": t("dsh_index_title", lang), "lead": t("dsh_index_lead", lang),
            "list": t("dsh_index_list", lang), "skip": t("pa_skip", lang), "pages": pages,
            "css": str(stylesheet("participant"))}


def page_config_hook(page_config: dict[str, Any], *, notebook_path: str = "", **_kwargs: Any) -> dict[str, Any]:
    """Voilà's hook: the front page's words, for the folder's page only (a dashboard's page would carry them
    in its config for nothing)."""
    if not str(notebook_path).endswith(".ipynb"):
        page_config["valmennus"] = front_page(current_language())
    return page_config


class DashboardsApp(Voila):
    """Voilà with the dashboards' template and front page (what is not configured otherwise)."""

    def initialize(self, argv: list[str] | None = None) -> None:
        add_voila_templates(SHARE)  # before Voilà looks for its templates
        voila = self.config.VoilaConfiguration
        if "template" not in voila:
            voila.template = TEMPLATE
        if "page_config_hook" not in voila:
            voila.page_config_hook = page_config_hook
        super().initialize(argv)


def main(argv: list[str] | None = None) -> int:
    DashboardsApp.launch_instance(argv=sys.argv[1:] if argv is None else argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
