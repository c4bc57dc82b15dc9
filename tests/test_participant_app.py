"""The participant app over HTTP, on a real Jupyter server started for one participant of a played course.

The course is week 1 played for TRIO through the real nbgrader exchange (``graded_course``, SQLite),
copied so that the submissions, language choices and walls made here change nothing other tests read.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from valmennus.course.settings import CourseSettings
from valmennus.demo.course_loop import LoopReport
from valmennus.ops.share import build_wall
from valmennus.participant.serve import ParticipantServer, participant_server

from .conftest import free_port

pytestmark = pytest.mark.server

HOSTILE = ["..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "viikko99", "viikko1%00", "%2e%2e",
           "viikko1%2F..%2F..", "VIIKKO1"]


@pytest.fixture(scope="module")
def played(graded_course: LoopReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the played course and its participants' homes (course/, homes/)."""
    work = tmp_path_factory.mktemp("participant-app")
    source = graded_course.course.root.parent
    shutil.copytree(source / "course", work / "course", symlinks=True)
    shutil.copytree(source / "homes", work / "homes", symlinks=True)
    roster = work / "course" / "roster.csv"  # a coach whose name is markup: it must show as text
    roster.write_text(roster.read_text(encoding="utf-8").replace("ohjaaja-a", "<b>Ohjaaja</b> & co"),
                      encoding="utf-8")
    return work


@pytest.fixture(scope="module")
def p01(played: Path) -> Iterator[ParticipantServer]:
    with participant_server(played / "homes" / "p01", played / "course", free_port()) as server:
        yield server


@pytest.fixture(scope="module")
def browser_session(p01: ParticipantServer) -> requests.Session:
    """A browser-like session: logged in once by the token, then by the cookie (as a person is)."""
    session = requests.Session()
    assert session.get(p01.url, timeout=60).status_code == 200
    return session


def _xsrf(html: str) -> str:
    return re.search(r'name="_xsrf" value="([^"]+)"', html).group(1)


def _no_code(html: str) -> None:
    assert "Traceback" not in html and "File \"/" not in html and "site-packages" not in html


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_home_lists_every_week_with_its_state_and_marks_new_feedback(browser_session: requests.Session,
                                                                      p01: ParticipantServer) -> None:
    page = browser_session.get(p01.base + "valmennus/", timeout=60)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.text
    assert "<html lang='fi'>" in html and "<h1>Oma valmennus" in html
    assert "Viikko 1: Ammattilainen digipalvelun asiakkaana" in html
    assert "Palautettu" in html and "palaute saatavilla" in html and "Uusi palaute" in html
    assert html.count("Tulossa") == 7  # the other weeks are not released in this course
    assert "/valmennus/viikko/viikko1" in html and "/valmennus/viikko/viikko2" not in html
    assert "Lue palaute" in html and "/lab" in html
    _no_code(html)


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_markup_in_a_name_is_escaped(browser_session: requests.Session, p01: ParticipantServer) -> None:
    html = browser_session.get(p01.base + "valmennus/", timeout=60).text
    assert "Valmentajasi: &lt;b&gt;Ohjaaja&lt;/b&gt; &amp; co" in html and "<b>Ohjaaja</b>" not in html


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_nothing_without_the_token(p01: ParticipantServer) -> None:
    page = requests.get(p01.base + "valmennus/", timeout=30, allow_redirects=False)
    assert page.status_code in (302, 403) and "Oma valmennus" not in page.text


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
@pytest.mark.parametrize("week", HOSTILE)
@pytest.mark.parametrize("page", ["viikko", "palauta", "palaute", "seina"])
def test_hostile_week_ids_get_a_finnish_404_page(browser_session: requests.Session, p01: ParticipantServer,
                                                 page: str, week: str) -> None:
    answer = browser_session.get(f"{p01.base}valmennus/{page}/{week}", timeout=30, allow_redirects=False)
    assert answer.status_code == 404, answer.text[:500]
    assert "Jokin meni vikaan" in answer.text and "Oma valmennus" in answer.text
    assert "<script>alert" not in answer.text
    _no_code(answer.text)


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_unknown_pages_and_unreleased_weeks_say_so_in_finnish(browser_session: requests.Session,
                                                             p01: ParticipantServer) -> None:
    missing = browser_session.get(p01.base + "valmennus/ei-tallaista", timeout=30)
    assert missing.status_code == 404 and "Sivua ei löytynyt" in missing.text
    closed = browser_session.get(p01.base + "valmennus/viikko/viikko2", timeout=30, allow_redirects=False)
    assert closed.status_code == 404 and "Viikko ei ole vielä avoinna. Se avautuu 18.1." in closed.text
    _no_code(closed.text)


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_a_week_opens_in_voila_with_the_header_and_no_code(browser_session: requests.Session,
                                                           p01: ParticipantServer) -> None:
    first = browser_session.get(p01.base + "valmennus/viikko/viikko1", timeout=30, allow_redirects=False)
    assert first.status_code == 302 and first.headers["Location"] == "/voila/render/viikko1/viikko1.ipynb"
    html = browser_session.get(p01.base + "voila/render/viikko1/viikko1.ipynb", timeout=120).text
    assert 'class="vp-header"' in html and 'href="/valmennus/palauta/viikko1">Palauta</a>' in html
    assert "jp-InputArea-editor" not in html and "from valmennus import" not in html
    assert "cdn.jsdelivr.net" not in html  # no third-party requests from a participant's page
    _no_code(html)


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_submit_needs_the_xsrf_token_and_confirms_with_time_and_files(browser_session: requests.Session,
                                                                       p01: ParticipantServer, played: Path) -> None:
    url = p01.base + "valmennus/palauta/viikko1"
    form = browser_session.get(url, timeout=60).text
    assert "Kaikki tehtävät on tehty" in form and "Palautit tämän viikon viimeksi" in form
    refused = browser_session.post(url, timeout=60, allow_redirects=False)
    assert refused.status_code == 403 and "Lomake ehti vanhentua" in refused.text
    inbound = played / "course" / "exchange" / CourseSettings.load(played / "course").course_id / "inbound"
    before = len(list(inbound.glob("p01+viikko1+*")))
    done = browser_session.post(url, data={"_xsrf": _xsrf(form)}, timeout=60, allow_redirects=False)
    assert done.status_code == 303 and done.headers["Location"].endswith("?palautettu=1")
    assert len(list(inbound.glob("p01+viikko1+*"))) == before + 1  # through nbgrader's exchange
    confirm = browser_session.get(p01.base + done.headers["Location"].lstrip("/"), timeout=60).text
    assert "Palautettu" in confirm and "klo" in confirm and "<li>viikko1.answers.json</li>" in confirm
    assert "<li>viikko1.ipynb</li>" in confirm and "timestamp.txt" not in confirm


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_feedback_shows_the_coachs_words_marks_and_answers_then_is_no_longer_new(
        browser_session: requests.Session, p01: ParticipantServer) -> None:
    html = browser_session.get(p01.base + "valmennus/palaute/viikko1", timeout=60).text
    assert "Valmentajan palaute" in html and "<blockquote class='vp-comment'><p>" in html
    assert "Suoritusmerkinnät" in html and "Asiakaspolkupäiväkirja: <strong>valmis</strong>" in html
    assert "Tallennetut vastauksesi" in html and "valmennus-summary" in html
    assert "Grade cell" not in html and "Comments:" not in html and "require(" not in html
    _no_code(html)
    home = browser_session.get(p01.base + "valmennus/", timeout=60).text
    assert "Uusi palaute" not in home  # read now


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_the_wall_is_shown_sandboxed_once_published(browser_session: requests.Session, p01: ParticipantServer,
                                                    played: Path) -> None:
    none = browser_session.get(p01.base + "valmennus/seina/viikko1", timeout=30).text
    assert "Tämän viikon seinää ei ole vielä julkaistu." in none
    build_wall(CourseSettings.load(played / "course"), "viikko1")
    page = browser_session.get(p01.base + "valmennus/seina/viikko1", timeout=30).text
    assert "<iframe class='vp-wall' src='/valmennus/seina/viikko1/sivu/index.html' sandbox=''" in page
    wall = browser_session.get(p01.base + "valmennus/seina/viikko1/sivu/index.html", timeout=30)
    assert wall.status_code == 200 and "sandbox" in wall.headers["Content-Security-Policy"]
    for name in ("..%2F..%2Fnbgrader_config.py", "index.py", ".hidden.html"):
        assert browser_session.get(p01.base + f"valmennus/seina/viikko1/sivu/{name}", timeout=30).status_code == 404


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_the_language_is_chosen_with_xsrf_and_remembered_in_the_home(browser_session: requests.Session,
                                                                      p01: ParticipantServer, played: Path) -> None:
    form = browser_session.get(p01.base + "valmennus/kieli", timeout=30).text
    assert "<legend>Valitse kieli</legend>" in form
    chosen = browser_session.post(p01.base + "valmennus/kieli", timeout=30, allow_redirects=False,
                                  data={"_xsrf": _xsrf(form), "kieli": "sv", "seuraava": "//evil.example/"})
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/valmennus/"  # never another site
    assert "<h1>Min coachning" in browser_session.get(p01.base + "valmennus/", timeout=30).text
    assert '"language": "sv"' in (played / "homes" / "p01" / ".valmennus" / "asetukset.json").read_text()
    form = browser_session.get(p01.base + "valmennus/kieli", timeout=30).text
    browser_session.post(p01.base + "valmennus/kieli", data={"_xsrf": _xsrf(form), "kieli": "fi"}, timeout=30)
    assert "<h1>Oma valmennus" in browser_session.get(p01.base + "valmennus/", timeout=30).text


@pytest.mark.parametrize("graded_course", ["sqlite"], indirect=True)
def test_a_damaged_answers_file_is_a_sentence_and_a_way_forward(played: Path) -> None:
    home = played / "homes" / "p02"
    (home / "viikko1" / "viikko1.answers.json").write_text("{not json", encoding="utf-8")
    with participant_server(home, played / "course", free_port()) as server:
        session = requests.Session()
        session.get(server.url, timeout=60)
        html = session.get(server.base + "valmennus/palauta/viikko1", timeout=60).text
        assert "tiedosto on vioittunut" in html and "/valmennus/viikko/viikko1" in html and "<form" not in html
        _no_code(html)
