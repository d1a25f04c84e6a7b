"""`manage.py import_oews`: official OEWS workbooks in, one transaction, a dry run, clear errors."""

import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from careerpath import catalog as planner_catalog
from salaries import bls
from salaries.models import Area, Industry, Occupation, PendingImport, Release, WageEstimate

from .conftest import SHARED_REFERENCE
from .factories import (
    OEWS_HEADER,
    ReleaseFactory,
    WageEstimateFactory,
    oews_row,
    write_oews_workbook,
)

pytestmark = pytest.mark.django_db
BLS = SHARED_REFERENCE / "bls"


def official_file(name: str) -> Path:
    """A BLS file from ../shared; missing is a skip on a developer's machine, a failure in CI."""
    path = BLS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI: the import of the official files cannot run")
        pytest.skip(f"{path} not present: importing the official files needs ../shared/reference")
    return path


def import_oews(*args) -> str:
    out = StringIO()
    call_command("import_oews", *map(str, args), stdout=out)
    return out.getvalue()


def database_state():
    """Every salaries row (history included) and the catalog stamp: 'exactly as before'. An
    import waiting for confirmation (PendingImport) is not catalog data."""
    rows = {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_app_config("salaries").get_models()
        if model is not PendingImport
    }
    return rows, planner_catalog.stamp()


# The official national files, read from ../shared/reference/bls.


@pytest.mark.parametrize("year", [2024, 2025])
def test_official_national_file_matches_the_shipped_catalog(catalog, year):
    path = official_file(f"national_M{year}_dl.xlsx")
    before = database_state()
    output = import_oews(path, "--dry-run")
    lines = output.splitlines()
    assert lines[0].startswith(f"national_M{year}_dl.xlsx: OEWS May {year}, 1,40")
    assert f"unchanged estimate 29-2072 · U.S. · Cross-industry · OEWS May {year}" in lines
    assert f"unchanged release OEWS May {year}" in lines
    assert "0 added, 0 changed, 2 unchanged" in lines
    assert database_state() == before


def test_official_2025_file_imported_into_an_empty_catalog():
    path = official_file("national_M2025_dl.xlsx")
    import_oews(path)
    release = Release.objects.get(year=2025)
    assert (release.reference_period, release.source_file) == ("May 2025", path.name)
    # Its notes still say # means $239,200 or more, but it marks nothing with # and publishes
    # far higher wages (surgeons, chief executives): no top code is recorded for May 2025.
    assert (release.top_code_hourly, release.top_code_annual) == (None, None)
    estimate = WageEstimate.objects.national().get(release=release)
    assert estimate.occupation.title == "Medical Records Specialists"
    assert (estimate.employment, estimate.a_median, estimate.h_median) == (
        194720,
        51140,
        Decimal("24.59"),
    )
    assert (estimate.a_pct10, estimate.a_pct90, estimate.employment_rse) == (
        37000,
        81150,
        Decimal("1.1"),
    )
    assert estimate.source == "BLS OEWS national_M2025_dl.xlsx, OCC_CODE 29-2072"


def test_official_2024_file_stores_top_coded_wages_as_the_top_code():
    # Management occupations (11-0000): the 90th percentile is published as #.
    import_oews(official_file("national_M2024_dl.xlsx"), "--occ", "11-0000")
    estimate = WageEstimate.objects.get(occupation__soc_code="11-0000")
    assert estimate.a_pct90 == 239200 and estimate.h_pct90 == Decimal("115.00")
    assert estimate.top_coded == ["h_pct90", "a_pct90"]
    assert estimate.a_median == 122090


def test_reading_the_official_file_counts_every_row():
    workbook = bls.read_oews(official_file("national_M2024_dl.xlsx"))
    assert workbook.rows_read == 1403 and len(workbook.rows) == 1
    assert workbook.reference_period == "May 2024"


# Workbooks written by the tests in the official layout.


def test_a_new_release_is_added_with_its_figures(tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    output = import_oews(path)
    assert "added     release OEWS May 2030" in output
    assert "5 added, 0 changed, 0 unchanged" in output  # occupation, area, industry too
    release = Release.objects.get(year=2030)
    assert not release.is_current
    estimate = WageEstimate.objects.get(release=release)
    assert (estimate.area.code, estimate.industry.naics, estimate.own_code) == (
        "99",
        "000000",
        "1235",
    )
    assert (estimate.employment, estimate.a_median, estimate.h_pct25) == (
        201230,
        52830,
        Decimal("21.50"),
    )
    assert estimate.status == "P-file" and estimate.top_coded == [] and estimate.suppressed == []


def test_codes_are_text_even_when_the_cells_are_numbers(tmp_path):
    rows = [
        # A re-saved file turns "01" into 1 and "62" into 62: the codes must survive.
        oews_row(AREA=1, AREA_TITLE="Alabama", AREA_TYPE=2, NAICS=0, OWN_CODE=1235),
        oews_row(
            NAICS=62, NAICS_TITLE="Health Care and Social Assistance", I_GROUP="sector", OWN_CODE=58
        ),
        oews_row(NAICS="31-33", NAICS_TITLE="Manufacturing", I_GROUP="sector", OWN_CODE="5"),
    ]
    import_oews(write_oews_workbook(tmp_path / "state_M2030_dl.xlsx", rows))
    alabama = Area.objects.get(code="01")
    assert (alabama.title, alabama.kind) == ("Alabama", "state")
    estimates = WageEstimate.objects.filter(release__year=2030)
    assert sorted(estimates.values_list("area__code", "industry__naics", "own_code")) == [
        ("01", "000000", "1235"),
        ("99", "31-33", "5"),
        ("99", "62", "58"),
    ]
    assert Industry.objects.get(naics="31-33").group == "sector"


def test_every_bls_symbol_is_stored_as_bls_meant_it(tmp_path):
    row = oews_row(
        TOT_EMP="**",  # employment not available
        EMP_PRSE="**",
        H_MEAN="*",  # wage not available
        H_PCT10="*",
        A_PCT75="#",  # at or above the top code
        A_PCT90="#",
        H_PCT75="#",
        H_PCT90="#",
        PCT_TOTAL=0.45,
        PCT_RPT="~",  # under 0.5 % of establishments
    )
    import_oews(write_oews_workbook(tmp_path / "natsector_M2030_dl.xlsx", [row]))
    estimate = WageEstimate.objects.get(release__year=2030)
    assert estimate.employment is None and estimate.employment_rse is None
    assert estimate.h_mean is None and estimate.h_pct10 is None
    assert estimate.suppressed == ["employment", "employment_rse", "pct_rpt", "h_mean", "h_pct10"]
    assert (estimate.a_pct75, estimate.a_pct90) == (239200, 239200)
    assert (estimate.h_pct75, estimate.h_pct90) == (Decimal("115.00"), Decimal("115.00"))
    assert estimate.top_coded == ["h_pct75", "h_pct90", "a_pct75", "a_pct90"]
    assert estimate.pct_total == Decimal("0.45") and estimate.pct_rpt is None
    assert estimate.a_median == 52830  # published figures stay as they are


def test_the_top_code_is_the_one_of_that_year(tmp_path):
    # May 2021 files top-code at $100.00 / $208,000, not $115.00 / $239,200.
    path = write_oews_workbook(
        tmp_path / "national_M2021_dl.xlsx",
        [oews_row(A_PCT90="#", H_PCT90="#")],
        period="May 2021",
        top_code_note="#  = indicates a wage equal to or greater than $100.00 per hour or "
        "$208,000 per year",
    )
    import_oews(path)
    estimate = WageEstimate.objects.get(release__year=2021)
    assert (estimate.h_pct90, estimate.a_pct90) == (Decimal("100.00"), 208000)
    assert Release.objects.get(year=2021).top_code_annual == 208000


def test_a_stated_top_code_the_file_does_not_use_is_not_recorded(tmp_path):
    ReleaseFactory(year=2030, top_code_hourly=Decimal("115.00"), top_code_annual=239200)
    rows = [oews_row(), oews_row(OCC_CODE="11-1011", OCC_TITLE="Chief Executives", A_PCT90=507730)]
    output = import_oews(write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", rows))
    assert "it marks no wage with # and publishes annual wages up to $507,730" in output
    assert "top_code_annual 239200 -> —" in output
    release = Release.objects.get(year=2030)
    assert (release.top_code_hourly, release.top_code_annual) == (None, None)


def test_a_stated_top_code_the_file_uses_is_kept_even_beside_higher_means(tmp_path):
    rows = [oews_row(A_PCT90="#"), oews_row(OCC_CODE="11-1011", A_MEAN=262930, A_PCT90="#")]
    import_oews(write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", rows))
    assert Release.objects.get(year=2030).top_code_annual == 239200


def test_a_file_without_notes_uses_the_release_top_code_on_record(tmp_path):
    ReleaseFactory(year=2030, top_code_hourly=Decimal("115.00"), top_code_annual=239200)
    path = write_oews_workbook(
        tmp_path / "natsector_M2030_dl.xlsx", [oews_row(A_PCT90="#")], field_descriptions=False
    )
    import_oews(path)
    assert WageEstimate.objects.get(release__year=2030).a_pct90 == 239200


def test_a_top_coded_wage_without_any_known_top_code_is_refused(tmp_path):
    path = write_oews_workbook(
        tmp_path / "natsector_M2030_dl.xlsx", [oews_row(A_PCT90="#")], field_descriptions=False
    )
    with pytest.raises(CommandError, match=r"A_PCT90 as # .* states no top code"):
        import_oews(path)
    assert not Release.objects.exists()


def test_the_first_worksheet_is_read_whatever_its_name_and_occ_group_is_accepted(tmp_path):
    header = ["OCC_GROUP" if column == "O_GROUP" else column for column in OEWS_HEADER]
    rows = [{**oews_row(), "OCC_GROUP": "detailed"}]
    path = write_oews_workbook(
        tmp_path / "oesm30nat_M2030_dl.xlsx", rows, header=header, sheet_title="All May 2030 data"
    )
    import_oews(path)
    assert WageEstimate.objects.get(release__year=2030).a_median == 52830


def test_the_reference_period_comes_from_the_field_descriptions_sheet(tmp_path):
    path = write_oews_workbook(tmp_path / "wages.xlsx", [oews_row()], sheet_title="Data")
    assert "OEWS May 2030" in import_oews(path, "--dry-run")


def test_the_reference_period_comes_from_the_file_name_without_field_descriptions(tmp_path):
    path = write_oews_workbook(
        tmp_path / "national_M2031_dl.xlsx",
        [oews_row()],
        sheet_title="Data",
        field_descriptions=False,
    )
    assert "OEWS May 2031" in import_oews(path, "--dry-run")


def test_a_file_that_contradicts_its_own_name_is_refused(tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2031_dl.xlsx", [oews_row()], sheet_title="x")
    with pytest.raises(CommandError, match="ambiguous: the Field Descriptions sheet says May 2030"):
        import_oews(path)


def test_a_file_stating_no_period_anywhere_is_refused(tmp_path):
    path = write_oews_workbook(
        tmp_path / "wages.xlsx", [oews_row()], sheet_title="Data", field_descriptions=False
    )
    with pytest.raises(CommandError, match="reference period is stated nowhere"):
        import_oews(path)


def test_rows_bls_publishes_twice_become_one_estimate(tmp_path):
    rows = [oews_row(O_GROUP="broad"), oews_row(O_GROUP="detailed")]
    output = import_oews(write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", rows))
    assert "2 rows read, 1 for 29-2072" in output.splitlines()[0]
    assert WageEstimate.objects.filter(release__year=2030).count() == 1


def test_occ_chooses_another_occupation(tmp_path):
    rows = [
        oews_row(),
        oews_row(OCC_CODE="29-2071", OCC_TITLE="Medical Records Technicians", A_MEDIAN=46000),
    ]
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", rows)
    import_oews(path, "--occ", "29-2071")
    estimate = WageEstimate.objects.get()
    assert estimate.occupation.soc_code == "29-2071" and estimate.a_median == 46000
    assert Occupation.objects.get(soc_code="29-2071").title == "Medical Records Technicians"


def test_several_occupations_are_read_in_one_pass(tmp_path):
    rows = [
        oews_row(),
        oews_row(OCC_CODE="11-9111", OCC_TITLE="Medical and Health Services Managers", A_MEDIAN=1),
        oews_row(OCC_CODE="13-1041", OCC_TITLE="Compliance Officers", A_MEDIAN=60730),
    ]
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", rows)
    output = import_oews(path, "--occ", "29-2072, 13-1041")
    assert "3 rows read, 2 for 2 occupations (29-2072, 13-1041)." in output.splitlines()[0]
    stored = WageEstimate.objects.filter(release__year=2030)
    assert sorted(stored.values_list("occupation__soc_code", "a_median")) == [
        ("13-1041", 60730),
        ("29-2072", 52830),
    ]
    assert Release.objects.filter(year=2030).count() == 1
    assert stored.get(occupation__soc_code="13-1041").source == (
        "BLS OEWS national_M2030_dl.xlsx, OCC_CODE 13-1041"
    )


def test_occ_all_reads_every_occupation_of_the_file(tmp_path):
    rows = [oews_row(), oews_row(OCC_CODE="00-0000", OCC_TITLE="All Occupations", O_GROUP="total")]
    import_oews(write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", rows), "--occ", "all")
    assert set(Occupation.objects.values_list("soc_code", "title")) == {
        ("29-2072", "Medical Records Specialists"),
        ("00-0000", "All Occupations"),
    }


def test_an_occupation_missing_from_the_file_is_named_and_nothing_is_saved(tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    with pytest.raises(CommandError, match="has no row for occupation 15-1211 "):
        import_oews(path, "--occ", "29-2072,15-1211")
    assert not WageEstimate.objects.exists()


def test_a_bad_occ_value_is_a_clear_error(tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    with pytest.raises(CommandError, match="2072 is not a SOC code such as 29-2072"):
        import_oews(path, "--occ", "29-2072,2072")


# Dry run, second run, current release.


def test_a_dry_run_shows_old_and_new_values_and_changes_nothing(tmp_path, catalog):
    row = oews_row(TOT_EMP=194720, A_MEDIAN=51990, A_MEAN=56790)
    path = write_oews_workbook(
        tmp_path / "national_M2025_dl.xlsx", [row], period="May 2025", top_code_note=None
    )
    before = database_state()
    output = import_oews(path, "--dry-run")
    assert "changed   estimate 29-2072 · U.S. · Cross-industry · OEWS May 2025" in output
    assert "a_median 51140 -> 51990" in output
    assert "employment 194720" not in output  # unchanged figures are not listed as changes
    assert output.rstrip().endswith("Dry run: nothing was changed.")
    assert database_state() == before


def test_a_real_run_changes_the_figures_and_a_second_run_changes_nothing(tmp_path, catalog):
    row = oews_row(TOT_EMP=194720, A_MEDIAN=51990)
    path = write_oews_workbook(
        tmp_path / "national_M2025_dl.xlsx", [row], period="May 2025", top_code_note=None
    )
    import_oews(path)
    estimate = WageEstimate.objects.national().get(
        release__year=2025, occupation__soc_code="29-2072"
    )
    assert estimate.a_median == 51990
    assert estimate.source == "BLS OEWS national_M2025_dl.xlsx, OCC_CODE 29-2072"
    planned = planner_catalog.current()
    assert planned.stage_wages().annual[50] == 51990  # the planner sees it at once
    after_first = database_state()
    output = import_oews(path)
    assert "0 added, 0 changed, 2 unchanged" in output and "Nothing to save." in output
    assert database_state() == after_first


def test_make_current_switches_the_release_the_planner_uses(tmp_path, catalog):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    assert planner_catalog.current().stage_wages().reference_period == "May 2025"
    output = import_oews(path, "--make-current")
    assert "Saved; OEWS May 2030 is now current." in output
    assert list(Release.objects.filter(is_current=True).values_list("year", flat=True)) == [2030]
    wages = planner_catalog.current().stage_wages()
    assert (wages.reference_period, wages.annual[50]) == ("May 2030", 52830)


def test_rows_the_file_does_not_mention_are_left_alone(tmp_path):
    kept = WageEstimateFactory(release=ReleaseFactory(year=2030), area__code="01")
    import_oews(write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()]))
    assert WageEstimate.objects.filter(pk=kept.pk).exists()
    assert WageEstimate.objects.count() == 2


# Files that must not be imported: one line, non-zero exit, the database as it was.


def not_a_workbook(tmp_path):
    path = tmp_path / "national_M2030_dl.xlsx"
    path.write_text("AREA,OCC_CODE\n99,29-2072\n")
    return path


def damaged_workbook(tmp_path):
    good = write_oews_workbook(tmp_path / "good.xlsx", [oews_row()] * 50)
    path = tmp_path / "national_M2030_dl.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def corrupt_sheet(tmp_path):
    # A sound zip whose worksheet XML is cut short: damage openpyxl finds only while reading.
    good = write_oews_workbook(tmp_path / "good.xlsx", [oews_row()])
    path = tmp_path / "national_M2030_dl.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(entry, data)
    return path


def some_other_workbook(tmp_path):
    path = tmp_path / "national_M2030_dl.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Salary"])
    workbook.active.append(["Someone", 50000])
    workbook.save(path)
    return path


def without_the_occupation(tmp_path):
    row = oews_row(OCC_CODE="29-2071", OCC_TITLE="Another occupation")
    return write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [row])


def without_a_wage_column(tmp_path):
    header = [column for column in OEWS_HEADER if column != "A_MEDIAN"]
    return write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()], header=header)


def with_a_word_for_a_wage(tmp_path):
    row = oews_row(A_MEDIAN="n/a")
    return write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [row])


def with_percentiles_out_of_order(tmp_path):
    row = oews_row(A_PCT25=60000)
    return write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [row])


def out_of_order_once_top_coded(tmp_path):
    # A_PCT75 is above the top code, A_PCT90 is # (the top code): fails only once stored.
    rows = [oews_row(), oews_row(AREA="01", AREA_TITLE="Alabama", AREA_TYPE="2", A_PCT75=250000,
                                 A_PCT90="#")]  # fmt: skip
    return write_oews_workbook(tmp_path / "state_M2030_dl.xlsx", rows)


def with_ownership_breakdowns(tmp_path):
    rows = [oews_row(NAICS="62", OWN_CODE="5"), oews_row(NAICS="62", OWN_CODE="3", A_MEDIAN=50000)]
    return write_oews_workbook(tmp_path / "nat3d_owner_M2030_dl.xlsx", rows)


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (not_a_workbook, "could not be read as an .xlsx workbook"),
        (damaged_workbook, "could not be read as an .xlsx workbook"),
        (corrupt_sheet, "is damaged"),
        (some_other_workbook, "is not an OEWS workbook: no OCC_CODE heading"),
        (without_the_occupation, r"has no row for occupation 29-2072 \(1 rows read\)\.$"),
        (without_a_wage_column, "is not an OEWS workbook: its first sheet has no A_MEDIAN"),
        (with_a_word_for_a_wage, "row 2: A_MEDIAN is 'n/a', neither a number nor a BLS symbol"),
        (with_percentiles_out_of_order, "row 2: A_PCT25 60000 is above A_MEDIAN 52830"),
        (out_of_order_once_top_coded, "Alabama .* Percentiles must be in order"),
        (with_ownership_breakdowns, "different rows for 29-2072 in area 99, industry 62"),
    ],
)
def test_a_bad_file_stops_with_one_line_and_leaves_the_database_untouched(
    tmp_path, catalog, make_file, message
):
    path = make_file(tmp_path)
    before = database_state()
    with pytest.raises(CommandError, match=message) as raised:
        import_oews(path)
    assert "\n" not in str(raised.value)
    assert database_state() == before


def test_the_command_exits_non_zero_with_one_line_on_stderr(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SQLITE_PATH"] = str(tmp_path / "unused.sqlite3")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_oews", str(not_a_workbook(tmp_path))],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "national_M2030_dl.xlsx could not be read as an .xlsx workbook" in result.stderr


def test_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        import_oews(tmp_path / "nowhere.xlsx")


def test_a_huge_unpacked_size_is_refused_before_reading(tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    with pytest.raises(bls.BLSFileError, match=r"unpacks to .* more than the 1,000 allowed"):
        bls.read_oews(path, limits=bls.ReadLimits(uncompressed_bytes=1000))
