"""Write fixtures/salaries.json from the official BLS workbooks, through the project's importer.

    manage.py build_salary_fixture ../shared/reference/bls            # rewrite the fixture
    manage.py build_salary_fixture ../shared/reference/bls --check    # say whether it is current
    ... --onet ../shared/reference/onet --rpp ../shared/reference/bea/SARPP_STATE_2008_2023.csv

The occupations are the ones the catalog prices roles and stages on (fixtures/stages.json), plus
the all-occupations total (00-0000). Every national file (national_M*_dl.xlsx) gives all of
them for its release; every industry-sector file (natsector_M*_dl.xlsx) the stages' occupation;
the Employment Projections workbook (occupation.xlsx) the projections of every occupation, with
Table 1.12's factors. The latest national release is made current. With --onet, the O*NET
profiles of the same occupations (import_onet); with --rpp, BEA's latest state price parities
(import_rpp).

What no BLS file states is kept from the current fixture: each occupation's description; each
release's download address, publication date and note; and rows from other sources (status not
"Official file", such as the May 2023 state means). Nothing else is carried over, so running it
twice gives the same file.

The work happens in a transaction that is always rolled back, on a database that must hold no
salary rows (`make salary-fixture` makes a throwaway one): nothing is left behind.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog_rows import FactStatus
from salaries import bea, bls, importer, onet
from salaries.models import (
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
)

SALARY_MODELS = (
    Occupation,
    Release,
    Area,
    Industry,
    WageEstimate,
    Projection,
    PriceParity,
    OnetProfile,
    OnetTask,
    OnetTechnology,
    OnetTitle,
)


class Command(BaseCommand):
    help = (
        "Build fixtures/salaries.json from the official BLS workbooks in a folder, with the "
        "project's importer, on an empty database (nothing is saved there)."
    )

    def add_arguments(self, parser):
        fixtures = Path(settings.FIXTURE_DIRS[0])
        parser.add_argument("folder", help="The folder of BLS workbooks, untouched.")
        parser.add_argument("--output", default=str(fixtures / "salaries.json"))
        parser.add_argument(
            "--catalog",
            default=str(fixtures / "stages.json"),
            help="The fixture whose roles and stages name the occupations to read.",
        )
        parser.add_argument("--onet", help="A folder of O*NET database files (import_onet).")
        parser.add_argument("--rpp", help="BEA's SARPP state price parities (import_rpp).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the output file is not what the workbooks give.",
        )

    def handle(self, *args, folder, output, catalog, check, onet, rpp, **options):
        folder, output = Path(folder), Path(output)
        nationals = sorted(folder.glob("national_M*_dl.xlsx"))
        if not nationals:
            raise CommandError(f"{folder} holds no national_M*_dl.xlsx workbook.")
        sectors = sorted(folder.glob("natsector_M*_dl.xlsx"))
        projections = folder / "occupation.xlsx"
        roles, stages = priced_occupations(Path(catalog))
        if any(model.objects.exists() for model in SALARY_MODELS):
            raise CommandError(
                "This database already holds salary rows: build on an empty one (make "
                "salary-fixture makes a throwaway database), so that only the files count."
            )
        try:
            kept = json.loads(output.read_text(encoding="utf-8")) if output.exists() else []
        except ValueError as error:
            raise CommandError(f"{output} is not a readable fixture: {error}") from None
        occupations = sorted(set(roles) | set(stages))
        try:
            with transaction.atomic():
                # Newest first, so occupations and industries get the titles BLS uses now.
                for path in reversed(nationals):
                    self.load(
                        bls.read_oews_occupations(
                            path, occupations=[*occupations, bls.ALL_OCCUPATIONS]
                        )
                    )
                for path in reversed(sectors):
                    self.load(bls.read_oews_occupations(path, occupations=sorted(stages)))
                latest = Release.objects.filter(survey=Release.Survey.OEWS).order_by("year").last()
                latest.make_current(reason="build_salary_fixture")
                if projections.exists():
                    rows = bls.read_projections_occupations(projections, occupations=occupations)
                    plan = importer.plan_projections_of(rows)
                    importer.apply(plan, make_current=True)
                    self.stdout.write(plan.summary)
                carry_over(kept)
                if rpp:
                    self.apply(importer.plan_rpp(bea.read_rpp(Path(rpp))))
                if onet:
                    self.apply(importer.plan_onet(read_onet(onet, occupations)))
                text = dump()
                transaction.set_rollback(True)  # the database stays as it was: empty
        except (bls.BLSFileError, importer.ImportProblem) as error:
            raise CommandError(str(error)) from None
        if check:
            if not output.exists() or output.read_text(encoding="utf-8") != text:
                raise CommandError(
                    f"{output} is not what the BLS files give: rebuild it with "
                    f"manage.py build_salary_fixture {folder}."
                )
            self.stdout.write(self.style.SUCCESS(f"{output} is what the BLS files give."))
            return
        output.write_text(text, encoding="utf-8")
        count = len(json.loads(text))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {count} records."))

    def apply(self, plan: importer.ImportPlan) -> None:
        importer.apply(plan, reason="build_salary_fixture")
        self.stdout.write(plan.summary)

    def load(self, workbook: bls.OEWSWorkbook) -> None:
        plan = importer.plan_oews(workbook)
        importer.apply(plan, reason="build_salary_fixture")
        self.stdout.write(plan.summary)


def read_onet(folder: str, occupations: list[str]):
    return onet.read_onet(folder, occupations=occupations)


def priced_occupations(path: Path) -> tuple[list[str], list[str]]:
    """The SOC codes the fixture's roles and stages are priced on."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path} could not be read: {error}") from None
    named = {"stages.role": set(), "stages.careerstage": set()}
    for record in records:
        occupation = record.get("fields", {}).get("wage_occupation")
        if record.get("model") in named and occupation:
            named[record["model"]].add(occupation[0])
    if not named["stages.careerstage"]:
        raise CommandError(f"{path} prices no career stage on an occupation (wage_occupation).")
    return sorted(named["stages.role"]), sorted(named["stages.careerstage"])


def carry_over(kept: list[dict]) -> None:
    """What the files do not state, from the current fixture (see the module's docstring)."""
    built = {o.soc_code for o in Occupation.objects.all()}
    releases = {r.year: r for r in Release.objects.all()}
    for record in kept:
        fields = record["fields"]
        if record["model"] == "salaries.occupation" and fields["soc_code"] in built:
            Occupation.objects.filter(soc_code=fields["soc_code"]).update(
                description=fields.get("description", "")
            )
        elif record["model"] == "salaries.release" and fields["year"] in releases:
            Release.objects.filter(pk=releases[fields["year"]].pk).update(
                published_on=fields.get("published_on"),
                source_url=fields.get("source_url", ""),
                note=fields.get("note", ""),
            )
    others = [
        r
        for r in kept
        if r["model"] == "salaries.wageestimate" and r["fields"].get("status") != FactStatus.P_FILE
    ]
    needed = {("salaries.area", tuple(r["fields"]["area"])) for r in others}
    needed |= {("salaries.industry", tuple(r["fields"]["industry"])) for r in others}
    rows = [r for r in kept if (r["model"], key_of(r)) in needed] + others
    for row in others:
        year = row["fields"]["release"][1]
        if year not in releases:
            raise CommandError(
                f"A kept row of another source is for OEWS {year}, which no national file in "
                "the folder gives: add that file or remove the row."
            )
    for item in serializers.deserialize("json", json.dumps(rows)):
        item.save()


def key_of(record: dict) -> tuple | None:
    """The natural key of an area or industry record (None for other models)."""
    name = {"salaries.area": "code", "salaries.industry": "naics"}.get(record["model"])
    return (record["fields"][name],) if name else None


def dump() -> str:
    """Every salary row with natural keys, in a stable order, as the other fixtures are written."""
    rows = [
        *Occupation.objects.order_by("soc_code"),
        *Release.objects.order_by("survey", "year"),
        *Area.objects.order_by("code"),
        *Industry.objects.order_by("naics"),
        *WageEstimate.objects.order_by(
            "release__survey",
            "release__year",
            "occupation__soc_code",
            "area__code",
            "industry__naics",
        ).select_related("release", "occupation", "area", "industry"),
        *Projection.objects.order_by("occupation__soc_code", "base_year").select_related(
            "occupation"
        ),
        *PriceParity.objects.order_by("area__code", "year").select_related("area"),
        *OnetProfile.objects.order_by("occupation__soc_code").select_related("occupation"),
        *OnetTask.objects.order_by("profile__occupation__soc_code", "task_id").select_related(
            "profile__occupation"
        ),
        *OnetTechnology.objects.order_by(
            "profile__occupation__soc_code", "commodity_code", "example"
        ).select_related("profile__occupation"),
        *OnetTitle.objects.order_by(
            "profile__occupation__soc_code", "-kind", "order"
        ).select_related("profile__occupation"),
    ]
    data = json.loads(
        serializers.serialize(
            "json", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
    )
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
