"""Meetings, the people who took part, and what they said, in order."""

import functools
import hashlib
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.db import models
from django.db.models.functions import Coalesce, Length
from django.urls import reverse

from meetings.identity import alias_key, possible_pairs, slug_base, sort_name
from meetings.importers.cleaning import safe_url
from meetings.importers.labels import label_kind
from meetings.importers.names import slug_for


class MeetingKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    TALKS = "talks", "Talks"
    TELEPHONE = "telephone", "Telephone conversation"
    VIDEO = "video", "Video conference"
    NEWS_CONFERENCE = "news_conference", "News conference"
    BRIEFING = "briefing", "Briefing"
    VISIT = "visit", "Visit"
    SUMMIT = "summit", "Summit"
    MESSAGE = "message", "Message"  # congratulations, condolences, greetings: no meeting
    OTHER = "other", "Other"


class RecordType(models.TextChoices):
    TRANSCRIPT = "transcript", "Full transcript"
    EXCERPTS = "excerpts", "Excerpts"
    REMARKS = "remarks", "Remarks"
    READOUT = "readout", "Readout"


class Country(models.Model):
    """A country (ISO 3166-1), a former state (USSR, Yugoslavia, ...) or an organisation
    that is a side of meetings (NATO, the United Nations, the European Union, ...)."""

    iso_code = models.CharField(
        "ISO code", max_length=2, unique=True, help_text="ISO 3166-1 alpha-2 (or -3 reserved)."
    )
    name = models.CharField(max_length=100)
    official_name = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    is_former = models.BooleanField(
        default=False, help_text="A state that no longer exists (ISO 3166-3)."
    )
    is_organisation = models.BooleanField(
        default=False,
        db_default=False,
        help_text="An organisation that is a side of meetings as a country is (NATO, the UN): "
        "its officials act for it.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iso_code__regex=r"^[A-Z]{2}$"), name="country_iso_code_upper"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return fast_reverse("meetings:country_detail", iso=self.iso_code)

    def partners(self, limit=15):
        """The countries this country met most often: contacts (encounters) counted, with
        their records as .records (cached)."""

        def count():
            links = Meeting.countries.through.objects
            rows = links.filter(
                meeting_id__in=links.filter(country=self).values("meeting_id")
            ).exclude(country=self)
            return _counted(
                Country,
                rows.values("country_id"),
                "country_id",
                limit,
                ("-n", "name"),
                contacts=contacts("meeting__"),
            )

        return cached(("partners", self.pk, limit), count)

    def mention_count(self):
        """How many meetings discuss this country without it taking part (cached)."""
        through = Meeting.mentioned_countries.through.objects
        return cached(("mentions", self.pk), through.filter(country=self).count)

    def share_of_meetings(self):
        """The fraction of all meetings that involve this country (cached)."""

        def share():
            total = Meeting.objects.count()
            mine = Meeting.countries.through.objects.filter(country=self).count()
            return mine / total if total else 0.0

        return cached(("share", self.pk), share)


class PersonQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            meeting_count=models.Count("participations", distinct=True),
        )

    def named_like(self, text):
        """People whose name, or a name they were printed under, contains the text: those
        whose own name does first, then those printed under a label that does ("Co-chair
        of Vladimir Putin's election campaign ... Sergei Kogogin" for "Putin"), each in the
        order asked for."""
        text = text.replace("\x00", "")  # PostgreSQL refuses NUL in text
        if not text:
            return self
        by_name = models.Q(name__icontains=text)
        return (
            self.filter(by_name | models.Q(aliases__name__icontains=text))
            .annotate(by_name=models.Case(models.When(by_name, then=0), default=1))
            .order_by("by_name", *self.query.order_by)
            .distinct()
        )

    def possible_duplicates(self, limit=None):
        """Pairs of these people that may be one person: [(person, other, how_sure, why)],
        the most frequent first (see identity.possible_pairs); a pair an editor said were
        two is left out."""
        rows = self.annotate(n=models.Count("participations")).values_list(
            "pk", "name", "country__iso_code", "n"
        )
        decided = {
            frozenset(pair) for pair in DistinctPeople.objects.values_list("person_id", "other_id")
        }
        pairs = possible_pairs(rows, decided)
        pairs = pairs[:limit] if limit else pairs
        people = (
            Person.objects.select_related("country")
            .with_counts()
            .in_bulk({pk for pair in pairs for pk in pair[1:3]})
        )
        return [(people[a], people[b], sure, why) for _, a, b, sure, why in pairs]


def count_meetings(people):
    """Give each of these people (a page of a list) its meeting_count, in one query: counting
    every person's records to show fifty took 0.3 s at 100,000 records."""
    people = list(people)
    counts = dict(
        Participant.objects.filter(person__in=people)
        .values_list("person_id")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    for person in people:
        person.meeting_count = counts.get(person.pk, 0)
    return people


class Person(models.Model):
    """A person who took part in at least one meeting."""

    name = models.CharField(max_length=200, help_text="Display name, e.g. 'Ilham Aliyev'.")
    slug = models.SlugField(max_length=120, unique=True)
    sort_name = models.CharField(max_length=200, blank=True, help_text="e.g. 'Aliyev, Ilham'.")
    country = models.ForeignKey(
        Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["sort_name", "name"], name="person_sort_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = free_slug(
                slug_base(self.name), lambda slug: Person.objects.filter(slug=slug).exists()
            )
        if not self.sort_name:
            self.sort_name = sort_name(self.name, self.country.iso_code if self.country else None)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return fast_reverse("meetings:person_detail", slug=self.slug)

    def countries_met(self, limit=10):
        """Countries of this person's meetings, other than their own, most frequent first
        (cached until the archive changes, like the facet counts)."""
        qs = Country.objects.filter(meetings__participants__person=self)
        if self.country_id:
            qs = qs.exclude(pk=self.country_id)
        qs = qs.annotate(
            n=contacts("meetings__"), records=models.Count("meetings", distinct=True)
        ).order_by("-n", "-records", "name")
        return cached(("countries_met", self.pk, self.country_id, limit), lambda: list(qs[:limit]))

    def people_met(self, limit=10):
        """The people this person met most often: contacts (encounters) counted, with their
        records as .records (cached)."""
        qs = (
            Person.objects.filter(participations__meeting__participants__person=self)
            .exclude(pk=self.pk)
            .annotate(
                n=contacts("participations__meeting__"),
                records=models.Count("participations__meeting", distinct=True),
            )
            .order_by("-n", "-records", "sort_name")
        )
        return cached(("people_met", self.pk, limit), lambda: list(qs[:limit]))

    def statement_count(self):
        """How many statements this person made (cached)."""
        return cached(
            ("person_statements", self.pk), Statement.objects.filter(speaker__person=self).count
        )

    def roles_over_time(self):
        """Each role held at a meeting, with the first and last date it was held (cached)."""
        qs = (
            self.participations.exclude(role="")
            .values("role")
            .annotate(
                first=models.Min("meeting__date"),
                last=models.Max("meeting__date"),
                n=models.Count("pk"),
            )
            .order_by("first")
        )
        return cached(("roles", self.pk), lambda: list(qs))


class PersonAlias(models.Model):
    """Another spelling or label of a person: 'Aliev', 'M. Mishustin', 'SECRETARY BLINKEN'."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="As printed.")
    normalized_name = models.CharField(
        max_length=200, unique=True, editable=False, help_text="Case and accents folded."
    )
    from_label = models.BooleanField(
        default=False,
        db_default=False,
        help_text="A speaker label an editor said is this person: imports resolve it so too.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"

    def __str__(self):
        return f"{self.name} → {self.person_id}"

    def save(self, *args, **kwargs):
        self.normalized_name = alias_key(self.name)
        super().save(*args, **kwargs)


class DistinctPeople(models.Model):
    """Two people an editor has found to be two, though their names are alike: no longer
    offered as possible duplicates."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "distinct people"
        constraints = [
            models.UniqueConstraint(fields=["person", "other"], name="distinct_people_unique"),
            models.CheckConstraint(
                condition=models.Q(person__lt=models.F("other")), name="distinct_people_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.person_id} is not {self.other_id}"


class WithoutSearchVector(models.Manager):
    """Leaves the search vector unread: only the database uses it, and it is as long as the
    text it indexes."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class MeetingQuerySet(models.QuerySet):
    def at_urls(self, *urls):
        """The meetings published at these addresses. The index of addresses leaves out the
        records without one, and SQLite uses it only for a query that says so too: without
        the exclude, each lookup read every meeting (0.15 s at 100,000)."""
        return self.filter(source_url__in=urls).exclude(source_url="")

    def involving(self, *countries):
        """Meetings that involve every one of the countries.

        A correlated EXISTS for a country in many meetings (the date index is walked and
        stops after a page), a list of ids for one in few: either way no join that makes
        the database sort every meeting of a large country before taking a page.
        """
        links = Meeting.countries.through.objects
        qs = self
        for country in countries:
            if country.share_of_meetings() > 0.1:
                qs = qs.filter(
                    models.Exists(links.filter(meeting_id=models.OuterRef("pk"), country=country))
                )
            else:
                qs = qs.filter(pk__in=links.filter(country=country).values("meeting_id"))
        return qs

    def mentioning(self, *countries):
        """Meetings that discuss every one of the countries, taking no part."""
        links = Meeting.mentioned_countries.through.objects
        qs = self
        for country in countries:
            qs = qs.filter(pk__in=links.filter(country=country).values("meeting_id"))
        return qs

    def with_person(self, person):
        return self.filter(participants__person=person)

    def for_listing(self):
        """What a list of meetings shows: countries prefetched (as `country_list`: a plain
        list is cheaper to read in a template than a related manager), statements counted,
        the encounter it is a record of.

        The long text columns are not loaded.
        """
        return (
            self.defer("original_text", "summary")
            .select_related("encounter")
            .prefetch_related(
                models.Prefetch(
                    "countries", Country.objects.only("iso_code", "name"), to_attr="country_list"
                )
            )
            .with_statement_count()
        )

    def with_statement_count(self):
        """Each meeting's number of statements as `statement_count`. A subquery, not a join:
        it runs for the rows of a page only, and a paginator's COUNT(*) leaves it out."""
        statements = (
            Statement.objects.filter(meeting=models.OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(statement_count=models.Subquery(statements))

    def by_year(self):
        """Contacts a year: [{'year': 2019, 'n': 12, 'records': 15}, ...], newest first, n
        counting encounters, not the records of them (cached until the archive changes)."""
        sql, params = self.order_by().values("pk").query.sql_with_params()
        return cached(("contacts-by-year", sql, params), self._contact_counts)

    def _contact_counts(self):
        return list(
            self.order_by()
            .values("year")
            .annotate(n=contacts(), records=models.Count("pk"))
            .order_by("-year")
        )

    def _year_counts(self):
        return list(self.order_by().values("year").annotate(n=models.Count("pk")).order_by("-year"))

    def contact_count(self):
        """How many contacts (encounters) these records are of (cached)."""
        sql, params = self.order_by().values("pk").query.sql_with_params()
        return cached(
            ("contacts", sql, params), lambda: self.order_by().aggregate(n=contacts())["n"]
        )

    def cached_facet_counts(self, limit=12):
        """facet_counts, kept in the cache until the archive changes.

        Broad filters (the whole archive, one country) count hundreds of thousands of rows;
        the answer only changes when meetings do, which data_version() notices within
        DATA_VERSION_SECONDS.
        """
        sql, params = self.order_by().values("pk").query.sql_with_params()
        return cached(("facets", sql, params, limit), lambda: self.facet_counts(limit))

    def cached_count(self):
        """COUNT(*) of these meetings, cached like the facets (for paginators)."""
        sql, params = self.order_by().values("pk").query.sql_with_params()
        return cached(("count", sql, params), self.count)

    def facet_counts(self, limit=12):
        """Countries, people, years and kinds among these meetings, most frequent first."""
        filtered = bool(self.query.where)
        ids = self.order_by().values("pk")
        links = Meeting.countries.through.objects.all()
        mentions = Meeting.mentioned_countries.through.objects.all()
        participants = Participant.objects.all()
        if filtered:
            links = links.filter(meeting_id__in=ids)
            mentions = mentions.filter(meeting_id__in=ids)
            participants = participants.filter(meeting_id__in=ids)
        return {
            "countries": _counted(
                Country, links.values("country_id"), "country_id", limit, ("-n", "name")
            ),
            "mentioned": _counted(
                Country, mentions.values("country_id"), "country_id", limit, ("-n", "name")
            ),
            "people": _counted(
                Person, participants.values("person_id"), "person_id", limit, ("-n", "sort_name")
            ),
            "years": self._year_counts(),  # facet_counts is cached as a whole
            "kinds": [
                (k["kind"], MeetingKind(k["kind"]).label, k["n"])
                for k in self.order_by()
                .values("kind")
                .annotate(n=models.Count("pk"))
                .order_by("-n")
            ],
        }


class Meeting(models.Model):
    """A meeting between officials, as recorded in one published document."""

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=120, db_index=False)  # unique with the date
    date = models.DateField()
    year = models.PositiveSmallIntegerField(
        editable=False, db_index=True, help_text="The date's year, for year filters and counts."
    )
    kind = models.CharField(max_length=20, choices=MeetingKind, default=MeetingKind.MEETING)
    record_type = models.CharField(
        max_length=20,
        choices=RecordType,
        default=RecordType.TRANSCRIPT,
        help_text="How complete the record is: a reader must see that excerpts are partial.",
    )
    place = models.CharField(max_length=200, blank=True)
    host_country = models.ForeignKey(
        Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="hosted_meetings"
    )
    countries = models.ManyToManyField(
        Country,
        related_name="meetings",
        blank=True,
        verbose_name="parties",
        help_text="The countries that take part: their officials' and the host of a visit.",
    )
    mentioned_countries = models.ManyToManyField(
        Country,
        related_name="mentioned_in",
        blank=True,
        help_text="Countries the record only discusses; no party to the meeting.",
    )
    summary = models.TextField(
        blank=True, help_text="Narrative text of the record that nobody is quoted as saying."
    )
    notes = models.TextField(
        blank=True,
        help_text="What the page adds after the record: its sources, licence, book lists.",
    )
    source_url = models.URLField(
        max_length=500, blank=True, help_text="Where the document was published, when known."
    )
    source_name = models.CharField(max_length=200, blank=True, help_text="e.g. kremlin.ru")
    source_file = models.CharField(
        max_length=300,
        blank=True,
        help_text="Name of the file this record was imported from.",
    )
    original_text = models.TextField(blank=True, help_text="The document as imported.")
    content_hash = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the normalised text."
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edited_fields = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        editable=False,
        help_text="Fields an editor corrected by hand: a new import of the source keeps them.",
    )
    corrected_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When an editor last corrected it."
    )
    search_vector = SearchVectorField(
        null=True, editable=False, help_text="PostgreSQL: title and summary, kept by a trigger."
    )
    publisher_country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_meetings",
        help_text="The government whose own record this is (its site, its agency, the "
        "dateline an aggregator copied), where the document says.",
    )
    encounter = models.ForeignKey(
        "Encounter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        help_text="The contact this is a record of, with the other records of it (the talks, "
        "the press statements after them, the other side's readout).",
    )

    objects = WithoutSearchVector.from_queryset(MeetingQuerySet)()

    class Meta:
        ordering = ["-date", "title"]
        indexes = [
            models.Index(fields=["-date", "title"], name="meeting_date_idx"),
            models.Index(fields=["kind"], name="meeting_kind_idx"),
            models.Index(fields=["record_type"], name="meeting_record_type_idx"),
            models.Index(fields=["updated_at"], name="meeting_updated_idx"),
            models.Index(fields=["source_file"], name="meeting_source_file_idx"),
            # Created on PostgreSQL only (see migration 0003); SQLite uses FTS5 tables.
            GinIndex(fields=["search_vector"], name="meeting_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(record_type__in=RecordType.values),
                name="meeting_record_type_valid",
            ),
            models.UniqueConstraint(fields=["date", "slug"], name="meeting_unique_date_slug"),
            models.UniqueConstraint(
                fields=["source_url"],
                condition=~models.Q(source_url=""),
                name="meeting_unique_source_url",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.title)[:120].strip("-") or "meeting"
        self.year = self.date.year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return meeting_path(self.date, self.slug)

    @property
    def source_link(self):
        """The source URL when a reader may follow it (http or https), else ""."""
        return safe_url(self.source_url)

    @property
    def publisher(self):
        """Who published the record: the site or agency named, else its URL's host."""
        if self.source_name:
            return self.source_name
        return self.source_url.split("//", 1)[-1].split("/")[0].removeprefix("www.")

    def neighbours(self, countries):
        """(previous, next) meeting involving all the same countries, or None each (cached)."""
        if len(countries) < 2:
            return None, None
        key = ("neighbours", self.pk, tuple(sorted(c.pk for c in countries)))
        return cached(key, lambda: self._neighbours(countries))

    def _neighbours(self, countries):
        same = Meeting.objects.involving(*countries).exclude(pk=self.pk)
        earlier = same.filter(
            models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk)
        ).order_by("-date", "-pk")
        later = same.filter(
            models.Q(date__gt=self.date) | models.Q(date=self.date, pk__gt=self.pk)
        ).order_by("date", "pk")
        return earlier.first(), later.first()


class EncounterQuerySet(models.QuerySet):
    def cached_count(self):
        """COUNT(*) of these encounters, cached like the meetings' (for paginators)."""
        sql, params = self.order_by().values("pk").query.sql_with_params()
        return cached(("encounter-count", sql, params), self.count)

    def record_total(self):
        """How many records these encounters have between them (cached)."""
        sql, params = self.order_by().values("pk").query.sql_with_params()
        total = functools.partial(self.order_by().aggregate, n=models.Sum("record_count"))
        return cached(("encounter-records", sql, params), lambda: total()["n"] or 0)


class Encounter(models.Model):
    """One diplomatic contact: a meeting, talks, a call, a visit's events of one day with
    one counterpart; every record of it, whoever published it (see meetings/encounters.py)."""

    date = models.DateField()
    last_date = models.DateField(help_text="The last day of its records (a visit's days).")
    title = models.CharField(max_length=300, help_text="Who met whom, from its records.")
    place = models.CharField(max_length=200, blank=True)
    record_count = models.PositiveIntegerField(default=0)
    part_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sidelines",
        help_text="The summit whose sidelines this was held on.",
    )
    edited = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Joined or split by an editor: imports keep its records as they are.",
    )

    objects = EncounterQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["-date"], name="encounter_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_date__gte=models.F("date")), name="encounter_dates_ordered"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y})"

    def get_absolute_url(self):
        return fast_reverse("meetings:encounter_detail", pk=self.pk)

    @staticmethod
    def countries_of(pks):
        """{encounter pk: [the countries taking part in any of its records, by name]}."""
        through = Meeting.countries.through
        rows = (
            through.objects.filter(meeting__encounter_id__in=pks)
            .values_list("meeting__encounter_id", "country_id")
            .distinct()
        )
        ids = defaultdict(set)
        for encounter_id, country_id in rows:
            ids[encounter_id].add(country_id)
        by_id = Country.objects.in_bulk({c for v in ids.values() for c in v})
        return {pk: sorted((by_id[c] for c in v), key=lambda c: c.name) for pk, v in ids.items()}

    def records_listed(self):
        """Its records as its page lists them: each with its countries (as `country_list`),
        the countries it only discusses (`mentioned_list`), its participants, its number of
        statements and its length in characters."""
        characters = (
            Statement.objects.filter(meeting=models.OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(n=models.Sum(Length("text")))
            .values("n")
        )
        return (
            self.records.for_listing()
            .select_related("host_country", "publisher_country")
            .prefetch_related(
                models.Prefetch(
                    "participants",
                    Participant.objects.select_related("person", "country").order_by(
                        "position", "pk"
                    ),
                ),
                models.Prefetch(
                    "mentioned_countries",
                    Country.objects.only("iso_code", "name"),
                    to_attr="mentioned_list",
                ),
            )
            .annotate(characters=models.Subquery(characters))
            .order_by("date", "pk")
        )


class FormerAddress(models.Model):
    """An address a meeting's page had before its date or slug changed (an editor corrected
    them, or a corrected version of the document retitled it): it redirects there."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    slug = models.SlugField(max_length=120, db_index=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date", "slug"], name="former_address_unique")
        ]

    def __str__(self):
        return f"{self.date}/{self.slug} → {self.meeting_id}"


def moved(meeting, date, slug):
    """The meeting had the address (date, slug) until now: remember it, so that its old
    links lead to its new page. Its new address is no longer a former one."""
    FormerAddress.objects.filter(meeting=meeting, date=meeting.date, slug=meeting.slug).delete()
    if (date, slug) != (meeting.date, meeting.slug):
        FormerAddress.objects.update_or_create(date=date, slug=slug, defaults={"meeting": meeting})


class MeetingSource(models.Model):
    """One published document of a meeting; the same meeting may be republished by several."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sources")
    source_url = models.URLField(max_length=500, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    source_file = models.CharField(max_length=300, blank=True)
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the document: imported once."
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "imported_at", "id"]

    def __str__(self):
        return self.source_url or self.source_file or self.content_hash[:12]

    @property
    def source_link(self):
        """The source URL when a reader may follow it (http or https), else ""."""
        return safe_url(self.source_url)


class Participant(models.Model):
    """A person's part in one meeting: the role they held there and the country they spoke for."""

    # Both keys are indexed by the unique constraint and the index in Meta, which lead with them.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", db_index=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", db_index=False
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="The name as this record prints it."
    )
    role = models.CharField(max_length=300, blank=True, help_text="e.g. President of Azerbaijan")
    country = models.ForeignKey(
        Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="participants"
    )
    position = models.PositiveIntegerField(default=0, help_text="Order of listing.")
    addressee = models.BooleanField(
        default=False, help_text="The one a message (congratulations, condolences) is sent to."
    )

    class Meta:
        ordering = ["meeting_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="participant_unique_person")
        ]
        indexes = [models.Index(fields=["person", "meeting"], name="participant_person_idx")]

    def __str__(self):
        role = f", {self.role}" if self.role else ""
        return f"{self.person}{role}"


class StatementQuerySet(models.QuerySet):
    def unresolved(self):
        """Statements with a speaker's label that names nobody in the meeting ("The
        Chairman", "Mr. Z"): not narrative, not "Question"."""
        return self.filter(speaker=None).exclude(speaker_label="")

    def unresolved_labels(self):
        """[{"speaker_label", "statements", "meetings"}] of the labels left unresolved,
        the most frequent first; labels of nobody in particular ("Question") left out."""
        rows = (
            self.unresolved()
            .values("speaker_label")
            .annotate(
                statements=models.Count("id"), meetings=models.Count("meeting", distinct=True)
            )
            .order_by("-statements", "speaker_label")
        )
        return [row for row in rows if label_kind(row["speaker_label"]) == "person"]


class Statement(models.Model):
    """One speaker's turn in a transcript, in reading order."""

    # Both keys are indexed by the unique constraint and the index in Meta.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="statements", db_index=False
    )
    position = models.PositiveIntegerField()
    speaker = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        db_index=False,
        null=True,
        blank=True,
        related_name="statements",
        help_text="Empty for 'Question', narrative or a label nobody could be matched to.",
    )
    speaker_label = models.CharField(
        max_length=300, blank=True, help_text="Speaker exactly as printed."
    )
    text = models.TextField(help_text="Paragraphs separated by a blank line.")
    interpreted = models.BooleanField(
        default=False, help_text="Marked as interpreted: 'as translated', 'retranslated'."
    )
    edited_fields = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        editable=False,
        help_text="Fields an editor corrected by hand: a new import of the source keeps them.",
    )
    search_vector = SearchVectorField(
        null=True, editable=False, help_text="PostgreSQL: label and text, kept by a trigger."
    )

    objects = WithoutSearchVector.from_queryset(StatementQuerySet)()

    class Meta:
        ordering = ["meeting_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="statement_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="statement_position_gte_1"
            ),
        ]
        indexes = [
            models.Index(fields=["speaker"], name="statement_speaker_idx"),
            # Created on PostgreSQL only (see migration 0003); SQLite uses FTS5 tables.
            GinIndex(fields=["search_vector"], name="statement_search_idx"),
        ]

    def __str__(self):
        return f"{self.speaker_label or 'Narrative'} ({self.meeting_id}/{self.position})"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url() + self.anchor

    @property
    def anchor(self):
        """Where the statement is on its meeting's page: "#s12", or "?page=2#s250" past
        the first STATEMENTS_PER_PAGE of a long record."""
        return statement_anchor(self.position)


# A meeting's page shows this many statements at a time (a record of 29,000 statements made a
# page of 63 MB). Links to statements carry the page, so the number must not change.
STATEMENTS_PER_PAGE = 200


def statement_page(position):
    return (position - 1) // STATEMENTS_PER_PAGE + 1


def statement_anchor(position):
    """ "#s12", or "?page=2#s250": a statement's place on its meeting's page."""
    page = statement_page(position)
    return f"#s{position}" if page == 1 else f"?page={page}#s{position}"


FACET_CACHE_SECONDS = 600
DATA_VERSION_SECONDS = 5


def data_version(fresh=False):
    """Changes whenever the archive does: a meeting added, removed or saved, a person added
    or merged away, a decision that two people are two, anything saved in the admin
    (checked every few seconds; `fresh` reads it now, as the editors' own pages do)."""
    version = None if fresh else cache.get("data-version")
    if version is None:
        from django.contrib.admin.models import LogEntry

        row = Meeting.objects.aggregate(n=models.Count("pk"), last=models.Max("updated_at"))
        people = Person.objects.aggregate(n=models.Count("pk"), last=models.Max("pk"))
        edits = LogEntry.objects.aggregate(last=models.Max("pk"))["last"]
        version = (
            f"{row['n']}-{row['last'].timestamp() if row['last'] else 0}"
            f"-p{people['n']}.{people['last']}-e{edits}-d{DistinctPeople.objects.count()}"
        )
        cache.set("data-version", version, timeout=DATA_VERSION_SECONDS)
    return version


def archive_changed():
    """Forget the data version now (an import has finished): with a shared cache, every
    process sees the change at once, not within DATA_VERSION_SECONDS."""
    cache.delete("data-version")


def cached(key, compute):
    """compute(), cached until data_version() changes (or FACET_CACHE_SECONDS pass)."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    full_key = f"archive:{data_version()}:{digest}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=FACET_CACHE_SECONDS)
    return value


# What stands in for each URL argument in a reversed template: the argument's own converter
# must accept it (a year is digits, an ISO code two letters).
PLACEHOLDERS = {"year": "9999", "iso": "QX", "other": "QY", "pk": "987654321987"}
PLACEHOLDER = "zz9placeholder9zz"


def _placeholder(key):
    return PLACEHOLDERS.get(key, f"{key}-{PLACEHOLDER}")


@functools.cache
def _url_template(name, keys):
    """reverse() once with placeholders; fast_reverse fills them in by string replacement."""
    return reverse(name, kwargs={k: _placeholder(k) for k in keys})


def fast_reverse(name, **kwargs):
    """reverse() for the URLs listings build by the hundred: same result, a fraction of
    the time (one real reverse per URL name and process)."""
    url = _url_template(name, tuple(sorted(kwargs)))
    for key, value in kwargs.items():
        url = url.replace(_placeholder(key), str(value), 1)
    return url


def meeting_path(date, slug, view="meetings:meeting_detail"):
    """A meeting's page (or the view's address for it: the API's), from its date and slug
    (for rows read as plain values)."""
    return fast_reverse(
        view,
        year=date.year,
        month=f"{date.month:02d}",
        day=f"{date.day:02d}",
        slug=slug,
    )


def _counted(model, rows, key, limit, order, contacts=None):
    """The `limit` objects of `model` most frequent in rows (grouped by key), each with .n;
    with `contacts` (an aggregate), .n is that and .records the rows."""
    n = contacts if contacts is not None else models.Count("pk")
    counts = (
        rows.order_by().annotate(n=n, records=models.Count("pk")).order_by("-n", "-records", key)
    )[: limit * 2]
    counts = {row[key]: (row["n"], row["records"]) for row in counts}
    objects = list(model.objects.filter(pk__in=counts))
    for obj in objects:
        obj.n, obj.records = counts[obj.pk]
    sort_key, tie = order[0].lstrip("-"), order[1]
    objects.sort(key=lambda o: (-getattr(o, sort_key), -o.records, getattr(o, tie)))
    return objects[:limit]


def contacts(meeting=""):
    """COUNT of the distinct contacts of the meetings at this path ("" for meetings
    themselves, "meeting__" from a row of one): a meeting's encounter, or the meeting itself
    where it has none yet."""
    pk = f"{meeting}pk" if meeting else "pk"
    return models.Count(
        Coalesce(f"{meeting}encounter_id", -models.F(pk), output_field=models.BigIntegerField()),
        distinct=True,
    )


def free_slug(base, taken, *, max_length=120):
    """base, or base-2, base-3... whichever `taken(slug)` says is free."""
    slug, n = base[:max_length], 2
    while taken(slug):
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


class ImportStatus(models.TextChoices):
    PREVIEWING = "previewing", "Reading the documents"
    READY = "ready", "Ready to import"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    DISCARDED = "discarded", "Discarded"


class ImportRun(models.Model):
    """One upload of documents in the admin: read, previewed, then imported on confirmation."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus, default=ImportStatus.PREVIEWING)
    source_name = models.CharField(
        max_length=200, blank=True, help_text="Publisher of documents that name none."
    )
    default_date = models.DateField(
        null=True, blank=True, help_text="Date of the documents that print none."
    )
    total = models.PositiveIntegerField(default=0, help_text="Documents to read.")
    done = models.PositiveIntegerField(default=0, help_text="Documents read or written so far.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    drafts = models.PositiveIntegerField(default=0, help_text="Kept as drafts: no date.")
    unresolved = models.JSONField(
        default=list, blank=True, help_text="[label, count] of the labels left unresolved."
    )
    preview = models.JSONField(
        default=list,
        blank=True,
        help_text="What each document gives: as the preview wrote it (then rolled it back), "
        "then as the import wrote it.",
    )
    left_out = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        help_text="[name, reason] of the uploaded files that could not be taken.",
    )
    error = models.TextField(blank=True)
    meetings = models.ManyToManyField(Meeting, related_name="import_runs", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="import_run_status_valid"
            )
        ]

    def __str__(self):
        return f"Import #{self.pk} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("admin:meetings_importrun_change", args=[self.pk])


class ImportFile(models.Model):
    """A document uploaded for an import run, kept until the run is done."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=300)
    data = models.BinaryField()

    class Meta:
        ordering = ["run", "id"]

    def __str__(self):
        return self.name


class Draft(models.Model):
    """A record imported without a date: kept, not public, until an editor gives it one."""

    title = models.CharField(max_length=500)
    source_file = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    record = models.JSONField(help_text="The record as read, in the import's JSON shape.")
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the document: kept once."
    )
    date = models.DateField(
        null=True, blank=True, help_text="Give the date: saving publishes the record."
    )
    import_run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft_records"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "record needing a date"
        verbose_name_plural = "records needing a date"

    def __str__(self):
        return self.title
