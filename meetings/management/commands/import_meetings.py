import collections
import json
import multiprocessing
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from meetings.importers.exchange import parsed_from_json
from meetings.importers.loader import Loader
from meetings.importers.sources import decode, expand_paths, iter_jsonl
from meetings.importers.transcript import TranscriptError, parse_transcript
from meetings.management.options import iso_date

BATCH_SIZE = 500  # documents written per bulk transaction
PARALLEL_FROM = 200  # parse in a worker process from this many files on
PARSE_WINDOW = 1000  # files parsed ahead of the writer at most
PARSE_WORKERS = 2  # the main process mostly waits on the database meanwhile


def parse_file(name, data=None, default_date=None):
    """[(name, ParsedMeeting or None, error or None, notice or None)] for one file."""
    try:
        data = Path(name).read_bytes() if data is None else data
        text, notice = decode(data)
    except (TranscriptError, OSError) as exc:
        return [(name, None, str(exc), None)]
    if name.endswith(".jsonl"):
        results = []
        try:
            for number, record in iter_jsonl(text):
                try:
                    results.append(
                        (f"{name}:{number}", parsed_from_json(record, line=number), None, notice)
                    )
                except TranscriptError as exc:
                    results.append((name, None, str(exc), notice))
        except TranscriptError as exc:
            results.append((name, None, str(exc), notice))
        return results
    try:
        parsed = parse_transcript(text, source_file=Path(name).name, default_date=default_date)
    except TranscriptError as exc:
        return [(name, None, str(exc), notice)]
    return [(name, parsed, None, notice)]


def _parse_in_worker(args):
    return parse_file(*args)


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
            "--date",
            type=iso_date,
            help="Date (YYYY-MM-DD) for documents that show none.",
        )

    def handle(self, *args, paths, dry_run, format, strict, no_progress, verbosity, **options):
        self.verbosity = verbosity
        self.json_output = format == "json"
        self.strict = strict
        self.counts = collections.Counter()
        self.unresolved = collections.Counter()
        self.loader = None if dry_run else Loader()
        try:
            files = expand_paths(paths)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        progress = Progress(
            self.stderr, total=len(files), enabled=not no_progress and not self.json_output
        )
        stdin = options.get("stdin") or sys.stdin.buffer
        batch = []
        for results in self._parsed(files, stdin, options.get("date")):
            progress.step()
            for name, parsed, error, notice in results:
                if notice:
                    self.stderr.write(f"{name}: {notice}")
                if error is not None:
                    self._fail(name, error)
                    continue
                self.unresolved.update(parsed.unresolved_labels)
                if self.json_output:
                    self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False))
                if dry_run:
                    self.counts["parsed"] += 1
                    continue
                batch.append((name, parsed))
                if len(batch) >= BATCH_SIZE or strict:
                    self._write(batch)
                    batch = []
        if batch:
            self._write(batch)
        progress.done()
        self._report(dry_run=dry_run)
        if self.counts["failed"]:
            raise CommandError(
                f"{self.counts['failed']} document(s) could not be imported; see above."
            )

    def _parsed(self, files, stdin, default_date):
        """Parse results per file, in order; in a worker process when there are many."""
        if "-" in files or len(files) < PARALLEL_FROM:
            for name in files:
                if name == "-":
                    yield parse_file("<stdin>", stdin.read(), default_date)
                else:
                    yield parse_file(name, None, default_date)
            return
        # The workers are forked: close our connections so they do not share their sockets.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(processes=PARSE_WORKERS) as pool:
            # Two windows in flight at most, so parsed documents never pile up faster than
            # they are written (memory stays flat however many files there are), and the
            # workers parse the next window while the last batches of this one are written.
            pending = collections.deque()
            for start in range(0, len(files), PARSE_WINDOW):
                window = files[start : start + PARSE_WINDOW]
                pending.append(
                    pool.imap(
                        _parse_in_worker, ((n, None, default_date) for n in window), chunksize=20
                    )
                )
                if len(pending) == 2:
                    yield from pending.popleft()
            while pending:
                yield from pending.popleft()

    def _write(self, batch):
        results = self.loader.load_batch([parsed for _, parsed in batch])
        for (name, parsed), result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                self._fail(name, f"could not be saved: {result}")
                continue
            self.counts[result.status] += 1
            if self.verbosity >= 2 and not self.json_output:
                self.stdout.write(
                    f"{name}: {result.status}: {parsed.date} {parsed.title[:70]} "
                    f"({len(parsed.statements)} statements)"
                )

    def _fail(self, name, error):
        self.counts["failed"] += 1
        self.stderr.write(f"{name}: {error}")
        if self.strict:
            raise CommandError(f"{name}: {error}")

    def _report(self, *, dry_run):
        out = self.stderr if self.json_output else self.stdout
        counts = self.counts
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
