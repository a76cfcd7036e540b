"""The archive in processes of its own, as it runs in production: scratch databases of the
tests' kind, the management commands, gunicorn and the task worker.

A test that runs everything inside its own warm process hides what a new process meets: a
closed connection, an empty cache, a setting applied on the first request. These run each
step in new processes.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.db import connection

from tests.factories import django_process, postgres_server

ROOT = Path(__file__).resolve().parent.parent


def grouped_by_address(records):
    """Exported records with each one's encounter id (an archive's own number) replaced by
    the addresses of the records it groups: two archives' exports compare as groupings."""
    members = {}
    for r in records:
        members.setdefault(r.get("encounter"), []).append(r["url"])
    for r in records:
        if r.get("encounter") is not None:
            r["encounter"] = sorted(members[r["encounter"]])
    return records


class ScratchDatabase:
    """A database of the same kind as the tests' own, made empty and migrated once; copies
    of it (`fresh()`) are what each run imports into."""

    def __init__(self, folder):
        self.folder = folder
        self.vendor = connection.vendor
        self.names = []
        self.template = self.create()
        self.manage("migrate", "-v0", url=self.template)

    def url(self, name):
        if self.vendor == "sqlite":
            return f"sqlite:///{self.folder / name}"
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"

    def server(self):
        return postgres_server()

    def create(self, template=None):
        name = f"faults_{uuid.uuid4().hex[:10]}"
        if self.vendor == "sqlite":
            name += ".sqlite3"
            if template:
                shutil.copy(self.folder / template.rsplit("/", 1)[1], self.folder / name)
        else:
            with self.server() as server:
                copy = f" TEMPLATE {template.rsplit('/', 1)[1]}" if template else ""
                server.execute(f"CREATE DATABASE {name}{copy}")
            self.names.append(name)
        return self.url(name)

    def fresh(self):
        return self.create(template=self.template)

    def drop(self):
        if self.vendor == "postgresql":
            with self.server() as server:
                for name in self.names:
                    server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def environ(self, url):
        return {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_STATIC_STORAGE": "plain",
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args, url, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environ(url),
            capture_output=True,
            text=True,
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {' '.join(args)}: {result.stderr[-2000:]}")
        return result

    def start(self, *args, url):
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environ(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def export(self, url):
        """The archive as export_meetings writes it, in a stable order, one dict a meeting."""
        out = self.manage("export_meetings", "--no-original", url=url).stdout
        records = [json.loads(line) for line in out.splitlines() if line.strip()]
        return sorted(grouped_by_address(records), key=lambda r: (r["date"], r["url"]))

    def meetings(self, url):
        """The number of meetings, read directly (while an import writes)."""
        name = url.rsplit("/", 1)[1]
        if self.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.folder / name, timeout=20)) as db:
                return db.execute("SELECT count(*) FROM meetings_meeting").fetchone()[0]
        with postgres_server(name) as db:
            return db.execute("SELECT count(*) FROM meetings_meeting").fetchone()[0]

    def count(self, url, sql):
        code = (
            "from django.db import connection\n"
            f"c = connection.cursor(); c.execute({sql!r}); print(c.fetchone()[0])"
        )
        return int(django_process(code, DATABASE_URL=url))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveArchive:
    """The archive served by gunicorn from deploy/gunicorn.conf.py, with production
    settings (DEBUG off, hashed static files, JSON logs), and its task worker, on a scratch
    database. `restart()` replaces every process: each step of a test then meets new
    processes with new database connections, as after a deployment, a crash or a worker
    recycled.

        archive = LiveArchive(folder)
        archive.manage("createsuperuser", ...)
        archive.start()
        urllib.request.urlopen(archive.base + "/healthz?db=1")
        archive.restart()
        archive.stop()          # raises if a process logged an error
    """

    def __init__(self, folder, *, environ=None):
        self.folder = Path(folder)
        self.db = ScratchDatabase(self.folder)
        self.url = self.db.fresh()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.static = self.folder / "static"
        self.extra = dict(environ or {})
        self.processes = []
        self.logs = []
        self.manage("collectstatic", "--noinput", "-v0")

    def environ(self):
        return {
            **self.db.environ(self.url),
            "DJANGO_DEBUG": "0",
            "DJANGO_STATIC_STORAGE": "manifest",
            "DJANGO_STATIC_ROOT": str(self.static),
            "DJANGO_SECRET_KEY": "live-archive-tests-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_LOG_FORMAT": "json",
            "DJANGO_REQUEST_LOG_LEVEL": "WARNING",
            "DATABASE_CONN_MAX_AGE": "0",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_LOG_LEVEL": "warning",
            "ARCHIVE_API_RATE_LIMIT": "0",
            **self.extra,
        }

    def manage(self, *args, check=True, input=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environ(),
            capture_output=True,
            text=True,
            input=input,
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {' '.join(args)}: {result.stderr[-3000:]}")
        return result

    def python(self, code):
        """Run code after django.setup() in a new process on this archive; its output."""
        return django_process(code, **self.environ())

    def _spawn(self, name, command):
        log = self.folder / f"{name}-{len(self.logs)}.log"
        self.logs.append(log)
        handle = log.open("w")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environ(),
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        self.processes.append(process)

    def start(self):
        self._spawn(
            "gunicorn",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "deploy/gunicorn.conf.py",
                "archive_site.wsgi",
            ],
        )
        self._spawn(
            "worker",
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--queue-name", "*"],
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz?db=1", timeout=5) as answer:
                    if answer.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                self.stop(check=False)
                raise AssertionError(f"the archive did not start:\n{self.log_text()[-3000:]}")
            time.sleep(0.1)

    def stop(self, check=True):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes = []
        if check:
            errors = self.errors()
            if errors:
                raise AssertionError("the archive logged errors:\n" + "\n".join(errors)[-6000:])

    def restart(self):
        self.stop()
        return self.start()

    def log_text(self):
        return "\n".join(log.read_text(errors="replace") for log in self.logs if log.exists())

    def errors(self):
        """The lines the processes logged at ERROR or above, and any traceback."""
        found = []
        for line in self.log_text().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                if "Traceback" in line or "Error" in line:
                    found.append(line)
                continue
            if isinstance(record, dict) and record.get("level") in {"ERROR", "CRITICAL"}:
                found.append(line)
        return found

    def close(self):
        with contextlib.suppress(AssertionError):
            self.stop(check=False)
        self.db.drop()
        shutil.rmtree(self.folder, ignore_errors=True)
