"""Reporting store benchmark: read the store's tables for N participants x 8 weeks (issue 14: < 2 s).

The frames come from ``cohort/synthetic.py`` (the shape the dashboards read), are written with
``records.store.write_frames`` into an SQLite store (``reporting.db`` of a course folder), and
``records.store.read`` is timed (wall and CPU: on a loaded host the wall time also counts other
processes' turns), then what a dashboard does with it: ``cohort.cohorts.load_cohorts`` (the store
opened read-only, with the answers; people merged from gradebook and roster). Writes
benchmarks/results/store.json.

    make bench-store                # N=10000
    .venv/bin/python benchmarks/store.py --participants 2000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from valmennus.cohort.cohorts import load_cohorts
from valmennus.cohort.synthetic import store_frames, synthetic_cohorts
from valmennus.records import store

REPO = Path(__file__).resolve().parent.parent


def frames_of(n: int) -> dict:
    return store_frames(synthetic_cohorts(n), "kevat27")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    frames = frames_of(args.participants)
    rows = sum(len(f) for f in frames.values())
    with tempfile.TemporaryDirectory(prefix="valmennus-store-") as tmp:
        course = Path(tmp) / "kevat27"
        course.mkdir()
        (course / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
        url = f"sqlite:///{course / store.STORE_FILE}"
        started = time.perf_counter()
        store.write_frames(url, "kevat27", frames, schema="valmennus_reporting")
        write_s = time.perf_counter() - started
        walls, cpus = [], []
        for _ in range(args.rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            tables = store.read(url, schema="valmennus_reporting")
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        assert len(tables.answers) == len(frames["answers"])
        loads, load_cpus = [], []
        for _ in range(args.rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            data = load_cohorts([course])
            loads.append(time.perf_counter() - wall)
            load_cpus.append(time.process_time() - cpu)
        assert len(data.answers) == len(frames["answers"]) and len(data.people) == args.participants
    result = {"participants": args.participants, "weeks": 8, "rows": rows, "cores": os.cpu_count(),
              "load_1min": round(os.getloadavg()[0], 1), "sqlite_write_s": round(write_s, 1),
              "sqlite_read_wall_s": round(min(walls), 2), "sqlite_read_cpu_s": round(min(cpus), 2),
              "dashboard_load_wall_s": round(min(loads), 2), "dashboard_load_cpu_s": round(min(load_cpus), 2)}
    out = REPO / "benchmarks" / "results" / "store.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0 if min(cpus) < 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
