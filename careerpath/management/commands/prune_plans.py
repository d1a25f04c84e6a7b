from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from careerpath.models import KeptPlan, SharedPlan


class Command(BaseCommand):
    help = (
        "Delete kept plans (with their CEU logs) nobody has opened for "
        "DJANGO_MY_PLAN_RETENTION_DAYS days, and share links nobody has opened or shared again "
        "for DJANGO_SHARE_RETENTION_DAYS days (730 each by default: 24 months)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be deleted."
        )

    def handle(self, *args, dry_run, **options):
        now = timezone.now()
        kept_days, shared_days = settings.MY_PLAN_RETENTION_DAYS, settings.SHARE_RETENTION_DAYS
        stale = [
            (
                "kept plan(s)",
                KeptPlan.objects.not_opened_since(now - timedelta(days=kept_days)),
                kept_days,
            ),
            (
                "share link(s)",
                SharedPlan.objects.not_used_since(now - timedelta(days=shared_days)),
                shared_days,
            ),
        ]
        for what, rows, days in stale:
            count = rows.count()
            if dry_run:
                self.stdout.write(f"{count} {what} unused for {days} days would be deleted.")
            else:
                rows.delete()  # a kept plan's CEU log goes with it
                self.stdout.write(f"Deleted {count} {what} unused for {days} days.")
