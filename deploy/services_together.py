"""The hub's managed services started together and stopped together (``jupyterhub_config.py`` calls both).

JupyterHub 6 starts its managed services one after the other in ``JupyterHub.start``: it starts one, waits
until it answers over HTTP (polling with a backoff of up to 5 s), and only then starts the next; it puts
its own route on the proxy after the last one. This site has five (each course's grader service, the
dashboards, each course's wall), each 4-20 s on a loaded 2-core host, so the hub answered 45 s after it
began, much of it in waits. On stopping, ``JupyterHub.cleanup`` stops them one after the other as well
(SIGINT, then polling until each has ended), and the single-user servers only after the last one.

:func:`start_together` makes the first ``start_service`` call (the one ``JupyterHub.start`` makes for the
first service) begin every configured service at once; each later call awaits its own service's start, in
the hub's order, so the hub still checks each one and exits (status 1) when a managed one fails, as
before; the services that did start are then stopped, not left running. :func:`stop_together` stops the
managed services and the single-user servers together before JupyterHub's own clean-up runs (which then
finds them stopped). A ``start_service`` called later (a service added while the hub runs) is JupyterHub's
own. Both leave a JupyterHub without those methods, or with other signatures, as it is.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

MARK = "_valmennus_together"


def _patchable(method: Any, params: list[str]) -> bool:
    return (method is not None and inspect.iscoroutinefunction(method) and not getattr(method, MARK, False)
            and list(inspect.signature(method).parameters)[:len(params)] == params)


def start_together(hub_class: Any = None) -> bool:
    """Let ``hub_class.start`` begin every managed service at once; True if it now does."""
    if hub_class is None:
        from jupyterhub.app import JupyterHub as hub_class
    one_by_one = getattr(hub_class, "start_service", None)
    if not _patchable(one_by_one, ["self", "service_name", "service", "ssl_context"]):
        return False

    async def start_service(self: Any, service_name: str, service: Any, ssl_context: Any = None) -> bool:
        starts = getattr(self, "_valmennus_service_starts", None)
        if starts is None:  # JupyterHub.start asks for its first service: all of them begin now
            starts = {name: asyncio.ensure_future(one_by_one(self, name, each, ssl_context))
                      for name, each in self._service_map.items()}
            self._valmennus_service_starts = starts
        start = starts.pop(service_name, None)
        if start is None:
            return await one_by_one(self, service_name, service, ssl_context)
        ready = await start
        if not ready and service.managed:  # the hub exits now: stop the others rather than leave them
            for other in starts.values():
                other.cancel()
            await asyncio.gather(*starts.values(), return_exceptions=True)
            starts.clear()
            await asyncio.gather(*(s.stop() for s in self._service_map.values()
                                   if s is not service and s.managed and getattr(s, "spawner", None)),
                                 return_exceptions=True)
        return ready

    setattr(start_service, MARK, True)
    start_service.__doc__ = one_by_one.__doc__
    hub_class.start_service = start_service
    return True


def stop_together(hub_class: Any = None) -> bool:
    """Let ``hub_class.cleanup`` stop the managed services and the servers at once; True if it now does."""
    if hub_class is None:
        from jupyterhub.app import JupyterHub as hub_class
    cleanup = getattr(hub_class, "cleanup", None)
    if not _patchable(cleanup, ["self"]):
        return False

    async def cleanup_together(self: Any) -> None:
        loop = asyncio.get_running_loop()

        async def stop(what: str, stopping: Any) -> None:
            began = loop.time()
            try:
                await stopping
            except Exception as error:  # noqa: BLE001  (JupyterHub's own clean-up logs and goes on, too)
                self.log.error("Failed to stop %s: %s", what, error)
            else:
                self.log.info("Stopped %s in %.1f s", what, loop.time() - began)

        stops = [stop(f"service {s.name}", s.stop()) for s in self._service_map.values()
                 if s.managed and getattr(s, "spawner", None)]
        if getattr(self, "cleanup_servers", False):
            stops += [stop(f"the server of {user.name}", user.stop(name)) for _uid, user in self.users.items()
                      for name, spawner in list(user.spawners.items()) if spawner.active]
        if stops:
            self.log.info("Stopping %i services and servers together...", len(stops))
            await asyncio.gather(*stops)
        await cleanup(self)

    setattr(cleanup_together, MARK, True)
    cleanup_together.__doc__ = cleanup.__doc__
    hub_class.cleanup = cleanup_together
    return True
