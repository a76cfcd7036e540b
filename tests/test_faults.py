"""Faults the archive must survive: an import killed at any point, two imports of the same
documents at once, the database going away under a running site.

Each test runs the real commands (and gunicorn) in other processes against a scratch
database of its own: a SQLite file, or a PostgreSQL database on the test server.
"""

import datetime
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import skipUnless

from django.db import connection
from django.test import SimpleTestCase, TransactionTestCase

from tests.factories import country, django_process, make_meeting, make_person
from tests.processes import ScratchDatabase

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GUESTS = [
    ("Ilham Aliyev", "Azerbaijan"),
    ("Kassym-Jomart Tokayev", "Kazakhstan"),
    ("Recep Tayyip Erdogan", "Turkey"),
    ("Alexander Lukashenko", "Belarus"),
    ("Shavkat Mirziyoyev", "Uzbekistan"),
    ("Nikol Pashinyan", "Armenia"),
]
WORDS = "energy trade pipeline security grain transit bank rail cooperation agreement".split()


def write_corpus(folder, numbers):
    """Documents numbered n: talks between Vladimir Putin and a guest on the n-th day from
    2001-01-01, with a few statements; the samples/ of real documents beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        guest, where = GUESTS[n % len(GUESTS)]
        date = datetime.date(2001, 1, 1) + datetime.timedelta(days=n)
        rng = random.Random(n)
        turns = [
            f"{speaker}: " + " ".join(rng.choices(WORDS, k=rng.randint(8, 30))).capitalize() + "."
            for speaker in ["Vladimir Putin", guest] * rng.randint(1, 3)
        ]
        (folder / f"talks-{n:05d}.txt").write_text(
            f"Talks with President of {where} {guest}\n\n"
            f"{date:%B} {date.day}, {date.year}, The Kremlin, Moscow\n\n"
            f"Vladimir Putin met with President of {where} {guest} (round {n}).\n\n"
            + "\n\n".join(turns)
            + "\n",
            encoding="utf-8",
        )


class ImportFaultTests(SimpleTestCase):
    """SIGKILL halfway and two imports at once leave exactly the archive of a clean import."""

    DOCUMENTS = 3000

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp(prefix="faults-"))
        cls.db = ScratchDatabase(cls.folder)
        cls.documents = cls.folder / "documents"
        write_corpus(cls.documents, range(cls.DOCUMENTS))
        shutil.copytree(SAMPLES, cls.documents / "samples")
        cls.clean = cls.db.fresh()
        cls.db.manage("import_meetings", str(cls.documents), "--no-progress", url=cls.clean)
        cls.reference = cls.db.export(cls.clean)

    @classmethod
    def tearDownClass(cls):
        cls.db.drop()
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    def test_killed_at_random_points_then_run_again(self):
        self.assertGreater(len(self.reference), self.DOCUMENTS)
        url = self.db.fresh()
        rng = random.Random()
        counts = []
        total = len(self.reference)
        for _ in range(3):
            # Killed when the archive holds a random share more than before: at a random
            # point of the writing, whatever the machine's speed.
            target = self.db.meetings(url) + rng.randint(1, (total - self.db.meetings(url)) // 3)
            run = self.db.start("import_meetings", str(self.documents), "--no-progress", url=url)
            while run.poll() is None and self.db.meetings(url) < target:
                time.sleep(0.01)
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
            counts.append(self.db.meetings(url))
        # Each kill fell inside an import: some meetings written, not all.
        self.assertTrue(all(0 < n < total for n in counts), counts)
        self.assertEqual(counts, sorted(counts))
        self.db.manage("import_meetings", str(self.documents), "--no-progress", url=url)
        self.assertEqual(self.db.export(url), self.reference)

    def test_two_imports_of_overlapping_folders_at_once(self):
        url = self.db.fresh()
        first, second = self.folder / "first", self.folder / "second"
        for folder, numbers in [(first, range(0, 2000)), (second, range(1000, self.DOCUMENTS))]:
            folder.mkdir()
            for n in numbers:
                name = f"talks-{n:05d}.txt"
                shutil.copy(self.documents / name, folder / name)
        shutil.copytree(SAMPLES, first / "samples")
        shutil.copytree(SAMPLES, second / "samples")
        runs = [
            self.db.start("import_meetings", str(folder), "--no-progress", url=url)
            for folder in (first, second)
        ]
        for run in runs:
            out, err = run.communicate(timeout=300)
            self.assertEqual(run.returncode, 0, err[-3000:])
            self.assertIn(" 0 failed", out + err)
        self.assertEqual(
            self.db.count(
                url, "SELECT count(*) - count(DISTINCT (date, slug)) FROM meetings_meeting"
            )
            if self.db.vendor == "postgresql"
            else self.db.count(
                url, "SELECT count(*) - count(DISTINCT date || slug) FROM meetings_meeting"
            ),
            0,
        )
        self.assertEqual(self.db.export(url), self.reference)


class Relay:
    """A TCP relay in front of the database server: cut it and the database is gone for
    every connection through it; restore it and it is back, on the same port."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.port = None
        self.sockets = []
        self.listener = None

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port or 0))
        self.port = self.listener.getsockname()[1]
        self.listener.listen()
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        self.listener.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.sockets = []


@skipUnless(connection.vendor == "postgresql", "PostgreSQL stopped and restarted")
class DatabaseOutageTests(TransactionTestCase):
    """PostgreSQL goes away under gunicorn, then comes back: pages answer 503 with a plain
    message meanwhile, and recover by themselves."""

    def get(self, url):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def test_pages_answer_503_while_the_database_is_gone_and_recover(self):
        ru, az = country("RU"), country("AZ")
        meeting = make_meeting(
            countries=[ru, az], people=[make_person(name="Ilham Aliyev")], statements=2
        )
        s = connection.settings_dict
        relay = Relay(s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)).start()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{s['USER']}@127.0.0.1:{relay.port}/{s['NAME']}",
            "DATABASE_CONN_MAX_AGE": "600",
            "DJANGO_DEBUG": "0",
            "DJANGO_STATIC_STORAGE": "plain",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "archive_site.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        urls = ["/meetings/", meeting.get_absolute_url(), "/api/meetings/", "/countries/AZ/"]
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            for url in urls + ["/healthz?db=1"]:
                self.assertEqual(self.get(base + url)[0], 200, url)
            relay.cut()  # PostgreSQL is gone: open connections die, new ones are refused
            for url in urls + ["/healthz?db=1", "/people/"]:
                status, body, headers = self.get(base + url)
                self.assertEqual(status, 503, url)
                self.assertIn("database is unavailable", body)
                self.assertNotIn("Traceback", body)
                self.assertEqual(headers["Retry-After"], "30")
            self.assertEqual(self.get(base + "/healthz")[0], 200)  # the process itself lives
            relay.start()  # back, on the same port
            for url in urls + ["/healthz?db=1"]:
                self.assertEqual(self.get(base + url)[0], 200, url)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            _, err = server.communicate(timeout=10)
            relay.cut()
        self.assertNotIn(b"Traceback", err)


class BackupTests(SimpleTestCase):
    """export_meetings is the portable backup: restored into an empty database by
    import_meetings, it gives the same export back."""

    def test_an_export_restores_into_an_empty_database(self):
        folder = Path(tempfile.mkdtemp(prefix="backup-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        db = ScratchDatabase(folder)
        self.addCleanup(db.drop)
        documents = folder / "documents"
        write_corpus(documents, range(200))
        shutil.copytree(SAMPLES, documents / "samples")
        original = db.fresh()
        db.manage("import_meetings", str(documents), "--no-progress", url=original)
        backup = folder / "archive.jsonl"
        backup.write_text(db.manage("export_meetings", url=original).stdout, encoding="utf-8")
        restored = db.fresh()
        out = db.manage("import_meetings", str(backup), "--no-progress", url=restored).stdout
        self.assertIn(" 0 failed", out)
        exported = db.export(original)
        self.assertGreater(len(exported), 200)
        self.assertEqual(db.export(restored), exported)
        self.assertTrue(all(r["statements"] for r in exported if r["record_type"] == "transcript"))
        count = "SELECT count(*) FROM meetings_person"
        self.assertEqual(db.count(restored, count), db.count(original, count))


def redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@skipUnless(redis_reachable(), "needs a Redis server on 127.0.0.1:6379")
class SharedCacheTests(SimpleTestCase):
    """CACHE_URL=redis://: processes share the counts and the archive's data version."""

    def run_python(self, db, url, code):
        return django_process(code, DATABASE_URL=url, CACHE_URL="redis://127.0.0.1:6379/15")

    def test_the_data_version_is_shared_and_an_import_changes_it_for_every_process(self):
        folder = Path(tempfile.mkdtemp(prefix="cache-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        db = ScratchDatabase(folder)
        self.addCleanup(db.drop)
        url = db.fresh()
        flush = "from django.core.cache import cache; cache.clear()"
        self.run_python(db, url, flush)
        self.addCleanup(self.run_python, db, url, flush)
        version = "from meetings.models import data_version; print(data_version())"
        first = self.run_python(db, url, version)
        # Another process finds the version the first one computed (LocMem would not).
        shown = self.run_python(
            db, url, "from django.core.cache import cache; print(cache.get('data-version'))"
        )
        self.assertEqual(shown, first)
        write_corpus(folder / "documents", range(5))
        self.run_python(
            db,
            url,
            "from django.core.management import call_command\n"
            f"call_command('import_meetings', {str(folder / 'documents')!r}, '--no-progress')",
        )
        # The import forgot the version in the shared cache: every process sees the change
        # at once, not DATA_VERSION_SECONDS later.
        after = self.run_python(db, url, version)
        self.assertNotEqual(after, first)
        self.assertTrue(after.startswith("5-"), after)
