"""Fresh grading kernels without the start-up cost: forked from a process that imported everything once.

A grading kernel must be fresh for every submission (a participant's notebook may hold code, and its
state must never reach another participant). Starting Python, importing ipykernel, IPython and the
course package costs most of a kernel's CPU, and it is the same for every submission. So one
"zygote" process per grading worker imports all of that once and then, for each submission, forks:
the child is a new kernel process (own memory, own session, own connection file) that starts from
the imported state, and exits after its one notebook. The isolation is a process's, as before.

Hooked in through jupyter_client's provisioner interface: ``ForkingKernelManager`` gives its kernel a
``ForkingProvisioner``, which asks the zygote for a child instead of running the kernel command.
If the zygote cannot be started, kernels start the ordinary way.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from jupyter_client.provisioning.local_provisioner import LocalProvisioner

from ..course.kernels import CourseKernelManager

PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "zmq", "jupyter_client",
           "valmennus.checks", "valmennus.notebook", "valmennus.summary", "valmennus.items")


# -- the zygote process -------------------------------------------------------------------------
def _reap(_signum: int, _frame: object) -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _become_kernel(request: dict[str, Any], ready_w: int) -> None:
    """In the forked child: a new session, the kernel's cwd and environment, then the kernel app."""
    try:
        os.setsid()
        os.write(ready_w, b"1")
        os.close(ready_w)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        import random

        random.seed()  # never share the zygote's random state between kernels
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=request["argv"])
    finally:
        os._exit(0)


def serve(socket_path: str) -> None:
    """The zygote: preload, then fork a kernel for each request on the UNIX socket."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    from valmennus.items import bank

    bank()
    signal.signal(signal.SIGCHLD, _reap)
    parent = os.getppid()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen(8)
    server.settimeout(1.0)
    Path(socket_path + ".ready").touch()  # only now can a client connect (bind alone would refuse it)
    while os.getppid() == parent:  # the worker is gone: so is its zygote
        try:
            conn, _ = server.accept()
        except TimeoutError:
            continue
        with conn:
            request = json.loads(conn.makefile("r", encoding="utf-8").readline())
            if request.get("stop"):
                break
            ready_r, ready_w = os.pipe()
            pid = os.fork()
            if pid == 0:
                server.close()
                conn.close()
                os.close(ready_r)
                _become_kernel(request, ready_w)
            os.close(ready_w)
            os.read(ready_r, 1)  # the child has its own session before anyone signals its group
            os.close(ready_r)
            conn.sendall((json.dumps({"pid": pid}) + "\n").encode("utf-8"))
    server.close()
    _remove_folder(Path(socket_path).parent)


def _remove_folder(folder: Path) -> None:
    """Remove the zygote's socket folder; either side may get there first.

    A grading worker of a multiprocessing pool ends with ``os._exit`` and never runs its ``atexit``
    hooks, so the zygote, which notices its parent is gone, clears the folder too (3,900 were once
    left in /tmp).
    """
    for leftover in folder.glob("*"):
        leftover.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except FileNotFoundError:
        pass


# -- the client side, in the grading worker -----------------------------------------------------
class _Zygote:
    """This worker's zygote: started on first use, stopped at exit."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="valmennus-zygote-")
        self.socket_path = str(Path(self.folder) / "zygote.sock")
        self.process = subprocess.Popen([sys.executable, "-m", "valmennus.ops.forkkernel", self.socket_path],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, close_fds=True)
        deadline = time.monotonic() + 30
        while not os.path.exists(self.socket_path + ".ready"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise OSError("the kernel zygote did not start")
            time.sleep(0.02)
        atexit.register(self.stop)

    def fork(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(30)
            s.connect(self.socket_path)
            s.sendall((json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n").encode("utf-8"))
            return int(json.loads(s.makefile("r", encoding="utf-8").readline())["pid"])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        _remove_folder(Path(self.folder))


_zygote: _Zygote | None = None
_zygote_failed = False


def zygote() -> _Zygote | None:
    global _zygote, _zygote_failed
    if _zygote is None and not _zygote_failed:
        try:
            _zygote = _Zygote()
        except OSError:
            _zygote_failed = True  # kernels start the ordinary way
    return _zygote


class ForkedProcess:
    """A Popen-like handle on a kernel that the zygote forked (not our child: watched through a pidfd)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._fd: int | None = os.pidfd_open(pid)
        except ProcessLookupError:
            self._fd, self.returncode = None, 0

    def poll(self) -> int | None:
        if self.returncode is None and self._fd is not None:
            readable, _, _ = select.select([self._fd], [], [], 0)
            if readable:
                os.close(self._fd)
                self._fd, self.returncode = None, 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("forked kernel", timeout or 0)
            time.sleep(0.02)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkingProvisioner(LocalProvisioner):
    """LocalProvisioner, except that the kernel process comes from the zygote."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        z = zygote()
        if z is None or "-f" not in cmd:
            return await super().launch_kernel(cmd, **kwargs)
        argv = cmd[cmd.index("-f"):]  # the kernel app's own arguments: -f <connection file> and extras
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = {k: str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        try:
            pid = z.fork(argv, cwd, env)
        except (OSError, ValueError, KeyError):  # a zygote that fails never fails the grading
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info


class ForkingKernelManager(CourseKernelManager):
    """The kernel manager nbgrader's Execute uses in valmennus' grading workers (told the course's
    language as every course kernel is)."""

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkingProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                                  parent=self)
        return await super()._async_pre_start_kernel(**kw)


if __name__ == "__main__":
    serve(sys.argv[1])
