import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Statement
from tests.factories import country, make_meeting, make_person

LIST = reverse("meetings:meeting_list")


class PublicPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ru, cls.az, cls.tr = country("RU"), country("AZ"), country("TR")
        cls.putin = make_person(name="Vladimir Putin", country=cls.ru)
        cls.aliyev = make_person(name="Ilham Aliyev", country=cls.az)
        cls.erdogan = make_person(name="Recep Tayyip Erdogan", country=cls.tr)
        cls.baku = make_meeting(
            title="Talks in Baku",
            date=datetime.date(2020, 5, 1),
            countries=[cls.ru, cls.az],
            people=[cls.putin, cls.aliyev],
            statements=3,
        )
        cls.ankara = make_meeting(
            title="Talks in Ankara",
            date=datetime.date(2021, 6, 2),
            countries=[cls.ru, cls.tr],
            people=[cls.putin, cls.erdogan],
            statements=2,
        )
        cls.moscow = make_meeting(
            title="Aliyev in Moscow",
            date=datetime.date(2022, 2, 22),
            countries=[cls.ru, cls.az],
            people=[cls.putin, cls.aliyev],
            statements=1,
            record_type="excerpts",
        )

    def urls(self):
        return [
            reverse("meetings:home"),
            LIST,
            LIST + "?country=RU&person=vladimir-putin&date_after=2019-01-01&date_before=2023-01-01",
            self.baku.get_absolute_url(),
            reverse("meetings:person_list"),
            self.putin.get_absolute_url(),
            reverse("meetings:country_list"),
            self.az.get_absolute_url(),
            reverse("meetings:country_pair", args=["RU", "AZ"]),
        ]

    def test_people_whose_name_matches_come_before_those_only_printed_so(self):
        kogogin = make_person(
            name="Sergei Kogogin",
            aliases=["Co-chair of Vladimir Putin’s election campaign Sergei Kogogin"],
        )
        for url in (reverse("meetings:person_list"), "/api/people/"):
            with self.subTest(url):
                response = self.client.get(url, {"q": "putin"})
                if url.startswith("/api/"):
                    found = [p["slug"] for p in response.json()["results"]]
                else:
                    found = [p.slug for p in response.context["page"]]
                self.assertEqual(found, [self.putin.slug, kogogin.slug])

    def test_the_people_list_counts_a_pages_people_in_one_query(self):
        for n in range(5):
            make_meeting(
                title=f"Talks {n}", date=datetime.date(2023, 1, n + 1), people=[self.erdogan]
            )
        for url in (reverse("meetings:person_list"), "/api/people/"):
            with self.subTest(url), self.assertNumQueries(3):  # count, page, their counts
                response = self.client.get(url)
            if url.startswith("/api/"):
                counts = {p["slug"]: p["meeting_count"] for p in response.json()["results"]}
            else:
                counts = {p.slug: p.meeting_count for p in response.context["page"]}
            self.assertEqual(
                counts, {"vladimir-putin": 3, "ilham-aliyev": 2, "recep-tayyip-erdogan": 6}
            )

    def test_every_page_answers(self):
        for url in self.urls():
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_countries_filter_means_all_of_them(self):
        response = self.client.get(LIST, {"country": ["RU", "AZ"]})
        self.assertContains(response, "Talks in Baku")
        self.assertContains(response, "Aliyev in Moscow")
        self.assertNotContains(response, "Talks in Ankara")
        # The form sends one space-separated value; the result is the same.
        response = self.client.get(LIST, {"country": "ru az"})
        self.assertEqual(response.context["page"].paginator.count, 2)

    def test_person_date_and_record_filters(self):
        response = self.client.get(LIST, {"person": "recep-tayyip-erdogan"})
        self.assertEqual([m.title for m in response.context["page"]], ["Talks in Ankara"])
        response = self.client.get(LIST, {"date_after": "2021-01-01", "record_type": "excerpts"})
        self.assertEqual([m.title for m in response.context["page"]], ["Aliyev in Moscow"])
        response = self.client.get(LIST, {"year": "2020"})
        self.assertEqual([m.title for m in response.context["page"]], ["Talks in Baku"])
        response = self.client.get(LIST, {"sort": "oldest"})
        self.assertEqual(response.context["page"][0].title, "Talks in Baku")

    def test_words_search_titles_and_statements(self):
        Statement.objects.filter(meeting=self.ankara, position=1).update(
            text="We discussed the gas pipeline."
        )
        response = self.client.get(LIST, {"q": "pipeline"})
        self.assertEqual([m.title for m in response.context["page"]], ["Talks in Ankara"])

    def test_facet_links_add_to_the_filters(self):
        response = self.client.get(LIST, {"country": "RU"})
        az = next(c for c in response.context["facets"]["countries"] if c.iso_code == "AZ")
        self.assertEqual(az.n, 2)
        self.assertIn("country=RU&country=AZ", az.narrow_url)

    def test_active_filters_can_be_removed_one_by_one(self):
        response = self.client.get(LIST, {"country": ["RU", "AZ"], "year": "2020"})
        removes = dict(response.context["active"])
        self.assertEqual(removes["with Azerbaijan taking part"], "?country=RU&year=2020")
        self.assertEqual(removes["in 2020"], "?country=RU&country=AZ")

    def test_bad_input_gives_a_page_with_a_message(self):
        cases = [
            ({"date_after": "2021-13-45"}, "Enter a valid date"),
            ({"country": "ZZ"}, "Unknown country code: ZZ"),
            ({"person": "nobody-at-all"}, "Unknown person: nobody-at-all"),
            ({"year": "abc"}, "Enter a number"),
            ({"kind": "party"}, "Select a valid choice"),
            ({"q": "x" * 2000}, "at most 500 characters"),
            ({"page": "999"}, "There is no page 999"),
            ({"page": "abc"}, "There is no page abc"),
            ({"country": ["RU"] * 50}, "Choose at most 10"),
        ]
        for params, message in cases:
            with self.subTest(params=str(params)[:60]):
                response = self.client.get(LIST, params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)

    def test_unknown_objects_are_404(self):
        for url in [
            "/meetings/2020/05/01/no-such-meeting/",
            "/meetings/2020/13/40/talks-in-baku/",
            "/people/nobody/",
            "/countries/ZZ/",
            "/countries/RU/ZZ/",
        ]:
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_detail_shows_transcript_with_anchors_and_source(self):
        self.baku.source_url = "https://example.org/baku"
        self.baku.save()
        response = self.client.get(self.baku.get_absolute_url())
        self.assertContains(response, 'id="s1"')
        self.assertContains(response, 'href="#s3"')
        self.assertContains(response, 'href="https://example.org/baku"')
        self.assertContains(response, "all meetings between them")
        # Next meeting between the same countries.
        self.assertEqual(response.context["neighbours"], (None, self.moscow))

    def test_excerpts_badge_says_partial(self):
        response = self.client.get(self.moscow.get_absolute_url())
        self.assertContains(response, "the published record is partial")

    def test_imported_html_is_shown_as_text(self):
        Statement.objects.filter(meeting=self.baku, position=1).update(
            text="<script>alert(1)</script> <b>bold</b>", speaker_label="<i>Label</i>"
        )
        response = self.client.get(self.baku.get_absolute_url())
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertContains(response, "&lt;i&gt;Label&lt;/i&gt;")

    def test_person_page_counts_and_partners(self):
        response = self.client.get(self.aliyev.get_absolute_url())
        self.assertEqual(response.context["page"].paginator.count, 2)
        self.assertEqual([c.iso_code for c in response.context["countries_met"]], ["RU"])
        self.assertEqual([p.name for p in response.context["people_met"]], ["Vladimir Putin"])

    def test_country_pages(self):
        response = self.client.get(self.ru.get_absolute_url())
        self.assertEqual(
            [(c.iso_code, c.n) for c in response.context["partners"]], [("AZ", 2), ("TR", 1)]
        )
        self.assertEqual(self.client.get("/countries/ru/").status_code, 301)
        response = self.client.get(reverse("meetings:country_pair", args=["RU", "AZ"]))
        self.assertEqual([y["year"] for y in response.context["by_year"]], [2022, 2020])

    def test_query_counts_do_not_grow_with_rows(self):
        baseline = {}
        for url in self.urls():
            self.client.get(url)
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            baseline[url] = len(queries)
        for n in range(15):
            person = make_person(country=self.az)
            make_meeting(
                date=datetime.date(2020, 5, 1) + datetime.timedelta(days=n),
                countries=[self.ru, self.az, self.tr],
                people=[self.putin, self.aliyev, person],
                statements=4,
            )
        for url in self.urls():
            with self.subTest(url), self.assertNumQueries(baseline[url]):
                self.client.get(url)

    @override_settings(ARCHIVE_PAGE_SIZE=4)
    def test_a_country_pair_and_person_page_lists_its_records_newest_first_page_by_page(self):
        made = [
            make_meeting(
                date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n % 5),
                title=f"Talks {n:02}",
                countries=[self.ru, self.az],
                people=[self.putin, self.aliyev],
            )
            for n in range(10)
        ]
        for url in (
            self.ru.get_absolute_url(),
            reverse("meetings:country_pair", args=["RU", "AZ"]),
            self.aliyev.get_absolute_url(),
        ):
            with self.subTest(url):
                pages = self.client.get(url).context["page"].paginator.num_pages
                self.assertGreaterEqual(pages, 3)
                shown = []
                for number in range(1, pages + 1):
                    page = self.client.get(url, {"page": number}).context["page"]
                    shown += list(page.object_list)
                mine = [m for m in shown if m in made]
                self.assertEqual(
                    [m.pk for m in mine],
                    [m.pk for m in sorted(made, key=lambda m: (-m.date.toordinal(), m.title))],
                )
                self.assertTrue(all(hasattr(m, "statement_count") for m in mine))
                self.assertEqual(len(shown), len(set(shown)))

    def test_pagination_keeps_filters(self):
        for n in range(30):
            make_meeting(
                date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
                countries=[self.ru, self.az],
            )
        response = self.client.get(LIST, {"country": "AZ", "kind": "meeting"})
        self.assertContains(response, 'href="?country=AZ&amp;kind=meeting&amp;page=2"')

    def test_security_headers(self):
        response = self.client.get(reverse("meetings:home"))
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")


class FastReverseTests(TestCase):
    def test_same_urls_as_reverse(self):
        from meetings.models import fast_reverse

        cases = [
            (
                "meetings:meeting_detail",
                {"year": 2022, "month": "02", "day": "22", "slug": "a-b-9999"},
            ),
            ("meetings:person_detail", {"slug": "ilham-aliyev"}),
            ("meetings:country_detail", {"iso": "AZ"}),
        ]
        for name, kwargs in cases:
            with self.subTest(name):
                self.assertEqual(fast_reverse(name, **kwargs), reverse(name, kwargs=kwargs))


class LongRecordTests(TestCase):
    """A record of thousands of statements is shown, and served, a page at a time."""

    @classmethod
    def setUpTestData(cls):
        from meetings.models import Statement

        ru, az = country("RU"), country("AZ")
        cls.putin = make_person(name="Vladimir Putin", country=ru)
        cls.aliyev = make_person(name="Ilham Aliyev", country=az)
        cls.meeting = make_meeting(
            title="A very long session", countries=[ru, az], people=[cls.putin, cls.aliyev]
        )
        speakers = list(cls.meeting.participants.order_by("position"))
        Statement.objects.bulk_create(
            Statement(
                meeting=cls.meeting,
                position=n,
                speaker=speakers[n % 2],
                speaker_label=speakers[n % 2].person.name,
                # Putin's turns are three times as long: 301 words to 101 (74.9%).
                text=("word " * (300 if n % 2 == 0 else 100)).strip() + f" number{n}.",
            )
            for n in range(1, 4501)
        )
        cls.short = make_meeting(title="A short one", people=[cls.putin], statements=3)

    def test_the_page_shows_one_page_of_statements_and_counts_them_all(self):
        url = self.meeting.get_absolute_url()
        response = self.client.get(url)
        html = response.content.decode()
        self.assertIn('id="s200"', html)
        self.assertNotIn('id="s201"', html)
        self.assertIn("This record has 4500 statements, shown 200 at a time", html)
        self.assertIn("statements 1 to 200", html)
        self.assertIn("Page 1 of 23", html)
        self.assertLess(len(response.content), 600_000)
        # The share of the words is of the whole record, not of the page shown.
        shares = {bar.label: bar.value for bar in response.context["words_chart"].bars}
        self.assertEqual(shares, {"Vladimir Putin": 74.9, "Ilham Aliyev": 25.1})
        third = self.client.get(url, {"page": 3}).content.decode()
        self.assertIn('<ol class="transcript" start="401"', third)
        self.assertIn('href="?page=3#s401"', third)
        self.assertNotIn('id="s400"', third)

    def test_a_link_to_a_statement_lands_on_its_page(self):
        from meetings.models import Statement

        url = self.meeting.get_absolute_url()
        statement = Statement.objects.get(meeting=self.meeting, position=250)
        self.assertEqual(statement.get_absolute_url(), f"{url}?page=2#s250")
        self.assertRedirects(
            self.client.get(url, {"statement": "250"}),
            f"{url}?page=2#s250",
            fetch_redirect_response=False,
        )
        self.assertRedirects(
            self.client.get(url, {"statement": "12"}), f"{url}#s12", fetch_redirect_response=False
        )
        for bad in ("0", "99999", "abc"):
            self.assertRedirects(
                self.client.get(url, {"statement": bad}), url, fetch_redirect_response=False
            )
        response = self.client.get(url, {"page": "99"})
        self.assertContains(response, "There is no page 99")

    def test_a_short_record_is_shown_whole_as_before(self):
        response = self.client.get(self.short.get_absolute_url())
        self.assertNotContains(response, "shown 200 at a time")
        self.assertContains(response, 'href="#s3"')
        self.assertNotContains(response, "data-per-page")

    def test_the_api_pages_the_statements_and_the_akn_streams(self):
        url = "/api" + self.meeting.get_absolute_url()
        first = self.client.get(url).json()
        self.assertEqual(len(first["statements"]), 200)
        self.assertEqual((first["statement_count"], first["statements_pages"]), (4500, 23))
        self.assertTrue(first["statements_next"].endswith("?page=2"))
        self.assertIsNone(first["statements_previous"])
        self.assertEqual(first["statements"][0]["url"][-3:], "#s1")
        last = self.client.get(url, {"page": 23}).json()
        self.assertEqual([s["position"] for s in last["statements"]][:1], [4401])
        self.assertTrue(last["statements"][0]["url"].endswith("?page=23#s4401"))
        self.assertEqual(self.client.get(url, {"page": 24}).status_code, 400)
        short = self.client.get("/api" + self.short.get_absolute_url()).json()
        self.assertEqual((short["statement_count"], short["statements_next"]), (3, None))
        response = self.client.get(self.meeting.get_absolute_url() + "akn.xml")
        self.assertTrue(response.streaming)
        from lxml import etree

        document = etree.fromstring(b"".join(response.streaming_content))
        ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
        self.assertEqual(len(document.findall(".//a:speech", ns)), 4500)

    def test_query_counts_do_not_grow_with_the_page(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        url = self.meeting.get_absolute_url()
        self.client.get(url)  # the word shares, cached
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        with self.assertNumQueries(len(first)):
            self.client.get(url, {"page": 7})
