"""The one-host hub's site definition (deploy/): what `make hub` prints and what `make hub-clean` removes.

Runs without root: account creation is recorded instead of done (the hub tests in tests/hub create real
accounts); what is checked is that the two lists are derived from one site and cannot drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import REPO

sys.path.insert(0, str(REPO / "deploy"))
import hubsite  # noqa: E402
import run_hub  # noqa: E402


@pytest.fixture
def site(tmp_path: Path) -> hubsite.Site:
    return run_hub.demo_site_definition(tmp_path / "state", port=8100)


def test_does_hub_clean_remove_every_account_and_group_the_setup_makes(site: hubsite.Site,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    made_users: list[str] = []
    made_groups: list[str] = []
    monkeypatch.setattr(hubsite, "ensure_group", lambda name: made_groups.append(name) or True)
    monkeypatch.setattr(hubsite, "ensure_user",
                        lambda name, groups, primary=None, system=False: made_users.append(name) or True)
    hubsite.create_accounts(site)
    users, groups = hubsite.site_accounts(site)
    assert set(made_users) <= set(users)
    assert set(made_groups) <= set(groups)
    # both courses' control-request groups (issue 17) and the dashboards' account are among them
    assert {f"ctlreq-{c.course_id}" for c in site.course_sites()} <= set(groups)
    assert site.dashboards_user in users


def test_does_the_printout_name_every_role_its_accounts_and_landing_address(site: hubsite.Site) -> None:
    text = run_hub.landing_table(site)
    base = f"http://{site.ip}:{site.port}"
    assert f"{base}/hub/login" in text
    assert f"{base}/services/dashboards/" in text
    for course in site.course_sites():
        assert all(name in text for name in (*course.participants, *course.facilitators))
        assert f"{base}/services/{course.course_id}/formgrader" in text
    assert all(name in text for name in site.coordinators)
    assert f"{base}/user/<name>/valmennus/" in text
