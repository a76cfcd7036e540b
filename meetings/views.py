import datetime
import functools
import logging
import sys

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count, Max, Min, Prefetch
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import defaults

from meetings import charts, compare, encounters, search
from meetings.filters import EncounterFilter, MeetingFilter
from meetings.models import (
    STATEMENTS_PER_PAGE,
    Country,
    Encounter,
    FormerAddress,
    Meeting,
    Participant,
    Person,
    Statement,
    cached,
    count_meetings,
    fast_reverse,
    statement_anchor,
)
from meetings.opendata import akn, citations, linked_data
from meetings.sitemaps import SITEMAPS

logger = logging.getLogger(__name__)


class CountedQuerySet:
    """A queryset whose COUNT(*) comes from the cache (see MeetingQuerySet.cached_count).
    With `rows` (ids -> their rows), a page's ids are found first and then read whole."""

    def __init__(self, queryset, count=None, rows=None):
        self.queryset, self._count, self.rows = queryset, count, rows

    def count(self):
        if self._count is None:
            self._count = self.queryset.cached_count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if self.rows is None or not isinstance(key, slice):
            return self.queryset[key]
        ids = list(self.queryset.values_list("pk", flat=True)[key])
        found = {row.pk: row for row in self.rows(ids)}
        return [found[pk] for pk in ids if pk in found]


def paginate(request, queryset, per_page=None, rows=None):
    """The requested page; a page number past the end or not a number gives the last/first
    page, and `page_error` says so. rows: ids -> the rows of a page, read whole, where
    sorting whole rows to find a page costs more than sorting ids (SQLite sorts whole rows:
    a country's 3,000 records read to show 20)."""
    if hasattr(queryset, "cached_count"):
        queryset = CountedQuerySet(queryset, rows=rows)
    paginator = Paginator(queryset, per_page or settings.ARCHIVE_PAGE_SIZE)
    raw = request.GET.get("page", "1")
    page = paginator.get_page(raw)
    error = None
    if raw != str(page.number) and "page" in request.GET:
        error = f"There is no page {raw[:20]!s}; showing page {page.number}."
    return page, error


def listed(ids):
    """Records as a list of them shows them (see paginate's rows)."""
    return Meeting.objects.for_listing().filter(pk__in=ids)


def healthz(request):
    """A trivial page for load balancers (and the baseline of bench/web_bench.py); with
    ?db=1 it asks the database too, and answers 503 while the database does not answer."""
    if request.GET.get("db") != "1":
        return HttpResponse("ok", content_type="text/plain")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        logger.warning("healthz: the database does not answer: %s", exc)
        return unavailable()
    return HttpResponse(f"ok: database ({connection.vendor}) answers", content_type="text/plain")


def unavailable():
    response = HttpResponse(
        "The archive's database is unavailable for a moment. Try again in a minute.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "30"
    return response


# The database going away (a restart, a failover, a network cut) raises these; anything
# else is a bug, and a 500.
DATABASE_GONE = (OperationalError, InterfaceError)


class DatabaseGoneMiddleware:
    """A view that finds the database gone answers 503 (logged in one line, no traceback):
    the connection is dropped, and the next request connects again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_GONE):
            logger.warning("The database is unavailable: %s", str(exception).strip()[:200])
            return unavailable()
        return None


def server_error(request):
    """handler500: a 503 with a plain message when the database is unreachable (the next
    request reconnects by itself), Django's 500 page otherwise. Reads no data."""
    if isinstance(sys.exc_info()[1], DATABASE_GONE):
        return unavailable()
    return defaults.server_error(request)


def home(request):
    meetings = Meeting.objects.all()
    context = {
        "span": cached(
            ("span",),
            lambda: meetings.aggregate(first=Min("date"), last=Max("date"), total=Count("pk")),
        ),
        "statement_total": cached(("statements",), Statement.objects.count),
        "contact_total": meetings.contact_count(),
        "person_total": cached(("people",), Person.objects.count),
        "latest": meetings.for_listing().order_by("-date", "title", "pk")[:10],
        "facets": meetings.cached_facet_counts(limit=15),
    }
    return render(request, "meetings/home.html", context)


def _query(request, add=None, remove=None, drop=()):
    """The current query string with one value added to or removed from a parameter."""
    params = request.GET.copy()
    params.pop("page", None)
    for name in drop:
        params.pop(name, None)
    if add:
        name, value = add
        values = [v for v in params.getlist(name) if v.lower() != value.lower()]
        params.setlist(name, [*values, value])
    if remove:
        name, value = remove
        params.setlist(name, [v for v in params.getlist(name) if v.lower() != str(value).lower()])
    return "?" + params.urlencode() if params else "?"


def _links(query, statements=False):
    """The same list as a feed, a spreadsheet and JSON: URLs for a query string."""
    query = f"?{query}" if query else ""
    if statements:
        csv, json = reverse("meetings:statement_csv"), reverse("api:statement_list")
    else:
        csv, json = reverse("meetings:meeting_csv"), reverse("api:meeting_list")
    return {
        "feed": reverse("meetings:meeting_feed") + query,
        "csv": csv + query,
        "json": json + query,
    }


def _list_query(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _facets(request, meetings):
    facets = meetings.cached_facet_counts()
    for c in facets["countries"]:
        c.narrow_url = _query(request, add=("country", c.iso_code))
    for c in facets["mentioned"]:
        c.narrow_url = _query(request, add=("mentions", c.iso_code))
    for p in facets["people"]:
        p.narrow_url = _query(request, add=("person", p.slug))
    facets["years"] = [
        {**y, "narrow_url": _query(request, drop=["year"], add=("year", str(y["year"])))}
        for y in facets["years"]
    ]
    facets["kinds"] = [
        (label, n, _query(request, drop=["kind"], add=("kind", value)))
        for value, label, n in facets["kinds"]
    ]
    return facets


def _active(request, filterset):
    """(description, URL without that filter) for each active filter."""
    return [
        (
            description,
            _query(request, remove=(name, value)) if value else _query(request, drop=[name]),
        )
        for description, name, value in filterset.active_filters()
    ]


def ranked_among(page):
    """How many of the newest matches were ranked, when a common word matched more; else
    None (every match was ranked)."""
    if getattr(page.paginator.object_list, "bounded", False):
        return search.candidates()
    return None


def _facet_scope(filterset, page):
    """The meetings the facets count: the list's, or for a common word ranked among its
    newest matches, the meetings of those (counting every meeting that holds the word took
    seconds, and would not be the list shown)."""
    if ranked_among(page):
        scope = filterset.scope
        scope = Meeting.objects.all() if scope is None else scope
        return scope.filter(search.backend().candidate_filter(filterset.search_query))
    return filterset.qs


def meeting_page(request, filterset, load, per_page=None):
    """(page, page_error) of the meetings a MeetingFilter selects: ranked by the words when
    the order is relevance, by date otherwise. `load(queryset)` says what each row reads.
    Raises search.SearchError for words the search engine cannot read."""
    query = filterset.search_query
    if query and filterset.order == "relevance":
        ranked = search.backend().ranked_meetings(query, filterset.scope)
        page, page_error = paginate(request, ranked, per_page)
        by_id = load(Meeting.objects.all()).in_bulk([hit.id for hit in page])
        page.object_list = [by_id[hit.id] for hit in page if hit.id in by_id]
        return page, page_error
    return paginate(request, load(filterset.qs), per_page)


def meeting_list(request):
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    query = filterset.search_query
    try:
        page, page_error = meeting_page(request, filterset, lambda qs: qs.for_listing())
        best = search.backend().best_statements(query, [m.pk for m in page]) if query else {}
    except search.SearchError as exc:
        context = {"filterset": filterset, "page": None, "page_error": str(exc), "facets": {}}
        return render(request, "meetings/meeting_list.html", context)
    # The hits show a snippet, not the text: leave it unread.
    statements = (
        Statement.objects.select_related("speaker__person")
        .defer("text")
        .in_bulk([hit.id for hits in best.values() for hit in hits])
    )
    for meeting in page:
        meeting.hits = [
            (statements[h.id], search.highlight(h.snippet))
            for h in best.get(meeting.pk, [])
            if h.id in statements
        ]
    context = {
        "filterset": filterset,
        "page": page,
        "page_error": page_error,
        "facets": _facets(request, _facet_scope(filterset, page)),
        "active": _active(request, filterset),
        "order": filterset.order,
        "links": _links(_list_query(request)),
        "bounded": ranked_among(page),
    }
    return render(request, "meetings/meeting_list.html", context)


def statement_list(request):
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    query = filterset.search_query
    context = {"filterset": filterset, "active": _active(request, filterset), "page": None}
    if not query:
        context["message"] = "Type words to find the statements that contain them."
        return render(request, "meetings/statement_list.html", context)
    try:
        hits = search.backend().ranked_statements(query, filterset.scope, order=filterset.order)
        page, page_error = paginate(request, hits)
        by_id = (
            Statement.objects.select_related("meeting", "speaker__person")
            .defer("text", "meeting__original_text", "meeting__summary")
            .in_bulk([hit.id for hit in page])
        )
    except search.SearchError as exc:
        context["message"] = str(exc)
        return render(request, "meetings/statement_list.html", context)
    page.object_list = [
        (by_id[hit.id], search.highlight(hit.snippet)) for hit in page if hit.id in by_id
    ]
    context.update(
        page=page,
        page_error=page_error,
        facets=_facets(request, _facet_scope(filterset, page)),
        order=filterset.order,
        links=_links(_list_query(request), statements=True),
        bounded=ranked_among(page),
    )
    return render(request, "meetings/statement_list.html", context)


class Moved(Exception):
    """The address is one a meeting had before (see FormerAddress)."""

    def __init__(self, meeting):
        super().__init__(meeting.pk)
        self.meeting = meeting


def follows_moves(view):
    """A view of one meeting (its page, its downloads, its API record): an address the
    meeting had before its date or slug were corrected redirects, for good, to the same
    view of its address now, with the same query string."""

    @functools.wraps(view)
    def wrapper(request, year, month, day, slug, **kwargs):
        try:
            return view(request, year, month, day, slug, **kwargs)
        except Moved as moved:
            date = moved.meeting.date
            url = reverse(
                request.resolver_match.view_name,
                args=[date.year, f"{date.month:02d}", f"{date.day:02d}", moved.meeting.slug],
            )
            query = request.META.get("QUERY_STRING")
            return redirect(f"{url}?{query}" if query else url, permanent=True)

    return wrapper


def meeting_at(year, month, day, slug, *related):
    """The meeting at this address, with its countries and participants; raises Moved for
    an address it had before, else 404."""
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise Http404("No such meeting.") from exc
    try:
        return get_object_or_404(
            Meeting.objects.select_related(
                "host_country", "publisher_country", "encounter"
            ).prefetch_related(
                "countries",
                "mentioned_countries",
                Prefetch(
                    "participants",
                    Participant.objects.select_related("person", "country").order_by("position"),
                ),
                *related,
            ),
            date=date,
            slug=slug,
        )
    except Http404:
        former = FormerAddress.objects.filter(date=date, slug=slug).select_related("meeting")
        found = former.first()
        if found is None:
            raise
        raise Moved(found.meeting) from None


@follows_moves
def meeting_detail(request, year, month, day, slug):
    meeting = meeting_at(year, month, day, slug, "sources")
    statements = meeting.statements.select_related("speaker__person").order_by("position")
    total = meeting.statements.count()
    if "statement" in request.GET:
        return _to_statement(request, meeting, total)
    countries = list(meeting.countries.all())
    participants = list(meeting.participants.all())
    page = page_error = None
    if total > STATEMENTS_PER_PAGE:
        # A long record is shown a page at a time (the HTML of one of 29,000 statements was
        # 63 MB); its words are counted once per version of the archive.
        page, page_error = paginate(request, statements, STATEMENTS_PER_PAGE)
        shown = list(page)
        words = cached(
            ("word-shares", meeting.pk),
            lambda: charts.word_shares(
                participants,
                meeting.statements.values_list("speaker_id", "speaker_label", "text")
                .order_by()
                .iterator(chunk_size=2000),
            ),
        )
    else:
        shown = list(statements)
        words = charts.word_shares(participants, shown)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    accessed = timezone.now().date()
    context = {
        "meeting": meeting,
        "statements": shown,
        "statement_total": total,
        "page": page,
        "page_error": page_error,
        "countries": countries,
        "neighbours": meeting.neighbours(countries),
        "canonical_url": url,
        "linked_data": linked_data.script_json(
            linked_data.meeting_graph(meeting, participants, shown, request.build_absolute_uri)
        ),
        "citation": {
            "chicago": citations.chicago(meeting, url, accessed),
            "apa": citations.apa(meeting, url, accessed),
        },
        "words_chart": charts.ranking(
            "words",
            "Share of the words spoken",
            words,
            noun="speaker",
            columns=("Speaker", "Share of words"),
            percent=True,
        ),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _to_statement(request, meeting, total):
    """?statement=N: the page of the meeting that holds statement N (the form a long
    record offers, and a way to an old #sN link without JavaScript)."""
    raw = request.GET["statement"].strip().lstrip("#s")
    if not raw.isdigit() or not 1 <= int(raw) <= total:
        return redirect(meeting.get_absolute_url())
    return redirect(meeting.get_absolute_url() + statement_anchor(int(raw)))


def _record(request, year, month, day, slug):
    """The meeting (without its statements: a citation needs none), its archive URL and
    today's date."""
    meeting = meeting_at(year, month, day, slug)
    return meeting, request.build_absolute_uri(meeting.get_absolute_url()), timezone.now().date()


def _download(response, meeting, extension):
    response["Content-Disposition"] = (
        f'inline; filename="{meeting.date.isoformat()}-{meeting.slug}.{extension}"'
    )
    return response


@follows_moves
def meeting_bibtex(request, year, month, day, slug):
    meeting, url, accessed = _record(request, year, month, day, slug)
    body = citations.bibtex(meeting, url, accessed)
    response = HttpResponse(body, content_type="application/x-bibtex; charset=utf-8")
    return _download(response, meeting, "bib")


@follows_moves
def meeting_csl(request, year, month, day, slug):
    meeting, url, accessed = _record(request, year, month, day, slug)
    response = JsonResponse(
        citations.csl_json(meeting, url, accessed),
        safe=False,
        content_type="application/vnd.citationstyles.csl+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    return _download(response, meeting, "json")


@follows_moves
def meeting_akn(request, year, month, day, slug):
    """Akoma Ntoso, streamed as the statements are read (a record may be long)."""
    meeting = meeting_at(year, month, day, slug)
    statements = meeting.statements.order_by("position")
    labels = (
        statements.exclude(speaker__in=meeting.participants.all())
        .exclude(speaker_label="")
        .order_by("speaker_label")
        .values_list("speaker_label", flat=True)
        .distinct()
    )
    rows = statements.values_list("position", "speaker_id", "speaker_label", "text")
    chunks = akn.debate(meeting, timezone.now().date(), rows.iterator(chunk_size=500), list(labels))
    response = StreamingHttpResponse(chunks, content_type="application/akn+xml")
    return _download(response, meeting, "xml")


def person_list(request):
    q = request.GET.get("q", "").strip()[:100]
    people = Person.objects.select_related("country").order_by("sort_name", "pk")
    page, page_error = paginate(request, people.named_like(q), per_page=50)
    page.object_list = count_meetings(page.object_list)
    return render(
        request, "meetings/person_list.html", {"page": page, "page_error": page_error, "q": q}
    )


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    meetings = Meeting.objects.with_person(person)
    page, page_error = paginate(request, meetings.order_by("-date", "title", "pk"), rows=listed)
    people_met = person.people_met()
    context = {
        "person": person,
        "page": page,
        "page_error": page_error,
        "statement_count": person.statement_count(),
        "contact_count": meetings.contact_count(),
        "countries_met": person.countries_met(),
        "people_met": people_met,
        "roles": person.roles_over_time(),
        "aliases": person.aliases.exclude(name=person.name).order_by("name"),
        "charts": [
            charts.by_year("years", "Meetings a year", meetings.by_year(), noun="contact"),
            charts.ranking(
                "people",
                "People met most",
                [(p.name, p.n, p.get_absolute_url(), p.records) for p in people_met],
                noun="person",
                columns=("Person", "Contacts", "Records"),
            ),
        ],
        "links": _links(f"person={person.slug}"),
    }
    return render(request, "meetings/person_detail.html", context)


def country_list(request):
    countries = (
        Country.objects.annotate(meeting_count=Count("meetings"))
        .filter(meeting_count__gt=0)
        .order_by("-meeting_count", "name")
    )
    page, page_error = paginate(request, countries, per_page=60)
    return render(request, "meetings/country_list.html", {"page": page, "page_error": page_error})


def _country(iso):
    return get_object_or_404(Country, iso_code=iso.upper()[:2])


def country_detail(request, iso):
    country = _country(iso)
    if iso != country.iso_code:
        return redirect(country, permanent=True)
    meetings = Meeting.objects.involving(country)
    page, page_error = paginate(request, meetings.order_by("-date", "title", "pk"), rows=listed)
    context = {
        "country": country,
        "page": page,
        "page_error": page_error,
        "by_year": meetings.by_year(),
        "contact_count": meetings.contact_count(),
        "partners": country.partners(),
        "mention_count": country.mention_count(),
        "links": _links(f"country={country.iso_code}"),
    }
    context["charts"] = [
        charts.by_year("years", "Meetings a year", context["by_year"], noun="contact"),
        charts.ranking(
            "partners",
            "Top 10 partners",
            [
                (
                    p.name,
                    p.n,
                    fast_reverse("meetings:country_pair", iso=country.iso_code, other=p.iso_code),
                    p.records,
                )
                for p in context["partners"][:10]
            ],
            noun="country",
            columns=("Country", "Contacts", "Records"),
        ),
    ]
    return render(request, "meetings/country_detail.html", context)


def country_pair(request, iso, other):
    country, partner = _country(iso), _country(other)
    if country == partner:
        return redirect(country)
    if (iso, other) != (country.iso_code, partner.iso_code):
        return redirect("meetings:country_pair", country.iso_code, partner.iso_code)
    meetings = Meeting.objects.involving(country, partner)
    page, page_error = paginate(request, meetings.order_by("-date", "title", "pk"), rows=listed)
    context = {
        "country": country,
        "partner": partner,
        "page": page,
        "page_error": page_error,
        "by_year": meetings.by_year(),
        "contact_count": meetings.contact_count(),
        "links": _links(f"country={country.iso_code}&country={partner.iso_code}"),
    }
    context["charts"] = [
        charts.by_year(
            "timeline",
            f"Meetings of {country.name} and {partner.name}, a year",
            context["by_year"],
            noun="contact",
        )
    ]
    return render(request, "meetings/country_pair.html", context)


def encounter_list(request):
    """Contacts, newest first: who met whom, when, where, how many records of each, and
    the countries taking part; filtered by country, person, dates and records."""
    filterset = EncounterFilter(request.GET, queryset=Encounter.objects.all())
    page, page_error = paginate(request, filterset.qs.select_related("part_of"))
    countries = Encounter.countries_of([e.pk for e in page])
    for encounter in page:
        encounter.country_list = countries.get(encounter.pk, [])
    query = _list_query(request)
    context = {
        "filterset": filterset,
        "page": page,
        "page_error": page_error,
        "records": filterset.qs.record_total() if page.paginator.count else 0,
        "active": _active(request, filterset),
        "links": {
            "feed": reverse("meetings:encounter_feed") + (f"?{query}" if query else ""),
            "json": reverse("api:encounter_list") + (f"?{query}" if query else ""),
        },
    }
    return render(request, "meetings/encounter_list.html", context)


def encounter_detail(request, pk):
    """One contact, every record of it: who, when, where, and what each record is and
    names; two of them can be compared side by side."""
    encounter = get_object_or_404(Encounter.objects.select_related("part_of"), pk=pk)
    records = list(encounter.records_listed())
    context = {
        "encounter": encounter,
        "records": records,
        "principals": encounters.principal_people(records),
        "sidelines": encounter.sidelines.order_by("date", "title", "pk")[:100],
        "countries": sorted({c for r in records for c in r.country_list}, key=lambda c: c.name),
    }
    return render(request, "meetings/encounter_detail.html", context)


def encounter_compare(request, pk):
    """Two records of an encounter side by side: /encounters/<pk>/compare/?a=<id>&b=<id>
    (ids of its records, as the encounter page lists them). Without them, the first two
    records; a record not of this encounter is a page that says so."""
    encounter = get_object_or_404(Encounter, pk=pk)
    ids = list(encounter.records.order_by("date", "pk").values_list("pk", flat=True))
    context = {"encounter": encounter, "choices": encounter.records_listed()}
    if "a" not in request.GET and "b" not in request.GET and len(ids) >= 2:
        return redirect(f"{reverse('meetings:encounter_compare', args=[pk])}?a={ids[0]}&b={ids[1]}")
    problem = None
    chosen = []
    for key in ("a", "b"):
        raw = request.GET.get(key, "").strip()[:20]
        if not raw.isdigit() or int(raw) not in ids:
            problem = (
                f"Parameter {key!r}: {raw!r} is not one of this encounter's records; choose two "
                "of them below."
                if raw
                else f"Parameter {key!r} is missing: choose two of this encounter's records."
            )
            break
        chosen.append(int(raw))
    if problem is None and chosen[0] == chosen[1]:
        problem = "Choose two different records to compare."
    if len(ids) < 2:
        problem = "This encounter has one record: there is nothing to compare it with."
    if problem:
        context["problem"] = problem
        return render(request, "meetings/encounter_compare.html", context, status=400)
    a, b = (Meeting.objects.for_listing().get(pk=pk) for pk in chosen)
    comparison = cached(
        ("compare", a.pk, b.pk),
        lambda: compare.compare(encounters.comparable(a), encounters.comparable(b)),
    )

    def link(meeting, position):
        if position is None or comparison.mode != "statements":
            return ""
        return meeting.get_absolute_url() + statement_anchor(position)

    context.update(
        a=a,
        b=b,
        comparison=comparison,
        rows=[(row, link(a, row.a_position), link(b, row.b_position)) for row in comparison.rows],
        a_id=a.pk,
        b_id=b.pk,
    )
    return render(request, "meetings/encounter_compare.html", context)


def sitemap_section(request, section):
    """One section of the sitemap (Django's sitemaps framework), written once per version
    of the archive: 50,000 URLs take seconds to write. The template is a lean one: Django's
    own, with alternates and images the archive does not have, took 7 s of 9."""

    def write():
        response = sitemap_views.sitemap(
            request, SITEMAPS, section=section, template_name="sitemap.xml"
        )
        return response.render().content

    page = request.GET.get("p", "1")[:12]
    content = cached(("sitemap", request.build_absolute_uri("/"), section, page), write)
    return HttpResponse(content, content_type="application/xml")
