"""Autograde benchmark: plain ``nbgrader autograde`` against ``valmennus autograde`` on the same run.

Builds one course with N simulated submissions of week 1 (real release, submit, collect), copies it
twice, grades one copy with plain nbgrader (one command) and the other with valmennus (parallel),
and measures the floor: a kernel's start to ready and shutdown, the part no grader can avoid.
Prints the ratio and the per-submission cost against the floor; writes benchmarks/results/autograde.json.
Also what the reporting store's update adds to that run (issue 14: < 10 %): ``valmennus autograde`` syncs
the course into its store at its end (``records.store.sync``); the same sync, timed alone in this process
on the graded copy (median of three), against the rest of the run.

    make bench                      # N=100
    .venv/bin/python benchmarks/autograde.py --participants 20
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

from valmennus.course.copy import prepare_course
from valmennus.course.gradebook import ensure_scripts_on_path, open_gradebook
from valmennus.course.settings import CourseSettings
from valmennus.demo import simulate
from valmennus.demo.course_loop import write_roster
from valmennus.ops.nbgrader_cli import run_nbgrader

REPO = Path(__file__).resolve().parent.parent
WEEK = "viikko1"


def kernel_floor(samples: int = 8) -> float:
    """Mean wall seconds from kernel start to ready, plus its shutdown."""
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3", stderr=subprocess.DEVNULL)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        times.append(time.perf_counter() - started)
    return sum(times) / len(times)


def build_course(work: Path, n: int) -> CourseSettings:
    course_dir = prepare_course(REPO, work / "course")
    participants = simulate.plan_cohort(n)
    run_nbgrader(course_dir, "db", "student", "import", str(write_roster(course_dir / "roster.csv", participants)))
    run_nbgrader(course_dir, "generate_assignment", WEEK, "--force")
    run_nbgrader(course_dir, "release_assignment", WEEK, "--force")
    course = CourseSettings.load(course_dir)
    for p in participants:
        home = work / "homes" / p.id
        folder = simulate.fetch(course.course_id, course.exchange_root, home, p.id, WEEK)
        simulate.write_answers(folder, WEEK, p, WEEK)
        simulate.submit(course.course_id, course.exchange_root, home, p.id, WEEK)
    run_nbgrader(course_dir, "collect", WEEK)
    return course


def timed(cmd: list[str], cwd: Path) -> float:
    """Wall seconds of one command; its output is kept, and shown if it fails."""
    log = cwd / "bench-command.log"
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        lines = log.read_text(encoding="utf-8").splitlines()
        shown = [line for line in lines if "FAILED" in line or "Error" in line or line.startswith("graded")]
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n" + "\n".join((shown or lines)[-30:]))
    return seconds


def median_sync(course_dir: Path, runs: int = 3) -> float:
    """Seconds of one reporting-store sync of the graded course (what ``valmennus autograde`` does at its end)."""
    from valmennus.records.store import sync

    course = CourseSettings.load(course_dir)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        sync(course)
        times.append(time.perf_counter() - started)
    return sorted(times)[runs // 2]


def scores(course_dir: Path) -> dict[str, float]:
    with open_gradebook(CourseSettings.load(course_dir)) as gb:
        return {s.student_id: s.score for s in gb.assignment_submissions(WEEK)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    ensure_scripts_on_path()
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="valmennus-bench-") as tmp:
        work = Path(tmp)
        print(f"building a course with {args.participants} submissions …", flush=True)
        course = build_course(work, args.participants)
        plain_dir, ours_dir = work / "plain", work / "ours"
        shutil.copytree(course.root, plain_dir)
        shutil.copytree(course.root, ours_dir)
        floor = kernel_floor()
        print(f"kernel floor {floor:.2f} s; plain nbgrader autograde …", flush=True)
        plain = timed([str(bindir / "nbgrader"), "autograde", WEEK], plain_dir)
        print(f"plain {plain:.1f} s; valmennus autograde …", flush=True)
        cmd = [str(bindir / "valmennus"), "autograde", WEEK, "--quiet"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        ours = timed(cmd, ours_dir)
        same = scores(plain_dir) == scores(ours_dir)
        store_sync = median_sync(ours_dir)
    n = args.participants
    result = {
        "participants": n, "cores": os.cpu_count(), "kernel_floor_s": round(floor, 3),
        "plain_nbgrader_s": round(plain, 1), "valmennus_s": round(ours, 1),
        "speedup": round(plain / ours, 2),
        "plain_per_submission_s": round(plain / n, 3), "valmennus_per_submission_s": round(ours / n, 3),
        "valmennus_per_submission_vs_floor": round(ours / n / floor, 2), "same_scores": same,
        "store_sync_s": round(store_sync, 3),
        "store_sync_adds_to_autograde": round(store_sync / (ours - store_sync), 3),
    }
    out = REPO / "benchmarks" / "results" / "autograde.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    print(f"\nvalmennus autograde is {result['speedup']}x plain nbgrader on {n} submissions "
          f"({result['valmennus_per_submission_s']} s per submission = "
          f"{result['valmennus_per_submission_vs_floor']}x the kernel floor); same scores: {same}; the store's "
          f"update {result['store_sync_s']} s adds {result['store_sync_adds_to_autograde']:.1%} to that run")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
