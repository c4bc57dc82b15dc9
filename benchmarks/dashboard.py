"""Dashboard benchmark: the tables for 1,000 participants, and the first render in real Voilà.

1. ``build_tables`` on synthetic source tables of 1,000 participants x 8 weeks (target < 1 s; the
   median of five runs, and the same with pseudonyms and all five pages' HTML and charts).
2. Every dashboard's first render (one GET of ``/voila/render/<name>.ipynb``, a fresh kernel each
   time) against an empty notebook, in the same Voilà server and run (target <= 1.5x). Twice: plain
   Voilà, and Voilà with pre-heated kernels (``--preheat_kernel=True --pool_size=1``), where the
   dashboards import everything before the request and read the data after it (``dashboard.prepare``).

The courses rendered are ``--courses DIR[:DIR]`` (e.g. ``.demo/course``), else a synthetic course on
disk (roster, schedule, submitted timestamps and answers files of 30 participants x 8 weeks).
Writes benchmarks/results/dashboard.json.

    .venv/bin/python benchmarks/dashboard.py
    .venv/bin/python benchmarks/dashboard.py --courses .demo/course --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

from valmennus.cohort.dashboard import DASHBOARDS, _views, context
from valmennus.cohort.privacy import Viewer
from valmennus.cohort.synthetic import synthetic_cohorts
from valmennus.cohort.tables import build_tables
from valmennus.participant.serve import stop_process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from idle import of_tree, wait_until_idle  # noqa: E402  (benchmarks/idle.py, beside this file)

REPO = Path(__file__).resolve().parent.parent
EMPTY = "tyhja"
EMPTY_AT_REQUEST = "tyhja-pyynnolla"  # pre-heated: an empty notebook that waits for the request


def time_tables(n: int, runs: int = 5) -> dict[str, float]:
    data = synthetic_cohorts(n)
    build_tables(data)  # warm: imports, the item bank
    builds, pages = [], []
    for _ in range(runs):
        started = time.perf_counter()
        build_tables(data)
        builds.append(time.perf_counter() - started)
    for _ in range(max(1, runs // 2)):
        started = time.perf_counter()
        ctx = context(data, Viewer(), b"bench")
        for name in DASHBOARDS:
            _views()[name][0](ctx)
        pages.append(time.perf_counter() - started)
    return {"participants": n, "weeks": 8, "status_rows": int(len(build_tables(data).status)),
            "answer_rows": int(len(data.answers)), "build_tables_s": round(statistics.median(builds), 3),
            "tables_and_all_pages_s": round(statistics.median(pages), 3)}


def synthetic_course(root: Path, n: int = 30) -> Path:
    """A course folder with what the dashboards read from files (no gradebook: nothing graded)."""
    data = synthetic_cohorts(n, cohorts=(root.name,))
    root.mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = 'bench'\nc.Exchange.root = {str(root / 'exchange')!r}\n",
        encoding="utf-8")
    shutil.copy2(REPO / "schedule.yaml", root / "schedule.yaml")
    with (root / "roster.csv").open("w", encoding="utf-8") as fh:
        fh.write("id,first_name,last_name,email,facilitator\n")
        for p in data.people.itertuples():
            fh.write(f"{p.participant},{p.first_name},{p.last_name},{p.participant}@example.invalid,{p.facilitator}\n")
    for row in data.collected.itertuples():
        folder = root / "submitted" / row.participant / row.week
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "timestamp.txt").write_text(row.submitted_at.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    for (participant, week), rows in data.answers.groupby(["participant", "week"]):
        folder = root / "submitted" / participant / week
        if not folder.is_dir():
            continue
        answers: dict[str, object] = {}
        for r in rows.itertuples():
            answers[r.item] = r.option if r.option else int(r.value)
        document = {"format": "valmennus-answers", "version": 1, "notebook": week,
                    "answers": {k: {"value": v, "saved_at": "2027-01-05T10:00:00+00:00"} for k, v in answers.items()}}
        (folder / f"{week}.answers.json").write_text(json.dumps(document), encoding="utf-8")
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        body = response.read().decode("utf-8", "replace")
    elapsed = time.perf_counter() - started
    if "Traceback" in body:
        raise RuntimeError(f"{url} rendered an error")
    return elapsed


def time_voila(folder: Path, courses: list[Path], rounds: int, preheat: bool, home: Path) -> dict[str, object]:
    port = _free_port()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "VALMENNUS_COURSES": os.pathsep.join(map(str, courses)), "VALMENNUS_PSEUDONYM_KEY": "bench",
           "VALMENNUS_LANG": "fi"}
    env.pop("NBGRADER_EXECUTION", None)
    command = [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    if preheat:
        command += ["--preheat_kernel=True", "--pool_size=1"]
    log = (home / f"voila-{'preheat' if preheat else 'plain'}.log").open("wb")
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    names = [EMPTY, EMPTY_AT_REQUEST, *DASHBOARDS]
    times: dict[str, list[float]] = {n: [] for n in names}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        # pre-heated: every pool filled before a round, and the used kernel's replacement pre-heated before the
        # next request (benchmarks/idle.py); plain: the server idle
        for _ in range(rounds):
            wait_until_idle(of_tree(proc.pid), 120.0)
            for name in names:
                times[name].append(_get(f"{base}voila/render/{name}.ipynb"))
                if preheat:
                    wait_until_idle(of_tree(proc.pid), 120.0)
    finally:
        stop_process(proc)
        log.close()
    # Plain Voilà: the empty notebook. Pre-heated: an empty notebook is rendered before anyone asks,
    # so the fair floor is the empty notebook that, like the dashboards, waits for the request.
    empty = statistics.median(times[EMPTY_AT_REQUEST if preheat else EMPTY])
    result: dict[str, object] = {"empty_notebook_s": round(statistics.median(times[EMPTY]), 2),
                                 "empty_waiting_for_request_s": round(statistics.median(times[EMPTY_AT_REQUEST]), 2),
                                 "baseline": EMPTY_AT_REQUEST if preheat else EMPTY}
    for name in DASHBOARDS:
        median = statistics.median(times[name])
        result[name] = {"median_s": round(median, 2), "first_s": round(times[name][0], 2),
                        "ratio_to_empty": round(median / empty, 2)}
    result["worst_ratio"] = max(v["ratio_to_empty"] for v in result.values() if isinstance(v, dict))
    return result


def add_plain_ratio(result: dict[str, object]) -> None:
    """Pre-heated dashboards against the plain empty notebook: what a coordinator waits, against the
    least any fresh Voilà page costs without pre-heating."""
    plain, hot = result["voila_plain"], result["voila_preheated"]
    assert isinstance(plain, dict) and isinstance(hot, dict)
    for name in DASHBOARDS:
        hot[name]["ratio_to_plain_empty"] = round(hot[name]["median_s"] / plain["empty_notebook_s"], 2)
    hot["worst_ratio_to_plain_empty"] = max(hot[n]["ratio_to_plain_empty"] for n in DASHBOARDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--courses", help=f"course directories separated by {os.pathsep!r}")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-voila", action="store_true", help="only the tables")
    args = parser.parse_args()

    result: dict[str, object] = {"python": sys.version.split()[0], "cores": os.cpu_count(),
                                 "tables": time_tables(args.participants)}
    print(json.dumps(result["tables"], indent=1), flush=True)
    if not args.no_voila:
        with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
            work = Path(tmp)
            folder = work / "dashboards"
            folder.mkdir()
            for name in DASHBOARDS:
                shutil.copy2(REPO / "dashboards" / f"{name}.ipynb", folder)
            empty = nbformat.v4.new_notebook()
            empty.cells = [nbformat.v4.new_code_cell("")]
            empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            nbformat.write(empty, folder / f"{EMPTY}.ipynb")
            empty.cells = [nbformat.v4.new_code_cell("from voila.utils import wait_for_request\nwait_for_request()")]
            nbformat.write(empty, folder / f"{EMPTY_AT_REQUEST}.ipynb")
            if args.courses:
                courses = [Path(p).resolve() for p in args.courses.split(os.pathsep) if p]
            else:
                courses = [synthetic_course(work / "kevat-2027")]
            result["voila_courses"] = [str(c) for c in courses] if args.courses else ["synthetic 30 x 8 weeks"]
            for mode, preheat in (("plain", False), ("preheated", True)):
                result[f"voila_{mode}"] = time_voila(folder, courses, args.rounds, preheat, work)
                print(mode, json.dumps(result[f"voila_{mode}"], indent=1), flush=True)
            add_plain_ratio(result)
    out = REPO / "benchmarks" / "results" / "dashboard.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
