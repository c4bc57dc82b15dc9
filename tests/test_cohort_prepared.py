"""Pages built before the request (cohort/dashboard.py): in a pre-heated kernel the stores are read and a
coordinator's page built before anyone asks; after the request a coordinator gets that page as it is, a
facilitator a page built from the same data for them (their own participants by name), the facilitator's
own page likewise; a page older than ``Dashboards.page_max_age`` is read and built again; a waiting
kernel refreshes it; every page says when its data were read. No Voilà here: its wait is replaced by a
function that plays the request (tests/test_dashboard_voila.py serves the notebooks pre-heated)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from valmennus.cohort import dashboard
from valmennus.cohort.dashboard import COMMENTS_PAGE, DASHBOARDS, FACILITATOR_PAGE
from valmennus.cohort.synthetic import store_frames, synthetic_cohorts
from valmennus.records import store

COHORT = "kevat27"


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A course folder whose store holds 12 synthetic participants; the dashboards' options point at it."""
    root = tmp_path / COHORT
    root.mkdir()
    (root / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    store.write_frames(f"sqlite:///{root / store.STORE_FILE}", COHORT, store_frames(synthetic_cohorts(12), COHORT),
                       schema=store.store_schema())
    for name, value in (("VALMENNUS_COURSE", root), ("VALMENNUS_COURSES", root), ("VALMENNUS_PSEUDONYM_KEY", "k"),
                        ("VALMENNUS_LANG", "fi")):
        monkeypatch.setenv(name, str(value))
    for name in ("VALMENNUS_DASHBOARD_ROLE", "VALMENNUS_FACILITATOR", "JUPYTERHUB_USER", "VOILA_PREHEAT",
                 "VALMENNUS_DASHBOARD_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    dashboard._prepared.clear()
    dashboard._asked.clear()
    yield root
    dashboard._asked.set()  # a refresher the test started stops
    dashboard._prepared.clear()


def _no_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the stores' reads from now on."""
    reads: list[int] = []
    load = dashboard.load_cohorts

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(1)
        return load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard, "load_cohorts", counted)
    return reads


def _as_facilitator(monkeypatch: pytest.MonkeyPatch, who: str = "ohjaaja-a") -> None:
    monkeypatch.setenv("VALMENNUS_DASHBOARD_ROLE", "facilitator")
    monkeypatch.setenv("VALMENNUS_FACILITATOR", who)


def _names(data: object, facilitator: str) -> tuple[list[str], list[str]]:
    people = data.people  # type: ignore[attr-defined]
    full = people["first_name"] + " " + people["last_name"]
    return list(full[people["facilitator"] == facilitator]), list(full[people["facilitator"] != facilitator])


def test_a_coordinator_gets_the_page_built_before_the_request(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _no_read(monkeypatch)
    for name in (*DASHBOARDS, COMMENTS_PAGE):
        built = dashboard.build(name)
        before = len(reads)
        assert dashboard.page_for_request(name) is built.page  # nothing read or built after the request
        assert len(reads) == before
        assert "Tiedot luettu klo" in built.page
        own, others = _names(built.data, "ohjaaja-a")
        assert not any(person in built.page for person in own + others)


def test_a_facilitator_gets_a_page_of_their_own_from_the_data_read_before(course: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    built = dashboard.build("edistyminen")
    reads = _no_read(monkeypatch)
    _as_facilitator(monkeypatch)
    page = dashboard.page_for_request("edistyminen")
    own, others = _names(built.data, "ohjaaja-a")
    assert not reads and page != built.page
    assert own and all(person in page for person in own)
    assert not any(person in page for person in others) and not any(person in built.page for person in own)


def test_the_facilitators_own_page_is_read_before_and_filtered_after(course: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    built = dashboard.build(FACILITATOR_PAGE)
    assert built.page == ""  # nobody's names before anyone asks
    reads = _no_read(monkeypatch)
    for who in ("ohjaaja-a", "ohjaaja-b"):
        page, ctx = dashboard.render_facilitator(facilitator=who)
        own, others = _names(built.data, who)
        assert ctx.data is built.data and ctx.tables is built.tables
        assert own and all(person in page for person in own) and not any(person in page for person in others)
        assert "Tiedot luettu klo" in page
    assert not reads


def test_a_page_older_than_the_limit_is_read_and_built_at_the_request(course: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    built = dashboard.build("palauteviive")
    built.built -= 301  # the default limit: 300 s
    reads = _no_read(monkeypatch)
    page = dashboard.page_for_request("palauteviive")
    assert reads == [1] and page is not built.page and "Tiedot luettu klo" in page
    monkeypatch.setenv("VALMENNUS_DASHBOARD_MAX_AGE", "0")  # 0: always at the request
    dashboard.build("palauteviive")
    dashboard.page_for_request("palauteviive")
    assert len(reads) == 3  # built before, and read again at the request


def test_a_waiting_kernel_builds_its_page_and_keeps_it_fresh(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import voila.utils

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VALMENNUS_DASHBOARD_MAX_AGE", "2")  # refreshed every second while it waits
    seen: list[float] = []

    def request_comes_later(url: str | None = None) -> None:
        ready = dashboard.ready("edistyminen")
        assert ready is not None and ready.page  # built before the request
        seen.append(ready.built)
        time.sleep(2.6)
        seen.append(dashboard._prepared["edistyminen"].built)
        _as_facilitator(monkeypatch)  # what the hub's service sets from the request

    monkeypatch.setattr(voila.utils, "wait_for_request", request_comes_later)
    dashboard.prepare("edistyminen")
    assert dashboard._asked.is_set() and seen[1] > seen[0]  # rebuilt while waiting, stopped at the request
    page = dashboard.show("edistyminen").markup
    own, _ = _names(dashboard._prepared["edistyminen"].data, "ohjaaja-a")
    assert all(person in page for person in own)


def test_outside_a_pre_heated_kernel_nothing_is_built_before(course: Path) -> None:
    dashboard.prepare("edistyminen")
    assert dashboard.ready("edistyminen") is None
    assert "Tiedot luettu klo" in dashboard.show("edistyminen").markup


def test_a_refresh_gives_up_when_the_request_has_come(course: Path) -> None:
    built = dashboard.build("osaaminen")
    assert dashboard.build("osaaminen", abandon=lambda: True) is None
    assert dashboard.ready("osaaminen") is built  # the page read before stays
