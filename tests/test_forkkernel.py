"""valmennus.ops.forkkernel: forked grading kernels are fresh, separate processes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from valmennus.ops.forkkernel import ForkingKernelManager, zygote


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _start(cwd: Path):  # noqa: ANN202
    km = ForkingKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=30)
    return km, kc


async def _run(kc, code: str) -> str:  # noqa: ANN001
    reply_text: list[str] = []

    def collect(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            reply_text.append(msg["content"]["text"])

    reply = await kc.execute_interactive(code, output_hook=collect, timeout=30)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(reply_text).strip()


@pytest.mark.anyio
async def test_are_forked_kernels_fresh_and_separate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    z = zygote()
    assert z is not None
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    km_a, kc_a = await _start(tmp_path / "a")
    try:
        pid_a = int(await _run(kc_a, "import os, valmennus.checks as c; c.LEAK = 1; print(os.getpid())"))
        assert await _run(kc_a, "print(os.getcwd())") == str(tmp_path / "a")
        km_b, kc_b = await _start(tmp_path / "b")
        try:
            out = await _run(kc_b, "import os, valmennus.checks as c; "
                                   "print(os.getpid(), os.getppid(), hasattr(c, 'LEAK'), os.getcwd(), "
                                   "os.environ.get('NBGRADER_EXECUTION'))")
            pid_b, parent_b, leaked, cwd_b, mode = out.split()
            assert int(pid_b) != pid_a and int(parent_b) == z.process.pid  # forked by the zygote
            assert leaked == "False"  # nothing of kernel A reaches kernel B
            assert cwd_b == str(tmp_path / "b") and mode == "autograde"
        finally:
            kc_b.stop_channels()
            await km_b.shutdown_kernel()
        assert not await km_b.is_alive()
    finally:
        kc_a.stop_channels()
        await km_a.shutdown_kernel()
    with pytest.raises(ProcessLookupError):
        os.kill(pid_a, 0)


def test_does_a_zygote_whose_worker_vanished_leave_nothing_in_tmp() -> None:
    """A pool worker ends with os._exit (no atexit): its zygote must still remove its socket folder."""
    import subprocess
    import sys
    import time

    code = ("import os; from valmennus.ops.forkkernel import zygote; z = zygote(); "
            "print(z.folder, z.process.pid, flush=True); os._exit(0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    folder, pid = out.stdout.split()
    deadline = time.monotonic() + 15
    while Path(folder).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(folder).exists()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the zygote outlived its worker")
