"""The headline facts of the home page: the occupation's pay and outlook, each with its source."""

from careerpath import catalog, planner
from salaries.models import Projection


def headline_facts() -> tuple[planner.WageDistribution | None, Projection | None]:
    """The current OEWS wages of the occupation the stages are drawn on, and its projection."""
    wages = catalog.current().stage_wages()
    projection = (
        Projection.objects.filter(is_current=True, occupation__soc_code=wages.occupation)
        .select_related("occupation")
        .first()
        if wages
        else None
    )
    return wages, projection
