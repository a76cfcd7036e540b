from django.core.management.base import BaseCommand

from meetings.encounters import regroup_all
from meetings.people import repair_archive


class Command(BaseCommand):
    help = (
        "Apply the current rules for people and countries to an archive built by earlier "
        "ones: remove people that name nobody (their statements stay, unattributed, with "
        "their labels), strip office words from names, merge people that are certainly one, "
        "join people known by the surname alone to the full-named person whose office and "
        "time fit, give people and their records their country, let officials act for their "
        "organisations, split each meeting's countries into parties (the publisher's among "
        "them) and countries only mentioned, name people by the fullest name in use, and "
        "group the records into encounters again (their people may be others now)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        report = self.stdout.write if verbosity >= 2 else (lambda line: None)
        counts = repair_archive(dry_run=dry_run, report=report)
        summary = (
            f"{counts['removed']} non-person(s) removed, {counts['renamed']} name(s) cleaned, "
            f"{counts['merged']} duplicate(s) merged, {counts['joined']} known by the surname "
            f"alone joined, {counts['participants']} participant(s) given their role's country, "
            f"{counts['country']} person(s) given a country, "
            f"{counts['organisation']} acting for an organisation, {counts['meetings']} "
            "meeting(s) with their parties and mentioned countries split"
        )
        if not dry_run:
            summary += f", {regroup_all()[0]} record(s) moved to another encounter"
        suffix = " (dry run: nothing written)." if dry_run else "."
        self.stdout.write(self.style.SUCCESS(summary + suffix))
