"""A Jupyter server for one participant's home, with the participant app: the demo's and the tests' way in.

On the hub each participant's single-user server is this already (the extension enabled, the course
named); for the demo (``valmennus demo``) and the tests there is no hub, so ``serve_participant`` starts
``jupyter server`` for one simulated participant:

- rooted at the participant's home (where nbgrader's exchange fetches weeks), ``HOME`` set to it (so
  the app's settings land in ``<home>/.valmennus``), Jupyter's config, data and runtime folders inside
  it (nothing of the machine's user leaks in or out);
- an ``nbgrader_config.py`` in that config folder that makes nbgrader's participant side this
  participant (course id, student id, the course's exchange, the cache the demo's submissions used);
- the extensions: the participant app and Voilà on, the instructor's nbgrader extensions (formgrader,
  course list) off; JupyterLab on (one link away: ``/lab``); the default page is the app's home;
- 127.0.0.1 only, with a random token (``token=""``: no authentication, loopback only).

    server = serve_participant(home, course_dir, port)   # returns at once
    server.wait_until_up()                                 # raises with the log's tail if it failed
    print(server.url)                                      # http://127.0.0.1:<port>/valmennus/?token=...
    ...
    server.stop()
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..course.settings import CourseSettings

INSTRUCTOR_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")


@dataclass
class ParticipantServer:
    process: subprocess.Popen[bytes]
    port: int
    token: str
    log: Path
    base: str  # http://127.0.0.1:<port>/

    @property
    def url(self) -> str:
        """The participant's home page, with the token that logs the browser in."""
        return self.base + "valmennus/" + (f"?token={self.token}" if self.token else "")

    def wait_until_up(self, seconds: float = 90) -> None:
        probe = self.base + "api/status" + (f"?token={self.token}" if self.token else "")
        wait_until_up(probe, self.process, self.log, seconds)

    def stop(self) -> None:
        stop_process(self.process)


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    """Until ``url`` answers; RuntimeError with the end of the server's log if it exits or never does.
    (The tests' Voilà and JupyterLab servers wait the same way.)"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{_tail(log)}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server not up after {seconds} s:\n{_tail(log)}")


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Terminate, and kill after 15 s if it has not stopped."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-4000:]
    except OSError:
        return "(no log)"


def participant_config(home: Path, course_dir: Path, participant: str) -> Path:
    """nbgrader's participant side for this home (what a hub's per-user config does); returns its folder."""
    course = CourseSettings.load(course_dir)
    config_dir = home / ".jupyter"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "nbgrader_config.py").write_text(
        '"""nbgrader as this participant (written by valmennus.participant.serve)."""\n'
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {course.course_id!r}\n"
        f"c.CourseDirectory.student_id = {participant!r}\n"
        f"c.Exchange.root = {str(course.exchange_root)!r}\n"
        f"c.Exchange.cache = {str(home / '.nbgrader-cache')!r}\n"
        f"c.Exchange.assignment_dir = {str(home)!r}\n", encoding="utf-8")
    extensions = {"valmennus.participant": True, "voila.server_extension": True,
                  **dict.fromkeys(INSTRUCTOR_EXTENSIONS, False)}
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": extensions, "default_url": "/valmennus/"}}, indent=1), encoding="utf-8")
    return config_dir


def serve_participant(home: Path, course_dir: Path, port: int, participant: str | None = None,
                      token: str | None = None, log: Path | None = None,
                      extra_env: dict[str, str] | None = None) -> ParticipantServer:
    """Start a Jupyter server with the participant app for ``home`` (module doc); returns at once.

    ``participant``: the participant's id in the course (default: the home folder's name, as the demo
    lays homes out: ``<work>/homes/<id>``). ``token``: None for a random one, "" for none (the server
    listens on 127.0.0.1 only).
    """
    home = Path(home).resolve()
    course_dir = Path(course_dir).resolve()
    participant = participant or home.name
    token = secrets.token_urlsafe(24) if token is None else token
    config_dir = participant_config(home, course_dir, participant)
    log = log or home / ".valmennus" / "palvelin.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(config_dir),
           "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter"),
           "JUPYTER_RUNTIME_DIR": str(home / ".local" / "share" / "jupyter" / "runtime"),
           "VALMENNUS_COURSE": str(course_dir), **(extra_env or {})}
    env.pop("NBGRADER_EXECUTION", None)
    command = [sys.executable, "-m", "jupyter", "server", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--ServerApp.root_dir={home}", f"--IdentityProvider.token={token}",
               "--ServerApp.password=", f"--ParticipantApp.participant_id={participant}"]
    if os.geteuid() == 0:  # CI containers run as root
        command.append("--allow-root")
    with log.open("ab") as out:
        proc = subprocess.Popen(command, cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT)
    return ParticipantServer(proc, port, token, log, f"http://127.0.0.1:{port}/")


@contextlib.contextmanager
def participant_server(home: Path, course_dir: Path, port: int, **kwargs: object) -> Iterator[ParticipantServer]:
    """``serve_participant``, up, and stopped on leaving (tests, scripts)."""
    server = serve_participant(home, course_dir, port, **kwargs)  # type: ignore[arg-type]
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()
