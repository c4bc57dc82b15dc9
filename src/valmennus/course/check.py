"""The course check: what must hold for the committed course before a facilitator releases a week.

Run by the tests and by ``valmennus check``. Each rule returns problems in words (empty: all good):
notebooks and grade ids unique, outputs cleared, every item a notebook asks or checks exists in the
bank and lists that notebook, every bank item of a week asked there, no answers file under
``source/``, every scheduled week has a notebook, and links well-formed. Whether ``release/`` is
current needs nbgrader itself and is checked by the tests (``make release`` regenerates it).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from urllib.parse import urlparse

import nbformat

from ..items import bank, for_week
from .guard import answer_files
from .schedule import load_schedule
from .settings import step_path

_LINK = re.compile(r"<([a-z]+://[^>\s]*)>|\]\(([a-z]+://[^)\s]*)\)|(?<![<(\[/])\b([a-z]+://[^\s)>\]]+)")
_CALLS = ("ask", "ask_all", "require", "require_correct")


def source_notebooks(root: Path) -> list[Path]:
    """Each week's source notebook(s), where the course's layout puts ``source/`` (``settings.step_path``)."""
    return sorted(step_path(root, "source").glob("*/*.ipynb"))


def asked_items(code: str) -> list[str]:
    """Item ids in ``nb.ask(...)``, ``nb.ask_all(...)`` and ``require(week, ...)`` calls of a cell."""
    ids: list[str] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _CALLS:
                args = node.args[1:] if name.startswith("require") else node.args
                ids += [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return ids


def link_problems(text: str, where: str) -> list[str]:
    problems = []
    for match in _LINK.finditer(text):
        url = next(g for g in match.groups() if g)
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https"):
            problems.append(f"{where}: link is not a web address: {url}")
        if not parsed.netloc or "." not in parsed.netloc or url.endswith((".", ",")):
            problems.append(f"{where}: malformed link: {url}")
    return problems


def notebook_problems(path: Path) -> list[str]:
    """One source notebook: clean, locked, unique ids, every item known and meant for it."""
    problems: list[str] = []
    week = path.parent.name
    nb = nbformat.read(path, as_version=4)
    grade_ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    if None in grade_ids:
        problems.append(f"{path.name}: a cell without an nbgrader id")
    dupes = sorted({g for g in grade_ids if g and grade_ids.count(g) > 1})
    if dupes:
        problems.append(f"{path.name}: grade ids used twice: {', '.join(dupes)}")
    items = bank()
    asked: list[str] = []
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "?")
        if cell.cell_type == "code":
            if cell.outputs or cell.execution_count is not None:
                problems.append(f"{path.name}: cell {gid} has outputs (clear them before committing)")
            if not cell.metadata.get("nbgrader", {}).get("locked"):
                problems.append(f"{path.name}: code cell {gid} is not locked")
            for item_id in asked_items(cell.source):
                asked.append(item_id)
                if item_id not in items:
                    problems.append(f"{path.name}: cell {gid} asks {item_id}, which is not in the item bank")
                elif week not in items[item_id].weeks:
                    named = ", ".join(items[item_id].weeks)
                    problems.append(f"{path.name}: {item_id} is asked here but its bank entry names {named}")
        else:
            problems += link_problems(cell.source, f"{path.name}/{gid}")
    missing = [i.id for i in for_week(week) if i.id not in asked]
    if missing:
        problems.append(f"{path.name}: bank items of {week} never asked: {', '.join(missing)}")
    return problems


def course_problems(root: Path) -> list[str]:
    """Every rule over the whole course folder."""
    root = Path(root)
    problems: list[str] = []
    notebooks = source_notebooks(root)
    if not notebooks:
        return [f"{root}: no notebooks under source/"]
    names = [p.name for p in notebooks]
    if len(set(names)) != len(names):
        problems.append("two weeks share a notebook name")
    for path in notebooks:
        if path.stem != path.parent.name:
            problems.append(f"{path}: a week's notebook is named after its folder ({path.parent.name}.ipynb)")
        problems += notebook_problems(path)
    problems += [f"answers file under source/: {p.relative_to(root)}" for p in answer_files(step_path(root, "source"))]
    weeks = {p.parent.name for p in notebooks}
    scheduled = [w.id for w in load_schedule(root)]
    problems += [f"schedule.yaml names {w}, which has no notebook in source/" for w in scheduled if w not in weeks]
    problems += [f"source/{w} is not in schedule.yaml" for w in sorted(weeks) if scheduled and w not in scheduled]
    for item in bank().values():
        for text in (*item.text.values(), *(o for opt in item.options for o in (*opt.text.values(),
                                                                             *opt.feedback.values()))):
            problems += link_problems(text, f"item {item.id}")
    if (root / "kurssi").is_dir():  # the course text: source/ must be what `valmennus build` writes from it
        from .build import stale_sources

        problems += stale_sources(root)
    return problems
