"""Where the participant app finds the course, the walls and the participant's own settings.

A traitlets ``Configurable`` so that a hub's per-role ``jupyter_server_config.py`` (or the demo's
command line) sets it the way every other part of the participant's server is set:
``c.ParticipantApp.course_dir = "/srv/kurssit/kevat-2027"``. ``valmennus.options`` holds the course's
own options, read from the course's ``nbgrader_config.py``; these are options of the participant's
*server* (it has to be told where that file is), so they live here.

``VALMENNUS_COURSE`` in the environment overrides ``course_dir`` (``options.COURSE_ENV``), as it does for
the dashboards' kernels: a hub passes the course to each server that way.
"""

from __future__ import annotations

import csv
import getpass
import os
from pathlib import Path

from traitlets import List, Unicode, default
from traitlets.config import Configurable

from ..options import COURSE_ENV, load_config

ROSTER = "roster.csv"


class ParticipantApp(Configurable):
    """The participant's own pages ("Oma valmennus") inside their Jupyter server."""

    course_dir = Unicode(
        "", help="The course folder (with schedule.yaml and nbgrader_config.py), readable by the participant. "
                 f"{COURSE_ENV} in the environment overrides it. Empty: the app says the course was not found.",
    ).tag(config=True)
    course_id = Unicode(
        "", help="nbgrader course id of the course. Empty: CourseDirectory.course_id of the course folder's "
                 "nbgrader_config.py.",
    ).tag(config=True)
    participant_id = Unicode(
        "", help="The participant's id in the course (nbgrader's student id). Empty: JUPYTERHUB_USER, else "
                 "the account's user name (as nbgrader's exchange names submissions).",
    ).tag(config=True)
    coach = Unicode(
        "", help="The coach's name shown on the home page. Empty: the facilitator column of the participant's "
                 "row in the course's roster.csv, if the participant may read it.",
    ).tag(config=True)
    wall_dirs = List(
        Unicode(), help="Folders holding the group walls as <folder>/<week>/index.html (valmennus share, and "
                        "where --publish copied them), first found wins. Empty: <course_dir>/shared.",
    ).tag(config=True)
    wall_url = Unicode(
        "", help="The group's space (valmennus.wall service) as this server reaches it, e.g. "
                 "http://127.0.0.1:8005/services/<course>-seina/ (VALMENNUS_WALL_SERVICE in the environment). Empty: "
                 "no live wall; shared answers are not sent.",
    ).tag(config=True)
    wall_link = Unicode(
        "", help="The group's space as the participant's browser opens it, e.g. /services/<course>-seina/. "
                 "Empty: VALMENNUS_WALL_LINK in the environment, else wall_url.",
    ).tag(config=True)
    wall_token = Unicode(
        "", help="Token for sending shared answers to the wall. Empty: the server's own hub token "
                 "(JUPYTERHUB_API_TOKEN); VALMENNUS_WALL_TOKEN in the environment.",
    ).tag(config=True)
    settings_dir = Unicode(
        "", help="Where the participant's own choices (language, feedback read) are kept. Empty: "
                 "~/.valmennus in the participant's home.",
    ).tag(config=True)

    @default("wall_url")
    def _default_wall_url(self) -> str:
        return os.environ.get("VALMENNUS_WALL_SERVICE", "")

    @default("wall_link")
    def _default_wall_link(self) -> str:
        return os.environ.get("VALMENNUS_WALL_LINK", "")

    @default("wall_token")
    def _default_wall_token(self) -> str:
        return os.environ.get("VALMENNUS_WALL_TOKEN", "")

    @default("settings_dir")
    def _default_settings_dir(self) -> str:
        return str(Path.home() / ".valmennus")

    def who(self) -> str:
        return self.participant_id or os.environ.get("JUPYTERHUB_USER", "").strip() or getpass.getuser()

    def course_path(self) -> Path | None:
        """The course folder: the environment's, else the configured one; None when neither names one."""
        named = os.environ.get(COURSE_ENV, "").strip() or self.course_dir.strip()
        return Path(os.path.expanduser(named)).resolve() if named else None

    def resolved_course_id(self) -> str:
        """The configured id, else the course's own (its nbgrader_config.py, the file nbgrader reads)."""
        if self.course_id:
            return self.course_id
        course = self.course_path()
        if course is None or not (course / "nbgrader_config.py").is_file():
            return ""
        try:
            return str(load_config(course).CourseDirectory.get("course_id", "") or "")
        except Exception:  # noqa: BLE001  (a course file that does not load: no id, the page says so)
            return ""

    def walls(self) -> list[Path]:
        if self.wall_dirs:
            return [Path(d) for d in self.wall_dirs]
        course = self.course_path()
        return [course / "shared"] if course is not None else []

    def coach_of(self, participant: str) -> str:
        """The coach's name (configured, or from the roster when readable); empty when unknown."""
        if self.coach:
            return self.coach
        course = self.course_path()
        if course is None:
            return ""
        try:
            with (course / ROSTER).open(newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if (row.get("id") or "").strip() == participant:
                        return (row.get("facilitator") or "").strip()
        except (OSError, csv.Error, UnicodeDecodeError):
            return ""
        return ""
