from salaries import bls, importer
from salaries.management.import_command import BLSImportCommand


class Command(BLSImportCommand):
    help = (
        "Import occupations' wages from an official OEWS workbook (national, state, metro or "
        "industry file, .xlsx as BLS publishes it). Shows what is added, changed and left alone; "
        "saves everything in one transaction, or nothing."
    )
    command_name = "import_oews"

    def read(self, path, options):
        return bls.read_oews_occupations(path, occupations=options["occ"])

    def plan(self, parsed):
        return importer.plan_oews(parsed)
