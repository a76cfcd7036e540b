"""The archive as open data: the JSON API, CSV, Atom feeds, sitemaps, citations, Akoma
Ntoso, Popolo, schema.org JSON-LD, and the charts of the pages."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from lxml import etree

from meetings.models import Meeting, Participant, Statement
from meetings.sitemaps import MeetingSitemap
from tests.factories import country, make_meeting, make_person

SCHEMAS = Path(__file__).parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
API = "/api/meetings/"

# The same query strings must select the same meetings on the page, the API, the CSV and
# the feed.
QUERIES = [
    "",
    "country=RU",
    "country=RU&country=AZ",
    "country=az",
    "person=ilham-aliyev",
    "mentions=SY",
    "date_after=2020-06-01",
    "date_before=2021-12-31&date_after=2020-01-01",
    "year=2022",
    "kind=telephone",
    "record_type=excerpts",
    "q=Baku",
    "q=second+paragraph&sort=oldest",
    "q=%22second+paragraph%22&country=TR",
    "q=Baku+OR+Ankara",
    "q=statement+-Baku",
]
BAD_QUERIES = [
    ("country=XX", "country"),
    ("country=" + "+".join(["RU"] * 11), "country"),
    ("person=nobody-at-all", "person"),
    ("date_after=2020-13-45", "date_after"),
    ("year=abc", "year"),
    ("year=3000", "year"),
    ("kind=party", "kind"),
    ("record_type=poem", "record_type"),
    ("sort=random", "sort"),
    ("q=" + "x" * 600, "q"),
    ("page=0", "page"),
    ("page=abc", "page"),
    ("page=999", "page"),
    ("page_size=1000", "page_size"),
    ("page_size=-1", "page_size"),
]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


class Archive(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ru, cls.az, cls.tr, cls.sy = country("RU"), country("AZ"), country("TR"), country("SY")
        cls.putin = make_person(name="Vladimir Putin", country=cls.ru)
        cls.aliyev = make_person(name="Ilham Aliyev", country=cls.az)
        cls.erdogan = make_person(name="Recep Tayyip Erdogan", country=cls.tr)
        cls.baku = make_meeting(
            title="Talks in Baku",
            date=datetime.date(2020, 5, 1),
            countries=[cls.ru, cls.az],
            people=[cls.putin, cls.aliyev],
            statements=3,
            place="Baku",
            host_country=cls.az,
            source_name="kremlin.ru",
            source_url="http://en.kremlin.ru/events/president/news/1",
        )
        cls.baku.mentioned_countries.set([cls.sy])
        Participant.objects.filter(meeting=cls.baku, person=cls.aliyev).update(
            role="President of Azerbaijan", country=cls.az
        )
        cls.ankara = make_meeting(
            title="Talks in Ankara",
            date=datetime.date(2021, 6, 2),
            countries=[cls.ru, cls.tr],
            people=[cls.putin, cls.erdogan],
            statements=2,
            kind="telephone",
        )
        cls.moscow = make_meeting(
            title="Aliyev in Moscow",
            date=datetime.date(2022, 2, 22),
            countries=[cls.ru, cls.az],
            people=[cls.putin, cls.aliyev],
            statements=1,
            record_type="excerpts",
        )
        # A question from the floor and a narrative paragraph: no participant speaks them.
        Statement.objects.create(
            meeting=cls.baku, position=4, speaker_label="Question", text="And gas & oil <now>?"
        )
        Statement.objects.create(meeting=cls.baku, position=5, text="The talks continued.")

    def setUp(self):
        cache.clear()

    def json(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()


@override_settings(API_RATE_LIMIT=0)
class ApiTests(Archive):
    def test_index_describes_every_endpoint_and_filter(self):
        data = self.json("/api/")
        self.assertIn("description", data)
        self.assertEqual(
            set(data["filters"]),
            {"q", "country", "mentions", "person", "date_after", "date_before", "year"}
            | {"kind", "record_type", "sort"},
        )
        for endpoint in data["endpoints"]:
            self.assertTrue(endpoint["url"].startswith("http://testserver/"))
            self.assertTrue(endpoint["description"])
            if "example" in endpoint:
                self.assertEqual(self.client.get(endpoint["example"]).status_code, 200)

    def test_counts_agree_with_the_html_list(self):
        for query in QUERIES:
            with self.subTest(query):
                page = self.client.get(f"/meetings/?{query}")
                data = self.json(f"{API}?{query}")
                self.assertEqual(data["count"], page.context["page"].paginator.count)
                self.assertEqual(
                    [r["url"] for r in data["results"]],
                    ["http://testserver" + m.get_absolute_url() for m in page.context["page"]],
                )

    def test_list_results_are_the_export_shape_with_urls(self):
        data = self.json(f"{API}?country=AZ")
        self.assertEqual(data["count"], 2)
        self.assertIsNone(data["next"])
        newest = data["results"][0]
        self.assertEqual(newest["title"], "Aliyev in Moscow")
        self.assertEqual(
            newest["api_url"], "http://testserver/api" + self.moscow.get_absolute_url()
        )
        baku = data["results"][1]
        self.assertEqual(baku["countries"], ["AZ", "RU"])
        self.assertEqual(baku["mentioned_countries"], ["SY"])
        self.assertEqual(baku["host_country"], "AZ")
        self.assertEqual(baku["statement_count"], 5)
        self.assertIn(
            {
                "name": "Ilham Aliyev",
                "person": "ilham-aliyev",
                "role": "President of Azerbaijan",
                "country": "AZ",
            },
            baku["participants"],
        )
        self.assertNotIn("statements", baku)
        self.assertNotIn("original_text", baku)

    def test_pages_link_to_each_other(self):
        data = self.json(f"{API}?page_size=2")
        self.assertEqual(data["count"], 3)
        self.assertEqual(data["next"], "http://testserver/api/meetings/?page_size=2&page=2")
        second = self.json(data["next"])
        self.assertEqual(len(second["results"]), 1)
        self.assertIsNone(second["next"])
        self.assertEqual(second["previous"], "http://testserver/api/meetings/?page_size=2&page=1")

    def test_one_meeting_has_participants_and_statements_in_order(self):
        data = self.json("/api" + self.baku.get_absolute_url())
        self.assertEqual(data["countries"], ["AZ", "RU"])
        self.assertEqual(data["mentioned_countries"], ["SY"])
        self.assertEqual(
            [p["person"] for p in data["participants"]], ["vladimir-putin", "ilham-aliyev"]
        )
        self.assertEqual([s["position"] for s in data["statements"]], [1, 2, 3, 4, 5])
        first, question = data["statements"][0], data["statements"][3]
        self.assertEqual((first["speaker"], first["person"]), ("Vladimir Putin", "vladimir-putin"))
        self.assertEqual(first["url"], "http://testserver" + self.baku.get_absolute_url() + "#s1")
        self.assertEqual((question["person"], question["speaker_label"]), (None, "Question"))
        self.assertEqual(question["text"], "And gas & oil <now>?")
        self.assertEqual(self.client.get("/api/meetings/2020/05/01/nothing/").status_code, 404)
        self.assertEqual(self.client.get("/api/meetings/2020/xx/01/nothing/").status_code, 404)

    def test_people_and_countries(self):
        people = self.json("/api/people/")
        self.assertEqual(people["count"], 3)
        self.assertEqual([p["slug"] for p in people["results"]][0], "ilham-aliyev")
        self.assertEqual(self.json("/api/people/?q=erdo")["count"], 1)
        aliyev = self.json("/api/people/ilham-aliyev/")
        self.assertEqual((aliyev["country"], aliyev["meeting_count"]), ("AZ", 2))
        self.assertEqual(aliyev["roles"][0]["role"], "President of Azerbaijan")
        self.assertEqual(
            aliyev["people_met"],
            [{"person": "vladimir-putin", "name": "Vladimir Putin", "meetings": 2}],
        )
        self.assertEqual(self.json(aliyev["meetings_api_url"])["count"], 2)
        countries = self.json("/api/countries/")
        self.assertEqual(
            [(c["iso_code"], c["meeting_count"]) for c in countries["results"]],
            [("RU", 3), ("AZ", 2), ("TR", 1)],
        )
        russia = self.json("/api/countries/ru/")
        self.assertEqual(
            russia["meetings_by_year"],
            [
                {"year": 2022, "meetings": 1},
                {"year": 2021, "meetings": 1},
                {"year": 2020, "meetings": 1},
            ],
        )
        self.assertEqual(
            russia["partners"][0], {"country": "AZ", "name": "Azerbaijan", "meetings": 2}
        )
        self.assertEqual(
            self.json("/api/countries/ZZ/", status=404), {"error": "Not found.", "errors": {}}
        )
        self.assertEqual(self.json("/api/people/nobody/", status=404)["error"], "Not found.")

    def test_statement_search_has_plain_and_html_snippets(self):
        data = self.json("/api/statements/?q=gas&country=AZ")
        self.assertEqual(data["count"], 1)
        hit = data["results"][0]
        self.assertEqual(hit["speaker_label"], "Question")
        self.assertIn("gas & oil <now>", hit["snippet"])
        self.assertIn("<mark>gas</mark> &amp; oil &lt;now&gt;", hit["snippet_html"])
        self.assertEqual(hit["url"], "http://testserver" + self.baku.get_absolute_url() + "#s4")
        page = self.client.get("/statements/?q=statement&country=RU")
        self.assertEqual(
            self.json("/api/statements/?q=statement&country=RU")["count"],
            page.context["page"].paginator.count,
        )

    def test_bad_input_is_400_with_a_json_error_naming_the_parameter(self):
        for query, parameter in BAD_QUERIES:
            for url in (
                f"{API}?{query}",
                f"/api/statements/?q=talks&{query}",
                f"/api/popolo.json?{query}",
            ):
                if url.startswith("/api/statements/") and query.startswith("q="):
                    url = f"/api/statements/?{query}"
                with self.subTest(url):
                    data = self.json(url, status=400)
                    self.assertTrue(data["error"])
                    if parameter:
                        self.assertIn(parameter, data["errors"])
        self.assertIn("q", self.json("/api/statements/", status=400)["errors"])
        self.assertEqual(self.client.post(API).status_code, 405)

    def test_query_counts_do_not_grow_with_rows(self):
        urls = [
            API,
            f"{API}?country=AZ&person=ilham-aliyev",
            f"{API}?q=statement",
            "/api" + self.baku.get_absolute_url(),
            "/api/statements/?q=statement",
            "/api/people/",
            "/api/people/ilham-aliyev/",
            "/api/countries/",
            "/api/countries/AZ/",
            "/api/popolo.json",
            "/meetings/export.csv",
            "/statements/export.csv?q=statement",
            "/meetings/feed/",
            "/sitemap-meetings.xml",
        ]
        baseline = {}
        for url in urls:
            body(self.client.get(url))
            with CaptureQueriesContext(connection) as queries:
                body(self.client.get(url))
            baseline[url] = len(queries)
        for n in range(12):
            person = make_person(country=self.az)
            make_meeting(
                date=datetime.date(2020, 6, 1) + datetime.timedelta(days=n),
                countries=[self.ru, self.az, self.tr],
                people=[self.putin, self.aliyev, person],
                statements=4,
            )
        cache.clear()
        for url in urls:
            body(self.client.get(url))  # fill the caches, as the baseline's first request did
            with self.subTest(url), self.assertNumQueries(baseline[url]):
                body(self.client.get(url))


class RateLimitTests(Archive):
    @override_settings(API_RATE_LIMIT=3)
    def test_past_the_limit_a_client_gets_429_with_retry_after(self):
        for _ in range(3):
            self.assertEqual(self.client.get("/api/").status_code, 200)
        response = self.client.get(API)
        self.assertEqual(response.status_code, 429)
        self.assertTrue(1 <= int(response["Retry-After"]) <= 60)
        self.assertIn("3 a minute", response.json()["error"])
        self.assertEqual(self.client.get("/meetings/export.csv").status_code, 429)
        # Another client is counted apart; the pages are not limited.
        other = self.client.get(API, REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.status_code, 200)
        self.assertEqual(self.client.get("/meetings/").status_code, 200)

    @override_settings(API_RATE_LIMIT=1, BEHIND_PROXY=True)
    def test_behind_a_proxy_the_address_the_proxy_saw_counts(self):
        first = self.client.get(API, HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.1")
        self.assertEqual(first.status_code, 200)
        # A client cannot escape by claiming another address in front of the proxy's.
        again = self.client.get(API, HTTP_X_FORWARDED_FOR="2.2.2.2, 10.0.0.1")
        self.assertEqual(again.status_code, 429)
        self.assertEqual(self.client.get(API, HTTP_X_FORWARDED_FOR="10.0.0.2").status_code, 200)

    @override_settings(API_RATE_LIMIT=1, BEHIND_PROXY=False)
    def test_without_a_proxy_the_header_is_ignored(self):
        self.client.get(API, HTTP_X_FORWARDED_FOR="1.1.1.1")
        response = self.client.get(API, HTTP_X_FORWARDED_FOR="2.2.2.2")
        self.assertEqual(response.status_code, 429)


@override_settings(API_RATE_LIMIT=0)
class CsvTests(Archive):
    def rows(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.streaming)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        text = body(response).decode("utf-8")
        self.assertTrue(text.startswith("\ufeff"))
        return list(csv.DictReader(io.StringIO(text[1:])))

    def test_one_row_a_meeting_with_the_filters_of_the_list(self):
        for query in QUERIES:
            with self.subTest(query):
                page = self.client.get(f"/meetings/?{query}")
                rows = self.rows(f"/meetings/export.csv?{query}")
                self.assertEqual(len(rows), page.context["page"].paginator.count)
        (baku,) = self.rows("/meetings/export.csv?mentions=SY")
        self.assertEqual(baku["date"], "2020-05-01")
        self.assertEqual(baku["title"], "Talks in Baku")
        self.assertEqual(baku["parties"], "AZ RU")
        self.assertEqual(baku["mentioned_countries"], "SY")
        self.assertEqual(
            baku["participants"], "Vladimir Putin; Ilham Aliyev (President of Azerbaijan, AZ)"
        )
        self.assertEqual(baku["statements"], "5")
        self.assertEqual(baku["url"], "http://testserver" + self.baku.get_absolute_url())
        self.assertEqual(baku["source_url"], "http://en.kremlin.ru/events/president/news/1")
        dates = [r["date"] for r in self.rows("/meetings/export.csv?sort=oldest")]
        self.assertEqual(dates, sorted(dates))

    def test_statements_matching_the_words(self):
        rows = self.rows("/statements/export.csv?q=gas")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["text"], "And gas & oil <now>?")
        self.assertEqual(rows[0]["url"], "http://testserver" + self.baku.get_absolute_url() + "#s4")
        rows = self.rows("/statements/export.csv?q=statement&country=AZ")
        self.assertEqual(len(rows), 4)
        self.assertEqual(rows[0]["person"], "vladimir-putin")  # the newest meeting first
        self.assertEqual(rows[0]["meeting"], "Aliyev in Moscow")

    def test_bad_input_is_400_naming_the_parameter(self):
        for url in [
            "/meetings/export.csv?country=XX",
            "/meetings/export.csv?date_after=yesterday",
            "/statements/export.csv",
            "/statements/export.csv?q=gas&person=nobody",
        ]:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400)
                self.assertRegex(response.content.decode(), r"^(country|date_after|q|person): ")

    def test_list_pages_link_to_their_csv_feed_and_json(self):
        response = self.client.get("/meetings/?country=AZ&page=1")
        self.assertContains(response, 'href="/meetings/export.csv?country=AZ"')
        self.assertContains(response, 'href="/api/meetings/?country=AZ"')
        self.assertContains(
            response,
            '<link rel="alternate" type="application/atom+xml" title="Atom feed of this list" '
            'href="/meetings/feed/?country=AZ">',
            html=False,
        )
        response = self.client.get("/statements/?q=gas")
        self.assertContains(response, 'href="/statements/export.csv?q=gas"')
        for url, feed in [
            (self.az.get_absolute_url(), "/meetings/feed/?country=AZ"),
            (self.aliyev.get_absolute_url(), "/meetings/feed/?person=ilham-aliyev"),
            ("/countries/AZ/RU/", "/meetings/feed/?country=AZ&amp;country=RU"),
        ]:
            with self.subTest(url):
                self.assertContains(
                    self.client.get(url),
                    f'type="application/atom+xml" title="Atom feed of this list" href="{feed}"',
                )


class FeedTests(Archive):
    def feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        return ET.fromstring(response.content)

    def assert_valid_atom(self, feed):
        """The elements Atom 1.0 (RFC 4287) requires: id, title and updated of the feed and
        of each entry, an author for each entry (its own or the feed's), a link for each."""
        self.assertEqual(feed.tag, f"{ATOM}feed")
        for name in ("id", "title", "updated"):
            self.assertEqual(len(feed.findall(f"{ATOM}{name}")), 1, name)
        feed_author = feed.find(f"{ATOM}author/{ATOM}name")
        for entry in feed.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated"):
                self.assertEqual(len(entry.findall(f"{ATOM}{name}")), 1, name)
            self.assertTrue(
                entry.find(f"{ATOM}author/{ATOM}name") is not None or feed_author is not None
            )
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            self.assertTrue(link.get("href").startswith("http://testserver/meetings/"))
            updated = entry.find(f"{ATOM}updated").text
            self.assertTrue(datetime.datetime.fromisoformat(updated))
        self.assertTrue(feed.find(f"{ATOM}link[@rel='self']").get("href"))

    def test_feed_of_a_filter_is_valid_atom_newest_first(self):
        feed = self.feed("/meetings/feed/?country=RU&country=AZ")
        self.assert_valid_atom(feed)
        titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
        self.assertEqual(titles, ["Aliyev in Moscow", "Talks in Baku"])
        self.assertIn("Azerbaijan", feed.find(f"{ATOM}title").text)
        entry = feed.findall(f"{ATOM}entry")[1]
        self.assertEqual(entry.find(f"{ATOM}published").text[:10], "2020-05-01")
        self.assertEqual(entry.find(f"{ATOM}author/{ATOM}name").text, "kremlin.ru")
        self.assertIn("Ilham Aliyev (President of Azerbaijan)", entry.find(f"{ATOM}summary").text)
        self.assertEqual(
            feed.find(f"{ATOM}link[@rel='alternate']").get("href"),
            "http://testserver/meetings/?country=RU&country=AZ",
        )

    def test_every_filter_and_search(self):
        for query in QUERIES:
            with self.subTest(query):
                page = self.client.get(f"/meetings/?{query}")
                feed = self.feed(f"/meetings/feed/?{query}")
                self.assert_valid_atom(feed)
                self.assertEqual(
                    len(feed.findall(f"{ATOM}entry")), page.context["page"].paginator.count
                )

    def test_bad_filter_is_400(self):
        response = self.client.get("/meetings/feed/?country=XX")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.content.decode(), "country: Unknown country code: XX.")


class SitemapTests(Archive):
    def locations(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)
        return [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]

    def test_every_meeting_person_and_country_page(self):
        sections = self.locations("/sitemap.xml")
        self.assertEqual(
            sections,
            [
                "http://testserver/sitemap-meetings.xml",
                "http://testserver/sitemap-people.xml",
                "http://testserver/sitemap-countries.xml",
                "http://testserver/sitemap-encounters.xml",
            ],
        )
        meetings = self.locations("/sitemap-meetings.xml")
        self.assertEqual(
            sorted(meetings),
            sorted("http://testserver" + m.get_absolute_url() for m in Meeting.objects.all()),
        )
        self.assertEqual(len(self.locations("/sitemap-people.xml")), 3)
        self.assertEqual(
            sorted(self.locations("/sitemap-countries.xml")),
            [
                "http://testserver/countries/AZ/",
                "http://testserver/countries/RU/",
                "http://testserver/countries/TR/",
            ],
        )
        for url in meetings + self.locations("/sitemap-countries.xml"):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_sections_split_at_the_limit(self):
        old = MeetingSitemap.limit
        MeetingSitemap.limit = 2
        try:
            sections = self.locations("/sitemap.xml")
            self.assertIn("http://testserver/sitemap-meetings.xml?p=2", sections)
            self.assertEqual(len(self.locations("/sitemap-meetings.xml?p=2")), 1)
        finally:
            MeetingSitemap.limit = old


class LinkedDataParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.meta, self.links, self._in = [], {}, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs["content"]
        if tag == "link":
            self.links.setdefault(attrs["rel"], []).append(attrs["href"])

    def handle_data(self, data):
        if self._in:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in = False


class MeetingPageTests(Archive):
    def parsed(self, meeting):
        parser = LinkedDataParser()
        parser.feed(self.client.get(meeting.get_absolute_url()).content.decode())
        return parser

    def test_json_ld_event_with_attendees_and_quotations(self):
        parser = self.parsed(self.baku)
        (script,) = parser.scripts
        self.assertNotIn("<now>", script)  # escaped inside <script>
        graph = json.loads(script)["@graph"]
        event, quotations = graph[0], graph[1:]
        self.assertEqual(event["@type"], "Event")
        self.assertEqual(event["startDate"], "2020-05-01")
        self.assertEqual(event["location"]["name"], "Baku")
        self.assertEqual(event["location"]["address"]["addressCountry"], "AZ")
        self.assertEqual([a["name"] for a in event["attendee"]], ["Vladimir Putin", "Ilham Aliyev"])
        self.assertEqual({a["@type"] for a in event["attendee"]}, {"Person"})
        self.assertEqual([q["@type"] for q in quotations], ["Quotation"] * 5)
        self.assertEqual(quotations[0]["spokenByCharacter"]["name"], "Vladimir Putin")
        self.assertEqual(quotations[3]["spokenByCharacter"]["name"], "Question")
        self.assertEqual(quotations[3]["text"], "And gas & oil <now>?")
        self.assertNotIn("spokenByCharacter", quotations[4])

    def test_opengraph_and_canonical_link(self):
        parser = self.parsed(self.baku)
        url = "http://testserver" + self.baku.get_absolute_url()
        self.assertEqual(parser.links["canonical"], [url])
        self.assertEqual(parser.meta["og:url"], url)
        self.assertEqual(parser.meta["og:title"], "Talks in Baku")
        self.assertEqual(parser.meta["og:type"], "article")

    def test_cite_box_bibtex_and_csl_json(self):
        today = datetime.date.today()
        page = self.client.get(self.baku.get_absolute_url())
        self.assertContains(
            page,
            f"kremlin.ru. “Talks in Baku.” Transcript, May 1, 2020. Accessed {today:%B} {today.day}, "
            f"{today.year}. http://en.kremlin.ru/events/president/news/1.",
        )
        self.assertContains(
            page,
            "kremlin.ru. (2020, May 1). Talks in Baku [Transcript]. Retrieved "
            f"{today:%B} {today.day}, {today.year}, from http://en.kremlin.ru/events/president/news/1",
        )
        self.assertContains(page, 'data-copy="cite-chicago"')
        bib = self.client.get(self.baku.get_absolute_url() + "cite.bib")
        self.assertEqual(bib["Content-Type"], "application/x-bibtex; charset=utf-8")
        text = bib.content.decode()
        self.assertTrue(text.startswith("@misc{kremlinru2020talksin,\n"))
        self.assertIn("  title = {{Talks in Baku}},\n", text)
        self.assertIn("  month = may,\n", text)
        self.assertIn("  url = {http://en.kremlin.ru/events/president/news/1},\n", text)
        self.assertIn(f"  urldate = {{{today.isoformat()}}},\n", text)
        self.assertEqual(text.count("{"), text.count("}"))
        (item,) = self.client.get(self.baku.get_absolute_url() + "cite.json").json()
        self.assertEqual(item["title"], "Talks in Baku")
        self.assertEqual(item["publisher"], "kremlin.ru")
        self.assertEqual(item["issued"], {"date-parts": [[2020, 5, 1]]})
        self.assertEqual(item["accessed"], {"date-parts": [[today.year, today.month, today.day]]})
        self.assertEqual(item["URL"], "http://en.kremlin.ru/events/president/news/1")
        self.assertEqual(
            item["archive_location"], "http://testserver" + self.baku.get_absolute_url()
        )
        # Without a source, the archive is the publisher and its page the URL.
        (item,) = self.client.get(self.ankara.get_absolute_url() + "cite.json").json()
        self.assertEqual(item["publisher"], "Meetings archive")
        self.assertEqual(item["URL"], "http://testserver" + self.ankara.get_absolute_url())

    def test_bibtex_escapes_its_special_characters(self):
        meeting = make_meeting(title="Talks on 50% of R&D_costs {draft}", source_name="a#b")
        text = self.client.get(meeting.get_absolute_url() + "cite.bib").content.decode()
        self.assertIn(r"title = {{Talks on 50\% of R\&D\_costs \{draft\}}}", text)
        self.assertIn(r"author = {{a\#b}}", text)

    def test_unknown_meeting_formats_are_404(self):
        for suffix in ("cite.bib", "cite.json", "akn.xml"):
            self.assertEqual(
                self.client.get(f"/meetings/2020/05/01/nothing/{suffix}").status_code, 404
            )
            self.assertEqual(
                self.client.get(f"/meetings/2020/ab/01/nothing/{suffix}").status_code, 404
            )


class AkomaNtosoTests(Archive):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "akomantoso" / "akomantoso30.xsd")))

    def document(self, meeting):
        response = self.client.get(meeting.get_absolute_url() + "akn.xml")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/akn+xml")
        doc = etree.fromstring(body(response))
        self.assertTrue(self.schema.validate(doc), self.schema.error_log)
        return doc

    def test_debate_validates_with_a_speech_by_each_speaker(self):
        ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
        doc = self.document(self.baku)
        people = {
            p.get("eId"): p.get("showAs") for p in doc.iterfind(".//a:TLCPerson", namespaces=ns)
        }
        self.assertEqual(
            people,
            {
                "person-vladimir-putin": "Vladimir Putin",
                "person-ilham-aliyev": "Ilham Aliyev, President of Azerbaijan",
                "speaker-Question": "Question",
            },
        )
        speeches = doc.findall(".//a:speech", namespaces=ns)
        self.assertEqual(
            [s.get("by") for s in speeches],
            [
                "#person-vladimir-putin",
                "#person-ilham-aliyev",
                "#person-vladimir-putin",
                "#speaker-Question",
            ],
        )
        self.assertEqual(speeches[0].findtext("a:from", namespaces=ns), "Vladimir Putin")
        self.assertEqual(
            [p.text for p in speeches[0].findall("a:p", namespaces=ns)],
            ["Statement 1.", "Second paragraph."],
        )
        self.assertEqual(speeches[3].findtext("a:p", namespaces=ns), "And gas & oil <now>?")
        (narrative,) = doc.findall(".//a:debateSection/a:other", namespaces=ns)
        self.assertEqual(narrative.findtext("a:p", namespaces=ns), "The talks continued.")
        self.assertEqual(
            doc.find(".//a:FRBRWork/a:FRBRdate", namespaces=ns).get("date"), "2020-05-01"
        )

    def test_awkward_text_still_validates(self):
        meeting = make_meeting(
            title="Talks\x0b with <odd> & “quoted” names", summary="A readout.\n\nIn two parts."
        )
        Statement.objects.create(
            meeting=meeting, position=1, speaker_label="Mr. Z (1)", text="\x01Hi"
        )
        Statement.objects.create(meeting=meeting, position=2, speaker_label="Mr. Z (1)", text="")
        self.document(meeting)

    def test_real_documents_validate(self):
        from django.core.management import call_command

        samples = Path(__file__).parent.parent / "samples"  # real documents, as published
        call_command("import_meetings", str(samples), "--no-progress", stdout=io.StringIO())
        meetings = Meeting.objects.exclude(pk__in=[self.baku.pk, self.ankara.pk, self.moscow.pk])
        self.assertGreater(meetings.count(), 20)
        for meeting in meetings:
            with self.subTest(meeting.title):
                self.document(meeting)


@override_settings(API_RATE_LIMIT=0)
class PopoloTests(Archive):
    def test_persons_organizations_events_and_speeches(self):
        data = self.json("/api/popolo.json?country=AZ")
        self.assertEqual({p["id"] for p in data["persons"]}, {"vladimir-putin", "ilham-aliyev"})
        self.assertEqual({o["id"] for o in data["organizations"]}, {"country/AZ", "country/RU"})
        self.assertIn(
            {"person_id": "ilham-aliyev", "organization_id": "country/AZ"}, data["memberships"]
        )
        self.assertEqual([e["start_date"] for e in data["events"]], ["2022-02-22", "2020-05-01"])
        baku = data["events"][1]
        self.assertEqual(baku["name"], "Talks in Baku")
        self.assertEqual(baku["organization_ids"], ["country/AZ", "country/RU"])
        self.assertEqual(
            [a["person_id"] for a in baku["attendees"]], ["vladimir-putin", "ilham-aliyev"]
        )
        speeches = [s for s in data["speeches"] if s["event_id"] == baku["id"]]
        self.assertEqual([s["position"] for s in speeches], [1, 2, 3, 4, 5])
        self.assertEqual(
            [s["creator_id"] for s in speeches],
            ["vladimir-putin", "ilham-aliyev", "vladimir-putin", None, None],
        )
        self.assertEqual([s["type"] for s in speeches][3:], ["other", "narrative"])
        ids = {p["id"] for p in data["persons"]}
        self.assertTrue({s["creator_id"] for s in data["speeches"]} - {None} <= ids)
        self.assertEqual(data["meta"]["count"], 2)

    def test_counts_agree_with_the_list(self):
        for query in QUERIES:
            with self.subTest(query):
                page = self.client.get(f"/meetings/?{query}")
                self.assertEqual(
                    self.json(f"/api/popolo.json?{query}")["meta"]["count"],
                    page.context["page"].paginator.count,
                )


class ChartTests(Archive):
    def figures(self, html, chart_id):
        """The SVG of a chart (with its title and desc) and its table's rows."""
        svg = re.search(
            rf'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc".*?</svg>',
            html,
            re.S,
        )
        self.assertIsNotNone(svg, chart_id)
        self.assertIn(f'<title id="{chart_id}-title">', svg.group())
        self.assertRegex(svg.group(), rf'<desc id="{chart_id}-desc">[^<]+</desc>')
        figure = html[svg.end() :].split("</figure>")[0]
        self.assertIn("<details>", figure)
        rows = re.findall(
            r'<tr><th scope="row">(?:<a href="[^"]*">)?([^<]+)(?:</a>)?</th><td>([^<]+)</td>'
            r"(?:<td>([^<]+)</td>)?</tr>",
            figure,
        )
        rows = [row if row[2] else row[:2] for row in rows]  # contacts, and their records
        bars = svg.group().count('class="chart-bar"')
        self.assertEqual(len(rows), bars)
        return rows

    def test_country_page_meetings_a_year_and_partners(self):
        html = self.client.get(self.ru.get_absolute_url()).content.decode()
        self.assertEqual(
            self.figures(html, "years"),
            [("2020", "1", "1"), ("2021", "1", "1"), ("2022", "1", "1")],
        )
        self.assertEqual(
            self.figures(html, "partners"), [("Azerbaijan", "2", "2"), ("Türkiye", "1", "1")]
        )

    def test_years_without_meetings_are_shown_as_zero(self):
        make_meeting(date=datetime.date(2017, 1, 1), countries=[self.az])
        html = self.client.get(self.az.get_absolute_url()).content.decode()
        self.assertEqual(
            self.figures(html, "years"),
            [
                ("2017", "1", "1"),
                ("2018", "0", "0"),
                ("2019", "0", "0"),
                ("2020", "1", "1"),
                ("2021", "0", "0"),
                ("2022", "1", "1"),
            ],
        )

    def test_person_page_meetings_a_year_and_people_met(self):
        html = self.client.get(self.putin.get_absolute_url()).content.decode()
        self.assertEqual(
            self.figures(html, "years"),
            [("2020", "1", "1"), ("2021", "1", "1"), ("2022", "1", "1")],
        )
        self.assertEqual(
            self.figures(html, "people"),
            [("Ilham Aliyev", "2", "2"), ("Recep Tayyip Erdogan", "1", "1")],
        )

    def test_pair_page_timeline(self):
        html = self.client.get("/countries/AZ/RU/").content.decode()
        self.assertEqual(
            self.figures(html, "timeline"),
            [("2020", "1", "1"), ("2021", "0", "0"), ("2022", "1", "1")],
        )

    def test_meeting_page_share_of_words(self):
        html = self.client.get(self.baku.get_absolute_url()).content.decode()
        # Putin: statements 1 and 3 (4 words each), Aliyev: 2 (4), Question 5, narrative 3.
        self.assertEqual(
            self.figures(html, "words"),
            [
                ("Vladimir Putin", "40.0%"),
                ("Question", "25.0%"),
                ("Ilham Aliyev", "20.0%"),
                ("Narrative", "15.0%"),
            ],
        )
