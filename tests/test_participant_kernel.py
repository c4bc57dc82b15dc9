"""valmennus.participant.kernel: the participant's python3 kernel preloads the course only in a week's folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from valmennus.participant.kernel import in_week_folder, kernel_spec_folder


def test_is_a_week_folder_one_holding_a_notebook_named_after_it(tmp_path: Path) -> None:
    week = tmp_path / "viikko1"
    week.mkdir()
    assert not in_week_folder(week)
    (week / "muistiinpanot.ipynb").write_text("{}", encoding="utf-8")
    assert not in_week_folder(week)
    (week / "viikko1.ipynb").write_text("{}", encoding="utf-8")
    assert in_week_folder(week)
    assert not in_week_folder(tmp_path)


def test_is_the_spec_this_python_running_the_module(tmp_path: Path) -> None:
    folder = kernel_spec_folder(tmp_path / "runtime")
    spec = json.loads((folder / "python3" / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"] == [sys.executable, "-m", "valmennus.participant.kernel", "-f", "{connection_file}"]
    assert KernelSpecManager(kernel_dirs=[str(folder)]).get_kernel_spec("python3").argv[:3] == spec["argv"][:3]


def _run(kc, code: str) -> str:  # noqa: ANN001
    out: list[str] = []

    def keep(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = kc.execute_interactive(code, output_hook=keep, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out).strip()


WAIT_FOR_PRELOAD = ("import sys, threading, time\n"
                    "deadline = time.monotonic() + 30\n"
                    "while any(t.name == 'valmennus-preload' for t in threading.enumerate()) "
                    "and time.monotonic() < deadline:\n"
                    "    time.sleep(0.05)\n"
                    "print('valmennus.notebook' in sys.modules, 'anywidget' in sys.modules)")


@pytest.mark.parametrize("folder, preloaded", [("viikko1", "True True"), ("omat", "False False")])
def test_does_a_kernel_preload_the_course_in_a_week_folder_only(tmp_path: Path, folder: str, preloaded: str) -> None:
    here = tmp_path / folder
    here.mkdir()
    (here / f"{folder}.ipynb" if folder == "viikko1" else here / "jotain.ipynb").write_text("{}", encoding="utf-8")
    specs = kernel_spec_folder(tmp_path / "runtime")
    km = KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]))
    km.start_kernel(cwd=str(here))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        assert _run(kc, WAIT_FOR_PRELOAD) == preloaded
        # and the shell works as ipykernel's: widgets made after the preload reach the comm manager
        assert _run(kc, "import ipywidgets as w, comm\n"
                        "s = w.IntSlider(3)\n"
                        "print(s.comm.comm_id in comm.get_comm_manager().comms, s.value)") == "True 3"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
