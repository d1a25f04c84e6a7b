from itertools import pairwise

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.signals import pre_save
from simple_history.models import HistoricalRecords

from catalog_rows import CatalogRow, FactStatus, NaturalKeyManager

# The OEWS percentile columns in order; used for the ordering constraints and for bands.
ANNUAL_PERCENTILES = {10: "a_pct10", 25: "a_pct25", 50: "a_median", 75: "a_pct75", 90: "a_pct90"}
HOURLY_PERCENTILES = {10: "h_pct10", 25: "h_pct25", 50: "h_median", 75: "h_pct75", 90: "h_pct90"}


def note_change(instance, *, user=None, reason=""):
    """Say who changed a row and why, for its history record (admin requests say who already)."""
    if user is not None:
        instance._history_user = user
    if reason:
        instance._change_reason = reason


def make_only_current(row, siblings, user, reason):
    """Mark `row` current among `siblings`, each change saved (and so recorded) one by one."""
    with transaction.atomic():
        # Step the old one down first: the database allows only one current row at a time.
        for previous in siblings.filter(is_current=True).exclude(pk=row.pk):
            previous.is_current = False
            note_change(previous, user=user, reason=reason)
            previous.save(update_fields=["is_current"])
        row.is_current = True
        note_change(row, user=user, reason=reason)
        row.save(update_fields=["is_current"])


def audit_trail():
    """The history of a model's rows: who changed what, when, with the values before and after."""
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True))


def percentiles_in_order(columns, name):
    """A check that each published percentile is at most the next one (unpublished ones pass)."""
    condition = Q()
    for lower, upper in pairwise(columns):
        condition &= (
            Q(**{f"{lower}__isnull": True})
            | Q(**{f"{upper}__isnull": True})
            | Q(**{f"{lower}__lte": F(upper)})
        )
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message="Percentiles must be in order: 10th ≤ 25th ≤ median ≤ 75th ≤ 90th.",
    )


def bls_ratio(verbose_name, help_text):
    """One of the OEWS ratio columns only some files publish (blank elsewhere)."""
    return models.DecimalField(
        verbose_name, max_digits=8, decimal_places=3, null=True, blank=True, help_text=help_text
    )


class OccupationQuerySet(models.QuerySet):
    def described_by_roles(self):
        """The occupations whose wages describe the catalog's roles, by code."""
        return self.filter(roles__isnull=False).distinct().order_by("soc_code")

    def of_stages(self):
        """The occupations the career stages' bands are drawn on (one: 29-2072), by code."""
        return self.filter(stages__isnull=False).distinct().order_by("soc_code")

    def described_by_catalog(self):
        """Every occupation a role or a stage is priced on."""
        return self.filter(Q(roles__isnull=False) | Q(stages__isnull=False)).distinct()

    def moved_into(self):
        """The occupations of roles outside the stages' own: where coders move, by code."""
        return self.described_by_roles().exclude(stages__isnull=False)


class Occupation(CatalogRow):
    soc_code = models.CharField("SOC code", max_length=7, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    objects = NaturalKeyManager.from_queryset(OccupationQuerySet)("soc_code")

    class Meta:
        ordering = ["soc_code"]

    def __str__(self):
        return f"{self.soc_code} {self.title}"

    def natural_key(self):
        return (self.soc_code,)


class ReleaseQuerySet(models.QuerySet):
    def get_by_natural_key(self, survey, year):
        return self.get(survey=survey, year=year)

    def current(self):
        return self.get(is_current=True)


class Release(CatalogRow):
    """One publication of a survey: OEWS wages each May, or an Employment Projections vintage."""

    class Survey(models.TextChoices):
        OEWS = "oews", "Occupational Employment and Wage Statistics"

    survey = models.CharField(max_length=10, choices=Survey.choices, default=Survey.OEWS)
    year = models.PositiveSmallIntegerField()
    reference_period = models.CharField(max_length=40, help_text="As BLS names it: May 2025.")
    is_current = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True)
    source_file = models.CharField(max_length=200, blank=True)
    source_url = models.URLField(blank=True)
    top_code_hourly = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, help_text="The value BLS's # means."
    )
    top_code_annual = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = ReleaseQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        ordering = ["survey", "-year"]
        permissions = [("import_bls_files", "Can import BLS wage and projection files")]
        constraints = [
            models.UniqueConstraint(fields=["survey", "year"], name="release_unique"),
            models.UniqueConstraint(
                fields=["survey"],
                condition=Q(is_current=True),
                name="one_current_release_per_survey",
                violation_error_message="Only one release of a survey can be current.",
            ),
        ]

    def __str__(self):
        return f"OEWS {self.reference_period}" + (" (current)" if self.is_current else "")

    def natural_key(self):
        return (self.survey, self.year)

    def make_current(self, *, user=None, reason=""):
        """Make this the release the planner and salary pages show; the current one steps down."""
        make_only_current(self, Release.objects.filter(survey=self.survey), user, reason)


class Area(CatalogRow):
    class Kind(models.TextChoices):
        NATIONAL = "national", "U.S."
        STATE = "state", "State"
        TERRITORY = "territory", "U.S. territory"
        METRO = "metro", "Metropolitan area"
        NONMETRO = "nonmetro", "Nonmetropolitan area"

    code = models.CharField(max_length=10, unique=True, help_text="BLS AREA: 99, state FIPS, …")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    objects = NaturalKeyManager("code")

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.code,)


class Industry(CatalogRow):
    naics = models.CharField("NAICS", max_length=10, unique=True, help_text="000000: all.")
    title = models.CharField(max_length=200)
    group = models.CharField(max_length=30, help_text="BLS I_GROUP: cross-industry, sector, …")

    objects = NaturalKeyManager("naics")

    class Meta:
        ordering = ["naics"]
        verbose_name_plural = "industries"

    def __str__(self):
        return f"{self.naics} {self.title}"

    def natural_key(self):
        return (self.naics,)


OEWS_CODE_MARK = ", OCC_CODE "


def oews_source(file_name: str, occ_code: str) -> str:
    """How an imported OEWS estimate names its source: the file and the row's occupation code
    ("BLS OEWS national_M2025_dl.xlsx, OCC_CODE 29-2072")."""
    return f"BLS OEWS {file_name}{OEWS_CODE_MARK}{occ_code}"


def oews_source_file(source: str) -> str:
    """The file an `oews_source` names ("BLS OEWS national_M2025_dl.xlsx"), to cite it once
    for several occupations."""
    return source.partition(OEWS_CODE_MARK)[0]


class WageEstimateQuerySet(models.QuerySet):
    def get_by_natural_key(self, survey, year, soc_code, area_code, naics):
        return self.get(
            release__survey=survey,
            release__year=year,
            occupation__soc_code=soc_code,
            area__code=area_code,
            industry__naics=naics,
        )

    def national(self):
        return self.filter(area__kind=Area.Kind.NATIONAL, industry__naics="000000")


class WageEstimate(CatalogRow):
    """One OEWS row: employment and wages for an occupation in one release, area and industry."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="estimates")
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="estimates")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="estimates")
    industry = models.ForeignKey(Industry, on_delete=models.PROTECT, related_name="estimates")
    own_code = models.CharField("ownership code", max_length=5, default="1235")
    employment = models.PositiveIntegerField(null=True, blank=True)
    employment_rse = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    jobs_1000 = bls_ratio("jobs per 1,000", "State and metro files only.")
    loc_quotient = bls_ratio("location quotient", "State and metro files only.")
    pct_total = bls_ratio("% of industry employment", "National industry files only.")
    pct_rpt = bls_ratio(
        "% of establishments reporting",
        "National industry files only; ~ (under 0.5 %) is listed as suppressed.",
    )
    h_mean = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    a_mean = models.PositiveIntegerField(null=True, blank=True)
    mean_rse = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    h_pct10 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    h_pct25 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    h_median = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    h_pct75 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    h_pct90 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    a_pct10 = models.PositiveIntegerField(null=True, blank=True)
    a_pct25 = models.PositiveIntegerField(null=True, blank=True)
    a_median = models.PositiveIntegerField(null=True, blank=True)
    a_pct75 = models.PositiveIntegerField(null=True, blank=True)
    a_pct90 = models.PositiveIntegerField(null=True, blank=True)
    top_coded = models.JSONField(
        default=list, blank=True, help_text="Columns BLS published as # (at or above the top code)."
    )
    suppressed = models.JSONField(
        default=list, blank=True, help_text="Columns BLS did not publish (*, **, ~)."
    )
    status = models.CharField(max_length=10, choices=FactStatus.choices, default=FactStatus.P_FILE)
    source = models.CharField(max_length=500)

    objects = WageEstimateQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        ordering = ["release", "occupation", "area", "industry"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "occupation", "area", "industry"],
                name="one_estimate_per_release_area_industry",
            ),
            percentiles_in_order(list(ANNUAL_PERCENTILES.values()), "annual_percentiles_in_order"),
            percentiles_in_order(list(HOURLY_PERCENTILES.values()), "hourly_percentiles_in_order"),
        ]

    def __str__(self):
        return f"{self.occupation.soc_code} · {self.area} · {self.industry.title} · {self.release}"

    def natural_key(self):
        return (
            self.release.survey,
            self.release.year,
            self.occupation.soc_code,
            self.area.code,
            self.industry.naics,
        )

    natural_key.dependencies = [
        "salaries.release",
        "salaries.occupation",
        "salaries.area",
        "salaries.industry",
    ]

    def annual(self, percentile):
        return getattr(self, ANNUAL_PERCENTILES[percentile])

    def hourly(self, percentile):
        return getattr(self, HOURLY_PERCENTILES[percentile])


class Projection(CatalogRow):
    """BLS Employment Projections for an occupation over ten years.

    Employment here comes from the National Employment Matrix, which counts self-employed
    workers; OEWS employment does not, so the two are never shown as the same figure.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="projections")
    base_year = models.PositiveSmallIntegerField()
    target_year = models.PositiveSmallIntegerField()
    employment_base = models.DecimalField(
        max_digits=9, decimal_places=1, help_text="Thousands, base year."
    )
    employment_target = models.DecimalField(
        max_digits=9, decimal_places=1, help_text="Thousands, target year."
    )
    change_numeric = models.DecimalField(max_digits=9, decimal_places=1, help_text="Thousands.")
    change_percent = models.DecimalField(max_digits=5, decimal_places=1)
    annual_openings = models.DecimalField(
        max_digits=9, decimal_places=1, help_text="Thousands a year, average."
    )
    self_employed_percent = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    median_wage = models.PositiveIntegerField(null=True, blank=True, help_text="Base year.")
    median_wage_top_coded = models.BooleanField(
        default=False, help_text="BLS published the median as at least this value (>=$239,200)."
    )
    entry_education = models.CharField(max_length=200, blank=True)
    work_experience = models.CharField(max_length=200, blank=True)
    on_the_job_training = models.CharField(max_length=200, blank=True)
    factor = models.TextField(
        blank=True,
        help_text="BLS's factor affecting the occupation's utilization (Table 1.12), quoted.",
    )
    is_current = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=FactStatus.choices, default=FactStatus.P_FILE)
    source = models.CharField(max_length=500)

    objects = NaturalKeyManager("occupation__soc_code", "base_year")
    history = audit_trail()

    class Meta:
        ordering = ["occupation", "-base_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "base_year"], name="one_projection_per_vintage"
            ),
            models.UniqueConstraint(
                fields=["occupation"],
                condition=Q(is_current=True),
                name="one_current_projection",
                violation_error_message="Only one projection vintage can be current.",
            ),
            models.CheckConstraint(
                condition=Q(target_year__gt=F("base_year")), name="projection_years_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.occupation.soc_code} projections {self.base_year}-{self.target_year}"

    def natural_key(self):
        return (self.occupation.soc_code, self.base_year)

    natural_key.dependencies = ["salaries.occupation"]

    @property
    def period_label(self):
        return f"{self.base_year}-{str(self.target_year)[-2:]}"

    def make_current(self, *, user=None, reason=""):
        """Make this vintage the one shown for its occupation; the current one steps down."""
        make_only_current(self, Projection.objects.filter(occupation=self.occupation), user, reason)


class PriceParity(CatalogRow):
    """BEA's regional price parity for a state and year (all items, United States = 100).

    A state's mean wage divided by its parity / 100 is what that wage buys at national-average
    prices; it is never a wage BLS published.
    """

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="price_parities")
    year = models.PositiveSmallIntegerField()
    all_items = models.DecimalField(
        "all items", max_digits=6, decimal_places=3, help_text="RPPs: All items (U.S. = 100)."
    )
    status = models.CharField(max_length=10, choices=FactStatus.choices, default=FactStatus.P_FILE)
    source = models.CharField(max_length=500)

    objects = NaturalKeyManager("area__code", "year")
    history = audit_trail()

    class Meta:
        ordering = ["area", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="one_parity_per_state_year"),
            models.CheckConstraint(condition=Q(all_items__gt=0), name="parity_positive"),
        ]

    def __str__(self):
        return f"{self.area} {self.year}: {self.all_items}"

    def natural_key(self):
        return (self.area.code, self.year)

    natural_key.dependencies = ["salaries.area"]


class OnetProfile(CatalogRow):
    """What O*NET says of an occupation, as of one O*NET database release (CC BY 4.0).

    Its tasks, technology and titles are rows of their own; an import replaces them all with the
    release's, so an occupation never mixes two releases.
    """

    occupation = models.OneToOneField(Occupation, on_delete=models.PROTECT, related_name="onet")
    onet_code = models.CharField("O*NET-SOC code", max_length=10)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True)
    release = models.CharField(max_length=40, help_text="As O*NET names it: 29.3.")
    release_date = models.CharField(max_length=40, blank=True, help_text="May 2025")
    status = models.CharField(max_length=10, choices=FactStatus.choices, default=FactStatus.P_FILE)
    source = models.CharField(max_length=500)

    objects = NaturalKeyManager("occupation__soc_code")
    history = audit_trail()

    class Meta:
        ordering = ["occupation"]
        verbose_name = "O*NET profile"

    def __str__(self):
        return f"{self.onet_code} {self.title} (O*NET {self.release})"

    def natural_key(self):
        return (self.occupation.soc_code,)

    natural_key.dependencies = ["salaries.occupation"]


class OnetTask(CatalogRow):
    profile = models.ForeignKey(OnetProfile, on_delete=models.CASCADE, related_name="tasks")
    task_id = models.PositiveIntegerField("task ID")
    statement = models.TextField()
    core = models.BooleanField(
        null=True,
        blank=True,
        help_text="O*NET's Task Type: Core, Supplemental, or blank (not rated).",
    )

    objects = NaturalKeyManager("profile__occupation__soc_code", "task_id")
    history = audit_trail()

    class Meta:
        ordering = ["profile", "task_id"]
        verbose_name = "O*NET task"
        constraints = [
            models.UniqueConstraint(fields=["profile", "task_id"], name="one_onet_task_per_id")
        ]

    def __str__(self):
        return self.statement

    def natural_key(self):
        return (self.profile.occupation.soc_code, self.task_id)

    natural_key.dependencies = ["salaries.onetprofile"]


class OnetTechnology(CatalogRow):
    profile = models.ForeignKey(OnetProfile, on_delete=models.CASCADE, related_name="technology")
    example = models.CharField(max_length=300)
    commodity_code = models.CharField(max_length=10)
    commodity_title = models.CharField(max_length=300)
    hot = models.BooleanField("hot technology", default=False)
    in_demand = models.BooleanField(default=False)

    objects = NaturalKeyManager("profile__occupation__soc_code", "example", "commodity_code")
    history = audit_trail()

    class Meta:
        ordering = ["profile", "-in_demand", "-hot", "example"]
        verbose_name = "O*NET technology example"
        verbose_name_plural = "O*NET technology examples"
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "example", "commodity_code"], name="one_onet_example"
            )
        ]

    def __str__(self):
        return self.example

    def natural_key(self):
        return (self.profile.occupation.soc_code, self.example, self.commodity_code)

    natural_key.dependencies = ["salaries.onetprofile"]


class OnetTitle(CatalogRow):
    class Kind(models.TextChoices):
        REPORTED = "reported", "Sample of reported titles"
        ALTERNATE = "alternate", "Alternate titles"

    profile = models.ForeignKey(OnetProfile, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    short_title = models.CharField(max_length=100, blank=True)
    shown_in_my_next_move = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0, help_text="The file's order.")

    objects = NaturalKeyManager("profile__occupation__soc_code", "kind", "title")
    history = audit_trail()

    class Meta:
        ordering = ["profile", "-kind", "order"]
        verbose_name = "O*NET title"
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind", "title"], name="one_onet_title")
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.profile.occupation.soc_code, self.kind, self.title)

    natural_key.dependencies = ["salaries.onetprofile"]


def record_values_before_first_change(sender, instance, raw=False, **kwargs):
    """Give a row's first tracked change its old values.

    Rows loaded from the fixtures have no history record (loading is raw), so without this the
    first edit's history would show the new values only.
    """
    if raw or instance._state.adding or instance.pk is None:
        return
    if sender.history.filter(id=instance.pk).exists():
        return
    before = sender.objects.filter(pk=instance.pk).first()
    if before is not None:
        before._history_user = None  # nobody in this request made these values
        sender.history.bulk_history_create(
            [before], default_change_reason="Values before the first recorded change"
        )


for audited in (
    Release,
    WageEstimate,
    Projection,
    PriceParity,
    OnetProfile,
    OnetTask,
    OnetTechnology,
    OnetTitle,
):
    pre_save.connect(
        record_values_before_first_change, sender=audited, dispatch_uid=f"baseline-{audited}"
    )


class PendingImport(models.Model):  # not a CatalogRow: saving one leaves the catalog alone
    """A BLS file a staff user uploaded in the admin, between its preview and the confirmation.

    The file as read is kept here rather than posted back by the page, so that an import of
    any size can be confirmed, by whichever worker gets the confirmation: the form carries only
    a signed key. A row belongs to one user and lasts an hour; expired rows are deleted at the
    next upload, and a confirmed one at once. While the file is read, `rows_read` says how far
    the server has got (the upload page shows it).
    """

    key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, help_text="oews or projections")
    file_name = models.CharField(max_length=255)
    rows_read = models.PositiveIntegerField(default=0)
    parsed = models.JSONField(null=True, blank=True, help_text="The file as read.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.file_name} ({self.kind}), uploaded by {self.user}"
