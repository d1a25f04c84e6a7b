from django.db import models
from django.db.models import Q

from catalog_rows import CatalogRow, FactStatus, NaturalKeyManager, SlugManager


class CertifyingBody(CatalogRow):
    slug = models.SlugField(unique=True)
    acronym = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "acronym"]
        verbose_name_plural = "certifying bodies"

    def __str__(self):
        return self.acronym

    def natural_key(self):
        return (self.slug,)


class Certification(CatalogRow):
    slug = models.SlugField(unique=True)
    acronym = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    body = models.ForeignKey(
        CertifyingBody, on_delete=models.PROTECT, related_name="certifications"
    )
    is_specialty = models.BooleanField(default=False, help_text="A specialty-area credential.")
    # The apprentice rule (AAPC's CPC-A, COC-A): passing without enough experience gives an
    # apprentice designation until the experience is shown.
    apprentice_designation = models.CharField(max_length=20, blank=True)
    apprentice_years = models.PositiveSmallIntegerField(null=True, blank=True)
    apprentice_removal = models.TextField(blank=True, help_text="How the designation is removed.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = SlugManager()

    class Meta:
        ordering = ["body__order", "order", "acronym"]
        constraints = [
            models.CheckConstraint(
                condition=Q(apprentice_designation="") | Q(apprentice_years__isnull=False),
                name="apprentice_rule_complete",
                violation_error_message="An apprentice designation needs the years that remove it.",
            )
        ]

    def __str__(self):
        return f"{self.acronym} ({self.body.acronym})"

    def natural_key(self):
        return (self.slug,)


class FactTopic(models.TextChoices):
    CERTIFIES = "certifies", "What it certifies"
    SETTING = "setting", "Setting"
    EXAM_FORMAT = "exam_format", "Exam format"
    ELIGIBILITY = "eligibility", "Eligibility"
    RENEWAL = "renewal", "Renewal and CEUs"
    FEE = "fee", "Exam fee"


class CertificationFact(CatalogRow):
    """One fact about a credential, with where it comes from and how well it is confirmed."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="facts")
    topic = models.CharField(max_length=20, choices=FactTopic.choices)
    value = models.TextField(blank=True, help_text="Blank when the fact is not confirmed.")
    status = models.CharField(max_length=10, choices=FactStatus.choices)
    source = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager("certification__slug", "topic")

    class Meta:
        ordering = ["certification", "topic"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "topic"], name="fact_topic_unique"),
            models.CheckConstraint(
                condition=(Q(status=FactStatus.NOT_CONFIRMED) & Q(value=""))
                | (~Q(status=FactStatus.NOT_CONFIRMED) & ~Q(value="")),
                name="fact_value_matches_status",
                violation_error_message=(
                    "An unconfirmed fact stays blank; a confirmed one needs a value."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.certification.acronym}: {self.get_topic_display()}"

    def natural_key(self):
        return (self.certification.slug, self.topic)

    natural_key.dependencies = ["certifications.certification"]


class EligibilityRoute(CatalogRow):
    """One way to qualify for an exam; a candidate qualifies through any one route."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="eligibility_routes"
    )
    position = models.PositiveSmallIntegerField(default=1)
    education = models.ForeignKey(
        "stages.EducationLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    min_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Years of experience; with a current role, years in that role.",
    )
    credentials = models.ManyToManyField(
        Certification, blank=True, related_name="+", help_text="Any one of these, if any."
    )
    current_role = models.ForeignKey(
        "stages.Role",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The route asks current work in this role (CCDS: CDI work).",
    )
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=FactStatus.choices)
    source = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager("certification__slug", "position")

    class Meta:
        ordering = ["certification", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "position"], name="eligibility_position_unique"
            )
        ]

    def __str__(self):
        return f"{self.certification.acronym}: route {self.position}"

    def natural_key(self):
        return (self.certification.slug, self.position)

    natural_key.dependencies = [
        "certifications.certification",
        "stages.educationlevel",
        "stages.role",
    ]
