from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from catalog_rows import CatalogRow, NaturalKeyManager, SlugManager, SlugQuerySet

# The percentiles BLS publishes; a stage's band is drawn between two of them.
PERCENTILES = [(10, "10th"), (25, "25th"), (50, "median"), (75, "75th"), (90, "90th")]


class EducationLevel(CatalogRow):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    rank = models.PositiveSmallIntegerField(unique=True, help_text="Higher is more education.")

    objects = SlugManager()

    class Meta:
        ordering = ["rank"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class CareerStage(CatalogRow):
    """A span of a coding career. It begins at `min_years` and lasts until the next stage
    begins, so every year of experience falls in exactly one stage."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(unique=True)
    min_years = models.PositiveSmallIntegerField(
        unique=True,
        help_text="Years of experience where it begins; it lasts until the next stage begins.",
    )
    wage_occupation = models.ForeignKey(
        "salaries.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stages",
        help_text="The BLS occupation whose percentiles the stage's band spans; blank: no band.",
    )
    percentile_low = models.PositiveSmallIntegerField(choices=PERCENTILES)
    percentile_high = models.PositiveSmallIntegerField(choices=PERCENTILES)
    focus = models.CharField(max_length=100, help_text="The timeline's name for it: Foundation …")
    timeline_label = models.CharField(max_length=50, help_text="The timeline's years: Years 0-2 …")
    summary = models.TextField()
    source = models.CharField(max_length=300, blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percentile_low__lt=F("percentile_high")),
                name="stage_percentiles_in_order",
                violation_error_message="The low percentile must be below the high one.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # Stages follow each other in their order: a later stage cannot begin earlier.
        others = CareerStage.objects.exclude(pk=self.pk)
        if self.order is not None and self.min_years is not None:
            if others.filter(order__lt=self.order, min_years__gt=self.min_years).exists():
                raise ValidationError(
                    {"min_years": "An earlier stage (lower order) begins after this one."}
                )
            if others.filter(order__gt=self.order, min_years__lt=self.min_years).exists():
                raise ValidationError(
                    {"min_years": "A later stage (higher order) begins before this one."}
                )

    @property
    def max_years(self):
        """The last year of the stage: the year before the next one begins (None: open)."""
        following = (
            CareerStage.objects.filter(min_years__gt=self.min_years)
            .order_by("min_years")
            .values_list("min_years", flat=True)
            .first()
        )
        return None if following is None else following - 1

    @property
    def years_label(self):
        end = self.max_years
        return f"{self.min_years}+ years" if end is None else f"{self.min_years}-{end} years"


class Track(CatalogRow):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(unique=True)
    description = models.TextField()

    objects = SlugManager()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class RoleQuerySet(SlugQuerySet):
    def in_stage(self, stage_slug):
        return self.filter(stage__slug=stage_slug)

    def on_track(self, track_slug):
        return self.filter(track__slug=track_slug)


class Role(CatalogRow):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=150)
    other_titles = models.TextField(blank=True, help_text="Other titles it goes by, one a line.")
    stage = models.ForeignKey(CareerStage, on_delete=models.PROTECT, related_name="roles")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="roles")
    summary = models.TextField()
    responsibilities = models.TextField(blank=True, help_text="One a line.")
    employer_expectations = models.TextField(blank=True, help_text="What employers look for.")
    min_years = models.PositiveSmallIntegerField(
        default=0, help_text="Typical years of coding experience."
    )
    education = models.ForeignKey(
        EducationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Minimum education; blank if none is asked.",
    )
    education_note = models.CharField(max_length=300, blank=True)
    # The role's pay as data: the occupation BLS counts it in and the span of that occupation's
    # percentiles that fits the role, with why and where from.
    wage_occupation = models.ForeignKey(
        "salaries.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        help_text="The BLS occupation whose wages describe this role; blank when none does.",
    )
    pay_percentile_low = models.PositiveSmallIntegerField(
        "pay band from",
        choices=PERCENTILES,
        null=True,
        blank=True,
        help_text="The occupation's percentile where the role's band starts; blank (with the "
        "next field): the stage's band.",
    )
    pay_percentile_high = models.PositiveSmallIntegerField(
        "pay band to", choices=PERCENTILES, null=True, blank=True
    )
    pay_note = models.TextField(
        blank=True, help_text="Why this occupation and this span describe the role (shown)."
    )
    pay_source = models.CharField(
        max_length=500, blank=True, help_text="Where the occupation and the span come from."
    )
    # The article's pivots: open to a coder of any other track, without a transition per role.
    pivot_from_any = models.BooleanField(
        "reached by a pivot from any role",
        default=False,
        help_text="A pivot open from every role of the other tracks (the article's alternative "
        "careers).",
    )
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    objects = models.Manager.from_queryset(RoleQuerySet)()

    class Meta:
        ordering = ["stage__order", "track__order", "order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_percentile_low__isnull=True, pay_percentile_high__isnull=True)
                | Q(
                    # Each condition spelled out: a NULL comparison would let the row through.
                    pay_percentile_low__isnull=False,
                    pay_percentile_high__isnull=False,
                    pay_percentile_high__gt=F("pay_percentile_low"),
                    wage_occupation__isnull=False,
                ),
                name="role_pay_span_in_order",
                violation_error_message=(
                    "A pay band needs an occupation and both percentiles, the first below the "
                    "second (or leave both blank for the stage's band)."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # The role's typical years must fall inside its stage, or the plan contradicts itself.
        if self.stage_id is None or self.min_years is None:
            return
        stage, end = self.stage, self.stage.max_years
        if self.min_years < stage.min_years or (end is not None and self.min_years > end):
            raise ValidationError(
                {
                    "min_years": f"{stage.name} covers {stage.years_label}: a role in it "
                    "asks for years inside that span."
                }
            )

    @property
    def other_titles_list(self):
        return [line.strip() for line in self.other_titles.splitlines() if line.strip()]

    @property
    def responsibilities_list(self):
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]


class RequirementKind(models.TextChoices):
    REQUIRED = "required", "Required"
    RECOMMENDED = "recommended", "Recommended"


class RoleRequirement(CatalogRow):
    """One credential requirement of a role: any one of its certifications satisfies it."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=RequirementKind.choices)
    certifications = models.ManyToManyField(
        "certifications.Certification",
        related_name="role_requirements",
        help_text="Any one of these satisfies the requirement.",
    )
    most_requested = models.ForeignKey(
        "certifications.Certification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The one of them employers ask for most, as the note's source says; blank: "
        "no source says.",
    )
    note = models.CharField(max_length=300, blank=True)

    objects = NaturalKeyManager("role__slug", "position")

    class Meta:
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["role", "position"], name="requirement_position_unique")
        ]

    def __str__(self):
        return f"{self.role}: {self.get_kind_display().lower()} #{self.position}"

    def natural_key(self):
        return (self.role.slug, self.position)

    natural_key.dependencies = ["stages.role", "certifications.certification"]


class TransitionKind(models.TextChoices):
    PROMOTION = "promotion", "Promotion"
    LATERAL = "lateral", "Lateral move"
    PIVOT = "pivot", "Pivot"


class Transition(CatalogRow):
    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="transitions_out")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="transitions_in")
    kind = models.CharField(max_length=20, choices=TransitionKind.choices)
    note = models.CharField(max_length=300, blank=True)

    objects = NaturalKeyManager("from_role__slug", "to_role__slug")

    class Meta:
        ordering = ["from_role", "kind", "to_role"]
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="transition_unique"),
            models.CheckConstraint(
                condition=~Q(from_role=F("to_role")),
                name="transition_not_to_itself",
                violation_error_message="A role cannot lead to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.from_role} → {self.to_role} ({self.get_kind_display().lower()})"

    def natural_key(self):
        return (self.from_role.slug, self.to_role.slug)

    natural_key.dependencies = ["stages.role"]


class MilestoneCheck(models.TextChoices):
    """What the planner compares a milestone against."""

    ACCURACY = "accuracy", "Coding accuracy at or above the threshold (%)"
    AUDITS = "audits", "Has taken part in coding audits"
    SPECIALTY = "specialty", "Works in or studies a specialty"
    YEARS = "years", "Years of experience at or above the threshold"
    CREDENTIAL = "credential", "Holds any one of the credentials"
    EDUCATION = "education", "Education at or above the level"


class Milestone(CatalogRow):
    slug = models.SlugField(unique=True)
    stage = models.ForeignKey(CareerStage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    description = models.TextField()
    check_kind = models.CharField("check", max_length=20, choices=MilestoneCheck.choices)
    threshold = models.PositiveSmallIntegerField(null=True, blank=True)
    certifications = models.ManyToManyField(
        "certifications.Certification", blank=True, related_name="milestones"
    )
    education = models.ForeignKey(
        EducationLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["stage__order", "order"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(check_kind__in=["accuracy", "years"]) | Q(threshold__isnull=False),
                name="milestone_threshold_when_needed",
                violation_error_message="Accuracy and years milestones need a threshold.",
            ),
            models.CheckConstraint(
                condition=~Q(check_kind="education") | Q(education__isnull=False),
                name="milestone_education_when_needed",
                violation_error_message="An education milestone needs an education level.",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.check_kind == MilestoneCheck.ACCURACY and self.threshold and self.threshold > 100:
            raise ValidationError({"threshold": "An accuracy threshold is a percentage (0-100)."})


class SkillCategory(models.TextChoices):
    CERTIFICATIONS = "certifications", "Certifications"
    TECHNICAL = "technical", "Technical skills"
    SOFT = "soft", "Soft skills"
    EDUCATION = "education", "Education"


class StageSkill(CatalogRow):
    """One line of the article's timeline: what a stage asks for in one category."""

    stage = models.ForeignKey(CareerStage, on_delete=models.CASCADE, related_name="skills")
    category = models.CharField(max_length=20, choices=SkillCategory.choices)
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    objects = NaturalKeyManager("stage__slug", "category", "text")

    class Meta:
        ordering = ["stage__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "category", "text"], name="stage_skill_unique")
        ]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (self.stage.slug, self.category, self.text)

    natural_key.dependencies = ["stages.careerstage"]


class ResumeMetric(CatalogRow):
    """Something to quantify on a resume at a stage."""

    slug = models.SlugField(unique=True)
    stage = models.ForeignKey(CareerStage, on_delete=models.CASCADE, related_name="resume_metrics")
    text = models.CharField(max_length=200)
    example = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["stage__order", "order"]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (self.slug,)
