from salaries import importer, onet
from salaries.management.import_command import ImportCommand
from salaries.models import Occupation


class Command(ImportCommand):
    help = (
        "Import what O*NET says of the catalog's occupations (description, tasks, technology, "
        "titles) from a folder of O*NET database files by their official names, .txt or .xlsx. "
        "Shows what is added, changed, left alone and removed; saves it in one transaction, or "
        "nothing."
    )
    command_name = "import_onet"
    file_help = "The folder of O*NET database files (the full database or a subset)."

    def add_options(self, parser):
        parser.add_argument(
            "--release",
            default="",
            help="The O*NET release (29.3), when the folder has no Read Me.txt naming it.",
        )

    def exists(self, path):
        return path.is_dir()

    def read(self, path, options):
        return onet.read_onet(path, occupations=catalog_occupations(), release=options["release"])

    def plan(self, parsed):
        return importer.plan_onet(parsed)


def catalog_occupations() -> list[str]:
    """The occupations a role or stage is priced on: the only ones worth keeping."""
    codes = list(Occupation.objects.described_by_catalog().values_list("soc_code", flat=True))
    if not codes:
        raise importer.ImportProblem(
            "No role or stage is priced on an occupation yet: load the catalog first."
        )
    return sorted(codes)
