from salaries import bls, importer
from salaries.management.import_command import BLSImportCommand


class Command(BLSImportCommand):
    help = (
        "Import occupations' projections from the BLS Employment Projections workbook "
        "(occupation.xlsx, Table 1.2). Shows what is added, changed and left alone; saves it in "
        "one transaction, or nothing."
    )
    command_name = "import_projections"

    def read(self, path, options):
        return bls.read_projections_occupations(path, occupations=options["occ"])

    def plan(self, parsed):
        return importer.plan_projections_of(parsed)
