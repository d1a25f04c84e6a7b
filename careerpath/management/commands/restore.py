import re
import shutil
import tempfile
import warnings
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from careerpath.catalog import bump, catalog_is_empty

# What `backup` can write (dumpdata's JSON, plain or compressed): the newest first.
BACKUP_SUFFIXES = (".json.gz", ".json.bz2", ".json.xz", ".json.lzma", ".json.zip", ".json")


class Command(BaseCommand):
    help = "Load a backup written by `backup` into an empty, migrated database, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No backup file at {file}.")
        suffix = next((s for s in BACKUP_SUFFIXES if path.name.endswith(s)), None)
        if suffix is None:
            raise CommandError(
                f"{file} is not a backup: `backup` writes .json or .json.gz files "
                f"({', '.join(BACKUP_SUFFIXES)} are restored)."
            )
        try:
            empty = catalog_is_empty()
        except DatabaseError as error:
            raise CommandError(
                f"The database is not ready ({' '.join(str(error).split())}): run "
                "`manage.py migrate` first (`make restore` does)."
            ) from None
        if not empty:
            raise CommandError(
                "This database already holds a catalog: restore into an empty one "
                "(a new database, migrated) so nothing is mixed or overwritten."
            )
        try:
            with (
                tempfile.TemporaryDirectory() as folder,
                transaction.atomic(),
                # loaddata only warns of a file without records; the check below says so.
                warnings.catch_warnings(action="ignore"),
            ):
                # loaddata looks a name up with every extension it knows (backup.json finds
                # backup.json.gz beside it too): a copy alone in a folder is exactly this file.
                copy = Path(folder) / f"backup{suffix}"
                shutil.copyfile(path, copy)
                call_command("loaddata", str(copy), verbosity=0)
                if catalog_is_empty():
                    raise NotABackup("it holds no catalog, so it is not a Careerpath backup")
                bump()
        except Exception as error:  # whatever the file holds: one line, and nothing saved
            raise CommandError(
                f"{file} could not be restored, nothing was saved: {what_went_wrong(error)}"
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {file}"))


class NotABackup(Exception):
    """A file that loads but holds no catalog: another project's data, or an empty backup."""


FIXTURE_PREFIX = re.compile(r"^Problem installing fixtures? '[^']*': ")


def what_went_wrong(error: BaseException) -> str:
    """The first cause that says something, on one line. loaddata wraps a damaged file's error
    ("Problem installing fixture '…': " around a DeserializationError around, say, a
    JSONDecodeError), sometimes with nothing but the file name in the outer messages."""
    cause: BaseException | None = error
    while cause is not None:
        message = " ".join(FIXTURE_PREFIX.sub("", str(cause)).split())
        if isinstance(cause, NotABackup):
            return message
        if message:
            return f"{type(cause).__name__}: {message}"
        cause = cause.__cause__ or cause.__context__
    return type(error).__name__
