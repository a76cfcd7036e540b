"""Every meeting, person and country page, and every encounter of several records, for
search engines (Django's sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef

from meetings.models import Country, Encounter, Meeting, Person


class MeetingSitemap(Sitemap):
    limit = 50_000  # URLs a sitemap file may hold; more make sections of an index

    def items(self):
        return Meeting.objects.only("date", "slug", "updated_at").order_by("date", "pk")

    def lastmod(self, meeting):
        return meeting.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item to find the latest: one aggregate instead.
        return Meeting.objects.aggregate(latest=Max("updated_at"))["latest"]


class PersonSitemap(Sitemap):
    limit = 50_000

    def items(self):
        return Person.objects.only("slug").order_by("pk")


class CountrySitemap(Sitemap):
    limit = 50_000

    def items(self):
        links = Meeting.countries.through.objects.filter(country=OuterRef("pk"))
        return Country.objects.filter(Exists(links)).only("iso_code").order_by("iso_code")


class EncounterSitemap(Sitemap):
    """Encounters of two records or more: one of a single record is its record's page."""

    limit = 50_000

    def items(self):
        return Encounter.objects.filter(record_count__gte=2).only("pk").order_by("pk")


SITEMAPS = {
    "meetings": MeetingSitemap,
    "people": PersonSitemap,
    "countries": CountrySitemap,
    "encounters": EncounterSitemap,
}
