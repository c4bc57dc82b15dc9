"""Builds a week's source notebook from its content (``tools/weeks/<week>.py``).

Every week has the same frame, so participants always find things in the same place and the
facilitator's grading is the same every week: title and goals, the setup cell, theory, the week's
parts (private task, reflection, self-assessment, shared task: each a text and the items asked right
after it), then the frame's own end: the weekly pulse, a summary of one's answers, the completion
checks (1 point each), the facilitator's feedback task and the sources. Cells are locked and code is
hidden: participants never write or see code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
PULSE_ITEMS = ("PULSE_USE", "PULSE_LOAD", "PULSE_NOTE")


@dataclass(frozen=True)
class Part:
    """A text (markdown) and the items asked right after it, in one widget cell."""

    grade_id: str  # id of the text cell; the widget cell is "<grade_id>_kentat"
    text: str
    items: tuple[str, ...] = ()
    code: str = ""  # instead of items: one call on ``nb`` shown after the text (e.g. ``nb.compare_with(...)``)


@dataclass(frozen=True)
class Check:
    """One completion mark: the items that must be answered (to their minimums)."""

    grade_id: str
    items: tuple[str, ...]
    points: int = 1


@dataclass(frozen=True)
class Week:
    id: str
    intro: str  # "# Viikko N: ..." with goals, time, how to answer
    theory: tuple[tuple[str, str], ...]  # (grade_id, markdown) cells
    parts: tuple[Part, ...]
    checks: tuple[Check, ...]
    feedback: str  # the facilitator's task cell text
    sources: str  # numbered markdown list, cited as [n] in the text
    pulse: bool = True
    extra_end: tuple[Part, ...] = field(default_factory=tuple)  # after the pulse, before the summary


def _locked(cell: nbformat.NotebookNode, grade_id: str, **nbgrader: object) -> nbformat.NotebookNode:
    meta = {"grade": False, "grade_id": grade_id, "locked": True, "schema_version": 3, "solution": False,
            "task": False}
    meta.update(nbgrader)
    cell.metadata["nbgrader"] = meta
    cell.metadata["deletable"] = False
    cell.metadata["editable"] = False
    return cell


def md(text: str, grade_id: str) -> nbformat.NotebookNode:
    return _locked(new_markdown_cell(text.strip("\n")), grade_id)


def code(source: str, grade_id: str, points: int | None = None) -> nbformat.NotebookNode:
    """A locked code cell with its source collapsed: participants never write code."""
    extra: dict[str, object] = {"grade": points is not None}
    if points is not None:
        extra["points"] = points
    cell = _locked(new_code_cell(source.strip("\n")), grade_id, **extra)
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def task(text: str, grade_id: str, points: int) -> nbformat.NotebookNode:
    return _locked(new_markdown_cell(text.strip("\n")), grade_id, task=True, points=points)


def ask_source(items: tuple[str, ...]) -> str:
    args = ", ".join(f'"{i}"' for i in items)
    return f"nb.ask({args})" if len(items) == 1 else f"nb.ask_all({args})"


PULSE_TEXT = """
## Viikon pulssi

Kaksi lyhyttä kysymystä viikon sisällöstä ja työmäärästä sekä vapaa kommentti. Vastaaminen on
vapaaehtoista, eikä se vaikuta valmistumismerkintöihin. Vastauksilla kehitämme valmennusta.
Koordinaattori näkee ne vain koko ryhmän yhteenvetoina, ei nimellä.
"""

SUMMARY_TEXT = """
## Yhteenveto vastauksistasi

Alla näet kaikki tallennetut vastauksesi. Ohjaaja näkee saman yhteenvedon, kun hän lukee
palautuksesi.
"""


NUMBERS = {2: "kaksi", 3: "kolme", 4: "neljä", 5: "viisi", 6: "kuusi", 7: "seitsemän", 8: "kahdeksan",
           9: "yhdeksän", 10: "kymmenen"}


def _completion_text(n: int) -> str:
    count = "Alla oleva solu tarkistaa" if n == 1 else f"Alla olevat {NUMBERS[n]} solua tarkistavat"
    return f"""
## Tehtävän valmistuminen

{count}, onko tehtävän kukin osa valmis. Ohjaaja ajaa tarkistuksen
palautuksen jälkeen, ja voit ajaa sen myös itse. Jos jotain puuttuu, solu kertoo mitä. Jokaisesta
valmiista osasta saat valmistumismerkinnän.
"""


def build(week: Week) -> nbformat.NotebookNode:
    cells = [md(week.intro, "johdanto"),
             code(f'from valmennus import open_notebook\n\nnb = open_notebook("{week.id}")\nnb', "alustus")]
    cells += [md(text, grade_id) for grade_id, text in week.theory]
    for part in week.parts + ((Part("pulssi_ohje", PULSE_TEXT, PULSE_ITEMS),) if week.pulse else ()) + week.extra_end:
        cells.append(md(part.text, part.grade_id))
        if part.items or part.code:
            cells.append(code(part.code or ask_source(part.items), f"{part.grade_id.removesuffix('_ohje')}_kentat"))
    cells += [md(SUMMARY_TEXT, "yhteenveto_ohje"), code("nb.summary()", "yhteenveto"),
              md(_completion_text(len(week.checks)), "valmistuminen_ohje")]
    for check in week.checks:
        args = ", ".join(f'"{i}"' for i in check.items)
        cells.append(code(f'from valmennus.checks import require\n\nrequire("{week.id}", {args})',
                          check.grade_id, points=check.points))
    cells += [task(week.feedback, "ohjaajan_palaute", points=1), md(week.sources, "lahteet")]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def write(week: Week) -> Path:
    out = ROOT / "source" / week.id / f"{week.id}.ipynb"
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build(week), out)
    return out
