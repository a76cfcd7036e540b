"""Keyword-only builders for test data, with defaults."""

import datetime
from uuid import uuid4

from meetings.models import Country, Meeting, Participant, Person, PersonAlias, Statement


def country(iso_code):
    return Country.objects.get(iso_code=iso_code)


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
