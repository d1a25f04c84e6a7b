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
