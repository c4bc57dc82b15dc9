"""What a participant shares with her group, read from her own answers files (in her own server).

For every share choice of a week (``items.share_items``) set to "under my name" or "under a nickname"
(``items.is_shared``), the answer it names goes to the wall: its text and, for a picture answer, the
picture's bytes, checked again as the upload widget checks them (``uploads.check_image``: size and
type from the bytes). Nothing else of the answers file ever leaves her server; a choice of "not
shared" sends nothing, so the wall drops what it had.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..answers import AnswerStore
from ..items import Item, bank, is_shared, share_items, valid_value
from ..safefiles import read_regular
from ..uploads import MAX_BYTES, UploadRefused, check_image, image_path

MAX_TEXT = 20_000


@dataclass(frozen=True)
class Shared:
    """One shared answer: the item shared, how she is named (``name`` or ``nickname``), its words and picture."""

    item: str
    mode: str
    nickname: str
    text: str
    image: bytes | None = None
    image_type: str = ""

    def digest(self) -> str:
        values = asdict(self) | {"image": hashlib.sha256(self.image).hexdigest() if self.image else ""}
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def _text_and_image(answer: Any, folder: Path) -> tuple[str, bytes | None, str]:
    if isinstance(answer, str):
        return answer[:MAX_TEXT], None, ""
    if not isinstance(answer, dict):
        return str(answer)[:MAX_TEXT], None, ""
    text = str(answer.get("text") or "")[:MAX_TEXT]
    ref = answer.get("image") if answer.get("mode") == "image" else None
    if isinstance(ref, dict):
        path = image_path(folder, ref)
        if path is not None:
            try:
                content = read_regular(path, MAX_BYTES)
                mime, _ = check_image(path.name, content)
                return text, content, mime
            except (OSError, UploadRefused):
                pass
    return text, None, ""


def shared_answers(folder: Path, week: str) -> Iterator[tuple[Item, dict[str, Any], Any]]:
    """(shared item, share choice, answer) for each answer of ``folder``'s answers files that a share
    choice of ``week`` lets the group see; nothing else is read out of them."""
    items, shares = bank(), share_items(week)
    for answers_file in sorted(folder.glob("*.answers.json")):
        values = AnswerStore(answers_file.name.removesuffix(".answers.json"), folder, read_only=True).values()
        for share in shares:
            choice, target = values.get(share.id), items.get(share.extra["shares"])
            answer = values.get(target.id) if target is not None else None
            if target is None or not is_shared(choice) or answer is None or not valid_value(target, answer):
                continue
            yield target, choice, answer


def shared_in(folder: Path, week: str) -> list[Shared]:
    """What the answers files of ``folder`` (her fetched week) share on ``week``'s wall."""
    found: dict[str, Shared] = {}
    for target, choice, answer in shared_answers(folder, week):
        text, image, mime = _text_and_image(answer, folder)
        if text.strip() or image is not None:
            found[target.id] = Shared(target.id, choice["mode"], str(choice.get("nickname", "")).strip(), text,
                                      image, mime)
    return [found[key] for key in sorted(found)]


def week_digest(shared: list[Shared]) -> str:
    """One value for everything shared on a week: a push is needed only when it changes."""
    return hashlib.sha256("|".join(s.digest() for s in shared).encode()).hexdigest()
