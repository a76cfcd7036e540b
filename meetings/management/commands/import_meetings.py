import datetime
import json
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.importers.exchange import parsed_from_json
from meetings.importers.loader import Loader
from meetings.importers.sources import decode, expand_paths, iter_documents, iter_jsonl
from meetings.importers.transcript import TranscriptError, parse_transcript


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date: {value!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = (
        "Import meeting records: text files (*.txt), export files (*.jsonl), directories "
        "(searched recursively) or '-' for standard input."
    )

    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, directories, or - for stdin.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="json: one JSON object per document on standard output.",
        )
        parser.add_argument("--strict", action="store_true", help="Stop at the first failure.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--date", type=iso_date, help="Date (YYYY-MM-DD) for documents that show none."
        )

    def handle(self, *args, paths, dry_run, format, strict, no_progress, verbosity, **options):
        self.default_date = options.get("date")
        loader = None if dry_run else Loader()
        counts = Counter()
        unresolved = Counter()
        progress = Progress(self.stderr, enabled=not no_progress and format == "text")
        try:
            files = expand_paths(paths)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        progress.total = len(files)
        stdin = options.get("stdin") or sys.stdin.buffer
        for document in iter_documents(files, stdin=stdin):
            for name, parsed, error in self._parse(document):
                progress.step()
                if error is not None:
                    counts["failed"] += 1
                    self.stderr.write(f"{name}: {error}")
                    if strict:
                        raise CommandError(f"{name}: {error}")
                    continue
                unresolved.update(parsed.unresolved_labels)
                if format == "json":
                    self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False))
                if dry_run:
                    counts["parsed"] += 1
                    continue
                try:
                    result = loader.load(parsed)
                except Exception as exc:  # a database error: report the file, keep going
                    counts["failed"] += 1
                    self.stderr.write(f"{name}: could not be saved: {exc}")
                    if strict:
                        raise CommandError(f"{name}: could not be saved: {exc}") from exc
                    continue
                counts[result.status] += 1
                if verbosity >= 2 and format == "text":
                    self.stdout.write(
                        f"{name}: {result.status}: {parsed.date} {parsed.title[:70]} "
                        f"({len(parsed.statements)} statements)"
                    )
        progress.done()
        self._report(counts, unresolved, dry_run=dry_run, json_output=format == "json")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} document(s) could not be imported; see above.")

    def _parse(self, document):
        """Yield (name, ParsedMeeting or None, error or None) for each meeting of a document."""
        name = document.name
        try:
            text, notice = decode(document.data)
        except TranscriptError as exc:
            yield name, None, exc
            return
        if notice:
            self.stderr.write(f"{name}: {notice}")
        if name.endswith(".jsonl"):
            try:
                for number, record in iter_jsonl(text):
                    try:
                        yield f"{name}:{number}", parsed_from_json(record, line=number), None
                    except TranscriptError as exc:
                        yield name, None, exc
            except TranscriptError as exc:
                yield name, None, exc
            return
        try:
            parsed = parse_transcript(
                text, source_file=Path(name).name, default_date=self.default_date
            )
            yield name, parsed, None
        except TranscriptError as exc:
            yield name, None, exc

    def _report(self, counts, unresolved, *, dry_run, json_output):
        out = self.stderr if json_output else self.stdout
        if dry_run:
            line = (
                f"{counts['parsed']} parsed, {counts['failed']} failed (dry run: nothing written)."
            )
        else:
            line = (
                f"{counts['created']} created, {counts['updated']} updated, "
                f"{counts['merged']} merged into existing meetings, "
                f"{counts['unchanged']} unchanged, {counts['failed']} failed."
            )
        out.write(self.style.SUCCESS(line) if not counts["failed"] else line)
        if unresolved:
            total = sum(unresolved.values())
            out.write(f"{total} statement label(s) left unresolved; most frequent:")
            for label, n in unresolved.most_common(10):
                out.write(f"  {n:>5}  {label}")


class Progress:
    """A one-line progress bar on a terminal; silent when output is redirected."""

    def __init__(self, stream, *, enabled):
        self.stream = stream
        self.enabled = enabled and getattr(stream, "isatty", lambda: False)()
        self.total = 0
        self.count = 0

    def step(self):
        self.count += 1
        if self.enabled and (self.count % 25 == 0 or self.count == self.total):
            width = 30
            filled = int(width * self.count / max(self.total, 1))
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}", ending=""
            )
            self.stream.flush()

    def done(self):
        if self.enabled:
            self.stream.write("")
