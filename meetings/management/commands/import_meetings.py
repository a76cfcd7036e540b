import json
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from meetings.importers import parallel
from meetings.importers.loader import small_statement_cache
from meetings.importers.session import ImportFailed, ImportSession, is_draft, with_source_name
from meetings.importers.sources import expand_paths
from meetings.importers.transcript import NO_DATE
from meetings.management.options import iso_date


class Command(BaseCommand):
    help = (
        "Import meeting records: text files (*.txt), saved web pages (*.html, *.htm, *.mhtml), "
        "export files (*.jsonl), directories (searched recursively) or '-' for standard input. A "
        "record that prints no date is kept as a draft for an editor to date in the admin."
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
            "--date",
            type=iso_date,
            help="Date (YYYY-MM-DD) for documents that show none (else they become drafts).",
        )
        parser.add_argument(
            "--source-name", default="", help="Publisher of the documents that name none."
        )
        parser.add_argument(
            "--reread",
            action="store_true",
            help="Read again documents imported before and write their records anew (what "
            "editors corrected stays): what this version of the importer reads better "
            "reaches them.",
        )

    def handle(self, *args, paths, dry_run, format, strict, no_progress, verbosity, **options):
        self.verbosity = verbosity
        self.json_output = format == "json"
        self.strict = strict
        self.counts = Counter()
        self.unresolved = Counter()
        try:
            files = expand_paths(paths)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        progress = Progress(
            self.stderr, total=len(files), enabled=not no_progress and not self.json_output
        )
        stdin = options.get("stdin") or sys.stdin.buffer
        with parallel.few_collections():
            self._run(files, stdin, dry_run, strict, options, progress)
        progress.done()
        self._report(dry_run=dry_run)
        if self.counts["failed"]:
            raise CommandError(
                f"{self.counts['failed']} document(s) could not be imported; see above."
            )

    def _run(self, files, stdin, dry_run, strict, options, progress):
        """Parse and write (or only parse) the files, closing the session whatever happens."""
        session = None
        if not dry_run:
            small_statement_cache()
            # PostgreSQL, many files: each batch's search vectors are computed on a second
            # connection while the batch before is written.
            session = ImportSession(
                strict=strict,
                vectors_ahead=not strict
                and connection.vendor == "postgresql"
                and len(files) >= parallel.PARALLEL_FROM,
                source_name=options["source_name"],
                reread=options["reread"],
                on_result=self._written,
                on_failure=self._failed,
            )
            self.counts = session.counts
        try:
            self._import(
                files, stdin, options.get("date"), options["source_name"], session, progress
            )
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if session is not None:
                session.close()

    def _import(self, files, stdin, default_date, source_name, session, progress):
        for results in parallel.parse_all(files, stdin, default_date):
            progress.step()
            for name, parsed, error, notice in results:
                parsed = with_source_name(parsed, source_name)  # the dry run shows it too
                if notice:
                    self.stderr.write(f"{name}: {notice}")
                if self.json_output:  # one object per document, failed ones included
                    self._print(name, parsed, error)
                if session is not None:
                    session.add(name, parsed, error)
                    continue
                # A dry run: what an import would do with the document, written nowhere.
                if error is not None and not is_draft(parsed, error):
                    self.counts["failed"] += 1
                    self._failed(name, error)
                    if self.strict:
                        raise CommandError(f"{name}: {error}")
                    continue
                self.unresolved.update(parsed.unresolved_labels)
                self.counts["draft" if error else "parsed"] += 1
                if error:
                    self._written(name, parsed, "draft", None)
        if session is not None:
            self.unresolved = session.unresolved

    def _print(self, name, parsed, error):
        record = parsed.as_json() if parsed else {"source_file": Path(name).name}
        if error is not None:
            record["error"] = error
        self.stdout.write(json.dumps(record, ensure_ascii=False))

    def _written(self, name, parsed, status, meeting_id):
        if status == "draft":
            self.stderr.write(f"{name}: {NO_DATE}; kept as a draft for an editor to date")
        if self.verbosity >= 2 and not self.json_output:
            self.stdout.write(
                f"{name}: {status}: {parsed.date or 'no date'} {parsed.title[:70]} "
                f"({len(parsed.statements)} statements)"
            )

    def _failed(self, name, error):
        self.stderr.write(f"{name}: {error}")

    def _report(self, *, dry_run):
        out = self.stderr if self.json_output else self.stdout
        counts = self.counts
        drafts = ""
        if counts["draft"]:
            drafts = f"{counts['draft']} {'to keep' if dry_run else 'kept'} as drafts (no date), "
        if dry_run:
            line = (
                f"{counts['parsed']} parsed, {drafts}{counts['failed']} failed "
                "(dry run: nothing written)."
            )
        else:
            line = (
                f"{counts['created']} created, {counts['updated']} updated, "
                f"{counts['merged']} merged into existing meetings, "
                f"{counts['unchanged']} unchanged, {drafts}{counts['failed']} failed."
            )
        out.write(self.style.SUCCESS(line) if not counts["failed"] else line)
        if self.unresolved:
            total = sum(self.unresolved.values())
            out.write(f"{total} statement label(s) left unresolved; most frequent:")
            for label, n in self.unresolved.most_common(10):
                out.write(f"  {n:>5}  {label}")


class Progress:
    """A one-line progress bar on a terminal; silent when output is redirected."""

    def __init__(self, stream, *, total, enabled):
        self.stream = stream
        self.enabled = enabled and getattr(stream, "isatty", lambda: False)()
        self.total = total
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
