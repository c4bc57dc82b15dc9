"""valmennus.answers: the file that must never lose an answer."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from valmennus.answers import MAX_BYTES, AnswerStore, ReadOnlyStore, answers_filename, grading_mode
from valmennus.safefiles import TEMP_PATTERNS, copy_regular_tree
from valmennus.uploads import store_image

from .browser.images import drawing_png

PNG = drawing_png()


def test_does_a_saved_answer_come_back_after_reopening(tmp_path: Path) -> None:
    AnswerStore("viikko1", tmp_path).set("W1_R_DESC", "Kokeilin Suomi.fi-palvelua.")
    AnswerStore("viikko1", tmp_path).set("W1_SA1", 4)
    reopened = AnswerStore("viikko1", tmp_path)
    assert reopened.values() == {"W1_R_DESC": "Kokeilin Suomi.fi-palvelua.", "W1_SA1": 4}


def test_is_the_file_written_atomically_with_no_temp_file_left(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_SA1", 3)
    inode_before = store.path.stat().st_ino
    store.set("W1_SA1", 5)
    assert store.path.stat().st_ino != inode_before  # replaced, never rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["viikko1.answers.json"]
    assert oct(store.path.stat().st_mode & 0o777) == "0o644"
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["format"] == "valmennus-answers" and document["notebook"] == "viikko1"
    assert document["answers"]["W1_SA1"]["value"] == 5
    assert document["answers"]["W1_SA1"]["saved_at"].endswith("+00:00")


def test_do_two_writers_keep_each_others_answers(tmp_path: Path) -> None:
    tab_a = AnswerStore("viikko1", tmp_path)
    tab_b = AnswerStore("viikko1", tmp_path)
    tab_a.set("W1_R_DESC", "välilehti A")
    tab_b.set("W1_R_FEEL", "välilehti B")
    tab_a.set("W1_SA1", 2)
    assert AnswerStore("viikko1", tmp_path).values() == {
        "W1_R_DESC": "välilehti A", "W1_R_FEEL": "välilehti B", "W1_SA1": 2}


def test_is_a_corrupt_file_moved_aside_and_never_deleted(tmp_path: Path) -> None:
    path = tmp_path / answers_filename("viikko1")
    path.write_bytes(b'{"format": "valmennus-answers", "answ')
    loaded = AnswerStore("viikko1", tmp_path).load()
    assert loaded.problem == "answers_corrupt_moved"
    assert loaded.entries == {}
    assert not path.exists()
    assert loaded.moved_to is not None and loaded.moved_to.read_bytes() == b'{"format": "valmennus-answers", "answ'
    # the participant can go on answering
    AnswerStore("viikko1", tmp_path).set("W1_SA1", 1)
    assert AnswerStore("viikko1", tmp_path).values() == {"W1_SA1": 1}


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"[]", b'{"format": "other"}',
                                     b'{"format": "valmennus-answers", "answers": []}'])
def test_is_every_unreadable_shape_treated_as_corrupt(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "viikko1.answers.json").write_bytes(content)
    assert AnswerStore("viikko1", tmp_path).load().problem == "answers_corrupt_moved"


def test_does_one_odd_entry_cost_the_other_answers(tmp_path: Path) -> None:
    (tmp_path / "viikko1.answers.json").write_text(json.dumps({
        "format": "valmennus-answers", "notebook": "viikko1",
        "answers": {"W1_SA1": {"value": 4}, "W1_SA2": "not an entry", "W1_SA3": {"no": "value"}}}))
    assert AnswerStore("viikko1", tmp_path).values() == {"W1_SA1": 4}


def test_is_the_store_read_only_while_nbgrader_grades(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "viikko1.answers.json").write_bytes(b"garbage")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert grading_mode() == "autograde"
    store = AnswerStore("viikko1", tmp_path)
    assert store.read_only
    with pytest.raises(ReadOnlyStore):
        store.set("W1_SA1", 3)
    assert store.load().problem == "answers_corrupt_grading"
    assert (tmp_path / "viikko1.answers.json").read_bytes() == b"garbage"  # never moved while grading


@pytest.mark.parametrize("bad", ["", "../x", "a/b", ".hidden"])
def test_are_path_like_notebook_ids_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        answers_filename(bad)


WRITER = """
import sys
from valmennus.answers import AnswerStore
store = AnswerStore("viikko1", sys.argv[1], read_only=False)
i = 0
while True:
    i += 1
    store.set("W1_R_DESC", "kierros %d " % i + "sana " * 200)
    print(i, flush=True)
"""


def test_does_kill_9_during_writes_always_leave_a_valid_file(tmp_path: Path) -> None:
    """Kill the writer at arbitrary moments: the file always parses and holds the last acknowledged write."""
    for _ in range(15):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        acknowledged = 0
        deadline = time.monotonic() + 0.3
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line:
                acknowledged = int(line)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        value = AnswerStore("viikko1", tmp_path, read_only=True).values()["W1_R_DESC"]
        assert value.startswith("kierros ")
        assert int(value.split()[1]) >= acknowledged


class _Acks:
    """The save numbers a writer acknowledged on its pipe, read as they arrive (complete lines only)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.numbers: list[int] = []
        self.times: list[float] = []

    def _take(self, chunk: bytes) -> None:
        *lines, self.buffer = (self.buffer + chunk).split(b"\n")
        now = time.monotonic()
        for line in lines:
            self.numbers.append(int(line))
            self.times.append(now)

    def wait_for(self, count: int, timeout: float = 60.0) -> bool:
        """Wait until ``count`` saves are acknowledged or the writer is gone; False if it stalled."""
        deadline = time.monotonic() + timeout
        while len(self.numbers) < count:
            if not select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                return False  # no acknowledgement for a minute: a save hangs (a lock never released?)
            chunk = os.read(self.fd, 65536)
            if not chunk:
                break
            self._take(chunk)
        return True

    def drain(self) -> list[int]:
        """Everything acknowledged until the pipe closed (after the kill)."""
        while chunk := os.read(self.fd, 65536):
            self._take(chunk)
        return self.numbers


KILL_ITEMS = tuple(f"W1_KILL_{n}" for n in range(5))


def _kill_save(round_no: int, save_no: int) -> tuple[str, dict[str, Any]]:
    """The ``save_no``-th save (from 1) of a round's writer: which item, and a value no other save has.

    Saves rotate over a few items, so a later round overwrites what an earlier one saved, and their
    texts differ in length (0-2 360 words), so a kill lands at every stage of writes of every size.
    """
    item_id = KILL_ITEMS[(round_no * 3 + save_no) % len(KILL_ITEMS)]
    words = (round_no * 7 + save_no * 13) % 60 * 40
    return item_id, {"round": round_no, "save": save_no,
                     "text": f"kierros {round_no} tallennus {save_no} " + "sana " * words}


def _writer(folder: Path, round_no: int, ack: int) -> None:
    """The forked writer: save, then acknowledge the save on the pipe, forever (until killed)."""
    try:
        store = AnswerStore("viikko1", folder, read_only=False)
        save_no = 0
        while True:
            save_no += 1
            store.set(*_kill_save(round_no, save_no))
            os.write(ack, b"%d\n" % save_no)  # only after set() returned: an acknowledged save
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(3)  # reached only if a save raised: the parent sees that the writer died on its own


def _kill_writers(folder: Path, rounds: int, max_saves: int, seed: int,
                  budget: tuple[int, float] | None = None) -> dict[str, int]:
    """Fork a writer ``rounds`` times and kill -9 it at a random moment; check the file after every kill.

    Each round lets the writer acknowledge 0-``max_saves`` saves, then kills it a random fraction of
    one save's duration later (measured as it runs, so a busy machine moves the kill with the writer),
    which puts kills at every stage of a write: before the temp file, inside it, between the rename and
    the acknowledgement. After every kill the file parses, and for every item it holds the value of the
    last acknowledged save of that item, or, for the one item the writer was saving when it died, that
    unacknowledged save's value. Returns the totals, to quote. ``budget`` (at least so many rounds,
    then stop after so many seconds) keeps the default variant short on a machine busy with other work.
    """
    started = time.monotonic()
    rng = random.Random(seed)
    expected: dict[str, Any] = {}  # item -> the value the file must hold
    tally = {"kills": 0, "acknowledged": 0, "in_flight_landed": 0, "temp_left": 0}
    save_time = 0.002  # seconds per save, updated from the acknowledgements' pace
    path = folder / answers_filename("viikko1")
    for round_no in range(rounds):
        if budget and round_no >= budget[0] and time.monotonic() - started > budget[1]:
            break
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _writer(folder, round_no, write_end)
        os.close(write_end)
        acks = _Acks(read_end)
        progressing = acks.wait_for(rng.randint(0, max_saves))
        time.sleep(rng.uniform(0, 1.3 * save_time))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        acked = acks.drain()
        os.close(read_end)
        assert progressing, f"round {round_no}: the writer stopped acknowledging saves"
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
            f"round {round_no}: the writer died on its own (status {status})"
        assert acked == list(range(1, len(acked) + 1))
        if len(acks.times) > 1:
            save_time = 0.8 * save_time + 0.2 * (acks.times[-1] - acks.times[0]) / (len(acks.times) - 1)
        tally["kills"] += 1
        tally["acknowledged"] += len(acked)
        for save_no in acked:
            item_id, value = _kill_save(round_no, save_no)
            expected[item_id] = value
        in_flight_item, in_flight_value = _kill_save(round_no, len(acked) + 1)

        if path.exists():
            json.loads(path.read_bytes().decode("utf-8"))  # plain JSON, whole, whatever reads it
        loaded = AnswerStore("viikko1", folder, read_only=True).load()  # read-only: sweeps and moves nothing
        assert loaded.problem is None, f"round {round_no}: {loaded.problem}"
        got = {item_id: entry["value"] for item_id, entry in loaded.entries.items()}
        if got.get(in_flight_item) == in_flight_value:  # killed after the rename, before the acknowledgement
            tally["in_flight_landed"] += 1
            expected[in_flight_item] = in_flight_value
        assert got == expected, f"round {round_no}: an acknowledged answer is missing or stale"
        tally["temp_left"] += bool(list(folder.glob(".viikko1.*.tmp")))
    AnswerStore("viikko1", folder).load()  # the next participant load sweeps what the last kill left
    assert sorted(p.name for p in folder.iterdir()) == ["viikko1.answers.json"]
    print(f"\nkill -9 of a writer: {tally['kills']} kills, {tally['acknowledged']} acknowledged saves, 0 lost; "
          f"{tally['in_flight_landed']} unacknowledged in-flight saves landed whole; "
          f"{tally['temp_left']} kills left a temp file (swept by the next writer); "
          f"{save_time * 1000:.1f} ms per save, {time.monotonic() - started:.1f} s")
    return tally


def test_does_kill_9_at_hundreds_of_random_moments_keep_every_acknowledged_answer(tmp_path: Path) -> None:
    """A forked writer killed 200 times, after 0-4 acknowledged saves and part of one more: the file always
    parses and holds every acknowledged save (the last one of each item), or a later save that was in flight.
    (On a machine so busy that saves crawl, it stops after 12 s, but not before 80 kills.)"""
    tally = _kill_writers(tmp_path, rounds=200, max_saves=4, seed=2026, budget=(80, 12.0))
    assert tally["acknowledged"] >= 150
    # the kills really landed inside writes: before the rename (a temp file left) and after it
    assert tally["temp_left"] > 0 and tally["in_flight_landed"] > 0


@pytest.mark.soak
def test_does_kill_9_at_thousands_of_random_moments_keep_every_acknowledged_answer(tmp_path: Path) -> None:
    """The long variant: 4 000 kills after 0-8 acknowledged saves each (over sixteen thousand saves)."""
    tally = _kill_writers(tmp_path, rounds=4000, max_saves=8, seed=11)
    assert tally["acknowledged"] >= 16_000
    assert tally["in_flight_landed"] > 0 and tally["temp_left"] > 0


CONCURRENT_WRITER = """
import sys
from valmennus.answers import AnswerStore
store = AnswerStore("viikko1", sys.argv[1], read_only=False)
sys.stdin.readline()  # start together
for i in range(int(sys.argv[3])):
    store.set(f"{sys.argv[2]}_{i}", i)
"""


def test_do_two_processes_writing_at_once_keep_all_of_each_others_answers(tmp_path: Path) -> None:
    """Two kernels (two tabs) writing different items at the same moment, 150 writes each: nothing lost."""
    writes = 150
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT_WRITER, str(tmp_path), name, str(writes)],
                              stdin=subprocess.PIPE) for name in ("A", "B")]
    for proc in procs:  # both are started (interpreter and imports ready) before either writes
        assert proc.stdin is not None
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    values = AnswerStore("viikko1", tmp_path).values()
    assert values == {f"{name}_{i}": i for name in ("A", "B") for i in range(writes)}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["viikko1.answers.json"]  # no temp file left


# -- temp files of a killed write: swept on the next load, never collected ------------------------

def _stop_inside_atomic_write(folder: Path, action: Callable[[], object]) -> int:
    """Fork a process that runs ``action`` and stops it for good inside atomic_write, right after the temp
    file is written and fsynced (before the rename); return its pid once it is there."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            real_fsync = os.fsync

            def stop_here(fd: int) -> None:
                real_fsync(fd)
                os.write(write_end, b"inside\n")
                time.sleep(600)

            os.fsync = stop_here
            action()
        finally:
            os._exit(3)
    os.close(write_end)
    said = os.read(read_end, 100)
    os.close(read_end)
    assert said == b"inside\n", "the writer never reached atomic_write"
    return pid


def _kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def test_is_a_temp_file_left_by_kill_9_inside_atomic_write_gone_after_the_next_load(tmp_path: Path) -> None:
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_R_DESC", "vanha vastaus")
    old = store.path.read_bytes()
    _kill(_stop_inside_atomic_write(tmp_path, lambda: store.set("W1_R_DESC", "uusi vastaus, jota ei kuitattu")))
    [stray] = store.temp_files()
    assert stray.name.startswith(".viikko1.") and stray.name.endswith(".tmp")
    assert "uusi vastaus" in stray.read_text(encoding="utf-8")  # the whole new payload, never renamed
    assert store.path.read_bytes() == old  # the answers file is the old one, whole

    graded = AnswerStore("viikko1", tmp_path, read_only=True).load()  # grading sweeps nothing
    assert graded.entries["W1_R_DESC"]["value"] == "vanha vastaus" and stray.exists()

    loaded = AnswerStore("viikko1", tmp_path).load()
    assert loaded.problem is None and loaded.entries["W1_R_DESC"]["value"] == "vanha vastaus"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["viikko1.answers.json"]


def test_is_a_temp_file_left_by_a_killed_upload_gone_after_the_next_load(tmp_path: Path) -> None:
    store = AnswerStore("esimerkki", tmp_path)
    store.set("W0_R_DESC", "teksti")
    _kill(_stop_inside_atomic_write(tmp_path, lambda: store_image(store, "E_RESPONSE", "kuva.png", PNG)))
    [stray] = store.temp_files()
    assert stray.name.startswith(".upload.")
    AnswerStore("esimerkki", tmp_path).load()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["esimerkki.answers.json"]


def test_does_collect_never_carry_a_temp_file_of_a_killed_write(tmp_path: Path) -> None:
    """What collect copies (copy_regular_tree with TEMP_PATTERNS): the answers, never a killed write's temp."""
    folder = tmp_path / "viikko1"
    store = AnswerStore("viikko1", folder)
    store.set("W1_R_DESC", "vanha vastaus")
    _kill(_stop_inside_atomic_write(folder, lambda: store.set("W1_R_DESC", "uusi, kesken jäänyt")))
    _kill(_stop_inside_atomic_write(folder, lambda: store_image(store, "W1_KUVA", "kuva.png", PNG)))
    sub = folder / "liitteet"
    sub_store = AnswerStore("liite", sub)
    sub_store.set("X", 1)
    _kill(_stop_inside_atomic_write(sub, lambda: sub_store.set("X", 2)))
    strays = [p.relative_to(folder).as_posix() for p in [*store.temp_files(), *sub_store.temp_files()]]
    assert len(strays) == 3

    report = copy_regular_tree(folder, tmp_path / "collected", exclude=TEMP_PATTERNS)
    copied = sorted(p.relative_to(tmp_path / "collected").as_posix()
                    for p in (tmp_path / "collected").rglob("*") if p.is_file())
    assert copied == ["liitteet/liite.answers.json", "viikko1.answers.json"]
    assert sorted(report.skipped) == sorted(strays) and report.refused == []
    assert AnswerStore("viikko1", tmp_path / "collected", read_only=True).values() == {"W1_R_DESC": "vanha vastaus"}


def test_does_saving_leave_another_kernels_upload_in_progress_alone(tmp_path: Path) -> None:
    """Two tabs on one notebook: one is writing an uploaded image when the other saves an answer. The save
    sweeps temp files of killed writes; it must not take the live upload's temp file from under it."""
    store = AnswerStore("esimerkki", tmp_path)
    store.set("W0_R_DESC", "teksti")
    result_read, result_write = os.pipe()
    go_read, go_write = os.pipe()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the uploading tab: stops after writing the temp file until the other tab has saved
        try:
            real_fsync = os.fsync
            stopped = []

            def pause_once(fd: int) -> None:
                real_fsync(fd)
                if not stopped:
                    stopped.append(fd)
                    os.write(write_end, b"inside\n")
                    os.read(go_read, 1)

            os.fsync = pause_once
            try:
                ref = store_image(store, "E_RESPONSE", "kuva.png", PNG)
                os.write(result_write, ("ok " + ref["file"]).encode())
            except Exception as exc:
                os.write(result_write, f"failed {type(exc).__name__}: {exc}".encode())
        finally:
            os._exit(0)
    for fd in (go_read, result_write, write_end):
        os.close(fd)
    try:
        assert os.read(read_end, 100) == b"inside\n"
        AnswerStore("esimerkki", tmp_path).set("W0_SA1", 3)  # the other tab saves meanwhile
        os.write(go_write, b"g")
        result = os.read(result_read, 1000).decode()
    finally:
        os.waitpid(pid, 0)
        for fd in (go_write, result_read, read_end):
            os.close(fd)
    assert result.startswith("ok "), f"the upload failed: {result}"
    assert (tmp_path / result.removeprefix("ok ")).read_bytes() == PNG
    assert AnswerStore("esimerkki", tmp_path).values() == {"W0_R_DESC": "teksti", "W0_SA1": 3}


def test_are_temp_files_swept_for_a_notebook_id_with_glob_characters(tmp_path: Path) -> None:
    """A notebook id is a plain name, and ``[``, ``*`` and ``?`` are plain characters in it."""
    store = AnswerStore("viikko[1]", tmp_path)
    store.set("A", 1)
    _kill(_stop_inside_atomic_write(tmp_path, lambda: store.set("A", 2)))
    assert len(store.temp_files()) == 1
    assert AnswerStore("viikko[1]", tmp_path).load().entries["A"]["value"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["viikko[1].answers.json"]


# -- what was acknowledged can always be read back -------------------------------------------------

def test_is_a_save_that_would_make_the_file_too_large_to_read_refused(tmp_path: Path) -> None:
    """The reader refuses files over MAX_BYTES; a save that would write one must fail, not be acknowledged
    and then cost the participant every answer at the next load."""
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_R_DESC", "tärkeä vastaus")
    before = store.path.read_bytes()
    with pytest.raises(OSError):
        store.set("W1_R_FEEL", "x" * (MAX_BYTES + 1))
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["viikko1.answers.json"]
    loaded = AnswerStore("viikko1", tmp_path).load()
    assert loaded.problem is None and loaded.entries["W1_R_DESC"]["value"] == "tärkeä vastaus"
    store.set("W1_R_FEEL", "x" * (MAX_BYTES // 2))  # large but readable: saved and read back
    assert AnswerStore("viikko1", tmp_path).values()["W1_R_FEEL"] == "x" * (MAX_BYTES // 2)


def test_is_a_file_saved_with_a_byte_order_mark_read_as_it_is(tmp_path: Path) -> None:
    """Windows Notepad saves UTF-8 with a byte order mark: a hand-edited but valid file keeps its answers."""
    store = AnswerStore("viikko1", tmp_path)
    store.set("W1_R_DESC", "Kävin neuvonnassa.")
    store.set("W1_SA1", 4)
    store.path.write_bytes(b"\xef\xbb\xbf" + store.path.read_bytes().replace(b"\n", b"\r\n"))
    loaded = AnswerStore("viikko1", tmp_path).load()
    assert loaded.problem is None
    assert {k: e["value"] for k, e in loaded.entries.items()} == {"W1_R_DESC": "Kävin neuvonnassa.", "W1_SA1": 4}
    store.set("W1_SA2", 2)
    assert AnswerStore("viikko1", tmp_path).values() == {"W1_R_DESC": "Kävin neuvonnassa.", "W1_SA1": 4,
                                                         "W1_SA2": 2}
