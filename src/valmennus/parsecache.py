"""Parsed package files kept as JSON in the user's cache, keyed by the text they were parsed from.

Every kernel of a participant's week reads the item bank (eleven YAML files) and the message catalog
(a ``.po``) before it can show a widget: PyYAML's constructor and Babel's ``read_po`` are pure Python
and cost about 60 and 15 ms a process, which a participant waits for on every opening of a week.
The standard library's JSON parser reads the same records in about a millisecond.

So the parse result is kept in ``<user cache>/valmennus/<kind>-<sha256 of the text>.json`` (``kind`` names
one file, and a new text of it replaces the old one's entry):

- **Never stale:** the key is the hash of the exact text read now, so an edited file is parsed again,
  and nothing needs building or shipping (what is edited is what runs, as before).
- **Never trusted for more than a parse:** JSON, not pickle, so a cache file can hold data only; a
  file that does not parse, or holds something else than was stored, is ignored and rewritten.
- **Never in the way:** a read-only or missing home just means parsing every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "VALMENNUS_CACHE_DIR"  # an override (tests; a hub whose homes are read-only)


def cache_dir() -> Path:
    """``$VALMENNUS_CACHE_DIR``, else the platform's user cache (``~/.cache/valmennus`` on Linux)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("valmennus", appauthor=False))


def parsed(kind: str, text: str | bytes, parse: Callable[[], Any]) -> Any:
    """``parse()``'s result for ``text``, from the cache when ``text`` was parsed before.

    ``parse`` must return JSON data (dicts, lists, strings, numbers, booleans, None) that survives a
    round trip unchanged; a result that does not is returned as it is and not cached.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    path = cache_dir() / f"{kind}-{hashlib.sha256(data).hexdigest()}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    value = parse()
    try:
        encoded = json.dumps({"value": value}, ensure_ascii=False)
        if json.loads(encoded)["value"] != value:
            return value  # tuples, dates, ...: not JSON data; parsed every time
    except (TypeError, ValueError):
        return value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".", suffix=".tmp",
                                         delete=False) as fh:
            fh.write(encoded)
        os.replace(fh.name, path)  # whole or not at all: two kernels may write it at once
        for older in path.parent.glob(f"{kind}-*.json"):  # what an earlier text of the same file left
            if older != path and len(older.name) == len(path.name):
                older.unlink(missing_ok=True)
    except OSError:
        pass
    return value
