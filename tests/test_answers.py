"""valmennus.answers: the file that must never lose an answer."""

from __future__ import annotations

import json
import os
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
