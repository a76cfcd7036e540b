"""Changes to the archive's people and to what the importer's rules derive, made after the
import: merging two people into one, and applying the current rules to an archive built by
earlier ones (see the repair_people command).

    merge_persons(keep, [other])     # other's meetings, statements and spellings go to keep
    repair_archive(report=print)     # the people and countries an import would give today
"""

from itertools import batched

from django.db import models, transaction
from django.utils import timezone

from meetings.identity import (
    Who,
    common_name,
    holder_country,
    office_key,
    one_person_groups,
    respellings,
    sort_name,
    surname_bucket,
    surname_stubs,
    surname_variant,
    variant_words,
)
from meetings.importers.countries import existed_on, publisher_country
from meetings.importers.names import normalize_name, person_name, split_label
from meetings.importers.participants import bare_role, own_office_country, role_country
from meetings.importers.transcript import TranscriptError, parse_transcript
from meetings.models import (
    Country,
    Meeting,
    Participant,
    Person,
    PersonAlias,
    Statement,
)


@transaction.atomic
def merge_persons(keep, others, *, surnames_alone=True):
    """Merge others into keep; their names stay as aliases, and each participation keeps
    the name as its record printed it. Without surnames_alone, a surname alone ("Biden")
    is no alias of keep's: it may name another of the family in another record, and is
    weighed each time. Returns how many were merged."""
    for other in others:
        if not surnames_alone:
            PersonAlias.objects.filter(person=other, from_label=False).filter(
                ~models.Q(normalized_name__contains=" ")
            ).delete()
        Participant.objects.filter(person=other, name="").update(name=other.name)
        for participant in Participant.objects.filter(person=other):
            target = Participant.objects.filter(
                meeting_id=participant.meeting_id, person=keep
            ).first()
            if target:
                # Both took part in the same meeting: keep one participant row.
                Statement.objects.filter(speaker=participant).update(speaker=target)
                if not target.role and participant.role:
                    target.role = participant.role
                    target.save(update_fields=["role"])
                participant.delete()
            else:
                participant.person = keep
                participant.save(update_fields=["person"])
        PersonAlias.objects.filter(person=other).update(person=keep)
        single = len(variant_words(other.name)) == 1
        if (surnames_alone or not single) and not PersonAlias.objects.filter(
            normalized_name=normalize_name(other.name)
        ).exists():
            PersonAlias.objects.create(person=keep, name=other.name)
        if keep.country_id is None and other.country_id:
            keep.country_id = other.country_id
            keep.save(update_fields=["country"])
        other.delete()
    # The meetings changed hands: touching them renews every cached count (facets, the
    # person pages), which follow the meetings' last update.
    Meeting.objects.filter(participants__person=keep).update(updated_at=timezone.now())
    return len(others)


def people_facts(pks):
    """{pk: Who} of what the records say of these people: the offices their roles give
    (see identity.office_key) and the first and last dates they are recorded at."""
    offices = {}
    for pk, role in (
        Participant.objects.filter(person_id__in=pks)
        .exclude(role="")
        .values_list("person_id", "role")
        .distinct()
    ):
        if key := office_key(role):
            offices.setdefault(pk, set()).add(key)
    facts = {}
    for row in (
        Participant.objects.filter(person_id__in=pks)
        .values("person_id")
        .annotate(first=models.Min("meeting__date"), last=models.Max("meeting__date"))
        .order_by()
    ):
        pk = row["person_id"]
        facts[pk] = Who("", None, frozenset(offices.get(pk, ())), row["first"], row["last"])
    return facts


def join_surname_stubs(report=lambda line: None):
    """People known by the surname alone ("Biden", from PRESIDENT BIDEN) whom the archive
    knows in full: each joins the one full-named person whose office, country and time fit
    theirs (see identity.surname_stubs), whichever was imported first; a stub that fits no
    one, or two, stays (a possible duplicate). Returns the people who gained one."""
    names = dict(Person.objects.values_list("pk", "name"))
    stubs = {pk for pk, name in names.items() if len(variant_words(name)) == 1}
    if not stubs:
        return []
    surnames = {surname_variant(names[pk]) for pk in stubs}
    candidates = {
        pk
        for pk, name in names.items()
        if pk not in stubs
        and len(words := variant_words(name)) >= 2
        and (words[-1] in surnames or words[0] in surnames)
    }
    if not candidates:
        return []
    countries = dict(
        Person.objects.filter(pk__in=stubs | candidates).values_list("pk", "country__iso_code")
    )
    facts = people_facts(stubs | candidates)

    def who(pk):
        known = facts.get(pk) or Who("")
        return Who(names[pk], countries.get(pk), known.offices, known.first, known.last)

    joined = []
    for stub, person, why in surname_stubs(
        {pk: who(pk) for pk in stubs}, {pk: who(pk) for pk in candidates}
    ):
        keep, gone = Person.objects.get(pk=person), Person.objects.get(pk=stub)
        report(f"join: {gone.name} (#{gone.pk}) is {keep.name} (#{keep.pk}): {why}")
        merge_persons(keep, [gone], surnames_alone=False)
        joined.append(keep.pk)
    if joined:
        give_countries(joined)
    return joined


def join_respellings(person_ids, report=lambda line: None):
    """These people and those of their surnames who are certainly one with them, their
    offices and times weighed (see identity.respellings), whichever spelling came first: the
    person of more records keeps the others. Returns the people who gained some."""
    names = dict(Person.objects.values_list("pk", "name"))
    surnames = {
        surname_bucket(words)
        for pk in person_ids
        if pk in names and len(words := variant_words(names[pk])) >= 2
    }
    alike = [
        pk
        for pk, name in names.items()
        if len(words := variant_words(name)) >= 2 and surname_bucket(words) in surnames
    ]
    if len(alike) < 2:
        return []
    countries = dict(Person.objects.filter(pk__in=alike).values_list("pk", "country__iso_code"))
    facts = people_facts(alike)
    people = {
        pk: Who(names[pk], countries.get(pk), known.offices, known.first, known.last)
        for pk in alike
        if (known := facts.get(pk))
    }
    counts = dict(
        Participant.objects.filter(person_id__in=list(people))
        .values_list("person_id")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    kept = []
    for group, why in respellings(people, among=set(person_ids)):
        keep, *others = sorted(group, key=lambda pk: (-counts.get(pk, 0), pk))
        report(f"join: {', '.join(names[pk] for pk in others)} is {names[keep]}: {why}")
        merge_persons(Person.objects.get(pk=keep), list(Person.objects.filter(pk__in=others)))
        kept.append(keep)
    return kept


def name_people(person_ids):
    """Name each person by the fullest name their records print in common use (see
    identity.common_name), and sort them by it; the slug, their URL, stays."""
    printed, alone = {}, {}
    current = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name"))
    rows = (
        Participant.objects.filter(person_id__in=person_ids)
        .values_list("person_id", "name")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    for pk, name, n in rows:
        # As printed (a record that printed none, entered by hand, by the name it has), but
        # without what a label adds before a name ("Environment Sergei Donskoy") or an
        # office that was read as part of it ("Emperor Akihito").
        name = (person_name(name, role=name) or name) if name else current[pk]
        printed.setdefault(pk, []).append((n, name))
        if len(variant_words(name)) == 1:
            alone.setdefault(pk, set()).add(name)
    people = Person.objects.filter(pk__in=printed).values_list(
        "pk", "name", "sort_name", "country__iso_code"
    )
    for pk, current, sort, country in people:
        best = common_name(printed[pk], current)
        order = sort_name(best, country, alone.get(pk, ()))
        if (best, order) != (current, sort):
            Person.objects.filter(pk=pk).update(name=best, sort_name=order)


def give_countries(person_ids):
    """These people's records that named them without a country take theirs, and so the
    meetings take them as parties (see refresh_parties): a record imported before its
    person's country was known is brought up to date. Returns those meetings' ids."""
    rows = Participant.objects.filter(
        person_id__in=person_ids, country=None, person__country__isnull=False
    )
    meetings = set(rows.values_list("meeting_id", flat=True))
    if not meetings:
        return set()  # the usual case: the records that named them gave their country
    country = Person.objects.filter(pk=models.OuterRef("person_id")).values("country_id")[:1]
    rows.update(country_id=models.Subquery(country))
    refresh_parties(meetings)
    return meetings


def refresh_parties(meeting_ids):
    """Each meeting's participants' countries are its parties (a former state only while
    it lasted), and no longer only mentioned; what an editor set stays as they left it."""
    if not meeting_ids:
        return
    meetings = {
        pk: (date, edited)
        for pk, date, edited in Meeting.objects.filter(pk__in=meeting_ids).values_list(
            "pk", "date", "edited_fields"
        )
    }
    codes = dict(Country.objects.values_list("pk", "iso_code"))
    parties = Meeting.countries.through.objects
    mentions = Meeting.mentioned_countries.through.objects
    have = set(parties.filter(meeting_id__in=meetings).values_list("meeting_id", "country_id"))
    wanted = {
        (meeting_id, country_id)
        for meeting_id, country_id in Participant.objects.filter(meeting_id__in=meetings)
        .exclude(country=None)
        .values_list("meeting_id", "country_id")
        if "countries" not in meetings[meeting_id][1]
        and existed_on(codes[country_id], meetings[meeting_id][0])
    }
    new = wanted - have
    if not new:
        return
    parties.bulk_create(
        Meeting.countries.through(meeting_id=m, country_id=c) for m, c in sorted(new)
    )
    by_country = {}
    for meeting_id, country_id in new:
        by_country.setdefault(country_id, []).append(meeting_id)
    for country_id, meeting_ids in by_country.items():  # a party is no longer only mentioned
        mentions.filter(country_id=country_id, meeting_id__in=meeting_ids).delete()
    Meeting.objects.filter(pk__in={m for m, _ in new}).update(updated_at=timezone.now())


@transaction.atomic
def remove_person(person):
    """Take away a "person" that names nobody ("Independence Day"): their statements stay,
    unattributed, with the label as printed; their aliases go."""
    meetings = list(person.participations.values_list("meeting_id", flat=True))
    for participant in Participant.objects.filter(person=person):
        label = participant.name or person.name
        participant.statements.filter(speaker_label="").update(speaker_label=label)
        participant.statements.update(speaker=None)
        participant.delete()
    person.delete()
    Meeting.objects.filter(pk__in=meetings).update(updated_at=timezone.now())


@transaction.atomic
def map_label(label, person, *, meetings=None):
    """An editor says a speaker label is this person: the label is saved as the person's
    alias (later imports resolve it so: see Loader), and every statement the label left
    unresolved, across the archive (or only in the given meetings), gets the person as
    its speaker; the person takes part in those meetings. Returns (statements, meetings)
    re-resolved."""
    statements = Statement.objects.unresolved().filter(speaker_label=label)
    if meetings is not None:
        statements = statements.filter(meeting__in=meetings)
    key = normalize_name(label)
    if meetings is None and key:
        alias = PersonAlias.objects.filter(normalized_name=key).first()
        if alias is None:
            PersonAlias.objects.create(person=person, name=label[:200], from_label=True)
        elif alias.person_id != person.pk or not alias.from_label:
            alias.person, alias.from_label = person, True
            alias.save(update_fields=["person", "from_label"])
    role = bare_role(split_label(label).role)[:300]
    by_meeting = {}
    for meeting_id in statements.values_list("meeting_id", flat=True).distinct():
        participant = Participant.objects.filter(meeting_id=meeting_id, person=person).first()
        if participant is None:
            last = (
                Participant.objects.filter(meeting_id=meeting_id).aggregate(models.Max("position"))[
                    "position__max"
                ]
                or 0
            )
            participant = Participant.objects.create(
                meeting_id=meeting_id,
                person=person,
                name=person.name,
                role=role,
                country=person.country,
                position=last + 1,
            )
        by_meeting[meeting_id] = participant
    count = 0
    for meeting_id, participant in by_meeting.items():
        count += statements.filter(meeting_id=meeting_id).update(speaker=participant)
        if person.country_id:  # a participant's country takes part (as in an import)
            meeting = Meeting(pk=meeting_id)
            meeting.countries.add(person.country_id)
            meeting.mentioned_countries.remove(person.country_id)
    Meeting.objects.filter(pk__in=by_meeting).update(updated_at=timezone.now())
    return count, len(by_meeting)


def repair_archive(*, dry_run=False, report=lambda line: None):
    """Apply the current rules to the people and countries of an existing archive, without
    importing again: remove people that name nobody, give people their name without
    office words, merge people that are certainly one (their offices and times weighed
    where a country is not known), give people the country their
    records give them, and split each meeting's countries into parties and mentioned ones.
    Returns the counts; with dry_run, changes nothing and reports what it would do."""
    counts = {
        "removed": 0,
        "renamed": 0,
        "merged": 0,
        "joined": 0,
        "country": 0,
        "participants": 0,
        "organisation": 0,
        "meetings": 0,
    }
    with transaction.atomic():
        _repair_people(counts, report)
        _merge_duplicates(counts, report)
        before = Person.objects.count()
        join_respellings(list(Person.objects.values_list("pk", flat=True)), report)
        counts["merged"] += before - Person.objects.count()
        counts["joined"] = len(join_surname_stubs(report))
        _countries_of_roles(counts, report)
        _learn_countries(counts, report)
        _acting_for_organisations(counts, report)
        give_countries(list(Person.objects.exclude(country=None).values_list("pk", flat=True)))
        _split_countries(counts, report)
        name_people(list(Person.objects.values_list("pk", flat=True)))
        if dry_run:
            transaction.set_rollback(True)
    return counts


def _acting_for_organisations(counts, report):
    """An official acting for an organisation (NATO's Secretary General, the President of
    the European Commission) takes part for it in that meeting, and keeps their country."""
    codes = dict(Country.objects.filter(is_organisation=True).values_list("iso_code", "pk"))
    roles = Participant.objects.exclude(role="").values_list("role", flat=True).distinct()
    for role in list(roles.order_by()):
        code = role_country(role)
        if code in codes:
            acting = Participant.objects.filter(role=role).exclude(country_id=codes[code])
            n = acting.update(country_id=codes[code])
            if n:
                report(f"acting for {code}: {n} participant(s) as {role}")
                counts["organisation"] += n
    organisations = set(codes.values())
    people = Person.objects.filter(country__in=organisations)
    for person in people:  # a person's own country is no organisation
        report(f"country of {person.name}: none (not {person.country_id})")
    people.update(country=None)


def _offices(person):
    """What the records print before a surname alone: roles, and labels ("Mr. Heusgen")."""
    roles = person.participations.exclude(role="").values_list("role", flat=True)[:5]
    labels = Statement.objects.filter(speaker__person=person).values_list(
        "speaker_label", flat=True
    )[:5]
    return " ".join([*roles, *labels])


def _repair_people(counts, report):
    for person in Person.objects.order_by("pk").iterator(chunk_size=2000):
        # A surname alone is someone only with an office: the roles they held say, or the
        # office words the name held ("Emperor Akihito" is Akihito).
        cleaned = person_name(
            person.name, role=_offices(person) if " " not in person.name else person.name
        )
        if not cleaned:
            report(f"remove: {person.name} (#{person.pk}) names no person")
            remove_person(person)
            counts["removed"] += 1
        elif cleaned != person.name:
            report(f"rename: {person.name} (#{person.pk}) is {cleaned}")
            Participant.objects.filter(person=person, name="").update(name=person.name)
            if not PersonAlias.objects.filter(normalized_name=normalize_name(cleaned)).exists():
                PersonAlias.objects.create(person=person, name=cleaned)
            person.name, person.sort_name = cleaned, ""
            person.save(update_fields=["name", "sort_name"])
            counts["renamed"] += 1


def _merge_duplicates(counts, report):
    """Merge the people that are certainly one. Where a name is certainly each of two
    people who are not one ("George Bush": George W. Bush, George H.W. Bush), it is
    ambiguous: nothing in that group is merged, and the pairs stay possible duplicates."""
    certain = [p for p in Person.objects.possible_duplicates() if p[2] == "certain"]
    whole = {
        pk: is_whole
        for group, is_whole in one_person_groups(
            frozenset((person.pk, other.pk)) for person, other, _, _ in certain
        )
        for pk in group
    }
    for person, other, _, why in certain:
        if person.pk is None or other.pk is None:
            continue  # merged already: a deleted person's pk is None
        if not whole[person.pk]:
            report(f"ambiguous: {person.name} (#{person.pk}), {other.name} (#{other.pk})")
            continue
        keep, drop = sorted((person, other), key=lambda p: (-p.meeting_count, p.pk))
        report(f"merge: {drop.name} (#{drop.pk}) into {keep.name} (#{keep.pk}): {why}")
        merge_persons(keep, [drop])
        counts["merged"] += 1


def _countries_of_roles(counts, report):
    """Participants recorded without a country take the one their role names, where the
    archive knows it now ("President of South Ossetia")."""
    codes = dict(Country.objects.filter(is_organisation=False).values_list("iso_code", "pk"))
    roles = Participant.objects.filter(country=None).exclude(role="").values_list("role", flat=True)
    for role in list(roles.distinct().order_by()):
        code = role_country(role)
        if code in codes:
            n = Participant.objects.filter(role=role, country=None).update(country_id=codes[code])
            report(f"country of {n} participant(s) as {role}: {code}")
            counts["participants"] += n
    # "President Biden" of a record that names no country, or "Vladimir Putin" of one that
    # names no office: the country whose office he held that day.
    rows = Participant.objects.filter(country=None).values_list(
        "pk", "name", "person__name", "role", "meeting__date"
    )
    given = {}
    for pk, name, person, role, date in rows.iterator():
        code = holder_country(name or person, role, date)
        if code in codes:
            given.setdefault(code, []).append(pk)
    # "Defence Minister Sergei Shoigu" of a kremlin.ru record: its government's own. (Those
    # given a country above are passed over here, not left out by the query: a list of
    # their keys may be longer than a database takes in one statement.)
    done = {pk for pks in given.values() for pk in pks}
    rows = (
        Participant.objects.filter(country=None)
        .exclude(role="")
        .exclude(meeting__publisher_country=None)
        .values_list(
            "pk",
            "name",
            "person__name",
            "role",
            "meeting__date",
            "meeting__publisher_country__iso_code",
            "meeting__title",
            "meeting__summary",
        )
    )
    for pk, name, person, role, date, home, title, summary in rows.iterator():
        if pk in done:
            continue
        code = own_office_country(
            name or person, role, home=home, date=date, title=title, summary=summary
        )
        if code in codes:
            given.setdefault(code, []).append(pk)
    for code, pks in given.items():
        n = sum(
            Participant.objects.filter(pk__in=chunk).update(country_id=codes[code])
            for chunk in batched(pks, 1000)
        )
        report(f"country of {n} participant(s) by the office they held: {code}")
        counts["participants"] += n


def _learn_countries(counts, report):
    """People without a country take the one most of their participations give (no
    organisation's: an official acting for one keeps their own)."""
    rows = (
        Participant.objects.filter(person__country=None, country__is_organisation=False)
        .exclude(country=None)
        .values_list("person_id", "country_id")
        .annotate(n=models.Count("pk"))
        .order_by("person_id", "-n")
    )
    seen = set()
    for person_id, country_id, _ in rows:
        if person_id not in seen:
            seen.add(person_id)
            Person.objects.filter(pk=person_id).update(country_id=country_id)
            counts["country"] += 1


def _split_countries(counts, report):
    """Each meeting's countries, as the current parser reads its text: the parties, and
    the countries it only mentions. A meeting imported without its text (from an export)
    keeps as parties the countries of its participants and its host's where they took part;
    the rest are mentioned."""
    countries = dict(Country.objects.values_list("iso_code", "pk"))
    codes = {pk: code for code, pk in countries.items()}
    meetings = Meeting.objects.prefetch_related(
        "countries",
        "mentioned_countries",
        models.Prefetch("participants", Participant.objects.select_related("person")),
    ).order_by("pk")
    for meeting in meetings.iterator(chunk_size=500):
        if {"countries", "mentioned_countries"} & set(meeting.edited_fields):
            continue  # set by an editor: it stays as they left it
        before = sorted(c.iso_code for c in meeting.countries.all())
        people = [
            codes.get(p.country_id or p.person.country_id) for p in meeting.participants.all()
        ]
        parsed = None
        if meeting.original_text:
            try:
                parsed = parse_transcript(meeting.original_text, default_date=meeting.date)
            except TranscriptError:
                parsed = None
        if parsed is not None:
            parties = list(parsed.countries)
            mentioned = list(parsed.mentioned_countries)
            kind = "message" if parsed.kind == "message" else meeting.kind
            # The government that published it, as its stored URL or site names it (a
            # saved page's markup said so; its stored text may not).
            home = publisher_country(meeting.source_url, meeting.source_name)
            if home and home not in parties and existed_on(home, meeting.date):
                parties.append(home)
        else:
            host = codes.get(meeting.host_country_id)
            parties = [c for c in before if c in people or c == host and host in people]
            mentioned = [c for c in before if c not in parties]
            kind = meeting.kind
        for code in people:
            if code and code not in parties and existed_on(code, meeting.date):
                parties.append(code)
        mentioned = [c for c in mentioned if c not in parties]
        current = sorted(c.iso_code for c in meeting.mentioned_countries.all())
        if sorted(parties) == before and sorted(mentioned) == current and kind == meeting.kind:
            continue
        report(f"countries: {meeting} {before} -> {sorted(parties)}, mentioned {sorted(mentioned)}")
        meeting.countries.set([countries[c] for c in parties if c in countries])
        meeting.mentioned_countries.set([countries[c] for c in mentioned if c in countries])
        Meeting.objects.filter(pk=meeting.pk).update(kind=kind, updated_at=timezone.now())
        counts["meetings"] += 1
