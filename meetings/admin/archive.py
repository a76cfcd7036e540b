from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from meetings import encounters
from meetings.forms import DATE_FIELD, TEXT_FIELD, RecordForm
from meetings.importers.loader import EDITABLE_MEETING_FIELDS, EDITABLE_STATEMENT_FIELDS
from meetings.models import (
    Country,
    DistinctPeople,
    Encounter,
    Meeting,
    MeetingSource,
    Participant,
    Person,
    PersonAlias,
    Statement,
    cached,
    data_version,
    moved,
)
from meetings.people import merge_persons

# What an editor corrects by hand, and a new import of the source leaves as they left it.
CORRECTABLE = EDITABLE_MEETING_FIELDS | {"countries", "mentioned_countries"}
# A long text comes back from the browser with CRLF line breaks: unchanged all the same; a
# date is refused when its day and month could be either way round.
RECORD_FIELDS = {models.TextField: TEXT_FIELD, models.DateField: DATE_FIELD}


class ParticipantInline(admin.TabularInline):
    model = Participant
    form = RecordForm
    extra = 0
    autocomplete_fields = ["person", "country"]
    fields = ["position", "person", "name", "role", "country", "addressee"]
    ordering = ["position", "id"]


class StatementInline(admin.StackedInline):
    model = Statement
    form = RecordForm
    formfield_overrides = RECORD_FIELDS
    extra = 0
    fields = [("position", "speaker", "interpreted"), "speaker_label", "text", "corrected"]
    # A statement keeps its place, and its #sN link: a new one goes after the last.
    readonly_fields = ["position", "corrected"]
    ordering = ["position"]

    @admin.display(description="Corrected by hand")
    def corrected(self, obj):
        return ", ".join(obj.edited_fields) if obj and obj.edited_fields else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker__person")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only this meeting's participants can speak in it; one query for the whole inline.
        if db_field.name != "speaker":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        meeting_id = request.resolver_match.kwargs.get("object_id")
        kwargs["queryset"] = Participant.objects.filter(meeting_id=meeting_id).select_related(
            "person"
        )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Every statement form offers the same choices: query them once per request.
        if not hasattr(request, "_speaker_choices"):
            request._speaker_choices = list(field.choices)
        field.choices = request._speaker_choices
        return field


class MeetingSourceInline(admin.TabularInline):
    model = MeetingSource
    form = RecordForm
    extra = 0
    fields = ["source_url", "source_name", "source_file", "content_hash", "imported_at"]
    readonly_fields = ["content_hash", "imported_at"]


@admin.action(description="Make the selected records one encounter")
def join_records(modeladmin, request, queryset):
    """An editor's join: these records are one contact, and imports keep them so."""
    pks = list(queryset.values_list("pk", flat=True))
    if len(pks) < 2:
        modeladmin.message_user(request, "Choose at least two records.", messages.WARNING)
        return
    encounter = encounters.edit(pks)
    modeladmin.message_user(
        request,
        format_html(
            'The {} records are one encounter: <a href="{}">{}</a>.',
            len(pks),
            encounter.get_absolute_url(),
            encounter.title or "its page",
        ),
        messages.SUCCESS,
    )


@admin.action(description="Give each selected record an encounter of its own")
def split_records(modeladmin, request, queryset):
    """An editor's split: each of these records is a contact of its own."""
    pks = list(queryset.values_list("pk", flat=True))
    for pk in pks:
        encounters.edit([pk], own=True)
    modeladmin.message_user(
        request, f"Each of the {len(pks)} records is an encounter of its own.", messages.SUCCESS
    )


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    form = RecordForm
    formfield_overrides = RECORD_FIELDS
    list_display = ["title", "date", "kind", "record_type", "statement_count", "public_link"]
    list_filter = ["kind", "record_type", ("countries", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "statements__text", "source_url", "source_file"]
    date_hierarchy = "date"
    autocomplete_fields = ["countries", "mentioned_countries", "host_country"]
    readonly_fields = [
        "content_hash",
        "imported_at",
        "updated_at",
        "corrected_at",
        "edited_fields",
        "public_link",
    ]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ParticipantInline, StatementInline, MeetingSourceInline]
    actions = [join_records, split_records]
    raw_id_fields = ["encounter"]
    list_per_page = 100
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["title", "slug", "date", ("kind", "record_type"), "public_link"]}),
        ("Where", {"fields": ["place", "host_country", "countries", "mentioned_countries"]}),
        (
            "Encounter",
            {
                "fields": ["encounter"],
                "description": "The contact this is a record of. Another encounter's id joins "
                "it to that one; empty, it becomes an encounter of its own. Imports keep what "
                "you decide.",
            },
        ),
        ("Summary", {"fields": ["summary", "notes"]}),
        (
            "Source",
            {
                "fields": [
                    "source_url",
                    "source_name",
                    "source_file",
                    "content_hash",
                    "imported_at",
                    "updated_at",
                    "corrected_at",
                    "edited_fields",
                    "original_text",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(statement_total=Count("statements"))
            .order_by("-date", "title", "pk")
        )

    @admin.display(description="Statements", ordering="statement_total")
    def statement_count(self, obj):
        return obj.statement_total

    # -- corrections: what an editor changes here, a new import of the source keeps --------

    def save_model(self, request, obj, form, change):
        if change:
            edited = set(form.changed_data) & CORRECTABLE
            if edited:
                obj.edited_fields = sorted(set(obj.edited_fields) | edited)
                obj.corrected_at = timezone.now()
        super().save_model(request, obj, form, change)
        if change and {"date", "slug"} & set(form.changed_data):
            moved(obj, form.initial["date"], form.initial["slug"])  # old links lead here

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if "encounter" in form.changed_data:
            # An editor's join or split, which imports keep.
            before = form.initial.get("encounter")
            encounters.edit([obj.pk], into=obj.encounter, own=obj.encounter is None, was=before)
        elif (
            not change
            or {"date", "countries", "title"} & set(form.changed_data)
            or any(f.has_changed() for f in formsets if f.model is Participant)
        ):
            # Its sides, its day or its people changed: its encounter follows.
            encounters.regroup({obj.date, form.initial.get("date") or obj.date})

    def delete_model(self, request, obj):
        encounter = obj.encounter_id
        super().delete_model(request, obj)
        encounters.describe_or_drop({encounter} - {None})

    def delete_queryset(self, request, queryset):
        touched = set(queryset.exclude(encounter=None).values_list("encounter_id", flat=True))
        super().delete_queryset(request, queryset)
        encounters.describe_or_drop(touched)

    def save_formset(self, request, form, formset, change):
        if formset.model not in (Statement, Participant):
            return super().save_formset(request, form, formset, change)
        meeting = form.instance
        instances = formset.save(commit=False)
        changed = {f.instance.pk: f.changed_data for f in formset.forms if f.instance.pk}
        edited = set()
        if formset.model is Statement:
            last = meeting.statements.aggregate(Max("position"))["position__max"] or 0
            for statement in instances:
                if statement.pk is None:
                    last += 1
                    statement.position = last
                    edited.add("statements")
                    fields = EDITABLE_STATEMENT_FIELDS
                else:
                    fields = set(changed.get(statement.pk, ())) & EDITABLE_STATEMENT_FIELDS
                if change:  # a meeting entered by hand has nothing imported to correct
                    statement.edited_fields = sorted(set(statement.edited_fields) | fields)
            if formset.deleted_objects:
                edited.add("statements")
        elif instances or formset.deleted_objects:
            edited.add("participants")
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            obj.save()
        formset.save_m2m()
        if change and (instances or formset.deleted_objects):
            meeting.edited_fields = sorted(set(meeting.edited_fields) | edited)
            meeting.corrected_at = timezone.now()
            Meeting.objects.filter(pk=meeting.pk).update(
                edited_fields=meeting.edited_fields, corrected_at=meeting.corrected_at
            )

    @admin.display(description="Public page")
    def public_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">View on site</a>', obj.get_absolute_url())


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    form = RecordForm
    extra = 1
    fields = ["name", "normalized_name"]
    readonly_fields = ["normalized_name"]


@admin.action(description="Merge selected people into the one with most meetings")
def merge_people(modeladmin, request, queryset):
    """Move participations, statements and aliases of duplicates onto one person."""
    people = list(queryset.annotate(n=Count("participations")).order_by("-n", "pk"))
    if len(people) < 2:
        modeladmin.message_user(request, "Choose at least two people to merge.", messages.WARNING)
        return
    keep, others = people[0], people[1:]
    names = ", ".join(f"{p.name} (#{p.pk})" for p in others)
    merged = merge_persons(keep, others)
    encounters.regroup(set(keep.participations.values_list("meeting__date", flat=True)))
    modeladmin.log_change(request, keep, f"Merged {names} into this person.")
    modeladmin.message_user(request, f"Merged {merged} people into {keep.name}.", messages.SUCCESS)


def possible_duplicate_count():
    """How many pairs of people may be one (cached until the archive changes, read afresh:
    an editor who just decided a pair sees the count without it)."""
    data_version(fresh=True)
    return cached(("possible-duplicates",), lambda: len(Person.objects.possible_duplicates()))


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = RecordForm
    list_display = ["name", "country", "meeting_count", "public_link"]
    list_select_related = ["country"]
    search_fields = ["name", "aliases__name", "aliases__normalized_name"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["country"]
    inlines = [PersonAliasInline]
    actions = [merge_people]
    prepopulated_fields = {"slug": ["name"]}
    list_per_page = 100
    show_full_result_count = False

    def get_queryset(self, request):
        # A subquery, not a join: a search through the aliases joins them, and a joined
        # count counted each participation once per alias matched.
        meetings = (
            Participant.objects.filter(person=OuterRef("pk"))
            .order_by()
            .values("person")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(meeting_total=Coalesce(Subquery(meetings), 0))
            .order_by("sort_name", "name", "pk")
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        slug = form.base_fields.get("slug")
        if slug is not None:
            slug.required = False  # Person.save() makes one from the name
            slug.help_text = "The last part of the person's address; made from the name if empty."
        return form

    def get_urls(self):
        view = self.admin_site.admin_view(self.duplicates_view)
        return [path("duplicates/", view, name="meetings_person_duplicates"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        count = possible_duplicate_count()
        return super().changelist_view(request, {**(extra_context or {}), "duplicate_count": count})

    def duplicates_view(self, request):
        """Pairs of people that may be one, with why; merge them, or say they are two."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            person = get_object_or_404(Person, pk=request.POST.get("person"))
            other = get_object_or_404(Person, pk=request.POST.get("other"))
            if request.POST.get("decision") == "merge":
                keep, gone = (person, other)
                if request.POST.get("keep") == str(other.pk):
                    keep, gone = other, person
                merge_persons(keep, [gone])
                encounters.regroup(set(keep.participations.values_list("meeting__date", flat=True)))
                self.log_change(request, keep, f"Merged {gone.name} (#{gone.pk}) into this person.")
                self.message_user(request, f"Merged {gone.name} into {keep.name}.")
            else:
                first, second = sorted((person, other), key=lambda p: p.pk)
                DistinctPeople.objects.get_or_create(person=first, other=second)
                self.log_change(
                    request, first, f"Not the same person as {second.name} (#{second.pk})."
                )
                self.message_user(request, f"{person.name} and {other.name} are two people.")
            return redirect(reverse("admin:meetings_person_duplicates"))
        pairs = [
            {"people": (person, other), "sure": sure, "why": why}
            for person, other, sure, why in Person.objects.possible_duplicates(limit=200)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Possible duplicate people",
            "opts": self.model._meta,
            "pairs": pairs,
        }
        return TemplateResponse(request, "admin/meetings/person/duplicates.html", context)

    @admin.display(description="Meetings", ordering="meeting_total")
    def meeting_count(self, obj):
        return obj.meeting_total

    @admin.display(description="Public page")
    def public_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">View on site</a>', obj.get_absolute_url())


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "iso_code", "is_former"]
    list_filter = ["is_former"]
    search_fields = ["name", "official_name", "iso_code"]
    readonly_fields = ["iso_code"]
    list_per_page = 100

    def has_delete_permission(self, request, obj=None):
        return False  # countries come from ISO 3166; meetings would lose their links

    def get_readonly_fields(self, request, obj=None):
        return ["iso_code"] if obj else []


class EncounterRecordInline(admin.TabularInline):
    model = Meeting
    fk_name = "encounter"
    fields = ["record", "date", "kind", "record_type", "source_name"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = "record"
    verbose_name_plural = (
        "records (join or split them from the meetings list, or a record's Encounter field)"
    )

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Record")
    def record(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.title)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).defer("original_text", "summary").order_by("date", "pk")
        )


@admin.action(description="Join the selected encounters into one")
def join_encounters(modeladmin, request, queryset):
    chosen = list(queryset.order_by("date", "pk"))
    if len(chosen) < 2:
        modeladmin.message_user(request, "Choose at least two encounters.", messages.WARNING)
        return
    pks = list(Meeting.objects.filter(encounter__in=chosen).values_list("pk", flat=True))
    encounter = encounters.edit(pks, into=chosen[0])
    modeladmin.message_user(
        request, f"{len(chosen)} encounters joined into “{encounter.title}”.", messages.SUCCESS
    )


@admin.action(description="Form the selected encounters again automatically (undo the editors')")
def form_again(modeladmin, request, queryset):
    changed = encounters.release(queryset.values_list("pk", flat=True))
    modeladmin.message_user(
        request, f"Formed again by the import's rules: {changed} records moved.", messages.SUCCESS
    )


@admin.register(Encounter)
class EncounterAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "record_count", "edited", "public_link"]
    list_filter = ["edited"]
    search_fields = ["title", "records__title"]
    date_hierarchy = "date"
    fields = [
        "title",
        "date",
        "last_date",
        "place",
        "part_of",
        "record_count",
        "edited",
        "public_link",
    ]
    readonly_fields = ["date", "last_date", "record_count", "edited", "public_link"]
    raw_id_fields = ["part_of"]
    inlines = [EncounterRecordInline]
    actions = [join_encounters, form_again]
    list_per_page = 100
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.edited = True  # its title, place or summit as the editor left them
        super().save_model(request, obj, form, change)

    @admin.display(description="Public page")
    def public_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">View on site</a>', obj.get_absolute_url())
