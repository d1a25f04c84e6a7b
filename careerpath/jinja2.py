"""The Jinja2 environment of the app's pages (the admin keeps Django's templates).

`url` and `static` are globals (`url` reads a catalog row's page from a lookup built with the
catalog, `careerpath.catalog_pages`, and reverses anything else), the figures' filters are plain
functions, `htmx_script` is django-htmx's (a script file of this origin: the CSP allows no inline
script and no nonce).
Each value a page shows is escaped to text by `escape_output` (`PageCodeGenerator`): the same
bytes as Jinja2's own `escape`, without a `Markup` made for every value, which was a fifth of
the time a plan took to draw (tests/test_jinja2_environment.py holds the two to the same output).
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import defaultfilters
from django.templatetags.static import static
from django_htmx.jinja import htmx_script
from jinja2 import Environment, FileSystemLoader, TemplateNotFound
from jinja2.compiler import CodeGenerator
from markupsafe import _escape_inner

from careerpath import money, presenters
from careerpath.catalog_pages import url


class PageLoader(FileSystemLoader):
    """templates/ holds the pages; templates/admin/ belongs to the Django engine (the admin)."""

    def get_source(self, environment, template):
        if template.startswith("admin/"):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


def escape_output(value) -> str:
    """A value a page shows, escaped as markupsafe's `escape` escapes it, as plain text.

    Jinja2 writes each `{{ value }}` of an autoescaped page as `escape(value)`, which wraps every
    value in a `Markup` made in Python: about 0.5 µs each, and a plan shows about 340 values.
    Only what is joined to be used again (a macro's output, a `{% set %}` block) needs to be
    `Markup`, and Jinja2 wraps those itself; a value written to the page needs only its text."""
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class PageCodeGenerator(CodeGenerator):
    """Jinja2's code generator, writing each shown value through `escape_output`."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if not frame.eval_ctx.autoescape or frame.eval_ctx.volatile:
            return super()._output_child_pre(node, frame, finalize)
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


class PageEnvironment(Environment):
    code_generator_class = PageCodeGenerator
    escape_output = staticmethod(escape_output)


def environment(**options) -> PageEnvironment:
    options["loader"] = PageLoader(options["loader"].searchpath)
    env = PageEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.do"], **options
    )
    env.globals.update(url=url, static=static, htmx_script=htmx_script)
    env.filters.update(
        dollars=money.dollars,
        signed_dollars=money.signed_dollars,
        signed_percent=money.signed_percent,
        dollars_cents=money.dollars_cents,
        thousands=money.thousands,
        ordinal=money.ordinal,
        percentile_span=money.percentile_span,
        date=defaultfilters.date,
        pluralize=defaultfilters.pluralize,
        filesizeformat=defaultfilters.filesizeformat,
        truncatechars=defaultfilters.truncatechars,
        intcomma=intcomma,
        default_if_none=defaultfilters.default_if_none,
        exam_fee=presenters.exam_fee,
        eligibility=presenters.eligibility,
        payback=presenters.payback,
        pay_change=presenters.pay_change,
        state_pay=presenters.state_pay,
        route_goals=presenters.route_goals,
        occupation_codes=presenters.occupation_codes,
        shared_source=presenters.shared_source,
        already_met=presenters.already_met,
        path_gaps=presenters.path_gaps,
    )
    return env
