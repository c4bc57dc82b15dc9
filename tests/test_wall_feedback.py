"""The course team's answers without names (valmennus.wall.feedback, records.course_team, the wall service's
``api/kurssipalaute`` and ``kurssipalaute`` page, participant.course_team): kept with no column that names
a person, replaced on resend, nothing shown for fewer than 5 respondents, words escaped, and nothing lost
when the service cannot be reached."""

from __future__ import annotations

import asyncio
import re
import secrets
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from sqlalchemy import inspect

from valmennus.anonymous import CourseTeamStore, WeekAnswers, token_key
from valmennus.course.copy import prepare_course
from valmennus.course.settings import CourseSettings
from valmennus.participant import course_team
from valmennus.records import course_team as reader
from valmennus.wall.feedback import FeedbackRefused, FeedbackStore
from valmennus.wall.serve import embedded_wall
from valmennus.wall.store import WallStore, cohort_of, wall_url
from valmennus.wall.web import embedded_service

from .conftest import REPO, free_port

WEEK = "paatos"
PEOPLE = [f"p{n:02d}" for n in range(1, 7)]
ROSTER = "id,first_name,last_name,email,facilitator\n" + "".join(
    f"{p},Osallistuja,{p.upper()},,coach\n" for p in PEOPLE)
HOSTILE = "<script>alert('kurssitiimi')</script> <b>lihava</b> & muuta"


def token() -> str:
    return secrets.token_hex(32)


def feedback_store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(WallStore(f"sqlite:///{tmp_path / 'wall.db'}")).create()


def test_has_the_answers_table_no_person_and_nothing_to_join_it_to_the_record_of_who(tmp_path: Path) -> None:
    store = feedback_store(tmp_path)
    store.record("kurssi", "p01", WEEK, token(), {"CF1": 4, "CF_HELP": "Hyvä kurssi"})
    columns = {name: {c["name"] for c in inspect(store.engine).get_columns(name)}
               for name in inspect(store.engine).get_table_names() if "course_team" in name}
    answers = columns["valmennus_wall_course_team_answers"]
    responses = columns["valmennus_wall_course_team_responses"]
    given = columns["valmennus_wall_course_team_given"]
    assert answers == {"cohort", "week", "key", "item", "value"}  # no person, no time
    assert responses == {"cohort", "week", "key"}
    assert given == {"cohort", "week", "who", "complete"}  # no key, no time
    assert (answers | responses) & given == {"cohort", "week"}  # nothing that tells one person's row
    with store.engine.connect() as conn:  # no rowid either: the file's order is the random key's
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name LIKE '%course_team%'").scalars().all()
    assert all("WITHOUT ROWID" in s for s in sql)
    # the key is the token's hash, never the token
    with store.engine.connect() as conn:
        keys = conn.exec_driver_sql("SELECT key FROM valmennus_wall_course_team_responses").scalars().all()
    assert len(keys) == 1 and len(keys[0]) == 64


def test_does_a_resend_replace_and_a_second_token_of_the_same_person_get_refused(tmp_path: Path) -> None:
    store = feedback_store(tmp_path)
    mine = token()
    assert store.record("kurssi", "p01", WEEK, mine, {"CF1": 2, "CF_HELP": "Ensimmäinen"}) == "new"
    assert store.record("kurssi", "p01", WEEK, mine, {"CF1": 5}) == "replaced"
    assert store.answer_rows("kurssi") == [(WEEK, "CF1", 5)]
    assert store.respondents("kurssi") == {WEEK: 1}
    with pytest.raises(FeedbackRefused, match="course_team_again"):
        store.record("kurssi", "p01", WEEK, token(), {"CF1": 1})  # a forged second ballot
    assert store.record("kurssi", "p01", WEEK, mine, {}) == "replaced"  # emptied: forgotten, still hers
    assert store.answer_rows("kurssi") == []
    assert store.record("kurssi", "p01", WEEK, mine, {"CF2": 3}) == "replaced"
    for bad in ({"C_ACTION1": "ei kurssitiimin"}, {"CF1": "7"}, {"PULSE_NOTE": "väärä viikko"}):
        with pytest.raises(FeedbackRefused):
            store.record("kurssi", "p02", "viikko1" if "PULSE" not in str(bad) else "paatos_x", token(), bad)
    with pytest.raises(FeedbackRefused):
        store.record("kurssi", "p02", WEEK, "ei-tunniste", {"CF1": 3})


def test_is_the_completion_record_yes_only_for_every_statement(tmp_path: Path) -> None:
    store = feedback_store(tmp_path)
    store.record("kurssi", "p01", WEEK, token(), {f"CF{n}": 3 for n in range(1, 10)})
    store.record("kurssi", "p02", WEEK, token(), {"CF1": 3, "CF_HELP": "vain yksi"})
    assert store.given("kurssi") == {("p01", WEEK): True, ("p02", WEEK): False}
    assert store.erase_person("kurssi", "p01") == 1 and ("p01", WEEK) not in store.given("kurssi")


def test_does_the_course_team_read_nothing_under_five_and_everything_else_without_names(tmp_path: Path) -> None:
    root = prepare_course(REPO, tmp_path / "course")
    course = CourseSettings.load(root)
    store = FeedbackStore(WallStore(wall_url(course)))
    cohort = cohort_of(course)
    for n, who in enumerate(PEOPLE[:4]):
        store.record(cohort, who, WEEK, token(), {"CF1": 4, "CF_HELP": f"Teksti {n}"})
    assert reader.read_answers(course).empty and reader.read_comments(course).empty  # 4 respondents
    store.record(cohort, PEOPLE[4], WEEK, token(), {"CF1": "cant_say", "CF_HELP": "Teksti A", "CF2": 1})
    numbers, words = reader.read_answers(course), reader.read_comments(course)
    assert sorted(numbers["item"]) == ["CF1"] * 5  # CF2: one respondent, nothing of it
    assert set(numbers["participant"]) == {""}
    assert numbers["option"].tolist().count("cant_say") == 1
    assert words["text"].tolist() == ["Teksti 0", "Teksti 1", "Teksti 2", "Teksti 3", "Teksti A"]
    assert list(words.columns) == ["week", "item", "text"]
    store.engine.dispose()


# -- the service on 127.0.0.1, and her own server's send ------------------------------------------------
@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    course = prepare_course(REPO, tmp_path_factory.mktemp("wall-kt") / "course")
    (course / "roster.csv").write_text(ROSTER, encoding="utf-8")
    service = embedded_service(course, facilitators=["coach"], coordinators=["koordinaattori"])
    with embedded_wall(service, free_port()) as running:
        yield running


def send(wall, who: str, body: dict) -> requests.Response:  # noqa: ANN001
    return requests.post(wall.url + "api/kurssipalaute", json=body, timeout=10,
                         headers={"Authorization": f"token {wall.service.token_for(who)}", "X-Valmennus-User": who})


def person(wall, name: str) -> requests.Session:  # noqa: ANN001
    http = requests.Session()
    page = http.get(wall.url + "kirjaudu", timeout=10)
    xsrf = re.search(r"name=\"_xsrf\" value=\"([^\"]+)\"", page.text).group(1)
    assert http.post(wall.url + "kirjaudu", data={"kuka": name, "_xsrf": xsrf}, timeout=10).status_code == 200
    return http


@pytest.mark.server
def test_does_the_service_keep_sends_and_show_them_without_names_and_escaped(wall) -> None:  # noqa: ANN001
    for n, who in enumerate(PEOPLE[:4]):
        body = {"week": WEEK, "token": token(), "answers": {**{f"CF{k}": 4 for k in range(1, 10)},
                                                             "CF_CHANGE": f"Muuttaisin {n} {HOSTILE}"}}
        assert send(wall, who, body).json() == {"result": "new"}
    coach = person(wall, "coach")
    page = coach.get(wall.url + "kurssipalaute", timeout=10).text
    assert "Muuttaisin" not in page and "Alle 5 vastaajaa" in page  # 4 respondents: nothing shown
    late = {"week": WEEK, "token": token(), "answers": {"CF1": 2, "CF_CHANGE": f"Muuttaisin 4 {HOSTILE}"}}
    assert send(wall, PEOPLE[4], late).status_code == 200
    page = coach.get(wall.url + "kurssipalaute", timeout=10).text
    assert page.count("Muuttaisin") == 5
    assert "<script>alert" not in page and "<b>lihava" not in page
    assert page.count("&lt;script&gt;alert(") == 5 and "&lt;b&gt;lihava&lt;/b&gt; &amp; muuta" in page
    for who in PEOPLE[:5]:  # the words carry no one's name; the completion table names them apart
        assert page.count(f"Osallistuja {who.upper()}") == 1
    assert "kyllä" in page and "osittain" in page
    coordinator = person(wall, "koordinaattori").get(wall.url + "kurssipalaute", timeout=10).text
    assert coordinator.count("Muuttaisin") == 5 and "Osallistuja P01" not in coordinator  # no completion table
    assert person(wall, PEOPLE[0]).get(wall.url + "kurssipalaute", timeout=10).status_code == 403
    assert send(wall, "coach", late).status_code == 403  # only participants send
    assert send(wall, PEOPLE[4], {**late, "token": token()}).status_code == 409  # one set per person and week
    assert send(wall, PEOPLE[5], {"week": "ei-viikkoa", "token": token(), "answers": {}}).status_code == 404


@pytest.mark.server
def test_does_a_failed_send_lose_nothing_and_the_next_submit_send_it(wall, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "paatos"
    folder.mkdir()
    answers = WeekAnswers(WEEK, folder)
    answers.set("CF1", 3)
    answers.set("CF_MISSING", "Kaipasin lisää esimerkkejä 3141")
    before = (folder / "paatos.kurssitiimille.json").read_bytes()
    who = PEOPLE[5]
    headers = {"Authorization": f"token {wall.service.token_for(who)}", "X-Valmennus-User": who,
               "Content-Type": "application/json"}
    gone = SimpleNamespace(enabled=True, url=f"http://127.0.0.1:{free_port()}/", _headers=lambda: headers)
    assert asyncio.run(course_team.send(gone, folder, [WEEK], WEEK)) is course_team.Outcome.KEPT
    after = CourseTeamStore(WEEK, folder)
    assert after.answers() == {"CF1": 3, "CF_MISSING": "Kaipasin lisää esimerkkejä 3141"}
    assert after.pending() is not None and (folder / "paatos.kurssitiimille.json").read_bytes() != b""
    assert before  # the file was there before and is whole after
    assert asyncio.run(course_team.send(None, folder, [WEEK], WEEK)) is course_team.Outcome.KEPT  # no service
    live = SimpleNamespace(enabled=True, url=wall.url, _headers=lambda: headers)
    assert asyncio.run(course_team.send(live, folder, [WEEK], WEEK)) is course_team.Outcome.SENT
    assert asyncio.run(course_team.send(live, folder, [WEEK], WEEK)) is course_team.Outcome.NOTHING  # unchanged
    key = token_key(after.token())
    feedback = wall.service.feedback
    with feedback.engine.connect() as conn:
        mine = conn.exec_driver_sql("SELECT item, value FROM valmennus_wall_course_team_answers WHERE key = ?",
                                    (key,)).all()
    assert sorted(mine) == [("CF1", "3"), ("CF_MISSING", '"Kaipasin lisää esimerkkejä 3141"')]
    answers.set("CF1", 5)  # changed: the next submit replaces
    assert asyncio.run(course_team.send(live, folder, [WEEK], WEEK)) is course_team.Outcome.SENT
    with feedback.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value FROM valmennus_wall_course_team_answers WHERE key = ? AND "
                                    "item = 'CF1'", (key,)).scalar() == "5"


def test_does_the_demo_send_its_cohorts_course_feedback_through_the_same_tables(tmp_path: Path) -> None:
    """``make demo``'s participants answer as the widgets write and, at their submit, send what their server
    would (``demo.course_loop.send_course_team``); a second submit of the same answers sends nothing new."""
    from valmennus.demo import simulate
    from valmennus.demo.course_loop import send_course_team

    course = CourseSettings.load(prepare_course(REPO, tmp_path / "course"))
    people = [simulate.Participant(f"p{n:02d}", "Osa", "Llistuja", "complete") for n in range(1, 7)]
    for p in people:
        folder = tmp_path / "homes" / p.id / WEEK
        folder.mkdir(parents=True)
        simulate.write_answers(folder, WEEK, p, WEEK)
        assert "CF1" not in (folder / f"{WEEK}.answers.json").read_text(encoding="utf-8")
        assert send_course_team(course, folder, p.id, WEEK) == "new"
        assert send_course_team(course, folder, p.id, WEEK) is None
    store = FeedbackStore(WallStore(wall_url(course)))
    assert store.respondents(cohort_of(course)) == {WEEK: len(people)}
    assert all(store.given(cohort_of(course)).values())
    assert sorted(set(reader.read_answers(course, store)["item"])) == [f"CF{n}" for n in range(1, 10)]
    store.engine.dispose()


def test_do_the_privacy_export_and_erase_reach_the_record_of_who_gave_feedback(tmp_path: Path) -> None:
    """Her record of having given feedback is hers to export and erase; the answers carry no name to find."""
    import json
    import zipfile

    from valmennus.course.gradebook import open_gradebook
    from valmennus.ops.privacy import erase_person, export_person, find_traces

    course = CourseSettings.load(prepare_course(REPO, tmp_path / "course"))
    (course.root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    with open_gradebook(course) as gb:
        gb.add_student("p01", first_name="Osallistuja", last_name="P01")
    store = FeedbackStore(WallStore(wall_url(course)))
    store.record(cohort_of(course), "p01", WEEK, token(), {**{f"CF{n}": 4 for n in range(1, 10)},
                                                          "CF_HELP": "Qwertyuiop auttoi"})
    with zipfile.ZipFile(export_person(course, "p01", tmp_path / "vienti")) as zf:
        assert json.loads(zf.read("course-feedback-given.json")) == [{"week": WEEK, "complete": True}]
        assert not [n for n in zf.namelist() if b"Qwertyuiop" in zf.read(n)]  # nobody's words are "hers"
    assert any("live wall" in line for line in find_traces(course, "p01").gradebook)
    report = erase_person(course, "p01")
    assert any("1 course feedback records removed" in line for line in report.removed), report.removed
    assert store.given(cohort_of(course)) == {}
    assert store.respondents(cohort_of(course)) == {WEEK: 1}  # the anonymous answers stay, as promised
    store.engine.dispose()


@pytest.mark.server
@pytest.mark.workflow
def test_does_submitting_in_her_app_send_the_course_teams_answers_and_not_submit_them(tmp_path: Path) -> None:
    """Her own server (participant app) with a nbgrader configuration that knows nothing of the pattern:
    the submit leaves the course team's file at home, sends its answers to the live wall service, and the
    page says so; nothing of them reaches the exchange's inbound."""
    from valmennus.participant.serve import participant_server

    from .test_anonymous import AINO as aino
    from .test_anonymous import fetched_closing_week

    course, home, folder = fetched_closing_week(tmp_path)
    root = course.root
    answers = WeekAnswers(WEEK, folder)
    for n in range(1, 10):
        answers.set(f"CF{n}", 4)
    answers.set("CF_HELP", "Sovelluksen kautta lähetetty KT-2718")
    service = embedded_service(root, facilitators=["coach"])
    with embedded_wall(service, free_port()) as running:
        env = {"VALMENNUS_WALL_SERVICE": running.url, "VALMENNUS_WALL_TOKEN": service.token_for(aino.id)}
        with participant_server(home, root, free_port(), participant=aino.id, token="", extra_env=env) as app:
            session = requests.Session()
            session.get(app.url, timeout=60)
            url = app.base + f"valmennus/palauta/{WEEK}"
            form = session.get(url, timeout=60).text
            xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
            done = session.post(url, data={"_xsrf": xsrf}, timeout=120, allow_redirects=False)
            assert done.status_code == 303 and done.headers["Location"].endswith("kurssitiimi=lahetetty")
            page = session.get(app.base + done.headers["Location"].lstrip("/"), timeout=60).text
            assert "Vastauksesi kurssitiimille lähetettiin ilman nimeäsi." in page
        feedback = service.feedback
        assert feedback.given(service.cohort) == {(aino.id, WEEK): True}
        assert (WEEK, "CF_HELP", "Sovelluksen kautta lähetetty KT-2718") in feedback.answer_rows(service.cohort)
    inbound = next((course.exchange_root / course.course_id / "inbound").glob(f"{aino.id}+{WEEK}+*"))
    assert not list(inbound.glob("*.kurssitiimille.json"))
    assert '"_kurssipalaute_annettu"' in (inbound / f"{WEEK}.answers.json").read_text(encoding="utf-8")
    assert not [p for p in inbound.rglob("*") if p.is_file() and b"KT-2718" in p.read_bytes()]
    assert CourseTeamStore(WEEK, folder).pending() is None  # marked sent in her file
