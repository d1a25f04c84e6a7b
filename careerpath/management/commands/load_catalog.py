from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

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
        # An empty catalog is loaded by the check itself: each record is saved as it is
        # checked, and kept only if every file is valid (one transaction).
        load = not check and catalog_is_empty()
        try:
            with transaction.atomic():
                counts = validate_files(paths, keep=load)
                if load:
                    bump()
        except FixtureError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(
                f"The catalog could not be loaded, nothing was saved: {error}"
            ) from None
        total = sum(counts.values())
        if check:
            self.stdout.write(f"{len(paths)} fixture file(s) valid: {total} records.")
            return
        if not load:
            self.stdout.write("The catalog already has data: left as it is (admin edits are kept).")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Catalog loaded: {total} records from {len(paths)} file(s).")
        )
