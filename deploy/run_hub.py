"""Start and stop the hub for a site; ``make hub`` runs :func:`main` (try-out accounts, Ctrl-C stops).

The hub runs as root (LocalProcessSpawner switches to each person's Linux account) in its own process
group, so stopping it never depends on process names: SIGTERM to the hub lets it stop the servers it
spawned, its formgrader service and the proxy; anything left in its group is then killed by id.
Should the starting process die without cleaning up (even SIGKILL), Linux sends the hub SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from hubsite import CourseSite, Site, remove_group, remove_user, setup_host, site_accounts  # noqa: E402
from pgcluster import PostgresCluster, die_with_parent, start_cluster  # noqa: E402


def start_hub(site_file: Path, log: Path, timeout: float = 300) -> subprocess.Popen[bytes]:
    """Start JupyterHub for the site and wait until its API answers; raise (hub stopped) if it does not.

    The hub puts its own route on the proxy only after every managed service answers (each course's
    formgrader, the dashboards, the walls: started together, services_together.py)."""
    site = Site.load(site_file)
    env = {"PATH": f"{site.venv}/bin:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
           "VALMENNUS_HUB_SITE": str(site_file), "HOME": "/root"}
    with log.open("ab") as out:
        proc = subprocess.Popen([f"{site.venv}/bin/jupyterhub", "-f", str(HERE / "jupyterhub_config.py")],
                                cwd=site.hub_dir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, preexec_fn=die_with_parent(signal.SIGTERM))
    HUB_DIRS[proc.pid] = site.hub_dir
    url = f"http://127.0.0.1:{site.port}/hub/api/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=3) as response:
                if response.status == 200:
                    return proc
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    stop_hub(proc)
    raise TimeoutError(f"JupyterHub did not answer at {url} within {timeout:.0f} s; see {log}")


PROXY_PID_FILE = "proxy.pid"  # in the hub's folder: jupyterhub_config.py's ConfigurableHTTPProxy.pid_file
HUB_DIRS: dict[int, Path] = {}  # the hubs start_hub started: pid -> the hub's folder


def stop_hub(proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """SIGTERM the hub (it stops its servers, services and proxy), then kill whatever is left of its group,
    and its proxy when the hub did not get to stop it (the proxy runs in a session of its own; its pid is in
    proxy.pid in the folder start_hub started the hub in; the hub removes the file when it has stopped the
    proxy)."""
    hub_dir = HUB_DIRS.pop(proc.pid, None)
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    if hub_dir is not None:
        stop_left_proxy(Path(hub_dir) / PROXY_PID_FILE)


def stop_left_proxy(pid_file: Path) -> None:
    """The proxy whose pid ``pid_file`` holds, if that process is still a configurable-http-proxy."""
    try:
        pid = int(pid_file.read_text(encoding="ascii").strip())
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return
    if b"configurable-http-proxy" not in command:
        return
    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            time.sleep(0.1)
            os.kill(pid, 0)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


DEMO_COURSE = "digiasiakas"
DEMO_PEOPLE = {"participants": ["demo-osallistuja1", "demo-osallistuja2"], "facilitators": ["demo-ohjaaja"],
               "coordinators": ["demo-koordinaattori"]}
# the second try-out course (several courses on one hub: the dashboards compare them)
DEMO_COURSE_B = "digiasiakas-b"
DEMO_PEOPLE_B = {"participants": ["demo-osallistuja3"], "facilitators": ["demo-ohjaaja2"]}
DEMO_ROUTINE_MINUTES = 15


def tear_down(hub: subprocess.Popen[bytes] | None, users: list[str], groups: list[str],
              cluster: PostgresCluster | None) -> None:
    """Stop what a hub run started and remove the accounts and groups it created (the hub test and
    ``make bench-hub`` both end this way): the hub and its proxy, anything still running as those
    accounts (servers, kernels), the accounts, the groups, the private PostgreSQL."""
    import psutil  # ipykernel's dependency, in every venv that runs a hub

    if hub is not None:
        stop_hub(hub)
    for proc in psutil.process_iter(["username"]):
        if proc.info["username"] in users:
            try:
                proc.kill()
            except psutil.Error:
                pass
    for name in users:
        remove_user(name)
    for name in groups:
        remove_group(name)
    if cluster is not None:
        cluster.stop()


def demo_site(state: Path, cluster: PostgresCluster, port: int) -> Site:
    """Try-out accounts (all with one printed password): two courses, each with its own gradebook database,
    formgrader service and routine; three participants, two facilitators, a coordinator; the dashboards."""
    cluster.create_database("gradebook", owner_role="valmennus_grader", readonly_role="valmennus_dashboard")
    cluster.create_database("gradebook_b", owner_role="valmennus_grader_b", readonly_role="valmennus_dashboard_b")
    return demo_site_definition(state, port, {
        "a": cluster.url("gradebook", "valmennus_grader"), "a_read": cluster.url("gradebook", "valmennus_dashboard"),
        "b": cluster.url("gradebook_b", "valmennus_grader_b"),
        "b_read": cluster.url("gradebook_b", "valmennus_dashboard_b")})


def demo_site_definition(state: Path, port: int = 8000, db_urls: dict[str, str] | None = None) -> Site:
    """The try-out site's courses, people and ports (``db_urls``: the two gradebooks' read-write and read-only
    URLs, keys a, a_read, b, b_read; without them, placeholders: enough to name its accounts)."""
    urls = db_urls or dict.fromkeys(("a", "a_read", "b", "b_read"), "postgresql://")
    second = CourseSite(course_id=DEMO_COURSE_B, course_dir=str(state / "courses" / DEMO_COURSE_B),
                        db_url=urls["b"], db_url_readonly=urls["b_read"],
                        **DEMO_PEOPLE_B, service_port=port + 5, routine_minutes=DEMO_ROUTINE_MINUTES)
    return Site(course_id=DEMO_COURSE, state_dir=str(state), course_dir=str(state / "courses" / DEMO_COURSE),
                exchange=str(state / "exchange"), venv=os.environ.get("HUB_VENV", "/opt/valmennus-hub/venv"),
                proxy_command=str(HERE / "node_modules" / ".bin" / "configurable-http-proxy"),
                db_url=urls["a"], db_url_readonly=urls["a_read"],
                **DEMO_PEOPLE, dummy_password=secrets.token_urlsafe(9),
                port=port, hub_port=port + 1, proxy_api_port=port + 2, service_port=port + 3,
                courses=[asdict(second)], dashboards_port=port + 4, routine_minutes=DEMO_ROUTINE_MINUTES)


def landing_table(site: Site) -> str:
    """Who can log in with the printed password, and where each role lands (``make hub`` prints it)."""
    base = f"http://{site.ip}:{site.port}"
    rows = [("coordinator", ", ".join(site.coordinators), f"{base}/services/dashboards/  (every course)")]
    for course in site.course_sites():
        rows += [(f"participant, {course.course_id}", ", ".join(course.participants),
                  f"{base}/user/<name>/valmennus/  (own pages; JupyterLab at /user/<name>/lab)"),
                 (f"facilitator, {course.course_id}", ", ".join(course.facilitators),
                  f"{base}/services/{course.course_id}/formgrader  (grading; own participants at "
                  f"{base}/services/dashboards/)")]
    width = max(len(role) for role, _, _ in rows)
    lines = [f"  log in at {base}/hub/login", *(f"  {role:<{width}}  {who}\n  {'':<{width}}    -> {url}"
                                               for role, who, url in rows)]
    every = {course.course_id: course.routine_minutes for course in site.course_sites()}
    lines.append("  the routine runs inside each course's grader service every "
                 + ", ".join(f"{m:g} min ({c})" if m else f"never ({c})" for c, m in every.items())
                 + "; its log: valmennus routine --log in the formgrader's terminal")
    return "\n".join(lines)


def release_week(site: Site, week: str = "viikko1") -> None:
    """generate + release the week as the grader account, so participants find it at once."""
    env = {"PATH": f"{site.venv}/bin:/usr/bin:/bin", "HOME": f"/home/{site.grader}", "LANG": "C.UTF-8",
           "VALMENNUS_COURSE_ID": site.course_id, "VALMENNUS_EXCHANGE": site.exchange,
           "VALMENNUS_DB_URL": site.db_url, "JUPYTER_CONFIG_PATH": str(site.jupyter_dir / "common")}
    for step in ("generate_assignment", "release_assignment"):
        subprocess.run([f"{site.venv}/bin/nbgrader", step, week, "--force"], cwd=site.course_dir, env=env,
                       user=site.grader, umask=0o027, check=True, timeout=300, capture_output=True)


def clean(state: Path) -> int:
    """Remove the try-out accounts (with their homes), their groups and the state folder (hub stopped).

    The accounts and groups come from the site ``make hub`` saved (``site_accounts``); without it, from
    the try-out site's definition (a hub stopped before it saved its site)."""
    import psutil

    saved = state / "hub" / "site.json"
    if saved.is_file():
        site = Site.load(saved)
    else:
        site = demo_site_definition(state)
    accounts, groups = site_accounts(site)
    running = [p.pid for p in psutil.process_iter(["username"]) if p.info["username"] in accounts]
    if running:
        print(f"the try-out accounts still run processes {running}: stop `make hub` (Ctrl-C) first", file=sys.stderr)
        return 1
    for name in accounts:
        remove_user(name)
    for group in groups:
        remove_group(group)
    shutil.rmtree(state, ignore_errors=True)
    print(f"removed the try-out accounts and {state}")
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description="Start the one-host hub with try-out accounts (Ctrl-C stops)")
    parser.add_argument("--state", default=os.environ.get("HUB_STATE", "/srv/valmennus-hub"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("HUB_PORT", "8000")))
    parser.add_argument("--clean", action="store_true", help="remove the try-out accounts and the state folder")
    args = parser.parse_args()
    state = Path(args.state)
    if args.clean:
        return clean(state)
    # Ctrl-C and `kill <pid>` both stop everything cleanly (a shell may start us with SIGINT ignored).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o755)
    cluster = start_cluster(parent=state)
    hub = None
    try:
        site = demo_site(state, cluster, args.port)
        setup_host(site, REPO)
        site_file = site.save(site.hub_dir / "site.json")
        release_week(site)
        release_week(Site(**{**asdict(site), **site.courses[0], "courses": []}))
        hub = start_hub(site_file, site.hub_dir / "jupyterhub.log")
        print(f"JupyterHub with courses {', '.join(c.course_id for c in site.course_sites())}: "
              f"http://127.0.0.1:{site.port}/  (log {site.hub_dir})")
        print(f"  password for every try-out account: {site.dummy_password}")
        print(landing_table(site))
        print("Stop with Ctrl-C (stops the hub, its servers, the proxy and the try-out PostgreSQL;"
              " `make hub-clean` also removes the try-out accounts and folders).", flush=True)
        while hub.poll() is None:
            time.sleep(1)
        return hub.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        if hub is not None:
            stop_hub(hub)
        cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
