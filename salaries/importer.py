"""What a BLS file would change in the catalog, and making that change.

`plan_oews` and `plan_projections` compare a file read by `salaries.bls` with the database and
write nothing: the plan lists every row that would be added, changed (old -> new) or left alone.
`apply` writes a plan in one transaction, saving row by row so that every change gets a history
record (who, when, old and new values) and the planner's catalog stamp moves at once. The
import commands and the admin upload use these same functions, so both show the same difference.

Rows a BLS or BEA file does not mention are left as they are: those imports add and update,
never delete. An O*NET import is a whole release of an occupation's profile: its tasks,
technology and titles that the release no longer lists are removed, so no profile mixes two
releases.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction

from catalog_rows import FactStatus

from . import bea, bls, onet
from .models import (
    Area,
    Industry,
    Occupation,
    OnetProfile,
    OnetTask,
    OnetTechnology,
    OnetTitle,
    PriceParity,
    Projection,
    Release,
    WageEstimate,
    note_change,
    oews_source,
)

ADDED, CHANGED, UNCHANGED, REMOVED = "added", "changed", "unchanged", "removed"
# OEWS AREA_TYPE -> Area.kind
AREA_KINDS = {
    "1": Area.Kind.NATIONAL,
    "2": Area.Kind.STATE,
    "3": Area.Kind.TERRITORY,
    "4": Area.Kind.METRO,
    "6": Area.Kind.NONMETRO,
}
ESTIMATE_KEY_FIELDS = ["release", "occupation", "area", "industry"]
PROJECTION_FIELDS = [
    "target_year",
    "employment_base",
    "employment_target",
    "change_numeric",
    "change_percent",
    "annual_openings",
    "self_employed_percent",
    "median_wage",
    "median_wage_top_coded",
    "entry_education",
    "work_experience",
    "on_the_job_training",
    "factor",
]


class ImportProblem(Exception):
    """The file reads well but cannot go into the catalog; the message says why in one line."""


def shown(value) -> str:
    """A value as the difference shows it: blank is an em dash, lists are comma-separated."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object

    def __str__(self):
        return f"{self.field} {shown(self.old)} -> {shown(self.new)}"


@dataclass
class Change:
    """One row the import would add or change, or leaves alone, with the unsaved instance."""

    action: str
    kind: str
    label: str
    instance: models.Model
    fields: list[FieldChange] = field(default_factory=list)

    def details(self) -> str:
        if self.action == ADDED:
            return ", ".join(
                f"{f.field} {shown(f.new)}" for f in self.fields if f.new not in ("", None, [])
            )
        return "; ".join(map(str, self.fields))

    def __str__(self):
        details = self.details()
        return f"{self.action:<9} {self.kind} {self.label}" + (f": {details}" if details else "")


@dataclass
class ImportPlan:
    """Everything an import would do, in the order it would do it."""

    source_file: str
    summary: str
    changes: list[Change]
    release: Release | None = None
    projections: tuple[Projection, ...] = ()

    @property
    def projection(self) -> Projection | None:
        return self.projections[0] if self.projections else None

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def has_changes(self) -> bool:
        return any(change.action != UNCHANGED for change in self.changes)

    def totals(self) -> str:
        counted = [ADDED, CHANGED, UNCHANGED] + ([REMOVED] if self.count(REMOVED) else [])
        return ", ".join(f"{self.count(a)} {a}" for a in counted)

    def lines(self) -> list[str]:
        """The difference as text: what the command prints and the admin shows."""
        return [self.summary, *map(str, self.changes), self.totals()]

    def digest(self) -> str:
        """Fingerprint of the difference, so a confirmation applies exactly what was shown."""
        return hashlib.sha256("\n".join(self.lines()).encode()).hexdigest()


def plan_oews(workbook: bls.OEWSWorkbook) -> ImportPlan:
    """Compare an OEWS file's rows for its occupations with the catalog; write nothing."""
    changes = []
    known = Occupation.objects.in_bulk(workbook.occupations, field_name="soc_code")
    titles = {row.occ_code: row.occ_title for row in reversed(workbook.rows)}
    occupations = {
        code: existing_or_new(
            changes,
            "occupation",
            known.get(code),
            lambda code=code: Occupation(soc_code=code, title=titles[code]),
        )
        for code in workbook.occupations
    }
    release = plan_release(changes, workbook)
    areas = Area.objects.in_bulk({row.area for row in workbook.rows}, field_name="code")
    industries = Industry.objects.in_bulk({row.naics for row in workbook.rows}, field_name="naics")
    existing = {}
    if release.pk:
        estimates = WageEstimate.objects.filter(
            release=release, occupation__soc_code__in=workbook.occupations
        )
        existing = {
            (e.occupation.soc_code, e.area.code, e.industry.naics): e
            for e in estimates.select_related("occupation", "area", "industry")
        }
    for row in workbook.rows:
        if row.area not in areas:
            areas[row.area] = existing_or_new(changes, "area", None, lambda r=row: new_area(r))
        if row.naics not in industries:
            industries[row.naics] = existing_or_new(
                changes,
                "industry",
                None,
                lambda r=row: Industry(naics=r.naics, title=r.naics_title, group=r.i_group),
            )
        values = estimate_values(row, workbook, release)
        source = oews_source(workbook.source_file, row.occ_code)
        estimate = existing.get((row.occ_code, row.area, row.naics))
        if estimate is None:
            estimate = WageEstimate(
                release=release,
                occupation=occupations[row.occ_code],
                area=areas[row.area],
                industry=industries[row.naics],
                status=FactStatus.P_FILE,
                source=source,
            )
        change = update(estimate, values, kind="estimate", label=estimate_label(estimate))
        if change.action == CHANGED:
            # The figures now come from the official file: say so.
            estimate.source, estimate.status = source, FactStatus.P_FILE
        validate(estimate, change, exclude=ESTIMATE_KEY_FIELDS)
        changes.append(change)
    if len(occupations) == 1:
        ((code, occupation),) = occupations.items()
        read_for = f"{code} {occupation.title}"
    else:
        read_for = f"{len(occupations)} occupations ({', '.join(occupations)})"
    summary = (
        f"{workbook.source_file}: OEWS {workbook.reference_period}, {workbook.rows_read:,} rows "
        f"read, {len(workbook.rows)} for {read_for}."
    )
    if workbook.top_code_applies is False:
        summary += (
            " Its notes define # as a top code, but it marks no wage with # and publishes annual "
            f"wages up to ${workbook.highest_annual:,}: no top code is recorded for this release."
        )
    return ImportPlan(workbook.source_file, summary, changes, release=release)


def plan_projections(row: bls.ProjectionRow) -> ImportPlan:
    """Compare one occupation's Employment Projections row with the catalog; write nothing."""
    changes = []
    occupation = existing_or_new(
        changes,
        "occupation",
        Occupation.objects.filter(soc_code=row.occupation).first(),
        lambda: Occupation(soc_code=row.occupation, title=row.occupation_title),
    )
    projection = None
    if occupation.pk:
        projection = Projection.objects.filter(
            occupation=occupation, base_year=row.base_year
        ).first()
    vintage = f"{row.base_year}-{str(row.target_year)[-2:]}"
    source = (
        f"BLS Employment Projections {vintage}, {row.source_file} Table 1.2 "
        f"(National Employment Matrix code {row.occupation})"
    )
    if projection is None:
        projection = Projection(
            occupation=occupation,
            base_year=row.base_year,
            status=FactStatus.P_FILE,
            source=source,
        )
    values = {name: getattr(row, name) for name in PROJECTION_FIELDS}
    label = f"{row.occupation} {vintage}"
    change = update(projection, values, kind="projection", label=label)
    if change.action == CHANGED:
        projection.source, projection.status = source, FactStatus.P_FILE
    validate(projection, change, exclude=["occupation"])
    changes.append(change)
    summary = (
        f"{row.source_file}: Employment Projections {vintage}, {row.rows_read:,} occupations read, "
        f"Table 1.2 row for {row.occupation} {row.occupation_title}."
    )
    return ImportPlan(row.source_file, summary, changes, projections=(projection,))


def plan_projections_of(rows: tuple[bls.ProjectionRow, ...]) -> ImportPlan:
    """Several occupations' projections from one workbook as one plan; write nothing."""
    plans = [plan_projections(row) for row in rows]
    if len(plans) == 1:
        return plans[0]
    first = rows[0]
    summary = (
        f"{first.source_file}: Employment Projections {first.base_year}-"
        f"{str(first.target_year)[-2:]}, {first.rows_read:,} occupations read, Table 1.2 rows "
        f"for {len(rows)} occupations ({', '.join(row.occupation for row in rows)})."
    )
    return ImportPlan(
        first.source_file,
        summary,
        [change for plan in plans for change in plan.changes],
        projections=tuple(plan.projection for plan in plans),
    )


def plan_rpp(parities: bea.ParityFile, *, years: list[int] | None = None) -> ImportPlan:
    """Compare BEA's state price parities (all items) for `years` (default: the latest in the
    file) with the catalog; write nothing. A state the catalog has no area for is added."""
    years = years or [max(parities.years)]
    unknown = [year for year in years if year not in parities.years]
    if unknown:
        raise ImportProblem(
            f"{parities.source_file} has no {', '.join(map(str, unknown))} column "
            f"(it covers {parities.years[0]}-{parities.years[-1]})."
        )
    changes = []
    rows = [row for row in parities.rows if row.year in years]
    areas = Area.objects.in_bulk({row.state_fips for row in rows}, field_name="code")
    existing = {
        (p.area.code, p.year): p
        for p in PriceParity.objects.filter(year__in=years).select_related("area")
    }
    updated = f", last updated {parities.updated}" if parities.updated else ""
    for row in rows:
        if row.state_fips not in areas:
            areas[row.state_fips] = existing_or_new(
                changes,
                "area",
                None,
                lambda r=row: Area(code=r.state_fips, title=r.state, kind=Area.Kind.STATE),
            )
        source = (
            f"BEA regional price parities {parities.source_file} (table SARPP{updated}), "
            f"line 5 RPPs: All items, {row.year}"
        )
        parity = existing.get((row.state_fips, row.year))
        if parity is None:
            parity = PriceParity(area=areas[row.state_fips], year=row.year, source=source)
        change = update(
            parity,
            {"all_items": row.all_items},
            kind="price parity",
            label=f"{row.state} {row.year}",
        )
        if change.action == CHANGED:
            parity.source, parity.status = source, FactStatus.P_FILE
        validate(parity, change, exclude=["area"])
        changes.append(change)
    summary = (
        f"{parities.source_file}: BEA regional price parities{updated}, {parities.rows_read:,} "
        f"rows read, all items for {len({row.state_fips for row in rows})} states in "
        f"{', '.join(map(str, years))}."
    )
    return ImportPlan(parities.source_file, summary, changes)


def plan_onet(release: onet.OnetRelease) -> ImportPlan:
    """Compare an O*NET release's profiles with the catalog; write nothing. Tasks, technology
    and titles of an occupation that the release does not list are removed."""
    changes = []
    source = (
        f"O*NET {release.release} Database"
        + (f" ({release.release_date} release)" if release.release_date else "")
        + ", USDOL/ETA, CC BY 4.0"
    )
    known = Occupation.objects.in_bulk(
        [p.soc_code for p in release.profiles], field_name="soc_code"
    )
    for read in release.profiles:
        occupation = existing_or_new(
            changes,
            "occupation",
            known.get(read.soc_code),
            lambda r=read: Occupation(soc_code=r.soc_code, title=r.title),
        )
        profile = OnetProfile.objects.filter(occupation__soc_code=read.soc_code).first()
        if profile is None:
            profile = OnetProfile(occupation=occupation, onet_code=read.onet_code)
        values = {
            "onet_code": read.onet_code,
            "title": read.title,
            "description": read.description,
            "job_zone": read.job_zone,
            "release": release.release,
            "release_date": release.release_date,
            "source": f"{source}, {read.onet_code}",
            "status": FactStatus.P_FILE,
        }
        change = update(profile, values, kind="O*NET profile", label=read.onet_code)
        validate(profile, change, exclude=["occupation"])
        changes.append(change)
        plan_children(
            changes,
            profile,
            OnetTask,
            "task",
            {(t.task_id,): t.model_dump() for t in read.tasks},
            ("task_id",),
        )
        plan_children(
            changes,
            profile,
            OnetTechnology,
            "technology",
            {(t.example, t.commodity_code): t.model_dump() for t in read.technology},
            ("example", "commodity_code"),
        )
        plan_children(
            changes,
            profile,
            OnetTitle,
            "title",
            {(t.kind, t.title): t.model_dump() for t in read.titles},
            ("kind", "title"),
        )
    codes = ", ".join(p.onet_code for p in release.profiles)
    summary = (
        f"{release.folder}: O*NET {release.release}"
        + (f" ({release.release_date})" if release.release_date else "")
        + f", {len(release.files)} files, {release.occupations_read:,} occupations read, "
        f"profiles of {codes}."
    )
    return ImportPlan(release.folder, summary, changes)


def plan_children(changes, profile, model, kind, read: dict[tuple, dict], key: tuple[str, ...]):
    """A profile's rows of one kind: the release's added or updated, the others removed."""
    existing = {}
    if profile.pk:
        existing = {
            tuple(getattr(row, k) for k in key): row
            for row in model.objects.filter(profile=profile)
        }
    for identity, values in read.items():
        row = existing.pop(identity, None) or model(profile=profile)
        label = f"{profile.onet_code} {' · '.join(map(str, identity))}"
        change = update(row, values, kind=f"O*NET {kind}", label=label)
        validate(row, change, exclude=["profile"])
        changes.append(change)
    for identity, row in existing.items():
        label = f"{profile.onet_code} {' · '.join(map(str, identity))}"
        changes.append(Change(REMOVED, f"O*NET {kind}", label, row))


@transaction.atomic
def apply(plan: ImportPlan, *, user=None, reason: str = "", make_current: bool = False) -> None:
    """Write a plan: all of it or, on any error, nothing. Unchanged rows are not saved."""
    for change in plan.changes:
        if change.action != UNCHANGED:
            note_change(change.instance, user=user, reason=reason)
            if change.action == REMOVED:
                change.instance.delete()
            else:
                change.instance.save()
    if make_current:
        for current in [plan.release, *plan.projections]:
            if current is not None and not current.is_current:
                current.make_current(user=user, reason=reason)


def existing_or_new(changes: list[Change], kind: str, instance, new):
    """The row if it exists; otherwise a new one, listed as added."""
    if instance is not None:
        return instance
    instance = new()
    fields = [FieldChange(f.name, None, getattr(instance, f.name)) for f in own_fields(instance)]
    change = Change(ADDED, kind, str(instance), instance, fields)
    validate(instance, change, exclude=[])
    changes.append(change)
    return instance


def plan_release(changes: list[Change], workbook: bls.OEWSWorkbook) -> Release:
    release = Release.objects.filter(survey=Release.Survey.OEWS, year=workbook.year).first()
    if release is None:
        release = Release(
            survey=Release.Survey.OEWS,
            year=workbook.year,
            reference_period=workbook.reference_period,
            source_file=workbook.source_file,
        )
    values = {"reference_period": workbook.reference_period}
    # A file without its Field Descriptions sheet states no top code: keep the one on record.
    # A file whose stated top code does not apply (top_code_applies False) clears it.
    if workbook.top_code_applies is not None:
        values["top_code_hourly"] = workbook.top_code_hourly
        values["top_code_annual"] = workbook.top_code_annual
    change = update(release, values, kind="release", label=f"OEWS {workbook.reference_period}")
    validate(release, change, exclude=[])
    changes.append(change)
    return release


def update(instance, values: dict, *, kind: str, label: str) -> Change:
    """Set `values` on the (unsaved) instance and say what that changes."""
    adding = instance.pk is None
    differences = []
    for name, new in values.items():
        old = None if adding else getattr(instance, name)
        if adding or not same(old, new):
            differences.append(FieldChange(name, old, new))
            setattr(instance, name, new)
    if adding:
        return Change(ADDED, kind, label, instance, differences)
    return Change(CHANGED if differences else UNCHANGED, kind, label, instance, differences)


def same(old, new) -> bool:
    # Decimal("1.0") from the database is the file's 1; JSON lists compare as lists.
    if isinstance(new, tuple):
        new = list(new)
    return old == new


def validate(instance, change: Change, *, exclude: list[str]) -> None:
    """Check a row as the admin would (field limits, percentile order) before anything is saved."""
    if change.action == UNCHANGED:
        return
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
        raise ImportProblem(f"{change.kind} {change.label} cannot be saved: {problems}") from None


def own_fields(instance):
    return [
        f
        for f in instance._meta.concrete_fields
        if not f.primary_key and not f.is_relation and f.name != "description"
    ]


def new_area(row: bls.OEWSRow) -> Area:
    if row.area_type not in AREA_KINDS:
        raise ImportProblem(
            f"Area {row.area} {row.area_title} has an unknown AREA_TYPE {row.area_type}."
        )
    return Area(code=row.area, title=row.area_title, kind=AREA_KINDS[row.area_type])


def estimate_values(row: bls.OEWSRow, workbook: bls.OEWSWorkbook, release: Release) -> dict:
    """The WageEstimate fields a row sets; a top-coded (#) wage is stored as the top code."""
    values = row.values()
    for name in row.top_coded:
        hourly = name in bls.HOURLY_FIELDS
        top_code = release.top_code_hourly if hourly else release.top_code_annual
        if top_code is None:
            raise ImportProblem(
                f"{workbook.source_file} marks {name.upper()} as # (top-coded) but states no top "
                f"code, and OEWS {workbook.reference_period} has none on record: add the release "
                "with its top codes in the admin first."
            )
        values[name] = Decimal(top_code) if hourly else int(top_code)
    values["own_code"] = row.own_code
    values["top_coded"] = list(row.top_coded)
    values["suppressed"] = list(row.suppressed)
    return values


def estimate_label(estimate: WageEstimate) -> str:
    return (
        f"{estimate.occupation.soc_code} · {estimate.area.title} · {estimate.industry.title} · "
        f"OEWS {estimate.release.reference_period}"
    )
