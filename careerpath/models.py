from django.db import models


class SlugQuerySet(models.QuerySet):
    """Rows addressed by a unique slug; the slug is their natural key in fixtures and URLs."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


SlugManager = models.Manager.from_queryset(SlugQuerySet)


class NaturalKeyManager(models.Manager):
    """Finds a row by the fields of its natural key, in order, so fixtures need no numeric ids."""

    def __init__(self, *lookups):
        super().__init__()
        self.lookups = lookups

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.lookups, values, strict=True)))


class FactStatus(models.TextChoices):
    """How well a fact is sourced: the legend of the reference data."""

    P_FILE = "P-file", "Official file"
    P_WEB = "P-web", "Issuer's own page"
    SECONDARY = "S", "Secondary source"
    NOT_CONFIRMED = "NC", "Not confirmed"


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
