"""The widgets' small pieces of markup (templates/widget_parts.html.j2) keep the exact bytes the
hand-escaped f-strings in the widgets and notebook.py wrote before they moved into the template."""

from __future__ import annotations

import html

import pytest

from valmennus.kinds.text.widget import prompts_html
from valmennus.notebook import _part
from valmennus.widgets.base import part, status_html

NASTY = "<b>\"Tom's\" & co</b>"
E = html.escape(NASTY)


@pytest.mark.parametrize(("name", "args", "kwargs", "expected"), [
    ("question", (NASTY,), {}, f"<p class='valmennus-question'><strong>{E}</strong></p>"),
    ("small", (NASTY,), {}, f"<small>{E}</small>"),
    ("small_note", (NASTY,), {}, f"<p><small>{E}</small></p>"),
    ("paragraph", (NASTY,), {}, f"<p>{E}</p>"),
    ("alert", (NASTY,), {}, f"<p role='alert'>{E}</p>"),
    ("alert", (NASTY,), {"strong": True}, f"<p role='alert'><strong>{E}</strong></p>"),
    ("quiz_feedback", ([NASTY, "b"], NASTY), {},
     f"<div class='valmennus-feedback' role='status'><ul><li>{E}</li><li>b</li></ul><p><strong>{E}</strong></p></div>"),
    ("quiz_feedback", ([], "v"), {},
     "<div class='valmennus-feedback' role='status'><ul></ul><p><strong>v</strong></p></div>"),
    ("image_preview", (NASTY, "data:image/png;base64,AAA+/=", NASTY), {},
     f"<p>{E}</p><img class='valmennus-preview-image' src='data:image/png;base64,AAA+/=' alt='{E}'>"),
])
def test_part_bytes(name: str, args: tuple, kwargs: dict, expected: str) -> None:
    assert part(name, *args, **kwargs) == expected
    assert _part(name, *args, **kwargs) == expected
    assert type(part(name, *args, **kwargs)) is str


@pytest.mark.parametrize(("kind", "role"), [("error", "alert"), ("saved", "status"), ("info", "status")])
def test_status_line(kind: str, role: str) -> None:
    assert status_html(NASTY, kind) == f"<span class='valmennus-status valmennus-{kind}' role='{role}'>{E}</span>"


def test_prompts() -> None:
    out = prompts_html((NASTY, "x"))
    assert out.startswith("<div class='valmennus-prompts'><p>")
    assert out.endswith(f"</p><ul><li>{E}</li><li>x</li></ul></div>")
