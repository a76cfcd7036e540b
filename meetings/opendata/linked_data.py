"""schema.org JSON-LD of a meeting page: an Event with its attendees, place and date, and
each statement a Quotation spoken by its speaker."""

import json

from django.utils.safestring import mark_safe

# What json_script escapes: the JSON cannot close the <script> element or open a comment.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def person(participant, absolute):
    node = {
        "@type": "Person",
        "name": participant.person.name,
        "url": absolute(participant.person.get_absolute_url()),
    }
    if participant.role:
        node["jobTitle"] = participant.role
    if participant.country:
        node["nationality"] = {"@type": "Country", "name": participant.country.name}
    return node


def meeting_graph(meeting, participants, statements, absolute):
    """The JSON-LD document (a dict) of a meeting page."""
    url = absolute(meeting.get_absolute_url())
    people = {p.id: person(p, absolute) for p in participants}
    place = {
        "@type": "Place",
        "name": meeting.place or (meeting.host_country.name if meeting.host_country else "Unknown"),
    }
    if meeting.host_country:
        place["address"] = {
            "@type": "PostalAddress",
            "addressCountry": meeting.host_country.iso_code,
        }
    event = {
        "@type": "Event",
        "@id": f"{url}#event",
        "name": meeting.title,
        "startDate": meeting.date.isoformat(),
        "url": url,
        "location": place,
        "attendee": list(people.values()),
        "eventStatus": "https://schema.org/EventScheduled",
    }
    quotations = []
    for s in statements:
        quotation = {
            "@type": "Quotation",
            "@id": f"{url}{s.anchor}",
            "url": f"{url}{s.anchor}",
            "text": s.text,
            "position": s.position,
        }
        if s.speaker_id in people:
            quotation["spokenByCharacter"] = people[s.speaker_id]
        elif s.speaker_label:
            quotation["spokenByCharacter"] = {"@type": "Person", "name": s.speaker_label}
        quotations.append(quotation)
    return {"@context": "https://schema.org", "@graph": [event, *quotations]}


def script_json(data):
    """JSON safe inside <script type="application/ld+json"> (<, > and & escaped)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))
