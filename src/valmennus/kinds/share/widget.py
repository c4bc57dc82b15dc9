"""The share widget: under my name, under a nickname, or not at all (the default), a radio group
(``widgets.radiogroup``) and the nickname.

``value`` as the kind (``kinds/share``) saves it; a nickname choice with an empty nickname is saved as it
is but read as not shared, and the widget says so.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...i18n import t
from ...widgets.base import AnswerWidget, labelled, part
from ...widgets.radiogroup import RadioGroup
from ...widgets.shared import html, shared
from . import MAX_NICKNAME_CHARS, SHARE_MODES, is_shared

NOT_SHARED = {"mode": "none", "nickname": ""}


class Share(AnswerWidget):
    css_class = "valmennus-share"

    def build(self) -> list[w.Widget]:
        self.control = RadioGroup(description=self.item.label(),
                                  options=[(t(f"share_{mode}"), mode) for mode in SHARE_MODES], value="none")
        self.nickname = labelled(w.Text, t("share_nickname_label"), value="",
                                 continuous_update=True, layout=shared("nickname", lambda: w.Layout(
                                     width="auto", max_width="24em", display="flex", flex_flow="column")))
        self.note = html(self._note(NOT_SHARED))
        return [self.control, self.nickname, self.note]

    def watched(self) -> list[w.Widget]:
        return [self.control, self.nickname]

    def show_controls(self, value: Any) -> None:
        saved = value or NOT_SHARED
        self.control.value = saved["mode"]
        self.nickname.value = saved.get("nickname", "")

    def normalize(self, value: Any) -> Any:
        return {"mode": value["mode"], "nickname": value.get("nickname", "")}

    def current_value(self) -> Any:
        return {"mode": self.control.value, "nickname": self.nickname.value[:MAX_NICKNAME_CHARS]}

    def _note(self, value: dict[str, Any]) -> str:
        if value["mode"] == "nickname" and not is_shared(value):
            return part("small_note", t("share_nickname_missing"))
        if value["mode"] == "none":
            return part("small_note", t("share_default"))
        return ""

    def after_change(self, value: Any) -> None:
        self.note.value = self._note(value)
