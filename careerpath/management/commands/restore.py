from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, IntegrityError, transaction

from careerpath.catalog import bump, catalog_is_empty


class Command(BaseCommand):
    help = "Load a backup written by `backup` into an empty, migrated database, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        if not Path(file).is_file():
            raise CommandError(f"No backup file at {file}.")
        if not catalog_is_empty():
            raise CommandError(
                "This database already holds a catalog: restore into an empty one "
                "(a new database, migrated) so nothing is mixed or overwritten."
            )
        try:
            with transaction.atomic():
                call_command("loaddata", file, verbosity=0)
                bump()
        except (DatabaseError, IntegrityError, ValueError) as error:
            raise CommandError(
                f"The backup could not be restored, nothing was saved: {error}"
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {file}"))
