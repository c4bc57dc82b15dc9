"""A submission's notebook is graded as it was released: participants never write code in this course.

Every answer lives in the answers file (DESIGN §2); the notebook a participant hands in carries no
work of hers. nbgrader still executes that notebook, with the grader's rights, and only partly
repairs it: ``OverwriteCells`` restores the source of a locked cell *while its nbgrader metadata is
intact*. Seen to fool plain nbgrader on this course (tests/test_bad_submissions.py):

* a locked cell whose nbgrader metadata is removed is an ordinary cell to nbgrader: a setup cell
  rewritten to replace ``valmennus.checks.require`` with a no-op runs, and every check passes with
  nothing done (5/5);
* any added code cell runs: one that writes a complete answers file before the checks earns their
  marks; one that never ends holds the worker for ``Execute.timeout`` (120 s); either can read and
  write files anywhere the grader can;
* a check cell tagged ``skip-execution`` is left unrun by nbclient, has no error, and scores full;
* a check cell also marked ``grade: false`` makes ``OverwriteCells`` raise "Inconsistent checksums"
  and the whole submission fails, its real work ungraded; a deleted check cell is never run and
  waits for manual grading.

``SanitizeSubmission`` (an Autograde sanitize preprocessor, after ``OverwriteKernelspec`` and before
``OverwriteCells``) therefore rebuilds the notebook from the released one: the released cells, in
the released order, each with its source, type and nbgrader metadata from the gradebook (the
authority nbgrader grades against) and the rest of its metadata (tags, collapsed state) from the
release. Only the content of an unlocked solution cell is taken from the submission (this course
has none). Cells the release does not have are dropped before anything runs, so an added loop or
forger never starts. ``OverwriteCells`` then finds nothing to repair.

A file can run code too. The grading kernel's working folder is the participant's graded copy, and it
is importable: IPython puts the working folder on ``sys.path`` (before site-packages), and a plain
kernel is started as ``python -m ipykernel_launcher`` from there. A submitted ``ipywidgets.py`` ran in
the grading kernel (imported by the week's widgets); a submitted ``ipykernel_launcher.py`` ran *instead
of* the kernel, with the grader's rights. ``RemovePlantedModules`` (first of
``Autograde.autograde_preprocessors``, before ``Execute``) removes every importable Python module or
package from that folder before the kernel starts; the submitted copy under ``submitted/`` keeps them
for the facilitator to see, and files the course itself ships in ``source/<week>/`` are kept.

Nothing is silently discarded: every repair, and every answers-file problem that will read as
unanswered (missing, not a plain file, too large, not UTF-8, not JSON, not this notebook's) or quiz
``correct`` flag that disagrees with the item bank, is logged as a warning with a
``valmennus_note`` attribute; ``valmennus autograde`` shows these notes in its results table, and
plain ``nbgrader autograde`` prints them in its log (formgrader shows it). The notes are sentences in
the course language (``note_*`` messages), for the facilitator who reads them there.
"""

from __future__ import annotations

import copy
import importlib.machinery
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from ..i18n import number, t, tn

NOTE = "valmennus_note"  # the attribute of a log record that carries a note for the results table
CELL_TYPES = ("code", "markdown", "raw")
MAX_NAMES = 6
#: nbgrader metadata keys that decide how a cell is graded; they come from the gradebook, never the submission
GRADING_KEYS = ("grade", "solution", "locked", "task", "points", "grade_id")


@dataclass(frozen=True)
class Released:
    """What the gradebook knows of one notebook: every cell nbgrader recorded, by grade id."""

    cell_type: dict[str, str]
    locked: dict[str, bool]
    source: dict[str, str]
    checksum: dict[str, str | None]
    points: dict[str, float]  # grade and task cells
    grade: frozenset[str]
    solution: frozenset[str]
    task: frozenset[str]

    @classmethod
    def load(cls, db_url: str, notebook: str, assignment: str) -> Released:
        with Gradebook(db_url) as gb:
            nb = gb.find_notebook(notebook, assignment)
            cells = list(nb.source_cells)
            return cls(cell_type={c.name: c.cell_type for c in cells}, locked={c.name: c.locked for c in cells},
                       source={c.name: c.source or "" for c in cells},
                       checksum={c.name: c.checksum for c in cells},
                       points={**{c.name: float(c.max_score) for c in nb.grade_cells},
                               **{c.name: float(c.max_score) for c in nb.task_cells}},
                       grade=frozenset(c.name for c in nb.grade_cells),
                       solution=frozenset(c.name for c in nb.solution_cells),
                       task=frozenset(c.name for c in nb.task_cells))

    def nbgrader_metadata(self, grade_id: str, base: dict[str, Any]) -> dict[str, Any]:
        """The cell's nbgrader metadata as generated, with every grading key from the gradebook."""
        meta = {k: v for k, v in base.items() if k not in GRADING_KEYS}
        meta.setdefault("schema_version", 3)
        meta.setdefault("cell_type", self.cell_type[grade_id])
        meta.update(grade_id=grade_id, grade=grade_id in self.grade, solution=grade_id in self.solution,
                    task=grade_id in self.task, locked=self.locked[grade_id])
        if grade_id in self.points:
            meta["points"] = self.points[grade_id]
        if self.checksum[grade_id]:
            meta["checksum"] = self.checksum[grade_id]
        return meta


@dataclass
class Findings:
    """What was repaired in one notebook, by kind; grade ids only (never text the participant wrote)."""

    added: dict[str, int] = field(default_factory=dict)  # cell type -> how many were removed
    missing: list[str] = field(default_factory=list)
    retyped: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)
    moved: bool = False

    def notes(self) -> list[str]:
        """One sentence per kind of repair, in the course language (``note_*`` messages)."""
        notes = []
        for kind, n in sorted(self.added.items()):
            notes.append(tn(f"note_added_{kind}", n))
        for key, names in (("note_missing", self.missing), ("note_retyped", self.retyped),
                           ("note_edited", self.edited), ("note_metadata", self.metadata)):
            if names:
                more = f" (+{len(names) - MAX_NAMES})" if len(names) > MAX_NAMES else ""
                notes.append(tn(key, len(names), cells=", ".join(names[:MAX_NAMES]) + more))
        if self.moved and not (self.added or self.missing):
            notes.append(t("note_order"))
        return notes


# A submitted notebook is JSON the participant controls: read it without trusting any field's shape.
def _meta(cell: NotebookNode, key: str | None = None) -> dict[str, Any]:
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    if key is None:
        return meta
    inner = meta.get(key)
    return inner if isinstance(inner, dict) else {}


def _source(cell: NotebookNode) -> str:
    source = cell.get("source", "") if isinstance(cell, dict) else ""
    if isinstance(source, list):
        return "".join(x for x in source if isinstance(x, str))
    return source if isinstance(source, str) else ""


def _grade_id(cell: NotebookNode) -> str | None:
    grade_id = _meta(cell, "nbgrader").get("grade_id")
    return grade_id if isinstance(grade_id, str) else None


def _type_name(cell: NotebookNode) -> str:
    kind = cell.get("cell_type") if isinstance(cell, dict) else None
    return kind if kind in CELL_TYPES else "other"


def _new_cell(cell_type: str, source: str, metadata: dict[str, Any], cell_id: str | None) -> NotebookNode:
    if cell_type == "code":
        cell = nbformat.v4.new_code_cell(source, metadata=metadata)
    elif cell_type == "markdown":
        cell = nbformat.v4.new_markdown_cell(source, metadata=metadata)
    else:
        cell = nbformat.v4.new_raw_cell(source, metadata=metadata)
    if cell_id:
        cell["id"] = cell_id
    return cell


def _grading_view(cell: NotebookNode) -> tuple[Any, ...]:
    """What of a cell's metadata changes how it runs or scores: nbgrader's grading keys and the tags."""
    nbg = _meta(cell, "nbgrader")
    points = nbg.get("points")
    try:
        points = float(points) if points is not None else None
    except (TypeError, ValueError):
        points = "invalid"
    tags = _meta(cell).get("tags") or []
    return (bool(nbg.get("grade")), bool(nbg.get("solution")), bool(nbg.get("locked")), bool(nbg.get("task")),
            points if nbg.get("grade") or nbg.get("task") else None,
            tuple(map(repr, tags)) if isinstance(tags, list) else (repr(tags),))


def rebuild(submitted: NotebookNode, release: NotebookNode, book: Released) -> tuple[list[NotebookNode], Findings]:
    """The cells to grade: the release's, from the gradebook, with only solution cells' content submitted."""
    findings = Findings()
    theirs: dict[str, NotebookNode] = {}
    by_cell_id: dict[str, NotebookNode] = {}
    kept_order: list[str] = []
    for cell in submitted.get("cells") or []:
        grade_id = _grade_id(cell)
        cell_id = cell.get("id") if isinstance(cell, dict) else None
        if grade_id is not None and grade_id in book.cell_type and grade_id not in theirs:
            theirs[grade_id] = cell
            kept_order.append(grade_id)
        elif grade_id is None and isinstance(cell_id, str) and cell_id not in by_cell_id:
            by_cell_id[cell_id] = cell
        elif _source(cell).strip():
            kind = _type_name(cell)
            findings.added[kind] = findings.added.get(kind, 0) + 1

    cells: list[NotebookNode] = []
    released_order: list[str] = []
    for ref in release.cells:
        grade_id = _grade_id(ref)
        if grade_id is None or grade_id not in book.cell_type:  # a cell nbgrader does not track: the release's
            cells.append(copy.deepcopy(ref))
            mine = by_cell_id.pop(ref["id"], None) if isinstance(ref.get("id"), str) else None
            if mine is not None and (mine.get("cell_type") != ref.cell_type or _source(mine) != ref.source):
                findings.edited.append(f"#{len(cells)}")
            continue
        released_order.append(grade_id)
        metadata = copy.deepcopy(dict(ref.get("metadata", {})))
        metadata["nbgrader"] = book.nbgrader_metadata(grade_id, dict(metadata.get("nbgrader", {})))
        mine = theirs.get(grade_id)
        source = book.source[grade_id]
        if grade_id in book.solution and not book.locked[grade_id] and mine is not None:
            source = _source(mine)  # the participant's own answer
        cell = _new_cell(book.cell_type[grade_id], source, metadata, ref.get("id"))
        cells.append(cell)
        if mine is None:
            findings.missing.append(grade_id)
            continue
        # compared with what she was given (the release), which may lack hidden tests the gradebook has
        if mine.get("cell_type") != ref.cell_type:
            findings.retyped.append(f"{grade_id} ({_type_name(mine)})")
        if book.locked[grade_id] and _source(mine) != ref.source:
            findings.edited.append(grade_id)
        if _grading_view(mine) != _grading_view(ref):
            findings.metadata.append(grade_id)
    for grade_id in sorted((book.grade | book.task) & book.cell_type.keys() - set(released_order)):
        # graded, yet not in the release (a hand-edited release folder): graded all the same
        cells.append(_new_cell(book.cell_type[grade_id], book.source[grade_id],
                               {"nbgrader": book.nbgrader_metadata(grade_id, {})}, None))
        if grade_id not in theirs:
            findings.missing.append(grade_id)
    for cell in by_cell_id.values():  # untracked cells the release does not have
        if _source(cell).strip():
            kind = _type_name(cell)
            findings.added[kind] = findings.added.get(kind, 0) + 1
    findings.moved = [g for g in kept_order if g in released_order] != [g for g in released_order if g in theirs]
    return cells, findings


def _release_notebook(config: Any, assignment: str, notebook: str) -> NotebookNode | None:
    """The notebook as released (``release/<week>/``), else as written (``source/<week>/``)."""
    coursedir = CourseDirectory(config=config)
    for step in (coursedir.release_directory, coursedir.source_directory):
        path = Path(coursedir.format_path(step, ".", assignment)) / f"{notebook}.ipynb"
        if path.is_file():
            return nbformat.read(path, as_version=4)
    return None


def _from_gradebook(submitted: NotebookNode, book: Released) -> NotebookNode:
    """A stand-in release when there is no release folder: the tracked cells in the submitted order,
    then the ones the submission lacks."""
    order = [g for g in (_grade_id(c) for c in submitted.cells) if g in book.cell_type]
    order = list(dict.fromkeys(order)) + [g for g in book.cell_type if g not in order]
    cells = [_new_cell(book.cell_type[g], book.source[g], {"nbgrader": book.nbgrader_metadata(g, {})}, None)
             for g in order]
    return nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(submitted.metadata))


# -- the answers file ------------------------------------------------------------------------------
def answers_notes(folder: str | os.PathLike[str], notebook_id: str) -> list[str]:
    """Why the grader will read ``<notebook_id>.answers.json`` in ``folder`` as (partly) unanswered, if it will.

    Reads as the grading kernel reads (no link followed, at most ``answers.MAX_BYTES``); also names quiz
    items whose saved ``correct`` flag disagrees with the answer chosen (the flag is never trusted:
    correctness is recomputed from the item bank wherever it is read).
    """
    from ..answers import MAX_BYTES, _parse, answers_filename
    from ..items import bank, valid_value
    from ..kinds import kind
    from ..safefiles import NotRegularFile, TooLarge, read_regular

    path = Path(folder) / answers_filename(notebook_id)
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return [t("note_answers_none")]
    except NotRegularFile as exc:
        return [t("note_answers_not_plain", reason=t(f"refused_{exc.reason}"))]
    except TooLarge as exc:
        return [t("note_answers_too_large", size=number(exc.size / 1e6, 1), limit=number(exc.limit / 1e6, 0))]
    except OSError as exc:
        return [t("note_answers_unreadable", reason=exc.strerror or type(exc).__name__)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return [t("note_answers_not_utf8")]
    try:
        json.loads(text)
    except ValueError:
        return [t("note_answers_not_json")]
    try:
        entries = _parse(raw, notebook_id)
    except ValueError as exc:
        return [t("note_answers_not_used", reason=str(exc)[:80])]
    items = bank()
    forged = []
    for item_id, entry in entries.items():
        item, value = items.get(item_id), entry.get("value")
        if item is None or not valid_value(item, value):
            continue
        correct = kind(item.kind).correct(item, value)
        if correct is not None and isinstance(value, dict) and "correct" in value and value["correct"] is not correct:
            forged.append(item_id)
    if forged:
        shown = ", ".join(sorted(forged)[:MAX_NAMES]) + (" …" if len(forged) > MAX_NAMES else "")
        return [tn("note_forged_quiz", len(forged), items=shown)]
    return []


class SanitizeSubmission(NbGraderPreprocessor):
    """Autograde sanitize step: grade the released notebook, not what was handed in (see the module docstring).

    Configure in ``nbgrader_config.py`` among ``Autograde.sanitize_preprocessors``, before
    ``OverwriteCells``. Its notes (repairs, answers-file problems) are log warnings with a
    ``valmennus_note`` attribute.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        notebook, assignment = info["notebook"], info["assignment"]
        try:
            book = Released.load(info["db_url"], notebook, assignment)
        except MissingEntry:  # nbgrader skips notebooks it does not know before this runs
            return nb, resources
        release = _release_notebook(self.config, assignment, notebook) or _from_gradebook(nb, book)
        cells, findings = rebuild(nb, release, book)
        nb.cells = cells
        nb.metadata = copy.deepcopy(release.metadata)
        nb.nbformat, nb.nbformat_minor = release.nbformat, max(release.nbformat_minor, 5)
        notes = findings.notes()
        folder = resources.get("metadata", {}).get("path")
        if folder:
            notes += answers_notes(folder, notebook)
        for note in notes:
            self.log.warning("%s/%s (%s): %s", info.get("student", "?"), assignment, notebook, note,
                             extra={NOTE: f"{notebook}: {note}"})
        return nb, resources


# -- files the kernel could import ------------------------------------------------------------------
def _importable(name: str) -> bool:
    return name.endswith(tuple(importlib.machinery.all_suffixes()))


def planted_modules(folder: str | os.PathLike[str], keep: set[str] = frozenset()) -> list[str]:
    """Top-level entries of ``folder`` that ``import`` would find there: modules (``x.py``, ``x.so``, ...)
    and folders holding any (a package, or a namespace-package portion); links and names in ``keep`` aside."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in keep or entry.is_symlink():
                continue
            if entry.is_file(follow_symlinks=False) and _importable(entry.name):
                found.append(entry.name)
            elif entry.is_dir(follow_symlinks=False) and entry.name.isidentifier() and any(
                    _importable(name) for _, _, names in os.walk(entry.path) for name in names):
                found.append(entry.name + "/")
    return sorted(found)


class RemovePlantedModules(NbGraderPreprocessor):
    """Autograde step before ``Execute``: nothing in the kernel's working folder can be imported (see the
    module docstring). Runs on the graded copy (``autograded/``); the submitted copy keeps the files."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        folder = resources.get("metadata", {}).get("path")
        if not folder or not os.path.isdir(folder):
            return nb, resources
        info = resources.get("nbgrader", {})
        coursedir = CourseDirectory(config=self.config)
        source = Path(coursedir.format_path(coursedir.source_directory, ".", info.get("assignment", "")))
        keep = {p.name for p in source.iterdir()} if source.is_dir() else set()
        planted = planted_modules(folder, keep)
        for name in planted:
            path = os.path.join(folder, name.rstrip("/"))
            if name.endswith("/"):
                shutil.rmtree(path)
            else:
                os.unlink(path)
        if planted:
            shown = ", ".join(planted[:MAX_NAMES]) + (" …" if len(planted) > MAX_NAMES else "")
            note = tn("note_planted", len(planted), files=shown)
            self.log.warning("%s/%s (%s): %s", info.get("student", "?"), info.get("assignment", "?"),
                             info.get("notebook", "?"), note, extra={NOTE: f"{info.get('notebook', '?')}: {note}"})
        return nb, resources


def autograde_preprocessors() -> list[type]:
    """``Autograde.autograde_preprocessors``: nbgrader's own, with ``RemovePlantedModules`` first."""
    from nbgrader.converters.autograde import Autograde

    steps = [s for s in Autograde.class_traits()["autograde_preprocessors"].default() if s is not RemovePlantedModules]
    return [RemovePlantedModules, *steps]


def sanitize_preprocessors() -> list[type]:
    """``Autograde.sanitize_preprocessors``: nbgrader's own, with ``SanitizeSubmission`` before ``OverwriteCells``."""
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import OverwriteCells

    steps = [s for s in Autograde.class_traits()["sanitize_preprocessors"].default() if s is not SanitizeSubmission]
    at = steps.index(OverwriteCells) if OverwriteCells in steps else len(steps)
    return [*steps[:at], SanitizeSubmission, *steps[at:]]
