from datetime import datetime, time
from functools import wraps
from urllib.parse import urlencode, urlsplit

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import render
from django.template import engines
from django.template.backends.utils import csrf_input_lazy, csrf_token_lazy
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import etag, require_POST, require_safe
from jinja2_fragments import render_block

from careerpath import api, catalog, charts, ical, keeping, planner, presenters
from careerpath.forms import (
    AssessmentForm,
    CeuEntryForm,
    CredentialGoalForm,
    assessment_query,
)
from careerpath.headline import headline_facts
from careerpath.http_cache import answer_etag, cached_answer, catalog_page, query_pairs
from careerpath.keeping import find_kept_plan, keep_plan
from careerpath.models import KeptPlan, SharedPlan
from careerpath.sharing import RateLimited, create_shared_plan, mark_used, shared_snapshot

PLAN_TEMPLATE = "careerpath/plan.html"


def plan_link(query: list[tuple[str, str]] | str, view: str = "plan") -> str:
    """A view's address with an assessment's answers (`assessment_query`, or those pairs
    already encoded) as its query."""
    return reverse(view) + "?" + (query if isinstance(query, str) else urlencode(query))


def site_address(path: str) -> str:
    """An absolute address on this site, from its configured origin (DJANGO_SITE_ORIGIN), never
    from the request's Host: a client cannot put another host into a calendar or a printout."""
    return settings.SITE_ORIGIN + path


def render_page(request, template_name, context, block=None, status=200):
    """A page, or only one of its blocks (an htmx update of the page's region): the same
    template either way, so a page and its swappable part never drift apart. A block drawn
    alone sees `block` set to its name (it then adds what htmx swaps out of band)."""
    if block is None:
        return render(request, template_name, context, status=status)
    engine = engines["jinja2"]
    # What Django's Jinja2 backend gives a whole page, lazily: a block that shows no form
    # never sets a CSRF cookie.
    page = {
        "request": request,
        "csrf_input": csrf_input_lazy(request),
        "csrf_token": csrf_token_lazy(request),
        "block": block,
        **context,
    }
    for processor in engine.template_context_processors:
        page |= processor(request)
    return HttpResponse(render_block(engine.env, template_name, block, page), status=status)


@require_safe
@catalog_page("home")
def home(request):
    current = catalog.current()
    wages, projection = headline_facts()
    # Each stage's band in the release the headline figures come from, and the roles it holds.
    stages = [
        (item, [role for role in current.roles if role.stage == item.stage.slug])
        for item in planner.stage_bands(current, wages)
    ]
    return render(
        request,
        "careerpath/home.html",
        {"wages": wages, "projection": projection, "stages": stages},
    )


def wants_partial(request) -> bool:
    """Whether htmx asked for the plan's region alone (a history restore wants the page)."""
    return bool(request.htmx and not request.htmx.history_restore_request)


def full_page(request) -> bool:
    return not wants_partial(request)


def answer_version(request, view: str) -> str:
    """The ETag of a planner answer (careerpath/http_cache.py): the catalog's version, the
    view, the query as sent (its pairs sorted: the same answers in another order are the same
    answer), the month it is planned in and whether htmx asked for the partial. Read from the
    query alone, so a 304 needs no form: the answer to one query is a pure function of these."""
    partial = "partial" if wants_partial(request) else "page"
    month = timezone.localdate().strftime("%Y-%m")
    return answer_etag(catalog.current().version, view, query_pairs(request), month, partial)


def assessment_answer(view_name: str, *, unbound_when_empty: bool = False):
    """A planner answer with HTTP caching: a request whose `If-None-Match` holds the answer's
    ETag gets a 304 before any form is made (what Django's `etag` decorator does); any other
    gets the view's answer, called as `view(request, form)` with the assessment validated once.
    Only a valid assessment's answer carries the ETag: an invalid one is not worth keeping."""

    def decorator(view):
        @wraps(view)
        def wrapped(request):
            tag = answer_version(request, view_name)
            response = get_conditional_response(request, etag=tag)
            if response is not None:
                response.headers["ETag"] = tag
                return response
            data = request.GET or None if unbound_when_empty else request.GET
            form = AssessmentForm(data, catalog=catalog.current())
            response = view(request, form)
            if response.status_code == 200 and (not form.is_bound or form.is_valid()):
                response.headers.setdefault("ETag", tag)
            return response

        return wrapped

    return decorator


@require_safe
@cached_answer(private=full_page)  # the full page carries the visitor's CSRF token (share form)
@assessment_answer("plan", unbound_when_empty=True)
def plan(request, form):
    current = form.catalog
    result = (
        planner.build_plan(current, form.assessment(), today=timezone.localdate())
        if form.is_valid()
        else None
    )
    block = "plan_result" if wants_partial(request) else None
    context = {"form": form, "plan": result, "catalog": current}
    if result:
        context["summary"] = presenters.summarize(result)
        context["chart"] = charts.plan_tier_chart(result)
        query = assessment_query(result.assessment, current)
        answers = urlencode(query)
        context["plan_link"] = plan_link(answers)
        context["share_action"] = reverse("share-plan")
        context["plan_url"] = site_address(context["plan_link"])  # for print
        context["share_query"] = query
        context["details_link"] = plan_link(answers, "plan-details")
        if result.credential_upkeep.due_dates:
            context["calendar_link"] = plan_link(answers, "plan-calendar")
    # Invalid input is a 400 page with the messages next to the fields. An htmx update gets a
    # 200: the fragment that says what to correct is what it asked for, and htmx (and
    # django-htmx's debug helper) treat 4xx fragments as failures instead of swapping them in.
    status = 400 if form.errors and not request.htmx else 200
    return render_page(request, PLAN_TEMPLATE, context, block=block, status=status)


# The parts of a plan the planner draws only when they are opened (sources, what the jobs are:
# templates/careerpath/plan/folded.html), in the order of the cards, with their headings on the
# page of a plan's details.
PLAN_DETAILS = {
    "route-jobs": "Your route: the jobs (O*NET, BLS)",
    "next-jobs": "The next tier: the jobs (O*NET, BLS)",
    "next-sources": "The next tier: sources",
    "credentials-sources": "Credentials that lead there: sources",
    "upkeep-sources": "Keeping your credentials: sources",
    "paths-sources": "Other paths: sources",
}


@require_safe
@cached_answer()
@assessment_answer("details")
def plan_details(request, form):
    """A plan's folded parts: all of them on a page (where a folded part's link leads without
    JavaScript), or the one named by `part` when htmx opens it in the plan."""
    current = form.catalog
    part = request.GET.get("part", "")
    answers = [(k, v) for k in request.GET if k != "part" for v in request.GET.getlist(k)]
    context = {"plan": None, "plan_link": plan_link(answers)}
    if part and part not in PLAN_DETAILS:
        context["problem"] = (
            f"“{part}” is not a part of a plan: the parts are {', '.join(PLAN_DETAILS)}."
        )
        return render(request, "careerpath/plan_details.html", context, status=400)
    if not form.is_valid():
        context["problem"] = "Some answers of this plan need a change: correct them in the planner."
        return render(request, "careerpath/plan_details.html", context, status=400)
    result = planner.build_plan(current, form.assessment(), today=timezone.localdate())
    context |= {
        "plan": result,
        "plan_link": plan_link(assessment_query(result.assessment, current)),
        "parts": list(PLAN_DETAILS.items()),
        "part": part,
    }
    block = "part" if part and wants_partial(request) else None
    return render_page(request, "careerpath/plan_details.html", context, block=block)


@require_POST
def share(request):
    current = catalog.current()
    form = AssessmentForm(request.POST, catalog=current)
    if not form.is_valid():
        return render(
            request, PLAN_TEMPLATE, {"form": form, "plan": None, "catalog": current}, status=400
        )
    result = planner.build_plan(current, form.assessment(), today=timezone.localdate())
    try:
        shared_plan = create_shared_plan(
            request, result, assessment_query(result.assessment, current)
        )
    except RateLimited as limited:
        return rate_limited(request, limited.retry_after)
    return see_other(reverse("shared-plan", args=[shared_plan.token]))


def shared_version(request, token) -> str | None:
    """A shared plan's ETag: its snapshot never changes, but the page says whether the catalog
    has changed since, so the catalog's version is part of it."""
    if not SharedPlan.objects.filter(token=token).exists():
        return None
    return answer_etag(catalog.current().version, "shared", token)


@require_safe
@cached_answer()
@etag(shared_version)
def shared(request, token):
    shared_plan = SharedPlan.objects.filter(token=token).first()
    if shared_plan is None:
        raise Http404("No shared plan has this link.")
    mark_used(shared_plan)
    current = catalog.current()
    snapshot = shared_snapshot(shared_plan)  # None: saved by an older planner; still opens
    assessment = snapshot.assessment if snapshot else None
    missing_role = bool(assessment and assessment.role and current.role(assessment.role) is None)
    return render(
        request,
        "careerpath/shared_plan.html",
        {
            "shared_plan": shared_plan,
            "plan": snapshot,
            "chart": charts.plan_tier_chart(snapshot) if snapshot else None,
            "summary": presenters.summarize(snapshot) if snapshot else None,
            "catalog_changed": shared_plan.catalog_version != current.version,
            "missing_role": missing_role,
            "open_link": reverse("plan") + "?" + urlencode([tuple(p) for p in shared_plan.query]),
            "plan_url": site_address(reverse("shared-plan", args=[token])),  # for print
        },
    )


def form_errors(form) -> dict[str, list[str]]:
    """A form's messages by field, as the API answers them."""
    return {
        field: [e["message"] for e in errs] for field, errs in form.errors.get_json_data().items()
    }


@require_safe
@cached_answer()
@assessment_answer("api")
def api_plan(request, form):
    current = form.catalog
    if not form.is_valid():
        return JsonResponse({"errors": form_errors(form)}, status=400)
    result = planner.build_plan(current, form.assessment(), today=timezone.localdate())
    return HttpResponse(api.api_plan_json(result), content_type="application/json")


# Error pages. Django's own handlers check the CSRF token first (for templates that show one),
# which parses the body again: a body that could not be parsed then raised a second time and
# ended as gunicorn's bare 500. These pages show no token, so they never touch the body.


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever failed (the database, a context processor) is not asked again.
    return HttpResponseServerError(render_to_string("500.html"))


def signin_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked sign-in: the 429 page, and when to try again."""
    response = render(request, "429_login.html", status=429)
    response["Retry-After"] = str(int(get_cool_off(request).total_seconds()))
    return response


@require_safe
@cached_answer()
@assessment_answer("calendar")
def plan_calendar(request, form):
    """The plan's renewal cycle ends as an .ics file; without any, the form says what to add."""
    current = form.catalog
    if form.is_valid():
        result = planner.build_plan(current, form.assessment(), today=timezone.localdate())
        if result.credential_upkeep.due_dates:
            body = ical.upkeep_calendar(
                result.credential_upkeep,
                host=urlsplit(settings.SITE_ORIGIN).netloc,
                # The first of the month: the file is the same all month, as its ETag says.
                stamp=timezone.make_aware(datetime.combine(result.credential_upkeep.as_of, time())),
                plan_url=site_address(plan_link(assessment_query(result.assessment, current))),
            )
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="credential-renewals.ics"'
            return response
        form.add_error(
            None,
            "The calendar needs the month a renewal cycle ends, for a credential you hold: "
            "tick the credential and enter the month under “Optional: renewal cycles”.",
        )
    return render(
        request, PLAN_TEMPLATE, {"form": form, "plan": None, "catalog": current}, status=400
    )


# Kept plans: a private address, /my/<token>/, is the only key to a plan kept without an
# account (careerpath/keeping.py). Its answers are never cached or sent on as a referrer.


def private_answer(view):
    """Marks every answer of a kept plan's address (404s included) as the visitor's alone:
    kept by no cache, its path sent on as a referrer to no one, and no search engine listing it.

    `strict-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` with
    the page's own forms, and CSRF protection (rightly) refuses them. `strict-origin` sends the
    site's origin alone, never the path that holds the key, to this site or any other."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers.pop("Cache-Control", None)
        patch_cache_control(response, private=True, no_store=True)
        response["Referrer-Policy"] = "strict-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303  # See Other: the page that follows is read with GET
    return response


def rate_limited(request, retry_after: int, template: str = "429.html"):
    response = render(request, template, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@require_POST
def keep(request):
    current = catalog.current()
    form = AssessmentForm(request.POST, catalog=current)
    if not form.is_valid():
        return render(
            request, PLAN_TEMPLATE, {"form": form, "plan": None, "catalog": current}, status=400
        )
    try:
        _, token = keep_plan(request, assessment_query(form.assessment(), current))
    except RateLimited as limited:
        return rate_limited(request, limited.retry_after, "429_keep.html")
    return see_other(reverse("my-plan", args=[token]))


def kept_plan_view(view):
    """A view of one kept plan: the token opens it or the answer is a 404, with the private
    headers either way. The view is called as `view(request, kept, token, ...)`."""

    @private_answer
    @wraps(view)
    def wrapped(request, token, *args, **kwargs):
        kept = find_kept_plan(token)
        if kept is None:
            return page_not_found(request)
        return view(request, kept, token, *args, **kwargs)

    return wrapped


def kept_answers(kept: KeptPlan, current) -> AssessmentForm:
    """The kept answers, validated against today's catalog."""
    data = QueryDict(mutable=True)
    for name, value in kept.answers:
        data.appendlist(name, value)
    return AssessmentForm(data, catalog=current)


def live_plan(kept: KeptPlan, form: AssessmentForm, today):
    """The kept plan as today's catalog draws it, with the CEU log counted for each body that
    has entries (instead of the CEUs typed), and the log's exact totals."""
    assessment = form.assessment()
    totals = keeping.logged_ceus(kept, form.catalog, assessment, today)
    assessment = assessment.with_ceus_earned(keeping.whole_ceus(totals))
    return planner.build_plan(form.catalog, assessment, today=today), totals


CEU_LOG_SHOWN = 100  # the latest entries; the log holds up to settings.CEU_LOG_MAX_ENTRIES


def my_plan_page(request, kept, token, *, answers=None, ceu_form=None, goal_form=None, status=200):
    current = catalog.current()
    today = timezone.localdate()
    stored = kept_answers(kept, current)
    result = totals = None
    if stored.is_valid():
        result, totals = live_plan(kept, stored, today)
    form = answers or stored
    address = reverse("my-plan", args=[token])
    calendar = reverse("my-plan-calendar", args=[token])
    goals = list(kept.goals.all())
    context = {
        "form": form,
        "plan": result,
        "catalog": current,
        "token": token,
        "address": site_address(address),
        "ceu_form": ceu_form or CeuEntryForm(catalog=current, today=today),
        "ceu_log": kept.ceu_log.all()[:CEU_LOG_SHOWN],
        "ceu_count": kept.ceu_log.count(),
        "ceu_totals": presenters.logged_ceu_lines(totals or {}, current),
        "goal_form": goal_form or CredentialGoalForm(catalog=current, today=today),
        "goals": presenters.credential_goals(goals, current, today),
        "goal_months": {goal.certification: goal.exam_month for goal in goals},
        "milestones_done": tuple(kept.milestones_done),
        "today": today,
        "calendar_url": site_address(calendar),
        # The same address for a calendar app to subscribe to: webcal: is http(s) for them.
        "webcal_link": "webcal:" + site_address(calendar).split(":", 1)[1],
    }
    if result:
        context["summary"] = presenters.summarize(result)
        context["chart"] = charts.plan_tier_chart(result)
        context["share_query"] = assessment_query(result.assessment, current)
        context["logged_bodies"] = tuple(totals)
    return render(request, "careerpath/my_plan.html", context, status=status)


@kept_plan_view
@require_safe
def my_plan(request, kept, token):
    keeping.mark_opened(kept)
    return my_plan_page(request, kept, token)


@kept_plan_view
@require_POST
def my_answers(request, kept, token):
    current = catalog.current()
    form = AssessmentForm(request.POST, catalog=current)
    if not form.is_valid():
        return my_plan_page(request, kept, token, answers=form, status=400)
    kept.answers = assessment_query(form.assessment(), current)
    kept.save(update_fields=["answers"])
    return see_other(reverse("my-plan", args=[token]))


@kept_plan_view
@require_POST
def my_ceu_add(request, kept, token):
    form = CeuEntryForm(request.POST, catalog=catalog.current(), today=timezone.localdate())
    status = 400
    if form.is_valid():
        try:
            keeping.add_ceu_entry(kept, **form.cleaned_data)
        except RateLimited as limited:
            status = 429
            form.add_error(
                None,
                "You have logged many activities in a short time: wait "
                f"{limited.retry_after} seconds, then add this one again.",
            )
        except keeping.LogFull:
            form.add_error(
                None,
                f"Your CEU log is full: it holds at most {settings.CEU_LOG_MAX_ENTRIES} "
                "entries. Delete old ones to add more.",
            )
        else:
            return see_other(reverse("my-plan", args=[token]) + "#ceu-log")
    return my_plan_page(request, kept, token, ceu_form=form, status=status)


@kept_plan_view
@require_POST
def my_ceu_delete(request, kept, token, entry):
    kept.ceu_log.filter(pk=entry).delete()
    return see_other(reverse("my-plan", args=[token]) + "#ceu-log")


@kept_plan_view
@require_POST
def my_goal_set(request, kept, token):
    current = catalog.current()
    form = CredentialGoalForm(request.POST, catalog=current, today=timezone.localdate())
    if form.is_valid():
        try:
            keeping.set_goal(kept, **form.cleaned_data)
        except keeping.TooManyGoals:
            form.add_error(
                None, f"A plan holds at most {keeping.MAX_GOALS} goals: delete one to add another."
            )
        else:
            return see_other(reverse("my-plan", args=[token]) + "#goals")
    return my_plan_page(request, kept, token, goal_form=form, status=400)


@kept_plan_view
@require_POST
def my_goal_delete(request, kept, token, goal):
    kept.goals.filter(pk=goal).delete()
    return see_other(reverse("my-plan", args=[token]) + "#goals")


@kept_plan_view
@require_POST
def my_milestone(request, kept, token, slug):
    """Mark one of the catalog's milestones done, or not done again (`done` = "0"). The plan's
    own checks still stand beside the mark: it says what the coder did that no answer says."""
    if slug not in {m.slug for m in catalog.current().milestones}:
        return page_not_found(request)
    done = set(kept.milestones_done) - {slug}
    if request.POST.get("done", "1") != "0":
        done.add(slug)
    KeptPlan.objects.filter(pk=kept.pk).update(milestones_done=sorted(done))
    return see_other(reverse("my-plan", args=[token]) + "#readiness-heading")


@kept_plan_view
@require_POST
def my_delete(request, kept, token):
    kept.delete()  # its CEU log goes with it (CASCADE)
    return see_other(reverse("my-plan-deleted"))


@require_safe
@private_answer
def my_plan_deleted(request):
    return render(request, "careerpath/my_deleted.html")


@kept_plan_view
@require_safe
def my_key(request, kept, token):
    """The private address as a small text note to keep."""
    address = site_address(reverse("my-plan", args=[token]))
    context = {"address": address, "retention_days": settings.MY_PLAN_RETENTION_DAYS}
    body = render_to_string("careerpath/my_key.txt", context)
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="careerpath-my-plan.txt"'
    return response


@kept_plan_view
@require_safe
def my_calendar(request, kept, token):
    """A kept plan's calendar, for a calendar app to subscribe to: each cycle's end and, while
    CEUs are still to earn, a monthly reminder of the pace. It follows the plan's answers and
    log, so it has no ETag of its own and is always drawn fresh."""
    keeping.mark_opened(kept)
    current = catalog.current()
    form = kept_answers(kept, current)
    upkeep = None
    if form.is_valid():
        upkeep = live_plan(kept, form, timezone.localdate())[0].credential_upkeep
    body = ical.upkeep_calendar(
        upkeep,
        host=urlsplit(settings.SITE_ORIGIN).netloc,
        stamp=timezone.now(),
        plan_url=site_address(reverse("my-plan", args=[token])),
        name="My plan: credential renewals and goals",
        pace=True,
        goals=presenters.credential_goals(kept.goals.all(), current, timezone.localdate()),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@kept_plan_view
@require_safe
def api_my_plan(request, kept, token):
    """A kept plan as `/api/plan/` gives a plan, plus its CEU log (the latest entries) and
    each body's total for its current cycle. Writes go through the page's forms (CSRF)."""
    keeping.mark_opened(kept)
    form = kept_answers(kept, catalog.current())
    if not form.is_valid():  # answers the catalog no longer accepts: a conflict to correct
        return JsonResponse({"errors": form_errors(form)}, status=409)
    result, totals = live_plan(kept, form, timezone.localdate())
    body = api.api_plan(result)
    body["ceu_log"] = [
        {
            "date": entry.earned_on.isoformat(),
            "body": entry.body,
            "ceus": float(entry.ceus),
            "title": entry.title,
            "category": entry.category,
        }
        for entry in kept.ceu_log.all()[:CEU_LOG_SHOWN]
    ]
    body["ceu_log_count"] = kept.ceu_log.count()
    body["ceus_logged"] = {name: float(total) for name, total in totals.items()}
    body["milestones_done"] = list(kept.milestones_done)
    body["goals"] = [
        {"certification": goal.certification, "exam_month": goal.exam_month.strftime("%Y-%m")}
        for goal in kept.goals.all()
    ]
    return JsonResponse(body)
