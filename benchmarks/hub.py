"""Hub benchmark (issue 11, "under load"): N participants open week 1 at the same moment on the real hub.

The hub is set up as the hub test sets it up (``tests/hub/conftest.py``: a private PostgreSQL, real
Linux accounts through ``deploy/hubsite.py``, JupyterHub started by ``deploy/run_hub.py``, everything
on 127.0.0.1), with N participants and one facilitator. The facilitator releases ``viikko1`` in the
course's formgrader service. Then:

1. **Alone**, in the same run: three participants one after the other (after one unreported warm-up
   participant, so that none of them is the first to read the hub venv from disk), each alone on the
   hub: log in, start the server, fetch the week, GET its Voilà render, answer in a kernel, submit;
   their servers are then stopped. The baseline is their median (this host is shared: one sample moves).
2. **The crowd**: N threads released together by a barrier, each one participant doing the same.

"A usable week" is the Voilà render of ``/user/<name>/voila/render/<course>/viikko1/viikko1.ipynb``
completing (Voilà executes the notebook server-side before it sends the page) with the widgets' views
in it and no error output, except in the week's check cells: those are nbgrader's grade cells, which
raise ``TaskIncomplete`` by design until the week is answered (Voilà stops at the first of them).
Answers are written by ``valmennus.demo.simulate.write_answers`` in a kernel in the week folder (as the hub
test does), then submitted through the Assignments handler. Afterwards the facilitator collects in the
formgrader service and every collected ``viikko1.answers.json`` is compared, as root, with
``simulate.answers_for``: an answer that differs, is missing or is unexpected is lost.

Memory is the sum of RSS of every process of a participant's Linux account (their server, the Voilà
kernel that stays open with the page, the answering kernel while it runs), sampled with psutil every
0.5 s (0.1 s alone); "peak" is the highest sum after that participant's render. CPU is counted per
process for the hub's side (the hub, proxy, service, servers, kernels, PostgreSQL; ``HubCpu``) and for
the whole machine, so other work on a shared host shows. Known signs of trouble in the hub's log (port
collisions, an unresponsive hub, spawn failures) are counted. Everything created (accounts, groups,
PostgreSQL, hub, folders) is removed at the end, also on Ctrl-C, ``kill`` or failure; the hub's log is
kept in ``test-artifacts/bench-hub/``. Results go into ``benchmarks/results/hub.json`` under the N.

    make bench-hub                      # N = 30 (BENCH_HUB_N=5 make bench-hub)
    .venv/bin/python benchmarks/hub.py --participants 30        # as root, after `make hub-env`
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import psutil
from tqdm import tqdm

from valmennus.answers import read_values
from valmennus.demo.simulate import Participant, answers_for, plan_cohort

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO))
from hubsite import Site, setup_host  # noqa: E402
from pgcluster import free_port, start_cluster  # noqa: E402
from run_hub import start_hub, tear_down  # noqa: E402

from tests.hub.client import Person  # noqa: E402  (the hub test's HTTP + kernel client)

HUB_VENV = Path(os.environ.get("HUB_VENV", "/opt/valmennus-hub/venv"))
PROXY = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
RESULTS = REPO / "benchmarks" / "results" / "hub.json"
ARTIFACTS = REPO / "test-artifacts" / "bench-hub"
WEEK = "viikko1"
MB = 1024 * 1024
SPAWN_TIMEOUT = 600.0  # the client's patience; the hub's own limits (Spawner.start_timeout) decide first
RENDER_TIMEOUT = 600.0
# Where a Voilà page shows that a cell failed (plain Voilà hides tracebacks but says so).
ERROR_MARKERS = ("Traceback", '"output_type": "error"', "Cell execution timed out")
CELL_ERROR = re.compile(r"There was an error when executing cell \[(\d+)\]")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# -- one participant --------------------------------------------------------------------------------
@dataclass
class Outcome:
    name: str
    group: str  # "warm-up", "baseline" or "crowd"
    profile: str
    times: dict[str, float] = field(default_factory=dict)
    widget_views: int = 0
    checks_incomplete: int = 0  # check cells that said "not answered yet" (expected before answering)
    submitted: bool = False
    error: str = ""
    rendered_at: float | None = None  # time.monotonic() when the week became usable
    finished_at: float | None = None
    rss_at_render_mb: float | None = None
    rss_peak_mb: float | None = None
    rss_settled_mb: float | None = None
    answers: str = ""  # "kept", "lost: ..." or "" (not submitted)


class Stopped(RuntimeError):
    """The run was interrupted: workers stop between steps."""


def _assignment_action(person: Person, action: str, course_id: str) -> None:
    """What the Assignments tab's buttons send: POST /user/<name>/assignments/<action>."""
    response = person.post(f"{person.server}/assignments/{action}",
                           json={"course_id": course_id, "assignment_id": WEEK})
    if response.status_code != 200:
        raise RuntimeError(f"{action}: HTTP {response.status_code} {response.text[:300]}")
    body = response.json()
    if isinstance(body, dict) and body.get("success") is False:
        raise RuntimeError(f"{action}: {str(body.get('value', body))[:300]}")


def start_server(person: Person) -> None:
    """Request the server and follow the hub's progress stream until it is ready.

    The same server-sent events a browser's spawn page follows; polling the user model as often as
    ``Person.start_server`` does would, times N, be load on the hub of its own.
    """
    response = person.post(f"/hub/api/users/{person.name}/server")
    if response.status_code not in (201, 202, 400):  # 400: already running
        raise RuntimeError(f"spawn: HTTP {response.status_code} {response.text[:300]}")
    with person.http.get(f"{person.hub}/hub/api/users/{person.name}/server/progress", stream=True,
                         timeout=(30, SPAWN_TIMEOUT)) as stream:
        stream.raise_for_status()
        for line in stream.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event.get("ready"):
                return
            if event.get("failed"):
                raise RuntimeError(f"spawn failed: {event.get('message', event)}"[:400])
    server = person.get(f"/hub/api/users/{person.name}").json().get("servers", {}).get("")
    if not (server and server.get("ready")):
        raise RuntimeError("spawn: the progress stream ended and the server is not ready")


def stop_server(person: Person, timeout: float = 120) -> None:
    person.http.delete(f"{person.hub}/hub/api/users/{person.name}/server", timeout=60)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not person.get(f"/hub/api/users/{person.name}").json().get("servers"):
            return
        time.sleep(1)
    raise TimeoutError(f"server of {person.name} still running after {timeout:.0f} s")


def check_cells(notebook: Path) -> set[int]:
    """Execution counts of the week's check cells (nbgrader grade cells calling ``require``).

    On a week not yet answered they raise ``TaskIncomplete`` by design (the autograder's check), and
    Voilà shows that as "There was an error when executing cell [n]"; an error anywhere else is real.
    Voilà, like nbclient, numbers only code cells with source.
    """
    cells = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    return {i for i, c in enumerate(cells, 1) if c.get("metadata", {}).get("nbgrader", {}).get("grade")}


def render_week(person: Person, course_id: str, allowed: set[int]) -> tuple[int, int]:
    """GET the week's Voilà render; return (widget views, check cells saying "incomplete").

    Raises when the page is not a usable week: not 200, an error outside the check cells, a traceback,
    or no widget model data.
    """
    url = f"{person.hub}{person.server}/voila/render/{course_id}/{WEEK}/{WEEK}.ipynb"
    response = person.http.get(url, timeout=(30, RENDER_TIMEOUT), allow_redirects=False)
    if response.status_code != 200:
        raise RuntimeError(f"render: HTTP {response.status_code} {response.text[:300]}")
    page = response.text
    failed = {int(n) for n in CELL_ERROR.findall(page)}
    problems = [marker for marker in ERROR_MARKERS if marker in page]
    if failed - allowed:
        problems.append(f"error in cell(s) {sorted(failed - allowed)}")
    views = page.count(WIDGET_VIEW)
    if not views or '"model_id"' not in page:
        problems.append("no widget model data")
    if problems:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        kept = ARTIFACTS / f"render-{person.name}.html"
        kept.write_text(page, encoding="utf-8")
        raise RuntimeError(f"render: {'; '.join(problems)} (page kept in {kept.relative_to(REPO)})")
    return views, len(failed)


def answer_code(p: Participant) -> str:
    """The hub test's answering: ``write_answers`` in a kernel whose folder is the week's."""
    return ("from pathlib import Path\nfrom valmennus.demo.simulate import Participant, write_answers\n"
            f"write_answers(Path.cwd(), {WEEK!r}, Participant{tuple(p.__dict__.values())!r}, {WEEK!r})\n"
            "print(Path.cwd())\n")


def play(run: BenchRun, p: Participant, outcome: Outcome, barrier: threading.Barrier | None = None,
         bars: tuple[tqdm, tqdm] | None = None) -> Outcome:
    """Log in, start, fetch, render (= usable week), answer, submit; errors are recorded, not raised."""
    course = run.site.course_id
    phase = "wait"
    try:
        if barrier is not None:
            barrier.wait(timeout=120)
        phase = "log in"
        started = time.perf_counter()
        person = run.people[p.id] = Person.log_in(run.url, p.id, run.password)
        outcome.times["log_in_s"] = time.perf_counter() - started
        for phase, step in (("start server", lambda: start_server(person)),
                            ("fetch", lambda: _assignment_action(person, "fetch", course))):
            run.check()
            mark = time.perf_counter()
            step()
            outcome.times[f"{phase.replace(' ', '_')}_s"] = time.perf_counter() - mark
        run.check()
        phase = "render"
        mark = time.perf_counter()
        outcome.widget_views, outcome.checks_incomplete = render_week(person, course, run.check_cells)
        now = time.perf_counter()
        outcome.times["render_s"] = now - mark
        outcome.times["usable_week_s"] = now - started
        outcome.rendered_at = time.monotonic()
        outcome.rss_at_render_mb = run.sampler.sample_user(p.id)
        if bars:
            bars[0].update()
        run.check()
        phase = "answer"
        mark = time.perf_counter()
        out = person.run(answer_code(p), f"{course}/{WEEK}/{WEEK}.ipynb", timeout=RENDER_TIMEOUT)
        if out.strip() != f"/home/{p.id}/{course}/{WEEK}":
            raise RuntimeError(f"answer: the kernel ran in {out.strip()!r}")
        outcome.times["answer_s"] = time.perf_counter() - mark
        run.check()
        phase = "submit"
        submit_mark = time.perf_counter()
        _assignment_action(person, "submit", course)
        now = time.perf_counter()
        outcome.times["submit_s"] = now - submit_mark
        outcome.times["answer_submit_s"] = now - mark
        outcome.submitted = True
    except Stopped:
        outcome.error = f"{phase}: interrupted"
    except Exception as exc:  # noqa: BLE001  (a benchmark counts failures; it does not stop at the first)
        outcome.error = f"{phase}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:400]
    finally:
        outcome.finished_at = time.monotonic()
        outcome.times = {k: round(v, 2) for k, v in outcome.times.items()}
        if bars:
            if outcome.rendered_at is None:
                bars[0].update()
            bars[1].update()
            failed = sum(1 for o in run.outcomes if o.group == "crowd" and o.error)
            bars[1].set_postfix(errors=failed, refresh=False)
    return outcome


# -- measuring the machine --------------------------------------------------------------------------
class Sampler(threading.Thread):
    """Every ``interval`` seconds: each account's summed RSS, the host's used memory and busy CPU."""

    def __init__(self, users: set[str], interval: float = 0.5) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.users, self.interval = users, interval
        self.samples: list[tuple[float, dict[str, int], int, float]] = []  # (t, rss by user, host used, cpu %)
        self.halt = threading.Event()
        psutil.cpu_percent(None)

    @staticmethod
    def rss_by_user(users: set[str]) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for proc in psutil.process_iter(["username", "memory_info"]):
            user, memory = proc.info["username"], proc.info["memory_info"]
            if user in users and memory is not None:
                found[user] += memory.rss
        return dict(found)

    def sample_user(self, user: str) -> float:
        return round(self.rss_by_user({user}).get(user, 0) / MB, 1)

    def take(self) -> None:
        memory = psutil.virtual_memory()
        self.samples.append((time.monotonic(), self.rss_by_user(self.users), memory.total - memory.available,
                             psutil.cpu_percent(None)))

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            self.take()

    def peak_after(self, user: str, start: float, end: float | None = None) -> float | None:
        values = [rss.get(user, 0) for t, rss, _, _ in self.samples if t >= start and (end is None or t <= end)]
        return round(max(values) / MB, 1) if values else None

    def host(self, start: float, end: float) -> dict[str, float]:
        window = [(used, cpu) for t, _, used, cpu in self.samples if start <= t <= end]
        if not window:
            return {}
        return {"host_used_peak_mb": round(max(u for u, _ in window) / MB),
                "cpu_percent_mean": round(statistics.fmean(c for _, c in window), 1),
                "cpu_percent_peak": round(max(c for _, c in window), 1)}


def busy_cpu_seconds() -> float:
    """The whole machine's busy CPU seconds so far (other work on the host included)."""
    times = psutil.cpu_times()
    return times.user + times.nice + times.system + times.irq + times.softirq + getattr(times, "steal", 0.0)


class HubCpu:
    """CPU seconds spent by the hub's side: the hub and everything it started (proxy, formgrader service,
    participants' servers and kernels), every process of the run's accounts, and PostgreSQL.

    Per process, with its reaped children's time (a kernel that ended was reaped by its server, a
    server that ended by the hub), so work that started and ended between two readings counts too.
    """

    def __init__(self, roots: list[int], users: set[str]) -> None:
        self.roots, self.users = roots, users

    def processes(self) -> list[psutil.Process]:
        found: dict[int, psutil.Process] = {}
        for pid in self.roots:
            try:
                root = psutil.Process(pid)
                found[pid] = root
                found.update({c.pid: c for c in root.children(recursive=True)})
            except psutil.Error:
                pass
        for proc in psutil.process_iter(["username"]):
            if proc.info["username"] in self.users:
                found.setdefault(proc.pid, proc)
        return list(found.values())

    def reading(self) -> dict[tuple[int, float], float]:
        seen = {}
        for proc in self.processes():
            try:
                t = proc.cpu_times()
                seen[(proc.pid, proc.create_time())] = t.user + t.system + t.children_user + t.children_system
            except psutil.Error:
                pass
        return seen

    @staticmethod
    def spent(before: dict[tuple[int, float], float], after: dict[tuple[int, float], float]) -> float:
        return sum(value - before.get(key, 0.0) for key, value in after.items())


# -- the hub --------------------------------------------------------------------------------------
@dataclass
class BenchRun:
    site: Site
    url: str
    password: str
    sampler: Sampler
    stop: threading.Event = field(default_factory=threading.Event)
    outcomes: list[Outcome] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    check_cells: set[int] = field(default_factory=set)

    def check(self) -> None:
        if self.stop.is_set():
            raise Stopped()


def _nbgrader_steps(*steps: tuple[str, ...]) -> str:
    return ("from pathlib import Path\nfrom valmennus.ops.nbgrader_cli import run_nbgrader\n"
            f"for step in {steps!r}:\n    run_nbgrader(Path.cwd(), *step)\nprint('ok')\n")


def in_formgrader(run: BenchRun, facilitator: Person, code: str) -> str:
    """Code in a kernel of the course's formgrader service (runs as grader-<course> in the course dir)."""
    prefix = f"/services/{run.site.course_id}"
    deadline = time.monotonic() + 120
    while facilitator.get(f"{prefix}/api/status").status_code != 200:  # the hub starts it; wait until it answers
        if time.monotonic() > deadline:
            raise TimeoutError("the formgrader service did not answer within 120 s")
        time.sleep(1)
    return facilitator.run(code, "hub-console.ipynb", prefix=prefix)


def cohort(site: Site) -> list[Participant]:
    """Repeatable participants (simulate.plan_cohort) under the Linux names; nobody damages their file
    on purpose ("corrupt" answers "complete"), so every difference after collect is a loss."""
    people = []
    for name, p in zip(site.participants, plan_cohort(len(site.participants)), strict=True):
        people.append(replace(p, id=name, profile="complete" if p.profile == "corrupt" else p.profile))
    return people


# -- the run -------------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (p50 is the median)."""
    if not values:
        return None
    if q == 50:
        return round(statistics.median(values), 2)
    ordered = sorted(values)
    return round(ordered[min(len(ordered), math.ceil(q / 100 * len(ordered))) - 1], 2)


def summary(values: list[float]) -> dict[str, float | None]:
    return {"p50": pct(values, 50), "p95": pct(values, 95), "max": round(max(values), 2) if values else None}


def check_answers(run: BenchRun, people: dict[str, Participant]) -> None:
    """Compare every submitted participant's collected answers file with what they answered (as root)."""
    for outcome in run.outcomes:
        if not outcome.submitted:
            continue
        path = Path(run.site.course_dir) / "submitted" / outcome.name / WEEK / f"{WEEK}.answers.json"
        expected = json.loads(json.dumps(answers_for(people[outcome.name], WEEK)))
        try:
            got = read_values(path)
        except (OSError, ValueError) as exc:
            outcome.answers = f"lost: {type(exc).__name__}: {exc}"[:300] if expected else "kept"
            continue
        missing = sorted(k for k in expected if k not in got)
        changed = sorted(k for k in expected if k in got and got[k] != expected[k])
        extra = sorted(k for k in got if k not in expected)
        outcome.answers = "kept" if not (missing or changed or extra) else (
            f"lost: missing {missing}, changed {changed}, unexpected {extra}"[:300])


def play_crowd(run: BenchRun, crowd: list[Participant]) -> None:
    n = len(crowd)
    barrier = threading.Barrier(n)
    outcomes = [Outcome(p.id, "crowd", p.profile) for p in crowd]
    run.outcomes.extend(outcomes)
    bars = (tqdm(total=n, desc="week usable", unit="p", position=0, leave=True),
            tqdm(total=n, desc="submitted  ", unit="p", position=1, leave=True))
    pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="participant")
    try:
        futures = [pool.submit(play, run, p, o, barrier, bars) for p, o in zip(crowd, outcomes, strict=True)]
        pending = set(futures)
        while pending:
            _, pending = wait(pending, timeout=1)
    except BaseException:
        run.stop.set()
        barrier.abort()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        for bar in bars:
            bar.close()
    pool.shutdown(wait=True)


def _own_cpu() -> float:
    t = psutil.Process().cpu_times()
    return t.user + t.system


def alone_figures(run: BenchRun) -> dict[str, object]:
    """The baseline: medians over the participants who played alone (each alone on the hub)."""
    alone = [o for o in run.outcomes if o.group == "baseline"]

    def median(key: str) -> float | None:
        values = [o.times[key] for o in alone if key in o.times]
        return round(statistics.median(values), 2) if values else None

    peaks = [o.rss_peak_mb for o in alone if o.rss_peak_mb is not None]
    return {"participants": len(alone), "usable_week_s": median("usable_week_s"),
            "answer_submit_s": median("answer_submit_s"),
            "phases_s": {k: median(k) for k in ("log_in_s", "start_server_s", "fetch_s", "render_s", "answer_s",
                                                "submit_s")},
            "each_usable_week_s": [o.times.get("usable_week_s") for o in alone],
            "rss_peak_mb": round(statistics.median(peaks), 1) if peaks else None,
            "rss_settled_mb": statistics.median([o.rss_settled_mb or 0 for o in alone]),
            "widget_views": alone[-1].widget_views, "check_cells": sorted(run.check_cells),
            "checks_incomplete_before_answering": alone[-1].checks_incomplete}


# What went wrong under load, as the hub's log tells it (the hub, the proxy, every server and kernel).
HUB_LOG_SIGNS = {
    "port already in use (a server or kernel lost its randomly chosen port)":
        "Address already in use|port .* is already in use",
    "a server answered for another participant (port collision)": "Not allowing user",
    "a server exited during the run": "server stopped, with exit code",
    "kernel restarted": "restarting kernel",
    "hub event loop unresponsive >= 1 s": "Event loop was unresponsive",
    "spawn failed or timed out": "Unhandled error starting|didn't respond|Timeout waiting",
    "slow to become responsive (> 10 s)": "is slow to become responsive",
}


def scan_hub_log(log: Path) -> dict[str, int]:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return {sign: len(re.findall(pattern, text)) for sign, pattern in HUB_LOG_SIGNS.items()}


def aggregate(run: BenchRun, crowd_window: tuple[float, float], cpu: dict[str, float], host_before: int,
              alone: dict[str, object]) -> dict[str, object]:
    crowd = [o for o in run.outcomes if o.group == "crowd"]
    n = len(crowd)
    usable = [o.times["usable_week_s"] for o in crowd if "usable_week_s" in o.times]
    answer_submit = [o.times["answer_submit_s"] for o in crowd if "answer_submit_s" in o.times]
    peaks = [o.rss_peak_mb for o in crowd if o.rss_peak_mb is not None]
    settled = [o.rss_settled_mb for o in crowd if o.rss_settled_mb is not None]
    reasons: dict[str, int] = defaultdict(int)
    for o in crowd:
        if o.error:
            reasons[o.error] += 1
    host = run.sampler.host(*crowd_window)
    marginal = (host.get("host_used_peak_mb", 0) - host_before / MB) / n if host else None
    total_mb = psutil.virtual_memory().total / MB
    base_usable = alone["usable_week_s"]
    base_answer = alone["answer_submit_s"]
    per_phase = {phase: summary([o.times[phase] for o in crowd if phase in o.times])
                 for phase in ("log_in_s", "start_server_s", "fetch_s", "render_s", "answer_s", "submit_s")}
    result: dict[str, object] = {
        "participants": n,
        "usable_week_s": summary(usable),
        "usable_week_ratio_to_alone": {k: round(v / base_usable, 2) if v and base_usable else None
                                       for k, v in summary(usable).items()},
        "answer_submit_s": summary(answer_submit),
        "answer_submit_ratio_to_alone": {k: round(v / base_answer, 2) if v and base_answer else None
                                         for k, v in summary(answer_submit).items()},
        "phases_s": per_phase,
        "errors": sum(reasons.values()),
        "error_reasons": dict(reasons),
        "submitted": sum(o.submitted for o in crowd),
        "answers_lost": sum(o.answers.startswith("lost") for o in run.outcomes),
        "answers_checked": sum(bool(o.answers) for o in run.outcomes),
        "rss_peak_per_participant_mb": {**summary(peaks), "mean": round(statistics.fmean(peaks), 1) if peaks else None},
        "rss_settled_per_participant_mb": summary(settled),
        "crowd_wall_s": round(crowd_window[1] - crowd_window[0], 1),
        # CPU seconds in the crowd's window: the hub's side (what a participant costs), the benchmark's own
        # client threads, and the whole machine (the difference is other work on this shared host)
        "crowd_cpu_s": {"hub_side": round(cpu["hub_side"], 1), "benchmark_client": round(cpu["client"], 1),
                        "host_busy": round(cpu["host"], 1),
                        "other_work_on_host": round(max(0.0, cpu["host"] - cpu["hub_side"] - cpu["client"]), 1),
                        "host_capacity": round(psutil.cpu_count() * (crowd_window[1] - crowd_window[0]), 1)},
        "cpu_s_per_participant": round(cpu["hub_side"] / n, 2),
        "host_used_before_crowd_mb": round(host_before / MB),
        **host,
        "host_memory_per_participant_mb": round(marginal, 1) if marginal is not None else None,
        "host_total_mb": round(total_mb),
    }
    # Capacity of this host: memory holds the open weeks, CPU paces how fast a crowd gets them. Memory per
    # participant is their accounts' peak RSS (the host's own "used" also moves with other work here).
    per = statistics.fmean(peaks) if peaks else None
    if per:
        reserve = 2048  # the OS, the hub, the proxy, PostgreSQL, the formgrader service and its kernels
        result["capacity"] = {
            "memory_per_participant_mb_used": round(per, 1),
            "reserve_mb": reserve,
            "participants_open_at_once_by_memory": int((total_mb - reserve) // per),
            "weeks_opened_per_minute_by_cpu": round(60 * psutil.cpu_count() / (cpu["hub_side"] / n), 1)
            if cpu["hub_side"] else None,
        }
    return result


def run_benchmark(n: int, alone_runs: int = 3, warm_up: bool = True) -> dict[str, object]:
    tag = secrets.token_hex(2)
    course_id = f"vmb{tag}"
    base = Path(tempfile.mkdtemp(prefix="valmennus-benchhub-"))
    os.chmod(base, 0o755)  # the accounts must reach the course, exchange and dashboards below it
    created_users: list[str] = []
    created_groups: list[str] = []
    cluster = hub = None
    sampler = None
    phases: dict[str, float] = {}
    try:
        print(f"hub benchmark: {n} participants, course {course_id}, folders in {base}", flush=True)
        started = time.monotonic()
        cluster = start_cluster(parent=base)
        cluster.create_database("hubgrades", owner_role="hub_grader", readonly_role="hub_dashboard")
        password = secrets.token_urlsafe(12)
        solo = [*(["w00"] if warm_up else []), *(f"b{i:02d}" for i in range(1, alone_runs + 1))]
        site = Site(course_id=course_id, state_dir=str(base / "state"), course_dir=str(base / "course"),
                    exchange=str(base / "exchange"), venv=str(HUB_VENV), proxy_command=str(PROXY),
                    db_url=cluster.url("hubgrades", "hub_grader"),
                    db_url_readonly=cluster.url("hubgrades", "hub_dashboard"),
                    participants=[*(f"{course_id}-{s}" for s in solo),
                                  *(f"{course_id}-p{i:02d}" for i in range(1, n + 1))],
                    facilitators=[f"{course_id}-ohjaaja"], dummy_password=password, port=free_port(),
                    hub_port=free_port(), proxy_api_port=free_port(), service_port=free_port())
        created_users, created_groups = setup_host(site, REPO)
        site_file = site.save(site.hub_dir / "site.json")
        phases["setup_s"] = time.monotonic() - started
        print(f"  accounts, folders, PostgreSQL: {phases['setup_s']:.1f} s", flush=True)
        mark = time.monotonic()
        hub = start_hub(site_file, base / "jupyterhub.log")
        phases["hub_start_s"] = time.monotonic() - mark
        print(f"  hub up on 127.0.0.1:{site.port}: {phases['hub_start_s']:.1f} s", flush=True)
        sampler = Sampler(set(site.participants))
        sampler.start()
        run = BenchRun(site, f"http://127.0.0.1:{site.port}", password, sampler)
        people = {p.id: p for p in cohort(site)}

        facilitator = Person.log_in(run.url, site.facilitators[0], password)
        mark = time.monotonic()
        in_formgrader(run, facilitator, _nbgrader_steps(("generate_assignment", WEEK, "--force"),
                                                        ("release_assignment", WEEK, "--force")))
        phases["release_s"] = time.monotonic() - mark
        run.check_cells = check_cells(Path(site.course_dir) / "release" / WEEK / f"{WEEK}.ipynb")
        print(f"  facilitator released {WEEK} in the formgrader service: {phases['release_s']:.1f} s", flush=True)

        # the baseline: one participant alone, one after the other (the unreported first one warms the
        # host's caches); sampled more often, since alone the answering kernel lives for under a second
        sampler.interval = 0.1
        solo_people = [people[name] for name in site.participants[:len(solo)]]
        labels = [*(["warm-up"] if warm_up else []), *["baseline"] * alone_runs]
        for p, label in zip(solo_people, labels, strict=True):
            outcome = Outcome(p.id, label, p.profile)
            run.outcomes.append(outcome)
            play(run, p, outcome)
            time.sleep(2)
            sampler.take()
            outcome.rss_peak_mb = sampler.peak_after(p.id, outcome.rendered_at or outcome.finished_at or 0)
            outcome.rss_settled_mb = sampler.sample_user(p.id)
            print(f"  {label}: usable week {outcome.times.get('usable_week_s')} s, answer+submit "
                  f"{outcome.times.get('answer_submit_s')} s, peak {outcome.rss_peak_mb} MB"
                  f"{', ERROR ' + outcome.error if outcome.error else ''}", flush=True)
            if p.id in run.people:
                stop_server(run.people[p.id])
        sampler.interval = 0.5
        failed = [o.error for o in run.outcomes if o.group == "baseline" and o.error]
        if failed:
            raise RuntimeError(f"a participant alone failed, no baseline: {failed[0]}")
        alone = alone_figures(run)

        # the crowd: all at once
        time.sleep(3)
        sampler.take()
        host_before = sampler.samples[-1][2]
        hub_cpu = HubCpu([hub.pid, *([cluster.process.pid] if cluster.process else [])],
                         {*site.participants, site.grader})
        hub_before, host_cpu_before, client_before = hub_cpu.reading(), busy_cpu_seconds(), _own_cpu()
        crowd_start = time.monotonic()
        play_crowd(run, [people[name] for name in site.participants[len(solo):]])
        crowd_end = time.monotonic()
        cpu = {"hub_side": HubCpu.spent(hub_before, hub_cpu.reading()),
               "host": busy_cpu_seconds() - host_cpu_before, "client": _own_cpu() - client_before}
        time.sleep(3)
        sampler.take()
        for outcome in run.outcomes:
            if outcome.group == "crowd":
                if outcome.rendered_at is not None:
                    outcome.rss_peak_mb = sampler.peak_after(outcome.name, outcome.rendered_at)
                outcome.rss_settled_mb = round(sampler.samples[-1][1].get(outcome.name, 0) / MB, 1)

        mark = time.monotonic()
        in_formgrader(run, facilitator, _nbgrader_steps(("collect", WEEK)))
        phases["collect_s"] = time.monotonic() - mark
        check_answers(run, people)
        result = {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "host": {"cores": psutil.cpu_count(), "memory_mb": round(psutil.virtual_memory().total / MB),
                     "python": platform.python_version()},
            "setup_s": {k: round(v, 1) for k, v in phases.items()},
            "alone": alone,
            "crowd": aggregate(run, (crowd_start, crowd_end), cpu, host_before, alone),
            "hub_log": scan_hub_log(base / "jupyterhub.log"),
            "per_participant": [{k: v for k, v in asdict(o).items() if k not in ("rendered_at", "finished_at")}
                                for o in run.outcomes],
        }
        partial = [o.name for o in run.outcomes if o.widget_views and o.widget_views != alone["widget_views"]]
        result["crowd"]["pages_with_other_widget_count"] = partial  # type: ignore[index]
        return result
    finally:
        if sampler is not None:
            sampler.halt.set()
        tear_down(hub, created_users, created_groups, cluster)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if (base / "jupyterhub.log").exists():
            shutil.copy2(base / "jupyterhub.log", ARTIFACTS / f"jupyterhub-{n}.log")
        shutil.rmtree(base, ignore_errors=True)
        print(f"  removed {len(created_users)} accounts, {len(created_groups)} groups, PostgreSQL and {base}",
              flush=True)


def print_table(result: dict[str, object]) -> None:
    crowd: dict = result["crowd"]  # type: ignore[assignment]
    alone: dict = result["alone"]  # type: ignore[assignment]
    n = crowd["participants"]
    rows = [("login -> usable week (s)", alone["usable_week_s"], crowd["usable_week_s"],
             crowd["usable_week_ratio_to_alone"]),
            ("answer + submit (s)", alone["answer_submit_s"], crowd["answer_submit_s"],
             crowd["answer_submit_ratio_to_alone"]),
            ("peak RSS per participant (MB)", alone["rss_peak_mb"], crowd["rss_peak_per_participant_mb"],
             {k: round(v / alone["rss_peak_mb"], 2) if v and alone["rss_peak_mb"] else None
              for k, v in crowd["rss_peak_per_participant_mb"].items()})]
    print(f"\nalone = median of {alone['participants']} participants, each alone on the hub; ratios are crowd / alone")
    print(f"{'':32}{'alone':>8}  {'N=' + str(n) + ' p50':>10}{'p95':>8}{'max':>8}   ratio p50/p95/max")
    for label, one, many, ratio in rows:
        ratios = "/".join(str(ratio[k]) for k in ("p50", "p95", "max")) if ratio else ""
        print(f"{label:32}{one!s:>8}  {many['p50']!s:>10}{many['p95']!s:>8}{many['max']!s:>8}   {ratios}")
    print(f"errors {crowd['errors']} of {n}" + "".join(f"\n  {c} x {r}" for r, c in crowd["error_reasons"].items()))
    signs = {sign: count for sign, count in result.get("hub_log", {}).items() if count}  # type: ignore[union-attr]
    print("hub log: " + ("; ".join(f"{c} x {s}" for s, c in signs.items()) if signs else "nothing went wrong"))
    print(f"answers lost {crowd['answers_lost']} (checked {crowd['answers_checked']} collected files)")
    cpu = crowd["crowd_cpu_s"]
    print(f"crowd: {crowd['crowd_wall_s']} s wall, {crowd['cpu_s_per_participant']} CPU s per participant on the hub "
          f"side (host CPU mean {crowd.get('cpu_percent_mean')} %; other work on the host {cpu['other_work_on_host']} "
          f"of {cpu['host_capacity']} CPU s), host memory +{crowd['host_memory_per_participant_mb']} MB "
          f"per participant (peak used {crowd.get('host_used_peak_mb')} of {crowd['host_total_mb']} MB)")
    if "capacity" in crowd:
        cap = crowd["capacity"]
        print(f"capacity estimate: {cap['participants_open_at_once_by_memory']} participants open at once by "
              f"memory ({cap['memory_per_participant_mb_used']} MB each); {cap['weeks_opened_per_minute_by_cpu']} "
              f"weeks opened per minute by CPU (all {psutil.cpu_count()} cores)")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description="N participants open week 1 at once on the real one-host hub")
    parser.add_argument("--participants", type=int, default=int(os.environ.get("BENCH_HUB_N", "30")))
    parser.add_argument("--alone", type=int, default=3,
                        help="participants who play alone, one after the other, for the baseline (median)")
    parser.add_argument("--no-warm-up", action="store_true", help="no unreported solo participant before the baseline")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("the hub benchmark creates Linux accounts: run it as root", file=sys.stderr)
        return 2
    if not (HUB_VENV / "bin" / "jupyterhub").exists() or not PROXY.exists():
        print(f"no hub venv at {HUB_VENV} or no proxy: run `make hub-env`", file=sys.stderr)
        return 2
    # Ctrl-C and `kill <pid>` both clean up (a shell may start us with SIGINT ignored)
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        result = run_benchmark(args.participants, args.alone, warm_up=not args.no_warm_up)
    except KeyboardInterrupt:
        print("interrupted: everything the run created was removed", file=sys.stderr)
        return 130
    print_table(result)
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    runs = previous.get("runs", {}) if isinstance(previous, dict) else {}
    runs[str(args.participants)] = result
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": dict(sorted(runs.items(), key=lambda kv: int(kv[0])))}, indent=1,
                                   ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
