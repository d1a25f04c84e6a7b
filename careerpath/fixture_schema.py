"""Pydantic schemas for the catalog fixtures: every file is checked before anything is loaded.

A fixture is Django's JSON format with natural keys (slugs, SOC codes, years), never numeric
ids. Validation catches what loaddata would only half-catch: unknown fields, out-of-order
percentiles, and references to records that no fixture file defines. Errors name the file,
the record and the field.
"""

import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from careerpath.models import FactStatus
from certifications.models import FactTopic, FeePeriod
from salaries.models import Area, Release
from stages.models import MilestoneCheck, RequirementKind, SkillCategory, TransitionKind

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=50)]
Text = Annotated[str, StringConstraints(strip_whitespace=False)]
Required = Annotated[str, StringConstraints(min_length=1)]
Key = tuple[str]
Percentile = Annotated[int, Field(ge=0, le=100)]
Count = Annotated[int, Field(ge=0)]
Money = Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]
PERCENTILE_CHOICES = {10, 25, 50, 75, 90}


class FixtureError(Exception):
    """A fixture file that must not be loaded; the message says where and why."""


class Fields(BaseModel):
    """The `fields` of one fixture record. Subclasses list their references to other models."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    references: ClassVar[dict[str, str]] = {}

    def natural_key(self) -> tuple:
        return (self.slug,)


class EducationLevelFields(Fields):
    slug: Slug
    name: Required
    rank: Count


class CareerStageFields(Fields):
    slug: Slug
    name: Required
    order: Count
    min_years: Count
    max_years: Count | None = None
    percentile_low: Percentile
    percentile_high: Percentile
    focus: Required
    timeline_label: Required
    summary: Required
    source: Text = ""

    @model_validator(mode="after")
    def band_in_order(self):
        for name in ("percentile_low", "percentile_high"):
            if getattr(self, name) not in PERCENTILE_CHOICES:
                raise ValueError(
                    f"{name} must be one of BLS's percentiles {sorted(PERCENTILE_CHOICES)}"
                )
        if self.percentile_low >= self.percentile_high:
            raise ValueError("percentile_low must be below percentile_high")
        if self.max_years is not None and self.max_years < self.min_years:
            raise ValueError("max_years cannot be below min_years")
        return self


class TrackFields(Fields):
    slug: Slug
    name: Required
    order: Count
    description: Required


class RoleFields(Fields):
    references = {
        "stage": "stages.careerstage",
        "track": "stages.track",
        "education": "stages.educationlevel",
        "wage_occupation": "salaries.occupation",
    }
    slug: Slug
    title: Required
    other_titles: Text = ""
    stage: Key
    track: Key
    summary: Required
    responsibilities: Text = ""
    employer_expectations: Text = ""
    min_years: Count = 0
    education: Key | None = None
    education_note: Text = ""
    wage_occupation: Key | None = None
    pay_note: Text = ""
    order: Count = 0
    source: Text = ""


class RoleRequirementFields(Fields):
    references = {"role": "stages.role", "certifications": "certifications.certification"}
    role: Key
    position: Count = 1
    kind: RequirementKind
    certifications: Annotated[list[Key], Field(min_length=1)]
    note: Text = ""

    def natural_key(self):
        return (*self.role, self.position)


class TransitionFields(Fields):
    references = {"from_role": "stages.role", "to_role": "stages.role"}
    from_role: Key
    to_role: Key
    kind: TransitionKind
    note: Text = ""

    @model_validator(mode="after")
    def not_to_itself(self):
        if self.from_role == self.to_role:
            raise ValueError("a role cannot lead to itself")
        return self

    def natural_key(self):
        return (*self.from_role, *self.to_role)


class MilestoneFields(Fields):
    references = {
        "stage": "stages.careerstage",
        "certifications": "certifications.certification",
        "education": "stages.educationlevel",
    }
    slug: Slug
    stage: Key
    title: Required
    description: Required
    check_kind: MilestoneCheck
    threshold: Count | None = None
    certifications: list[Key] = []
    education: Key | None = None
    order: Count = 0
    source: Text = ""

    @model_validator(mode="after")
    def check_is_complete(self):
        needs = {
            MilestoneCheck.ACCURACY: ("threshold", self.threshold),
            MilestoneCheck.YEARS: ("threshold", self.threshold),
            MilestoneCheck.CREDENTIAL: ("certifications", self.certifications),
            MilestoneCheck.EDUCATION: ("education", self.education),
        }
        if self.check_kind in needs and not needs[self.check_kind][1]:
            raise ValueError(f"a {self.check_kind} milestone needs {needs[self.check_kind][0]}")
        if self.check_kind == MilestoneCheck.ACCURACY and self.threshold > 100:
            raise ValueError("an accuracy threshold is a percentage (0-100)")
        return self


class StageSkillFields(Fields):
    references = {"stage": "stages.careerstage"}
    stage: Key
    category: SkillCategory
    text: Required
    order: Count = 0

    def natural_key(self):
        return (*self.stage, self.category, self.text)


class ResumeMetricFields(Fields):
    references = {"stage": "stages.careerstage"}
    slug: Slug
    stage: Key
    text: Required
    example: Text = ""
    order: Count = 0
    source: Text = ""


class CertifyingBodyFields(Fields):
    slug: Slug
    acronym: Required
    name: Required
    url: Text = ""
    description: Text = ""
    order: Count = 0


class CertificationFields(Fields):
    references = {"body": "certifications.certifyingbody"}
    slug: Slug
    acronym: Required
    name: Required
    body: Key
    is_specialty: bool = False
    apprentice_designation: Text = ""
    apprentice_years: Count | None = None
    apprentice_removal: Text = ""
    order: Count = 0

    @model_validator(mode="after")
    def apprentice_rule_complete(self):
        if self.apprentice_designation and self.apprentice_years is None:
            raise ValueError("an apprentice designation needs apprentice_years")
        return self


class CertificationFactFields(Fields):
    references = {"certification": "certifications.certification"}
    certification: Key
    topic: FactTopic
    value: Text = ""
    status: FactStatus
    source: Text = ""

    @model_validator(mode="after")
    def blank_when_not_confirmed(self):
        if self.status == FactStatus.NOT_CONFIRMED and self.value:
            raise ValueError("an unconfirmed (NC) fact must stay blank: value must be empty")
        if self.status != FactStatus.NOT_CONFIRMED and not self.value:
            raise ValueError(f"a fact with status {self.status} needs a value")
        return self

    def natural_key(self):
        return (*self.certification, self.topic)


class EligibilityRouteFields(Fields):
    references = {
        "certification": "certifications.certification",
        "education": "stages.educationlevel",
        "credentials": "certifications.certification",
    }
    certification: Key
    position: Count = 1
    education: Key | None = None
    min_years: Count | None = None
    credentials: list[Key] = []
    note: Text = ""
    status: FactStatus
    source: Text = ""

    def natural_key(self):
        return (*self.certification, self.position)


class RenewalRuleFields(Fields):
    references = {"body": "certifications.certifyingbody"}
    body: Key
    cycle_years: Annotated[int, Field(ge=1)]
    additional_ceus: Count | None = None
    max_ceus: Count | None = None
    specialty_ceus: Count | None = None
    notes: Text = ""
    status: FactStatus
    source: Text = ""

    def natural_key(self):
        return tuple(self.body)


class CeuTierFields(Fields):
    references = {"rule": "certifications.renewalrule"}
    rule: Key
    credentials: Annotated[int, Field(ge=1)]
    ceus: Count

    def natural_key(self):
        return (*self.rule, self.credentials)


class CeuShareFields(Fields):
    references = {"rule": "certifications.renewalrule"}
    rule: Key
    position: Count = 1
    percent: Annotated[int, Field(ge=1, le=100)]
    topic: Required
    since: date | None = None
    status: FactStatus
    source: Text = ""

    def natural_key(self):
        return (*self.rule, self.position)


class RenewalFeeFields(Fields):
    references = {"rule": "certifications.renewalrule"}
    rule: Key
    position: Count = 1
    label: Required
    amount: Annotated[Decimal, Field(ge=0, max_digits=7, decimal_places=2)] | None = None
    additional_amount: Annotated[Decimal, Field(ge=0, max_digits=7, decimal_places=2)] | None = None
    period: FeePeriod
    note: Text = ""
    status: FactStatus
    source: Text = ""

    @model_validator(mode="after")
    def blank_when_not_confirmed(self):
        if self.status == FactStatus.NOT_CONFIRMED and self.amount is not None:
            raise ValueError("an unconfirmed (NC) fee must stay blank: amount must be empty")
        if self.status != FactStatus.NOT_CONFIRMED and self.amount is None:
            raise ValueError(f"a fee with status {self.status} needs an amount")
        return self

    def natural_key(self):
        return (*self.rule, self.position)


class CredentialRenewalFields(Fields):
    references = {
        "certification": "certifications.certification",
        "replaces": "certifications.certification",
    }
    certification: Key
    ceus: Count | None = None
    topic_ceus: Count | None = None
    topic: Text = ""
    replaces: list[Key] = []
    status: FactStatus
    source: Text = ""

    @model_validator(mode="after")
    def topic_complete(self):
        if (self.topic_ceus is None) != (not self.topic):
            raise ValueError("topic_ceus and topic go together: give both or neither")
        if self.certification in self.replaces:
            raise ValueError("a credential cannot replace itself")
        return self

    def natural_key(self):
        return tuple(self.certification)


class ApprenticeCreditFields(Fields):
    references = {"body": "certifications.certifyingbody"}
    body: Key
    kind: Slug
    label: Required
    years: Annotated[int, Field(ge=1)]
    position: Count = 1
    status: FactStatus
    source: Text = ""

    def natural_key(self):
        return (*self.body, self.kind)


class OccupationFields(Fields):
    soc_code: Annotated[str, StringConstraints(pattern=r"^\d\d-\d{4}$")]
    title: Required
    description: Text = ""

    def natural_key(self):
        return (self.soc_code,)


class ReleaseFields(Fields):
    survey: Release.Survey
    year: Annotated[int, Field(ge=1997, le=2100)]
    reference_period: Required
    is_current: bool = False
    published_on: date | None = None
    source_file: Text = ""
    source_url: Text = ""
    top_code_hourly: Money | None = None
    top_code_annual: Count | None = None
    note: Text = ""

    def natural_key(self):
        return (self.survey, self.year)


class AreaFields(Fields):
    code: Required
    title: Required
    kind: Area.Kind

    def natural_key(self):
        return (self.code,)


class IndustryFields(Fields):
    naics: Required
    title: Required
    group: Required

    def natural_key(self):
        return (self.naics,)


class WageEstimateFields(Fields):
    references = {
        "release": "salaries.release",
        "occupation": "salaries.occupation",
        "area": "salaries.area",
        "industry": "salaries.industry",
    }
    release: tuple[str, int]
    occupation: Key
    area: Key
    industry: Key
    own_code: Required = "1235"
    employment: Count | None = None
    employment_rse: Decimal | None = None
    h_mean: Money | None = None
    a_mean: Count | None = None
    mean_rse: Decimal | None = None
    h_pct10: Money | None = None
    h_pct25: Money | None = None
    h_median: Money | None = None
    h_pct75: Money | None = None
    h_pct90: Money | None = None
    a_pct10: Count | None = None
    a_pct25: Count | None = None
    a_median: Count | None = None
    a_pct75: Count | None = None
    a_pct90: Count | None = None
    top_coded: list[str] = []
    suppressed: list[str] = []
    status: FactStatus = FactStatus.P_FILE
    source: Required

    @model_validator(mode="after")
    def percentiles_in_order(self):
        for prefix, names in (
            ("a_", ("pct10", "pct25", "median", "pct75", "pct90")),
            ("h_", ("pct10", "pct25", "median", "pct75", "pct90")),
        ):
            values = [(prefix + n, getattr(self, prefix + n)) for n in names]
            published = [(n, v) for n, v in values if v is not None]
            for (low_name, low), (high_name, high) in pairwise(published):
                if low > high:
                    raise ValueError(
                        f"percentiles out of order: {low_name}={low} is above {high_name}={high}"
                    )
        return self

    def natural_key(self):
        return (*self.release, *self.occupation, *self.area, *self.industry)


class ProjectionFields(Fields):
    references = {"occupation": "salaries.occupation"}
    occupation: Key
    base_year: Count
    target_year: Count
    employment_base: Decimal
    employment_target: Decimal
    change_numeric: Decimal
    change_percent: Decimal
    annual_openings: Decimal
    self_employed_percent: Decimal | None = None
    median_wage: Count | None = None
    entry_education: Text = ""
    work_experience: Text = ""
    on_the_job_training: Text = ""
    is_current: bool = False
    status: FactStatus = FactStatus.P_FILE
    source: Required

    @model_validator(mode="after")
    def years_in_order(self):
        if self.target_year <= self.base_year:
            raise ValueError("target_year must be after base_year")
        return self

    def natural_key(self):
        return (*self.occupation, self.base_year)


SCHEMAS: dict[str, type[Fields]] = {
    "stages.educationlevel": EducationLevelFields,
    "stages.careerstage": CareerStageFields,
    "stages.track": TrackFields,
    "stages.role": RoleFields,
    "stages.rolerequirement": RoleRequirementFields,
    "stages.transition": TransitionFields,
    "stages.milestone": MilestoneFields,
    "stages.stageskill": StageSkillFields,
    "stages.resumemetric": ResumeMetricFields,
    "certifications.certifyingbody": CertifyingBodyFields,
    "certifications.certification": CertificationFields,
    "certifications.certificationfact": CertificationFactFields,
    "certifications.eligibilityroute": EligibilityRouteFields,
    "certifications.renewalrule": RenewalRuleFields,
    "certifications.ceutier": CeuTierFields,
    "certifications.ceushare": CeuShareFields,
    "certifications.renewalfee": RenewalFeeFields,
    "certifications.credentialrenewal": CredentialRenewalFields,
    "certifications.apprenticecredit": ApprenticeCreditFields,
    "salaries.occupation": OccupationFields,
    "salaries.release": ReleaseFields,
    "salaries.area": AreaFields,
    "salaries.industry": IndustryFields,
    "salaries.wageestimate": WageEstimateFields,
    "salaries.projection": ProjectionFields,
}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    model: str
    fields: dict[str, Any]


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"])
        parts.append(f"field '{where}': {item['msg']}" if where else item["msg"])
    return "; ".join(parts)


def validate_files(paths: list[Path]) -> dict[str, int]:
    """Validate fixture files together; return records per model, or raise FixtureError."""
    keys: dict[str, set[tuple]] = defaultdict(set)
    parsed: list[tuple[str, int, str, Fields]] = []
    problems: list[str] = []
    for path in paths:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise FixtureError(f"{path}: not a readable JSON file ({error})") from None
        if not isinstance(raw, list):
            raise FixtureError(f"{path}: a fixture file is a JSON list of records")
        for number, item in enumerate(raw, start=1):
            where = f"{path}, record {number}"
            try:
                record = Record.model_validate(item)
            except ValidationError as error:
                problems.append(f"{where}: {_describe(error)}")
                continue
            schema = SCHEMAS.get(record.model)
            if schema is None:
                problems.append(f"{where}: unknown model '{record.model}'")
                continue
            try:
                fields = schema.model_validate(record.fields)
            except ValidationError as error:
                problems.append(f"{where} ({record.model}): {_describe(error)}")
                continue
            key = fields.natural_key()
            if key in keys[record.model]:
                problems.append(f"{where} ({record.model} {list(key)}): defined twice")
            keys[record.model].add(key)
            parsed.append((where, number, record.model, fields))
    for where, _, label, fields in parsed:
        for name, target in fields.references.items():
            value = getattr(fields, name)
            targets = value if isinstance(value, list) else [value]
            for ref in targets:
                if ref is not None and tuple(ref) not in keys[target]:
                    problems.append(
                        f"{where} ({label} {list(fields.natural_key())}): field '{name}' "
                        f"refers to {target} {list(ref)}, which no fixture defines"
                    )
    if problems:
        shown = "\n".join(problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise FixtureError(f"{len(problems)} problem(s) in the catalog fixtures:\n{shown}{more}")
    counts: dict[str, int] = defaultdict(int)
    for _, _, label, _ in parsed:
        counts[label] += 1
    return dict(counts)
