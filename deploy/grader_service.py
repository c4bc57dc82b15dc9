"""A course's grader service on the hub: formgrader and, beside it, the routine (issue 17).

JupyterHub starts this as the course's managed service (``jupyterhub_config.py``: as ``grader-<course>``,
``umask 027``, in the course folder) and stops it (SIGINT, then SIGTERM, then SIGKILL, to this process);
there is no cron and no extra login. It runs two children and owns both:

- the formgrader, ``jupyterhub-singleuser`` (the command after ``--``), for as long as the service runs;
- a pass every ``--every`` minutes, counted from the end of one pass to the start of the next, so passes
  never overlap (the routine's own lock would refuse a second one anyway): ``valmennus routine``
  (``ops/routine.py``), then ``valmennus store sync`` (``records/store.py``: the dashboards' reporting
  store catches up with what facilitators did with formgrader's buttons, at most one interval late).
  The first pass waits until the formgrader listens (``FIRST_PASS_AFTER_S``). ``--every 0`` runs no
  passes: formgrader only.

Beside the passes, the coaches' control requests from the dashboards' page (``valmennus.ops.control_requests``:
the dashboards service may not write the course, so it drops a request into ``control-requests/inbox``):
every ``REQUESTS_CHECK_S`` seconds the service lists the inbox (its own folder: a listing costs nothing) and,
when a file has come that was not there when it last looked, or the controls changed since they were last
published (``valmennus routine pause`` in a terminal), runs ``valmennus routine requests``, which checks
each request as hostile input and applies or refuses it (and each pass does the same first). So a coach's
request takes effect within seconds, also while a long pass runs (the two take turns on the controls'
lock) and while the routine is paused.

A pass's steps run in one process (``STEPS``: ``valmennus``'s own command line, called once per step), so
the second step does not import the package, nbgrader and pandas again: ``store sync`` after ``routine``
costs about 0.3 CPU seconds instead of the 5 of a process of its own (measured on a course of one week).
Should that process end before it has said how every step ended (a crash, a kill), the step it was in
ends with the process's status and the steps after it run in a process of their own, as before.
Each pass's lines go to ``routine-service.out`` in the course folder (its actions, in Finnish, with
``valmennus routine --log``: the routine's own ``routine.jsonl``); a line per step goes to the hub's log.
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
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

# The first pass waits for the formgrader to come up (to listen where the hub looks for it,
# JUPYTERHUB_SERVICE_URL): a pass beside its start slowed it to 40 s on a loaded 2-core host, and the hub
# answers nobody until every service does. At the soonest after FIRST_PASS_AFTER_S, at the latest after
# FIRST_PASS_LATEST_S, listening or not.
FIRST_PASS_AFTER_S = 5.0
FIRST_PASS_LATEST_S = 120.0
STOP_WAIT_S = 20.0
REQUESTS_CHECK_S = 2.0
CONTROL_REQUESTS = "control-requests"  # valmennus.ops.control_requests.REQUESTS_DIR
PASS = (("routine",), ("store", "sync"))
# The steps of a pass in one process: python -c STEPS <report fd> <course> <pass> <step> [<step> ...], each
# step's words joined by spaces. Each step's output goes where the process's goes, after a header line;
# how it ended (its exit status) goes to the report pipe, one line per step.
STEPS = '''
import os, sys, traceback
from datetime import UTC, datetime

report = os.fdopen(int(sys.argv[1]), "w")
course, number = sys.argv[2], sys.argv[3]
for words in sys.argv[4:]:
    step = words.split()
    print(f"--- {datetime.now(UTC).isoformat(timespec='seconds')} pass {number}: valmennus {words}", flush=True)
    try:
        from valmennus.cli import main
        status = main(["--course", course, *step])
    except SystemExit as stop:  # as the command would have ended on its own
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
        status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    except Exception:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    print(status, file=report, flush=True)
'''


def listening(url: str) -> bool:
    """Whether something accepts connections at ``url``'s host and port (no URL, no port: yes)."""
    where = urlparse(url)
    if not where.hostname or not where.port:
        return True
    try:
        with socket.create_connection((where.hostname, where.port), timeout=1):
            return True
    except OSError:
        return False


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


def start_steps(steps: list[tuple[str, ...]], course: str, number: int,
                out: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The steps in one process (``STEPS``), its output appended to ``out``; the process and the read end of
    its report pipe."""
    read, write = os.pipe()
    try:
        with out.open("ab") as output:
            proc = subprocess.Popen([sys.executable, "-c", STEPS, str(write), course, str(number),
                                     *(" ".join(step) for step in steps)],
                                    stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    pass_fds=(write,))
    except BaseException:
        os.close(read)
        raise
    finally:
        os.close(write)
    return proc, read


def steps_ended(proc: subprocess.Popen[bytes], read: int, steps: list[tuple[str, ...]]) -> list[int]:
    """How each step of an ended ``start_steps`` process ended, in order: those it reported, then the one it
    was in when it ended otherwise (the process's status); the rest did not run."""
    chunks = []
    while chunk := os.read(read, 4096):
        chunks.append(chunk)
    os.close(read)
    statuses = [int(line) for line in b"".join(chunks).decode(errors="replace").split() if line.lstrip("-").isdigit()]
    if len(statuses) < len(steps):
        statuses.append(proc.returncode if proc.returncode else 1)
    return statuses[:len(steps)]


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
    routine: subprocess.Popen[bytes] | None = None  # the steps of the current pass (start_steps)
    report = -1  # the read end of its report pipe
    running: list[tuple[str, ...]] = []  # the steps it runs
    applier: subprocess.Popen[bytes] | None = None  # valmennus routine requests
    seen: set[str] = set()
    next_check = time.monotonic()
    valmennus = str(Path(sys.executable).with_name("valmennus"))
    steps: list[tuple[str, ...]] = []  # what is left of the current pass
    out_path = Path(options.course) / "routine-service.out"
    next_at = time.monotonic() + FIRST_PASS_AFTER_S
    latest_first = time.monotonic() + FIRST_PASS_LATEST_S
    formgrader = os.environ.get("JUPYTERHUB_SERVICE_URL", "")
    passes = 0
    try:
        while not stopping and server.poll() is None:
            if options.every > 0 and routine is None and not steps and time.monotonic() >= next_at and (
                    passes or time.monotonic() >= latest_first or listening(formgrader)):
                passes += 1
                steps = list(PASS)
            if routine is None and steps:
                running, steps = steps, []
                routine, report = start_steps(running, options.course, passes, out_path)
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
                statuses = steps_ended(routine, report, running)
                for step, status in zip(running, statuses, strict=False):
                    print(f"[valmennus grader service] pass {passes}: {' '.join(step)} ended with {status}",
                          file=sys.stderr, flush=True)
                steps = running[len(statuses):]  # what it did not come to: in a process of their own
                routine, report = None, -1
                if not steps:
                    next_at = time.monotonic() + options.every * 60
            time.sleep(0.5)
    finally:
        _stop(applier)
        _stop(routine)
        if report >= 0:
            os.close(report)
        _stop(server)
    return server.returncode if server.returncode is not None and not stopping else 0


if __name__ == "__main__":
    raise SystemExit(main())
