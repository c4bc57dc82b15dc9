"""The real hub for the hub tests: accounts, PostgreSQL, JupyterHub, servers; all removed at the end.

Needs root (real Linux users), the hub venv and configurable-http-proxy (`make hub-env`). Without them
the tests are skipped, except when VALMENNUS_REQUIRE_HUB=1 (set by `make test`, so CI never skips).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ..conftest import REPO, free_port

sys.path.insert(0, str(REPO / "deploy"))
from hubsite import CourseSite, Site, setup_host  # noqa: E402
from pgcluster import PostgresCluster, start_cluster  # noqa: E402
from run_hub import start_hub, tear_down  # noqa: E402

from .client import Person  # noqa: E402

WEEK = "viikko1"
# the second course's routine: a pass every 30 s after the last one ended. Its week is played from the
# package's start, beside the other modules (routine_week_in_background), so the waits for its passes
# are over before test_services_hub.py looks; a shorter gap would only run more passes that find
# nothing to do (each one a process of 4-6 CPU seconds on the 2 cores the tests share).
ROUTINE_MINUTES = 0.5
HUB_VENV = Path(os.environ.get("HUB_VENV", "/opt/valmennus-hub/venv"))
PROXY = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
ARTIFACTS = REPO / "test-artifacts" / "hub"


def _missing() -> str:
    if os.geteuid() != 0:
        return "the hub test creates Linux users: run as root"
    if not (HUB_VENV / "bin" / "jupyterhub").exists():
        return f"no hub venv at {HUB_VENV}: run `make hub-env`"
    if not PROXY.exists():
        return "configurable-http-proxy missing: run `make hub-env` (npm ci --prefix deploy)"
    return ""


SECOND_COURSE_NAMES = {"p01": ("Kaisa", "Nieminen")}
# the group's space (test_wall_hub.py): four more participants of the first course, A, B and D in small group
# "Kettu" and C in "Karhu", with the first course's coach; the roster names them only while that module runs
# (wall_roster there), because test_hub.py and the dashboards' tests count the roster's people
WALL_PEOPLE = {"a": ("Anna", "Aalto", "Kettu"), "b": ("Bertta", "Berg", "Kettu"),
               "c": ("Cecilia", "Ceder", "Karhu"), "d": ("Daniel", "Dahl", "Kettu")}


def prepare_second_course(course: CourseSite, site: Site) -> None:
    """The second course as its routine finds it: week 1 released two hours ago and due an hour ago (a
    schedule of that week only), so the routine releases it, collects a submission at once (late work)
    and grades it; a roster naming its facilitator. Both courses get a roster (the dashboards' names)."""
    from zoneinfo import ZoneInfo

    now = datetime.now(ZoneInfo("Europe/Helsinki"))
    stamp = "%Y-%m-%d %H:%M"
    schedule = (f"timezone: Europe/Helsinki\nweeks:\n  {WEEK}:\n"
                f"    release: {(now - timedelta(hours=2)).strftime(stamp)}\n"
                f"    due: {(now - timedelta(hours=1)).strftime(stamp)}\n"
                f"    theme:\n      fi: \"Ammattilainen digipalvelun asiakkaana\"\n")
    course_file(course, Path(course.course_dir) / "schedule.yaml", schedule, 0o644)
    first_name, last_name = SECOND_COURSE_NAMES["p01"]
    rows = [f"{course.participants[0]},{first_name},{last_name},{course.participants[0]}@example.invalid,"
            f"{course.facilitators[0]}"]
    course_file(course, Path(course.course_dir) / "roster.csv",
                "id,first_name,last_name,email,facilitator\n" + "\n".join(rows) + "\n", 0o640)
    first = site.course_sites()[0]
    rows = [f"{pid},{first_name},{last_name},{pid}@example.invalid,{site.facilitators[0]}"
            for pid, (first_name, last_name) in zip(site.participants[:2], FIRST_COURSE_NAMES, strict=True)]
    course_file(first, Path(site.course_dir) / "roster.csv",
                "id,first_name,last_name,email,facilitator\n" + "\n".join(rows) + "\n", 0o640)


# the names test_hub.py's cohort plays (p01, p02); the browser test's p03 is in no roster (its dashboard
# counts the two it grades)
FIRST_COURSE_NAMES = [("Aino", "Virtanen"), ("Mikko", "Korhonen")]


def course_file(course: CourseSite, path: Path, text: str, mode: int) -> None:
    """A file of the course folder as the course's grader account would have written it."""
    path.write_text(text, encoding="utf-8")
    shutil.chown(path, course.grader, course.grader_group)
    os.chmod(path, mode)


@dataclass
class HubRun:
    """The running hub of one test module and what the tests need to reach it."""

    site: Site
    cluster: PostgresCluster
    url: str
    password: str
    timings: dict[str, float] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)

    def log_in(self, name: str) -> Person:
        if name not in self.people:
            self.people[name] = Person.log_in(self.url, name, self.password)
        return self.people[name]


def require_hub() -> None:
    """Skip without the hub's pieces, with the reason; fail instead where the hub must run (root, CI)."""
    reason = _missing()
    if reason:
        if os.environ.get("VALMENNUS_REQUIRE_HUB") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="package")
def hub_run() -> Iterator[HubRun]:
    require_hub()
    tag = secrets.token_hex(2)
    course_id = f"vmt{tag}"
    base = Path(tempfile.mkdtemp(prefix="valmennus-hub-"))
    os.chmod(base, 0o755)  # the accounts must reach the course, exchange and dashboards below it
    created_users: list[str] = []
    created_groups: list[str] = []
    cluster = hub = run = None
    phases: dict[str, float] = {}
    clock = time.monotonic()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.monotonic()
        phases[f"hub_run setup: {name}"] = round(now - clock, 2)
        clock = now

    try:
        cluster = start_cluster(parent=base)
        phase("PostgreSQL")
        cluster.create_database("hubgrades", owner_role="hub_grader", readonly_role="hub_dashboard")
        # the second course (issue 14: several courses on one hub; issue 17: the routine in its grader
        # service): its own gradebook database and roles, one participant, its own facilitator
        cluster.create_database("hubgrades_b", owner_role="hub_grader_b", readonly_role="hub_dashboard_b")
        second = CourseSite(course_id=f"{course_id}b", course_dir=str(base / "course-b"),
                            db_url=cluster.url("hubgrades_b", "hub_grader_b"),
                            db_url_readonly=cluster.url("hubgrades_b", "hub_dashboard_b"),
                            participants=[f"{course_id}b-p01"], facilitators=[f"{course_id}b-ohjaaja"],
                            service_port=free_port(), routine_minutes=ROUTINE_MINUTES)
        password = secrets.token_urlsafe(12)
        site = Site(course_id=course_id, state_dir=str(base / "state"), course_dir=str(base / "course"),
                    exchange=str(base / "exchange"), venv=str(HUB_VENV), proxy_command=str(PROXY),
                    db_url=cluster.url("hubgrades", "hub_grader"),
                    db_url_readonly=cluster.url("hubgrades", "hub_dashboard"),
                    # p01, p02: test_hub.py's week over HTTP; p03: test_participant_hub.py's, in Chromium;
                    # a, b, c, d: test_wall_hub.py's small groups (WALL_PEOPLE)
                    participants=[f"{course_id}-p01", f"{course_id}-p02", f"{course_id}-p03",
                                  *(f"{course_id}-{k}" for k in WALL_PEOPLE)],
                    facilitators=[f"{course_id}-ohjaaja"], coordinators=[f"{course_id}-koord"],
                    dummy_password=password, port=free_port(), hub_port=free_port(),
                    proxy_api_port=free_port(), service_port=free_port(),
                    # each course's wall service (deploy/wall_service.py) on this port and the next: a free
                    # one, not the default formgrader's + 100, which another process may hold
                    wall_port=free_port(), courses=[asdict(second)], dashboards_port=free_port())
        phase("databases")
        created_users, created_groups = setup_host(site, REPO)
        prepare_second_course(second, site)
        site_file = site.save(site.hub_dir / "site.json")
        phase("accounts, folders, courses")
        hub = start_hub(site_file, base / "jupyterhub.log")
        phase("hub start")
        run = HubRun(site, cluster, f"http://127.0.0.1:{site.port}", password, timings=phases)
        yield run
    finally:
        if run is not None:
            run.timings.update(cpu_by_account([*created_users, "postgres"]))
        clock = time.monotonic()
        tear_down(hub, created_users, created_groups, cluster)
        phase("teardown")  # in run.timings too: they are one dict
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if run is not None:
            (ARTIFACTS / "timings.json").write_text(json.dumps(run.timings, indent=2))
        if (base / "jupyterhub.log").exists():
            shutil.copy2(base / "jupyterhub.log", ARTIFACTS / "jupyterhub.log")
        if (base / "course-b" / "routine-service.out").exists():  # the second course's routine passes
            shutil.copy2(base / "course-b" / "routine-service.out", ARTIFACTS / "routine-service-b.out")
        shutil.rmtree(base, ignore_errors=True)


def cpu_by_account(users: list[str]) -> dict[str, float]:
    """CPU seconds the hub run's accounts have used so far (their processes and the children those have
    waited for: a grader service's routine passes, the dashboards' kernels), the hub's own too: where the
    2 cores went (test-artifacts/hub/timings.json)."""
    import psutil

    spent: dict[str, float] = {}
    me = os.getpid()
    for proc in psutil.process_iter(["username", "cpu_times", "ppid", "pid"]):
        name, times = proc.info["username"], proc.info["cpu_times"]
        if times is None or proc.info["pid"] == me:
            continue
        if name not in users:
            if name != "root" or proc.info["ppid"] != me:
                continue
            name = "the hub (root)"
        total = times.user + times.system + times.children_user + times.children_system
        spent[f"cpu s: {name}"] = round(spent.get(f"cpu s: {name}", 0.0) + total, 1)
    own = psutil.Process().cpu_times()
    spent["cpu s: pytest itself"] = round(own.user + own.system, 1)
    return dict(sorted(spent.items(), key=lambda kv: -kv[1]))


def timed(run: HubRun, name: str, fn):  # noqa: ANN001, ANN201
    started = time.monotonic()
    result = fn()
    run.timings[name] = round(time.monotonic() - started, 2)
    return result


def facilitator_runs(run: HubRun, facilitator: Person, code: str) -> str:
    """Code in a kernel of the course's formgrader service: runs as grader-<course> in the course dir."""
    return facilitator.run(code, "hub-console.ipynb", prefix=f"/services/{run.site.course_id}")


def nbgrader_steps(*steps: tuple[str, ...]) -> str:
    return ("from pathlib import Path\nfrom valmennus.ops.nbgrader_cli import run_nbgrader\n"
            f"for step in {steps!r}:\n    run_nbgrader(Path.cwd(), *step)\nprint('ok')\n")


@pytest.fixture(scope="package", autouse=True)
def routine_week_in_background(hub_run: HubRun, request: pytest.FixtureRequest) -> Iterator[object]:
    """The second course's week played by its routine (routine_week.py), in a thread from the package's start,
    when a test selected here asks for it (test_services_hub.routine_week takes it); else nothing."""
    if not any("routine_week" in item.fixturenames for item in request.session.items):
        yield None
        return
    from .routine_week import InBackground

    background = InBackground(hub_run)
    yield background
    background.finish()


@pytest.fixture(scope="package")
def released_week(hub_run: HubRun) -> Person:
    """Week 1 generated and released by the facilitator in the formgrader service; the facilitator."""
    facilitator = hub_run.log_in(hub_run.site.facilitators[0])
    timed(hub_run, "facilitator: generate + release", lambda: facilitator_runs(
        hub_run, facilitator, nbgrader_steps(("generate_assignment", WEEK, "--force"),
                                             ("release_assignment", WEEK, "--force"))))
    return facilitator
