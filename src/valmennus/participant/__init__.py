"""The participant app: the course as Finnish web pages inside the participant's own Jupyter server.

A Jupyter server extension (``jupyter server --ServerApp.jpserver_extensions="{'valmennus.participant':
True}"``, or ``serve.serve_participant`` for one simulated participant): the home "Oma valmennus" at
``/valmennus/``, each week rendered by Voilà with the app's header and no code, submitting and reading
feedback through nbgrader's exchange as the participant, the group's wall, the language remembered.
Participants are social and employment-services professionals: they never see code, a traceback or an
English menu (DESIGN §9). JupyterLab stays one link away.

Configured as ``c.ParticipantApp.*`` (``config.ParticipantApp``); see ``handlers`` for the pages and
``voila`` for how the week page gets the header.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "valmennus.participant"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from .config import ParticipantApp
    from .context import Participant
    from .handlers import handlers
    from .voila import add_template_path, configure, page_config_hook

    web_app = serverapp.web_app
    base_url = web_app.settings["base_url"]
    config = ParticipantApp(parent=serverapp)
    ctx = Participant(config, serverapp.root_dir, base_url)
    web_app.settings["valmennus_participant"] = ctx
    from .wall_push import WallPusher  # shared answers to the group's space (valmennus.wall), if configured

    web_app.settings["valmennus_wall"] = pusher = WallPusher(ctx)
    pusher.start()
    add_template_path()
    configure(serverapp.config, page_config_hook(ctx))
    _use_participant_kernel(serverapp)
    web_app.add_handlers(".*$", handlers(base_url))
    serverapp.log.info("valmennus participant app at %svalmennus/ (course %s)", base_url, config.course_path())


def _use_participant_kernel(serverapp: Any) -> None:
    """This server's ``python3`` kernel is ``valmennus.participant.kernel`` (ipykernel that, in a week's
    folder, imports the course package while Voilà renders the page head): its spec comes first among
    the server's kernel folders. A server whose kernel specs cannot be changed keeps ipykernel's."""
    from pathlib import Path

    from .kernel import kernel_spec_folder

    specs = serverapp.kernel_spec_manager
    try:
        folder = str(kernel_spec_folder(Path(serverapp.runtime_dir) / "valmennus"))
    except OSError as exc:
        serverapp.log.warning("valmennus: the participant kernel was not set up (%s)", exc)
        return
    if folder not in specs.kernel_dirs:
        specs.kernel_dirs = [folder, *specs.kernel_dirs]
