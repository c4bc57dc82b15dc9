"""The second course's week run by the routine inside its grader service (test_services_hub.py checks it).

The routine works on its own clock: a pass every ``conftest.ROUTINE_MINUTES`` after the last one ended, so
the week takes a few passes of waiting. :class:`InBackground` plays it in a thread from the package's start
(``conftest.routine_week_in_background``), beside the other modules' tests, which use the first course
only; ``test_services_hub.routine_week`` then takes the played week (waiting for what is left of it). The
steps, the waits and what is asserted are the same whether it runs there or in the test's own thread.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from pathlib import Path

from valmennus.demo.simulate import Participant

from .client import Person
from .conftest import SECOND_COURSE_NAMES, WEEK, HubRun, timed

TASK = "ohjaajan_palaute"
COMMENT = "Hienoa pohdintaa digipalveluista, jatka samaan malliin!"
ROUTINE_LOG = """
import subprocess, sys
from pathlib import Path
out = subprocess.run([str(Path(sys.executable).with_name("valmennus")), "routine", "--log"], cwd=Path.cwd(),
                     capture_output=True, text=True, timeout=120)
print(out.stdout + out.stderr)
"""


def in_service(person: Person, course_id: str, code: str, timeout: float = 300) -> str:
    """Code in a kernel of the course's formgrader service (as grader-<course>, in the course folder)."""
    return person.run(code, "hub-console.ipynb", prefix=f"/services/{course_id}", timeout=timeout)


def wait(what: str, check, timeout: float = 300, every: float = 3.0):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(every)


def action(person: Person, name: str, course_id: str) -> dict:
    response = person.post(f"{person.server}/assignments/{name}", json={"course_id": course_id, "assignment_id": WEEK})
    assert response.status_code == 200, f"{name}: {response.status_code} {response.text[:300]}"
    return response.json()


def routine_did(course_dir: str, step: str, participant: str) -> bool:
    """Whether the course's routine has logged ``step`` done for the participant's week 1 (its own log,
    ``routine.jsonl``, read here as root; ``""``: a step for the whole week, the release): a file read, so
    it can be asked every second without taking a kernel's start-up from the 2 cores the routine needs."""
    from valmennus.jsonlines import read_jsonl
    from valmennus.ops.routine import LOG_FILE

    wanted = (step, participant, WEEK, "ok")
    return any((e.get("step"), e.get("participant"), e.get("week"), e.get("result")) == wanted
               for e in read_jsonl(Path(course_dir) / LOG_FILE))


@dataclass
class RoutineWeek:
    participant: Participant
    feedback_page: str = ""
    log: str = ""
    timings: dict[str, float] = field(default_factory=dict)


def play_routine_week(run: HubRun) -> RoutineWeek:
    """The participant fetches what the routine released, answers and submits; the routine collects and
    grades; the coach finishes the task in the gradebook (what formgrader's grade handler writes); the
    routine releases the feedback; the participant reads it; the routine's log as the coach reads it."""
    course = run.site.course_sites()[1]
    first_name, last_name = SECOND_COURSE_NAMES["p01"]
    me = Participant(course.participants[0], first_name, last_name, "complete")
    person, coach = run.log_in(me.id), run.log_in(course.facilitators[0])
    person.start_server()
    week = RoutineWeek(me)

    def released() -> bool:
        return bool(action(person, "fetch", course.course_id).get("success"))

    def fetched() -> bool:
        wait("release by the routine", lambda: routine_did(course.course_dir, "release", ""), every=1)
        return wait("the released week fetched", released, timeout=60, every=1)

    timed(run, "routine: week 1 released by the routine and fetched", fetched)
    person.run("from pathlib import Path\nfrom valmennus.demo.simulate import Participant, write_answers\n"
               f"write_answers(Path.cwd(), {WEEK!r}, Participant{tuple(me.__dict__.values())!r}, {WEEK!r})\n",
               f"{course.course_id}/{WEEK}/{WEEK}.ipynb")
    assert action(person, "submit", course.course_id).get("success") is not False
    timed(run, "routine: collected and graded", lambda: wait(
        "collect and grade by the routine", lambda: routine_did(course.course_dir, "grade", me.id), every=1))
    in_service(coach, course.course_id,
               "from pathlib import Path\nfrom valmennus.course.settings import CourseSettings\n"
               "from valmennus.ops.feedback import write_task_feedback\n"
               f"write_task_feedback(CourseSettings.load(Path.cwd()), {WEEK!r}, {WEEK!r}, {me.id!r}, {TASK!r}, "
               f"{COMMENT!r}, 1.0)\n")

    def feedback() -> str:
        action(person, "fetch_feedback", course.course_id)
        folder = f"{person.server}/api/contents/{course.course_id}/{WEEK}/feedback"
        response = person.get(folder)
        if response.status_code != 200 or not response.json()["content"]:
            return ""
        stamp = response.json()["content"][0]["name"]
        return person.get(f"{folder}/{stamp}/{WEEK}.html").json()["content"]

    def released_feedback() -> str:
        wait("feedback release by the routine", lambda: routine_did(course.course_dir, "feedback", me.id), every=1)
        return wait("the released feedback fetched", feedback, timeout=60, every=1)

    week.feedback_page = timed(run, "routine: feedback released by the routine", released_feedback)
    week.log = in_service(coach, course.course_id, ROUTINE_LOG)
    return week


class InBackground:
    """:func:`play_routine_week` in a thread of its own; :meth:`week` waits for it and raises what it raised."""

    def __init__(self, run: HubRun) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="routine-week")
        self._played = self._executor.submit(self._play, run)

    @staticmethod
    def _play(run: HubRun) -> RoutineWeek:
        started = time.monotonic()
        try:
            return play_routine_week(run)
        finally:
            run.timings["routine: the week in the background (s)"] = round(time.monotonic() - started, 2)

    def week(self, timeout: float = 900) -> RoutineWeek:
        started = time.monotonic()
        try:
            week = self._played.result(timeout)
        except FutureTimeout:
            raise TimeoutError(f"the routine's week was not played within {timeout:.0f} s") from None
        week.timings["waited for the background (s)"] = round(time.monotonic() - started, 2)
        return week

    def finish(self, timeout: float = 900) -> None:
        """Let the thread end before the hub is stopped (its waits have their own time limits)."""
        wait_for([self._played], timeout)
        self._executor.shutdown(wait=False)
