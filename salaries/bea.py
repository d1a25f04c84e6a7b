"""Reading BEA's regional price parities by state (table SARPP, the CSV BEA publishes).

A pure function from the file to pydantic rows; no database here. The layout: one header row
(GeoFIPS, GeoName, Region, TableName, LineCode, IndustryClassification, Description, Unit, then
one column per year), one row per state and line, and a few lines of notes at the end. Line 5 is
"RPPs: All items" (United States = 100); the other lines are not read.
"""

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .bls import BLSFileError

ALL_ITEMS_LINE = "5"
REQUIRED = ("GeoFIPS", "GeoName", "LineCode", "Description")
# The whole SARPP file is about 100 KB; anything far larger is not it.
MAX_BYTES = 5 * 1024 * 1024
UPDATED = re.compile(r"Last updated:\s*([A-Z][a-z]+ \d{1,2}, \d{4})")


class BEAFileError(BLSFileError):
    """A BEA file that cannot be imported; the message says which file and why, in one line."""


class ParityRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    state_fips: str = Field(pattern=r"^\d\d$", description="The state's FIPS code: 06.")
    state: str
    year: int
    all_items: Decimal = Field(gt=0, max_digits=6, decimal_places=3)


class ParityFile(BaseModel):
    model_config = ConfigDict(frozen=True)

    source_file: str
    updated: str = Field(description="BEA's 'Last updated' date, as written; blank if absent.")
    years: tuple[int, ...]
    rows: tuple[ParityRow, ...]
    rows_read: int


def read_rpp(source: str | Path | IO[bytes], *, file_name: str | None = None) -> ParityFile:
    """Every state's all-items price parity for every year of the file."""
    name = file_name or Path(getattr(source, "name", str(source))).name
    if not name.lower().endswith(".csv"):
        raise BEAFileError(f"{name} is not a .csv file (BEA publishes SARPP as .csv).")
    raw = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    if len(raw) > MAX_BYTES:
        raise BEAFileError(f"{name} is larger than {MAX_BYTES:,} bytes: not BEA's SARPP table.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise BEAFileError(f"{name} is empty.")
    header = [cell.strip() for cell in lines[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise BEAFileError(
            f"{name} is not BEA's SARPP table: it has no {', '.join(missing)} column."
        )
    year_columns = {i: int(h) for i, h in enumerate(header) if re.fullmatch(r"\d{4}", h)}
    if not year_columns:
        raise BEAFileError(f"{name} is not BEA's SARPP table: no column is headed by a year.")
    at = {column: header.index(column) for column in REQUIRED}
    rows, rows_read = [], 0
    for number, cells in enumerate(lines[1:], start=2):
        if len(cells) < len(header):
            continue  # the notes at the end
        rows_read += 1
        fips = cells[at["GeoFIPS"]].strip().strip('"').strip()
        if cells[at["LineCode"]].strip() != ALL_ITEMS_LINE or not re.fullmatch(r"\d\d000", fips):
            continue
        if fips == "00000":
            continue  # the United States: 100 by definition
        if "all items" not in cells[at["Description"]].lower():
            raise BEAFileError(
                f"{name} line {number}: line code {ALL_ITEMS_LINE} should be 'RPPs: All items', "
                f"not {cells[at['Description']].strip()!r}."
            )
        for index, year in year_columns.items():
            value = cells[index].strip()
            if value in ("", "(NA)", "(D)", "..."):
                continue
            try:
                parity = Decimal(value)
            except InvalidOperation:
                raise BEAFileError(
                    f"{name} line {number}: {year} for {cells[at['GeoName']].strip()} is "
                    f"{value!r}, not a number."
                ) from None
            try:
                row = ParityRow(
                    state_fips=fips[:2],
                    state=cells[at["GeoName"]].strip(),
                    year=year,
                    all_items=parity.quantize(Decimal("0.001")),
                )
            except (ValidationError, InvalidOperation):
                raise BEAFileError(
                    f"{name} line {number}: {year} for {cells[at['GeoName']].strip()} is "
                    f"{value}, not a price parity (a positive index below 1,000)."
                ) from None
            rows.append(row)
    if not rows:
        raise BEAFileError(
            f"{name} has no 'RPPs: All items' row for any state ({rows_read} rows read)."
        )
    updated = UPDATED.search(text)
    return ParityFile(
        source_file=name,
        updated=updated[1] if updated else "",
        years=tuple(sorted(set(year_columns.values()))),
        rows=tuple(rows),
        rows_read=rows_read,
    )
