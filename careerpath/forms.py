from django import forms
from django.utils.functional import cached_property

from careerpath.planner import Assessment, Catalog

NO_ROLE = ""
NO_ROLE_LABEL = "Not working as a coder yet"


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
        # The choices the page draws and the form validates are the same tuples: roles grouped
        # by career stage, credentials grouped by issuing body (slug, acronym, full name).
        self.role_groups = tuple(
            (
                f"{stage.name} ({stage.years_label})",
                tuple((r.slug, r.title) for r in catalog.roles if r.stage == stage.slug),
            )
            for stage in catalog.stages
            if any(r.stage == stage.slug for r in catalog.roles)
        )
        bodies: dict[str, list] = {}
        for c in catalog.certifications:
            bodies.setdefault(c.body_acronym, []).append((c.slug, c.acronym, c.name))
        self.credential_groups = tuple((body, tuple(certs)) for body, certs in bodies.items())
        self.education_choices = (
            ("", "Prefer not to say"),
            *((e.slug, e.name) for e in catalog.educations),
        )
        self.track_choices = (("", "Not sure yet"), *((t.slug, t.name) for t in catalog.tracks))
        self.fields["role"].choices = [(NO_ROLE, NO_ROLE_LABEL), *self.role_groups]
        self.fields["cert"].choices = [
            (slug, acronym) for _, certs in self.credential_groups for slug, acronym, _ in certs
        ]
        self.fields["education"].choices = self.education_choices
        self.fields["track"].choices = self.track_choices

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
