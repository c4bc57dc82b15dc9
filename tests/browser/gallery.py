"""The widget gallery: every widget kind once, from the item bank's "esimerkki" week.

Written into a temporary folder by the browser tests, so the notebook they open is always the one
the current code asks for (no committed copy to drift). Its cells look like a week's: locked, code
collapsed, one widget per cell, the summary at the end.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from valmennus.items import for_week

NOTEBOOK_ID = "esimerkki"


def _code(source: str) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.metadata["jupyter"] = {"source_hidden": True}
    cell.metadata["editable"] = False
    cell.metadata["deletable"] = False
    return cell


def write_gallery(folder: Path) -> Path:
    """Write ``esimerkki.ipynb`` into ``folder`` and return its path."""
    cells = [new_markdown_cell("# Esimerkkitehtävä\n\nKaikki vastaustavat yhdellä sivulla."),
             _code(f'from valmennus import open_notebook\n\nnb = open_notebook("{NOTEBOOK_ID}")\nnb')]
    for item in for_week(NOTEBOOK_ID):
        cells.append(_code(f'nb.ask("{item.id}")'))
    cells.append(new_markdown_cell("## Yhteenveto"))
    cells.append(_code("nb.summary()"))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    path = folder / f"{NOTEBOOK_ID}.ipynb"
    nbformat.write(nb, path)
    return path


def gallery_folder(parent: Path) -> Path:
    """A course folder ``esimerkki/`` in ``parent`` holding only the gallery; the answers file comes beside it."""
    course = parent / NOTEBOOK_ID
    course.mkdir()
    write_gallery(course)
    return course
