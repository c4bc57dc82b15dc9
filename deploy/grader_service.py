"""A course's grader service on the hub: formgrader and, beside it, the routine (issue 17).

JupyterHub starts this as the course's managed service (``jupyterhub_config.py``: as ``grader-<course>``,
``umask 027``, in the course folder) and stops it (SIGINT, then SIGTERM, then SIGKILL, to this process);
there is no cron and no extra login. It runs two children and owns both:

- the formgrader, ``jupyterhub-singleuser`` (the command after ``--``), for as long as the service runs;
- a pass every ``--every`` minutes, counted from the end of one pass to the start of the next, so passes
  never overlap (the routine's own lock would refuse a second one anyway): ``valmennus routine``
  (``ops/routine.py``), then ``valmennus store sync`` (``records/store.py``: the dashboards' reporting
  store catches up with what facilitators did with formgrader's buttons, at most one interval late).
  ``--every 0`` runs no passes: formgrader only.

Beside the passes, the coaches' control requests from the dashboards' page (``valmennus.ops.control_requests``:
the dashboards service may not write the course, so it drops a request into ``control-requests/inbox``):
every ``REQUESTS_CHECK_S`` seconds the service lists the inbox (its own folder: a listing costs nothing) and,
when a file has come that was not there when it last looked, or the controls changed since they were last
published (``valmennus routine pause`` in a terminal), runs ``valmennus routine requests``, which checks
each request as hostile input and applies or refuses it (and each pass does the same first). So a coach's
request takes effect within seconds, also while a long pass runs (the two take turns on the controls'
lock) and while the routine is paused.

Each pass's lines go to ``routine-service.out`` in the course folder (its actions, in Finnish, with
``valmennus routine --log``: the routine's own ``routine.jsonl``); a line per pass goes to the hub's log.
When the service is stopped, both children get SIGTERM (a routine killed mid-pass resumes at the next
start: nothing twice, nothing lost) and SIGKILL if they have not ended within 20 seconds.
When the formgrader ends by itself, the service ends with it (the hub reports it as stopped).

Standard library only; copied by ``hubsite.prepare_services`` to ``<state_dir>/services``.

    python grader_service.py --every 15 -- jupyterhub-singleuser --ServerApp.root_dir=/srv/nbgrader/kurssi
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

FIRST_PASS_AFTER_S = 5.0  # let formgrader come up first
STOP_WAIT_S = 20.0
REQUESTS_CHECK_S = 2.0
CONTROL_REQUESTS = "control-requests"  # valmennus.ops.control_requests.REQUESTS_DIR


def requests_to_take(course: Path, seen: set[str]) -> set[str]:
    """The inbox's names when there is something for ``valmennus routine requests``, else an empty set: a
    name not in ``seen`` (the names when the last one started; dot-names are requests being written), or
    the controls written after they were last published."""
    folder = course / CONTROL_REQUESTS
    try:
        names = {n for n in os.listdir(folder / "inbox") if not n.startswith(".")}
    except OSError:
        return set()
    try:
        published = (folder / "state.json").stat().st_mtime
    except OSError:
        published = 0.0
    try:
        changed = (course / "routine-controls.json").stat().st_mtime > published
    except OSError:
        changed = False
    return (names | {""}) if names - seen or changed else set()


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[args.index("--") + 1:] if "--" in args else []
    parser = argparse.ArgumentParser(description="formgrader and the routine every N minutes")
    parser.add_argument("--every", type=float, default=15.0, help="minutes between routine passes; 0: none")
    parser.add_argument("--course", default=os.getcwd(), help="the course folder (default: here)")
    options = parser.parse_args(args[:args.index("--")] if "--" in args else args)
    if not command:
        parser.error("the formgrader's command comes after --")
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
    signal.signal(signal.SIGINT, lambda signum, frame: stopping.append(signum))
    server = subprocess.Popen(command)
    routine: subprocess.Popen[bytes] | None = None
    applier: subprocess.Popen[bytes] | None = None  # valmennus routine requests
    seen: set[str] = set()
    next_check = time.monotonic()
    valmennus = str(Path(sys.executable).with_name("valmennus"))
    steps: list[list[str]] = []  # what is left of the current pass
    out_path = Path(options.course) / "routine-service.out"
    next_at = time.monotonic() + FIRST_PASS_AFTER_S
    passes = 0
    try:
        while not stopping and server.poll() is None:
            if options.every > 0 and routine is None and not steps and time.monotonic() >= next_at:
                passes += 1
                steps = [["routine"], ["store", "sync"]]
            if routine is None and steps:
                step = steps.pop(0)
                with out_path.open("ab") as out:
                    out.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')} pass {passes}: "
                              f"valmennus {' '.join(step)}\n".encode())
                    out.flush()
                    routine = subprocess.Popen([valmennus, "--course", options.course, *step],
                                               stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            if applier is not None and applier.poll() is not None:
                applier = None
            if applier is None and time.monotonic() >= next_check:
                next_check = time.monotonic() + REQUESTS_CHECK_S
                waiting = requests_to_take(Path(options.course), seen)
                if waiting:
                    seen = waiting
                    with out_path.open("ab") as out:
                        applier = subprocess.Popen([valmennus, "--course", options.course, "routine", "requests"],
                                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            if routine is not None and routine.poll() is not None:
                print(f"[valmennus grader service] pass {passes}: {' '.join(routine.args[3:])} ended with "
                      f"{routine.returncode}", file=sys.stderr, flush=True)
                routine = None
                if not steps:
                    next_at = time.monotonic() + options.every * 60
            time.sleep(0.5)
    finally:
        _stop(applier)
        _stop(routine)
        _stop(server)
    return server.returncode if server.returncode is not None and not stopping else 0


if __name__ == "__main__":
    raise SystemExit(main())
