"""Encounters: one diplomatic contact, all its records. The talks and the press statements
after them, a joint news conference, each side's readout of a call, a visit's events of one
day with one counterpart are records of one encounter:

    2017-04-27  Meeting with Prime Minister of Japan Shinzo Abe          RU JP  Putin, Abe
    2017-04-27  Press statements following Russian-Japanese talks        RU JP  Putin, Abe
      -> one encounter
    2017-05-14  Meeting with President of China Xi Jinping               RU CN  Putin, Xi
    2017-05-14  Meeting with Premier of the State Council Li Keqiang     RU CN  Putin, Li
      -> two: the same day, the same sides, other counterparts

`group` decides, as a pure function of the records: records of the same day and the same
sides (the parties: countries and organisations) are one encounter when their titles name
the same counterparts, by identity, not by spelling ("Abe", "Shinzo Abe", "Prime Minister
Abe"); a record whose title names no counterpart ("Press statements following
Russian-Japanese talks", "Vladimir Putin arrived in China") joins the day's contact whose
counterpart takes part in it, or the day's one contact, where nobody else does. A summit of
many is not one encounter of everyone: its bilateral meetings are encounters of their own,
part of it. Each side's own account of one contact, dated a day apart (a government dates
it by the day it met, another by the day it published), is one encounter too. What an
editor decided (joined, split) stays. `regroup` applies it to the archive's records of
some days, whatever the order they came in.
"""

import datetime
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from meetings.compare import MAX_STATEMENTS
from meetings.identity import variant_words
from meetings.importers.countries import find_countries, publisher_country
from meetings.importers.loader import insert_rows, reserve_ids, update_rows
from meetings.importers.names import fold
from meetings.models import Encounter, Meeting, Participant, Statement


@dataclass(frozen=True)
class Record:
    """What grouping needs of a record."""

    pk: int
    date: object
    sides: frozenset  # the parties' codes
    principals: frozenset  # the people its title names (person ids): see principals()
    everyone: frozenset = field(default_factory=frozenset)  # every participant's person id
    kind: str = ""
    locked: int | None = None  # the encounter an editor put it in
    publisher: str = ""  # the country of the government whose record it is, where known
    multilateral: bool = False  # its title says a summit, a forum, a session of many
    home: str = ""  # the publisher's country, or the usual one where it is not known
    foreign: frozenset = field(default_factory=frozenset)  # participants not of `home`
    forums: frozenset = field(default_factory=frozenset)  # the gatherings its title names


def principals(title, participants, home=None):
    """The people a record's title names, by their surname or their name in it ("Abe";
    "Xi", of Xi Jinping): participants are (person id, name as printed, person's name[,
    person's country]). A title that names only people of the government whose record it
    is (`home`: "Vladimir Putin arrived in China") names no counterpart: nobody then."""
    title = re.sub(r"['’]s\b", "", title or "")  # "Biden’s Meeting"
    # Word by word: a word's folding is cached, a title's would not be.
    words = {_fold_word(w) for w in re.findall(r"[\w'’-]+", title)}
    named, own = set(), set()
    for pk, printed, name, *country in participants:
        if any(word in words for text in (printed, name) for word in _name_ends(text or "")):
            named.add(pk)
            if home and country and country[0] == home:
                own.add(pk)
    return frozenset(named) if named - own else frozenset()


_fold_word = functools.lru_cache(maxsize=65536)(fold)


@functools.lru_cache(maxsize=65536)
def _name_ends(name):
    """The first and last words of a name, folded, as a title may name its bearer by
    either ("Abe"; "Xi", of Xi Jinping): none for a name of no word."""
    words = [w for w in fold(name).split() if variant_words(w)]
    return (words[0], words[-1]) if words else ()


def group(records):
    """[[record pk, ...], ...]: the encounters of these records (of one day or many). A
    record of one side only (a domestic one, or one whose sides are not known) is a contact
    of its own: a day's domestic events are not one."""
    by_pk = {r.pk: r for r in records}
    one_side = []
    by_key = defaultdict(list)
    for r in records:
        (one_side if len(r.sides) < 2 else by_key[(r.date, r.sides)]).append(r)
    days = []
    for key in sorted(by_key, key=lambda k: (k[0], sorted(k[1]))):
        days.extend(_group_sides(by_key[key]))
    groups = _join_days(days, by_pk)
    # A record of one side that names a counterpart of the day's contact of that side (the
    # congratulations sent on the day of a call, a record whose own side is not known)
    # joins it, where only one fits.
    on_day = defaultdict(list)  # date -> (group index, its sides, its people)
    for n, members in enumerate(groups):
        if len(members) == 1:  # most are: their record's own
            r = by_pk[members[0]]
            on_day[r.date].append((n, r.sides, r.everyone))
            continue
        rs = [by_pk[pk] for pk in members]
        sides = frozenset().union(*(r.sides for r in rs))
        people = frozenset().union(*(r.everyone for r in rs))
        for date in {r.date for r in rs}:
            on_day[date].append((n, sides, people))
    for r in one_side:
        fits = [
            n
            for n, sides, people in on_day.get(r.date, ())
            if r.principals
            and r.sides <= sides
            and len(sides) == 2  # a summit's sidelines are contacts of their own
            and r.principals <= people
            and r.sides != {r.publisher}
        ]
        if len(fits) == 1:
            groups[fits[0]] = sorted(groups[fits[0]] + [r.pk])
        else:
            groups.append([r.pk])
    groups = _join_visit(groups, by_pk)
    groups = _join_gathering(groups, by_pk)
    return _keep_locked(groups, {r.pk: r.locked for r in records if r.locked})


def _join_visit(groups, records):
    """A visit's day: the records of one day about the same foreign countries (the sides
    but the publisher's own) whose titles name no counterpart ("Wreath-laying ceremony at
    the monument to Soviet liberators", "Meeting with Russian and Austrian business
    leaders") join the day's one contact whose titles name one (the talks with Kurz), where
    it is the only one, held in person, and nobody else takes part in them. Records of many
    sides stay apart."""
    by_day = defaultdict(list)  # (date, foreign countries) -> group indexes
    for n, members in enumerate(groups):
        rs = [records[pk] for pk in members]
        if any(r.multilateral or r.locked for r in rs) or len({r.date for r in rs}) != 1:
            continue
        foreign = {frozenset(r.sides - {r.home, r.publisher, ""}) for r in rs}
        if len(foreign) != 1:
            continue
        (countries,) = foreign
        if len(countries) == 1:  # a bilateral visit's day, not a round of several
            by_day[(rs[0].date, countries)].append(n)
    gone = set()
    for ns in by_day.values():
        named = [n for n in ns if any(records[pk].principals for pk in groups[n])]
        if len(named) != 1 or len(ns) < 2:
            continue
        (target,) = named
        if all(records[pk].kind in AT_A_DISTANCE for pk in groups[target]):
            continue  # a call takes no visit's events
        people = frozenset().union(*(records[pk].everyone for pk in groups[target]))
        for n in ns:
            others = frozenset().union(*(records[pk].everyone for pk in groups[n]))
            if n != target and others <= people:  # nobody of another contact takes part
                groups[target] = sorted(groups[target] + groups[n])
                gone.add(n)
    return [members for n, members in enumerate(groups) if n not in gone]


def _join_gathering(groups, records):
    """A visit's events naming nobody of the other side but the gathering of many they are
    for ("The President of Russia arrived in Minsk for a CSTO Collective Security Council
    meeting"), on a day of no other contact with the country they are in: they are of
    that gathering, where one of that name is held there that day ("CSTO summit"). An
    arrival that names no gathering may be for another contact: it stays apart."""
    visits = defaultdict(list)  # (date, the country) -> group indexes
    gatherings = defaultdict(list)  # date -> (group index, its sides, the names it gives)
    contacts = defaultdict(int)  # (date, the country) -> its contacts naming someone
    for n, members in enumerate(groups):
        rs = [records[pk] for pk in members]
        dates = {r.date for r in rs}
        if len(dates) != 1 or any(r.locked for r in rs):
            continue
        (date,) = dates
        sides = frozenset().union(*(r.sides for r in rs))
        if len(sides) >= 3 and any(r.multilateral or r.kind == "summit" for r in rs):
            if _in_person(rs):
                gatherings[date].append((n, sides, frozenset().union(*(r.forums for r in rs))))
            continue
        foreign = {frozenset(r.sides - {r.home}) for r in rs}
        if len(foreign) != 1 or len(next(iter(foreign))) != 1:
            continue
        key = (date, next(iter(foreign)))
        if any(r.principals or r.foreign for r in rs) or not _in_person(rs):
            contacts[key] += 1
        else:
            visits[key].append(n)
    gone = set()
    for (date, country), ns in visits.items():
        if contacts[(date, country)]:
            continue
        own = frozenset().union(*(records[pk].forums for n in ns for pk in groups[n]))
        if len(own) != 1:
            continue
        fits = [g for g, sides, names in gatherings[date] if country <= sides and own == names]
        if len(fits) == 1:
            (target,) = fits
            for n in ns:
                groups[target] = sorted(groups[target] + groups[n])
                gone.add(n)
    return [members for n, members in enumerate(groups) if n not in gone]


def _join_days(groups, records):
    """Consecutive days' encounters of the same sides and the same principals are one where
    one is the account of one side's government and the other the other side's: one dates
    its account by the day it met, another by the day it published it, or by its own time
    zone (AZERTAC's "Moscow, February 23" of a meeting of 22 February). One government's
    records of two days are two days' contacts; so are records whose publisher is not
    known, unless a known one's record of their day is of their encounter."""
    about = []
    for members in groups:
        if len(members) == 1:  # most are: their record's own
            r = records[members[0]]
            about.append((r.date, r.date, r.sides, r.everyone, {r.publisher}))
            continue
        rs = [records[pk] for pk in members]
        about.append(
            (
                min(r.date for r in rs),
                max(r.date for r in rs),
                rs[0].sides,
                frozenset().union(*(r.everyone for r in rs)),
                {r.publisher for r in rs},
            )
        )
    by_key = defaultdict(list)
    for n, (_, _, sides, people, _) in enumerate(about):
        by_key[(sides, people)].append(n)
    parent = list(range(len(groups)))

    def root(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    one_day = datetime.timedelta(days=1)
    for (_, people), ns in by_key.items():
        if len(people) < 2 or len(ns) < 2:
            continue
        starting, ending = defaultdict(list), Counter()
        for n in ns:
            starting[about[n][0]].append(n)
            ending[about[n][1]] += 1
        for a in ns:
            later = starting.get(about[a][1] + one_day, [])
            if len(later) != 1 or ending[about[a][1]] > 1:  # which of the day's: not known
                continue
            (b,) = later
            # Whose accounts they are: a record of no known publisher in a day's encounter
            # of a known one's is of that day; a day's records of none join no other day.
            pa, pb = about[a][4] - {""}, about[b][4] - {""}
            sides = about[a][2]
            if not pa or not pb or pa & pb or not (pa | pb) <= sides:
                continue
            parent[root(b)] = root(a)
    joined = defaultdict(list)
    for n, members in enumerate(groups):
        joined[root(n)].extend(members)
    return [sorted(v) for v in joined.values()]


def _group_sides(records):
    """The encounters of one day's records of the same sides."""
    if len(records) == 1:  # most days' sides have one record: its own
        return [[records[0].pk]]
    clusters = defaultdict(list)  # the counterparts a title names -> its records
    for r in records:
        if r.principals:
            clusters[r.principals].append(r)
    # Fewer named within more ("Abe" within "Biden and Suga"... within "Putin and Abe").
    _merge_nested(clusters)
    people = {key: frozenset().union(*(r.everyone for r in rs)) for key, rs in clusters.items()}
    rest = []
    for r in records:
        if r.principals:
            continue
        # A title naming no counterpart: the contact whose counterpart takes part in it...
        fits = [key for key in clusters if key & r.everyone]
        if len(fits) != 1 and len(clusters) == 1 and len(r.everyone) >= 2:
            # ... or the day's one contact, where nobody else takes part in it (a visit's
            # event is no part of a call; one of nobody else's, below).
            (only,) = clusters
            fits = (
                [only]
                if r.everyone <= people[only]
                and (r.kind in AT_A_DISTANCE or _in_person(clusters[only]))
                else []
            )
        if len(fits) == 1:
            clusters[fits[0]].append(r)
        else:
            rest.append(r)
    contacts = list(clusters.values())
    named = len(contacts)
    # The others: by who takes part, the same people one contact.
    by_people = defaultdict(list)
    alone = []
    for r in rest:
        (by_people[r.everyone] if len(r.everyone) >= 2 else alone).append(r)
    _merge_nested(by_people)
    contacts.extend(by_people.values())
    # Who each contact is with: the other side's people its titles name (not the
    # publisher's own, whom every record of the day has: Putin, of every title of a visit).
    counterparts = [
        (key & frozenset().union(*(r.foreign for r in members))) or key
        for key, members in clusters.items()
    ] + [frozenset().union(*(r.foreign for r in members)) for members in by_people.values()]
    # A record naming one person or nobody ("Vladimir Putin arrived in Austria", a
    # wreath-laying): an event of the day's visit, of its one contact held in person, or of
    # the one whose counterpart takes part in most of the day's records.
    left = []
    for r in alone:
        n = _visit_contact(r, contacts, counterparts, named, records)
        if n is None:
            left.append(r)
        else:
            contacts[n].append(r)
    # The rest: a gathering's records naming it one contact ("BRICS leaders' meeting",
    # "Meeting with BRICS Business Council members"), and on a day of no other contact,
    # the events naming none with it (or with each other).
    by_forum = defaultdict(list)
    for r in left:
        by_forum[r.forums].append(r)
    unnamed = by_forum.pop(frozenset(), [])
    if left and not contacts and len(by_forum) <= 1:
        contacts.append([r for rs in by_forum.values() for r in rs] + unnamed)
    else:
        contacts.extend(by_forum.values())
        contacts.extend([r] for r in unnamed)  # which contact of the day: not known
    return [sorted(r.pk for r in members) for members in contacts]


def _merge_nested(groups):
    """{set of people: records}: a set within another is one group with it, where only one
    such set fits (the fewer named within the more)."""
    for core in sorted(groups, key=lambda c: (len(c), sorted(c))):
        if core not in groups:
            continue
        fits = [other for other in groups if other != core and (core < other or other < core)]
        if len(fits) == 1:
            other = fits[0]
            keep, gone = (other, core) if len(other) > len(core) else (core, other)
            groups[keep].extend(groups.pop(gone))


def _in_person(records):
    return any(r.kind not in AT_A_DISTANCE for r in records)


def _of_gathering(record, forums):
    """Whether a record may be of a contact whose titles name these gatherings: one that
    names a gathering, of that gathering only ("arrived in Minsk for a CSTO ... meeting" is
    not of the talks with Lukashenko); one naming none, of a contact of one or none."""
    return record.forums == forums if record.forums else len(forums) <= 1


def _visit_contact(record, contacts, counterparts, named, day):
    """The index of the contact of the day that a record naming no counterpart is an event
    of, or None. The first `named` contacts are those whose titles name a counterpart;
    `counterparts` the people each is with; `day` the day's records of the same sides."""
    fits = [
        n
        for n, members in enumerate(contacts)
        if (record.kind in AT_A_DISTANCE or _in_person(members))
        and _of_gathering(record, frozenset().union(*(r.forums for r in members)))
    ]
    if len(fits) <= 1:
        return fits[0] if fits else None
    # Several: the one whose counterpart takes part in most of the day's records (Xi
    # Jinping's talks and the order he awarded, not the meeting with Li Keqiang), or, of
    # those as many, the one contact whose titles name its counterpart.
    weight = {n: sum(1 for r in day if r.everyone & counterparts[n]) for n in fits}
    top = max(weight.values())
    best = [n for n in fits if weight[n] == top]
    if len(best) > 1:
        best = [n for n in best if n < named]
    return best[0] if len(best) == 1 else None


AT_A_DISTANCE = {"telephone", "video", "message"}  # no visit's event is part of these


def _keep_locked(groups, locked):
    """What an editor decided stays: the records they put in an encounter are that
    encounter, wherever grouping would put them; a record grouping puts with those of one
    such encounter joins it, one it puts with those of two stays apart from both.
    locked: record pk -> the encounter an editor put it in."""
    fixed = defaultdict(list)
    for pk, encounter in locked.items():
        fixed[encounter].append(pk)
    free_groups = []
    for members in groups:
        free = [pk for pk in members if not locked.get(pk)]
        present = {locked[pk] for pk in members if locked.get(pk)}
        if len(present) == 1 and free:
            fixed[present.pop()].extend(free)
        elif free:
            free_groups.append(sorted(free))
    return [sorted(v) for v in fixed.values()] + free_groups


# -- the archive ---------------------------------------------------------------------------

MULTILATERAL = re.compile(
    r"\b(?:summit|forum|conference|congress|G ?20|G ?7|G ?8|BRICS|SCO|CSTO|CIS|APEC|ASEAN"
    r"|Council of Heads|session)\b",
    re.I,
)


def of_many(title):
    """Whether a title says a gathering of many: a summit, a forum, a session; not a news
    conference, nor a summit or forum of two sides ("A Russian-Bulgarian summit was held in
    Sofia", "the Russia-Kyrgyzstan investment forum")."""
    title = NEWS_CONFERENCE.sub("", title or "")
    if not MULTILATERAL.search(title):
        return False
    return not any(
        find_countries(m.group(1)) and find_countries(m.group(2)) for m in SIDES.finditer(title)
    )


NEWS_CONFERENCE = re.compile(r"\b(?:press|news|video)[ -]?conferences?\b", re.I)
# Two sides joined: "Russian-Bulgarian", "Russia–European Union", "Poland-Russia".
SIDES = re.compile(r"\b([A-Z][\w.]+)\s?[-–]\s?([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)")


def on_days(queryset, dates):
    """The rows of these days: by a list of them, or by their span where they are many."""
    dates = set(dates)
    if len(dates) <= 500:
        return queryset.filter(date__in=dates)
    return queryset.filter(date__gte=min(dates), date__lte=max(dates))


def with_neighbours(dates):
    """These days, the days either side (a contact may be dated either side of a day's
    midnight), and the days of the encounters their records are in already: an encounter
    is grouped again whole."""
    one = datetime.timedelta(days=1)
    days = set(dates) | {d + one for d in dates} | {d - one for d in dates}
    for _ in range(10):
        encounters = on_days(Meeting.objects.exclude(encounter=None), days).values("encounter_id")
        more = set(
            Meeting.objects.filter(encounter_id__in=encounters)
            .exclude(date__in=days)
            .values_list("date", flat=True)
            .distinct()
        )
        if not more:
            break
        days |= more
    return days


def records_of(dates):
    """Record of every meeting of these days, as grouping reads them."""
    dates = set(dates)
    meetings = list(
        on_days(Meeting.objects, dates)
        .order_by("pk")
        .values_list(
            "pk",
            "date",
            "title",
            "kind",
            "edited_fields",
            "encounter_id",
            "source_url",
            "source_name",
            "publisher_country__iso_code",
            "host_country__iso_code",
            "place",
        )
    )
    meetings = [m for m in meetings if m[1] in dates]
    # The rows of these meetings, by a subquery: a list of 20,000 ids cost more to send.
    scope = on_days(Meeting.objects, dates).values("pk")
    sides = defaultdict(set)
    for meeting_id, code in Meeting.countries.through.objects.filter(
        meeting_id__in=scope
    ).values_list("meeting_id", "country__iso_code"):
        sides[meeting_id].add(code)
    people = defaultdict(list)
    for meeting_id, *participant in (
        Participant.objects.filter(meeting_id__in=scope)
        .order_by("meeting_id", "position", "pk")
        .values_list("meeting_id", "person_id", "name", "person__name", "person__country__iso_code")
    ):
        people[meeting_id].append(tuple(participant))
    # Whose record each is: the publisher's country, by the row or by its address and name.
    publishers = {m[0]: m[8] or publisher_country(m[6], m[7]) or "" for m in meetings}
    usual = _usual_sides(meetings, people, publishers)
    records = []
    for pk, date, title, kind, edited, encounter_id, _, _, _, host, _ in meetings:
        home = publishers[pk]
        ours = home or usual.get(date, "")  # the publisher's side, or the usual one
        own = frozenset(sides[pk])
        if (
            host
            and len(own - {host}) >= 2
            and len(people[pk]) >= 2
            and all(p[3] != host for p in people[pk])
            and not re.search(r"\barriv|\bvisit", title or "", re.I)  # "arrived in Turkey"
        ):
            own = own - {host}  # the place of a meeting of two others: no side of it
        if len(own) == 1 and ours and ours not in own and not home:
            # A record of another country alone, of a publisher whose side it does not
            # say ("State visit to Kyrgyzstan", "Wreath-laying ceremony at the monument to
            # Soviet liberators"): a contact of the usual side with it.
            own = own | {ours}
        records.append(
            Record(
                pk=pk,
                date=date,
                sides=own,
                principals=principals(title, people[pk], ours),
                everyone=frozenset(p[0] for p in people[pk]),
                kind=kind,
                locked=encounter_id if "encounter" in edited else None,
                publisher=home,
                multilateral=of_many(title),
                home=ours,
                foreign=frozenset(p[0] for p in people[pk] if p[3] != ours),
                forums=forums(title),
            )
        )
    return records, {m[0]: (*m, people[m[0]]) for m in meetings}


def _usual_sides(meetings, people, publishers):
    """date -> the side of the records of that day that do not say whose they are: the
    country whose people take part in most such records of all the days read (Putin's, of
    kremlin.ru's pages), or, where two are as many, in most of the day's. A day of a visit
    to Kyrgyzstan names more Kyrgyz than Russians; the days around it do not."""
    whose = [(m[1], {p[3] for p in people[m[0]] if p[3]}) for m in meetings if not publishers[m[0]]]
    overall = _most(Counter(c for _, countries in whose for c in countries))
    if overall:
        return {m[1]: overall for m in meetings}
    by_day = defaultdict(Counter)
    for date, countries in whose:
        by_day[date].update(countries)
    return {date: _most(counts) for date, counts in by_day.items()}


def _most(counts):
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else ""


FORUMS = {
    "G20": r"G ?20|Group of Twenty",
    "G7": r"G ?7|Group of Seven",
    "G8": r"G ?8|Group of Eight",
    "BRICS": r"BRICS",
    "SCO": r"SCO|Shanghai Cooperation Organi[sz]ation",
    "CSTO": r"CSTO|Collective Security Treaty Organi[sz]ation|Collective Security Council",
    "CIS": r"CIS|Commonwealth of Independent States",
    "EAEU": r"EAEU|EAEC|Eurasian Economic (?:Union|Council|Forum)",
    "APEC": r"APEC|Asia-Pacific Economic Cooperation",
    "ASEAN": r"ASEAN|East Asia Summit",
    "NATO": r"NATO",
    "UN": r"United Nations General Assembly|UN General Assembly|UNGA",
    "Quad": r"Quad",
    "Belt and Road": r"Belt and Road",
}
FORUM_NAMES = list(FORUMS)
FORUM = re.compile(
    r"\b(?:" + "|".join(f"(?P<f{n}>{p})" for n, p in enumerate(FORUMS.values())) + r")\b"
)


def forums(title):
    """The gatherings of many a title names ("BRICS Leaders' Meeting": BRICS; "G20 Summit.
    Day One": G20): records naming two different ones are never one contact."""
    return frozenset(FORUM_NAMES[int(m.lastgroup[1:])] for m in FORUM.finditer(title or ""))


@transaction.atomic
def regroup(dates, joined=()):
    """Put the records of these days into their encounters (see group), reusing the
    encounters they were in; encounters left with no record go. joined: sets of records an
    editor made one encounter of (an export carries them): they are, and stay. Returns how
    many records changed encounter."""
    for pks in joined:
        lock(pks)
    if not dates:
        return 0
    records, meetings = records_of(with_neighbours(dates))
    groups = group(records)
    current = {pk: meetings[pk][5] for pk in meetings}
    taken, assignment, new = set(), {}, []
    # The encounter most of a group's records are in stays theirs (the largest groups
    # first), so that an encounter's address holds as records join it.
    locked = {r.pk: r.locked for r in records if r.locked}
    for members in sorted(groups, key=lambda g: (not any(pk in locked for pk in g), -len(g), g[0])):
        counts = defaultdict(int)
        for pk in members:
            if current[pk] and current[pk] not in taken:
                counts[current[pk]] += 1
        encounter = min(counts, key=lambda e: (-counts[e], e)) if counts else None
        encounter = next((locked[pk] for pk in members if pk in locked), encounter)
        if encounter is None:
            new.append(members)
            continue
        taken.add(encounter)
        for pk in members:
            assignment[pk] = encounter
    created = set()
    if new:
        # Written as plain rows, their ids reserved first: 20,000 model instances took
        # seconds of an import of as many documents.
        ids = reserve_ids(Encounter, len(new))
        rows = []
        for members, pk in zip(new, ids, strict=True):
            values = _description([meetings[m] for m in members])
            rows.append((pk, *(values[f] for f in ENCOUNTER_FIELDS), False))
            for m in members:
                assignment[m] = pk
        insert_rows(Encounter, ["id", *ENCOUNTER_FIELDS, "edited"], rows)
        created = set(ids)
    changed = [pk for pk, encounter in assignment.items() if current[pk] != encounter]
    update_rows(Meeting, ["encounter_id"], [(assignment[pk], pk) for pk in changed])
    # Each encounter's dates, title, place and records, from the records read: they are
    # all its records (with_neighbours read every day of the encounters they were in).
    members = defaultdict(list)
    for pk, encounter in assignment.items():
        members[encounter].append(meetings[pk])
    kept = sorted(set(members) - created)
    have = {}
    for chunk in _chunks(kept):
        for pk, *values in Encounter.objects.filter(pk__in=chunk).values_list(
            "pk", *ENCOUNTER_FIELDS, "edited"
        ):
            have[pk] = values
    rows = []
    for pk in kept:
        values = _description(members[pk])
        old = dict(zip((*ENCOUNTER_FIELDS, "edited"), have.get(pk, ()), strict=False))
        if old.get("edited") and old.get("title"):
            values.update(title=old["title"], place=old["place"])  # as an editor left them
        if pk in have and any(old[f] != values[f] for f in ENCOUNTER_FIELDS):
            rows.append((*(values[f] for f in ENCOUNTER_FIELDS), pk))
    update_rows(Encounter, ENCOUNTER_FIELDS, rows)
    left = {current[pk] for pk in changed if current[pk]} - set(members)
    describe_or_drop(left)
    _link_sidelines(records, assignment)
    return len(changed)


def encounter_title(records):
    """Who met whom: the people the records' titles name ("Joseph R. Biden and Kishida
    Fumio", not the press secretary who gave the floor at their news conference), with the
    first participant of a country they are not of (kremlin.ru's titles name the
    counterparts only: "Shinzo Abe and Vladimir Putin"; "Xi Jinping, Khaltmaagiin Battulga,
    Vladimir Putin"), or, where the titles name one person only and no participant's
    country tells, the first other participant; where they name nobody, the first four
    participants. Where that is one person, the publisher's own whose counterpart no record
    names ("Vladimir Putin"), the records' own words say more: the title of the first that
    is no arrival ("BRICS leaders' meeting", "Top-level Russian-Azerbaijani negotiations
    were held"). records: (title, [(person id, name as printed, person's name, their
    country), ...]), in order."""
    records = list(records)
    named, everyone, country = {}, {}, {}
    for title, participants in records:
        core = principals(title, participants)
        for pk, printed, name, *theirs in participants:
            everyone.setdefault(pk, name or printed)
            country.setdefault(pk, theirs[0] if theirs else None)
            if pk in core:
                named.setdefault(pk, name or printed)
    if not named:
        names = list(everyone.values())[:4]
    else:
        others = _of_other_countries(everyone, named, country)
        if not others and len(named) == 1:
            others = [pk for pk in everyone if pk not in named]
        names = [*named.values(), *(everyone[pk] for pk in others[:1])][:4]
    if len(names) < 2:
        titles = [title for title, _ in records if title]
        return next((t for t in titles if not ARRIVAL.search(t)), titles[0] if titles else "")
    return " and ".join(names) if len(names) == 2 else ", ".join(names)


ARRIVAL = re.compile(r"\barriv(?:ed|es|al)\b", re.I)


def _description(meetings):
    """An encounter's fields from its records' rows (as records_of reads them)."""
    meetings = sorted(meetings, key=lambda m: (m[1], m[0]))
    return _fields([(m[1], m[2], m[10], m[-1]) for m in meetings])


def _fields(records):
    """An encounter's fields from its records, (date, title, place, participants) in order."""
    title = encounter_title((r[1], r[3]) for r in records)
    return {
        "date": records[0][0],
        "last_date": records[-1][0],
        "title": (title or records[0][1])[:300],
        "place": next((r[2] for r in records if r[2]), "")[:200],
        "record_count": len(records),
    }


def lock(pks, encounter=None, *, new=False):
    """These records are one encounter (this one, or the one most of them are in, or a new
    one), as an editor decided: imports keep it."""
    pks = set(pks)
    if not pks:
        return None
    meetings = list(
        Meeting.objects.filter(pk__in=pks).only("pk", "date", "encounter", "edited_fields")
    )
    if new:
        first = min(m.date for m in meetings)
        encounter = Encounter.objects.create(date=first, last_date=first, title="")
    elif encounter is None:
        counts = defaultdict(int)
        for m in meetings:
            if m.encounter_id:
                counts[m.encounter_id] += 1
        if counts:
            encounter = Encounter.objects.get(pk=min(counts, key=lambda e: (-counts[e], e)))
        else:
            first = min(m.date for m in meetings)
            encounter = Encounter.objects.create(date=first, last_date=first, title="")
    before = {m.encounter_id for m in meetings if m.encounter_id}
    for m in meetings:
        m.encounter = encounter
        m.edited_fields = sorted(set(m.edited_fields) | {"encounter"})
    Meeting.objects.bulk_update(meetings, ["encounter", "edited_fields"], batch_size=500)
    if not Encounter.objects.filter(pk=encounter.pk, edited=True).exclude(title="").exists():
        describe({encounter.pk})  # its title follows its records until an editor's stays
    describe_or_drop(before - {encounter.pk})
    Encounter.objects.filter(pk=encounter.pk).update(edited=True)
    return encounter


@transaction.atomic
def edit(pks, into=None, own=False, was=None):
    """An editor's decision: these records are one encounter (`into`, or the one most of
    them are in), or, with `own`, each one of its own. The records of the encounters they
    came from stay where they are, decided too: imports keep all of it. Returns the
    (last) encounter."""
    pks = set(pks)
    former = set(
        Meeting.objects.filter(pk__in=pks)
        .exclude(encounter=None)
        .values_list("encounter_id", flat=True)
    ) | ({was} if was else set())
    if own:
        for pk in sorted(pks):
            encounter = lock([pk], new=True)
    else:
        members = pks | (set(into.records.values_list("pk", flat=True)) if into else set())
        encounter = lock(members, into)
    for other in sorted(former - {encounter.pk}):
        rest = list(Meeting.objects.filter(encounter_id=other).values_list("pk", flat=True))
        if rest:
            lock(rest, Encounter(pk=other))
    describe_or_drop(former | {encounter.pk})
    return Encounter.objects.get(pk=encounter.pk)


@transaction.atomic
def release(encounter_ids):
    """Undo the editors' decisions of these encounters: their records are grouped again by
    the rules. Returns how many records changed encounter."""
    meetings = list(
        Meeting.objects.filter(encounter_id__in=list(encounter_ids)).only(
            "pk", "date", "edited_fields"
        )
    )
    for m in meetings:
        m.edited_fields = [f for f in m.edited_fields if f != "encounter"]
    Meeting.objects.bulk_update(meetings, ["edited_fields"], batch_size=500)
    Encounter.objects.filter(pk__in=list(encounter_ids)).update(edited=False)
    return regroup({m.date for m in meetings})


def describe_or_drop(encounter_ids):
    """describe these encounters; those left without a record go."""
    encounter_ids = sorted(set(encounter_ids))
    describe(encounter_ids)
    for chunk in _chunks(encounter_ids):
        Encounter.objects.filter(pk__in=chunk, records=None).delete()


def describe(encounter_ids):
    """Each encounter's dates, place, title and number of records, from its records."""
    encounter_ids = set(encounter_ids)
    rows, people = defaultdict(list), defaultdict(list)
    for chunk in _chunks(sorted(encounter_ids)):
        for encounter_id, date, title, place, pk in (
            Meeting.objects.filter(encounter_id__in=chunk)
            .order_by("date", "pk")
            .values_list("encounter_id", "date", "title", "place", "pk")
        ):
            rows[encounter_id].append((date, title, place, pk))
        for meeting_id, *participant in (
            Participant.objects.filter(meeting__encounter_id__in=chunk)
            .order_by("meeting_id", "position", "pk")
            .values_list(
                "meeting_id", "person_id", "name", "person__name", "person__country__iso_code"
            )
        ):
            people[meeting_id].append(tuple(participant))
    changed = []
    for encounter in (
        e for chunk in _chunks(sorted(rows)) for e in Encounter.objects.filter(pk__in=chunk)
    ):
        values = _fields([(*r[:3], people[r[3]]) for r in rows[encounter.pk]])
        if encounter.edited and encounter.title:
            del values["title"], values["place"]  # as an editor left them
        if any(getattr(encounter, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(encounter, k, v)
            changed.append(encounter)
    update_rows(
        Encounter,
        ENCOUNTER_FIELDS,
        [(*(getattr(e, f) for f in ENCOUNTER_FIELDS), e.pk) for e in changed],
    )


ENCOUNTER_FIELDS = ("date", "last_date", "title", "place", "record_count")


def _chunks(ids, size=500):
    for n in range(0, len(ids), size):
        yield ids[n : n + size]


def _link_sidelines(records, assignment):
    """A bilateral encounter held on the day of a summit of many whose sides include its
    own is part of that summit."""
    sides, titles = defaultdict(set), defaultdict(list)
    for r in records:
        sides[assignment[r.pk]] |= set(r.sides)
        titles[assignment[r.pk]].append(r)
    summits = [
        e
        for e, s in sides.items()
        if len(s) >= 3 and any(r.kind == "summit" or r.multilateral for r in titles[e])
    ]
    wanted = {}
    for encounter, own in sides.items():
        if encounter in summits or len(own) != 2:
            wanted[encounter] = None
            continue
        days = {r.date for r in titles[encounter]}
        hosts = [s for s in summits if own < sides[s] and days & {r.date for r in titles[s]}]
        wanted[encounter] = hosts[0] if len(hosts) == 1 else None
    have = {}
    for chunk in _chunks(sorted(wanted)):
        have.update(Encounter.objects.filter(pk__in=chunk).values_list("pk", "part_of_id"))
    changed = [
        Encounter(pk=e, part_of_id=wanted[e]) for e in wanted if e in have and have[e] != wanted[e]
    ]
    update_rows(Encounter, ["part_of_id"], [(e.part_of_id, e.pk) for e in changed])


# -- its page --------------------------------------------------------------------------------


def principal_people(records):
    """The people an encounter is between, from its records (listed, with participants
    prefetched): each record's principals, in the order the records name them."""
    speakers = defaultdict(set)
    for meeting_id, person_id in (
        Statement.objects.filter(meeting__in=[r.pk for r in records])
        .exclude(speaker=None)
        .values_list("meeting_id", "speaker__person_id")
        .distinct()
    ):
        speakers[meeting_id].add(person_id)
    people, order = {}, []
    for record in records:
        participants = list(record.participants.all())
        core = principals(
            record.title, [(p.person_id, p.name, p.person.name) for p in participants]
        )
        if len(core) < 2:  # a title naming fewer than two: its speakers too
            core = core | speakers[record.pk] or {p.person_id for p in participants}
        else:  # naming two or more: its speakers of a country none of them is of
            country = {p.person_id: p.country_id or p.person.country_id for p in participants}
            core = core | set(
                _of_other_countries(speakers[record.pk] & set(country), core, country)
            )
        for p in participants:
            if p.person_id in core and p.person_id not in people:
                people[p.person_id] = p
                order.append(p.person_id)
    return [people[pk] for pk in order]


def _of_other_countries(candidates, named, country):
    """Those of the candidates (pks) not named, of a known country none of the named is of
    (country: pk -> its country)."""
    sides = {country.get(pk) for pk in named}
    return [pk for pk in candidates if pk not in named and country.get(pk) not in sides | {None}]


def comparable(meeting):
    """What meetings/compare.py reads of a record: its statements (speaker key, name,
    text), all its words, and the names of the countries and people it names."""
    rows = list(
        meeting.statements.order_by("position").values_list(
            "speaker__person_id", "speaker__person__name", "speaker_label", "text"
        )[: MAX_STATEMENTS + 1]
    )
    statements = [
        (person_id or fold(label), name or label, text) for person_id, name, label, text in rows
    ]
    summary = Meeting.objects.filter(pk=meeting.pk).values_list("summary", flat=True).first()
    countries = [c.name for c in meeting.countries.all()] + [
        c.name for c in meeting.mentioned_countries.all()
    ]
    people = list(meeting.participants.values_list("person__name", flat=True))
    return {
        "statements": statements,
        "text": "\n".join([summary or ""] + [t for _, _, t in statements]).strip(),
        "countries": countries,
        "people": people,
    }


def regroup_all(since=None, until=None, days=90):
    """regroup every day of the archive (or of a span), a stretch of days at a time.
    Returns (records that changed encounter, records read)."""
    meetings = Meeting.objects.all()
    if since:
        meetings = meetings.filter(date__gte=since)
    if until:
        meetings = meetings.filter(date__lte=until)
    dates = sorted(set(meetings.values_list("date", flat=True).distinct()))
    changed = 0
    for n in range(0, len(dates), days):
        changed += regroup(dates[n : n + days])
    return changed, meetings.count()
