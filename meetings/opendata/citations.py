"""Ready citations of a meeting record: BibTeX, CSL-JSON, Chicago and APA text."""

import re

from django.utils.text import slugify

from meetings.models import RecordType
from meetings.opendata.safe import bibtex_url, source_url, xml_text

ARCHIVE_NAME = "Meetings archive"
GENRE = {
    RecordType.TRANSCRIPT: "Transcript",
    RecordType.EXCERPTS: "Transcript excerpts",
    RecordType.REMARKS: "Remarks",
    RecordType.READOUT: "Readout",
}
BIBTEX_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def publisher(meeting):
    """Who published the record: its source, else the archive itself."""
    return xml_text(meeting.source_name) or ARCHIVE_NAME


def cited_url(meeting, archive_url):
    """The record's own URL when it is a web address, else the archive's page of it."""
    return source_url(meeting) or archive_url


def long_date(date):
    return f"{date:%B} {date.day}, {date.year}"


def cite_key(meeting):
    """e.g. kremlinru2019russianchinese: publisher, year, the title's first two words."""
    words = [w for w in slugify(meeting.title).split("-") if w][:2]
    base = re.sub(r"[^a-z0-9]", "", publisher(meeting).lower())[:20] or "meeting"
    return f"{base}{meeting.date.year}{''.join(words)}"[:60]


def _bibtex_escape(text):
    text = xml_text(text).replace("\\", r"\textbackslash{}")
    text = re.sub(r"([&%$#_{}])", r"\\\1", text)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex(meeting, archive_url, accessed):
    url = bibtex_url(cited_url(meeting, archive_url))
    fields = [
        ("author", "{" + _bibtex_escape(publisher(meeting)) + "}"),
        ("title", "{" + _bibtex_escape(meeting.title) + "}"),
        ("date", meeting.date.isoformat()),
        ("year", str(meeting.date.year)),
        ("month", BIBTEX_MONTHS[meeting.date.month - 1]),
        ("publisher", _bibtex_escape(publisher(meeting))),
        ("type", GENRE[meeting.record_type]),
        ("url", url),
        ("urldate", accessed.isoformat()),
        ("note", _bibtex_escape(f"{GENRE[meeting.record_type]}. Archived at {archive_url}")),
    ]
    lines = [
        f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},"
        for name, value in fields
    ]
    return f"@misc{{{cite_key(meeting)},\n" + "\n".join(lines) + "\n}\n"


def csl_json(meeting, archive_url, accessed):
    """One CSL-JSON item (the format of Zotero, Mendeley, pandoc), in a list."""
    item = {
        "id": cite_key(meeting),
        "type": "document",
        "genre": GENRE[meeting.record_type],
        "title": meeting.title,
        "author": [{"literal": publisher(meeting)}],
        "publisher": publisher(meeting),
        "issued": {"date-parts": [[meeting.date.year, meeting.date.month, meeting.date.day]]},
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "URL": cited_url(meeting, archive_url),
        "archive": ARCHIVE_NAME,
        "archive_location": archive_url,
    }
    if meeting.place:
        item["event-place"] = meeting.place
    return [item]


def chicago(meeting, archive_url, accessed):
    """Chicago (notes and bibliography), a web page with its access date."""
    url = cited_url(meeting, archive_url)
    title = xml_text(meeting.title).rstrip(".")
    return (
        f"{publisher(meeting)}. “{title}.” {GENRE[meeting.record_type]}, "
        f"{long_date(meeting.date)}. Accessed {long_date(accessed)}. {url}."
    )


def apa(meeting, archive_url, accessed):
    """APA, 7th edition: author, (date), title [genre], retrieval date and URL."""
    url = cited_url(meeting, archive_url)
    title = xml_text(meeting.title).rstrip(".")
    date = f"{meeting.date.year}, {meeting.date:%B} {meeting.date.day}"
    return (
        f"{publisher(meeting)}. ({date}). {title} [{GENRE[meeting.record_type]}]. "
        f"Retrieved {long_date(accessed)}, from {url}"
    )
