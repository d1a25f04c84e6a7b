"""The Jinja2 environment of the app's pages (the admin keeps Django's templates).

`url` and `static` are globals, the figures' filters are plain functions, `htmx_script` is
django-htmx's (a script file of this origin: the CSP allows no inline script and no nonce).
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django_htmx.jinja import htmx_script
from jinja2 import Environment, FileSystemLoader, TemplateNotFound

from careerpath import money, presenters


class PageLoader(FileSystemLoader):
    """templates/ holds the pages; templates/admin/ belongs to the Django engine (the admin)."""

    def get_source(self, environment, template):
        if template.startswith("admin/"):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def environment(**options) -> Environment:
    options["loader"] = PageLoader(options["loader"].searchpath)
    env = Environment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.do"], **options)
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
        already_met=presenters.already_met,
        path_gaps=presenters.path_gaps,
    )
    return env
