"""One fetched week seen without a kernel: what its checks find missing, and its feedback page read.

**What is missing.** The week's completion checks are the ``require(...)`` / ``require_correct(...)``
calls in its graded cells (what nbgrader's autograde runs). They are read from the notebook with
``ast`` (never run: the participant's copy is theirs to edit, and a kernel would take seconds) and
answered by ``checks.missing`` on the saved answers file, read-only, exactly as the grading kernel
reads it. A notebook that does not parse or names nothing gives no checks, not an error.

**The feedback page.** nbgrader's feedback HTML is the whole notebook, code cells included, with
English labels ("Test cell", "Comments:"). Participants never see code, so the page is not shown as
it is: the coach's words (each task cell's comment) and the completion marks (each graded cell's
score) are read out of it as text and shown by the app's own escaped templates; one's own answers are
the summary of the answers file that was submitted (nbgrader's cached copy of that submission, the
file the coach graded), in the participant's language. Read as text, nothing of the page's markup or
scripts reaches the app's page.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..answers import AnswerStore
from ..checks import missing
from ..course.check import asked_items
from ..items import bank
from ..safefiles import read_regular

MAX_NOTEBOOK = 20 * 1024 * 1024
MAX_FEEDBACK = 40 * 1024 * 1024
_CHECKS = ("require", "require_correct")
_SCORE = re.compile(r"Score:\s*([0-9.]+)\s*/\s*([0-9.]+)")


@dataclass(frozen=True)
class Check:
    grade_id: str
    notebook_id: str
    items: tuple[str, ...]
    correct: bool  # require_correct: a quiz must also be right


@dataclass
class WeekNotebook:
    path: Path
    notebook_id: str = ""
    asked: list[str] = field(default_factory=list)  # item ids in the order asked
    checks: list[Check] = field(default_factory=list)
    task_cells: list[str] = field(default_factory=list)  # grade ids of manually graded task cells


def _calls(code: str) -> list[tuple[str, list[str]]]:
    """(function name, string arguments) of each call in ``code``; nothing when it does not parse."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            found.append((name, args))
    return found


def read_notebook(path: Path) -> WeekNotebook:
    """The notebook's id, the items it asks and its completion checks (see the module doc)."""
    week = WeekNotebook(path)
    try:
        nb = json.loads(read_regular(path, MAX_NOTEBOOK).decode("utf-8"))
        cells = nb.get("cells", []) if isinstance(nb, dict) else []
    except (OSError, ValueError, UnicodeDecodeError):
        return week
    known = bank()
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        code = "".join(source) if isinstance(source, list) else str(source)
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if meta.get("task"):
            week.task_cells.append(str(meta.get("grade_id", "")))
        if cell.get("cell_type") != "code":
            continue
        for name, args in _calls(code):
            if name == "open_notebook" and args and not week.notebook_id:
                week.notebook_id = args[0]
            if name in _CHECKS and args and meta.get("grade"):
                items = tuple(a for a in args[1:] if a in known)
                week.checks.append(Check(str(meta.get("grade_id", "")), args[0], items, name == "require_correct"))
                week.notebook_id = week.notebook_id or args[0]
        try:
            week.asked += [i for i in asked_items(code) if i in known and i not in week.asked]
        except (SyntaxError, ValueError):
            continue
    return week


def still_missing(folder: Path, notebooks: list[WeekNotebook]) -> list[str]:
    """What the week's completion checks find missing, as sentences (empty: all done)."""
    problems: list[str] = []
    for nb in notebooks:
        for check in nb.checks:
            for problem in missing(check.notebook_id, *check.items, folder=str(folder), correct=check.correct):
                if problem not in problems:
                    problems.append(problem)
    return problems


def answers_problem(folder: Path, notebooks: list[WeekNotebook]) -> str | None:
    """A message key when a week's answers file cannot be read (damaged, not a plain file)."""
    for nb in notebooks:
        if nb.notebook_id:
            problem = AnswerStore(nb.notebook_id, folder, read_only=True).load().problem
            if problem:
                return problem
    return None


# -- nbgrader's feedback page, read as text ------------------------------------------------------
@dataclass
class Mark:
    grade_id: str
    score: float
    max_score: float


@dataclass
class FeedbackPage:
    comments: list[str] = field(default_factory=list)  # the coach's words, one entry a comment
    marks: list[Mark] = field(default_factory=list)
    total: Mark | None = None


def read_feedback_page(path: Path) -> FeedbackPage:
    """The coach's comments and every graded cell's score out of nbgrader's feedback HTML (as text)."""
    from bs4 import BeautifulSoup

    page = FeedbackPage()
    html = read_regular(path, MAX_FEEDBACK).decode("utf-8", errors="replace")
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.select_one(".panel-heading h4")
    if heading is not None and (m := _SCORE.search(heading.get_text())):
        page.total = Mark("", float(m.group(1)), float(m.group(2)))
    for cell in soup.select("div.nbgrader_cell"):
        anchor = cell.find("a", attrs={"name": True})
        name = str(anchor["name"]) if anchor is not None else ""
        head = cell.select_one(".panel-heading")
        if head is not None and (m := _SCORE.search(head.get_text())) and not name.startswith("comment-"):
            page.marks.append(Mark(name, float(m.group(1)), float(m.group(2))))
        elif head is not None and name.startswith("comment-") and (m := _SCORE.search(head.get_text())):
            page.marks.append(Mark(name.removeprefix("comment-"), float(m.group(1)), float(m.group(2))))
        footer = cell.select_one(".panel-footer")
        if footer is not None:
            label = footer.find("b")
            if label is not None:
                label.extract()  # nbgrader's English "Comments:"
            text = "\n\n".join(p.get_text(" ", strip=True) for p in footer.find_all("p")) \
                or footer.get_text(" ", strip=True)
            if text.strip():
                page.comments.append(text.strip())
    return page
