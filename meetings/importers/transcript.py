"""Parse published meeting records into plain data. Nothing here touches the database.

A record, as a press-release aggregator republishes it:

    There were 1,423 press releases posted in the last 24 hours and 466,562 in the last 365 days.

    Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev

    RUSSIA, February 22 - Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev

    22 February 2022

    Mikhail Mishustin: Mr Aliyev, I am delighted to welcome you here. ...

    Ilham Aliyev: Thank you very much, Mr Mishustin. ...

A document goes through four stages, each in its own module: the page's chrome is dropped
(chrome.py), the head gives the title, date and place (head.py), the body is cut into
statements at each label (body.py, with labels.py saying what a label is), and the
participants are read from lists, labels and the title, every label matched to one of them
within the document (participants.py, with names.py for the names themselves).
"""

import hashlib
import re
from dataclasses import replace

from meetings.importers import dates
from meetings.importers.body import read_body
from meetings.importers.chrome import Page, looks_like_garbage, normalize_text, strip_chrome
from meetings.importers.cleaning import clean_text, safe_url
from meetings.importers.countries import city_country, publisher_country
from meetings.importers.head import date_from_body, read_head, title_for_reading
from meetings.importers.html import read_html
from meetings.importers.labels import TERMINAL, label_kind
from meetings.importers.parsed import (
    ParsedMeeting,
    ParsedParticipant,
    ParsedStatement,
    TranscriptError,
)
from meetings.importers.participants import (
    listed_people,
    meeting_countries,
    other_sides_officials,
    own_side,
    resolve_participants,
)

__all__ = [
    "NO_DATE",
    "ParsedMeeting",
    "ParsedParticipant",
    "ParsedStatement",
    "TranscriptError",
    "content_hash",
    "meeting_kind",
    "parse_html",
    "parse_transcript",
    "record_type_for",
]


def content_hash(text):
    """SHA-256 of the text with its white space collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


NO_DATE = (
    "no date found (looked for a date line, a date in the title, the first sentences and "
    "the source URL)"
)


def parse_html(data, *, source_file="", default_date=None):
    """Parse a saved web page (bytes or text): its text as a record, with what its markup
    says for sure (the canonical URL, the date, the site, the country tags) taking the
    place of what the text would suggest. Raises TranscriptError as parse_transcript."""
    page = read_html(data)
    return parse_transcript(
        page.text,
        source_file=source_file,
        default_date=default_date,
        page=page,
    )


def parse_transcript(text, *, source_file="", default_date=None, page=None):
    """Parse one document. Raises TranscriptError when it is not an importable record.

    default_date is used only when the document shows no date of its own. page is the
    HtmlPage the text was read from, for a web page.
    """
    if not text or not text.strip():
        raise TranscriptError("empty document")
    text = clean_text(text)  # what no record needs leaves at the door (see cleaning.py)
    original = text
    markup = page
    text = normalize_text(text)
    if "\x00" in text:
        raise TranscriptError("binary data, not text")
    all_lines = text.split("\n")
    if markup is not None and markup.clean:
        # A site's own reader left the page's furniture out already.
        page = Page(all_lines, source_url=markup.source_url, source_name=markup.site)
    else:
        page = strip_chrome(all_lines)
    if markup is not None:  # the page's own URL and site, and its date, say it for sure
        page = replace(
            page,
            # The markup's values are no part of the text cleaned above: cleaned here.
            source_url=safe_url(clean_text(markup.source_url)) or page.source_url,
            source_name=clean_text(markup.site) or page.source_name,
        )
    if looks_like_garbage(page.lines):
        raise TranscriptError(
            "text that is not a meeting record (mostly unreadable characters; OCR noise?)"
        )
    head = read_head(page.lines)
    title, date, place = head.title, head.date, head.place
    if markup is not None and markup.date:
        date = markup.date
    # The government whose own record this is: its site, or the aggregator's dateline
    # ("RUSSIA, February 22 -").
    home = (
        publisher_country(page.source_url, page.source_name)
        or page.country
        or head.dateline_country
    )
    listed = listed_people(head.body)
    statements, summary, excerpts, notes = read_body(head.body, title)
    if date is None:
        date = dates.slashed_date_line(page.lines, home)
    if date is None:
        date = date_from_body(
            summary,
            statements,
            lines=all_lines,
            source_url=page.source_url,
            dateline_day=head.dateline_day,
            crawl_date=page.crawl_date,
        )
    if date is None:
        date = default_date
    participants, statements, unresolved = resolve_participants(
        title_for_reading(title), statements, listed, summary=summary, home=home, date=date
    )
    if not title and summary:
        # The lead's first sentence; a hard-wrapped lead may have lost its first word to
        # a line of its own ("Prime" / "Minister of the Russian Federation ...").
        lead, *rest = summary.split("\n\n")
        while rest and len(lead) < 20 and not TERMINAL.search(lead):
            lead = f"{lead} {rest.pop(0)}"
        first = re.split(r"(?<=[a-zа-яё]{3}[.!?])\s", lead)[0].strip()
        first = re.sub(r"^\d{1,2}:\d\d(?::\d\d)?\s+", "", first)  # a timestamp
        if len(first) > 200 and first[:1].isalpha():
            # No sentence ends (a machine transcript): its first words.
            first = first[:120].rsplit(" ", 1)[0] + "…"
        if 15 <= len(first) <= 200:
            title = first.rstrip(".")
            participants, statements, unresolved = resolve_participants(
                title, statements, listed, summary=summary, home=home, date=date
            )
    if not title:
        # Who speaks: the participants, or the labels that name nobody known ("[Trump]").
        named = [p.name for p in participants][:3] or list(
            dict.fromkeys(
                s.speaker_label for s in statements if label_kind(s.speaker_label) == "person"
            )
        )[:3]
        if not named:
            raise TranscriptError(
                NO_DATE if date is None else "no title found and nobody is quoted"
            )
        title = "Remarks by " + " and ".join(named)
    host = city_country(place) if place else None
    kind = meeting_kind(title, summary)
    parties, mentioned = meeting_countries(
        participants,
        title=title_for_reading(title),
        summary=summary,
        statements=statements,
        host=host,
        home=home,
        kind=kind,
        date=date,
        tagged=markup.countries if markup is not None else (),
    )
    participants = other_sides_officials(participants, parties, home=home, date=date)
    home = home or own_side(
        participants, parties, title_for_reading(title), summary=summary, date=date
    )
    meeting = ParsedMeeting(
        title=title,
        date=date,
        kind=kind,
        record_type=record_type_for(title, statements, excerpts),
        place=place,
        host_country=host,
        publisher_country=home,
        countries=tuple(parties),
        mentioned_countries=tuple(mentioned),
        participants=tuple(participants),
        statements=tuple(statements),
        summary=summary,
        notes="\n\n".join(x for x in (notes, page.notes) if x),
        source_url=page.source_url,
        source_name=page.source_name,
        source_file=source_file,
        original_text=original,
        content_hash=content_hash(original),
        unresolved_labels=tuple(unresolved),
    )
    if date is None:  # refused, but what was read is reported (see the dry run)
        raise TranscriptError(NO_DATE, parsed=meeting)
    return meeting


def meeting_kind(title, summary):
    text = (title or "").lower()
    lead = (summary or "")[:300].lower()
    rules = [
        (
            "video",
            r"video ?(?:conference|call|link|conversation)|videoconference|видеоконференц"
            r"|\bvirtual (?:meeting|call|summit|bilateral)",
        ),
        # "Readout of President Biden's Call with ...", "Call between ...": a telephone call.
        (
            "telephone",
            r"telephone|phone (?:call|conversation|talks?)|(?:on|over|by) the phone|телефонн"
            r"|telefonat|telcon|téléphonique"
            r"|\bcalls? (?:with|between|from)\b|[’']s call\b",
        ),
        # Congratulations, condolences, greetings: a message, not a meeting.
        (
            "message",
            r"^(?:congratulations?|greetings|condolences|message|telegram|letter|birthday "
            r"greetings|new year greetings|reply)\b|\b(?:congratulated|congratulates|sent (?:a "
            r"|his )?(?:message|telegram|letter)|sends? (?:a )?(?:message|telegram|letter|reply)"
            r"|message of (?:greetings|condolences?)|expressed (?:his |deep )?condolences)\b"
            r"|\bwished\b.*\bbirthday\b|поздравлени|соболезновани|послание",
        ),
        (
            "news_conference",
            r"news conference|press conference|press statements?|joint press"
            r"|пресс-конференц|pressekonferenz|conférence de presse|point de presse",
        ),
        ("briefing", r"briefing|брифинг"),
        ("summit", r"summit|саммит|council of heads"),
        ("talks", r"\btalks\b|negotiations|переговоры"),
        ("visit", r"\bvisit\b|визит"),
        ("meeting", r"meet|meeting|встреча|conversation|memorandum"),
    ]
    for kind, pattern in rules:
        if re.search(pattern, text):
            return kind
    for kind, pattern in rules[:2]:  # a video or telephone call the lead says it was
        if re.search(pattern, lead):
            return kind
    return "meeting"


def record_type_for(title, statements, excerpts):
    text = (title or "").lower()
    if not statements:
        return "readout"
    if excerpts or re.search(r"\bbeginning of\b|excerpts?\b|начало\b", text):
        return "excerpts"
    speakers = {s.speaker or s.speaker_label for s in statements}
    if len(speakers) == 1 and re.search(r"remarks|statement|speech|address|выступление", text):
        return "remarks"
    return "transcript"
