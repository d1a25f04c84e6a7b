import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from careerpath.planner import Assessment, Catalog, CycleAnswer, ceu_categories

NO_ROLE = ""
NO_ROLE_LABEL = "Not working as a coder yet"
NO_TARGET = ""
NO_TARGET_LABEL = "No particular role"
HIM_PROGRAM_CHOICES = (("", "Not said"), ("yes", "Yes"), ("no", "No"))
NO_STATE_LABEL = "Not said"


@dataclass(frozen=True)
class AssessmentChoices:
    """The choices the page draws and the form validates, as the same tuples: roles grouped by
    career stage, credentials grouped by issuing body as (slug, acronym, full name)."""

    role_groups: tuple
    target_groups: tuple
    credential_groups: tuple
    education: tuple
    track: tuple
    state: tuple

    @property
    def role(self):
        return [(NO_ROLE, NO_ROLE_LABEL), *self.role_groups]

    @property
    def target(self):
        return [(NO_TARGET, NO_TARGET_LABEL), *self.target_groups]

    @property
    def cert(self):
        groups = self.credential_groups
        return [(slug, acronym) for _, certs in groups for slug, acronym, _ in certs]


def role_label(role) -> str:
    """A role as the picker shows it, with the first other title it goes by: "Senior Medical
    Coder (Medical Coder II)" (the role's page lists them all)."""
    return f"{role.title} ({role.aliases[0]})" if role.aliases else role.title


def designation_value(cert) -> str:
    """The answer that says a credential is held as an apprentice: "cpc-a" for the CPC-A."""
    return cert.apprentice_designation.lower()


def assessment_choices(catalog: Catalog) -> AssessmentChoices:
    """The assessment's choices for one catalog."""
    bodies: dict[str, list] = {}
    for c in catalog.certifications:
        bodies.setdefault(c.body_acronym, []).append((c.slug, c.acronym, c.name))
        value = designation_value(c)
        if value and catalog.designated(value) is c:
            # Held as an apprentice: the credential passed, its "A" not yet removed.
            name = f"{c.name}, apprentice (the “A” not yet removed)"
            bodies[c.body_acronym].append((value, c.apprentice_designation, name))
    return AssessmentChoices(
        role_groups=tuple(
            (
                f"{stage.name} ({stage.years_label})",
                tuple((r.slug, role_label(r)) for r in catalog.roles if r.stage == stage.slug),
            )
            for stage in catalog.stages
            if any(r.stage == stage.slug for r in catalog.roles)
        ),
        target_groups=tuple(
            (
                track.name,
                tuple((r.slug, role_label(r)) for r in catalog.roles if r.track == track.slug),
            )
            for track in catalog.tracks
            if any(r.track == track.slug for r in catalog.roles)
        ),
        credential_groups=tuple((body, tuple(certs)) for body, certs in bodies.items()),
        education=(("", "Prefer not to say"), *((e.slug, e.name) for e in catalog.educations)),
        track=(("", "Not sure yet"), *((t.slug, t.name) for t in catalog.tracks)),
        state=(("", NO_STATE_LABEL), *((s.state, s.state_name) for s in catalog.state_pay)),
    )


MONTH = re.compile(r"(\d{4})-(\d{2})")


class MonthField(forms.CharField):
    """A month written YYYY-MM (as `<input type="month">` also sends it), cleaned to its first
    day."""

    first_year, last_year = 2000, 2099
    default_error_messages = {
        "invalid": "Enter the month as YYYY-MM, for example 2027-03.",
        "out_of_range": "Enter a month from 2000-01 to 2099-12.",
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        match = MONTH.fullmatch(value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.first_year <= int(match[1]) <= self.last_year:
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return date(int(match[1]), int(match[2]), 1)


class CatalogChoice:
    """A choice of catalog rows, valid when the catalog's lookup `known` (given by the form
    that makes the field, or set on its copy) finds its slug: validating an answer walks no list
    of choices. The choices are still there, made only when something reads them (the page
    draws them from the form)."""

    def __init__(self, *, known=None, **kwargs):
        super().__init__(**kwargs)
        self.known = known

    def valid_value(self, value):
        return self.known(str(value)) is not None


class CatalogChoiceField(CatalogChoice, forms.ChoiceField):
    """One row of one kind (a role, an education, a track, a state)."""


class CatalogMultipleChoiceField(CatalogChoice, forms.MultipleChoiceField):
    """Several rows of one kind (the credentials held)."""


def _renewal_fields(catalog: Catalog, taken) -> tuple[dict[str, forms.Field], list[str]]:
    """The fields of each body's renewal cycle and of the apprentice credits, and the credits'
    answer names; a credit whose kind names an answer in `taken` is left out."""
    fields: dict[str, forms.Field] = {}
    # Where the coder is in each body's renewal cycle (`aapc_due=2027-03&aapc_ceus=12`).
    for rule in catalog.renewal_rules:
        fields[f"{rule.body}_due"] = MonthField(
            label=f"{rule.body_acronym}: month this cycle ends", required=False
        )
        fields[f"{rule.body}_ceus"] = forms.IntegerField(
            label=f"{rule.body_acronym}: CEUs earned this cycle",
            min_value=0,
            max_value=999,
            required=False,
            error_messages={
                "invalid": "Enter the CEUs as a whole number, for example 12.",
                "min_value": "CEUs cannot be below 0.",
                "max_value": "Enter at most 999 CEUs.",
            },
        )
    # What they completed towards removing an apprentice designation (`course=1`); a kind that
    # names another answer is left out.
    kinds = []
    for credit in catalog.apprentice_credits:
        if credit.kind not in fields and credit.kind not in taken:
            kinds.append(credit.kind)
            fields[credit.kind] = forms.BooleanField(
                label=f"I completed {credit.label}", required=False
            )
    return fields, kinds


class AssessmentForm(forms.BaseForm):
    """The self-assessment. Every choice comes from the catalog; the query string is the plan.

    Its fields are made for each form (`make_fields`), not declared on the class: a Django form
    deep-copies its declared fields and their widgets for every instance, and the planner makes
    one for every request; making its 13 own fields afresh costs about a third of copying them
    (profiled: about 9 against 28 µs a field)."""

    base_fields: dict = {}

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        own = self.make_fields()
        renewal, self.apprentice_kinds = _renewal_fields(catalog, taken=own)
        self.fields = own | renewal

    def make_fields(self) -> dict[str, forms.Field]:
        """The assessment's own fields, their choices read from the catalog when drawn."""
        choices = {
            name: partial(self.choice_list, name)
            for name in ("role", "cert", "education", "track", "target", "state")
        }
        return dict(
            role=CatalogChoiceField(
                known=self.known_role,
                choices=choices["role"],
                label="Current role",
                required=False,
                error_messages={
                    "invalid_choice": "Choose a role from the list: “%(value)s” is not one."
                },
            ),
            years=forms.IntegerField(
                label="Years of coding experience",
                min_value=0,
                max_value=50,
                required=False,
                error_messages={
                    "invalid": "Enter the years as a whole number, for example 3.",
                    "min_value": "Years cannot be below 0.",
                    "max_value": "Enter at most 50 years.",
                },
            ),
            cert=CatalogMultipleChoiceField(
                known=self.known_credential,
                choices=choices["cert"],
                label="Credentials you hold",
                required=False,
                error_messages={
                    "invalid_choice": "“%(value)s” is not a credential we know: choose from the "
                    "list."
                },
            ),
            education=CatalogChoiceField(
                known=self.catalog.education,
                choices=choices["education"],
                label="Highest education",
                required=False,
                error_messages={"invalid_choice": "Choose an education level from the list."},
            ),
            track=CatalogChoiceField(
                known=self.catalog.track,
                choices=choices["track"],
                label="Where you want to go",
                required=False,
                error_messages={"invalid_choice": "Choose a direction from the list."},
            ),
            target=CatalogChoiceField(
                known=self.known_target,
                choices=choices["target"],
                label="A role you aim at",
                required=False,
                error_messages={
                    "invalid_choice": "Choose a role to aim at from the list: “%(value)s” is not "
                    "one."
                },
            ),
            him_program=forms.ChoiceField(
                label="Degree from a CAHIIM-accredited HIM program?",
                choices=HIM_PROGRAM_CHOICES,
                required=False,
                error_messages={"invalid_choice": "Answer yes or no, or leave it unsaid."},
            ),
            student=forms.BooleanField(label="I am a student", required=False),
            state=CatalogChoiceField(
                known=self.known_state,
                choices=choices["state"],
                label="Your state (for its pay)",
                required=False,
                error_messages={
                    "invalid_choice": "Choose a state from the list: “%(value)s” is not one of "
                    "the 50 states or DC (write it as its postal code, for example CA)."
                },
            ),
            accuracy=forms.IntegerField(
                label="Coding accuracy (%)",
                min_value=0,
                max_value=100,
                required=False,
                error_messages={
                    "invalid": "Enter your accuracy as a whole percentage, for example 96.",
                    "min_value": "Accuracy cannot be below 0%%.",  # %% : Django formats these
                    "max_value": "Accuracy cannot be above 100%%.",
                },
            ),
            audits=forms.BooleanField(label="I have taken part in coding audits", required=False),
            specialty=forms.CharField(
                label="Specialty you work in or want to",
                max_length=100,
                required=False,
                strip=True,
                error_messages={"max_length": "Keep the specialty under 100 characters."},
            ),
        )

    def known_role(self, slug: str):
        """A role the page lists: one of the catalog's, in one of its stages."""
        role = self.catalog.role(slug)
        return role if role and self.catalog.stage(role.stage) else None

    def known_target(self, slug: str):
        """A role the goal picker lists: one of the catalog's, on one of its tracks."""
        role = self.catalog.role(slug)
        return role if role and self.catalog.track(role.track) else None

    def known_state(self, code: str):
        """A state by its postal code, in either case (ca or CA)."""
        return self.catalog.state(code.upper())

    def known_credential(self, value: str):
        """A credential, or a credential held as an apprentice (`cpc-a`)."""
        return self.catalog.certification(value) or self.catalog.designated(value)

    @cached_property
    def choices(self) -> AssessmentChoices:
        """What the page draws the answers' options from (made only for a page that shows the
        form: the htmx partial and the ETag of a 304 need none)."""
        return assessment_choices(self.catalog)

    def choice_list(self, name: str) -> list:
        return getattr(self.choices, name)

    no_role_label = NO_ROLE_LABEL
    no_target_label = NO_TARGET_LABEL
    him_program_choices = HIM_PROGRAM_CHOICES

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(self.fields)

    @cached_property
    def chosen(self) -> dict:
        """The submitted values as hashable values (credentials as a sorted tuple), for drawing
        the options with the chosen ones marked."""
        chosen = {}
        for name in ("role", "education", "track", "target", "him_program", "state"):
            value = self[name].value()
            chosen[name] = value if isinstance(value, str) else ""
        chosen["state"] = chosen["state"].upper()
        held = self["cert"].value() or ()
        chosen["cert"] = tuple(sorted({v for v in held if isinstance(v, str)}))
        return chosen

    def clean_cert(self):
        return sorted(set(self.cleaned_data["cert"]))

    def clean_state(self):
        return self.cleaned_data["state"].upper()

    def clean(self):
        data = super().clean()
        held = data.get("cert") or ()
        both = [c for v in held if (c := self.catalog.designated(v)) and c.slug in held]
        if both:
            cert = both[0]
            self.add_error(
                "cert",
                f"Tick either {cert.acronym} or {cert.apprentice_designation}: "
                f"{cert.apprentice_designation} is the {cert.acronym} with its “A” not yet "
                "removed.",
            )
        return data

    def cycle_fields(self):
        """(month field, CEUs field) for each body with a renewal rule."""
        return [
            (self[f"{rule.body}_due"], self[f"{rule.body}_ceus"])
            for rule in self.catalog.renewal_rules
        ]

    def apprentice_fields(self):
        return [self[kind] for kind in self.apprentice_kinds]

    @property
    def renewal_inputs(self) -> tuple:
        """The renewal and apprentice inputs as hashable rows for the page to draw:
        (kind, name, label, value, first error) with kind "month", "ceus" or "credit"."""

        def row(kind, field):
            value = field.value()
            return (
                kind,
                field.name,
                str(field.label),
                "" if value is None else str(value),
                str(field.errors[0]) if field.errors else "",
            )

        rows = [
            r for due, ceus in self.cycle_fields() for r in (row("month", due), row("ceus", ceus))
        ]
        return tuple(rows + [row("credit", f) for f in self.apprentice_fields()])

    def apprentice_designations(self) -> tuple[str, ...]:
        return tuple(
            c.apprentice_designation
            for c in self.catalog.certifications
            if c.apprentice_designation
        )

    def cycle_answers(self):
        """Each body's cycle as answered: only the bodies whose month or CEUs were given (no
        answer is made for a body left blank)."""
        data = self.cleaned_data
        for rule in self.catalog.renewal_rules:
            due, ceus = data[f"{rule.body}_due"], data[f"{rule.body}_ceus"]
            if due or ceus is not None:
                yield CycleAnswer(body=rule.body, due=due, ceus_earned=ceus)

    @cached_property
    def upkeep_answered(self) -> bool:
        """Whether any renewal answer was given or needs a change (its part opens)."""
        names = [f"{r.body}_{part}" for r in self.catalog.renewal_rules for part in ("due", "ceus")]
        names += self.apprentice_kinds
        given = self.is_bound and any(self.data.get(name) for name in names)
        return given or any(name in self.errors for name in names)

    def assessment(self) -> Assessment:
        data = self.cleaned_data
        designated = [self.catalog.designated(v) for v in data["cert"]]
        apprentices = frozenset(c.slug for c in designated if c)
        return Assessment(
            role=data["role"] or None,
            years=data["years"] or 0,
            certifications=frozenset(
                c.slug if c else v for c, v in zip(designated, data["cert"], strict=True)
            ),
            apprentices=apprentices,
            education=data["education"] or None,
            track=data["track"] or None,
            accuracy=data["accuracy"],
            audits=data["audits"],
            specialty=data["specialty"],
            cycles=tuple(self.cycle_answers()),
            apprentice_credits=frozenset(k for k in self.apprentice_kinds if data[k]),
            target=data["target"] or None,
            him_program={"yes": True, "no": False}.get(data["him_program"]),
            student=data["student"],
            state=data["state"] or None,
        )


def assessment_query(assessment: Assessment, catalog: Catalog) -> list[tuple[str, str]]:
    """The query-string pairs of an assessment: the inverse of AssessmentForm, for share links.
    A credential held as an apprentice is written as its designation (`cert=cpc-a`)."""

    def cert_value(slug: str) -> str:
        cert = catalog.certification(slug)
        return designation_value(cert) if cert and slug in assessment.apprentices else slug

    pairs = [("role", assessment.role or ""), ("years", str(assessment.years))]
    pairs += [("cert", cert_value(slug)) for slug in sorted(assessment.certifications)]
    pairs += [("education", assessment.education or ""), ("track", assessment.track or "")]
    if assessment.target:
        pairs.append(("target", assessment.target))
    if assessment.him_program is not None:
        pairs.append(("him_program", "yes" if assessment.him_program else "no"))
    if assessment.student:
        pairs.append(("student", "1"))
    if assessment.state:
        pairs.append(("state", assessment.state))
    if assessment.accuracy is not None:
        pairs.append(("accuracy", str(assessment.accuracy)))
    if assessment.audits:
        pairs.append(("audits", "on"))
    if assessment.specialty:
        pairs.append(("specialty", assessment.specialty))
    for cycle in assessment.cycles:
        if cycle.due:
            pairs.append((f"{cycle.body}_due", cycle.due.strftime("%Y-%m")))
        if cycle.ceus_earned is not None:
            pairs.append((f"{cycle.body}_ceus", str(cycle.ceus_earned)))
    pairs += [(kind, "1") for kind in sorted(assessment.apprentice_credits)]
    return pairs


class CeuEntryForm(forms.Form):
    """One activity for a kept plan's CEU log. The body and its kinds of CEU come from the
    catalog; a date after `today` is refused (a log records what was earned)."""

    body = forms.ChoiceField(
        label="Body",
        error_messages={
            "required": "Choose the body the CEUs count for.",
            "invalid_choice": "Choose a body from the list: “%(value)s” is not one.",
        },
    )
    earned_on = forms.DateField(
        label="Date",
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "Enter the date you earned them.",
            "invalid": "Enter the date as YYYY-MM-DD, for example 2026-03-14.",
        },
    )
    ceus = forms.DecimalField(
        label="CEUs",
        min_value=Decimal("0.1"),
        max_value=Decimal("99.9"),
        max_digits=3,
        decimal_places=1,
        error_messages={
            "required": "Enter the CEUs (hours) earned.",
            "invalid": "Enter the CEUs as a number, for example 1.5.",
            "min_value": "Enter more than 0 CEUs.",
            "max_value": "Enter at most 99.9 CEUs for one activity.",
            "max_decimal_places": "Enter the CEUs to one decimal place at most, for example 1.5.",
            "max_digits": "Enter at most 99.9 CEUs for one activity.",
        },
    )
    title = forms.CharField(
        label="Activity",
        max_length=200,
        strip=True,
        error_messages={
            "required": "Say what the activity was, for example a webinar's title.",
            "max_length": "Keep the activity under 200 characters.",
        },
    )
    category = forms.CharField(label="Counts towards", required=False, max_length=200, strip=True)

    def __init__(self, *args, catalog: Catalog, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.today = today
        self.fields["body"].choices = [(r.body, r.body_acronym) for r in catalog.renewal_rules]

    @cached_property
    def category_choices(self) -> tuple:
        """(body acronym, ((value, label), ...)) for each body's kinds of CEU; the value names
        the body too (aapc:auditing), so a kind of one body cannot be filed under another."""
        return tuple(
            (rule.body_acronym, tuple((f"{rule.body}:{t}", t) for t in topics))
            for rule in self.catalog.renewal_rules
            if (topics := ceu_categories(self.catalog, rule.body))
        )

    def clean_earned_on(self):
        day = self.cleaned_data["earned_on"]
        if day > self.today:
            raise ValidationError("The date is in the future: log CEUs once you have earned them.")
        if day.year < 2000:
            raise ValidationError("Enter a date from the year 2000 on.")
        return day

    def clean(self):
        data = super().clean()
        body = data.get("body")
        chosen = data.get("category") or ""
        if body and chosen:
            named_body, _, topic = chosen.partition(":")
            if named_body != body or (topic and topic not in ceu_categories(self.catalog, body)):
                self.add_error("category", "Choose what the CEUs count towards for this body.")
            else:
                data["category"] = topic
        return data


class CredentialGoalForm(forms.Form):
    """A credential to sit and the month aimed at, for a kept plan: a month from `today`'s on."""

    certification = CatalogChoiceField(
        label="Credential",
        error_messages={
            "required": "Choose the credential you aim at.",
            "invalid_choice": "Choose a credential from the list: “%(value)s” is not one.",
        },
    )
    exam_month = MonthField(
        label="Month you aim to sit the exam",
        error_messages={"required": "Enter the month as YYYY-MM, for example 2027-03."},
    )

    def __init__(self, *args, catalog: Catalog, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.today = today
        self.fields["certification"].known = catalog.certification
        self.fields["certification"].choices = [
            (c.slug, f"{c.acronym}: {c.name}") for c in catalog.certifications
        ]

    def clean_exam_month(self):
        month = self.cleaned_data["exam_month"]
        if month < self.today.replace(day=1):
            raise ValidationError("That month has passed: aim at this month or a later one.")
        return month
