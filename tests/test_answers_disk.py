"""A full disk and a read-only folder, for real: a 64 kB tmpfs mounted for the test (root only).

The participant drives the real widgets, as in test_widgets.py. Whatever the disk does, the status
line never says "Tallennettu" for an answer that was not written: it says the save failed, the text
stays on screen, the earlier file stays whole, and the next change after the disk recovers saves it.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest

from valmennus.answers import AnswerStore, answers_filename
from valmennus.items import Item, for_week, get
from valmennus.widgets import WIDGET_FOR_KIND, AnswerWidget, Reflection, Scale
from valmennus.widgets.radiogroup import RadioGroup

SAVED = "Tallennettu"
NOT_SAVED = "Tallennus epäonnistui"
SIZE = "64k"


class SmallDisk:
    """A mounted tmpfs of 64 kB that can be filled, emptied, and made read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "taytto.bin"

    def fill(self) -> None:
        """Write until the disk says ENOSPC: not one more block is free."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            for size in (4096, 1):
                while True:
                    try:
                        os.write(fd, b"\0" * size)
                    except OSError as exc:
                        assert exc.errno == errno.ENOSPC, exc
                        break
        finally:
            os.close(fd)
        assert os.statvfs(self.root).f_bavail == 0

    def free(self) -> None:
        self.filler.unlink()

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.root)], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (run the tests as root to check a full disk for real)")
    root = tmp_path / "pieni-levy"
    root.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0755", "tmpfs", str(root)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (no CAP_SYS_ADMIN?): {mounted.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", str(root)], check=True, capture_output=True)


def _file_state(store: AnswerStore) -> tuple[bytes, dict[str, Any]]:
    """The answers file's bytes, and its answers as an independent JSON parser reads them."""
    raw = store.path.read_bytes()
    document = json.loads(raw.decode("utf-8"))
    return raw, {k: e["value"] for k, e in document["answers"].items()}


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def _check_write_fails_honestly(disk: SmallDisk, break_disk: str) -> None:
    store = AnswerStore("viikko1", disk.root)
    reflection = Reflection(store, get("W1_R_DESC"))
    scale = Scale(store, get("W1_SA1"))
    reflection.control.value = "Ensimmäinen versio."
    scale.control.value = 4
    assert SAVED in reflection.status.value and SAVED in scale.status.value
    before, answers = _file_state(store)
    assert answers == {"W1_R_DESC": "Ensimmäinen versio.", "W1_SA1": 4}

    if break_disk == "full":
        disk.fill()
    else:
        disk.remount("ro")
    text = "Ensimmäinen versio. Lisäsin pitkän pohdinnan neuvontatilanteesta, " + "ja vielä lisää " * 400
    for attempt in (text, text + " Yksi sana lisää."):  # every keystroke fails the same honest way
        reflection.control.value = attempt
        assert SAVED not in reflection.status.value  # never a false "saved"
        assert NOT_SAVED in reflection.status.value and "role='alert'" in reflection.status.value
        assert reflection.control.value == attempt  # the text stays on screen
    scale.control.value = 2
    assert SAVED not in scale.status.value and NOT_SAVED in scale.status.value
    assert scale.control.value == 2
    assert _file_state(store) == (before, answers)  # the earlier file is whole and unchanged
    assert _no_temp_files(disk.root)  # a failed write leaves nothing behind (on a full disk, least of all)
    # A cell re-run meanwhile shows what is really saved, and does not crash on the broken disk.
    assert Reflection(store, get("W1_R_DESC")).control.value == "Ensimmäinen versio."

    if break_disk == "full":
        disk.free()
    else:
        disk.remount("rw")
    reflection.control.value = text + " Nyt levyllä on tilaa."
    assert SAVED in reflection.status.value and NOT_SAVED not in reflection.status.value
    assert _file_state(store)[1] == {"W1_R_DESC": text + " Nyt levyllä on tilaa.", "W1_SA1": 4}
    scale.control.value = 3
    assert _file_state(store)[1]["W1_SA1"] == 3
    assert sorted(p.name for p in disk.root.iterdir()) == [answers_filename("viikko1")]


def test_does_a_full_disk_never_show_an_answer_as_saved(small_disk: SmallDisk) -> None:
    _check_write_fails_honestly(small_disk, "full")


def test_does_a_read_only_folder_never_show_an_answer_as_saved(small_disk: SmallDisk) -> None:
    """Root ignores file modes, so the folder is made read-only the way a broken mount is: EROFS."""
    _check_write_fails_honestly(small_disk, "ro")


def _controls(widget: AnswerWidget) -> list[w.ValueWidget]:
    return list(widget.watched())


def _change(control: w.ValueWidget, step: int) -> None:
    """One change a participant can make: another radio option, a toggled box, more text."""
    if isinstance(control, RadioGroup):
        values = [value for _, value in control.options]
        current = values.index(control.value) if control.value in values else 0
        control.value = values[(current + 1 + step % (len(values) - 1)) % len(values)]  # never the same
    elif isinstance(control, w.Checkbox):
        control.value = not control.value
    else:
        control.value = control.value + f" lisäys {step}"


def _every_kind() -> list[Item]:
    seen: dict[str, Item] = {}
    for item in for_week("esimerkki"):
        seen.setdefault(item.kind + ("-multiple" if item.multiple else ""), item)
    return list(seen.values())


@pytest.mark.parametrize("break_disk", ["full", "ro"])
def test_does_every_kind_of_widget_say_so_when_the_disk_refuses(small_disk: SmallDisk, break_disk: str) -> None:
    items = _every_kind()
    assert {item.kind for item in items} == {"text", "likert5", "cando4", "choice", "quiz", "ruler", "checklist",
                                            "share", "response"}
    store = AnswerStore("esimerkki", small_disk.root)
    widgets = [WIDGET_FOR_KIND[item.kind](store, item) for item in items]
    for widget in widgets:
        _change(_controls(widget)[0], 0)
        assert SAVED in widget.status.value, widget.item.id
    before, answers = _file_state(store)

    if break_disk == "full":
        small_disk.fill()
    else:
        small_disk.remount("ro")
    for widget in widgets:
        for step, control in enumerate(_controls(widget), start=1):
            _change(control, step)
            on_screen = widget.current_value()
            assert SAVED not in widget.status.value, (widget.item.id, widget.status.value)
            assert NOT_SAVED in widget.status.value, widget.item.id
            assert on_screen is not None and widget.current_value() == on_screen  # still on screen
    assert _file_state(store) == (before, answers)
    assert _no_temp_files(small_disk.root)

    if break_disk == "full":
        small_disk.free()
    else:
        small_disk.remount("rw")
    for widget in widgets:
        _change(_controls(widget)[0], 7)
        assert SAVED in widget.status.value, widget.item.id
    saved = AnswerStore("esimerkki", small_disk.root).values()
    assert saved == {widget.item.id: widget.current_value() for widget in widgets}
