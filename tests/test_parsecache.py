"""valmennus.parsecache: parsed files come back from the cache only for the very text they came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from valmennus import i18n, items
from valmennus.parsecache import CACHE_ENV, parsed


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_is_a_text_parsed_once_and_an_edited_text_again(cache: Path) -> None:
    calls: list[str] = []

    def parse(text: str) -> dict[str, list[str]]:
        calls.append(text)
        return {"words": text.split()}

    assert parsed("demo", "a b", lambda: parse("a b")) == {"words": ["a", "b"]}
    assert parsed("demo", "a b", lambda: parse("a b")) == {"words": ["a", "b"]}
    assert calls == ["a b"]
    assert parsed("demo", "a b c", lambda: parse("a b c")) == {"words": ["a", "b", "c"]}
    assert calls == ["a b", "a b c"]
    assert len(list(cache.glob("demo-*.json"))) == 1  # the new text replaced the old one's entry


def test_is_a_broken_or_foreign_cache_file_ignored_and_rewritten(cache: Path) -> None:
    parsed("demo", "x", lambda: ["x"])
    (path,) = cache.glob("demo-*.json")
    for bad in ("{not json", json.dumps(["no", "value", "key"]), ""):
        path.write_text(bad, encoding="utf-8")
        assert parsed("demo", "x", lambda: ["x"]) == ["x"]
        assert json.loads(path.read_text(encoding="utf-8")) == {"value": ["x"]}


def test_is_what_json_cannot_hold_returned_and_not_cached(cache: Path) -> None:
    assert parsed("demo", "t", lambda: ("a", "b")) == ("a", "b")
    assert not list(cache.glob("demo-*.json"))


def test_does_an_unwritable_cache_only_mean_parsing_every_time(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert parsed("demo", "y", lambda: {"y": 1}) == {"y": 1}


def test_are_the_bank_and_the_catalog_the_same_from_the_cache(cache: Path) -> None:
    """A process reading the cache sees exactly what a process parsing the files sees."""
    def fresh() -> tuple[dict[str, items.Item], dict[str, object], str, str]:
        items.bank.cache_clear()
        i18n._language.cache_clear()
        lang = i18n._language("fi")
        return items.bank(), dict(lang.texts), i18n.tn("words", 1, "fi"), i18n.t("words", "fi", n=3)

    try:
        parsed_first = fresh()
        assert {p.name.split("-")[0] for p in cache.glob("*.json")} == {"items", "catalog"}
        assert fresh() == parsed_first
    finally:
        items.bank.cache_clear()
        i18n._language.cache_clear()
