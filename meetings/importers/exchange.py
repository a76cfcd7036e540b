"""The archive's JSON shape, both ways: ParsedMeeting <-> dict. No database here.

One meeting per line of an export:

    {"source_file": "000_seed.txt", "source_url": null, "title": "...", "date": "2022-02-22",
     "kind": "meeting", "record_type": "transcript", "countries": ["AZ", "RU"],
     "participants": [{"name": "Ilham Aliyev", "role": "President of Azerbaijan", "country": "AZ"}],
     "statements": [{"position": 1, "speaker": "Mikhail Mishustin",
                     "speaker_label": "Mikhail Mishustin", "interpreted": false, "text": "..."}],
     "encounter": 812}
"""

import datetime

from meetings.importers.cleaning import clean_text, cleaned, safe_url
from meetings.importers.transcript import (
    ParsedMeeting,
    ParsedParticipant,
    ParsedStatement,
    TranscriptError,
    content_hash,
)
from meetings.models import MeetingKind, RecordType


def parsed_from_json(record, *, line=None):
    """Validate one exported meeting and turn it back into a ParsedMeeting. A field of the
    wrong type is refused, naming the field."""

    def fail(message):
        raise TranscriptError(message, line=line)

    def need(key):
        value = record.get(key)
        if not isinstance(value, str) or not clean_text(value).strip():
            fail(f"field {key!r} is missing or not a str")
        return value

    def text(value, key):
        """A text field that may be missing (None): "" then."""
        if value is None:
            return ""
        if not isinstance(value, str):
            fail(f"field {key!r} is not a str")
        return value

    def code(value, key):
        """A country code that may be missing: None then."""
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            fail(f"field {key!r} is not a country code")
        return value

    def codes(key):
        value = record.get(key) or []
        if not isinstance(value, list):
            fail(f"field {key!r} is not a list of country codes")
        return tuple(code(c, key) for c in value if c)

    def items(key):
        value = record.get(key) or []
        if not isinstance(value, list):
            fail(f"field {key!r} is not a list")
        return value

    if record.get("error"):
        fail(f"a refused document, not a meeting: {record['error']}")
    title = need("title")
    try:
        date = datetime.date.fromisoformat(need("date"))
    except ValueError:
        fail(f"field 'date' is not YYYY-MM-DD: {record['date']!r}")
    kind = record.get("kind") or "meeting"
    record_type = record.get("record_type") or "transcript"
    if kind not in MeetingKind.values or record_type not in RecordType.values:
        fail(f"unknown kind {kind!r} or record_type {record_type!r}")
    participants = []
    for p in items("participants"):
        name = p.get("name") if isinstance(p, dict) else None
        if not isinstance(name, str) or not clean_text(name).strip():
            fail("a participant without a 'name'")
        participants.append(
            ParsedParticipant(
                name=p["name"],
                role=text(p.get("role"), "participants.role"),
                country=code(p.get("country"), "participants.country"),
                addressee=bool(p.get("addressee")),
            )
        )
    names = {p.name for p in participants}
    statements = []
    positioned = []
    for s in items("statements"):
        if not isinstance(s, dict) or not isinstance(s.get("text"), str):
            fail("a statement without 'text'")
        position = s.get("position") or 0
        if not isinstance(position, int | float):
            fail("field 'statements.position' is not a number")
        positioned.append((position, s))
    for _, s in sorted(positioned, key=lambda item: item[0]):
        speaker = s.get("speaker")
        if speaker and speaker not in names:
            fail(f"statement speaker {speaker!r} is not a participant")
        statements.append(
            ParsedStatement(
                speaker=speaker or None,
                speaker_label=text(s.get("speaker_label"), "statements.speaker_label"),
                text=s["text"],
                interpreted=bool(s.get("interpreted")),
            )
        )
    original = text(record.get("original_text"), "original_text")
    hashed = record.get("content_hash")
    if hashed is not None and not (isinstance(hashed, str) and len(hashed) <= 64):
        fail("field 'content_hash' is not a SHA-256 digest")
    encounter = record.get("encounter")
    if encounter is not None and (
        isinstance(encounter, bool) or not isinstance(encounter, int | str)
    ):
        fail("field 'encounter' is not an identifier (a number or a str)")
    if not isinstance(record.get("encounter_edited", False), bool):
        fail("field 'encounter_edited' is not true or false")
    parsed = ParsedMeeting(
        title=title,
        date=date,
        kind=kind,
        record_type=record_type,
        place=text(record.get("place"), "place"),
        host_country=code(record.get("host_country"), "host_country"),
        publisher_country=code(record.get("publisher_country"), "publisher_country"),
        countries=codes("countries"),
        mentioned_countries=codes("mentioned_countries"),
        participants=tuple(participants),
        statements=tuple(statements),
        summary=text(record.get("summary"), "summary"),
        notes=text(record.get("notes"), "notes"),
        source_url=text(record.get("source_url"), "source_url"),
        source_name=text(record.get("source_name"), "source_name"),
        source_file=text(record.get("source_file"), "source_file"),
        original_text=original,
        content_hash=hashed
        or content_hash(original or repr(sorted(record.items(), key=lambda kv: kv[0]))),
        unresolved_labels=tuple(x for x in items("unresolved_labels") if isinstance(x, str)),
        other_sources=tuple(
            (
                safe_url(text(source.get("source_url"), "sources.source_url")),
                text(source.get("source_name"), "sources.source_name"),
                text(source.get("source_file"), "sources.source_file"),
                source["content_hash"],
            )
            for source in items("sources")
            if isinstance(source, dict)
            and isinstance(source.get("content_hash"), str)
            and 0 < len(source["content_hash"]) <= 64
        ),
        # An editor's encounter is kept as they left it; the others are formed again, by
        # the same rules that formed them.
        encounter=str(encounter)[:100] if encounter and record.get("encounter_edited") else "",
    )
    # What no record needs leaves at the door, as from a text or a page; a source URL that
    # is not http(s) ("javascript:...") is not kept.
    return cleaned(parsed)


def meeting_to_json(meeting, *, with_original=True, with_statements=True, statements=None):
    """One meeting (prefetched: countries, mentioned countries, participants with their
    person and country, statements) in the export shape. Each participant and each
    statement's speaker carries the person's slug as "person": a name may be shared, the
    slug is the archive's identifier. Without statements (lists of the API), they are not
    read; `statements` gives some of them (a page of a long record)."""
    participants = list(meeting.participants.all())
    by_id = {p.id: p.person for p in participants}
    # A statement's speaker is the participant as this record names it (read back, the
    # name finds the participant: "Biden", whom the archive knows as Joseph R. Biden).
    printed = {p.id: p.name or p.person.name for p in participants}
    record = {
        "source_file": meeting.source_file,
        "source_url": meeting.source_url or None,
        "source_name": meeting.source_name,
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "kind": meeting.kind,
        "record_type": meeting.record_type,
        "place": meeting.place,
        "host_country": meeting.host_country.iso_code if meeting.host_country else None,
        "publisher_country": meeting.publisher_country.iso_code
        if meeting.publisher_country
        else None,
        "countries": sorted(c.iso_code for c in meeting.countries.all()),
        "mentioned_countries": sorted(c.iso_code for c in meeting.mentioned_countries.all()),
        "participants": [
            {
                "name": p.name or p.person.name,  # as this record prints it
                "person": p.person.slug,
                "role": p.role,
                "country": p.country.iso_code if p.country else None,
                **({"addressee": True} if p.addressee else {}),
            }
            for p in participants
        ],
    }
    if with_statements:
        record["statements"] = [
            {
                "position": s.position,
                "speaker": printed.get(s.speaker_id),
                "person": by_id[s.speaker_id].slug if s.speaker_id in by_id else None,
                "speaker_label": s.speaker_label,
                "interpreted": s.interpreted,
                "text": s.text,
            }
            for s in (meeting.statements.all() if statements is None else statements)
        ]
    record.update(
        summary=meeting.summary,
        notes=meeting.notes,
        url=meeting.get_absolute_url(),
        content_hash=meeting.content_hash,
        # The contact it is a record of, with the archive's other records of it: the
        # encounter's id (see meetings/encounters.py); an editor joined or split it.
        encounter=meeting.encounter_id,
        **({"encounter_edited": True} if "encounter" in meeting.edited_fields else {}),
    )
    if "sources" in getattr(meeting, "_prefetched_objects_cache", {}):
        # Every document the meeting was imported from (a republication merged into it, a
        # corrected version): read back, each is one more source of it.
        record["sources"] = [
            {
                "source_url": source.source_url or None,
                "source_name": source.source_name,
                "source_file": source.source_file,
                "content_hash": source.content_hash,
            }
            for source in meeting.sources.all()
        ]
    if with_original:
        record["original_text"] = meeting.original_text
    return record
