"""Parse many files at once, in worker processes, and hand the results back in order.

The parser touches no database, so the workers only read files and parse them while the
main process writes what they return.
"""

import contextlib
import gc
import multiprocessing
import queue
import signal
import threading
from pathlib import Path

from django.db import connections

from meetings.importers.exchange import parsed_from_json
from meetings.importers.html import looks_like_html
from meetings.importers.sources import decode, iter_jsonl
from meetings.importers.transcript import TranscriptError, parse_html, parse_transcript

PARALLEL_FROM = 200  # parse in worker processes from this many files on
PARSE_WORKERS = 2  # the main process mostly waits on the database meanwhile
CHUNK = 20  # files sent to a worker at a time
IN_FLIGHT = 15  # chunks handed to each worker ahead of the writer: more than a batch in all


@contextlib.contextmanager
def few_collections():
    """Run Python's cyclic garbage collector seldom, over what was made meanwhile.

    It scans every object the process holds each time enough new ones are made, and an
    import makes millions (freed at once by reference counting, cycles or not) while it
    holds the archive's people and places: 20,000 documents cost the writer 1.9 s of
    collections, a seventh of its time. What was made before is frozen out of the scans
    (the parse workers, forked meanwhile, inherit that), and they run a tenth as often.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10 * thresholds[0], *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def parse_file(name, data=None, default_date=None):
    """[(name, ParsedMeeting or None, error or None, notice or None)] for one file.

    With an error, the ParsedMeeting is what could be read of the refused document, if
    anything (a document without a date, say), for reports.
    """
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
    parse = parse_html if looks_like_html(name, data) else parse_transcript
    try:
        parsed = parse(text, source_file=Path(name).name, default_date=default_date)
    except TranscriptError as exc:
        return [(name, exc.parsed, str(exc), notice)]
    return [(name, parsed, None, notice)]


def _parse_worker(tasks, results, default_date):
    """A worker process: parse each chunk of file names it is sent, until it is sent None.

    A thread sends the results, so that parsing goes on while the writer is busy and the
    results wait in the pipe.
    """
    # Forked from a process that may handle these signals its own way (a task worker waits
    # for its task to end): a parse worker stops when it is told to.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    outbox = queue.SimpleQueue()

    def send():
        while (item := outbox.get()) is not None:
            try:
                results.send(item)
            except Exception as exc:  # what cannot be pickled: say so rather than hang
                results.send(RuntimeError(f"a worker could not send its results: {exc!r}"))

    sender = threading.Thread(target=send)
    sender.start()
    while (names := tasks.recv()) is not None:
        try:
            outbox.put([parse_file(name, None, default_date) for name in names])
        except Exception as exc:  # a bug: raised again in the main process
            outbox.put(exc)
    outbox.put(None)
    sender.join()


def parse_all(files, stdin, default_date=None):
    """parse_file's results for each file, in order; parsed in worker processes when there
    are many (PARALLEL_FROM or more) and none is standard input."""
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
    chunks = -(-len(files) // CHUNK)  # chunk n is files[n * CHUNK : (n + 1) * CHUNK]
    ahead = PARSE_WORKERS * IN_FLIGHT
    try:
        for n in range(min(ahead, chunks)):
            workers[n % PARSE_WORKERS][1].send(files[n * CHUNK : (n + 1) * CHUNK])
        for n in range(chunks):
            _, tasks, results = workers[n % PARSE_WORKERS]
            parsed = results.recv()
            if isinstance(parsed, Exception):
                raise parsed
            if n + ahead < chunks:
                tasks.send(files[(n + ahead) * CHUNK : (n + ahead + 1) * CHUNK])
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
