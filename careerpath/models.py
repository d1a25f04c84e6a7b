from django.db import models


class CatalogVersion(models.Model):
    """One row whose value changes on every catalog edit, so every worker notices within seconds."""

    value = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.value


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

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Shared plan {self.token[:6]}… ({self.created_at:%Y-%m-%d})"
