"""The archive's JSON shape, both ways: ParsedMeeting <-> dict. No database here.

One meeting per line of an export:

    {"source_file": "000_seed.txt", "source_url": null, "title": "...", "date": "2022-02-22",
     "kind": "meeting", "record_type": "transcript", "countries": ["AZ", "RU"],
     "participants": [{"name": "Ilham Aliyev", "role": "President of Azerbaijan", "country": "AZ"}],
     "statements": [{"position": 1, "speaker": "Mikhail Mishustin",
                     "speaker_label": "Mikhail Mishustin", "interpreted": false, "text": "..."}]}
"""

import datetime

from meetings.importers.transcript import (
    ParsedMeeting,
    ParsedParticipant,
    ParsedStatement,
    TranscriptError,
    content_hash,
)
from meetings.models import MeetingKind, RecordType


def parsed_from_json(record, *, line=None):
    """Validate one exported meeting and turn it back into a ParsedMeeting."""

    def need(key, kind=str):
        value = record.get(key)
        if not isinstance(value, kind) or (kind is str and not value.strip()):
            raise TranscriptError(f"field {key!r} is missing or not a {kind.__name__}", line=line)
        return value

    if record.get("error"):
        raise TranscriptError(f"a refused document, not a meeting: {record['error']}", line=line)
    title = need("title")
    try:
        date = datetime.date.fromisoformat(need("date"))
    except ValueError as exc:
        raise TranscriptError(
            f"field 'date' is not YYYY-MM-DD: {record['date']!r}", line=line
        ) from exc
    kind = record.get("kind") or "meeting"
    record_type = record.get("record_type") or "transcript"
    if kind not in MeetingKind.values or record_type not in RecordType.values:
        raise TranscriptError(f"unknown kind {kind!r} or record_type {record_type!r}", line=line)
    participants = []
    for p in record.get("participants") or []:
        if not isinstance(p, dict) or not p.get("name"):
            raise TranscriptError("a participant without a 'name'", line=line)
        participants.append(
            ParsedParticipant(
                name=p["name"],
                role=p.get("role") or "",
                country=p.get("country"),
                addressee=bool(p.get("addressee")),
            )
        )
    names = {p.name for p in participants}
    statements = []
    for s in sorted(record.get("statements") or [], key=lambda s: s.get("position") or 0):
        if not isinstance(s, dict) or not isinstance(s.get("text"), str):
            raise TranscriptError("a statement without 'text'", line=line)
        speaker = s.get("speaker")
        if speaker and speaker not in names:
            raise TranscriptError(f"statement speaker {speaker!r} is not a participant", line=line)
        statements.append(
            ParsedStatement(
                speaker=speaker or None,
                speaker_label=s.get("speaker_label") or "",
                text=s["text"],
                interpreted=bool(s.get("interpreted")),
            )
        )
    original = record.get("original_text") or ""
    return ParsedMeeting(
        title=title,
        date=date,
        kind=kind,
        record_type=record_type,
        place=record.get("place") or "",
        host_country=record.get("host_country"),
        countries=tuple(record.get("countries") or ()),
        mentioned_countries=tuple(record.get("mentioned_countries") or ()),
        participants=tuple(participants),
        statements=tuple(statements),
        summary=record.get("summary") or "",
        notes=record.get("notes") or "",
        source_url=record.get("source_url") or "",
        source_name=record.get("source_name") or "",
        source_file=record.get("source_file") or "",
        original_text=original,
        content_hash=record.get("content_hash")
        or content_hash(original or repr(sorted(record.items()))),
        unresolved_labels=tuple(
            x for x in record.get("unresolved_labels") or () if isinstance(x, str)
        ),
    )


def meeting_to_json(meeting, *, with_original=True, with_statements=True):
    """One meeting (prefetched: countries, mentioned countries, participants with their
    person and country, statements) in the export shape. Each participant and each
    statement's speaker carries the person's slug as "person": a name may be shared, the
    slug is the archive's identifier. Without statements (lists of the API), they are not
    read."""
    participants = list(meeting.participants.all())
    by_id = {p.id: p.person for p in participants}
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
                "speaker": by_id[s.speaker_id].name if s.speaker_id in by_id else None,
                "person": by_id[s.speaker_id].slug if s.speaker_id in by_id else None,
                "speaker_label": s.speaker_label,
                "interpreted": s.interpreted,
                "text": s.text,
            }
            for s in meeting.statements.all()
        ]
    record.update(
        summary=meeting.summary,
        notes=meeting.notes,
        url=meeting.get_absolute_url(),
        content_hash=meeting.content_hash,
    )
    if with_original:
        record["original_text"] = meeting.original_text
    return record
