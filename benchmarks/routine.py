"""Routine benchmark: ``valmennus routine`` against the same steps run by hand, on the same run.

Builds one course with N simulated participants (default 30) who have submitted week 1 before its due
time, and copies it. Each copy then plays the week after its due time twice over, once by hand (the
facilitator's steps in this process: ``steps.collect``, the parallel ``autograde``, ``share.build_wall``;
then, after the coaches have scored every task, ``steps.feedback``) and once by the routine (one pass
that collects, grades and rebuilds the wall; after the same scoring, one pass that releases the
feedback). The coaches' scoring is not timed. The pairs are played twice in alternating order (by hand
first, then the routine first) and the faster of each is kept, so neither pays alone for the first
nbgrader import or the grading fork server's start.

Then a pass with nothing to do, as cron starts it (``python -m valmennus.cli routine``, a new process:
start-up and imports included) and in this process. Targets (issue 17): nothing to do < 5 s; the week
<= 1.2 x by hand. Writes benchmarks/results/routine.json.

    make bench-routine                          # N=30
    .venv/bin/python benchmarks/routine.py --participants 10
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
from datetime import datetime
from pathlib import Path

from valmennus.course.copy import prepare_course
from valmennus.course.schedule import load_schedule
from valmennus.course.settings import CourseSettings
from valmennus.demo import simulate
from valmennus.demo.course_loop import write_roster
from valmennus.ops.autograde import autograde
from valmennus.ops.feedback import write_task_feedback
from valmennus.ops.roster import import_roster
from valmennus.ops.routine import run_routine
from valmennus.ops.share import build_wall
from valmennus.ops.steps import collect, feedback, release_week

REPO = Path(__file__).resolve().parent.parent
WEEK = "viikko1"
AFTER_DUE = "2027-01-18T01:00:00+02:00"  # week 1 is due, week 2 not yet released, no digest hour


def build_course(work: Path, n: int) -> tuple[Path, list[simulate.Participant]]:
    root = prepare_course(REPO, work / "course")
    course = CourseSettings.load(root)
    people = simulate.plan_cohort(n, seed=17, weeks=[w.id for w in load_schedule(root)])
    import_roster(course, write_roster(root / "roster.csv", people))
    schedule = {w.id: w for w in load_schedule(root)}
    for week in ("viikko0", WEEK):
        assert release_week(course, schedule[week]).ok
    for p in people:
        home = work / "homes" / p.id
        folder = simulate.fetch(course.course_id, course.exchange_root, home, p.id, WEEK)
        simulate.write_answers(folder, WEEK, p, WEEK)
        simulate.submit(course.course_id, course.exchange_root, home, p.id, WEEK)
        simulate.stamp_submission(course.course_id, course.exchange_root, p.id, WEEK,
                                  simulate.submission_time(p, WEEK, schedule[WEEK].release, schedule[WEEK].due))
    return root, people


def coaches_score(course: CourseSettings, people: list[simulate.Participant]) -> None:
    for p in people:
        write_task_feedback(course, WEEK, WEEK, p.id, "ohjaajan_palaute", simulate.facilitator_comment(p, WEEK), 1.0)


def _lap(parts: dict[str, float], name: str, started: float) -> float:
    now = time.perf_counter()
    parts[name] = round(now - started, 2)
    return now


def by_hand(root: Path, people: list[simulate.Participant], parts: dict[str, float]) -> float:
    course = CourseSettings.load(root)
    started = first = time.perf_counter()
    assert collect(course, WEEK).ok
    started = _lap(parts, "collect", started)
    assert all(r.ok for r in autograde(course, WEEK, progress=False))
    started = _lap(parts, "grade", started)
    build_wall(course, WEEK)
    total = _lap(parts, "walls", started) - first
    coaches_score(course, people)
    started = time.perf_counter()
    assert all(o.ok for o in feedback(course, WEEK))
    return total + _lap(parts, "feedback", started) - started


def by_routine(root: Path, people: list[simulate.Participant], parts: dict[str, float]) -> float:
    course = CourseSettings.load(root)
    now = datetime.fromisoformat(AFTER_DUE)
    started = time.perf_counter()
    run = run_routine(course, now=now, say=lambda _line: None)
    first = time.perf_counter() - started
    assert not run.failed and sum(e["step"] == "grade" for e in run.entries) == len(people), run.entries
    parts.update({f"pass1_{step}": round(s, 2) for step, s in run.seconds.items()})
    coaches_score(course, people)
    started = time.perf_counter()
    run = run_routine(course, now=now, say=lambda _line: None)
    assert not run.failed and sum(e["step"] == "feedback" for e in run.entries) == len(people), run.entries
    parts.update({f"pass2_{step}": round(s, 2) for step, s in run.seconds.items()})
    return first + time.perf_counter() - started


def nothing_to_do_cli(root: Path) -> float:
    env = {**os.environ, "VALMENNUS_LANG": "fi"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "valmennus.cli", "--course", str(root), "routine", "--now", AFTER_DUE],
                          capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    assert done.returncode == 0 and "Ei tehtävää" in done.stdout, done.stdout + done.stderr
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    args = parser.parse_args()
    os.environ.pop("NBGRADER_EXECUTION", None)
    with tempfile.TemporaryDirectory(prefix="bench-routine-") as tmp:
        work = Path(tmp)
        built = time.perf_counter()
        base, people = build_course(work / "base", args.participants)
        print(f"course of {args.participants} built in {time.perf_counter() - built:.1f} s", flush=True)
        copies = {name: work / name / "course" for name in ("hand1", "routine1", "routine2", "hand2")}
        for target in copies.values():
            shutil.copytree(base, target, symlinks=True)
        hand, routine, parts = [], [], {}
        for name in ("hand1", "routine1", "routine2", "hand2"):  # alternating: neither always goes first
            parts[name] = {}
            seconds = (by_hand if name.startswith("hand") else by_routine)(copies[name], people, parts[name])
            (hand if name.startswith("hand") else routine).append(seconds)
            print(f"{name}: {seconds:.2f} s {parts[name]}", flush=True)
        idle_cli = [nothing_to_do_cli(copies["routine1"]) for _ in range(3)]
        course = CourseSettings.load(copies["routine1"])
        started = time.perf_counter()
        run = run_routine(course, now=datetime.fromisoformat(AFTER_DUE), say=lambda _line: None)
        idle_in_process = time.perf_counter() - started
        assert not run.entries
    result = {
        "participants": args.participants,
        "cores": os.cpu_count(),
        "week_by_hand_s": [round(s, 2) for s in hand],
        "week_by_routine_s": [round(s, 2) for s in routine],
        "week_ratio": round(min(routine) / min(hand), 3),
        "steps_s": parts,
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
        "week_target_ratio": 1.2,
        "nothing_to_do_cli_s": [round(s, 2) for s in idle_cli],
        "nothing_to_do_in_process_s": round(idle_in_process, 3),
        "nothing_to_do_target_s": 5.0,
    }
    result["ok"] = result["week_ratio"] <= 1.2 and max(idle_cli) < 5.0
    out = REPO / "benchmarks" / "results" / "routine.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
