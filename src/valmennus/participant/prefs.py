"""The participant's own choices, kept in their home: the language and the feedback pages read.

One small JSON file (``~/.valmennus/asetukset.json``, ``ParticipantApp.settings_dir``), written atomically
(``answers.atomic_write``: a crash leaves the old file or the new one). A file that cannot be read is
no reason to fail a page: it reads as the defaults (Finnish unless the course says otherwise, nothing
read), and the next choice writes a good file over it.

The language is the server's: one participant per server, so the chosen language is also set as
``VALMENNUS_LANG`` in the server's environment (``apply_language``), which the answer widgets of every
week opened afterwards (their kernels inherit it) and the completion checks run here read.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..answers import atomic_write
from ..i18n import current_language
from ..options import LANGUAGES, Valmennus, env_name
from ..safefiles import read_regular

FILE = "asetukset.json"
MAX_BYTES = 256 * 1024
MAX_READ = 500  # feedback pages remembered as read (a course has eight weeks; resubmissions add a few)


@dataclass
class Prefs:
    language: str | None = None  # None: the course's language
    read_feedback: list[str] = field(default_factory=list)


def load(folder: Path) -> Prefs:
    try:
        data = json.loads(read_regular(folder / FILE, MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return Prefs()
    if not isinstance(data, dict):
        return Prefs()
    lang = data.get("language")
    read = data.get("read_feedback")
    return Prefs(language=lang if lang in LANGUAGES else None,
                 read_feedback=[r for r in read if isinstance(r, str)][-MAX_READ:] if isinstance(read, list) else [])


def save(folder: Path, prefs: Prefs) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = json.dumps({"language": prefs.language, "read_feedback": prefs.read_feedback[-MAX_READ:]},
                         ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write(folder / FILE, payload)


def set_language(folder: Path, lang: str) -> Prefs:
    if lang not in LANGUAGES:
        raise ValueError(f"not a course language: {lang!r}")
    prefs = load(folder)
    prefs.language = lang
    save(folder, prefs)
    apply_language(prefs)
    return prefs


def mark_read(folder: Path, feedback_id: str) -> None:
    prefs = load(folder)
    if feedback_id not in prefs.read_feedback:
        prefs.read_feedback.append(feedback_id)
        save(folder, prefs)


def apply_language(prefs: Prefs) -> None:
    """The chosen language, else the course's, for everything this server runs from now on (module doc).

    Set even when nothing is chosen: a kernel that finds the language in its environment never runs the
    course's nbgrader_config.py to learn it (that file imports nbgrader: about 2 s more before a week's
    widgets appear)."""
    os.environ[env_name(Valmennus, "language")] = prefs.language or current_language()
