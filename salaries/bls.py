"""Reading the official BLS workbooks: OEWS wage files and the Employment Projections workbook.

Pure functions from an .xlsx file (a path or an uploaded file) to pydantic models of its rows;
no database here. `salaries.importer` compares the rows with the catalog and writes them.

The OEWS layout (docs/data-sources.md#file-layouts): the first worksheet holds one header row
and one row per area, industry and occupation. Codes are text ("01", "000000", "31-33"), and four
symbols stand in for numbers:

    *    a wage estimate is not available           -> None, column listed in `suppressed`
    **   an employment estimate is not available    -> None, column listed in `suppressed`
    #    a wage at or above the year's top code     -> None here, listed in `top_coded`; the
                                                       importer stores the top-code value
    ~    under 0.5 % of establishments report it    -> None, column listed in `suppressed`
"""

import re
import time
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import IO, Annotated

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

DEFAULT_OCCUPATION = "29-2072"
ALL_OCCUPATIONS = "00-0000"  # BLS's code for the total of all occupations
# `occupations=EVERY_OCCUPATION`: every occupation the file publishes.
EVERY_OCCUPATION = None
# The National Employment Matrix's code for "Total, all industries" (Table 1.12).
ALL_INDUSTRIES_MATRIX_CODE = "TE1000"

# File column -> WageEstimate field, in the order BLS publishes them.
OEWS_VALUE_COLUMNS = {
    "TOT_EMP": "employment",
    "EMP_PRSE": "employment_rse",
    "JOBS_1000": "jobs_1000",
    "LOC_QUOTIENT": "loc_quotient",
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
HOURLY_FIELDS = ("h_mean", "h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90")
ANNUAL_FIELDS = ("a_mean", "a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90")
ANNUAL_COLUMNS = ("A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")
OEWS_REQUIRED = ("OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "H_MEAN", "A_MEAN")
OEWS_REQUIRED += tuple(column for column in OEWS_VALUE_COLUMNS if column[2:5] in ("PCT", "MED"))
# Other spellings BLS has used for the same column.
OEWS_ALIASES = {"OCC_GROUP": "O_GROUP", "LOC_Q": "LOC_QUOTIENT"}
NOT_AVAILABLE = {"*", "**", "~"}
TOP_CODED = "#"
# OEWS estimates are for May of the year since 2012; a file name carries only the year.
FILE_NAME_YEAR = re.compile(r"_M_?(\d{4})(?:_|\b)", re.IGNORECASE)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ESTIMATES_PERIOD = re.compile(rf"\b({MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)
TOP_CODE_NOTE = re.compile(
    r"#\s*=.*?\$\s*([\d,]+(?:\.\d+)?)\s*per hour or \$\s*([\d,]+)\s*per year", re.IGNORECASE
)
# The header is looked for in the first rows, so a title block above it (older files) is fine.
HEADER_SEARCH_ROWS = 20
# The Field Descriptions sheet holds a title and a few dozen lines of notes.
NOTES_ROWS = 200

# Bounds on the work one file may cause, checked while it streams in. The largest official
# file, all_data_M_YYYY.xlsx, has about 400,000 rows (docs/data-sources.md#file-layouts) and a few
# thousand distinct strings (titles; figures are numbers); a state file about 37,000 rows.
MAX_ROWS = 1_000_000
MAX_SHARED_STRINGS = 1_000_000
# One occupation has about a thousand rows in all_data (U.S., states, metro and nonmetro areas,
# industries); each becomes a row of the preview and of the transaction.
MAX_OCCUPATION_ROWS = 5_000
MAX_UNCOMPRESSED_BYTES = 4 * 1024**3
# How often (in rows) the clock is checked and progress reported.
CHECK_EVERY_ROWS = 1000
SHARED_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"


class BLSFileError(Exception):
    """A file that cannot be imported; the message is one line saying which file and why."""


class LimitExceeded(BLSFileError):
    """A file that would cost more work than a read may take; the message names the limit,
    `limit` the ReadLimits field."""

    def __init__(self, limit: str, message: str):
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class ReadLimits:
    """What one read may cost. Rows, shared strings and time are checked as the file streams in,
    the unpacked size before anything is inflated."""

    rows: int = MAX_ROWS
    shared_strings: int = MAX_SHARED_STRINGS
    occupation_rows: int = MAX_OCCUPATION_ROWS
    uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    seconds: float | None = None  # the admin's: a read must end before the worker's timeout


@dataclass
class Budget:
    """One read's limits and what it has spent; reports progress as rows come in."""

    name: str
    limits: ReadLimits
    progress: Callable[[int], None] | None = None

    def __post_init__(self):
        self.started = time.monotonic()

    def rows(self, rows, first_line: int) -> Iterator[tuple[int, tuple]]:
        """(line, cells) for each row, stopping the read once it passes a limit. Line numbers
        count the empty rows a sheet skips over too: they cost time to yield."""
        for line, cells in enumerate(rows, start=first_line):
            if line > self.limits.rows:
                raise LimitExceeded("rows", self.too_many_rows())
            if line % CHECK_EVERY_ROWS == 0:
                self.check_time(f"{line:,} rows read")
                if self.progress:
                    self.progress(line)
            yield line, cells

    def too_many_rows(self) -> str:
        return (
            f"{self.name} has more than {self.limits.rows:,} rows in a sheet, the most an "
            "import reads (the largest BLS file has about 400,000)."
        )

    def check_time(self, done: str) -> None:
        seconds = self.limits.seconds
        if seconds is not None and time.monotonic() - self.started > seconds:
            raise LimitExceeded(
                "seconds",
                f"{self.name} was still being read after {seconds:g} seconds ({done}), the "
                "longest a read may take here.",
            )


# What openpyxl and zipfile raise on a file that is not a workbook or is damaged (a broken XML
# part is a SyntaxError, a broken deflate stream a zlib.error).
READ_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    SyntaxError,
    zlib.error,
)


Count = Annotated[int, Field(ge=0)]
Amount = Annotated[Decimal, Field(ge=0)]


class OEWSRow(BaseModel):
    """One OEWS row for the chosen occupation, with codes as text and symbols as flags."""

    model_config = ConfigDict(frozen=True)

    line: int = Field(description="Row number in the worksheet, for messages.")
    area: str
    area_title: str
    area_type: str
    naics: str
    naics_title: str
    i_group: str
    own_code: str
    occ_code: str
    occ_title: str
    o_group: str
    employment: Count | None = None
    employment_rse: Amount | None = None
    jobs_1000: Amount | None = None
    loc_quotient: Amount | None = None
    pct_total: Amount | None = None
    pct_rpt: Amount | None = None
    h_mean: Amount | None = None
    a_mean: Count | None = None
    mean_rse: Amount | None = None
    h_pct10: Amount | None = None
    h_pct25: Amount | None = None
    h_median: Amount | None = None
    h_pct75: Amount | None = None
    h_pct90: Amount | None = None
    a_pct10: Count | None = None
    a_pct25: Count | None = None
    a_median: Count | None = None
    a_pct75: Count | None = None
    a_pct90: Count | None = None
    top_coded: tuple[str, ...] = ()
    suppressed: tuple[str, ...] = ()

    @model_validator(mode="after")
    def percentiles_in_order(self):
        for prefix in ("h_", "a_"):
            names = [prefix + n for n in ("pct10", "pct25", "median", "pct75", "pct90")]
            published = [(n, getattr(self, n)) for n in names if getattr(self, n) is not None]
            for (low_name, low), (high_name, high) in pairwise(published):
                if low > high:
                    raise ValueError(
                        f"{low_name.upper()} {low} is above {high_name.upper()} {high}"
                    )
        return self

    def values(self) -> dict:
        """The row's figures by WageEstimate field name."""
        return {field: getattr(self, field) for field in OEWS_VALUE_COLUMNS.values()}


class OEWSWorkbook(BaseModel):
    """What one OEWS file says about the occupations read from it."""

    model_config = ConfigDict(frozen=True)

    source_file: str
    reference_period: str = Field(description="As BLS names it: May 2025.")
    year: int
    top_code_hourly: Decimal | None = Field(None, description="As the file's notes state it.")
    top_code_annual: int | None = None
    top_code_applies: bool | None = Field(
        None,
        description="None: the file states no top code. False: its notes state one, but it marks "
        "no wage with # and publishes wages above it, so the note is not this file's rule.",
    )
    highest_annual: int | None = Field(None, description="The highest annual wage published.")
    occupations: tuple[str, ...]
    rows_read: int = Field(description="Data rows in the first worksheet, every occupation.")
    rows: tuple[OEWSRow, ...]

    @property
    def occupation(self) -> str:
        """The occupation read, or the codes of several, comma-separated."""
        return ", ".join(self.occupations)


class ProjectionRow(BaseModel):
    """Table 1.2 of the Employment Projections workbook for one occupation (thousands)."""

    model_config = ConfigDict(frozen=True)

    source_file: str
    occupation: str
    occupation_title: str
    occupation_type: str
    base_year: int
    target_year: int
    employment_base: Decimal
    employment_target: Decimal
    change_numeric: Decimal
    change_percent: Decimal
    self_employed_percent: Amount | None = None
    annual_openings: Amount
    median_wage: Count | None = None
    median_wage_top_coded: bool = False
    entry_education: str = ""
    work_experience: str = ""
    on_the_job_training: str = ""
    factor: str = ""  # Table 1.12, all industries; blank where BLS names none
    rows_read: int

    @model_validator(mode="after")
    def years_in_order(self):
        if self.target_year <= self.base_year:
            raise ValueError(f"target year {self.target_year} is not after {self.base_year}")
        return self


def read_oews(
    source: str | Path | IO[bytes],
    *,
    occupation: str = DEFAULT_OCCUPATION,
    file_name: str | None = None,
    limits: ReadLimits = ReadLimits(),
    progress: Callable[[int], None] | None = None,
) -> OEWSWorkbook:
    """Read one occupation from an official OEWS workbook (national, state, metro or industry).

    Returns its rows with the reference period and top codes the file states. Raises
    BLSFileError with a one-line message for a file that is not an OEWS workbook, is damaged,
    has no row for the occupation, or passes one of `limits`. `progress` is told the number of
    rows read every CHECK_EVERY_ROWS rows.
    """
    return read_oews_occupations(
        source,
        occupations=[occupation],
        file_name=file_name,
        limits=limits,
        progress=progress,
    )


def read_oews_occupations(
    source: str | Path | IO[bytes],
    *,
    occupations: Collection[str] | None,
    file_name: str | None = None,
    limits: ReadLimits = ReadLimits(),
    progress: Callable[[int], None] | None = None,
) -> OEWSWorkbook:
    """Read several occupations (None: every one) from an OEWS workbook in one pass.

    Every occupation asked for must have a row in the file; the rows come in the order asked.
    """
    name = file_name or Path(getattr(source, "name", str(source))).name
    wanted = None if occupations is EVERY_OCCUPATION else list(dict.fromkeys(occupations))
    budget = Budget(name, limits, progress)
    with open_workbook(source, budget) as workbook:
        sheet = first_worksheet(workbook, name)
        rows = sheet.iter_rows(values_only=True)
        header, header_line = find_header(rows, "OCC_CODE", name, "an OEWS workbook")
        position = oews_columns(header, name)
        found: dict[str, list[OEWSRow]] = {code: [] for code in wanted or ()}
        rows_read, marks_top_codes, highest_annual = 0, False, None
        for line, cells in budget.rows(rows, first_line=header_line + 1):
            code = cell_text(cell(cells, position, "OCC_CODE"))
            if not code:
                continue  # blank rows and footnotes
            rows_read += 1
            # Whether the file uses its top code at all, from every row, not only those read.
            for column in ANNUAL_COLUMNS:
                value = cell(cells, position, column)
                if isinstance(value, str) and value.strip() == TOP_CODED:
                    marks_top_codes = True
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    highest_annual = max(highest_annual or 0, int(value))
            if wanted is None or code in found:
                kept = found.setdefault(code, [])
                kept.append(oews_row(cells, position, line, name))
                if len(kept) > limits.occupation_rows:
                    raise LimitExceeded(
                        "occupation_rows",
                        f"{name} has more than {limits.occupation_rows:,} rows for occupation "
                        f"{code}, the most an import takes (BLS files have about 1,000).",
                    )
        notes = field_description_notes(workbook)
        sheet_title = sheet.title
    missing = [code for code, rows_of in found.items() if not rows_of]
    if missing or not found:
        codes = ", ".join(missing) or "of any kind"
        raise BLSFileError(f"{name} has no row for occupation {codes} ({rows_read} rows read).")
    reference_period, year = oews_reference_period(name, sheet_title, notes)
    top_code_hourly, top_code_annual = oews_top_codes(notes)
    applies = None
    if top_code_annual is not None:
        # The May 2025 file keeps the old note (# = $239,200 or more) but marks nothing with #
        # and publishes wages far above it: the note does not describe that file.
        applies = marks_top_codes or (highest_annual or 0) <= top_code_annual
        if not applies:
            top_code_hourly = top_code_annual = None
    return OEWSWorkbook(
        source_file=name,
        reference_period=reference_period,
        year=year,
        top_code_hourly=top_code_hourly,
        top_code_annual=top_code_annual,
        top_code_applies=applies,
        highest_annual=highest_annual,
        occupations=tuple(found),
        rows_read=rows_read,
        rows=tuple(
            row
            for rows_of in found.values()
            for row in one_row_per_area_and_industry(rows_of, name)
        ),
    )


def read_projections(
    source: str | Path | IO[bytes],
    *,
    occupation: str = DEFAULT_OCCUPATION,
    file_name: str | None = None,
    limits: ReadLimits = ReadLimits(),
    progress: Callable[[int], None] | None = None,
) -> ProjectionRow:
    """Read one occupation from Table 1.2 of the BLS Employment Projections workbook."""
    return read_projections_occupations(
        source,
        occupations=[occupation],
        file_name=file_name,
        limits=limits,
        progress=progress,
    )[0]


def read_projections_occupations(
    source: str | Path | IO[bytes],
    *,
    occupations: Collection[str] | None,
    file_name: str | None = None,
    limits: ReadLimits = ReadLimits(),
    progress: Callable[[int], None] | None = None,
) -> tuple[ProjectionRow, ...]:
    """Read several occupations (None: every line of Table 1.2) in the order asked.

    Columns are found by the start of their heading, since the years in the headings change with
    each vintage ("Employment, 2024", "Employment change, numeric, 2024–34").
    """
    name = file_name or Path(getattr(source, "name", str(source))).name
    wanted = None if occupations is EVERY_OCCUPATION else list(dict.fromkeys(occupations))
    budget = Budget(name, limits, progress)
    with open_workbook(source, budget) as workbook:
        sheet = next(
            (s for s in workbook.worksheets if re.match(r"Table 1\.2(?!\d)", s.title.strip())),
            None,
        )
        if sheet is None:
            raise BLSFileError(
                f"{name} is not the Employment Projections workbook: it has no Table 1.2 sheet."
            )
        rows = sheet.iter_rows(values_only=True)
        header, header_line = find_header(
            rows, "NATIONAL_EMPLOYMENT_MATRIX_CODE", name, "the Employment Projections workbook"
        )
        columns, base_year, target_year = projection_columns(header, name)
        found: dict[str, tuple | None] = dict.fromkeys(wanted or ())
        rows_read = 0
        for line, cells in budget.rows(rows, first_line=header_line + 1):
            code = cell_text(cells[columns["code"]] if columns["code"] < len(cells) else None)
            if not re.fullmatch(r"\d\d-\d{4}", code):
                continue  # the title rows and footnotes
            rows_read += 1
            if wanted is None or code in found:
                found[code] = (line, cells)
        factors = utilization_factors(workbook, set(found), name)
    missing = [code for code, row in found.items() if row is None]
    if missing or not found:
        codes = ", ".join(missing) or "of any kind"
        raise BLSFileError(
            f"{name} has no Table 1.2 row for occupation {codes} ({rows_read} rows read)."
        )
    read = []
    for code, (line, cells) in found.items():
        fields = projection_fields(cells, columns, line, name)
        try:
            read.append(
                ProjectionRow(
                    **fields,
                    source_file=name,
                    occupation=code,
                    base_year=base_year,
                    target_year=target_year,
                    factor=factors.get(code, ""),
                    rows_read=rows_read,
                )
            )
        except ValidationError as error:
            raise BLSFileError(f"{name} Table 1.2 row {line}: {first_problem(error)}") from None
    return tuple(read)


def utilization_factors(workbook, codes: set[str], name: str) -> dict[str, str]:
    """Table 1.12's factor for each occupation across all industries ("Total, all industries"),
    quoted as BLS words it; an occupation BLS names no factor for is left out. A workbook
    without Table 1.12 (older vintages) gives none."""
    sheet = next(
        (s for s in workbook.worksheets if re.match(r"Table 1\.12(?!\d)", s.title.strip())), None
    )
    if sheet is None:
        return {}
    rows = sheet.iter_rows(values_only=True)
    header, _ = find_header(rows, "OCCUPATION_CODE", name, "the Employment Projections workbook")
    try:
        code_at = next(i for i, h in enumerate(header) if h.endswith("OCCUPATION_CODE"))
        industry_at = next(i for i, h in enumerate(header) if h.endswith("INDUSTRY_CODE"))
        factor_at = next(i for i, h in enumerate(header) if h.startswith("FACTORS"))
    except StopIteration:
        raise BLSFileError(
            f"{name} Table 1.12 lacks an occupation code, industry code or factors column."
        ) from None
    factors = {}
    for cells in rows:
        if len(cells) <= max(code_at, industry_at, factor_at):
            continue
        code = cell_text(cells[code_at])
        if code in codes and cell_text(cells[industry_at]) == ALL_INDUSTRIES_MATRIX_CODE:
            factors[code] = cell_text(cells[factor_at])
    return factors


@contextmanager
def open_workbook(source, budget: Budget) -> Iterator:
    """The workbook, read-only; any failure to read it becomes a one-line BLSFileError."""
    name = budget.name
    if not name.lower().endswith(".xlsx"):
        raise BLSFileError(f"{name} is not an .xlsx workbook (BLS publishes .xlsx files).")
    try:
        check_uncompressed_size(source, name, budget.limits.uncompressed_bytes)
        reader = BoundedReader(source, budget)
        reader.read()
        workbook = reader.wb
    except READ_ERRORS as error:
        raise BLSFileError(f"{name} could not be read as an .xlsx workbook: {error}") from None
    try:
        yield workbook
    except READ_ERRORS as error:
        # Read-only mode parses the sheet while rows are read: damage can show up only here.
        raise BLSFileError(f"{name} is damaged: {type(error).__name__}: {error}") from None
    finally:
        workbook.close()


class BoundedReader(ExcelReader):
    """openpyxl's read-only reader, made to stop early. openpyxl reads the shared-string table
    whole before the first row, and parses a whole worksheet up front to size it when the
    sheet does not state its size; here both are counted first (on the raw XML, which is
    quick) and refused past the limits, and no size is taken from the file at all."""

    def __init__(self, source, budget: Budget):
        super().__init__(source, read_only=True, data_only=True)
        self.budget = budget

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is None:
            return
        cap = self.budget.limits.shared_strings
        with self.archive.open(part.PartName[1:]) as stream:
            if count_tags(stream, b"si", cap) > cap:
                raise LimitExceeded(
                    "shared_strings",
                    f"{self.budget.name} has more than {cap:,} shared strings, the most an "
                    "import reads (BLS files have a few thousand).",
                )
        with self.archive.open(part.PartName[1:]) as stream:
            self.shared_strings = read_shared_strings(stream, self.budget)

    def read_worksheets(self):
        # openpyxl's own, read-only branch, with BoundedWorksheet; a chart sheet holds no rows.
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                worksheet = BoundedWorksheet(
                    self.wb, sheet.name, rel.target, self.shared_strings, self.budget
                )
                worksheet.sheet_state = sheet.state
                self.wb._sheets.append(worksheet)


class BoundedWorksheet(ReadOnlyWorksheet):
    """A read-only worksheet that counts its rows instead of sizing itself: every row is read
    until the rows end (a size some writers record wrongly is never trusted) or a limit is hit."""

    def __init__(self, parent, title, path, shared_strings, budget: Budget):
        self.budget = budget  # before openpyxl's __init__, which sizes the sheet
        super().__init__(parent, title, path, shared_strings)

    def _get_size(self):
        limit = self.budget.limits.rows
        with self._get_source() as stream:
            if count_tags(stream, b"row", limit) > limit:
                raise LimitExceeded("rows", self.budget.too_many_rows())


def count_tags(stream, tag: bytes, cap: int) -> int:
    """How many <tag> elements (in any namespace prefix) an XML part holds, counted on the raw
    bytes up to cap + 1: much quicker than parsing, so a part past a cap is refused at once."""
    pattern = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,31}:)?" + tag + rb"[\s/>]")
    keep = 64  # longer than any match: a match starting before the last 64 bytes is complete
    count, carry = 0, b""
    while chunk := stream.read(1 << 20):
        data = carry + chunk
        complete = len(data) - keep
        count += sum(1 for match in pattern.finditer(data) if match.start() < complete)
        if count > cap:
            return count
        carry = data[max(complete, 0) :]
    return count + len(pattern.findall(carry))


def read_shared_strings(stream, budget: Budget) -> list[str]:
    """openpyxl's read_string_table, except that every element is let go once read (openpyxl
    keeps all but the strings) and the clock is checked as it goes."""
    strings, depth, table = [], 0, None
    for event, node in iterparse(stream, events=("start", "end")):
        if event == "start":
            depth += 1
            table = node if table is None else table
            continue
        depth -= 1
        if depth == 1:  # one entry of the table, read whole
            if node.tag == SHARED_STRING_TAG:
                strings.append(Text.from_tree(node).content.replace("x005F_", ""))
            table.clear()
            if len(strings) % (CHECK_EVERY_ROWS * 10) == 0:
                budget.check_time(f"{len(strings):,} shared strings read")
    return strings


def check_uncompressed_size(source, name: str, limit: int) -> None:
    # A few kilobytes of zip can inflate to gigabytes; refuse before openpyxl inflates it.
    with zipfile.ZipFile(source) as archive:
        size = sum(entry.file_size for entry in archive.infolist())
    if hasattr(source, "seek"):
        source.seek(0)
    if size > limit:
        raise LimitExceeded(
            "uncompressed_bytes",
            f"{name} unpacks to {size:,} bytes, more than the {limit:,} allowed here.",
        )


def first_worksheet(workbook, name: str):
    if not workbook.worksheets:
        raise BLSFileError(f"{name} has no worksheet.")
    return workbook.worksheets[0]


def find_header(rows, wanted: str, name: str, what: str) -> tuple[list[str], int]:
    """The first row (within HEADER_SEARCH_ROWS) with a heading that contains `wanted`."""
    for line, cells in enumerate(rows, start=1):
        header = [header_name(value) for value in cells]
        if any(wanted in column for column in header):
            return header, line
        if line >= HEADER_SEARCH_ROWS:
            break
    raise BLSFileError(
        f"{name} is not {what}: no {wanted} heading in the first {HEADER_SEARCH_ROWS} rows."
    )


def oews_columns(header: list[str], name: str) -> dict[str, int]:
    """Where each OEWS column is; a file without the essential ones is not an OEWS workbook."""
    position = {}
    for index, column in enumerate(header):
        column = OEWS_ALIASES.get(column, column)
        if column and column not in position:
            position[column] = index
    required = list(OEWS_REQUIRED)
    # Area and industry columns come in groups; the oldest national layout has neither.
    if "AREA" in position:
        required += ["AREA_TITLE", "AREA_TYPE"]
    if "NAICS" in position:
        required += ["NAICS_TITLE", "I_GROUP", "OWN_CODE"]
    missing = [column for column in required if column not in position]
    if missing:
        raise BLSFileError(
            f"{name} is not an OEWS workbook: its first sheet has no {', '.join(missing)} column."
        )
    return position


def header_name(value) -> str:
    """A heading in one spelling: "loc quotient" and "LOC_QUOTIENT" are the same column."""
    return re.sub(r"\s+", "_", str(value).strip()).upper() if value is not None else ""


def cell(cells, position: dict[str, int], column: str):
    index = position.get(column)
    return cells[index] if index is not None and index < len(cells) else None


def cell_text(value) -> str:
    """A cell as text: BLS codes are text, but a re-saved file may turn "62" into 62."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def padded_area_code(value, area_type: str) -> str:
    code = cell_text(value)
    if isinstance(value, int | float) and code.isdigit():
        # A numeric cell lost its leading zeros: FIPS states are 2 digits, metro areas 5,
        # nonmetro areas 7 (AREA_TYPE 2/3, 4, 6).
        width = {"2": 2, "3": 2, "4": 5, "6": 7}.get(area_type, 0)
        code = code.zfill(width)
    return code


def oews_row(cells, position: dict[str, int], line: int, name: str) -> OEWSRow:
    area_type = cell_text(cell(cells, position, "AREA_TYPE")) or "1"
    naics = cell_text(cell(cells, position, "NAICS"))
    fields = {
        "line": line,
        # The oldest national layout has no area or industry columns: it is U.S., all industries.
        "area": padded_area_code(cell(cells, position, "AREA"), area_type) or "99",
        "area_title": cell_text(cell(cells, position, "AREA_TITLE")) or "U.S.",
        "area_type": area_type,
        "naics": "000000" if naics in ("", "0") else naics,
        "naics_title": cell_text(cell(cells, position, "NAICS_TITLE")) or "Cross-industry",
        "i_group": cell_text(cell(cells, position, "I_GROUP")) or "cross-industry",
        "own_code": cell_text(cell(cells, position, "OWN_CODE")) or "1235",
        "occ_code": cell_text(cell(cells, position, "OCC_CODE")),
        "occ_title": cell_text(cell(cells, position, "OCC_TITLE")),
        "o_group": cell_text(cell(cells, position, "O_GROUP")),
    }
    top_coded, suppressed = [], []
    for column, field in OEWS_VALUE_COLUMNS.items():
        value = cell(cells, position, column)
        text = value.strip() if isinstance(value, str) else None
        if text in NOT_AVAILABLE:
            suppressed.append(field)
        elif text == TOP_CODED:
            if field not in HOURLY_FIELDS + ANNUAL_FIELDS:
                raise BLSFileError(f"{name} row {line}: {column} is # but is not a wage column.")
            top_coded.append(field)
        elif value is not None and text != "":
            fields[field] = number(value, name, line, column)
    try:
        return OEWSRow(**fields, top_coded=tuple(top_coded), suppressed=tuple(suppressed))
    except ValidationError as error:
        raise BLSFileError(f"{name} row {line}: {first_problem(error)}") from None


def number(value, name: str, line: int, column: str) -> Decimal:
    if isinstance(value, bool):
        raise BLSFileError(f"{name} row {line}: {column} is {value!r}, not a number.")
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = str(value).strip().replace(",", "").lstrip("$")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise BLSFileError(
            f"{name} row {line}: {column} is {value!r}, neither a number nor a BLS symbol "
            "(*, **, #, ~)."
        ) from None


def first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    message = problem["msg"].removeprefix("Value error, ")
    where = ".".join(str(part) for part in problem["loc"])
    return f"{where.upper()}: {message}" if where else message


def one_row_per_area_and_industry(rows: list[OEWSRow], name: str) -> list[OEWSRow]:
    """Drop the second copy of rows BLS publishes twice.

    An occupation aggregated to the broad level appears as "broad" and as "detailed", and an
    industry aggregated to 3 digits as "3-digit" and "4-digit", with the same figures. Rows for
    one area and industry with different figures (ownership breakdowns) cannot be stored as one.
    """
    kept: dict[tuple[str, str], OEWSRow] = {}
    for row in rows:
        key = (row.area, row.naics)
        if key not in kept:
            kept[key] = row
            continue
        other = kept[key]
        if (other.own_code, other.values()) != (row.own_code, row.values()):
            raise BLSFileError(
                f"{name} has different rows for {row.occ_code} in area {row.area}, industry "
                f"{row.naics} (rows {other.line} and {row.line}); import a file without "
                "ownership breakdowns."
            )
        if row.o_group == "detailed":
            kept[key] = row
    return list(kept.values())


def field_description_notes(workbook) -> list[str]:
    """The text of the Field Descriptions sheet's first column (title and symbol notes)."""
    sheet = next(
        (s for s in workbook.worksheets if s.title.strip().lower() == "field descriptions"), None
    )
    if sheet is None:
        return []
    return [
        str(cells[0]).strip()
        for cells in sheet.iter_rows(max_row=NOTES_ROWS, max_col=1, values_only=True)
        if cells and cells[0] is not None
    ]


def oews_reference_period(name: str, sheet_title: str, notes: list[str]) -> tuple[str, int]:
    """The reference period, from every place a BLS file states it; they must agree."""
    stated = {}
    title = next((line for line in notes if "OEWS" in line or "OES" in line), "")
    if match := ESTIMATES_PERIOD.search(title):
        stated["the Field Descriptions sheet"] = (match[1].capitalize(), int(match[2]))
    for where, text in (("the worksheet name", sheet_title), ("the file name", name)):
        if match := ESTIMATES_PERIOD.search(text):
            stated[where] = (match[1].capitalize(), int(match[2]))
        elif match := FILE_NAME_YEAR.search(text.replace(" ", "_")):
            stated[where] = ("May", int(match[1]))
    if not stated:
        raise BLSFileError(
            f"{name}: the reference period is stated nowhere (no Field Descriptions sheet, and "
            "the name carries no year as in national_M2025_dl.xlsx)."
        )
    years = {year for _, year in stated.values()}
    if len(years) > 1:
        found = "; ".join(f"{where} says {m} {y}" for where, (m, y) in stated.items())
        raise BLSFileError(f"{name}: the reference period is ambiguous: {found}.")
    month, year = next(iter(stated.values()))
    return f"{month} {year}", year


def oews_top_codes(notes: list[str]) -> tuple[Decimal | None, int | None]:
    """The top code of `#` as the file's notes state it, e.g. $115.00/hour, $239,200/year."""
    for line in notes:
        if match := TOP_CODE_NOTE.search(line):
            return Decimal(match[1].replace(",", "")), int(match[2].replace(",", ""))
    return None, None


# Table 1.2 headings, by how they start (years and dashes change with each vintage).
PROJECTION_HEADINGS = {
    "title": "NATIONAL_EMPLOYMENT_MATRIX_TITLE",
    "code": "NATIONAL_EMPLOYMENT_MATRIX_CODE",
    "occupation_type": "OCCUPATION_TYPE",
    "change_numeric": "EMPLOYMENT_CHANGE,_NUMERIC",
    "change_percent": "EMPLOYMENT_CHANGE,_PERCENT",
    "self_employed_percent": "PERCENT_SELF_EMPLOYED",
    "annual_openings": "OCCUPATIONAL_OPENINGS",
    "median_wage": "MEDIAN_ANNUAL_WAGE",
    "entry_education": "TYPICAL_EDUCATION_NEEDED_FOR_ENTRY",
    "work_experience": "WORK_EXPERIENCE_IN_A_RELATED_OCCUPATION",
    "on_the_job_training": "TYPICAL_ON-THE-JOB_TRAINING",
}
EMPLOYMENT_HEADING = re.compile(r"^EMPLOYMENT,_(\d{4})$")
NOT_APPLICABLE = {"—", "–", "-", ""}


def projection_columns(header: list[str], name: str) -> tuple[dict[str, int], int, int]:
    """Where each Table 1.2 column is, and the base and target years its headings name."""
    columns = {}
    for key, start in PROJECTION_HEADINGS.items():
        # "2024 National Employment Matrix code": the vintage year comes first.
        index = next(
            (i for i, c in enumerate(header) if re.sub(r"^\d{4}_", "", c).startswith(start)),
            None,
        )
        if index is None:
            heading = start.replace("_", " ").capitalize()
            raise BLSFileError(
                f"{name} Table 1.2 has no column headed {heading!r}: not the Employment "
                "Projections layout."
            )
        columns[key] = index
    employment = sorted(
        (int(match[1]), index)
        for index, column in enumerate(header)
        if (match := EMPLOYMENT_HEADING.match(column))
    )
    if len(employment) != 2:
        raise BLSFileError(
            f"{name} Table 1.2 should have two 'Employment, <year>' columns, not {len(employment)}."
        )
    (base_year, columns["employment_base"]), (target_year, columns["employment_target"]) = (
        employment
    )
    return columns, base_year, target_year


def projection_fields(cells, columns: dict[str, int], line: int, name: str) -> dict:
    """One Table 1.2 row as ProjectionRow fields; "—" (not applicable) is None or blank."""

    def raw(key):
        index = columns[key]
        value = cells[index] if index < len(cells) else None
        return None if value is None or str(value).strip() in NOT_APPLICABLE else value

    def text(key) -> str:
        value = raw(key)
        return str(value).strip() if value is not None else ""

    def figure(key):
        value = raw(key)
        return None if value is None else number(value, name, line, key)

    median, median_top_coded = raw("median_wage"), False
    if isinstance(median, str) and median.strip().startswith(">="):
        # A top-coded wage reads ">=$239,200": keep the bound and flag it, as for OEWS's #.
        median, median_top_coded = median.strip()[2:], True
    return {
        "occupation_title": text("title"),
        "occupation_type": text("occupation_type"),
        "employment_base": figure("employment_base"),
        "employment_target": figure("employment_target"),
        "change_numeric": figure("change_numeric"),
        "change_percent": figure("change_percent"),
        "self_employed_percent": figure("self_employed_percent"),
        "annual_openings": figure("annual_openings"),
        "median_wage": None if median is None else number(median, name, line, "median_wage"),
        "median_wage_top_coded": median_top_coded,
        "entry_education": text("entry_education"),
        "work_experience": text("work_experience"),
        "on_the_job_training": text("on_the_job_training"),
    }
