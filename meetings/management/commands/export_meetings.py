import csv
import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from meetings.importers.exchange import meeting_to_json
from meetings.management.options import iso_date
from meetings.models import Country, Meeting, MeetingSource, Participant, Person, Statement
from meetings.opendata.safe import spreadsheet_cell


class Command(BaseCommand):
    help = "Write the archive (or part of it) as JSON lines or CSV (one row per statement)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--country", action="append", default=[], help="ISO code; repeatable.")
        parser.add_argument(
            "--person", action="append", default=[], help="Person slug; repeatable."
        )
        parser.add_argument("--since", type=iso_date, help="First date, YYYY-MM-DD.")
        parser.add_argument("--until", type=iso_date, help="Last date, YYYY-MM-DD.")
        parser.add_argument(
            "--no-original", action="store_true", help="Leave out the documents' original text."
        )

    def handle(self, *args, format, country, person, since, until, no_original, **options):
        meetings = Meeting.objects.select_related("host_country", "publisher_country").order_by(
            "date", "pk"
        )
        for code in country:
            if not Country.objects.filter(iso_code=code.upper()).exists():
                raise CommandError(f"--country: unknown ISO code {code!r}")
            meetings = meetings.filter(countries__iso_code=code.upper())
        for slug in person:
            if not Person.objects.filter(slug=slug).exists():
                raise CommandError(f"--person: no person with slug {slug!r}")
            meetings = meetings.filter(participants__person__slug=slug)
        if since:
            meetings = meetings.filter(date__gte=since)
        if until:
            meetings = meetings.filter(date__lte=until)
        meetings = meetings.distinct().prefetch_related(
            "countries",
            "mentioned_countries",
            Prefetch("participants", Participant.objects.select_related("person", "country")),
            Prefetch("statements", Statement.objects.order_by("position")),
            Prefetch("sources", MeetingSource.objects.order_by("imported_at", "pk")),
        )
        if format == "jsonl":
            for meeting in meetings.iterator(chunk_size=500):
                record = meeting_to_json(meeting, with_original=not no_original)
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(
            [
                "meeting_url",
                "date",
                "title",
                "kind",
                "record_type",
                "countries",
                "position",
                "speaker",
                "speaker_label",
                "interpreted",
                "text",
                "person",
                "mentioned_countries",
                "encounter",
            ]
        )
        for meeting in meetings.iterator(chunk_size=500):
            record = meeting_to_json(meeting, with_original=False)
            for s in record["statements"]:
                writer.writerow(
                    spreadsheet_cell(value)
                    for value in [
                        record["url"],
                        record["date"],
                        record["title"],
                        record["kind"],
                        record["record_type"],
                        " ".join(record["countries"]),
                        s["position"],
                        s["speaker"] or "",
                        s["speaker_label"],
                        s["interpreted"],
                        s["text"],
                        s["person"] or "",
                        " ".join(record["mentioned_countries"]),
                        record["encounter"] or "",
                    ]
                )
