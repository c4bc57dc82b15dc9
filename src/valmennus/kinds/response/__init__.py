"""A choice of how to take part: write a text, or upload a photo or drawing.

``value``: ``{"mode": "text" | "image", "text": str, "image": None | reference}``, the reference naming the
uploaded file beside the answers file (``uploads.py``). Answered by the chosen mode's part; done when a
text has its minimum of words or the image file is still there. Reports never read it (it is the
participant's own words or picture).
"""

from __future__ import annotations

import re
from pathlib import Path
from random import Random
from typing import Any

from ...i18n import t
from ...uploads import image_data_uri, image_path
from ..base import Answer, BankItem, ItemKind, Voice, is_int, is_text, word_count
from ..text import short_of_words

RESPONSE_MODES = ("text", "image")
_STORED_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")


def _valid_image_ref(ref: Any) -> bool:
    return (isinstance(ref, dict) and isinstance(ref.get("file"), str) and bool(_STORED_NAME.match(ref["file"]))
            and isinstance(ref.get("type"), str) and is_int(ref.get("size"), 1, 10**9))


class ResponseKind(ItemKind):
    name = "response"
    widget = "Response"

    def valid(self, item: BankItem, value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        image = value.get("image")
        return (value.get("mode") in RESPONSE_MODES and is_text(value.get("text", ""))
                and (image is None or _valid_image_ref(image)))

    def answered(self, item: BankItem, value: Any) -> bool:
        if value["mode"] == "text":
            return word_count(value.get("text", "")) > 0
        return value.get("image") is not None

    def shortfall(self, item: BankItem, value: Any, folder: Path) -> str | None:
        if value["mode"] == "image":
            if image_path(folder, value["image"]) is None:
                return t("check_no_image", label=item.short_label())
            return None
        return short_of_words(item, value.get("text", ""))

    def summary(self, item: BankItem, value: Any, folder: Path | None) -> Answer:
        if value["mode"] == "text":
            return Answer("text", value["text"])
        ref = value["image"]
        name = ref.get("original", ref["file"])
        uri = image_data_uri(folder, ref) if folder is not None else None
        if uri is None:
            return Answer("note", t("upload_missing", name=name))
        return Answer("image", uri=uri, alt=t("upload_alt", name=name))

    def example(self, item: BankItem, rng: Random, voice: Voice) -> Any:
        return {"mode": "text", "text": voice.words(item, rng), "image": None}


RESPONSE = ResponseKind()
