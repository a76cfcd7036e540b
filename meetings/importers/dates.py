"""Find the date of a meeting in the lines of a document. Nothing here touches the database.

Date lines come in many shapes:

    May 10, 2024, 18:10, The Kremlin, Moscow        22 February 2022, 15:40
    9 October 201811:40                             OCTOBER 26, 2023
    10. Dezember 2021                               10 мая 2024 года, Москва
"""

import datetime
import re

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # German
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "oktober": 10,
    "dezember": 12,
    # French
    "janvier": 1,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    # Russian (genitive and nominative)
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
    "январь": 1,
    "февраль": 2,
    "март": 3,
    "апрель": 4,
    "май": 5,
    "июнь": 6,
    "июль": 7,
    "август": 8,
    "сентябрь": 9,
    "октябрь": 10,
    "ноябрь": 11,
    "декабрь": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?:(?=\d{1,2}:\d\d)|(?!\d))"
_DAY = r"(?P<day>[0-3]?\d)"
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
    r"\.?,?\s+)?"
)

PATTERNS = [
    # May 10, 2024 / Nov. 29, 2022 / OCTOBER 26, 2023
    re.compile(_WEEKDAY + _MONTH + r"\.?\s+" + _DAY + r"(?:st|nd|rd|th)?,?\s+" + _YEAR, re.I),
    # 22 February 2022 / 10. Dezember 2021 / 10 мая 2024 года
    re.compile(
        _WEEKDAY + _DAY + r"(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+" + _YEAR, re.I
    ),
    # 2024-05-10
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    # 30.01.2023 (Russian, German and other European pages: day first)
    re.compile(
        r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.])"
    ),
    # 06/25/2021 or 25/06/2021: the United States print the month first, most others the day;
    # read only where one of the two cannot be a month (06/10/2021 is either day).
    re.compile(
        r"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>(?:19|20)\d\d)"
        r"(?![\d/])"
    ),
    re.compile(
        r"(?<![\d/])(?P<day>1[3-9]|2\d|3[01])/(?P<month>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d\d)"
        r"(?![\d/])"
    ),
]
_CLOCK = r"\d{1,2}(?:[:.]\d\d(?:\s*[AaPp]\.?\s?[Mm]\.?)?|\s*[AaPp]\.\s?[Mm]\.)"  # 18:10, 10 a.m.
_TIME = re.compile(rf"\b{_CLOCK}(?:\s*[-–]\s*{_CLOCK})?(?:\s+[A-Z]{{2,4}}\b)?")
# A place before the date: "Washington, September 21, 1973, 10 a.m." (FRUS, State
# Department). Capitalised words, at most four parts between commas.
_PLACE = re.compile(r"[A-Z][\w.'’ -]{0,40}(?:,\s*[A-Z][\w.'’ -]{0,40}){0,3}")
_NOT_PLACES = {"today", "on", "dated", "as", "date", "updated", "posted", "published"}
PLACE_PARTICLES = {"of", "de", "du", "la", "le", "upon", "am", "an", "der", "del", "sur", "en"}
_FOUR_DIGITS = re.compile(r"(?:1[89]|20)\d\d")
_WEATHER = re.compile(r"\d+(?:\.\d+)?\s*°|\b\d+(?:\.\d+)?\s*[FC]\s*/")
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/")


def _build(year, month, day):
    try:
        m = int(month) if str(month).isdigit() else MONTHS[month.lower()]
        return datetime.date(int(year), m, int(day))
    except (KeyError, ValueError):
        return None


def find_date(text):
    """The first (date, match span) in text, or (None, None)."""
    best = None
    if not _FOUR_DIGITS.search(text):
        return None, None
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            d = _build(m.group("year"), m.group("month"), m.group("day"))
            if d and (best is None or m.start() < best[1][0]):
                best = (d, m.span())
                break
    return best if best else (None, None)


# A date line with slashes whose day could be either number ("06/10/2021"): read by the
# publisher's custom, month first where it is the United States'.
AMBIGUOUS_SLASHES = re.compile(
    r"^(?P<a>0?[1-9]|1[0-2])/(?P<b>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d\d)(?![\d/])[\s,]*"
)
MONTH_FIRST = frozenset({"US"})


def slashed_date_line(lines, country):
    """The date of a head's line of slashes that either number could be the month of
    ("01/09/2025"), read as the publisher's country prints it (month first in the United
    States, day first elsewhere); None where the country is not known."""
    if not country:
        return None
    for line in [x.strip() for x in lines[:40] if x.strip()][:15]:
        m = AMBIGUOUS_SLASHES.match(line)
        if m and (not line[m.end() :] or _TIME.fullmatch(line[m.end() :].strip())):
            month, day = (m["a"], m["b"]) if country in MONTH_FIRST else (m["b"], m["a"])
            return _build(m["year"], month, day)
    return None


def date_line(line):
    """(date, place) when the whole line is a date, perhaps with a time and a place."""
    if len(line) > 120 or _WEATHER.search(line):
        return None  # a weather header carries the day's date, not the meeting's
    d, span = find_date(line)
    if not d:
        return None
    before = line[: span[0]].strip(" ,-–—|[]()")
    after = line[span[1] :]
    after = _TIME.sub(" ", after)
    after = re.sub(r"^\s*(?:года|г\.)", "", after)
    after = re.sub(r"\s+", " ", after).strip(" ,-–—|[]()")
    if after.endswith(".") and len(after) <= 70:
        after = after[:-1].strip(" ,-–—|[]()")
    if before and not re.fullmatch(r"(?:Date|Дата|Datum)\s*:?", before, re.I):
        before = " ".join(_TIME.sub(" ", before).split()).strip(" ,-–—")
        if (
            not line[: span[0]].rstrip().endswith(",")  # "Washington, September 21, 1973"
            or not _PLACE.fullmatch(before)
            or before.split()[0].lower().strip(",") in _NOT_PLACES
            or any(c.isdigit() for c in before)
            or any(w[:1].islower() and w not in PLACE_PARTICLES for w in before.split())
        ):
            return None
        after = ", ".join(x for x in (before, after) if x)
    if len(after) > 70 or re.search(r"[.!?]$", after) and len(after.split()) > 4:
        return None
    if after and not after[0].isupper() and not after[0].isdigit():
        return None
    return d, after


_DATED_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+\S", re.I
)
_PUBLISHED = re.compile(r"posted|published|updated|printed|accessed|retrieved", re.I)


def weekday_date(line):
    """The date a line gives with its weekday, within other words: "8529th meeting Monday,
    20 May 2019, 3 p.m. New York" (a flattened record's head). Not a publication's date."""
    m = _DATED_WEEKDAY.search(line)
    if not m or _PUBLISHED.search(line):
        return None
    d, span = find_date(line[m.start() :])
    return d if span and span[0] == 0 else None


def is_time(line):
    """A line that is only a time of day: "10:47 A.M. BST", "18:10"."""
    return bool(_TIME.fullmatch(line.strip()))


def date_in_url(url):
    m = _URL_DATE.search(url or "")
    return _build(m.group("year"), m.group("month"), m.group("day")) if m else None


_MONTH_DAY = re.compile(
    _MONTH
    + r"\.?\s+"
    + _DAY
    + r"(?!\d)|"
    + _DAY.replace("day", "day2")
    + r"\s+"
    + _MONTH.replace("month", "month2")
    + r"(?![\w])",
    re.I,
)


def month_day(text):
    """(month, day) of a date printed without a year: 'RUSSIA, March 25 -', '23 February'."""
    m = _MONTH_DAY.search(text or "")
    if not m:
        return None
    month = m.group("month") or m.group("month2")
    day = m.group("day") or m.group("day2")
    return MONTHS[month.lower()], int(day)


def with_year_before(month_day_pair, limit):
    """The latest date with that month and day that is not after limit."""
    month, day = month_day_pair
    for year in (limit.year, limit.year - 1):
        try:
            d = datetime.date(year, month, day)
        except ValueError:
            continue
        if d <= limit:
            return d
    return None
