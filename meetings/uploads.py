"""Documents uploaded in the admin: kept with their import run, read for a preview that
writes nothing, then imported on the editor's word, by the same parser and the same
ImportSession as import_meetings.

    run = create_run(user, request.FILES.getlist("files"), default_date=None, source_name="")
    preview_run(run.pk)   # run.preview: what each document would give; status "ready"
    import_run(run.pk)    # written; run.created, run.meetings ...; status "done"

Both steps are tasks (meetings/tasks.py) for a large upload, run by `manage.py db_worker`.
"""

import io
import logging
import zipfile
from collections import Counter
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meetings.importers.loader import Loader
from meetings.importers.names import normalize_name
from meetings.importers.parallel import parse_file
from meetings.importers.session import ImportSession, is_draft
from meetings.importers.sources import READABLE
from meetings.models import Country, ImportFile, ImportRun, ImportStatus, MeetingKind

logger = logging.getLogger(__name__)

MAX_DOCUMENT = 20 * 1024 * 1024  # one file, in a zip or not
MAX_UPLOAD = 200 * 1024 * 1024  # all files of one upload, unzipped
MAX_FILES = 5000
PROGRESS_EVERY = 25  # files between two saves of the run's progress


class UploadError(ValueError):
    """An upload that cannot be taken; the message names the file."""


def read_upload(uploaded):
    """[(name, bytes)] of the documents in the uploaded files, a zip's documents in its
    order; files the importer does not read (an image in a zip, say) are left out and
    named in the second value. Raises UploadError for an upload that cannot be taken."""
    documents, skipped, total = [], [], 0

    def take(name, data):
        nonlocal total
        total += len(data)
        if total > MAX_UPLOAD:
            raise UploadError(
                f"{name}: the upload is over {MAX_UPLOAD // 1024 // 1024} MB; "
                "import it in parts or with import_meetings"
            )
        documents.append((name, data))
        if len(documents) > MAX_FILES:
            raise UploadError(f"more than {MAX_FILES} documents in one upload")

    for upload in uploaded:
        name = PurePosixPath(upload.name.replace("\\", "/")).name
        if upload.size > MAX_UPLOAD:
            raise UploadError(f"{name}: over {MAX_UPLOAD // 1024 // 1024} MB")
        if name.lower().endswith(".zip"):
            for member, data in _zip_documents(name, upload.read(), skipped):
                take(member, data)
        elif name.lower().endswith(READABLE):
            if upload.size > MAX_DOCUMENT:
                raise UploadError(f"{name}: over {MAX_DOCUMENT // 1024 // 1024} MB")
            take(name, upload.read())
        else:
            raise UploadError(
                f"{name}: not a document the importer reads "
                "(.txt, .html, .htm, .jsonl, or a .zip of them)"
            )
    if not documents:
        raise UploadError("no documents to import in the upload")
    return documents, skipped


def _zip_documents(name, data, skipped):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError(f"{name}: not a readable zip file ({exc})") from exc
    with archive:
        for info in archive.infolist():
            member = info.filename
            base = PurePosixPath(member).name
            if info.is_dir() or member.startswith("__MACOSX/") or base.startswith("."):
                continue
            if not base.lower().endswith(READABLE):
                skipped.append(f"{name}/{member}")
                continue
            if info.file_size > MAX_DOCUMENT:
                raise UploadError(
                    f"{name}/{member}: over {MAX_DOCUMENT // 1024 // 1024} MB unzipped"
                )
            try:
                # Read no more than the size the zip declares: a forged size cannot make
                # it inflate a bomb into memory.
                with archive.open(info) as handle:
                    content = handle.read(MAX_DOCUMENT + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
                raise UploadError(f"{name}/{member}: cannot be unzipped ({exc})") from exc
            if len(content) > MAX_DOCUMENT:
                raise UploadError(
                    f"{name}/{member}: over {MAX_DOCUMENT // 1024 // 1024} MB unzipped"
                )
            yield f"{name}/{member}", content


@transaction.atomic
def create_run(user, uploaded, *, default_date=None, source_name=""):
    """An import run holding the uploaded documents, to be previewed."""
    documents, skipped = read_upload(uploaded)
    run = ImportRun.objects.create(
        created_by=user if user and user.is_authenticated else None,
        default_date=default_date,
        source_name=source_name,
        total=len(documents),
        error="\n".join(f"{name}: left out, not a document the importer reads" for name in skipped),
    )
    ImportFile.objects.bulk_create(
        ImportFile(run=run, name=name[:300], data=data) for name, data in documents
    )
    return run


def _documents(run):
    """parse_file's results for each file of the run, one file in memory at a time."""
    for pk in list(run.files.order_by("pk").values_list("pk", flat=True)):
        file = ImportFile.objects.get(pk=pk)
        yield parse_file(file.name, bytes(file.data), run.default_date)


def preview_run(run_id):
    """Read each document of the run and say what importing it would do; write no record."""
    run = ImportRun.objects.get(pk=run_id)
    try:
        loader = Loader()
        countries = dict(Country.objects.values_list("iso_code", "name"))
        entries = []
        for done, results in enumerate(_documents(run), start=1):
            for name, parsed, error, notice in results:
                entries.append(preview_entry(loader, countries, name, parsed, error, notice))
            if done % PROGRESS_EVERY == 0:
                ImportRun.objects.filter(pk=run.pk).update(done=done)
        run.preview = entries
        run.done = run.total
        run.status = ImportStatus.READY
        run.save(update_fields=["preview", "done", "status"])
    except Exception as exc:
        _failed(run, exc)
        raise
    return run


def preview_entry(loader, countries, name, parsed, error, notice=None):
    """What importing one document would do, as the run page shows it (JSON)."""
    entry = {"name": name, "notice": notice or ""}
    if parsed is None or (error is not None and not is_draft(parsed, error)):
        entry.update(status="failed", error=error, title=parsed.title if parsed else "")
        return entry
    parsed = loader.with_mapped_labels(parsed)  # as the import will read it
    if error is not None:
        status, meeting = "draft", None
    else:
        status, meeting = loader.predict(parsed)
    parties = set(parsed.countries)

    def known(p):
        return (
            normalize_name(p.name) in loader.aliases
            or loader.people.resolve(p.name, p.country, parties) is not None
        )

    speakers = Counter(s.speaker for s in parsed.statements if s.speaker)
    entry.update(
        status=status,
        title=parsed.title,
        date=parsed.date.isoformat() if parsed.date else None,
        kind=MeetingKind(parsed.kind).label if parsed.kind in MeetingKind.values else parsed.kind,
        record_type=parsed.record_type,
        source_url=parsed.source_url,
        countries=[countries.get(c, c) for c in parsed.countries],
        mentioned_countries=[countries.get(c, c) for c in parsed.mentioned_countries],
        participants=[
            {
                "name": p.name,
                "role": p.role,
                "country": countries.get(p.country, p.country or ""),
                "known": known(p),
                "statements": speakers[p.name],
            }
            for p in parsed.participants
        ],
        statements=len(parsed.statements),
        resolved=sorted({s.speaker_label for s in parsed.statements if s.speaker}),
        unresolved=sorted(set(parsed.unresolved_labels)),
        meeting=(
            {"id": meeting.pk, "title": meeting.title, "url": meeting.get_absolute_url()}
            if meeting is not None
            else None
        ),
    )
    return entry


def import_run(run_id):
    """Write the run's documents, as import_meetings would; the run records what became of
    each, the meetings it touched and the labels left unresolved."""
    run = ImportRun.objects.get(pk=run_id)
    results = {}

    def written(name, parsed, status):
        results[name] = {"status": status}

    def failed(name, error):
        results[name] = {"status": "failed", "error": error}

    session = ImportSession(
        source_name=run.source_name, run=run, on_result=written, on_failure=failed
    )
    try:
        try:
            for done, documents in enumerate(_documents(run), start=1):
                for name, parsed, error, _ in documents:
                    session.add(name, parsed, error)
                if done % PROGRESS_EVERY == 0:
                    ImportRun.objects.filter(pk=run.pk).update(done=done)
        finally:
            session.close()
    except Exception as exc:
        _failed(run, exc, session=session, results=results)
        raise
    _record(run, session, results)
    run.status = ImportStatus.DONE
    run.done = run.total
    run.finished_at = timezone.now()
    run.save()
    return run


def _record(run, session, results):
    counts = session.counts
    run.created, run.updated, run.merged = counts["created"], counts["updated"], counts["merged"]
    run.unchanged, run.failed, run.drafts = counts["unchanged"], counts["failed"], counts["draft"]
    run.unresolved = [[label, n] for label, n in session.unresolved.most_common()]
    for entry in run.preview:
        entry["result"] = results.get(entry["name"], {}).get("status", "")
        if results.get(entry["name"], {}).get("error"):
            entry["result_error"] = results[entry["name"]]["error"]
    run.meetings.set(session.meeting_ids)


def _failed(run, exc, session=None, results=None):
    """The run stopped on an error of ours: it says so; what was written stays written
    (each document in its own transaction), and the run counts it."""
    if session is not None:
        _record(run, session, results or {})
    run.status = ImportStatus.FAILED
    run.error = "\n".join(x for x in (run.error, f"Stopped: {exc!r}") if x)
    run.finished_at = timezone.now()
    run.save()


def start(run, step):
    """Run a step (preview_run or import_run) now for a few documents (IMPORT_AT_ONCE), or
    as a task after this transaction."""
    from meetings import tasks  # tasks.py imports this module

    if run.total <= settings.IMPORT_AT_ONCE:
        try:
            step(run.pk)
        except Exception:  # the run says it failed, and why (see _failed)
            logger.exception("import run %s failed", run.pk)
        return
    task = {preview_run: tasks.preview_import, import_run: tasks.run_import}[step]
    transaction.on_commit(lambda: task.enqueue(run.pk))
