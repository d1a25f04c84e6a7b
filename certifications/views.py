from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from careerpath import catalog, planner
from careerpath.http_cache import catalog_page
from certifications.forms import CredentialCompareForm
from certifications.models import Certification, CertifyingBody
from stages.models import RoleRequirement


@require_safe
@catalog_page("credentials")
def certification_list(request):
    bodies = CertifyingBody.objects.prefetch_related(
        Prefetch("certifications", queryset=Certification.objects.prefetch_related("facts"))
    )
    return render(request, "certifications/list.html", {"bodies": bodies})


@require_safe
@catalog_page("credential")
def certification_detail(request, slug):
    certification = get_object_or_404(
        Certification.objects.select_related("body").prefetch_related(
            "facts",
            "eligibility_routes__education",
            "eligibility_routes__current_role",
            "eligibility_routes__credentials",
            Prefetch(
                "role_requirements",
                queryset=RoleRequirement.objects.select_related("role__stage").prefetch_related(
                    "certifications"
                ),
            ),
        ),
        slug=slug,
    )
    return render(request, "certifications/detail.html", {"certification": certification})


@require_safe
@catalog_page("compare-credentials")
def compare(request):
    current = catalog.current()
    wanted = [slug for slug in request.GET.getlist("cert") if slug][:2]
    # One credential (from a credential page) only pre-fills the form.
    form = CredentialCompareForm(request.GET if len(wanted) >= 2 else None, catalog=current)
    summaries = (
        planner.compare_credentials(current, form.cleaned_data["cert"]) if form.is_valid() else ()
    )
    slots = [(n, wanted[n - 1] if n <= len(wanted) else "") for n in (1, 2)]
    return render(
        request,
        "certifications/compare.html",
        {
            "form": form,
            "summaries": summaries,
            "certifications": current.certifications,
            "slots": slots,
        },
        status=400 if form.errors else 200,
    )
