"""`manage.py import_projections`: Table 1.2 of the BLS Employment Projections workbook."""

from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from salaries.models import Occupation, Projection

from .factories import ProjectionFactory, projection_row, write_projections_workbook
from .test_import_oews import database_state, official_file

pytestmark = pytest.mark.django_db


def import_projections(*args) -> str:
    out = StringIO()
    call_command("import_projections", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_official_workbook_matches_the_shipped_catalog(catalog):
    path = official_file("occupation.xlsx")
    before = database_state()
    output = import_projections(path, "--dry-run")
    assert output.splitlines()[0] == (
        "occupation.xlsx: Employment Projections 2024-34, 1,113 occupations read, Table 1.2 row "
        "for 29-2072 Medical records specialists."
    )
    assert "unchanged projection 29-2072 2024-34" in output
    assert "0 added, 0 changed, 1 unchanged" in output
    assert database_state() == before


def test_the_official_workbook_imported_into_an_empty_catalog():
    import_projections(official_file("occupation.xlsx"))
    projection = Projection.objects.get(occupation__soc_code="29-2072")
    assert (projection.base_year, projection.target_year) == (2024, 2034)
    assert (projection.employment_base, projection.employment_target) == (
        Decimal("194.8"),
        Decimal("208.6"),
    )
    assert (projection.change_percent, projection.annual_openings) == (
        Decimal("7.1"),
        Decimal("14.2"),
    )
    assert projection.median_wage == 50250 and not projection.median_wage_top_coded
    assert projection.entry_education == "Postsecondary nondegree award"
    assert projection.source == (
        "BLS Employment Projections 2024-34, occupation.xlsx Table 1.2 "
        "(National Employment Matrix code 29-2072)"
    )


def test_a_new_vintage_is_found_by_its_headings_whatever_the_years(tmp_path, catalog):
    path = write_projections_workbook(tmp_path / "occupation.xlsx", [projection_row()])
    output = import_projections(path)
    assert "added     projection 29-2072 2030-40" in output
    projection = Projection.objects.get(occupation__soc_code="29-2072", base_year=2030)
    assert projection.target_year == 2040
    assert (projection.employment_base, projection.change_numeric) == (
        Decimal("201.4"),
        Decimal("15.5"),
    )
    assert (projection.self_employed_percent, projection.median_wage) == (Decimal("0.9"), 52830)
    assert not projection.is_current  # the 2024-34 vintage stays current until chosen
    assert Projection.objects.get(base_year=2024, occupation__soc_code="29-2072").is_current


def test_dashes_are_blank_and_a_top_coded_median_keeps_its_bound(tmp_path):
    row = projection_row(
        code="11-1011",
        title="  Chief executives",
        wage=">=$239,200",
        self_employed="—",
        education="—",
    )
    import_projections(
        write_projections_workbook(tmp_path / "occupation.xlsx", [row]), "--occ", "11-1011"
    )
    projection = Projection.objects.get()
    assert projection.occupation.title == "Chief executives"  # indentation dropped
    assert projection.median_wage == 239200 and projection.median_wage_top_coded
    assert projection.self_employed_percent is None and projection.entry_education == ""


def test_a_dry_run_shows_old_and_new_values_and_changes_nothing(tmp_path, catalog):
    row = projection_row(base=194.8, target=208.6, change=13.8, percent=7.1, openings=15.1,
                         self_employed=0.8, wage=50250)  # fmt: skip
    path = write_projections_workbook(tmp_path / "occupation.xlsx", [row], base=2024, target=2034)
    before = database_state()
    output = import_projections(path, "--dry-run")
    assert "changed   projection 29-2072 2024-34: annual_openings 14.2 -> 15.1" in output
    assert "Dry run: nothing was changed." in output
    assert database_state() == before


def test_a_second_run_changes_nothing(tmp_path, catalog):
    path = write_projections_workbook(tmp_path / "occupation.xlsx", [projection_row()])
    import_projections(path)
    after_first = database_state()
    assert "0 added, 0 changed, 1 unchanged" in import_projections(path)
    assert database_state() == after_first


def test_make_current_switches_the_current_vintage(tmp_path, catalog):
    path = write_projections_workbook(tmp_path / "occupation.xlsx", [projection_row()])
    import_projections(path, "--make-current")
    current = Projection.objects.get(is_current=True, occupation__soc_code="29-2072")
    assert current.base_year == 2030


def test_a_new_occupation_is_added_with_its_projection(tmp_path):
    ProjectionFactory(occupation__soc_code="29-2072")
    row = projection_row(code="29-2071", title="    Medical records technicians")
    path = write_projections_workbook(tmp_path / "occupation.xlsx", [row])
    output = import_projections(path, "--occ", "29-2071")
    assert "added     occupation 29-2071 Medical records technicians" in output
    assert Occupation.objects.get(soc_code="29-2071").projections.get().base_year == 2030


def test_several_occupations_become_current_together(tmp_path):
    rows = [projection_row(), projection_row(code="11-9111", title="  Medical and health managers")]
    path = write_projections_workbook(tmp_path / "occupation.xlsx", rows)
    output = import_projections(path, "--occ", "29-2072,11-9111", "--make-current")
    assert "Table 1.2 rows for 2 occupations (29-2072, 11-9111)." in output.splitlines()[0]
    current = Projection.objects.filter(is_current=True)
    assert sorted(current.values_list("occupation__soc_code", "base_year")) == [
        ("11-9111", 2030),
        ("29-2072", 2030),
    ]


def without_the_row(tmp_path):
    return write_projections_workbook(
        tmp_path / "occupation.xlsx", [projection_row(code="29-2071")]
    )


def without_table_1_2(tmp_path):
    path = tmp_path / "occupation.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Table 1.1"
    workbook.save(path)
    return path


def without_an_openings_column(tmp_path):
    path = write_projections_workbook(tmp_path / "occupation.xlsx", [projection_row()])
    workbook = openpyxl.load_workbook(path)
    workbook["Table 1.2"]["K2"] = "Something else"
    workbook.save(path)
    return path


def with_a_dash_for_employment(tmp_path):
    row = projection_row(base="—")
    return write_projections_workbook(tmp_path / "occupation.xlsx", [row])


def not_a_workbook(tmp_path):
    path = tmp_path / "occupation.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    return path


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (without_the_row, r"has no Table 1.2 row for occupation 29-2072 \(2 rows read\)"),
        (without_table_1_2, "is not the Employment Projections workbook: it has no Table 1.2"),
        (without_an_openings_column, "no column headed 'Occupational openings'"),
        (with_a_dash_for_employment, "row 4: EMPLOYMENT_BASE: Decimal input should be"),
        (not_a_workbook, "could not be read as an .xlsx workbook"),
    ],
)
def test_a_bad_file_stops_with_one_line_and_leaves_the_database_untouched(
    tmp_path, catalog, make_file, message
):
    path = make_file(tmp_path)
    before = database_state()
    with pytest.raises(CommandError, match=message) as raised:
        import_projections(path)
    assert "\n" not in str(raised.value)
    assert database_state() == before
