"""The view models' HTML helpers give exactly what ``markupsafe`` gives."""

from __future__ import annotations

import enum
import random
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup, escape

from generator.htmlsafe import escape_output, escape_text, markup
from generator.render import make_environment

CASES = [
    "",
    "plain",
    "a & b",
    "<script>alert('x')</script>",
    "\"quoted\" & 'single'",
    "&amp; already an entity",
    "احمد مسعود",
    "../sources/x.html#s5",
    "https://example.org/a?b=1&c=<2>#:~:text=it%27s",
]


@pytest.mark.parametrize("text", CASES)
def test_escape_text_is_markupsafe_escape(text: str) -> None:
    assert escape_text(text) == str(escape(text))
    assert type(escape_text(text)) is str


def test_escape_text_on_random_strings() -> None:
    rng = random.Random(5)
    alphabet = "ab <>&'\"é\u2060;#"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert escape_text(text) == str(escape(text))


def test_html_is_kept_as_it_is() -> None:
    html = Markup("<b>bold</b> &amp;")
    assert escape_text(html) == "<b>bold</b> &amp;"


@pytest.mark.parametrize("text", CASES)
def test_markup_is_markupsafe_markup(text: str) -> None:
    made = markup(text)
    assert type(made) is Markup
    assert made == Markup(text)
    assert made.__html__() == text
    assert str(escape(made)) == text


class _Kind(enum.StrEnum):
    ACTOR = "<actor>"


class _Html:
    def __html__(self) -> str:
        return "<i>it's</i>"


class _HtmlMarkup:
    def __html__(self) -> Markup:
        return Markup("<b>&amp;</b>")


class _Plain:
    def __str__(self) -> str:
        return "a < b & 'c'"


OUTPUT_VALUES: list[object] = [
    *CASES,
    *(Markup(text) for text in CASES),
    _Kind.ACTOR,
    _Html(),
    _HtmlMarkup(),
    _Plain(),
    0,
    -3,
    2.5,
    float("nan"),
    None,
    True,
    ("<a>", 1),
    ["&"],
    {"<": ">"},
]


@pytest.mark.parametrize("value", OUTPUT_VALUES, ids=repr)
def test_escape_output_prints_what_markupsafe_escape_prints(value: object) -> None:
    assert escape_output(value) == str(escape(value))
    assert isinstance(escape_output(value), str)
    if isinstance(value, str):  # str, Markup and a StrEnum: escape_text agrees too
        assert escape_text(value) == str(escape(value))


def test_escape_output_on_random_strings_and_markup() -> None:
    rng = random.Random(7)
    alphabet = "ab <>&'\"é\u2060;#\u05d0"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert escape_output(text) == str(escape(text))
        assert escape_output(Markup(text)) == text


def test_escape_output_raises_as_markupsafe_does_on_a_strict_undefined() -> None:
    undefined = jinja2.StrictUndefined(name="missing")
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        escape(undefined)
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        escape_output(undefined)


# Every construct that prints, escapes or marks text safe, printed by the site's environment and
# by a stock Jinja environment with the same settings: the pages must not differ by a byte.
TEMPLATES = {
    "macros.html": (
        "{% macro item(x, cls='a&b') %}<li class=\"{{ cls }}\">{{ x }}</li>{% endmacro %}"
        "{% macro wrap() %}<div>{{ caller() }}</div>{% endmacro %}"
    ),
    "base.html": (
        "<title>{% block title %}{{ title }}{% endblock %}</title>"
        "{% block body %}{% endblock %}{{ footer }}"
    ),
    "page.html": """{% extends "base.html" %}
{% import "macros.html" as m %}
{% from "macros.html" import item %}
{% block title %}{{ super() }} &amp; {{ title|upper }}{% endblock %}
{% block body %}
{{ text }} {{ html }} {{ text|e }} {{ text|safe }} {{ text ~ html }} {{ html ~ text }}
{{ number }} {{ none }} {{ flag }} {{ items }} {{ kind }} {{ obj }} {{ markup_obj }}
{{ "<literal>" }} {{ '<b>' ~ 1 }} {{ text|replace("<", "[") }} {{ items|join(", ") }}
{% for x in items %}{{ m.item(x) }}{{ item(x, cls=text) }}{{ loop.index }}{% endfor %}
{% set block_set %}<p>{{ text }}</p>{% endset %}{{ block_set }} {{ block_set|length }}
{% set plain = text %}{{ plain }}
{% call m.wrap() %}{{ text }}{% endcall %}
{% filter upper %}{{ text }} and <raw>{% endfilter %}
{% autoescape false %}{{ text }}{% endautoescape %}
{% autoescape true %}{{ text }}{% endautoescape %}
{{ text if flag else html }} {{ [text, html]|first }} {{ "%s"|format(text) }}
{{ {"k": text}.k }} {{ text.split("&")|list }} {{ html.striptags() }}
{% include "part.html" %}
{% endblock %}""",
    "part.html": "<span>{{ text }}{{ html }}</span>",
}


def test_templates_print_exactly_what_stock_jinja_prints(tmp_path: Path) -> None:
    for name, source in TEMPLATES.items():
        (tmp_path / "templates").mkdir(exist_ok=True)
        (tmp_path / "templates" / name).write_text(source, "utf-8")
    ours = make_environment((tmp_path,))
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    values = {
        "title": "Massoud & <the NRF>",
        "footer": Markup("<footer>&copy;</footer>"),
        "text": "a < b & \"c\" 'd'",
        "html": Markup("<em>safe & sound</em>"),
        "number": 3.25,
        "none": None,
        "flag": False,
        "items": ["<x>", "y&z"],
        "kind": _Kind.ACTOR,
        "obj": _Plain(),
        "markup_obj": _Html(),
    }
    page = ours.get_template("page.html")
    assert page.render(**values) == stock.get_template("page.html").render(**values)
    assert "a &lt; b &amp; &#34;c&#34; &#39;d&#39;" in page.render(**values)
    # The site's templates print through escape_output (a third of a page's rendering time).
    namespace = page.root_render_func.__globals__  # type: ignore[attr-defined]
    assert namespace["escape"] is escape_output
