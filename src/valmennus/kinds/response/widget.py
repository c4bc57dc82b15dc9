"""The response's widget: a text or an uploaded photo or drawing, the participant's choice (a radio group,
``widgets.radiogroup``).

``value`` as the kind (``kinds/response``) saves it; the image is stored beside the answers file by
``uploads.py``. Switching mode keeps both the text and the image, so changing one's mind loses nothing.
A refused upload (too large, not an image) changes nothing and says why in the participant's language.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...i18n import t
from ...uploads import MAX_MB, UploadRefused, image_data_uri, remove_replaced, store_image
from ...widgets.base import AnswerWidget, auto_width, labelled, part, question_html, status_html
from ...widgets.radiogroup import RadioGroup
from ...widgets.shared import html
from ..base import word_count
from . import RESPONSE_MODES

ACCEPT = "image/png,image/jpeg,image/webp,image/gif,.png,.jpg,.jpeg,.webp,.gif"
NO_RESPONSE = {"mode": "text", "text": "", "image": None}


class Response(AnswerWidget):
    css_class = "valmennus-response"

    def build(self) -> list[w.Widget]:
        self.image_ref: dict[str, Any] | None = None
        question = question_html(self.item)
        self.control = RadioGroup(description=t("response_mode"), value="text",
                                  options=[(t(f"response_{mode}"), mode) for mode in RESPONSE_MODES])
        self.text = labelled(w.Textarea, t("response_text_label"), value="", rows=5, continuous_update=True)
        self.words = html(self._words(""))
        self.upload = w.FileUpload(accept=ACCEPT, multiple=False, description=t("upload_button", max=MAX_MB),
                                   layout=auto_width())
        self.preview = html(self._preview())
        # their own layouts: one of the two is shown at a time (``_show``)
        self.text_rows = w.VBox([self.text, self.words])
        self.image_rows = w.VBox([self.upload, self.preview])
        return [question, self.control, self.text_rows, self.image_rows]

    def watched(self) -> list[w.Widget]:
        return [self.control, self.text]

    def bind(self) -> None:
        super().bind()
        self.upload.observe(self._on_upload, names="value")

    def show_controls(self, value: Any) -> None:
        saved = value or NO_RESPONSE
        self.control.value = saved["mode"]
        self.text.value = saved.get("text", "")
        self.image_ref = saved.get("image")
        self.preview.value = self._preview()

    def normalize(self, value: Any) -> Any:
        return {"mode": value["mode"], "text": value.get("text", ""), "image": value.get("image")}

    def current_value(self) -> dict[str, Any]:
        return {"mode": self.control.value, "text": self.text.value, "image": self.image_ref}

    def after_change(self, value: Any) -> None:
        self._show(value["mode"])
        self.words.value = self._words(value["text"])

    def _show(self, mode: str) -> None:
        self.text_rows.layout.display = "flex" if mode == "text" else "none"
        self.image_rows.layout.display = "flex" if mode == "image" else "none"

    def _words(self, text: str) -> str:
        n = word_count(text)
        key = "words_enough" if self.item.min_words and n >= self.item.min_words else "words_min"
        return part("small", t(key if self.item.min_words else "words", n=n, min=self.item.min_words))

    def _preview(self) -> str:
        if not self.image_ref:
            return part("small_note", t("upload_none"))
        name = self.image_ref.get("original", "")
        uri = image_data_uri(self.store.folder, self.image_ref)
        if uri is None:
            return part("alert", t("upload_missing", name=name))
        saved = t("upload_saved", name=name, size=max(1, round(self.image_ref["size"] / 1024)))
        return part("image_preview", saved, uri, t("upload_alt", name=name))

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:  # our own reset below
            return
        upload = files[0]
        try:
            ref = store_image(self.store, self.item.id, upload.get("name", ""), bytes(upload["content"]))
        except UploadRefused as refused:
            self.status.value = status_html(t(refused.key, **refused.params), "error")
        except Exception as exc:  # the disk refused: say so, keep the earlier answer
            self.status.value = status_html(t("save_failed", reason=type(exc).__name__), "error")
        else:
            previous, self.image_ref = self.image_ref, ref
            if self.offer(self.current_value()):
                remove_replaced(self.store.folder, previous, keep=ref)
                self.preview.value = self._preview()
            else:  # the answers file still names the earlier image: drop the new, unnamed one
                self.image_ref = previous
                remove_replaced(self.store.folder, ref, keep=previous or {})
        finally:
            self.upload.value = ()  # frees the kernel's copy; the same file can be chosen again
