"""The renewal rules as data: the database refuses incomplete rows, the fixture check refuses
guessed figures, and the shipped rules are those of
docs/data-sources.md#renewal-rules."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from careerpath.catalog import catalog_is_empty
from certifications.models import CeuTier, CredentialRenewal, RenewalFee, RenewalRule

from .factories import (
    CeuShareFactory,
    CeuTierFactory,
    CredentialRenewalFactory,
    RenewalFeeFactory,
    RenewalRuleFactory,
)

pytestmark = pytest.mark.django_db
CERTIFICATIONS = Path(settings.FIXTURE_DIRS[0]) / "certifications.json"


def refused(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


def test_an_unconfirmed_fee_has_no_amount_and_a_confirmed_one_needs_it():
    refused(RenewalFeeFactory, status="NC", amount="99.00")
    refused(RenewalFeeFactory, status="P-web", amount=None)
    assert RenewalFeeFactory(status="NC", amount=None).pk


def test_topic_ceus_and_their_topic_go_together():
    refused(CredentialRenewalFactory, topic_ceus=16, topic="")
    refused(CredentialRenewalFactory, topic_ceus=None, topic="auditing")


def test_a_share_is_a_percentage_and_a_tier_counts_at_least_one_credential():
    refused(CeuShareFactory, percent=120)
    refused(CeuTierFactory, credentials=0)
    refused(RenewalRuleFactory, cycle_years=0)


@pytest.fixture
def fixtures_with(tmp_path):
    """Copies of the shipped fixtures, certifications.json changed by `change(records)`."""

    def build(change):
        copies = [shutil.copy(p, tmp_path / p.name) for p in CERTIFICATIONS.parent.glob("*.json")]
        path = tmp_path / CERTIFICATIONS.name
        records = json.loads(path.read_text())
        change(records)
        path.write_text(json.dumps(records))
        return [str(c) for c in copies]

    return build


def record(records, model, **match):
    return next(
        r["fields"]
        for r in records
        if r["model"] == f"certifications.{model}"
        and all(r["fields"].get(k) == v for k, v in match.items())
    )


def test_a_guessed_fee_is_refused_before_loading(fixtures_with):
    def guess(records):
        record(records, "renewalfee", rule=["ccb"])["amount"] = "275.00"

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *fixtures_with(guess))
    assert "An unconfirmed fee stays blank" in str(error.value)
    assert catalog_is_empty()


def test_a_replacement_of_an_unknown_credential_is_refused(fixtures_with):
    def dangling(records):
        record(records, "credentialrenewal", certification=["rhia"])["replaces"] = [["rhit-x"]]

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *fixtures_with(dangling))
    assert "field 'replaces' refers to certifications.certification ['rhit-x']" in str(error.value)


def test_the_shipped_rules_are_the_issuers(catalog):
    rules = {r.body.slug: r for r in RenewalRule.objects.select_related("body")}
    assert set(rules) == {"aapc", "ahima", "acdis", "ccb"}
    assert {r.cycle_years for r in rules.values()} == {2}
    aapc_tiers = CeuTier.objects.filter(rule__body__slug="aapc").values_list("credentials", "ceus")
    assert list(aapc_tiers) == [(1, 36), (2, 40), (3, 44), (4, 48), (5, 52)]
    assert (rules["ahima"].additional_ceus, rules["ahima"].max_ceus) == (10, 50)
    assert rules["aapc"].specialty_ceus == 8
    ceus = dict(CredentialRenewal.objects.values_list("certification__slug", "ceus"))
    assert {s: ceus[s] for s in ("cca", "ccs", "ccs-p", "rhit", "rhia", "cdip", "chps")} == {
        "cca": 20, "ccs": 20, "ccs-p": 20, "rhit": 20, "rhia": 30, "cdip": 30, "chps": 30,
    }  # fmt: skip
    assert "ccds" not in ceus  # ACDIS's CEU count is not confirmed: no figure at all
    rhia = CredentialRenewal.objects.get(certification__slug="rhia")
    assert list(rhia.replaces.values_list("slug", flat=True)) == ["rhit"]
    assert not RenewalFee.objects.filter(status="NC", amount__isnull=False).exists()
    assert all(r.source for r in rules.values())
