"""Generated query strings on every public list and the API: never a 5xx, never a
traceback, and bad input named in the answer. Bounded to run in seconds."""

import datetime
import json
import urllib.parse

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from meetings.filters import MeetingFilter
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
