"""Who a Russian title or lead names, and as what. No database here.

Russian declines names and offices: a title names the counterpart in the instrumental case
("Встреча с Президентом Азербайджана Ильхамом Алиевым"), a lead its subject in the genitive
("Телефонный разговор Владимира Путина с ...") or the accusative ("принял ... Джона Керри").
Each person is given back as a label or a list names them, in the nominative:

    "Встреча с Президентом Азербайджана Ильхамом Алиевым"
        -> [("Ильхам Алиев", "Президент Азербайджана")]

Names the dictionary knows (pymorphy3's dictionary of Russian has given names and surnames)
are put in the nominative by it; a foreign name it does not know loses its case ending by
rule ("Шольцем" -> "Шольц", "Макроном" -> "Макрон"); an indeclinable one stays ("Моди").
"""

import functools
import re

from meetings.importers.countries import find_countries

# The head word of an office, in any case: "Президентом", "Премьер-министра", "канцлером".
OFFICE_HEAD = re.compile(
    r"^(?:вице-)?(?:президент|премьер-министр|председател|министр|канцлер|корол|королев"
    r"|секретар|госсекретар|эмир|султан|принц|наследн|генсек|глав)\w*$",
    re.I,
)
# Words that may open an office before its head: "Федеральным канцлером", "Генеральным
# секретарём", "Государственного секретаря", "наследным принцем".
OFFICE_ADJECTIVE = re.compile(r"^(?:федеральн|генеральн|государственн|наследн|вице)\w*$", re.I)
# A name by its initials, as Russian pages print them: "С.В.Лаврова", "М.Чавушоглу", "Дж.Буш".
INITIALS = re.compile(
    r"^(?P<initials>(?:[А-ЯЁ][а-яё]?\.\s?){1,2})(?P<surname>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)$"
)
NAME_WORD = re.compile(r"^(?:[А-ЯЁ][а-яё]*(?:-[А-ЯЁа-яё][а-яё]+)?|[А-ЯЁ]{2,6})$")  # or "ООН"
SPLIT = re.compile(r"\s+(?:с|со|и|между)\s+|[,;:.!?]\s+|\s+[–—-]\s+")


@functools.cache
def _morph():
    import pymorphy3  # loaded only for Russian text: 0.1 s and 15 MB

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=16384)
def _parses(word):
    """The dictionary's readings of a word, likeliest first (each word is asked of more
    than once: is it a place, a given name, a noun; its nominative)."""
    return tuple(_morph().parse(word))


def people(text):
    """[(name, role)]: the people a Russian title or sentence names, in the nominative."""
    found = []
    for chunk in SPLIT.split(text or ""):
        words = chunk.strip(' .«»"“”()').split()
        found += _chunk_people(words)
    return found


def _chunk_people(words):
    found = []
    # Who opens the chunk, named in full: "Владимир Путин провёл переговоры".
    lead = _name_run(words, 0)
    if len(lead) >= 2 and not any(_country_word(w) for w in lead):
        found.append((_nominative(lead, None), ""))
    # Or ends it, named in full after what was held: "Состоялся телефонный разговор
    # Владимира Путина".
    tail = _name_run(words, len(words) - 2) if len(words) > 2 else []
    if tail and not any(OFFICE_HEAD.match(w) for w in words) and _given_name(tail[0]):
        found.append((_nominative(tail, None), ""))
    named = set()  # the words an office's holder was named by
    i = 0
    while i < len(words):
        if not OFFICE_HEAD.match(words[i]):
            i += 1
            continue
        start = i
        while start > 0 and OFFICE_ADJECTIVE.match(words[start - 1]):
            start -= 1
        head = _noun(words[i])
        # The office's own words after its head ("Министром иностранных дел"), then whose
        # office it is ("Китайской Народной Республики"), then the name ("Ван И").
        j = i + 1
        while j < len(words) and words[j][:1].islower() and j - i <= 3:
            j += 1
        run = _name_run(words, j, longest=8)
        k = 0
        while k < len(run) and _country_word(run[k]):
            k += 1
        while len(run) - k < 2 and k > 0 and not _place(run[k - 1]):
            k -= 1  # "Си Цзиньпином": a name the dictionary does not know as one
        name = run[k : k + 4]
        if len(name) >= 2 or (name and (INITIALS.match(name[0]) or len(run) == k + 1 and k)):
            office = [
                _nominative_word(w, head.tag.case if head else None, head=head)
                for w in words[start : i + 1]
            ]
            office[0] = office[0][:1].upper() + office[0][1:]
            role = " ".join(office + words[i + 1 : j] + run[:k])
            found.append((_nominative(name, head.tag.case if head else None), role))
            named.update(name)
            i = j + k + len(name)
        else:
            i += 1
    # Anyone else named by the initials: "Переговоры С.В.Лаврова".
    found += [(_nominative([w], None), "") for w in words if INITIALS.match(w) and w not in named]
    return found


def _name_run(words, at, longest=4):
    """Capitalised words from `at`, up to `longest`, no office; a run of one is none."""
    run = []
    for word in words[at:]:
        if INITIALS.match(word):
            return run + [word]  # a name whole in one word
        if not NAME_WORD.match(word) or OFFICE_HEAD.match(word) or OFFICE_ADJECTIVE.match(word):
            break
        run.append(word)
        if len(run) == longest:
            break
    return run if len(run) >= 2 else []


def _country_word(word):
    """Whether a word is of a country's name or style, not a person's ("Азербайджанской",
    "Республики", "Соединённых", "Штатов", "Америки"): a place, an adjective or a thing,
    never a given name or a surname."""
    if _place(word):
        return True
    parses = _parses(word)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return False
    top = parses[0].tag
    return top.POS in ("ADJF", "PRTF") or (top.POS == "NOUN" and top.animacy == "inan")


def _given_name(word):
    return any("Name" in p.tag.grammemes for p in _parses(word))


def _place(word):
    return bool(find_countries(word)) or any("Geox" in p.tag.grammemes for p in _parses(word)[:1])


def _noun(word):
    parses = [p for p in _parses(word) if p.tag.POS == "NOUN"]
    return parses[0] if parses else None


def _nominative(words, case):
    """A name's words in the nominative: "Ильхамом Алиевым" -> "Ильхам Алиев",
    "С.В.Лаврова" -> "С.В.Лавров"."""
    if len(words) == 1 and (m := INITIALS.match(words[0])):
        surname = m.group("surname")
        if case is None:
            case = next(
                (p.tag.case for p in _parses(surname) if "Surn" in p.tag.grammemes),
                "gent" if surname.endswith(("ова", "ева", "ина")) else "nomn",
            )
        return m.group("initials").replace(" ", "") + _nominative_word(surname, case, name=True)
    if case is None:  # a subject's name: the case its given name is in
        case = next((p.tag.case for p in _parses(words[0]) if "Name" in p.tag.grammemes), "nomn")
    return " ".join(_nominative_word(w, case, name=True) for w in words)


def _nominative_word(word, case, *, name=False, head=None):
    """A word in the nominative, from the case it is in. head: the office's head noun, whose
    gender an adjective takes ("Государственного секретаря" -> "Государственный
    секретарь")."""
    if case in (None, "nomn"):
        return word
    wanted = {"Name", "Surn", "Patr"} if name else None
    for parse in _parses(word):
        if parse.tag.case != case or (wanted and not wanted & parse.tag.grammemes):
            continue
        if not wanted and parse.tag.POS not in ("NOUN", "ADJF", "PRTF"):
            continue
        grammemes = {"nomn"}
        if parse.tag.POS in ("ADJF", "PRTF") and head is not None and head.tag.gender:
            grammemes |= {head.tag.gender, "sing"}
        nominative = parse.inflect(grammemes)
        if nominative is not None:
            return _cased_like(nominative.word, word)
    return _cased_like(_ending_off(word.lower(), case), word) if name else word


def _ending_off(word, case):
    """A foreign name's Russian case ending, off: "шольцем" -> "шольц", "макрона" ->
    "макрон", "зеленским" -> "зеленский"."""
    for ending, replacement in ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 2 and stem[-1] not in "аеёиоуыэюяь":
            return stem + replacement
    return word


# A name's endings in a case, and its nominative's in their place.
ENDINGS = {
    "ablt": [
        ("ским", "ский"),
        ("цким", "цкий"),
        ("овым", "ов"),
        ("евым", "ев"),
        ("ёвым", "ёв"),
        ("иным", "ин"),
        ("ыным", "ын"),
        ("ом", ""),
        ("ем", ""),
        ("ём", ""),
    ],
    "gent": [
        ("ского", "ский"),
        ("цкого", "цкий"),
        ("ова", "ов"),
        ("ева", "ев"),
        ("ина", "ин"),
        ("а", ""),
    ],
    "datv": [("скому", "ский"), ("цкому", "цкий"), ("у", "")],
    "loct": [("ском", "ский"), ("е", "")],
}
ENDINGS["accs"] = ENDINGS["gent"]  # a man's name: the accusative is the genitive


def _cased_like(word, original):
    """The word with the original's capitals: "ильхам" as "Ильхамом" -> "Ильхам",
    "касым-жомарт" -> "Касым-Жомарт"."""
    parts = word.split("-")
    capitals = [p[:1].isupper() for p in original.split("-")]
    return "-".join(
        p[:1].upper() + p[1:] if (capitals[n] if n < len(capitals) else False) else p
        for n, p in enumerate(parts)
    )
