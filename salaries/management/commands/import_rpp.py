import argparse

from salaries import bea, importer
from salaries.management.import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import BEA's regional price parities by state (all items) from the SARPP table, .csv "
        "as BEA publishes it. Shows what is added, changed and left alone; saves it in one "
        "transaction, or nothing."
    )
    command_name = "import_rpp"
    file_help = "BEA's SARPP_STATE_<years>.csv."

    def add_options(self, parser):
        parser.add_argument(
            "--year",
            action="append",
            type=year,
            dest="years",
            metavar="YYYY",
            help="A year to import (repeatable; default the latest year of the file).",
        )

    def read(self, path, options):
        self.years = options["years"]
        return bea.read_rpp(path)

    def plan(self, parsed):
        return importer.plan_rpp(parsed, years=self.years)


def year(value: str) -> int:
    if not value.isdigit() or len(value) != 4:
        raise argparse.ArgumentTypeError(f"{value!r} is not a year such as 2023.")
    return int(value)
