from django.db import models
from django.utils import timezone


class CatalogVersion(models.Model):
    """One row whose value changes on every catalog edit, so every worker notices within seconds."""

    value = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.value


class SharedPlanQuerySet(models.QuerySet):
    def not_used_since(self, moment):
        """Links nobody has opened or shared again since `moment`: what `prune_plans` removes."""
        return self.filter(used_at__lt=moment)


class SharedPlan(models.Model):
    """A plan someone chose to share: its validated inputs and a snapshot of what it said."""

    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    query = models.JSONField(help_text="The validated assessment, as planner inputs.")
    snapshot = models.JSONField(help_text="The plan as it was shown when shared.")
    catalog_version = models.CharField(max_length=32, blank=True)
    client = models.CharField(
        max_length=64, db_index=True, help_text="Keyed hash of the client address, for rate limits."
    )
    answers_digest = models.CharField(
        max_length=64,
        db_index=True,
        blank=True,
        help_text="SHA-256 of the answers and catalog version: the same answers are stored once.",
    )
    used_at = models.DateTimeField(
        default=timezone.now,
        db_index=True,
        help_text="Last shared again or opened (for pruning).",
    )

    objects = SharedPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Shared plan {self.token[:6]}… ({self.created_at:%Y-%m-%d})"


class KeptPlanQuerySet(models.QuerySet):
    def not_opened_since(self, moment):
        """Plans nobody has opened since `moment`: what `prune_plans` removes."""
        return self.filter(opened_at__lt=moment)


class KeptPlan(models.Model):
    """A private plan kept without an account: its answers and its CEU log, reached by a secret
    address. Only a digest of the address's secret part is stored: the table opens no plan."""

    selector = models.CharField(max_length=16, unique=True, help_text="The address's public part.")
    verifier_digest = models.CharField(
        max_length=64, help_text="SHA-256 of the address's secret part, compared in constant time."
    )
    answers = models.JSONField(help_text="The validated assessment, as query pairs.")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(db_index=True, help_text="Last opened (for pruning).")
    client = models.CharField(
        max_length=64, db_index=True, help_text="Keyed hash of the client address, for rate limits."
    )
    milestones_done = models.JSONField(
        default=list, blank=True, help_text="Slugs of the milestones the coder marked done."
    )

    objects = KeptPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Kept plan {self.selector[:4]}… ({self.created_at:%Y-%m-%d})"


class CeuEntry(models.Model):
    """One continuing-education activity in a kept plan's log."""

    plan = models.ForeignKey(KeptPlan, on_delete=models.CASCADE, related_name="ceu_log")
    body = models.CharField(max_length=32, help_text="The certifying body's slug (aapc).")
    earned_on = models.DateField()
    ceus = models.DecimalField(max_digits=4, decimal_places=1)
    title = models.CharField(max_length=200)
    category = models.CharField(
        max_length=100, blank=True, help_text="A topic the body counts apart; blank: general."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-earned_on", "-id"]
        verbose_name_plural = "CEU entries"

    def __str__(self):
        return f"{self.ceus} CEUs, {self.earned_on}: {self.title}"


class CredentialGoal(models.Model):
    """A credential a kept plan's owner means to sit, and the month they aim at."""

    plan = models.ForeignKey(KeptPlan, on_delete=models.CASCADE, related_name="goals")
    certification = models.CharField(max_length=32, help_text="The credential's slug (cpc).")
    exam_month = models.DateField(help_text="The first day of the month they aim to sit in.")

    class Meta:
        ordering = ["exam_month", "certification"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "certification"], name="one_goal_per_credential"
            )
        ]

    def __str__(self):
        return f"{self.certification} in {self.exam_month:%Y-%m}"
