"""One explicit cache for fragments of a page: `{% cached_partial "name" key=value ... %}`.

A named partial of the current template is drawn from the keyword arguments it is given and
nothing else: no request, no CSRF token, no CSP nonce, no other variable of the page. It is a
pure function of those values (frozen planner models, tuples, strings), so each distinct drawing
is kept and reused, keyed on the catalog version, the template, the partial's name and its
arguments. The cache is cleared in one place (`clear`, called whenever this process replaces its
catalog) and bypassed when DEBUG is on, so an edited template shows at once.

A partial that reads a name it was not given fails loudly (`UnknownFragmentName`) every time it
is drawn, cached or not: it can never render empty and stay cached.
"""

import threading
from collections import OrderedDict
from html import escape

from django import template
from django.conf import settings
from django.template.base import token_kwargs
from django.template.defaulttags import DeferredSubDict
from django.utils.safestring import mark_safe

from careerpath import catalog as catalog_module

register = template.Library()

MAX_FRAGMENTS = 4096  # arguments come from users' answers: keep the cache bounded


class UnknownFragmentName(template.TemplateSyntaxError):
    """A cached partial used a variable it was not passed as a keyword argument."""


class FragmentContext(template.Context):
    """A context that holds only the partial's arguments and refuses every other name."""

    def __init__(self, partial: str, values: dict):
        super().__init__(values, autoescape=True)
        self.partial = partial

    def _refuse(self, key):
        raise UnknownFragmentName(
            f"The cached partial '{self.partial}' uses '{key}', which it was not given: pass it "
            "as a keyword argument (request, csrf_token and the CSP nonce cannot be cached)."
        )

    def __getitem__(self, key):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        self._refuse(key)

    def get(self, key, otherwise=None):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        if key in {"csrf_token", "request", "csp_nonce"}:
            self._refuse(key)  # tags such as {% csrf_token %} ask with get()
        return otherwise


class FragmentKey(tuple):
    """(catalog version, template, partial, arguments), hashed once: its arguments are deep
    frozen models, and each lookup would hash them again. Unhashable arguments raise TypeError."""

    def __new__(cls, items):
        key = super().__new__(cls, items)
        key.hash = tuple.__hash__(key)
        return key

    def __hash__(self):
        return self.hash


class FragmentCache:
    """Drawn fragments by (catalog version, template, partial, arguments); least recently used
    first out."""

    def __init__(self, size: int = MAX_FRAGMENTS):
        self.size = size
        self._drawn: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get_or_draw(self, key, draw):
        with self._lock:
            html = self._drawn.pop(key, None)  # one lookup; put back as the most recent
            if html is not None:
                self._drawn[key] = html
                return html
        html = draw()
        with self._lock:
            self._drawn[key] = html
            if len(self._drawn) > self.size:
                self._drawn.popitem(last=False)
        return html

    def clear(self):
        with self._lock:
            self._drawn.clear()

    def __len__(self):
        return len(self._drawn)


fragments = FragmentCache()
catalog_module.on_reload(fragments.clear)


class CachedPartialNode(template.Node):
    def __init__(self, name, partials, kwargs, template_name):
        self.name = name
        self.partials = partials
        self.kwargs = kwargs
        self.template_name = template_name

    def draw(self, values: dict, page: template.Template) -> str:
        try:
            partial = self.partials[self.name]
        except KeyError:
            raise template.TemplateSyntaxError(
                f"Partial '{self.name}' is not defined in the current template."
            ) from None
        context = FragmentContext(self.name, values)
        with context.render_context.push_state(partial), context.bind_template(page):
            return partial.nodelist.render(context)

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.kwargs.items()}
        if settings.DEBUG:
            return self.draw(values, context.template)
        try:
            key = FragmentKey(
                (
                    catalog_module.loaded_version(),
                    self.template_name,
                    self.name,
                    tuple(values.items()),  # in the order the tag names them
                )
            )
        except TypeError as error:
            raise template.TemplateSyntaxError(
                f"cached_partial '{self.name}': every argument must be hashable ({error})."
            ) from None
        return fragments.get_or_draw(key, lambda: self.draw(values, context.template))


@register.tag
def cached_partial(parser, token):
    """`{% cached_partial "next-role" next=next %}`: the partial drawn from these arguments only,
    once per distinct set of them."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            "cached_partial takes a quoted partial name, then keyword arguments."
        )
    name = bits[1][1:-1]
    remaining = bits[2:]
    kwargs = token_kwargs(remaining, parser, support_legacy=False)
    if remaining:
        raise template.TemplateSyntaxError(
            f"cached_partial '{name}' takes only keyword arguments (name=value)."
        )
    template_name = str(parser.origin.name) if parser.origin else ""
    return CachedPartialNode(
        name, DeferredSubDict(parser.extra_data, "partials"), kwargs, template_name
    )


@register.simple_tag
def hidden_inputs(pairs) -> str:
    """`{% hidden_inputs pairs %}`: one hidden input per (name, value) pair, escaped as Django
    escapes (the standard library's html.escape, without the lazy-string wrapping per value)."""
    return mark_safe(
        "".join(
            f'<input type="hidden" name="{escape(str(n))}" value="{escape(str(v))}">'
            for n, v in pairs
        )
    )
