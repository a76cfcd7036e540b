"""Documents uploaded in the admin: kept with their import run, previewed, then imported on
the editor's word, by the same parser and the same ImportSession as import_meetings.

    run = create_run(user, request.FILES.getlist("files"), default_date=None, source_name="")
    preview_run(run.pk)   # run.preview: what each document gives; status "ready"
    import_run(run.pk)    # written; run.created, run.meetings ...; status "done"

The preview is the import itself, run in a transaction that is rolled back: what it shows
(the parties, the people found in the archive or new, the meeting a document merges into)
is what the import writes, because it is what the import wrote before the rollback. After
the import, the run shows what was written, read back the same way.

Both steps are tasks (meetings/tasks.py) for a large upload, run by `manage.py db_worker`.
"""

import io
import logging
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Prefetch
from django.utils import timezone

from meetings.importers.labels import label_kind
from meetings.importers.names import normalize_name
from meetings.importers.parallel import parse_file
from meetings.importers.session import ImportSession, is_draft
from meetings.importers.sources import READABLE
from meetings.models import (
    Country,
    ImportFile,
    ImportRun,
    ImportStatus,
    Meeting,
    MeetingKind,
    Participant,
    Person,
    PersonAlias,
    Statement,
)

logger = logging.getLogger(__name__)

MAX_DOCUMENT = 20 * 1024 * 1024  # one file, in a zip or not
MAX_UPLOAD = 200 * 1024 * 1024  # all files of one upload, unzipped
MAX_FILES = 5000
PROGRESS_EVERY = 25  # files between two saves of the run's progress
DESCRIBED_AT_ONCE = 500  # meetings read back at a time


def size(n):
    """A limit in bytes as a reader says it: "20 MB", "9 KB"."""
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n // 1024} KB"


class UploadError(ValueError):
    """An upload that cannot be taken at all; the message names the file."""


def read_upload(uploaded):
    """([(name, bytes)], [(name, why it was left out)]): the documents of the uploaded
    files, a zip's documents in its order. A file that cannot be taken (too large, not a
    document, a zip that cannot be read) is left out and named, and the others are taken.
    Raises UploadError when nothing can be taken, or the upload as a whole is over a limit.
    """
    documents, left_out, total = [], [], 0

    def take(name, data):
        nonlocal total
        total += len(data)
        if total > MAX_UPLOAD:
            raise UploadError(
                f"{name}: the upload is over {size(MAX_UPLOAD)}, and nothing "
                "of it was taken; import it in parts or with import_meetings"
            )
        documents.append((name, data))
        if len(documents) > MAX_FILES:
            raise UploadError(
                f"more than {MAX_FILES} documents in one upload, and nothing of it was taken; "
                "import it in parts or with import_meetings"
            )

    for upload in uploaded:
        name = PurePosixPath(upload.name.replace("\\", "/")).name
        if name.lower().endswith(".zip"):
            if upload.size > MAX_UPLOAD:
                left_out.append((name, f"over {size(MAX_UPLOAD)}"))
                continue
            for member, data in _zip_documents(name, upload.read(), left_out):
                take(member, data)
        elif not name.lower().endswith(READABLE):
            left_out.append(
                (
                    name,
                    "not a document the importer reads (.txt, .html, .htm, .mhtml, .jsonl, .zip)",
                )
            )
        elif upload.size > MAX_DOCUMENT:
            left_out.append((name, f"over {size(MAX_DOCUMENT)}"))
        else:
            take(name, upload.read())
    if not documents:
        why = "; ".join(f"{name}: {reason}" for name, reason in left_out)
        raise UploadError(f"no documents to import in the upload{': ' if why else ''}{why}")
    return documents, left_out


def _zip_documents(name, data, left_out):
    """The documents of a zip, as (name, bytes); what cannot be taken goes to left_out."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        left_out.append((name, f"not a readable zip file ({exc})"))
        return
    with archive:
        for info in archive.infolist():
            member = info.filename
            base = PurePosixPath(member).name
            if info.is_dir() or member.startswith("__MACOSX/") or base.startswith("."):
                continue
            where = f"{name}/{member}"
            if not base.lower().endswith(READABLE):
                left_out.append((where, "not a document the importer reads"))
                continue
            if info.file_size > MAX_DOCUMENT:
                left_out.append((where, f"over {size(MAX_DOCUMENT)} unzipped"))
                continue
            try:
                # Read no more than the size the zip declares: a forged size cannot make
                # it inflate a bomb into memory.
                with archive.open(info) as handle:
                    content = handle.read(MAX_DOCUMENT + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
                left_out.append((where, f"cannot be unzipped ({exc})"))
                continue
            if len(content) > MAX_DOCUMENT:
                left_out.append((where, f"over {size(MAX_DOCUMENT)} unzipped"))
                continue
            yield where, content


@transaction.atomic
def create_run(user, uploaded, *, default_date=None, source_name=""):
    """An import run holding the uploaded documents, to be previewed; the files left out
    are listed in run.left_out."""
    documents, left_out = read_upload(uploaded)
    run = ImportRun.objects.create(
        created_by=user if user and user.is_authenticated else None,
        default_date=default_date,
        source_name=source_name,
        total=len(documents),
        left_out=[[name[:300], reason] for name, reason in left_out],
    )
    ImportFile.objects.bulk_create(
        ImportFile(run=run, name=name[:300], data=data) for name, data in documents
    )
    return run


def _documents(run):
    """parse_file's results for each file of the run, one file in memory at a time; a
    name given twice (two files of one name) is told apart by a number after it."""
    seen = Counter()
    for pk in list(run.files.order_by("pk").values_list("pk", flat=True)):
        file = ImportFile.objects.get(pk=pk)
        results = []
        for name, parsed, error, notice in parse_file(
            file.name, bytes(file.data), run.default_date
        ):
            seen[name] += 1
            results.append(
                (name if seen[name] == 1 else f"{name} ({seen[name]})", parsed, error, notice)
            )
        yield results


@dataclass
class Outcome:
    """What became of one document of a run."""

    name: str
    notice: str
    status: str = ""  # created, updated, merged, unchanged, draft, failed
    meeting_id: int | None = None
    error: str = ""
    parsed: object = None  # a draft's or a refused document's record, to describe it


class _Rehearsed(Exception):
    """Rolls a preview's transaction back."""


def _write(run, outcomes, *, progress):
    """Import the run's documents, adding an Outcome for each to outcomes, in the run's
    order; the session, with its counts."""
    by_name = {}

    def written(name, parsed, status, meeting_id):
        outcome = by_name[name]
        outcome.status, outcome.meeting_id = status, meeting_id
        if status == "draft":
            outcome.parsed = parsed

    def failed(name, error):
        outcome = by_name[name]
        outcome.status, outcome.error = "failed", error

    session = ImportSession(
        source_name=run.source_name, run=run, on_result=written, on_failure=failed
    )
    try:
        for done, documents in enumerate(_documents(run), start=1):
            for name, parsed, error, notice in documents:
                outcome = Outcome(name=name, notice=notice or "")
                if error is not None and not is_draft(parsed, error):
                    outcome.parsed = parsed  # what could be read of it, to show
                outcomes.append(outcome)
                by_name[name] = outcome
                session.add(name, parsed, error)
            if progress and done % PROGRESS_EVERY == 0:
                ImportRun.objects.filter(pk=run.pk).update(done=done)
    finally:
        session.close()
    return session


def _first_new_person():
    """The id a person created from now on has at least: people below it were in the
    archive before (ids only grow, on both databases)."""
    return (Person.objects.aggregate(last=Max("pk"))["last"] or 0) + 1


def preview_run(run_id):
    """Import the run's documents in a transaction that is rolled back, and record what
    each gave (run.preview): nothing is kept. A run none of whose documents can be
    imported is failed: there is nothing to confirm."""
    run = ImportRun.objects.get(pk=run_id)
    try:
        first_new = _first_new_person()
        entries = []
        try:
            with transaction.atomic():
                outcomes = []
                _write(run, outcomes, progress=False)
                entries = describe(outcomes, first_new)
                for entry in entries:
                    if entry["status"] == "created":
                        entry["meeting"] = None  # it is undone with the rest: no page yet
                raise _Rehearsed
        except _Rehearsed:
            pass
        entries += [
            {"name": name, "notice": "", "status": "failed", "error": f"left out: {why}"}
            for name, why in run.left_out
        ]
        run.preview = entries
        run.done = run.total
        if any(entry["status"] != "failed" for entry in entries):
            run.status = ImportStatus.READY
        else:
            run.status = ImportStatus.FAILED
            run.finished_at = timezone.now()
            run.error = "Nothing to import: every document was refused (the reasons are below)."
        run.save(update_fields=["preview", "done", "status", "finished_at", "error"])
    except Exception as exc:
        _failed(run, exc)
        raise
    return run


def import_run(run_id):
    """Write the run's documents, as import_meetings would; the run records what became of
    each, read back from what was written, the meetings it touched and the labels left
    unresolved."""
    run = ImportRun.objects.get(pk=run_id)
    predicted = {entry["name"]: entry["status"] for entry in run.preview}
    first_new = _first_new_person()
    outcomes = []
    try:
        session = _write(run, outcomes, progress=True)
    except Exception as exc:
        _failed(run, exc, outcomes=outcomes)
        raise
    entries = []
    for entry in describe(outcomes, first_new):
        entry["result"] = entry["status"]
        entry["status"] = predicted.get(entry["name"], entry["status"])
        entries.append(entry)
    run.preview = entries + [e for e in run.preview if e["name"] not in {o.name for o in outcomes}]
    _record(run, session.counts, session.unresolved, outcomes)
    run.status = ImportStatus.DONE
    run.done = run.total
    run.finished_at = timezone.now()
    run.save()
    return run


def discard_run(run):
    """An upload the editor does not want: its documents go, the run says it was discarded.
    Only a run not imported (nor importing) can be."""
    taken = ImportRun.objects.filter(
        pk=run.pk, status__in=[ImportStatus.READY, ImportStatus.FAILED]
    ).update(status=ImportStatus.DISCARDED, finished_at=timezone.now())
    if taken:
        ImportFile.objects.filter(run=run).delete()
    return bool(taken)


def describe(outcomes, first_new):
    """What each document gave, as the run's page shows it (JSON): the meeting as it was
    written, with its parties, its participants (a person created by this import "new"),
    its statements and speakers; a draft as it was read; a refused document's reason."""
    ids = list({o.meeting_id for o in outcomes if o.meeting_id})
    meetings = {}
    for start in range(0, len(ids), DESCRIBED_AT_ONCE):
        meetings.update(_written_meetings(ids[start : start + DESCRIBED_AT_ONCE], first_new))
    drafts = [o.parsed for o in outcomes if o.status == "draft" and o.parsed is not None]
    known = set(
        PersonAlias.objects.filter(
            normalized_name__in={normalize_name(p.name) for d in drafts for p in d.participants}
        ).values_list("normalized_name", flat=True)
    )
    countries = dict(Country.objects.values_list("iso_code", "name")) if drafts else {}
    entries = []
    for o in outcomes:
        entry = {"name": o.name, "notice": o.notice, "status": o.status or "failed"}
        if entry["status"] == "failed":
            parsed = o.parsed
            entry.update(error=o.error, title=parsed.title if parsed else "")
        elif o.status == "draft":
            entry.update(_read_record(o.parsed, countries, known))
        else:
            entry.update(meetings.get(o.meeting_id, {}))
        entries.append(entry)
    return entries


def _written_meetings(ids, first_new):
    """meeting id -> its description, read from the database (a few queries for all)."""
    meetings = Meeting.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("countries", Country.objects.order_by("name")),
        Prefetch("mentioned_countries", Country.objects.order_by("name")),
        Prefetch(
            "participants",
            Participant.objects.select_related("person", "country").order_by("position", "pk"),
        ),
    )
    speakers = {}
    for meeting_id, speaker_id, label, n in (
        Statement.objects.filter(meeting_id__in=ids)
        .values_list("meeting_id", "speaker_id", "speaker_label")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        speakers.setdefault(meeting_id, []).append((speaker_id, label, n))
    described = {}
    for m in meetings:
        turns = speakers.get(m.pk, [])
        by_speaker = Counter()
        for speaker_id, _, n in turns:
            by_speaker[speaker_id] += n
        described[m.pk] = {
            "title": m.title,
            "date": m.date.isoformat(),
            "kind": m.get_kind_display(),
            "record_type": m.record_type,
            "source_url": m.source_url,
            "countries": [c.name for c in m.countries.all()],
            "mentioned_countries": [c.name for c in m.mentioned_countries.all()],
            "participants": [
                {
                    "name": p.name or p.person.name,
                    "person": p.person.name,
                    "role": p.role,
                    "country": p.country.name if p.country else "",
                    "known": p.person_id < first_new,
                    "statements": by_speaker[p.pk],
                }
                for p in m.participants.all()
            ],
            "statements": sum(n for _, _, n in turns),
            "resolved": sorted({label for speaker, label, _ in turns if speaker and label}),
            "unresolved": sorted(
                {
                    label
                    for speaker, label, _ in turns
                    if speaker is None and label and label_kind(label) == "person"
                }
            ),
            "meeting": {"id": m.pk, "title": m.title, "url": m.get_absolute_url()},
        }
    return described


def _read_record(parsed, countries, known):
    """A draft as it was read (it is no meeting yet)."""
    speakers = Counter(s.speaker for s in parsed.statements if s.speaker)
    kind = MeetingKind(parsed.kind).label if parsed.kind in MeetingKind.values else parsed.kind
    return {
        "title": parsed.title,
        "date": parsed.date.isoformat() if parsed.date else None,
        "kind": kind,
        "record_type": parsed.record_type,
        "source_url": parsed.source_url,
        "countries": [countries.get(c, c) for c in parsed.countries],
        "mentioned_countries": [countries.get(c, c) for c in parsed.mentioned_countries],
        "participants": [
            {
                "name": p.name,
                "person": p.name,
                "role": p.role,
                "country": countries.get(p.country, p.country or ""),
                "known": normalize_name(p.name) in known,
                "statements": speakers[p.name],
            }
            for p in parsed.participants
        ],
        "statements": len(parsed.statements),
        "resolved": sorted({s.speaker_label for s in parsed.statements if s.speaker}),
        "unresolved": sorted(set(parsed.unresolved_labels)),
        "meeting": None,
    }


def _record(run, counts, unresolved, outcomes):
    run.created, run.updated, run.merged = counts["created"], counts["updated"], counts["merged"]
    run.unchanged, run.failed, run.drafts = counts["unchanged"], counts["failed"], counts["draft"]
    run.unresolved = [[label, n] for label, n in unresolved.most_common()]
    run.meetings.set({o.meeting_id for o in outcomes if o.meeting_id})


def _failed(run, exc, outcomes=()):
    """The run stopped on an error of ours: it says so; what was written stays written
    (each document in its own transaction), and the run counts it."""
    written = [o for o in outcomes if o.status]
    if written:
        counts = Counter(o.status for o in written)
        _record(run, counts, Counter(), written)
    run.status = ImportStatus.FAILED
    run.error = "\n".join(x for x in (run.error, f"Stopped: {exc!r}") if x)
    run.finished_at = timezone.now()
    run.save()


def start(run, step):
    """Run a step (preview_run or import_run) now for a few documents (IMPORT_AT_ONCE), or
    as a task after this transaction. Called outside a transaction for a step run now: the
    import writes each document in a transaction of its own."""
    from meetings import tasks  # tasks.py imports this module

    if run.total <= settings.IMPORT_AT_ONCE:
        try:
            step(run.pk)
        except Exception:  # the run says it failed, and why (see _failed)
            logger.exception("import run %s failed", run.pk)
        return
    task = {preview_run: tasks.preview_import, import_run: tasks.run_import}[step]
    transaction.on_commit(lambda: task.enqueue(run.pk))
