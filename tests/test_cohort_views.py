"""The dashboards' HTML from synthetic tables: charts with names, tables with CSV, three languages."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pytest

from valmennus.cohort.dashboard import DASHBOARDS, _views, context
from valmennus.cohort.privacy import Viewer
from valmennus.cohort.status import weekly_progress
from valmennus.cohort.synthetic import synthetic_cohorts
from valmennus.i18n import keys

GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = synthetic_cohorts(12, cohorts=("kevat27", "syksy27"))
CTX = context(DATA, Viewer(), b"test-key")


def _page(name: str) -> str:
    return _views()[name][0](CTX)


@pytest.mark.parametrize("name", DASHBOARDS)
def test_does_each_dashboard_have_named_charts_and_downloadable_tables(name: str) -> None:
    markup = _page(name)
    charts = re.findall(r'<svg role="img" aria-labelledby="([\w-]+)-t \1-d"', markup)
    assert charts, name
    for chart in charts:
        assert f'<title id="{chart}-t">' in markup and f'<desc id="{chart}-d">' in markup
    links = re.findall(r"href='data:text/csv;base64,([A-Za-z0-9+/=]+)'", markup)
    assert links and markup.count("<table>") == len(links)
    for link in links:
        text = base64.b64decode(link).decode("utf-8")
        assert not re.search(r"\bp\d{4}\b", text), "a login id in a download"
    assert "<script" not in markup and "http://" not in markup.replace("http://www.w3.org", "")


def test_are_both_cohorts_on_the_side_by_side_page() -> None:
    markup = _page("ryhmat-rinnakkain")
    assert "kevat27" in markup and "syksy27" in markup


@pytest.mark.parametrize("lang, title", [("fi", "Osaamisen muutos"), ("en", "Change in skills"),
                                         ("sv", "Förändring i kompetens")])
def test_is_every_label_in_the_course_language(monkeypatch: pytest.MonkeyPatch, lang: str, title: str) -> None:
    monkeypatch.setenv("VALMENNUS_LANG", lang)
    markup = _page("osaaminen")
    assert f"<h1>{title}</h1>" in markup
    other = {"fi": "Lataa CSV", "en": "Download CSV", "sv": "Ladda ner CSV"}
    assert other[lang] in markup and all(v not in markup for k, v in other.items() if k != lang)


def test_does_the_dashboard_catalog_have_every_key_in_three_languages() -> None:
    # one gettext catalog per language (valmennus.i18n); test_i18n checks that no key is defined twice
    dashboard = {lang: {key for key in keys(lang) if key.startswith("dsh_")} for lang in ("fi", "en", "sv")}
    assert dashboard["fi"] and dashboard["fi"] == dashboard["en"] == dashboard["sv"]


def test_does_weekly_progress_match_the_golden_file() -> None:
    golden = GOLDEN / "dashboard_weekly_progress.csv"
    text = weekly_progress(context(synthetic_cohorts(8, seed=7), Viewer(), b"k").tables.status).to_csv(
        index=False, float_format="%.4f")
    if os.environ.get("UPDATE_GOLDEN") == "1" or not golden.exists():
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_does_the_progress_page_match_the_golden_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole page of a small fixed cohort, charts included (matplotlib SVG is deterministic here)."""
    from valmennus.cohort.view_progress import behind_section, weekly_section

    ctx = context(synthetic_cohorts(6, seed=7), Viewer(), b"golden")
    markup = weekly_section(ctx) + "\n" + behind_section(ctx)
    markup = re.sub(r"<svg.*?</svg>", "<svg/>", markup, flags=re.S)  # font metrics differ between machines
    golden = GOLDEN / "dashboard_progress.html"
    if os.environ.get("UPDATE_GOLDEN") == "1" or not golden.exists():
        golden.write_text(markup, encoding="utf-8")
    assert markup == golden.read_text(encoding="utf-8")


def test_does_rendering_write_nothing_to_stderr() -> None:
    """Voilà shows a warning as stderr output on the coordinator's page: there must be none."""
    import warnings

    import pandas as pd

    data = synthetic_cohorts(6)
    data.as_of = data.as_of + pd.Timedelta(nanoseconds=123)  # file mtimes carry nanoseconds
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ctx = context(data, Viewer(), b"k")
        for name in DASHBOARDS:
            _views()[name][0](ctx)
