"""The package's layers: data flows one way, and the modules that grading kernels and facilitator
commands import stay free of ipywidgets."""

from __future__ import annotations

import subprocess
import sys

WIDGET_FREE = ["valmennus.checks", "valmennus.summary", "valmennus.ops.share", "valmennus.ops.status",
               "valmennus.ops.export", "valmennus.ops.remind", "valmennus.ops.privacy"]


def test_grading_kernels_and_facilitator_commands_do_not_import_ipywidgets() -> None:
    code = ("import importlib, sys\n"
            f"for name in {WIDGET_FREE!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'valmennus')))\n"
            "assert 'ipywidgets' not in sys.modules\n"
            "assert not any(m.startswith('valmennus.widgets') for m in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
