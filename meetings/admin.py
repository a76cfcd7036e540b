from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html

from meetings.importers.names import normalize_name
from meetings.models import (
    Country,
    Meeting,
    MeetingSource,
    Participant,
    Person,
    PersonAlias,
    Statement,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person", "country"]
    fields = ["position", "person", "role", "country"]
    ordering = ["position", "id"]


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    fields = [("position", "speaker", "interpreted"), "speaker_label", "text"]
    ordering = ["position"]

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
    extra = 0
    fields = ["source_url", "source_name", "source_file", "content_hash", "imported_at"]
    readonly_fields = ["content_hash", "imported_at"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "kind", "record_type", "statement_count", "public_link"]
    list_filter = ["kind", "record_type", ("countries", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "statements__text", "source_url", "source_file"]
    date_hierarchy = "date"
    autocomplete_fields = ["countries", "host_country"]
    readonly_fields = ["content_hash", "imported_at", "updated_at", "public_link"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ParticipantInline, StatementInline, MeetingSourceInline]
    list_per_page = 100
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["title", "slug", "date", ("kind", "record_type"), "public_link"]}),
        ("Where", {"fields": ["place", "host_country", "countries"]}),
        ("Summary", {"fields": ["summary"]}),
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

    @admin.display(description="Public page")
    def public_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">View on site</a>', obj.get_absolute_url())


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
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
    merged = merge_persons(keep, others)
    modeladmin.message_user(request, f"Merged {merged} people into {keep.name}.", messages.SUCCESS)


@transaction.atomic
def merge_persons(keep, others):
    """Merge others into keep; their names stay as aliases. Returns how many were merged."""
    for other in others:
        for participant in Participant.objects.filter(person=other):
            existing = Participant.objects.filter(meeting_id=participant.meeting_id, person=keep)
            target = existing.first()
            if target:
                # Both took part in the same meeting: keep one participant row.
                Statement.objects.filter(speaker=participant).update(speaker=target)
                if not target.role and participant.role:
                    target.role = participant.role
                    target.save(update_fields=["role"])
                participant.delete()
            else:
                participant.person = keep
                participant.save(update_fields=["person"])
        PersonAlias.objects.filter(person=other).update(person=keep)
        if not PersonAlias.objects.filter(normalized_name=normalize_name(other.name)).exists():
            PersonAlias.objects.create(person=keep, name=other.name)
        if keep.country_id is None and other.country_id:
            keep.country_id = other.country_id
            keep.save(update_fields=["country"])
        other.delete()
    # The meetings changed hands: touching them renews every cached count (facets, the
    # person pages), which follow the meetings' last update.
    Meeting.objects.filter(participants__person=keep).update(updated_at=timezone.now())
    return len(others)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "meeting_count", "public_link"]
    list_select_related = ["country"]
    search_fields = ["name", "aliases__name", "aliases__normalized_name"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["country"]
    inlines = [PersonAliasInline]
    actions = [merge_people]
    list_per_page = 100
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(meeting_total=Count("participations"))
            .order_by("sort_name", "name", "pk")
        )

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
