"""A catalog's lookups (slugs, bands) are built when it is made: a changed copy has its own, and
forms of one catalog share nothing of one another's answers."""

from django.http import QueryDict

from careerpath.forms import AssessmentForm
from tests.worlds import WagesFactory, ladder, plan


def test_a_changed_copy_of_a_catalog_is_planned_with_its_own_roles_and_bands():
    world = ladder()
    before = plan(world, role="coder").next_roles
    richer = world.model_copy(
        update={
            "roles": tuple(
                r.model_copy(update={"title": "Lead Coder", "min_years": 9})
                if r.slug == "senior-coder"
                else r
                for r in world.roles
            ),
            "wages": {"00-0001": WagesFactory(annual={10: 1, 25: 2, 50: 3, 75: 4, 90: 5})},
        }
    )
    after = plan(richer, role="coder").next_roles
    senior_before = next(n for n in before if n.role.slug == "senior-coder")
    senior_after = next(n for n in after if n.role.slug == "senior-coder")
    assert senior_before.role.title != "Lead Coder" and senior_after.role.title == "Lead Coder"
    assert senior_after.missing_years == 9 and senior_before.missing_years != 9
    band = senior_after.salary_band  # the mid stage's 25th to 75th percentiles
    assert (band.low, band.high) == (2, 4) and senior_before.salary_band.low != 2
    # and back to the first catalog: its own answers again
    assert plan(world, role="coder").next_roles == before


def test_forms_of_one_catalog_share_no_answers_or_errors(db):
    from careerpath import catalog

    current = catalog.current()
    bad = AssessmentForm(QueryDict("role=nonesuch&years=-1"), catalog=current)
    good = AssessmentForm(QueryDict("years=3"), catalog=current)
    assert not bad.is_valid() and set(bad.errors) == {"role", "years"}
    assert good.is_valid() and not good.errors
    assert good.cleaned_data["years"] == 3 and bad["years"].value() == "-1"
    assert [v for v, _ in good.fields["education"].choices][1:] == [
        e.slug for e in current.educations
    ]


def test_a_catalogs_lookups_are_not_part_of_its_data():
    world = ladder()
    assert world.role("coder")  # the lookups are built at the first lookup
    assert "_lookups" not in world.model_dump() and "_lookups" not in dict(world)
    copy = world.model_copy()  # validated from the fields alone: no leftover key to refuse
    assert copy == world and copy._lookups is not world._lookups
