"""The assessment's renewal-cycle and apprentice inputs, written in Python.

Ten labelled inputs drawn by the template language cost the plan page about a third of its
time; `format_html` writes the same markup, escaped the same way, at a fraction of that. Blank
(the usual case) they depend on the catalog only, so they are drawn once per catalog in memory.
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

MONTH_INPUT = (
    '<div class="field"><label for="id_{name}">{label}</label> <input id="id_{name}" '
    'name="{name}" type="text" maxlength="7" autocomplete="off" spellcheck="false" '
    'value="{value}" aria-describedby="cycle-hint {name}-error"{invalid}> '
    '<p class="field-error" id="{name}-error">{error}</p></div>'
)
CEUS_INPUT = (
    '<div class="field"><label for="id_{name}">{label}</label> <input id="id_{name}" '
    'name="{name}" type="number" inputmode="numeric" min="0" max="999" step="1" '
    'value="{value}" aria-describedby="{name}-error"{invalid}> '
    '<p class="field-error" id="{name}-error">{error}</p></div>'
)
CREDIT_CHECK = (
    '<div class="field check"><input id="id_{name}" name="{name}" type="checkbox" value="1"'
    '{checked}> <label for="id_{name}">{label}</label> '
    '<p class="field-error" id="{name}-error">{error}</p></div>'
)

_blank: tuple = (None, "")  # (the catalog, its blank inputs)


def _input(pattern: str, field) -> str:
    value = field.value()
    return format_html(
        pattern,
        name=field.name,
        label=field.label,
        value="" if value is None else value,
        invalid=' aria-invalid="true"' if field.errors else "",
        checked=" checked" if value else "",
        error=field.errors[0] if field.errors else "",
    )


def _inputs(form) -> str:
    cycles = format_html_join(
        "",
        "{}{}",
        ((_input(MONTH_INPUT, due), _input(CEUS_INPUT, ceus)) for due, ceus in form.cycle_fields()),
    )
    credits = form.apprentice_fields()
    if not credits:
        return cycles
    return format_html(
        '{}<fieldset class="field"><legend>Towards removing {}</legend>{}</fieldset>',
        cycles,
        ", ".join(form.apprentice_designations()),
        format_html_join("", "{}", ((_input(CREDIT_CHECK, f),) for f in credits)),
    )


@register.simple_tag
def renewal_inputs(form):
    """The month and CEUs inputs of each body with a renewal rule, then the apprentice credits,
    each with its label and its message slot."""
    global _blank
    if form.upkeep_answered:
        return _inputs(form)
    if _blank[0] is not form.catalog:
        _blank = (form.catalog, _inputs(form))
    return _blank[1]
