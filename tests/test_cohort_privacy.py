"""valmennus.cohort.privacy and the small-group rule everywhere it applies."""

from __future__ import annotations

import pandas as pd
import pytest

from valmennus.cohort import evaluation, skills
from valmennus.cohort.cohorts import PEOPLE_COLUMNS
from valmennus.cohort.dashboard import context, render
from valmennus.cohort.privacy import (
    Viewer,
    display_names,
    pseudonym_key,
    pseudonyms,
    shown_label,
    suppress_small,
)
from valmennus.cohort.synthetic import synthetic_cohorts
from valmennus.cohort.view_skills import page_html as skills_page

KEY = b"test-key"


def _people(ids: list[str], cohort: str = "k", facilitator: str = "ohjaaja-a") -> pd.DataFrame:
    return pd.DataFrame([(cohort, p, "Aino", "Virtanen", facilitator) for p in ids], columns=PEOPLE_COLUMNS)


def test_is_a_pseudonym_stable_keyed_and_not_the_login_id() -> None:
    people = _people(["aino.virtanen", "mikko"])
    first, again = pseudonyms(people, KEY), pseudonyms(people, KEY)
    assert first.tolist() == again.tolist()
    assert all(p.startswith("O-") and len(p) == 7 for p in first)
    assert "aino" not in " ".join(first).lower()
    assert pseudonyms(people, b"another key").tolist() != first.tolist()


def test_does_the_same_login_get_another_pseudonym_in_another_cohort() -> None:
    both = pd.concat([_people(["p01"], "k"), _people(["p01"], "s")], ignore_index=True)
    assert pseudonyms(both, KEY).nunique() == 2


def test_are_pseudonyms_unique_in_a_large_cohort() -> None:
    people = _people([f"p{i:05d}" for i in range(5000)])
    assert pseudonyms(people, KEY).nunique() == 5000


def test_without_a_configured_key_is_the_key_random_and_said_to_be_unstable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VALMENNUS_PSEUDONYM_KEY", raising=False)
    assert pseudonym_key()[1] is False
    monkeypatch.setenv("VALMENNUS_PSEUDONYM_KEY", "s3cret")
    assert pseudonym_key() == (b"s3cret", True)


def test_does_a_coordinator_never_see_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALMENNUS_DASHBOARD_ROLE", "coordinator")
    names = display_names(_people(["p01", "p02"]), Viewer.from_env(), KEY)
    assert (names["name"] == "").all() and not names["own"].any()


def test_does_a_facilitator_see_only_their_own_participants_names() -> None:
    people = pd.concat([_people(["p01"], facilitator="ohjaaja-a"), _people(["p02"], facilitator="ohjaaja-b"),
                        _people(["p03"], facilitator="")], ignore_index=True)
    names = display_names(people, Viewer("facilitator", "ohjaaja-a"), KEY).set_index("participant")
    assert names.loc["p01", "name"] == "Aino Virtanen" and names.loc["p01", "own"]
    assert names.loc["p02", "name"] == "" and names.loc["p03", "name"] == ""
    labels = shown_label(names.reset_index())
    assert labels.iloc[0] == f"Aino Virtanen ({names.loc['p01', 'pseudonym']})"
    assert labels.iloc[1] == names.loc["p02", "pseudonym"]


@pytest.mark.parametrize("role, who", [("facilitator", ""), ("admin", "ohjaaja-a"), ("", "")])
def test_is_an_unclear_role_treated_as_a_coordinator(monkeypatch: pytest.MonkeyPatch, role: str, who: str) -> None:
    monkeypatch.setenv("VALMENNUS_DASHBOARD_ROLE", role)
    monkeypatch.setenv("VALMENNUS_FACILITATOR", who)
    assert Viewer.from_env() == Viewer("coordinator", "")


def test_does_suppression_blank_the_figures_and_keep_the_count() -> None:
    frame = pd.DataFrame({"g": ["a", "b"], "n": [4, 5], "mean": [3.0, 4.0]})
    out = suppress_small(frame, ["mean"])
    assert pd.isna(out.loc[0, "mean"]) and out.loc[1, "mean"] == 4.0
    assert out["n"].tolist() == [4, 5] and out["suppressed"].tolist() == [True, False]


def test_is_a_group_under_five_never_broken_down() -> None:
    data = synthetic_cohorts(4)  # four participants: every aggregate is a group under five
    tables = context(data, Viewer(), KEY).tables
    for frame, columns in ((tables.skills_by_group, skills.CHANGE_COLUMNS[1:]),
                           (tables.skills_by_item, skills.CHANGE_COLUMNS[1:]),
                           (tables.usefulness, evaluation.LIKERT_COLUMNS[1:-1]),
                           (tables.workload, evaluation.WORKLOAD_COLUMNS[1:]),
                           (tables.course_feedback, evaluation.LIKERT_COLUMNS[1:-1])):
        assert len(frame) and frame["suppressed"].all()
        assert frame[columns].isna().all().all()
    side = tables.side_by_side.iloc[0]
    assert all(pd.isna(side[c]) for c in ("skills_change_median", "usefulness_mean", "feedback_agree"))
    # Turnaround groups are feedbacks, not answers: a week of four submissions is not broken down.
    assert tables.turnaround_by_week["suppressed"].all()
    assert tables.turnaround_by_week["median_hours"].isna().all()


@pytest.mark.parametrize("lang, words", [("fi", "alle 5 vastaajaa"), ("en", "fewer than 5 respondents"),
                                         ("sv", "färre än 5 svarande")])
def test_does_the_page_say_why_a_figure_is_missing(monkeypatch: pytest.MonkeyPatch, lang: str, words: str) -> None:
    monkeypatch.setenv("VALMENNUS_LANG", lang)
    markup = skills_page(context(synthetic_cohorts(4), Viewer(), KEY))
    assert words in markup


def test_does_a_facilitator_page_show_own_names_and_a_coordinator_page_none() -> None:
    data = synthetic_cohorts(6)
    for name in ("edistyminen",):
        coordinator = render_data(name, data, Viewer())
        facilitator = render_data(name, data, Viewer("facilitator", "ohjaaja-a"))
        own = data.people[data.people["facilitator"] == "ohjaaja-a"]
        other = data.people[data.people["facilitator"] != "ohjaaja-a"]
        for first in data.people["first_name"]:
            assert f"{first} " not in coordinator
        assert all(f"{f} {s}" in facilitator for f, s in zip(own["first_name"], own["last_name"], strict=True))
        assert not any(f"{f} {s}" in facilitator for f, s in zip(other["first_name"], other["last_name"],
                                                                 strict=True))
        assert "p0001" not in coordinator and "p0001" not in facilitator  # never the login id


def render_data(name: str, data, viewer: Viewer) -> str:  # noqa: ANN001
    from valmennus.cohort.dashboard import _views

    return _views()[name][0](context(data, viewer, KEY))


def test_is_render_the_same_function_the_notebooks_call() -> None:
    assert callable(render)


def test_do_the_facilitators_and_the_course_teams_pages_show_a_coordinator_no_names() -> None:
    """The facilitator's own page shows a coordinator nobody; the comments page has no names for anyone."""
    from valmennus.cohort.dashboard import COMMENTS_PAGE, FACILITATOR_PAGE

    data = synthetic_cohorts(6)
    for name in (FACILITATOR_PAGE, COMMENTS_PAGE):
        for viewer in (Viewer(), Viewer("facilitator", "ohjaaja-a")) if name == COMMENTS_PAGE else (Viewer(),):
            page = render_data(name, data, viewer)
            assert not any(f"{f} {s}" in page for f, s in zip(data.people["first_name"], data.people["last_name"],
                                                               strict=True))
            assert "O-" not in page and "p0001" not in page
