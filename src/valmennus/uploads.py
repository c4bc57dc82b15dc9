"""Uploaded images: checked, stored beside the answers file under a safe generated name.

The image is a file of the assignment folder, so nbgrader carries it through submit, collect,
autograde and feedback exactly like the answers file, which holds only a reference to it:
``{"file": "<notebook>.upload.<item>.<random>.png", "original": "piirros.png", "type": "image/png",
"size": 12345}``. The type is read from the file's first bytes, never from its name or the browser's
claim, and the participant's file name is kept only as text (escaped wherever shown).
"""

from __future__ import annotations

import base64
import contextlib
import re
import secrets
from pathlib import Path
from typing import Any

from .answers import AnswerStore, ReadOnlyStore, atomic_write
from .safefiles import is_regular, read_regular

MAX_BYTES = 5 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


class UploadRefused(ValueError):
    """An upload we do not keep; ``key`` and ``params`` make the participant's message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def sniff(content: bytes) -> tuple[str, str] | None:
    """(MIME type, extension) of a PNG, JPEG, GIF or WebP image, from its magic bytes; else None."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif", ".gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def display_name(name: str) -> str:
    """The participant's file name without any folder part, short enough to show."""
    base = re.split(r"[\\/]", name or "")[-1].strip() or "kuva"
    return base[:120]


def check_image(name: str, content: bytes) -> tuple[str, str]:
    """Refuse what we do not keep: too large, or not one of the four image types."""
    if len(content) > MAX_BYTES:
        raise UploadRefused("upload_too_big", name=display_name(name), size=f"{len(content) / 1048576:.1f}",
                            max=MAX_MB)
    kind = sniff(content)
    if kind is None:
        raise UploadRefused("upload_bad_type", name=display_name(name))
    return kind


def store_image(store: AnswerStore, item_id: str, name: str, content: bytes) -> dict[str, Any]:
    """Write the image atomically beside the answers file; return the reference to save."""
    if store.read_only:
        raise ReadOnlyStore("uploads are read-only while nbgrader is grading")
    mime, ext = check_image(name, content)
    filename = f"{store.notebook_id}.upload.{_UNSAFE.sub('_', item_id)}.{secrets.token_hex(6)}{ext}"
    store.folder.mkdir(parents=True, exist_ok=True)
    atomic_write(store.folder / filename, content, temp_prefix=".upload.")
    return {"file": filename, "original": display_name(name), "type": mime, "size": len(content)}


def image_path(folder: Path, ref: dict[str, Any]) -> Path | None:
    """The stored image of a (validated) reference, if it exists in the notebook's folder."""
    name = ref.get("file", "")
    if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = folder / name
    return path if is_regular(path) else None  # never a link: it could point at someone else's picture


def image_data_uri(folder: Path, ref: dict[str, Any]) -> str | None:
    """The stored image as a data: URI (for static pages), only if it still is an allowed image."""
    path = image_path(folder, ref)
    if path is None:
        return None
    try:
        content = read_regular(path, MAX_BYTES)
    except OSError:
        return None
    kind = sniff(content)
    if kind is None:
        return None
    return f"data:{kind[0]};base64,{base64.b64encode(content).decode('ascii')}"


def remove_replaced(folder: Path, ref: dict[str, Any] | None, keep: dict[str, Any]) -> None:
    """Delete an image the participant replaced, after the new reference was saved."""
    if ref and ref.get("file") != keep.get("file"):
        path = image_path(folder, ref)
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()
