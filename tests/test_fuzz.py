"""Generated query strings on every public list and the API: never a 5xx, never a
traceback, and bad input named in the answer; generated records through every import path,
and every output of them well-formed. Bounded to run in seconds."""

import csv
import datetime
import io
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from meetings.filters import MeetingFilter
from meetings.importers.parallel import parse_file
from meetings.importers.session import ImportSession
from meetings.models import Meeting
from tests.factories import country, make_meeting, make_person

FILTERS = list(MeetingFilter.base_filters) + ["page", "page_size"]
LISTS = ["/meetings/", "/statements/", "/people/", "/countries/"]
API = ["/api/meetings/", "/api/statements/", "/api/people/", "/api/countries/", "/api/popolo.json"]
EXPORTS = ["/meetings/export.csv", "/statements/export.csv", "/meetings/feed/"]

# Values a user, a scanner or a broken link might send.
values = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="\"'-*()^:+ ORANDNEAR", max_size=20),
    st.sampled_from(["RU", "ru", "AZ", "XX", "", " ", "vladimir-putin", "nobody", "2020-01-01"]),
    st.sampled_from(["2020-02-30", "99999-01-01", "-1", "0", "1e9", "NaN", "%00", "\x00"]),
    st.sampled_from(["\x00", "ru\x00", "vladimir-putin\x00", "a\x00b", "\u202e"]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    st.text(min_size=400, max_size=3000),
)
names = st.one_of(st.sampled_from(FILTERS), st.text(max_size=10))
pairs = st.lists(st.tuples(names, values), max_size=6)


def query_string(items, raw):
    encoded = urllib.parse.urlencode(items)
    return encoded + ("&" + raw if raw else "")


raw_parts = st.sampled_from(
    [
        "",
        "%zz",
        "q=%ff%fe",
        "country",
        "&&",
        "page=%",
        "q=%22%00",
        "person=%00",
        "country=r%00",
        "q=%ED%A0%80",
    ]
)
PROFILE = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


@override_settings(API_RATE_LIMIT=0)
class FuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ru, az = country("RU"), country("AZ")
        putin = make_person(name="Vladimir Putin", country=ru)
        aliyev = make_person(name="Ilham Aliyev", country=az)
        for n in range(3):
            make_meeting(
                title=f"Talks in Baku {n}",
                date=datetime.date(2020, 5, 1 + n),
                countries=[ru, az],
                people=[putin, aliyev],
                statements=3,
            )

    def get(self, path, query):
        response = self.client.get(f"{path}?{query}")
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", "replace")
        self.assertLess(response.status_code, 500, f"{path}?{query}")
        self.assertNotIn("Traceback", body)
        return response, body

    def named(self, body, items, raw):
        """The answer names a parameter the query string holds."""
        sent = {name for name, _ in items} | {part.split("=")[0] for part in raw.split("&") if part}
        sent |= {"q"} if any(n == "q" for n in sent) else set()
        return any(name and name in body for name in sent | {"page", "page_size", "q"})

    @PROFILE
    @given(items=pairs, raw=raw_parts, path=st.sampled_from(LISTS))
    def test_pages(self, items, raw, path):
        query = query_string(items, raw)
        response, body = self.get(path, query)
        self.assertIn(response.status_code, (200, 301, 302, 404))
        if path in ("/meetings/", "/statements/"):
            filterset = MeetingFilter(response.wsgi_request.GET, queryset=Meeting.objects.all())
            if not filterset.is_valid():
                self.assertIn("Some filters were not understood", body)

    @PROFILE
    @given(items=pairs, raw=raw_parts, path=st.sampled_from(API))
    def test_api(self, items, raw, path):
        query = query_string(items, raw)
        response, body = self.get(path, query)
        self.assertIn(response.status_code, (200, 400))
        data = json.loads(body)
        if response.status_code == 400:
            self.assertTrue(data["error"])
            self.assertTrue(set(data["errors"]) <= set(FILTERS) | {"q"})
            self.assertTrue(self.named(data["error"] + " ".join(data["errors"]), items, raw))

    @PROFILE
    @given(items=pairs, raw=raw_parts, path=st.sampled_from(EXPORTS))
    def test_exports_and_feeds(self, items, raw, path):
        query = query_string(items, raw)
        response, body = self.get(path, query)
        self.assertIn(response.status_code, (200, 400))
        if response.status_code == 400:
            self.assertTrue(self.named(body.split(":")[0], items, raw), body)

    @PROFILE
    @given(
        year=st.integers(min_value=-5, max_value=100000),
        month=st.text(min_size=1, max_size=4, alphabet="0123456789ab-"),
        slug=st.from_regex(r"[-a-zA-Z0-9_]{1,20}", fullmatch=True),
        suffix=st.sampled_from(["", "cite.bib", "cite.json", "akn.xml"]),
        api=st.booleans(),
    )
    def test_meeting_addresses(self, year, month, slug, suffix, api):
        path = f"/meetings/{year}/{month}/{month}/{slug}/{suffix}"
        if api:
            path = "/api" + path.removesuffix(suffix)
        response, _ = self.get(path, "")
        self.assertIn(response.status_code, (200, 404))

    @PROFILE
    @given(
        segment=st.text(min_size=1, max_size=12).map(lambda t: urllib.parse.quote(t, safe="")),
        other=st.sampled_from(["", "RU/", "zz/", "%00/"]),
        prefix=st.sampled_from(["/countries/", "/people/", "/api/countries/", "/api/people/"]),
    )
    def test_object_addresses(self, segment, other, prefix):
        response, _ = self.get(f"{prefix}{segment}/{other}", "")
        self.assertIn(response.status_code, (200, 301, 302, 404))


# -- generated records: what a document may hold, through every import path ----------------

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil","x")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-2+3",
    "@SUM(1)",
    "\tx",
    "]]>",
    "&#1;",
    "&amp;",
    "{",
    "}",
    "},title={Injected},x={",
    "\\",
    "%",
    "\x01",
    "\x02",
    "\x03",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\ufeff",
    "\ue000",
    "\ufffe",
    "\u202e",
    "\u2028",
    "Ilham Aliyev",
    "President",
    ":",
]
pieces = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.text(alphabet=[chr(c) for c in range(32)], min_size=1, max_size=3),
)
phrases = st.lists(pieces, min_size=1, max_size=4).map("".join)
urls = st.sampled_from(
    [
        "",
        "javascript:alert(document.cookie)",
        "https://example.org/x},title={Injected},x={",
        "https://example.org/a\x01b",
        "data:text/html,<script>alert(1)</script>",
        "https://example.org/ok",
    ]
)


def text_document(title, name, first, second):
    return (
        f"Talks with President of Azerbaijan Ilham Aliyev {title}\n\n"
        "February 22, 2022, 14:00, The Kremlin, Moscow\n\n"
        f"Vladimir Putin: {first}\n\n{name}: {second}\n"
    ).encode("utf-8", "surrogatepass")


def html_document(title, name, first, second, site, url):
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='{site}'>"
        f"<link rel='canonical' href='{url}'></head><body><article><h1>{title}</h1>"
        "<time datetime='2022-02-23'>February 23, 2022</time>"
        f"<p>Vladimir Putin: {first}</p><p>{name}: {second}</p></article></body></html>"
    ).encode("utf-8", "surrogatepass")


def jsonl_document(title, name, first, second, site, url):
    record = {
        "title": f"Talks in Baku {title}",
        "date": "2022-02-24",
        "source_url": url,
        "source_name": site,
        "summary": first,
        "participants": [{"name": name, "role": site, "country": "AZ"}],
        "statements": [{"speaker": name, "speaker_label": name, "text": second}],
    }
    return json.dumps(record).encode("utf-8") + b"\n"


documents = st.builds(
    lambda title, name, first, second, site, url: [
        ("talks.txt", text_document(title, name, first, second)),
        ("page.html", html_document(title, name, first, second, site, url)),
        ("export.jsonl", jsonl_document(title, name, first, second, site, url)),
    ],
    phrases,
    phrases,
    phrases,
    phrases,
    phrases,
    urls,
)
RECORD_PROFILE = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
FORMULA = ("=", "+", "-", "@", "\t", "\r")
NOT_IN_OUTPUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@override_settings(API_RATE_LIMIT=0)
class RecordFuzzTests(TestCase):
    """Generated records (titles, names, texts with control characters, markup and
    formula prefixes) through the import command's path and the admin's upload: every
    page, feed, export and citation of what was written answers 200, well-formed."""

    def setUp(self):
        country("AZ"), country("RU")

    def body(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8")
        self.assertIsNone(NOT_IN_OUTPUT.search(text), (url, NOT_IN_OUTPUT.search(text)))
        return text

    def assert_outputs(self):
        meetings = list(Meeting.objects.all())
        for meeting in meetings:
            url = meeting.get_absolute_url()
            page = self.body(url)
            self.assertNotIn("<script>alert", page)
            self.assertNotIn("<img", page)
            self.assertNotIn('href="javascript:', page)
            ET.fromstring(self.body(url + "akn.xml"))
            json.loads(self.body(url + "cite.json"))
            json.loads(self.body("/api" + url))
            bibtex = self.body(url + "cite.bib")
            depth = 0
            for char in bibtex.replace("\\{", "").replace("\\}", ""):
                depth += {"{": 1, "}": -1}.get(char, 0)
                self.assertGreaterEqual(depth, 0, bibtex)
            self.assertEqual(depth, 0, bibtex)
            self.assertEqual(bibtex.count("\n  title = "), 1, bibtex)
            for participant in meeting.participants.select_related("person"):
                self.body(participant.person.get_absolute_url())
        for url in ("/meetings/feed/", "/sitemap.xml", "/sitemap-meetings.xml"):
            if url != "/sitemap-meetings.xml" or meetings:
                ET.fromstring(self.body(url))
        json.loads(self.body("/api/popolo.json"))
        json.loads(self.body("/api/meetings/"))
        for url in ("/", "/meetings/", "/people/", "/countries/"):
            self.body(url)
        for url in ("/meetings/export.csv", "/statements/export.csv?q=Putin"):
            for row in csv.reader(io.StringIO(self.body(url).lstrip("\ufeff"))):
                for cell in row:
                    self.assertFalse(cell.startswith(FORMULA), (url, cell))

    @RECORD_PROFILE
    @given(files=documents)
    def test_records_imported_as_the_command_imports_them(self, files):
        session = ImportSession()
        for name, data in files:
            for document, parsed, error, _ in parse_file(name, data):
                session.add(document, parsed, error)
        session.close()
        self.assert_outputs()

    @RECORD_PROFILE
    @given(files=documents)
    def test_records_uploaded_previewed_and_imported_in_the_admin(self, files):
        from django.contrib.auth.models import User
        from django.core.files.uploadedfile import SimpleUploadedFile

        from meetings.models import ImportRun
        from meetings.uploads import create_run, import_run, preview_run

        editor = User.objects.create_superuser("editor", "e@example.org", "pw")
        self.client.force_login(editor)
        uploaded = [SimpleUploadedFile(name, data) for name, data in files]
        run = create_run(editor, uploaded)
        preview_run(run.pk)
        self.assertEqual(self.client.get(run.get_absolute_url()).status_code, 200)
        if ImportRun.objects.get(pk=run.pk).status == "ready":
            import_run(run.pk)
        self.assertEqual(self.client.get(run.get_absolute_url()).status_code, 200)
        for meeting in Meeting.objects.all():
            change = self.client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")
            self.assertEqual(change.status_code, 200)
        self.client.logout()
        self.assert_outputs()
