"""A meeting as an Akoma Ntoso 3.0 `debate` document (OASIS LegalDocML).

The participants are `TLCPerson` references; each statement is a `<speech by="#...">`, a
statement nobody is named for (narrative, in paragraphs) an `<other>`. Speakers printed
under a label that names nobody in the meeting ("Question", "Mr. Z") get a reference of
their own, so that every `by` points at one.
"""

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


def debate(meeting, generated):
    """The <akomaNtoso> document of a meeting (participants, countries and statements
    prefetched) as bytes; `generated` is the date of this manifestation."""
    participants = list(meeting.participants.all())
    person_ids = {p.id: element_id("person-", p.person.slug) for p in participants}
    statements = list(meeting.statements.all())
    labels = {}
    for s in statements:
        if s.speaker_id not in person_ids and s.speaker_label:
            labels.setdefault(s.speaker_label, element_id("speaker-", s.speaker_label) or "x")

    uri = work_uri(meeting)
    date = meeting.date.isoformat()
    made = generated.isoformat()
    country = uri.split("/")[2]
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
    for label, eid in labels.items():
        references.append(A.TLCPerson(eId=eid, href=f"/speakers/{eid}", showAs=clean(label)))

    body = [A.heading(clean(meeting.title))]
    if meeting.summary:
        body.append(A.other(*paragraphs(meeting.summary), eId="summary"))
    for s in statements:
        speaker = person_ids.get(s.speaker_id) or labels.get(s.speaker_label)
        if speaker is None:
            body.append(A.other(*paragraphs(s.text), eId=f"narrative_{s.position}"))
            continue
        shown = s.speaker_label or (
            next(p.person.name for p in participants if p.id == s.speaker_id)
        )
        body.append(
            A.speech(
                A("from", clean(shown)),
                *paragraphs(s.text),
                by=f"#{speaker}",
                eId=f"speech_{s.position}",
            )
        )

    identification = A.identification(
        A.FRBRWork(
            A.FRBRthis(value=f"{uri}/!main"),
            A.FRBRuri(value=uri),
            A.FRBRdate(date=date, name="meeting"),
            A.FRBRauthor(href="#publisher" if meeting.source_name else "#archive"),
            A.FRBRcountry(value=country),
        ),
        A.FRBRExpression(
            A.FRBRthis(value=f"{uri}/eng@/!main"),
            A.FRBRuri(value=f"{uri}/eng@"),
            A.FRBRdate(date=date, name="meeting"),
            A.FRBRauthor(href="#publisher" if meeting.source_name else "#archive"),
            A.FRBRlanguage(language="eng"),
        ),
        A.FRBRManifestation(
            A.FRBRthis(value=f"{uri}/eng@/!main.xml"),
            A.FRBRuri(value=f"{uri}/eng@.akn"),
            A.FRBRdate(date=made, name="generation"),
            A.FRBRauthor(href="#archive"),
        ),
        source="#archive",
    )
    document = A.akomaNtoso(
        A.debate(
            A.meta(identification, A.references(*references, source="#archive")),
            A.preface(A.p(A.docTitle(clean(meeting.title)), " ", A.docDate(date, date=date))),
            A.debateBody(A.debateSection(*body, eId="dbsect_1", name="record")),
            name="meeting",
        )
    )
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
