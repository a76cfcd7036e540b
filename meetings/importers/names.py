"""Names as printed, and the keys we match them by. Nothing here touches the database.

Labels arrive in many spellings of one person:

    President of Russia Vladimir Putin:   Vladimir Putin:   VladimirPutin:   Vlaidmir Putin:
    SECRETARY BLINKEN:   M. Mishustin:   В.Путин:   Лыонг Кыонг (как переведено):

`normalize_name` folds case, accents and punctuation; `split_label` separates the role from
the name; `NameIndex` matches a label to one of a meeting's participants, or to nobody when
more than one would fit.
"""

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from meetings.importers.countries import (
    SHORT_FORMS,
    city_country,
    find_countries,
    is_country_word,
    is_demonym,
    is_organisation,
    is_region,
)

# Words that make up roles and titles, never a person's name.
ROLE_WORDS = {
    # military ranks as printed before a name
    "lt-gen",
    "maj-gen",
    "col-gen",
    "lieutenant-general",
    "major-general",
    "colonel-general",
    "rear-admiral",
    "vice-admiral",
    "rabbi",
    "mufti",
    "imam",
    "archbishop",
    "cardinal",
    "metropolitan",
    "president",
    "vice",
    "vice-president",
    "president-elect",
    "governor-general",
    "prime-minister",
    "prime-minister-elect",
    "prime",
    "minister",
    "ministers",
    "first",
    "deputy",
    "acting",
    "chancellor",
    "federal",
    "king",
    "queen",
    "his",
    "her",
    "majesty",
    "highness",
    "royal",
    "emir",
    "amir",
    "sheikh",
    "sultan",
    "emperor",
    "empress",
    "crown",
    "prince",
    "princess",
    "secretary",
    "general",
    "foreign",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "premier",
    "pm",
    "head",
    "governor",
    "ambassador",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
    "director",
    "state",
    "council",
    "security",
    "defence",
    "defense",
    "finance",
    "economic",
    "development",
    "minister's",
    "presidential",
    "aide",
    "adviser",
    "advisor",
    "senator",
    "speaker",
    "member",
    "representative",
    "envoy",
    "special",
    "commissioner",
    "councilor",
    "councillor",
    "commission",
    "mayor",
    "chief",
    "executive",
    "officer",
    "staff",
    "press",
    "the",
    "of",
    "and",
    "for",
    "to",
    "on",
    "in",
    "at",
    "general's",
    "grand",
    # French: "LE PRÉSIDENT DE LA RÉPUBLIQUE", "LE CHANCELIER SCHOLZ", "Premier ministre"
    "président",
    "présidente",
    "chancelier",
    "chancelière",
    "ministre",
    "république",
    "secrétaire",
    "porte-parole",
    # German offices, as a German government's records print them
    "bundeskanzler",
    "bundeskanzlerin",
    "präsident",
    "präsidenten",
    "präsidentin",
    "premierminister",
    "ministerpräsident",
    "duke",
    "pope",
    "patriarch",
    "holiness",
    "excellency",
    "republic",
    "federation",
    "government",
    "cabinet",
    "ministry",
    "affairs",
    "national",
    "assembly",
    "parliament",
    "duma",
    "senate",
    "house",
    "supreme",
    "leader",
    "secretary-general",
    "under-secretary",
    "undersecretary",
    "assistant",
    "plenipotentiary",
    "regional",
    "interior",
    "justice",
    "trade",
    "industry",
    "energy",
    "health",
    "education",
    "culture",
    "sport",
    "sports",
    "transport",
    "agriculture",
    "emergencies",
    "communications",
    "labour",
    "labor",
    "social",
    "natural",
    "resources",
    "ecology",
    "construction",
    "science",
    "higher",
    "digital",
    "taoiseach",
    "tánaiste",
    "chancellery",
    "comrade",
    "commander",
    "army",
    "navy",
    "air",
    "force",
    "forces",
    "armed",
    "commander-in-chief",
    "central",
    "committee",
    "party",
    "communist",
    "bank",
    "board",
    "ceo",
    "company",
    "corporation",
    "union",
    "european",
    "eurasian",
    "organisation",
    "organization",
    "treaty",
    "collective",
    "csto",
    "nato",
    "un",
    "un's",
    "united",
    "nations",
    "states",
    "kingdom",
    "emirates",
    "arab",
    "islamic",
    "democratic",
    "people's",
    "socialist",
    "co-chair",
    "rapporteur",
    "delegate",
    "delegation",
    "moderator",
    "host",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "madam",
    "mister",
    "shri",
    "smt",
    "hon",
    "honourable",
    "honorable",
    "gen",
    "col",
    "adm",
    "prof",
    "professor",
    "rev",
    "h.e.",
}
HONORIFICS = {
    "ayatollah",
    "archpriest",
    "mr",
    "mrs",
    "ms",
    "miss",
    "messrs",  # "Messrs Putin and Chirac attended a concert"
    "mmes",
    "messieurs",
    "mesdames",
    "dr",
    "sir",
    "dame",
    "shri",
    "smt",
    "hon",
    "h.e",
    "he",
    "prof",
    "madam",
    "mister",
    "comrade",
    "herr",
    "frau",
    "monsieur",
    "madame",
    "señor",
    "господин",
    "госпожа",
    "товарищ",
}
# "Andrei Yuryevich Vorobyov", "Владимир Владимирович Путин": a patronymic in a name.
PATRONYMIC = re.compile(r"(?:vich|vna|ichna|вич|вна|ична)$", re.IGNORECASE)

# Words of the names of institutions, regions and offices: a name read from the end of a label
# stops at them once it has two words ("Governor of Moscow Region Andrei Vorobyov").
INSTITUTION_WORDS = frozenset(
    """
    academy accounts administration administrative agency airlines airport archive archives
    area arts association atomic audit border bureau business centre center chamber channel
    children's children’s clinic club college columnist commerce committee control corporation
    court customs department district drug emergency entrepreneurs’ entrepreneurs' exchange
    explorers factory financial fine foundation fund gallery gas group guard holding hospital
    human hydroelectric industrial industries initiatives institute investigative investment
    laboratory launch league library market mass media medical military monitoring museum news
    newspaper nuclear office oil olympic orchestra pipeline plant police port power proceedings
    prosecutor radio railway railways region research rector rights school sciences service
    situations skating society space station statistics strategic stream substances taxation
    team television territory theater theatre university veterans works youth
    academician activities actor actress artist astronaut athlete businessman champion coach
    composer conductor cooperation correspondent cosmonaut design designer directorate disaster
    doctor physician editor editor-in-chief engineer entrepreneur environmental exhibitions
    farmer fleet
    football forum founder gazette journal journalist line manager owner peace pilot policy
    process production
    relief reporter safety scientific scientist singer student surgeon teacher technical
    training troops worker presidents protection reconciliation technologies technology
    admiral captain colonel corporal lieutenant major marshal sergeant supervision
    assembly authority commission congress council government ministry organisation
    organization parliament party senate union welfare
    """.split()
)
# Of those, the ones that are nobody's surname either: alone, they are no name at all
# ("Physical-Technical Institute of the Russian Academy of Sciences").
ORGANISATION_NOUNS = frozenset(
    """
    academy agency association centre center chamber college committee corporation department
    district foundation fund hospital institute laboratory museum region school sciences
    service society territory university
    """.split()
)

# What ends the name of an institution, a document, an event or a region, and no person's
# name: "Space Agency", "Land Code", "Universal Partnership", "Far East". (Not every
# institution word: "John Major", "Samantha Power".)
NOT_A_PERSON_LAST_WORDS = ORGANISATION_NOUNS | frozenset(
    """
    agencies archive archives area authority award bank cathedral championship church code
    commission commissions monastery mosque
    company concept conference convention council cup currency declaration directorate
    district doctrine east exhibition festival forum gallery games group industries messe ministry
    organisation organization parliament partnership programme program project railways
    reactor relations relief strategy summit technologies technology theatre theater treaty
    union
    """.split()
)


# Nouns that end or make up the name of an event, a holiday, a place, an organisation, a
# programme or a topic, and no person's: "Independence Day", "Technical Cooperation", "Perm
# Territory", "Direct Line", "Human Rights", "Oil Company". (Not words that are surnames
# too: "Theresa May", "Samantha Power", "Rosario Green".)
NOT_A_PERSON_WORDS = NOT_A_PERSON_LAST_WORDS | frozenset(
    """
    anniversary assistance autonomy broadcasting celebration celebrations census centuries
    century championships competition competitions congress cooperation cooperatives court
    courts day days division election elections exchange families feedback fitness fleet
    guidelines holding holdings infrastructure initiative institutions integration line
    measures mine olympics opportunities parade parties partnership pass pipeline plan
    planning policy prize prospects protection refinery regulation revival rights safety
    salon settlements shipyard shipyards solutions square station studies substances
    supervision system systems tasks taxation terrorism territories tournament trafficking city
    front arena club children hall palace zoo performance order decree law resolution
    league airlines airline fleets concern plant format regiment olympiad philharmonic
    residences medicine lyceum explorer explorers times reserve administration countries
    master laureate veteran veterans hero heroes opera ballet choir orchestra ensemble
    artist coach figure mansion avionics action christians muslims jews believers orthodox
    preserve bridge tunnel highway road motorway canal dam
    troops unity war works worker workers year
    """.split()
)
# Given names that are English words or demonyms too: "Frank-Walter Steinmeier", "Grace
# Mugabe", "German Gref".
GIVEN_NAME_WORDS = frozenset(
    "frank mark grace hope will rose don joy faith art rich marine german".split()
)
# A sovereign's or a cleric's style, with which one name is a whole name: "King Fahd",
# "Queen Beatrix", "Patriarch Kirill", "Grand Duke Henri".
SINGLE_NAME_STYLES = re.compile(
    r"\b(?:king|queen|emir|amir|sultan|prince|princess|duke|grand duke|emperor|empress"
    r"|patriarch|pope|metropolitan|archbishop|catholicos|mufti|dalai lama|sheikh)\b",
    re.IGNORECASE,
)
_INITIAL = re.compile(r"(?:[A-ZА-Я]\.)+|[A-ZА-Я][a-zа-я]?\.")
_ACRONYM = re.compile(r"[A-Z]{2,}(?:[.-][A-Z]+)*(?:’s|'s)?")


@functools.lru_cache(maxsize=16384)
def person_name(name, *, role="", country=None):
    """The person `name` names, cleaned; "" when it names none.

    A name read from a label or a title may carry what stood before it: an office's last
    word ("Environment Sergei Donskoy"), an organisation ("VEB.RF Igor Shuvalov", "ILO
    Director-General Guy Ryder"), a place ("Ingushetia Yunus-Bek Yevkurov") or the end of
    a bracket ("Holdings) Leonid Boguslavsky"): those words go. A holiday, a topic, an
    organisation or a place is nobody ("Independence Day", "Technical Cooperation", "Perm
    Territory", "Oil Company.”"). One word is a name only with a country ("Prime Minister
    Kishida of Japan"), an office ("SECRETARY BLINKEN"), an initial ("В.Путин") or a style
    ("Queen Beatrix", "Patriarch Kirill"); alone ("Putin:", "Alina:") it is nobody in particular.
    """
    text = " ".join((name or "").split())
    text = re.split(r"[)\]”»\"]\s+", text)[-1]  # "Holdings) Leonid Boguslavsky"
    text = text.strip(" ,;:'’\"”“«»()[]")
    text = re.sub(r"(?<=[a-zа-яё]{3})\.$", "", text).strip()  # "Company." (not "Jr.")
    if not text or re.search(r"\w\w[.!?;:]\s|[“”\"«»()\[\]]|\d", text):
        return ""  # "Yukos. Speaking", a quotation, a date (not "Antony J. Blinken")
    words = text.split()
    regnal = len(words) >= 2 and bool(_ROMAN.fullmatch(words[-1]))  # "Abdullah II"
    last = len(words) - (2 if regnal else 1)
    if last < 0:
        return ""
    # The name is read from its end: the surname may be any word ("Theresa May", "Samantha
    # Power"), what stands before it must look like a name.
    start = last
    while start > 0:
        word, before = words[start - 1], words[start - 2] if start >= 2 else ""
        if before.lower() in NAME_PARTICLES or _ROMAN.fullmatch(word) or word == "e":
            start -= 1  # "Jaap de Hoop Scheffer", "Carl XVI Gustaf", "Correia e Silva"
            continue
        if start >= 2 and is_place(f"{before} {word}"):
            break  # "Crown Prince of Abu Dhabi Mohammed Al Nahyan"
        junk = _junk_word(word)
        # A dictionary word is a given name too ("Win Myint", "Rein Muellerson") where it
        # is all that stands before the surname.
        if junk and (junk == "strong" or last - start >= 1):
            break
        start -= 1
    words = words[start:]
    bare = [w.lower().strip(".,'’") for w in words]
    # "Museum-Reserve" is two words; "Kim Jong-un" is no United Nations ("un").
    parts = [part.lower().strip(".,'’") for w in words for part in _hyphen_parts(w)]
    if any(w in NOT_A_PERSON_WORDS for w in parts) or bare[-1] in ROLE_WORDS - NAME_PARTICLES:
        return ""
    if len(bare) >= 2 and all(w in common_words() or w in NAME_PARTICLES for w in bare):
        return ""  # "Young People", "Far East" (one word may be "MR PRICE", "Prime Minister May")
    last_word = words[last - start]
    if (
        any(is_country_word(part) for part in _hyphen_parts(last_word))
        or is_place(last_word)
        or _adjective(last_word)
        or bare[last - start] in INSTITUTION_WORDS - SURNAME_WORDS
        or re.search(r"[’']s$", last_word)
    ):
        return ""  # "Trilateral Russian-Armenian-Azerbaijani", "From Berlin", "Akkuyu Nuclear"
    text = " ".join(words)
    if is_place(text) or not words[0][:1].isupper():
        return ""
    if len(words) == 1:
        # Nobody in particular: "Putin:", "Presenter:"; a dictionary word alone is a name
        # only after an honorific or an office ("MR PRICE"), not with a country alone
        # ("National Artist of the USSR").
        if not (_has_office(role) or _INITIAL.match(words[0])):
            return ""
        if bare[0] in ROLE_WORDS or _ACRONYM.fullmatch(words[0]):
            return ""  # "Prosecutor General", "UES board chairman"
    return text


# Words of institutions that are surnames too: "Samantha Power", "John Major".
SURNAME_WORDS = frozenset("power major fine mass guard port market bank young".split())


def _adjective(word):
    """A word no name ends with: "International", "Interregional", "Following"."""
    bare = word.lower()
    return bare in ("nuclear", "automobile", "space") or (
        bare in common_words() and bool(re.search(r"(?:al|ing|ive|ic|ous|ar)$", bare))
    )


# The words of an office or a style, with which a surname alone names someone ("SECRETARY
# BLINKEN", "Prime Minister May", "Mr. Heusgen"); not the words that only qualify one
# ("State", "European", "Foreign").
OFFICE_WORDS = HONORIFICS | frozenset(
    """
    president vice-president premier minister chancellor secretary secretary-general
    under-secretary undersecretary ambassador envoy king queen emir amir sultan prince
    princess duke emperor empress sheikh patriarch pope metropolitan archbishop cardinal
    catholicos mufti rabbi imam governor mayor chairman chairwoman chairperson chair director
    senator speaker spokesperson spokesman spokeswoman commissioner head leader commander
    general admiral marshal colonel captain lieutenant major taoiseach tanaiste ceo
    aide adviser advisor counsellor counselor rapporteur representative delegate member
    bundeskanzler bundeskanzlerin präsident präsidenten präsidentin premierminister
    ministerpräsident
    """.split()
)


def _has_office(role):
    """A role that holds an office or a style: "President", "Mr.", "Queen of the
    Netherlands" (not "P", "Question from", "Association of European")."""
    words = re.split(r"[\s-]+", (role or "").lower())
    return any(w.strip(".,") in OFFICE_WORDS for w in words)


@functools.lru_cache(maxsize=16384)
def _junk_word(word):
    """ "strong" for a word that is no part of a name after it: an office's, a place's, an
    event's or an organisation's word, an acronym ("VEB.RF Igor Shuvalov", "ILO
    Director-General Guy Ryder", "Ingushetia Yunus-Bek Yevkurov"); "weak" for a dictionary
    word ("Environment Sergei Donskoy"); "" for a word of a name."""
    bare = word.lower().strip(".,'’")
    if bare in NAME_PARTICLES or bare in GIVEN_NAME_WORDS or _INITIAL.fullmatch(word):
        return ""
    parts = bare.split("-")
    if (
        bare in ROLE_WORDS
        or bare in ("a", "an", "one", "two", "first", "second", "third", "eighth", "merited")
        or (bare.endswith("ing") and bare in common_words())  # "Visiting", "Presenting"
        or any(is_country_word(part) for part in parts[1:])  # "High-level Russian-Kazakh"
        or (len(parts) > 1 and any(part in INSTITUTION_WORDS for part in parts))  # "Museum-"
        or any(part in common_words() for part in word.split("-")[1:] if part[:1].islower())
        or bare in HONORIFICS
        or bare in INSTITUTION_WORDS
        or bare in NOT_A_PERSON_WORDS
        or bool(_ACRONYM.fullmatch(word))  # "ILO", "UNESCO"
        or "." in word.rstrip(".")  # "VEB.RF"
        or any(part.lower() in ROLE_WORDS for part in word.split("-")[1:])  # "Director-General"
        or (is_country_word(word) and bare not in GIVEN_NAME_WORDS)
        or is_place(word)
        or not word[:1].isupper()
    ):
        return "strong"
    return "weak" if bare in common_words() else ""


_ROMAN = re.compile(r"[IVX]{1,5}")


def _is_city(text):
    return bool(city_country(text)) and not is_country_word(text)


@functools.lru_cache(maxsize=16384)
def is_place(text):
    return bool(city_country(text)) or is_region(text)


def not_a_person(name):
    """True for a 'name' whose last word only ends an institution's or document's name."""
    words = name.split()
    return bool(words) and words[-1].lower().strip(".,'’") in NOT_A_PERSON_LAST_WORDS


@functools.cache
def common_words():
    """English words that kremlin.ru's pages print in lower case mid-sentence: words of a
    phrase, not of a name (see data/common_words.txt)."""
    path = Path(__file__).parent / "data" / "common_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


# Lower-case particles that belong to names: "Van der Bellen", "bin Salman", "al-Assad".
NAME_PARTICLES = {
    "van",
    "der",
    "den",
    "de",
    "da",
    "di",
    "du",
    "la",
    "le",
    "von",
    "bin",
    "ibn",
    "al",
    "el",
    "del",
    "dos",
    "das",
    "ben",
    "bint",
    "ter",
    "ten",
    "zu",
    "y",
}

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)


def transliterate(text):
    """Romanise Cyrillic letters (for slugs only: names are kept as printed)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYRILLIC:
            t = _CYRILLIC[low].replace("_", "")
            out.append(t.capitalize() if ch != low else t)
        else:
            out.append(ch)
    return "".join(out)


def slug_for(text):
    return slugify(transliterate(text))


@functools.lru_cache(maxsize=65536)
def fold(text):
    """Lower-case, strip accents, unify dashes and quotes, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ё", "е").replace("Ё", "Е")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u2018\u2019\u02bc`´]", "'", text)
    return re.sub(r"\s+", " ", text).strip().lower()


@functools.lru_cache(maxsize=65536)
def normalize_name(name):
    """The key an alias is unique on: 'Ilham  Aliyev' and 'ILHAM ALIYEV' give 'ilham aliyev'."""
    text = fold(name)
    text = re.sub(r"[^\w\s'-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=65536)
def compact_key(name):
    """A key that ignores spaces and punctuation, so 'VladimirPutin' meets 'Vladimir Putin'."""
    return re.sub(r"[^\w]", "", fold(name)).replace("_", "")


def smart_title(word):
    """'BLINKEN' -> 'Blinken', 'AL-ASSAD' -> 'Al-Assad', keeping already mixed-case words."""
    if not word.isupper() or len(word) <= 1:
        return word
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))


@dataclass(frozen=True)
class LabelParts:
    """A speaker label taken apart: role, name and the interpreter note, if any."""

    role: str
    name: str
    note: str


INTERPRETER_NOTE = re.compile(
    r"\((?P<note>(?:re-?translated|as translated|translated(?: from [\w ]+)?|via interpreter"
    r"|through (?:an )?interpreter|interpreted|in [A-Z][a-z]+|spoke in [A-Z]?[a-z]+"
    r"|как переведено|в переводе|перевод|через переводчика|retranslation)[^)]{0,30})\)",
    re.IGNORECASE,
)
_STYLED = re.compile(
    r"^(?P<role>(?:Crown |Grand )?(?:King|Queen|Emperor|Empress|Emir|Sultan|Prince|Princess"
    r"|Duke|Grand Duke"
    r"|Patriarch|Metropolitan|Archbishop|Catholicos|Pope|Grand Mufti|Mufti))\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|bin|ibn|al|[IVX]+))*?)\s*of\s+"
    r"(?P<of>[A-Z][\w'’ -]+)$"
)
# A bracket after a label's name: a note ("(as interpreted)"), an office ("(NATO
# Spokesperson)"), a country or an outlet ("[NPR]").
_TRAILING_PAREN = re.compile(r"\s*(?:\((?P<inner>[^)]{1,160})\)|\[(?P<outlet>[^\]]{1,40})\])\s*$")
_LOWER_UPPER = re.compile(r"[a-zа-яё][A-ZА-ЯЁ]")
_GLUED_OF = re.compile(
    r"(?i)\b((?:\w+-)?(?:president|minister|chairman|secretary|director|head|governor"
    r"|ambassador|chancellor|premier|speaker|chief))(of|for)\b"
)
_PARTICLE_NAME = re.compile(r"(?:al|el|bin|ibn|de|van|von|d)[-'’]\w+")


def is_interpreter_note(note):
    # "(spoke in Russian)": a United Nations record prints the interpretation.
    return bool(
        re.search(
            r"transl|interpret|перев|spoke in (?!English)",
            note or "",
            flags=re.IGNORECASE,
        )
    )


@functools.lru_cache(maxsize=16384)
def split_label(label):
    """Separate role and name: 'President of Russia Vladimir Putin' -> role, 'Vladimir Putin'.

    'SECRETARY BLINKEN' gives role 'Secretary', name 'Blinken'; 'Shri Arindam Bagchi, Official
    Spokesperson' gives name 'Arindam Bagchi', role 'Official Spokesperson'; 'Jens STOLTENBERG
    (NATO Secretary General)' gives name 'Jens Stoltenberg', role 'NATO Secretary General'; a
    label that is only a role ('The President') gives an empty name.
    """
    parts = _split_label(label)
    if parts.name and not parts.role and _role_note(parts.note):
        return LabelParts(role=_role_case(parts.note), name=parts.name, note="")
    return parts


def _role_note(note):
    """Whether a label's one bracket after the name is the office ("(Prime Minister of
    Sweden)", as NATO's transcripts print it), not a note on how it was spoken."""
    words = note.lower().split()
    return (
        0 < len(words) <= 10
        and ";" not in note
        and not is_interpreter_note(note)
        and not is_country_word(note)  # "Mr. Nebenzia (Russian Federation)": whose he is
        and any(w.strip(".,") in ROLE_WORDS - _NOT_OFFICE_WORDS for w in words)
    )


_NOT_OFFICE_WORDS = frozenset("of the and for at in on to his her mr mrs ms dr sir hon".split())


def _split_label(label):
    note = ""
    text = label.strip()
    m = _TRAILING_PAREN.search(text) if text.endswith((")", "]")) else None
    while m:
        inner = m.group("inner") or m.group("outlet")
        note = (inner + ("; " + note if note else "")).strip()
        text = text[: m.start()].strip()
        m = _TRAILING_PAREN.search(text)
    text = " ".join(text.split())
    if "," in text:
        head, _, tail = text.partition(",")
        head_words = head.split()
        if head_words and not all(w.lower().strip(".") in ROLE_WORDS for w in head_words):
            name = strip_honorifics(head)
            after = split_label(tail.strip())
            if not _name_like(name.split()) and _name_like(after.name.split()):
                # The office first, the name at the end: "Minister of Civil Defence,
                # Emergencies and Disaster Relief Vladimir Puchkov", "Lipetsk, Yevgeny Zaitsev".
                role = ", ".join(x for x in (head.strip(), after.role) if x)
                return LabelParts(role=_role_case(role), name=after.name, note=note)
            # The name first: "Valeriya Korableva, reporter at Channel One".
            return LabelParts(role=tail.strip(), name=_name_case(name), note=note)
    if _LOWER_UPPER.search(text):
        text = re.sub(r"(?<=[a-zа-яё]{3})(?=[A-ZА-ЯЁ][a-zа-яё])", " ", text)  # "VladimirPutin"
        text = _GLUED_OF.sub(r"\1 \2", text)  # "Minister-PresidentofBavaria"
    words = text.split()
    if len(words) >= 2 and re.fullmatch(r"[A-ZА-Я]", words[0]):
        # A one-letter role abbreviation: "P Macron" (Präsident), "BK Scholz" is two.
        return LabelParts(role=words[0], name=_name_case(" ".join(words[1:])), note=note)
    m = _STYLED.match(text)
    if m and not is_country_word(m.group("name").split()[0]):
        # A sovereign's or a patriarch's style puts the name before the see or the country:
        # "King Mohammed VI of Morocco", "Patriarch Kirill of Moscow and All Russia".
        role = f"{m.group('role')} of {m.group('of')}"
        return LabelParts(role=_role_case(role), name=_name_case(m.group("name")), note=note)
    # Take the name from the end: capitalised words that are not role words.
    i = len(words)
    while i > 0:
        w = words[i - 1]
        bare = w.lower().strip(".,")
        if (bare in NAME_PARTICLES or w == "e") and i < len(words):
            i -= 1  # "Ulisses Correia e Silva" (Portuguese); "E. Choinozov" is an initial
            continue
        particle_name = _PARTICLE_NAME.fullmatch(w)
        if i >= 2 and words[i - 2].lower() in ("bin", "ibn", "bint") and w[:1].isupper():
            i -= 1  # a father's name, whatever else it is: "Zayed bin Sultan Al Nahyan"
            continue
        if (
            bare in ROLE_WORDS
            or bare in HONORIFICS
            or (bare in INSTITUTION_WORDS and len(words) - i >= 2)  # "Samantha Power"
            or not (w[:1].isupper() or w[:1].isdigit() or particle_name)
        ):
            break
        if i < len(words) and office_typo(bare):
            # An office misspelt before the name ("Presiden Biden"): no part of the name.
            words[i - 1] = office_typo(bare).capitalize()
            break
        if (
            is_country_word(w)
            or (i >= 2 and is_country_word(f"{words[i - 2]} {w}"))
            or (i >= 3 and is_country_word(" ".join(words[i - 3 : i])))
        ):
            if len(words) - i == 1 and is_demonym(w):
                # A given name that is a demonym too: "Sberbank CEO German Gref" (an
                # adjective stands before the office: "Chinese President Xi Jinping").
                i -= 1
            break  # "Russia", "Saudi Arabia", "Bosnia and Herzegovina"
        if len(words) - i >= 2 and (
            _is_city(w) or (i >= 2 and _is_city(f"{words[i - 2]} {w}")) or is_region(w)
        ):
            # "Mayor of Moscow Sergei Sobyanin", "Crown Prince of Abu Dhabi Mohammed...",
            # a list of governors: "the Orenburg Region Yury Berg, Kalmykia Alexander Orlov".
            break
        i -= 1
    name_words = words[i:]
    while name_words and name_words[0].lower().strip(".") in NAME_PARTICLES:
        name_words = name_words[1:]
    if len(name_words) == 1 and name_words[0].lower().strip(".,") in ORGANISATION_NOUNS:
        name_words = []
    if len(name_words) >= 2 and is_region(" ".join(name_words)):
        name_words = []  # "Minister for the Development of the Russian Far East"
    # A label in title case capitalises its little words too ("Military Columnist From
    # Komsomolskaya Pravda Viktor Baranets"): the name follows the last of them.
    little = [n for n, w in enumerate(name_words[:-2]) if w.lower() in ("from", "of", "the")]
    if little and _plain_name(name_words[little[-1] + 1 :][-2:]):
        i += little[-1] + 1
        name_words = name_words[little[-1] + 1 :]
    if len(name_words) == 2 and i > 0 and words[i - 1].lower() == "of" and len(words) > 3:
        # What an office is of, not whose: "CEO of Exxon Mobil", "Head of Gazprom Neft" (a
        # name after "of" follows the place: "President of Russia Vladimir Putin").
        name_words = []
    if (
        len(name_words) >= 3
        and i > 0
        and (
            words[i - 1].lower() in ("of", "for")
            or (
                # A company named with an adjective runs on into the first word: "President
                # of Russian Platinum Musa Bazhayev", "Head of British Petroleum Robert
                # Dudley". (After an institution's word, three may be one name: "African
                # Union Commission Moussa Faki Mahamat".)
                is_demonym(words[i - 1])
                and all(w[:1].isupper() for w in name_words)
                and _plain_name(name_words[-2:])
            )
            or (
                (
                    words[i - 1].lower() in ("from", "the", "–", "—", "-")
                    # "of the State Hermitage Mikhail Piotrovsky", not "of the Philippines
                    # Gloria Macapagal Arroyo"
                    or (i >= 2 and words[i - 2] == "the" and not is_country_word(words[i - 1]))
                )
                and all(w[:1].isupper() for w in name_words[:-2])  # not "the 29th Winter ..."
                and _plain_name(name_words[-2:])
            )
        )
        and not any(w.lower() in NAME_PARTICLES for w in name_words)
        and not any(_PARTICLE_NAME.fullmatch(w) for w in name_words)  # "Abdel Fattah el-Sisi"
    ):
        # "Mayor of Moscow Sergei Sobyanin", "Minister of Healthcare Veronika Skvortsova":
        # what follows "of" opens with the place or the office; the name is its last two
        # words, three with a patronymic ("Andrei Yuryevich Vorobyov"). So after "the", "from"
        # or a dash: "director of the Hermitage Mikhail Piotrovsky", "Khanty-Mansi Autonomous
        # Area – Yugra Natalya Komarova", "Columnist From Komsomolskaya Pravda Viktor Baranets".
        keep = 3 if PATRONYMIC.search(name_words[-2]) else 2
        name_words = name_words[-keep:]
    role = " ".join(words[: len(words) - len(name_words)])
    role_words = role.split()
    while role_words and role_words[-1].lower().strip(".") in HONORIFICS:
        role_words.pop()
    role = " ".join(role_words)
    return LabelParts(role=_role_case(role), name=_name_case(" ".join(name_words)), note=note)


# The offices a source may misspell before a name.
TYPO_OFFICES = ("president", "minister", "secretary", "chancellor", "ambassador", "governor")


@functools.lru_cache(maxsize=16384)
def office_typo(word):
    """The office a word misspells by a letter ("presiden", "presdent", "secretery"), or
    "" (a word that is an office already, or none)."""
    if len(word) < 6 or word in ROLE_WORDS or not word.isalpha():
        return ""
    for office in TYPO_OFFICES:
        if word[0] == office[0] and word != office and _similar(word, office, 0.88):
            return office
    return ""


def _plain_name(words):
    """Words of a name, none a dictionary word ("Mikhail Piotrovsky", not "Transfer
    Agreement" or "Winter Universiade")."""
    return _name_like(words) and not any(w.lower().strip(".,") in common_words() for w in words)


def _name_like(words):
    """Two to five capitalised words, none of an office, a place or an institution."""
    return 2 <= len(words) <= 5 and all(
        (w[:1].isupper() or w.lower() in NAME_PARTICLES)
        and w.lower().strip(".,") not in _NOT_NAME_WORDS
        and not is_country_word(w)
        for w in words
    )


_NOT_NAME_WORDS = frozenset(ROLE_WORDS | HONORIFICS | INSTITUTION_WORDS)


def strip_honorifics(text):
    """The text without the honorifics that open it: "Dr. Henry A. Kissinger"."""
    words = text.split()
    while words and words[0].lower().strip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _name_case(name):
    """A name in capitals as printed otherwise: "ABDULLAH II" "Abdullah II" (a regnal
    number stays in capitals)."""
    if not name:
        return ""
    if any(c.islower() for c in name):
        # A surname in capitals after names that are not: "Jens STOLTENBERG", "Ursula von
        # der LEYEN" (NATO's way of marking it); not an acronym before a name ("PJSC").
        words = name.split()
        last = words[-1]
        if (
            len(words) >= 2
            and len(last) > 2
            and last.isupper()
            and last.isalpha()
            and not _ROMAN.fullmatch(last)
            and all(not w.isupper() for w in words[:-1])
        ):
            return " ".join([*words[:-1], smart_title(last)])
        first = words[0]
        if (
            len(words) == 2
            and len(first) > 2
            and first.isupper()
            and first.isalpha()
            and not _known_acronym(first)
            and words[1].lower() not in common_words()
            and words[1].lower() not in ROLE_WORDS
            and not words[1].endswith(("s", "’", "'"))  # "BRICS Leaders’ Meeting"
        ):
            # The family name first, in capitals: "KAMIKAWA Yoko" (Japan's way).
            return f"{smart_title(first)} {words[1]}"
        return name
    return " ".join(
        w if n and _ROMAN.fullmatch(w) else smart_title(w) for n, w in enumerate(name.split())
    )


def _regnal_prefix(a, b):
    """Whether one name's words open the other's and end in a regnal number (folded words:
    "abdullah ii", "abdullah ii ibn al hussein")."""
    short, long = sorted((a, b), key=len)
    return (
        len(short) >= 2
        and len(long) > len(short)
        and long[: len(short)] == short
        and bool(_ROMAN.fullmatch(short[-1].upper()))
    )


def _role_case(role):
    if not role:
        return role
    if any(c.islower() for c in role):
        # Upper-case words are titled ("Regional DEVELOPMENT MINISTER"), not a bracketed
        # acronym ("(OECD)") nor an organisation's or a country's ("NATO Secretary General").
        return " ".join(
            smart_title(w) if len(w) > 3 and w[:1] != "(" and not _known_acronym(w) else w
            for w in role.split()
        )
    small = {"of", "the", "and", "for"}
    if role == "PM":
        return role  # "PM Pashinyan"
    return " ".join(w.lower() if w.lower() in small else smart_title(w) for w in role.split())


def _known_acronym(word):
    """An organisation's or a state's short form: "NATO", "ASEAN", "USSR", "U.S."."""
    if not word.isupper():
        return False
    codes = find_countries(word)
    return bool(codes) and (is_organisation(codes[0]) or word.strip(",;") in SHORT_FORMS)


def surname_key(name):
    """The surname, folded; a "Jr." after it is none ("Ferdinand Marcos Jr." is a Marcos)."""
    parts = _without_suffix(normalize_name(name).split())
    return parts[-1] if parts else ""


# What follows a name and is no part of the surname: "Joseph R. Biden Jr.", "Ferdinand
# Marcos Jr.". A regnal number ("Abdullah II") is part of the name.
SUFFIXES = frozenset({"jr", "sr", "jnr", "snr"})


def _without_suffix(words):
    while len(words) > 1 and words[-1].strip(".,") in SUFFIXES:
        words = words[:-1]
    return words


def _hyphen_parts(word):
    """A word's parts where a hyphen joins capitalised words ("Museum-Reserve",
    "Russian-Armenian"); a name's own hyphen ("Jong-un") joins no words."""
    return word.split("-") if re.search(r"-[A-Z]", word) else [word]


# Familiar forms of a given name: "Tony Blair" is Anthony Blair, "Joe Biden" Joseph R. Biden.
FAMILIAR_NAMES = {
    "tony": "anthony",
    "bill": "william",
    "bob": "robert",
    "jim": "james",
    "joe": "joseph",
    "mike": "michael",
    "dick": "richard",
    "tom": "thomas",
    "ted": "edward",
    "sasha": "alexander",
}


def initials_compatible(short, full):
    """'M. Mishustin' fits 'Mikhail Mishustin'; 'Дж.Буш' fits 'Джордж Буш'; 'Joe Biden' fits
    'Joseph R. Biden' (a familiar form, and no more given names than the other)."""
    s = _without_suffix(normalize_name(short.replace(".", ". ")).split())
    f = _without_suffix(normalize_name(full).split())
    if not s or not f or s[-1] != f[-1]:
        return False
    for a, b in zip(s[:-1], f[:-1], strict=False):
        if not FAMILIAR_NAMES.get(b, b).startswith(FAMILIAR_NAMES.get(a, a)):
            return False
    return True


def fullness(name):
    """More words that are no initial, then a given name however short, then fewer
    initials, then more letters: 'Mikhail Mishustin' beats 'M. Mishustin', which beats
    'Mishustin'; 'Joe Biden' beats 'Joseph R. Biden'. A particle printed apart is no more of a name
    ('al Thani' is 'Al-Thani')."""
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    initials = sum(1 for w in words if len(w.rstrip(".")) <= 2 and w.endswith("."))
    return (len(words) - initials, min(len(words), 2), -initials, len(compact_key(name)))


@functools.lru_cache(maxsize=65536)
def _similar(a, b, threshold):
    """difflib's ratio >= threshold, trying its cheap upper bounds first (the bound of the
    lengths before a matcher is even built: most pairs end there)."""
    if 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def _ends_with_other(a, b):
    """One name of two words or more ends the other, two given names or more before it."""
    shorter, longer = sorted((a, b), key=len)
    return (
        len(shorter) >= 2 and len(longer) >= len(shorter) + 2 and longer[-len(shorter) :] == shorter
    )


class NameIndex:
    """Match labels to the people of one meeting, refusing whenever two people would fit."""

    def __init__(self):
        self.people = []  # display names, in order of first appearance
        self.renamed = {}

    def add(self, name):
        """The name the person is known by here; `renamed` maps replaced names to it."""
        existing = self.match(name)
        if existing:
            # A fuller spelling replaces a shorter one: 'Putin' then 'Vladimir Putin',
            # 'M. Mishustin' then 'Mikhail Mishustin'.
            if fullness(name) > fullness(existing):
                self.people[self.people.index(existing)] = name
                self.renamed[existing] = name
                return name
            return existing
        self.people.append(name)
        return name

    def match(self, name):
        if not name:
            return None
        key = compact_key(name)
        exact = [p for p in self.people if compact_key(p) == key]
        if exact:
            return exact[0]
        words = normalize_name(name.replace(".", ". ")).split()
        if not words:
            return None
        if len(words) == 1:
            hits = [p for p in self.people if surname_key(p) == words[0]]
            if not hits:
                hits = [p for p in self.people if words[0] in normalize_name(p).split()]
            if not hits and len(key) >= 8:
                hits = [p for p in self.people if _similar(compact_key(p), key, 0.9)]
            return hits[0] if len(hits) == 1 else None
        compatible = [
            p for p in self.people if initials_compatible(name, p) or initials_compatible(p, name)
        ]
        if len(compatible) == 1:
            return compatible[0]
        if compatible:
            return None
        # A sovereign's name and number, and the whole name: "Abdullah II" and "Abdullah II
        # ibn Al Hussein".
        regnal = [p for p in self.people if _regnal_prefix(words, normalize_name(p).split())]
        if len(regnal) == 1:
            return regnal[0]
        # Two surnames alone and the whole name, given names first: "López Obrador" and
        # "Andrés Manuel López Obrador".
        ends = [p for p in self.people if _ends_with_other(words, normalize_name(p).split())]
        if len(ends) == 1:
            return ends[0]
        # A family name first, known alone before: "Prime Minister Ishiba of Japan", then
        # "Prime Minister Ishiba Shigeru".
        family = [p for p in self.people if normalize_name(p) == words[0]]
        if len(family) == 1 and not any(surname_key(p) == words[-1] for p in self.people):
            return family[0]
        # A typo ('Vlaidmir Putin'): same surname, first names nearly the same.
        close = [
            p
            for p in self.people
            if surname_key(p) == words[-1] and _similar(normalize_name(p), " ".join(words), 0.85)
        ]
        if len(close) == 1:
            return close[0]
        # A glued first name and surname that differ only in transliteration: 'SergeiDonskoy'.
        close = [p for p in self.people if _similar(compact_key(p), key, 0.9)]
        return close[0] if len(close) == 1 else None
