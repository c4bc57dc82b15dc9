"""The course team's comments without names (issue 16 §4): the pulse's free comment, the "client of this
course" prompt and the closing feedback's open questions reach the store and the page "kommentit" as text
only, with no participant, in the order of the texts, never for a week and item fewer than 5 wrote; every
other text (a reflection, a task) stays out of the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from valmennus.cohort.cohorts import load_cohorts
from valmennus.cohort.dashboard import COMMENTS_PAGE, DASHBOARDS, render
from valmennus.cohort.privacy import Viewer
from valmennus.course.settings import CourseSettings
from valmennus.records import store

REFLECTION = "Pohdintani on yksityinen"


def _write(root: Path, participant: str, week: str, answers: dict[str, object]) -> None:
    folder = root / "submitted" / participant / week
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text("2027-01-13 10:00:00.000000 UTC", encoding="utf-8")
    document = {"format": "valmennus-answers", "version": 1, "notebook": week,
                "answers": {i: {"value": v, "saved_at": "2027-01-13T10:00:00+00:00"} for i, v in answers.items()}}
    (folder / f"{week}.answers.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """Seven participants: all seven write the pulse comment of week 1, four answer the 'client' prompt
    (too few), and everyone writes a reflection."""
    root = tmp_path / "kevat27"
    root.mkdir()
    (root / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'testi'\n",
                                             encoding="utf-8")
    (root / "roster.csv").write_text("id,first_name,last_name,facilitator\n" + "".join(
        f"p{k},Etunimi{k},Sukunimi{k},ohjaaja-a\n" for k in range(7)), encoding="utf-8")
    for k in range(7):
        answers: dict[str, object] = {"PULSE_NOTE": f"kommentti {chr(ord('g') - k)}\ntoinen rivi",
                                      "W1_DIARY": f"{REFLECTION} {k}", "PULSE_USE": 4}
        if k < 4:
            answers["PULSE_CLIENT"] = f"asiakkaana oli {k}"
        if k == 3:
            answers["PULSE_NOTE"] = "<b>lihava</b> & kommentti"
        _write(root, f"p{k}", "viikko1", answers)
    store.sync(CourseSettings.load(root))
    return root


def test_holds_the_store_the_comments_without_names_and_only_from_five(course: Path) -> None:
    course_settings = CourseSettings.load(course)
    tables = store.read(store.store_url(course_settings), None, store.store_schema(course_settings))
    comments = tables.comments
    assert list(comments.columns) == ["cohort", *store.COMMENT_COLUMNS]  # no participant, no time
    assert set(comments["item"]) == {"PULSE_NOTE"}  # PULSE_CLIENT: 4 writers, under 5
    assert len(comments) == 7 and comments["text"].tolist() == sorted(comments["text"])
    everything = comments.to_csv()
    assert REFLECTION not in everything and "asiakkaana oli" not in everything
    for frame in (tables.participants, tables.roster, tables.answers, tables.grades):
        assert "kommentti" not in frame.to_csv()


def test_does_the_course_teams_page_show_them_and_nothing_else(course: Path) -> None:
    page = render(COMMENTS_PAGE, [course], Viewer(), b"k")
    assert "kommentti a" in page and "toinen rivi" in page
    assert "&lt;b&gt;lihava&lt;/b&gt; &amp; kommentti" in page and "<b>lihava" not in page
    assert "Etunimi" not in page and "Sukunimi" not in page and ">p1<" not in page
    assert REFLECTION not in page and "asiakkaana oli" not in page
    assert page.index("kommentti a") < page.index("kommentti g")  # the texts' order, not the writers'
    for name in DASHBOARDS:  # the coordinators' other pages never show a comment
        assert "kommentti a" not in render(name, [course], Viewer(), b"k")
    assert load_cohorts([course]).comments.empty  # read only for the page that shows them


def test_says_so_when_no_week_has_five(tmp_path: Path) -> None:
    root = tmp_path / "pieni"
    root.mkdir()
    (root / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    for k in range(4):
        _write(root, f"p{k}", "viikko1", {"PULSE_NOTE": f"vain neljä {k}"})
    store.sync(CourseSettings.load(root))
    page = render(COMMENTS_PAGE, [root], Viewer(), b"k")
    assert "vain neljä" not in page and "Ei vielä kommentteja" in page
