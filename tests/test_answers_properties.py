"""Properties of the answers store and of every item kind's validation, over generated inputs (hypothesis).

* Any JSON value under any item id (empty, dots, slashes, NUL, 100 000 characters) comes back as saved.
* Text that UTF-8 cannot encode (a lone surrogate) is refused loudly: the save raises, the widget says
  it was not saved, and the file stays as it was. The file stays strict UTF-8 for every reader.
* Whatever lies in the file (any prefix of a valid file, random bytes, JSON of the wrong shape, values
  nested thousands deep, hand-edited escapes), ``load()`` never raises, an unreadable file is moved
  aside and never deleted (except while grading, when nothing moves), and the store keeps working.
* Every item kind's ``valid_value`` never raises on any JSON-like value, and accepts whatever its widget
  saves: what the status line calls saved is what the file holds and what the widget shows on reopening.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from valmennus.answers import FORMAT, MAX_BYTES, AnswerStore, answers_filename
from valmennus.items import Item, bank, is_answered, valid_value
from valmennus.kinds.base import MAX_TEXT_CHARS
from valmennus.safefiles import TEMP_PATTERNS, copy_regular_tree
from valmennus.widgets import WIDGET_FOR_KIND, AnswerWidget, Reflection, Response
from valmennus.widgets.radiogroup import RadioGroup

from .browser.images import drawing_png

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAVED = "Tallennettu"
NOT_SAVED = "Tallennus epäonnistui"
PNG = drawing_png()


@contextmanager
def _folder() -> Iterator[Path]:
    """A fresh folder per example (hypothesis reruns the test body; pytest's tmp_path would be shared)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- strategies ------------------------------------------------------------------------------------

text = st.text(alphabet=st.characters(codec="utf-8"))  # any character UTF-8 can encode
surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=())
with_surrogate = st.tuples(text, surrogate, text).map("".join)  # at least one lone surrogate
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
           | text)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(text, inner, max_size=4), max_leaves=15)
ODD_IDS = ["", ".", "..", "../../etc/passwd", "a/b", "a\\b", "\0", "a\0b", "W1.SA1", " ", "\n", "äöå",
           "\u202e", "😀", "format", "answers", "__proto__", "x" * 100_000]
item_ids = st.sampled_from(ODD_IDS) | text


# -- round trip ------------------------------------------------------------------------------------

@SETTINGS
@given(st.lists(st.tuples(item_ids, json_values), max_size=6))
def test_does_every_saved_value_come_back_under_any_item_id(saves: list[tuple[str, Any]]) -> None:
    with _folder() as folder:
        store = AnswerStore("viikko1", folder)
        expected: dict[str, Any] = {}
        for item_id, value in saves:
            store.set(item_id, value)
            expected[item_id] = value
        reopened = AnswerStore("viikko1", folder).load()
        assert reopened.problem is None
        assert {k: e["value"] for k, e in reopened.entries.items()} == expected
        assert _names(folder) == (["viikko1.answers.json"] if saves else [])


@pytest.mark.parametrize("chars", [MAX_TEXT_CHARS, 1_000_000, MAX_BYTES // 4, MAX_BYTES - 200, MAX_BYTES + 1])
@pytest.mark.parametrize("letter", ["a", "ä", "😀"])
def test_is_very_long_text_saved_and_read_back_or_refused_with_the_file_intact(chars: int, letter: str) -> None:
    """Saved means readable: a text is either saved and read back, or refused before the file is touched.
    (The reader refuses files over MAX_BYTES, so an acknowledged save must never make one.)"""
    with _folder() as folder:
        store = AnswerStore("viikko1", folder)
        store.set("W1_SA1", 4)
        before = store.path.read_bytes()
        long_text = letter * chars
        try:
            store.set("W1_R_DESC", long_text)
        except OSError:
            assert len(long_text.encode("utf-8")) > MAX_BYTES - 1000  # refused only when the file would be too large
            assert store.path.read_bytes() == before and _names(folder) == ["viikko1.answers.json"]
            expected = {"W1_SA1": 4}
        else:
            expected = {"W1_SA1": 4, "W1_R_DESC": long_text}
        loaded = AnswerStore("viikko1", folder).load()
        assert loaded.problem is None
        assert {k: e["value"] for k, e in loaded.entries.items()} == expected
        store.set("W1_SA2", 1)  # and the store keeps working
        assert AnswerStore("viikko1", folder).values() == {**expected, "W1_SA2": 1}


# -- text UTF-8 cannot encode --------------------------------------------------------------------------

@SETTINGS
@given(with_surrogate, st.booleans())
@example("\ud83d", False)  # half of an emoji
@example("a\udc80b", True)
def test_is_a_lone_surrogate_refused_loudly_with_the_file_intact(bad: str, as_item_id: bool) -> None:
    with _folder() as folder:
        store = AnswerStore("viikko1", folder)
        store.set("W1_R_DESC", "Aiempi vastaus")
        before = store.path.read_bytes()
        with pytest.raises(ValueError):
            store.set(bad, "arvo") if as_item_id else store.set("W1_R_FEEL", bad)
        assert store.path.read_bytes() == before
        assert _names(folder) == ["viikko1.answers.json"]  # no temp file either
        store.set("W1_SA1", 3)
        assert AnswerStore("viikko1", folder).values() == {"W1_R_DESC": "Aiempi vastaus", "W1_SA1": 3}


@FEW
@given(with_surrogate)
def test_does_a_widget_say_so_when_its_text_cannot_be_saved(bad: str) -> None:
    with _folder() as folder:
        store = AnswerStore("viikko1", folder)
        widget = Reflection(store, bank()["W1_R_DESC"])
        widget.control.value = "Hyvä alku."
        before = store.path.read_bytes()
        widget.control.value = bad
        assert SAVED not in widget.status.value and NOT_SAVED in widget.status.value
        assert widget.control.value == bad  # the text stays on screen
        assert store.path.read_bytes() == before
        widget.control.value = "Korjattu teksti."
        assert SAVED in widget.status.value
        assert AnswerStore("viikko1", folder).values() == {"W1_R_DESC": "Korjattu teksti."}


# -- whatever is in the file -------------------------------------------------------------------------

def _valid_file() -> bytes:
    with _folder() as folder:
        store = AnswerStore("viikko1", folder)
        store.set("W1_R_DESC", "Kävin Kelan sivuilla 😀 ja \"lainasin\" ohjetta.\n")
        store.set("W1_SA1", 4)
        store.set("W1_QUIZ", {"chosen": ["b"], "correct": True})
        return store.path.read_bytes()


VALID = _valid_file()
hand_text = st.text(alphabet=st.characters(exclude_categories=()))  # surrogates too: JSON can escape them
hand_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | hand_text,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hand_text, inner, max_size=3),
                           max_leaves=12)
shaped = st.fixed_dictionaries(
    {"format": st.just(FORMAT) | hand_values, "notebook": st.sampled_from(["viikko1", "viikko2", None]) | hand_values,
     "answers": hand_values | st.dictionaries(hand_text, hand_values | st.fixed_dictionaries(
         {"value": hand_values}, optional={"saved_at": hand_values}), max_size=4)},
    optional={"version": hand_values})


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _with_entry(value_json: str) -> bytes:
    return ('{"format": "valmennus-answers", "notebook": "viikko1", "answers": {"W1_SA1": {"value": 4}, '
            f'"X": {{"value": {value_json}}}}}}}').encode()


damaged = st.one_of(
    st.integers(0, len(VALID) - 1).map(lambda n: VALID[:n]),  # truncated anywhere
    st.binary(max_size=300),
    hand_values.map(lambda v: json.dumps(v).encode()),  # JSON of any shape
    shaped.map(lambda d: json.dumps(d).encode()),  # nearly an answers file
    shaped.map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.integers(0, 100_000).map(lambda n: _nested(n).encode()),
    st.integers(0, 5_000).map(lambda n: _with_entry(_nested(n))),
)
HAND_EXAMPLES = [b"", b"\xef\xbb\xbf", VALID[:-1], VALID.replace(b"4", b"\"4\""), _nested(100_000).encode(),
                 _with_entry(_nested(990)), _with_entry(_nested(3000)), _with_entry('"\\ud83d"'),
                 _with_entry('{"\\udc00": 1}'), _with_entry("1" * 5000)]


def _examples(*contents: bytes) -> Any:
    def decorate(test: Any) -> Any:
        for content in reversed(contents):
            test = example(content)(test)
        return test
    return decorate


@SETTINGS
@given(damaged)
@_examples(*HAND_EXAMPLES)
def test_does_any_file_content_load_without_raising_and_is_never_deleted(content: bytes) -> None:
    with _folder() as folder:
        path = folder / answers_filename("viikko1")
        path.write_bytes(content)
        loaded = AnswerStore("viikko1", folder).load()
        if loaded.problem is None:  # readable: left in place as it was, with its well-formed entries
            assert path.read_bytes() == content
            assert all(isinstance(e, dict) and "value" in e for e in loaded.entries.values())
        else:  # unreadable: moved aside whole, never deleted
            assert loaded.problem == "answers_corrupt_moved" and loaded.entries == {}
            assert loaded.moved_to is not None and loaded.moved_to.read_bytes() == content
            assert _names(folder) == [loaded.moved_to.name]
        kept = {k: e["value"] for k, e in loaded.entries.items()}
        # The store keeps working, and a write keeps every entry the load returned (NaN too: compared as JSON).
        AnswerStore("viikko1", folder).set("W1_R_DESC", "Uusi vastaus")
        after = AnswerStore("viikko1", folder).values()
        assert json.dumps(after, sort_keys=True) == json.dumps({**kept, "W1_R_DESC": "Uusi vastaus"}, sort_keys=True)


@SETTINGS
@given(damaged)
@_examples(*HAND_EXAMPLES)
def test_does_grading_read_any_file_content_without_raising_or_moving_it(content: bytes) -> None:
    with _folder() as folder:
        path = folder / answers_filename("viikko1")
        path.write_bytes(content)
        loaded = AnswerStore("viikko1", folder, read_only=True).load()
        assert loaded.problem in (None, "answers_corrupt_grading")
        assert _names(folder) == ["viikko1.answers.json"] and path.read_bytes() == content


ITEMS_BY_KIND: dict[str, list[Item]] = {}
for _item in bank().values():
    ITEMS_BY_KIND.setdefault(_item.kind, []).append(_item)
BANK_KINDS = sorted(ITEMS_BY_KIND)


@pytest.mark.parametrize("kind", BANK_KINDS)
@FEW
@given(data=st.data(), content=damaged)
def test_does_any_file_content_leave_every_widget_working(kind: str, data: st.DataObject, content: bytes) -> None:
    """A hand-edited file never crashes a participant's widget, and the next change is saved."""
    item = data.draw(st.sampled_from(ITEMS_BY_KIND[kind]))
    hand_value = data.draw(hand_values)
    with _folder() as folder:
        path = folder / answers_filename(item.week)
        path.write_bytes(content if data.draw(st.booleans()) else json.dumps(
            {"format": FORMAT, "notebook": item.week, "answers": {item.id: {"value": hand_value}}}).encode())
        store = AnswerStore(item.week, folder)
        widget = WIDGET_FOR_KIND[kind](store, item)
        before = widget.current_value()
        _act(widget, data, 1)
        value = widget.current_value()
        if value != before and value is not None and valid_value(item, value):
            assert SAVED in widget.status.value, widget.status.value
            assert AnswerStore(item.week, folder).values()[item.id] == value


# -- every item kind's validation ------------------------------------------------------------------

def _shaped_for(item: Item) -> st.SearchStrategy[Any]:
    """Values near the kind's own shape, where a validation bug would hide."""
    option_ids = [o.id for o in item.options] or ["a"]
    near_ids = st.lists(st.sampled_from(option_ids) | hand_values, max_size=4)
    keys = st.sampled_from(["chosen", "correct", "score", "mode", "text", "image", "nickname", "why_not_lower",
                            "what_would_raise", "file", "type", "size"])
    image = st.fixed_dictionaries({}, optional={"file": st.just("viikko1.upload.x.abc123.png") | hand_values,
                                                "type": st.just("image/png") | hand_values,
                                                "size": st.integers(-2, 10**10) | hand_values})
    return st.one_of(
        near_ids, st.sampled_from(option_ids), st.integers(-2, 12), st.just("cant_say"),
        st.dictionaries(keys, hand_values | near_ids | image | st.sampled_from(
            ["text", "image", "none", "name", "nickname", None, True]) | st.integers(-1, 11), max_size=5),
    )


def test_does_the_bank_use_every_kind() -> None:
    assert set(BANK_KINDS) == set(WIDGET_FOR_KIND)


@pytest.mark.parametrize("kind", BANK_KINDS)
@SETTINGS
@given(data=st.data())
def test_does_validation_never_raise_on_any_value(kind: str, data: st.DataObject) -> None:
    item = data.draw(st.sampled_from(ITEMS_BY_KIND[kind]))
    value = data.draw(hand_values | _shaped_for(item))
    assert isinstance(valid_value(item, value), bool)
    assert isinstance(is_answered(item, value), bool)


long_texts = st.integers(MAX_TEXT_CHARS - 2, MAX_TEXT_CHARS + 2).map(lambda n: "sana " * (n // 5) + "x" * (n % 5))
typed = text | long_texts | st.sampled_from(["", " ", "   \n", "<b>lihavoitu</b>", "Nimimerkki" * 5])


def _act(widget: AnswerWidget, data: st.DataObject, steps: int) -> None:
    """``steps`` things a participant can do in the browser: pick an option, tick a box, type, upload."""
    controls: list[Any] = list(widget.watched())
    if isinstance(widget, Response):
        controls.append("upload")
    for _ in range(steps):
        control = data.draw(st.sampled_from(controls))
        if control == "upload":
            widget.upload.set_state({"value": [{"name": "piirros.png", "type": "image/png", "size": len(PNG),
                                                "content": memoryview(PNG), "last_modified": 1_763_900_000_000}]})
        elif isinstance(control, RadioGroup):  # a browser can pick an option, never clear one
            control.value = data.draw(st.sampled_from([value for _, value in control.options]))
        elif isinstance(control, w.Checkbox):
            control.value = data.draw(st.booleans())
        else:
            control.value = data.draw(typed)


MISSING = object()


@pytest.mark.parametrize("kind", BANK_KINDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_does_validation_accept_what_the_widget_saves(kind: str, data: st.DataObject) -> None:
    """After every change: if the status says saved, the file holds exactly what the widget would save
    now, and validation accepts it; if the file differs from the screen, the status says not saved.
    Reopened, the widget shows what was saved."""
    item = data.draw(st.sampled_from(ITEMS_BY_KIND[kind]))
    with _folder() as folder:
        store = AnswerStore(item.week, folder)
        widget = WIDGET_FOR_KIND[kind](store, item)
        untouched = widget.current_value()  # what the screen holds before any answer ([] for a checklist)
        for _ in range(data.draw(st.integers(1, 6))):
            _act(widget, data, 1)
            on_screen = widget.current_value()
            saved = AnswerStore(item.week, folder, read_only=True).values().get(item.id, MISSING)
            if saved is not MISSING:
                assert valid_value(item, saved), saved
            in_step = saved == on_screen or (saved is MISSING and on_screen in (None, untouched))
            if SAVED in widget.status.value:
                assert in_step, (widget.status.value, saved, on_screen)
            if not in_step:
                assert NOT_SAVED in widget.status.value, (widget.status.value, saved, on_screen)
        saved = AnswerStore(item.week, folder, read_only=True).values().get(item.id, MISSING)
        reopened = WIDGET_FOR_KIND[kind](store, item)
        assert not reopened.invalid_saved
        assert reopened.current_value() == (untouched if saved is MISSING else saved)


def test_does_emptying_a_ruler_remove_what_it_had_saved() -> None:
    """Found by the property above: a follow-up typed before any score, then erased, stayed in the file
    (and came back on reopening) while the status still said "Tallennettu"."""
    with _folder() as folder:
        store = AnswerStore("esimerkki", folder)
        ruler = WIDGET_FOR_KIND["ruler"](store, bank()["EX_RULER"])
        ruler.follow_ups["why_not_lower"].value = "Koska"
        assert store.values()["EX_RULER"]["why_not_lower"] == "Koska"
        ruler.follow_ups["why_not_lower"].value = ""
        assert ruler.current_value() is None and "EX_RULER" not in store.values()
        assert SAVED in ruler.status.value
        assert WIDGET_FOR_KIND["ruler"](store, bank()["EX_RULER"]).follow_ups["why_not_lower"].value == ""


def test_is_a_text_over_the_limit_not_shown_as_saved() -> None:
    """Found by the property above: 20 001 characters were saved and shown as saved, then read back as
    invalid, so the reopened widget was empty (and the next keystroke overwrote the text in the file)."""
    with _folder() as folder:
        store = AnswerStore("viikko1", folder)
        widget = Reflection(store, bank()["W1_R_DESC"])
        widget.control.value = "Lyhyt alku."
        too_long = "a" * (MAX_TEXT_CHARS + 1)
        widget.control.value = too_long
        assert SAVED not in widget.status.value and NOT_SAVED in widget.status.value
        assert widget.control.value == too_long  # still on screen, to copy or shorten
        assert store.values() == {"W1_R_DESC": "Lyhyt alku."}
        widget.control.value = too_long[:-1]
        assert SAVED in widget.status.value
        assert Reflection(store, bank()["W1_R_DESC"]).control.value == too_long[:-1]


# -- temp files never travel -----------------------------------------------------------------------

notebook_ids = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\\\0"), min_size=1,
                       max_size=40).filter(lambda s: not s.startswith("."))


@FEW
@given(notebook_ids)
@example("viikko[1]")
@example("*")
@example("a?b")
def test_is_every_temp_file_name_of_atomic_write_swept_and_never_collected(notebook_id: str) -> None:
    with _folder() as root:
        folder = root / "tehtava"
        store = AnswerStore(notebook_id, folder)
        store.set("A", 1)
        # what a write killed between its temp file and the rename leaves, named as atomic_write names it
        fd, stray = tempfile.mkstemp(dir=folder, prefix=f".{notebook_id}.", suffix=".tmp")
        os.close(fd)
        assert Path(stray) in store.temp_files()
        report = copy_regular_tree(folder, root / "kerätty", exclude=TEMP_PATTERNS)
        assert report.copied == [answers_filename(notebook_id)]
        assert report.skipped == [Path(stray).name]
        AnswerStore(notebook_id, folder).load()
        assert _names(folder) == [answers_filename(notebook_id)]
