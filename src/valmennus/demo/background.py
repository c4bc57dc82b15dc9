"""A function run in a process of its own while this one goes on: the demo's second cohort (and the tests').

The process is started with ``spawn``: a new interpreter with this process's environment and ``sys.path``,
and nothing else of it (no threads, such as a test's SMTP server or a pool's manager; no open gradebook
sessions). What the function prints is kept and handed back with its result, so the caller prints it where
it belongs: after its own work, in order. While it waits, the caller can show how far the function has got
(``report_progress``, called in the background process, is the counter it reads).
"""

from __future__ import annotations

import io
import multiprocessing
import signal
import sys
import traceback
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tqdm import tqdm

T = TypeVar("T")

_counters: Any = None  # in the background process: the shared (done, total) that report_progress sets


def report_progress(done: int, total: int) -> None:
    """In a background process: how far its work has got (``Background.result`` shows it); elsewhere nothing."""
    if _counters is not None:
        _counters[0], _counters[1] = done, total


class BackgroundDied(ChildProcessError):
    """The background process ended without an outcome (killed, out of memory, ``os._exit``)."""

    def __init__(self, name: str, exitcode: int | None) -> None:
        super().__init__(f"{name}: exit code {exitcode}")
        self.exitcode = exitcode


@dataclass
class _Outcome(Generic[T]):
    value: T | None
    error: BaseException | None
    out: str
    err: str


def _stop(_signum: int, _frame: object) -> None:
    sys.exit(1)  # unwinds: the function's own clean-up (its grading pool) runs


def _run(send: Any, counters: Any, fn: Callable[..., T], args: tuple, kwargs: dict) -> None:
    """In the background process: ``fn`` with its output kept, the outcome sent back through ``send``."""
    global _counters
    _counters = counters
    signal.signal(signal.SIGTERM, _stop)
    out, err = io.StringIO(), io.StringIO()
    value, error = None, None
    with redirect_stdout(out), redirect_stderr(err):
        try:
            value = fn(*args, **kwargs)
        except Exception as exc:  # handed to the caller, who raises it, with where it was raised here
            exc.add_note(f"{traceback.format_exc().rstrip()}\n(in the background process)")
            error = exc
    try:
        send.send(_Outcome(value, error, out.getvalue(), err.getvalue()))
    except Exception as exc:  # a value or an error that does not pickle: its description instead
        what = f"{type(error).__name__}: {error}" if error is not None else f"its value, a {type(value).__name__},"
        send.send(_Outcome(None, RuntimeError(f"{what} could not be sent back: {exc}"), out.getvalue(), err.getvalue()))
    send.close()


class Background(Generic[T]):
    """``fn(*args, **kwargs)`` started in a new process at once; ``result()`` waits for it.

    As a context manager, the process is stopped (SIGTERM) when the block ends before ``result()`` was
    asked for, e.g. when the caller's own work raised."""

    def __init__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self._counters = context.Array("q", 2, lock=False)
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(send, self._counters, fn, args, kwargs),
                                        name=getattr(fn, "__name__", "background"))
        self._process.start()
        send.close()
        self._outcome: _Outcome[T] | None = None

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._outcome is None and self._process.is_alive():
            self._process.terminate()
        self._process.join()

    def result(self, progress: str | None = None, unit: str = "moment") -> T:
        """Wait for the function; print what it printed (its stdout here to stdout, its stderr to stderr);
        return its value or raise its exception (``BackgroundDied`` when the process ended without either).

        ``progress``: while waiting, a bar with this title counts what the function reports (in ``unit``)."""
        if self._outcome is None:
            if progress is not None and not self._receive.poll(0):
                self._show_progress(progress, unit)
            try:
                self._outcome = self._receive.recv()
            except EOFError:
                self._process.join()
                raise BackgroundDied(self._process.name, self._process.exitcode) from None
            self._process.join()
        outcome = self._outcome
        sys.stdout.write(outcome.out)
        sys.stdout.flush()
        sys.stderr.write(outcome.err)
        sys.stderr.flush()
        if outcome.error is not None:
            raise outcome.error
        return outcome.value  # type: ignore[return-value]

    def _show_progress(self, title: str, unit: str) -> None:
        done, total = self._counters
        with tqdm(total=total or None, initial=done, desc=title, unit=unit) as bar:
            while True:
                finished = self._receive.poll(0.5)
                done, total = self._counters
                bar.total = total or bar.total
                bar.update(done - bar.n)
                if finished:
                    return
