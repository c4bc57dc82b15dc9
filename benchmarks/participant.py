"""Participant app benchmark: the home, a week to usable widgets, and one save — ratios in one run.

One participant of a freshly played week 1 (the ``valmennus`` steps, the same as ``make demo``) in
their own Jupyter server with the participant app (``valmennus.participant.serve``), driven by real
Chromium (Debian's, through playwright):

1. **Home** ``/valmennus/``: the page loaded (``load`` event), median of ``--rounds`` (target <= 1 s).
2. **A week to usable widgets**: ``/valmennus/viikko/viikko1`` (the app's link, which redirects to
   Voilà) until every answer widget of the week is on the page and no "Loading widget" is left,
   against an **empty notebook** rendered by the same Voilà in the same server (target <= 1.5x). Both
   are timed to the same point: Voilà's page has booted and its kernel connection answered
   (``kernel_info_reply`` on the page's websocket; what Voilà's front end does after the ``load`` event
   whatever the notebook holds), and for the week every widget is drawn. The empty notebook's
   ``load`` event alone, the measure before, is kept beside it (``week_over_empty_load``): it stops the
   clock for the empty page before Voilà's front end has started, which the week's clock includes.
   A fresh browser context (cold cache) and a fresh kernel each round, alternating the two.
3. **A save**: ``AnswerStore.set`` of a reflection (lock, validate, write, fsync, rename) against a
   bare write of the same bytes with fsync and rename, median of 200 (target < 10 ms).

Writes benchmarks/results/participant.json; the figures go into the README.

    .venv/bin/python benchmarks/participant.py --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from playwright.sync_api import Browser, Page, WebSocket, expect, sync_playwright

from valmennus.answers import AnswerStore
from valmennus.course.copy import prepare_course
from valmennus.demo.course_loop import run_week
from valmennus.demo.simulate import Participant
from valmennus.items import for_week
from valmennus.participant.serve import participant_server

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results" / "participant.json"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WEEK = "viikko1"
EMPTY = "tyhja.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _week_usable(page: Page, url: str, widgets: int) -> None:
    page.goto(url, wait_until="load")
    expect(page.locator(".valmennus-answer")).to_have_count(widgets, timeout=120_000)
    page.wait_for_function("!document.body.innerText.includes('Loading widget')", timeout=120_000)


def _when_kernel_answers(page: Page, started: float) -> list[float]:
    """Seconds (from ``started``) at which the page's kernel websocket brought a ``kernel_info_reply``:
    Voilà's front end is up and talking to its kernel. Filled by the websocket's events."""
    seen: list[float] = []

    def on_socket(socket: WebSocket) -> None:
        def on_frame(payload: bytes | str) -> None:
            data = payload.encode("latin-1", "replace") if isinstance(payload, str) else payload
            if not seen and b"kernel_info_reply" in data:
                seen.append(time.perf_counter() - started)

        socket.on("framereceived", on_frame)

    page.on("websocket", on_socket)
    return seen


def _open(browser: Browser, which: str, base: str, widgets: int) -> tuple[float, float]:
    """Seconds from a new page's navigation to its ``load`` event and to usable: the home loaded; the week
    with every widget drawn and Voilà talking to its kernel; the empty notebook with Voilà talking to its
    kernel."""
    page = browser.new_page()
    started = time.perf_counter()
    kernel_answered = _when_kernel_answers(page, started)
    try:
        if which == "home":
            page.goto(f"{base}/valmennus/", wait_until="load")
            return (time.perf_counter() - started,) * 2
        if which == "week":
            _week_usable(page, f"{base}/valmennus/viikko/{WEEK}", widgets)
        else:
            page.goto(f"{base}/voila/render/{EMPTY}", wait_until="load")
        loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd / 1000")
        drawn = time.perf_counter() - started
        deadline = time.monotonic() + 120
        while not kernel_answered and time.monotonic() < deadline:
            page.wait_for_timeout(5)
        if not kernel_answered:
            raise RuntimeError(f"{which}: Voilà's kernel never answered on the page's websocket")
        return loaded, max(drawn, kernel_answered[0])
    finally:
        page.close()


def time_pages(base: str, rounds: int, widgets: int) -> dict[str, object]:
    times: dict[str, list[float]] = {"home": [], "week": [], "empty": [], "empty_load": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            for n in range(rounds + 1):  # the first round warms the server's imports and is not counted
                order = ("home", "week", "empty") if n % 2 else ("home", "empty", "week")
                opened = {which: _open(browser, which, base, widgets) for which in order}
                round_times = {which: usable for which, (_loaded, usable) in opened.items()}
                round_times["empty_load"] = opened["empty"][0]
                if n == 0:
                    continue
                for which, seconds in round_times.items():
                    times[which].append(seconds)
                print("  round " + str(n) + ": " + ", ".join(f"{k} {v:.2f} s" for k, v in round_times.items()),
                      flush=True)
        finally:
            browser.close()
    home, week, empty, empty_load = (statistics.median(times[k]) for k in ("home", "week", "empty", "empty_load"))
    return {"rounds": rounds, "widgets": widgets, "home_s": round(home, 3), "week_to_usable_s": round(week, 3),
            "empty_notebook_s": round(empty, 3), "week_over_empty": round(week / empty, 2),
            "empty_notebook_load_event_s": round(empty_load, 3), "week_over_empty_load": round(week / empty_load, 2),
            "host_load_1min": round(os.getloadavg()[0], 2)}


def time_saves(folder: Path, n: int = 200) -> dict[str, float]:
    store = AnswerStore(WEEK, folder, read_only=False)
    text = "Kokeilin Kela-asiointia ja jäin jumiin kirjautumiseen. " * 20
    item_id, saves = _text_item(), []
    for i in range(n):
        started = time.perf_counter()
        store.set(item_id, f"{text} {i}")
        saves.append(time.perf_counter() - started)
    payload = (folder / f"{WEEK}.answers.json").read_bytes()
    bare = []
    for _ in range(n):
        started = time.perf_counter()
        tmp = folder / "bare.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, payload)
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, folder / "bare.json")
        bare.append(time.perf_counter() - started)
    save, base = statistics.median(saves), statistics.median(bare)
    return {"saves": n, "save_ms": round(save * 1000, 2), "bare_write_ms": round(base * 1000, 2),
            "save_over_bare": round(save / base, 2)}


def _text_item() -> str:
    """The week's first reflection item (a real id, so the store validates it as in the course)."""
    return next(item.id for item in for_week(WEEK) if item.kind == "text")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-participant-"))
    course = prepare_course(REPO, work / "course")
    who = Participant("p01", "Aino", "Virtanen", "complete")
    print("playing week 1 for one participant …", flush=True)
    run_week(course, work / "homes", [who], week=WEEK, say=lambda _m: None, progress=False)
    home = work / "homes" / who.id
    nbformat.write(nbformat.v4.new_notebook(), home / EMPTY)
    widgets = len(for_week(WEEK))
    with participant_server(home, course, _free_port(), token="") as server:
        base = server.url.split("/valmennus/")[0]
        result = {"pages": time_pages(base, args.rounds, widgets)}
    result["save"] = time_saves(Path(tempfile.mkdtemp(prefix="bench-save-")))
    result["cpus"] = os.cpu_count()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
