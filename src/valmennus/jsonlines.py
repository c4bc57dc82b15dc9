"""The course's logs as JSON lines: one object a line, appended, read back tolerating a torn line.

Reminders, intake refusals and other facilitator logs use this one format, so a crash mid-append
(a torn last line) never stops the reader, and a privacy erase can filter every log the same way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def read_jsonl(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every well-formed object in the file; a missing file is empty, a torn or odd line is skipped."""
    path = Path(path)
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def append_jsonl(path: str | os.PathLike[str], entries: Iterable[dict[str, Any]]) -> None:
    """Append ``entries`` in one write (so two writers interleave whole lines, not halves)."""
    text = "".join(json.dumps(e, ensure_ascii=False, default=str) + "\n" for e in entries)
    if text:
        with open(path, "a", encoding="utf-8") as log:
            log.write(text)
