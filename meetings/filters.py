"""Query strings to querysets: one FilterSet per list page."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2

from meetings import search
from meetings.models import Country, Encounter, Meeting, MeetingKind, Person, RecordType
from meetings.search import MAX_QUERY_LENGTH, SearchError, parse_query

MAX_VALUES = 10


class ListInput(forms.TextInput):
    """A text input whose value may be given several times (?country=RU&country=AZ) or as
    one space- or comma-separated list (what the form itself sends)."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [v for value in values if value for v in re.split(r"[\s,]+", value) if v]

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(str(v) for v in value)
        return super().format_value(value)


class CodeListField(forms.Field):
    """A list of known identifiers (ISO codes, slugs); unknown ones are a form error."""

    widget = ListInput

    def __init__(self, *, lookup, normalize=str, noun, **kwargs):
        self.lookup = lookup
        self.normalize = normalize
        self.noun = noun
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        values = [self.normalize(v) for v in value]
        if len(values) > MAX_VALUES:
            raise ValidationError(f"Choose at most {MAX_VALUES} {self.noun}s.")
        # A NUL cannot be in a code, and PostgreSQL refuses it in any text it is sent.
        known = self.lookup([v for v in values if "\x00" not in v])
        unknown = [v for v in values if v not in known]
        if unknown:
            raise ValidationError(f"Unknown {self.noun}: {', '.join(unknown[:3])}.")
        return [known[v] for v in dict.fromkeys(values)]


class SearchField(forms.CharField):
    """Words in web-search syntax; cleans to a search.Query, or says why it cannot."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value or not value.strip():
            return None
        try:
            return parse_query(value)
        except SearchError as exc:
            raise ValidationError(str(exc)) from exc

    def run_validators(self, value):
        super().run_validators(value.text if value else value)


class SearchFilter(django_filters.Filter):
    field_class = SearchField

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(search.backend().meeting_filter(value))


class AllOfFilter(django_filters.Filter):
    """Meetings that involve every one of the chosen values."""

    field_class = CodeListField

    def filter(self, qs, value):
        for item in value or []:
            qs = qs.filter(**{self.field_name: item})
        return qs


class AllCountriesFilter(AllOfFilter):
    def filter(self, qs, value):
        return qs.involving(*value) if value else qs


class MentionedCountriesFilter(AllOfFilter):
    def filter(self, qs, value):
        return qs.mentioning(*value) if value else qs


def _countries(codes):
    return {c.iso_code: c for c in Country.objects.filter(iso_code__in=codes)}


def _people(slugs):
    return {p.slug: p for p in Person.objects.filter(slug__in=slugs)}


def date_filter(field_name, lookup_expr, label):
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="YYYY-MM-DD",
    )


class FilterForm(forms.Form):
    # Widgets rendered by Jinja2 templates (the same HTML as Django's): the filter form took
    # 20 ms of every list page with the Django template engine, 5 ms with Jinja2.
    default_renderer = Jinja2()  # one instance: it compiles each template once


class MeetingFilter(django_filters.FilterSet):
    q = SearchFilter(
        label="Words",
        max_length=MAX_QUERY_LENGTH,
        help_text='In titles, statements and speakers: "a phrase", -exclude, this OR that.',
    )
    country = AllCountriesFilter(
        field_name="countries",
        lookup=_countries,
        normalize=str.upper,
        noun="country code",
        label="Countries",
        help_text="ISO codes, e.g. RU AZ: meetings all of them take part in.",
    )
    mentions = MentionedCountriesFilter(
        field_name="mentioned_countries",
        lookup=_countries,
        normalize=str.upper,
        noun="country code",
        label="Discussing",
        help_text="ISO codes, e.g. SY: meetings that discuss all of them without taking part.",
    )
    person = AllOfFilter(
        field_name="participants__person",
        lookup=_people,
        normalize=str.lower,
        noun="person",
        label="People",
        help_text="e.g. ilham-aliyev",
    )
    date_after = date_filter("date", "gte", "From")
    date_before = date_filter("date", "lte", "Until")
    year = django_filters.NumberFilter(
        field_name="year", label="Year", min_value=1900, max_value=2100
    )
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, empty_label="Any kind")
    record_type = django_filters.ChoiceFilter(
        choices=RecordType.choices, label="Record", empty_label="Any record"
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            ("relevance", "Best match (with words)"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
        ],
        method="keep",  # applied in filter_queryset, after every filter
        label="Order",
        empty_label=None,
    )

    class Meta:
        model = Meeting
        fields = []
        form = FilterForm

    @property
    def scope(self):
        """The meetings every filter but the words allows, or None when that is all of them.

        Searches rank within this scope: filtering by the words first would make the
        database run the search twice.
        """
        self.is_valid()
        qs = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in ("q", "sort") and value not in (None, "", []):
                qs = self.filters[name].filter(qs, value)
        return qs if qs.query.where else None

    def keep(self, queryset, name, value):
        return queryset

    @property
    def search_query(self):
        """The parsed words, when the query string has valid ones."""
        self.is_valid()  # cleans the form; invalid fields are left out of cleaned_data
        return self.form.cleaned_data.get("q")

    @property
    def order(self):
        """relevance, newest or oldest: relevance by default when words are searched."""
        self.is_valid()
        sort = self.form.cleaned_data.get("sort")
        if sort in ("newest", "oldest"):
            return sort
        return "relevance" if self.search_query else "newest"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("sort") == "oldest":
            return queryset.order_by("date", "title", "pk")
        return queryset.order_by("-date", "title", "pk")

    def first_error(self):
        """ "parameter: message" of the first parameter the form cannot read, or None."""
        if self.is_valid():
            return None
        name, messages = next(iter(self.errors.items()))
        return f"{name}: {messages[0]}"

    def active_filters(self):
        """(description, name, value) for each filter the query string applies."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        data = self.form.cleaned_data
        active = []
        for c in data.get("country") or []:
            active.append((f"with {c.name} taking part", "country", c.iso_code))
        for c in data.get("mentions") or []:
            active.append((f"discussing {c.name}", "mentions", c.iso_code))
        for p in data.get("person") or []:
            active.append((f"with {p.name}", "person", p.slug))
        if data.get("date_after"):
            active.append((f"from {data['date_after']:%d %b %Y}", "date_after", None))
        if data.get("date_before"):
            active.append((f"until {data['date_before']:%d %b %Y}", "date_before", None))
        if data.get("year"):
            active.append((f"in {int(data['year'])}", "year", None))
        if data.get("kind"):
            active.append((MeetingKind(data["kind"]).label.lower(), "kind", None))
        if data.get("record_type"):
            active.append((RecordType(data["record_type"]).label.lower(), "record_type", None))
        if data.get("q"):
            active.append((f"mentioning “{data['q'].text}”", "q", None))
        return active


class EncounterFilter(django_filters.FilterSet):
    """The encounters of /encounters/ and /api/encounters/: by the countries and people of
    their records, their dates, and how many records they have."""

    # Applied together in filter_queryset: encounters with a record that all of them take
    # part in, found among the records as /meetings/ finds them.
    country = AllOfFilter(
        method="keep",
        lookup=_countries,
        normalize=str.upper,
        noun="country code",
        label="Countries",
        help_text="ISO codes, e.g. RU AZ: contacts all of them take part in.",
    )
    person = AllOfFilter(
        method="keep",
        lookup=_people,
        normalize=str.lower,
        noun="person",
        label="People",
        help_text="e.g. ilham-aliyev",
    )
    date_after = date_filter("last_date", "gte", "From")  # a visit's days: its last one
    date_before = date_filter("date", "lte", "Until")
    min_records = django_filters.NumberFilter(
        field_name="record_count",
        lookup_expr="gte",
        label="At least this many records",
        min_value=1,
        max_value=1000,
    )

    class Meta:
        model = Encounter
        fields = []
        form = FilterForm

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        countries, people = data.get("country") or [], data.get("person") or []
        if countries or people:
            records = Meeting.objects.involving(*countries)
            for person in people:
                records = records.with_person(person)
            queryset = queryset.filter(pk__in=records.order_by().values("encounter_id"))
        return queryset.order_by("-date", "title", "pk")

    keep = MeetingFilter.keep
    first_error = MeetingFilter.first_error

    def active_filters(self):
        """(description, name, value) for each filter the query string applies."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        data = self.form.cleaned_data
        active = [
            (f"with {c.name} taking part", "country", c.iso_code) for c in data.get("country") or []
        ]
        active += [(f"with {p.name}", "person", p.slug) for p in data.get("person") or []]
        if data.get("date_after"):
            active.append((f"from {data['date_after']:%d %b %Y}", "date_after", None))
        if data.get("date_before"):
            active.append((f"until {data['date_before']:%d %b %Y}", "date_before", None))
        if data.get("min_records"):
            n = int(data["min_records"])
            active.append((f"of at least {n} record{'s' if n > 1 else ''}", "min_records", None))
        return active
