"""The dashboards service on a real hub (issue 14): first render of each dashboard against an empty notebook.

A hub like the hub test's (root; real Linux accounts, PostgreSQL, JupyterHub, the dashboards service of
``deploy/dashboards_service.py`` with one pre-heated kernel per notebook), with two courses whose
reporting stores hold the simulated demo courses (``.demo/kurssit/*``, made by ``make demo``; synced into
each course's PostgreSQL store with ``records.store.sync``). The coordinator asks for every dashboard
through the hub's proxy with their hub token, once per round, against two empty notebooks in the same
service: ``tyhja`` (rendered completely before anyone asks) and ``tyhja-pyynnolla`` (like the dashboards,
it waits in its pre-heated kernel for the request; the fair floor, as in ``benchmarks/dashboard.py``).
Between requests the used kernel's replacement is let to pre-heat: the next request waits until every
process of the dashboards service's account has been idle for a second (``--settle`` seconds at most),
the state a coordinator finds the service in (a fixed pause, as before, measured the two cores' queue
under other load instead: a replacement kernel still importing pandas when the next page was asked
for). Target: each dashboard's median first
render <= 1.5x the empty notebook that waits for the request, in the same run.
Writes benchmarks/results/hub_dashboards.json; removes every account, folder and server it made.

    HUB_VENV=/opt/valmennus-hub-svc/venv .venv/bin/python benchmarks/hub_dashboards.py --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import nbformat
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
from hubsite import CourseSite, Site, setup_host  # noqa: E402
from idle import of_account, wait_until_idle  # noqa: E402  (benchmarks/idle.py, beside this file)
from pgcluster import free_port, start_cluster  # noqa: E402
from run_hub import start_hub, tear_down  # noqa: E402

from valmennus.cohort.dashboard import DASHBOARDS  # noqa: E402
from valmennus.course.settings import CourseSettings  # noqa: E402
from valmennus.records.store import sync  # noqa: E402

EMPTY, EMPTY_AT_REQUEST = "tyhja", "tyhja-pyynnolla"
PROXY = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"


def empty_notebooks(folder: Path) -> None:
    for name, source in ((EMPTY, ""), (EMPTY_AT_REQUEST, "from voila.utils import wait_for_request\n"
                                                         "wait_for_request()")):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(source)]
        nbformat.write(nb, folder / f"{name}.ipynb")
        os.chmod(folder / f"{name}.ipynb", 0o644)


def render(url: str, token: str) -> float:
    started = time.perf_counter()
    response = requests.get(url, headers={"Authorization": f"token {token}"}, timeout=300)
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or "Traceback" in response.text:
        raise RuntimeError(f"{url}: {response.status_code} {response.text[:300]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--settle", type=float, default=120.0,
                        help="at most this many seconds for a used kernel's replacement to pre-heat")
    parser.add_argument("--demo", default=str(REPO / ".demo" / "kurssit"), help="the simulated courses")
    args = parser.parse_args()
    venv = Path(os.environ.get("HUB_VENV", "/opt/valmennus-hub/venv"))
    if os.geteuid() != 0 or not (venv / "bin" / "jupyterhub").exists() or not PROXY.exists():
        print("needs root and the hub venv (make hub-env)", file=sys.stderr)
        return 2
    demos = sorted(p for p in Path(args.demo).iterdir() if (p / "nbgrader_config.py").is_file())[:2]
    if len(demos) < 2:
        print(f"needs two simulated courses in {args.demo}: run `make demo` first", file=sys.stderr)
        return 2
    tag = secrets.token_hex(2)
    base = Path(tempfile.mkdtemp(prefix="valmennus-hub-bench-"))
    os.chmod(base, 0o755)
    users: list[str] = []
    groups: list[str] = []
    cluster = hub = None
    result: dict[str, object] = {"python": platform.python_version(), "cores": os.cpu_count(),
                                 "courses": [d.name for d in demos], "rounds": args.rounds}
    try:
        cluster = start_cluster(parent=base)
        sites = []
        for i, demo in enumerate(demos):
            cluster.create_database(f"bench{i}", owner_role=f"bench_grader{i}", readonly_role=f"bench_dash{i}")
            sites.append(CourseSite(course_id=f"vmb{tag}{i}", course_dir=str(base / "courses" / demo.name),
                                    db_url=cluster.url(f"bench{i}", f"bench_grader{i}"),
                                    db_url_readonly=cluster.url(f"bench{i}", f"bench_dash{i}"),
                                    participants=[f"vmb{tag}{i}-p01"], facilitators=[f"vmb{tag}{i}-ohjaaja"],
                                    service_port=free_port()))
        first = sites[0]
        password = secrets.token_urlsafe(12)
        site = Site(course_id=first.course_id, state_dir=str(base / "state"), course_dir=first.course_dir,
                    exchange=str(base / "exchange"), venv=str(venv), proxy_command=str(PROXY),
                    db_url=first.db_url, db_url_readonly=first.db_url_readonly,
                    participants=first.participants, facilitators=first.facilitators,
                    coordinators=[f"vmb{tag}-koord"], dummy_password=password, port=free_port(),
                    hub_port=free_port(), proxy_api_port=free_port(), service_port=first.service_port,
                    courses=[asdict(s) for s in sites[1:]], dashboards_port=free_port())
        users, groups = setup_host(site, REPO)
        empty_notebooks(site.dashboards_dir)
        for course, demo in zip(sites, demos, strict=True):  # the simulated course's records, as the store
            sync(CourseSettings.load(demo), url=course.db_url)
        started = time.monotonic()
        hub = start_hub(site.save(site.hub_dir / "site.json"), base / "jupyterhub.log")
        url = f"http://127.0.0.1:{site.port}"
        token = requests.post(f"{url}/hub/api/users/{site.coordinators[0]}/tokens", timeout=30,
                              json={"auth": {"username": site.coordinators[0], "password": password}}).json()["token"]
        result["hub_start_s"] = round(time.monotonic() - started, 1)
        names = [EMPTY, EMPTY_AT_REQUEST, *DASHBOARDS]
        times: dict[str, list[float]] = {n: [] for n in names}
        settled = [wait_until_idle(of_account(site.dashboards_user), args.settle * 2)]  # every pool filled
        for _ in range(args.rounds):
            for name in names:
                times[name].append(render(f"{url}/services/dashboards/voila/render/{name}.ipynb", token))
                settled.append(wait_until_idle(of_account(site.dashboards_user), args.settle))
        result["settle_s"] = {"median": round(statistics.median(settled), 1), "max": round(max(settled), 1)}
        floor = statistics.median(times[EMPTY_AT_REQUEST])
        result.update({"empty_notebook_s": round(statistics.median(times[EMPTY]), 3),
                       "empty_waiting_for_request_s": round(floor, 3), "baseline": EMPTY_AT_REQUEST})
        for name in DASHBOARDS:
            median = statistics.median(times[name])
            result[name] = {"median_s": round(median, 3), "first_s": round(times[name][0], 3),
                            "all_s": [round(t, 3) for t in times[name]], "ratio_to_empty": round(median / floor, 2)}
        result["worst_ratio"] = max(result[name]["ratio_to_empty"] for name in DASHBOARDS)
        result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        tear_down(hub, users, groups, cluster)
        shutil.rmtree(base, ignore_errors=True)
    out = REPO / "benchmarks" / "results" / "hub_dashboards.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
