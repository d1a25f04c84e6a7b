"""The one bridge from the database to the planner: ORM rows in, the planner's frozen models out.

The catalog is read once and held in memory. Every edit of a catalog row changes the single
`CatalogVersion` stamp (see `careerpath.apps`); each worker compares its copy's version with the
stamp at most every CATALOG_CACHE_SECONDS, so an admin's save reaches every worker within
seconds at the cost of one tiny query per interval.
"""

import threading
import time
import uuid
from itertools import pairwise

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch, Subquery

from careerpath import planner
from careerpath.models import CatalogVersion
from catalog_rows import catalog_models
from certifications.models import (
    ApprenticeCredit,
    Certification,
    CertificationFact,
    CredentialCountSalary,
    CredentialRenewal,
    CredentialSalary,
    EligibilityRoute,
    RenewalRule,
    SpecialtyTerm,
)
from salaries.models import (
    Area,
    Occupation,
    OnetProfile,
    PriceParity,
    Projection,
    WageEstimate,
)
from salaries.states import FIPS_BY_USPS
from stages.models import (
    CareerStage,
    EducationLevel,
    Milestone,
    ResumeMetric,
    Role,
    RoleRequirement,
    StageSkill,
    Track,
    Transition,
)

_lock = threading.Lock()
_cached: planner.Catalog | None = None
_checked_at = 0.0
_reload_hooks: list = []


def on_reload(hook):
    """Register a function to call whenever this process drops or replaces its catalog (caches
    of things drawn from the catalog clear themselves this way)."""
    _reload_hooks.append(hook)
    return hook


def _reloaded():
    for hook in _reload_hooks:
        hook()


def loaded() -> planner.Catalog | None:
    """The catalog this process holds now (None before the first read); no query."""
    return _cached


def catalog_is_empty() -> bool:
    """True when no catalog row of any kind exists (a fresh database)."""
    return not any(model.objects.exists() for model in catalog_models(apps.get_models()))


STAMP_CACHE_KEY = "catalog-version"


def stamp() -> str:
    """The catalog's current version. With a shared cache (Redis) every process and host reads
    it there; the database row stays the source of truth when the cache has forgotten it."""
    if settings.REDIS_URL and (value := cache.get(STAMP_CACHE_KEY)) is not None:
        return value
    value = CatalogVersion.objects.filter(pk=1).values_list("value", flat=True).first() or ""
    if settings.REDIS_URL:
        cache.set(STAMP_CACHE_KEY, value, timeout=None)
    return value


def bump() -> None:
    """Mark the catalog as changed: every worker reloads it at its next check."""
    global _checked_at
    value = uuid.uuid4().hex
    CatalogVersion.objects.update_or_create(pk=1, defaults={"value": value})
    if settings.REDIS_URL:
        # Published only once the change is committed, so no worker reads rows not yet visible.
        transaction.on_commit(lambda: cache.set(STAMP_CACHE_KEY, value, timeout=None))
    _checked_at = 0.0


def forget() -> None:
    """Drop this process's copy (tests, and after a bulk load)."""
    global _cached, _checked_at
    with _lock:
        _cached, _checked_at = None, 0.0
        _reloaded()


def current() -> planner.Catalog:
    """The catalog as of at most CATALOG_CACHE_SECONDS ago."""
    global _cached, _checked_at
    now = time.monotonic()
    cached = _cached
    if cached is not None and now - _checked_at < settings.CATALOG_CACHE_SECONDS:
        return cached
    version = stamp()
    with _lock:
        if _cached is None or _cached.version != version:
            _cached = read_catalog(version)
            _reloaded()
        _checked_at = now
        return _cached


def read_catalog(version: str) -> planner.Catalog:
    """Read every catalog row the planner needs, in a fixed number of queries."""
    roles = Role.objects.select_related("stage", "track", "education", "wage_occupation")
    roles = roles.prefetch_related(
        Prefetch(
            "requirements",
            queryset=RoleRequirement.objects.select_related("most_requested").prefetch_related(
                "certifications"
            ),
        )
    )
    certifications = Certification.objects.select_related("body", "exam_fee").prefetch_related(
        Prefetch("facts", queryset=CertificationFact.objects.order_by("topic")),
        Prefetch(
            "eligibility_routes",
            queryset=EligibilityRoute.objects.select_related("education", "current_role"),
        ),
        "eligibility_routes__credentials",
    )
    stages = list(CareerStage.objects.select_related("wage_occupation"))
    # A stage lasts until the next one begins.
    starts = sorted(s.min_years for s in stages)
    ends = {start: following - 1 for start, following in pairwise(starts)}
    renewals = {
        r.certification_id: credential_renewal(r)
        for r in CredentialRenewal.objects.prefetch_related("replaces")
    }
    return planner.Catalog(
        version=version,
        educations=tuple(
            planner.EducationLevel(slug=e.slug, name=e.name, rank=e.rank)
            for e in EducationLevel.objects.all()
        ),
        stages=tuple(
            planner.Stage(
                slug=s.slug,
                name=s.name,
                order=s.order,
                min_years=s.min_years,
                max_years=ends.get(s.min_years),
                occupation=s.wage_occupation.soc_code if s.wage_occupation else None,
                percentile_low=s.percentile_low,
                percentile_high=s.percentile_high,
                focus=s.focus,
                timeline_label=s.timeline_label,
                summary=s.summary,
            )
            for s in stages
        ),
        tracks=tuple(
            planner.Track(slug=t.slug, name=t.name, order=t.order) for t in Track.objects.all()
        ),
        roles=tuple(
            planner.Role(
                slug=r.slug,
                title=r.title,
                aliases=tuple(r.other_titles_list),
                stage=r.stage.slug,
                track=r.track.slug,
                summary=r.summary,
                min_years=r.min_years,
                education=r.education.slug if r.education else None,
                education_note=r.education_note,
                requirements=tuple(
                    planner.Requirement(
                        kind=q.kind,
                        certifications=tuple(sorted(c.slug for c in q.certifications.all())),
                        most_requested=q.most_requested.slug if q.most_requested else None,
                        note=q.note,
                    )
                    for q in r.requirements.all()
                ),
                occupation=r.wage_occupation.soc_code if r.wage_occupation else None,
                percentile_low=r.pay_percentile_low,
                percentile_high=r.pay_percentile_high,
                pay_note=r.pay_note,
                pay_source=r.pay_source,
                pivot_from_any=r.pivot_from_any,
            )
            for r in roles
        ),
        certifications=tuple(
            planner.Certification(
                slug=c.slug,
                acronym=c.acronym,
                name=c.name,
                body=c.body.slug,
                body_acronym=c.body.acronym,
                body_name=c.body.name,
                is_specialty=c.is_specialty,
                apprentice_designation=c.apprentice_designation,
                apprentice_years=c.apprentice_years,
                apprentice_removal=c.apprentice_removal,
                facts=tuple(
                    planner.Fact(
                        topic=f.topic,
                        label=f.get_topic_display(),
                        value=f.value,
                        status=f.status,
                        status_label=f.get_status_display(),
                        source=f.source,
                    )
                    for f in c.facts.all()
                ),
                eligibility=tuple(
                    planner.EligibilityRoute(
                        education=route.education.slug if route.education else None,
                        min_years=route.min_years,
                        credentials=tuple(sorted(x.slug for x in route.credentials.all())),
                        current_role=route.current_role.slug if route.current_role else None,
                        him_program=route.him_program,
                        unconfirmed=route.unconfirmed,
                        note=route.note,
                        status=route.status,
                    )
                    for route in c.eligibility_routes.all()
                ),
                exam_fee=exam_fee(c),
                renewal=renewals.get(c.pk),
            )
            for c in certifications
        ),
        transitions=tuple(
            planner.Transition(
                from_role=t.from_role.slug, to_role=t.to_role.slug, kind=t.kind, note=t.note
            )
            for t in Transition.objects.select_related("from_role", "to_role")
        ),
        milestones=tuple(
            planner.Milestone(
                slug=m.slug,
                stage=m.stage.slug,
                title=m.title,
                description=m.description,
                check=m.check_kind,
                threshold=m.threshold,
                certifications=tuple(sorted(c.slug for c in m.certifications.all())),
                education=m.education.slug if m.education else None,
            )
            for m in Milestone.objects.select_related("stage", "education").prefetch_related(
                "certifications"
            )
        ),
        skills=tuple(
            planner.StageSkill(
                stage=s.stage.slug,
                category=s.category,
                category_label=s.get_category_display(),
                text=s.text,
            )
            for s in StageSkill.objects.select_related("stage")
        ),
        resume_metrics=tuple(
            planner.ResumeMetric(stage=m.stage.slug, text=m.text, example=m.example)
            for m in ResumeMetric.objects.select_related("stage")
        ),
        specialty_terms=tuple(
            planner.SpecialtyTerm(
                term=t.term, certifications=tuple(sorted(c.slug for c in t.certifications.all()))
            )
            for t in SpecialtyTerm.objects.prefetch_related("certifications")
        ),
        credential_count_salaries=tuple(
            planner.CredentialCountSalary(
                survey=row.survey,
                survey_year=row.survey_year,
                year_inferred=row.year_inferred,
                group=row.group,
                credentials=row.credentials,
                or_more=row.or_more,
                average=row.average,
                measure=row.measure,
                status=row.status,
                status_label=row.get_status_display(),
                source=row.source,
            )
            for row in CredentialCountSalary.objects.all()
        ),
        credential_salaries=tuple(
            planner.CredentialSalary(
                certification=row.certification.slug,
                survey=row.survey,
                survey_year=row.survey_year,
                average=row.average,
                measure=row.measure,
                status=row.status,
                status_label=row.get_status_display(),
                source=row.source,
            )
            for row in CredentialSalary.objects.select_related("certification")
        ),
        wages=current_wages(),
        profiles=occupation_profiles(),
        renewal_rules=tuple(
            renewal_rule(r)
            for r in RenewalRule.objects.select_related("body").prefetch_related(
                "tiers", "shares", "fees"
            )
        ),
        apprentice_credits=tuple(
            planner.ApprenticeCredit(
                body=k.body.slug,
                kind=k.kind,
                label=k.label,
                years=k.years,
                certification=k.certification.slug if k.certification else None,
                status=k.status,
                status_label=k.get_status_display(),
                source=k.source,
            )
            for k in ApprenticeCredit.objects.select_related("body", "certification")
        ),
        state_pay=state_pay(stages),
    )


def credential_renewal(row: CredentialRenewal) -> planner.CredentialRenewal:
    return planner.CredentialRenewal(
        ceus=row.ceus,
        topic_ceus=row.topic_ceus,
        topic=row.topic,
        replaces=tuple(sorted(c.slug for c in row.replaces.all())),
        status=row.status,
        status_label=row.get_status_display(),
        source=row.source,
    )


def renewal_rule(row: RenewalRule) -> planner.RenewalRule:
    """One body's renewal rule, its tiers, shares and fees selected with it."""
    return planner.RenewalRule(
        body=row.body.slug,
        body_acronym=row.body.acronym,
        body_name=row.body.name,
        cycle_years=row.cycle_years,
        tiers=tuple(
            planner.CeuTier(credentials=t.credentials, ceus=t.ceus) for t in row.tiers.all()
        ),
        additional_ceus=row.additional_ceus,
        max_ceus=row.max_ceus,
        specialty_ceus=row.specialty_ceus,
        shares=tuple(
            planner.CeuShare(
                percent=s.percent,
                topic=s.topic,
                since=s.since,
                status=s.status,
                status_label=s.get_status_display(),
                source=s.source,
            )
            for s in row.shares.all()
        ),
        fees=tuple(
            planner.RenewalFee(
                label=f.label,
                kind=f.kind,
                amount=f.amount,
                additional_amount=f.additional_amount,
                period=f.period,
                period_label=f.get_period_display(),
                students_only=f.students_only,
                note=f.note,
                status=f.status,
                status_label=f.get_status_display(),
                source=f.source,
            )
            for f in row.fees.all()
        ),
        notes=row.notes,
        status=row.status,
        status_label=row.get_status_display(),
        source=row.source,
    )


def exam_fee(certification: Certification) -> planner.ExamFee | None:
    """The credential's confirmed exam fee (selected with it), or None when none is."""
    try:
        fee = certification.exam_fee
    except Certification.exam_fee.RelatedObjectDoesNotExist:
        return None
    return planner.ExamFee(
        low=fee.low,
        high=fee.high,
        status=fee.status,
        status_label=fee.get_status_display(),
        source=fee.source,
        note=fee.note,
    )


def current_wages() -> dict[str, planner.WageDistribution]:
    """National, cross-industry wages of every occupation a role or a stage is priced on, in
    the current OEWS release, by SOC code (one query, whatever their number)."""
    estimates = (
        WageEstimate.objects.national()
        .filter(
            release__is_current=True,
            occupation__in=Occupation.objects.described_by_catalog().values("pk"),
        )
        .select_related("release", "occupation")
    )
    return {e.occupation.soc_code: wage_distribution(e, e.occupation) for e in estimates}


def occupation_profiles() -> dict[str, planner.OccupationProfile]:
    """What O*NET says each catalog occupation does and its current BLS projection, by SOC code
    (a fixed number of queries, whatever their number)."""
    occupations = Occupation.objects.described_by_catalog()
    onet = {
        p.occupation.soc_code: p
        for p in OnetProfile.objects.filter(occupation__in=occupations)
        .select_related("occupation")
        .prefetch_related("tasks", "technology", "titles")
    }
    outlooks = {
        p.occupation.soc_code: p
        for p in Projection.objects.filter(
            is_current=True, occupation__in=occupations
        ).select_related("occupation")
    }
    profiles = {}
    for code in sorted(onet.keys() | outlooks.keys()):
        found, projection = onet.get(code), outlooks.get(code)
        occupation = (found or projection).occupation
        profiles[code] = planner.OccupationProfile(
            occupation=planner.OccupationRef(soc_code=code, title=occupation.title),
            **(onet_fields(found) if found else {}),
            outlook=outlook(projection) if projection else None,
        )
    return profiles


def onet_fields(profile: OnetProfile) -> dict:
    """A profile's tasks (core ones when O*NET types them), technology and titles."""
    tasks = list(profile.tasks.all())
    core = [t for t in tasks if t.core]
    technology = sorted(
        profile.technology.all(), key=lambda t: (not t.in_demand, not t.hot, t.example.lower())
    )
    return {
        "tasks": tuple(t.statement for t in (core or tasks)[: planner.TASKS_SHOWN]),
        "core_tasks": bool(core),
        "task_count": len(tasks),
        "technology": tuple(
            planner.TechnologyExample(name=t.example, hot=t.hot)
            for t in technology[: planner.TECHNOLOGY_SHOWN]
        ),
        "titles": tuple(t.title for t in profile.titles.all()),
        "onet_release": profile.release
        + (f" ({profile.release_date})" if profile.release_date else ""),
        "onet_source": profile.source,
    }


def outlook(projection: Projection) -> planner.Outlook:
    return planner.Outlook(
        period=projection.period_label,
        change_percent=projection.change_percent,
        openings_per_year=round(projection.annual_openings * 1000),
        typical_education=projection.entry_education,
        factor=projection.factor,
        source=projection.source,
    )


def wage_distribution(estimate: WageEstimate, occupation: Occupation) -> planner.WageDistribution:
    """One national OEWS row (its release selected with it) as the planner reads wages."""
    return planner.WageDistribution(
        reference_period=estimate.release.reference_period,
        source=estimate.source,
        occupation=occupation.soc_code,
        occupation_title=occupation.title,
        annual={p: estimate.annual(p) for p in planner.PERCENTILES},
        hourly={p: estimate.hourly(p) for p in planner.PERCENTILES},
        annual_mean=estimate.a_mean,
        employment=estimate.employment,
    )


def state_pay(stages: list[CareerStage]) -> tuple[planner.StatePay, ...]:
    """Each state's mean for the occupation the stages are drawn on, from the latest release
    with state figures, and BEA's price parity of that release's year (three queries). Every
    state and DC is listed, with None where a figure is missing."""
    first = min((s for s in stages if s.wage_occupation), key=lambda s: s.order, default=None)
    if first is None:
        return ()
    occupation = first.wage_occupation
    areas = Area.objects.filter(kind=Area.Kind.STATE, code__in=FIPS_BY_USPS.values())
    estimates = WageEstimate.objects.filter(
        occupation=occupation, area__in=areas, industry__naics="000000"
    ).select_related("release", "area")
    newest = estimates.order_by("-release__year").values("release__year")[:1]
    means = {row.area.code: row for row in estimates.filter(release__year=Subquery(newest))}
    year = next((row.release.year for row in means.values()), None)
    parities = {p.area.code: p for p in PriceParity.objects.filter(year=year, area__in=areas)}
    names = {area.code: area.title for area in areas}
    period = next((row.release.reference_period for row in means.values()), "")
    rows = []
    for usps, fips in FIPS_BY_USPS.items():
        if fips not in names:
            continue
        mean, parity = means.get(fips), parities.get(fips)
        rows.append(
            planner.StatePay(
                state=usps,
                state_name=names[fips],
                occupation=planner.OccupationRef(
                    soc_code=occupation.soc_code, title=occupation.title
                ),
                annual_mean=mean.a_mean if mean else None,
                period=period,
                year=year,
                status=mean.status if mean else "",
                status_label=mean.get_status_display() if mean else "",
                source=mean.source if mean else "",
                price_parity=parity.all_items if parity else None,
                parity_year=parity.year if parity else None,
                parity_source=parity.source if parity else "",
            )
        )
    return tuple(sorted(rows, key=lambda row: row.state_name))
