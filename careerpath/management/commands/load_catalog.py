from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, IntegrityError, transaction

from careerpath.catalog import bump, catalog_is_empty
from careerpath.fixture_check import FixtureError, validate_files


class Command(BaseCommand):
    help = (
        "Validate the catalog fixtures and load them into an empty database. A database that "
        "already holds catalog rows is left exactly as it is, so admin edits are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            help="Fixture files (default: every *.json in FIXTURE_DIRS).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only validate the files; load nothing.",
        )

    def handle(self, *args, files, check, **options):
        paths = [Path(f) for f in files] or sorted(
            path for folder in settings.FIXTURE_DIRS for path in Path(folder).glob("*.json")
        )
        if not paths:
            raise CommandError("No catalog fixture files found.")
        try:
            counts = validate_files(paths)
        except FixtureError as error:
            raise CommandError(str(error)) from None
        total = sum(counts.values())
        if check:
            self.stdout.write(f"{len(paths)} fixture file(s) valid: {total} records.")
            return
        if not catalog_is_empty():
            self.stdout.write("The catalog already has data: left as it is (admin edits are kept).")
            return
        try:
            with transaction.atomic():
                call_command("loaddata", *map(str, paths), verbosity=0)
                bump()
        except (IntegrityError, DatabaseError) as error:
            raise CommandError(
                f"The catalog could not be loaded, nothing was saved: {error}"
            ) from None
        self.stdout.write(
            self.style.SUCCESS(f"Catalog loaded: {total} records from {len(paths)} file(s).")
        )
