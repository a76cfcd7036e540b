"""What the parser gives: plain, frozen data, and the error for a document it refuses.

ParsedMeeting(title="Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev",
              date=date(2022, 2, 22), kind="meeting", record_type="transcript",
              participants=(ParsedParticipant("Ilham Aliyev", "President of Azerbaijan",
              "AZ"), ...), statements=(ParsedStatement("Mikhail Mishustin", ...), ...))
"""

from dataclasses import asdict, dataclass, field


class TranscriptError(ValueError):
    """A document that cannot be imported; the message says why."""

    def __init__(self, message, *, line=None, parsed=None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.parsed = parsed  # the record as far as it could be read, if it could be


@dataclass(frozen=True)
class ParsedParticipant:
    name: str
    role: str = ""
    country: str | None = None
    addressee: bool = False  # the one a message is addressed to

    def as_json(self):
        record = {"name": self.name, "role": self.role, "country": self.country}
        if self.addressee:
            record["addressee"] = True
        return record


@dataclass(frozen=True)
class ParsedStatement:
    speaker: str | None
    speaker_label: str
    text: str
    interpreted: bool = False


@dataclass(frozen=True)
class ParsedMeeting:
    title: str
    date: object  # datetime.date
    kind: str
    record_type: str
    place: str = ""
    host_country: str | None = None
    # The government whose own record it is: its site's, a banner's, an agency's, an
    # aggregator's dateline ("RUSSIA, February 22 -"); None where nothing says.
    publisher_country: str | None = None
    countries: tuple = ()  # the parties: countries that take part
    mentioned_countries: tuple = ()  # countries only discussed
    participants: tuple = ()
    statements: tuple = ()
    summary: str = ""
    notes: str = ""  # what the page adds after the record: sources, licences, book lists
    source_url: str = ""
    source_name: str = ""
    source_file: str = ""
    original_text: str = field(default="", repr=False)
    content_hash: str = ""
    unresolved_labels: tuple = ()
    # An export's record of a meeting merged from several documents: the others, as
    # (source_url, source_name, source_file, content_hash).
    other_sources: tuple = ()
    # An export's encounter that an editor joined or split: the records of one import with
    # the same one are one encounter, as the editor left it (see meetings/encounters.py).
    encounter: str = ""

    def as_json(self):
        """The dry-run and export shape (see README, 'JSON contract')."""
        return {
            "source_file": self.source_file,
            "source_url": self.source_url or None,
            "source_name": self.source_name,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "kind": self.kind,
            "record_type": self.record_type,
            "place": self.place,
            "host_country": self.host_country,
            "publisher_country": self.publisher_country,
            "countries": list(self.countries),
            "mentioned_countries": list(self.mentioned_countries),
            "participants": [p.as_json() for p in self.participants],
            "statements": [
                {"position": n, **asdict(s)} for n, s in enumerate(self.statements, start=1)
            ],
            "summary": self.summary,
            "notes": self.notes,
            "unresolved_labels": list(self.unresolved_labels),
        }
