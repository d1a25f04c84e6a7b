"""What the catalog apps' models share: natural-key managers, how well a fact is sourced, and the
mark that makes a model part of the planner's catalog.

It sits below `stages`, `certifications` and `salaries` (and below `careerpath`, which reads
them), so the domain apps never import `careerpath`.
"""

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


class CatalogRow(models.Model):
    """A row of the catalog the planner reads: saving or deleting one (or changing one of its
    many-to-many links) changes the catalog's version, so every worker reloads it.

    The mark is explicit on purpose: a model added later (a history table, a log, a saved plan)
    never bumps the catalog by accident.
    """

    class Meta:
        abstract = True


def catalog_models(app_models) -> list[type[models.Model]]:
    """The concrete models among `app_models` that carry the catalog mark."""
    return [m for m in app_models if issubclass(m, CatalogRow) and not m._meta.abstract]
