"""What the import commands share: dry run, one transaction, an audit trail, one-line errors.

`ImportCommand` reads one official file (or folder), prints the difference with the catalog and
saves it unless it is a dry run; `BLSImportCommand` adds the BLS workbooks' options (which
occupations, and whether the release becomes current).
"""

import argparse
import getpass
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from salaries import bls, importer


class ImportCommand(BaseCommand):
    """Read an official file, show the difference with the catalog and (unless --dry-run) save."""

    file_help = "The file as downloaded from its publisher."

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        self.add_options(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be added, changed and left alone; change nothing.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The account the history records as having made the change.",
        )

    def add_options(self, parser):
        """The command's own options."""

    def exists(self, path: Path) -> bool:
        return path.is_file()

    def read(self, path: Path, options: dict):
        raise NotImplementedError

    def plan(self, parsed) -> importer.ImportPlan:
        raise NotImplementedError

    def handle(self, *args, file, dry_run, user, make_current=False, **options):
        path = Path(file)
        if not self.exists(path):
            raise CommandError(f"{file} does not exist.")
        changed_by = None
        if user:
            changed_by = get_user_model().objects.filter(username=user).first()
            if changed_by is None:
                raise CommandError(f"There is no user {user!r}.")
        try:
            parsed = self.read(path, options)
            # Planned and written in one transaction, so what is written is what was compared.
            with transaction.atomic():
                plan = self.plan(parsed)
                if not dry_run:
                    reason = f"{self.command_name} {path.name}, run by {login_name()}"
                    importer.apply(plan, user=changed_by, reason=reason, make_current=make_current)
        except (bls.BLSFileError, importer.ImportProblem) as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(
                f"{path.name} was not imported, nothing was saved: {error}"
            ) from None
        for line in plan.lines():
            self.stdout.write(line)
        current = (
            f"OEWS {plan.release.reference_period}"
            if plan.release
            else ", ".join(map(str, plan.projections))
        )
        if dry_run:
            if make_current:
                self.stdout.write(f"Would make {current} current.")
            self.stdout.write("Dry run: nothing was changed.")
        elif make_current:
            self.stdout.write(self.style.SUCCESS(f"Saved; {current} is now current."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Saved." if plan.has_changes else "Nothing to save.")
            )


class BLSImportCommand(ImportCommand):
    """A BLS workbook: which occupations to read, and whether its release becomes current."""

    file_help = "The workbook as downloaded from BLS (.xlsx)."

    def add_options(self, parser):
        parser.add_argument(
            "--occ",
            default=bls.DEFAULT_OCCUPATION,
            type=occupation_codes,
            metavar="SOC[,SOC…]|all",
            help=(
                f"Occupation code(s) to import, comma-separated, or 'all' for every occupation in "
                f"the file (default {bls.DEFAULT_OCCUPATION})."
            ),
        )
        parser.add_argument(
            "--make-current",
            action="store_true",
            help="Also make the imported release the one the planner and salary pages show.",
        )


def login_name() -> str:
    """Who ran the command, as the operating system knows them (for the history's reason)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "an unknown system user"


def occupation_codes(value: str) -> list[str] | None:
    """--occ: SOC codes separated by commas, or "all" (None) for every occupation in the file."""
    if value.strip().lower() == "all":
        return bls.EVERY_OCCUPATION
    codes = [code.strip() for code in value.split(",") if code.strip()]
    wrong = [code for code in codes if not re.fullmatch(r"\d\d-\d{4}", code)]
    if wrong or not codes:
        raise argparse.ArgumentTypeError(
            f"{', '.join(wrong) or 'nothing'} is not a SOC code such as 29-2072 (or 'all')."
        )
    return codes
