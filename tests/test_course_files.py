"""The course as committed: source/ built from kurssi/, clean source notebooks, a current release/, ids that exist
and are unique."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat

from valmennus.cli import main
from valmennus.course.api import generate_releases
from valmennus.course.build import BuildError, build_sources, notebook_from_text, stale_sources
from valmennus.course.check import asked_items, course_problems, link_problems
from valmennus.course.guard import autograde_exclusions
from valmennus.course.settings import CourseSettings
from valmennus.i18n import t
from valmennus.items import bank

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "source").glob("*/*.ipynb"))


def test_are_source_notebooks_committed_without_outputs() -> None:
    assert SOURCES
    for path in SOURCES:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path


def test_are_grade_ids_unique_and_every_asked_item_in_the_bank() -> None:
    items = bank()
    for path in SOURCES:
        nb = nbformat.read(path, as_version=4)
        ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
        assert len(ids) == len(set(ids)), path
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        for item_id in re.findall(r'"([A-Z][A-Z0-9_]+)"', code):
            assert item_id in items, f"{path}: {item_id}"


def test_does_the_course_check_pass_on_the_committed_course() -> None:
    assert course_problems(REPO) == []


def test_is_the_course_eight_notebooks_in_schedule_order() -> None:
    from valmennus.course.schedule import load_schedule

    weeks = [w.id for w in load_schedule(REPO)]
    assert weeks == ["viikko0", "viikko1", "viikko2", "viikko3", "viikko4", "viikko5", "viikko6", "paatos"]
    assert sorted(p.parent.name for p in SOURCES) == sorted(weeks)


def test_does_the_course_check_find_each_kind_of_mistake(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(REPO / "source", course / "source")
    shutil.copy(REPO / "schedule.yaml", course)
    path = course / "source" / "viikko2" / "viikko2.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = nb.cells
    cells[1].outputs = [nbformat.v4.new_output("stream", text="left over")]
    cells[1].execution_count = 3
    cells[2].metadata["nbgrader"]["grade_id"] = "alustus"
    cells[2].source += "\n\nLähde: <https://>"
    widget = next(c for c in cells if c.cell_type == "code" and "ask" in c.source)
    widget.source = widget.source.replace("nb.ask", 'nb.ask("W9_NOPE") or nb.ask', 1)
    nbformat.write(nb, path)
    (course / "source" / "viikko2" / "viikko2.answers.json").write_text("{}")
    shutil.rmtree(course / "source" / "viikko6")
    problems = course_problems(course)  # in the course language (Finnish here), as `valmennus check` prints them
    found = "\n".join(problems)
    assert "solussa alustus on tulosteita (tyhjennä ne ennen kuin tallennat muutoksen gitiin)" in found
    assert t("coursecheck_grade_id_twice", notebook="viikko2.ipynb", ids="alustus") in problems
    assert "kysyy kohtaa W9_NOPE, jota ei ole kysymyspankissa" in found
    assert "virheellinen linkki: https://" in found
    assert t("coursecheck_answers_file", path="source/viikko2/viikko2.answers.json") in problems
    assert "schedule.yaml mainitsee viikon viikko6, jolla ei ole muistikirjaa source/-kansiossa" in problems


def test_are_asked_items_read_from_the_calls_not_the_text() -> None:
    assert asked_items('nb.ask_all("A1", "A2")\nnb.ask("B")') == ["A1", "A2", "B"]
    assert asked_items('from valmennus.checks import require\n\nrequire("viikko1", "C1", "C2")') == ["C1", "C2"]
    assert link_problems("<https://dvv.fi/x> ja [a](https://kela.fi)", "w") == []
    assert link_problems("<ftp://x.fi>", "w") == ["w: linkki ei ole verkko-osoite: ftp://x.fi"]


def test_are_code_cells_locked_and_collapsed_for_participants() -> None:
    for path in SOURCES:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                assert cell.metadata["nbgrader"]["locked"] is True
                assert cell.metadata["jupyter"]["source_hidden"] is True


def test_is_release_current_with_source(tmp_path: Path) -> None:
    """Regenerate every week with nbgrader (its API, as ``valmennus build`` runs it) in a copy and compare
    with the committed release/."""
    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    weeks = sorted(p.name for p in (tmp_path / "source").iterdir())
    generate_releases(CourseSettings.load(tmp_path), weeks)
    for week in weeks:
        for made in (tmp_path / "release" / week).iterdir():
            committed = REPO / "release" / week / made.name
            assert committed.exists(), f"{committed} missing: run `valmennus build`"
            assert json.loads(made.read_text()) == json.loads(committed.read_text()), \
                f"{committed} is stale: run `valmennus build`"


def test_does_autograde_skip_every_answers_file() -> None:
    assert autograde_exclusions(REPO / "source")["viikko1"] == ["viikko1.answers.json"]


def test_does_build_refuse_an_answers_file_in_source(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    (tmp_path / "source" / "viikko1" / "viikko1.answers.json").write_text("{}")
    assert main(["--course", str(tmp_path), "build"]) == 2
    assert "Lähdekansiossa on vastaustiedosto source/viikko1/viikko1.answers.json" in capsys.readouterr().err
    assert not (tmp_path / "release").exists()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_is_source_exactly_what_kurssi_builds(tmp_path: Path) -> None:
    """source/ is generated: a hand edit there, or a text edit not yet built, fails here."""
    assert stale_sources(REPO) == [], "run `valmennus build` (never edit source/ by hand)"
    shutil.copytree(REPO / "kurssi", tmp_path / "kurssi")
    built = build_sources(tmp_path)
    assert [b.week for b in built] == sorted(p.parent.name for p in SOURCES)
    assert _files(tmp_path / "source") == {k: v for k, v in _files(REPO / "source").items()
                                           if k.endswith(".ipynb")}


def test_does_building_twice_give_the_same_bytes(tmp_path: Path) -> None:
    shutil.copytree(REPO / "kurssi", tmp_path / "kurssi")
    assert all(b.changed for b in build_sources(tmp_path))
    first = _files(tmp_path / "source")
    again = build_sources(tmp_path)
    assert not any(b.changed for b in again)
    assert _files(tmp_path / "source") == first


def test_does_the_comparison_find_a_hand_edit_and_a_hand_made_week(tmp_path: Path) -> None:
    shutil.copytree(REPO / "kurssi", tmp_path / "kurssi")
    shutil.copytree(REPO / "source", tmp_path / "source")
    path = tmp_path / "source" / "viikko2" / "viikko2.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\nKäsin lisätty."
    nbformat.write(nb, path)
    (tmp_path / "source" / "viikko9").mkdir()
    found = "\n".join(stale_sources(tmp_path))
    assert "source/viikko2/viikko2.ipynb poikkeaa tekstistä kurssi/viikko2.md" in found
    assert t("build_orphan", folder="source/viikko9", text="kurssi/viikko9.md", course_text="kurssi") in found
    try:
        build_sources(tmp_path)
    except BuildError as exc:
        assert "source/viikko9" in str(exc)
    else:
        raise AssertionError("a week in source/ without its text was built over silently")


def test_does_a_check_cell_stay_locked_with_its_points_through_build(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """An author edits a week's Markdown; `valmennus build viikko1` carries the nbgrader metadata to release/."""
    for name in ("kurssi", "source"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    text = tmp_path / "kurssi" / "viikko1.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "## Suoritusmerkinnät", "## Suoritusmerkinnät (muokattu)"), encoding="utf-8")
    assert main(["--course", str(tmp_path), "build", "viikko1"]) == 0
    assert capsys.readouterr().out.splitlines() == ["  päivitetty: source/viikko1/viikko1.ipynb",
                                                    "  luotu: release/viikko1"]
    for folder in ("source", "release"):
        cells = {c.id: c for c in nbformat.read(tmp_path / folder / "viikko1" / "viikko1.ipynb", as_version=4).cells}
        check = cells["valmis_paivakirja"]
        assert check.cell_type == "code"
        expected = {"grade": True, "grade_id": "valmis_paivakirja", "locked": True, "points": 1,
                    "schema_version": 3, "solution": False, "task": False}
        assert expected.items() <= check.metadata["nbgrader"].items()  # release/ adds nbgrader's checksum
        assert check.metadata["deletable"] is False and check.metadata["editable"] is False
        assert check.metadata["jupyter"] == {"source_hidden": True}
        assert 'require("viikko1", "W1_DIARY")' in check.source
        task = cells["ohjaajan_palaute"]
        assert task.cell_type == "markdown" and task.metadata["nbgrader"]["task"] is True
        assert task.metadata["nbgrader"]["points"] == 1 and task.metadata["nbgrader"]["locked"] is True
        assert cells["valmistuminen_ohje"].source.startswith("## Suoritusmerkinnät (muokattu)")
    assert (tmp_path / "source" / "viikko2" / "viikko2.ipynb").read_bytes() == \
        (REPO / "source" / "viikko2" / "viikko2.ipynb").read_bytes()  # only the named week was built


MYST = """---
kernelspec: {display_name: Python 3 (ipykernel), language: python, name: python3}
---

+++ {"nbgrader": {"grade_id": "ohje", "locked": true, "grade": false, "solution": false, "task": false, \
"schema_version": 3}, "deletable": false, "editable": false}

## Kysymys

```{code-cell}
---
nbgrader: {grade_id: valmis, locked: true, grade: true, points: 2, solution: false, task: false, schema_version: 3}
deletable: false
editable: false
jupyter: {source_hidden: true}
tags: [tarkistus]
---
require("viikko1", "W1_DIARY")
```
"""  # the backslash joins the metadata line: one line in the file the test reads


def test_does_cell_metadata_survive_the_markdown() -> None:
    nb = notebook_from_text(MYST, "kurssi/koe.md")
    assert [c.id for c in nb.cells] == ["ohje", "valmis"]
    assert nb.metadata == {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                          "name": "python3"}, "language_info": {"name": "python"}}
    md, check = nb.cells
    assert md.metadata == {"deletable": False, "editable": False, "nbgrader": {
        "grade": False, "grade_id": "ohje", "locked": True, "schema_version": 3, "solution": False, "task": False}}
    assert check.metadata["nbgrader"]["points"] == 2 and check.metadata["nbgrader"]["locked"] is True
    assert check.metadata["tags"] == ["tarkistus"] and check.metadata["jupyter"] == {"source_hidden": True}
    assert check.outputs == [] and check.execution_count is None


def test_does_build_name_a_broken_or_duplicated_cell() -> None:
    try:
        notebook_from_text(MYST.replace("points: 2,", "points: 2,,]"), "kurssi/koe.md")
    except BuildError as exc:
        assert str(exc).startswith("kurssi/koe.md: ")
    else:
        raise AssertionError("broken metadata was accepted")
    try:
        notebook_from_text(MYST.replace("grade_id: valmis,", "grade_id: ohje,"), "kurssi/koe.md")
    except BuildError as exc:
        assert "ohje" in str(exc)
    else:
        raise AssertionError("a duplicated grade id was accepted")


def test_does_every_week_teach_the_same_pulse_and_offer_optional_deepening() -> None:
    """Issue 16: the same weekly pulse text in all eight files, and a deepening cell by need area."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((REPO / "kurssi").glob("*.md"))}
    pulses = {re.search(r"## Viikon pulssi\n\n(.*?)\n```", text, re.S).group(1) for text in texts.values()}
    assert len(texts) == 8 and len(pulses) == 1
    for week, text in texts.items():
        assert '"grade_id": "syventava"' in text, week
        assert "tarkistettu 2026-11-30" in text.split("## Lähteet")[1], week
