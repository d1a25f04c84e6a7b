"""Fragments of the plan page drawn once per distinct value and reused.

A next-tier role or a credential's advice is a pure function of its (frozen, hashable) planner
model, and the same ones recur across many plans, so each distinct one is rendered by its named
partial of careerpath/plan.html once per worker and kept. The partial escapes every value as
any template does; a changed catalog yields different models, so nothing stale is shown.
"""

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from careerpath import catalog as catalog_module

register = template.Library()


@lru_cache(maxsize=4096)
def _draw(partial: str, value) -> str:
    return render_to_string(f"careerpath/plan.html#{partial}", {"value": value})


# The form's option lists depend on the catalog and the chosen values only: kept per catalog
# version, and dropped with the catalog.
_controls: dict[tuple, str] = {}


@catalog_module.on_reload
def _forget():
    _draw.cache_clear()
    _controls.clear()


def _per_catalog(name, catalog, selected, build):
    key = (name, catalog.version, selected)
    html = _controls.get(key)
    if html is None:
        if len(_controls) >= 4096:  # chosen values come from users: keep the cache bounded
            _controls.clear()
        html = _controls[key] = build()
    return html


@register.simple_tag
def fragment(partial: str, *values):
    """`{% fragment "next-role" next %}`: the partial, drawn once for these values (one value
    is `value` in the partial; several are the tuple `value`)."""
    return _draw(partial, values[0] if len(values) == 1 else values)


@register.simple_tag
def cleared_errors(form):
    """Empty error slots for every field of a valid form, replacing any shown before."""
    return _draw("cleared-errors", tuple(form.fields))


# The assessment's long option lists, written in Python: the same markup the template loops
# produced, escaped by format_html, at a fraction of the template language's cost per item.


def _selected(flag: bool, word: str) -> str:
    return f" {word}" if flag else ""


@register.simple_tag
def role_options(catalog, selected):
    """The current-role <option>s, grouped by career stage."""
    return _per_catalog("roles", catalog, selected, lambda: _role_options(catalog, selected))


def _role_options(catalog, selected):
    groups = []
    for stage in catalog.stages:
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (role.slug, _selected(role.slug == selected, "selected"), role.title)
                for role in catalog.roles
                if role.stage == stage.slug
            ),
        )
        if options:
            groups.append((f"{stage.name} ({stage.years_label})", options))
    return format_html_join("", '<optgroup label="{}">{}</optgroup>', groups)


@register.simple_tag
def credential_checks(catalog, selected):
    """The credential checkboxes, one fieldset per issuing body."""
    held = tuple(sorted(set(selected or ())))
    return _per_catalog("certs", catalog, held, lambda: _credential_checks(catalog, held))


def _credential_checks(catalog, held):
    bodies: dict[str, list] = {}
    for cert in catalog.certifications:
        bodies.setdefault(cert.body_acronym, []).append(cert)
    return format_html_join(
        "",
        '<fieldset class="body-group"><legend>{}</legend><ul class="checks">{}</ul></fieldset>',
        (
            (
                acronym,
                format_html_join(
                    "",
                    '<li><input type="checkbox" name="cert" value="{0}" id="cert-{0}"{1}>'
                    ' <label for="cert-{0}"><abbr title="{2}">{3}</abbr>'
                    ' <span class="cert-name">{2}</span></label></li>',
                    (
                        (c.slug, _selected(c.slug in held, "checked"), c.name, c.acronym)
                        for c in certs
                    ),
                ),
            )
            for acronym, certs in bodies.items()
        ),
    )


@register.simple_tag
def choice_options(bound_field):
    """The <option>s of a choice field, the submitted one selected."""
    chosen = bound_field.value()
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, _selected(value == chosen, "selected"), label)
            for value, label in bound_field.field.choices
        ),
    )
