from django.core.management.base import BaseCommand

from meetings.people import repair_archive


class Command(BaseCommand):
    help = (
        "Apply the current rules for people and countries to an archive built by earlier "
        "ones: remove people that name nobody (their statements stay, unattributed, with "
        "their labels), strip office words from names, merge people that are certainly one, "
        "and split each meeting's countries into parties and countries only mentioned."
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
            f"{counts['merged']} duplicate(s) merged, {counts['country']} person(s) given a "
            f"country, {counts['meetings']} meeting(s) with their parties and mentioned "
            "countries split"
        )
        suffix = " (dry run: nothing written)." if dry_run else "."
        self.stdout.write(self.style.SUCCESS(summary + suffix))
