"""The head of a record: its title, date and place, before the first turn. Nothing here
touches the database.

    Meeting with President of France Emmanuel Macron

    Vladimir Putin met with President of France Emmanuel Macron on the sidelines of ...

    July 8, 2017, 13:50, Hamburg

or, republished by an aggregator, "RUSSIA, February 22 - Mikhail Mishustin meets ..." and
"22 February 2022"; or a State Department slug: "REMARKS" / "CAIRO, EGYPT" / "OCTOBER 26,
2023". `read_head` takes them out of the lines and leaves the rest as the body.
"""

import functools
import re
from dataclasses import dataclass

from meetings.importers import dates
from meetings.importers.body import EXCERPTS_MARKER, SEPARATOR, is_heading
from meetings.importers.chrome import WEATHER
from meetings.importers.countries import city_country, country_code
from meetings.importers.labels import TERMINAL, match_label

EIN_DATELINE = re.compile(r"^(?P<region>[A-Z][A-Z .'-]{2,40}),\s+[A-Z][a-z]+\.? \d{1,2}\s+[-–—]\s+")


@dataclass(frozen=True)
class Head:
    """What the head of a record says, and the lines after it."""

    title: str
    date: object  # datetime.date or None
    place: str
    body: list
    dateline_country: str | None = None  # an aggregator's "RUSSIA, February 22 -"
    dateline_day: tuple | None = None  # (month, day) of a dateline without a year


def read_head(lines):
    """Take title, date and place from the head; drop repeated titles and captions."""
    title, date, place = "", None, ""
    body, head_done, placed = [], False, None
    dateline_country = dateline_day = None
    seen_lines = {}
    for line in lines:
        s = line.strip()
        if s:
            seen_lines[s] = seen_lines.get(s, 0) + 1
    width = _wrap_width(lines)
    joined = set()  # lines of a hard-wrapped title, read with its first
    for index, line in enumerate(lines):
        if index in joined:
            continue
        s = line.strip()
        if not s:
            body.append("")
            continue
        m = EIN_DATELINE.match(s)
        if m and not head_done:
            dateline_country = country_code(m.group("region").title())
            dateline_day = dateline_day or dates.month_day(s[: m.end()])
            rest = s[m.end() :].strip()
            if rest and rest != title:
                body.append(rest)
            continue
        if not head_done and not dateline_day and len(s) < 60:
            md = dates.month_day(s)
            if md and not dates.find_date(s)[0]:
                dateline_day = md
                if re.fullmatch(r"[\w .,'-]+", s) and not title:
                    continue
        parsed_date = dates.date_line(s) if not head_done or date is None else None
        if parsed_date:
            if date is None:
                date, place = parsed_date[0], parsed_date[1] or place
            elif parsed_date[1] and parsed_date[0] == date and (not place or placed):
                place = parsed_date[1]  # a date line's own place before a place line
            continue
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        # A copied page may keep its emphasis: "*State House Lusaka, Zambia*".
        bare = (s.strip("*_ ") or s) if s[:1] in "*_" else s
        if (
            not head_done
            and _is_place_line(bare)
            # Not the first words of a wrapped paragraph: "Moscow" / "Mayor Sergei
            # Sobyanin: ...", "The Moscow" / "International Film Festival opens".
            and (not following or _is_place_line(following) or dates.date_line(following))
        ):
            # A line of its own in the head: "CAIRO, EGYPT" (State Department), "Oval
            # Office" (the White House), "Number 10 Downing Street" / "London, United
            # Kingdom".
            if not place or placed == index - 1:
                place = f"{place}, {bare}" if place else bare
                placed = index
            continue
        repeated = seen_lines[s] >= 2
        if (
            not head_done
            and not title
            and index < 10
            and _title_candidate(s, index, lines, repeated, width)
        ):
            if _furniture_before_title(s, index, lines):
                continue  # a site's name or section above the title ("Newsroom")
            whole, end = _unwrap(s, index, lines, width)  # and the lines it was wrapped onto
            joined.update(range(index + 1, end))
            title = _clean_title(whole)
            continue
        if title and s[:12] == title[:12] and _clean_title(s) == title:
            continue  # the title again, as a caption or a repeated header
        if (
            seen_lines[s] > 1
            and is_heading(s)
            and not match_label(s)
            and s[-1:] != ","
            and not _inside_paragraph(index, lines)
        ):
            # A photo caption repeated through the page; not an address that opens two
            # turns, ending in a comma ("Comrade Supreme Commander-in-Chief," under a label
            # on a line of its own), nor a line of a hard-wrapped paragraph that happens to
            # be printed twice ("must be competitive in terms of both price and quality, and
            # should meet world", of a speech and of its summary).
            continue
        if not head_done and (match_label(s) or EXCERPTS_MARKER.match(s)):
            head_done = True
        body.append(line)
    if title:
        d, _ = dates.find_date(title)
        if date is None and d:
            date = d
    if not place and title:
        m = re.search(r",\s*(?P<place>[A-Z][\w .'-]+),\s*[A-Z][a-z]+ \d{1,2}, \d{4}$", title)
        if m:
            place = m.group("place")
    return Head(
        title=title,
        date=date,
        place=place,
        body=body,
        dateline_country=dateline_country,
        dateline_day=dateline_day,
    )


def _inside_paragraph(index, lines):
    """Whether line index is within a hard-wrapped paragraph: the line before runs on into
    it (no sentence ends there, or it is a label of its own: "Sergei Artamonov:"), and text
    goes on after it; not beside a copy of itself (a caption printed twice running)."""
    if not 0 < index < len(lines) - 1:
        return False
    before, line, after = (lines[n].strip() for n in (index - 1, index, index + 1))
    runs_on = not TERMINAL.search(before) or before.endswith(":") and match_label(before)
    return bool(before and after and runs_on) and line not in (before, after)


TITLE_LINES = 5  # the most lines a hard-wrapped title takes (300 characters at 60)


def _wrap_width(lines):
    """The width a hard-wrapped text is wrapped to: its longest line, where that is short
    (no text wraps its paragraphs under 50 characters or over 100); else None."""
    longest = max((len(line.rstrip()) for line in lines[:300]), default=0)
    return longest if 50 <= longest <= 100 else None


def _wrapped_on(line, index, lines, width):
    """The line at index, where it carries on line (of a title) wrapped at width: the line
    was too full for its first word ("... with President Emmanuel" / "Macron of France")."""
    if width is None or index >= len(lines) or re.search(r"[.!?:;]$", line):
        return None
    following = lines[index].strip()
    if (
        not following
        # The line before it (the title's last so far) was too full for its first word.
        or len(lines[index - 1].strip()) + 1 + len(following.split()[0]) <= width
        # A label opens the text ("Vladimir Putin: Good afternoon"), unless the title so
        # read is printed again ("... Conference Global" / "Biosecurity Challenges:
        # Problems and Solutions", as the page's lead repeats it).
        or (match_label(following) and not _printed_again(f"{line} {following}", lines))
        or dates.date_line(following)
        # A place line of its own, unless the title cannot end where the line does
        # ("... King Abdullah II of" / "Jordan").
        or (_is_place_line(following) and not re.search(r"\b(?:of|the|and|in|at|with)$", line))
    ):
        return None
    return following


def _printed_again(text, lines):
    words = " ".join(text.split())
    return " ".join(" ".join(lines).split()).count(words) >= 2


def _unwrap(s, index, lines, width):
    """(the title that opens with line s at index, wrapped onto TITLE_LINES lines at most,
    read as one line; the index of the line after it)."""
    whole, end = s, index + 1
    while end < index + TITLE_LINES and (more := _wrapped_on(whole, end, lines, width)) is not None:
        whole, end = _joined(whole, more), end + 1
    return whole, end


def _joined(line, following):
    # A word a wrap broke at its hyphen ("Al-" / "Ahmad") is one word again.
    return f"{line}{following}" if re.search(r"[A-Za-z]-$", line) else f"{line} {following}"


def _title_candidate(s, index, lines, repeated=False, width=None):
    """Whether line s may be the title. A title repeated in the head is one though it reads
    like a label ("Greetings to Moscow Urban Forum ...: Rethinking the World Map", printed
    four times by an aggregator): no turn is printed twice."""
    if match_label(s) and not repeated and not _titled_with_colon(s, index, lines):
        return False
    if EXCERPTS_MARKER.match(s) or SEPARATOR.match(s):
        return False
    if len(s) < 8 or len(s) > 500 or dates.is_time(s):  # "10:47 A.M. BST"
        return False
    if re.match(r"^[•\-–—(\[]", s) or s.isupper() and len(s.split()) < 3:
        return False
    # A title does not end like a sentence, nor mid-sentence, nor go on in the next
    # line or from the line before: "The prime" / "ministers reviewed..." is a
    # hard-wrapped sentence.
    following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
    before = lines[index - 1].rstrip() if index else ""
    # Paragraphs of text before it: a line further down is the text's, no title (a speech
    # of one paragraph a line, untitled: "..., in a conversation with NATO Supreme Allied
    # Commander Europe Wesley Clark, acknowledged openly that").
    if sum(1 for x in lines[:index] if len(x) > 300 and re.search(r"[.!?”\"]$", x.rstrip())) >= 2:
        return False
    # A line wrapped onto the next ("... Greg Abbott" / "of Texas") is a title only as a
    # paragraph of its own that reads as one: no sentence ends in it; else it opens a
    # wrapped paragraph of the text.
    whole, end = _unwrap(s, index, lines, width)
    wrapped = end > index + 1
    title_paragraph = (
        wrapped
        and (end >= len(lines) or not lines[end].strip())
        and whole[-1:] not in ".!?"
        and not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", whole)
    )
    return not (
        re.search(r"[,.;:]$", s)
        or s[:1].islower()
        or ((following[:1].islower() or wrapped) and not title_paragraph)
        or re.search(r"(?:,|\b(?:and|of|the|with|to|in|for|a|an))$", before)
    )


def _titled_with_colon(s, index, lines):
    """Whether the first line of a text, a paragraph of its own that reads like a label and
    a few words, is its title: "Remembering the Holocaust: Fighting Antisemitism forum".
    Not where those words end a sentence ("Sergei Shoigu: Good afternoon, colleagues."),
    nor where the text gives that label another turn."""
    label, text = match_label(s)
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if any(x.strip() for x in lines[:index]) or following or not text:
        return False
    if len(text.split()) > 8 or re.search(r"[.!?…:;,\"”’)]$", text):
        return False
    return not any(
        (m := match_label(x.strip())) and m[0] == label for x in lines[index + 1 :] if x.strip()
    )


# The words of a title that names an occasion: who met whom, who said what, and how.
OCCASION = re.compile(
    r"\b(?:meet\w*|met|talks?|calls?|conversations?|remarks|readout|statements?|press"
    r"|conferences?|visits?|summit|interview|briefing|message|congratulat\w*|greetings"
    r"|condolences|telegram|letter|memorandum|ceremony|session|address|speech|transcript"
    r"|dialogue|consultations?|discussion|forum|opening|reception|signing|negotiations"
    r"|speaks|spoke|holds?|held|receives?|welcomes?|bilateral|trilateral|joint|with)\b"
    r"|встреч|переговор|беседа|разговор|заявлен|визит",
    re.I,
)


def _furniture_before_title(s, index, lines):
    """A short line that names no occasion, above one that does: a site's name or section
    ("Ministry of Foreign Affairs", "Newsroom") before the record's title."""
    words = s.split()
    if len(words) > 6 or OCCASION.search(s) or words[0].lower().endswith("ing"):
        return False  # "Visiting the ... Plant", "Presenting the banner": an occasion
    if any(w[:1].islower() and w not in ("of", "and", "the", "for", "&", "in") for w in words):
        return False  # a name's words are capitalised: "Ministry of Foreign Affairs"
    ahead = [x.strip() for x in lines[index + 1 : index + 8] if x.strip()][:2]
    return any(
        OCCASION.search(x)
        and 15 <= len(x) <= 250
        and not re.search(r"[,.;:!?]$", x)  # a title, not the lead's first sentence
        and not match_label(x)
        and not dates.date_line(x)
        for x in ahead[:1]
    )


def date_from_body(summary, statements, *, lines, source_url, dateline_day, crawl_date):
    """The date a record gives outside its head: "On March 3, 2023, ...", a dateline's day
    in the crawl date's year, a bracketed date, a weekday date, or the source URL's."""
    opening = " ".join([summary[:600]] + [s.text[:300] for s in statements[:1]])
    m = re.search(
        r"\b(?:On|on|Today,|As of)\s+"
        r"((?:[A-Z][a-z]+\.? \d{1,2},? \d{4})|(?:\d{1,2} [A-Z][a-z]+ \d{4}))",
        opening,
    )
    if m:
        d, _ = dates.find_date(m.group(1))
        if d:
            return d
    if dateline_day and crawl_date:
        # A dateline without a year ("RUSSIA, March 25 -"): the year of publication,
        # which the crawl date bounds from above.
        d = dates.with_year_before(dateline_day, crawl_date)
        if d:
            return d
    for line in lines[:80]:
        m = re.search(r"\[(?:\w+day,?\s+)?([^\]]{6,40})\]", line)
        if m:
            d, _ = dates.find_date(m.group(1))
            if d:
                return d
    head = [x for x in lines[:40] if x.strip()][:15]
    for number, line in enumerate(head):
        if (
            len(line) > 300
            or any(WEATHER.match(x.strip()) for x in head[max(0, number - 2) : number])
            or dates.date_line(line.strip())  # a date line the head did not take
        ):
            continue
        d = dates.weekday_date(line)
        if d:
            return d
    return dates.date_in_url(source_url)


def _is_place_line(line):
    """A short line naming a known place and nothing else: "CAIRO, EGYPT", "Oval Office"."""
    return (
        len(line) <= 60
        and not re.search(r"[,.;:!?]$|\.\s", line)
        and not dates.find_date(line)[0]
        and all(
            w[:1].isupper() or w[:1].isdigit() or w in dates.PLACE_PARTICLES for w in line.split()
        )
        and not match_label(line)
        and line.split()[0].lower() not in PLACE_NOT_FIRST  # "In Jerusalem, Vladimir" / "Putin"
        and bool(city_country(line))
    )


PLACE_NOT_FIRST = {"in", "at", "on", "during", "from", "to", "with", "by", "after", "before"}


def _clean_title(s):
    s = " ".join(s.split())
    if s[:1].isdigit():
        s = re.sub(r"^\d{1,3}\.\s+", "", s)  # "43. Memorandum of Conversation"
    if s[-1:].isdigit():
        s = re.sub(r"(?<=[a-z]{4})\d{1,2}$", "", s)  # a footnote mark: "Conversation1"
    return s


# A title in title case ("Readout Of President Biden's Call With Prime Minister Johnson Of The
# United Kingdom", as some republish it) is read in the publishers' own case, where these
# are lower case; "To" and "An" are also surnames ("To Lam"), "In" a given name's part,
# "On" opens the title of a law or decree ("the decree On Receiving the Citizenship"). So
# are a headline's verbs ("Putin Meets Erdogan in Sochi", "Blinken, Kamikawa Prep for
# US-Japan Foreign Ministers Meeting"), no part of a name ("Said" is one: "Qaboos bin Said").
_TITLE_CASE_WORDS = re.compile(
    r"(?<=[\w.,’')] )(?:Of|And|With|By|For|The|Between|During|Before|After|At|From"
    r"|Meets?|Met|Hosts?|Hosted|Holds?|Held|Receives?|Received|Welcomes?|Welcomed|Greets?"
    r"|Greeted|Visits|Visited|Speaks?|Spoke|Says|Calls|Called|Discuss(?:es)?|Discussed"
    r"|Signs?|Signed|Agrees?|Agreed|Thanks|Thanked|Congratulates|Congratulated|Preps?"
    r"|Urges?|Urged|Pledges?|Pledged|Warns?|Warned|Vows?|Praises?|Praised|Joins?|Joined"
    r"|Attends?|Attended|Arrives?|Arrived|Confers?|Conferred|Phones?|Phoned)(?= )"
)


FRENCH_TITLE = re.compile(
    r"\b(?:et|avec) (?:du|de la|de l['’]|des|le|la|les|M\.|Mme) ?[A-ZÉ]|\bconjointe?s? (?:du|de)\b"
    r"|\b(?:Entretien|Conférence de presse|Déclaration|Réunion|Visite)\b"
)
FRENCH_LINKS = [
    (re.compile(r"\s+et\s+(?:du|de la|de l['’]|des|le|la|les)\s+"), " and "),
    (re.compile(r"\s+et\s+(?=[A-ZÉ])"), " and "),
    (
        re.compile(
            r"\s+(?:conjointe?s?\s+)?(?:du|de la|de l['’]|des)\s+(?=(?:[Pp]résident|[Cc]hancelier"
            r"|[Pp]remi(?:er|ère) [Mm]inistre|[Mm]inistre|[Rr]oi|[Rr]eine|[Ss]ecrétaire|M\.|Mme)\b)"
        ),
        " by ",
    ),
    (re.compile(r"\s+avec\s+(?:le|la|les|l['’])?\s*"), " with "),
    (re.compile(r"\s+entre\s+(?:le|la|les|l['’])?\s*"), " between "),
]


@functools.lru_cache(maxsize=4096)
def title_for_reading(title):
    """The title with the small words of title case lower-cased, for reading who and what
    it names; one in capitals ("REMARKS BY PRESIDENT BIDEN AND PRESIDENT LÓPEZ OBRADOR OF
    MEXICO", as some republish it) in title case first. The record keeps its title as
    printed."""
    title = title or ""
    if FRENCH_TITLE.search(title):
        # A French title's links between its people, as an English one says them:
        # "Conférence de presse conjointe du Président Emmanuel Macron et du Chancelier Olaf
        # Scholz" is read "... by Président Emmanuel Macron and Chancelier Olaf Scholz".
        for pattern, english in FRENCH_LINKS:
            title = pattern.sub(english, title)
    if title.isupper() and len(re.findall(r"[^\W\d_]{2,}", title)) >= 3:
        title = " ".join(_word_in_title_case(word) for word in title.split(" "))
    return _TITLE_CASE_WORDS.sub(lambda m: m.group().lower(), title)


def _word_in_title_case(word):
    """A word of a title in capitals as title case prints it: "LÓPEZ" "López", "SUK-YEOL"
    "Suk-Yeol", "O’ROURKE" "O’Rourke", "BIDEN’S" "Biden’s"; "U.S.", "NATO", "G7" as they are."""
    m = re.fullmatch(r"(?P<word>.*?)(?P<own>[’']S)?", word)
    word, own = m["word"], (m["own"] or "").lower()
    bare = word.strip(".,:;()“”\"’'")
    if (
        bare in ACRONYMS
        or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?|I{1,3}|IV|VI{0,3}|IX", bare)  # "U.S.", "R.", "II"
        or any(c.isdigit() for c in bare)
    ):
        return word + own
    if bare.lower() in NAME_PARTICLES_LOWER:
        return word.lower() + own  # "bin", "von der", "da": as a name prints them
    lower = word.lower()
    return re.sub(r"(^|[-(“\"]|[’'](?=\w\w))(\w)", lambda m: m[1] + m[2].upper(), lower) + own


# Capitals of a title in capitals that stay so: the archive's organisations and the like.
ACRONYMS = frozenset(
    """NATO EU UN UK USA US USSR ASEAN APEC OSCE IAEA WHO IMF WTO BRICS SCO CSTO CIS EAEU
    CARICOM DPRK PRC UAE AU OAS OPEC G7 G8 G20 COVID NASA CEO USAID""".split()
)
NAME_PARTICLES_LOWER = frozenset("bin ibn bint von van der den de da dos del la le du e".split())
