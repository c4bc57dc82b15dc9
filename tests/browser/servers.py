"""Real Voilà and JupyterLab servers on 127.0.0.1, started and stopped by the tests themselves."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from valmennus.participant.serve import stop_process, wait_until_up

from ..conftest import free_port


def _env(home: Path) -> dict[str, str]:
    """A private runtime, config and data folder: nothing of the machine's user leaks in or out."""
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "VALMENNUS_LANG": "fi"}
    env.pop("NBGRADER_EXECUTION", None)
    return env


@contextlib.contextmanager
def voila(notebook: Path, home: Path, extra_env: dict[str, str] | None = None, app: str = "voila") -> Iterator[str]:
    """Voilà serving ``notebook`` (a notebook or a folder); yields its URL. The kernel runs in the notebook's
    folder. ``app``: the module run (``valmennus.cohort.serve``: the dashboards' Voilà, as the demo and the hub
    serve them)."""
    port = free_port()
    log = home / "voila.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", app, notebook.name, "--no-browser", f"--port={port}",
                                 "--Voila.ip=127.0.0.1", "--show_tracebacks=True"],
                                cwd=notebook.parent, env={**_env(home), **(extra_env or {})}, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_up(url, proc, log, seconds=60)
            yield url
        finally:
            stop_process(proc)


@contextlib.contextmanager
def lab(root: Path, home: Path) -> Iterator[str]:
    """JupyterLab (jupyter_server 2.x) without token or password, rooted at ``root``; yields its base URL."""
    port = free_port()
    log = home / "lab.log"
    # No news pop-up over the notebook (it would sit on top of the widgets the test clicks).
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    with log.open("wb") as out:
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                   "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root}",
                   f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
                   "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate"]
        if os.geteuid() == 0:  # CI containers run as root
            command.append("--allow-root")
        proc = subprocess.Popen(
            command,
            cwd=root, env=_env(home), stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_up(url + "api/status", proc, log, seconds=60)
            yield url
        finally:
            stop_process(proc)
