"""Reading the O*NET database files: what an occupation does, the technology and titles it has.

Pure functions from a folder of O*NET files to pydantic rows; no database here. Each file is
read by its official name, as O*NET's tab-separated `.txt` or as `.xlsx` (the same columns), so
one reader takes the full database and the subset in the reference folder. The release comes
from `Read Me.txt` ("O*NET 29.3 Database", "May 2025 Release") or from the caller.
"""

import csv
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from . import bls

# Official file name -> the columns this reader needs from it.
FILES = {
    "Occupation Data": ("O*NET-SOC Code", "Title", "Description"),
    "Task Statements": ("O*NET-SOC Code", "Task ID", "Task", "Task Type"),
    "Technology Skills": (
        "O*NET-SOC Code",
        "Example",
        "Commodity Code",
        "Commodity Title",
        "Hot Technology",
    ),
    "Alternate Titles": ("O*NET-SOC Code", "Alternate Title", "Short Title"),
    "Sample of Reported Titles": ("O*NET-SOC Code", "Reported Job Title"),
}
OPTIONAL = {"Job Zones": ("O*NET-SOC Code", "Job Zone")}
# The full Technology Skills file has about 32,000 rows; every file is far below this.
MAX_ROWS = 500_000
RELEASE = re.compile(r"O\*NET\s+(\d+\.\d+)\s+Database", re.IGNORECASE)
RELEASE_DATE = re.compile(r"^\s*([A-Z][a-z]+ \d{4}) Release", re.MULTILINE)


class ONETFileError(bls.BLSFileError):
    """An O*NET folder that cannot be imported; the message says which file and why."""


class Task(BaseModel):
    model_config = ConfigDict(frozen=True)
    task_id: int
    statement: str
    core: bool | None  # None: O*NET gives the task no type


class Technology(BaseModel):
    model_config = ConfigDict(frozen=True)
    example: str
    commodity_code: str
    commodity_title: str
    hot: bool
    in_demand: bool


class Title(BaseModel):
    model_config = ConfigDict(frozen=True)
    title: str
    kind: str  # "reported" or "alternate"
    short_title: str = ""
    shown_in_my_next_move: bool = False
    order: int


class Profile(BaseModel):
    model_config = ConfigDict(frozen=True)
    soc_code: str  # the SOC code the catalog uses: 29-2072
    onet_code: str  # 29-2072.00
    title: str
    description: str
    job_zone: int | None = None
    tasks: tuple[Task, ...]
    technology: tuple[Technology, ...]
    titles: tuple[Title, ...]


class OnetRelease(BaseModel):
    model_config = ConfigDict(frozen=True)
    folder: str
    release: str  # 29.3
    release_date: str  # May 2025, or blank
    files: tuple[str, ...]  # the files read, by name
    occupations_read: int
    profiles: tuple[Profile, ...]


def read_onet(folder: str | Path, *, occupations: list[str], release: str = "") -> OnetRelease:
    """The profiles of `occupations` (SOC codes: 29-2072) from an O*NET folder.

    An occupation is read from its O*NET-SOC code with the ".00" suffix (the SOC occupation
    itself, not O*NET's more detailed ones such as 15-1211.01).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ONETFileError(f"{folder} is not a folder of O*NET files.")
    stated, release_date = read_me(folder)
    if release and stated and release != stated:
        raise ONETFileError(
            f"{folder}/Read Me.txt names O*NET {stated}, not the {release} asked for."
        )
    release = release or stated
    if not release:
        raise ONETFileError(
            f"{folder} has no Read Me.txt naming the O*NET release: give it with --release."
        )
    wanted = {f"{code}.00": code for code in occupations}
    tables, names = {}, []
    for stem, columns in {**FILES, **OPTIONAL}.items():
        path = find(folder, stem)
        if path is None:
            if stem in OPTIONAL:
                continue
            raise ONETFileError(f"{folder} has no '{stem}.txt' or '{stem}.xlsx' (O*NET's name).")
        names.append(path.name)
        tables[stem] = rows_of(path, columns, set(wanted))
    data = {row["O*NET-SOC Code"]: row for row in tables["Occupation Data"][0]}
    missing = [code for code in wanted if code not in data]
    if missing:
        raise ONETFileError(
            f"{folder}: Occupation Data has no {', '.join(missing)} "
            f"({tables['Occupation Data'][1]:,} occupations read)."
        )
    profiles = []
    for onet_code, soc_code in wanted.items():
        try:
            profiles.append(profile(onet_code, soc_code, data[onet_code], tables))
        except ValidationError as error:
            raise ONETFileError(f"{folder}: {onet_code}: {bls.first_problem(error)}") from None
    return OnetRelease(
        folder=folder.name,
        release=release,
        release_date=release_date,
        files=tuple(names),
        occupations_read=tables["Occupation Data"][1],
        profiles=tuple(profiles),
    )


def profile(onet_code: str, soc_code: str, data: dict, tables: dict) -> Profile:
    def of(stem):
        return [row for row in tables.get(stem, ([], 0))[0] if row["O*NET-SOC Code"] == onet_code]

    zones = [row["Job Zone"] for row in of("Job Zones") if row["Job Zone"].isdigit()]
    titles = [
        Title(
            title=row["Reported Job Title"],
            kind="reported",
            shown_in_my_next_move=row.get("Shown in My Next Move", "") == "Y",
            order=order,
        )
        for order, row in enumerate(of("Sample of Reported Titles"))
    ]
    titles += [
        Title(
            title=row["Alternate Title"], kind="alternate", short_title=row["Short Title"], order=n
        )
        for n, row in enumerate(of("Alternate Titles"))
    ]
    return Profile(
        soc_code=soc_code,
        onet_code=onet_code,
        title=data["Title"],
        description=data["Description"],
        job_zone=int(zones[0]) if zones else None,
        tasks=tuple(
            Task(
                task_id=number(row["Task ID"], "Task ID", onet_code),
                statement=row["Task"],
                core={"Core": True, "Supplemental": False}.get(row["Task Type"]),
            )
            for row in of("Task Statements")
        ),
        technology=tuple(
            Technology(
                example=row["Example"],
                commodity_code=row["Commodity Code"],
                commodity_title=row["Commodity Title"],
                hot=row["Hot Technology"] == "Y",
                in_demand=row.get("In Demand", "") == "Y",
            )
            for row in of("Technology Skills")
        ),
        titles=tuple(unique_titles(titles)),
    )


def unique_titles(titles: list[Title]):
    seen = set()
    for title in titles:
        if (title.kind, title.title) not in seen:
            seen.add((title.kind, title.title))
            yield title


def number(value: str, column: str, onet_code: str) -> int:
    try:
        return int(Decimal(value))
    except (InvalidOperation, ValueError):
        raise ONETFileError(f"{onet_code}: {column} {value!r} is not a number.") from None


def read_me(folder: Path) -> tuple[str, str]:
    path = folder / "Read Me.txt"
    if not path.is_file():
        return "", ""
    text = path.read_text(encoding="utf-8", errors="replace")[:10_000]
    release, date = RELEASE.search(text), RELEASE_DATE.search(text)
    return (release[1] if release else ""), (date[1] if date else "")


def find(folder: Path, stem: str) -> Path | None:
    for suffix in (".txt", ".xlsx"):
        path = folder / f"{stem}{suffix}"
        if path.is_file():
            return path
    return None


def rows_of(path: Path, columns: tuple[str, ...], codes: set[str]) -> tuple[list[dict], int]:
    """The rows of `codes`, as {heading: text}, and how many rows the file has."""
    lines = xlsx_rows(path) if path.suffix == ".xlsx" else txt_rows(path)
    try:
        header = [str(cell or "").strip() for cell in next(lines)]
    except StopIteration:
        raise ONETFileError(f"{path.name} is empty.") from None
    missing = [column for column in columns if column not in header]
    if missing:
        raise ONETFileError(
            f"{path.name} is not O*NET's {path.stem} file: it has no {', '.join(missing)} column."
        )
    kept, count = [], 0
    for cells in lines:
        count += 1
        if count > MAX_ROWS:
            raise ONETFileError(f"{path.name} has more than {MAX_ROWS:,} rows: not an O*NET file.")
        row = {
            h: str(c if c is not None else "").strip() for h, c in zip(header, cells, strict=False)
        }
        if row.get("O*NET-SOC Code") in codes:
            kept.append(row)
    return kept, count


def txt_rows(path: Path):
    try:
        with path.open(encoding="utf-8", newline="") as file:
            yield from csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
    except UnicodeDecodeError:
        raise ONETFileError(f"{path.name} is not UTF-8 text: not an O*NET .txt file.") from None


def xlsx_rows(path: Path):
    budget = bls.Budget(path.name, bls.ReadLimits(rows=MAX_ROWS))
    with bls.open_workbook(path, budget) as workbook:
        yield from bls.first_worksheet(workbook, path.name).iter_rows(values_only=True)
