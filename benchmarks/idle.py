"""Waiting for a server's pre-heated kernels to be ready, for the benchmarks that time first renders.

A pre-heated Voilà (``--preheat_kernel``) replaces a used kernel by starting a new one that imports
pandas and reads the stores: seconds of CPU. A fixed pause after each request measured the two cores'
queue under other load as much as the render (a replacement still pre-heating when the next page was
asked for). The benchmarks instead wait until the server's processes are idle: the state a coordinator
finds the service in.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import psutil


def wait_until_idle(processes: Callable[[], list[psutil.Process]], at_most: float, idle_for: float = 1.0,
                    busy_percent: float = 5.0) -> float:
    """Wait until each process that ``processes()`` lists used under ``busy_percent`` of a CPU for
    ``idle_for`` seconds (``at_most`` seconds in all); return the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < at_most:
        watched = processes()
        for process in watched:
            with contextlib.suppress(psutil.Error):
                process.cpu_percent(None)
        time.sleep(idle_for)
        busiest = 0.0
        for process in watched:
            with contextlib.suppress(psutil.Error):
                busiest = max(busiest, process.cpu_percent(None))
        if busiest < busy_percent:
            break
    return time.monotonic() - started


def of_account(account: str) -> Callable[[], list[psutil.Process]]:
    """Every process of the Linux account ``account`` (the hub's dashboards service and its kernels)."""
    return lambda: [p for p in psutil.process_iter(["username"]) if p.info["username"] == account]


def of_tree(pid: int) -> Callable[[], list[psutil.Process]]:
    """Process ``pid`` and its descendants (a Voilà server and its kernels)."""
    def listed() -> list[psutil.Process]:
        try:
            root = psutil.Process(pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []
    return listed
