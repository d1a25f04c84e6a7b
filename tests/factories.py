"""factory-boy factories for every model: tests build exactly the rows they need."""

import factory
from factory.django import DjangoModelFactory

from careerpath.models import FactStatus
from certifications.models import Certification, CertificationFact, CertifyingBody, EligibilityRoute
from salaries.models import Area, Industry, Occupation, Projection, Release, WageEstimate
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


class EducationLevelFactory(DjangoModelFactory):
    class Meta:
        model = EducationLevel
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"education-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    rank = factory.Sequence(lambda n: 100 + n)


class CareerStageFactory(DjangoModelFactory):
    class Meta:
        model = CareerStage
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"stage-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    order = factory.Sequence(lambda n: 100 + n)
    min_years = 0
    max_years = 2
    percentile_low = 10
    percentile_high = 25
    focus = "Foundation"
    timeline_label = "Years 0-2"
    summary = "A stage of a coding career."


class TrackFactory(DjangoModelFactory):
    class Meta:
        model = Track
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"track-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    order = factory.Sequence(lambda n: 100 + n)
    description = "A direction a career can take."


class OccupationFactory(DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ["soc_code"]

    soc_code = "29-2072"
    title = "Medical Records Specialists"


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    slug = factory.Sequence(lambda n: f"role-{n}")
    title = factory.Sequence(lambda n: f"Role {n}")
    stage = factory.SubFactory(CareerStageFactory)
    track = factory.SubFactory(TrackFactory)
    summary = "What the role does."
    min_years = 0


class CertifyingBodyFactory(DjangoModelFactory):
    class Meta:
        model = CertifyingBody
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"body-{n}")
    acronym = factory.LazyAttribute(lambda o: o.slug.upper())
    name = factory.LazyAttribute(lambda o: f"{o.acronym} certifying body")


class CertificationFactory(DjangoModelFactory):
    class Meta:
        model = Certification
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"cert-{n}")
    acronym = factory.LazyAttribute(lambda o: o.slug.upper())
    name = factory.LazyAttribute(lambda o: f"Certified {o.acronym}")
    body = factory.SubFactory(CertifyingBodyFactory)


class CertificationFactFactory(DjangoModelFactory):
    class Meta:
        model = CertificationFact

    certification = factory.SubFactory(CertificationFactory)
    topic = "exam_format"
    value = "100 multiple-choice questions, 4 hours"
    status = FactStatus.P_WEB
    source = "issuer's page"


class EligibilityRouteFactory(DjangoModelFactory):
    class Meta:
        model = EligibilityRoute
        skip_postgeneration_save = True

    certification = factory.SubFactory(CertificationFactory)
    position = factory.Sequence(lambda n: n + 1)
    status = FactStatus.P_WEB

    @factory.post_generation
    def credentials(self, create, extracted, **kwargs):
        if create and extracted:
            self.credentials.set(extracted)


class RoleRequirementFactory(DjangoModelFactory):
    class Meta:
        model = RoleRequirement
        skip_postgeneration_save = True

    role = factory.SubFactory(RoleFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = "required"

    @factory.post_generation
    def certifications(self, create, extracted, **kwargs):
        if create:
            self.certifications.set(extracted or [CertificationFactory()])


class TransitionFactory(DjangoModelFactory):
    class Meta:
        model = Transition

    from_role = factory.SubFactory(RoleFactory)
    to_role = factory.SubFactory(RoleFactory)
    kind = "promotion"


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"milestone-{n}")
    stage = factory.SubFactory(CareerStageFactory)
    title = "Coding accuracy above 95%"
    description = "Keep accuracy at or above 95%."
    check_kind = "accuracy"
    threshold = 95

    @factory.post_generation
    def certifications(self, create, extracted, **kwargs):
        if create and extracted:
            self.certifications.set(extracted)


class StageSkillFactory(DjangoModelFactory):
    class Meta:
        model = StageSkill

    stage = factory.SubFactory(CareerStageFactory)
    category = "technical"
    text = factory.Sequence(lambda n: f"Skill {n}")


class ResumeMetricFactory(DjangoModelFactory):
    class Meta:
        model = ResumeMetric

    slug = factory.Sequence(lambda n: f"metric-{n}")
    stage = factory.SubFactory(CareerStageFactory)
    text = "Coding accuracy rate"


class ReleaseFactory(DjangoModelFactory):
    class Meta:
        model = Release
        django_get_or_create = ["survey", "year"]

    survey = "oews"
    year = factory.Sequence(lambda n: 2000 + n)
    reference_period = factory.LazyAttribute(lambda o: f"May {o.year}")


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["code"]

    code = "99"
    title = "U.S."
    kind = "national"


class IndustryFactory(DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ["naics"]

    naics = "000000"
    title = "Cross-industry"
    group = "cross-industry"


class WageEstimateFactory(DjangoModelFactory):
    class Meta:
        model = WageEstimate

    release = factory.SubFactory(ReleaseFactory)
    occupation = factory.SubFactory(OccupationFactory)
    area = factory.SubFactory(AreaFactory)
    industry = factory.SubFactory(IndustryFactory)
    employment = 194720
    a_pct10 = 37000
    a_pct25 = 43490
    a_median = 51140
    a_pct75 = 64820
    a_pct90 = 81150
    a_mean = 56790
    source = "test row"


class ProjectionFactory(DjangoModelFactory):
    class Meta:
        model = Projection

    occupation = factory.SubFactory(OccupationFactory)
    base_year = factory.Sequence(lambda n: 2000 + n)
    target_year = factory.LazyAttribute(lambda o: o.base_year + 10)
    employment_base = "194.8"
    employment_target = "208.6"
    change_numeric = "13.8"
    change_percent = "7.1"
    annual_openings = "14.2"
    source = "test row"
