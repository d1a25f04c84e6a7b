from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from careerpath.models import KeptPlan


class Command(BaseCommand):
    help = (
        "Delete kept plans (and their CEU logs) nobody has opened for "
        "DJANGO_MY_PLAN_RETENTION_DAYS days (730 by default: 24 months)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be deleted."
        )

    def handle(self, *args, dry_run, **options):
        days = settings.MY_PLAN_RETENTION_DAYS
        stale = KeptPlan.objects.not_opened_since(timezone.now() - timedelta(days=days))
        count = stale.count()
        if dry_run:
            self.stdout.write(f"{count} kept plan(s) not opened for {days} days would be deleted.")
            return
        stale.delete()  # their CEU logs go with them
        self.stdout.write(f"Deleted {count} kept plan(s) not opened for {days} days.")
