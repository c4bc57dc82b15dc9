"""The participant's Python kernel: ipykernel, which in a week's folder imports the course package early.

Opening a week, Voilà starts a kernel, waits until it answers, renders the head of the page (half a
second of the server's time, during which the kernel has nothing to do), and only then runs the first
cell, whose ``from valmennus import open_notebook`` imports ipywidgets, anywidget, Jinja2, Babel and the
course package (about 0.2 s). A kernel started in a week's folder (``viikko1/viikko1.ipynb``: an nbgrader
assignment's folder holding its notebook) does those imports in a background thread as soon as its
shell exists, in the time it would otherwise wait; the first cell then finds them done, or waits for
the rest under Python's import lock. Nothing else changes: the same ipykernel, the same cells, and
outside a week's folder (any other notebook, the JupyterLab console) exactly ipykernel.

The participant's server uses it as its ``python3`` kernel (``kernel_spec_folder`` writes the spec that
``valmennus.participant`` puts first among the server's kernel folders), so JupyterLab and Voilà both do.

    python -m valmennus.participant.kernel -f <connection file>
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

PRELOAD = ("ipywidgets", "valmennus.notebook", "valmennus.widgets", "valmennus.checks")


def in_week_folder(folder: Path) -> bool:
    """A folder holding a notebook named after it: where nbgrader fetches an assignment (``viikko1/viikko1.ipynb``)."""
    return (folder / f"{folder.name}.ipynb").is_file()


def preload() -> None:
    """Import what a week's first cells import and read what they read (the bank, the catalog, the widgets'
    templates); never raise: anything that fails here fails again, visibly, in the cell that needs it."""
    try:
        import importlib

        for name in PRELOAD:
            importlib.import_module(name)
        from valmennus import i18n, items, templates, widgets

        widgets.WIDGET_FOR_KIND  # noqa: B018  (imports every kind's widget module: anywidget too)
        items.bank()
        i18n.t("saved_on", when="")
        for name in ("widget_parts.html.j2", "macros.html.j2", "summary.html.j2"):
            templates.environment().get_template(name)
    except Exception:  # noqa: BLE001, S110  (the cell's own import reports it)
        pass


def kernel_spec_folder(runtime: Path) -> Path:
    """A kernels folder holding a ``python3`` spec that runs this module with this Python; returns the folder
    to put first among the server's kernel folders."""
    folder = runtime / "kernels"
    spec = folder / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "valmennus.participant.kernel", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python", "metadata": {"debugger": True},
    }, indent=1), encoding="utf-8")
    return folder


def main() -> None:
    # as ipykernel_launcher: not the working folder (a participant's file there) while ipykernel loads;
    # IPython puts it back for the cells
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize()
    if in_week_folder(Path(os.getcwd())):
        # only now: ipywidgets registers its comm target with the shell when imported, so the shell must exist
        threading.Thread(target=preload, name="valmennus-preload", daemon=True).start()
    app.start()


if __name__ == "__main__":
    main()
