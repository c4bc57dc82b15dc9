"""valmennus.answers: the file that must never lose an answer."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from valmennus.answers import AnswerStore, ReadOnlyStore, answers_filename, grading_mode


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


def _acknowledged(fd: int) -> list[int]:
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    return [int(n) for n in data.split()]


def test_does_kill_9_at_hundreds_of_random_moments_keep_every_acknowledged_answer(tmp_path: Path) -> None:
    """A forked writer killed 300 times, 0-12 ms into its loop: the file always parses, and every answer
    any writer was told was saved is there (each round writes its own item, so earlier rounds are checked too)."""
    rng = random.Random(2026)
    acked_by_round: dict[str, int] = {}
    for round_no in range(300):
        item_id = f"KIERROS_{round_no}"
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer: save, then acknowledge, forever
            os.close(read_end)
            try:
                store = AnswerStore("viikko1", tmp_path, read_only=False)
                i = 0
                while True:
                    i += 1
                    store.set(item_id, i)
                    os.write(write_end, b"%d\n" % i)
            finally:
                os._exit(0)
        os.close(write_end)
        time.sleep(rng.uniform(0, 0.012))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acked = _acknowledged(read_end)
        os.close(read_end)
        acked_by_round[item_id] = acked[-1] if acked else 0
        saved = AnswerStore("viikko1", tmp_path, read_only=True).load()
        assert saved.problem is None, f"round {round_no}: {saved.problem}"
        for earlier, count in acked_by_round.items():
            if count:
                assert saved.entries[earlier]["value"] >= count, (round_no, earlier)


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
