"""Parallel autograde over nbgrader's own Autograde converter, one participant per task.

nbgrader grades one submission after another in one process (nbgrader #174), prints no progress
(#1456) and stops a batch at the first broken notebook (#1941). Here each participant's submission
is graded by nbgrader's ``Autograde`` converter in a pool of worker processes, so the kernel start
of one overlaps the work of another, a broken submission fails alone with its reason, and a bar
counts the work.

A submission that is graded but was not as released (cells added, deleted, edited, retyped or
re-tagged, repaired before it ran by ``course.sanitize.SanitizeSubmission``), or whose answers file
reads as unanswered (missing, too large, not UTF-8, not JSON) or carries forged quiz flags, is named
too: its results row says what was found, so a facilitator sees why a participant got the marks she got.

Gradebook safety: the parent creates every row that more than one worker would touch (course,
assignment, participants) before any worker starts; each worker then writes only its own
participant's submission rows. SQLite serialises those writes with its file lock; the workers wait
for it (a 60 s busy timeout instead of pysqlite's 5 s) rather than fail. PostgreSQL needs nothing extra.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from tqdm import tqdm
from traitlets.config import Config

from ..course.gradebook import ensure_scripts_on_path, open_gradebook
from ..course.settings import CourseSettings, load_config
from ..i18n import number, t
from ..options import Grading, configured
from ..records.store import sync_quietly

SQLITE_BUSY_TIMEOUT_S = 60


@dataclass
class GradeResult:
    participant: str
    ok: bool
    seconds: float
    reason: str = ""
    score: float | None = None
    max_score: float | None = None
    seconds_late: float = 0.0
    notes: list[str] = field(default_factory=list)  # what was repaired or found in a graded submission


def default_workers() -> int:
    """One more worker than cores: a worker waiting for its kernel to start leaves a core free."""
    return (os.cpu_count() or 1) + 1


def patient_db_url(db_url: str) -> str:
    """The gradebook URL with a long SQLite busy timeout, so concurrent writers wait their turn."""
    if db_url.startswith("sqlite") and "timeout=" not in db_url:
        return db_url + ("&" if "?" in db_url else "?") + f"timeout={SQLITE_BUSY_TIMEOUT_S}"
    return db_url


def submitted_participants(course: CourseSettings, week: str) -> list[str]:
    """Participants with a collected submission of ``week`` (``submitted/<id>/<week>/``)."""
    return sorted(pid for pid, _, folder in course.find("submitted", week=week) if folder.is_dir())


class _ErrorLog(logging.Handler):
    """Keeps the error lines nbgrader logs for one submission: they are the failure's reason."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class _NoteLog(logging.Handler):
    """Keeps the notes ``SanitizeSubmission`` logs for one submission (records with a ``valmennus_note``)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.notes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        from ..course.sanitize import NOTE

        note = getattr(record, NOTE, None)
        if isinstance(note, str) and note not in self.notes:
            self.notes.append(note)


def _reason(lines: list[str]) -> str:
    """The most telling line of nbgrader's error log for one submission."""
    for line in reversed(lines):
        for text in reversed(line.strip().splitlines()):
            if text.strip() and not text.startswith(("Traceback", "  ", "There was an error", "Please see")):
                return text.strip()[:300]
    return lines[-1].strip()[:300] if lines else "unknown error"


class _CachedSchemaValidation:
    """nbgrader validates each cell's metadata with ``jsonschema.validate``, which re-checks the schema
    itself on every call (a fifth of nbgrader's own CPU time per submission). This validates against a
    compiled validator kept per schema: the same errors, raised the same way, without the re-check."""

    def __init__(self) -> None:
        import jsonschema

        self._jsonschema = jsonschema
        self._validators: dict[int, object] = {}
        self.ValidationError = jsonschema.ValidationError

    def validate(self, instance: object, schema: dict) -> None:
        validator = self._validators.get(id(schema))
        if validator is None:
            cls = self._jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._validators[id(schema)] = cls(schema)
        error = self._jsonschema.exceptions.best_match(validator.iter_errors(instance))  # type: ignore[attr-defined]
        if error is not None:
            raise error

    def __getattr__(self, name: str) -> object:
        return getattr(self._jsonschema, name)


def _speed_up_nbgrader_in_this_worker() -> None:
    import warnings

    from nbgrader.nbgraderformat import common
    from sqlalchemy.exc import SAWarning

    # nbgrader's gradebook trips SQLAlchemy 2's autoflush warnings on every submission; they say
    # nothing a facilitator can act on and would bury the progress bar and the results table.
    warnings.filterwarnings("ignore", category=SAWarning)

    if not isinstance(common.jsonschema, _CachedSchemaValidation):
        common.jsonschema = _CachedSchemaValidation()


def fork_kernels_enabled(course_root: str) -> bool:
    """Grading kernels are forked from a preloaded zygote (ops/forkkernel.py) unless the course's option
    ``Grading.fork_kernels`` is off (``VALMENNUS_FORK_KERNELS=0``: what ``--no-fork`` passes to workers)."""
    return configured(Grading, course_root).fork_kernels


def _grade_one(course_root: str, week: str, participant: str) -> GradeResult:
    """Worker: nbgrader's Autograde converter for one participant's submission of one week."""
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    ensure_scripts_on_path()
    _speed_up_nbgrader_in_this_worker()
    started = time.perf_counter()
    config = load_config(course_root)
    overrides = Config()
    overrides.CourseDirectory.root = course_root
    overrides.CourseDirectory.assignment_id = week
    overrides.CourseDirectory.student_id = participant
    overrides.CourseDirectory.db_url = patient_db_url(config.CourseDirectory.get("db_url", ""))
    overrides.BaseConverter.force = True
    overrides.NbGrader.logfile = ""
    if fork_kernels_enabled(course_root):
        from .forkkernel import ForkingKernelManager

        overrides.Execute.kernel_manager_class = ForkingKernelManager
    config.merge(overrides)
    coursedir = CourseDirectory(config=config)
    converter = Autograde(coursedir=coursedir, config=config)
    converter.log.setLevel(logging.WARNING)
    errors, notes = _ErrorLog(), _NoteLog()
    converter.log.addHandler(errors)
    converter.log.addHandler(notes)
    try:
        converter.start()
    except Exception as exc:  # nbgrader raises after logging why; one failure never stops the batch
        lines = errors.lines or [f"{type(exc).__name__}: {exc}"]
        return GradeResult(participant, False, time.perf_counter() - started, _reason(lines), notes=notes.notes)
    finally:
        converter.log.removeHandler(errors)
        converter.log.removeHandler(notes)
    return GradeResult(participant, True, time.perf_counter() - started, notes=notes.notes)


def _prepare_gradebook(course: CourseSettings, week: str, participants: Iterable[str]) -> None:
    """Create the shared rows (course, participants) before workers start: one writer for them."""
    with open_gradebook(course) as gb:
        gb.find_assignment(week)  # MissingEntry: the week was never generated
        for participant in participants:
            gb.update_or_create_student(participant)


def _attach_scores(course: CourseSettings, week: str, results: list[GradeResult]) -> None:
    with open_gradebook(course) as gb:
        for result in results:
            if not result.ok:
                continue
            submission = gb.find_submission(week, result.participant)
            result.score, result.max_score = submission.score, submission.max_score
            result.seconds_late = submission.total_seconds_late


def autograde(course: CourseSettings, week: str, participants: list[str] | None = None,
              workers: int | None = None, progress: bool = True) -> list[GradeResult]:
    """Grade ``week`` for ``participants`` (default: everyone collected) in parallel; never raise
    for one submission: each result says graded or failed, with the reason."""
    from nbgrader.api import MissingEntry

    participants = participants if participants is not None else submitted_participants(course, week)
    if not participants:
        return []
    try:
        _prepare_gradebook(course, week, participants)
    except MissingEntry as exc:
        raise ValueError(f"{week}: not in the gradebook; run `nbgrader generate_assignment {week}` first") from exc
    workers = max(1, min(workers or default_workers(), len(participants)))
    context = grading_context()
    bar = tqdm(total=len(participants), desc=f"autograde {week}", unit="submission", disable=not progress)
    results = _grade_in_pool(course, week, participants, workers, context, bar, _shared)
    # A kernel that never started says nothing about the submission (on a loaded host a kernel can die
    # before its first reply): those are graded once more, by a new worker, before anything is called failed.
    again = [r.participant for r in results if not r.ok and _kernel_never_started(r.reason)]
    if again:
        retried = {r.participant: r for r in _grade_in_pool(course, week, again, 1, context, None, None)}
        results = [retried.get(r.participant, r) for r in results]
    bar.close()
    results.sort(key=lambda r: r.participant)
    _attach_scores(course, week, results)
    sync_quietly(course)  # the reporting store follows (records/store.py); a failure there never fails grading
    return results


KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Timeout waiting for kernel_info",
                         "Address already in use")


def _kernel_never_started(reason: str) -> bool:
    return any(text in reason for text in KERNEL_START_FAILURES)


def grading_context() -> multiprocessing.context.BaseContext:
    """The grading workers' start method: forkserver, so they never inherit the threads of the caller (a
    test's servers, a notebook's loop). The fork server lives as long as this process and forks every
    worker of every later pool: with nbgrader imported there once, a worker starts in milliseconds instead
    of importing it again. The preload has no effect once the server runs."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["nbgrader.converters", "nbgrader.coursedir", __name__])
    return context


class _SharedPool:
    """The pool ``grading_pool`` keeps open: started at the first grading, started anew after a worker died."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def get(self, context: multiprocessing.context.BaseContext) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self.pool

    def close(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_shared: _SharedPool | None = None


@contextmanager
def grading_pool(workers: int | None = None) -> Iterator[None]:
    """Every ``autograde`` of this process inside the block grades in one pool of ``workers`` (default:
    ``default_workers()``), kept open until the block ends; a call's own ``workers`` does not resize it.
    Nested blocks share the outermost pool."""
    global _shared
    if _shared is not None:
        yield
        return
    _shared = _SharedPool(workers or default_workers())
    try:
        yield
    finally:
        shared, _shared = _shared, None
        shared.close()


def _grade_in_pool(course: CourseSettings, week: str, participants: list[str], workers: int,
                   context: multiprocessing.context.BaseContext, bar: tqdm | None,
                   shared: _SharedPool | None) -> list[GradeResult]:
    """``participants`` graded in ``shared`` (``grading_pool``'s) or else in a pool of ``workers`` of their
    own; a worker that dies fails its participant only."""
    if shared is None:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return _grade_all(pool, course, week, participants, bar)[0]
    try:
        results, broken = _grade_all(shared.get(context), course, week, participants, bar)
    except BrokenProcessPool:  # a worker died since the last grading and took the pool with it
        shared.close()
        results, broken = _grade_all(shared.get(context), course, week, participants, bar)
    if broken:  # a worker died while grading: its participants failed, the next grading gets a new pool
        shared.close()
    return results


def _grade_all(pool: ProcessPoolExecutor, course: CourseSettings, week: str, participants: list[str],
               bar: tqdm | None) -> tuple[list[GradeResult], bool]:
    """Every participant's result, and whether the pool broke (a worker died) on the way."""
    results: list[GradeResult] = []
    broken = False
    futures = {pool.submit(_grade_one, str(course.root), week, p): p for p in participants}
    for future in as_completed(futures):
        try:
            results.append(future.result())
        except Exception as exc:  # a worker that died (e.g. out of memory) fails its participant only
            broken = broken or isinstance(exc, BrokenProcessPool)
            results.append(GradeResult(futures[future], False, 0.0, f"{type(exc).__name__}: {exc}"))
        if bar is not None:
            bar.update(1)
            bar.set_postfix(failed=sum(not r.ok for r in results))
    return results, broken


def _late_text(seconds: float) -> str:
    if seconds <= 0:
        return "-"
    if seconds < 3600:
        return t("ops_grade_late_min", n=max(1, round(seconds / 60)))
    return t("ops_grade_late_h", h=number(seconds / 3600, 1))


def results_table(results: list[GradeResult]) -> str:
    """The closing table: graded, failed with the reason, late; a graded row names what was repaired or
    found in the submission (its notes), so nothing bad passes unnamed. Words from the catalogs
    (``ops_grade_*``), columns as wide as their words in the course language."""
    if not results:
        return t("ops_grade_none")
    head = {key: t(f"ops_grade_col_{key}") for key in ("participant", "status", "score", "late", "reason")}
    graded_word, failed_word = t("ops_grade_graded"), t("ops_grade_failed")
    rows = [(r.participant, graded_word if r.ok else failed_word,
             f"{number(r.score, None)}/{number(r.max_score, None)}" if r.score is not None else "-",
             _late_text(r.seconds_late), "; ".join(x for x in (r.reason, *r.notes) if x)) for r in results]
    widths = [max(len(head[key]), *(len(row[i]) for row in rows))
              for i, key in enumerate(("participant", "status", "score", "late"))]
    lines = ["  ".join([*(f"{cell:<{width}}" for cell, width in zip(cells[:-1], widths, strict=True)),
                        cells[-1]]).rstrip() for cells in [tuple(head.values()), *rows]]
    graded = sum(r.ok for r in results)
    late_n = sum(r.ok and r.seconds_late > 0 for r in results)
    noted = sum(r.ok and bool(r.notes) for r in results)
    summary = t("ops_grade_summary", graded=graded, failed=len(results) - graded, late=late_n)
    lines.append(f"{summary} {t('ops_grade_noted', n=noted)}" if noted else summary)
    return "\n".join(lines)
