"""valmennus.templates: HTML templates escape what they print, once, and refuse a variable they were not given."""

from __future__ import annotations

import jinja2
import pytest

from valmennus.templates import Markup, environment, macro, render, stylesheet


def test_does_an_html_template_escape_what_it_prints() -> None:
    note = macro("macros.html.j2", "note")
    assert note("<script>alert('x')</script> & \"y\"") == (
        "<p class='valmennus-note'>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;y&quot;</p>")
    assert note("&amp;") == "<p class='valmennus-note'>&amp;amp;</p>"  # text as typed, not decoded first
    assert note(Markup("<b>valmis</b>")) == "<p class='valmennus-note'><b>valmis</b></p>"  # markup once, as is
    assert environment().from_string("<p title='{{ x }}'>{{ x }}</p>").render(x="'><i>") == (
        "<p title='&#x27;&gt;&lt;i&gt;'>&#x27;&gt;&lt;i&gt;</p>")


def test_is_only_html_autoescaped() -> None:
    autoescape = environment().autoescape
    assert autoescape("summary.html.j2") and not autoescape("valmennus.css") and not autoescape("digest.txt.j2")
    # the others: the stylesheet, and the coach's digest (a text/plain e-mail, where markup is just text)
    assert sorted(name for name in environment().list_templates() if not name.endswith(".html.j2")) == [
        "digest.txt.j2", "valmennus.css"]


def test_does_a_template_fail_on_an_undefined_variable() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("own_change.html.j2")  # no rows given
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("<p>{{ nothing_here }}</p>").render()
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{% if nothing_here %}x{% endif %}").render()


def test_does_every_template_compile_and_take_its_words_from_the_catalog() -> None:
    for name in environment().list_templates(filter_func=lambda n: n.endswith(".html.j2")):
        environment().get_template(name)
    assert render("own_change.html.j2", rows=[]).startswith("<p>Vertailua ei voi vielä näyttää")


def test_is_each_stylesheet_section_from_the_one_file() -> None:
    assert stylesheet("summary", compact=True).startswith(".valmennus-summary{")
    assert stylesheet("dashboard").startswith("\n.valmennus-dash{") and stylesheet("dashboard").endswith("}\n")
    assert "body{" not in stylesheet("summary", "week-progress", "dashboard")  # only the wall page styles body
    with pytest.raises(KeyError):
        stylesheet("no-such-section")
