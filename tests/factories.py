"""Keyword-only builders for test data, with defaults."""

import datetime
import importlib
import shutil
import tempfile
from pathlib import Path
from uuid import uuid4

from django.apps import apps as django_apps
from django.utils.text import slugify

from meetings.importers.countries import all_countries, all_organisations
from meetings.models import Country, Meeting, Participant, Person, PersonAlias, Statement


def country(iso_code):
    """The country loaded by the data migration (recreated after a transactional flush)."""
    found = Country.objects.filter(iso_code=iso_code).first()
    if found:
        return found
    for code, name, official in all_organisations():
        if code == iso_code:
            return Country.objects.create(
                iso_code=code,
                name=name,
                official_name=official,
                slug=slugify(name),
                is_organisation=True,
            )
    code, name, official, former = next(r for r in all_countries() if r[0] == iso_code)
    return Country.objects.create(
        iso_code=code, name=name, official_name=official, slug=slugify(name), is_former=former
    )


def restore_countries():
    """The countries and organisations the data migrations load, after a transactional
    test's flush took them: by the migrations' own functions."""
    if Country.objects.exists():
        return
    for name, function in [
        ("0002_load_countries", "load_countries"),
        ("0016_organisations", "load_organisations"),
    ]:
        migration = importlib.import_module(f"meetings.migrations.{name}")
        getattr(migration, function)(django_apps, None)


def make_person(*, name=None, country=None, aliases=()):
    person = Person.objects.create(name=name or f"Person {uuid4().hex[:8]}", country=country)
    PersonAlias.objects.create(person=person, name=person.name)
    for alias in aliases:
        PersonAlias.objects.create(person=person, name=alias)
    return person


def make_meeting(*, title=None, date=None, countries=(), people=(), statements=0, **fields):
    meeting = Meeting.objects.create(
        title=title or f"Meeting {uuid4().hex[:8]}",
        date=date or datetime.date(2022, 2, 22),
        **fields,
    )
    meeting.countries.set(countries)
    participants = [
        Participant.objects.create(meeting=meeting, person=p, position=n)
        for n, p in enumerate(people, start=1)
    ]
    for n in range(1, statements + 1):
        speaker = participants[(n - 1) % len(participants)] if participants else None
        Statement.objects.create(
            meeting=meeting,
            position=n,
            speaker=speaker,
            speaker_label=speaker.person.name if speaker else "Question",
            text=f"Statement {n}.\n\nSecond paragraph.",
        )
    return meeting


def write_talks(folder, count, turns):
    """Write count documents, talks-0.txt on: talks between Anna Berg and Boris Kuznetsov,
    round n on March n + 1, 2021; turns(n) gives the turns ("Anna Berg: ...") of round n."""
    for n in range(count):
        (folder / f"talks-{n}.txt").write_text(
            f"Talks between Anna Berg and Boris Kuznetsov, round {n}\n\n"
            f"March {n + 1}, 2021, 12:00, The Kremlin, Moscow\n\n" + "\n\n".join(turns(n)) + "\n",
            encoding="utf-8",
        )


def temp_folder(test):
    """A new empty folder, removed when the test ends."""
    folder = Path(tempfile.mkdtemp())
    test.addCleanup(shutil.rmtree, folder)
    return folder


def django_process(code, **environ):
    """Run code after django.setup() in a fresh process (settings imported as `settings`),
    with these environment variables added; its standard output, stripped."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive_site.settings",
        "DJANGO_STATIC_STORAGE": "plain",
        **environ,
    }
    script = f"import django; django.setup()\nfrom django.conf import settings\n{code}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise AssertionError(result.stderr[-3000:])
    return result.stdout.strip()


def postgres_server(dbname="postgres"):
    """An autocommit psycopg connection to the tests' PostgreSQL server."""
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"],
        dbname=dbname,
        autocommit=True,
    )
