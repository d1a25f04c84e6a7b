"""The app's Jinja2 environment escapes what a page shows exactly as Jinja2's own code does.

`careerpath.jinja2.PageCodeGenerator` writes each shown value through `escape_output` (text)
instead of markupsafe's `escape` (a `Markup` made in Python); the pages must not change by a
byte, and nothing a visitor sends may come out unescaped.
"""

import pytest
from django.template import engines
from jinja2 import DictLoader, Environment, Undefined
from markupsafe import Markup, escape

from careerpath.jinja2 import PageEnvironment, escape_output


class Shown:
    def __html__(self):
        return "<em>safe</em>"


class Plain:
    def __str__(self):
        return "<i>5 & 6</i>"


VALUES = [
    "",
    "plain",
    "<script>alert(1)</script>",
    "\" onmouseover='x' & <b>",
    Markup("<b>bold</b> &amp;"),
    Shown(),
    Plain(),
    5,
    -3.25,
    None,
    True,
    Undefined(),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_shown_value_is_escaped_as_markupsafe_escapes_it(value):
    assert escape_output(value) == str(escape(value))
    if not hasattr(value, "__html__"):
        assert type(escape_output(value)) is str  # not a Markup made for each value


TEMPLATES = {
    "page.html": """{% from "parts.html" import card, wrap %}
<p title="{{ value }}">{{ value }} {{ value|upper }} {{ number }} {{ missing }}</p>
{{ card(value, items) }}
{% set kept %}<i>{{ value }}</i>{% endset %}{{ kept }} {{ kept|length }}
{% call wrap(value) %}<u>{{ value }}</u>{% endcall %}
{% filter upper %}{{ value }} & raw{% endfilter %}
{{ markup }} {{ value ~ markup }} {{ (value ~ "x")|e }} {{ value|safe|e }}
{% autoescape false %}{{ value }}{% endautoescape %}
{% block region %}<b>{{ value }}</b>{% endblock %}""",
    "parts.html": """{% macro card(title, items) %}<h2>{{ title }}</h2>
<ul>{% for item in items %}<li data-i="{{ loop.index }}">{{ item }}</li>{% endfor %}</ul>
{%- endmacro %}
{% macro wrap(label) %}<div aria-label="{{ label }}">{{ caller() }}</div>{% endmacro %}""",
}


def render_both(context):
    options = dict(
        loader=DictLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    ours, jinjas = PageEnvironment(**options), Environment(**options)
    return (
        ours.get_template("page.html").render(context),
        jinjas.get_template("page.html").render(context),
    )


@pytest.mark.parametrize("value", VALUES[:5], ids=repr)
def test_a_page_comes_out_as_jinja2_draws_it(value):
    ours, jinjas = render_both(
        {
            "value": value,
            "number": 12.5,
            "items": [value, "<x>", 3],
            "markup": Markup("<br>"),
        }
    )
    assert ours == jinjas
    assert ours.startswith(f'<p title="{escape(value)}">{escape(value)} ')


def test_the_app_environment_is_the_one_that_escapes_as_text():
    env = engines["jinja2"].env
    assert env.escape_output is escape_output
    code = env.compile("{{ value }}", raw=True)
    assert "environment.escape_output(" in code and "escape(" not in code.replace(
        "escape_output(", ""
    )
