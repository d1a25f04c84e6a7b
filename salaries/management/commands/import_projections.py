from salaries import bls, importer
from salaries.management.import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import occupations' projections from the BLS Employment Projections workbook "
        "(occupation.xlsx, Table 1.2). Shows what is added, changed and left alone; saves it in "
        "one transaction, or nothing."
    )
    command_name = "import_projections"

    def read(self, path, occupations):
        return bls.read_projections_occupations(path, occupations=occupations)

    def plan(self, parsed):
        return importer.plan_projections_of(parsed)
