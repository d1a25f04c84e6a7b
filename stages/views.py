from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from careerpath import catalog, charts, planner
from careerpath.http_cache import catalog_page
from salaries.models import oews_source_file
from stages.forms import CompareForm, MapForm
from stages.models import Role, RoleRequirement, Transition, TransitionKind


@require_safe
@catalog_page("career-map")
def career_map(request):
    current = catalog.current()
    form = MapForm(request.GET or None, catalog=current)
    here, next_tier = None, set()
    if form.is_valid() and form.cleaned_data["role"]:
        here = form.cleaned_data["role"]
        plan = planner.build_plan(current, planner.Assessment(role=here))
        next_tier = {n.role.slug for n in plan.next_roles}
    roles = Role.objects.select_related("stage", "track").prefetch_related(
        Prefetch("transitions_out", queryset=Transition.objects.select_related("to_role"))
    )
    by_stage = [
        {
            "stage": item.stage,
            "band": item.band,
            "roles": [r for r in roles if r.stage.slug == item.stage.slug],
        }
        for item in planner.stage_bands(current, current.stage_wages())
    ]
    drawing, bands = map_drawing(current, here, next_tier)
    return render(
        request,
        "stages/career_map.html",
        {
            "form": form,
            # The stages' bands are the coders' occupation's; roles on other occupations
            # have their own (each box, role pages, plan, compare).
            "by_stage": by_stage,
            "here": here,
            "here_title": current.role(here).title if here else "",
            "next_tier": next_tier,
            "map": drawing,
            "move_kinds": TransitionKind.choices,
            "band_sources": distinct_sources(bands),
        },
        status=400 if form.errors else 200,
    )


def distinct_sources(bands) -> list[tuple[str, str, list[str]]]:
    """Each file the bands come from once, with its release and the occupations read from it
    ("BLS OEWS national_M2025_dl.xlsx", "May 2025", ["11-9111", "29-2072"])."""
    grouped: dict[tuple[str, str], set[str]] = {}
    for band in bands:
        if band is not None:
            file = oews_source_file(band.source)
            grouped.setdefault((file, band.reference_period), set()).add(band.occupation.soc_code)
    return [(file, period, sorted(codes)) for (file, period), codes in sorted(grouped.items())]


def map_drawing(
    current: planner.Catalog, here: str | None, next_tier: set[str]
) -> tuple[charts.CareerMap, list[planner.SalaryBand | None]]:
    """The catalog drawn as a map (stages as columns, tracks as lanes, moves as arrows), each
    role with the pay band the planner gives it, and those bands."""
    bands = [planner.role_band(current, role) for role in current.roles]
    nodes = [
        charts.MapNodeSpec(
            key=role.slug,
            label=role.title,
            column=role.stage,
            lane=role.track,
            low=band.low if band else None,
            high=band.high if band else None,
            mark="here" if role.slug == here else "next" if role.slug in next_tier else "",
        )
        for role, band in zip(current.roles, bands, strict=True)
    ]
    drawing = charts.career_map(
        [
            charts.MapColumnSpec(key=s.slug, label=s.name, detail=s.years_label)
            for s in current.stages
        ],
        [charts.MapLaneSpec(key=t.slug, label=f"{t.name} track") for t in current.tracks],
        nodes,
        [
            charts.MapEdgeSpec(source=t.from_role, target=t.to_role, kind=t.kind)
            for t in current.transitions
        ],
    )
    return drawing, bands


@require_safe
@catalog_page("role")
def role_detail(request, slug):
    role = get_object_or_404(
        Role.objects.select_related("stage", "track", "education").prefetch_related(
            Prefetch(
                "requirements",
                queryset=RoleRequirement.objects.prefetch_related("certifications__body"),
            ),
            Prefetch("transitions_out", queryset=Transition.objects.select_related("to_role")),
            Prefetch("transitions_in", queryset=Transition.objects.select_related("from_role")),
        ),
        slug=slug,
    )
    current = catalog.current()
    summary = planner.summarize_role(current, current.role(slug)) if current.role(slug) else None
    return render(
        request,
        "stages/role_detail.html",
        {"role": role, "summary": summary, "profile": current.role_profile(slug)},
    )


@require_safe
@catalog_page("compare-roles")
def compare(request):
    current = catalog.current()
    wanted = [slug for slug in request.GET.getlist("role") if slug][:3]
    # One role (from a role page's "Compare with another role") only pre-fills the form.
    form = CompareForm(request.GET if len(wanted) >= 2 else None, catalog=current)
    comparison = (
        planner.compare_roles(current, form.cleaned_data["role"]) if form.is_valid() else None
    )
    slots = [(n, wanted[n - 1] if n <= len(wanted) else "") for n in (1, 2, 3)]
    return render(
        request,
        "stages/compare.html",
        {"form": form, "comparison": comparison, "roles": current.roles, "slots": slots},
        status=400 if form.errors else 200,
    )
