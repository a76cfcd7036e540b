"""What an operator needs before the archive faces the internet: a locked-down admin login,
secure sessions, a configurable admin address."""

from pathlib import Path
from unittest import mock

from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.db import OperationalError
from django.test import TestCase, override_settings

from tests.factories import django_process

ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/admin/login/?next=/admin/"


# Fast hashing: the tests log in dozens of times.
FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@FAST_HASHING
@override_settings(AXES_FAILURE_LIMIT=5)
class LoginLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_superuser("editor", "e@example.org", "a-long-password")

    def log_in(self, username="editor", password="wrong", address="10.0.0.1", **headers):
        return self.client.post(
            LOGIN,
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **headers,
        )

    def assert_locked(self, response):
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Login locked", status_code=429)

    def test_a_user_name_is_locked_after_five_failures_from_anywhere(self):
        for n in range(4):
            response = self.log_in(address=f"10.0.0.{n + 1}")
            self.assertEqual(response.status_code, 200)  # the form again, with its error
        self.assert_locked(self.log_in(address="10.0.0.5"))  # the fifth failure locks
        # The right password no longer opens it, from any address.
        self.assert_locked(self.log_in(password="a-long-password", address="10.9.9.9"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_an_address_is_locked_after_five_failures_with_any_names(self):
        for n in range(5):
            self.log_in(username=f"guess{n}", address="10.0.0.7")
        self.assert_locked(self.log_in(password="a-long-password", address="10.0.0.7"))
        # Another address still logs in.
        response = self.log_in(password="a-long-password", address="10.0.0.8")
        self.assertEqual(response.status_code, 302)

    def test_the_lock_is_kept_in_the_database_and_an_admin_lifts_it(self):
        for _ in range(5):
            self.log_in()
        self.assertTrue(AccessAttempt.objects.filter(username="editor").exists())
        # Another process (a worker, a restart) reads the same rows: a fresh client is locked.
        self.client = self.client_class()
        self.assert_locked(self.log_in(password="a-long-password", address="10.0.0.2"))
        # An administrator unlocks from the admin: the attempts are listed and deleted there.
        admin = User.objects.create_superuser("chief", "c@example.org", "another-password")
        self.client.force_login(admin)
        listed = self.client.get("/admin/axes/accessattempt/")
        self.assertContains(listed, "editor")
        attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
        self.client.post(
            "/admin/axes/accessattempt/",
            {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
        )
        self.assertFalse(AccessAttempt.objects.filter(username="editor").exists())
        self.client.logout()
        response = self.log_in(password="a-long-password", address="10.0.0.3")
        self.assertEqual(response.status_code, 302)

    @override_settings(BEHIND_PROXY=True, TRUSTED_PROXIES=frozenset({"10.0.0.1"}))
    def test_behind_a_proxy_the_address_it_saw_is_locked(self):
        for n in range(5):
            self.log_in(username=f"guess{n}", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
        locked = self.log_in(password="a-long-password", HTTP_X_FORWARDED_FOR="203.0.113.9")
        self.assert_locked(locked)
        # What the client writes before the proxy's entry does not free it.
        again = self.log_in(password="a-long-password", HTTP_X_FORWARDED_FOR="5.6.7.8, 203.0.113.9")
        self.assert_locked(again)
        other = self.log_in(password="a-long-password", HTTP_X_FORWARDED_FOR="203.0.113.10")
        self.assertEqual(other.status_code, 302)

    @override_settings(BEHIND_PROXY=False)
    def test_without_a_proxy_its_header_is_not_believed(self):
        for n in range(5):
            self.log_in(username=f"guess{n}", address="10.0.0.5", HTTP_X_FORWARDED_FOR=f"9.9.9.{n}")
        locked = self.log_in(password="a-long-password", address="10.0.0.5")
        self.assert_locked(locked)


@FAST_HASHING
class SessionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_superuser("editor", "e@example.org", "a-long-password")

    def log_in(self, client):
        response = client.post(LOGIN, {"username": "editor", "password": "a-long-password"})
        self.assertEqual(response.status_code, 302)
        return response

    @override_settings(SESSION_COOKIE_SECURE=True)
    def test_the_session_cookie_is_secure_http_only_and_same_site(self):
        cookie = self.log_in(self.client).cookies["sessionid"]
        self.assertTrue(cookie["httponly"])
        self.assertTrue(cookie["secure"])
        self.assertEqual(cookie["samesite"], "Lax")

    def test_changing_the_password_ends_the_other_sessions(self):
        other = self.client_class()
        self.log_in(self.client)
        self.log_in(other)
        self.assertEqual(other.get("/admin/").status_code, 200)
        response = self.client.post(
            "/admin/password_change/",
            {
                "old_password": "a-long-password",
                "new_password1": "a-new-long-passphrase",
                "new_password2": "a-new-long-passphrase",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/admin/").status_code, 200)  # this one stays
        self.assertRedirects(other.get("/admin/"), "/admin/login/?next=/admin/")

    def test_production_settings(self):
        out = django_process(
            "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
            "settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE, "
            "settings.SESSION_COOKIE_AGE)",
            DJANGO_HTTPS="1",
            DJANGO_SESSION_HOURS="2",
        )
        self.assertEqual(out, "True True True Lax 7200")

    def test_the_admin_address_is_configurable(self):
        out = django_process(
            "from django.urls import reverse; print(reverse('admin:index'))",
            DJANGO_ADMIN_URL="/back-office/",
        )
        self.assertEqual(out, "/back-office/")
        out = django_process(
            "from django.test import Client; print(Client().get('/admin/', HTTP_HOST='localhost').status_code)",
            DJANGO_ADMIN_URL="back-office",
        )
        self.assertEqual(out, "404")


class DatabaseGoneTests(TestCase):
    """The database refusing connections (tests/test_faults.py cuts a real one)."""

    def test_a_page_answers_503_with_a_plain_message(self):
        client = self.client_class(raise_request_exception=False)
        gone = OperationalError("connection refused")
        with mock.patch("meetings.views.MeetingFilter", side_effect=gone):
            response = client.get("/meetings/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("database is unavailable", response.content.decode())

    def test_other_errors_stay_500(self):
        client = self.client_class(raise_request_exception=False)
        with mock.patch("meetings.views.MeetingFilter", side_effect=ValueError("a bug")):
            response = client.get("/meetings/")
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Something went wrong", status_code=500)

    def test_healthz_reports_the_database(self):
        self.assertEqual(self.client.get("/healthz").content, b"ok")
        response = self.client.get("/healthz?db=1")
        self.assertContains(response, "database")
        with mock.patch("meetings.views.connection.cursor", side_effect=OperationalError("no")):
            self.assertEqual(self.client.get("/healthz?db=1").status_code, 503)
            self.assertEqual(self.client.get("/healthz").status_code, 200)


class RequestLogTests(TestCase):
    def test_each_request_is_logged_once_with_its_id_path_status_and_duration(self):
        with self.assertLogs("archive.requests", "INFO") as logs:
            response = self.client.get("/meetings/?country=XX")
        (record,) = logs.records
        self.assertEqual(record.levelname, "INFO")
        self.assertEqual((record.method, record.path, record.status), ("GET", "/meetings/", 200))
        self.assertGreater(record.duration_ms, 0)
        self.assertEqual(record.request_id, response["X-Request-ID"])
        self.assertRegex(record.request_id, r"^[0-9a-f]{32}$")
        self.assertIsNone(record.queries)  # only a slow request tells its queries

    def test_the_proxy_request_id_is_kept_when_it_looks_like_one(self):
        response = self.client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.1")
        self.assertEqual(response["X-Request-ID"], "lb-7f3a.1")
        response = self.client.get("/healthz", HTTP_X_REQUEST_ID='<script>"x"')
        self.assertRegex(response["X-Request-ID"], r"^[0-9a-f]{32}$")

    @override_settings(SLOW_REQUEST_MS=0)
    def test_a_slow_request_is_a_warning_with_its_query_count(self):
        with self.assertLogs("archive.requests", "INFO") as logs:
            self.client.get("/meetings/")
        (record,) = logs.records
        self.assertEqual(record.levelname, "WARNING")
        self.assertGreater(record.queries, 0)

    def test_json_lines_carry_the_request_id_of_every_record(self):
        import io
        import json
        import logging

        from archive_site.observability import JsonFormatter, RequestIdFilter

        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestIdFilter())
        logger = logging.getLogger("meetings.views")
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)
        requests = logging.getLogger("archive.requests")
        requests.addHandler(handler)
        self.addCleanup(requests.removeHandler, handler)
        with mock.patch("meetings.views.connection.cursor", side_effect=OperationalError("no")):
            self.client.get("/healthz?db=1", HTTP_X_REQUEST_ID="abc-1")
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        self.assertEqual([line["logger"] for line in lines], ["meetings.views", "archive.requests"])
        self.assertEqual({line["request_id"] for line in lines}, {"abc-1"})
        self.assertEqual(lines[1]["status"], 503)
        self.assertEqual(lines[1]["path"], "/healthz")


class ScaleOutSettingsTests(TestCase):
    def test_cache_url(self):
        from django.core.exceptions import ImproperlyConfigured

        from archive_site.settings import cache_from_env

        self.assertEqual(
            cache_from_env("")["BACKEND"], "django.core.cache.backends.locmem.LocMemCache"
        )
        self.assertEqual(
            cache_from_env("redis://10.0.0.5:6379/2"),
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://10.0.0.5:6379/2",
            },
        )
        self.assertEqual(cache_from_env("memcached://10.0.0.6:11211")["LOCATION"], "10.0.0.6:11211")
        self.assertEqual(cache_from_env("db://archive_cache")["LOCATION"], "archive_cache")
        with self.assertRaisesMessage(ImproperlyConfigured, "CACHE_URL: unsupported scheme 'ftp'"):
            cache_from_env("ftp://x")

    def test_replica_urls(self):
        out = django_process(
            "print(settings.REPLICA_DATABASES, settings.DATABASES['replica2']['NAME'], "
            "settings.DATABASES['replica2']['HOST'])",
            DATABASE_URL="postgres://u@db1:5432/archive",
            DATABASE_REPLICA_URLS="postgres://u@db2:5432/archive, postgres://u@db3:5432/archive",
        )
        self.assertEqual(out, "['replica1', 'replica2'] archive db3")

    def test_postgresql_queries_start_no_parallel_workers_unless_configured(self):
        from django.db import connection

        from archive_site.settings import database_from_env

        url = "postgres://u@db1:5432/archive"
        with mock.patch.dict("os.environ", {}, clear=False) as environ:
            environ.pop("DATABASE_PARALLEL_WORKERS", None)
            options = database_from_env(url, "x")["OPTIONS"]["options"]
        self.assertEqual(options, "-c max_parallel_workers_per_gather=0")
        with mock.patch.dict("os.environ", {"DATABASE_PARALLEL_WORKERS": "2"}):
            options = database_from_env(url, "x")["OPTIONS"]["options"]
        self.assertEqual(options, "-c max_parallel_workers_per_gather=2")
        if connection.vendor == "postgresql":  # the connection the tests run on takes it
            with connection.cursor() as cursor:
                cursor.execute("SHOW max_parallel_workers_per_gather")
                self.assertEqual(cursor.fetchone()[0], "0")
