"""The group's space through the one-host hub (issue 15): a big wall renders in < 300 ms; 30 people at once,
p95 < 500 ms, no lost post.

``benchmarks/wall.py`` measures the wall service embedded (its own process, no hub). This is the same
measure where participants meet it: a real JupyterHub set up as the wall's hub test sets it up (root;
``deploy/hubsite.py``: real Linux accounts, a private PostgreSQL from ``deploy/pgcluster.py``, the hub
started by ``deploy/run_hub.py``, the course's wall service ``<course>-seina`` of ``deploy/wall_service.py``
on the course's PostgreSQL), every request through the hub's public proxy (``/services/<course>-seina/…``).

People: 30 participants in six small groups of five (the course roster's ``pienryhmä``, as the wall's hub
test writes it), one more participant in the big wall's small group (``Iso``) and their coach. No
single-user server is started: each participant gets two tokens from the hub (``POST
/hub/api/users/<name>/tokens``, asked with her own login, as ``hub_dashboards.py`` asks the
coordinator's), scoped as the service sees them in real use:

* her *server's* token: the wall's access scope and her own name and groups, a subset of what the hub
  gives every server (``Spawner.server_token_scopes`` + ``access:services!service=<wall>``); it sends her
  share as ``participant/wall_push.py`` does (``POST api/jaot``, ``Authorization: token``,
  ``X-Valmennus-User``);
* her *browser's* token: what the hub's OAuth gives the service for her (the wall's access scope and
  ``read:users:groups!user``, ``oauth_client_allowed_scopes``); it reads and comments. A token request
  needs no XSRF token, so this skips only the browser's cookie, which the service checks the same way
  (the hub's ``HubAuth`` caches a token's user for five minutes either way). Each token asks once, untimed,
  before the run (as a browser already logged in).

1. **Render**: one wall of 200 posts and 1,000 comments (``wall.seed_big_wall``, written into the hub
   course's PostgreSQL store) opened ``--rounds`` times by the participant of that small group and by the
   coach (a moderation link per post and comment).
2. **Concurrency**: the 30 at once, each ``--actions`` times (``wall.concurrency``): her share sent
   (changed each time), her small group's wall of the week opened, a comment on one of its posts. Then
   every post must be there with its last words, and every comment taken (``wall.check_nothing_lost``).

The service's own CPU time (psutil, by its process) and that of the proxy and PostgreSQL are recorded,
and the 1-minute load average at the start and the end. With ``--actions`` above 12 the service's rate
limit (12 actions a minute per person) answers 429 on purpose. Writes benchmarks/results/hub_wall.json;
removes every account, group, folder and process it made, also on failure, Ctrl-C or ``kill``.

    make bench-hub-wall
    HUB_VENV=/opt/valmennus-hub/venv .venv/bin/python benchmarks/hub_wall.py --rounds 20 --actions 10
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "benchmarks"))
from hubsite import Site, setup_host  # noqa: E402
from pgcluster import free_port, start_cluster  # noqa: E402
from run_hub import start_hub, tear_down  # noqa: E402
from wall import BIG, GROUPS, WEEK, Actor, check_nothing_lost, concurrency, render, roster_csv, seed_big_wall  # noqa: E402

HUB_VENV = Path(os.environ.get("HUB_VENV", "/opt/valmennus-hub/venv"))
PROXY = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
RESULTS = REPO / "benchmarks" / "results" / "hub_wall.json"
ARTIFACTS = REPO / "test-artifacts" / "bench-hub-wall"
AUTHORS, COMMENTS = 200, 1000


def load_1min() -> float:
    return round(os.getloadavg()[0], 2)


def hub_token(url: str, name: str, password: str, scopes: list[str], note: str) -> str:
    """A token of ``name`` with ``scopes`` (a subset of her own), asked with her login as the hub allows."""
    response = requests.post(f"{url}/hub/api/users/{name}/tokens", timeout=60, json={
        "auth": {"username": name, "password": password}, "scopes": scopes, "note": note, "expires_in": 3600})
    if response.status_code not in (200, 201):
        raise RuntimeError(f"token for {name}: HTTP {response.status_code} {response.text[:300]}")
    return response.json()["token"]


def token_session(token: str) -> requests.Session:
    http = requests.Session()
    http.headers["Authorization"] = f"token {token}"
    return http


def processes(hub: psutil.Process, site: Site) -> dict[str, list[psutil.Process]]:
    """The hub side's processes by part: the wall service (the grader account's ``valmennus.wall.serve``),
    the proxy (node, in the hub's process group) and the hub itself."""
    found: dict[str, list[psutil.Process]] = {"wall_service": [], "proxy": [], "hub": [hub]}
    for proc in hub.children(recursive=True):
        try:
            line = " ".join(proc.cmdline())
            if "valmennus.wall.serve" in line and proc.username() == site.grader:
                found["wall_service"].append(proc)
            elif "configurable-http-proxy" in line:
                found["proxy"].append(proc)
        except psutil.Error:
            continue
    return found


def cpu_seconds(parts: dict[str, list[psutil.Process]], postmaster: psutil.Process | None) -> dict[str, float]:
    """CPU time (user + system) of each part so far, and PostgreSQL's: its backends come and go with the
    service's connection pool, so they are listed again each time, plus those the postmaster has reaped."""
    out = {}
    for part, procs in parts.items():
        out[part] = sum(_cpu(proc) for proc in procs)
    if postmaster is not None:
        reaped = postmaster.cpu_times()
        out["postgres"] = (_cpu(postmaster) + reaped.children_user + reaped.children_system
                           + sum(_cpu(proc) for proc in postmaster.children(recursive=True)))
    return out


def _cpu(proc: psutil.Process) -> float:
    try:
        times = proc.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def run(args: argparse.Namespace) -> dict:
    course_id = f"vmw{secrets.token_hex(2)}"
    base = Path(tempfile.mkdtemp(prefix="valmennus-hub-"))
    os.chmod(base, 0o755)
    users: list[str] = []
    groups: list[str] = []
    cluster = hub = None
    crowd = [f"{course_id}-q{i:02d}" for i in range(args.participants)]
    reader, coach = f"{course_id}-iso", f"{course_id}-ohjaaja"
    result: dict = {"when": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(),
                    "python": platform.python_version(), "backend": "hub service through the proxy, PostgreSQL",
                    "load_1min_start": load_1min()}
    try:
        cluster = start_cluster(parent=base)
        cluster.create_database("wallbench", owner_role="wallbench_grader", readonly_role="wallbench_dash")
        password = secrets.token_urlsafe(12)
        site = Site(course_id=course_id, state_dir=str(base / "state"), course_dir=str(base / "course"),
                    exchange=str(base / "exchange"), venv=str(HUB_VENV), proxy_command=str(PROXY),
                    db_url=cluster.url("wallbench", "wallbench_grader"),
                    db_url_readonly=cluster.url("wallbench", "wallbench_dash"),
                    participants=[*crowd, reader], facilitators=[coach], coordinators=[f"{course_id}-koord"],
                    dummy_password=password, port=free_port(), hub_port=free_port(), proxy_api_port=free_port(),
                    service_port=free_port(), wall_port=free_port())
        users, groups = setup_host(site, REPO)
        roster = Path(site.course_dir) / "roster.csv"
        roster.write_text(roster_csv(AUTHORS, crowd, coach, (reader,)), encoding="utf-8")
        shutil.chown(roster, site.grader, site.grader_group)
        os.chmod(roster, 0o640)
        started = time.monotonic()
        hub = start_hub(site.save(site.hub_dir / "site.json"), base / "jupyterhub.log")
        url = f"http://127.0.0.1:{site.port}"
        wall = f"{url}/services/{course_id}-seina/"
        result["hub_start_s"] = round(time.monotonic() - started, 1)

        # the big wall, written into the course's PostgreSQL store as the service's own role does
        os.environ[site.db_env] = site.db_url  # the hub's block of nbgrader_config.py reads it
        started = time.monotonic()
        seed_big_wall(Path(site.course_dir), AUTHORS, COMMENTS)
        seeded = time.monotonic() - started

        access = f"access:services!service={course_id}-seina"
        server_scopes = [access, "read:users:name!user", "read:users:groups!user"]
        browser_scopes = [access, "read:users:groups!user"]
        actors = []
        for i, name in enumerate(crowd):
            server = hub_token(url, name, password, server_scopes, "wall benchmark: her server")
            browser = hub_token(url, name, password, browser_scopes, "wall benchmark: her browser")
            actors.append(Actor(name, GROUPS[i % len(GROUPS)],
                                {"Authorization": f"token {server}", "X-Valmennus-User": name},
                                {"Authorization": f"token {browser}"}))
        for actor in actors:  # logged in: the service has asked the hub about each token once
            for headers in (actor.page_headers, actor.push_headers):
                requests.get(wall + "api/uutta", headers=headers, timeout=120).raise_for_status()
        viewers = {"participant": token_session(hub_token(url, reader, password, browser_scopes, "wall benchmark")),
                   "coach": token_session(hub_token(url, coach, password, browser_scopes, "wall benchmark"))}

        parts = processes(psutil.Process(hub.pid), site)
        if not parts["wall_service"]:
            raise RuntimeError("no wall service process found under the hub")
        postmaster = psutil.Process(cluster.process.pid) if cluster.process else None
        before = cpu_seconds(parts, postmaster)
        result["load_1min_render_start"] = load_1min()
        big = render(f"{wall}viikko/{WEEK}/r-{BIG}", args.rounds, viewers)
        middle = cpu_seconds(parts, postmaster)
        result["load_1min_crowd_start"] = load_1min()
        load = concurrency(wall, actors, args.actions)
        after = cpu_seconds(parts, postmaster)
        renders = 2 * (args.rounds + 2)
        big["cpu_ms_per_render"] = {k: round((middle[k] - before[k]) / renders * 1000, 1) for k in before}
        load["cpu_ms_per_request"] = {k: round((after[k] - middle[k]) / max(load["requests"], 1) * 1000, 1)
                                      for k in before}
        load["cpu_share_of_one_core"] = {k: round((after[k] - middle[k]) / load["seconds"], 2) for k in before}
        load["lost"] = check_nothing_lost(Path(site.course_dir), load)
        result.update({
            "big_wall": {"posts": AUTHORS, "comments": COMMENTS, "seed_seconds": round(seeded, 1), **big},
            "concurrency": load, "targets": {"render_ms": 300, "p95_ms": 500}, "load_1min_end": load_1min()})
        result["met"] = {
            "render_participant_median": big["participant"]["median_ms"] < 300,
            "render_participant_p95": big["participant"]["p95_ms"] < 300,
            "render_coach_p95": big["coach"]["p95_ms"] < 300,
            "crowd_p95": load["p95_ms"] < 500,
            "nothing_lost": not load["lost"]["posts_lost"] and load["lost"]["comments_lost"] == 0
            and not load["error_count"]}
        return result
    finally:
        tear_down(hub, users, groups, cluster)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if (base / "jupyterhub.log").exists():
            shutil.copy2(base / "jupyterhub.log", ARTIFACTS / "jupyterhub.log")
        shutil.rmtree(base, ignore_errors=True)
        print(f"removed {len(users)} accounts, {len(groups)} groups, PostgreSQL and {base}", file=sys.stderr,
              flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--actions", type=int, default=10)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if os.geteuid() != 0 or not (HUB_VENV / "bin" / "jupyterhub").exists() or not PROXY.exists():
        print(f"needs root (it creates Linux accounts), the hub venv {HUB_VENV} and the proxy: `make bench-hub-wall`",
              file=sys.stderr)
        return 2
    for sig in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C and `kill <pid>` both clean up (as KeyboardInterrupt)
        signal.signal(sig, signal.default_int_handler)
    try:
        result = run(args)
    except KeyboardInterrupt:
        print("interrupted: everything the run created was removed", file=sys.stderr)
        return 130
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if all(result["met"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
