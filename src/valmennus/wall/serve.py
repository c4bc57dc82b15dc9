"""Run the wall: as a JupyterHub service (``python -m valmennus.wall.serve``) or embedded on 127.0.0.1.

As a hub service the environment says everything: ``VALMENNUS_COURSE`` (the course folder; the service
runs as the grader account, which reads it), ``JUPYTERHUB_SERVICE_URL`` (where to listen) and
``JUPYTERHUB_SERVICE_PREFIX``, plus the hub's OAuth variables that ``HubOAuth`` reads.

``embedded_wall`` runs the same pages in a thread of the calling process on 127.0.0.1 (``make demo``, the
tests, the benchmark), with the people chosen on a page instead of the hub's login, and stops with it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

if TYPE_CHECKING:
    from .web import WallService

log = logging.getLogger(__name__)


@dataclass
class RunningWall:
    url: str
    service: WallService


class _Starting(RequestHandler):
    """What the service answers while it loads (JupyterHub gives a managed service 10 s to answer)."""

    def get(self, *_args: Any) -> None:
        self.set_status(503)
        self.set_header("Retry-After", "2")
        self.finish("starting")


@contextmanager
def embedded_wall(service: WallService, port: int, host: str = "127.0.0.1") -> Iterator[RunningWall]:
    """The wall of ``service`` on http://host:port/ in a thread until the ``with`` block ends."""
    from .web import make_app

    ready = threading.Event()
    state: dict[str, object] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            server = HTTPServer(make_app(service), xheaders=False, max_body_size=16 * 1024 * 1024)
            server.listen(port, host)
        except Exception as exc:  # noqa: BLE001  (told to the caller, who raises it)
            state["error"] = exc
            ready.set()
            return
        state["loop"], state["server"] = loop, server
        ready.set()
        loop.run_forever()
        server.stop()
        loop.run_until_complete(server.close_all_connections())
        loop.close()

    thread = threading.Thread(target=run, name=f"wall-{port}", daemon=True)
    thread.start()
    ready.wait(30)
    if "error" in state:
        raise state["error"]  # type: ignore[misc]
    try:
        yield RunningWall(f"http://{host}:{port}{service.prefix}", service)
    finally:
        loop = state["loop"]
        loop.call_soon_threadsafe(loop.stop)  # type: ignore[attr-defined]
        thread.join(30)
        service.store.engine.dispose()


def main() -> int:
    """The hub's service: listen where JupyterHub says, until it stops us (SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s wall %(levelname)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # loading the course's config imports nbgrader
    where = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))

    def load() -> tuple[Application, str]:
        from .web import hub_service, make_app

        service = hub_service(os.environ["VALMENNUS_COURSE"])
        return make_app(service, cookie_secret=os.urandom(32)), service.cohort

    async def serve() -> None:
        # listen at once (a 503 while loading), then load the pages, the course and the store: on a busy
        # host that takes longer than the 10 s JupyterHub waits for a managed service before giving up
        server = HTTPServer(Application([(r"/(.*)", _Starting)]), xheaders=True, max_body_size=16 * 1024 * 1024)
        server.listen(where.port or 80, where.hostname or "127.0.0.1")
        app, cohort = await asyncio.get_running_loop().run_in_executor(None, load)
        server.request_callback = app
        log.info("wall of course %s at %s%s", cohort, where.geturl(), app.settings["wall"].prefix)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        server.stop()

    asyncio.run(serve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
