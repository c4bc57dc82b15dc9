"""The dashboards served by real Voilà on 127.0.0.1 against a graded course (SQLite and PostgreSQL), read from
the course's reporting store as the dashboards do (synced first: on SQLite the week was played with the
plain nbgrader commands, which do not write it)."""

from __future__ import annotations

import functools
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from valmennus.cohort.dashboard import COMMENTS_PAGE, FACILITATOR_PAGE
from valmennus.cohort.dashboard import DASHBOARDS as DASHBOARD_NAMES
from valmennus.cohort.gradebook_sql import read_gradebook_fast
from valmennus.demo.course_loop import LoopReport
from valmennus.demo.simulate import answers_for
from valmennus.records import store
from valmennus.records.sources import read_gradebook

from .browser.servers import voila as serve_voila
from .conftest import TRIO

pytestmark = pytest.mark.server
DASHBOARDS = Path(__file__).resolve().parent.parent / "dashboards"
DASHBOARDS_APP = "valmennus.cohort.serve"  # the dashboards' Voilà, as the demo and the hub's service run it
Pages = Callable[..., str]  # a page of the served Voilà by its path (the front page: no path), rendered once


@pytest.fixture(scope="module")
def voila(graded_course: LoopReport, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pages]:
    """Voilà on the dashboards folder (as the demo serves it): ``voila("voila/render/<name>.ipynb")``; the
    facilitator's page as the trio's coach. One Voilà per backend for the module's tests (read only: they
    render, never change the course), and each page rendered once: a render is a kernel's start and the
    dashboard's whole run."""
    store.sync(graded_course.course)
    with serve_voila(DASHBOARDS, tmp_path_factory.mktemp("voila"),
                     {"VALMENNUS_COURSE": str(graded_course.course.root), "VALMENNUS_PSEUDONYM_KEY": "test",
                      "VALMENNUS_FACILITATOR": TRIO[0].facilitator}, app=DASHBOARDS_APP) as url:
        yield functools.cache(lambda path="": _page(url + path))


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    # Voilà 0.5 ships the executed outputs as JSON inside the page: undo its escaping of < > '
    for escaped, plain in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0027", "'"), ("\\u00e4", "ä")):
        page = page.replace(escaped, plain)
    return page


def test_is_the_front_page_every_dashboard_by_its_title_and_no_file_list(voila: Pages) -> None:
    """What a coordinator or a facilitator lands on at the service's address: the dashboards by their titles
    in the course language, each linked, what it shows; never Voilà's English list of notebook files."""
    front = voila()
    assert "Select items to open" not in front
    assert '<html lang="fi">' in front and "<h1>Koontinäytöt</h1>" in front
    for name in (FACILITATOR_PAGE, *DASHBOARD_NAMES, COMMENTS_PAGE):
        assert f'href="/voila/render/{name}.ipynb"' in front
        assert f">{name}.ipynb<" not in front  # linked by its title, not its file name
    assert ">Kurssin eteneminen</a>" in front and "(Ohjaajalle)" in front
    # a dashboard's own page keeps its config to itself (the front page's words are the folder's only)
    assert "dsh_index" not in voila("voila/render/edistyminen.ipynb")
    assert "Koontinäytöt" not in voila("voila/render/edistyminen.ipynb")


def test_do_the_dashboards_render_progress_without_names_or_private_text(voila: Pages) -> None:
    progress = voila("voila/render/edistyminen.ipynb")
    skills = voila("voila/render/osaaminen.ipynb")
    assert "Kurssin eteneminen" in progress and "valmennus-dash" in progress and "O-" in progress
    assert "Osaamisen muutos" in skills
    for page in (progress, skills):
        assert "Traceback" not in page and '"output_type": "error"' not in page
        for participant in TRIO:
            assert participant.first_name not in page
            assert f">{participant.id}<" not in page  # login ids are not shown either
            diary = answers_for(participant, "viikko1")["W1_DIARY"]
            assert diary.splitlines()[0] not in page


def test_does_the_facilitators_page_show_own_names_and_the_coachs_controls(voila: Pages) -> None:
    page = voila("voila/render/omat-osallistujat.ipynb")
    assert "Omat osallistujat" in page and "Traceback" not in page and '"output_type": "error"' not in page
    for participant in TRIO:
        assert f"{participant.first_name} {participant.last_name}" in page
        assert participant.first_name not in voila("voila/render/palauteviive.ipynb")
    assert "application/vnd.jupyter.widget-view+json" in page  # the coach's controls under the page
    assert "Raportointivaraston tiedot päivitetty" in page


def test_does_the_one_query_reader_equal_nbgraders_gradebook(graded_course: LoopReport) -> None:
    slow_people, slow = read_gradebook(graded_course.course)
    fast_people, fast = read_gradebook_fast(graded_course.course)
    key = ["participant", "week", "notebook", "grade_id"]
    pd.testing.assert_frame_equal(fast.sort_values(key).reset_index(drop=True),
                                  slow.sort_values(key).reset_index(drop=True), check_dtype=False)
    assert sorted(fast_people["participant"]) == sorted(slow_people["participant"])
