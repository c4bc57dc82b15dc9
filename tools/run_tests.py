"""`make test`: every test but the soak variants, in two pytest processes side by side.

Why two: on the 2-core machines this runs on, one pytest process leaves about half of the CPU idle, since
its tests spend much of their time waiting for servers, kernels, browsers and the hub's routine passes. The
hub's tests (``tests/hub``: one JupyterHub with its services, shared by the package), the widgets' browser
tests and the routine's (``BESIDE``) run in a process of their own beside all the others. pytest-xdist did
not do this well: its workers each collect the whole suite (so every worker starts the session's background
work), and the groups it hands out are not known in advance. Each part keeps its fixtures and its order, as
when run alone.

The main part prints as it goes; the other part's output goes to ``test-artifacts/pytest-beside.log`` and
its summary (all of it when it failed) is printed at the end. Both write a JUnit file to
``test-artifacts/``. The exit status is the first failing part's, else 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
#: What runs beside the rest: the hub's tests, the browser tests of the widgets in Lab and Voilà and the
#: routine's kill-and-resume tests. None shares a fixture with the rest; on a clean clone (2 cores) the
#: first three took 245 s beside the rest's 425 s, so the routine's tests (about 40 s alone) joined them.
BESIDE = ("tests/hub", "tests/browser/test_gallery_lab.py", "tests/browser/test_gallery_voila.py",
          "tests/browser/test_keyboard.py", "tests/test_routine.py")
SUMMARY_LINES = 12  # of the side part's output, when it passed


def commands(marker: str, workers: int, extra: list[str]) -> dict[str, list[str]]:
    """Each part's pytest command line."""
    pytest = [sys.executable, "-m", "pytest", "-m", marker, *extra]
    main = [*pytest, "--durations=25", f"--junitxml={ARTIFACTS / 'junit-main.xml'}",
            *(f"--ignore={path}" for path in BESIDE)]
    if workers > 0:
        main += ["-n", str(workers), "--dist", "loadgroup"]
    beside = [*pytest, "-q", "--durations=10", f"--junitxml={ARTIFACTS / 'junit-beside.xml'}", *BESIDE]
    return {"main": main, "beside": beside}


def passed(status: int) -> bool:
    return status in (0, 5)  # 5: nothing collected (e.g. a marker that selects none of a part's tests)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-m", "--marker", default="not soak", help="pytest's -m expression for both parts")
    parser.add_argument("-n", "--workers", type=int, default=0,
                        help="pytest-xdist workers for the main part (0: one process)")
    parser.add_argument("extra", nargs="*", help="further pytest options for both parts (after --)")
    args = parser.parse_args(argv)
    ARTIFACTS.mkdir(exist_ok=True)
    cmd = commands(args.marker, args.workers, args.extra)
    log = ARTIFACTS / "pytest-beside.log"
    started = time.monotonic()
    print(f"{', '.join(BESIDE)}: in a process of their own beside the rest (output: {log.relative_to(REPO)})",
          flush=True)
    with log.open("w", encoding="utf-8") as out:
        beside = subprocess.Popen(cmd["beside"], cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL)
        ended: list[float] = []  # when the side part ended (a thread waits for it while the main part runs)
        waiter = threading.Thread(target=lambda: (beside.wait(), ended.append(time.monotonic())), daemon=True)
        waiter.start()
        try:
            main_status = subprocess.call(cmd["main"], cwd=REPO)
            main_seconds = time.monotonic() - started
            if beside.poll() is None:
                print("\nwaiting for the tests beside …", flush=True)
            beside_status = beside.wait()
            waiter.join()
        except BaseException:
            beside.terminate()
            beside.wait(timeout=60)
            raise
    beside_seconds = (ended[0] if ended else time.monotonic()) - started
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    print(f"\n===== the tests beside ({', '.join(BESIDE)}) =====")
    print("\n".join(lines if not passed(beside_status) else lines[-SUMMARY_LINES:]))
    print(f"\nmain part {main_seconds:.0f} s (exit {main_status}); beside {beside_seconds:.0f} s "
          f"(exit {beside_status}); all {time.monotonic() - started:.0f} s")
    for status in (main_status, beside_status):
        if not passed(status):
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
