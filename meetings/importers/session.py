"""One import, whoever starts it: the import_meetings command and an upload in the admin
hand it the parser's results, one document at a time,

    session = ImportSession()
    for name, parsed, error, notice in parallel.parse_all(files, stdin):
        session.add(name, parsed, error)
    session.close()
    session.counts   # Counter({"created": 12, "merged": 1, "draft": 2, "failed": 1})

and it writes them in batches (loader.py), keeps a record that shows no date as a draft
for an editor to date (not public until then), and counts what became of each document.
"""

from collections import Counter
from dataclasses import replace

from django.db import IntegrityError, transaction

from meetings.encounters import regroup
from meetings.importers.exchange import parsed_from_json
from meetings.importers.loader import BatchWriter, Loader
from meetings.importers.transcript import NO_DATE
from meetings.models import Draft, MeetingSource, archive_changed

BATCH_SIZE = 500


def is_draft(parsed, error):
    """A document refused only for want of a date, with something to keep (someone quoted
    or named, or a paragraph of text): kept as a draft."""
    return (
        parsed is not None
        and parsed.date is None
        and error == NO_DATE
        and bool(parsed.statements or parsed.participants or len(parsed.summary.split()) >= 20)
    )


def with_source_name(parsed, source_name):
    """The document with the publisher given for documents that name none."""
    if parsed is not None and source_name and not parsed.source_name:
        return replace(parsed, source_name=source_name)
    return parsed


class ImportFailed(Exception):
    """A document that could not be imported, with its name (raised with strict)."""


class ImportSession:
    """Write parsed documents; count them; keep undated ones as drafts.

    on_result(name, parsed, status, meeting_id) is called for each document written
    ("created", "updated", "merged", "unchanged", "draft"; a draft has no meeting id);
    on_failure(name, error) for each refused.
    strict writes each document at once and raises ImportFailed at the first failure.
    """

    def __init__(
        self,
        *,
        strict=False,
        vectors_ahead=False,
        reread=False,
        source_name="",
        run=None,
        on_result=None,
        on_failure=None,
    ):
        self.loader = Loader(reread=reread)
        self.strict = strict
        self.source_name = source_name
        self.run = run
        self.on_result = on_result or (lambda name, parsed, status, meeting_id: None)
        self.on_failure = on_failure or (lambda name, error: None)
        self.counts = Counter()
        self.unresolved = Counter()
        self.meeting_ids = set()
        self.writer = BatchWriter(self._write, vectors_ahead=vectors_ahead)
        self.batch = []

    def add(self, name, parsed, error=None):
        """One document as the parser left it: parsed, or refused with the error."""
        parsed = with_source_name(parsed, self.source_name)
        if error is not None:
            if is_draft(parsed, error):
                self._keep_draft(name, parsed)
            else:
                self._fail(name, error)
            return
        self.unresolved.update(parsed.unresolved_labels)
        self.batch.append((name, parsed))
        if len(self.batch) >= BATCH_SIZE or self.strict:
            self.writer.add(self.batch)
            self.batch = []

    def close(self):
        try:
            if self.batch:
                self.writer.add(self.batch)
                self.batch = []
        finally:
            self.writer.close()
            self.loader.finish()
            # The encounters of the days this import wrote (and of the days whose records
            # it brought up to date), whatever the order the records came in.
            regroup(self.loader.touched_dates(), self.loader.encounters.values())
            archive_changed()

    def _write(self, batch, vectors=None):
        results = self.loader.load_batch([parsed for _, parsed in batch], vectors)
        for (name, parsed), result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                self._fail(name, f"could not be saved: {result}")
                continue
            self.counts[result.status] += 1
            self.meeting_ids.add(result.meeting_id)
            self.on_result(name, parsed, result.status, result.meeting_id)

    def _keep_draft(self, name, parsed):
        """An undated record: kept as a draft, once, for an editor to date."""
        published = MeetingSource.objects.filter(content_hash=parsed.content_hash).first()
        if published is not None:  # dated by an editor and published before
            self.counts["unchanged"] += 1
            self.meeting_ids.add(published.meeting_id)
            self.on_result(name, parsed, "unchanged", published.meeting_id)
            return
        record = {
            **parsed.as_json(),
            "original_text": parsed.original_text,
            "content_hash": parsed.content_hash,
        }
        try:
            with transaction.atomic():
                Draft.objects.create(
                    title=parsed.title[:500],
                    source_file=parsed.source_file[:300],
                    source_url=parsed.source_url[:500],
                    record=record,
                    content_hash=parsed.content_hash,
                    import_run=self.run,
                )
        except IntegrityError:
            status = "unchanged"  # kept as a draft before
        else:
            status = "draft"
        self.counts[status] += 1
        self.on_result(name, parsed, status, None)

    def _fail(self, name, error):
        self.counts["failed"] += 1
        self.on_failure(name, error)
        if self.strict:
            raise ImportFailed(f"{name}: {error}")


def publish_draft(draft, date):
    """Import a draft with the date (and the title) an editor gave it; the draft goes.
    Returns the meeting's LoadResult."""
    parsed = parsed_from_json({**draft.record, "title": draft.title, "date": date.isoformat()})
    loader = Loader()
    with transaction.atomic():
        result = loader.load(parsed)
        draft.delete()
    loader.finish()
    regroup(loader.touched_dates(), loader.encounters.values())
    return result
