"""Who is who: whether two names are one person, what a person is called, and how they are
sorted. Nothing here touches the database; the loader, the possible-duplicates queue,
repair_people and the admin all ask here.

One person is printed many ways, and two people may be printed alike:

    Sergei Chemezov / Sergey Chemezov        another romanisation: one person
    Kishida Fumio / Fumio Kishida            another order, one country: one person
    PRESIDENT BIDEN / Joe Biden              the surname alone: one person only where the
                                             office and the time fit, and no other person
    Joseph R. Biden Jr.                      sorted under Biden; "Jr." is no surname
    George W. Bush / George H.W. Bush        two people
    Zayed Al Nahyan / Abdullah bin Zayed     a family's name: possibly one, never certainly
      Al Nahyan

`identity_evidence` weighs two names; `PeopleIndex` finds the archive's one person a new
name certainly names; `possible_pairs` lists the pairs an editor should look at;
`surname_stubs` pairs people known by the surname alone with the full-named person they are.
"""

import difflib
import functools
import re
from dataclasses import dataclass, field

from meetings.importers.countries import CYRILLIC_LETTER
from meetings.importers.names import (
    FAMILIAR_NAMES,
    HONORIFICS,
    NAME_PARTICLES,
    SUFFIXES,
    _similar,
    fullness,
    normalize_name,
    slug_for,
    surname_key,
    transliterate,
)

# -- keys -------------------------------------------------------------------------------

# One name, many romanisations: "Sergei"/"Sergey", "Yuri"/"Yury", "Aliev"/"Aliyev",
# "Heidar"/"Heydar", "Ilham"/"Ilkham", "Pyotr"/"Petr", "Aleksandr"/"Alexander",
# "Mohamed"/"Mohammed", "Schröder"/"Schroeder". Each rule maps the variants to one spelling.
_VARIANT_RULES = [
    (re.compile(r"(?<=[ou])e"), ""),  # Schroeder, as Schröder folds: Schroder
    (re.compile(r"kh"), "h"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"yo|io"), "e"),  # Pyotr, Petr
    (re.compile(r"^ye|ye(?=v)"), "e"),  # Yevgeny, Evgeny; Aliyev, Aliev
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[^aeiou])er$"), "r"),  # Alexander, Aleksandr
    (re.compile(r"(?<=[aeiou])h$"), ""),  # Khalifah, Khalifa; Abdullah, Abdulla
    (re.compile(r"(\w)\1+"), r"\1"),  # Mohammed, Abdulllah, Dmitrii
]
ROMAN = re.compile(r"(?:i{1,3}|iv|v|vi{1,3}|ix|x)")
# The particles that make what follows a father's or a family's name ("Abdullah bin Zayed
# Al Nahyan": bin Zayed is his father): a name that ends there is a relative's.
PATRONYMIC_PARTICLES = frozenset({"bin", "ibn", "bint", "ben", "ould", "al", "el"})


@functools.lru_cache(maxsize=65536)
def variant_word(word):
    """A word of a name with its romanisation's choices undone: 'sergey' -> 'sergei'."""
    word = FAMILIAR_NAMES.get(word, word)
    for pattern, replacement in _VARIANT_RULES:
        word = pattern.sub(replacement, word)
    return word


def _words(name):
    """The words of a name, folded, particles and titles out, suffixes ("Jr.") off; a name
    in Cyrillic letters as its Latin spelling ("Владимир Путин": "vladimir putin")."""
    if CYRILLIC_LETTER.search(name):
        name = transliterate(name)
    words = [
        w
        for w in re.split(r"[\s-]+", normalize_name(name).replace("'", ""))
        if w and w not in NAME_PARTICLES and w not in HONORIFICS
    ]
    while len(words) > 1 and words[-1].strip(".") in SUFFIXES:
        words.pop()
    return words


@functools.lru_cache(maxsize=65536)
def variant_words(name):
    """The words of a name as variant keys, without particles, titles and suffixes:
    "Bashar al-Assad" and "Bashar Assad" both give ('bashar', 'asad'); "Joseph R. Biden Jr."
    gives ('josef', 'r', 'biden')."""
    words = _words(name)
    # A regnal number is no word to respell: "ii" stays "ii" ("Abdullah II" is not "I").
    return tuple(w if n and ROMAN.fullmatch(w) else variant_word(w) for n, w in enumerate(words))


def variant_key(name):
    """The key two spellings of one name share: 'Sergey Chemezov' and 'Sergei Chemezov'."""
    return " ".join(variant_words(name))


def surname_variant(name):
    words = variant_words(name)
    return words[-1] if words else ""


def surname_bucket(words):
    """Where a name (its variant words) is looked for among names of its surname: the
    surname without a feminine ending, so that "Lyudmila Putina" is weighed against
    "Lyudmila Putin" (see identity_evidence); a key only, no name."""
    surname = words[-1]
    return surname[:-1] if len(surname) >= 5 and surname.endswith("a") else surname


def order_key(name):
    """The name's words in any order: "Kishida Fumio" and "Fumio Kishida" share it."""
    words = variant_words(name)
    return " ".join(sorted(words)) if len(words) >= 2 else ""


def regnal_key(name):
    """A monarch's name and number, whatever follows: "Abdullah II" and "Abdullah II bin Al
    Hussein" give "abdula ii"; "" for a name without a regnal number."""
    words = variant_words(name)
    if len(words) >= 2 and ROMAN.fullmatch(words[1]):
        return f"{words[0]} {words[1]}"
    return ""


# -- weighing two names -------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """A name with what the records say of its bearer: their country, the offices they
    held (office keys, see office_key) and the first and last dates they are recorded."""

    name: str
    country: str | None = None
    offices: frozenset = field(default_factory=frozenset)
    first: object = None  # datetime.date
    last: object = None


def identity_evidence(new, known):
    """How sure it is that two names are one person, with the reason: ("certain", ...),
    ("possible", ...) or (None, "").

    new and known are Who, or (name, country) pairs. Certain: the same name but for its
    romanisation ('Sergey'/'Sergei Chemezov') or its order in one country ('Kishida Fumio',
    'Fumio Kishida'), an added middle name ('Abdullah Badawi', 'Abdullah Ahmad Badawi'), a
    typo of a given name where the country agrees ('Valdimir Putin') or, one country not
    known, the office and the time fit, a surname alone ('PRESIDENT BIDEN') where the office
    and the time fit. Possible: the same surname and given names alike in some way ('Miguel
    Diaz-Canel' and 'Miguel Diaz-Canel Bermudez'), a surname alone without that evidence, a
    family's name ('Zayed Al Nahyan'). Never two people who only share a surname ('Kazbek'
    and 'Yury Kokov'), nor two countries.
    """
    a, b = _who(new), _who(known)
    if a.country and b.country and a.country != b.country:
        return None, ""
    same_country = bool(a.country and a.country == b.country)
    wa, wb = variant_words(a.name), variant_words(b.name)
    if not wa or not wb:
        return None, ""
    if wa == wb:
        return "certain", "the same name in another romanisation"
    if regnal_key(a.name) and regnal_key(a.name) == regnal_key(b.name):
        if same_country:
            return "certain", "the same monarch's name and number, in the same country"
        return "possible", "the same monarch's name and number"
    if len(wa) >= 2 and sorted(wa) == sorted(wb):
        if same_country:
            return "certain", "the same name in another order, in the same country"
        return "possible", "the same name in another order"
    if len(wa) == 1 or len(wb) == 1:
        # A surname alone ("PRESIDENT BIDEN"; "PRESIDENT XI", whose family name comes
        # first): one person only where what the records say of both fits: the same office
        # at the same time. A family shares a surname.
        alone, full = (wa, wb) if len(wa) == 1 else (wb, wa)
        if alone[0] not in (full[-1], full[0]):
            return None, ""
        if offices_fit(a.offices, b.offices) and times_fit(a, b):
            return "certain", "the surname alone, with the same office at the same time"
        return "possible", "the surname alone"
    if wa[-1] != wb[-1]:
        if _particle_surname_added(a.name, b.name):
            # "Luiz Inacio Lula" and "Luiz Inacio Lula da Silva": the whole of one name,
            # then a surname with its particle.
            return "certain", "the same name with a surname after a particle (da Silva)"
        why = _other_surname(wa, wb)
        if why == "second" and min(len(a.name.split()), len(b.name.split())) < 2:
            # One word printed, two by its hyphen: a surname alone ("MS. JEAN-PIERRE"), not
            # the given names of "Jean-Pierre Raffarin".
            return None, ""
        if why == "feminine":
            # "Lyudmila Putin" in English, "Lyudmila Putina" as Russian has it: the same
            # given names, the surname with its feminine ending. Nobody else is so named.
            return "certain", _OTHER_SURNAME[why]
        return ("possible", _OTHER_SURNAME[why]) if why else (None, "")
    ga, gb = wa[:-1], wb[:-1]
    if ga[0] == gb[0]:
        # One name without the middle names of the other; both with theirs, and other
        # ones, are two people ("George W. Bush", "George H.W. Bush").
        if len(ga) == 1 or len(gb) == 1:
            return "certain", "the same name with a middle name added"
        return None, ""
    if _initials_fit(ga, gb):
        return "possible", "initials that fit the given names"
    shorter, longer = sorted((wa, wb), key=len)
    if len(shorter) >= 2 and longer[-len(shorter) :] == shorter:
        # The whole of one name ends the other: given names the shorter leaves out, or
        # what a label printed before the name ("Abdul Kalam", "Avul Pakir Jainulabdeen
        # Abdul Kalam"; "Igor Komarov", "Roscosmos Igor Komarov"); but after "bin" it is
        # a father's name and a family's ("Zayed Al Nahyan", "Abdullah bin Zayed Al
        # Nahyan"): another of the family may bear it.
        printed = normalize_name(max((a.name, b.name), key=len)).split()
        tail = normalize_name(min((a.name, b.name), key=len)).split()
        before = printed[-len(tail) - 1] if len(printed) > len(tail) else ""
        if before in PATRONYMIC_PARTICLES:
            return "possible", "a family's name, which relatives share"
        return "certain", "one name ends with the whole of the other"
    if set(ga) < set(gb) or set(gb) < set(ga):
        return "possible", "one name's given names among the other's"
    if ga[1:] != gb[1:]:
        joined = _similar("".join(ga), "".join(gb), 0.8)  # "Abdelaziz", "Abdul Aziz"
        return ("possible", "given names written apart or together") if joined else (None, "")
    first_a, first_b = ga[0], gb[0]
    if len(_skeleton(first_a)) >= 3 and _skeleton(first_a) == _skeleton(first_b):
        return "certain", "given names that differ in their vowels only (a romanisation)"
    ratio = difflib.SequenceMatcher(None, first_a, first_b).ratio()
    if ratio >= 0.75 and min(len(first_a), len(first_b)) >= 4:
        if same_country:
            return "certain", "a typo in the given name, in the same country"
        if offices_fit(a.offices, b.offices) and times_fit(a, b):
            # One's country not known ("President Vladimit Putin", in records that say no
            # publisher): the same office at the same time settles it, as for a surname.
            return "certain", "a typo in the given name, with the same office at the same time"
        return "possible", "given names that differ by a letter or two"
    return None, ""


def _particle_surname_added(a, b):
    """One name is the whole of the other (two words or more), which goes on with a
    particle and a surname: "Luiz Inacio Lula", "Luiz Inacio Lula da Silva"."""
    shorter, longer = sorted((normalize_name(a).split(), normalize_name(b).split()), key=len)
    n = len(shorter)
    return (
        n >= 2
        and len(longer) >= n + 2
        and longer[:n] == shorter
        and longer[n] in NAME_PARTICLES
        and all(w not in NAME_PARTICLES for w in longer[n + 1 :])
    )


def _who(value):
    return value if isinstance(value, Who) else Who(*value)


def _skeleton(word):
    """The consonants of a word: 'Mohamed', 'Muhammad' and 'Mohammad' give 'mhmd'."""
    return re.sub(r"[aeiou]", "", word)


_OTHER_SURNAME = {
    "feminine": "the same given names, one surname the other's feminine form",  # Putina
    "stem": "the same given name, one surname the other's stem",  # Rahmon, Rakhmonov
    "second": "the same name with another surname after it",  # Diaz-Canel Bermudez
    "typo": "the same given names, surnames that differ by a letter or two",  # Cardozo
}


def _other_surname(wa, wb):
    """Why two names with other surnames may be one person's: a key of _OTHER_SURNAME, or
    None. Only ever possible: two surnames alike are often two people's."""
    if len(wa) > len(wb) and wa[: len(wb)] == wb and len(wb) >= 2:
        return "second"
    if len(wb) > len(wa) and wb[: len(wa)] == wa and len(wa) >= 2:
        return "second"
    if len(wa) < 2 or len(wb) < 2:
        return None
    given_a, given_b = "".join(wa[:-1]), "".join(wb[:-1])
    if not (given_a == given_b or _initials_fit(wa[:-1], wb[:-1])):
        return None  # "Alexander Kozlov", "Alexandra Kozlova": two people
    shorter, longer = sorted((wa[-1], wb[-1]), key=len)
    if given_a == given_b and longer == shorter + "a" and len(shorter) >= 4:
        return "feminine"
    if len(shorter) >= 5 and longer.startswith(shorter) and wa[0] == wb[0]:
        return "stem"
    if min(len(shorter), len(longer)) >= 5 and _similar(wa[-1], wb[-1], 0.85):
        return "typo"
    return None


def _initials_fit(ga, gb):
    short, full = (ga, gb) if sum(map(len, ga)) <= sum(map(len, gb)) else (gb, ga)
    return (
        all(len(s) == 1 for s in short)
        and len(short) <= len(full)
        and all(f.startswith(s) for s, f in zip(short, full, strict=False))
    )


# -- offices and times ------------------------------------------------------------------

# Who held an office a government's own records name bare ("THE PRESIDENT:" of a White House
# transcript that names him nowhere else, "The Prime Minister met ..." of a gov.uk readout):
# (country, office) to (first day, name) in order, each until the next.
OFFICE_HOLDERS = {
    ("US", "president"): [
        ("1945-04-12", "Harry S. Truman"),
        ("1953-01-20", "Dwight D. Eisenhower"),
        ("1961-01-20", "John F. Kennedy"),
        ("1963-11-22", "Lyndon B. Johnson"),
        ("1969-01-20", "Richard Nixon"),
        ("1974-08-09", "Gerald Ford"),
        ("1977-01-20", "Jimmy Carter"),
        ("1981-01-20", "Ronald Reagan"),
        ("1989-01-20", "George H.W. Bush"),
        ("1993-01-20", "Bill Clinton"),
        ("2001-01-20", "George W. Bush"),
        ("2009-01-20", "Barack Obama"),
        ("2017-01-20", "Donald J. Trump"),
        ("2021-01-20", "Joseph R. Biden"),
        ("2025-01-20", "Donald J. Trump"),
    ],
    # None: the office stood empty (a Vice President became President, or resigned).
    ("US", "vice president"): [
        ("1945-01-20", "Harry S. Truman"),
        ("1945-04-12", None),
        ("1949-01-20", "Alben W. Barkley"),
        ("1953-01-20", "Richard Nixon"),
        ("1961-01-20", "Lyndon B. Johnson"),
        ("1963-11-22", None),
        ("1965-01-20", "Hubert Humphrey"),
        ("1969-01-20", "Spiro Agnew"),
        ("1973-10-10", None),
        ("1973-12-06", "Gerald Ford"),
        ("1974-08-09", None),
        ("1974-12-19", "Nelson Rockefeller"),
        ("1977-01-20", "Walter Mondale"),
        ("1981-01-20", "George H.W. Bush"),
        ("1989-01-20", "Dan Quayle"),
        ("1993-01-20", "Al Gore"),
        ("2001-01-20", "Dick Cheney"),
        ("2009-01-20", "Joseph R. Biden"),
        ("2017-01-20", "Mike Pence"),
        ("2021-01-20", "Kamala Harris"),
        ("2025-01-20", "JD Vance"),
    ],
    ("RU", "president"): [
        ("1991-07-10", "Boris Yeltsin"),
        ("1999-12-31", "Vladimir Putin"),
        ("2008-05-07", "Dmitry Medvedev"),
        ("2012-05-07", "Vladimir Putin"),
    ],
    ("RU", "prime minister"): [
        ("1992-12-14", "Viktor Chernomyrdin"),
        ("1998-04-24", "Sergei Kiriyenko"),
        ("1998-08-23", "Viktor Chernomyrdin"),
        ("1998-09-11", "Yevgeny Primakov"),
        ("1999-05-12", "Sergei Stepashin"),
        ("1999-08-09", "Vladimir Putin"),
        ("2000-05-07", "Mikhail Kasyanov"),
        ("2004-03-05", "Mikhail Fradkov"),
        ("2007-09-14", "Viktor Zubkov"),
        ("2008-05-08", "Vladimir Putin"),
        ("2012-05-08", "Dmitry Medvedev"),
        ("2020-01-16", "Mikhail Mishustin"),
    ],
    ("RU", "foreign minister"): [
        ("1990-10-11", "Andrei Kozyrev"),
        ("1996-01-09", "Yevgeny Primakov"),
        ("1998-09-11", "Igor Ivanov"),
        ("2004-03-09", "Sergey Lavrov"),
    ],
    ("FR", "president"): [
        ("1959-01-08", "Charles de Gaulle"),
        ("1969-06-20", "Georges Pompidou"),
        ("1974-05-27", "Valéry Giscard d'Estaing"),
        ("1981-05-21", "François Mitterrand"),
        ("1995-05-17", "Jacques Chirac"),
        ("2007-05-16", "Nicolas Sarkozy"),
        ("2012-05-15", "François Hollande"),
        ("2017-05-14", "Emmanuel Macron"),
    ],
    ("DE", "chancellor"): [
        ("1949-09-15", "Konrad Adenauer"),
        ("1963-10-16", "Ludwig Erhard"),
        ("1966-12-01", "Kurt Georg Kiesinger"),
        ("1969-10-21", "Willy Brandt"),
        ("1974-05-16", "Helmut Schmidt"),
        ("1982-10-01", "Helmut Kohl"),
        ("1998-10-27", "Gerhard Schröder"),
        ("2005-11-22", "Angela Merkel"),
        ("2021-12-08", "Olaf Scholz"),
        ("2025-05-06", "Friedrich Merz"),
    ],
    ("UA", "president"): [
        ("1991-12-05", "Leonid Kravchuk"),
        ("1994-07-19", "Leonid Kuchma"),
        ("2005-01-23", "Viktor Yushchenko"),
        ("2010-02-25", "Viktor Yanukovych"),
        ("2014-02-23", "Oleksandr Turchynov"),  # acting
        ("2014-06-07", "Petro Poroshenko"),
        ("2019-05-20", "Volodymyr Zelenskyy"),
    ],
    ("BY", "president"): [("1994-07-20", "Alexander Lukashenko")],
    ("KZ", "president"): [
        ("1990-04-24", "Nursultan Nazarbayev"),
        ("2019-03-20", "Kassym-Jomart Tokayev"),
    ],
    ("TR", "president"): [
        ("2000-05-16", "Ahmet Necdet Sezer"),
        ("2007-08-28", "Abdullah Gül"),
        ("2014-08-28", "Recep Tayyip Erdoğan"),
    ],
    ("IN", "prime minister"): [
        ("1998-03-19", "Atal Bihari Vajpayee"),
        ("2004-05-22", "Manmohan Singh"),
        ("2014-05-26", "Narendra Modi"),
    ],
    ("CA", "prime minister"): [
        ("1993-11-04", "Jean Chrétien"),
        ("2003-12-12", "Paul Martin"),
        ("2006-02-06", "Stephen Harper"),
        ("2015-11-04", "Justin Trudeau"),
        ("2025-03-14", "Mark Carney"),
    ],
    ("AU", "prime minister"): [
        ("1996-03-11", "John Howard"),
        ("2007-12-03", "Kevin Rudd"),
        ("2010-06-24", "Julia Gillard"),
        ("2013-06-27", "Kevin Rudd"),
        ("2013-09-18", "Tony Abbott"),
        ("2015-09-15", "Malcolm Turnbull"),
        ("2018-08-24", "Scott Morrison"),
        ("2022-05-23", "Anthony Albanese"),
    ],
    ("IT", "prime minister"): [
        ("2001-06-11", "Silvio Berlusconi"),
        ("2006-05-17", "Romano Prodi"),
        ("2008-05-08", "Silvio Berlusconi"),
        ("2011-11-16", "Mario Monti"),
        ("2013-04-28", "Enrico Letta"),
        ("2014-02-22", "Matteo Renzi"),
        ("2016-12-12", "Paolo Gentiloni"),
        ("2018-06-01", "Giuseppe Conte"),
        ("2021-02-13", "Mario Draghi"),
        ("2022-10-22", "Giorgia Meloni"),
    ],
    ("GB", "prime minister"): [
        ("1945-07-26", "Clement Attlee"),
        ("1951-10-26", "Winston Churchill"),
        ("1955-04-06", "Anthony Eden"),
        ("1957-01-10", "Harold Macmillan"),
        ("1963-10-19", "Alec Douglas-Home"),
        ("1964-10-16", "Harold Wilson"),
        ("1970-06-19", "Edward Heath"),
        ("1974-03-04", "Harold Wilson"),
        ("1976-04-05", "James Callaghan"),
        ("1979-05-04", "Margaret Thatcher"),
        ("1990-11-28", "John Major"),
        ("1997-05-02", "Tony Blair"),
        ("2007-06-27", "Gordon Brown"),
        ("2010-05-11", "David Cameron"),
        ("2016-07-13", "Theresa May"),
        ("2019-07-24", "Boris Johnson"),
        ("2022-09-06", "Liz Truss"),
        ("2022-10-25", "Rishi Sunak"),
        ("2024-07-05", "Keir Starmer"),
    ],
    ("US", "secretary of state"): [
        ("1945-07-03", "James F. Byrnes"),
        ("1947-01-21", "George C. Marshall"),
        ("1949-01-21", "Dean Acheson"),
        ("1953-01-21", "John Foster Dulles"),
        ("1959-04-22", "Christian Herter"),
        ("1961-01-21", "Dean Rusk"),
        ("1969-01-22", "William P. Rogers"),
        ("1973-09-22", "Henry Kissinger"),
        ("1977-01-23", "Cyrus Vance"),
        ("1980-05-08", "Edmund Muskie"),
        ("1981-01-22", "Alexander Haig"),
        ("1982-07-16", "George P. Shultz"),
        ("1989-01-25", "James Baker"),
        ("1992-12-08", "Lawrence Eagleburger"),
        ("1993-01-20", "Warren Christopher"),
        ("1997-01-23", "Madeleine Albright"),
        ("2001-01-20", "Colin Powell"),
        ("2005-01-26", "Condoleezza Rice"),
        ("2009-01-21", "Hillary Clinton"),
        ("2013-02-01", "John Kerry"),
        ("2017-02-01", "Rex Tillerson"),
        ("2018-04-26", "Mike Pompeo"),
        ("2021-01-26", "Antony Blinken"),
        ("2025-01-21", "Marco Rubio"),
    ],
}


def office_holder(country, office, date):
    """The name of whoever held country's office (a bare one: "The President") on date, or
    None where the archive does not know, or on a day of handover (both held it)."""
    holders = OFFICE_HOLDERS.get((country, office_key(office)))  # "The President", "PM"
    if not holders or date is None:
        return None
    day = date.isoformat()
    if any(start == day for start, _ in holders):
        return None
    found = [name for start, name in holders if start < day]
    return found[-1] if found else None


def holder_country(name, role, date):
    """The country whose office a person held on date, where the role names the office and
    no country ("President Biden" of 2022, "Vice President Harris", "Secretary Blinken"), and
    the archive knows who held it then: the holder's surname is the person's. Or, whatever
    the role, where the person's whole name is the holder's that day ("Vladimir Putin:" of a
    transcript of 2020, "Mikhail Mishustin meets with ..." of 2022). Else None."""
    return holder_of(name, role, date)[0]


def holder_of(name, role, date):
    """(country, the holder's name as the archive's table gives it) of the office a person
    held on date, as holder_country reads it ("В.Путин" of 2023: Russia, "Vladimir Putin"),
    or (None, None)."""
    office = office_key(role)
    key = variant_word
    if CYRILLIC_LETTER.search(name or ""):
        name = transliterate(name)  # "В.Путин" of a Russian page: "V.Putin"
        key = sound_key  # "Эммануэль Макрон": Emmanuel Macron, spelt as heard
    surname = surname_key(name)
    if not surname:
        return None, None
    holders = _holders_named(surname, key)
    if not holders:
        return None, None  # most names: nobody the tables know
    if office:
        # "Secretary Blinken": the generic word alone, not a role it stands for ("Defence
        # Minister" is no "foreign minister").
        alone = is_bare_office(role, office)
        for country, held, holder in holders:
            if (held == office or (alone and _generic_of(office, held))) and (
                office_holder(country, held, date) == holder and _given_fits(name, holder)
            ):
                return country, holder
    return _named_holder(name, holders, date, key)


@functools.lru_cache(maxsize=4096)
def _holders_named(surname, key=variant_word):
    """(country, office, holder) of the tables' holders of this surname, however romanised
    ("Zelensky", "Zelenskyy"; "Schroeder", "Schröder"), or by sound_key, however a Russian
    page wrote it ("Макрон": Macron)."""
    return tuple(
        (country, office, name)
        for (country, office), holders in OFFICE_HOLDERS.items()
        for name in dict.fromkeys(n for _, n in holders if n)
        if key(surname_key(name)) == key(surname)
    )


# A word as heard, for a name another alphabet spelt as it sounds: its consonants, as a
# Russian page writes them ("Макрон" and "Macron", "Джозеф" and "Joseph", "Шольц" and
# "Scholz", "Байден" and "Biden"). Only for names in Cyrillic, and only against the tables'
# holders on the record's day: by sound alone many names are one.
_SOUND_RULES = [
    (re.compile(p), r)
    for p, r in [
        (r"^j|dzh", "9"),  # "Joseph", "Джозеф": one sound, kept from the rules after
        (r"sch", "sh"),
        (r"ph", "f"),
        (r"ck", "k"),
        (r"c(?=[eiy])", "s"),
        (r"(?<![skz])h", ""),  # "Johnson", "Джонсон"; not "sh", "kh", "zh"
        (r"c", "k"),
        (r"w", "v"),
        (r"x", "ks"),
        (r"tz|ts|z", "s"),  # "Scholz", "Шольц"; "Joseph", "Джозеф"
        (r"j", "y"),
        (r"[aeiouy']+", ""),
        (r"(.)\1+", r"\1"),
    ]
]


@functools.lru_cache(maxsize=16384)
def sound_key(word):
    word = normalize_name(word)
    for pattern, replacement in _SOUND_RULES:
        word = pattern.sub(replacement, word)
    return word


def _named_holder(name, holders, date, key=variant_word):
    """(country, holder) of the office whose holder on date bears this whole name, given
    name (or its initial) and surname ("Joe Biden" of Joseph R. Biden, "Sergey Lavrov" of
    Sergey Lavrov, "V.Putin" of a Russian page; not "Sergei Ivanov" of Igor Ivanov, nor a
    surname alone), or (None, None)."""
    words = variant_words(name)
    if len(words) < 2:  # a surname alone
        return None, None
    given = words[0]
    for country, office, holder in holders:
        if office_holder(country, office, date) != holder:
            continue
        theirs = variant_words(holder)[0]
        if (
            given == theirs
            or (len(given) == 1 and theirs.startswith(given))
            or (key is sound_key and _sounds_as(given, theirs))
        ):
            return country, holder
    return None, None


def _sounds_as(given, theirs):
    """A given name in Cyrillic, whole or by its initial letters ("Дж." of Joseph), as the
    holder's sounds."""
    mine, full = sound_key(given), sound_key(theirs)
    return mine == full or (len(given) <= 3 and bool(mine) and full.startswith(mine))


def held_by_another(name, role, country, date):
    """Whether a role is one of country's offices whose holder that day the archive knows,
    and it is not this person: "Foreign Minister Vartan Oskanian" on a Russian page of 2001
    (Igor Ivanov's office) is another country's minister."""
    office = office_key(role)
    if not office or not is_bare_office(role, office) or (country, office) not in OFFICE_HOLDERS:
        return False
    holder = office_holder(country, office, date)
    return bool(holder) and holder_country(name, role, date) != country


def is_bare_office(role, office):
    """Whether a role is its office and nothing more ("The Foreign Minister", not "Deputy
    Foreign Minister" or "Foreign Minister of Armenia")."""
    return normalize_name(role or "").removeprefix("the ") == office


def _given_fits(name, holder):
    """The given name, where printed, opens as the holder's ("Joe" / "Joseph R."; not
    "Sergei" / "Igor" Ivanov)."""
    mine, theirs = normalize_name(name).split()[:-1], normalize_name(holder).split()[:-1]
    return not mine or not theirs or mine[0][:1] == theirs[0][:1]


# The office a role holds, whatever country or body it is of: "President of Azerbaijan",
# "US President", "PRESIDENT" give "president"; "Minister of Foreign Affairs" and "Foreign
# Secretary" give "foreign minister". "Former" and "Vice" make other offices.
OFFICES = [
    ("former", r"\bformer\b|\bex-"),
    ("vice president", r"\bvice[- ]president\b"),
    ("first deputy prime minister", r"\bfirst deputy prime minister\b"),
    ("deputy prime minister", r"\bdeputy prime minister\b|\bvice[- ]premier\b"),
    (
        "prime minister",
        r"\bprime minister\b|\bpremier(?! ministre\b)\b|\bpm\b|\btaoiseach\b"
        r"|\bpremiere? ministre\b",
    ),
    ("secretary general", r"\bsecretary[- ]general\b|\bsecretary general\b"),
    (
        "foreign minister",
        r"\bforeign (?:minister|secretary)\b|\bminister (?:of|for) foreign"
        r"|\bexternal affairs minister\b|\bminister of external affairs\b",
    ),
    ("secretary of state", r"\bsecretary of state\b"),
    ("president", r"\bpresident\b|\bpresiden\b|\bpresident-elect\b"),
    ("chancellor", r"\bchancellor\b|\bbundeskanzler(?:in)?\b|\bkanzler(?:in)?\b|\bchanceliere?\b"),
    ("king", r"\bking\b"),
    ("queen", r"\bqueen\b"),
    ("crown prince", r"\bcrown prince\b"),
    ("emir", r"\bemir\b|\bamir\b"),
    ("sultan", r"\bsultan\b"),
    ("governor", r"\bgovernor\b"),
    ("mayor", r"\bmayor\b"),
    ("ambassador", r"\bambassador\b"),
    ("chairman", r"\bchair(?:man|woman|person)?\b"),
    ("speaker", r"\bspeaker\b"),
    ("minister", r"\bminister\b"),
    ("secretary", r"\bsecretary\b"),
]
_OFFICES = [(key, re.compile(pattern)) for key, pattern in OFFICES]


@functools.lru_cache(maxsize=16384)
def office_key(role):
    """The office of a role ("President of the United States" -> "president"), or ""."""
    text = normalize_name(role or "")
    if not text:
        return ""
    former = bool(_OFFICES[0][1].search(text))
    for key, pattern in _OFFICES[1:]:
        if pattern.search(text):
            return f"former {key}" if former else key
    return ""


def offices_fit(mine, theirs):
    """Two sets of offices share one, or one's generic office ("secretary", "minister") is
    the kind of the other's ("secretary of state", "foreign minister")."""
    for a in mine:
        for b in theirs:
            if a == b or _generic_of(a, b) or _generic_of(b, a):
                return True
    return False


def _generic_of(generic, office):
    return (
        " " not in generic
        and generic in office.split()
        and not office.startswith(("vice", "deputy", "first deputy", "former"))
    )


TIME_SLACK_DAYS = 3 * 365


def times_fit(a, b):
    """The times two names are recorded at are close (within three years): an office's
    bearer now and then. Unknown times fit."""
    if not (a.first and b.first):
        return True
    return (
        a.first.toordinal() <= b.last.toordinal() + TIME_SLACK_DAYS
        and b.first.toordinal() <= a.last.toordinal() + TIME_SLACK_DAYS
    )


# -- what a person is called -------------------------------------------------------------


def alias_key(name):
    """The key a spelling of a person is kept under: case, accents and punctuation folded."""
    return normalize_name(name)


def slug_base(name):
    """The start of a person's page address, made from the name."""
    return slug_for(name)[:110].strip("-") or "person"


def common_name(printed, current=None):
    """The name a person goes by, from [(count, name)] of the names their records print:
    in the archive's own script where one is (the Latin "Vladimir Putin" of the English
    pages, not the "Владимир Путин" of the Russian ones, however many), the one printed most
    often among those with a given name ("Joe Biden" over "Biden", however many records
    print the surname alone), then the fuller, then the one they have."""
    named = [c for c in printed if len(variant_words(c[1])) >= 2] or list(printed)
    return max(
        named,
        key=lambda c: (
            not CYRILLIC_LETTER.search(c[1]),
            c[0],
            fullness(c[1]),
            c[1] == current,
        ),
    )[1]


# Where the family name comes first, as printed in English: Xi Jinping, Moon Jae-in, Kim Jong
# Un, Nguyen Xuan Phuc, Lee Hsien Loong.
FAMILY_NAME_FIRST = frozenset({"CN", "TW", "HK", "MO", "KR", "KP", "VN", "SG", "KH"})


def sort_name(name, country=None, surnames=()):
    """How a person is sorted: "Biden, Joseph R., Jr.", "Xi Jinping", "Kishida Fumio" where
    the records call him Kishida, "Abdullah II", "Van der Bellen, Alexander", "Al Nahyan,
    Abdullah bin Zayed". `surnames` are the names printed alone for the person ("Kishida")."""
    words = name.split()
    if len(words) < 2:
        return name
    suffix = []
    while len(words) > 2 and words[-1].lower().strip(".,") in SUFFIXES | {"ii", "iii", "iv"}:
        suffix.insert(0, words.pop().rstrip(","))
    if len(words) >= 2 and ROMAN.fullmatch(words[1].lower().strip(".,")):
        return name  # a monarch: "Abdullah II", "Abdullah II bin Al Hussein"
    bare = [normalize_name(w) for w in words]
    alone = {normalize_name(s) for s in surnames}
    if bare[0] in alone and bare[-1] not in alone:
        return name  # "Kishida Fumio", called Kishida
    if country in FAMILY_NAME_FIRST and bare[-1] not in alone:
        return name
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in NAME_PARTICLES:
        start -= 1  # "Van der Bellen", "da Silva", "Al Nahyan"
    if start == 1 and words[0].lower() in NAME_PARTICLES:
        start = 0
    given = " ".join(words[:start]).rstrip(",")
    sort = f"{' '.join(words[start:])}, {given}" if given else " ".join(words[start:])
    return f"{sort}, {' '.join(suffix)}" if suffix else sort


# -- the archive's people ----------------------------------------------------------------


class PeopleIndex:
    """The archive's people by their name's keys, to find the one a new spelling names.

    facts(pks) -> {pk: Who}: what the records say of those people (their offices and
    times), asked only when a surname alone is to be weighed.
    """

    def __init__(self, rows=(), facts=None):
        self.names, self.countries = {}, {}
        self.by_surname, self.by_order, self.by_regnal = {}, {}, {}
        self.by_first, self.by_given = {}, {}
        self.facts = facts or (lambda pks: {})
        self._facts = {}
        for pk, name, country in rows:
            self.add(pk, name, country)

    def _keys(self, name):
        words = variant_words(name)
        return (
            (self.by_surname, surname_bucket(words) if words else ""),
            (self.by_order, order_key(name)),
            (self.by_regnal, regnal_key(name)),
            # A family name first ("Xi Jinping"): what a surname alone ("Xi") looks up.
            (self.by_first, words[0] if len(words) >= 2 else ""),
            # Given names and more ("Luiz Inacio Lula" / "... Lula da Silva").
            (self.by_given, " ".join(words[:3]) if len(words) >= 3 else ""),
        )

    def candidates(self, name):
        """The people a name may be: alike by surname, by all its words in any order, by
        regnal name; a surname alone also those whose name begins with it."""
        found = []
        words = variant_words(name)
        keys = [(table, key) for table, key in self._keys(name) if table is not self.by_first]
        if len(words) == 1:
            keys.append((self.by_first, words[0]))
        for table, key in keys:
            for pk in table.get(key, ()) if key else ():
                if pk not in found:
                    found.append(pk)
        return found

    def add(self, pk, name, country):
        self.names[pk] = name
        self.countries[pk] = country
        for table, key in self._keys(name):
            if key:
                table.setdefault(key, []).append(pk)

    def rename(self, pk, name):
        for table, key in self._keys(self.names[pk]):
            if key and pk in table.get(key, ()):
                table[key].remove(pk)
        self.names[pk] = name
        for table, key in self._keys(name):
            if key:
                table.setdefault(key, []).append(pk)

    def who(self, pk):
        if pk not in self._facts:
            self._facts.update(self.facts([pk]))
        facts = self._facts.get(pk)
        return Who(
            self.names[pk],
            self.countries.get(pk),
            facts.offices if facts else frozenset(),
            facts.first if facts else None,
            facts.last if facts else None,
        )

    def resolve(self, name, country, parties=(), *, role="", date=None):
        """The one person `name` certainly names, or None. Without a country of its own, a
        name takes a candidate's where that country is a party to the meeting ("Valdimir
        Putin" in a meeting of Russia's). A surname alone is weighed with the office the
        record gives it and the record's date."""
        office = office_key(role)
        alone = len(variant_words(name)) == 1
        certain = []
        for pk in self.candidates(name):
            theirs = self.countries.get(pk)
            mine = country or (theirs if theirs in parties else None)
            if alone or len(variant_words(self.names[pk])) == 1:
                if len(variant_words(self.names[pk])) == 1 and alone:
                    known = Who(self.names[pk], theirs)
                else:
                    known = self.who(pk)
                new = Who(name, mine, frozenset({office} if office else ()), date, date)
                sure = identity_evidence(new, known)[0]
            else:
                sure = identity_evidence((name, mine), (self.names[pk], theirs))[0]
            if sure == "certain":
                certain.append(pk)
        return certain[0] if len(certain) == 1 else None


def possible_pairs(rows, decided=frozenset()):
    """[(weight, pk, other pk, how sure, why)] of the pairs of people (rows of (pk, name,
    country, meetings)) that may be one, the certain first, then the most frequent; pairs
    an editor decided (frozensets of two pks) are left out. People are compared when their
    surnames begin alike (as romanisations vary: "Rakhmonov", "Rahmon"), their names do
    ("Miguel Diaz-Canel", "Miguel Diaz-Canel Bermudez"), or their words are the same in
    another order ("Kishida Fumio")."""
    groups = {}
    for row in rows:
        words = variant_words(row[1])
        if words:
            groups.setdefault(("surname", words[-1][:5]), []).append(row)
        if len(words) >= 2:
            groups.setdefault(("name", words[:2]), []).append(row)
            groups.setdefault(("order", tuple(sorted(words))), []).append(row)
        if regnal_key(row[1]):
            groups.setdefault(("regnal", regnal_key(row[1])), []).append(row)
    seen = set(decided)
    pairs = []
    for group in groups.values():
        for i, (pk, name, country, n) in enumerate(group):
            for other_pk, other, other_country, m in group[i + 1 :]:
                key = frozenset((pk, other_pk))
                if key in seen or pk == other_pk:
                    continue
                seen.add(key)
                sure, why = identity_evidence((name, country), (other, other_country))
                if sure:
                    pairs.append((n + m, pk, other_pk, sure, why))
    pairs.sort(key=lambda p: (p[3] != "certain", -p[0], p[1], p[2]))
    return pairs


def surname_stubs(stubs, people):
    """[(stub pk, person pk, why)]: each person known by the surname alone (stubs: Who by
    pk) paired with the one full-named person (people: Who by pk, of the same surname)
    whose office, country and time fit theirs; a stub that fits none, or two, stays."""
    by_surname = {}
    for pk, who in people.items():
        words = variant_words(who.name)
        if len(words) >= 2:
            for key in {words[-1], words[0]}:  # "Biden"; "Xi", of Xi Jinping
                by_surname.setdefault(key, []).append(pk)
    found = []
    for pk, stub in stubs.items():
        fitting = [
            other
            for other in by_surname.get(surname_variant(stub.name), ())
            if identity_evidence(stub, people[other])[0] == "certain"
        ]
        if len(fitting) == 1:
            found.append((pk, fitting[0], identity_evidence(stub, people[fitting[0]])[1]))
    return found


def respellings(people, among=None):
    """[(person pks, why)]: full-named people of one surname (people: Who by pk) who are
    certainly one, what their records say of their offices and times weighed: "Vladimit
    Putin" and "Valdimir Putin", typos of kremlin.ru's early pages in records that say no
    country, are Vladimir Putin, President then. Only a group whose every two are certainly
    one (see one_person_groups). With among (pks), only groups with one of them: a surname
    that hundreds bear ("Li", "Wang") is not compared each with each at every import."""
    by_surname = {}
    for pk, who in people.items():
        words = variant_words(who.name)
        if len(words) >= 2:
            by_surname.setdefault(surname_bucket(words), []).append(pk)

    weighed = {}

    def evidence(a, b):  # each pair weighed once
        pair = frozenset((a, b))
        if pair not in weighed:
            weighed[pair] = identity_evidence(people[a], people[b])
        return weighed[pair]

    why = {}
    for pks in by_surname.values():
        if among is not None:
            near = {pk for pk in pks if pk in among}
            near |= {
                b for a in near for b in pks if b not in near and evidence(a, b)[0] == "certain"
            }
            pks = [pk for pk in pks if pk in near]
        for i, a in enumerate(pks):
            for b in pks[i + 1 :]:
                sure, reason = evidence(a, b)
                if sure == "certain":
                    why[frozenset((a, b))] = reason
    return [
        (group, next(reason for pair, reason in why.items() if pair <= group))
        for group, whole in one_person_groups(why)
        if whole
    ]


def one_person_groups(pairs):
    """[(group of pks, whole)] of the people these pairs (two pks each, certainly one) join:
    whole where every two of the group are a pair. A group that is not whole holds a name
    certainly each of two people who are not one ("George Bush": George W. Bush and George
    H.W. Bush): none of it is one person for sure."""
    edges = {}
    for a, b in map(tuple, pairs):
        edges.setdefault(a, set()).add(b)
        edges.setdefault(b, set()).add(a)
    groups, seen = [], set()
    for start in edges:
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            pk = todo.pop()
            if pk not in group:
                group.add(pk)
                todo.extend(edges[pk] - group)
        seen |= group
        groups.append((frozenset(group), all(edges[pk] == group - {pk} for pk in group)))
    return groups
