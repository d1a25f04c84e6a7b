"""Small catalogs built in Python, for testing the rules of progression without the fixtures.

The planner reads frozen pydantic models, so a world is built from them directly with
factory-boy: no database, and a BLS refresh of the shipped catalog never breaks a rule test.
The dollar figures here are made up for the tests (round numbers, so a reader can check the
arithmetic); they are never shown to anyone.
"""

from decimal import Decimal

import factory

from careerpath import planner


class StageFactory(factory.Factory):
    class Meta:
        model = planner.Stage

    slug = factory.Sequence(lambda n: f"stage-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    order = factory.Sequence(int)
    min_years = 0
    max_years = None
    occupation = "00-0001"
    percentile_low = 10
    percentile_high = 25
    focus = "Focus"
    timeline_label = "Years"


class RoleFactory(factory.Factory):
    class Meta:
        model = planner.Role

    slug = factory.Sequence(lambda n: f"role-{n}")
    title = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    stage = "entry"
    track = "coding"
    min_years = 0
    occupation = "00-0001"  # the world's one occupation; a role's band is its stage's span


class CertificationFactory(factory.Factory):
    class Meta:
        model = planner.Certification

    slug = factory.Sequence(lambda n: f"cert-{n}")
    acronym = factory.LazyAttribute(lambda o: o.slug.upper())
    name = factory.LazyAttribute(lambda o: f"Certified {o.slug.title()}")
    body = "aapc"
    body_acronym = factory.LazyAttribute(lambda o: o.body.upper())
    body_name = factory.LazyAttribute(lambda o: o.body.upper())


class RenewalFeeFactory(factory.Factory):
    class Meta:
        model = planner.RenewalFee

    label = factory.Sequence(lambda n: f"Fee {n}")
    kind = planner.FeeKind.RECERTIFICATION
    amount = None
    period = planner.FeePeriod.CYCLE
    period_label = factory.LazyAttribute(lambda o: {"year": "a year"}.get(o.period, "per cycle"))
    status = factory.LazyAttribute(lambda o: "NC" if o.amount is None else "P-web")
    status_label = factory.LazyAttribute(lambda o: "Not confirmed" if o.amount is None else "Web")
    source = factory.LazyAttribute(lambda o: f"{o.label} page")


class RenewalRuleFactory(factory.Factory):
    class Meta:
        model = planner.RenewalRule

    body = "aapc"
    body_acronym = factory.LazyAttribute(lambda o: o.body.upper())
    body_name = factory.LazyAttribute(lambda o: o.body.upper())
    cycle_years = 2
    status = "P-web"
    status_label = "Web"
    source = factory.LazyAttribute(lambda o: f"{o.body} renewal page")


class WagesFactory(factory.Factory):
    class Meta:
        model = planner.WageDistribution

    reference_period = "May 2030"
    source = "Test world wages"
    occupation = "00-0001"
    annual = factory.LazyFunction(
        lambda: {10: 30_000, 25: 40_000, 50: 50_000, 75: 60_000, 90: 80_000}
    )


class StatePayFactory(factory.Factory):
    class Meta:
        model = planner.StatePay

    state = "ZZ"
    state_name = "Zedland"
    occupation = factory.LazyFunction(lambda: planner.OccupationRef(soc_code="00-0001", title="X"))
    annual_mean = 60_000
    period = "May 2030"
    year = 2030
    source = "Test world state means"
    price_parity = factory.LazyFunction(lambda: Decimal("120.000"))
    parity_year = 2030
    parity_source = "Test world price parities"


def required(*slugs, note=""):
    return planner.Requirement(kind="required", certifications=tuple(slugs), note=note)


def recommended(*slugs):
    return planner.Requirement(kind="recommended", certifications=tuple(slugs))


def move(from_role, to_role, kind="promotion", note=""):
    return planner.Transition(from_role=from_role, to_role=to_role, kind=kind, note=note)


EDUCATIONS = (
    planner.EducationLevel(slug="high-school", name="High school diploma", rank=1),
    planner.EducationLevel(slug="associate", name="Associate degree", rank=2),
    planner.EducationLevel(slug="bachelor", name="Bachelor's degree", rank=3),
)
TRACKS = (
    planner.Track(slug="coding", name="Coding", order=1),
    planner.Track(slug="specialist", name="Specialist", order=2),
    planner.Track(slug="management", name="Management", order=3),
    planner.Track(slug="alternative", name="Alternative careers", order=4),
)
STAGES = (
    StageFactory(slug="entry", name="Entry", order=1, min_years=0, max_years=2),
    StageFactory(
        slug="mid",
        name="Mid",
        order=2,
        min_years=3,
        max_years=6,
        percentile_low=25,
        percentile_high=75,
    ),
    StageFactory(
        slug="senior", name="Senior", order=3, min_years=7, percentile_low=75, percentile_high=90
    ),  # the last stage: open-ended
)


def ladder(**changes) -> planner.Catalog:
    """A coding ladder: coder -> senior coder -> manager -> director, an auditor one step aside,
    an analyst reached only by a pivot (and paid on no occupation the catalog holds)."""
    catalog = planner.Catalog(
        version="ladder",
        educations=EDUCATIONS,
        stages=STAGES,
        tracks=TRACKS,
        roles=(
            RoleFactory(slug="coder", stage="entry", requirements=(required("cpc", "ccs"),)),
            RoleFactory(
                slug="senior-coder",
                stage="mid",
                min_years=3,
                requirements=(required("cpc", "ccs"),),
            ),
            RoleFactory(
                slug="auditor",
                stage="mid",
                track="specialist",
                min_years=4,
                requirements=(required("cpc"), recommended("cpma")),
            ),
            RoleFactory(
                slug="manager",
                stage="senior",
                track="management",
                min_years=7,
                requirements=(required("cpc", "ccs"), recommended("rhia")),
            ),
            RoleFactory(
                slug="director",
                stage="senior",
                track="management",
                min_years=10,
                education="bachelor",
                requirements=(required("rhia"),),
            ),
            RoleFactory(slug="analyst", stage="mid", track="alternative", occupation=None),
        ),
        certifications=(
            CertificationFactory(
                slug="cpc",
                apprentice_designation="CPC-A",
                apprentice_years=2,
                apprentice_removal="Send proof of two years.",
                eligibility=(planner.EligibilityRoute(note="anyone may sit"),),
            ),
            CertificationFactory(
                slug="ccs",
                body="ahima",
                eligibility=(planner.EligibilityRoute(education="high-school"),),
            ),
            CertificationFactory(slug="cpma"),
            CertificationFactory(
                slug="rhia",
                body="ahima",
                eligibility=(planner.EligibilityRoute(education="bachelor"),),
            ),
        ),
        transitions=(
            move("coder", "senior-coder"),
            move("coder", "auditor", "lateral"),
            move("senior-coder", "manager"),
            move("senior-coder", "auditor", "lateral"),
            move("senior-coder", "analyst", "pivot", note="Work with the data you code."),
            move("manager", "director"),
        ),
        milestones=(
            planner.Milestone(
                slug="accuracy",
                stage="entry",
                title="95% accuracy",
                description="",
                check="accuracy",
                threshold=95,
            ),
            planner.Milestone(
                slug="first-credential",
                stage="entry",
                title="A first credential",
                description="",
                check="credential",
                certifications=("cpc", "ccs"),
            ),
        ),
        wages={"00-0001": WagesFactory()},
        state_pay=(
            StatePayFactory(state="DC", state_name="District of Columbia"),
            StatePayFactory(
                state="WY",
                state_name="Wyoming",
                annual_mean=None,
                price_parity=None,
                parity_year=None,
                source="",
                parity_source="",
            ),
        ),
    )
    return catalog.model_copy(update=changes)


def plan(catalog: planner.Catalog, **answers) -> planner.Plan:
    """The plan of one assessment in a world."""
    return planner.build_plan(catalog, planner.Assessment(**answers))
