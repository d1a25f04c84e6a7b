"""The headline facts of the home page: the occupation's pay and outlook, each with its source."""

from salaries.models import Projection, WageEstimate


def headline_facts():
    """The current OEWS national row and the current projection for the coding occupation."""
    wages = (
        WageEstimate.objects.national()
        .filter(release__is_current=True, occupation__roles__isnull=False)
        .select_related("release", "occupation")
        .distinct()
        .first()
    )
    projection = (
        Projection.objects.filter(is_current=True, occupation=wages.occupation if wages else None)
        .select_related("occupation")
        .first()
    )
    return wages, projection
