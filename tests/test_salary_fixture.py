"""fixtures/salaries.json against the official BLS workbooks in ../shared/reference/bls.

Every figure stored with status "Official file" is compared with the workbook it came from,
read here with openpyxl alone (not with the importer under test), for every occupation a role
or stage is priced on and for every release. The build command must give the shipped file
again. A missing ../shared is a skip with the reason on a developer's machine, a failure in CI.
"""

import json
import os
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command

from .conftest import SHARED_REFERENCE

BLS = SHARED_REFERENCE / "bls"
FIXTURES = Path(settings.FIXTURE_DIRS[0])
ALL_OCCUPATIONS = "00-0000"
COLUMNS = {  # file column -> fixture field
    "TOT_EMP": "employment",
    "EMP_PRSE": "employment_rse",
    "PCT_TOTAL": "pct_total",
    "PCT_RPT": "pct_rpt",
    "H_MEAN": "h_mean",
    "A_MEAN": "a_mean",
    "MEAN_PRSE": "mean_rse",
    "H_PCT10": "h_pct10",
    "H_PCT25": "h_pct25",
    "H_MEDIAN": "h_median",
    "H_PCT75": "h_pct75",
    "H_PCT90": "h_pct90",
    "A_PCT10": "a_pct10",
    "A_PCT25": "a_pct25",
    "A_MEDIAN": "a_median",
    "A_PCT75": "a_pct75",
    "A_PCT90": "a_pct90",
}


def bls_file(name: str) -> Path:
    path = BLS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI: the fixture cannot be checked against it")
        pytest.skip(f"{path} not present: checking the fixture needs ../shared/reference/bls")
    return path


def records(name: str) -> list[dict]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def priced_occupations() -> list[str]:
    """The SOC codes the shipped roles and stages are priced on."""
    return sorted(
        {
            r["fields"]["wage_occupation"][0]
            for r in records("stages.json")
            if r["model"] in ("stages.role", "stages.careerstage")
            and r["fields"].get("wage_occupation")
        }
    )


def stage_occupations() -> list[str]:
    return sorted(
        {
            r["fields"]["wage_occupation"][0]
            for r in records("stages.json")
            if r["model"] == "stages.careerstage" and r["fields"].get("wage_occupation")
        }
    )


def official_estimates() -> list[dict]:
    return [
        r["fields"]
        for r in records("salaries.json")
        if r["model"] == "salaries.wageestimate" and r["fields"]["status"] == "P-file"
    ]


@cache
def workbook(name: str) -> dict:
    """Every U.S. row of a workbook's first sheet by (OCC_CODE, NAICS), as text or number."""
    sheet = openpyxl.load_workbook(BLS / name, read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip().upper() for h in next(rows)]
    found = {}
    for row in rows:
        record = dict(zip(header, row, strict=False))
        if str(record.get("AREA")) != "99":
            continue
        naics = str(record["NAICS"])
        found.setdefault((record["OCC_CODE"], naics), record)
    return found


@cache
def top_code(name: str) -> tuple[int, Decimal] | None:
    """The top code the workbook's own notes state ("# = ... $115.00 per hour or $239,200")."""
    book = openpyxl.load_workbook(BLS / name, read_only=True, data_only=True)
    notes = [s for s in book.worksheets if s.title.strip().lower() == "field descriptions"]
    for (line,) in notes[0].iter_rows(max_col=1, values_only=True) if notes else ():
        if line and str(line).strip().startswith("#"):
            words = str(line).replace(",", "").split("$")
            return int(words[2].split()[0]), Decimal(words[1].split()[0])
    return None


def as_stored(value, column: str, row_top_code):
    """What the fixture must hold for one cell: symbols blank (or the top code for #)."""
    if isinstance(value, str) and value.strip() in ("*", "**", "~"):
        return None
    if isinstance(value, str) and value.strip() == "#":
        annual, hourly = row_top_code
        return annual if column.startswith("A_") else hourly
    if value is None or value == "":
        return None
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def source_file(fields: dict) -> str:
    year = fields["release"][1]
    kind = "national" if fields["industry"] == ["000000"] else "natsector"
    return f"{kind}_M{year}_dl.xlsx"


def the_row(fields: dict) -> dict:
    name = source_file(fields)
    bls_file(name)
    naics = fields["industry"][0]
    row = workbook(name).get((fields["occupation"][0], naics))
    assert row is not None, f"{name} has no row for {fields['occupation'][0]} in {naics}"
    return row


@pytest.mark.parametrize("soc_code", [*priced_occupations(), ALL_OCCUPATIONS])
def test_every_figure_of_the_occupation_equals_the_workbooks(soc_code):
    estimates = [f for f in official_estimates() if f["occupation"] == [soc_code]]
    nationals = sorted(p.name for p in BLS.glob("national_M*_dl.xlsx")) or [
        bls_file("national_M2025_dl.xlsx").name
    ]
    # Complete: every release's national file gives the occupation, and the fixture has it.
    held = {source_file(f) for f in estimates}
    assert set(nationals) <= held, f"{soc_code}: missing {sorted(set(nationals) - held)}"
    for fields in estimates:
        row = the_row(fields)
        year = fields["release"][1]
        codes = top_code(f"national_M{year}_dl.xlsx")
        for column, field in COLUMNS.items():
            expected = as_stored(row[column], column, codes)
            stored = fields[field]
            where = f"{soc_code} {fields['industry'][0]} May {year} {column}"
            assert (None if stored is None else Decimal(str(stored))) == expected, where
        suppressed = {COLUMNS[c] for c in COLUMNS if str(row[c]).strip() in ("*", "**", "~")}
        assert set(fields["suppressed"]) == suppressed, f"{soc_code} May {year}"
        assert fields["top_coded"] == [COLUMNS[c] for c in COLUMNS if str(row[c]).strip() == "#"], (
            f"{soc_code} May {year}"
        )


@pytest.mark.parametrize("soc_code", stage_occupations())
def test_every_sector_of_every_sector_file_is_held(soc_code):
    files = sorted(p.name for p in BLS.glob("natsector_M*_dl.xlsx")) or [
        bls_file("natsector_M2024_dl.xlsx").name
    ]
    held = [f for f in official_estimates() if f["occupation"] == [soc_code]]
    for name in files:
        year = int(name.split("_M")[1][:4])
        in_file = {code for (occ, code) in workbook(name) if occ == soc_code}
        in_fixture = {
            f["industry"][0]
            for f in held
            if f["release"][1] == year and f["industry"] != ["000000"]
        }
        assert in_fixture == in_file, name


def test_the_releases_top_codes_are_the_ones_their_files_use():
    releases = {
        r["fields"]["year"]: r["fields"]
        for r in records("salaries.json")
        if r["model"] == "salaries.release"
    }
    for year, release in releases.items():
        name = f"national_M{year}_dl.xlsx"
        bls_file(name)
        stated = top_code(name)
        rows = workbook(name).values()
        annual = ("A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")
        marks = any(str(r[c]).strip() == "#" for r in rows for c in annual)
        highest = max(r[c] for r in rows for c in annual if isinstance(r[c], int | float))
        if stated and (marks or highest <= stated[0]):
            assert (release["top_code_annual"], Decimal(release["top_code_hourly"])) == stated
        else:
            # May 2025: its notes keep "# = $239,200 or more" but it marks nothing with # and
            # publishes wages far above that, so no top code is recorded.
            assert (release["top_code_annual"], release["top_code_hourly"]) == (None, None)
    assert releases[2025]["top_code_annual"] is None
    assert releases[2021]["top_code_annual"] == 208000


def test_the_projections_equal_table_1_2():
    path = bls_file("occupation.xlsx")
    sheet = openpyxl.load_workbook(path, read_only=True, data_only=True)["Table 1.2"]
    rows = {str(r[1]): r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1]}
    projections = [
        r["fields"] for r in records("salaries.json") if r["model"] == "salaries.projection"
    ]
    assert {p["occupation"][0] for p in projections} == set(priced_occupations())
    for projection in projections:
        row = rows[projection["occupation"][0]]
        employment_base, employment_target, change, percent, openings = (
            row[3],
            row[4],
            row[7],
            row[8],
            row[10],
        )
        assert Decimal(projection["employment_base"]) == Decimal(repr(employment_base))
        assert Decimal(projection["employment_target"]) == Decimal(repr(employment_target))
        assert Decimal(projection["change_numeric"]) == Decimal(repr(change))
        assert Decimal(projection["change_percent"]) == Decimal(repr(percent))
        assert Decimal(projection["annual_openings"]) == Decimal(repr(openings))
        assert projection["median_wage"] == row[11]


@pytest.mark.django_db
def test_the_build_command_gives_the_shipped_fixture_again(capsys):
    folder = bls_file("national_M2025_dl.xlsx").parent
    rpp = SHARED_REFERENCE / "bea" / "SARPP_STATE_2008_2023.csv"
    onet = SHARED_REFERENCE / "onet"
    call_command(
        "build_salary_fixture", str(folder), "--onet", str(onet), "--rpp", str(rpp), "--check"
    )
    assert "is what the BLS files give" in capsys.readouterr().out


# End to end: what a coder sees, against the workbook (never a typed figure).


def official(soc_code: str, column: str, year: int = 2025):
    return workbook(bls_file(f"national_M{year}_dl.xlsx").name)[(soc_code, "000000")][column]


@pytest.mark.django_db
def test_the_director_of_him_is_priced_on_medical_and_health_services_managers(client, catalog):
    low, median = official("11-9111", "A_PCT25"), official("11-9111", "A_MEDIAN")
    band = f"${low:,} – ${median:,}"
    page = client.get("/roles/him-director/").content.decode()
    assert band in page and "Medical and Health Services Managers (SOC 11-9111)" in page
    query = "role=coding-manager&years=9&cert=cpc&cert=rhia&education=bachelor"
    html = client.get(f"/plan/?{query}").content.decode()
    plan = " ".join(re.sub(r"<[^>]+>", " ", html).split())  # what a reader sees
    assert f"Pay band: {band} a year" in plan
    # The next tier's Sources, drawn when opened.
    sources = client.get(
        f"/plan/details/?{query}&part=next-sources", headers={"HX-Request": "true"}
    )
    said = " ".join(re.sub(r"<[^>]+>", " ", sources.content.decode()).split())
    assert "medical and health services managers (SOC 11-9111), BLS OEWS May 2025" in said
    yours = "Medical Records Specialists (SOC 29-2072)"
    assert f"The change compares two occupations: yours is {yours}" in plan
    api = client.get("/api/plan/?role=him-director&years=9").json()["position"]["salary_band"]
    assert (api["low"], api["high"], api["occupation"]) == (
        low,
        median,
        {"soc_code": "11-9111", "title": "Medical and Health Services Managers"},
    )


@pytest.mark.django_db
def test_may_2021_shows_its_hourly_percentiles(client, catalog):
    html = client.get("/salaries/?release=2021").content.decode()
    for column in ("H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "H_MEAN"):
        assert f"${official('29-2072', column, 2021):.2f}" in html, column
    everyone = official(ALL_OCCUPATIONS, "A_MEDIAN", 2021)
    assert f"the median of all occupations in May 2021 was ${everyone:,} a year" in html
