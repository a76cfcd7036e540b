"""Write parsed meetings to the database: one transaction per document.

Input is a ParsedMeeting from transcript.py (or from an export line, see exchange.py), e.g.

    ParsedMeeting(title="Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev",
                  date=date(2022, 2, 22), participants=(ParsedParticipant("Ilham Aliyev",
                  "President of Azerbaijan", "AZ"), ...), statements=(...))

A document is matched to the meeting it describes, in this order: the same text imported
before (unchanged); the same source URL, or the same file name with the same date or title
(a corrected version: updated in place, keeping its URL and statement positions); the same
date, the same two or more participants and largely the same text (the same meeting from
another source: recorded as another source, and its text kept if it is the more complete
record). Two records of one day with the same people but different words stay two meetings:
merging them would throw one text away.
"""

import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import psycopg
from django.db import (
    DatabaseError,
    IntegrityError,
    connection,
    connections,
    models,
    transaction,
)
from django.utils import timezone

from meetings import people as archive_people
from meetings.identity import PeopleIndex, holder_of, slug_base, sort_name, variant_words
from meetings.importers.countries import existed_on
from meetings.importers.names import (
    fullness,
    normalize_name,
    slug_for,
    split_label,
    surname_key,
)
from meetings.importers.parsed import ParsedParticipant
from meetings.importers.participants import bare_role
from meetings.models import (
    Country,
    Meeting,
    MeetingSource,
    Participant,
    Person,
    PersonAlias,
    Statement,
    free_slug,
    moved,
)

RECORD_RANK = {"transcript": 3, "remarks": 2, "excerpts": 1, "readout": 0}


@dataclass(frozen=True)
class LoadResult:
    meeting_id: int
    status: str  # created, updated, unchanged, merged


class Loader:
    """Loads documents, caching countries and people between them.

    `load` writes one document in its own transaction. `load_batch` writes many new
    documents with a few bulk queries in one transaction; should that transaction fail, it
    loads them again one by one, so one bad document never takes the others down with it.
    """

    def __init__(self, *, reread=False):
        # reread: a document already imported is read again, and its record written anew
        # from it (what the editors corrected stays), not left unchanged: what a newer
        # importer reads better reaches the records it read before.
        self.reread = reread
        self.countries = dict(Country.objects.values_list("iso_code", "id"))
        # Organisations are sides as countries are (NATO, the UN): their officials' own
        # country is another.
        self.organisations = set(
            Country.objects.filter(is_organisation=True).values_list("iso_code", flat=True)
        )
        self.dates = set()  # the days whose records this import wrote or changed
        # An editor's encounters an export carried: its key -> the records loaded of it.
        self.encounters = defaultdict(set)
        self._load_people_caches()

    def _load_people_caches(self):
        self.aliases = dict(PersonAlias.objects.values_list("normalized_name", "person_id"))
        # Labels an editor mapped to a person ("Chairman" in the records of one body).
        self.mapped_labels = dict(
            PersonAlias.objects.filter(from_label=True).values_list("normalized_name", "person_id")
        )
        self.slugs = set(Person.objects.values_list("slug", flat=True))
        self.people = PeopleIndex(
            Person.objects.values_list("id", "name", "country__iso_code"),
            facts=archive_people.people_facts,
        )
        # A surname alone ("PRESIDENT BIDEN") resolved to a person by the office and the
        # time a record gives it: for that record only (another may be another's), never
        # an alias. (content hash, key) -> person id.
        self.by_record = {}
        self.respelled = set()  # people given another spelling by this import
        self.learned = {}  # country code -> people this import gave it

    def load(self, parsed):
        if parsed.date:
            self.dates.add(parsed.date)
        try:
            with transaction.atomic():
                result = self._load(self.with_mapped_labels(parsed))
                self._save_learned_countries()
        except Exception:
            # The people created in the rolled-back transaction are gone: forget them.
            self._load_people_caches()
            raise
        self._note_encounters([parsed], [result])
        return result

    def load_batch(self, batch, vectors=None):
        """Load many documents; returns a LoadResult or an exception for each, in order.

        vectors (PostgreSQL): the search vector of each statement of each document, as
        `statement_vectors` gives them; without them the database computes them as it
        inserts the rows.
        """
        self.dates |= {parsed.date for parsed in batch if parsed.date}
        try:
            with transaction.atomic():
                results = self._load_batch(batch, vectors)
                self._save_learned_countries()
        except DatabaseError:
            self._load_people_caches()
            return [self._load_or_error(parsed) for parsed in batch]
        self._note_encounters(batch, results)
        return results

    def _load_or_error(self, parsed):
        """load(), or the error it met. A clash with a record or a person another import
        wrote meanwhile is loaded once more: it then finds what the other wrote."""
        for attempt in (1, 2):
            try:
                return self.load(parsed)
            except IntegrityError as exc:
                if attempt == 2:
                    return exc
            except DatabaseError as exc:
                return exc

    def _load_batch(self, batch, vectors):
        results = [None] * len(batch)
        batch = [self.with_mapped_labels(parsed) for parsed in batch]
        known = dict(
            MeetingSource.objects.filter(
                content_hash__in={p.content_hash for p in batch}
            ).values_list("content_hash", "meeting_id")
        )
        urls = {p.source_url for p in batch if p.source_url}
        files = {p.source_file for p in batch if p.source_file}
        taken_urls = set(Meeting.objects.at_urls(*urls).values_list("source_url", flat=True))
        taken_files = set(
            Meeting.objects.filter(source_file__in=files, source_url="").values_list(
                "source_file", flat=True
            )
        )
        slow, fresh, hashes = [], [], set()
        for i, parsed in enumerate(batch):
            if parsed.content_hash in known and self.reread:
                slow.append(i)  # written again by the one-by-one path
            elif parsed.content_hash in known:
                results[i] = LoadResult(known[parsed.content_hash], "unchanged")
            elif (
                parsed.source_url in taken_urls
                or (not parsed.source_url and parsed.source_file in taken_files)
                or parsed.content_hash in hashes  # twice in the batch: unchanged, after
            ):
                slow.append(i)
            else:
                fresh.append(i)
                hashes.add(parsed.content_hash)
        self._create_people([batch[i] for i in fresh])
        people = {i: self._people_of(batch[i]) for i in fresh}
        batch = list(batch)
        for i in fresh:
            batch[i] = self._completed(batch[i], people[i])
        self._add_label_aliases([(batch[i], people[i]) for i in fresh])
        # The same meeting from another source (already stored, or twice in this batch):
        # people compared by surname, as two sources name them differently ("Rishi Sunak",
        # "PRIME MINISTER SUNAK"); the words decide (see _same_meeting).
        dates = {batch[i].date for i in fresh}
        keys = {i: _people_keys(batch[i]) for i in fresh}
        same_day = Meeting.objects.filter(date__in=dates).values("pk")
        by_meeting = _surnames_by_meeting(
            Participant.objects.filter(meeting_id__in=same_day),
            wanted=set().union(*keys.values()) if keys else set(),
        )
        on_date = {}
        for (_, date), found in by_meeting.items():
            on_date.setdefault(date, []).append(found)
        new = []
        for i in fresh:
            ids = keys[i]
            others = on_date.setdefault(batch[i].date, [])
            if any(_same_people(ids, theirs) for theirs in others):
                slow.append(i)  # merged by the one-by-one path, after the new ones exist
            else:
                others.append(ids)
                new.append(i)
        self._insert_new(
            [batch[i] for i in new],
            [people[i] for i in new],
            [vectors[i] for i in new] if vectors else None,
            results,
            new,
        )
        for i in sorted(slow):
            results[i] = self._load(batch[i])
        return results

    def _insert_new(self, parsed_list, people_list, vectors, results, indexes):
        now = timezone.now()
        meetings = [self._meeting_fields(Meeting(), parsed) for parsed in parsed_list]
        taken = set(
            Meeting.objects.filter(
                date__in={m.date for m in meetings}, slug__in={m.slug for m in meetings}
            ).values_list("date", "slug")
        )
        for m, pk in zip(meetings, reserve_ids(Meeting, len(meetings)), strict=True):
            m.pk = pk
            m.slug = free_slug(m.slug, lambda slug, m=m: (m.date, slug) in taken)
            taken.add((m.date, m.slug))
        insert_rows(
            Meeting,
            MEETING_FIELDS,
            [(*(getattr(m, f) for f in MEETING_FIELDS[:-2]), now, now) for m in meetings],
        )
        for through, codes in (
            (Meeting.countries.through, lambda parsed: parsed.countries),
            (Meeting.mentioned_countries.through, lambda parsed: parsed.mentioned_countries),
        ):
            insert_rows(
                through,
                ("meeting_id", "country_id"),
                [
                    (m.pk, self.countries[c])
                    for m, parsed in zip(meetings, parsed_list, strict=True)
                    for c in dict.fromkeys(codes(parsed))
                    if c in self.countries
                ],
            )
        participants = [
            (
                m.pk,
                person_id,
                p.name[:200],
                p.role[:300],
                self.countries.get(p.country),
                n,
                p.addressee,
            )
            for m, people in zip(meetings, people_list, strict=True)
            for n, (person_id, p) in enumerate(_unique_people(people), start=1)
        ]
        participant_ids = reserve_ids(Participant, len(participants))
        insert_rows(
            Participant,
            (
                "id",
                "meeting_id",
                "person_id",
                "name",
                "role",
                "country_id",
                "position",
                "addressee",
            ),
            [(pk, *row) for pk, row in zip(participant_ids, participants, strict=True)],
        )
        by_key = {
            (row[0], row[1]): pk for pk, row in zip(participant_ids, participants, strict=True)
        }
        statements = [
            (
                m.pk,
                n,
                by_key.get((m.pk, people[s.speaker][0])) if s.speaker in people else None,
                s.speaker_label[:300],
                s.text,
                s.interpreted,
            )
            for m, parsed, people in zip(meetings, parsed_list, people_list, strict=True)
            for n, s in enumerate(parsed.statements, start=1)
        ]
        fields = ("meeting_id", "position", "speaker_id", "speaker_label", "text", "interpreted")
        if vectors:
            given = [vector for document in vectors for vector in document]
            statements = [(*row, v) for row, v in zip(statements, given, strict=True)]
            fields += ("search_vector",)
        insert_rows(Statement, fields, statements)
        insert_rows(
            MeetingSource,
            (
                "meeting_id",
                "source_url",
                "source_name",
                "source_file",
                "content_hash",
                "imported_at",
            ),
            [
                (m.pk, *self._source_fields(parsed), now)
                for m, parsed in zip(meetings, parsed_list, strict=True)
            ],
        )
        self._add_other_sources(
            [(m.pk, parsed) for m, parsed in zip(meetings, parsed_list, strict=True)]
        )
        for i, m in zip(indexes, meetings, strict=True):
            results[i] = LoadResult(m.pk, "created")

    def predict(self, parsed):
        """(status, meeting or None): what load(parsed) would do, writing nothing; the
        meeting is the one it would update, merge into or leave unchanged."""
        source = MeetingSource.objects.filter(content_hash=parsed.content_hash).first()
        if source:
            return "unchanged", source.meeting
        meeting = self._same_document(parsed)
        if meeting is not None:
            return "updated", meeting
        meeting = self._same_meeting(parsed)
        if meeting is not None:
            return "merged", meeting
        return "created", None

    def with_mapped_labels(self, parsed):
        """The document with the labels an editor mapped to a person resolved to them."""
        if not self.mapped_labels:
            return parsed
        names = {p.name for p in parsed.participants}
        participants, statements, changed = list(parsed.participants), [], False
        for s in parsed.statements:
            pk = None if s.speaker else self.mapped_labels.get(normalize_name(s.speaker_label))
            if pk is None or pk not in self.people.names:
                statements.append(s)
                continue
            name = self.people.names[pk]
            if name not in names:
                names.add(name)
                participants.append(
                    ParsedParticipant(
                        name=name,
                        role=bare_role(split_label(s.speaker_label).role),
                        country=self.people.countries.get(pk),
                    )
                )
            statements.append(replace(s, speaker=name))
            changed = True
        if not changed:
            return parsed
        mapped = {s.speaker_label for s in statements if s.speaker}
        return replace(
            parsed,
            participants=tuple(participants),
            statements=tuple(statements),
            unresolved_labels=tuple(x for x in parsed.unresolved_labels if x not in mapped),
        )

    def _load(self, parsed):
        source = (
            MeetingSource.objects.filter(content_hash=parsed.content_hash)
            .select_related("meeting")
            .first()
        )
        if source and self.reread and source.meeting.content_hash == parsed.content_hash:
            # The document the record was written from (not another source merged into it).
            self._write(source.meeting, parsed)
            return LoadResult(source.meeting_id, "updated")
        if source:
            return LoadResult(source.meeting_id, "unchanged")
        meeting = self._same_document(parsed)
        if meeting is not None:
            self._write(meeting, parsed)
            self._add_source(meeting, parsed)
            return LoadResult(meeting.pk, "updated")
        people = self._people(parsed)
        meeting = self._same_meeting(parsed)
        if meeting is not None:
            if self._more_complete(parsed, meeting):
                self._write(meeting, parsed, people=people)
            self._add_source(meeting, parsed)
            return LoadResult(meeting.pk, "merged")
        meeting = Meeting(date=parsed.date)
        self._write(meeting, parsed, people=people)
        self._add_source(meeting, parsed)
        return LoadResult(meeting.pk, "created")

    # -- identity --------------------------------------------------------------------------

    def _same_document(self, parsed):
        if parsed.source_url:
            found = Meeting.objects.at_urls(parsed.source_url).first()
            if found:
                return found
        if parsed.source_file:
            candidates = Meeting.objects.filter(source_file=parsed.source_file, source_url="")
            for m in candidates:
                if m.date == parsed.date or m.title == parsed.title:
                    return m
        return None

    def _same_meeting(self, parsed):
        mine = _people_keys(parsed)
        if len(mine) < 2:
            return None
        theirs = _surnames_by_meeting(Participant.objects.filter(meeting__date=parsed.date))
        same = [pk for (pk, _), keys in theirs.items() if _same_people(mine, keys)]
        words = None
        for m in Meeting.objects.filter(pk__in=same).order_by("pk").prefetch_related("statements"):
            if words is None:
                words = _shingles([s.text for s in parsed.statements] + [parsed.summary])
            if _same_text(words, _shingles([s.text for s in m.statements.all()] + [m.summary])):
                return m
        return None

    def _more_complete(self, parsed, meeting):
        mine = (RECORD_RANK.get(parsed.record_type, 0), sum(len(s.text) for s in parsed.statements))
        theirs_len = sum(len(t) for t in meeting.statements.values_list("text", flat=True))
        return mine > (RECORD_RANK.get(meeting.record_type, 0), theirs_len)

    # -- people ----------------------------------------------------------------------------

    def _people(self, parsed):
        """name -> (person id, participant) for the document's participants."""
        self._create_people([parsed])
        people = self._people_of(parsed)
        self._add_label_aliases([(parsed, people)])
        return people

    def _create_people(self, parsed_list):
        """Find or create the people of many documents at once: a name no alias knows is
        one more spelling of a person known when that is certain (see identity_evidence),
        else a new person. Each spelling becomes an alias."""
        unknown = {
            normalize_name(p.name)
            for parsed in parsed_list
            for p in parsed.participants
            if normalize_name(p.name) not in self.aliases
        }
        if not unknown:
            return
        ids = iter(reserve_ids(Person, len(unknown)))
        created, renamed, aliases = {}, {}, []
        for parsed in parsed_list:
            parties = set(parsed.countries)
            for p in parsed.participants:
                key = normalize_name(p.name)
                if key in self.aliases:
                    continue
                pk = self.people.resolve(p.name, p.country, parties, role=p.role, date=parsed.date)
                if pk is None and (holder := holder_of(p.name, p.role, parsed.date)[1]):
                    # "В.Путин" of a Russian transcript of 2023: the holder of his office
                    # that day, whom the archive may know by his whole name.
                    pk = self.people.resolve(holder, p.country, parties, date=parsed.date)
                if pk is not None and len(variant_words(p.name)) == 1:
                    # "Biden", by the office and the time this record gives him: he is
                    # Joe Biden here, and the surname alone stays nobody's alias.
                    self.by_record[(parsed.content_hash, key)] = pk
                    continue
                if pk is None:
                    pk = next(ids)
                    created[pk] = p
                    self.people.add(pk, p.name, self._person_country(p.country))
                elif fullness(p.name) > fullness(self.people.names[pk]):
                    # "Joe Biden" after "PRESIDENT BIDEN": the person gets the fuller name.
                    self.people.rename(pk, p.name)
                    if pk in created:
                        created[pk] = replace(created[pk], name=p.name)
                    else:
                        renamed[pk] = p.name
                self.aliases[key] = pk
                aliases.append((pk, p.name, key))
                self.respelled.add(pk)
        insert_rows(
            Person,
            ("id", "name", "slug", "sort_name", "country_id"),
            [
                (
                    pk,
                    p.name,
                    self._slug(p.name),
                    sort_name(p.name, self._person_country(p.country)),
                    self.countries.get(self._person_country(p.country)),
                )
                for pk, p in created.items()
            ],
        )
        insert_rows(PersonAlias, ("person_id", "name", "normalized_name"), aliases)
        if renamed:
            # Known by the surname alone until now: the surname alone is no alias of theirs
            # any more (it may name another of the family; each record's office and time
            # decide, see PeopleIndex.resolve). This import's documents keep it.
            PersonAlias.objects.filter(person_id__in=renamed, from_label=False).exclude(
                normalized_name__contains=" "
            ).delete()
        for pk, name in renamed.items():
            country = self.people.countries.get(pk)
            Person.objects.filter(pk=pk).update(name=name, sort_name=sort_name(name, country))

    def finish(self):
        """After an import: a person known by the surname alone whom the archive now knows
        in full (whichever came first) is that person; each person whose names it added is
        named by the fullest name their records print in common use ("Joe Biden", "Abdullah
        II" though "Abdulllah II" came first)."""
        respelled, self.respelled = self.respelled, set()
        with transaction.atomic():
            # Spellings first, each person by the name their records print ("Vladimit
            # Putin", who was a "President Putin" till then, is Vladimir Putin), so that a
            # surname alone then fits one person, not each spelling of him.
            if respelled:
                archive_people.name_people(respelled)
            joined = archive_people.join_respellings(respelled)
            joined += archive_people.join_surname_stubs()
            if joined:
                archive_people.name_people(joined)
        if joined:
            # Their records' principals are one person now: their days are grouped again.
            self.dates |= set(
                Meeting.objects.filter(participants__person__in=joined).values_list(
                    "date", flat=True
                )
            )
            self._load_people_caches()

    def _people_of(self, parsed):
        """name -> (person id, participant), each participant with its person's country
        where the document gives none ("Meeting with Angela Merkel"); a person whose
        country was unknown takes the one the document gives."""
        people, learned = {}, {}
        for p in parsed.participants:
            key = normalize_name(p.name)
            pk = self.by_record.get((parsed.content_hash, key)) or self.aliases[key]
            known = self.people.countries.get(pk)
            if p.country is None and known:
                p = replace(p, country=known)
            elif p.country and known is None and self._person_country(p.country):
                self.people.countries[pk] = p.country
                learned.setdefault(p.country, []).append(pk)
            people[p.name] = (pk, p)
            if p.name != self.people.names.get(pk):
                self.respelled.add(pk)  # named otherwise here: see finish()
        for code, pks in learned.items():
            self.learned.setdefault(code, []).extend(pks)
        return people

    def _save_learned_countries(self):
        """Give the people whose country a document gave them that country (in the
        transaction of the documents that gave it), and with it their records that gave
        them none: records imported before are brought up to date (their parties too)."""
        learned, self.learned = self.learned, {}
        for code, pks in learned.items():
            Person.objects.filter(pk__in=pks, country=None).update(country=self.countries[code])
        if learned:
            changed = archive_people.give_countries({pk for pks in learned.values() for pk in pks})
            self.dates |= set(Meeting.objects.filter(pk__in=changed).values_list("date", flat=True))

    def _note_encounters(self, batch, results):
        for parsed, result in zip(batch, results, strict=True):
            if parsed.encounter and isinstance(result, LoadResult):
                self.encounters[parsed.encounter].add(result.meeting_id)

    def touched_dates(self):
        """The days whose records this loader wrote or changed (their encounters follow)."""
        return self.dates

    def _person_country(self, code):
        """A country a person belongs to: a participant's country, unless it is an
        organisation's (a Secretary General acts for NATO, and is Dutch)."""
        return code if code in self.countries and code not in self.organisations else None

    def _completed(self, parsed, people):
        """The document with its participants' countries as the archive knows them among
        its parties (and so no longer among the countries it only mentions)."""
        parties = list(parsed.countries)
        for _, p in people.values():
            if p.country and p.country not in parties and existed_on(p.country, parsed.date):
                parties.append(p.country)
        if len(parties) == len(parsed.countries):
            return parsed
        mentioned = tuple(c for c in parsed.mentioned_countries if c not in parties)
        return replace(parsed, countries=tuple(parties), mentioned_countries=mentioned)

    def _add_label_aliases(self, documents):
        """Full names printed in labels ("VladimirPutin", "President of Russia Vladimir
        Putin") become aliases of whom they name; a surname alone never does: it could be
        anyone."""
        new_aliases = []
        for parsed, people in documents:
            for s in parsed.statements:
                if not s.speaker or s.speaker not in people:
                    continue
                parts = split_label(s.speaker_label)
                if len(parts.name.split()) < 2:
                    continue
                for form in {s.speaker_label, parts.name}:
                    key = normalize_name(form)
                    if key and key not in self.aliases and len(form) <= 200:
                        self.aliases[key] = people[s.speaker][0]
                        new_aliases.append((people[s.speaker][0], form, key))
        insert_rows(
            PersonAlias,
            ("person_id", "name", "normalized_name"),
            new_aliases,
            ignore_conflicts=True,
        )

    def _slug(self, name):
        slug = free_slug(slug_base(name), self.slugs.__contains__)
        self.slugs.add(slug)
        return slug

    # -- writing ---------------------------------------------------------------------------

    def _meeting_fields(self, meeting, parsed):
        meeting.title = parsed.title[:500]
        # A title in Cyrillic romanised: "/2022/02/22/vstrecha-s-prezidentom-...", not "meeting".
        meeting.slug = slug_for(parsed.title)[:120].strip("-") or "meeting"
        meeting.date = parsed.date
        meeting.year = parsed.date.year
        meeting.kind = parsed.kind
        meeting.record_type = parsed.record_type
        meeting.place = parsed.place[:200]
        meeting.host_country_id = self.countries.get(parsed.host_country)
        meeting.publisher_country_id = self.countries.get(parsed.publisher_country)
        meeting.summary = parsed.summary
        meeting.notes = parsed.notes
        meeting.source_url = parsed.source_url[:500]
        meeting.source_name = parsed.source_name[:200]
        meeting.source_file = parsed.source_file[:300]
        meeting.original_text = parsed.original_text
        meeting.content_hash = parsed.content_hash
        return meeting

    def _write(self, meeting, parsed, *, people=None):
        if people is None:
            people = self._people(parsed)
        parsed = self._completed(parsed, people)
        is_new = meeting.pk is None
        # What the editors corrected by hand stays as they left it (see keep_edits).
        edited = set() if is_new else set(meeting.edited_fields)
        kept = {name: getattr(meeting, name) for name in edited & EDITABLE_MEETING_FIELDS}
        edits = (
            []
            if is_new
            else [
                (s, s.speaker.person_id if s.speaker_id else None)
                for s in meeting.statements.exclude(edited_fields=[]).select_related("speaker")
            ]
        )
        kept_countries = {
            name: list(getattr(meeting, name).values_list("pk", flat=True))
            for name in edited & {"countries", "mentioned_countries"}
        }
        address = (meeting.date, meeting.slug)
        self._meeting_fields(meeting, parsed)
        for name, value in kept.items():
            setattr(meeting, name, value)
        others = Meeting.objects.filter(date=meeting.date).exclude(pk=meeting.pk)
        meeting.slug = free_slug(meeting.slug, lambda slug: others.filter(slug=slug).exists())
        meeting.save()
        if not is_new and address != (meeting.date, meeting.slug):
            moved(meeting, *address)  # its old links lead to it
        # Statements added or removed by hand: the meeting keeps its statements and people;
        # participants corrected: it keeps its people, and gains any the new text names.
        keep_statements = "statements" in edited
        keep_participants = keep_statements or "participants" in edited
        if not is_new:
            if not keep_statements:
                meeting.statements.all().delete()
            if not keep_participants:
                meeting.participants.all().delete()
        existing = list(meeting.participants.all()) if keep_participants else []
        for name, codes in (
            ("countries", parsed.countries),
            ("mentioned_countries", parsed.mentioned_countries),
        ):
            getattr(meeting, name).set(
                kept_countries[name]
                if name in kept_countries
                else [self.countries[c] for c in codes if c in self.countries]
            )
        had = {p.person_id for p in existing}
        participants = existing + Participant.objects.bulk_create(
            Participant(
                meeting=meeting,
                person_id=person_id,
                name=p.name[:200],
                role=p.role[:300],
                country_id=self.countries.get(p.country),
                position=n,
                addressee=p.addressee,
            )
            for n, (person_id, p) in enumerate(
                ((pk, p) for pk, p in _unique_people(people) if pk not in had),
                start=max((p.position for p in existing), default=0) + 1,
            )
        )
        if keep_statements:
            return meeting
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
        if edits:
            keep_edits(meeting, edits, participants)
        return meeting

    def _add_source(self, meeting, parsed):
        url, name, file, content_hash = self._source_fields(parsed)
        MeetingSource.objects.create(
            meeting=meeting,
            source_url=url,
            source_name=name,
            source_file=file,
            content_hash=content_hash,
        )
        self._add_other_sources([(meeting.pk, parsed)])

    def _add_other_sources(self, documents):
        """The other documents an export says a meeting was merged from: each one more
        source of it (one the archive holds already stays where it is)."""
        now = timezone.now()
        rows = [
            (meeting_id, url[:500], name[:200], file[:300], content_hash, now)
            for meeting_id, parsed in documents
            for url, name, file, content_hash in parsed.other_sources
            if content_hash != parsed.content_hash
        ]
        fields = ("meeting_id", "source_url", "source_name", "source_file", "content_hash")
        insert_rows(MeetingSource, (*fields, "imported_at"), rows, ignore_conflicts=True)

    @staticmethod
    def _source_fields(parsed):
        return (
            parsed.source_url[:500],
            parsed.source_name[:200],
            parsed.source_file[:300],
            parsed.content_hash,
        )


# The statement fields an editor may correct (see admin/archive.py): a correction survives
# a new import of the source.
EDITABLE_STATEMENT_FIELDS = {"text", "speaker", "speaker_label", "interpreted"}
# The same for the meeting's own fields.
EDITABLE_MEETING_FIELDS = {
    "title",
    "slug",
    "date",
    "kind",
    "record_type",
    "place",
    "host_country",
    "summary",
    "notes",
}


def keep_edits(meeting, edits, participants):
    """After a new import of a meeting's source: the statements the editors corrected take
    their corrected fields back, at the positions they had (their #sN links hold); a
    corrected speaker is the same person, a participant of the meeting again if need be.

    edits: [(the statement as it was, its speaker's person id)].
    """
    by_person = {p.person_id: p for p in participants}
    current = {s.position: s for s in meeting.statements.all()}
    for old, person_id in edits:
        statement = current.get(old.position)
        if statement is None:  # the new text is shorter: the corrected statement stays
            statement = Statement(meeting=meeting, position=old.position)
            fields = EDITABLE_STATEMENT_FIELDS
        else:
            fields = set(old.edited_fields)
        for name in fields & {"text", "speaker_label", "interpreted"}:
            setattr(statement, name, getattr(old, name))
        if "speaker" in fields:
            if person_id is None:
                statement.speaker = None
            else:
                if person_id not in by_person:
                    by_person[person_id] = Participant.objects.create(
                        meeting=meeting,
                        person_id=person_id,
                        role=old.speaker.role if old.speaker_id else "",
                        country_id=old.speaker.country_id if old.speaker_id else None,
                        position=max((p.position for p in by_person.values()), default=0) + 1,
                    )
                statement.speaker = by_person[person_id]
        statement.edited_fields = old.edited_fields
        statement.save()


def _people_keys(parsed):
    return {surname_key(p.name) for p in parsed.participants} - {""}


def _surnames_by_meeting(participants, wanted=None):
    """(meeting id, date) -> the surnames of the meeting's people (only those wanted).

    The surnames are filtered here, not in SQL: asked for there, SQLite probed the index for
    every pair of meeting and person (190 ms a batch once 20,000 meetings were in).
    """
    found = {}
    for meeting_id, name, date in participants.order_by().values_list(
        "meeting_id", "person__name", "meeting__date"
    ):
        key = surname_key(name)
        if wanted is None or key in wanted:
            found.setdefault((meeting_id, date), set()).add(key)
    return found


def _same_people(mine, theirs):
    """Two records of one meeting name the same two or more people, by surname (one may
    list more)."""
    return len(mine) >= 2 and len(theirs) >= 2 and (mine <= theirs or theirs <= mine)


def _same_text(a, b):
    """Most of the shorter text's five-word runs (see _shingles) are in the other: the same
    record, perhaps cut to excerpts or wrapped by a republisher. Two records of one day with
    the same people but different words ('Talks', then 'Press statements following the
    talks') are two."""
    return bool(a and b) and len(a & b) >= 0.5 * min(len(a), len(b))


def _shingles(texts, size=5, limit=5000):
    """The runs of five words in texts (their first 5,000 words), lower-cased."""
    words = WORD.findall(" ".join(texts).lower())[:limit]
    return {tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))}


WORD = re.compile(r"\w+")


def _unique_people(people):
    seen = set()
    for person_id, p in people.values():
        if person_id not in seen:
            seen.add(person_id)
            yield person_id, p


MEETING_FIELDS = (
    "id",
    "title",
    "slug",
    "date",
    "year",
    "kind",
    "record_type",
    "place",
    "host_country_id",
    "publisher_country_id",
    "summary",
    "notes",
    "source_url",
    "source_name",
    "source_file",
    "original_text",
    "content_hash",
    "imported_at",
    "updated_at",
)


def statement_vectors(batch):
    """PostgreSQL: the search vector of every statement of every document in batch, one list
    per document, computed by the function the database's own trigger uses.

    The import computes them on a second connection while the first one writes the batch
    before, so that the longest part of writing a statement runs beside the rest.
    """
    bodies = [s.text for parsed in batch for s in parsed.statements]
    labels = [s.speaker_label[:300] for parsed in batch for s in parsed.statements]
    connection.ensure_connection()
    # The driver's own cursor, its parameters sent apart from the query and in binary (%b):
    # Django's binds them into the query's text, quoting each of a batch's thousands of
    # statements in Python (0.04 s of the writing process's time a batch of 500 documents;
    # 0.013 s so).
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            "SELECT meetings_statement_vector(body, label)::text "
            "FROM unnest(%b::text[], %b::text[]) WITH ORDINALITY AS t(body, label, n) "
            "ORDER BY n",
            [bodies, labels],
        )
        flat = iter([row[0] for row in cursor.fetchall()])
    return [[next(flat) for _ in parsed.statements] for parsed in batch]


class BatchWriter:
    """Writes batches of (file name, ParsedMeeting) pairs in order, by write(batch, vectors).

    With vectors_ahead (PostgreSQL), the search vectors of a batch's statements are computed
    on a second connection, in a thread, while the batch before is written: computing them
    was half the time of writing a batch."""

    def __init__(self, write, *, vectors_ahead):
        self.write = write
        self.executor = ThreadPoolExecutor(max_workers=1) if vectors_ahead else None
        self.pending = None

    def add(self, batch):
        if self.executor is None:
            self.write(batch)
            return
        future = self.executor.submit(_vectors, [parsed for _, parsed in batch])
        self._flush()
        self.pending = (batch, future)

    def _flush(self):
        if self.pending is not None:
            batch, future = self.pending
            self.pending = None
            self.write(batch, future.result())

    def close(self):
        try:
            self._flush()
        finally:
            if self.executor is not None:
                self.executor.submit(connections.close_all).result()
                self.executor.shutdown()


def _vectors(batch):
    try:
        return statement_vectors(batch)
    except DatabaseError:
        return None  # the database computes them as it inserts the rows


# Many rows of a table are written at once: building a model instance per row cost more than
# the database's own work. PostgreSQL takes them by COPY; SQLite by INSERTs of many rows each,
# because an FTS5 table written by a trigger flushes its index at every statement (one
# prepared INSERT per row cost four times as much). Ids are reserved first, so that rows
# pointing at each other can be built before any is written: from the table's sequence on
# PostgreSQL; on SQLite past both the highest id and the AUTOINCREMENT counter, inside the
# caller's transaction (which takes the write lock at BEGIN; a clash would fail on the
# primary key, never overwrite).

ROWS_PER_INSERT = 500


def update_rows(model, fields, rows):
    """UPDATE model SET fields WHERE id, for rows of (*values, id).

    PostgreSQL: one UPDATE from arrays of values for up to 5,000 rows (an import's 20,000
    records given their encounters took 1.6 s one statement a row). SQLite: one statement a
    row in one executemany, in-process and quick; bulk_update's CASE over 500 rows took
    13 s of grouping 7,000 records."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = [meta.get_field(name) for name in fields]
    names = [quote(f.column) for f in columns]
    pk = quote(meta.pk.column)
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{_array_type(f)}[]" for f in [*columns, meta.pk])
        sql = (
            f"UPDATE {table} SET {', '.join(f'{n} = v.{n}' for n in names)} "
            f"FROM unnest({arrays}) AS v({', '.join(names)}, row_id) "
            f"WHERE {table}.{pk} = v.row_id"
        )
        connection.ensure_connection()
        with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
            for start in range(0, len(rows), 5000):
                cursor.execute(
                    sql, [list(c) for c in zip(*rows[start : start + 5000], strict=True)]
                )
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {', '.join(f'{n} = %s' for n in names)} WHERE {pk} = %s", rows
        )


def _array_type(field):
    # The column's type without its length: a cast to varchar(300) would cut a longer value
    # short where the column itself refuses it.
    return re.sub(r"\(.*\)", "", field.cast_db_type(connection))


def reserve_ids(model, count):
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max(id) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def small_statement_cache(size=16):
    """On SQLite, keep few statements prepared for the rest of this process: a process that
    imports (the command, the task worker) calls it before its first query.

    An import's statements carry a batch's worth of parameters and differ every time;
    Python's driver keeps 128 of them prepared, and they held up to 20 MB more, growing
    with the archive. (The web pages repeat their statements: they keep the default.) The
    option takes effect on a new connection, so an open one is closed, but never inside a
    transaction: in a request, that closed the database under the view (a draft published,
    an upload confirmed), and there it is left as it is.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    options = connection.settings_dict.get("OPTIONS", {})
    if options.get("cached_statements") == size:
        return
    connection.close()
    connection.settings_dict = {
        **connection.settings_dict,
        "OPTIONS": {**options, "cached_statements": size},
    }


def insert_rows(model, fields, rows, *, ignore_conflicts=False):
    """INSERT rows (tuples of `fields`, attnames such as "meeting_id") into model's table."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    convert = [field if isinstance(field, models.DateField) else None for field in columns]
    if any(convert):
        rows = [
            tuple(
                f.get_db_prep_save(v, connection) if f else v
                for f, v in zip(convert, row, strict=True)
            )
            for row in rows
        ]
    into = f"{quote(meta.db_table)} ({', '.join(quote(f.column) for f in columns)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not ignore_conflicts:
            # COPY goes to psycopg directly: its errors are made Django's (a clash with a
            # concurrent import is an IntegrityError the loader knows how to retry).
            with connection.wrap_database_errors, cursor.copy(f"COPY {into} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        limit = connection.features.max_query_params or 65535  # PostgreSQL's
        per_insert = min(ROWS_PER_INSERT, limit // len(columns))
        one = f"({', '.join(['%s'] * len(columns))})"
        start = 0
        while start < len(rows):
            # Full chunks, then the rest in chunks of a power of two: the driver keeps each
            # distinct statement prepared, and a remainder of any size made one more each time.
            left = len(rows) - start
            size = per_insert if left >= per_insert else 1 << (left.bit_length() - 1)
            chunk = rows[start : start + size]
            start += size
            cursor.execute(
                f"INSERT INTO {into} VALUES {', '.join([one] * len(chunk))}"
                + (" ON CONFLICT DO NOTHING" if ignore_conflicts else ""),
                [value for row in chunk for value in row],
            )
