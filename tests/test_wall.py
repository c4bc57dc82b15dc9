"""The group's space (valmennus.wall): the store's rules, what a participant's answers share, and the
web service on 127.0.0.1 (embedded mode) as participants of two small groups, their coach and a
coordinator use it: pushes, comments, "kiitos", moderation, who reads what, escaping, XSRF, limits."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
import requests

from valmennus.answers import AnswerStore
from valmennus.course.copy import prepare_course
from valmennus.wall.serve import embedded_wall
from valmennus.wall.shares import Shared, shared_in, week_digest
from valmennus.wall.store import WallError, WallStore
from valmennus.wall.web import RateLimit, embedded_service, slug_space, space_slug

from .conftest import REPO, free_port

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5E"
                       "rkJggg==")
ROSTER = ("id,first_name,last_name,email,facilitator,pienryhmä\n"
          "anna,Anna,Aalto,,coach,Kettu\nbertta,Bertta,Berg,,coach,Kettu\n"
          "cecilia,Cecilia,Cedergren,,coach,Karhu\ndaniel,Daniel,Dahl,,coach,Kettu\n")


def store(tmp_path: Path) -> WallStore:
    return WallStore(f"sqlite:///{tmp_path / 'wall.db'}").create()


def shared(text: str = "Este: liitteet.", mode: str = "nickname", nickname: str = "Liiteselvittäjä") -> Shared:
    return Shared("W1_SHARED", mode, nickname, text)


# -- the store -----------------------------------------------------------------------------------------
def test_does_a_post_follow_the_share_choice_and_take_its_comments_when_unshared(tmp_path: Path) -> None:
    db = store(tmp_path)
    assert db.sync_shares("k", "anna", "viikko1", "Kettu", {"name": "Anna Aalto"}, [shared()]) == (1, 0, 0)
    assert db.sync_shares("k", "anna", "viikko1", "Kettu", {"name": "Anna Aalto"}, [shared()]) == (0, 0, 0)
    post = db.wall("k", "viikko1", "Kettu").posts[0]
    assert (post.shown_as, post.text) == ("Liiteselvittäjä", "Este: liitteet.")
    db.add_comment(post.id, "bertta", "Bertta Berg", "Hyvä havainto!")
    db.toggle_thanks(post.id, "bertta")
    assert db.sync_shares("k", "anna", "viikko1", "Kettu", {"name": "Anna Aalto"},
                          [shared("Este: liitteet ja kieli.", mode="name")]) == (0, 1, 0)
    post = db.wall("k", "viikko1", "Kettu").posts[0]
    assert (post.shown_as, len(post.comments), post.thanks) == ("Anna Aalto", 1, 1)  # kept while shared
    assert db.sync_shares("k", "anna", "viikko1", "Kettu", {"name": "Anna Aalto"}, []) == (0, 0, 1)
    assert db.wall("k", "viikko1", "Kettu").posts == []
    assert db.activity("k")["bertta"]["comments"] == 0 if "bertta" in db.activity("k") else True


def test_does_a_hidden_comment_show_its_reason_to_its_author_and_nothing_to_others(tmp_path: Path) -> None:
    db = store(tmp_path)
    db.sync_shares("k", "anna", "viikko1", "Kettu", {}, [shared()])
    post_id = db.wall("k", "viikko1", "Kettu").posts[0].id
    comment = db.add_comment(post_id, "bertta", "Bertta", "Loukkaava sana")
    db.hide("comment", comment, "Asiaton sanavalinta", "coach")
    by_author = db.wall("k", "viikko1", "Kettu", "bertta").posts[0].comments[0]
    by_other = db.wall("k", "viikko1", "Kettu", "daniel").posts[0].comments[0]
    by_coach = db.wall("k", "viikko1", "Kettu", "coach", moderator=True).posts[0].comments[0]
    assert (by_author.text, by_author.hidden_reason) == ("Loukkaava sana", "Asiaton sanavalinta")
    assert (by_other.text, by_other.hidden_reason) == ("", "")
    by_post_author = db.wall("k", "viikko1", "Kettu", "anna").posts[0].comments[0]
    assert (by_post_author.text, by_post_author.hidden_reason) == ("", "Asiaton sanavalinta")
    assert by_coach.text == "Loukkaava sana"
    db.unhide("comment", comment)
    assert db.wall("k", "viikko1", "Kettu", "daniel").posts[0].comments[0].text == "Loukkaava sana"


def test_are_comments_on_ones_own_post_new_until_the_wall_is_opened(tmp_path: Path) -> None:
    db = store(tmp_path)
    db.sync_shares("k", "anna", "viikko1", "Kettu", {}, [shared()])
    post_id = db.wall("k", "viikko1", "Kettu").posts[0].id
    db.add_comment(post_id, "anna", "Anna", "Oma lisäys")
    db.add_comment(post_id, "bertta", "Bertta", "Kiitos jaosta")
    assert db.new_comments("k", "anna") == {"viikko1": 1}
    assert [c.new for c in db.wall("k", "viikko1", "Kettu", "anna").posts[0].comments] == [False, True]
    db.mark_seen("k", "anna", "viikko1", "Kettu")
    assert db.new_comments("k", "anna") == {}
    assert not any(c.new for c in db.wall("k", "viikko1", "Kettu", "anna").posts[0].comments)


def test_does_a_participant_edit_and_delete_only_her_own_comment(tmp_path: Path) -> None:
    db = store(tmp_path)
    db.sync_shares("k", "anna", "viikko1", "Kettu", {}, [shared()])
    post_id = db.wall("k", "viikko1", "Kettu").posts[0].id
    comment = db.add_comment(post_id, "bertta", "Bertta", "Eka")
    assert not db.edit_comment(comment, "anna", "Muutettu")
    assert db.edit_comment(comment, "bertta", "Toka")
    assert not db.delete_comment(comment, "anna")
    assert db.delete_comment(comment, "bertta")
    with pytest.raises(WallError):
        db.add_comment(post_id, "bertta", "Bertta", "   ")


def test_does_the_erase_leave_nothing_of_the_person(tmp_path: Path) -> None:
    db = store(tmp_path)
    db.sync_shares("k", "anna", "viikko1", "Kettu", {}, [shared()])
    db.sync_shares("k", "bertta", "viikko1", "Kettu", {}, [shared("Toinen")])
    posts = {p.author: p.id for p in db.wall("k", "viikko1", "Kettu").posts}
    db.add_comment(posts["bertta"], "anna", "Anna", "Annan kommentti")
    db.add_comment(posts["anna"], "bertta", "Bertta", "Bertan kommentti")
    db.toggle_thanks(posts["bertta"], "anna")
    db.mark_seen("k", "anna", "viikko1", "Kettu")
    exported = db.person_entries("k", "anna")
    assert (len(exported["posts"]), len(exported["comments"]), len(exported["thanks"])) == (1, 1, 1)
    assert db.erase_person("k", "anna") == {"posts": 1, "comments": 2, "thanks": 1}
    assert db.mentions("k", "anna") == 0
    assert [p.author for p in db.wall("k", "viikko1", "Kettu").posts] == ["bertta"]
    assert b"Annan kommentti" not in (tmp_path / "wall.db").read_bytes()


def test_is_the_rate_limit_per_person_and_per_minute() -> None:
    limit = RateLimit(per_minute=3, per_hour=5)
    assert [limit.allow("a", at=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limit.allow("b", at=3)
    assert limit.allow("a", at=61) and limit.allow("a", at=62)
    assert not limit.allow("a", at=130)  # five in the hour


def test_is_a_space_named_in_its_address_and_back() -> None:
    for space in ("", "Kettu", "Ryhmä 2/B"):
        assert slug_space(space_slug(space).replace("%2F", "/").replace("%C3%A4", "ä").replace("%20", " ")) == space


# -- what a participant's answers share ------------------------------------------------------------------
def test_does_only_a_shared_answer_leave_her_folder_with_its_checked_picture(tmp_path: Path) -> None:
    answers = AnswerStore("viikko1", tmp_path)
    answers.set("W1_SHARED", "Este: liitteet <b>lihavoitu</b>")
    answers.set("W1_R_DESC", "Yksityinen pohdinta")
    assert shared_in(tmp_path, "viikko1") == []  # nothing chosen: not shared
    answers.set("W1_SHARE", {"mode": "nickname", "nickname": ""})
    assert shared_in(tmp_path, "viikko1") == []  # a nickname choice without a nickname: not shared
    answers.set("W1_SHARE", {"mode": "nickname", "nickname": "Kettu"})
    found = shared_in(tmp_path, "viikko1")
    assert [(s.item, s.mode, s.nickname, s.text) for s in found] == [
        ("W1_SHARED", "nickname", "Kettu", "Este: liitteet <b>lihavoitu</b>")]
    before = week_digest(found)
    answers.set("W1_SHARE", {"mode": "none", "nickname": "Kettu"})
    assert shared_in(tmp_path, "viikko1") == [] and week_digest([]) != before


# -- the service -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    course = prepare_course(REPO, tmp_path_factory.mktemp("wall") / "course")
    (course / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (course / "exchange").mkdir()  # nbgrader's exchange, which a participant's home page lists
    (course / "exchange").chmod(0o777)
    service = embedded_service(course, facilitators=["coach"], coordinators=["koordinaattori"])
    with embedded_wall(service, free_port()) as running:
        yield running


def person(wall, name: str) -> requests.Session:  # noqa: ANN001
    http = requests.Session()
    page = http.get(wall.url + "kirjaudu", timeout=10)
    xsrf = re.search(r"name=\"_xsrf\" value=\"([^\"]+)\"", page.text).group(1)
    response = http.post(wall.url + "kirjaudu", data={"kuka": name, "_xsrf": xsrf}, timeout=10)
    assert response.status_code == 200, response.text
    return http


def push(wall, name: str, week: str, entries: list[dict]) -> requests.Response:  # noqa: ANN001
    return requests.post(wall.url + "api/jaot", json={"week": week, "shared": entries}, timeout=10,
                         headers={"Authorization": f"token {wall.service.token_for(name)}",
                                  "X-Valmennus-User": name})


def act(http: requests.Session, url: str, **data: str) -> requests.Response:
    page = http.get(url, timeout=10)
    xsrf = re.search(r"name=\"_xsrf\" value=\"([^\"]+)\"", page.text).group(1)
    return http.post(url, data={**data, "_xsrf": xsrf}, timeout=10)


SHARE = {"item": "W1_SHARED", "mode": "nickname", "nickname": "Liiteselvittäjä",
         "text": "Este: liitteet. <script>alert(1)</script> <b>Miten voisimme</b> neuvoa?"}


@pytest.mark.server
def test_does_the_small_group_read_comment_and_the_coach_moderate(wall) -> None:  # noqa: ANN001
    assert push(wall, "anna", "viikko1", [{**SHARE, "image": base64.b64encode(PNG).decode()}]).json() == {
        "added": 1, "changed": 0, "removed": 0}
    kettu = wall.url + "viikko/viikko1/r-Kettu"
    bertta, anna, cecilia = person(wall, "bertta"), person(wall, "anna"), person(wall, "cecilia")
    page = bertta.get(kettu, timeout=10).text
    assert "Liiteselvittäjä" in page and "Anna Aalto" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "<b>Miten" not in page
    post_id = re.search(r"id='jako-(\d+)'", page).group(1)
    assert bertta.get(f"{wall.url}kuva/{post_id}", timeout=10).content == PNG
    assert cecilia.get(f"{wall.url}kuva/{post_id}", timeout=10).status_code == 404  # another small group
    assert cecilia.get(kettu, timeout=10).status_code == 403
    assert "Liiteselvittäjä" not in cecilia.get(wall.url + "viikko/viikko1/kaikki", timeout=10).text

    response = act(bertta, kettu, toiminto="comment", post=post_id, teksti="Hyvä <i>kysymys</i>!")
    assert response.status_code == 200 and "Hyvä &lt;i&gt;kysymys&lt;/i&gt;!" in response.text
    assert requests.get(wall.url + "api/uutta", timeout=10, headers={
        "Authorization": f"token {wall.service.token_for('anna')}", "X-Valmennus-User": "anna"}).json()["total"] == 1
    seen = anna.get(kettu, timeout=10).text
    assert "vs-comment vs-new" in seen and "Uusi" in seen
    assert "vs-comment vs-new" not in anna.get(kettu, timeout=10).text  # seen now

    coach = person(wall, "coach")
    comment_id = re.search(r"id='kommentti-(\d+)'", seen).group(1)
    hide_page = coach.get(f"{kettu}/moderoi/comment/{comment_id}", timeout=10)
    assert "<blockquote class='vs-text'>Hyvä &lt;i&gt;kysymys&lt;/i&gt;!</blockquote>" in hide_page.text
    assert bertta.get(f"{kettu}/moderoi/comment/{comment_id}", timeout=10).status_code == 403
    act(coach, kettu, toiminto="hide-comment", kommentti=comment_id, syy="Pidetään keskustelu asiassa")
    assert "Hyvä &lt;i&gt;kysymys" not in person(wall, "daniel").get(kettu, timeout=10).text
    assert "Pidetään keskustelu asiassa" in bertta.get(kettu, timeout=10).text
    assert act(bertta, kettu, toiminto="hide-post", post=post_id, syy="x").status_code == 403  # coaches only
    activity = coach.get(wall.url + "aktiivisuus", timeout=10).text
    assert "Bertta Berg" in activity and "Hyvä" not in activity and "Este" not in activity

    counts = person(wall, "koordinaattori")
    assert counts.get(kettu, timeout=10).status_code == 403
    numbers = counts.get(wall.url + "maarat", timeout=10).text
    assert "Kettu" in numbers and "Anna" not in numbers and "Liiteselvittäjä" not in numbers


@pytest.mark.server
def test_is_a_post_without_its_xsrf_token_or_over_the_limit_refused(wall) -> None:  # noqa: ANN001
    daniel = person(wall, "daniel")
    kettu = wall.url + "viikko/viikko1/r-Kettu"
    assert daniel.post(kettu, data={"toiminto": "prompt", "teksti": "x"}, timeout=10).status_code == 403
    assert push(wall, "daniel", "viikko1", [{**SHARE, "item": "W1_R_DESC"}]).status_code == 400  # not a shared item
    forged = requests.post(wall.url + "api/jaot", json={"week": "viikko1", "shared": []}, timeout=10,
                           headers={"Authorization": "token wrong", "X-Valmennus-User": "daniel"})
    assert forged.status_code in (302, 403)
    push(wall, "daniel", "viikko1", [{**SHARE, "nickname": "Dani"}])
    post_id = re.search(r"id='jako-(\d+)'[^>]*>\s*<h2[^>]*>Dani", daniel.get(kettu, timeout=10).text)
    assert post_id
    statuses = [act(daniel, kettu, toiminto="thanks", post=post_id.group(1)).status_code for _ in range(14)]
    assert 429 in statuses and statuses[0] == 200


# -- privacy ---------------------------------------------------------------------------------------------
def test_do_the_privacy_export_and_erase_include_the_live_wall(tmp_path: Path) -> None:
    import json
    import zipfile

    from valmennus.course.gradebook import open_gradebook
    from valmennus.course.settings import CourseSettings
    from valmennus.ops.privacy import erase_person, export_person, find_traces
    from valmennus.wall.store import cohort_of, open_store

    course = CourseSettings.load(prepare_course(REPO, tmp_path / "course"))
    (course.root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    with open_gradebook(course) as gb:
        gb.add_student("anna", first_name="Anna", last_name="Aalto")
    db = open_store(course).create()
    cohort = cohort_of(course)
    db.sync_shares(cohort, "anna", "viikko1", "Kettu", {"name": "Anna Aalto"},
                   [shared("Annan ajatus", nickname="Zyxwvu")])
    db.sync_shares(cohort, "bertta", "viikko1", "Kettu", {"name": "Bertta Berg"}, [shared("Bertan ajatus")])
    bertta_post = next(p.id for p in db.wall(cohort, "viikko1", "Kettu").posts if p.author == "bertta")
    db.add_comment(bertta_post, "anna", "Zyxwvu", "Annan kommentti")
    archive = export_person(course, "anna", tmp_path / "vienti")
    with zipfile.ZipFile(archive) as zf:
        live = json.loads(zf.read("live-wall.json"))
    assert [p["text"] for p in live["posts"]] == ["Annan ajatus"]
    assert [c["text"] for c in live["comments"]] == ["Annan kommentti"]
    assert any("live wall" in line for line in find_traces(course, "anna").gradebook)
    report = erase_person(course, "anna")
    assert any(line.startswith("live wall: 1 posts, 1 comments") for line in report.removed), report.removed
    assert not any("live wall" in line for line in report.remaining.gradebook)
    assert db.mentions(cohort, "anna") == 0
    assert [p.author for p in db.wall(cohort, "viikko1", "Kettu").posts] == ["bertta"]
    data = b"".join(p.read_bytes() for p in course.root.glob("wall.db*"))
    assert b"Zyxwvu" not in data and b"Annan" not in data


# -- the participant's own server sends her shares --------------------------------------------------------
@pytest.mark.server
def test_does_her_own_server_put_her_share_on_the_wall_and_take_it_away(wall, tmp_path: Path) -> None:  # noqa: ANN001
    import time

    from valmennus.participant.serve import participant_server

    course = wall.service.course
    home = tmp_path / "homes" / "anna"
    folder = home / course.course_id / "viikko1"
    folder.mkdir(parents=True)
    answers = AnswerStore("viikko1", folder)
    answers.set("W1_SHARED", "Oma seinäjako: liitteet ovat este.")
    answers.set("W1_SHARE", {"mode": "nickname", "nickname": "Annan nimimerkki"})
    answers.set("W1_R_DESC", "Yksityinen pohdinta, ei seinälle")
    db = wall.service.store

    def on_wall() -> list[str]:
        return [p.text for p in db.wall(wall.service.cohort, "viikko1", "Kettu").posts if p.author == "anna"]

    def wait(expected: list[str], seconds: float = 45) -> list[str]:
        deadline = time.monotonic() + seconds
        while on_wall() != expected and time.monotonic() < deadline:
            time.sleep(0.5)
        return on_wall()

    env = {"VALMENNUS_WALL_SERVICE": wall.url, "VALMENNUS_WALL_TOKEN": wall.service.token_for("anna")}
    with participant_server(home, course.root, free_port(), participant="anna", token="", extra_env=env) as app:
        assert wait(["Oma seinäjako: liitteet ovat este."]) == ["Oma seinäjako: liitteet ovat este."]
        assert "Yksityinen" not in str(db.person_entries(wall.service.cohort, "anna"))
        post_id = next(p.id for p in db.wall(wall.service.cohort, "viikko1", "Kettu").posts if p.author == "anna")
        db.add_comment(post_id, "bertta", "Bertta", "Tervetuloa seinälle!")
        home_page = requests.get(app.base + "valmennus/", timeout=60).text
        assert "Uusia kommentteja jakoihisi: 1" in home_page
        assert f"href='{wall.url}'" in home_page
        redirect = requests.get(app.base + "valmennus/seina/viikko1", timeout=60, allow_redirects=False)
        assert redirect.headers["Location"] == wall.url + "viikko/viikko1/"
        answers.set("W1_SHARE", {"mode": "none", "nickname": "Annan nimimerkki"})
        requests.get(app.base + "valmennus/", timeout=60)  # opening her home sends at once
        assert wait([], seconds=20) == []


# -- the demo's walls ------------------------------------------------------------------------------------
def test_does_the_demo_seed_small_groups_posts_and_comments_from_what_was_shared(tmp_path: Path) -> None:
    from valmennus.course.settings import CourseSettings
    from valmennus.demo.wall_seed import demo_wall, participant_env, seed_walls
    from valmennus.records.store import read_small_groups
    from valmennus.wall.store import cohort_of, open_store

    course = CourseSettings.load(prepare_course(REPO, tmp_path / "course"))
    people = [f"p{i:02d}" for i in range(1, 8)]
    (course.root / "roster.csv").write_text("id,first_name,last_name,email,facilitator\n" + "".join(
        f"{p},Etu{p},Suku{p},,ohjaaja-a\n" for p in people), encoding="utf-8")
    for n, pid in enumerate(people):
        answers = AnswerStore("viikko1", course.path("submitted", pid, "viikko1"))
        answers.set("W1_SHARED", f"Jaettava ajatus numero {n}")
        answers.set("W1_SHARE", {"mode": ("name", "nickname", "none")[n % 3], "nickname": f"Nimimerkki{n}"})
    store = open_store(course).create()
    posts, comments = seed_walls(course, store)
    with demo_wall(course.root, free_port(), seed=False) as running:  # what `make demo` serves
        index = person(running, "p01").get(running.url, timeout=10).text
        assert "Pienryhmä Kettu" in index and "Pienryhmä Karhu" not in index
        assert participant_env(running, "p01")["VALMENNUS_WALL_SERVICE"] == running.url
    groups = read_small_groups(course)
    assert sorted(set(groups.values())) == ["Karhu", "Kettu"] and list(groups.values()).count("Kettu") == 5
    assert posts == 5 and comments > 0  # p03 and p06 chose "not shared"
    shown = [p.shown_as for space in ("Kettu", "Karhu") for p in store.wall(cohort_of(course), "viikko1", space).posts]
    assert "Etup01 Sukup01" in shown and "Nimimerkki1" in shown and "Nimimerkki2" not in shown


@pytest.mark.server
def test_is_the_wall_in_the_language_chosen_and_back_only_to_its_own_pages(wall) -> None:  # noqa: ANN001
    anna = person(wall, "anna")
    response = anna.get(f"{wall.url}kieli/sv?seuraava=/", timeout=10)
    assert response.url == wall.url and "<html lang='sv'>" in response.text and "Gruppens rum" in response.text
    away = anna.get(f"{wall.url}kieli/fi?seuraava=//example.org/", timeout=10, allow_redirects=False)
    assert away.headers["Location"] == "/"  # never another site
    assert "<html lang='fi'>" in anna.get(wall.url, timeout=10).text
