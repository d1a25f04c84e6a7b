"""The catalog fixtures: validated before loading, loaded only into an empty database."""

import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from careerpath.catalog import catalog_is_empty
from certifications.models import Certification, CertificationFact
from salaries.models import Projection, Release, WageEstimate
from stages.models import CareerStage, EducationLevel, Role, Track

from .conftest import SHARED_REFERENCE

FIXTURES = sorted(Path(settings.FIXTURE_DIRS[0]).glob("*.json"))
ROLES = [
    "medical-coder-i",
    "outpatient-coder",
    "senior-medical-coder",
    "coding-auditor",
    "coding-educator",
    "cdi-specialist",
    "coding-manager",
    "him-director",
    "revenue-cycle-director",
    "compliance-officer",
    "risk-adjustment-coding-specialist",
    "coding-consultant",
    "health-data-analyst",
    "medical-billing-specialist",
    "healthcare-compliance-analyst",
    "hit-implementation-specialist",
    "healthcare-administrator",
]
CREDENTIALS = "cpc ccs ccs-p cpc-p cpma cdip rhia rhit chc cca coc cic crc cpb cdeo ccds chps"


@pytest.fixture
def broken(tmp_path):
    """Copies of the real fixtures that a test may damage; returns a function to edit one."""
    copies = [Path(shutil.copy(path, tmp_path / path.name)) for path in FIXTURES]

    def edit(name, change):
        path = tmp_path / name
        records = json.loads(path.read_text())
        change(records)
        path.write_text(json.dumps(records))
        return [str(p) for p in copies]

    return edit


def first(records, model, **match):
    return next(
        r
        for r in records
        if r["model"] == model and all(r["fields"].get(k) == v for k, v in match.items())
    )


@pytest.mark.django_db
def test_the_shipped_fixtures_are_valid(capsys):
    call_command("load_catalog", "--check")
    assert "3 fixture file(s) valid" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_unknown_field_names_file_record_and_field(broken):
    paths = broken(
        "stages.json",
        lambda rs: first(rs, "stages.role", slug="coding-manager")["fields"].update(salary=99),
    )
    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *paths)
    message = str(error.value)
    assert "stages.json, record" in message and "Role has no field named 'salary'" in message
    assert catalog_is_empty()


@pytest.mark.django_db
def test_out_of_order_percentiles_are_refused_before_loading(broken):
    def swap(records):
        row = first(
            records,
            "salaries.wageestimate",
            release=["oews", 2025],
            occupation=["29-2072"],
            area=["99"],
        )
        row["fields"]["a_pct25"] = 99999

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *broken("salaries.json", swap))
    message = str(error.value)
    assert "salaries.json, record" in message and "['oews', 2025, '29-2072', '99'" in message
    assert "Percentiles must be in order" in message
    assert catalog_is_empty()


@pytest.mark.django_db
def test_a_reference_to_a_missing_slug_is_refused(broken):
    def dangling(records):
        first(records, "stages.role", slug="him-director")["fields"]["stage"] = ["executive"]

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *broken("stages.json", dangling))
    message = str(error.value)
    assert "['him-director']" in message and "field 'stage'" in message
    assert "stages.careerstage ['executive'], which no fixture defines" in message
    assert catalog_is_empty()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda rs: first(rs, "stages.careerstage", slug="senior")["fields"].update(min_years=3),
            "field 'min_years': Career stage with this Min years already exists.",
        ),
        (
            lambda rs: first(rs, "stages.careerstage", slug="entry")["fields"].update(min_years=4),
            "['mid']): field 'min_years': An earlier stage (lower order) begins after this one.",
        ),
        (
            lambda rs: first(rs, "stages.role", slug="healthcare-administrator")["fields"].update(
                min_years=3
            ),
            "field 'min_years': Senior/Management covers 7+ years",
        ),
        (
            lambda rs: first(rs, "stages.role", slug="him-director")["fields"].pop(
                "pay_percentile_high"
            ),
            "A pay band needs an occupation and both percentiles",
        ),
        (
            lambda rs: first(rs, "stages.role", slug="him-director")["fields"].update(
                wage_occupation=None
            ),
            "A pay band needs an occupation and both percentiles",
        ),
    ],
)
def test_stages_and_role_pay_that_contradict_themselves_are_refused(broken, change, message):
    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *broken("stages.json", change))
    assert message in str(error.value)
    assert catalog_is_empty()


@pytest.mark.django_db
def test_an_unconfirmed_fact_with_a_value_is_refused(broken):
    def guess(records):
        fact = first(records, "certifications.certificationfact", status="NC")
        fact["fields"]["value"] = "$499"

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *broken("certifications.json", guess))
    assert "An unconfirmed fact stays blank" in str(error.value)


@pytest.mark.django_db
def test_a_rule_across_records_is_refused_and_loads_nothing(broken):
    def two_current(records):
        first(records, "salaries.release", year=2024)["fields"]["is_current"] = True

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", *broken("salaries.json", two_current))
    assert "['oews', 2025]): Only one release of a survey can be current." in str(error.value)
    assert catalog_is_empty()


@pytest.mark.django_db
def test_loading_again_never_overwrites_an_admin_edit(capsys):
    call_command("load_catalog")
    Role.objects.filter(slug="coding-manager").update(summary="Edited by an admin.")
    WageEstimate.objects.filter(release__year=2025).update(source="corrected by staff")
    call_command("load_catalog")
    assert "left as it is" in capsys.readouterr().out
    assert Role.objects.get(slug="coding-manager").summary == "Edited by an admin."
    assert (
        not WageEstimate.objects.filter(release__year=2025)
        .exclude(source="corrected by staff")
        .exists()
    )


@pytest.mark.django_db
def test_the_catalog_holds_the_stable_identifiers(catalog):
    assert list(CareerStage.objects.values_list("slug", flat=True)) == ["entry", "mid", "senior"]
    assert set(Track.objects.values_list("slug", flat=True)) == {
        "coding",
        "management",
        "specialist",
        "alternative",
    }
    assert list(EducationLevel.objects.values_list("slug", flat=True)) == [
        "high-school",
        "certificate",
        "associate",
        "bachelor",
        "master",
    ]
    assert set(ROLES) <= set(Role.objects.values_list("slug", flat=True))
    assert set(CREDENTIALS.split()) <= set(Certification.objects.values_list("slug", flat=True))


@pytest.mark.django_db
def test_stage_bands_are_the_articles(catalog):
    bands = {s.slug: (s.percentile_low, s.percentile_high) for s in CareerStage.objects.all()}
    assert bands == {"entry": (10, 25), "mid": (25, 75), "senior": (75, 90)}


@pytest.mark.django_db
def test_him_director_needs_a_bachelors_and_the_rhia(catalog):
    role = Role.objects.get(slug="him-director")
    assert role.education.slug == "bachelor"
    groups = [
        set(r.certifications.values_list("slug", flat=True))
        for r in role.requirements.filter(kind="required")
    ]
    assert {"rhia"} in groups


@pytest.mark.django_db
def test_entry_roles_accept_cpc_or_ccs_as_one_group(catalog):
    requirement = Role.objects.get(slug="medical-coder-i").requirements.get(kind="required")
    assert set(requirement.certifications.values_list("slug", flat=True)) == {"cpc", "ccs"}


@pytest.mark.django_db
def test_may_2025_is_current_and_may_2024_matches_the_article(catalog):
    assert Release.objects.current().reference_period == "May 2025"
    may_2024 = WageEstimate.objects.national().get(
        release__year=2024, occupation__soc_code="29-2072"
    )
    article = (35780, 41600, 50250, 64070, 80950)
    assert tuple(may_2024.annual(p) for p in (10, 25, 50, 75, 90)) == article
    assert (may_2024.a_mean, may_2024.employment, str(may_2024.h_median)) == (
        55970,
        187910,
        "24.16",
    )
    series = WageEstimate.objects.national().filter(occupation__soc_code="29-2072")
    assert sorted(series.values_list("release__year", flat=True)) == [2021, 2022, 2023, 2024, 2025]


@pytest.mark.django_db
def test_projections_keep_the_ep_employment_apart(catalog):
    projection = Projection.objects.get(is_current=True, occupation__soc_code="29-2072")
    assert (projection.base_year, projection.target_year) == (2024, 2034)
    assert str(projection.change_percent) == "7.1" and str(projection.annual_openings) == "14.2"
    assert str(projection.employment_base) == "194.8"  # thousands, EP matrix, not OEWS 187,910


@pytest.mark.django_db
def test_every_unconfirmed_fact_is_blank(catalog):
    facts = CertificationFact.objects.all()
    assert facts.filter(status="NC").exists()
    assert not facts.filter(status="NC").exclude(value="").exists()
    assert not facts.exclude(status="NC").filter(value="").exists()


def read_bls_row(path, soc_code):
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).upper() for h in next(rows)]
    for row in rows:
        record = dict(zip(header, row, strict=False))
        if record["OCC_CODE"] == soc_code and record["AREA"] in ("99", 99):
            return record
    raise AssertionError(f"{soc_code} not in {path}")


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2024, 2025])
def test_national_figures_equal_the_official_bls_file(catalog, year):
    path = SHARED_REFERENCE / "bls" / f"national_M{year}_dl.xlsx"
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI: the BLS cross-check cannot run")
        pytest.skip(f"{path} not present: the BLS cross-check needs ../shared/reference/bls")
    official = read_bls_row(path, "29-2072")
    ours = WageEstimate.objects.national().get(release__year=year, occupation__soc_code="29-2072")
    assert ours.employment == int(official["TOT_EMP"])
    assert ours.a_mean == int(official["A_MEAN"])
    for column in ("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"):
        assert getattr(ours, column.lower()) == int(official[column]), column
    for column in ("H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "H_MEAN"):
        assert float(getattr(ours, column.lower())) == pytest.approx(float(official[column]))
