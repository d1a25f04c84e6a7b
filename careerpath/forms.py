from dataclasses import dataclass

from django import forms
from django.utils.functional import cached_property

from careerpath import catalog as catalog_module
from careerpath.planner import Assessment, Catalog

NO_ROLE = ""
NO_ROLE_LABEL = "Not working as a coder yet"


@dataclass(frozen=True)
class AssessmentChoices:
    """The choices the page draws and the form validates, as the same tuples: roles grouped by
    career stage, credentials grouped by issuing body as (slug, acronym, full name)."""

    role_groups: tuple
    credential_groups: tuple
    education: tuple
    track: tuple

    @property
    def role(self):
        return [(NO_ROLE, NO_ROLE_LABEL), *self.role_groups]

    @property
    def cert(self):
        groups = self.credential_groups
        return [(slug, acronym) for _, certs in groups for slug, acronym, _ in certs]


# Built once per catalog, not per request; dropped whenever this process replaces its catalog.
_choices_by_catalog_version: dict[str, AssessmentChoices] = {}
catalog_module.on_reload(_choices_by_catalog_version.clear)


def assessment_choices(catalog: Catalog) -> AssessmentChoices:
    """The assessment's choices for one catalog."""
    choices = _choices_by_catalog_version.get(catalog.version)
    if choices is None:
        bodies: dict[str, list] = {}
        for c in catalog.certifications:
            bodies.setdefault(c.body_acronym, []).append((c.slug, c.acronym, c.name))
        choices = AssessmentChoices(
            role_groups=tuple(
                (
                    f"{stage.name} ({stage.years_label})",
                    tuple((r.slug, r.title) for r in catalog.roles if r.stage == stage.slug),
                )
                for stage in catalog.stages
                if any(r.stage == stage.slug for r in catalog.roles)
            ),
            credential_groups=tuple((body, tuple(certs)) for body, certs in bodies.items()),
            education=(("", "Prefer not to say"), *((e.slug, e.name) for e in catalog.educations)),
            track=(("", "Not sure yet"), *((t.slug, t.name) for t in catalog.tracks)),
        )
        if len(_choices_by_catalog_version) >= 8:  # planner tests build many small catalogs
            _choices_by_catalog_version.clear()
        _choices_by_catalog_version[catalog.version] = choices
    return choices


class AssessmentForm(forms.Form):
    """The self-assessment. Every choice comes from the catalog; the query string is the plan."""

    role = forms.ChoiceField(
        label="Current role",
        required=False,
        error_messages={"invalid_choice": "Choose a role from the list: “%(value)s” is not one."},
    )
    years = forms.IntegerField(
        label="Years of coding experience",
        min_value=0,
        max_value=50,
        required=False,
        error_messages={
            "invalid": "Enter the years as a whole number, for example 3.",
            "min_value": "Years cannot be below 0.",
            "max_value": "Enter at most 50 years.",
        },
    )
    cert = forms.MultipleChoiceField(
        label="Credentials you hold",
        required=False,
        error_messages={
            "invalid_choice": "“%(value)s” is not a credential we know: choose from the list."
        },
    )
    education = forms.ChoiceField(
        label="Highest education",
        required=False,
        error_messages={"invalid_choice": "Choose an education level from the list."},
    )
    track = forms.ChoiceField(
        label="Where you want to go",
        required=False,
        error_messages={"invalid_choice": "Choose a direction from the list."},
    )
    accuracy = forms.IntegerField(
        label="Coding accuracy (%)",
        min_value=0,
        max_value=100,
        required=False,
        error_messages={
            "invalid": "Enter your accuracy as a whole percentage, for example 96.",
            "min_value": "Accuracy cannot be below 0%%.",  # %% : Django formats these
            "max_value": "Accuracy cannot be above 100%%.",
        },
    )
    audits = forms.BooleanField(label="I have taken part in coding audits", required=False)
    specialty = forms.CharField(
        label="Specialty you work in or want to",
        max_length=100,
        required=False,
        strip=True,
        error_messages={"max_length": "Keep the specialty under 100 characters."},
    )

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        choices = assessment_choices(catalog)
        self.role_groups = choices.role_groups
        self.credential_groups = choices.credential_groups
        self.education_choices = choices.education
        self.track_choices = choices.track
        self.fields["role"].choices = choices.role
        self.fields["cert"].choices = choices.cert
        self.fields["education"].choices = choices.education
        self.fields["track"].choices = choices.track

    no_role_label = NO_ROLE_LABEL

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(self.fields)

    @cached_property
    def chosen(self) -> dict:
        """The submitted values as hashable values (credentials as a sorted tuple), for drawing
        the options with the chosen ones marked."""
        chosen = {}
        for name in ("role", "education", "track"):
            value = self[name].value()
            chosen[name] = value if isinstance(value, str) else ""
        held = self["cert"].value() or ()
        chosen["cert"] = tuple(sorted({v for v in held if isinstance(v, str)}))
        return chosen

    def clean_cert(self):
        return sorted(set(self.cleaned_data["cert"]))

    def assessment(self) -> Assessment:
        data = self.cleaned_data
        return Assessment(
            role=data["role"] or None,
            years=data["years"] or 0,
            certifications=frozenset(data["cert"]),
            education=data["education"] or None,
            track=data["track"] or None,
            accuracy=data["accuracy"],
            audits=data["audits"],
            specialty=data["specialty"],
        )


def assessment_query(assessment: Assessment) -> list[tuple[str, str]]:
    """The query-string pairs of an assessment: the inverse of AssessmentForm, for share links."""
    pairs = [("role", assessment.role or ""), ("years", str(assessment.years))]
    pairs += [("cert", slug) for slug in sorted(assessment.certifications)]
    pairs += [("education", assessment.education or ""), ("track", assessment.track or "")]
    if assessment.accuracy is not None:
        pairs.append(("accuracy", str(assessment.accuracy)))
    if assessment.audits:
        pairs.append(("audits", "on"))
    if assessment.specialty:
        pairs.append(("specialty", assessment.specialty))
    return pairs
