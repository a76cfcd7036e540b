from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from meetings import api, exports, feeds, views
from meetings.sitemaps import SITEMAPS

MEETING = "meetings/<int:year>/<str:month>/<str:day>/<slug:slug>/"


class IsoCode:
    """Two letters, either case (a lowercase code redirects to the uppercase one)."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(IsoCode, "iso")

api_urls = (
    [
        path("", api.index, name="index"),
        path("meetings/", api.meeting_list, name="meeting_list"),
        path(MEETING, api.meeting_detail, name="meeting_detail"),
        path("statements/", api.statement_list, name="statement_list"),
        path("people/", api.person_list, name="person_list"),
        path("people/<slug:slug>/", api.person_detail, name="person_detail"),
        path("countries/", api.country_list, name="country_list"),
        path("countries/<iso:iso>/", api.country_detail, name="country_detail"),
        path("encounters/", api.encounter_list, name="encounter_list"),
        path("encounters/<int:pk>/", api.encounter_detail, name="encounter_detail"),
        path("popolo.json", api.popolo, name="popolo"),
    ],
    "api",
)

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/export.csv", exports.meeting_csv, name="meeting_csv"),
    path("meetings/feed/", feeds.MeetingFeed(), name="meeting_feed"),
    path(MEETING, views.meeting_detail, name="meeting_detail"),
    path(MEETING + "cite.bib", views.meeting_bibtex, name="meeting_bibtex"),
    path(MEETING + "cite.json", views.meeting_csl, name="meeting_csl"),
    path(MEETING + "akn.xml", views.meeting_akn, name="meeting_akn"),
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/export.csv", exports.statement_csv, name="statement_csv"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<iso:iso>/", views.country_detail, name="country_detail"),
    path("countries/<iso:iso>/<iso:other>/", views.country_pair, name="country_pair"),
    path("encounters/", views.encounter_list, name="encounter_list"),
    path("encounters/feed/", feeds.EncounterFeed(), name="encounter_feed"),
    path("encounters/<int:pk>/", views.encounter_detail, name="encounter_detail"),
    path("encounters/<int:pk>/compare/", views.encounter_compare, name="encounter_compare"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "meetings:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap"),
]
