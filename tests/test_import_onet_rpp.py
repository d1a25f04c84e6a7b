"""`import_onet` (O*NET database files) and `import_rpp` (BEA state price parities), and Table
1.12's factor in `import_projections`: run on the official files in ../shared/reference and on
files of the wrong shape."""

import csv
import os
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from salaries.models import (
    OnetProfile,
    OnetTask,
    PriceParity,
    Projection,
)

from .conftest import SHARED_REFERENCE
from .test_import_oews import database_state, official_file

pytestmark = pytest.mark.django_db

ONET = SHARED_REFERENCE / "onet"
RPP = SHARED_REFERENCE / "bea" / "SARPP_STATE_2008_2023.csv"
CATALOG_OCCUPATIONS = ["11-9111", "13-1041", "15-1211", "29-2072", "29-9021", "43-3021"]


def reference(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI: the import of the official files cannot run")
        pytest.skip(f"{path} not present: importing the official files needs ../shared/reference")
    return path


def run(command, *args) -> str:
    out = StringIO()
    call_command(command, *map(str, args), stdout=out)
    return out.getvalue()


def onet_rows(name: str) -> list[list[str]]:
    with (reference(ONET) / name).open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


def rows_of(name: str, code: str) -> list[list[str]]:
    return [row for row in onet_rows(name)[1:] if row[0] == f"{code}.00"]


def copy_onet(tmp_path: Path) -> Path:
    folder = tmp_path / "onet"
    shutil.copytree(reference(ONET), folder)
    return folder


# O*NET


def test_the_shared_onet_files_match_the_shipped_catalog(catalog):
    before = database_state()
    output = run("import_onet", reference(ONET), "--dry-run")
    assert output.splitlines()[0] == (
        "onet: O*NET 29.3 (May 2025), 6 files, 7 occupations read, profiles of "
        + ", ".join(f"{code}.00" for code in CATALOG_OCCUPATIONS)
        + "."
    )
    assert output.splitlines()[-2].startswith("0 added, 0 changed, ")
    assert "Dry run: nothing was changed." in output
    assert database_state() == before


def test_the_shipped_profiles_hold_every_row_of_the_files(catalog):
    """Counted from the files themselves: each catalog occupation's tasks, technology and titles."""
    for code in CATALOG_OCCUPATIONS:
        profile = OnetProfile.objects.get(occupation__soc_code=code)
        assert profile.release == "29.3" and profile.release_date == "May 2025"
        tasks = rows_of("Task Statements.txt", code)
        assert sorted(profile.tasks.values_list("task_id", flat=True)) == sorted(
            int(row[2]) for row in tasks
        )
        assert profile.tasks.filter(core=True).count() == sum(row[4] == "Core" for row in tasks)
        technology = rows_of("Technology Skills.txt", code)
        assert profile.technology.count() == len({(row[2], row[3]) for row in technology})
        assert profile.technology.filter(hot=True).count() == len(
            {(row[2], row[3]) for row in technology if row[5] == "Y"}
        )
        reported = rows_of("Sample of Reported Titles.txt", code)
        assert list(
            profile.titles.filter(kind="reported").order_by("order").values_list("title", flat=True)
        ) == [row[2] for row in reported]
    # 29-2072 has no task types in 29.3: none is called core (DATA_SOURCES section 9).
    coders = OnetProfile.objects.get(occupation__soc_code="29-2072")
    assert coders.tasks.count() == 17 and not coders.tasks.filter(core=True).exists()
    assert coders.technology.filter(example="Epic Systems", hot=True).exists()


def test_an_import_into_an_empty_profile_table_then_again_changes_nothing(catalog):
    OnetProfile.objects.all().delete()
    output = run("import_onet", reference(ONET))
    assert "Saved." in output
    assert OnetProfile.objects.count() == 6
    profile = OnetProfile.objects.get(occupation__soc_code="29-2072")
    assert profile.history.count() == 1  # the audit trail has the import
    assert "import_onet onet, run by" in profile.history.first().history_change_reason
    before = database_state()
    again = run("import_onet", reference(ONET))
    assert "Nothing to save." in again
    assert database_state() == before


def test_rows_a_new_release_no_longer_lists_are_removed(catalog):
    profile = OnetProfile.objects.get(occupation__soc_code="29-2072")
    OnetTask.objects.create(profile=profile, task_id=999999, statement="An old task.", core=None)
    output = run("import_onet", reference(ONET))
    assert "removed   O*NET task 29-2072.00 999999" in output
    assert ", 1 removed" in output
    assert not OnetTask.objects.filter(task_id=999999).exists()


def test_a_changed_task_is_shown_old_and_new_and_recorded(catalog):
    task = OnetTask.objects.filter(profile__occupation__soc_code="29-2072").first()
    statement = task.statement
    OnetTask.objects.filter(pk=task.pk).update(statement="Edited by staff.")
    output = run("import_onet", reference(ONET))
    assert f"statement Edited by staff. -> {statement}" in output
    task.refresh_from_db()
    assert task.statement == statement


def test_the_same_files_as_xlsx_read_the_same(catalog, tmp_path):
    folder = copy_onet(tmp_path)
    for name in ("Task Statements", "Technology Skills"):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in onet_rows(f"{name}.txt"):
            sheet.append(row)
        workbook.save(folder / f"{name}.xlsx")
        (folder / f"{name}.txt").unlink()
    output = run("import_onet", folder, "--dry-run")
    assert output.splitlines()[-2].startswith("0 added, 0 changed, ")


def test_a_folder_without_a_read_me_needs_the_release(catalog, tmp_path):
    folder = copy_onet(tmp_path)
    (folder / "Read Me.txt").unlink()
    with pytest.raises(CommandError, match=r"no Read Me\.txt naming the O\*NET release"):
        run("import_onet", folder, "--dry-run")
    assert "0 added" in run("import_onet", folder, "--dry-run", "--release", "29.3")
    with pytest.raises(CommandError, match=r"names O\*NET 29\.3, not the 30\.0 asked for"):
        run("import_onet", copy_onet(tmp_path / "b"), "--release", "30.0")


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda f: (f / "Task Statements.txt").unlink(), "has no 'Task Statements.txt'"),
        (
            lambda f: (f / "Technology Skills.txt").write_text("Code\tName\n1\t2\n"),
            "Technology Skills.txt is not O\\*NET's Technology Skills file: it has no O\\*NET-SOC",
        ),
        (
            lambda f: (f / "Occupation Data.txt").write_text(
                "O*NET-SOC Code\tTitle\tDescription\n11-1011.00\tChief Executives\tx\n"
            ),
            "Occupation Data has no 11-9111.00",
        ),
        (
            lambda f: (f / "Alternate Titles.txt").write_bytes(b"\xff\xfe\x00bad"),
            "is not UTF-8 text",
        ),
    ],
)
def test_files_of_the_wrong_shape_are_refused_in_one_line_and_change_nothing(
    catalog, tmp_path, damage, message
):
    folder = copy_onet(tmp_path)
    damage(folder)
    before = database_state()
    with pytest.raises(CommandError, match=message) as error:
        run("import_onet", folder)
    assert "\n" not in str(error.value)
    assert database_state() == before


def test_onet_needs_the_catalog_to_know_its_occupations(tmp_path):
    with pytest.raises(CommandError, match="load the catalog first"):
        run("import_onet", reference(ONET))
    with pytest.raises(CommandError, match="does not exist"):
        run("import_onet", tmp_path / "nowhere")


# BEA price parities


def test_the_shared_parities_match_the_shipped_catalog(catalog):
    before = database_state()
    output = run("import_rpp", reference(RPP), "--dry-run")
    assert output.splitlines()[0] == (
        "SARPP_STATE_2008_2023.csv: BEA regional price parities, last updated February 20, "
        "2025, 520 rows read, all items for 51 states in 2023."
    )
    assert "0 added, 0 changed, 51 unchanged" in output
    assert database_state() == before


def test_california_2023_is_the_files_figure(catalog):
    with reference(RPP).open(encoding="utf-8") as file:
        row = next(
            r for r in csv.reader(file) if r and r[0].strip().strip('"') == "06000" and r[4] == "5"
        )
    parity = PriceParity.objects.get(area__code="06", year=2023)
    assert parity.all_items == Decimal(row[-1]).quantize(Decimal("0.001"))
    assert parity.all_items == Decimal("112.581")  # DATA_SOURCES section 10: 112.58
    assert "SARPP_STATE_2008_2023.csv" in parity.source and "2023" in parity.source


def test_another_year_is_added_on_request_and_recorded(catalog):
    output = run("import_rpp", reference(RPP), "--year", "2022")
    assert "51 added, 0 changed, 0 unchanged" in output
    california = PriceParity.objects.get(area__code="06", year=2022)
    assert california.history.count() == 1
    with pytest.raises(CommandError, match="has no 2031 column"):
        run("import_rpp", reference(RPP), "--year", "2031")


@pytest.mark.parametrize(
    "text, message",
    [
        ("State,Year,Value\nCalifornia,2023,112\n", "not BEA's SARPP table: it has no GeoFIPS"),
        (
            "GeoFIPS,GeoName,Region,TableName,LineCode,IndustryClassification,Description,Unit,2023\n"
            '"06000","California",8,SARPP,5,"...","RPPs: All items","Index",abc\n',
            "2023 for California is 'abc', not a number",
        ),
        (
            "GeoFIPS,GeoName,Region,TableName,LineCode,IndustryClassification,Description,Unit,2023\n"
            '"06000","California",8,SARPP,5,"...","RPPs: Housing","Index",150\n',
            "line code 5 should be 'RPPs: All items'",
        ),
    ],
)
def test_a_csv_of_the_wrong_shape_is_refused_and_changes_nothing(tmp_path, text, message):
    path = tmp_path / "SARPP.csv"
    path.write_text(text)
    before = database_state()
    with pytest.raises(CommandError, match=message):
        run("import_rpp", path)
    assert database_state() == before
    with pytest.raises(CommandError, match=r"is not a \.csv file"):
        run("import_rpp", official_file("occupation.xlsx"))


# Table 1.12


def test_projections_keep_the_factor_bls_names(catalog):
    output = run(
        "import_projections",
        official_file("occupation.xlsx"),
        "--occ",
        "29-2072,13-1041",
        "--dry-run",
    )
    assert "0 added, 0 changed, 2 unchanged" in output
    coders = Projection.objects.get(occupation__soc_code="29-2072", is_current=True)
    assert "artificial intelligence (AI)-based tools" in coders.factor
    assert coders.entry_education == "Postsecondary nondegree award"
    # BLS names no factor for compliance officers (DATA_SOURCES section 11): left blank.
    assert Projection.objects.get(occupation__soc_code="13-1041", is_current=True).factor == ""
