"""Fragments of the plan page drawn once per distinct value and reused.

A next-tier role or a credential's advice is a pure function of its (frozen, hashable) planner
model, and the same ones recur across many plans, so each distinct one is rendered by its named
partial of careerpath/plan.html once per worker and kept. The partial escapes every value as
any template does; a changed catalog yields different models, so nothing stale is shown.
"""

from functools import lru_cache

from django import template
from django.template.loader import render_to_string

register = template.Library()


@lru_cache(maxsize=4096)
def _draw(partial: str, value) -> str:
    return render_to_string(f"careerpath/plan.html#{partial}", {"value": value})


@register.simple_tag
def fragment(partial: str, value):
    """`{% fragment "next-role" next %}`: the partial, drawn for this value once."""
    return _draw(partial, value)
