"""The page around the record: what a web page or an aggregator puts before, beside and
after the text of a meeting. Nothing here touches the database.

A republished page opens and ends with its site's furniture:

    There were 1,423 press releases posted in the last 24 hours and 466,562 in the last 365 days.
    Submit Release
    ...the record...
    Legal Disclaimer:
    EIN Presswire provides this news content "as is" without warranty of any kind.

`normalize_text` unifies the characters of copied text; `strip_chrome` drops the furniture
and keeps what it says about the record's source (its URL, its publisher, a crawl date).
"""

import html
import re
from dataclasses import dataclass

from meetings.importers import dates
from meetings.importers.cleaning import clean_text
from meetings.importers.countries import (
    find_countries,
    government_office,
    publisher_country,
    publisher_named,
)
from meetings.importers.labels import TERMINAL, match_label

CHROME_LINE = re.compile(
    r"""^(?:
        There\ were\ [\d,]+\ press\ releases\ posted.*
      | (?:[\d,]+\ )?(?:in\ )?the\ last\ 365\ days\.?  # its end, hard-wrapped onto a line
      | (?:MIL\ OSI\ )?Translation\.\ Region:.* | An\ important\ disclaimer\ is\ at\ the\ bottom.*
      | Submit\ Release | News\ Search | Post\ sponsored\ by | MIL\ OSI.*
      | Select\ font.* | Character\ spacing.* | View\ settings | Font\ size: | Site\ colou?rs:
      | Official\ website\ of\ the\ President\ of\ Russia | Transcripts\s*/ | Документ\s*/
      | Выберите\ шрифт.* | Интервал\ между\ буквами.* | Цвета\ сайта.* | Размер\ шрифта.*
      | Additional(?:\ materials)? | Advanced\ settings | Media\ Center | Texte\ intégral
      | An\ official\ website\ of\ the\ United\ States\ Government.*
      | Official\ websites\ use\ \.gov | A\ \.gov\ website\ belongs.* | Secure\ \.gov\ websites.*
      | A\ lock\ \(.* | Share | Print | Email | Tweet | Home\ >.* | Webp\ \w+ | p\.\ \d+
      | \S+\ •\ en-GB\d.* | •?\s*en-GB\d.*
      | (?:Photo(?:graph)?s?|Фото)(?:\ by)?\s*:\ .{1,80}  # a photo's credit
      | Jump\ to\ (?:content|navigation|search) | From\ Wikisource | \[edit\]  # a wiki's
      | Advertisement | ADVERTISEMENT | Share\ this\ (?:article|story|page)
      | (?:Read\ more|Also\ read|Read\ also|Related|See\ more)\s*:.* | Follow\ us\ on\ .{1,40}
      | (?:Published|Updated|Last\ updated|Posted)\s*:.{0,100}  # a news site's own dates
    )\s*$""",
    re.X,
)
# Everything from one of these lines on is footer.
FOOTER_LINE = re.compile(
    r"""^(?:Legal\ Disclaimer:.*|\#\#\#|(?:©|Copyright\ ©?)\s*(?:\d{4}|[A-Z]).{0,120}
      |MIL\ OSI\ \w+\ News.*|More\ Stories|Suggest\ to\ a\ friend:?
      |The\ post\ .+\ first\ appeared\ on\ .+|Related\ (?:News|Articles|Stories)|See\ also
      |Tags:?|/Public\ Release\..*|Distribution\ channels:.*|Subscribe\ to\ .*
      |Stay\ Connected|Sign\ Up|Related\ Articles)\s*$""",
    re.X,
)
# The White House's end of a transcript: "END 5:11 P.M. EST", "END 3:08 P.M. CEST".
END_LINE = re.compile(r"^END\s+\d{1,2}:\d\d\s*[AP]\.?\s?M\.?(?:\s+[A-Z]{2,5})?$")
# A footer's first line that may run long: Mirage News' "/Public Release. This material
# from the originating organization/author(s) ... View in full here." (330 characters).
LONG_FOOTER = re.compile(r"^(?:Legal Disclaimer:|/Public Release\.)")
# A licence of the text: "Le texte seul est utilisable sous licence Licence OpenEdition
# Books", "This work is licensed under a Creative Commons ...".
LICENCE_LINE = re.compile(
    r"^(?:.{0,60}\b(?:is|are) licen[cs]ed under\b|Licen[cs]ed under\b|Licen[cs]e\s*:"
    r"|.{0,120}\b(?:sous licence|Creative Commons|Tous droits réservés|All rights reserved)\b)",
    re.I,
)
_MAY_BE_LICENCE = re.compile(r"icen[cs]|ommons|droits|eserved")
SOURCE_URL = re.compile(
    r"(?:published at|Source URL:|Original(?: source)?:|View in full here:?)\s*(?P<url>https?://\S+)",
    re.I,
)
WEATHER = re.compile(r"^-?\d{1,3}(?:\.\d)?\s*°?\s*[FC]$")
# " date 2024-03-25": a web archive's crawl date, put before the page's text.
CRAWL_MARKER = re.compile(r"^\s?date (?P<date>\d{4}-\d\d-\d\d)\s*")
SOURCE_LINE = re.compile(r"^Source:\s*(?P<name>.{3,80})$")
FROM_LINE = re.compile(r"^From:\s*(?P<name>.{3,120})?$")
# A news agency's dateline, which names the agency: "Moscow, February 23, AZERTAC",
# "Beijing, March 5 (Xinhua) --". The agency is the record's publisher.
AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][\w'.-]+ ){0,2}[A-Z][\w'.-]+, (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})"
    r"(?:,? \d{4})?(?:, | \()(?!(?:THE|AND|FOR|WITH|FROM|THAT|THIS)\b)"
    r"(?P<name>[A-Z]{2,12}|Xinhua)\)?(?:[\s,.:-]|$)"
)

# The first line of a page copied whole from a government's site: the site's name, the
# record's publisher, and no part of the record.
SITE_HEADERS = {
    "The White House": "The White House",
    "U.S. Department of State": "U.S. Department of State",
    "United States Department of State": "U.S. Department of State",
    "GOV.UK": "GOV.UK",
    "Prime Minister's Office, 10 Downing Street": "Prime Minister's Office, 10 Downing Street",
    "President of Russia": "kremlin.ru",
    "The Russian Government": "government.ru",
    "Élysée": "elysee.fr",
    "Prime Minister of Australia": "pm.gov.au",
    "Prime Minister of Canada": "pm.gc.ca",
    "Президент России": "kremlin.ru",
    "Правительство России": "government.ru",
    # The German Chancellor's site: its home link, first of its menu ("• Bundeskanzler ⏐
    # Startseite"; a header is looked up as _site_header prints it).
    "Bundeskanzler | Startseite": "bundeskanzler.de",
}


def _site_header(line):
    """A line as SITE_HEADERS lists it: without a menu's bullet, its bar an ASCII one."""
    return line.lstrip("•●▪* ").replace("\u23d0", "|")


# A site's own sections, menus and buttons above a record: furniture of any site, never
# its title ("Briefing Room" was the title of every page copied from whitehouse.gov).
SECTION_LINE = re.compile(
    r"""^(?:Briefing\ Room|Statements\ (?:and|&)\ Releases|Speeches\ (?:and|&)\ Remarks
      | Press\ Briefings?|Presidential\ Actions|Press\ (?:Releases?|Statements?|Room|Office)
      | News(?:room)?|Latest\ News|News\ (?:and|&)\ (?:Events|Updates|Media)|Media\ Notes?
      | Media\ Cent(?:re|er)|Readouts?|Transcripts|Events|Home|Menu|Search|Main\ menu
      | Skip\ to\ (?:main\ )?content|Toggle\ navigation|Site\ navigation|Breadcrumbs?
      | Statements|Speeches|Announcements|Top\ stories|Latest|Featured|Open\ menu|Close
      | Stay\ Connected|Sign\ Up|Back\ to\ top|Print\ this\ page|Share\ this\ page
      # whitehouse.gov's menu since 2025
      | Administration|Issues|Contact(?:\ Us)?|Briefings\ (?:&|and)\ Statements|Remarks
      | Articles|Fact\ Sheets|Gallery|Videos?|Live|Get\ Involved|WH\.GOV|Privacy(?:\ Policy)?
      | Media|Media\ (?:releases?|statements?)
      | Copyright)$""",
    re.X | re.I,
)
# A site's name for itself above its pages: "President of Ukraine Volodymyr Zelenskyy Official
# website", "Official website of the Prime Minister of ...".
OFFICIAL_SITE = re.compile(
    r"^(?:(?P<name>.{3,100}?)\s*[-–|:]?\s*)?(?:the\s+)?official\s+(?:web\s?site|site|web\s+portal"
    r"|portal|internet\s+portal)(?:\s+of\s+(?P<of>.{3,100}))?$",
    re.I,
)
# A page's trail of sections above its title: "Home > Topics > Xi Jinping's Diplomacy".
BREADCRUMB = re.compile(r"^(?:Home|Homepage|Main page|Главная)\s*(?:>|»|›|→|/|\|)\s*\S.{0,200}$")
# "An official website of the United States Government": a banner of the US government's
# sites (state.gov's), which says whose record it is.
GOVERNMENT_BANNER = re.compile(r"^An official website of the (?P<who>United States) Government")

HTML_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def normalize_text(text):
    if "&" in text and HTML_ENTITY.search(text):
        # A page's text copied with its entities: "I&#8217;m" (and "&#1;" cleaned again).
        text = clean_text(html.unescape(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u200b", "")
    text = text.replace("\t", " ")
    if "*" in text or "_" in text or "#" in text:
        text = _plain_markdown(text)
    if "remlin" in text and GLUED_CASE.search(text):  # (a scan of every text cost 8%)
        text = TOOLTIP.sub(r"\g<given> \g<surname>", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


# kremlin.ru's card of a person, its text left inline after the name where a page of the
# Kremlin's was copied:
# "Shavkat Mirziyoyev Mirziyoyev ShavkatPresident of Uzbekistan ." (the name again, surname
# first, glued to the office); the name stays.
GLUED_CASE = re.compile(r"[a-z][A-Z]")
TOOLTIP = re.compile(
    r"\b(?P<given>[A-Z][\w'’-]+) (?P<surname>[A-Z][\w'’-]+) (?P=surname) (?P=given)"
    r"(?=[A-Z])[^.\n]{0,120}?\s*(?=[.\n]|$)"
)


def _plain_markdown(text):
    """A text copied as Markdown read as printed: "**Vladimir Putin:** Good afternoon" and
    "**Q**: ..." are labels, "# Meeting with ..." and "**Moscow, June 1**" lines of text."""
    if "](" in text:
        text = MARKDOWN_IMAGE.sub("", text)
        text = MARKDOWN_LINK.sub(r"\1", text)
    text = text.replace("\\*", "*").replace("\\_", "_")
    text = MARKDOWN_LABEL.sub(_plain_label, text)
    text = MARKDOWN_HEADING.sub("", text)
    text = MARKDOWN_QUOTE.sub("", text)
    text = MARKDOWN_SEPARATOR.sub("* * *", text)
    return MARKDOWN_LINE.sub(r"\2", text)


# Emphasis around a label, the colon inside or after it: "**Vladimir Putin:**",
# "__PRESIDENT BIDEN__:" ("* * *" is a separator: no emphasis opens with a space).
MARKDOWN_LABEL = re.compile(
    r"(?m)^([ >]*)((?:\*{1,2}|_{1,2})(?:[^:\n]|\n(?!\s*\n)){1,200}?):(\*{1,2}|_{1,2})?"
)
EMPHASIS = re.compile(r"\*{1,2}|_{1,2}")


def _plain_label(m):
    """A label in emphasis, whole, up to its colon: "**Vladimir Putin:**", "**Vladimir
    Putin**:", "**Vladimir Putin****:**", "**Emergency Situations Minister** **Vladimir
    Puchkov**:", wrapped within or not; its spaces are kept (a saved page's gap before the
    name again, surname first, is tooltip junk the label reader takes out)."""
    label = m[2]
    if not (label.rstrip().endswith(("*", "_")) or m[3]):
        return m[0]  # emphasis that ends before the colon's sentence: "**Moscow** is: ..."
    bare = EMPHASIS.sub("", label).replace("\n", " ").rstrip()
    return f"{m[1]}{bare}:" if bare.strip() else m[0]


# "![With Patriarch Kirill.](http://.../photo.jpeg)": a picture, no text; "[Events](http://
# ...)": a link, its words.
# (An address has a dot, a slash or a hash: "[inaudible](laughter)" is no link.)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^()\s]*[./#][^()\s]*(?:\s+\"[^\"\n]*\")?\)")
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*[./#][^()\s]*(?:\s+\"[^\"\n]*\")?\)")
MARKDOWN_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+(?=[^#\s])")  # not "# # #", a release's end
MARKDOWN_QUOTE = re.compile(r"(?m)^>[ \t]?(?=\S)")  # a quotation's "> "
MARKDOWN_SEPARATOR = re.compile(r"(?m)^[ \t]*\*[* \t]*\*[* \t]*\*[ \t]*$")  # "**\\* \\* \\***"
MARKDOWN_LINE = re.compile(r"(?m)^(\*\*|__)([^*_\n]+)\1[ \t]*$")


@dataclass(frozen=True)
class Page:
    """The record's lines without the page's furniture, and what the furniture said."""

    lines: list
    source_url: str = ""
    source_name: str = ""
    crawl_date: object = None  # datetime.date: when a web archive stored the page
    notes: str = ""  # the text's licence and what follows it
    country: str | None = None  # the government whose site it is, where a banner says


def strip_chrome(lines):
    """The lines of the record, with the source URL and name the page gives."""
    source_url = source_name = ""
    crawl_date = country = None
    for line in lines:
        if not line:  # lines come without trailing white space: this one is blank
            continue
        s = line.strip()
        m = SOURCE_URL.search(s) if "http" in s else None
        if m or ("http" in s and re.fullmatch(r"https?://\S+", s)):
            source_url = source_url or (m.group("url") if m else s).rstrip(".,)")
        if s.startswith("There were") and "press releases" in s:
            source_name = "EIN Presswire"
        elif s.startswith("Post sponsored by") or s.startswith("MIL OSI"):
            source_name = source_name or "MIL OSI"
        elif s == "Official website of the President of Russia":
            source_name = "kremlin.ru"
        elif GOVERNMENT_BANNER.match(s):
            country = "US"
    kept, skip, notes, sidebar = [], 0, [], False
    skip_name = False  # the line after a bare "From:": the office it names
    filled = 0  # the kept lines that are not blank
    may_be_licensed = _short_line_says(_MAY_BE_LICENCE, lines)
    for index, line in enumerate(lines):
        if not line:
            kept.append(line)
            continue
        m = CRAWL_MARKER.match(line)
        if m:
            crawl_date = dates.find_date(m.group("date"))[0]
            line = line[m.end() :]
        s = line.strip()
        if skip and s:
            skip -= 1
            if len(s) < 40:
                continue
        if s[-1:] in ("F", "C") and WEATHER.match(s):
            skip = 2  # a local-news header: temperature, city, today's date
            continue
        if len(s) > 300 and not (LONG_FOOTER.match(s) and filled):  # chrome is short
            kept.append(line)
            filled += 1
            continue
        if "http" in s and (SOURCE_URL.search(s) or re.fullmatch(r"https?://\S+", s)):
            continue
        if sidebar and (
            dates.date_line(s) or (len(s) < 150 and not TERMINAL.search(s) and not match_label(s))
        ):
            continue  # the titles and dates a "See also" box lists
        sidebar = False
        if FOOTER_LINE.match(s) and filled:
            if s == "See also" and any(match_label(x.strip()) for x in lines[index + 1 :] if x):
                # kremlin.ru's box of other records, between a lead and the turns: no
                # footer where a turn follows.
                sidebar = True
                continue
            break
        if END_LINE.match(s) and filled:
            # "END 6:02 P.M. EST": when the event ended, the transcript's last line; what the
            # page goes on with (its menus again, its address) is no part of the record.
            notes = [s]
            break
        if may_be_licensed and LICENCE_LINE.match(s) and filled:
            # The text's licence, and what the page lists after it (the book it is from,
            # its editors): page matter about the record, kept as its notes.
            notes = [x.strip() for x in lines[index:] if x.strip()]
            break
        if CHROME_LINE.match(line) or CHROME_LINE.match(s):
            continue
        header = SITE_HEADERS.get(_site_header(s))
        if not header and filled < 3 and "fficial" in s and (site := OFFICIAL_SITE.match(s)):
            # "President of Ukraine Volodymyr Zelenskyy Official website": the site's name
            # for itself, and the country whose it is, where it names one.
            header = s
            named = find_countries(site.group("name") or site.group("of") or "")
            country = country or (named[0] if len(set(named)) == 1 else None)
        if not header and filled < 3 and len(s) <= 80 and government_office(s):
            # A government site's name for itself above its pages ("Ministry of Foreign
            # Affairs of the People's Republic of China"): whose record it is; not the start
            # of a sentence broken over lines ("The Government of Russia" / "approved ...").
            following = next((x.strip() for x in lines[index + 1 :] if x.strip()), "")
            header = s if not following[:1].islower() else None
        furniture = header or (len(s) < 40 and SECTION_LINE.match(s)) or BREADCRUMB.match(s)
        if furniture and filled < 3:  # above the record's title
            source_name = source_name or header or ""
            continue
        m = SOURCE_LINE.match(s)
        if m:  # the original publisher, named by the republisher
            source_name = m.group("name").strip(" –-")
            continue
        if (
            1 <= filled < 4
            and len(s) <= 60
            and not lines[index - 1].strip()
            and not (lines[index + 1].strip() if index + 1 < len(lines) else "")
            and publisher_named(s)
        ):
            # The office a copied page names above its text ("OFFICE OF THE SPOKESPERSON"
            # of the State Department's readouts): whose record it is, no part of it.
            source_name = source_name or s
            continue
        m = FROM_LINE.match(s)
        if m and filled < 8:
            # A government site's "From:" line, the office whose record it is (GOV.UK's
            # "From: Prime Minister's Office, 10 Downing Street"), or the line after it.
            name = m.group("name") or next((x.strip() for x in lines[index + 1 :] if x.strip()), "")
            name = re.sub(r"\s+and\s+(?:the\s+)?Rt\.? Hon\b.*$", "", name, flags=re.I)  # a minister
            if publisher_country("", name):
                source_name = source_name or name
                skip_name = not m.group("name")
                continue
        if skip_name:
            skip_name = False
            if publisher_country("", s):
                continue
        if not source_name and filled < 3:
            m = AGENCY_DATELINE.match(s)
            source_name = m.group("name") if m else ""
        kept.append(line)
        filled += bool(s)
    if source_url and not source_name:
        source_name = re.sub(r"^https?://(?:www\.)?", "", source_url).split("/")[0]
    return Page(
        kept,
        source_url=source_url,
        source_name=source_name,
        crawl_date=crawl_date,
        country=country,
        notes="\n".join(line for line in notes if not FOOTER_LINE.match(line)),
    )


# Letters with a stray symbol between them ("th€", "cen;al", "B!t"): OCR noise, not words.
_ODD_WORD = re.compile(r"[^\W\d_][!{}\\^|€;$<>*#@~=+][^\W\d_]|\S[!{}\\^|€]\S")


def _short_line_says(pattern, lines, longest=299):
    """Whether the pattern (of no line break) is found in a line of at most `longest`
    characters: one search of the text rather than one a line."""
    text = "\n".join(lines)
    for m in pattern.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        if (len(text) if end == -1 else end) - start <= longest:
            return True
    return False


def looks_like_garbage(lines):
    """Unreadable OCR: more than 5% of the words carry stray symbols inside them."""
    words = " ".join(lines)[:3000].split()
    if len(words) < 40:
        return False
    text = " ".join(words)
    # Each odd word holds one of these symbols: too few of them settles it without a scan.
    if sum(map(text.count, "!{}\\^|€;$<>*#@~=+")) <= 0.05 * len(words):
        return False
    return len(_ODD_WORD.findall(text)) / len(words) > 0.05
