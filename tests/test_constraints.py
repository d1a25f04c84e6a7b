"""What must always hold is refused by the database itself, not only by forms."""

import pytest
from django.db import IntegrityError, transaction

from catalog_rows import FactStatus

from .factories import (
    CareerStageFactory,
    CertificationFactFactory,
    CertificationFactory,
    OccupationFactory,
    ReleaseFactory,
    RoleFactory,
    TransitionFactory,
    WageEstimateFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


def test_annual_percentiles_out_of_order_are_refused():
    refused(WageEstimateFactory, a_pct25=52000, a_median=51140)


def test_hourly_percentiles_out_of_order_are_refused():
    refused(WageEstimateFactory, h_pct75="31.17", h_pct90="30.00")


def test_unpublished_percentiles_do_not_block_a_row():
    estimate = WageEstimateFactory(a_pct10=None, a_pct25=None, a_median=None)
    assert estimate.pk


def test_one_estimate_per_release_area_industry_occupation():
    first = WageEstimateFactory()
    refused(WageEstimateFactory, release=first.release)


def test_only_one_current_release():
    ReleaseFactory(year=2024, is_current=True)
    refused(ReleaseFactory, year=2025, is_current=True)


def test_stage_band_must_go_upwards():
    refused(CareerStageFactory, percentile_low=75, percentile_high=25)


def test_slugs_are_unique():
    RoleFactory(slug="coding-manager")
    refused(RoleFactory, slug="coding-manager")
    CertificationFactory(slug="cpc")
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificationFactory._meta.model.objects.create(
            slug="cpc", acronym="CPC", name="x", body=CertificationFactory().body
        )


def test_an_unconfirmed_fact_stays_blank():
    refused(CertificationFactFactory, status=FactStatus.NOT_CONFIRMED, value="$499")
    refused(CertificationFactFactory, status=FactStatus.P_WEB, value="")


def test_a_role_cannot_lead_to_itself():
    role = RoleFactory()
    refused(TransitionFactory, from_role=role, to_role=role)


def test_a_roles_pay_span_is_complete_in_order_and_of_an_occupation():
    occupation = OccupationFactory(soc_code="11-9111", title="Managers")
    refused(RoleFactory, wage_occupation=occupation, pay_percentile_low=25)
    refused(RoleFactory, wage_occupation=occupation, pay_percentile_low=50, pay_percentile_high=25)
    refused(RoleFactory, pay_percentile_low=25, pay_percentile_high=50)  # no occupation
    role = RoleFactory(wage_occupation=occupation, pay_percentile_low=25, pay_percentile_high=50)
    assert role.pk and RoleFactory(wage_occupation=occupation).pk  # blank span: the stage's


def test_two_stages_cannot_begin_the_same_year():
    CareerStageFactory(min_years=3)
    refused(CareerStageFactory, min_years=3)
