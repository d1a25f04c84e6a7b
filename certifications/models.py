from django.db import models
from django.db.models import F, Q

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
    him_program = models.BooleanField(
        default=False,
        help_text="The education must come from a CAHIIM-accredited HIM program (RHIT, RHIA).",
    )
    unconfirmed = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the application must document that the planner cannot check; "
        "with it, the route is never 'you can sit now' from the answers alone (CHC).",
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


# --- Keeping credentials active: renewal cycles, CEUs, fees, apprentice removal -----------------
# Each body's rulebook as rows, so the planner computes CEUs for any mix of credentials without
# a figure in the code. Every row says where it comes from and how well that is confirmed.


class RenewalRule(CatalogRow):
    """How a body's credentials are kept active: the cycle and how its CEU total is counted.

    The total comes from the body's table by number of credentials held (AAPC) when it has one;
    otherwise from the highest CEUs of one held credential, plus `additional_ceus` for each other
    one, at most `max_ceus` (AHIMA). Blank numbers are not confirmed and stay blank in the plan.
    """

    body = models.OneToOneField(
        CertifyingBody, on_delete=models.CASCADE, related_name="renewal_rule"
    )
    cycle_years = models.PositiveSmallIntegerField(help_text="Length of one renewal cycle.")
    additional_ceus = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="CEUs added for each further credential of this body."
    )
    max_ceus = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The most CEUs a cycle asks for, however many are held."
    )
    specialty_ceus = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Specialty-specific CEUs per specialty credential, within the total.",
    )
    notes = models.TextField(blank=True, help_text="Other rules of the cycle, in plain words.")
    status = models.CharField(max_length=10, choices=FactStatus.choices)
    source = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager("body__slug")

    class Meta:
        ordering = ["body"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cycle_years__gte=1), name="renewal_cycle_at_least_one_year"
            )
        ]

    def __str__(self):
        return f"{self.body.acronym} renewal"

    def natural_key(self):
        return (self.body.slug,)

    natural_key.dependencies = ["certifications.certifyingbody"]


class CeuTier(CatalogRow):
    """One line of a body's CEU table: credentials held -> CEUs per cycle (the highest line
    also covers more credentials)."""

    rule = models.ForeignKey(RenewalRule, on_delete=models.CASCADE, related_name="tiers")
    credentials = models.PositiveSmallIntegerField()
    ceus = models.PositiveSmallIntegerField()

    objects = NaturalKeyManager("rule__body__slug", "credentials")

    class Meta:
        ordering = ["rule", "credentials"]
        verbose_name = "CEU tier"
        constraints = [
            models.UniqueConstraint(fields=["rule", "credentials"], name="ceu_tier_unique"),
            models.CheckConstraint(condition=Q(credentials__gte=1), name="ceu_tier_credentials"),
        ]

    def __str__(self):
        return f"{self.rule.body.acronym}: {self.credentials} credential(s) -> {self.ceus} CEUs"

    def natural_key(self):
        return (self.rule.body.slug, self.credentials)

    natural_key.dependencies = ["certifications.renewalrule"]


class CeuShare(CatalogRow):
    """A share of the cycle's CEUs that must be of one kind (AHIMA: 80 % in the HIIM domains)."""

    rule = models.ForeignKey(RenewalRule, on_delete=models.CASCADE, related_name="shares")
    position = models.PositiveSmallIntegerField(default=1)
    percent = models.PositiveSmallIntegerField()
    topic = models.CharField(
        max_length=200, help_text='How they must be, e.g. "in the HIIM domains".'
    )
    since = models.DateField(null=True, blank=True, help_text="First day the share applies.")
    status = models.CharField(max_length=10, choices=FactStatus.choices)
    source = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager("rule__body__slug", "position")

    class Meta:
        ordering = ["rule", "position"]
        verbose_name = "CEU share"
        constraints = [
            models.UniqueConstraint(fields=["rule", "position"], name="ceu_share_position_unique"),
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100), name="ceu_share_percent"
            ),
        ]

    def __str__(self):
        return f"{self.rule.body.acronym}: {self.percent}% {self.topic}"

    def natural_key(self):
        return (self.rule.body.slug, self.position)

    natural_key.dependencies = ["certifications.renewalrule"]


class FeePeriod(models.TextChoices):
    YEAR = "year", "a year"
    CYCLE = "cycle", "per cycle"
    EACH = "each", "each time"


class FeeKind(models.TextChoices):
    MEMBERSHIP = "membership", "Membership"
    RECERTIFICATION = "recertification", "Recertification"
    OTHER = "other", "Other (only when it applies, e.g. a late extension)"


class RenewalFee(CatalogRow):
    """A fee of keeping a body's credentials: membership, recertification, extension.

    Fees of one kind of one body are alternatives (a professional or a student membership; the
    member or the non-member recertification fee): a coder pays one of them. The planner counts
    memberships and recertification fees, a year or a cycle, in a credential's yearly upkeep.
    """

    rule = models.ForeignKey(RenewalRule, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveSmallIntegerField(default=1)
    label = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20,
        choices=FeeKind.choices,
        help_text="Membership and recertification fees count in the yearly upkeep; other fees "
        "do not.",
    )
    amount = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="In US dollars; blank when not confirmed.",
    )
    additional_amount = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Added for each further credential of this body.",
    )
    period = models.CharField(max_length=10, choices=FeePeriod.choices)
    students_only = models.BooleanField(
        default=False,
        help_text="Only students pay this rate (AAPC's student membership); the planner counts it "
        "only for someone who says they are a student.",
    )
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=FactStatus.choices)
    source = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager("rule__body__slug", "position")

    class Meta:
        ordering = ["rule", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "position"], name="renewal_fee_position_unique"
            ),
            models.CheckConstraint(
                condition=(Q(status=FactStatus.NOT_CONFIRMED) & Q(amount__isnull=True))
                | (~Q(status=FactStatus.NOT_CONFIRMED) & Q(amount__isnull=False)),
                name="renewal_fee_amount_matches_status",
                violation_error_message=(
                    "An unconfirmed fee stays blank; a confirmed one needs an amount."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.rule.body.acronym}: {self.label}"

    def natural_key(self):
        return (self.rule.body.slug, self.position)

    natural_key.dependencies = ["certifications.renewalrule"]


class CredentialRenewal(CatalogRow):
    """What one credential adds to its body's renewal: its own CEUs (where the body counts per
    credential), CEUs it needs on one topic, and the credentials it replaces once granted."""

    certification = models.OneToOneField(
        Certification, on_delete=models.CASCADE, related_name="renewal"
    )
    ceus = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="CEUs per cycle for this credential alone; blank where the body's table counts.",
    )
    topic_ceus = models.PositiveSmallIntegerField(null=True, blank=True)
    topic = models.CharField(max_length=200, blank=True, help_text='e.g. "auditing".')
    replaces = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="+",
        help_text="Once this credential is granted, only its CEUs are kept up for these.",
    )
    status = models.CharField(max_length=10, choices=FactStatus.choices)
    source = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager("certification__slug")

    class Meta:
        ordering = ["certification"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(topic_ceus__isnull=True) & Q(topic=""))
                | (Q(topic_ceus__isnull=False) & ~Q(topic="")),
                name="credential_renewal_topic_complete",
                violation_error_message="Topic CEUs need their topic, and a topic its CEUs.",
            )
        ]

    def __str__(self):
        return f"{self.certification.acronym} renewal"

    def natural_key(self):
        return (self.certification.slug,)

    natural_key.dependencies = ["certifications.certification"]


class ApprenticeCredit(CatalogRow):
    """Something that counts for years of experience towards removing a body's apprentice
    designation (AAPC: a coding course of 80+ contact hours, CPC-A Practicode). Its `kind` is
    the planner's query parameter (`course=1`)."""

    body = models.ForeignKey(
        CertifyingBody, on_delete=models.CASCADE, related_name="apprentice_credits"
    )
    kind = models.SlugField(max_length=30)
    label = models.CharField(
        max_length=200, help_text='What was completed, e.g. "CPC-A Practicode".'
    )
    years = models.PositiveSmallIntegerField(help_text="Years of experience it counts for.")
    certification = models.ForeignKey(
        Certification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Counts only towards this credential's designation (Practicode: the CPC-A); "
        "blank: towards any of the body's.",
    )
    position = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=FactStatus.choices)
    source = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager("body__slug", "kind")

    class Meta:
        ordering = ["body", "position"]
        constraints = [
            models.UniqueConstraint(fields=["body", "kind"], name="apprentice_credit_unique"),
        ]

    def __str__(self):
        return f"{self.body.acronym}: {self.label}"

    def natural_key(self):
        return (self.body.slug, self.kind)

    natural_key.dependencies = ["certifications.certifyingbody"]


class SpecialtyTerm(CatalogRow):
    """A word or phrase people use for a specialty ("cardiology", "HCC", "E/M"), and the
    credentials that certify it: the planner matches it against the specialty a coder names."""

    term = models.CharField(
        max_length=60,
        unique=True,
        help_text="Matched as a whole word or phrase, ignoring case and punctuation.",
    )
    certifications = models.ManyToManyField(Certification, related_name="specialty_terms")
    source = models.CharField(max_length=300, blank=True)

    objects = NaturalKeyManager("term")

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def natural_key(self):
        return (self.term,)


class ExamFee(CatalogRow):
    """A credential's exam fee, a range in dollars, with its source: only where one confirms it."""

    certification = models.OneToOneField(
        Certification, on_delete=models.CASCADE, related_name="exam_fee"
    )
    low = models.PositiveIntegerField(help_text="Dollars: the lowest fee quoted (e.g. members).")
    high = models.PositiveIntegerField(help_text="Dollars: the highest fee quoted.")
    status = models.CharField(
        max_length=10, choices=[c for c in FactStatus.choices if c[0] != FactStatus.NOT_CONFIRMED]
    )
    source = models.CharField(max_length=500)
    note = models.CharField(
        max_length=300, blank=True, help_text='What the range means ("sources disagree").'
    )

    objects = NaturalKeyManager("certification__slug")

    class Meta:
        ordering = ["certification"]
        constraints = [
            models.CheckConstraint(
                condition=Q(high__gte=F("low")),
                name="exam_fee_range_in_order",
                violation_error_message="The highest fee cannot be below the lowest.",
            ),
        ]

    def __str__(self):
        return f"{self.certification.acronym}: ${self.low}-${self.high}"

    def natural_key(self):
        return (self.certification.slug,)

    natural_key.dependencies = ["certifications.certification"]


class CredentialCountSalary(CatalogRow):
    """AAPC's published average salary of its members by how many credentials they hold: a
    member self-reported average, not comparable to BLS percentiles
    (docs/data-sources.md#credential-count-salaries)."""

    survey = models.CharField(max_length=200, help_text='e.g. "AAPC salary survey".')
    survey_year = models.PositiveSmallIntegerField()
    year_inferred = models.BooleanField(
        default=False, help_text="The survey year is inferred, not stated by the source."
    )
    position = models.PositiveSmallIntegerField(default=1)
    group = models.CharField(max_length=100, help_text='e.g. "2 credentials".')
    credentials = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many credentials the group holds; blank: any."
    )
    or_more = models.BooleanField(default=False, help_text="The group holds this many or more.")
    average = models.PositiveIntegerField(help_text="Dollars a year.")
    measure = models.CharField(max_length=100, default="member self-reported average")
    status = models.CharField(
        max_length=10, choices=[c for c in FactStatus.choices if c[0] != FactStatus.NOT_CONFIRMED]
    )
    source = models.CharField(max_length=500)

    objects = NaturalKeyManager("survey_year", "position")

    class Meta:
        ordering = ["survey_year", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey_year", "position"], name="credential_count_salary_unique"
            )
        ]

    def __str__(self):
        return f"{self.survey} {self.survey_year}: {self.group}"

    def natural_key(self):
        return (self.survey_year, self.position)


class CredentialSalary(CatalogRow):
    """AAPC's published average salary of the members holding one credential (a member
    self-reported average, shown beside the BLS estimate and never mixed into it;
    docs/data-sources.md#credential-count-salaries)."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="published_salaries"
    )
    survey = models.CharField(max_length=200, help_text='e.g. "AAPC salary survey".')
    survey_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Blank: the source does not state it."
    )
    average = models.PositiveIntegerField(help_text="Dollars a year.")
    measure = models.CharField(max_length=100, default="member self-reported average")
    status = models.CharField(
        max_length=10, choices=[c for c in FactStatus.choices if c[0] != FactStatus.NOT_CONFIRMED]
    )
    source = models.CharField(max_length=500)

    objects = NaturalKeyManager("certification__slug", "survey")

    class Meta:
        ordering = ["certification", "survey"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "survey"], name="credential_salary_unique"
            )
        ]

    def __str__(self):
        return f"{self.certification.acronym}: {self.survey}"

    def natural_key(self):
        return (self.certification.slug, self.survey)

    natural_key.dependencies = ["certifications.certification"]
