"""Every change to wage or projection data records who, when, and the old and new values."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.urls import reverse

from salaries.models import PriceParity, Projection, Release, WageEstimate

from .factories import oews_row, write_oews_workbook

pytestmark = pytest.mark.django_db


def change_form(instance, **changes):
    """What the admin change form posts for `instance`, with `changes` made by the user."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, models.JSONField):
            value = json.dumps(value)
        if isinstance(field, models.BooleanField):
            if value:
                data[field.name] = "on"
            continue
        data[field.name] = "" if value is None else value
    data.update(changes)
    return data


def national_2025():
    return WageEstimate.objects.national().get(release__year=2025, occupation__soc_code="29-2072")


def test_an_admin_edit_records_who_and_the_old_and_new_values(staff_client, catalog):
    estimate = national_2025()
    assert not estimate.history.exists()  # loaded from the fixtures: no history yet
    url = reverse("admin:salaries_wageestimate_change", args=[estimate.pk])
    response = staff_client.post(url, change_form(estimate, a_median=52000, source="checked"))
    assert response.status_code == 302
    latest, before = estimate.history.order_by("-history_id")
    assert (before.a_median, before.history_user, before.source) == (51140, None, estimate.source)
    assert before.history_change_reason == "Values before the first recorded change"
    assert (latest.a_median, latest.history_user.username, latest.history_type) == (
        52000,
        "staff",
        "~",
    )
    changes = {
        change.field: (change.old, change.new) for change in latest.diff_against(before).changes
    }
    assert changes == {"a_median": (51140, 52000), "source": (estimate.source, "checked")}


def test_the_admin_shows_the_history_of_an_estimate(staff_client, catalog):
    estimate = national_2025()
    url = reverse("admin:salaries_wageestimate_change", args=[estimate.pk])
    staff_client.post(url, change_form(estimate, a_median=52000))
    history = staff_client.get(reverse("admin:salaries_wageestimate_history", args=[estimate.pk]))
    assert history.status_code == 200
    html = history.content.decode()
    assert "A median:</strong>" in html and "51140" in html and "52000" in html
    assert ">staff</a>" in html and "Values before the first recorded change" in html
    assert " style=" not in html  # the CSP refuses inline styles
    change_page = staff_client.get(url).content.decode()
    assert reverse("admin:salaries_wageestimate_history", args=[estimate.pk]) in change_page


def test_an_admin_edit_of_a_projection_is_recorded(staff_client, catalog):
    projection = Projection.objects.get(base_year=2024, occupation__soc_code="29-2072")
    url = reverse("admin:salaries_projection_change", args=[projection.pk])
    response = staff_client.post(url, change_form(projection, annual_openings="14.5"))
    assert response.status_code == 302
    latest, before = projection.history.order_by("-history_id")
    assert (str(before.annual_openings), str(latest.annual_openings)) == ("14.2", "14.5")
    assert latest.history_user.username == "staff"


def test_an_import_records_who_ran_it_and_the_old_values(catalog, tmp_path, django_user_model):
    django_user_model.objects.create_user("analyst")
    row = oews_row(TOT_EMP=194720, A_MEDIAN=51990)
    path = write_oews_workbook(
        tmp_path / "national_M2025_dl.xlsx", [row], period="May 2025", top_code_note=None
    )
    call_command("import_oews", str(path), "--user", "analyst", stdout=StringIO())
    latest, before = national_2025().history.order_by("-history_id")
    assert (before.a_median, latest.a_median) == (51140, 51990)
    assert latest.history_user.username == "analyst"
    assert latest.history_change_reason.startswith("import_oews national_M2025_dl.xlsx, run by ")
    changed = {change.field for change in latest.diff_against(before).changes}
    assert changed == {"a_median", "employment_rse", "h_mean", "a_mean", "mean_rse",
                       "h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90", "a_pct10",
                       "a_pct25", "a_pct75", "a_pct90"}  # fmt: skip


def test_rows_an_import_adds_have_their_creation_recorded(tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    call_command("import_oews", str(path), stdout=StringIO())
    (record,) = WageEstimate.objects.get().history.all()
    assert (record.history_type, record.a_median) == ("+", 52830)
    assert record.history_change_reason.startswith("import_oews national_M2030_dl.xlsx")
    assert Release.objects.get().history.get().history_type == "+"


def test_making_a_release_current_is_recorded_for_both_releases(staff_client, catalog):
    release = Release.objects.get(year=2024)
    staff_client.post(
        reverse("admin:salaries_release_changelist"),
        {"action": "make_current", "_selected_action": [release.pk]},
    )
    stepped_down = Release.objects.get(year=2025).history.latest()
    made_current = release.history.latest()
    assert (stepped_down.is_current, made_current.is_current) == (False, True)
    assert made_current.history_user.username == "staff"
    assert made_current.history_change_reason == "Made current in the admin"


def test_a_dry_run_and_an_unchanged_import_record_no_history(catalog, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    call_command("import_oews", str(path), "--dry-run", stdout=StringIO())
    assert not WageEstimate.history.exists() and not Release.history.exists()
    call_command("import_oews", str(path), stdout=StringIO())
    recorded = WageEstimate.history.count(), Release.history.count()
    call_command("import_oews", str(path), stdout=StringIO())
    assert (WageEstimate.history.count(), Release.history.count()) == recorded


def test_an_unknown_user_is_refused_before_anything_is_read(tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("import_oews", str(path), "--user", "nobody", stdout=StringIO())
    assert not Release.objects.exists()


def test_an_admin_edit_of_a_price_parity_is_recorded_and_shown(staff_client, catalog):
    parity = PriceParity.objects.get(area__code="06", year=2023)
    url = reverse("admin:salaries_priceparity_change", args=[parity.pk])
    response = staff_client.post(url, change_form(parity, all_items="100.000"))
    assert response.status_code == 302
    latest, before = parity.history.order_by("-history_id")
    assert (before.all_items, latest.all_items) == (parity.all_items, Decimal("100.000"))
    assert latest.history_user.username == "staff"
    listing = staff_client.get(reverse("admin:salaries_priceparity_changelist"), {"q": "Calif"})
    assert ">California</a>" in listing.text and "100.000" in listing.text
    # The catalog changed with the save: California's mean now buys itself at national prices.
    pay = staff_client.get("/api/plan/?years=2&state=CA").json()["position"]["state_pay"]
    assert pay["national_prices_mean"] == pay["annual_mean"]
