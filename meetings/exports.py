"""Spreadsheets of any list: CSV streamed a few hundred rows at a time, UTF-8 with a byte
order mark (so that spreadsheet programs read the names right)."""

import csv

from django.db import DatabaseError
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from meetings import search
from meetings.filters import MeetingFilter
from meetings.models import Country, Meeting, Participant, Statement
from meetings.ratelimit import rate_limited

CHUNK = 500


class Echo:
    """A file that hands back what is written to it: csv.writer makes one row's text."""

    def write(self, value):
        return value


def stream(header, rows):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(header)
    chunk = []
    for row in rows:
        chunk.append(writer.writerow(row))
        if len(chunk) >= CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def csv_response(filename, header, rows):
    response = StreamingHttpResponse(stream(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def bad_request(filterset):
    name, messages = next(iter(filterset.errors.items()))
    return HttpResponse(
        f"{name}: {messages[0]}", status=400, content_type="text/plain; charset=utf-8"
    )


MEETING_COLUMNS = [
    "date",
    "title",
    "kind",
    "record_type",
    "parties",
    "mentioned_countries",
    "participants",
    "statements",
    "url",
    "source_url",
]


def meeting_rows(meetings, absolute):
    statements = (
        Statement.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    codes = Country.objects.only("iso_code")
    meetings = (
        meetings.only("title", "slug", "date", "kind", "record_type", "source_url")
        .prefetch_related(
            Prefetch("countries", codes),
            Prefetch("mentioned_countries", codes),
            Prefetch(
                "participants",
                Participant.objects.select_related("person", "country")
                .only("meeting_id", "role", "position", "person__name", "country__iso_code")
                .order_by("position"),
            ),
        )
        .annotate(statement_count=Subquery(statements))
    )
    for m in meetings.iterator(chunk_size=CHUNK):
        yield [
            m.date.isoformat(),
            m.title,
            m.kind,
            m.record_type,
            " ".join(sorted(c.iso_code for c in m.countries.all())),
            " ".join(sorted(c.iso_code for c in m.mentioned_countries.all())),
            "; ".join(
                p.person.name
                + (
                    f" ({', '.join(x for x in (p.role, p.country and p.country.iso_code) if x)})"
                    if p.role or p.country
                    else ""
                )
                for p in m.participants.all()
            ),
            m.statement_count or 0,
            absolute(m.get_absolute_url()),
            m.source_url,
        ]


@require_safe
@rate_limited
def meeting_csv(request):
    """One row a meeting of /meetings/?<filters>, in the list's date order."""
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    if not filterset.is_valid():
        return bad_request(filterset)
    meetings = filterset.qs
    if filterset.order != "oldest":
        meetings = meetings.order_by("-date", "title", "pk")
    rows = meeting_rows(meetings, request.build_absolute_uri)
    return csv_response("meetings.csv", MEETING_COLUMNS, rows)


STATEMENT_COLUMNS = [
    "date",
    "meeting",
    "position",
    "speaker",
    "person",
    "speaker_label",
    "text",
    "url",
]


def statement_rows(statements, absolute):
    statements = statements.select_related("meeting", "speaker__person").only(
        "position",
        "speaker_label",
        "text",
        "meeting__title",
        "meeting__date",
        "meeting__slug",
        "speaker__person__name",
        "speaker__person__slug",
    )
    for s in statements.iterator(chunk_size=CHUNK):
        person = s.speaker.person if s.speaker else None
        yield [
            s.meeting.date.isoformat(),
            s.meeting.title,
            s.position,
            person.name if person else "",
            person.slug if person else "",
            s.speaker_label,
            s.text,
            absolute(s.get_absolute_url()),
        ]


@require_safe
@rate_limited
def statement_csv(request):
    """Every statement matching ?q= (with the meeting filters), newest meeting first."""
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    if not filterset.is_valid():
        return bad_request(filterset)
    query = filterset.search_query
    if query is None:
        return HttpResponse(
            "q: the words to look for are required.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    statements = Statement.objects.filter(search.backend().statement_filter(query))
    scope = filterset.scope
    if scope is not None:
        statements = statements.filter(meeting__in=scope)
    try:  # the words reach the search engine here, not halfway through the download
        statements.exists()
    except DatabaseError:
        return HttpResponse(
            "q: the search engine could not read this search.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    oldest = filterset.order == "oldest"
    statements = statements.order_by(
        "meeting__date" if oldest else "-meeting__date", "meeting_id", "position"
    )
    rows = statement_rows(statements, request.build_absolute_uri)
    return csv_response("statements.csv", STATEMENT_COLUMNS, rows)
