"""The one fragment cache: a partial drawn from its keyword arguments only, once per set."""

import pytest
from django.template import engines
from django.test import RequestFactory

from careerpath import catalog
from careerpath.templatetags.fragments import UnknownFragmentName, fragments


def page(body: str, partial: str):
    source = "{% load fragments %}{% partialdef p %}" + partial + "{% endpartialdef %}" + body
    return engines["django"].from_string(source)


class Counted:
    """A hashable value that counts how often a template reads it."""

    reads = 0

    def __str__(self):
        Counted.reads += 1
        return "drawn"

    def __hash__(self):
        return 1

    def __eq__(self, other):
        return isinstance(other, Counted)


@pytest.fixture(autouse=True)
def empty_cache():
    fragments.clear()
    Counted.reads = 0
    yield
    fragments.clear()


@pytest.mark.parametrize(
    "partial",
    ["{{ request.path }}", "{% csrf_token %}", "{{ csp_nonce }}", "{{ plan.position }}"],
)
def test_a_cached_partial_that_reads_a_name_it_was_not_given_fails(partial):
    request = RequestFactory().get("/plan/")
    with pytest.raises(UnknownFragmentName, match="was not given"):
        page('{% cached_partial "p" x=1 %}', partial).render(
            {"plan": object(), "csp_nonce": "n0nce", "csrf_token": "t"}, request
        )


def test_a_partial_sees_exactly_its_arguments_and_escapes_them():
    html = page('{% cached_partial "p" name=who count=2 %}', "{{ name }} x{{ count }}").render(
        {"who": "<b>Ann</b>"}
    )
    assert html == "&lt;b&gt;Ann&lt;/b&gt; x2"


def test_each_distinct_drawing_is_made_once_and_reused():
    template = page('{% cached_partial "p" v=value %}', "{{ v }}")
    assert template.render({"value": Counted()}) == "drawn"
    assert template.render({"value": Counted()}) == "drawn"
    assert Counted.reads == 1
    assert len(fragments) == 1
    assert (
        page('{% cached_partial "p" v=value w=2 %}', "{{ v }}{{ w }}").render({"value": Counted()})
        == "drawn2"
    )
    assert Counted.reads == 2


def test_a_catalog_reload_clears_every_drawing():
    page('{% cached_partial "p" v=1 %}', "{{ v }}").render({})
    assert len(fragments) == 1
    catalog.forget()
    assert len(fragments) == 0


def test_with_debug_on_nothing_is_kept(settings):
    settings.DEBUG = True
    template = page('{% cached_partial "p" v=value %}', "{{ v }}")
    template.render({"value": Counted()})
    template.render({"value": Counted()})
    assert Counted.reads == 2 and len(fragments) == 0


def test_an_unhashable_argument_is_refused_with_its_name():
    with pytest.raises(Exception, match="'p': every argument must be hashable"):
        page('{% cached_partial "p" v=value %}', "{{ v }}").render({"value": {"a": 1}})


def test_an_unknown_partial_is_named():
    with pytest.raises(Exception, match="Partial 'nope' is not defined"):
        page('{% cached_partial "nope" v=1 %}', "").render({})


def test_hidden_inputs_escape_names_and_values():
    html = (
        engines["django"]
        .from_string("{% load fragments %}{% hidden_inputs pairs %}")
        .render({"pairs": [("specialty", '"><script>x</script>'), ("cert", "cpc")]})
    )
    assert html == (
        '<input type="hidden" name="specialty" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">'
        '<input type="hidden" name="cert" value="cpc">'
    )


def test_planner_models_compare_as_pydantic_compares_them():
    from pydantic import BaseModel

    from tests.worlds import ladder, plan

    world = ladder()
    plans = [
        plan(world, role=role, years=years, certifications=frozenset(held))
        for role in ("coder", "senior-coder", "manager")
        for years in (1, 4)
        for held in ((), ("cpc",))
    ]
    again = [plan(world, **p.assessment.model_dump()) for p in plans]
    for a in plans:
        for b in again:
            assert (a == b) is BaseModel.__eq__(a, b)
            assert (a.next_roles == b.next_roles) is (
                len(a.next_roles) == len(b.next_roles)
                and all(
                    BaseModel.__eq__(x, y) for x, y in zip(a.next_roles, b.next_roles, strict=False)
                )
            )
    assert sum(a == b for a in plans for b in again) == len(plans)  # each equals its own again
