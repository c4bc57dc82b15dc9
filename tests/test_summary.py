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
        "PULSE_LOAD": {"value": "right", "saved_at": SAVED},
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


def test_are_the_new_kinds_summarised_in_words_and_escaped(tmp_path: Path) -> None:
    from valmennus.items import get

    from .browser.images import drawing_png

    png = drawing_png()
    (tmp_path / "esimerkki.upload.EX_RESPONSE.00.png").write_bytes(png)
    loaded = LoadResult(entries={
        "EX_CANDO": {"value": 2, "saved_at": SAVED},
        "EX_QUIZ_MULTI": {"value": {"chosen": ["lahi", "eta", "koulutus"], "correct": True}, "saved_at": SAVED},
        "EX_RULER": {"value": {"score": 8, "why_not_lower": "Koska <script>", "what_would_raise": ""},
                     "saved_at": SAVED},
        "EX_CHECKLIST": {"value": ["kysy"], "saved_at": SAVED},
        "EX_SHARE": {"value": {"mode": "nickname", "nickname": "<b>x</b>"}, "saved_at": SAVED},
        "EX_RESPONSE": {"value": {"mode": "image", "text": "", "image": {
            "file": "esimerkki.upload.EX_RESPONSE.00.png", "original": "<kuva>.png", "type": "image/png",
            "size": len(png)}}, "saved_at": SAVED},
    })
    items = [get(i) for i in ("EX_CANDO", "EX_QUIZ_MULTI", "EX_RULER", "EX_CHECKLIST", "EX_SHARE", "EX_RESPONSE",
                              "EX_LIKERT")]
    rendered = render_html(items, loaded, tmp_path)
    assert "2 – Osaan avustettuna" in rendered
    assert "<li>Koulutuksina</li>" in rendered and "<p>oikein</p>" in rendered
    assert "8 / 10" in rendered and "Koska &lt;script&gt;" in rendered and "<script>" not in rendered
    assert "<li>Kysyn asiakkaalta, mikä asioinnissa on vaikeinta.</li>" in rendered
    assert "Jaetaan nimimerkillä &lt;b&gt;x&lt;/b&gt;" in rendered
    assert "src='data:image/png;base64," in rendered and "alt='Osallistujan lataama kuva: &lt;kuva&gt;.png'" in rendered
    assert rendered.count("Ei vielä vastausta") == 1  # EX_LIKERT
    (tmp_path / "esimerkki.upload.EX_RESPONSE.00.png").unlink()
    assert "Kuvatiedostoa &lt;kuva&gt;.png ei löydy." in render_html(items, loaded, tmp_path)
