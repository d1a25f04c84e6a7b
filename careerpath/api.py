"""The plan as the JSON API returns it: slugs where the page shows names.

Every field is mapped by name from the planner's `Plan`, so a field added to the plan does not
reach the API until it is added here, and a renamed one fails here, not in a client.
"""

from pydantic import BaseModel, ConfigDict

from careerpath.planner import (
    Alternative,
    CredentialAdvice,
    NextRole,
    Plan,
    Position,
    RequirementGroup,
    SalaryBand,
)


class ApiModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ApiPosition(ApiModel):
    stage: str | None
    role: str | None
    salary_band: SalaryBand | None
    notes: list[str]


class ApiNextRole(ApiModel):
    role: str
    title: str
    stage: str
    track: str
    ready: bool
    missing_certifications: list[list[str]]  # each group: any one of these slugs
    met_certifications: list[list[str]]
    recommended_certifications: list[str]
    missing_years: int
    missing_education: str | None
    salary_band: SalaryBand | None


class ApiCredential(ApiModel):
    certification: str
    leads_to: list[str]
    unlocks: list[str]
    strengthens: list[str]
    eligible_now: bool | None


class ApiAlternative(ApiModel):
    role: str
    title: str
    track: str
    salary_band: SalaryBand | None


class ApiPlan(ApiModel):
    position: ApiPosition
    next_roles: list[ApiNextRole]
    recommended_certifications: list[ApiCredential]
    alternatives: list[ApiAlternative]
    catalog_version: str


def _groups(groups: tuple[RequirementGroup, ...]) -> list[list[str]]:
    return [[c.slug for c in group.certifications] for group in groups]


def _position(position: Position) -> ApiPosition:
    return ApiPosition(
        stage=position.stage,
        role=position.role.slug if position.role else None,
        salary_band=position.salary_band,
        notes=list(position.notes),
    )


def _next_role(next_role: NextRole) -> ApiNextRole:
    return ApiNextRole(
        role=next_role.role.slug,
        title=next_role.role.title,
        stage=next_role.stage,
        track=next_role.track,
        ready=next_role.ready,
        missing_certifications=_groups(next_role.missing_certifications),
        met_certifications=_groups(next_role.met_certifications),
        recommended_certifications=[c.slug for c in next_role.recommended_certifications],
        missing_years=next_role.missing_years,
        missing_education=next_role.missing_education,
        salary_band=next_role.salary_band,
    )


def _credential(advice: CredentialAdvice) -> ApiCredential:
    return ApiCredential(
        certification=advice.certification.slug,
        leads_to=[r.slug for r in advice.leads_to],
        unlocks=[r.slug for r in advice.unlocks],
        strengthens=[r.slug for r in advice.strengthens],
        eligible_now=advice.eligible_now,
    )


def _alternative(alternative: Alternative) -> ApiAlternative:
    return ApiAlternative(
        role=alternative.role.slug,
        title=alternative.role.title,
        track=alternative.track,
        salary_band=alternative.salary_band,
    )


def api_plan(plan: Plan) -> dict:
    """The plan as the JSON the API returns."""
    return ApiPlan(
        position=_position(plan.position),
        next_roles=[_next_role(n) for n in plan.next_roles],
        recommended_certifications=[_credential(a) for a in plan.recommended_certifications],
        alternatives=[_alternative(a) for a in plan.alternatives],
        catalog_version=plan.catalog_version,
    ).model_dump(mode="json")
