"""Hostile records: what a document, an export line or an editor may put into the archive
breaks no page, feed, export or citation, and runs nothing where the archive's output goes."""

import csv
import datetime
import importlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase, override_settings
from lxml import etree

from meetings.importers.cleaning import clean_text, safe_url
from meetings.importers.exchange import parsed_from_json
from meetings.importers.parallel import parse_file
from meetings.importers.transcript import parse_html, parse_transcript
from meetings.models import Meeting, MeetingSource, Statement
from meetings.ratelimit import client_address
from tests.factories import country, make_meeting, make_person, temp_folder

SCHEMAS = Path(__file__).parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n") + "\x7f\x85\x9f"

TALKS = (
    "Talks with President of Azerbaijan Ilham Aliyev{title}\n\n"
    "February 22, 2022, 14:00, The Kremlin, Moscow\n\n"
    "Vladimir Putin: Good afternoon{text}, Mr President.\n\n"
    "Ilham Aliyev: Thank you.\n"
)


class CleaningTests(TestCase):
    def test_clean_text_keeps_text_and_line_breaks_and_drops_the_rest(self):
        self.assertEqual(clean_text("a\tb\nc"), "a\tb\nc")
        self.assertEqual(clean_text("a\r\nb\rc\x0cd\u2028e"), "a\nb\nc\nd\ne")
        # \x0b, \x0c, \r and \x85 break lines; the others go.
        self.assertEqual(clean_text("x" + CONTROLS + "y"), "x\n\n\n\ny")
        self.assertEqual(clean_text("mark\x02ed\x03"), "marked")
        self.assertEqual(clean_text("icon\ue000 \ufffe\U0010fffd\ud800"), "icon ")
        self.assertEqual(clean_text("Ильхам Алиев, 伊利哈姆 🇦🇿"), "Ильхам Алиев, 伊利哈姆 🇦🇿")

    def test_only_http_urls_are_kept(self):
        for url in ("javascript:alert(1)", "data:text/html,x", "//evil", "http://a b", "ftp://x"):
            self.assertEqual(safe_url(url), "", url)
        self.assertEqual(safe_url(" https://kremlin.ru/x "), "https://kremlin.ru/x")

    def test_a_text_document_is_cleaned(self):
        parsed = parse_transcript(TALKS.format(title="\x01", text="\x02\x1b\x03"))
        self.assertEqual(parsed.title, "Talks with President of Azerbaijan Ilham Aliyev")
        self.assertEqual(parsed.statements[0].text, "Good afternoon, Mr President.")
        self.assertNotIn("\x01", parsed.original_text)

    def test_a_saved_page_is_cleaned(self):
        page = (
            "<html><head><title>x</title><meta property='og:site_name' content='Site&#1;\x01'>"
            "<link rel='canonical' href='javascript:alert(1)'></head><body><article>"
            "<h1>Talks with President of Azerbaijan Ilham Aliyev&#1;</h1>"
            "<time datetime='2022-02-22'>February 22, 2022</time>"
            "<p>Vladimir Putin: Good afternoon&#2;, Mr President.</p>"
            "<p>Ilham Aliyev: Thank you&#xE000;.</p></article></body></html>"
        )
        parsed = parse_html(page)
        for value in (parsed.title, parsed.source_name, *(s.text for s in parsed.statements)):
            self.assertEqual(value, clean_text(value))
        self.assertEqual(parsed.source_url, "")
        self.assertEqual(parsed.statements[1].text, "Thank you.")

    def test_an_export_line_is_cleaned_and_its_bad_fields_named(self):
        record = {
            "title": "Talks\x01 in Baku",
            "date": "2022-02-22",
            "source_url": "javascript:alert(document.cookie)",
            "source_name": "\x01Publisher",
            "participants": [{"name": "Ilham\x02 Aliyev", "role": "President\x03"}],
            "statements": [{"speaker": "Ilham\x02 Aliyev", "text": "Hello\x00"}],
        }
        parsed = parsed_from_json(record)
        self.assertEqual((parsed.title, parsed.source_name), ("Talks in Baku", "Publisher"))
        self.assertEqual(parsed.source_url, "")
        self.assertEqual(parsed.participants[0].name, "Ilham Aliyev")
        self.assertEqual(parsed.statements[0].speaker, "Ilham Aliyev")
        for field, value, message in [
            ("title", "\x01\x02", "field 'title' is missing"),
            ("summary", 5, "field 'summary' is not a str"),
            ("countries", "RU", "field 'countries' is not a list"),
            ("participants", [{"name": "\x01"}], "a participant without a 'name'"),
            ("content_hash", "x" * 65, "field 'content_hash' is not a SHA-256"),
        ]:
            with self.subTest(field), self.assertRaisesMessage(Exception, message):
                parsed_from_json({**record, field: value}, line=3)

    def test_every_file_kind_is_cleaned_by_the_upload_path(self):
        line = json.dumps({"title": "T\x01", "date": "2022-02-22", "summary": "A\x02 b."})
        for name, data in [
            ("talks.txt", TALKS.format(title="\x01", text="\x02").encode()),
            ("export.jsonl", line.encode()),
        ]:
            ((_, parsed, error, _),) = parse_file(name, data)
            self.assertIsNone(error)
            self.assertEqual(parsed.title, clean_text(parsed.title))
            self.assertNotIn("\x02", parsed.summary + "".join(s.text for s in parsed.statements))


class HostileRecordTests(TestCase):
    """Records stored as they came, before text was cleaned at the door (or from another
    tool): every writer is safe for whatever they hold."""

    @classmethod
    def setUpTestData(cls):
        cls.ru, cls.az = country("RU"), country("AZ")
        cls.putin = make_person(name="Vladimir Putin", country=cls.ru)
        cls.meeting = make_meeting(
            title='=HYPERLINK("http://evil","Talks")\x01 in Baku',
            date=datetime.date(2022, 2, 22),
            countries=[cls.ru, cls.az],
            people=[cls.putin],
            statements=2,
            source_name="Publisher\x01",
            source_url="javascript:alert(document.cookie)",
            summary="@SUM(1+1)\x02",
        )
        Statement.objects.filter(meeting=cls.meeting, position=1).update(
            text="-2+3 and \x02not a match\x03 cooperation", speaker_label="+Label\x01"
        )
        cls.injected = make_meeting(
            title="Talks",
            date=datetime.date(2022, 2, 23),
            source_url="https://example.org/x},title={Injected},x={",
        )

    def test_the_feed_and_its_filters_are_well_formed(self):
        for query in ("", "country=AZ", "q=cooperation"):
            with self.subTest(query):
                response = self.client.get(f"/meetings/feed/?{query}")
                self.assertEqual(response.status_code, 200)
                ET.fromstring(response.content)
        response = self.client.get("/meetings/feed/?q=%01")
        self.assertEqual((response.status_code, response["Content-Type"][:10]), (400, "text/plain"))

    def test_the_feed_links_to_itself_with_its_filters(self):
        feed = ET.fromstring(self.client.get("/meetings/feed/?country=AZ&year=2022").content)
        self.assertEqual(
            feed.find(f"{ATOM}link[@rel='self']").get("href"),
            "http://testserver/meetings/feed/?country=AZ&year=2022",
        )

    def test_akoma_ntoso_is_well_formed_and_valid(self):
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "akomantoso" / "akomantoso30.xsd")))
        response = self.client.get(self.meeting.get_absolute_url() + "akn.xml")
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        document = etree.fromstring(content)
        self.assertTrue(schema.validate(document), schema.error_log)
        self.assertNotIn(b"javascript:", etree.tostring(document))

    def test_csv_cells_never_start_a_formula(self):
        for url in ("/meetings/export.csv", "/statements/export.csv?q=cooperation"):
            with self.subTest(url):
                response = self.client.get(url)
                text = b"".join(response.streaming_content).decode("utf-8-sig")
                for row in csv.reader(io.StringIO(text)):
                    for cell in row:
                        self.assertFalse(cell.startswith(("=", "+", "-", "@", "\t")), cell)
                self.assertIn("'=HYPERLINK(", text)
        out = io.StringIO()
        call_command("export_meetings", "--format", "csv", stdout=out)
        for row in csv.reader(io.StringIO(out.getvalue())):
            for cell in row:
                self.assertFalse(cell.startswith(("=", "+", "-", "@", "\t")), cell)

    def test_a_source_url_of_another_scheme_is_never_a_link(self):
        page = self.client.get(self.meeting.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "javascript:")
        for suffix in ("cite.bib", "cite.json"):
            self.assertNotIn(
                b"javascript:", self.client.get(self.meeting.get_absolute_url() + suffix).content
            )
        popolo = self.client.get("/api/popolo.json").content
        self.assertNotIn(b"javascript:", popolo)

    def test_bibtex_fields_cannot_be_injected_through_the_url(self):
        text = self.client.get(self.injected.get_absolute_url() + "cite.bib").content.decode()
        self.assertEqual(text.count("title = "), 1)
        self.assertIn("url = {https://example.org/x%7D,title=%7BInjected%7D,x=%7B},", text)
        depth = 0
        for char in text[text.index("{") + 1 :]:
            depth += {"{": 1, "}": -1}.get(char, 0)
            self.assertGreaterEqual(depth, -1)

    def test_search_snippets_mark_only_the_match(self):
        call_command_clean()
        response = self.client.get("/statements/?q=cooperation")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertEqual(html.count("<mark>"), 1, html)
        self.assertIn("<mark>cooperation</mark>", html)

    def test_the_migration_cleans_what_was_stored(self):
        call_command_clean()
        meeting = Meeting.objects.get(pk=self.meeting.pk)
        self.assertEqual(meeting.title, '=HYPERLINK("http://evil","Talks") in Baku')
        self.assertEqual(meeting.source_name, "Publisher")
        statement = meeting.statements.get(position=1)
        self.assertEqual(statement.text, "-2+3 and not a match cooperation")
        self.assertEqual(statement.speaker_label, "+Label")


def call_command_clean():
    migration = importlib.import_module("meetings.migrations.0015_clean_stored_text")
    migration.clean_stored_text(apps, None)


class HostileImportTests(TestCase):
    """The same through the import command: nothing of it reaches the archive."""

    def test_an_export_line_with_controls_and_a_script_link_is_imported_clean(self):
        folder = temp_folder(self)
        record = {
            "title": "Talks\x01 in Baku",
            "date": "2022-02-22",
            "source_url": "javascript:alert(1)",
            "source_name": "Pub\x01",
            "participants": [{"name": "Ilham Aliyev", "country": "AZ"}],
            "statements": [{"speaker": "Ilham Aliyev", "text": "Good \x02day\x03."}],
        }
        (folder / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
        call_command("import_meetings", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
        meeting = Meeting.objects.get()
        self.assertEqual((meeting.title, meeting.source_url), ("Talks in Baku", ""))
        self.assertEqual(MeetingSource.objects.get().source_name, "Pub")
        self.assertEqual(meeting.statements.get().text, "Good day.")
        self.assertEqual(self.client.get("/meetings/feed/").status_code, 200)


class ProxyAndLoginTests(TestCase):
    def request(self, remote, forwarded):
        from django.test import RequestFactory

        return RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    @override_settings(BEHIND_PROXY=True, TRUSTED_PROXIES=frozenset({"127.0.0.1"}))
    def test_the_forwarded_address_counts_only_from_the_proxy(self):
        self.assertEqual(client_address(self.request("127.0.0.1", "1.2.3.4, 5.6.7.8")), "5.6.7.8")
        self.assertEqual(client_address(self.request("", "5.6.7.8")), "5.6.7.8")  # Unix socket
        # Straight to gunicorn: the header is the client's word, not the proxy's.
        self.assertEqual(client_address(self.request("203.0.113.9", "5.6.7.8")), "203.0.113.9")

    def test_a_login_with_an_unsafe_next_lands_on_the_admin(self):
        User.objects.create_superuser("editor", "e@example.org", "a-long-password")
        response = self.client.post(
            "/admin/login/?next=https://evil.example/",
            {"username": "editor", "password": "a-long-password"},
        )
        self.assertRedirects(response, "/admin/")
