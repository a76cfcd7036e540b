import collections
import json
import multiprocessing
import queue
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, connections

from meetings.importers.exchange import parsed_from_json
from meetings.importers.loader import Loader, statement_vectors
from meetings.importers.sources import decode, expand_paths, iter_jsonl
from meetings.importers.transcript import TranscriptError, parse_transcript
from meetings.management.options import iso_date

BATCH_SIZE = 500  # documents written per bulk transaction
PARALLEL_FROM = 200  # parse in worker processes from this many files on
PARSE_WORKERS = 2  # the main process mostly waits on the database meanwhile
CHUNK = 20  # files sent to a worker at a time
IN_FLIGHT = 15  # chunks handed to each worker ahead of the writer: more than a batch in all


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


def _parse_worker(tasks, results, default_date):
    """A worker process: parse each chunk of file names it is sent, until it is sent None.

    A thread sends the results, so that parsing goes on while the writer is busy and the
    results wait in the pipe.
    """
    outbox = queue.SimpleQueue()

    def send():
        while (item := outbox.get()) is not None:
            results.send(item)

    sender = threading.Thread(target=send)
    sender.start()
    while (names := tasks.recv()) is not None:
        try:
            outbox.put([parse_file(name, None, default_date) for name in names])
        except Exception as exc:  # a bug: raised again in the main process
            outbox.put(exc)
    outbox.put(None)
    sender.join()


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
        # PostgreSQL, many files: each batch's search vectors are computed on a second
        # connection while the batch before is written.
        writer = BatchWriter(
            self._write,
            vectors_ahead=not dry_run
            and not strict
            and connection.vendor == "postgresql"
            and len(files) >= PARALLEL_FROM,
        )
        try:
            self._import(files, stdin, options.get("date"), writer, progress, dry_run, strict)
        finally:
            writer.close()
        progress.done()
        self._report(dry_run=dry_run)
        if self.counts["failed"]:
            raise CommandError(
                f"{self.counts['failed']} document(s) could not be imported; see above."
            )

    def _import(self, files, stdin, default_date, writer, progress, dry_run, strict):
        batch = []
        for results in self._parsed(files, stdin, default_date):
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
                    writer.add(batch)
                    batch = []
        if batch:
            writer.add(batch)

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
        workers = []
        for _ in range(PARSE_WORKERS):
            task_reader, task_writer = context.Pipe(duplex=False)
            result_reader, result_writer = context.Pipe(duplex=False)
            process = context.Process(
                target=_parse_worker, args=(task_reader, result_writer, default_date)
            )
            process.start()
            task_reader.close()
            result_writer.close()
            workers.append((process, task_writer, result_reader))
        # Chunk n goes to worker n % PARSE_WORKERS, and its results are read back in that
        # order. Each worker holds IN_FLIGHT chunks at most, so parsed documents never pile up
        # faster than they are written and memory stays flat however many files there are.
        # (multiprocessing.Pool's threads spent a fifth of the writer's time polling.)
        chunks = [files[n : n + CHUNK] for n in range(0, len(files), CHUNK)]
        ahead = PARSE_WORKERS * IN_FLIGHT
        try:
            for n, chunk in enumerate(chunks[:ahead]):
                workers[n % PARSE_WORKERS][1].send(chunk)
            for n in range(len(chunks)):
                _, tasks, results = workers[n % PARSE_WORKERS]
                parsed = results.recv()
                if isinstance(parsed, Exception):
                    raise parsed
                if n + ahead < len(chunks):
                    tasks.send(chunks[n + ahead])
                yield from parsed
            for process, tasks, _ in workers:
                tasks.send(None)
                process.join()
        finally:
            for process, tasks, results in workers:
                if process.is_alive():
                    process.terminate()
                    process.join()
                tasks.close()
                results.close()

    def _write(self, batch, vectors=None):
        results = self.loader.load_batch([parsed for _, parsed in batch], vectors)
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


class BatchWriter:
    """Writes batches in order. With vectors_ahead (PostgreSQL), the search vectors of a
    batch's statements are computed on a second connection, in a thread, while the batch
    before is written: computing them was half the time of writing a batch."""

    def __init__(self, write, *, vectors_ahead):
        self.write = write
        self.executor = ThreadPoolExecutor(max_workers=1) if vectors_ahead else None
        self.pending = None

    def add(self, batch):
        if self.executor is None:
            self.write(batch)
            return
        future = self.executor.submit(_vectors, [parsed for _, parsed in batch])
        self._flush()
        self.pending = (batch, future)

    def _flush(self):
        if self.pending is not None:
            batch, future = self.pending
            self.pending = None
            self.write(batch, future.result())

    def close(self):
        try:
            self._flush()
        finally:
            if self.executor is not None:
                self.executor.submit(connections.close_all).result()
                self.executor.shutdown()


def _vectors(batch):
    try:
        return statement_vectors(batch)
    except DatabaseError:
        return None  # the database computes them as it inserts the rows


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
