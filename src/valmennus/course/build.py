"""The course build: the course text in ``kurssi/`` becomes the nbgrader source notebooks in ``source/``.

Why a text folder: a course author edits Finnish prose, not notebook JSON. Each week is one MyST
Markdown notebook, ``kurssi/<week>.md`` (jupytext's ``md:myst`` format): markdown cells are plain
Markdown, code cells are ``{code-cell}`` blocks, and every cell carries its nbgrader metadata (locked,
grade id, points) in the line or block above its text. Every cell of the notebook is in the file, the
frame too (setup cell, pulse, summary, completion checks, the coach's task), so what the author reads
is what participants get: the build adds nothing and drops nothing.

Why the build normalises: ``source/`` is committed and compared in a test with what this module makes
from ``kurssi/``, so the same text must always give the same bytes. A cell's id is therefore its
nbgrader grade id (unique within a notebook, which nbgrader needs anyway) instead of a random one,
code cells have no outputs or execution count, the notebook is nbformat 4.5 written the way
``nbformat.write`` writes it, and a file whose bytes would not change is not touched. ``release/`` is
made from ``source/`` by nbgrader afterwards (``valmennus build``), never from here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from ..answers import atomic_write
from ..i18n import t
from .settings import step_path

COURSE_TEXT = "kurssi"  # the one folder a course author edits
FORMAT = "md:myst"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python"}
_CELL_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")  # nbformat 4.5's rule for cell ids


class BuildError(Exception):
    """The course text cannot become a notebook; the message names the file and what to fix, in the
    course language (``build_*`` messages)."""


@dataclass(frozen=True)
class Built:
    """One week written (or found already current) in ``source/``."""

    week: str
    path: Path
    changed: bool


def text_path(root: Path, week: str) -> Path:
    return root / COURSE_TEXT / f"{week}.md"


def source_path(root: Path, week: str) -> Path:
    """The week's source notebook where nbgrader looks for it (the course's layout, ``settings.step_path``)."""
    return step_path(root, "source", week=week) / f"{week}.ipynb"


def text_weeks(root: Path) -> list[str]:
    """The weeks written in ``kurssi/``: one ``<week>.md`` each."""
    folder = root / COURSE_TEXT
    return sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []


def _source_weeks(root: Path) -> list[str]:
    """The week folders of ``source/`` (hidden folders such as Jupyter's checkpoints are not weeks)."""
    source = step_path(root, "source")
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if source.is_dir() else []


def _cell_id(cell: NotebookNode, index: int) -> str:
    """The grade id when it can be a cell id (stable across builds and readable), else the position."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    if isinstance(grade_id, str) and _CELL_ID.fullmatch(grade_id):
        return grade_id
    return f"solu-{index + 1}"


def notebook_from_text(text: str, name: str) -> NotebookNode:
    """The source notebook for one week's MyST text; ``name`` (the file) goes into error messages.

    Only the cells' type, text and metadata come from jupytext; everything else is set here so the
    result depends on the text alone. The notebook metadata is the front matter without jupytext's own
    key, with the course's Python kernel filled in when missing (jupytext drops ``language_info`` when it
    saves a Markdown notebook, so an author's save from JupyterLab must not change ``source/``).
    """
    try:
        read = jupytext.reads(text, fmt=FORMAT)
    except Exception as exc:  # jupytext's MystMetadataParsingError, YAML and JSON errors name the cell and line
        raise BuildError(t("build_unreadable", file=name, error=exc)) from exc
    metadata = nbformat.from_dict({k: v for k, v in read.metadata.items() if k != "jupytext"})
    metadata.setdefault("kernelspec", dict(KERNELSPEC))
    metadata.setdefault("language_info", dict(LANGUAGE_INFO))
    makers = {"code": new_code_cell, "markdown": new_markdown_cell, "raw": new_raw_cell}
    cells, seen = [], set()
    for index, cell in enumerate(read.cells):
        cell_id = _cell_id(cell, index)
        if cell_id in seen:
            raise BuildError(t("build_same_id", file=name, id=cell_id))
        seen.add(cell_id)
        cells.append(makers[cell.cell_type](cell.source, metadata=nbformat.from_dict(dict(cell.metadata)),
                                            id=cell_id))
    nb = new_notebook(cells=cells, metadata=metadata)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        raise BuildError(t("build_invalid", file=name, error=exc.message)) from exc
    return nb


def notebook_bytes(nb: NotebookNode) -> bytes:
    """Exactly what ``nbformat.write`` puts in a file (sorted keys, indent 1, final newline)."""
    text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` when its bytes differ; an unchanged file keeps its time stamp."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data, temp_prefix=f".{path.name}.")
    return True


def build_sources(root: str | os.PathLike[str], weeks: list[str] | None = None) -> list[Built]:
    """Write ``source/`` from ``kurssi/``: the named weeks, or every week there.

    Everything is read and checked before anything is written, so a mistake in one week leaves
    ``source/`` as it was. A course folder without ``kurssi/`` (a cohort's copy, made from ``source/``)
    has nothing to build. With every week asked for, a week in ``source/`` without its text is an
    error: it was written by hand and the next build would not know it.
    """
    root = Path(root).resolve()
    if not (root / COURSE_TEXT).is_dir():
        return []
    if weeks is None:
        weeks = text_weeks(root)
        orphans = [name for name in _source_weeks(root) if name not in weeks]
        if orphans:
            raise BuildError(_orphan(root, orphans[0]))
    made: list[tuple[str, bytes]] = []
    for week in weeks:
        text = text_path(root, week)
        if not text.is_file():
            raise BuildError(t("build_missing", file=text.relative_to(root)))
        nb = notebook_from_text(text.read_text(encoding="utf-8"), str(text.relative_to(root)))
        made.append((week, notebook_bytes(nb)))
    return [Built(week, source_path(root, week), _write_if_changed(source_path(root, week), data))
            for week, data in made]


def stale_sources(root: str | os.PathLike[str]) -> list[str]:
    """What differs between ``kurssi/`` and ``source/`` (empty when ``source/`` is what a build writes)."""
    root = Path(root).resolve()
    weeks = text_weeks(root)
    problems = [_orphan(root, name) for name in _source_weeks(root) if name not in weeks]
    for week in weeks:
        out = source_path(root, week)
        text = text_path(root, week).relative_to(root)
        nb = notebook_from_text(text_path(root, week).read_text(encoding="utf-8"), str(text))
        if not out.is_file():
            problems.append(t("build_not_built", file=out.relative_to(root), week=week))
        elif out.read_bytes() != notebook_bytes(nb):
            problems.append(t("build_differs", file=out.relative_to(root), text=text, week=week))
    return problems


def _orphan(root: Path, week: str) -> str:
    """A week folder of ``source/`` without its course text: what to do about it."""
    return t("build_orphan", folder=step_path(root, "source", week=week).relative_to(root),
             text=text_path(root, week).relative_to(root), course_text=COURSE_TEXT)
