"""The rules of career progression for medical coders, in one package.

Pure domain code: pydantic models in (a `Catalog` and an `Assessment`), pydantic models out (a
`Plan`). It imports nothing from Django and names no role, credential or dollar figure: every
fact comes from the catalog, which the database holds and `careerpath.catalog` reads.

The rules, in the order a plan is built, and the module that holds each:
1. Where you stand (`standing`): the stage of your role, or, without a role, the stage your
   years of experience reach (a stage lasts until the next one begins, so every year falls in
   exactly one); no role and no experience means no stage yet. Pay is a band of BLS percentiles
   in the current OEWS release: a role's band is its own occupation's, over the role's own span
   of percentiles or, without one, its stage's span; without a role, the stage's band (worked
   out once per catalog, in `catalog`). Beside it, for a coder who names their state, that
   state's mean pay (OEWS state figures are means, not percentiles) and what it buys at
   national-average prices: the mean divided by BEA's price parity of the same year over 100.
2. Readiness (`standing`): the milestones of your stage, each checked against what you told us.
3. The next tier (`next_tier`): the roles your role leads to by promotion or lateral move
   (without a role, the roles of the next stage; a newcomer's next tier is a first coding job).
   Each is measured against its requirements: every required group of credentials needs any one
   of its members, plus the typical years and the minimum education. Ranked: within reach first,
   then the fewest gaps, then your chosen track.
4. Credentials (`advice`, with `eligibility`): every credential you do not hold that a next-tier
   role or a step of the route to your goal (5) requires or recommends, ranked by value (the
   route first, then what you can sit for, then what leads to a pay rise; `advice_rank`), with
   whether you can sit for it now (open, not yet, or depending on what your
   answers do not say, such as an education not given or years in a role) and what an
   apprentice designation would mean for you. What it costs: the exam fee once, and a yearly
   upkeep from its body's renewal fees (no new membership for a body you already belong to); the
   months the pay of the roles it opens (those that require it) takes to pay the exam fee back,
   net of the upkeep where that is known.
5. The route to a goal role (`route`), when one is chosen: the fewest moves over promotions,
   lateral moves and pivots (then the fewest pivots, laterals and years to wait), each step with
   the years still needed, the earliest month, what it asks that no earlier step listed, and its
   pay; the credentials the steps require or recommend rank first in the advice.
6. Alternatives (`alternatives`): the pivots open from your role, and what to quantify on a
   resume at your stage.
7. Keeping credentials (`upkeep`): for the credentials held, each body's CEUs per cycle, where you
   are in the cycle, the fees, and how an apprentice designation comes off.

The models live apart from the rules: the catalog's in `catalog`, the assessment in `assessment`,
the plan's in `plan`. Role and credential comparisons (not part of a plan) are in `comparisons`.
Dependencies run one way (import-linter checks them): catalog, assessment, plan, then the rules.
"""

from __future__ import annotations

from datetime import date

from careerpath.planner.advice import credential_advice, held_credential_notes, payback_months
from careerpath.planner.alternatives import alternatives
from careerpath.planner.assessment import Assessment, CycleAnswer
from careerpath.planner.catalog import (
    PERCENTILES,
    SEARCH_TITLES,
    TASKS_SHOWN,
    TECHNOLOGY_SHOWN,
    ApprenticeCredit,
    Catalog,
    Certification,
    CeuShare,
    CeuTier,
    CredentialCountSalary,
    CredentialRenewal,
    CredentialSalary,
    EducationLevel,
    EligibilityRoute,
    ExamFee,
    Fact,
    FeeKind,
    FeePeriod,
    Frozen,
    Milestone,
    OccupationProfile,
    OccupationRef,
    Outlook,
    RenewalFee,
    RenewalRule,
    Requirement,
    ResumeMetric,
    Role,
    RoleProfile,
    SalaryBand,
    SpecialtyTerm,
    Stage,
    StageSkill,
    StatePay,
    TechnologyExample,
    Track,
    Transition,
    WageDistribution,
    at_national_prices,
)
from careerpath.planner.comparisons import compare_credentials, compare_roles, summarize_role
from careerpath.planner.eligibility import describe_route, eligibility
from careerpath.planner.next_tier import next_tier
from careerpath.planner.plan import (
    Alternative,
    BandChange,
    BodyUpkeep,
    CredentialAdvice,
    CredentialUpkeep,
    Eligibility,
    FeeRange,
    NextRole,
    Pace,
    PayChange,
    Plan,
    Position,
    RequirementGroup,
    RolePay,
    Route,
    RouteStep,
    YearlyUpkeep,
    is_pay_cut,
)
from careerpath.planner.route import route
from careerpath.planner.standing import (
    current_stage,
    first_stage,
    milestone_status,
    position,
    role_band,
    roles_by_occupation,
    salary_band,
    stage_bands,
    stage_for_years,
)
from careerpath.planner.upkeep import (
    add_months,
    ceu_categories,
    credential_upkeep,
    cycle_months,
)

# What the rest of the project uses: pages, the API, the catalog reader and the tests.
__all__ = [
    "PERCENTILES",
    "SEARCH_TITLES",
    "TASKS_SHOWN",
    "TECHNOLOGY_SHOWN",
    "Alternative",
    "ApprenticeCredit",
    "Assessment",
    "BandChange",
    "BodyUpkeep",
    "Catalog",
    "Certification",
    "CeuShare",
    "CeuTier",
    "CredentialAdvice",
    "CredentialCountSalary",
    "CredentialRenewal",
    "CredentialSalary",
    "CredentialUpkeep",
    "CycleAnswer",
    "EducationLevel",
    "Eligibility",
    "EligibilityRoute",
    "ExamFee",
    "Fact",
    "FeeKind",
    "FeePeriod",
    "FeeRange",
    "Frozen",
    "Milestone",
    "NextRole",
    "OccupationProfile",
    "OccupationRef",
    "Outlook",
    "Pace",
    "PayChange",
    "Plan",
    "Position",
    "RenewalFee",
    "RenewalRule",
    "Requirement",
    "RequirementGroup",
    "ResumeMetric",
    "Role",
    "RolePay",
    "RoleProfile",
    "Route",
    "RouteStep",
    "SalaryBand",
    "SpecialtyTerm",
    "Stage",
    "StageSkill",
    "StatePay",
    "TechnologyExample",
    "Track",
    "Transition",
    "WageDistribution",
    "YearlyUpkeep",
    "add_months",
    "at_national_prices",
    "build_plan",
    "ceu_categories",
    "compare_credentials",
    "compare_roles",
    "credential_upkeep",
    "cycle_months",
    "describe_route",
    "eligibility",
    "is_pay_cut",
    "payback_months",
    "role_band",
    "roles_by_occupation",
    "salary_band",
    "stage_bands",
    "stage_for_years",
    "summarize_role",
]


def build_plan(catalog: Catalog, assessment: Assessment, today: date | None = None) -> Plan:
    """Build the whole plan for one assessment against one catalog, as of `today` (the
    renewal cycles need a date; without one they show the rules but no timing)."""
    role = catalog.role(assessment.role)
    stage = current_stage(catalog, assessment)
    focus_stage = stage or first_stage(catalog)
    next_roles, next_note = next_tier(catalog, assessment, stage)
    standing = position(catalog, assessment, stage)
    goal_route = route(catalog, assessment, stage, today)
    return Plan(
        assessment=assessment,
        catalog_version=catalog.version,
        position=standing,
        readiness=tuple(
            milestone_status(catalog, assessment, m)
            for m in (catalog.stage_milestones(focus_stage.slug) if focus_stage else ())
        ),
        readiness_stage_name=focus_stage.name if focus_stage else "",
        next_roles=next_roles,
        next_roles_note=next_note,
        recommended_certifications=credential_advice(
            catalog, assessment, next_roles, goal_route, standing.salary_band
        ),
        held_credential_notes=held_credential_notes(catalog, assessment),
        alternatives=alternatives(catalog, assessment, role, stage, next_roles),
        credentials_held=len(assessment.certifications),
        credential_count_salaries=catalog.credential_count_salaries,
        resume_metrics=catalog.stage_resume_metrics(focus_stage.slug) if focus_stage else (),
        skills=catalog.stage_skills(focus_stage.slug) if focus_stage else (),
        credential_upkeep=credential_upkeep(catalog, assessment, today),
        route=goal_route,
    )
