"""Whether you can sit for a credential: each of its published routes (education, years,
credentials held, current work in a role) checked against your answers, and the routes in
words."""

from __future__ import annotations

from careerpath.planner.assessment import Assessment
from careerpath.planner.catalog import Catalog, Certification, EligibilityRoute, acronyms
from careerpath.planner.plan import Eligibility

HIM_PROGRAM_QUESTION = (
    "whether your degree or post-baccalaureate certificate is from a CAHIIM-accredited HIM program"
)


def route_status(
    catalog: Catalog, assessment: Assessment, route: EligibilityRoute, ignore: str = ""
) -> tuple[bool | None, tuple[str, ...]]:
    """Whether one eligibility route is open to the person assessed.

    True: open; False: an answer rules it out; None: it may be open, and the second value says
    what it depends on that the answers do not say (education not given, whether it came from an
    accredited HIM program, years in a role, what the application must document).
    """
    depends_on = []
    if route.education:
        if assessment.education is None:
            depends_on.append(
                f"your education ({catalog.education_name(route.education).lower()} or higher)"
            )
        elif catalog.education_rank(assessment.education) < catalog.education_rank(route.education):
            return False, ()
    if route.him_program:
        if assessment.him_program is False:
            return False, ()
        if assessment.him_program is None:
            depends_on.append(HIM_PROGRAM_QUESTION)
    if route.min_years is not None and assessment.years < route.min_years:
        return False, ()
    if route.current_role:
        if assessment.role != route.current_role:
            return False, ()
        if route.min_years:
            # The plan knows your years of experience, not how many of them were in this role.
            role = catalog.role(route.current_role)
            title = role.title if role else route.current_role
            depends_on.append(f"{route.min_years} years as {title}")
    credentials = [c for c in route.credentials if c != ignore]
    if credentials and not any(c in assessment.certifications for c in credentials):
        return False, ()
    if route.unconfirmed:
        depends_on.append(route.unconfirmed)
    return (None, tuple(depends_on)) if depends_on else (True, ())


def eligibility(
    catalog: Catalog, assessment: Assessment, cert: Certification
) -> tuple[Eligibility, tuple[str, ...]]:
    """Whether you can sit for a credential now, and what that depends on when unsure."""
    if not cert.eligibility:
        return Eligibility.NOT_CONFIRMED, ()
    results = [route_status(catalog, assessment, route) for route in cert.eligibility]
    if any(met for met, _ in results):
        return Eligibility.OPEN, ()
    depends_on = tuple(dict.fromkeys(d for met, why in results if met is None for d in why))
    return (Eligibility.DEPENDS, depends_on) if depends_on else (Eligibility.NOT_YET, ())


def describe_route(catalog: Catalog, route: EligibilityRoute, with_note: bool = True) -> str:
    """One eligibility route in words: education, credentials, years, and its note."""
    parts = []
    if route.current_role:
        role = catalog.role(route.current_role)
        parts.append(f"working now as {role.title if role else route.current_role}")
    if route.education:
        education = catalog.education_name(route.education).lower() + " or higher"
        if route.him_program:
            education += " from a CAHIIM-accredited HIM program"
        parts.append(education)
    elif route.him_program:
        parts.append("a CAHIIM-accredited HIM program")
    if route.credentials:
        parts.append("one of " + acronyms(catalog, route.credentials))
    if route.min_years:
        where = " in that role" if route.current_role else " of experience"
        parts.append(f"{route.min_years} years{where}")
    if route.unconfirmed:
        parts.append(route.unconfirmed)
    text = " + ".join(parts) if parts else "open to all"
    return f"{text}: {route.note}" if route.note and with_note else text


def eligibility_notes(catalog: Catalog, cert: Certification) -> tuple[str, ...]:
    """Each eligibility route of a credential in words."""
    return tuple(describe_route(catalog, r) for r in cert.eligibility)
