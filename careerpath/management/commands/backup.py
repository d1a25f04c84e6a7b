from datetime import UTC, datetime
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Transient or rebuilt-by-migrate tables: not part of a backup.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "careerpath.catalogversion",  # a change stamp: restore sets a new one
    "salaries.pendingimport",  # an admin upload awaiting confirmation, gone within the hour
]


class Command(BaseCommand):
    help = "Write every row worth keeping to a portable JSON file (natural keys, any database)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write (.json, .json.gz …).")

    def handle(self, *args, file, **options):
        if not file:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            file = f"backups/careerpath-{stamp}.json.gz"
        Path(file).parent.mkdir(parents=True, exist_ok=True)
        call_command(
            "dumpdata",
            *[f"--exclude={label}" for label in EXCLUDED],
            natural_foreign=True,
            natural_primary=True,
            indent=None,
            output=file,
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}"))
