"""deploy/services_together.py on a class with JupyterHub's two methods (the real hub runs it in tests/hub):
every service begins at the first call, each call still answers for its own service in the hub's order, a
managed service that fails stops those already started, and a class without those methods is left as it is.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy"))
from services_together import start_together, stop_together  # noqa: E402


class _Service:
    def __init__(self, name: str, ok: bool = True, managed: bool = True) -> None:
        self.name, self.ok, self.managed, self.spawner = name, ok, managed, object()
        self.stopped = False

    async def stop(self) -> None:
        self.stopped = True


def _hub_class(log: list[str]) -> type:
    class Hub:
        """JupyterHub's start_service and cleanup, as far as the patch uses them."""

        def __init__(self, services: list[_Service]) -> None:
            self._service_map = {s.name: s for s in services}
            self.users: dict = {}
            self.cleanup_servers = False
            self.log = logging.getLogger("hub")

        async def start_service(self, service_name: str, service: _Service, ssl_context: object = None) -> bool:
            log.append(f"begin {service_name}")
            await asyncio.sleep(0.05)
            log.append(f"ready {service_name}")
            return service.ok

        async def cleanup(self) -> None:
            log.append("cleanup")

    return Hub


async def _start_in_order(hub: object) -> list[bool]:
    """As JupyterHub.start does: one call per service, each awaited before the next."""
    return [await hub.start_service(name, service) for name, service in hub._service_map.items()]


def test_do_all_services_begin_at_the_first_call_and_answer_in_order() -> None:
    log: list[str] = []
    hub_class = _hub_class(log)
    assert start_together(hub_class) and not start_together(hub_class)  # patched once
    hub = hub_class([_Service("a"), _Service("b"), _Service("c")])
    assert asyncio.run(_start_in_order(hub)) == [True, True, True]
    assert log[:3] == ["begin a", "begin b", "begin c"]  # together, not one after the other


def test_does_a_failing_managed_service_stop_the_others() -> None:
    log: list[str] = []
    hub_class = _hub_class(log)
    start_together(hub_class)
    services = [_Service("a", ok=False), _Service("b"), _Service("c")]
    hub = hub_class(services)

    async def first_only() -> bool:  # the hub exits after the first failure
        return await hub.start_service("a", services[0])

    assert asyncio.run(first_only()) is False
    assert services[1].stopped and services[2].stopped and not services[0].stopped


def test_does_cleanup_stop_the_services_before_the_hubs_own() -> None:
    log: list[str] = []
    hub_class = _hub_class(log)
    assert stop_together(hub_class)
    services = [_Service("a"), _Service("b", managed=False)]
    asyncio.run(hub_class(services).cleanup())
    assert services[0].stopped and not services[1].stopped and log == ["cleanup"]


def test_is_a_class_without_those_methods_left_alone() -> None:
    class Other:
        def start_service(self, name: str) -> None:  # not a coroutine, another signature
            pass

    assert not start_together(Other) and not stop_together(Other)
