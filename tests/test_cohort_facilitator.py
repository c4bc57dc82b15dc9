"""The facilitator's own page (cohort/facilitator.py, view_facilitator.py, coach_panel.py): their own
participants by name and nobody else's, who is behind, what waits for their feedback, the week-0 needs of
their group (never under 5 respondents), and the coach's controls of the routine for their own people only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from valmennus.cohort import facilitator
from valmennus.cohort.coach_panel import CoachPanel, coach_panels, due_at
from valmennus.cohort.dashboard import FACILITATOR_PAGE, _views
from valmennus.cohort.privacy import FACILITATOR, Viewer
from valmennus.cohort.synthetic import synthetic_cohorts
from valmennus.cohort.view_context import context
from valmennus.course.settings import CourseSettings
from valmennus.items import bank
from valmennus.ops import controls

KEY = b"test-key"


def _page(data, viewer: Viewer) -> str:  # noqa: ANN001
    return _views()[FACILITATOR_PAGE][0](context(data, viewer, KEY))


def _names(people: pd.DataFrame) -> list[str]:
    return [f"{f} {s}" for f, s in zip(people["first_name"], people["last_name"], strict=True)]


def _renamed(data):  # noqa: ANN001, ANN202
    """Names that are not substrings of one another (synthetic ones are EtuK SukuK in every cohort)."""
    people = data.people.copy()
    people["first_name"] = [f"Nimi{c[:1]}{p}x" for c, p in zip(people["cohort"], people["participant"], strict=True)]
    data.people = people
    return data


def test_does_a_facilitator_see_own_participants_by_name_and_never_another_facilitators() -> None:
    data = _renamed(synthetic_cohorts(12, ("kevat27", "syksy27")))
    mine = _page(data, Viewer(FACILITATOR, "ohjaaja-a"))
    own = data.people[data.people["facilitator"] == "ohjaaja-a"]
    other = data.people[data.people["facilitator"] != "ohjaaja-a"]
    assert len(own) and len(other)
    assert all(name in mine for name in _names(own))
    assert not any(name in mine for name in _names(other))
    assert not any(f">{pid}<" in mine for pid in data.people["participant"])  # login ids never shown
    theirs = _page(data, Viewer(FACILITATOR, "ohjaaja-b"))
    assert not any(name in theirs for name in _names(own))


@pytest.mark.parametrize("viewer", [Viewer(), Viewer(FACILITATOR, "ohjaaja-c"), Viewer(FACILITATOR, "p0001")])
def test_does_anyone_else_see_no_names_on_it(viewer: Viewer) -> None:
    data = _renamed(synthetic_cohorts(8))
    page = _page(data, viewer)
    assert not any(name in page for name in _names(data.people))
    assert "O-" not in page  # not even pseudonyms: nobody's rows at all


def test_who_the_facilitator_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VALMENNUS_FACILITATOR", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    assert facilitator.facilitator_viewer().role != FACILITATOR  # nobody named: sees nothing
    monkeypatch.setenv("JUPYTERHUB_USER", "ohjaaja-b")  # Voilà in the hub user's own server
    assert facilitator.facilitator_viewer() == Viewer(FACILITATOR, "ohjaaja-b")
    monkeypatch.setenv("VALMENNUS_FACILITATOR", "ohjaaja-a")  # the demo, or set by the hub
    assert facilitator.facilitator_viewer() == Viewer(FACILITATOR, "ohjaaja-a")
    assert facilitator.facilitator_viewer("ohjaaja-c") == Viewer(FACILITATOR, "ohjaaja-c")  # passed by a service


def test_who_is_behind_and_what_waits_for_feedback() -> None:
    data = synthetic_cohorts(10)
    ctx = context(data, Viewer(FACILITATOR, "ohjaaja-a"), KEY)
    own = facilitator.own_people(data.people, ctx.viewer)
    rows = facilitator.overview(ctx.tables.status, own)
    status = ctx.tables.status.merge(own[["cohort", "participant"]])
    assert sorted(rows["participant"]) == sorted(own["participant"])
    missing = status[status["state"] == "missing"].groupby("participant").size()
    assert rows.set_index("participant")["weeks_behind"].to_dict() == {
        p: int(missing.get(p, 0)) for p in own["participant"]}
    assert list(rows["weeks_behind"]) == sorted(rows["weeks_behind"], reverse=True)
    waiting = facilitator.awaiting_feedback(ctx.tables.status, own, data.as_of)
    expected = status[status["submitted"] & ~status["feedback_released"]]
    assert len(waiting) == len(expected) and set(waiting["participant"]) <= set(own["participant"])
    assert list(waiting["waiting_hours"]) == sorted(waiting["waiting_hours"], reverse=True)
    assert (waiting["waiting_hours"] >= 0).all()


def _needs_answers(people: pd.DataFrame, chosen: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(c, p, "viikko0", "W0_NEEDS", 1.0, option) for c, p in zip(people["cohort"], people["participant"],
                                                                         strict=True)
            for option in chosen.get(p, [])]
    return pd.DataFrame(rows, columns=["cohort", "participant", "week", "item", "value", "option"])


def test_is_the_needs_summary_counted_for_own_people_only_and_never_under_five() -> None:
    items = bank()
    needs = items["W0_NEEDS"]
    first, second = needs.options[0].id, needs.options[1].id
    data = synthetic_cohorts(12)
    viewer = Viewer(FACILITATOR, "ohjaaja-a")
    own = facilitator.own_people(data.people, viewer)
    everyone = {p: [first] for p in data.people["participant"]}  # the other facilitator's too
    everyone[own["participant"].iloc[0]] = [first, second]
    summary = facilitator.needs_summary(_needs_answers(data.people, everyone), own, data.weeks, items)
    row = summary[(summary["item"] == "W0_NEEDS")].set_index("option")
    assert row.loc[first, "n"] == len(own) == 6 and row.loc[first, "chosen"] == 6
    assert row.loc[second, "chosen"] == 1
    assert set(row.index) == {o.id for o in needs.options}  # every option, also those nobody chose
    assert "W0_NEEDS_MORE" not in set(summary["item"])  # free text is never a needs row
    few = facilitator.needs_summary(_needs_answers(data.people, {p: [first] for p in own["participant"][:4]}),
                                    own, data.weeks, items)
    few = few[few["item"] == "W0_NEEDS"]
    assert few["suppressed"].all() and few["chosen"].isna().all()


@pytest.fixture
def course(tmp_path: Path) -> CourseSettings:
    root = tmp_path / "kevat27"
    root.mkdir()
    (root / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'testi'\n",
                                             encoding="utf-8")
    return CourseSettings.load(root)


def _panel(course: CourseSettings) -> tuple[CoachPanel, pd.DataFrame]:
    data = synthetic_cohorts(6)
    own = facilitator.own_people(data.people, Viewer(FACILITATOR, "ohjaaja-a"))
    panels = coach_panels({"kevat27": course}, own, data.weeks, controls)
    assert len(panels) == 1
    return panels[0], data.people


def test_do_the_coachs_controls_reach_the_routines_controls(course: CourseSettings) -> None:
    panel, people = _panel(course)
    mine = panel.own["participant"].iloc[0]
    name = panel.names[mine]
    assert "Rutiini on käynnissä" in panel.state_html.value
    panel.pause(True)
    assert controls.load_controls(course).paused and "Jatka rutiinia" == panel.pause_button.description
    panel.pause_button.click()  # the button itself: resumes
    assert not controls.load_controls(course).paused
    message = panel.extend(mine, "viikko2", date(2027, 1, 30))
    assert name in message
    assert controls.load_controls(course).extension(mine, "viikko2") == due_at(date(2027, 1, 30))
    panel.hold(mine, True)
    assert controls.load_controls(course).held == [mine]
    assert name in panel.state_html.value
    panel.hold(mine, False)
    assert controls.load_controls(course).held == []


def test_can_a_coach_act_only_on_own_participants(course: CourseSettings) -> None:
    panel, people = _panel(course)
    others = people[people["facilitator"] != "ohjaaja-a"]["participant"].tolist()
    assert others and not set(others) & set(panel.names)
    assert {pid for _, pid in panel.who.options} == set(panel.names)  # the list offers own people only
    before = controls.load_controls(course)
    for pid in (others[0], "../p0001", None):
        assert "omista osallistujistasi" in panel.extend(pid, "viikko2", date(2027, 1, 30))
        assert "omista osallistujistasi" in panel.hold(pid, True)
    mine = panel.own["participant"].iloc[0]
    assert "viikko99" in panel.extend(mine, "viikko99", date(2027, 1, 30))
    assert panel.extend(mine, "viikko2", None) == "Valitse uusi palautuspäivä."
    assert controls.load_controls(course) == before
    # another coach's held participant is not listed in this coach's panel
    controls.hold_reminders(course, others[0])
    panel._show_state()
    assert others[0] not in panel.state_html.value
    assert not any(name in panel.state_html.value for name in _names(people[people["participant"] == others[0]]))


def test_is_markup_in_a_name_text_on_the_page() -> None:
    data = synthetic_cohorts(6)
    people = data.people.copy()
    people.loc[people["facilitator"] == "ohjaaja-a", "first_name"] = "<img src=x onerror=alert(1)>"
    data.people = people
    page = _page(data, Viewer(FACILITATOR, "ohjaaja-a"))
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_says_so_when_the_course_folder_cannot_be_written(course: CourseSettings) -> None:
    class ReadOnly:
        load_controls = staticmethod(controls.load_controls)

        @staticmethod
        def _refuse(*_args: object, **_kwargs: object) -> None:
            raise PermissionError("read-only")

        set_paused = extend = hold_reminders = _refuse

    data = synthetic_cohorts(6)
    own = facilitator.own_people(data.people, Viewer(FACILITATOR, "ohjaaja-a"))
    panel = coach_panels({"kevat27": course}, own, data.weeks, ReadOnly())[0]
    mine = panel.own["participant"].iloc[0]
    for message in (panel.pause(True), panel.hold(mine, True), panel.extend(mine, "viikko1", date(2027, 1, 30))):
        assert message.startswith("Muutosta ei voitu tallentaa")
    assert "valmennus-panel-failed" in panel.status_html.value
