from django.core.management.base import BaseCommand

from meetings.encounters import regroup_all
from meetings.management.options import iso_date


class Command(BaseCommand):
    help = (
        "Group the archive's records into encounters (one contact, all its records) by the "
        "current rules, as imports do for the days they write: for an archive imported "
        "before encounters, or after the rules changed. What editors joined or split stays."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=iso_date, help="First date, YYYY-MM-DD.")
        parser.add_argument("--until", type=iso_date, help="Last date, YYYY-MM-DD.")

    def handle(self, *args, since, until, **options):
        changed, total = regroup_all(since=since, until=until)
        self.stdout.write(self.style.SUCCESS(f"{changed} of {total} record(s) changed encounter."))
