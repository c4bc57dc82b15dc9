"""valmennus.summary: the escaped echo, compared with a golden file (UPDATE_GOLDEN=1 rewrites it)."""

from __future__ import annotations

import os
from pathlib import Path

from valmennus.answers import LoadResult
from valmennus.items import for_week
from valmennus.summary import render_html

GOLDEN = Path(__file__).parent / "golden"
SAVED = "2026-11-23T10:03:00+00:00"


def _loaded() -> LoadResult:
    return LoadResult(entries={
        "W1_DIARY": {"value": "Vaihe 1: haku.\nVaihe 2: <script>alert('x')</script> & kirjautuminen.",
                     "saved_at": SAVED},
        "W1_R_DESC": {"value": "Pysähdyin valikkoon.", "saved_at": SAVED},
        "W1_SA1": {"value": 4, "saved_at": SAVED},
        "W1_SA2": {"value": "cant_say", "saved_at": SAVED},
        "W1_SA3": {"value": "4", "saved_at": "not a time"},
    })


def test_does_the_summary_match_the_golden_file() -> None:
    rendered = render_html(for_week("viikko1"), _loaded())
    golden = GOLDEN / "summary_viikko1.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_is_markup_in_an_answer_always_escaped() -> None:
    rendered = render_html(for_week("viikko1"), _loaded())
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; kirjautuminen." in rendered
    assert "Vaihe 1: haku.<br>" in rendered


def test_does_the_summary_explain_a_damaged_file() -> None:
    rendered = render_html(for_week("viikko1"), LoadResult(problem="answers_corrupt_grading"))
    assert "Vastaustiedosto on vioittunut" in rendered
    assert "ei ole vielä tallennettu vastauksia" in rendered
