from functools import lru_cache
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from pydantic import ValidationError

from careerpath import catalog, charts, ical, planner
from careerpath.forms import AssessmentForm, assessment_query
from careerpath.headline import headline_facts
from careerpath.models import SharedPlan
from careerpath.sharing import RateLimited, create_shared_plan

PLAN_TEMPLATE = "careerpath/plan.html"


def tier_chart(plan: planner.Plan) -> str:
    """Your band beside the distinct bands of the next tier, drawn as SVG ("" if none)."""
    yours = plan.position.salary_band
    if yours is None:
        return ""
    others: dict[tuple[int, int], str] = {}
    for next_role in plan.next_roles:
        band = next_role.salary_band
        if band and (band.low, band.high) != (yours.low, yours.high):
            others.setdefault((band.low, band.high), f"Next: {next_role.stage_name}")
    if not others:
        return ""
    chart = charts.tier_chart(
        charts.BandSpec(label=f"You: {plan.position.stage_name}", low=yours.low, high=yours.high),
        [charts.BandSpec(label=label, low=low, high=high) for (low, high), label in others.items()],
        median=yours.median,
    )
    return draw_tier_chart(chart, yours.reference_period)


@lru_cache(maxsize=256)
def draw_tier_chart(chart: charts.BandChart, reference_period: str) -> str:
    # A handful of distinct charts serve every plan: drawing each once saves a quarter of the
    # plan's rendering time. The drawing is the template's own (escaped) output.
    return render_to_string(
        "careerpath/plan.html#tier-chart", {"chart": chart, "reference_period": reference_period}
    )


def plan_link(assessment: planner.Assessment, view: str = "plan") -> str:
    return reverse(view) + "?" + urlencode(assessment_query(assessment))


@require_GET
def home(request):
    wages, projection = headline_facts()
    return render(request, "careerpath/home.html", {"wages": wages, "projection": projection})


@require_GET
@vary_on_headers("HX-Request")
def plan(request):
    current = catalog.current()
    form = AssessmentForm(request.GET or None, catalog=current)
    result = (
        planner.build_plan(current, form.assessment(), today=timezone.localdate())
        if form.is_valid()
        else None
    )
    template = PLAN_TEMPLATE
    if request.htmx and not request.htmx.history_restore_request:
        template += "#plan-update"
    context = {"form": form, "plan": result, "catalog": current}
    if result:
        context["chart"] = tier_chart(result)
        context["plan_link"] = plan_link(result.assessment)
        context["share_query"] = assessment_query(result.assessment)
        if result.credential_upkeep.due_dates:
            context["calendar_link"] = plan_link(result.assessment, "plan-calendar")
    # Invalid input is a 400 page with the messages next to the fields. An htmx update gets a
    # 200: the fragment that says what to correct is what it asked for, and htmx (and
    # django-htmx's debug helper) treat 4xx fragments as failures instead of swapping them in.
    status = 400 if form.errors and not request.htmx else 200
    return render(request, template, context, status=status)


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
        shared_plan = create_shared_plan(request, result, assessment_query(result.assessment))
    except RateLimited:
        return render(request, "429.html", status=429)
    response = HttpResponseRedirect(reverse("shared-plan", args=[shared_plan.token]))
    response.status_code = 303  # See Other: the new page is read with GET
    return response


@require_GET
def shared(request, token):
    shared_plan = SharedPlan.objects.filter(token=token).first()
    if shared_plan is None:
        raise Http404("No shared plan has this link.")
    current = catalog.current()
    try:
        snapshot = planner.Plan.model_validate(shared_plan.snapshot)
    except ValidationError:
        snapshot = None  # saved by an older version of the planner; the link still opens
    assessment = snapshot.assessment if snapshot else None
    missing_role = bool(assessment and assessment.role and current.role(assessment.role) is None)
    return render(
        request,
        "careerpath/shared_plan.html",
        {
            "shared_plan": shared_plan,
            "plan": snapshot,
            "chart": tier_chart(snapshot) if snapshot else "",
            "catalog_changed": shared_plan.catalog_version != current.version,
            "missing_role": missing_role,
            "open_link": reverse("plan") + "?" + urlencode([tuple(p) for p in shared_plan.query]),
        },
    )


@require_GET
def api_plan(request):
    current = catalog.current()
    form = AssessmentForm(request.GET, catalog=current)
    if not form.is_valid():
        errors = {
            field: [e["message"] for e in errs]
            for field, errs in form.errors.get_json_data().items()
        }
        return JsonResponse({"errors": errors}, status=400)
    result = planner.build_plan(current, form.assessment(), today=timezone.localdate())
    return JsonResponse(planner.ApiPlan.from_plan(result).model_dump(mode="json"))


@require_safe
def plan_calendar(request):
    """The plan's renewal cycle ends as an .ics file; without any, the form says what to add."""
    current = catalog.current()
    form = AssessmentForm(request.GET, catalog=current)
    if form.is_valid():
        result = planner.build_plan(current, form.assessment(), today=timezone.localdate())
        if result.credential_upkeep.due_dates:
            body = ical.upkeep_calendar(
                result.credential_upkeep,
                host=request.get_host(),
                stamp=timezone.now(),
                plan_url=request.build_absolute_uri(plan_link(result.assessment)),
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
