"""Who took part in a record, with the role and the country the text gives them. Nothing
here touches the database.

People come from the record's participant list (memoranda of conversation, United Nations
attendance), from its speaker labels and from its title:

    PARTICIPANTS                              Meeting with President of France Emmanuel Macron
    • Leonid I. Brezhnev, General Secretary   President of Russia Vladimir Putin: ...
    President: Mr. Nebenzia . . . (Russian Federation)

`resolve_participants` matches every label to one of them, within the document only.
"""

import re

from meetings.importers.countries import country_code, find_countries, is_country_word
from meetings.importers.labels import CYRILLIC, LABEL_CONNECTORS, UN_TITLE, label_kind, match_label
from meetings.importers.names import (
    ROLE_WORDS,
    NameIndex,
    common_words,
    normalize_name,
    not_a_person,
    split_label,
    strip_honorifics,
    surname_key,
)
from meetings.importers.parsed import ParsedParticipant, ParsedStatement

LIST_HEADING = re.compile(
    r"^(?:participants|present|attendees|in attendance|participants and attendees)"
    r"\s*(?::\s*(?P<rest>.*))?$",
    re.I,
)
LIST_END = re.compile(r"^(?:subjects?|date|time|place|date,? time,? (?:and|&) place)\b\s*:?", re.I)
BULLETS = "•●▪◦·"
LIST_BULLET = re.compile(rf"^[{BULLETS}*\-–]\s+")
LIST_DUTY = re.compile(
    r"^(?P<duty>interpreters?|notetakers?|note[- ]takers?|translators?|reporters?)\s*:\s*",
    re.I,
)
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# A United Nations record's attendance: "President: Mr. Nebenzia . . . (Russian Federation)",
# "Members: Albania . . . . Mr. Hoxha", "Brazil . . . . Mr. Costa Filho".
UN_PRESIDENT = re.compile(
    r"^(?P<role>President|Chair(?:man|person)?|Co-Chairs?)\s*:\s*"
    rf"(?P<name>{UN_TITLE}\s+[^().:]+?)[\s.]*\((?P<country>[^)]+)\)$"
)
UN_MEMBER = re.compile(
    r"^(?:Members\s*:\s*)?(?P<country>[A-Z][^.:]*?)\s*\.(?:\s*\.)+\s*"
    rf"(?P<name>{UN_TITLE}\s+[^.:]+(?:\.\s?[A-Z][^.:]*)*)$"
)


def listed_people(lines):
    """(name, role, country, called) of each person in the document's participant list, if
    any; called is the label that names them without their name ("The President").

    A list opens with a heading ("PARTICIPANTS", "Present:") or is a run of bulleted
    "Name, Role" lines; it ends at the first speaker label. A side's heading ("US", "Soviet
    Side") gives the country of the people under it.
    """
    people, side, in_list = [], None, False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        un = (UN_PRESIDENT.match(s) or UN_MEMBER.match(s)) if "(" in s or ". ." in s else None
        if un:
            name = strip_honorifics(un.group("name"))
            role = un.groupdict().get("role") or ""
            # The presiding member is "The President" of the record's labels.
            called = f"The {role}" if role else None
            people.append((name, role, country_code(un.group("country").strip()), called))
            continue
        if not in_list and s[0] not in BULLETS + "PpAaIi":
            continue  # neither a bullet nor a heading: nothing to read (most lines)
        heading = LIST_HEADING.match(s)
        if not heading and ":" in s and match_label(s) and not LIST_DUTY.match(s):
            break
        if heading:
            in_list, side = True, None
            items = re.split(r";\s*", heading.group("rest") or "")
        else:
            # Without a heading, only true bullets ("•", not a dash that opens a quote).
            bulleted = s[:1] in BULLETS and len(s) <= 160
            if LIST_END.match(LIST_BULLET.sub("", s)):
                in_list = False
                continue
            if not (in_list or bulleted):
                continue
            items = [LIST_BULLET.sub("", s)]
        for item in filter(None, (i.strip() for i in items)):
            country = _side_country(item)
            if country:
                side = country
                continue
            person = _list_person(item, loose=in_list or side is not None)
            if person:
                name, role = person
                people.append((name, role, side or _role_country(role), None))
            elif in_list and not heading and len(item) > 80:
                in_list = False  # prose after the list
    return people


def _side_country(item):
    """The country of a side's heading: "US", "USSR", "U.S. Side", "Soviet Delegation"."""
    bare = re.sub(r"\s+(?:side|delegation|party|participants)$", "", item, flags=re.I)
    if len(bare.split()) > 3 or not bare[:1].isupper():
        return None
    return country_code(bare)


def _list_person(item, *, loose):
    """(name, role) of one line of a participant list, or None.

    "Leonid I. Brezhnev, General Secretary", "Thomas W. Simons, Jr. (Notetaker)",
    "Interpreter: Peter Afanasenko"; when loose (under a heading) also "Secretary of State
    George P. Shultz" and a bare name.
    """
    duty = ""
    m = LIST_DUTY.match(item)
    if m:
        duty, item = m.group("duty").capitalize(), item[m.end() :]
    note = re.search(r"\s*\((?P<note>[^)]*)\)$", item)
    if note:
        item = item[: note.start()]
        duty = duty or note.group("note").strip()
    name, _, role = (part.strip() for part in item.partition(","))
    first, _, rest = role.partition(",")
    if first.strip(" .").lower() in NAME_SUFFIXES:
        name, role = f"{name}, {first.strip()}", rest.strip()
    words = strip_honorifics(name).split()
    if _list_name(words):
        role = ", ".join(x for x in (role, duty) if x)
        return " ".join(words), role
    if loose or duty:
        parts = split_label(item.strip())
        words = parts.name.split()
        if _list_name(words) and not not_a_person(parts.name):
            return parts.name, ", ".join(x for x in (parts.role, duty) if x)
    return None


def _list_name(words):
    """Two to five capitalised words (initials, particles and "Jr." allowed), the first
    no office's word: "Leonid I. Brezhnev", "Winston Lord", "M.S. Gorbachev"."""
    return (
        2 <= len(words) <= 6
        and words[0].lower().strip(".,") not in ROLE_WORDS
        and not any(is_country_word(w) for w in words)
        and all(
            (
                w[:1].isupper()
                or w.lower() in LABEL_CONNECTORS
                or w.strip(",.").lower() in NAME_SUFFIXES
            )
            and not re.search(r"[;:!?()\d]", w)
            and (
                "." not in w[:-1]
                and not w.endswith(".")
                or re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]?\.|Jr\.|Sr\.", w)  # "M.S.", "Yu."
            )
            for w in words
        )
    )


def resolve_participants(title, statements, listed):
    """Participants from the title and labels; each label resolved within the document."""
    index = NameIndex()
    roles, countries = {}, {}

    def note(name, role, country):
        canonical = index.add(name)
        for old, new in list(index.renamed.items()):
            for table in (roles, countries):
                if old in table:
                    table.setdefault(new, table.pop(old))
        index.renamed.clear()
        if role and not roles.get(canonical):
            roles[canonical] = role
        if country and not countries.get(canonical):
            countries[canonical] = country
        return canonical

    # Full names first (the participant list, labels, then title), so that short forms
    # resolve to them.
    listed_roles = {}
    for name, role, country, called in listed:
        canonical = note(name, role, country)
        if called:
            listed_roles.setdefault(normalize_name(called), []).append(canonical)
    label_parts = {}
    for s in statements:
        label = s.speaker_label
        if label in label_parts:
            continue
        parts = split_label(label)
        label_parts[label] = parts
    for parts in label_parts.values():
        if len(parts.name.split()) >= 2 and not parts.name.startswith("Speaker"):
            note(parts.name, parts.role, _label_country(parts))
    for name, role in title_people(title):
        country = _role_country(role)
        if index.match(name) or len(name.split()) >= 2 or country:
            note(name, role, country)  # one word: "Prime Minister Kishida of Japan"
    resolved, unresolved = [], []
    for s in statements:
        label = s.speaker_label
        if label_kind(label) == "anonymous" or label_kind(label) is None:
            resolved.append(s)
            continue
        parts = label_parts[label]
        if parts.name:
            who = index.match(parts.name)
        else:
            # "The President" is the one the attendance names so ("President: Mr. X
            # (China)", a United Nations record), else nobody in particular.
            named = listed_roles.get(normalize_name(parts.role), [])
            who = named[0] if len(named) == 1 else _match_role(parts.role, roles)
            if who is None:
                # "THE PRESIDENT:" of a White House transcript is the President the
                # title names ("Remarks by President Biden and..."), when no label
                # names him otherwise.
                titled = _titled_person(title, parts.role)
                if titled and not any(
                    p.name and surname_key(p.name) == surname_key(titled)
                    for p in label_parts.values()
                ):
                    who = index.match(titled) or note(titled, _bare_role(parts.role), None)
        if who is None and parts.name and not _ambiguous(parts.name, index):
            who = note(parts.name, parts.role, _label_country(parts))
        elif who is not None and not countries.get(who):
            countries[who] = _label_country(parts)
        if who is None:
            unresolved.append(label)
        elif parts.role and not roles.get(who):
            roles[who] = parts.role
            countries[who] = countries.get(who) or _role_country(parts.role)
        resolved.append(
            ParsedStatement(
                speaker=who,
                speaker_label=s.speaker_label,
                text=s.text,
                interpreted=s.interpreted,
            )
        )
    participants = [
        ParsedParticipant(name=n, role=roles.get(n, ""), country=countries.get(n))
        for n in index.people
    ]
    return participants, resolved, unresolved


def _bare_role(role):
    return re.sub(r"^the\s+", "", role.strip(), flags=re.I).strip()


def _titled_person(title, role):
    """The name the title gives after a bare role: 'President' in 'Remarks by President
    Biden and Prime Minister Kishida' gives 'Biden'."""
    bare = _bare_role(role or "")
    if not bare or len(bare.split()) > 3 or bare.lower() == (role or "").lower():
        return None  # only "The President", "THE PRIME MINISTER"
    m = re.search(
        rf"\b(?i:{re.escape(bare)})\s+((?:[A-Z][\w'’-]*\.?\s+){{0,3}}[A-Z][\w'’-]+)",
        title or "",
    )
    if not m:
        return None
    words = []
    for word in m.group(1).split():
        if word.lower().strip(".") in ROLE_WORDS | TITLE_STOP_WORDS | LABEL_CONNECTORS:
            break
        words.append(word)
    while words and words[-1].lower().strip(".,") in NAME_SUFFIXES:
        words.pop()
    return " ".join(words) or None


def _label_country(parts):
    """A label's country: from its role, or a note naming one ("Mr. Nebenzia (Russian
    Federation)")."""
    return _role_country(parts.role) or next(
        (c for piece in parts.note.split(";") if (c := country_code(piece.strip()))), None
    )


def _role_country(role):
    # "Ambassador to the USA", "Envoy in Syria": the post's country, not the person's.
    role = re.sub(r"\b(?:to|in|at)\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*", "", role or "")
    found = find_countries(role)
    return found[0] if found else None


def _match_role(role, roles):
    """The one participant printed elsewhere with exactly this role ("President of Russia").

    A bare title ("The President") names nobody in particular: it stays unresolved.
    """
    key = normalize_name(re.sub(r"^the\s+", "", role or "", flags=re.I))
    if len(key.split()) < 2:
        return None
    hits = [n for n, r in roles.items() if r and normalize_name(r) == key]
    return hits[0] if len(hits) == 1 else None


def _ambiguous(name, index):
    words = normalize_name(name).split()
    if len(words) == 1:
        return any(words[0] in normalize_name(p).split() for p in index.people)
    return False


TITLE_SPLIT = re.compile(
    r"(\s+(?:meets? with|met with|meeting with|talks with|talked with|conversation with|"
    r"call with|and|with|receives|received|hosts|hosted|welcomes|to meet|visit(?:s)? to|"
    r"by|during|at|before|after|following|ahead of|prior to|on|in|between|held|has|have|"
    r"spoke|speaks|says|said|arrived|arrives|attended|attends|visited|took part|takes part|"
    r"встреча с|встретился с|беседа с|переговоры с|и|с)\s+|,\s+|;\s+|:\s+)",
    re.I,
)
TITLE_STOP_WORDS = {
    "meeting",
    "talks",
    "conversation",
    "telephone",
    "phone",
    "call",
    "video",
    "remarks",
    "opening",
    "statement",
    "statements",
    "press",
    "news",
    "conference",
    "briefing",
    "readout",
    "transcript",
    "beginning",
    "visit",
    "summit",
    "session",
    "council",
    "ceremony",
    "interview",
    "message",
    "greetings",
    "condolences",
    "address",
    "speech",
    "before",
    "after",
    "their",
    "prior",
    "to",
    "on",
    "at",
    "in",
    "the",
    "a",
    "an",
    "holds",
    "hold",
    "meets",
    "met",
    "speaks",
    "spoke",
    "receives",
    "visits",
    "says",
    "attends",
    "sends",
    "calls",
    "congratulates",
    "talk",
    "joint",
    "working",
    "official",
    "state",
}


def title_people(title):
    """(name, role) pairs named in a title: 'Mikhail Mishustin meets with President of
    Azerbaijan Ilham Aliyev' gives Mishustin, and Aliyev as President of Azerbaijan."""
    people = []
    chunks = []
    pieces = TITLE_SPLIT.split(title or "")
    for index, chunk in enumerate(pieces):
        if index % 2:
            continue  # a separator
        separator = pieces[index - 1].strip().lower() if index else ""
        # "Minister of Foreign and European Affairs", "Natural Resources and Environment
        # Minister Sergei Donskoy": the split took an "and" inside a role.
        if (
            chunks
            and separator == "and"
            and chunk[:1].isupper()
            and (
                re.search(r"\bof(?: the)? [A-Z][\w-]+$", chunks[-1])
                or (chunks[-1][:1].isupper() and not split_label(chunks[-1]).name)
            )
        ):
            chunks[-1] = f"{chunks[-1]} and {chunk}"
        else:
            chunks.append(chunk)
    for chunk in chunks:
        chunk = re.sub(r"[’']s$", "", chunk.strip(" .")).strip()
        chunk = re.sub(r"[’']s\s+.*$", "", chunk)
        if not chunk:
            continue
        m = re.match(r"^(?P<head>.+?)\s+of\s+(?P<the>the\s+)?(?P<tail>[A-Z][\w .'-]+)$", chunk)
        if m and country_code(m.group("tail")):
            # "Prime Minister Keir Starmer of the United Kingdom"
            chunk = f"{m.group('head')} ({m.group('tail')})"
            chunk = re.sub(r"\s*\((?P<c>[^)]+)\)$", "", chunk)
            tail_role = f"of {m.group('the') or ''}{m.group('tail')}"  # as printed
        else:
            tail_role = ""
        words = chunk.split()
        while words and words[-1].lower().strip(".,") in TITLE_STOP_WORDS:
            words.pop()
        if CYRILLIC.search(chunk):
            continue  # a Russian title names people in oblique cases ("с Президентом ...ым")
        parts = split_label(" ".join(words))
        words = parts.name.split()
        # One word is a name only with an office and a country: "Prime Minister Kishida
        # of Japan".
        if len(words) > 5 or len(words) < (1 if tail_role and parts.role else 2):
            continue
        if len(words) == 1 and words[0].lower() in common_words() | ROLE_WORDS:
            continue  # "Enterprises", "Rabbi"
        if re.search(r"[\d/]", parts.name):
            continue  # "United Nations S/PV.8529"
        if any(w.lower().strip(".,") in TITLE_STOP_WORDS for w in words):
            continue
        if not all(w[:1].isupper() or w.lower() in LABEL_CONNECTORS for w in words):
            continue
        if country_code(parts.name) or find_countries(parts.name):
            continue
        role_words = {w.lower().strip(".,") for w in parts.role.split()}
        if parts.role and not role_words & (
            ROLE_WORDS - {"of", "the", "and", "for", "to", "on", "in", "at"}
        ):
            continue
        title_role = _clause_role(parts.role)
        if title_role is None or not_a_person(parts.name):
            continue
        people.append((parts.name, f"{title_role} {tail_role}".strip()))
    return people


# A role ending in one of these runs on into what follows it, which is then no person's
# name: "... signed the Federal Law On Ratification of the" + "Consular Convention".
BINDING_WORDS = {"of", "the", "and", "for", "on", "a", "an"}
# Lower-case words a role may hold besides connectors: "former Japanese Prime Minister".
ROLE_MODIFIERS = {
    "former",
    "acting",
    "interim",
    "outgoing",
    "incoming",
    "late",
    "elect",
    "designate",
}


def _clause_role(role):
    """The role that ends a clause of a sentence title, or None if there is no person.

    'President Vladimir Putin sent a message to Egyptian President' gives 'Egyptian
    President': the capitalised words (and connectors) before the name, not the clause.
    """
    words = role.split()
    if words and words[-1].lower() in BINDING_WORDS:
        return None
    keep = len(words)
    while keep:
        word = words[keep - 1].strip("()“”\"'‘’")
        bare = word.lower()
        if not (
            word[:1].isupper()
            or bare in LABEL_CONNECTORS
            or bare in ROLE_MODIFIERS
            or bare in ROLE_WORDS
        ):
            break
        keep -= 1
    words = words[keep:]
    # "Condolences to King", "Middle East to King": what comes before "to" holds no office.
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() == "to":
            if not {w.lower() for w in words[:i]} & ROLE_WORDS:
                words = words[i + 1 :]
            break
    while words and words[0].lower() in LABEL_CONNECTORS:
        del words[0]
    return " ".join(words)
