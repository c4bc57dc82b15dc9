"""The facilitator's week, run by itself: ``valmennus routine``, safe to start every 15 minutes.

Each step is one function and idempotent: it looks at the schedule and at what it finds in the course
folder, the exchange and the gradebook, does what is due, and nothing else.

1. ``release``: every week whose release time has come and that the exchange does not hold
   (``steps.release_week``).
2. ``collect``: a participant's submission once their due time has passed (the schedule's, or their
   extension, ``ops.controls``), and later work (late, or sent again) whenever the exchange holds a
   newer one than the one collected; nothing is collected when the exchange has nothing new.
3. ``grade``: what was collected and not graded (its ``timestamp.txt`` differs from the graded copy's),
   in parallel (``ops.autograde``) for those participants only. An extension is first written into
   nbgrader's gradebook as the submission's ``extension``, so nbgrader's own lateness counts from it. A
   submission that fails is reported once and not tried again until the participant sends a new one.
4. ``walls``: the group wall (``share.build_wall``) of every week whose collected submissions changed.
5. ``feedback``: feedback generated and released (nbgrader's ``generate_feedback`` and
   ``release_feedback`` for that participant only) for every graded submission whose coach has
   *finished* it in formgrader (``finished``); nothing a coach has not finished.
6. ``remind``: participants who have not submitted, at the time of day they chose in week 0 (item
   ``W0_REMIND``: morning, midday, afternoon, any), through ``remind.py`` (once a day per week and
   channel, logged in ``reminders.jsonl``). Week 0 asks no *days*, so the days are remind.py's rule
   (every day the week is open or missing) unless ``Routine.reminder_days`` names days before the due date
   (by default week 0's promise: Monday, Thursday and Sunday of a Monday-to-Sunday week).
7. ``digest``: once a week, to each coach (the roster's ``facilitator``), their participants who are
   behind, submissions waiting for their feedback and for how long, and new posts on the walls.

Before any step, and even while the routine is paused (else a page could never resume it), the coaches'
requests from the dashboards' page are applied or refused (``take_requests``, ``ops.control_requests``); the
grader service on the hub also does that alone within seconds (``valmennus routine requests``).

Safe by construction: every action is a JSON line in ``routine.jsonl`` (what, for whom, when, the
result), read in the course language with ``valmennus routine --log``. What a step has done is kept in
``routine-state.json`` (written atomically) before its log line, so a run killed anywhere is resumed by
the next run: nothing twice, nothing lost (a digest interrupted mid-send is marked *uncertain* rather
than sent twice). Two runs never overlap: an ``fcntl`` lock on ``.routine.lock``. A failing step is
logged and the others still run; the run then ends non-zero. ``dry_run`` changes nothing and writes no
log; ``now`` runs the routine at a simulated time (the demo, the tests).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..answers import SUFFIX, read_values
from ..course.schedule import Week, current_week, load_schedule, released_by
from ..course.settings import CourseSettings
from ..course.stamps import parse_stamp
from ..i18n import HELSINKI, local_datetime, t
from ..jsonlines import append_jsonl, read_jsonl
from ..options import Routine, configured
from .controls import Controls, load_controls, write_json_atomic

STEPS = ("release", "collect", "grade", "walls", "feedback", "remind", "digest")
LOG_FILE = "routine.jsonl"
STATE_FILE = "routine-state.json"
LOCK_FILE = ".routine.lock"
#: Tests only: ``<step>`` or ``<step>:<n>`` ends the process (``os._exit``) when ``step`` has logged its
#: n-th action (``:0``: as the step starts), as a SIGKILL would.
CRASH_ENV = "VALMENNUS_ROUTINE_CRASH_AT"
CRASH_EXIT = 137
BUSY_EXIT = 75  # EX_TEMPFAIL: another run holds the lock
REMIND_ITEM = "W0_REMIND"
#: The W0_REMIND options as hours of the day (Helsinki): from, until.
REMIND_WINDOWS = {"morning": (8, 10), "midday": (10, 13), "afternoon": (13, 16)}
REMIND_ANY_UNTIL = 20

OK, FAILED, DRY, UNCERTAIN, ALREADY = "ok", "failed", "dry_run", "uncertain", "already"

Say = Callable[[str], None]


# --- the run: its time, its state, its log ---------------------------------------------------------

@dataclass
class Run:
    course: CourseSettings
    now: datetime
    dry_run: bool = False
    say: Say = print
    workers: int | None = None
    schedule: list[Week] = field(default_factory=list)
    controls: Controls = field(default_factory=Controls)
    state: dict[str, dict[str, Any]] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: dict[str, float] = field(default_factory=dict)  # each step's time in this run

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [e for e in self.entries if e["result"] == FAILED]

    def part(self, name: str) -> dict[str, Any]:
        return self.state.setdefault(name, {})

    def save(self) -> None:
        """Keep what the steps have done (before their log line: a crash after it loses nothing)."""
        if not self.dry_run:
            write_json_atomic(self.course.root / STATE_FILE, self.state)

    def record(self, step: str, action: str, result: str = OK, participant: str = "", week: str = "",
               detail: str = "") -> None:
        """One action: a line in the log (not in a dry run), a line for whoever watches."""
        entry = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "now": self.now.isoformat(timespec="seconds"),
                 "step": step, "action": action, "participant": participant, "week": week,
                 "result": DRY if self.dry_run and result == OK else result, "detail": detail}
        if not self.dry_run:
            append_jsonl(self.course.root / LOG_FILE, [entry])
        self.entries.append(entry)
        self.say(describe(entry))
        self.counts[step] += 1
        crash_point(step, self.counts[step])

    def due(self, participant: str, week: str) -> datetime | None:
        scheduled = next((w.due for w in self.schedule if w.id == week), None)
        return self.controls.due_for(participant, week, scheduled) if scheduled is not None else None


def crash_point(step: str, count: int) -> None:
    """The tests' kill switch (``CRASH_ENV``): no cleanup, no flush, as SIGKILL."""
    spec = os.environ.get(CRASH_ENV, "")
    if spec:
        name, _, n = spec.partition(":")
        if name == step and count == int(n or 1):
            os._exit(CRASH_EXIT)


def load_state(course: CourseSettings) -> dict[str, dict[str, Any]]:
    import json

    try:
        data = json.loads((course.root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_log(course: CourseSettings) -> list[dict[str, Any]]:
    return read_jsonl(course.root / LOG_FILE)


def describe(entry: dict[str, Any]) -> str:
    """One log line in the course language."""
    try:
        when = local_datetime(datetime.fromisoformat(entry["now"]))
    except (KeyError, TypeError, ValueError):
        when = str(entry.get("now", ""))
    who = " ".join(x for x in (entry.get("participant", ""), entry.get("week", "")) if x)
    text = t("routine_line", at=when, action=t(f"routine_action_{entry.get('action', 'step_failed')}"),
             who=f" {who}" if who else "", result=t(f"routine_result_{entry.get('result', FAILED)}"))
    return f"{text} – {entry['detail']}" if entry.get("detail") else text


@contextmanager
def routine_lock(course: CourseSettings) -> Iterator[bool]:
    """True while this process holds the course's routine lock; False when another run holds it."""
    fd = os.open(course.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield True
    finally:
        os.close(fd)  # closing releases the lock (and a killed process's lock goes with it)


# --- what the folders say -------------------------------------------------------------------------

def _stamp(path: Path) -> str:
    """A submission's ``timestamp.txt`` as nbgrader wrote it ("" when there is none)."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""




def inbound(course: CourseSettings) -> dict[tuple[str, str], str]:
    """(participant, week) -> the newest submission's timestamp in the exchange's inbound folder."""
    folder = course.exchange_root / course.course_id / "inbound"
    newest: dict[tuple[str, str], tuple[datetime, str]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return {}
    for entry in entries:
        parts = entry.name.split("+")
        if len(parts) < 3 or not entry.is_dir(follow_symlinks=False):
            continue
        stamp = _stamp(Path(entry.path) / "timestamp.txt") or parts[2]
        moment = parse_stamp(stamp)
        if moment is not None and ((parts[0], parts[1]) not in newest or moment > newest[parts[0], parts[1]][0]):
            newest[parts[0], parts[1]] = (moment, stamp)
    return {key: stamp for key, (_, stamp) in newest.items()}


def stamps(course: CourseSettings, stage: str) -> dict[tuple[str, str], str]:
    """(participant, week) -> ``timestamp.txt`` of each submission in ``stage`` (submitted, autograded)."""
    return {(pid, week): _stamp(path) for pid, week, path in course.find(stage, "timestamp.txt")}


# --- the steps ------------------------------------------------------------------------------------

def step_release(run: Run) -> None:
    outbound = run.course.exchange_root / run.course.course_id / "outbound"
    for week in released_by(run.schedule, run.now):
        if (outbound / week.id).is_dir():
            continue
        if run.dry_run:
            run.record("release", "release", week=week.id)
            continue
        from .steps import release_week  # nbgrader's API: imported only when a week is released

        outcome = release_week(run.course, week)
        run.record("release", "release", OK if outcome.ok else FAILED, week=week.id, detail=outcome.detail)


def to_collect(run: Run) -> dict[str, list[str]]:
    """Week -> participants whose newest submission in the exchange is newer than the collected one and
    whose own due time has passed (a week outside the schedule: at once)."""
    collected = stamps(run.course, "submitted")
    due: dict[str, list[str]] = defaultdict(list)
    for (pid, week), stamp in sorted(inbound(run.course).items()):
        have = parse_stamp(collected.get((pid, week), ""))
        new = parse_stamp(stamp)
        if new is None or (have is not None and new <= have):
            continue
        deadline = run.due(pid, week)
        if deadline is None or run.now >= deadline:
            due[week].append(pid)
    return dict(due)


def step_collect(run: Run) -> None:
    pending = to_collect(run)
    if not pending:
        return
    from .steps import collect
    waiting = inbound(run.course)
    for week, people in pending.items():
        if run.dry_run:
            for pid in people:
                run.record("collect", "collect", participant=pid, week=week)
            continue
        everyone = {pid for (pid, w) in waiting if w == week}
        # one nbgrader collect for the week when everyone new is due, else one per participant
        outcomes = [collect(run.course, week)] if set(people) >= everyone else \
            [collect(run.course, week, participant=pid) for pid in people]
        notes = [note for o in outcomes for note in o.notes]
        collected = stamps(run.course, "submitted")
        for pid in people:
            got = collected.get((pid, week), "")
            ok = bool(got) and parse_stamp(got) == parse_stamp(waiting.get((pid, week), ""))
            late = ok and (deadline := run.due(pid, week)) is not None and parse_stamp(got) > deadline
            mine = [n for n in notes if pid in n]
            detail = "; ".join([*(t("routine_late") for _ in [late] if late), *mine])
            if not ok and not mine:
                detail = next((o.detail for o in outcomes if o.detail), "")
            run.record("collect", "collect", OK if ok else FAILED, participant=pid, week=week, detail=detail)


def to_grade(run: Run) -> dict[str, list[str]]:
    """Week -> participants whose collected submission is not graded (nor failed, as it is)."""
    graded, failed = run.part("graded"), run.part("grade_failed")
    done = stamps(run.course, "autograded")
    pending: dict[str, list[str]] = defaultdict(list)
    for (pid, week), stamp in sorted(stamps(run.course, "submitted").items()):
        key = f"{pid}/{week}"
        if stamp and stamp not in (graded.get(key), failed.get(key), done.get((pid, week))):
            pending[week].append(pid)
    return dict(pending)


def apply_extensions(run: Run, week: str, people: list[str]) -> None:
    """Each extension of ``week`` into nbgrader's gradebook: the submission's ``extension``, so that
    nbgrader's lateness (``SubmittedAssignment.duedate``) counts from the participant's own due time."""
    scheduled = next((w.due for w in run.schedule if w.id == week), None)
    extended = {pid: run.controls.extension(pid, week) for pid in people}
    extended = {pid: due for pid, due in extended.items() if due is not None}
    if scheduled is None or not extended:
        return
    from ..course.gradebook import open_gradebook

    with open_gradebook(run.course) as gb:
        for pid, due in extended.items():
            gb.update_or_create_student(pid)
            gb.update_or_create_submission(week, pid, extension=max(timedelta(0), due - scheduled))


def step_grade(run: Run) -> None:
    submitted = stamps(run.course, "submitted")
    for week, people in to_grade(run).items():
        if run.dry_run:
            for pid in people:
                run.record("grade", "grade", participant=pid, week=week)
            continue
        from .autograde import autograde  # nbgrader: imported only when there is something to grade

        apply_extensions(run, week, people)
        results = autograde(run.course, week, participants=people, workers=run.workers, progress=False)
        for result in results:
            key = f"{result.participant}/{week}"
            run.part("graded" if result.ok else "grade_failed")[key] = submitted[result.participant, week]
            run.save()
            late = t("routine_late") if result.ok and result.seconds_late > 0 else ""
            run.record("grade", "grade", OK if result.ok else FAILED, participant=result.participant, week=week,
                       detail="; ".join(x for x in (late, result.reason, *result.notes) if x))


def step_walls(run: Run) -> None:
    walls = run.part("walls")
    by_week: dict[str, list[str]] = defaultdict(list)
    for (pid, week), stamp in sorted(stamps(run.course, "submitted").items()):
        by_week[week].append(f"{pid}:{stamp}")
    for week, signature in by_week.items():
        if walls.get(week, {}).get("signature") == signature:
            continue
        if run.dry_run:
            run.record("walls", "walls", week=week)
            continue
        from .share import build_wall, collect_posts

        options = configured(Routine, run.course.root)
        build_wall(run.course, week, Path(options.wall_publish_to) if options.wall_publish_to else None)
        walls[week] = {"signature": signature, "posts": len(collect_posts(run.course, week))}
        run.save()
        run.record("walls", "walls", week=week, detail=t("routine_wall_posts", n=walls[week]["posts"]))


def finished(gb: Any, week: str, participant: str) -> bool:
    """Has the coach finished grading this submission in formgrader?

    In nbgrader's gradebook: the submission exists and has grades, no grade of it needs a manual grade
    (``Grade.needs_manual_grade`` false for every grade, i.e. ``SubmittedAssignment.needs_manual_grade``
    false: formgrader clears it when a score is given, ``autograde`` sets it for every cell without an
    automatic score and again for a manually scored cell of a regraded submission), and every grade
    has a score (manual, or automatic for the autograded cells). A task or manually graded answer cell
    (``TaskCell``, a markdown ``GradeCell``) is thus finished only when the coach has scored it.
    """
    from nbgrader.api import MissingEntry

    try:
        submission = gb.find_submission(week, participant)
    except MissingEntry:
        return False
    grades = [grade for notebook in submission.notebooks for grade in notebook.grades]
    return bool(grades) and all(not grade.needs_manual_grade and (grade.manual_score is not None
                                                                  or grade.auto_score is not None)
                                for grade in grades)


def _released(run: Run, pid: str, week: str, stamp: str) -> bool:
    """The feedback of this very submission has reached the exchange (released by hand, or by a run
    killed before it noted so)."""
    from ..records.sources import released_feedback_path

    folder = run.course.path("feedback", pid, week)
    pages = list(folder.glob("*.html"))
    return bool(pages) and _stamp(folder / "timestamp.txt") == stamp and all(
        (path := released_feedback_path(run.course, page)) is not None and path.is_file() for page in pages)


def step_feedback(run: Run) -> None:
    released = run.part("feedback")
    graded = stamps(run.course, "autograded")
    waiting = {key: stamp for key, stamp in graded.items() if stamp and released.get(f"{key[0]}/{key[1]}") != stamp}
    if not waiting:
        return
    from ..course.api import nbgrader_api
    from ..course.gradebook import open_gradebook

    with open_gradebook(run.course) as gb:
        ready = sorted(key for key in waiting if finished(gb, key[1], key[0]))
    by_week: dict[str, list[str]] = defaultdict(list)
    for pid, week in ready:
        if run.dry_run:
            run.record("feedback", "feedback", participant=pid, week=week)
        elif _released(run, pid, week, waiting[pid, week]):  # released, but a killed run did not note it
            released[f"{pid}/{week}"] = waiting[pid, week]
            run.save()
            run.record("feedback", "feedback", ALREADY, participant=pid, week=week)
        else:
            by_week[week].append(pid)
    if not by_week:
        return
    with nbgrader_api(run.course) as api:
        for week, people in by_week.items():
            # nbgrader's generate_feedback and release_feedback once for the week, every other participant
            # excluded (CourseDirectory.student_id_exclude); one by one when that fails (a broken page)
            others = ({pid for pid, w in graded if w == week}
                      | {pid for pid, w, _ in run.course.find("feedback", week=week)}) - set(people)
            batch = _feedback(api, week, "*", sorted(others))
            results = {pid: batch for pid in people}
            if not batch["success"] and len(people) > 1:
                results = {pid: _feedback(api, week, pid, []) for pid in people}
            for pid in people:
                if results[pid]["success"]:
                    released[f"{pid}/{week}"] = waiting[pid, week]
            run.save()
            for pid in people:
                ok = results[pid]["success"]
                run.record("feedback", "feedback", OK if ok else FAILED, participant=pid, week=week,
                           detail="" if ok else _last_line(results[pid]))
    from ..records.store import sync_quietly

    sync_quietly(run.course)  # the reporting store follows, as after steps.feedback (records/store.py)


def _feedback(api: Any, week: str, participant: str, exclude: list[str]) -> dict:
    """nbgrader's generate_feedback, then release_feedback, for ``participant`` ("*": all but ``exclude``)."""
    api.coursedir.student_id_exclude = ",".join(exclude)
    try:
        one = None if participant == "*" else participant
        generated = api.generate_feedback(week, one)
        return api.release_feedback(week, one) if generated["success"] else generated
    finally:
        api.coursedir.student_id_exclude = ""


def _last_line(result: dict) -> str:
    lines = (result.get("error") or result.get("log") or "").strip().splitlines()
    return lines[-1][:300] if lines else t("ops_nbgrader_failed")


def reminder_times(course: CourseSettings) -> dict[str, str]:
    """Participant -> the W0_REMIND option they chose (morning, midday, afternoon, any), from their
    collected week-0 answers; only that one choice is read."""
    from ..items import bank

    item = bank().get(REMIND_ITEM)
    if item is None:
        return {}
    chosen = {}
    for pid, _week, path in course.find("submitted", f"*{SUFFIX}", week=item.week):
        try:
            value = read_values(path).get(REMIND_ITEM)
        except (OSError, ValueError):
            continue
        if isinstance(value, str) and value in {o.id for o in item.options}:
            chosen[pid] = value
    return chosen


def reminder_window(choice: str | None, default_hour: int) -> tuple[int, int]:
    return REMIND_WINDOWS.get(choice or "", (default_hour, REMIND_ANY_UNTIL))


def remind_days(text: str) -> set[int] | None:
    days = {int(part) for part in text.replace(";", ",").split(",") if part.strip().lstrip("-").isdigit()}
    return days or None


def step_remind(run: Run) -> None:
    from ..records.sources import read_roster
    from .remind import Channels, read_log, remind

    channels = Channels.for_course(run.course)
    week = current_week(run.schedule, run.now)
    if not channels.enabled() or week is None:
        return
    options = configured(Routine, run.course.root)
    local = run.now.astimezone(HELSINKI)
    today = local.date().isoformat()
    reminded = {(e.get("participant"), e.get("week")) for e in read_log(run.course)
                if e.get("ok") and e.get("day") == today}
    times = reminder_times(run.course)
    days = remind_days(options.reminder_days)
    people = read_roster(run.course)["participant"].tolist() or list(times)
    submitted = set(stamps(run.course, "submitted")) | set(inbound(run.course))
    weeks = {w.id: w for w in run.schedule}
    groups: dict[tuple[str, datetime], set[str]] = defaultdict(set)
    for pid in people:
        start, until = reminder_window(times.get(pid), options.reminder_hour)
        if pid in run.controls.held or not start <= local.hour < until:
            continue
        owed = {week.id} | {w for w, due in run.controls.extensions.get(pid, {}).items()
                            if w in weeks and w != week.id and run.controls.extension(pid, w) > run.now}
        for week_id in owed:
            due = run.due(pid, week_id)
            if (pid, week_id) in submitted or (pid, week_id) in reminded or due is None:
                continue
            if days is not None and (due.astimezone(HELSINKI).date() - local.date()).days not in days:
                continue
            groups[week_id, due].add(pid)
    for (week_id, due), only in sorted(groups.items()):
        report = remind(run.course, replace(weeks[week_id], due=due), channels, send=not run.dry_run,
                        now=run.now, only=only)
        if run.dry_run:
            for reminder in report.reminders:
                run.record("remind", "remind", participant=reminder.participant, week=week_id)
            continue
        for pid, channel in report.sent:
            run.record("remind", "remind", participant=pid, week=week_id, detail=t(f"channel_{channel}"))
        for pid, channel, why in report.failed:
            run.record("remind", "remind", FAILED, participant=pid, week=week_id,
                       detail=f"{t(f'channel_{channel}')}: {why}")


def step_digest(run: Run) -> None:
    from .digest import coach_digests, send_digest

    options = configured(Routine, run.course.root)
    local = run.now.astimezone(HELSINKI)
    if local.weekday() != options.digest_weekday or local.hour < options.digest_hour:
        return
    year, number, _ = local.isocalendar()
    this_week = f"{year}-W{number:02d}"
    sent = run.part("digests")
    digests = None
    for coach in coaches(run.course):
        mine = sent.setdefault(coach, {})
        if mine.get("sent") == this_week:
            continue
        if mine.get("pending") == this_week and not run.dry_run:  # a run killed mid-send: never twice
            mine["sent"] = this_week
            run.save()
            run.record("digest", "digest", UNCERTAIN, participant=coach, week=this_week)
            continue
        if digests is None:
            digests = coach_digests(run.course, run.now, run.controls, run.part("walls"), sent)
        if run.dry_run:
            run.record("digest", "digest", participant=coach, week=this_week)
            continue
        mine["pending"] = this_week
        run.save()
        try:
            where = send_digest(run.course, digests[coach], run.now)
        except Exception as exc:  # SMTP or the webhook down: not sent, tried again next run
            mine.pop("pending", None)
            run.save()
            run.record("digest", "digest", FAILED, participant=coach, week=this_week,
                       detail=f"{type(exc).__name__}: {exc}"[:300])
            continue
        mine.update(sent=this_week, posts=digests[coach].posts_now)
        mine.pop("pending", None)
        run.save()
        run.record("digest", "digest", OK if where else FAILED, participant=coach, week=this_week,
                   detail=", ".join(t(f"channel_{c}") for c in where) or t("routine_digest_nowhere"))


def coaches(course: CourseSettings) -> list[str]:
    from ..records.sources import read_roster

    return sorted({c for c in read_roster(course)["facilitator"] if c})


STEP_FUNCTIONS: dict[str, Callable[[Run], None]] = {
    "release": step_release, "collect": step_collect, "grade": step_grade, "walls": step_walls,
    "feedback": step_feedback, "remind": step_remind, "digest": step_digest}


def take_requests(course: CourseSettings, now: datetime | None = None, say: Say = print) -> Run:
    """The coaches' control requests waiting in the course's inbox (``control_requests.apply_requests``),
    each applied or refused and logged as the routine's other actions."""
    from .control_requests import apply_requests

    run = Run(course=course, now=(now or datetime.now(UTC)).astimezone(UTC), say=say)
    try:
        apply_requests(course, run.record, now=run.now)
    except Exception as exc:  # the inbox unreadable from here (another account): said, the routine goes on
        run.record("requests", "step_failed", FAILED, detail=f"{t('routine_action_control_request')}: "
                                                             f"{type(exc).__name__}: {exc}"[:400])
    return run


def run_routine(course: CourseSettings, now: datetime | None = None, dry_run: bool = False, say: Say = print,
                workers: int | None = None) -> Run:
    """Every step once, in order, each on its own: a step that fails is logged and the next one runs.
    The caller holds the lock (``routine_lock``) and has checked the pause (``controls.paused``)."""
    run = Run(course=course, now=(now or datetime.now(UTC)).astimezone(UTC), dry_run=dry_run, say=say,
              workers=workers, schedule=load_schedule(course.root), controls=load_controls(course),
              state=load_state(course))
    for step in STEPS:
        crash_point(step, 0)
        started = time.perf_counter()
        try:
            STEP_FUNCTIONS[step](run)
        except Exception as exc:  # one failing step never stops the others
            run.record(step, "step_failed", FAILED, detail=f"{t(f'routine_action_{step}')}: "
                                                           f"{type(exc).__name__}: {exc}"[:400])
        run.seconds[step] = time.perf_counter() - started
    return run
