"""The read-only JSON API: the same filters as the pages, through the same FilterSet.

Plain Django views that return JSON: each list is a page of {"count", "next", "previous",
"results"}; a bad parameter is HTTP 400 with {"error": "...", "errors": {parameter: [...]}}.
"""

from functools import wraps

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from meetings import encounters, search
from meetings.filters import EncounterFilter, MeetingFilter
from meetings.importers.exchange import meeting_to_json
from meetings.models import (
    STATEMENTS_PER_PAGE,
    Country,
    Encounter,
    Meeting,
    Participant,
    Person,
    Statement,
    count_meetings,
    meeting_path,
    statement_anchor,
)
from meetings.opendata import popolo as opendata_popolo
from meetings.ratelimit import rate_limited
from meetings.views import (
    follows_moves,
    meeting_at,
    meeting_page,
    paginate,
    ranked_among,
)

MAX_PAGE_SIZE = 100


class BadRequest(Exception):
    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = errors or {}


def api_view(view):
    """Read-only (GET and HEAD), rate-limited, and BadRequest answered as HTTP 400."""

    @require_safe
    @rate_limited
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            data = view(request, *args, **kwargs)
        except BadRequest as exc:
            return error(str(exc), exc.errors)
        except search.SearchError as exc:
            return error(str(exc), {"q": [str(exc)]})
        except Http404:
            return error("Not found.", status=404)
        if isinstance(data, HttpResponseBase):  # a redirect (an address a meeting had)
            return data
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    return wrapper


def error(message, errors=None, status=400):
    return JsonResponse({"error": message, "errors": errors or {}}, status=status)


def valid_filters(request):
    """The bound MeetingFilter, or BadRequest naming each parameter it cannot read."""
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    message = filterset.first_error()
    if message:
        errors = {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
        raise BadRequest(message, errors)
    return filterset


def page_size(request):
    raw = request.GET.get("page_size")
    if raw is None:
        return settings.ARCHIVE_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        message = f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}."
        raise BadRequest(message, {"page_size": [message]})
    return int(raw)


def paged(request, page, page_error, results):
    """The envelope of a list: count, next and previous page URLs, results."""
    if page_error:
        last = page.paginator.num_pages
        message = (
            f"page: there is no page {request.GET.get('page', '')[:20]}; pages run 1 to {last}."
        )
        raise BadRequest(message, {"page": [message]})

    def link(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    envelope = {
        "count": page.paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": results,
    }
    if hasattr(page.paginator.object_list, "bounded"):  # ranked search hits
        # A word in much of the archive: the best of the newest N matches, counted above.
        envelope["ranked_among_newest"] = ranked_among(page)
    return envelope


def absolute(request, path):
    return request.build_absolute_uri(path)


def meeting_api_path(meeting):
    return meeting_path(meeting.date, meeting.slug, view="api:meeting_detail")


def meeting_rows(queryset):
    """What a meeting in a list of the API reads: its parties, mentions and participants."""
    return (
        queryset.select_related("host_country", "publisher_country")
        .defer("original_text")
        .prefetch_related(
            "countries",
            "mentioned_countries",
            Prefetch("participants", Participant.objects.select_related("person", "country")),
        )
        .with_statement_count()
    )


def meeting_record(request, meeting, *, with_statements, statements=None):
    record = meeting_to_json(
        meeting, with_original=False, with_statements=with_statements, statements=statements
    )
    url = absolute(request, meeting.get_absolute_url())
    record["url"] = url
    record["api_url"] = absolute(request, meeting_api_path(meeting))
    if meeting.encounter_id:
        record["encounter_api_url"] = absolute(
            request, reverse("api:encounter_detail", args=[meeting.encounter_id])
        )
    if with_statements:
        for statement in record["statements"]:
            statement["url"] = url + statement_anchor(statement["position"])
    else:
        record["statement_count"] = meeting.statement_count
    return record


def describe_filters():
    return {
        name: {"label": str(f.label or name), "help": str(f.extra.get("help_text", ""))}
        for name, f in MeetingFilter.base_filters.items()
    }


@api_view
def index(request):
    meetings = reverse("api:meeting_list")
    return {
        "description": "Read-only JSON of the archive: meetings, who took part, what they "
        "said. Lists are paged ({count, next, previous, results}; page, page_size up to "
        f"{MAX_PAGE_SIZE}). A bad parameter is HTTP 400 with a JSON error. At most "
        f"{settings.API_RATE_LIMIT} requests a minute per client (HTTP 429 past it).",
        "filters": describe_filters(),
        "endpoints": [
            {
                "url": absolute(request, meetings),
                "description": "Meetings, filtered as /meetings/ is (every filter above).",
                "example": absolute(request, meetings + "?country=RU&country=CN&year=2019"),
            },
            {
                "url": absolute(request, meetings) + "YYYY/MM/DD/slug/",
                "description": "One meeting with its participants and statements in order.",
            },
            {
                "url": absolute(request, reverse("api:statement_list")),
                "description": "Statements matching q (required), with a snippet; "
                "with every meeting filter.",
                "example": absolute(request, reverse("api:statement_list") + "?q=gas+pipeline"),
            },
            {
                "url": absolute(request, reverse("api:person_list")),
                "description": "People, by name; q narrows by name.",
            },
            {
                "url": absolute(request, reverse("api:person_list")) + "<slug>/",
                "description": "One person: roles, countries and people met.",
            },
            {
                "url": absolute(request, reverse("api:country_list")),
                "description": "Countries with meetings, most meetings first.",
            },
            {
                "url": absolute(request, reverse("api:country_list")) + "<ISO code>/",
                "description": "One country: meetings a year, partners.",
            },
            {
                "url": absolute(request, reverse("api:encounter_list")),
                "description": "Encounters: one contact each, with its records (the talks, "
                "the press statements, each side's readout); country, person, date_after, "
                "date_before, min_records.",
                "example": absolute(
                    request, reverse("api:encounter_list") + "?country=RU&min_records=2"
                ),
            },
            {
                "url": absolute(request, reverse("api:encounter_list")) + "<id>/",
                "description": "One encounter: its principals and every record of it.",
            },
            {
                "url": absolute(request, reverse("api:popolo")),
                "description": "Popolo JSON (persons, organizations, events, speeches) of "
                "the meetings the filters select, a page of meetings at a time.",
            },
            {
                "url": absolute(request, reverse("meetings:meeting_csv")),
                "description": "CSV, one row a meeting, every meeting filter.",
            },
            {
                "url": absolute(request, reverse("meetings:statement_csv")),
                "description": "CSV of the statements matching q, with every meeting filter.",
            },
            {
                "url": absolute(request, reverse("meetings:meeting_feed")),
                "description": "Atom feed of the newest meetings, every meeting filter.",
            },
        ],
    }


@api_view
def meeting_list(request):
    filterset = valid_filters(request)
    page, page_error = meeting_page(request, filterset, meeting_rows, page_size(request))
    results = [meeting_record(request, m, with_statements=False) for m in page]
    return paged(request, page, page_error, results)


@api_view
@follows_moves
def meeting_detail(request, year, month, day, slug):
    """One meeting with its statements, STATEMENTS_PER_PAGE at a time (?page=N), as its
    page shows them: `statement_count`, and the next and previous pages' URLs."""
    meeting = meeting_at(year, month, day, slug)
    statements = meeting.statements.order_by("position")
    page, page_error = paginate(request, statements, STATEMENTS_PER_PAGE)
    envelope = paged(request, page, page_error, None)
    record = meeting_record(request, meeting, with_statements=True, statements=list(page))
    record.update(
        statement_count=envelope["count"],
        statements_page=page.number,
        statements_pages=page.paginator.num_pages,
        statements_next=envelope["next"],
        statements_previous=envelope["previous"],
    )
    return record


@api_view
def statement_list(request):
    filterset = valid_filters(request)
    query = filterset.search_query
    if not query:
        raise BadRequest("q is required: the words to look for.", {"q": ["Required."]})
    hits = search.backend().ranked_statements(query, filterset.scope, order=filterset.order)
    page, page_error = paginate(request, hits, page_size(request))
    by_id = (
        Statement.objects.select_related("meeting", "speaker__person")
        .defer("meeting__original_text", "meeting__summary")
        .in_bulk([hit.id for hit in page])
    )
    results = []
    for hit in page:
        statement = by_id.get(hit.id)
        if statement is None:
            continue
        meeting = statement.meeting
        person = statement.speaker.person if statement.speaker else None
        results.append(
            {
                "meeting": {
                    "title": meeting.title,
                    "date": meeting.date.isoformat(),
                    "url": absolute(request, meeting.get_absolute_url()),
                    "api_url": absolute(request, meeting_api_path(meeting)),
                },
                "position": statement.position,
                "speaker": person.name if person else None,
                "person": person.slug if person else None,
                "speaker_label": statement.speaker_label,
                "text": statement.text,
                "snippet": search.plain(hit.snippet),
                "snippet_html": str(search.highlight(hit.snippet)),
                "url": absolute(request, statement.get_absolute_url()),
            }
        )
    return paged(request, page, page_error, results)


def person_record(request, person):
    return {
        "slug": person.slug,
        "name": person.name,
        "sort_name": person.sort_name,
        "country": person.country.iso_code if person.country else None,
        "meeting_count": person.meeting_count,
        "url": absolute(request, person.get_absolute_url()),
        "api_url": absolute(request, reverse("api:person_detail", args=[person.slug])),
    }


@api_view
def person_list(request):
    q = request.GET.get("q", "").strip()
    if len(q) > 100:
        raise BadRequest("q: at most 100 characters.", {"q": ["At most 100 characters."]})
    people = Person.objects.select_related("country").order_by("sort_name", "pk")
    page, page_error = paginate(request, people.named_like(q), page_size(request))
    page.object_list = count_meetings(page.object_list)
    return paged(request, page, page_error, [person_record(request, p) for p in page])


@api_view
def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.with_counts().select_related("country"), slug=slug.lower()
    )
    record = person_record(request, person)
    record.update(
        aliases=sorted(a.name for a in person.aliases.exclude(name=person.name)),
        statement_count=person.statement_count(),
        roles=[
            {
                "role": r["role"],
                "first": r["first"].isoformat(),
                "last": r["last"].isoformat(),
                "meetings": r["n"],
            }
            for r in person.roles_over_time()
        ],
        countries_met=[{"country": c.iso_code, "meetings": c.n} for c in person.countries_met()],
        people_met=[
            {"person": p.slug, "name": p.name, "meetings": p.n} for p in person.people_met()
        ],
        meetings_api_url=absolute(request, reverse("api:meeting_list") + f"?person={person.slug}"),
    )
    return record


def country_record(request, country):
    return {
        "iso_code": country.iso_code,
        "name": country.name,
        "official_name": country.official_name,
        "is_former": country.is_former,
        "meeting_count": country.meeting_count,
        "url": absolute(request, country.get_absolute_url()),
        "api_url": absolute(request, reverse("api:country_detail", args=[country.iso_code])),
    }


@api_view
def country_list(request):
    countries = (
        Country.objects.annotate(meeting_count=Count("meetings"))
        .filter(meeting_count__gt=0)
        .order_by("-meeting_count", "name")
    )
    page, page_error = paginate(request, countries, page_size(request))
    return paged(request, page, page_error, [country_record(request, c) for c in page])


@api_view
def country_detail(request, iso):
    country = get_object_or_404(
        Country.objects.annotate(meeting_count=Count("meetings")), iso_code=iso.upper()[:2]
    )
    record = country_record(request, country)
    record.update(
        mention_count=country.mention_count(),
        meetings_by_year=[
            {"year": y["year"], "meetings": y["n"]}
            for y in Meeting.objects.involving(country).by_year()
        ],
        partners=[
            {"country": c.iso_code, "name": c.name, "meetings": c.n}
            for c in country.partners(limit=10)
        ],
        meetings_api_url=absolute(
            request, reverse("api:meeting_list") + f"?country={country.iso_code}"
        ),
    )
    return record


def encounter_record(request, encounter, records=None):
    record = {
        "id": encounter.pk,
        "title": encounter.title,
        "date": encounter.date.isoformat(),
        "last_date": encounter.last_date.isoformat(),
        "place": encounter.place,
        "record_count": encounter.record_count,
        "edited": encounter.edited,
        "part_of": encounter.part_of_id,
        "url": absolute(request, encounter.get_absolute_url()),
        "api_url": absolute(request, reverse("api:encounter_detail", args=[encounter.pk])),
    }
    if records is not None:
        record["records"] = records
    return record


@api_view
def encounter_list(request):
    filterset = EncounterFilter(request.GET, queryset=Encounter.objects.all())
    if message := filterset.first_error():
        errors = {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
        raise BadRequest(message, errors)
    page, page_error = paginate(request, filterset.qs, page_size(request))
    return paged(request, page, page_error, [encounter_record(request, e) for e in page])


@api_view
def encounter_detail(request, pk):
    """One encounter with its records (as a list of meetings shows them) and principals."""
    encounter = get_object_or_404(Encounter, pk=pk)
    listed = list(encounter.records_listed().prefetch_related("countries", "mentioned_countries"))
    records = []
    for meeting in listed:
        row = meeting_record(request, meeting, with_statements=False)
        row.update(publisher=meeting.publisher, characters=meeting.characters or 0)
        records.append(row)
    record = encounter_record(request, encounter, records)
    record["principals"] = [
        {
            "person": p.person.slug,
            "name": p.person.name,
            "role": p.role,
            "country": p.country.iso_code if p.country else None,
        }
        for p in encounters.principal_people(listed)
    ]
    record["sidelines"] = list(
        encounter.sidelines.order_by("date", "pk").values_list("pk", flat=True)[:100]
    )
    record["compare_url"] = absolute(request, reverse("meetings:encounter_compare", args=[pk]))
    return record


@api_view
def popolo(request):
    """Popolo JSON of a page of the meetings the filters select, with a "meta" of paging."""
    filterset = valid_filters(request)

    def rows(queryset):
        return queryset.select_related(
            "host_country", "publisher_country", "encounter"
        ).prefetch_related(
            "countries",
            Prefetch(
                "participants",
                Participant.objects.select_related("person", "country").order_by("position"),
            ),
            Prefetch("statements", Statement.objects.order_by("position")),
        )

    page, page_error = meeting_page(request, filterset, rows, page_size(request))
    envelope = paged(request, page, page_error, None)
    document = opendata_popolo.popolo(page, request.build_absolute_uri)
    envelope.pop("results")
    document["meta"] = envelope
    return document
