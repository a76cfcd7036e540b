"""Data entry in the admin: upload documents, preview what the importer understood, confirm;
then the review queue: records needing a date, labels to map to people (possible duplicate
people are in archive.py, on the people's list)."""

from collections import Counter

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from meetings.admin.archive import RECORD_FIELDS, possible_duplicate_count
from meetings.forms import MapLabelForm, RecordForm, UploadForm
from meetings.importers.session import publish_draft
from meetings.importers.transcript import TranscriptError
from meetings.models import (
    Draft,
    ImportRun,
    ImportStatus,
    Meeting,
    Person,
    PersonAlias,
    Statement,
    cached,
)
from meetings.people import map_label
from meetings.uploads import (
    UploadError,
    create_run,
    discard_run,
    import_run,
    preview_run,
    start,
)

PREVIEW_SHOWN = 500  # documents listed on a run's page


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "created_at",
        "created_by",
        "status",
        "total",
        "created",
        "updated",
        "merged",
        "unchanged",
        "drafts",
        "failed",
    ]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    list_per_page = 50

    def get_urls(self):
        confirm = self.admin_site.admin_view(self.confirm_view)
        discard = self.admin_site.admin_view(self.discard_view)
        return [
            path("<int:run_id>/confirm/", confirm, name="meetings_importrun_confirm"),
            path("<int:run_id>/discard/", discard, name="meetings_importrun_discard"),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        return False  # a run is read, confirmed, discarded or deleted; never edited

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        if request.method == "POST" and form.is_valid():
            try:
                run = create_run(
                    request.user,
                    form.cleaned_data["files"],
                    default_date=form.cleaned_data["default_date"],
                    source_name=form.cleaned_data["source_name"],
                )
            except UploadError as exc:
                form.add_error("files", str(exc))
            else:
                self.log_addition(request, run, [{"added": {}}])
                if run.left_out:
                    self.message_user(
                        request,
                        f"{len(run.left_out)} file(s) left out, the other {run.total} taken: "
                        + "; ".join(f"{name} ({why})" for name, why in run.left_out),
                        messages.WARNING,
                    )
                start(run, preview_run)
                return redirect(run.get_absolute_url())
        context = {
            **self.admin_site.each_context(request),
            "title": "Import documents",
            "opts": self.model._meta,
            "form": form,
            "at_once": settings.IMPORT_AT_ONCE,
        }
        return TemplateResponse(request, "admin/meetings/importrun/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = get_object_or_404(ImportRun.objects.select_related("created_by"), pk=object_id)
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        entries = run.preview[:PREVIEW_SHOWN]
        statuses = Counter(entry.get("result") or entry["status"] for entry in run.preview)
        busy = run.status in (ImportStatus.PREVIEWING, ImportStatus.IMPORTING)
        may_add = self.has_add_permission(request)
        context = {
            **self.admin_site.each_context(request),
            "title": str(run),
            "opts": self.model._meta,
            "run": run,
            "entries": entries,
            "more": len(run.preview) - len(entries),
            "statuses": sorted(statuses.items()),
            "importable": sum(n for status, n in statuses.items() if status != "failed"),
            "files": list(run.files.values_list("name", flat=True)[:PREVIEW_SHOWN]),
            "meetings": run.meetings.order_by("-date", "title")[:PREVIEW_SHOWN],
            "busy": busy,
            "show_result": run.status == ImportStatus.DONE
            or (
                run.status == ImportStatus.FAILED
                and any((run.created, run.updated, run.merged, run.unchanged, run.drafts))
            ),
            "can_confirm": run.status == ImportStatus.READY and may_add,
            "can_discard": run.status in (ImportStatus.READY, ImportStatus.FAILED)
            and not run.meetings.exists()
            and may_add,
        }
        return TemplateResponse(request, "admin/meetings/importrun/run.html", context)

    def confirm_view(self, request, run_id):
        if request.method != "POST":
            return redirect(reverse("admin:meetings_importrun_change", args=[run_id]))
        if not self.has_add_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=run_id)
        with transaction.atomic():
            taken = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.READY).update(
                status=ImportStatus.IMPORTING, done=0
            )
            if taken:
                self.log_change(request, run, "Confirmed: import the documents.")
        if not taken:
            self.message_user(
                request,
                "This import is not ready to confirm (or was confirmed).",
                messages.WARNING,
            )
            return redirect(run.get_absolute_url())
        # Outside the transaction that took the run: the import writes each document in
        # a transaction of its own, and a failure of it is the run's, shown below.
        start(run, import_run)
        run.refresh_from_db()
        if run.status == ImportStatus.DONE:
            self.message_user(request, "Imported.", messages.SUCCESS)
        elif run.status == ImportStatus.FAILED:
            self.message_user(
                request,
                "The import stopped on an error; what it wrote before is listed below.",
                messages.ERROR,
            )
        else:
            self.message_user(request, "Importing in the background: this page shows the progress.")
        return redirect(run.get_absolute_url())

    def discard_view(self, request, run_id):
        """An upload the editor does not want to import: its documents go."""
        if request.method != "POST":
            return redirect(reverse("admin:meetings_importrun_change", args=[run_id]))
        if not self.has_add_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=run_id)
        if run.meetings.exists() or not discard_run(run):
            self.message_user(
                request, "Only an upload that was not imported can be discarded.", messages.ERROR
            )
            return redirect(run.get_absolute_url())
        self.log_change(request, run, "Discarded: not imported.")
        self.message_user(request, f"{run} discarded: nothing was imported.", messages.SUCCESS)
        return redirect(reverse("admin:meetings_importrun_changelist"))


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    form = RecordForm
    formfield_overrides = RECORD_FIELDS
    list_display = ["title", "source_file", "statement_count", "created_at", "import_run"]
    search_fields = ["title", "source_file", "source_url"]
    fields = ["date", "title", "source_file", "source_url", "import_run", "what_was_read"]
    readonly_fields = ["source_file", "source_url", "import_run", "what_was_read"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False  # drafts come from imports

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields[
            "date"
        ].help_text = (
            "The date of the meeting (YYYY-MM-DD): saving with a date publishes the record."
        )
        return form

    @admin.display(description="Statements")
    def statement_count(self, obj):
        return len(obj.record.get("statements") or [])

    @admin.display(description="What the importer read")
    def what_was_read(self, obj):
        record = obj.record
        people = format_html_join(
            "",
            "<li>{}{}</li>",
            (
                (p["name"], f", {p['role']}" if p.get("role") else "")
                for p in record.get("participants") or []
            ),
        )
        turns = format_html_join(
            "",
            "<li><strong>{}</strong>: {}</li>",
            (
                (s.get("speaker") or s.get("speaker_label") or "Narrative", s["text"][:300])
                for s in (record.get("statements") or [])[:8]
            ),
        )
        return format_html(
            "<p>{}</p><h3>Participants</h3><ul>{}</ul><h3>First statements</h3><ol>{}</ol>",
            record.get("summary", "")[:600],
            people or format_html("<li>{}</li>", "none named"),
            turns or format_html("<li>{}</li>", "none"),
        )

    def save_model(self, request, obj, form, change):
        if obj.date is None:
            obj.record = {**obj.record, "title": obj.title}
            super().save_model(request, obj, form, change)
            return
        try:
            result = publish_draft(obj, obj.date)
        except TranscriptError as exc:
            request._draft_error = str(exc)
            return
        request._published = result
        meeting = Meeting.objects.get(pk=result.meeting_id)
        self.log_addition(request, meeting, f"Published from a draft dated {obj.date}.")

    def response_change(self, request, obj):
        if getattr(request, "_draft_error", None):
            self.message_user(request, f"Not published: {request._draft_error}", messages.ERROR)
            return redirect(reverse("admin:meetings_draft_change", args=[obj.pk]))
        result = getattr(request, "_published", None)
        if result is None:
            return super().response_change(request, obj)
        meeting = Meeting.objects.get(pk=result.meeting_id)
        verb = {"created": "Published", "merged": "Published, merged into"}.get(
            result.status, "Published as"
        )
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a> (<a href="{}">public page</a>).',
                verb,
                reverse("admin:meetings_meeting_change", args=[meeting.pk]),
                meeting.title,
                meeting.get_absolute_url(),
            ),
            messages.SUCCESS,
        )
        return redirect(reverse("admin:meetings_draft_changelist"))


# -- labels left unresolved -----------------------------------------------------------------


def unresolved_label_count():
    return cached(("unresolved-labels",), lambda: len(Statement.objects.unresolved_labels()))


def review_counts():
    """The review queue's counts for the admin's index page."""
    return [
        {
            "name": "Records needing a date",
            "count": Draft.objects.count(),
            "url": reverse("admin:meetings_draft_changelist"),
        },
        {
            "name": "Unresolved speaker labels",
            "count": unresolved_label_count(),
            "url": reverse("admin:review_labels"),
        },
        {
            "name": "Possible duplicate people",
            "count": possible_duplicate_count(),
            "url": reverse("admin:meetings_person_duplicates"),
        },
        {
            "name": "Imports awaiting confirmation",
            "count": ImportRun.objects.filter(status=ImportStatus.READY).count(),
            "url": reverse("admin:meetings_importrun_changelist") + "?status__exact=ready",
        },
    ]


def labels_view(site, request):
    """The labels left unresolved, the most frequent first, with the meetings they are in."""
    if not request.user.has_perm("meetings.change_statement"):
        raise PermissionDenied
    labels = Statement.objects.unresolved_labels()
    page = Paginator(labels, 100).get_page(request.GET.get("page"))
    shown = [row["speaker_label"] for row in page]
    meetings = {}
    for label, meeting_id, title, date in (
        Statement.objects.unresolved()
        .filter(speaker_label__in=shown)
        .order_by("-meeting__date", "meeting_id")
        .values_list("speaker_label", "meeting_id", "meeting__title", "meeting__date")
        .distinct()
    ):
        found = meetings.setdefault(label, [])  # rows are distinct: a meeting once a label
        if len(found) < 5:
            found.append({"id": meeting_id, "title": title, "date": date})
    rows = [{**row, "sample": meetings.get(row["speaker_label"], [])} for row in page]
    context = {
        **site.each_context(request),
        "title": "Unresolved speaker labels",
        "rows": rows,
        "page": page,
        "total": len(labels),
    }
    return TemplateResponse(request, "admin/meetings/unresolved_labels.html", context)


def map_label_view(site, request):
    """Map one label to a person, existing or new, across the archive."""
    if not request.user.has_perm("meetings.change_statement"):
        raise PermissionDenied
    label = (request.POST.get("label") or request.GET.get("label") or "").strip()
    statements = Statement.objects.unresolved().filter(speaker_label=label)
    if not label or not statements.exists():
        messages.warning(request, f"The label “{label}” is left unresolved nowhere.")
        return redirect(reverse("admin:review_labels"))
    form = MapLabelForm(request.POST) if request.method == "POST" else MapLabelForm()
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        with transaction.atomic():
            if person is None:
                person = Person.objects.create(
                    name=form.cleaned_data["new_name"].strip(),
                    country=form.cleaned_data["new_country"],
                )
                PersonAlias.objects.create(person=person, name=person.name)
            count, meeting_count = map_label(label, person)
            _log_change(request, person, label, count, meeting_count)
        messages.success(
            request,
            format_html(
                '“{}” is now <a href="{}">{}</a>: {} statement(s) in {} meeting(s).',
                label,
                person.get_absolute_url(),
                person.name,
                count,
                meeting_count,
            ),
        )
        return redirect(reverse("admin:review_labels"))
    occurrences = (
        statements.select_related("meeting").order_by("-meeting__date", "meeting_id", "position")
    )[:50]
    context = {
        **site.each_context(request),
        "title": f"Map the label “{label}”",
        "label": label,
        "form": form,
        "occurrences": occurrences,
        "total": statements.count(),
    }
    return TemplateResponse(request, "admin/meetings/map_label.html", context)


def _log_change(request, person, label, count, meeting_count):
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[person],
        action_flag=CHANGE,
        change_message=(
            f"Speaker label “{label}” mapped to this person: {count} statement(s) in "
            f"{meeting_count} meeting(s)."
        ),
        single_object=True,
    )


def review_urls(site):
    return [
        path(
            "review/labels/", site.admin_view(lambda r: labels_view(site, r)), name="review_labels"
        ),
        path(
            "review/labels/map/",
            site.admin_view(lambda r: map_label_view(site, r)),
            name="review_map_label",
        ),
    ]
