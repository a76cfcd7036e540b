import datetime
import io
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import search
from meetings.importers import loader
from meetings.models import Meeting, Statement
from meetings.search import SearchError, parse_query
from tests.factories import country, make_meeting, make_person, temp_folder, write_talks

STATEMENTS = reverse("meetings:statement_list")
MEETINGS = reverse("meetings:meeting_list")


class ParseQueryTests(SimpleTestCase):
    def test_words_phrases_exclusions_and_or(self):
        q = parse_query('gas "allied interaction" -sanctions trade OR energy')
        self.assertEqual(
            q.groups, ((("gas",),), (("allied", "interaction"),), (("trade",), ("energy",)))
        )
        self.assertEqual(q.excluded, (("sanctions",),))

    def test_what_cannot_be_searched(self):
        for text, message in [
            ("", "Type one or more words"),
            ("   ", "Type one or more words"),
            ("-alone", "at least one word"),
            ('"(*)" OR', "at least one word"),
            ("x" * 600, "too long"),
        ]:
            with self.subTest(text=text[:20]), self.assertRaisesMessage(SearchError, message):
                parse_query(text)

    def test_engine_syntax_is_not_passed_through(self):
        q = parse_query('NEAR(a b) col:x "unclosed')
        # Words joined by punctuation stay together as a phrase, as websearch_to_tsquery does.
        self.assertEqual(
            search.SqliteSearch().expression(q),
            '"near" + "a" AND "b" AND "col" + "x" AND "unclosed"',
        )
        # A Russian word is looked for by its stem and any ending.
        self.assertEqual(
            search.SqliteSearch().expression(parse_query("переговоры")), '"переговор" *'
        )


class SearchTests(TestCase):
    """Runs on whichever database the suite uses: SQLite (FTS5) or PostgreSQL (tsvector)."""

    @classmethod
    def setUpTestData(cls):
        cls.ru, cls.az = country("RU"), country("AZ")
        cls.putin = make_person(name="Vladimir Putin", country=cls.ru)
        cls.aliyev = make_person(name="Ilham Aliyev", country=cls.az)
        cls.gas = make_meeting(
            title="Energy talks",
            date=datetime.date(2020, 1, 1),
            countries=[cls.ru, cls.az],
            people=[cls.putin, cls.aliyev],
            statements=3,
        )
        cls.other = make_meeting(
            title="Culture meeting",
            date=datetime.date(2021, 1, 1),
            countries=[cls.ru],
            people=[cls.putin],
            statements=2,
        )
        texts = {
            (cls.gas, 1): "The pipeline, the pipeline and again the pipeline: gas supplies matter.",
            (cls.gas, 2): "We negotiated the Declaration on Allied Interaction last year.",
            (cls.gas, 3): "Sanctions on the pipeline were discussed <b>frankly</b>.",
            (
                cls.other,
                1,
            ): "A museum exchange and one pipeline for water, among many other projects we discussed.",
            (cls.other, 2): "Theatre, ballet and cinema.",
        }
        for (meeting, position), text in texts.items():
            Statement.objects.filter(meeting=meeting, position=position).update(text=text)

    def hits(self, q, **params):
        response = self.client.get(STATEMENTS, {"q": q, **params})
        self.assertEqual(response.status_code, 200)
        page = response.context["page"]
        return [(s.meeting.title, s.position) for s, _ in page] if page else []

    def test_ranking_puts_the_densest_match_first(self):
        hits = self.hits("pipeline")
        self.assertEqual(hits[0], ("Energy talks", 1))  # three times, in a short statement
        self.assertEqual(hits[-1], ("Culture meeting", 1))  # once, in a long one
        self.assertEqual(len(hits), 3)

    def test_stemming_finds_other_forms(self):
        self.assertEqual(self.hits("negotiation"), [("Energy talks", 2)])
        self.assertEqual(self.hits("museums"), [("Culture meeting", 1)])

    def test_phrase_exclusion_and_or(self):
        self.assertEqual(self.hits('"allied interaction"'), [("Energy talks", 2)])
        self.assertEqual(self.hits('"interaction allied"'), [])
        self.assertEqual(
            sorted(self.hits("pipeline -sanctions")), [("Culture meeting", 1), ("Energy talks", 1)]
        )
        self.assertEqual(
            sorted(self.hits("ballet OR declaration")),
            [("Culture meeting", 2), ("Energy talks", 2)],
        )

    def test_filters_combine_with_words(self):
        self.assertEqual(
            sorted(self.hits("pipeline", country="AZ")), [("Energy talks", 1), ("Energy talks", 3)]
        )
        self.assertEqual(self.hits("pipeline", date_after="2020-06-01"), [("Culture meeting", 1)])
        response = self.client.get(MEETINGS, {"q": "pipeline", "country": "RU"})
        self.assertEqual(
            [m.title for m in response.context["page"]], ["Energy talks", "Culture meeting"]
        )
        self.assertEqual(
            {c.iso_code: c.n for c in response.context["facets"]["countries"]}, {"RU": 2, "AZ": 1}
        )

    def test_sort_by_date_on_request(self):
        self.assertEqual(self.hits("pipeline", sort="newest")[0], ("Culture meeting", 1))
        response = self.client.get(MEETINGS, {"q": "pipeline", "sort": "oldest"})
        self.assertEqual(
            [m.title for m in response.context["page"]], ["Energy talks", "Culture meeting"]
        )

    def test_titles_and_speaker_labels_are_searched(self):
        response = self.client.get(MEETINGS, {"q": "culture"})
        self.assertEqual([m.title for m in response.context["page"]], ["Culture meeting"])
        Statement.objects.filter(meeting=self.other, position=2).update(
            speaker_label="Minister Lyubov Shpak"
        )
        self.assertEqual(self.hits("Shpak"), [("Culture meeting", 2)])

    def test_snippets_are_highlighted_and_escaped(self):
        response = self.client.get(STATEMENTS, {"q": "frankly"})
        self.assertContains(response, "&lt;b&gt;<mark>frankly</mark>")
        self.assertNotContains(response, "<b>frankly")
        response = self.client.get(MEETINGS, {"q": "frankly"})
        self.assertContains(response, "<mark>frankly</mark>")
        self.assertContains(response, f'href="{self.gas.get_absolute_url()}#s3"')

    def test_no_match_says_so(self):
        response = self.client.get(STATEMENTS, {"q": "zarzuela"})
        self.assertContains(response, "0 statements")
        self.assertContains(response, "No statement matches.")
        response = self.client.get(MEETINGS, {"q": "zarzuela"})
        self.assertContains(response, "0 meetings")
        self.assertContains(response, "No meetings match these filters.")

    def test_bad_queries_give_a_message(self):
        for params, message in [
            ({"q": ""}, "Type words to find the statements"),
            ({"q": "-only"}, "at least one word"),
            ({"q": "x" * 2000}, "at most 500 characters"),
            ({"q": '"))) NEAR(( AND OR NOT'}, "statement"),
        ]:
            with self.subTest(params=str(params)[:40]):
                response = self.client.get(STATEMENTS, params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.assertEqual(self.client.get(MEETINGS, params).status_code, 200)

    def test_index_follows_admin_edits(self):
        user = User.objects.create_superuser("admin", "a@example.org", "pw")
        self.client.force_login(user)
        statement = Statement.objects.get(meeting=self.other, position=2)
        statement.text = "Opera and zarzuela."
        statement.save()
        self.assertEqual(self.hits("zarzuela"), [("Culture meeting", 2)])
        self.assertEqual(self.hits("ballet"), [])
        statement.delete()
        self.assertEqual(self.hits("zarzuela"), [])

    def test_query_count_does_not_grow_with_hits(self):
        url = f"{STATEMENTS}?q=pipeline"
        self.client.get(url)
        with CaptureQueriesContext(connection) as baseline:
            self.client.get(url)
            self.client.get(f"{MEETINGS}?q=pipeline")
        for n in range(10):
            make_meeting(
                date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
                countries=[self.ru],
                people=[self.putin],
                statements=2,
            )
        Statement.objects.filter(meeting__date__year=2019).update(text="pipeline talk")
        with self.assertNumQueries(len(baseline)):
            self.client.get(url)
            self.client.get(f"{MEETINGS}?q=pipeline")

    @override_settings(ARCHIVE_PAGE_SIZE=10)
    def test_pages_past_the_first_hundred_hits(self):
        # The first hundred hits and the total come from one query; later pages ask again.
        before = self.client.get(STATEMENTS, {"q": "pipeline"}).context["page"].paginator.count
        meeting = make_meeting(title="Long session", countries=[self.ru], statements=130)
        Statement.objects.filter(meeting=meeting).update(text="pipeline again")
        total = before + 130
        seen = []
        for page in range(1, 15):  # 14 pages of 10
            response = self.client.get(STATEMENTS, {"q": "pipeline", "page": page})
            self.assertEqual(response.context["page"].paginator.count, total)
            seen += [s.pk for s, _ in response.context["page"]]
            for _, snippet in response.context["page"]:
                self.assertIn("<mark>", snippet)
        self.assertEqual(len(seen), total)
        self.assertEqual(len(set(seen)), total)  # no hit twice, none left out
        response = self.client.get(MEETINGS, {"q": "pipeline", "page": 1})
        self.assertEqual(response.context["page"].paginator.count, 3)  # and two others

    def test_russian_statements_use_russian_stemming(self):
        Statement.objects.filter(meeting=self.other, position=2).update(
            text="Мы обсудили дружбу наших народов и переговоры с Путиным."
        )
        self.assertEqual(self.hits("дружба"), [("Culture meeting", 2)])
        self.assertEqual(self.hits('"дружба наших"'), [("Culture meeting", 2)])
        self.assertEqual(self.hits("дружба -переговорах"), [])
        response = self.client.get(STATEMENTS, {"q": "Путин"})
        [(statement, snippet)] = list(response.context["page"])
        self.assertIn("<mark>Путиным</mark>", snippet)


class SearchAfterImportTests(TestCase):
    def test_reimported_document_is_searched_as_corrected(self):
        seed = (
            Path(__file__).parent
            / "fixtures"
            / "transcripts"
            / "000_seed-mishustin-aliyev-2022-full.txt"
        )
        tmp = temp_folder(self)
        path = tmp / "seed.txt"
        path.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
        call_command("import_meetings", str(path), stdout=io.StringIO())
        response = self.client.get(STATEMENTS, {"q": "delighted"})
        self.assertEqual(response.context["page"].paginator.count, 1)
        path.write_text(
            seed.read_text(encoding="utf-8").replace("delighted", "overjoyed"), encoding="utf-8"
        )
        call_command("import_meetings", str(path), stdout=io.StringIO())
        self.assertEqual(Meeting.objects.count(), 1)
        self.assertEqual(
            self.client.get(STATEMENTS, {"q": "delighted"}).context["page"].paginator.count, 0
        )
        self.assertEqual(
            self.client.get(STATEMENTS, {"q": "overjoyed"}).context["page"].paginator.count, 1
        )

    def test_rows_written_many_per_insert_are_all_stored_and_searched(self):
        # New documents are written many rows per INSERT (COPY on PostgreSQL); with chunks of
        # four rows, the fifteen statements of five documents go in as 4, 4, 4, 2 and 1.
        tmp = temp_folder(self)
        write_talks(
            tmp,
            5,
            lambda n: [
                f"Anna Berg: We begin round{n}.",
                f"Boris Kuznetsov: Agreed, colleague{n}.",
                "Anna Berg: Thank you.",
            ],
        )
        with mock.patch.object(loader, "ROWS_PER_INSERT", 4):
            call_command("import_meetings", str(tmp), stdout=io.StringIO())
        self.assertEqual(Meeting.objects.count(), 5)
        for meeting in Meeting.objects.all():
            self.assertEqual(
                [(s.position, s.speaker.person.name) for s in meeting.statements.all()],
                [(1, "Anna Berg"), (2, "Boris Kuznetsov"), (3, "Anna Berg")],
            )
        for n in range(5):
            page = self.client.get(STATEMENTS, {"q": f"colleague{n}"}).context["page"]
            self.assertEqual([s.text for s, _ in page], [f"Agreed, colleague{n}."])


@override_settings(SEARCH_CANDIDATES=3, API_RATE_LIMIT=0)
class CommonWordTests(TestCase):
    """A word in more statements than SEARCH_CANDIDATES: the newest that many matches are
    ranked, and the page says so; fewer matches are all ranked, as before."""

    @classmethod
    def setUpTestData(cls):
        ru = country("RU")
        cls.meetings = []
        for n in range(5):
            meeting = make_meeting(title=f"Round {n}", date=datetime.date(2020, 1, 1 + n))
            meeting.countries.set([ru])
            # The oldest statements say it most: the best matches of all, left unranked.
            times = 5 - n
            Statement.objects.create(
                meeting=meeting,
                position=1,
                speaker_label="Host",
                text=" ".join(["cooperation"] * times) + f" round {n} text",
            )
            cls.meetings.append(meeting)
        newest = Statement.objects.order_by("-id")[:3]
        cls.newest = {s.pk for s in newest}

    def test_statements_rank_the_newest_candidates_and_say_so(self):
        response = self.client.get("/statements/?q=cooperation")
        ranked = [statement.pk for statement, _ in response.context["page"]]
        self.assertEqual(set(ranked), self.newest)
        self.assertEqual(response.context["bounded"], 3)
        self.assertContains(response, "best of the newest 3 matches")
        data = self.client.get("/api/statements/?q=cooperation").json()
        self.assertEqual(data["ranked_among_newest"], 3)
        self.assertEqual(data["count"], 3)

    def test_meetings_rank_the_newest_candidates(self):
        response = self.client.get("/meetings/?q=cooperation")
        self.assertEqual(
            {m.pk for m in response.context["page"]}, {m.pk for m in self.meetings[2:]}
        )
        self.assertContains(response, "or more, best match first")
        # Within the candidates, the best first: round 2 says it three times.
        self.assertEqual(response.context["page"][0].title, "Round 2")
        # The facets count the meetings ranked, not every meeting that holds the word.
        self.assertEqual(
            [(c.iso_code, c.n) for c in response.context["facets"]["countries"]], [("RU", 3)]
        )
        statements = self.client.get("/statements/?q=cooperation")
        self.assertEqual(statements.context["facets"]["countries"][0].n, 3)

    def test_a_rarer_word_is_ranked_whole(self):
        response = self.client.get("/statements/?q=round+text+-cooperation")
        self.assertIsNone(response.context["bounded"])
        response = self.client.get("/meetings/?q=%22round+2%22")
        self.assertIsNone(response.context["bounded"])
        self.assertEqual([m.title for m in response.context["page"]], ["Round 2"])
        data = self.client.get("/api/statements/?q=%22round+2%22").json()
        self.assertIsNone(data["ranked_among_newest"])
