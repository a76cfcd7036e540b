"""Meetings in Popolo JSON (popoloproject.com): persons, organizations, events, speeches.

The countries are organizations (classification "country"); a person's country is a
membership of it; a meeting is an event with its participants as attendees; a statement is
a speech of the event, in order; an encounter (one contact, several records) is an event
whose child events are its records. Identifiers are the archive's own: a person's slug,
"country/XX" and the meeting's address.
"""


def country_id(country):
    return f"country/{country.iso_code}"


def event_id(meeting):
    return meeting.get_absolute_url().strip("/")


def encounter_id(encounter):
    return f"encounters/{encounter.pk}"


def popolo(meetings, absolute):
    """The Popolo document of these meetings (countries, participants with person and
    country, statements with their speaker prefetched); `absolute(path)` makes a URL."""
    persons, organizations, memberships, events, speeches = {}, {}, {}, [], []
    encounters = {}

    def organization(country):
        if country and country.pk not in organizations:
            organizations[country.pk] = {
                "id": country_id(country),
                "name": country.name,
                "classification": "country",
                "identifiers": [{"scheme": "ISO 3166-1 alpha-2", "identifier": country.iso_code}],
                "links": [{"url": absolute(country.get_absolute_url()), "note": "archive page"}],
            }
        return country_id(country) if country else None

    for meeting in meetings:
        participants = list(meeting.participants.all())
        for p in participants:
            person = p.person
            if person.slug not in persons:
                persons[person.slug] = {
                    "id": person.slug,
                    "name": person.name,
                    "sort_name": person.sort_name,
                    "links": [{"url": absolute(person.get_absolute_url()), "note": "archive page"}],
                }
            if p.country:
                org = organization(p.country)
                memberships.setdefault(
                    (person.slug, org), {"person_id": person.slug, "organization_id": org}
                )
            if p.role:
                names = persons[person.slug].setdefault("other_names", [])
                note = {"name": p.name or person.name, "note": p.role}
                if note not in names and len(names) < 20:
                    names.append(note)
        for country in meeting.countries.all():
            organization(country)
        url = absolute(meeting.get_absolute_url())
        event = {
            "id": event_id(meeting),
            "name": meeting.title,
            "classification": meeting.kind,
            "start_date": meeting.date.isoformat(),
            "attendees": [
                {
                    "person_id": p.person.slug,
                    "role": p.role,
                    "organization_id": country_id(p.country) if p.country else None,
                }
                for p in participants
            ],
            "organization_ids": [country_id(c) for c in meeting.countries.all()],
            "sources": [{"url": meeting.source_link or url}],
            "links": [{"url": url, "note": "archive page"}],
        }
        if meeting.place:
            event["location"] = meeting.place
        if meeting.encounter_id:
            # The contact it is a record of: an event whose child events are its records.
            event["parent_id"] = encounter_id(meeting.encounter)
            if meeting.encounter_id not in encounters:
                encounter = meeting.encounter
                encounters[meeting.encounter_id] = {
                    "id": encounter_id(encounter),
                    "name": encounter.title,
                    "classification": "encounter",
                    "start_date": encounter.date.isoformat(),
                    "end_date": encounter.last_date.isoformat(),
                    "links": [
                        {"url": absolute(encounter.get_absolute_url()), "note": "archive page"}
                    ],
                }
                if encounter.part_of_id:
                    encounters[meeting.encounter_id]["parent_id"] = (
                        f"encounters/{encounter.part_of_id}"
                    )
                events.append(encounters[meeting.encounter_id])
        events.append(event)
        speakers = {p.id: p.person.slug for p in participants}
        for s in meeting.statements.all():
            speaker = speakers.get(s.speaker_id)
            speeches.append(
                {
                    "id": f"{event_id(meeting)}#s{s.position}",
                    "event_id": event_id(meeting),
                    "creator_id": speaker,
                    "attribution_text": s.speaker_label or None,
                    "type": "speech"
                    if speaker
                    else ("narrative" if not s.speaker_label else "other"),
                    "position": s.position,
                    "date": meeting.date.isoformat(),
                    "text": s.text,
                    "sources": [{"url": f"{url}{s.anchor}"}],
                }
            )
    return {
        "persons": list(persons.values()),
        "organizations": list(organizations.values()),
        "memberships": list(memberships.values()),
        "events": events,
        "speeches": speeches,
    }
