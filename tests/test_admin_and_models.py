import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, Participant, Person, PersonAlias, Statement
from meetings.people import merge_persons
from tests.factories import country, make_meeting, make_person

ROOT = Path(__file__).resolve().parent.parent


class ModelConstraintTests(TestCase):
    def test_statement_positions_are_unique_per_meeting(self):
        meeting = make_meeting(statements=1)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Statement.objects.create(meeting=meeting, position=1, text="again")

    def test_person_takes_part_once_per_meeting(self):
        person = make_person()
        meeting = make_meeting(people=[person])
        with self.assertRaises(IntegrityError), transaction.atomic():
            Participant.objects.create(meeting=meeting, person=person)

    def test_kind_must_be_a_known_value(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_meeting(kind="party")

    def test_alias_is_unique_on_its_normalised_form(self):
        person = make_person(name="Ilham Aliyev")
        with self.assertRaises(IntegrityError), transaction.atomic():
            PersonAlias.objects.create(person=person, name="ILHAM  ALIYEV")

    def test_countries_are_loaded_with_former_states(self):
        self.assertEqual(country("AZ").name, "Azerbaijan")
        self.assertTrue(country("SU").is_former)


class MergeTests(TestCase):
    def test_merge_moves_participations_statements_and_aliases(self):
        keep = make_person(name="Ilham Aliyev")
        dup = make_person(name="Ilham Aliev", aliases=["I. Aliev"])
        both = make_meeting(people=[keep, dup], statements=2)
        only_dup = make_meeting(people=[dup], statements=1)
        before = only_dup.updated_at
        merge_persons(keep, [dup])
        # Touched, so that cached counts (facets, person pages) are computed again.
        only_dup.refresh_from_db()
        self.assertGreater(only_dup.updated_at, before)
        self.assertFalse(Person.objects.filter(pk=dup.pk).exists())
        self.assertEqual(
            set(keep.aliases.values_list("name", flat=True)),
            {"Ilham Aliyev", "Ilham Aliev", "I. Aliev"},
        )
        self.assertEqual(both.participants.count(), 1)
        self.assertEqual({s.speaker.person_id for s in both.statements.all()}, {keep.pk})
        self.assertEqual(only_dup.participants.get().person, keep)


class AdminPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_superuser("admin", "a@example.org", "pw")
        cls.person = make_person(name="Ilham Aliyev", country=country("AZ"), aliases=["Aliev"])
        cls.meeting = make_meeting(
            title="Baku talks", countries=[country("AZ")], people=[cls.person], statements=3
        )

    def setUp(self):
        self.client.force_login(self.user)

    def test_every_page_answers(self):
        urls = [
            reverse("admin:meetings_meeting_changelist"),
            reverse("admin:meetings_meeting_add"),
            reverse("admin:meetings_meeting_change", args=[self.meeting.pk]),
            reverse("admin:meetings_meeting_changelist") + "?q=Statement",
            reverse("admin:meetings_meeting_changelist")
            + f"?countries__id__exact={country('AZ').pk}",
            reverse("admin:meetings_meeting_changelist") + "?kind=meeting&record_type=transcript",
            reverse("admin:meetings_meeting_changelist") + "?date__year=2022",
            reverse("admin:meetings_person_changelist"),
            reverse("admin:meetings_person_changelist") + "?q=aliev",
            reverse("admin:meetings_person_add"),
            reverse("admin:meetings_person_change", args=[self.person.pk]),
            reverse("admin:meetings_country_changelist"),
            reverse("admin:meetings_country_changelist") + "?q=azer",
            reverse("admin:meetings_country_change", args=[country("AZ").pk]),
            reverse("admin:autocomplete")
            + "?app_label=meetings&model_name=participant&field_name=person&term=Ali",
        ]
        for url in urls:
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_person_search_finds_any_alias(self):
        response = self.client.get(reverse("admin:meetings_person_changelist"), {"q": "Aliev"})
        self.assertContains(response, "Ilham Aliyev")

    def test_merge_action(self):
        dup = make_person(name="Ilham Aliev")
        response = self.client.post(
            reverse("admin:meetings_person_changelist"),
            {"action": "merge_people", "_selected_action": [self.person.pk, dup.pk]},
            follow=True,
        )
        self.assertContains(response, "Merged 1 people into Ilham Aliyev")
        self.assertFalse(Person.objects.filter(pk=dup.pk).exists())

    def test_create_meeting_by_hand(self):
        url = reverse("admin:meetings_meeting_add")
        data = {
            "title": "Hand-entered talks",
            "slug": "hand-entered-talks",
            "date": "2023-01-05",
            "kind": "talks",
            "record_type": "transcript",
            "place": "",
            "summary": "",
            "source_url": "",
            "source_name": "",
            "source_file": "",
            "original_text": "",
            "countries": [country("FR").pk],
            "participants-TOTAL_FORMS": "1",
            "participants-INITIAL_FORMS": "0",
            "participants-0-position": "1",
            "participants-0-person": self.person.pk,
            "participants-0-role": "President",
            "participants-0-country": country("AZ").pk,
            "statements-TOTAL_FORMS": "1",
            "statements-INITIAL_FORMS": "0",
            "statements-0-position": "1",
            "statements-0-speaker_label": "Ilham Aliyev",
            "statements-0-text": "Hello.",
            "statements-0-speaker": "",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        }
        response = self.client.post(url, data)
        self.assertEqual(
            response.status_code,
            302,
            getattr(response, "context", {}) and response.context["errors"],
        )
        meeting = Meeting.objects.get(title="Hand-entered talks")
        self.assertEqual(meeting.participants.get().role, "President")
        self.assertEqual(meeting.statements.get().text, "Hello.")

    def test_changelists_do_not_grow_queries_with_rows(self):
        pages = [
            reverse("admin:meetings_meeting_changelist"),
            reverse("admin:meetings_person_changelist"),
            reverse("admin:meetings_country_changelist"),
        ]
        for url in pages:
            with self.subTest(url):
                self.client.get(url)
                with CaptureQueriesContext(connection) as few:
                    self.client.get(url)
                # Counted now: the connection's log of queries is a bounded deque that the
                # rows made below would rotate.
                expected = len(few)
                for _ in range(100):
                    make_meeting(
                        people=[make_person()],
                        countries=[country("FR")],
                        statements=1,
                    )
                # The counts the page shows are computed again once the archive changed
                # (the possible duplicates, for one); then they are cached as before.
                self.client.get(url)
                with self.assertNumQueries(expected):
                    self.client.get(url)

    def test_change_page_queries_do_not_grow_with_statements(self):
        url = reverse("admin:meetings_meeting_change", args=[self.meeting.pk])
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for n in range(4, 40):
            Statement.objects.create(
                meeting=self.meeting,
                position=n,
                text="more",
                speaker=self.meeting.participants.first(),
            )
        with self.assertNumQueries(len(few)):
            self.client.get(url)


class SettingsTests(TestCase):
    def run_python(self, code, **env):
        full = {**os.environ, "DJANGO_SETTINGS_MODULE": "archive_site.settings", **env}
        full.pop("DATABASE_URL", None) if "DATABASE_URL" not in env else None
        return subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=full, capture_output=True, text=True
        )

    def test_database_url_chooses_postgresql(self):
        result = self.run_python(
            "import django; from django.conf import settings; django.setup(); "
            "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'], d['PORT'])",
            DATABASE_URL="postgres://u:p@db.example:5433/archive",
        )
        self.assertEqual(
            result.stdout.strip(), "django.db.backends.postgresql archive db.example 5433"
        )

    def test_unknown_database_scheme_is_refused(self):
        result = self.run_python("import django; django.setup()", DATABASE_URL="mysql://u@h/db")
        self.assertIn("DATABASE_URL: unsupported scheme 'mysql'", result.stderr)

    def test_check_deploy_is_clean_with_production_values(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={
                **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
                **production_env(),
            },
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_csp_header_allows_nothing_inline(self):
        response = self.client.get(reverse("admin:login"))
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)


def production_env():
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "archive.example.org",
        "DJANGO_HTTPS": "1",
    }
