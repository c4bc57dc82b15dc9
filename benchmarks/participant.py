"""Participant app benchmark: the home, a week to usable widgets, and one save — ratios in one run.

One participant of a freshly played week 1 (the ``valmennus`` steps, the same as ``make demo``) in
their own Jupyter server with the participant app (``valmennus.participant.serve``), driven by real
Chromium (Debian's, through playwright):

1. **Home** ``/valmennus/``: the page loaded (``load`` event), median of ``--rounds`` (target <= 1 s).
2. **A week to usable widgets**: ``/valmennus/viikko/viikko1`` (the app's link, which redirects to
   Voilà) until every answer widget of the week is on the page and no "Loading widget" is left,
   against an **empty notebook** rendered by the same Voilà in the same server until its ``load``
   event (target <= 1.5x). A fresh page (and so a fresh kernel) each round, alternating the two.
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
from playwright.sync_api import Browser, Page, expect, sync_playwright

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


def _open(browser: Browser, which: str, base: str, widgets: int) -> float:
    """Seconds from a new page's navigation to: the home loaded, the week usable, the empty notebook loaded."""
    page = browser.new_page()
    started = time.perf_counter()
    try:
        if which == "home":
            page.goto(f"{base}/valmennus/", wait_until="load")
        elif which == "week":
            _week_usable(page, f"{base}/valmennus/viikko/{WEEK}", widgets)
        else:
            page.goto(f"{base}/voila/render/{EMPTY}", wait_until="load")
        return time.perf_counter() - started
    finally:
        page.close()


def time_pages(base: str, rounds: int, widgets: int) -> dict[str, object]:
    times: dict[str, list[float]] = {"home": [], "week": [], "empty": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            for n in range(rounds + 1):  # the first round warms the server's imports and is not counted
                order = ("home", "week", "empty") if n % 2 else ("home", "empty", "week")
                round_times = {which: _open(browser, which, base, widgets) for which in order}
                if n == 0:
                    continue
                for which, seconds in round_times.items():
                    times[which].append(seconds)
                print("  round " + str(n) + ": " + ", ".join(f"{k} {v:.2f} s" for k, v in round_times.items()),
                      flush=True)
        finally:
            browser.close()
    home, week, empty = (statistics.median(times[k]) for k in ("home", "week", "empty"))
    return {"rounds": rounds, "widgets": widgets, "home_s": round(home, 3), "week_to_usable_s": round(week, 3),
            "empty_notebook_s": round(empty, 3), "week_over_empty": round(week / empty, 2)}


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
