"""Spreadsheets of any list: CSV streamed a few hundred rows at a time, UTF-8 with a byte
order mark (so that spreadsheet programs read the names right)."""

import csv
from itertools import batched

from django.db import DatabaseError
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from meetings import search
from meetings.filters import MeetingFilter
from meetings.models import (
    Meeting,
    Participant,
    Statement,
    fast_reverse,
    meeting_path,
    statement_anchor,
)
from meetings.opendata.safe import spreadsheet_cell
from meetings.ratelimit import rate_limited

CHUNK = 500


class Echo:
    """A file that hands back what is written to it: csv.writer makes one row's text."""

    def write(self, value):
        return value


def stream(header, rows):
    """The CSV text of the rows, a chunk at a time; every cell safe to open in a
    spreadsheet (see spreadsheet_cell)."""
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(header)
    chunk = []
    for row in rows:
        chunk.append(writer.writerow([spreadsheet_cell(value) for value in row]))
        if len(chunk) >= CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def csv_response(filename, header, rows):
    response = StreamingHttpResponse(stream(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def bad_request(message):
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


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
    "encounter",
]


def meeting_rows(meetings, absolute):
    """The CSV rows of these meetings, read as plain values a chunk at a time: a model
    instance for each meeting, participant and country took seconds for 10,000 meetings."""
    rows = meetings.with_statement_count().values_list(
        "pk",
        "date",
        "title",
        "slug",
        "kind",
        "record_type",
        "source_url",
        "statement_count",
        "encounter_id",
    )
    parties = Meeting.countries.through.objects.order_by("country__iso_code")
    mentions = Meeting.mentioned_countries.through.objects.order_by("country__iso_code")
    participants = Participant.objects.order_by("meeting_id", "position", "pk")
    for chunk in batched(rows.iterator(chunk_size=CHUNK), CHUNK):
        ids = [row[0] for row in chunk]
        codes, mentioned, people = {}, {}, {}
        for mid, code in parties.filter(meeting_id__in=ids).values_list(
            "meeting_id", "country__iso_code"
        ):
            codes.setdefault(mid, []).append(code)
        for mid, code in mentions.filter(meeting_id__in=ids).values_list(
            "meeting_id", "country__iso_code"
        ):
            mentioned.setdefault(mid, []).append(code)
        for mid, name, role, code in participants.filter(meeting_id__in=ids).values_list(
            "meeting_id", "person__name", "role", "country__iso_code"
        ):
            about = ", ".join(x for x in (role, code) if x)
            people.setdefault(mid, []).append(f"{name} ({about})" if about else name)
        for pk, date, title, slug, kind, record_type, source_url, count, encounter in chunk:
            path = meeting_path(date, slug)
            yield [
                date.isoformat(),
                title,
                kind,
                record_type,
                " ".join(codes.get(pk, [])),
                " ".join(mentioned.get(pk, [])),
                "; ".join(people.get(pk, [])),
                count or 0,
                absolute(path),
                source_url,
                absolute(fast_reverse("meetings:encounter_detail", pk=encounter))
                if encounter
                else "",
            ]


@require_safe
@rate_limited
def meeting_csv(request):
    """One row a meeting of /meetings/?<filters>, in the list's date order."""
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    if message := filterset.first_error():
        return bad_request(message)
    rows = meeting_rows(filterset.qs, request.build_absolute_uri)  # in the list's order
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
    rows = statements.values_list(
        "position",
        "speaker_label",
        "text",
        "meeting__title",
        "meeting__date",
        "meeting__slug",
        "speaker__person__name",
        "speaker__person__slug",
    )
    for position, label, text, title, date, slug, name, person in rows.iterator(CHUNK):
        path = meeting_path(date, slug)
        yield [
            date.isoformat(),
            title,
            position,
            name or "",
            person or "",
            label,
            text,
            absolute(path + statement_anchor(position)),
        ]


@require_safe
@rate_limited
def statement_csv(request):
    """Every statement matching ?q= (with the meeting filters), newest meeting first."""
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    if message := filterset.first_error():
        return bad_request(message)
    query = filterset.search_query
    if query is None:
        return bad_request("q: the words to look for are required.")
    statements = Statement.objects.filter(search.backend().statement_filter(query))
    scope = filterset.scope
    if scope is not None:
        statements = statements.filter(meeting__in=scope)
    try:  # the words reach the search engine here, not halfway through the download
        statements.exists()
    except DatabaseError:
        return bad_request("q: the search engine could not read this search.")
    oldest = filterset.order == "oldest"
    statements = statements.order_by(
        "meeting__date" if oldest else "-meeting__date", "meeting_id", "position"
    )
    rows = statement_rows(statements, request.build_absolute_uri)
    return csv_response("statements.csv", STATEMENT_COLUMNS, rows)
