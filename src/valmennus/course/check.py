"""The course check: what must hold for the committed course before a facilitator releases a week.

Run by the tests and by ``valmennus check``. Each rule returns problems in words, in the course
language (``coursecheck_*`` messages; empty: all good):
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

from ..i18n import t
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
            problems.append(t("coursecheck_link_scheme", where=where, url=url))
        if not parsed.netloc or "." not in parsed.netloc or url.endswith((".", ",")):
            problems.append(t("coursecheck_link_malformed", where=where, url=url))
    return problems


def notebook_problems(path: Path) -> list[str]:
    """One source notebook: clean, locked, unique ids, every item known and meant for it."""
    problems: list[str] = []
    week = path.parent.name
    nb = nbformat.read(path, as_version=4)
    grade_ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    if None in grade_ids:
        problems.append(t("coursecheck_no_grade_id", notebook=path.name))
    dupes = sorted({g for g in grade_ids if g and grade_ids.count(g) > 1})
    if dupes:
        problems.append(t("coursecheck_grade_id_twice", notebook=path.name, ids=", ".join(dupes)))
    items = bank()
    asked: list[str] = []
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "?")
        if cell.cell_type == "code":
            if cell.outputs or cell.execution_count is not None:
                problems.append(t("coursecheck_outputs", notebook=path.name, cell=gid))
            if not cell.metadata.get("nbgrader", {}).get("locked"):
                problems.append(t("coursecheck_not_locked", notebook=path.name, cell=gid))
            for item_id in asked_items(cell.source):
                asked.append(item_id)
                if item_id not in items:
                    problems.append(t("coursecheck_unknown_item", notebook=path.name, cell=gid, item=item_id))
                elif week not in items[item_id].weeks:
                    problems.append(t("coursecheck_other_week", notebook=path.name, item=item_id,
                                      weeks=", ".join(items[item_id].weeks)))
        else:
            problems += link_problems(cell.source, f"{path.name}/{gid}")
    missing = [i.id for i in for_week(week) if i.id not in asked]
    if missing:
        problems.append(t("coursecheck_never_asked", notebook=path.name, week=week, items=", ".join(missing)))
    return problems


def course_problems(root: Path) -> list[str]:
    """Every rule over the whole course folder."""
    root = Path(root)
    problems: list[str] = []
    notebooks = source_notebooks(root)
    if not notebooks:
        return [t("coursecheck_no_notebooks", root=root)]
    names = [p.name for p in notebooks]
    if len(set(names)) != len(names):
        problems.append(t("coursecheck_same_name"))
    for path in notebooks:
        if path.stem != path.parent.name:
            problems.append(t("coursecheck_notebook_name", path=path, folder=path.parent.name))
        problems += notebook_problems(path)
    problems += [t("coursecheck_answers_file", path=p.relative_to(root))
                 for p in answer_files(step_path(root, "source"))]
    weeks = {p.parent.name for p in notebooks}
    scheduled = [w.id for w in load_schedule(root)]
    problems += [t("coursecheck_no_notebook", week=w) for w in scheduled if w not in weeks]
    problems += [t("coursecheck_not_scheduled", week=w) for w in sorted(weeks) if scheduled and w not in scheduled]
    for item in bank().values():
        for text in (*item.text.values(), *(o for opt in item.options for o in (*opt.text.values(),
                                                                             *opt.feedback.values()))):
            problems += link_problems(text, t("coursecheck_item", item=item.id))
    if (root / "kurssi").is_dir():  # the course text: source/ must be what `valmennus build` writes from it
        from .build import stale_sources

        problems += stale_sources(root)
    return problems
