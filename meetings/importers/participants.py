"""Who took part in a record, with the role and the country the text gives them. Nothing
here touches the database.

People come from the record's participant list (memoranda of conversation, United Nations
attendance), from its speaker labels and from its title:

    PARTICIPANTS                              Meeting with President of France Emmanuel Macron
    • Leonid I. Brezhnev, General Secretary   President of Russia Vladimir Putin: ...
    President: Mr. Nebenzia . . . (Russian Federation)

`resolve_participants` matches every label to one of them, within the document only.
"""

import functools
import re
from dataclasses import replace

from meetings.identity import (
    held_by_another,
    holder_country,
    is_bare_office,
    office_holder,
    office_key,
)
from meetings.importers import russian
from meetings.importers.countries import (
    CYRILLIC_LETTER,
    city_country,
    country_code,
    existed_on,
    find_countries,
    french_country,
    german_country_word,
    is_country_word,
    is_organisation,
    region_country,
)
from meetings.importers.labels import LABEL_CONNECTORS, UN_TITLE, label_kind, match_label
from meetings.importers.names import (
    NAME_PARTICLES,
    ROLE_WORDS,
    SINGLE_NAME_STYLES,
    NameIndex,
    common_words,
    fold,
    normalize_name,
    not_a_person,
    person_name,
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
ROSTER_ROW = re.compile(r"^(?P<name>[^–—]{4,60}?)\s+[–—]\s+(?P<country>[^–—]{3,60})$")
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
        if rows := _roster_on_one_line(s):
            people.extend((name, "Member", code, None) for name, code in rows)
            continue
        un = (UN_PRESIDENT.match(s) or UN_MEMBER.match(s)) if "(" in s or ". ." in s else None
        if un:
            name = strip_honorifics(un.group("name"))
            role = un.groupdict().get("role") or ""
            # The presiding member is "The President" of the record's labels.
            called = f"The {role}" if role else None
            # A member of the Council: an office, so that a surname alone names someone.
            role = role or "Member"
            people.append((name, role, country_code(un.group("country").strip()), called))
            continue
        row = ROSTER_ROW.match(s.rstrip(",;.")) if " – " in s or " — " in s else None
        if row and (code := country_code(row["country"])) and _list_name(row["name"].split()):
            # A roster row, the person and the country: "Aydin Adnan Sezgin – Republic of
            # Turkey," (ambassadors presenting their letters of credence).
            people.append((row["name"], "", code, None))
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


def _roster_on_one_line(s):
    """[(name, country)] of a United Nations record's members flattened onto one line, each
    country before its leaders and its representative after: "Members: Belgium......
    Mr. Pecsteen de Buytswerve China...... Mr. Ma Zhaoxu ...". What lies between two leaders
    is a name, then the next country: the longest run of last words that names one."""
    m = ROSTER_LINE.match(s)
    if not m:
        return []
    parts = UN_LEADER.split(m.group("rows"))
    rows, country = [], country_code(parts[0].strip())
    for part in parts[1:]:
        words = part.split()
        following = None
        for k in range(min(8, len(words) - 1), 0, -1):
            if code := country_code(" ".join(words[-k:])):
                following, words = code, words[:-k]
                break
        while words and words[-1] in ("of", "and", "the"):
            words.pop()  # a line lost between rows: "Mr. Allen of" / "America"
        name = strip_honorifics(" ".join(words))
        if country and re.match(rf"{UN_TITLE}\s", " ".join(words)) and name:
            rows.append((name, country))
        country = following
    return rows if len(rows) >= 2 else []


ROSTER_LINE = re.compile(r"^Members\s*:\s*(?P<rows>.*(?:\.\s?){2,}.*(?:\.\s?){2,}.*)$")
UN_LEADER = re.compile(r"\s*(?:\.\s?){2,}\s*")


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


def resolve_participants(title, statements, listed, *, summary="", home=None, date=None):
    """Participants from the participant list, the labels, the title and the lead (who met
    whom, who attended); each label resolved within the document. home is the country of
    the government that published the record, whose own offices it names bare; date, the
    record's, says who held them."""
    index = NameIndex()
    roles, countries, addressed = {}, {}, set()
    implied = set()  # whose country is only the publisher's, by an office it names bare

    def note(name, role, country, label="", *, by_home=False):
        """The person's name as known here, or None for what names no person (a label
        may give the office the role leaves out: "MR PRICE"). by_home: the country is the
        publisher's, by a bare office ("PRESIDENT LÓPEZ OBRADOR"); a country the title or
        the lead names ("President López Obrador of Mexico") is taken before it."""
        name = person_name(name, role=label or role, country=country)
        if not name:
            return None
        if country and country == home and held_by_another(name, role, home, date):
            country = None  # the publisher's office, held by another: not theirs
        words = name.split()
        glued = len(words) == 4 and words[2].lower() not in NAME_PARTICLES
        # ("Alexander Van der Bellen": "der Bellen" is no name of its own.)
        known = index.match(" ".join(words[2:])) if glued else None
        named = _role_country(role) if known else None
        if named and named != countries.get(known) and person_name(" ".join(words[:2])):
            # Two names where a comma was lost: "President of Kyrgyzstan Sooronbay Jeenbekov
            # Vladimir Putin", the second another country's; not given names and two
            # surnames ("President Andrés Manuel López Obrador", "López Obrador" known).
            name = " ".join(words[:2])
        elif glued and _printed_apart(words, summary):
            # The same, the second not known yet, where the text names the two apart
            # ("Vladimir Putin and Sooronbay Jeenbekov were informed ...").
            name = " ".join(words[:2])
            note(" ".join(words[2:]), "", None)
        canonical = index.add(name)
        for old, new in list(index.renamed.items()):
            for table in (roles, countries):
                if old in table:
                    table.setdefault(new, table.pop(old))
        index.renamed.clear()
        if role and not roles.get(canonical):
            roles[canonical] = role
        if country and (not countries.get(canonical) or (canonical in implied and not by_home)):
            countries[canonical] = country
            if by_home:
                implied.add(canonical)
            else:
                implied.discard(canonical)
        return canonical

    # Full names first (the participant list, labels, then title), so that short forms
    # resolve to them.
    listed_roles = {}
    for name, role, country, called in listed:
        canonical = note(name, role, country)
        if called and canonical:
            listed_roles.setdefault(normalize_name(called), []).append(canonical)
    label_parts = {}
    for s in statements:
        label = s.speaker_label
        if label in label_parts:
            continue
        parts = split_label(label)
        label_parts[label] = parts
    for label, parts in label_parts.items():
        if len(parts.name.split()) >= 2 and label_kind(label) == "person":
            country = _label_country(parts) or _honorific_country(label)
            if country:
                note(parts.name, parts.role, country, label)
            else:
                note(parts.name, parts.role, _label_country(parts, home), label, by_home=True)
    for name, role in title_people(title) + lead_people(summary) + subject_people(summary):
        country = _role_country(role, home=home)
        if country == home and _state_office(role, home):
            country = own_office_country(
                name, role, home=home, date=date, title=title, summary=summary
            )
        if (
            index.match(name)
            or len(name.split()) >= 2
            or country
            or _office_alone(role)
            or SINGLE_NAME_STYLES.search(role)
        ):
            # One word: "Prime Minister Kishida of Japan", "President Biden's Call with",
            # "Emperor Akihito and Empress Michiko of Japan"
            note(name, role, country)
    if home:
        # "PM meeting with President Biden" / "The Prime Minister met with Joe Biden ...": a
        # government's own readout names its head by the office alone; the holder that day
        # takes part.
        for text in (title, _first_sentence(summary)):
            bare = BARE_HOME_OFFICE.match(text or "")
            holder = bare and office_holder(home, bare.group("office"), date)
            if holder:
                if not index.match(holder):
                    note(holder, OFFICE_NAMES.get(bare.group("office"), bare.group("office")), home)
                break
    for name in title_addressees(title):
        addressed.add(index.match(name))
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
                bare = bare_role(parts.role)
                if titled and not any(
                    p.name and surname_key(p.name) == surname_key(titled)
                    for p in label_parts.values()
                ):
                    who = index.match(titled) or note(titled, bare, _role_country(bare, home=home))
                elif home and (holder := office_holder(home, bare, date)):
                    # Else the publisher's own office holder that day, where its source says
                    # whose record it is (a White House page: "THE PRESIDENT:" beside
                    # "PRESIDENT XI:"); a record that says nothing of it leaves the label to
                    # an editor.
                    who = index.match(holder) or note(holder, bare, home)
        if who is None and parts.name and not _ambiguous(parts.name, index):
            who = note(parts.name, parts.role, _label_country(parts, home), label)
        elif who is not None and not countries.get(who):
            countries[who] = _label_country(parts, home)
        if who is None:
            unresolved.append(label)
        elif parts.role and not roles.get(who):
            roles[who] = parts.role
            countries[who] = countries.get(who) or _role_country(parts.role, home=home)
        resolved.append(
            ParsedStatement(
                speaker=who,
                speaker_label=s.speaker_label,
                text=s.text,
                interpreted=s.interpreted,
            )
        )
    participants = [
        ParsedParticipant(
            name=n,
            role=roles.get(n, ""),
            # "President Biden" of a page that says nothing of its government: the country
            # whose President he was that day.
            country=countries.get(n) or holder_country(n, roles.get(n), date),
            addressee=n in addressed,
        )
        for n in index.people
    ]
    return participants, resolved, unresolved


# The lead's first sentence says who met whom: "Vladimir Putin had a telephone conversation
# with President of France Emmanuel Macron.", "Vladimir Putin met with ..."
LEAD_MEETING = re.compile(
    r"\b(?:had|held) (?:a |an )?(?:(?:brief|short|working|informal|one-on-one|bilateral) )?"
    r"(?:telephone conversation|telephone call|phone call|phone conversation|conversation"
    r"|meeting|talks|video conference|videoconference)s? with\b"
    r"|\bmet (?:at [\w ]{3,40} |in [\w ]{3,40} )?with\b"
    r"|\bspoke (?:today |by telephone |on the (?:tele)?phone |by phone )?with\b"
    r"|\b(?:congratulated|received|sent|wished|thanked|held|chaired"
    r"|took part|take part|participated|attended|visited|met|welcomed|appointed)\b"
)
# A lead that says who laid a wreath, made a visit, toured a place or took a walk names them
# before it ("Vladimir Putin and President of Kyrgyzstan Sooronbay Jeenbekov laid wreaths at
# the Eternal Flame"), and their host after an invitation ("made a state visit to Kyrgyzstan
# at the invitation of President Sooronbay Jeenbekov"); whoever the wreath honours takes no
# part.
LEAD_ACT = re.compile(
    r"\blaid (?:a )?wreaths?\b|\bmade (?:a |an )?(?:state |official |working )?visit\b"
    r"|\btook a walk\b|\btoured\b"
)
INVITATION = re.compile(r"\bat the invitation of (?P<host>[^.,;]+)")
# "Ashgabat hosts talks between Vladimir Putin and President of Turkmenistan Gurbanguly
# Berdimuhamedov.", "The main theme of talks between President Vladimir Putin and
# Chancellor Gerhard Schroeder was ...": who, up to what the sentence goes on to say.
LEAD_BETWEEN = re.compile(
    r"\b(?:talks|meeting|conversation|negotiations|consultations) between"
    r" (?:the )?(?P<who>[A-Z].*?)(?:,? (?:was|were|is|are|will|would|has|have|had|focused|centred"
    r"|centered|dealt|on|in|at|to|during|after|before|where|which|who)\b|\.?$)"
)
# "Taking part in the meeting were ...", "The meeting was attended by ...", "Participants in
# the meeting included ...": a list of names with their offices.
ATTENDANCE = re.compile(
    r"(?:Taking part in (?:the|this) [\w’' -]{2,40}? (?:were|was)"
    r"|(?:The|This) [\w’' -]{2,40}? (?:was|were) (?:also )?attended by"
    r"|Participants in the [\w’' -]{2,40}? included|Also taking part (?:were|was)"
    r"|(?:Also )?present (?:were|was))\s+(?P<list>[^.]+?)\.(?:\s|$)"
)
# "A number of leaders telephoned ..., in particular, President of the Republic of Armenia
# Serzh Sargsyan, ...": only the people named with an office ("companies, including Lukoil,
# Gazprom Neft" names none).
LEADERS = re.compile(
    r"(?:leaders|heads of state)\b[^.]{0,160}?(?:in particular|including|among them)[,:]?"
    r"\s+(?P<list>[^.]+?)\.(?:\s|$)"
)


# A memorandum's subject, under its heading: "SUBJECT" / "• Telcon with President Gorbachev
# of the USSR on May 27, 1991".
SUBJECT = re.compile(
    r"^SUBJECT\b:?[ \t]*\n?(?:[ \t]*\n)*[ \t]*(?:[•●▪*\-–][ \t]*)?(?P<subject>\S[^\n]*)", re.M
)


def subject_people(summary):
    """(name, role) of the people a memorandum's subject names, as a title would."""
    m = SUBJECT.search((summary or "")[:2000])
    return title_people(m.group("subject").strip()) if m else []


def lead_people(summary):
    """(name, role) of the people the lead names as meeting: its first sentence, when it
    says who met, talked to or called whom; and its attendance lists."""
    if not summary:
        return []
    first = _main_clause(_first_sentence(summary))
    if CYRILLIC_LETTER.search(first[:200]):
        # "Владимир Путин провёл переговоры с ...": its first sentence.
        return russian.people(re.split(r"(?<=[а-яё]{2}[.!?])\s+(?=[А-ЯЁ])", first)[0])
    # "... Blinken met today with ...": when it met is no part of who.
    first = re.sub(
        r"\s+(?:today|yesterday|this (?:morning|afternoon|evening))"
        r"(?= (?:with|from)\b| (?:spoke|speaks|met|meets|talked|talks) with\b)",
        "",
        first,
    )
    # Where and when end who met whom: "... welcomed Romanian President Klaus Iohannis to
    # the White House today to celebrate ...".
    who = re.split(
        r"\s+to (?:the )?(?:White House|Kremlin|[A-Z]\w+ (?:Palace|House|Residence))\b"
        r"|\s+(?:today|yesterday|this (?:morning|afternoon|evening))\b(?! (?:with|from)\b)",
        first,
    )[0]
    if between := LEAD_BETWEEN.search(who[:300]):
        # Between one and the other, each read apart: "between the President of Russia and
        # Chairman of the State Affairs Commission of the DPRK Kim Jong-un" are two people.
        sides = between.group("who").rstrip(".")
        if _shared_office(sides):
            people = title_people(sides)
        else:
            people = [p for side in sides.split(" and ", 1) for p in title_people(side.strip(" ,"))]
    elif LEAD_MEETING.search(first[:300]):
        people = title_people(who.rstrip("."))
    elif act := LEAD_ACT.search(first[:300]):
        people = title_people(first[: act.start()].strip())
        if invited := INVITATION.search(first[act.end() :]):
            people += title_people(invited.group("host").strip())
    else:
        people = []
    # A sentence is no title: what it says before an office is not part of it ("the
    # ceremony to award an honorary doctorate of St Petersburg State University to President
    # of China Xi Jinping"; an "Ambassador to India" stays one).
    people = [(name, _office_in_sentence(role)) for name, role in people]
    for m in ATTENDANCE.finditer(summary[:5000]):
        people += attendance_people(m.group("list"))
    for m in LEADERS.finditer(summary[:5000]):
        people += [(name, role) for name, role in attendance_people(m.group("list")) if role]
    return people


def _printed_apart(words, text):
    """Whether a text prints the two halves of a name of four words as two names of their
    own, each apart from the other: two people whose names a lost comma ran together."""
    first, second = " ".join(words[:2]), " ".join(words[2:])
    if not (person_name(first) and person_name(second)):
        return False
    rest = " ".join((text or "").split()).replace(" ".join(words), " ")
    return bool(
        re.search(rf"\b{re.escape(first)}\b(?! {re.escape(second)})", rest)
        and re.search(rf"(?<!{re.escape(first)} )\b{re.escape(second)}\b", rest)
    )


def _office_in_sentence(role):
    """The office at the end of what a sentence says before a name."""
    for m in reversed(list(re.finditer(r"\s+(?:to|for|by|from)\s+(?=([A-Z]\w*))", role))):
        before = role[: m.start()].split()[-1:]
        if before and before[0].lower() in ROLE_WORDS:
            continue  # "Minister for Foreign Affairs", "Envoy for Climate"
        if m.group(1).lower() in ROLE_WORDS:
            return role[m.end() :]
    return role


def attendance_people(text):
    """(name, role) of each person in a list such as "Prime Minister Dmitry Medvedev,
    Federation Council Speaker Valentina Matviyenko and Minister of Industry and Trade Denis
    Manturov"."""
    people = []
    for item in re.split(r",\s*(?:and\s+)?|;\s*", " ".join(text.split())):
        if re.match(r"(?:including|such as|among them|as well as|in particular)\b", item):
            break  # "heads of major companies, including Lukoil, Gazprom Neft, ...": no people
        pieces = [item]
        if " and " in item:
            # "Defence Minister Sergei Shoigu and Security Council Secretary Nikolai
            # Patrushev" (two people), "Minister of Industry and Trade Denis Manturov" (one).
            head, _, tail = item.rpartition(" and ")
            if (
                len(split_label(head).name.split()) >= 2
                and len(split_label(tail).name.split()) >= 2
            ):
                pieces = [head, tail]
        for piece in pieces:
            parts = split_label(piece.strip())
            if len(parts.name.split()) >= 2 and all(_name_word(w) for w in parts.name.split()):
                role = _clause_role(parts.role) or ""
                people.append((parts.name, role))
    return people


def bare_role(role):
    """A role without its article: "The President", "Le Président de la République"
    (France's President, so styled) give "President", "Président"."""
    role = re.sub(r"^(?:the|le|la)\s+", "", role.strip(), flags=re.I).strip()
    return re.sub(r"\s+de\s+la\s+république$", "", role, flags=re.I)


def _titled_person(title, role):
    """The name the title gives after a bare role: 'President' in 'Remarks by President
    Biden and Prime Minister Kishida' gives 'Biden'."""
    bare = bare_role(role or "")
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


# Honorifics of one country's own: India's officials are "Shri" and "Smt." in its records
# ("Shri Arindam Bagchi, Official Spokesperson").
COUNTRY_HONORIFICS = re.compile(r"^(?:Shri|Shrimati|Smt\.?|Sushri)\s+[A-Z]")


def _honorific_country(label):
    return "IN" if COUNTRY_HONORIFICS.match(label.strip()) else None


def _label_country(parts, home=None):
    """A label's country: from its role, or a note naming one ("Mr. Nebenzia (Russian
    Federation)")."""
    return _role_country(parts.role, home=home) or next(
        (c for piece in parts.note.split(";") if (c := country_code(piece.strip()))), None
    )


def role_country(role):
    """The country (or the organisation) a role names or implies: "President of Azerbaijan"
    gives AZ, "NATO Secretary General" NATO's code."""
    return _role_country(role)


@functools.lru_cache(maxsize=16384)
def _role_country(role, *, home=None):
    """The country a role names ("President of Azerbaijan", "Chinese Foreign Minister"), or
    that an office implies ("State Councilor", "Secretary of State"; the publishing
    government's own "President" or "Prime Minister", where it is that country's: home)."""
    # "Ambassador to the USA", "Envoy in Syria": the post's country, not the person's; nor
    # the country a ministry's division deals with ("Chief of USA Division, Foreign
    # Ministry", a Soviet official).
    role = re.sub(r"\b(?:to|in|at)\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*", "", role or "")
    role = re.sub(r"\b[A-Z][\w.]*\s+(?:Division|Department|Desk|Section|Bureau)\b", "", role)
    found = find_countries(role)
    if found:
        return found[0]
    office = re.sub(r"^(?:the|acting|former)\s+", "", normalize_name(role))
    return (
        OFFICE_COUNTRIES.get(office)
        or region_country(role)
        or (home if office in HOME_OFFICES.get(home, ()) or _state_office(office, home) else None)
    )


def own_office_country(name, role, *, home, date, title="", summary=""):
    """home, where a record of its government names one of its own by an office of its
    state alone ("Defence Minister Sergei Shoigu" on kremlin.ru), else None. Not where the
    archive knows that office's holder that day to be another, nor where the title or the
    lead names another country: an office it names bare may be that country's, cut from its
    name ("German Vice Chancellor and Economy and Energy Minister Sigmar Gabriel" read as
    an "Energy Minister")."""
    if not _state_office(role, home) or held_by_another(name, role, home, date):
        return None
    if set(find_countries(f"{title}\n{_first_sentence(summary)}")) - {home}:
        return None
    return home


def other_sides_officials(participants, parties, *, home, date):
    """The participants, those named by an office alone given the other side's country,
    where the record does not say whose it is (home) and has two sides, of which every
    participant of known country is of one: a government names the other side's officials
    with their country and its own by the office alone ("Foreign Minister Wang Yi held
    telephone talks with Secretary of State John Kerry of US", a Chinese embassy's page)."""
    states = [code for code in parties if not is_organisation(code)]
    if home or len(states) != 2:
        return participants
    known = {p.country for p in participants if p.country}
    if len(known) != 1 or not known <= set(states):
        return participants
    (other,) = set(states) - known
    return [
        replace(p, country=other)
        if not p.country
        and _bare_state_office(p.role)
        and not held_by_another(p.name, p.role, other, date)
        else p
        for p in participants
    ]


def own_side(participants, parties, title, *, summary="", date=None):
    """The side whose record this is, where the record does not say (no site, no agency):
    a government names its own by the office alone, or by the name alone where it is its
    head's or minister's, and the other side's with their country ("Readout of President
    Joseph R. Biden Jr. Call with President Xi Jinping of the People's Republic of China";
    "Xi Jinping Speaks with U.S. President Joe Biden"; "Vladimir Putin had a telephone
    conversation with President of the United States Donald Trump").

    Of two sides only, where every participant named so is of one, one of them the title
    names or the lead opens with, and someone of the other is named with their country; else
    None. (A record of a visit names its host bare too, "President Jacob Zuma", where the
    title does not name him: "Visit to South Africa".)"""
    states = [code for code in parties if not is_organisation(code)]
    if len(states) != 2:
        return None
    bare, named, titled = set(), set(), False
    folded = fold(title or "")
    opening = fold(_first_sentence(summary)[:60]) if summary else ""
    for p in participants:
        if not p.country:
            continue
        if (p.role and is_bare_office(p.role, office_key(p.role))) or (
            not find_countries(p.role) and holder_country(p.name, p.role, date) == p.country
        ):
            bare.add(p.country)
            surname = fold(p.name.split()[-1])
            titled = titled or surname in folded or opening.startswith(fold(p.name))
        elif p.role and p.country in find_countries(p.role):
            named.add(p.country)
    if titled and len(bare) == 1 and len(named) == 1 and bare != named:
        if bare | named == set(states):
            return next(iter(bare))
    return None


def _bare_state_office(role):
    """Whether a role is a state's head's or foreign minister's office and says no more:
    "Foreign Minister", "President", "Queen"; not "Deputy Foreign Minister", "Federal
    Chancellor", "Energy Minister" (a government's own records name every office of its
    own so), nor "President of United Shipbuilding Corporation"."""
    office = office_key(role)
    return office in OTHER_SIDES_OFFICES and is_bare_office(role, office)


# The offices a government's records name bare for another side's holder too, where that
# side is plain ("President Jacob Zuma" on a visit to South Africa).
OTHER_SIDES_OFFICES = frozenset(
    {
        "president",
        "vice president",
        "prime minister",
        "foreign minister",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "crown prince",
    }
)


@functools.lru_cache(maxsize=16384)
def _state_office(office, home):
    """Whether a government's own records name this office bare for one of their own, as
    they name every office of their state (not only the few of HOME_OFFICES)."""
    office = re.sub(r"^(?:the|acting|former)\s+", "", normalize_name(office or ""))
    if home not in STATE_OFFICE_WORDS:
        return False
    # Russia's sites (kremlin.ru, government.ru, mid.ru) name every foreign official with
    # their country ("Foreign Minister of Japan", "Slovak Foreign Minister") and their own
    # by the office alone: "Defence Minister", "Presidential Aide", "Director of the Federal
    # Security Service". Not a head's office (another's Prime Minister goes so too: see
    # HOME_OFFICES), nor an organisation's ("Secretary-General") or a company's ("Gazprom
    # CEO"): every word is one of a state's offices.
    words = re.findall(r"[a-z’']+", office)
    if not words or office in HEAD_OFFICES or not set(words) & OFFICE_POSTS:
        return False
    if re.search(r"\bsecretary[- ]general\b", office):  # an organisation's head
        return False
    if "prime" in words and "deputy" not in words:
        return False
    return all(word in STATE_OFFICE_WORDS[home] for word in words)


# Offices that only one country has.
OFFICE_COUNTRIES = {
    "secretary of state": "US",
    "state councilor": "CN",
    "state councillor": "CN",
    "taoiseach": "IE",
    "tanaiste": "IE",
}
# The offices a government's own records name without a country: "PRESIDENT BIDEN",
# "SECRETARY BLINKEN" (whitehouse.gov, state.gov), "The Prime Minister" (gov.uk).
HOME_OFFICES = {
    "US": {"president", "vice president", "secretary", "secretary of state", "first lady"},
    "GB": {"prime minister", "foreign secretary", "pm", "chancellor of the exchequer"},
    "DE": {"bundeskanzler", "bundeskanzlerin", "chancellor", "federal chancellor"},
    "AU": {"prime minister", "pm"},
    "CA": {"prime minister", "pm"},
    "IN": {"prime minister", "pm"},
}


# The posts a state's office is one of, and the words its offices are made of.
OFFICE_POSTS = frozenset(
    """minister speaker director secretary aide chief chairman chairwoman chairperson head
    prosecutor envoy commissioner adviser advisor representative commander ombudsman governor
    spokesperson""".split()
)
HEAD_OFFICES = frozenset({"chairman of the state council", "chairman of the government"})
STATE_OFFICE_WORDS = {
    "RU": OFFICE_POSTS
    | frozenset(
        """deputy first acting prime of the and for state duma federation council security
        presidential president’s president's executive office staff federal service defence
        defense interior internal affairs foreign finance economic development industry trade
        energy transport healthcare health education science higher culture sport sports
        agriculture natural resources environment ecology labour social protection justice
        emergencies emergency situations disaster relief civil communications mass media
        digital construction housing utilities regional north caucasus far eastern east arctic
        intelligence border guard national customs taxation tax investigative committee
        central bank accounts chamber general supreme constitutional court government
        administration plenipotentiary human rights children’s children's entrepreneurs
        military armed forces press protocol navy aerospace troops member""".split()
    )
}


def meeting_countries(
    participants, *, title, summary, statements, host, home, kind, date, tagged=()
):
    """(parties, mentioned): the countries that take part in a meeting, and those that are
    only discussed.

    Parties are the countries of the participants, the countries a title gives offices or
    sides ("Russian-Chinese talks"; not what follows "on": "Meeting on Syria"), the
    publishing government's (home), and the host where the meeting is a visit: unless two
    other countries meet there ("Meeting with Prime Minister Theresa May" in Hangzhou is no
    Chinese meeting). Every other country the title or the text names is mentioned.
    """
    parties = []

    def add(code):
        # A former state takes no part in what happens after its end ("Unveiling of a
        # monument to Soviet soldiers", 2016): it is mentioned.
        if code and code not in parties and existed_on(code, date):
            parties.append(code)

    # The countries of the record's own officials known only by the office they held that
    # day ("President Vladimir Putin" of a page that names no country) take part, but say
    # nothing of the other side, nor of where they met: they are added last.
    # (Unless another participant is of that country by other words.)
    by_office, by_words = set(), set()
    for p in participants:
        if p.country:
            known_by_office = not find_countries(p.role or "") and (
                holder_country(p.name, p.role, date) == p.country
                or (p.country == home and _state_office(p.role, home))
            )
            (by_office if known_by_office else by_words).add(p.country)
    own = by_office - by_words
    for p in participants:
        if p.country not in own:
            add(p.country)
    head, topic = _title_topic(title)
    # An organisation takes part through an official acting for it, or as a side of a
    # pair ("Russia–EU summit", below); named otherwise, it is discussed.
    for code in find_countries(head):
        if not is_organisation(code):
            add(code)
    if not parties:
        # Where neither the people nor the title say, the lead's first sentence does, before
        # what was discussed: "Vladimir Putin took part in the World Energy Congress in
        # Istanbul, Turkey."
        lead_head, _ = _title_topic(_main_clause(_first_sentence(summary)))
        for code in find_countries(lead_head) + [
            city_country(m.group(1)) for m in IN_PLACE.finditer(lead_head)
        ]:
            if not is_organisation(code):
                add(code)
    add(home)
    # Two countries joined as sides: "US-UK relationship", "Russian-Turkish talks": with one
    # of them a party, both are; a title's pair is the meeting's sides whatever else is
    # known ("Russian-Kyrgyzstani talks"), a lead's may report other talks ("The Russian-
    # Chinese talks discussed ...", in a Cabinet meeting).
    for text, alone in ((title, True), ((summary or "")[:300], False)):
        for m in COUNTRY_PAIR.finditer(text or ""):
            first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            pair = [find_countries(first), find_countries(second)]
            codes = [found[0] for found in pair if found]
            if len(codes) == 2 and (set(codes) & set(parties) or (alone and not parties)):
                for code in codes:
                    add(code)
    if kind == "message":
        # A message goes to a country's people, its leader, an event there: "Condolences
        # following terrorist attack in Ankara", "... on his election as President of France".
        for code in find_countries(topic):
            add(code)
    # The host of a visit or a summit takes part; others meeting there do not make it a
    # party ("Meeting with Prime Minister Theresa May" in Hangzhou, "PM meeting with
    # President Biden" at the G7 in Italy), unless nobody's country is known.
    visit = kind in ("visit", "summit") or bool(VISIT.search(title or ""))
    visit = visit or bool(MULTILATERAL.search(title or ""))
    known = {p.country for p in participants if p.country}
    # Two others meeting there (the Russia–US summit in Helsinki, President Biden and
    # President Xi in Bali, BRICS leaders in Osaka, Vice President Harris and President
    # Zelenskyy in Munich, her country known by her office alone): the host is no party;
    # the host of a summit of many (the SCO's in Astana) is.
    others_meet = host not in known and len(known) >= 2
    known -= own
    others_meet = others_meet and not (kind == "summit" and len(known) >= 3)
    if host and not others_meet and (host in known or visit or not known):
        add(host)
    for code in sorted(own):
        add(code)
    mentioned = []
    texts = [title, summary] + [s.text for s in statements]
    for code in find_countries("\n".join(t for t in texts if t)):
        if code not in parties and code not in mentioned:
            mentioned.append(code)
    # A web page's own country tags ("Geography: Kazakhstan") are the publisher's word on
    # the countries the record concerns, more than the text's: a country the text does not
    # name ("Meeting with President and CEO of BASF Kurt Bock": Germany), the host of a
    # meeting held on a visit there (Hungary, for Mongolia's President met in Budapest),
    # the country a summit is held about (Syria, for the Astana format's) take part.
    for code in tagged:
        add(code)
    mentioned = [code for code in mentioned if code not in parties]
    return parties, mentioned


# Where a title's topic starts: "Meeting with X" / "on the situation in Syria".
TITLE_TOPIC = re.compile(
    r"\s(?:on|about|over|regarding|concerning|to discuss|discussed|dedicated to|devoted to"
    r"|marking|commemorating|in connection with|in memory of|the situation|issues of)\s"
)


@functools.lru_cache(maxsize=4096)
def _first_sentence(text):
    # kremlin.ru's links to its people leave spaces before the stop after a name ("to
    # President of China Xi Jinping    . The degree was ..."): the sentence ends there.
    paragraphs = (text or "").split("\n\n")
    while len(paragraphs) > 1 and (
        ABOUT_THE_TEXT.match(paragraphs[0].strip())
        or (paragraphs[0].isupper() and len(paragraphs[0].split()) <= 6)  # "READOUT"
    ):
        paragraphs.pop(0)  # "The following is attributable to Spokesperson Ned Price:"
    lead = re.sub(r"[ \t]+(?=[.,;:!?])", "", paragraphs[0])
    for m in re.finditer(r"(?<=[a-z]{2}[.!?])\s+(?=[A-Z])", lead):
        # Not after a title's short form: "with the Hon. Antony Blinken", "Mr. Price".
        if lead[: m.start()].rsplit(None, 1)[-1].rstrip(".") not in ABBREVIATIONS:
            return lead[: m.start()]
    return lead


# A lead's words about the text before it: whose words it is, where it was published.
ABOUT_THE_TEXT = re.compile(
    r"^(?:The (?:below|following) (?:is|are) attributable to\b.{0,80}:"
    r"|The following (?:Readout|statement|transcript|text)\b.{0,200}"
    r"\b(?:published|released|issued)\b.*)$",
    re.I | re.S,
)
ABBREVIATIONS = frozenset(
    "Hon Rt Mr Mrs Ms Dr St Gen Col Lt Sen Rep Gov Amb Rev Prof Jr Sr Sgt Capt Adm Maj Messrs "
    "Mme Mlle No Nos Vol".split()
)


def _main_clause(sentence):
    """A sentence without what it says first of another event: "Before talks with DPRK State
    Affairs Commission Chairman Kim Jong-un, Vladimir Putin had a working meeting with
    Primorye Territory Governor Oleg Kozhemyako" is of the meeting with the Governor."""
    m = re.match(
        r"(?:Before|After|Following|Ahead of|Prior to|On the eve of)\b[^,]{3,200},\s+", sentence
    )
    return sentence[m.end() :] if m else sentence


def _title_topic(title):
    """(who meets, what about) of a title; a place after a bar is neither ("... Before
    Bilateral Meeting | Munich, Germany")."""
    title = re.sub(r"\s+\|\s+[^|]*$", "", title or "")
    m = TITLE_TOPIC.search(title)
    return (title[: m.start()], title[m.end() :]) if m else (title, "")


COUNTRY_PAIR = re.compile(
    r"\b([A-Z][\w.]+)\s?[-–]\s?([A-Z][\w.]+)\s+(?:[a-z-]+\s+){0,2}?(?:talks|relations"
    r"|relationship|summit|consultations|negotiations|cooperation|meeting|commission|forum"
    r"|partnership|ties|dialogue|friendship|treaty|summits|intergovernmental|bilateral|alliance)\b"
    # "the 70th anniversary of diplomatic relations between Russia and China"
    r"|\b(?:relations|talks|ties|cooperation|friendship|partnership|treaty|agreement|summit"
    r"|alliance)"
    r" between ([A-Z][\w.]+(?: [A-Z][\w.]+)?) and (?:the )?([A-Z][\w.]+(?: [A-Z][\w.]+)?)"
)
IN_PLACE = re.compile(r"\bin ((?:St |St\. )?[A-Z][\w-]+(?: [A-Z][\w-]+)?)")
# A gathering of many: its host takes part.
MULTILATERAL = re.compile(
    r"\b(?:summit|forum|conference|congress|G ?20|G ?7|G ?8|BRICS|SCO|CSTO|CIS|APEC|ASEAN"
    r"|Council of Heads)\b",
    re.I,
)
VISIT = re.compile(r"\bvisits?\b|\barrived\b|\barrives\b|\btrip to\b", re.I)


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


# What separates the people a title names, and what follows a separator: a person ("meets
# with", "Congratulations to"), a person the record is addressed to ("Message to", "wished"),
# or a topic, a place or an occasion, where a name without an office is no person ("on
# Independence Day", "in Red Square").
TITLE_SPLIT = re.compile(
    # ("Said" is a name: "Sayyed Qaboos bin Said Al Bu Said, Sultan of Oman".)
    r"(\s+(?:meets? with|met with|meeting with|talks with|talked with|conversations? with|meets?|"
    r"calls? with|receive[sd]? (?:a |an )?(?:(?:congratulatory|courtesy|telephone|phone) ){0,2}"
    r"call from|and|with|receives|received|hosts|hosted|welcomes|welcomed|to meet|visit(?:s)? to|"
    r"by|during|at|before|after|following|ahead of|prior to|upon|on|in|between|held|has|have|"
    r"spoke with|speaks with|spoke|speaks|(?-i:says|said)|arrived|arrives|attended|attends|"
    r"visited|took part|takes part|"
    r"appointed|appoints|thanked|thanks|awarded|"
    r"congratulated|congratulates|wished|wishes|(?:sent|gave|conveyed|extended) (?:a |his |her )?"
    r"(?:(?:warmest|warm|heartfelt|sincere|birthday|new year) ){0,3}(?:message|telegram|letter"
    r"|greetings|condolences|congratulations|wishes)"
    r"(?: of [\w ]{3,30}?)? to|sends? (?:a )?(?:message|telegram|letter|reply)(?: [\w ]{3,40}?)?"
    r" to|"
    r"встреча с|встретился с|беседа с|переговоры с|и|с|und|mit|am|im)\s+|,\s+|;\s+|:\s+|"
    # "... Jens Stoltenberg | Madrid, Spain": the place after a bar
    r"\s+\|\s+|"
    r"^(?:(?:Message|Telegram|Letter|Address|Reply|Greetings|Congratulations?|Condolences"
    r"|Birthday greetings|New Year greetings)(?: of [\w ]{3,30}?)? to|Telephone conversations?"
    r" with|Meeting with|Talks with|Conversation with)\s+)",
    re.I,
)
# After these a name with no office is none: "congratulated George W. Bush on Independence
# Day", "Russia Day was celebrated in Red Square".
TOPIC_SEPARATORS = frozenset(
    """on upon in at during before after following ahead of prior to held has have spoke speaks
    says said arrived arrives attended attends visited took part takes part visit to visits
    to |""".split()
)
MESSAGE_SEPARATOR = re.compile(
    r"^(?:congratulated|congratulates|wished|wishes|sent|sends|message|telegram|letter"
    r"|address|reply|greetings|congratulations?|condolences|birthday greetings"
    r"|new year greetings)\b",
    re.I,
)
# A name, then what of it a title speaks of: an organisation's ("Mazda Sollers engine
# plant", "Rossiya TV channel"), no person's.
ORGANISATION_PLACE = re.compile(
    r"^(?:[A-Z][\w.'’&-]*\s+){1,4}(?:[a-z]+\s+)?(?:plant|factory|works|shipyard|mine|channel"
    r"|company|station|port|airport|hospital|museum|university|school|centre|center"
    r"|headquarters|office|studio|newspaper|magazine|stadium|refinery|terminal)$"
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


# What a title says of itself before it names anyone: "Readout of President Biden's Call
# with ...", "Remarks by President Biden and ...", "Statement from ...".
TITLE_DOCUMENT = re.compile(
    r"^(?:corrected:\s*)?(?:joint\s+)?(?:readout|read-out|remarks|statement|press statement"
    r"|press release|transcript|opening remarks|joint statement)s?\s+(?:of|by|from)\s+(?:the\s+)?"
    r"(?=[A-Z])"
    # German: "Pressekonferenz von Bundeskanzler Scholz und ...", "Rede von ..."
    r"|^(?:Pressekonferenz|Pressestatement|Pressestatements|Statement|Rede|Erklärung)"
    r"\s+(?:von|des|der)\s+",
    re.I,
)


def title_people(title):
    """(name, role) pairs named in a title: 'Mikhail Mishustin meets with President of
    Azerbaijan Ilham Aliyev' gives Mishustin, and Aliyev as President of Azerbaijan;
    'Readout of President Biden's Call with Prime Minister Johnson' gives Biden and Johnson
    with their offices (a readout is no office)."""
    title = TITLE_DOCUMENT.sub("", title or "")
    if CYRILLIC_LETTER.search(title):
        return russian.people(title)  # names and offices declined (see russian.py)
    if shared := _shared_office(title):
        return shared
    people, last = [], None  # last: the person an apposition may be of
    office = ""  # an office before a comma, of the name after it
    chunks = _title_chunks(title)
    for n, (separator, chunk) in enumerate(chunks):
        person = _chunk_person(chunk, separator)
        if (
            person
            and office
            and not person[1]
            and separator == ","
            and (n + 1 == len(chunks) or chunks[n + 1][0] == ",")
        ):
            # "the President of the United States of America, H.E. Mr. Joseph R. Biden",
            # "met the Prime Minister of Turkey, Recep Tayyip Erdogan, and ...": the name
            # alone between commas (not "..., Vladimir Putin gave his greetings to ...").
            person = (person[0], office)
        office = ""
        if person:
            people.append(person)
            last = len(people) - 1
        elif last is not None and not people[last][1] and (role := _apposition(separator, chunk)):
            people[last] = (people[last][0], role)
        elif OTHER_NAMED.match(chunk.strip()) or (chunk[:1].isupper() and separator != ","):
            # Someone or something named after them: an office that follows is not theirs
            # ("Vladimir Putin sent a message to congratulate Aslan Bzhania on his election
            # as President of Abkhazia"; "Vladimir and Lyudmila Putin were welcomed by
            # Charles, the Prince of Wales"; "Vladimir Putin congratulated Russian Jews on
            # Rosh Hashanah, the Jewish New Year").
            last = None
        if (
            not person
            and (separator != "," or chunk.startswith("and "))  # ", and the Prime Minister"
            and (m := OFFICE_ENDING.search(chunk))
        ):
            office = m.group("office") if find_countries(m.group("office")) else ""
    return people


OTHER_NAMED = re.compile(r"^[a-z][\w-]*\s+[A-Z]")


# One office for several, each with their country: "Presidents Vladimir Putin of Russia and
# Heydar Aliyev of Azerbaijan held negotiations".
SHARED_OFFICE = re.compile(r"^(?P<office>Presidents|Prime Ministers|Foreign Ministers)\s+(?=[A-Z])")
OF_COUNTRY = re.compile(
    r"(?P<name>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,4})\sof\s"
    r"(?P<country>(?:the\s)?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,3})"
    r"(?P<end>,\s(?:and\s)?|\sand\s|\s(?=[a-z])|$)"
)


def _shared_office(title):
    """[(name, "President of Russia"), ...] where a title opens with one office for several
    people, each named with their country or not; else []."""
    opening = SHARED_OFFICE.match(" ".join(title.split()))
    if not opening:
        return []
    text, at = " ".join(title.split()), opening.end()
    office = opening["office"][:-1]  # "Presidents", "Prime Ministers"
    people = _named_in_turn(OF_COUNTRY, text, at, lambda m: f"{office} of {m['country']}")
    # "Presidents Vladimir Putin and Leonid Kuchma attended ...": each holds the office.
    people = people or _named_in_turn(NAMED_ONE, text, at, lambda m: office)
    return people if len(people) >= 2 else []


def _named_in_turn(pattern, text, at, role):
    """(name, role(match)) of each person pattern matches from at, one after another, until
    one is followed by what they did."""
    people = []
    while m := pattern.match(text, at):
        people.append((m["name"], role(m)))
        at = m.end()
        if "," not in m["end"] and "and" not in m["end"]:
            break
    return people


NAMED_ONE = re.compile(
    r"(?P<name>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3})(?P<end>,\s(?:and\s)?|\sand\s|\s(?=[a-z])|$)"
)


def _apposition(separator, chunk):
    """The office a chunk gives the person before it: "Natalya Zhdanova appointed Acting
    Governor of Trans-Baikal Territory", "Francois Fillon, prime minister of France between
    2007 and 2012", "Shinzo Abe on his election as Prime Minister of Japan"."""
    chunk = " ".join(chunk.split()).strip(" .")
    if separator in ("on", "upon"):
        m = ELECTED_AS.match(chunk)
        if not m:
            m = ELECTION_IN.match(chunk)
            return f"of {m.group('country')}" if m and country_code(m.group("country")) else ""
        chunk = m.group("role")
    elif separator not in (",", "appointed", "appoints"):
        return ""
    words = chunk.split()
    if not words or words[0].lower() not in (ROLE_WORDS | ROLE_MODIFIERS) - LINKING_WORDS:
        # ("and the Prime Minister of Italy, Silvio Berlusconi": the next one's office;
        # "at the airfield": where)
        return ""
    role = re.split(r"\s+(?:between|from|since|until|in \d)\b", chunk)[0]
    if words[0].lower() == "the" and not OFFICE_NOUN.search(role):
        return ""  # "the situation", "the 82nd anniversary of ...": no office
    return role if len(role.split()) <= 12 else ""


# What a role after "the" is, one of these at least: "the 41st US President", "the wife of
# Sir Paul McCartney", "the trainer of Russia’s national football team".
OFFICE_NOUN = re.compile(
    r"\b(?:president|minister|chair(?:man|woman|person)?|director|head|leader|secretary"
    r"|ambassador|envoy|patriarch|king|queen|prince|princess|emir|sultan|premier|chancellor"
    r"|governor|mayor|speaker|commissioner|advis[eo]r|representative|commander|chief|rector"
    r"|editor|founder|member|wife|husband|widow|son|daughter|trainer|coach|captain|champion"
    r"|mufti|rabbi|bishop|metropolitan|pope|pontiff|catholicos|imam|lama|ceo|officer"
    r"|spokes(?:person|man|woman)|deputy"
    r"|aide|counsell?or|councill?or|consul|general|marshal|admiral|mother|father|brother"
    r"|sister|author|writer|artist|actor|actress|conductor|composer|singer|scientist"
    r"|professor|teacher|doctor|pilot|cosmonaut|astronaut|veteran|hero|owner|manager)s?\b",
    re.I,
)


# "on his re-election as President of Finland", "on being elected President of the People's
# Republic of China"; "on winning South Korea's presidential election".
ELECTED_AS = re.compile(
    r"^(?:his |her )?(?:re-?election|election|appointment|inauguration|assuming office|taking "
    r"office|being (?:re-?)?elected|being appointed)(?: as| to the (?:post|office) of)? "
    r"(?P<role>[A-Z][\w’' -]+)$"
)
ELECTION_IN = re.compile(
    r"^(?:winning|victory in|(?:his |her )?victory in) (?P<country>[A-Z][\w ]+?)[’']s "
    r"(?:presidential|parliamentary|general) elections?$"
)


def title_addressees(title):
    """The names of those a message's title addresses: 'Congratulations to Emmanuel Macron
    on his election', 'Vladimir Putin wished Xi Jinping a happy birthday'."""
    return [
        person[0]
        for separator, chunk in _title_chunks(title)
        if MESSAGE_SEPARATOR.match(separator) and (person := _chunk_person(chunk, separator))
    ]


def _title_chunks(title):
    """(separator before it, chunk) for each piece of the title between separators."""
    chunks = []
    pieces = TITLE_SPLIT.split(title or "")
    for index, chunk in enumerate(pieces):
        if index % 2:
            continue  # a separator
        separator = " ".join(pieces[index - 1].split()).lower() if index else ""
        # "Minister of Foreign and European Affairs", "Natural Resources and Environment
        # Minister Sergei Donskoy": the split took an "and" inside a role.
        if (
            chunks
            and separator == "and"
            and chunk[:1].isupper()
            # "President Macron of France and Chancellor Scholz of Germany": two people.
            and not (OFFICE_OPENING.match(chunk) and _chunk_person(chunks[-1][1], chunks[-1][0]))
            and (
                re.search(r"\bof(?: the)? [A-Z][\w-]+$", chunks[-1][1])
                or (chunks[-1][1][:1].isupper() and not split_label(chunks[-1][1]).name)
            )
        ):
            chunks[-1] = (chunks[-1][0], f"{chunks[-1][1]} and {chunk}")
        elif chunk.strip():
            chunks.append((separator, chunk))
    return chunks


# A person "of" a country; and then what the title goes on to say, in lower case.
_PERSON_OF = r"^(?P<head>.+{lazy})\s+of\s+(?P<the>the\s+)?(?P<tail>[A-Z][\w .'’-]+)$"
PERSON_OF_COUNTRY = re.compile(_PERSON_OF.format(lazy="?"))  # the first "of"
PERSON_OF_COUNTRY_LAST = re.compile(_PERSON_OF.format(lazy=""))  # the last
PERSON_OF_COUNTRY_THEN = re.compile(
    r"^(?P<head>.+?)\s+of\s+(?P<the>the\s+)?(?P<tail>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)"
    r"\s+(?!(?:and|of|the|for|in|at|on)\b)[a-z].*$"
)


@functools.lru_cache(maxsize=16384)
def _chunk_person(chunk, separator):
    """(name, role) of the person a chunk of a title names, or None."""
    # A possessive ends the name ("Venezuela’s presidential election"), not a "People's
    # Republic".
    chunk = re.sub(r"[’']s$", "", chunk.strip(" .")).strip()
    chunk = re.sub(r"^(?:dem|der|den|des|die)\s+", "", chunk)  # German: "dem ... Präsidenten"
    chunk = re.sub(r"^the\s+(?=Hon\b|Honou?rable\b|Rt\.? Hon\b)", "", chunk, flags=re.I)
    # French: "M. Volodymyr Zelensky" (Monsieur; not an initial: a given name follows).
    chunk = re.sub(r"^(?:M\.|Mme|Mlle)\s+(?=[A-ZÀ-Ý][\w-]+\s+[A-ZÀ-Ý])", "", chunk)
    chunk = re.sub(r"[’']s\s+(?!Republic).*$", "", chunk)
    # How, before what was done: "Recep Tayyip Erdogan warmly wished ...".
    chunk = re.sub(r"(?:\s+(?:[a-z]{3,}ly|also|again|personally|today))+$", "", chunk)
    if not chunk or CYRILLIC_LETTER.search(chunk):
        return None  # a Russian title names people in oblique cases ("с Президентом ...ым")
    if ORGANISATION_PLACE.match(chunk):
        return None  # "Visiting Mazda Sollers engine plant", "Rossiya TV channel"
    m = PERSON_OF_COUNTRY.match(chunk)
    if not (m and country_code(m.group("tail"))):
        # The last "of", where a name stands before it: "Secretary of State John Kerry of
        # US", not "the Immortal Regiment National Patriotic Public Movement of Russia".
        m = PERSON_OF_COUNTRY_LAST.match(chunk)
        if m and m.group("head").split()[-1].lower() in common_words():
            m = None
    if not (m and country_code(m.group("tail"))):
        m = PERSON_OF_COUNTRY_THEN.match(chunk)
        m = m if m and is_country_word(m.group("tail")) else None
    if m:
        # "Prime Minister Keir Starmer of the United Kingdom"; "Emperor Akihito of Japan
        # congratulating him on his birthday"
        chunk = m.group("head")
        tail_role = f"of {m.group('the') or ''}{m.group('tail')}"  # as printed
    else:
        tail_role = ""
    words = chunk.split()
    while words and words[-1].lower().strip(".,") in TITLE_STOP_WORDS:
        words.pop()
    parts = split_label(" ".join(words))
    person = _title_person(parts, tail_role, separator)
    if person is None and words and words[0][:1].isupper():
        # The name first, then what the title says of him: "Alexander Brechalov Acting Head
        # of Republic of Udmurtia", "Xi Jinping a happy birthday", "Raul Castro".
        person = _name_first(words, separator)
    return person


def _title_person(parts, tail_role, separator):
    words = parts.name.split()
    # One word is a name only with an office and a country: "Prime Minister Kishida
    # of Japan".
    styled = SINGLE_NAME_STYLES.search(parts.role)  # "Patriarch Kirill of Moscow"
    # An office alone may name its holder by the surname: "President Biden's Call with
    # Prime Minister Johnson" (whose country the record's publisher, or the archive, says).
    office = _office_alone(parts.role)
    if len(words) > 5 or len(words) < (1 if (tail_role and parts.role) or styled or office else 2):
        return None
    if len(words) == 1 and words[0].lower() in common_words() | ROLE_WORDS:
        return None  # "Enterprises", "Rabbi"
    if re.search(r"[\d/]", parts.name):
        return None  # "United Nations S/PV.8529"
    if not parts.name.isascii() and french_country(parts.name):
        return None  # "Président des États-Unis d'Amérique": an office, no one's name
    if any(w.lower().strip(".,") in TITLE_STOP_WORDS for w in words):
        return None
    if any(w.lower().strip(".,") in OFFICES_HELD for w in words[1:]):
        return None  # "Northeastern Governors": offices, no person
    if not all(_name_word(w) for w in words):
        return None
    if country_code(parts.name) or find_countries(parts.name):
        return None
    role_words = {w.lower().strip(".,") for w in parts.role.split()}
    if parts.role and not role_words & (ROLE_WORDS - LABEL_CONNECTORS - {"to", "on", "in", "at"}):
        return None
    title_role = _clause_role(parts.role)
    if title_role is None or not_a_person(parts.name):
        return None
    role = f"{title_role} {tail_role}".strip()
    if not role and separator in TOPIC_SEPARATORS:
        return None  # "on Independence Day", "in Red Square"
    return parts.name, role


# A record that opens with its government's office, named by no name: "PM meeting with ...",
# "The Prime Minister met with ...", "The President spoke today with ...".
BARE_HOME_OFFICE = re.compile(
    r"^(?:The\s+)?(?P<office>PM|Prime Minister|President|Vice President)(?![\w-])"
    r"(?!\s+(?:of\b|[A-Z]))"
)
OFFICE_NAMES = {"PM": "Prime Minister"}


# Offices in the plural: those who hold them, no one person's name.
OFFICES_HELD = frozenset(
    """presidents governors ministers leaders ambassadors senators mayors heads envoys
    commissioners delegates representatives officials secretaries chairmen premiers monarchs
    chancellors governments delegations spokesmen""".split()
)


# The offices whose holder a title names by the surname alone.
TITLE_OFFICE = (
    r"(?:(?:vice|deputy|first deputy)\s+)?(?:president|prime minister|(?:federal\s+)?chancellor"
    r"|secretary(?:[- ]general)?(?: of state)?|king|queen|emir|amir|crown prince|premier"
    r"|taoiseach|foreign minister|external affairs minister|governor(?:[- ]general)?|pm"
    # German: "Bundeskanzler Scholz", "(dem französischen) Präsidenten Macron"
    r"|(?:[a-zäöüß]+(?:en|er|e)\s+)?(?:bundeskanzler(?:in)?|präsident(?:en|in)?))"
)
TITLE_OFFICES = re.compile(rf"^(?:the\s+)?{TITLE_OFFICE}$", re.I)
# A chunk that opens with an office names another person, whatever the one before ends with.
OFFICE_OPENING = re.compile(rf"(?i:{TITLE_OFFICE})\s+[A-Z]")

# An office of a country that ends a chunk, its holder named after a comma: "... met the
# Prime Minister of Turkey", "... from the President of the United States of America".
OFFICE_ENDING = re.compile(
    rf"(?:^|\b[Tt]he\s+)(?P<office>(?i:{TITLE_OFFICE})\s+of\s+(?:the\s+)?[A-Z][\w'’.-]*"
    rf"(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’.-]*){{0,5}})$"
)


def _office_alone(role):
    """An office that names its holder by the surname ("President Biden"), also where a
    country or an organisation opens it ("United Nations Secretary-General Guterres",
    "Japanese Prime Minister Kishida")."""
    role = " ".join((role or "").split())
    if TITLE_OFFICES.match(role):
        return True
    m = QUALIFIED_OFFICE.match(role)
    return bool(m and find_countries(m.group("of")))


QUALIFIED_OFFICE = re.compile(
    rf"^(?P<of>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}})\s+(?i:{TITLE_OFFICE})$"
)


def _name_word(word):
    return word[:1].isupper() or word.lower() in LABEL_CONNECTORS or _particle_name(word)


def _particle_name(word):
    return bool(re.fullmatch(r"(?:al|el|bin|ibn|de|van|von|d)[-'’]\w+", word))


def _name_first(words, separator):
    """(name, role) where a title gives the name before anything else: the capitalised
    words up to an office's word or a lower-case word. Not a country's word ("Indian
    External Affairs Minister Jaishankar" opens with an office)."""
    if (
        len(words) > 1
        and is_country_word(words[0].strip(".,"))
        and words[1].lower().strip(".,") in ROLE_WORDS
    ):
        return None
    name = []
    for word in words:
        bare = word.lower().strip(".,")
        if bare in ROLE_WORDS - NAME_PARTICLES or not _name_word(word) or len(name) == 5:
            break
        if bare in OFFICES_HELD:
            # "Northeastern Governors": offices, no person; "Presidents Vladimir Putin and
            # ...": an office for several, before their names.
            if name:
                return None
            continue
        if len(name) >= 2 and bare in common_words():
            break  # "Vladimir Putin Sent Greetings to ..."
        name.append(word)
    while name and name[-1].lower() in LABEL_CONNECTORS:
        name.pop()
    if len(name) < 2 or separator in TOPIC_SEPARATORS:
        return None
    rest = words[len(name) :]
    role = _clause_role(" ".join(rest)) if rest and rest[0].lower() in ROLE_WORDS else ""
    return " ".join(name), (role or "").strip()


# A role ending in one of these runs on into what follows it, which is then no person's
# name: "... signed the Federal Law On Ratification of the" + "Consular Convention".
BINDING_WORDS = {"of", "the", "and", "for", "on", "a", "an"}
# Words of a role that never open one after a name and a comma ("the" and "of" may: "the
# 41st US President", "of Brunei Darussalam").
LINKING_WORDS = frozenset({"and", "at", "on", "in", "for", "to"})
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
    role = " ".join(re.sub(r"\([^)]*\)", " ", role).split())  # "(1999–2004)"
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
            or german_country_word(bare)  # "dem französischen Präsidenten Macron"
        ):
            break
        keep -= 1
    words = words[keep:]
    # "Condolences to King", "Middle East to King": what comes before "to" holds no office.
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() == "to":
            if not {w.lower() for w in words[:i]} & (ROLE_WORDS - LABEL_CONNECTORS):
                words = words[i + 1 :]
            break
    while words and words[0].lower() in LABEL_CONNECTORS:
        del words[0]
    return " ".join(words)
