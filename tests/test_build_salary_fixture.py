"""`manage.py build_salary_fixture`: the salary fixture from a folder of BLS workbooks.

Workbooks written by the tests in the official layouts (never copies of BLS files); the shipped
fixture against the real files is tests/test_salary_fixture.py.
"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from salaries.models import Occupation, Release, WageEstimate

from .factories import (
    ReleaseFactory,
    oews_row,
    projection_row,
    write_oews_workbook,
    write_projections_workbook,
)

pytestmark = pytest.mark.django_db

MANAGERS = {"OCC_CODE": "11-9111", "OCC_TITLE": "Medical and Health Services Managers"}
EVERYONE = {"OCC_CODE": "00-0000", "OCC_TITLE": "All Occupations", "O_GROUP": "total"}


@pytest.fixture
def folder(tmp_path):
    """Two national files, a sector file and the projections, as BLS names them."""
    bls = tmp_path / "bls"
    bls.mkdir()
    for year, median in ((2030, 52830), (2031, 54000)):
        rows = [
            oews_row(A_MEDIAN=median),
            oews_row(**MANAGERS, A_MEDIAN=median * 2, A_PCT75=median * 3, A_PCT90=median * 4),
            oews_row(**EVERYONE, A_MEDIAN=50000),
            oews_row(OCC_CODE="13-1041", OCC_TITLE="Compliance Officers"),  # not asked for
        ]
        write_oews_workbook(bls / f"national_M{year}_dl.xlsx", rows, period=f"May {year}")
    sector = oews_row(NAICS="62", NAICS_TITLE="Health Care", I_GROUP="sector", OWN_CODE="58")
    write_oews_workbook(
        bls / "natsector_M2031_dl.xlsx", [sector], period="May 2031", field_descriptions=False
    )
    write_projections_workbook(
        bls / "occupation.xlsx",
        [projection_row(), projection_row(code="11-9111", title="  Medical managers")],
    )
    return bls


@pytest.fixture
def stages(tmp_path):
    """A catalog fixture naming the stages' occupation and a role's."""
    path = tmp_path / "stages.json"
    path.write_text(
        json.dumps(
            [
                {"model": "stages.careerstage", "fields": {"wage_occupation": ["29-2072"]}},
                {"model": "stages.role", "fields": {"wage_occupation": ["11-9111"]}},
                {"model": "stages.role", "fields": {"wage_occupation": None}},
            ]
        )
    )
    return path


def build(folder, stages, output, *options):
    out = StringIO()
    call_command(
        "build_salary_fixture",
        str(folder),
        "--catalog",
        str(stages),
        "--output",
        str(output),
        *options,
        stdout=out,
    )
    return out.getvalue()


def records(path, model):
    return [r["fields"] for r in json.loads(path.read_text()) if r["model"] == model]


def test_the_fixture_holds_every_named_occupation_of_every_file(folder, stages, tmp_path):
    output = tmp_path / "salaries.json"
    printed = build(folder, stages, output)
    assert "national_M2031_dl.xlsx: OEWS May 2031, 4 rows read, 3 for 3 occupations" in printed
    estimates = records(output, "salaries.wageestimate")
    assert sorted((e["release"][1], e["occupation"][0], e["industry"][0]) for e in estimates) == [
        (2030, "00-0000", "000000"),
        (2030, "11-9111", "000000"),
        (2030, "29-2072", "000000"),
        (2031, "00-0000", "000000"),
        (2031, "11-9111", "000000"),
        (2031, "29-2072", "000000"),
        (2031, "29-2072", "62"),  # sectors: the stages' occupation only
    ]
    managers = next(
        e for e in estimates if e["occupation"] == ["11-9111"] and e["release"][1] == 2031
    )
    assert (managers["a_median"], managers["source"]) == (
        108000,
        "BLS OEWS national_M2031_dl.xlsx, OCC_CODE 11-9111",
    )
    releases = records(output, "salaries.release")
    assert [(r["year"], r["is_current"]) for r in releases] == [(2030, False), (2031, True)]
    projections = records(output, "salaries.projection")
    assert sorted(p["occupation"][0] for p in projections) == ["11-9111", "29-2072"]
    assert all(p["is_current"] for p in projections)
    # The database is left as it was: empty.
    assert not (Occupation.objects.exists() or Release.objects.exists())
    assert not WageEstimate.objects.exists()


def test_what_no_file_states_is_kept_and_a_second_build_is_identical(folder, stages, tmp_path):
    output = tmp_path / "salaries.json"
    build(folder, stages, output)
    data = json.loads(output.read_text())
    for record in data:
        fields = record["fields"]
        if record["model"] == "salaries.occupation" and fields["soc_code"] == "11-9111":
            fields["description"] = "Where HIM directors are counted."
        if record["model"] == "salaries.release" and fields["year"] == 2031:
            fields |= {"source_url": "https://www.bls.gov/oes/", "note": "Checked by hand."}
    data += [
        {"model": "salaries.area", "fields": {"code": "01", "title": "Alabama", "kind": "state"}},
        {
            "model": "salaries.wageestimate",
            "fields": {
                "release": ["oews", 2030],
                "occupation": ["29-2072"],
                "area": ["01"],
                "industry": ["000000"],
                "a_mean": 42970,
                "status": "S",
                "source": "a third party's export",
            },
        },
        {  # an official figure typed by hand is not kept: the files decide
            "model": "salaries.wageestimate",
            "fields": {
                "release": ["oews", 2030],
                "occupation": ["29-2072"],
                "area": ["02"],
                "industry": ["000000"],
                "a_mean": 1,
                "status": "P-file",
                "source": "typed",
            },
        },
    ]
    output.write_text(json.dumps(data, indent=2))
    build(folder, stages, output)
    first = output.read_text()
    managers = next(o for o in records(output, "salaries.occupation") if o["soc_code"] == "11-9111")
    assert managers["description"] == "Where HIM directors are counted."
    may_2031 = next(r for r in records(output, "salaries.release") if r["year"] == 2031)
    assert (may_2031["source_url"], may_2031["note"]) == (
        "https://www.bls.gov/oes/",
        "Checked by hand.",
    )
    kept = [e for e in records(output, "salaries.wageestimate") if e["area"] != ["99"]]
    assert [(e["area"], e["a_mean"], e["status"]) for e in kept] == [(["01"], 42970, "S")]
    assert "is what the BLS files give" in build(folder, stages, output, "--check")
    build(folder, stages, output)
    assert output.read_text() == first


def test_check_fails_when_the_fixture_differs(folder, stages, tmp_path):
    output = tmp_path / "salaries.json"
    build(folder, stages, output)
    output.write_text(output.read_text().replace("52830", "52831"))
    with pytest.raises(CommandError, match="is not what the BLS files give"):
        build(folder, stages, output, "--check")
    assert "52831" in output.read_text()  # --check writes nothing


def test_it_refuses_a_database_that_holds_salary_rows(folder, stages, tmp_path):
    ReleaseFactory(year=2029)
    with pytest.raises(CommandError, match="already holds salary rows"):
        build(folder, stages, tmp_path / "salaries.json")
    assert not (tmp_path / "salaries.json").exists()


def test_a_folder_without_national_files_or_a_missing_occupation_is_one_clear_line(
    folder, stages, tmp_path
):
    with pytest.raises(CommandError, match=r"holds no national_M\*_dl\.xlsx workbook"):
        build(tmp_path, stages, tmp_path / "salaries.json")
    stages.write_text(
        json.dumps(
            [
                {"model": "stages.careerstage", "fields": {"wage_occupation": ["29-2072"]}},
                {"model": "stages.role", "fields": {"wage_occupation": ["15-1211"]}},
            ]
        )
    )
    with pytest.raises(CommandError, match="has no row for occupation 15-1211"):
        build(folder, stages, tmp_path / "salaries.json")
    assert not Release.objects.exists()
