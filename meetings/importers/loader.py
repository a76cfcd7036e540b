"""Write parsed meetings to the database: one transaction per document.

Input is a ParsedMeeting from transcript.py (or from an export line, see exchange.py), e.g.

    ParsedMeeting(title="Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev",
                  date=date(2022, 2, 22), participants=(ParsedParticipant("Ilham Aliyev",
                  "President of Azerbaijan", "AZ"), ...), statements=(...))

A document is matched to the meeting it describes, in this order: the same text imported
before (unchanged); the same source URL, or the same file name with the same date or title
(a corrected version: updated in place, keeping its URL and statement positions); the same
date and the same two or more participants (the same meeting from another source: recorded as
another source, and its text kept if it is the more complete record).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from meetings.importers.names import normalize_name, split_label
from meetings.models import (
    Country,
    Meeting,
    MeetingSource,
    Participant,
    Person,
    PersonAlias,
    Statement,
    default_sort_name,
)

RECORD_RANK = {"transcript": 3, "remarks": 2, "excerpts": 1, "readout": 0}


@dataclass(frozen=True)
class LoadResult:
    meeting: Meeting
    status: str  # created, updated, unchanged, merged


class Loader:
    """Loads documents one after another, caching countries and people between them."""

    def __init__(self):
        self.countries = dict(Country.objects.values_list("iso_code", "id"))
        self.aliases = dict(PersonAlias.objects.values_list("normalized_name", "person_id"))
        self.slugs = set()

    def load(self, parsed):
        try:
            with transaction.atomic():
                return self._load(parsed)
        except Exception:
            # The people created in the rolled-back transaction are gone: forget them.
            self.aliases = dict(PersonAlias.objects.values_list("normalized_name", "person_id"))
            self.slugs = set()
            raise

    def _load(self, parsed):
        source = (
            MeetingSource.objects.filter(content_hash=parsed.content_hash)
            .select_related("meeting")
            .first()
        )
        if source:
            return LoadResult(source.meeting, "unchanged")
        meeting = self._same_document(parsed)
        if meeting is not None:
            self._write(meeting, parsed)
            self._add_source(meeting, parsed)
            return LoadResult(meeting, "updated")
        people = self._people(parsed)
        meeting = self._same_meeting(parsed, people)
        if meeting is not None:
            if self._more_complete(parsed, meeting):
                self._write(meeting, parsed, people=people)
            self._add_source(meeting, parsed)
            return LoadResult(meeting, "merged")
        meeting = Meeting(date=parsed.date)
        self._write(meeting, parsed, people=people)
        self._add_source(meeting, parsed)
        return LoadResult(meeting, "created")

    # -- identity --------------------------------------------------------------------------

    def _same_document(self, parsed):
        if parsed.source_url:
            found = Meeting.objects.filter(source_url=parsed.source_url).first()
            if found:
                return found
        if parsed.source_file:
            candidates = Meeting.objects.filter(source_file=parsed.source_file, source_url="")
            for m in candidates:
                if m.date == parsed.date or m.title == parsed.title:
                    return m
        return None

    def _same_meeting(self, parsed, people):
        person_ids = {pid for pid, _ in people.values()}
        if len(person_ids) < 2:
            return None
        candidates = Meeting.objects.filter(
            date=parsed.date, participants__person_id__in=person_ids
        ).distinct()
        for m in candidates.prefetch_related("participants"):
            theirs = {p.person_id for p in m.participants.all()}
            if len(theirs) >= 2 and (theirs <= person_ids or person_ids <= theirs):
                return m
        return None

    def _more_complete(self, parsed, meeting):
        mine = (RECORD_RANK.get(parsed.record_type, 0), sum(len(s.text) for s in parsed.statements))
        theirs_len = sum(len(t) for t in meeting.statements.values_list("text", flat=True))
        return mine > (RECORD_RANK.get(meeting.record_type, 0), theirs_len)

    # -- people ----------------------------------------------------------------------------

    def _people(self, parsed):
        """name -> (person id, participant) for the document's participants."""
        people = {}
        for p in parsed.participants:
            key = normalize_name(p.name)
            person_id = self.aliases.get(key)
            if person_id is None:
                person = Person.objects.create(
                    name=p.name,
                    slug=self._slug(p.name),
                    sort_name=default_sort_name(p.name),
                    country_id=self.countries.get(p.country),
                )
                PersonAlias.objects.create(person=person, name=p.name)
                person_id = self.aliases[key] = person.id
            people[p.name] = (person_id, p)
        # Full names printed in labels ("VladimirPutin", "President of Russia Vladimir Putin")
        # become aliases of whom they name; a surname alone never does: it could be anyone.
        new_aliases = []
        for s in parsed.statements:
            if not s.speaker or s.speaker not in people:
                continue
            parts = split_label(s.speaker_label)
            if len(parts.name.split()) < 2:
                continue
            for form in {s.speaker_label, parts.name}:
                key = normalize_name(form)
                if key and key not in self.aliases and len(key) <= 200:
                    self.aliases[key] = people[s.speaker][0]
                    new_aliases.append(
                        PersonAlias(person_id=people[s.speaker][0], name=form, normalized_name=key)
                    )
        if new_aliases:
            PersonAlias.objects.bulk_create(new_aliases, ignore_conflicts=True)
        return people

    def _slug(self, name):
        from meetings.importers.names import slug_for

        base = slug_for(name)[:110].strip("-") or "person"
        slug, n = base, 2
        while slug in self.slugs or Person.objects.filter(slug=slug).exists():
            slug = f"{base}-{n}"
            n += 1
        self.slugs.add(slug)
        return slug

    # -- writing ---------------------------------------------------------------------------

    def _write(self, meeting, parsed, *, people=None):
        if people is None:
            people = self._people(parsed)
        meeting.title = parsed.title[:500]
        meeting.slug = slugify(parsed.title)[:120].strip("-") or "meeting"
        meeting.date = parsed.date
        meeting.kind = parsed.kind
        meeting.record_type = parsed.record_type
        meeting.place = parsed.place[:200]
        meeting.host_country_id = self.countries.get(parsed.host_country)
        meeting.summary = parsed.summary
        meeting.source_url = parsed.source_url[:500]
        meeting.source_name = parsed.source_name[:200]
        meeting.source_file = parsed.source_file[:300]
        meeting.original_text = parsed.original_text
        meeting.content_hash = parsed.content_hash
        is_new = meeting.pk is None
        meeting.save()
        if not is_new:
            meeting.statements.all().delete()
            meeting.participants.all().delete()
        meeting.countries.set([self.countries[c] for c in parsed.countries if c in self.countries])
        participants = Participant.objects.bulk_create(
            Participant(
                meeting=meeting,
                person_id=person_id,
                role=p.role[:300],
                country_id=self.countries.get(p.country),
                position=n,
            )
            for n, (person_id, p) in enumerate(_unique_people(people), start=1)
        )
        by_person = {p.person_id: p for p in participants}
        Statement.objects.bulk_create(
            Statement(
                meeting=meeting,
                position=n,
                speaker=by_person.get(people[s.speaker][0]) if s.speaker in people else None,
                speaker_label=s.speaker_label[:300],
                text=s.text,
                interpreted=s.interpreted,
            )
            for n, s in enumerate(parsed.statements, start=1)
        )
        return meeting

    def _add_source(self, meeting, parsed):
        MeetingSource.objects.create(
            meeting=meeting,
            source_url=parsed.source_url[:500],
            source_name=parsed.source_name[:200],
            source_file=parsed.source_file[:300],
            content_hash=parsed.content_hash,
        )


def _unique_people(people):
    seen = set()
    for person_id, p in people.values():
        if person_id not in seen:
            seen.add(person_id)
            yield person_id, p
