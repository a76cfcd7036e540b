"""A meeting as an Akoma Ntoso 3.0 `debate` document (OASIS LegalDocML).

The participants are `TLCPerson` references; each statement is a `<speech by="#...">`, a
statement nobody is named for (narrative, in paragraphs) an `<other>`. Speakers printed
under a label that names nobody in the meeting ("Question", "Mr. Z") get a reference of
their own, so that every `by` points at one.
"""

import io
import re

from lxml import etree
from lxml.builder import ElementMaker

from meetings.opendata.safe import source_url, xml_text

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = ElementMaker(namespace=NS, nsmap={None: NS})


def clean(text):
    """Text XML 1.0 can hold, whatever the record holds."""
    return xml_text(text or "")


def element_id(prefix, text):
    """An xsd:ID (an NCName): letters, digits, hyphens, starting with the prefix."""
    return prefix + re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-")


def work_uri(meeting):
    country = (meeting.host_country.iso_code if meeting.host_country else "un").lower()
    return f"/akn/{country}/debaterecord/{meeting.date.isoformat()}/{meeting.slug}"


def paragraphs(text):
    return [A.p(clean(p)) for p in re.split(r"\n\s*\n", text or "") if p.strip()] or [A.p()]


CHUNK = 64 * 1024  # bytes of XML handed on at a time


def debate(meeting, generated, statements, labels):
    """The <akomaNtoso> document of a meeting (participants and countries prefetched), in
    chunks of bytes, written as the statements come: a record of 29,000 statements is not
    held in memory whole. `statements` iterates them in order, as (position, speaker id,
    speaker label, text) rows; `labels` are the distinct
    speaker labels of those nobody in the meeting is named for; `generated` is the date of
    this manifestation."""
    participants = list(meeting.participants.all())
    person_ids = {p.id: element_id("person-", p.person.slug) for p in participants}
    names = {p.id: p.person.name for p in participants}
    speaker_ids, taken = {}, set(person_ids.values())
    for label in labels:
        eid = element_id("speaker-", label)
        eid = eid if eid != "speaker-" else "speaker-x"
        n, unique = 2, eid
        while unique in taken:  # "Mr. X" and "Mr X" are two labels, one element id each
            unique, n = f"{eid}-{n}", n + 1
        taken.add(unique)
        speaker_ids[label] = unique

    uri = work_uri(meeting)
    date = meeting.date.isoformat()
    references = [A.TLCOrganization(eId="archive", href="/", showAs="Meetings archive")]
    if meeting.source_name:
        references.append(
            A.TLCOrganization(
                eId="publisher", href=source_url(meeting) or "/", showAs=clean(meeting.source_name)
            )
        )
    seen = set()
    for p in participants:
        if person_ids[p.id] in seen:
            continue
        seen.add(person_ids[p.id])
        references.append(
            A.TLCPerson(
                eId=person_ids[p.id],
                href=p.person.get_absolute_url(),
                showAs=clean(p.person.name + (f", {p.role}" if p.role else "")),
            )
        )
    for label, eid in speaker_ids.items():
        references.append(A.TLCPerson(eId=eid, href=f"/speakers/{eid}", showAs=clean(label)))

    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element(f"{{{NS}}}akomaNtoso", nsmap={None: NS}):
            with xml.element(f"{{{NS}}}debate", name="meeting"):
                meta = A.meta(
                    identification(meeting, uri, date, generated),
                    A.references(*references, source="#archive"),
                )
                preface = A.preface(
                    A.p(A.docTitle(clean(meeting.title)), " ", A.docDate(date, date=date))
                )
                xml.write(meta, pretty_print=True)
                xml.write(preface, pretty_print=True)
                with xml.element(f"{{{NS}}}debateBody"):
                    with xml.element(f"{{{NS}}}debateSection", eId="dbsect_1", name="record"):
                        xml.write(A.heading(clean(meeting.title)), pretty_print=True)
                        if meeting.summary:
                            summary = A.other(*paragraphs(meeting.summary), eId="summary")
                            xml.write(summary, pretty_print=True)
                        for s in statements:
                            xml.write(speech(s, person_ids, speaker_ids, names), pretty_print=True)
                            if buffer.tell() >= CHUNK:
                                yield buffer.getvalue()
                                buffer.seek(0)
                                buffer.truncate()
    yield buffer.getvalue()


def speech(row, person_ids, speaker_ids, names):
    """A statement: a <speech by> its speaker, or <other> for narrative nobody speaks."""
    position, speaker_id, label, text = row
    speaker = person_ids.get(speaker_id) or speaker_ids.get(label)
    if speaker is None:
        return A.other(*paragraphs(text), eId=f"narrative_{position}")
    return A.speech(
        A("from", clean(label or names.get(speaker_id, ""))),
        *paragraphs(text),
        by=f"#{speaker}",
        eId=f"speech_{position}",
    )


def identification(meeting, uri, date, generated):
    country = uri.split("/")[2]
    author = "#publisher" if meeting.source_name else "#archive"
    return A.identification(
        A.FRBRWork(
            A.FRBRthis(value=f"{uri}/!main"),
            A.FRBRuri(value=uri),
            A.FRBRdate(date=date, name="meeting"),
            A.FRBRauthor(href=author),
            A.FRBRcountry(value=country),
        ),
        A.FRBRExpression(
            A.FRBRthis(value=f"{uri}/eng@/!main"),
            A.FRBRuri(value=f"{uri}/eng@"),
            A.FRBRdate(date=date, name="meeting"),
            A.FRBRauthor(href=author),
            A.FRBRlanguage(language="eng"),
        ),
        A.FRBRManifestation(
            A.FRBRthis(value=f"{uri}/eng@/!main.xml"),
            A.FRBRuri(value=f"{uri}/eng@.akn"),
            A.FRBRdate(date=generated.isoformat(), name="generation"),
            A.FRBRauthor(href="#archive"),
        ),
        source="#archive",
    )
