"""Reads from a replica, writes to the primary: against a real second PostgreSQL database,
kept in sync by the test (a copy of the primary made when it says so)."""

import datetime
import io
from unittest import skipUnless

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, connections, router
from django.test import TransactionTestCase, override_settings

from archive_site.routers import PIN_COOKIE
from meetings.models import Meeting
from tests.factories import country, make_meeting, make_person, postgres_server
from tests.test_faults import SAMPLES


@skipUnless(connection.vendor == "postgresql", "replicas are PostgreSQL databases")
@override_settings(
    REPLICA_DATABASES=["replica1"],
    REPLICA_PIN_SECONDS=10,
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
)
class ReplicaTests(TransactionTestCase):
    def setUp(self):
        self.primary = connection.settings_dict["NAME"]
        self.replica = f"{self.primary}_replica"
        connections.settings["replica1"] = {**connection.settings_dict, "NAME": self.replica}
        self.addCleanup(self.remove_replica)
        # The test's own database guard learns of the alias made above for this test only.
        type(self).databases = {"default", "replica1"}
        self.addCleanup(setattr, type(self), "databases", {"default"})
        self.az = country("AZ")
        self.aliyev = make_person(name="Ilham Aliyev", country=self.az)
        self.first = make_meeting(title="Talks in Baku", countries=[self.az], people=[self.aliyev])
        User.objects.create_superuser("editor", "e@example.org", "a-long-password")
        self.sync()

    def server(self):
        return postgres_server()

    def sync(self):
        """The replica becomes a copy of the primary, as replication would make it."""
        connections.close_all()
        with self.server() as server:
            server.execute(f"DROP DATABASE IF EXISTS {self.replica} WITH (FORCE)")
            server.execute(f"CREATE DATABASE {self.replica} TEMPLATE {self.primary}")

    def remove_replica(self):
        connections["replica1"].close()
        del connections.settings["replica1"]
        with self.server() as server:
            server.execute(f"DROP DATABASE IF EXISTS {self.replica} WITH (FORCE)")

    def test_public_pages_read_the_replica_and_the_admin_the_primary(self):
        # Written to the primary only: the replica has not caught up.
        make_meeting(title="Talks in Ganja", countries=[self.az], date=datetime.date(2023, 1, 1))
        page = self.client.get("/meetings/?country=AZ")
        self.assertContains(page, "Talks in Baku")
        self.assertNotContains(page, "Talks in Ganja")
        self.assertEqual(self.client.get("/api/meetings/?country=AZ").json()["count"], 1)
        self.client.force_login(User.objects.get(username="editor"))
        admin = self.client.get("/admin/meetings/meeting/")
        self.assertContains(admin, "Talks in Ganja")
        self.sync()
        self.client.logout()
        self.client.cookies.pop(PIN_COOKIE, None)
        self.assertContains(self.client.get("/meetings/?country=AZ"), "Talks in Ganja")

    def test_a_client_that_wrote_reads_its_write(self):
        self.client.post("/admin/login/", {"username": "editor", "password": "a-long-password"})
        self.assertIn(PIN_COOKIE, self.client.cookies)  # the login wrote a session
        change = f"/admin/meetings/meeting/{self.first.pk}/change/"
        form = self.client.get(change).context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None and k != "countries"}
        data.update(
            title="Talks in Baku, corrected",
            date="2022-02-22",
            countries=[self.az.pk],
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("participants", "statements", "sources")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        )
        response = self.client.post(change, data)
        self.assertEqual(
            response.status_code,
            302,
            getattr(response, "context", None) and response.context["adminform"].form.errors,
        )
        self.assertEqual(Meeting.objects.using("default").get().title, "Talks in Baku, corrected")
        self.assertEqual(Meeting.objects.using("replica1").get().title, "Talks in Baku")
        # The editor's next public page reads the primary: the correction shows.
        self.assertContains(self.client.get("/meetings/"), "Talks in Baku, corrected")
        # Another reader, pinned to nothing, reads the replica until it catches up.
        other = self.client_class()
        self.assertNotContains(other.get("/meetings/"), "corrected")

    def test_imports_write_to_the_primary_and_migrations_run_there_only(self):
        call_command("import_meetings", str(SAMPLES), "--no-progress", stdout=io.StringIO())
        self.assertGreater(Meeting.objects.using("default").count(), 30)
        self.assertEqual(Meeting.objects.using("replica1").count(), 1)
        self.assertTrue(router.allow_migrate("default", "meetings"))
        self.assertFalse(router.allow_migrate("replica1", "meetings"))
        self.assertEqual(router.db_for_write(Meeting), "default")
