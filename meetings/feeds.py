"""Atom feeds of any list of meetings (/meetings/feed/?<the filters of /meetings/>) or of
contacts (/encounters/feed/?<the filters of /encounters/>)."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Max, Prefetch
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from meetings.filters import EncounterFilter, MeetingFilter
from meetings.models import Encounter, Meeting, Participant
from meetings.opendata.safe import xml_text

FEED_SIZE = 50


def describe(filterset, noun="Meetings"):
    """e.g. "Meetings with China taking part, with Russia taking part"."""
    parts = [description for description, _, _ in filterset.active_filters()]
    return noun + (" " + ", ".join(parts) if parts else "")


class MeetingFeed(Feed):
    """The newest meetings a MeetingFilter selects, newest first."""

    feed_type = Atom1Feed
    author_name = "Meetings archive"
    filterset_class, model, noun = MeetingFilter, Meeting, "Meetings"
    list_url, self_url = "meetings:meeting_list", "meetings:meeting_feed"

    def __call__(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.GET, queryset=self.model.objects.all())
        message = filterset.first_error()
        if message:
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        request.filterset = filterset
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request.filterset

    def title(self, filterset):
        return xml_text(f"{describe(filterset, self.noun)} · Meetings archive")

    def subtitle(self, filterset):
        return "The newest meetings of this list, as they are added to the archive."

    def link(self, filterset):
        return reverse(self.list_url) + self._query(filterset)

    def feed_url(self, filterset):
        """rel="self": this feed with its filters, as it was asked for."""
        return reverse(self.self_url) + self._query(filterset)

    @staticmethod
    def _query(filterset):
        query = filterset.data.copy()
        query.pop("page", None)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else ""

    def items(self, filterset):
        return (
            filterset.qs.select_related("host_country")
            .defer("original_text")
            .prefetch_related(
                "countries",
                Prefetch(
                    "participants",
                    Participant.objects.select_related("person").order_by("position"),
                ),
            )
            .order_by("-date", "-pk")[:FEED_SIZE]
        )

    # Every value a record gives passes through xml_text: XML cannot hold some characters
    # a record may (a control character made the whole feed fail).

    def item_title(self, meeting):
        return xml_text(meeting.title)

    def item_description(self, meeting):
        parties = ", ".join(c.name for c in meeting.countries.all())
        people = ", ".join(
            p.person.name + (f" ({p.role})" if p.role else "") for p in meeting.participants.all()
        )
        lines = [f"{meeting.date:%d %B %Y}. {meeting.get_kind_display()}."]
        if parties:
            lines.append(f"Taking part: {parties}.")
        if people:
            lines.append(f"With {people}.")
        return xml_text(" ".join(lines))

    def item_link(self, meeting):
        return meeting.get_absolute_url()

    def item_pubdate(self, meeting):
        return datetime.datetime.combine(meeting.date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, meeting):
        return meeting.updated_at

    def item_author_name(self, meeting):
        return xml_text(meeting.source_name) or self.author_name

    def item_categories(self, meeting):
        return [xml_text(c.name) for c in meeting.countries.all()]


class EncounterFeed(MeetingFeed):
    """The newest contacts an EncounterFilter selects: each one entry, its id the
    encounter's address, however many records it gains (a readout, the press conference,
    the other side's account); its `updated` the last time one of them changed."""

    filterset_class, model, noun = EncounterFilter, Encounter, "Encounters"
    list_url, self_url = "meetings:encounter_list", "meetings:encounter_feed"

    def subtitle(self, filterset):
        return "The newest encounters of this list: one entry each, whatever records it gains."

    def items(self, filterset):
        newest = list(filterset.qs.order_by("-date", "-pk")[:FEED_SIZE])
        updated = dict(
            Meeting.objects.filter(encounter__in=[e.pk for e in newest])
            .values("encounter")
            .annotate(last=Max("updated_at"))
            .values_list("encounter", "last")
        )
        countries = Encounter.countries_of([e.pk for e in newest])
        for encounter in newest:
            encounter.updated_at = updated.get(encounter.pk)
            encounter.country_list = countries.get(encounter.pk, [])
        return newest

    def item_description(self, encounter):
        when = f"{encounter.date:%d %B %Y}"
        if encounter.last_date != encounter.date:
            when += f" to {encounter.last_date:%d %B %Y}"
        n = encounter.record_count
        lines = [f"{when}.", f"{n} record{'s' if n != 1 else ''}."]
        if encounter.place:
            lines.append(f"{encounter.place}.")
        if encounter.country_list:
            lines.append(f"Taking part: {', '.join(c.name for c in encounter.country_list)}.")
        return xml_text(" ".join(lines))

    def item_author_name(self, encounter):
        return self.author_name

    def item_categories(self, encounter):
        return [xml_text(c.name) for c in encounter.country_list]
