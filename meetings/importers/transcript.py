"""Parse published meeting records into plain data. Nothing here touches the database.

A record, as a press-release aggregator republishes it:

    There were 1,423 press releases posted in the last 24 hours and 466,562 in the last 365 days.

    Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev

    RUSSIA, February 22 - Mikhail Mishustin meets with President of Azerbaijan Ilham Aliyev

    22 February 2022

    Mikhail Mishustin: Mr Aliyev, I am delighted to welcome you here. ...

    Ilham Aliyev: Thank you very much, Mr Mishustin. ...

The parser drops the site's chrome, takes the title, the date, place and participants from
the head of the document, and cuts the body into statements: a labelled paragraph opens a
statement, unlabelled paragraphs continue it. What nobody is quoted as saying is kept as
the meeting's summary. Labels are matched to participants within the document only.
"""

import functools
import hashlib
import html
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from meetings.importers import dates
from meetings.importers.countries import (
    city_country,
    country_code,
    find_countries,
    is_country_word,
)
from meetings.importers.names import (
    HONORIFICS,
    INTERPRETER_NOTE,
    ROLE_WORDS,
    NameIndex,
    is_interpreter_note,
    normalize_name,
    not_a_person,
    split_label,
    strip_honorifics,
    surname_key,
)


class TranscriptError(ValueError):
    """A document that cannot be imported; the message says why."""

    def __init__(self, message, *, line=None, parsed=None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.parsed = parsed  # the record as far as it could be read, if it could be


@dataclass(frozen=True)
class ParsedParticipant:
    name: str
    role: str = ""
    country: str | None = None


@dataclass(frozen=True)
class ParsedStatement:
    speaker: str | None
    speaker_label: str
    text: str
    interpreted: bool = False


@dataclass(frozen=True)
class ParsedMeeting:
    title: str
    date: object  # datetime.date
    kind: str
    record_type: str
    place: str = ""
    host_country: str | None = None
    countries: tuple = ()
    participants: tuple = ()
    statements: tuple = ()
    summary: str = ""
    source_url: str = ""
    source_name: str = ""
    source_file: str = ""
    original_text: str = field(default="", repr=False)
    content_hash: str = ""
    unresolved_labels: tuple = ()

    def as_json(self):
        """The dry-run and export shape (see README, 'JSON contract')."""
        return {
            "source_file": self.source_file,
            "source_url": self.source_url or None,
            "source_name": self.source_name,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "kind": self.kind,
            "record_type": self.record_type,
            "place": self.place,
            "host_country": self.host_country,
            "countries": list(self.countries),
            "participants": [asdict(p) for p in self.participants],
            "statements": [
                {"position": n, **asdict(s)} for n, s in enumerate(self.statements, start=1)
            ],
            "summary": self.summary,
            "unresolved_labels": list(self.unresolved_labels),
        }


# ---------------------------------------------------------------------------------------
# Chrome: lines that belong to the web page, not to the record.

CHROME_LINE = re.compile(
    r"""^(?:
        There\ were\ [\d,]+\ press\ releases\ posted.*
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
SOURCE_URL = re.compile(
    r"(?:published at|Source URL:|Original(?: source)?:|View in full here:?)\s*(?P<url>https?://\S+)",
    re.I,
)
WEATHER = re.compile(r"^-?\d{1,3}(?:\.\d)?\s*°?\s*[FC]$")
# " date 2024-03-25": a web archive's crawl date, put before the page's text.
CRAWL_MARKER = re.compile(r"^\s?date (?P<date>\d{4}-\d\d-\d\d)\s*")
SOURCE_LINE = re.compile(r"^Source:\s*(?P<name>.{3,80})$")
EIN_DATELINE = re.compile(r"^(?P<region>[A-Z][A-Z .'-]{2,40}),\s+[A-Z][a-z]+\.? \d{1,2}\s+[-–—]\s+")
EXCERPTS_MARKER = re.compile(
    r"^(?:Excerpts? from (?:the )?transcript|From (?:the )?transcript|Из стенограммы"
    r"|Excerpts from the press statements?|Auszug|Extraits?)\s*:?\s*$",
    re.I,
)
SEPARATOR = re.compile(r"^(?:\*\s*\*\s*\*|_{5,}|-{5,}|={5,}|\* \* \* \*)$")
PAGE_MARKER = re.compile(
    r"^\[Page \d+\]$|^\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?$"
)

# ---------------------------------------------------------------------------------------
# Labels

ANONYMOUS = {
    "question",
    "q",
    "remark",
    "reply",
    "answer",
    "response",
    "voice",
    "voices",
    "voice from the audience",
    "audience",
    "audience member",
    "journalist",
    "reporter",
    "participant",
    "participants",
    "unidentified",
    "unidentified speaker",
    "speaker",
    "interpreter",
    "translator",
    "moderator",
    "off-mic",
    "вопрос",
    "реплика",
    "ответ",
    "голос из зала",
    "журналист",
    "frage",
    "antwort",
    "comment",
    "follow-up",
    "followup",
    "volunteer",
    "volunteers",
    "student",
    "students",
    "resident",
    "residents",
    "operator",
    "call centre operator",
    "call center operator",
    "response from the hall",
    "reply from the hall",
    "remark from the hall",
    "question from the hall",
    "questions",
    "remarks",
    "replies",
    "all",
    "together",
    "chorus",
}
NOT_LABELS = {
    "source",
    "note",
    "notes",
    "photo",
    "subject",
    "date",
    "time",
    "place",
    "tags",
    "participants",
    "present",
    "members",
    "attendees",
    "location",
    "topic",
    "topics",
    "agenda",
    "update",
    "editor's note",
    "contact",
    "email",
    "e-mail",
    "phone",
    "tel",
    "fax",
    "website",
    "read more",
    "related",
    "share",
    "summary",
    "background",
    "keywords",
    "translation",
    "transcript",
    "video",
    "audio",
    "caption",
    "warning",
    "ps",
    "p.s",
    "also",
    "example",
    "however",
    "therefore",
    "yes",
    "no",
    "first",
    "second",
    "third",
    "finally",
    "today",
    "here",
    "now",
    "then",
    "so",
    "but",
    "and",
    "or",
    "well",
    "thus",
    "hence",
    "notetaker",
    "note taker",
    "note-taker",
    "interpreters",
    "memorandum of conversation",
    "subject matter",
    "classification",
    "drafted by",
    "cleared by",
    "approved by",
    "to",
    "from",
    "cc",
    "ref",
    "re",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "title",
    "author",
    "i",
    "we",
    "you",
    "they",
    "he",
    "she",
    "it",
    "this",
    "that",
    "these",
    "those",
    "my",
    "our",
    "your",
    "the",
    "a",
    "an",
    "dear",
    "ladies and gentlemen",
    "friends",
    "colleagues",
    "one",
    "two",
    "three",
    "four",
    "five",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "question is",
    "dateline",
    "headline",
    "content",
    "body",
    "copyright",
    "disclaimer",
    "legal disclaimer",
    "suggest to a friend",
    "media contact",
    "press contact",
    "excerpts from the transcript",
    "from the transcript",
    "see also",
    "mr",
    "mrs",
    "ms",
    "sir",
    "madam",
    "mr prime minister",
    "quote",
    "unquote",
    "result",
    "results",
    "conclusion",
    "conclusions",
    "objective",
    "purpose",
    "principle",
    "point",
    "issue",
    "issues",
    "problem",
    "solution",
    "fact",
    "facts",
    "reason",
    "reasons",
    "why",
    "what",
    "how",
    "where",
    "when",
    "who",
    "which",
    "please",
    "thank you",
    "thanks",
    "attention",
    "important",
    "remember",
    "sources",
    "statement",
    "readout",
    "remarks",
    "press release",
    "news",
    "world",
    "politics",
    "economy",
    "russia",
    "china",
    "usa",
}
# Connector words that may stand in lower case inside a label.
LABEL_CONNECTORS = {
    "of",
    "the",
    "and",
    "for",
    "de",
    "van",
    "der",
    "den",
    "von",
    "al",
    "el",
    "bin",
    "ibn",
    "da",
    "di",
    "du",
    "la",
    "le",
    "del",
    "on",
    "to",
    "y",
    "e",
    "und",
    "des",
    "zu",
    "dos",
}
LABEL_LINE = re.compile(
    r"^(?P<num>\d{1,3}(?=\S))?(?P<label>[^\W\d_][^:\n]{0,160}?)\s*:\s*(?P<text>.*)$", re.S
)
BRACKET_LABEL = re.compile(r"^\[(?P<label>[^\]\n]{1,40})\]\s*:\s*(?P<text>.*)$", re.S)
POSSESSIVE_HEADER = re.compile(
    r"^(?P<name>[A-ZА-Я][\w.\- ]{2,60}?)[’']s\s+(?:(?:opening|closing|concluding|introductory|"
    r"final)\s+)?(?:remarks|speech|statement|address|words)(?:\s+[^:]{0,60})?:\s*(?P<text>.*)$",
    re.S,
)
SAID_INTRO = re.compile(
    r"^(?P<label>[A-ZА-Я][\w.\- ]{2,80}?)\s+(?:said|stated|noted|added|replied|answered)\s*:\s*$"
)
# "Welcoming President Ilham Aliyev, Mikhail Mishustin said: Dear Ilham Heydar oglu, ..."
INLINE_SAID = re.compile(
    r"^(?:[^:]{0,100},\s+)?(?P<label>[A-ZА-Я][\w.'’\- ]{2,60}?)"
    r"\s+(?:said|stated|noted|added)\s*:\s+(?P<text>\S.*)$",
    re.S,
)
# "M. Mishustin", "Dj.Bush": an initial and a surname.
INITIAL_LABEL = re.compile(r"[A-ZА-Я][a-zа-я]?\.\s?[A-ZА-Я][\w'\-]+")
# "…", "[...]", "<…>": a cut in the record.
ELISION = re.compile(r"[<\[(]?\s*(?:…|\.\.\.)\s*[>\])]?")
# A sentence end and the space after it, where a turn may start ("... agreed. M. Mishustin:
# Thank you."); the label is looked for only where a colon follows close enough to close it.
SENTENCE_GAP = re.compile(r"[.!?…](\s+)")
TURN_LABEL = re.compile(r"(?P<label>[^\s:][^:\n]{0,150}?)\s?:\s")
# How a United Nations record styles a member: "Mr. Nebenzia", "Dame Barbara Woodward".
UN_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr|Dame|Sir|Lord|Baroness)\.?"
# A verbatim record's label, a turn wherever it follows a sentence's end: "Mr. Heusgen
# (Germany)", "The President (spoke in Russian)".
RECORD_LABEL = re.compile(
    rf"(?:{UN_TITLE} [A-Z][\w'’. -]{{1,40}} \([A-Z][\w’' -]{{2,50}}\)"
    r"|The (?:President|Chair|Chairman|Chairperson|Secretary-General))"
    r"(?: \((?:spoke in|interpretation from) [A-Z]\w+\))?"
)
# "President: Mr. Nebenzia . . . . . (Russian Federation)": a roster row, not a turn.
DOT_LEADERS = re.compile(r"\.\s?\.\s?\.\s?\.\s?\.")  # five or more; unrolled, it is 20x faster
# "(U)", "(S)", "(C)": classification marks that end paragraphs of declassified records.
CLASSIFICATION_MARK = re.compile(r"\s*\((?:U|C|S|TS|S/NF|C/NF|LOU)\)\s*$")
TOOLTIP_JUNK = re.compile(r"\s{2,}.*$")
TERMINAL = re.compile(r"[.!?…:;»\"”)\]]$")


@functools.lru_cache(maxsize=65536)
def _word_ok(word):
    w = word.strip("()")
    if not w or w in ("–", "—"):  # "Chief Executive Officer – Chairman of the Board"
        return True
    if w.lower() in LABEL_CONNECTORS:
        return True
    if w[:1].isupper() and re.fullmatch(r"[\w'’.\-]+", w):  # "Čeferin" too
        return not re.search(r"\d", w)
    if re.fullmatch(r"(?:al|el|bin|de|van|von|d)[-'’][A-ZА-Я][\w'’\-]*", w):
        return True
    return bool(re.fullmatch(r"[A-ZА-Я][a-zа-я]?\.[A-ZА-Я][\w\-]+", w))  # В.Путин, Дж.Буш


def clean_label(label):
    """The label without tooltip junk or glued paragraph numbers, whitespace collapsed."""
    label = label.replace("\n", " ").strip()
    note = INTERPRETER_NOTE.search(label)
    junk = TOOLTIP_JUNK.search(label)
    if junk:
        label = label[: junk.start()].rstrip()
        if note and note.group(0) not in label:
            label = f"{label} {note.group(0)}"
    return " ".join(label.split())


@functools.lru_cache(maxsize=65536)
def label_kind(label):
    """'anonymous', 'person' or None (not a label) for a candidate label."""
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", label).strip()
    key = normalize_name(bare)
    if not key:
        return None
    if key in ANONYMOUS or re.fullmatch(r"speaker[_ ]?\d+|q\d*", key):
        return "anonymous"
    if re.fullmatch(
        r"(?:question|remark|reply|response|voice)s? from (?:the )?[\w .'-]{2,40}", key
    ):
        return "anonymous"  # "Question from Izhevsk", "Remark from the audience"
    # An office may run long before the name: "Deputy Chief of Staff of the Presidential
    # Executive Office and Presidential Press Secretary Dmitry Peskov".
    office_first = key.split()[0] in ROLE_WORDS
    if key in NOT_LABELS or len(bare) > 160:
        return None
    if re.search(r"[!?;\"“”«»]|\.\s*\.|https?:", bare):
        return None
    if bare.count(",") > 1:
        return None
    words = bare.replace(",", " ").split()
    if len(words) > (24 if office_first else 16):
        return None
    if not all(_word_ok(w) for w in words):
        return _relaxed_label_kind(bare, office_first=office_first)
    opening_ok = {"al", "the"}  # "The President", "al-Assad"
    if words[-1].lower() in LABEL_CONNECTORS or words[0].lower() in LABEL_CONNECTORS - opening_ok:
        return None
    if len(words) == 1 and (len(bare) < 2 or bare.lower() in NOT_LABELS):
        return None
    significant = [
        w.lower().strip(".,")
        for w in words
        if w.lower().strip(".,") not in ROLE_WORDS and w.lower() not in LABEL_CONNECTORS
    ]
    if len(words) >= 2 and words[0].lower().strip(".") in HONORIFICS:
        return "person"  # "Mr. Price", "Ms. Power": surnames that are English words too
    common = common_words()
    if significant and all(w in common or is_country_word(w) for w in significant):
        return None  # a phrase ("Text of the Decree", "India and Russia"), not a speaker
    return "person"


SENTENCE_WORDS = {
    "i",
    "we",
    "you",
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "said",
    "says",
    "told",
    "asked",
    "us",
    "me",
    "him",
    "them",
    "let",
    "please",
    "thank",
    "thanks",
    "my",
    "our",
    "your",
    "his",
    "its",
    "their",
    "not",
    "what",
    "which",
    "who",
    "how",
    "why",
    "when",
    "where",
    "if",
    "as",
    "so",
    "but",
    "very",
}


def _is_name_word(word):
    w = word.strip(".,")
    return (
        bool(re.fullmatch(r"[A-ZА-ЯЁ][\w'’\-]*", w))
        and w.lower() not in ROLE_WORDS
        and w.lower() not in common_words()
    )


def _relaxed_label_kind(bare, *, office_first=False):
    """Labels with a role in lower case: 'Tatyana Remezova, reporter at VGTRK',
    'Direct line programme host Kirill Kleymenov', 'Head of the Communist Party faction in
    the State Duma Gennady Zyuganov'. The name must be whole and capitalised, and nothing
    may read like a sentence."""
    words = bare.replace(",", " ").split()
    if len(words) > (24 if office_first else 10) or any(w.lower() in SENTENCE_WORDS for w in words):
        return None
    if "," in bare:
        head = bare.split(",", 1)[0].split()
        if 2 <= len(head) <= 4 and all(
            _is_name_word(w) or w.lower() in LABEL_CONNECTORS for w in head
        ):
            return "person"
        return None
    if len(words) >= 3 and _is_name_word(words[-1]) and _is_name_word(words[-2]):
        return "person"
    return None


@functools.cache
def common_words():
    path = Path(__file__).parent / "data" / "common_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


CYRILLIC = re.compile(r"[а-яё]", re.I)
# The White House's question mark: "Q    Mr. President, are you going to...", no colon.
WHITE_HOUSE_Q = re.compile(r"Q(?:\s{2,}|\s(?=[A-Z“\"]))(?P<text>\S.*)", re.S)


@functools.lru_cache(maxsize=8192)
def match_label(paragraph, *, period_labels=frozenset()):
    """(label, text) when the paragraph opens with a speaker label, else None."""
    if paragraph[:2] in ("Q ", "Q\u2003"):
        m = WHITE_HOUSE_Q.match(paragraph)
        if m:
            return "Q", m.group("text")
    if ":" not in paragraph:
        return _period_label(paragraph, period_labels)
    m = BRACKET_LABEL.match(paragraph)
    if m:
        label = m.group("label").strip()
        if re.fullmatch(r"Page \d+|…|\.\.\.|\d+", label):
            return None
        return label, m.group("text").strip()
    m = LABEL_LINE.match(paragraph)
    if m:
        label = clean_label(m.group("label"))
        if label_kind(label) and not DOT_LEADERS.search(m.group("text")):
            return label, m.group("text").strip()
    m = INLINE_SAID.match(paragraph)
    if m and label_kind(m.group("label")) == "person" and len(m.group("label").split()) >= 2:
        return m.group("label"), m.group("text").strip()
    return _period_label(paragraph, period_labels)


def _period_label(paragraph, period_labels):
    """A label closed by a period ("President Biden. All the flowers..."), where allowed."""
    for label in period_labels:
        if paragraph.startswith(label + ". ") or paragraph == label + ".":
            return label, paragraph[len(label) + 1 :].strip()
    return None


# ---------------------------------------------------------------------------------------
# Text to lines and paragraphs


HTML_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def normalize_text(text):
    if "&" in text and HTML_ENTITY.search(text):
        text = html.unescape(text)  # a page's text copied with its entities: "I&#8217;m"
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u200b", "")
    text = text.replace("\t", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _block_start_labels(lines):
    """Labels that open a paragraph somewhere: trusted when they open a line mid-paragraph."""
    known, previous = set(), ""
    for line in lines:
        if line.strip() and not previous.strip():
            found = match_label(line.strip())
            if found:
                known.add(found[0])
        previous = line
    return known


def _is_heading(line):
    return not TERMINAL.search(line) and len(line.split()) >= 3


def _paragraphs(lines, *, blank_separated, known_labels=frozenset()):
    """Group body lines into paragraphs.

    With blank lines between paragraphs, a paragraph's inner newlines are line wraps, except
    where a new speaker label starts a line. Without blank lines, each line is a paragraph
    unless it was wrapped mid-sentence.
    """
    paragraphs, current = [], []

    def flush():
        if current:
            paragraphs.append(" ".join(current).strip())
            current.clear()

    for line in lines:
        stripped = line.strip()
        if stripped == "":
            flush()
            continue
        if not current:
            current.append(stripped)
            continue
        prev = current[-1]
        found = match_label(stripped)
        if found and len(current) <= 3 and not any(TERMINAL.search(x) for x in current):
            # "Deputy Prime Minister" / "Tatyana Golikova:": one label broken over two lines
            # (or three).
            whole = match_label(" ".join([*current, stripped]))
            if whole and len(whole[0]) > len(found[0]):
                found = None
        opens_turn = bool(found) and (
            not blank_separated
            or TERMINAL.search(prev)
            or found[0] in known_labels
            or found[0].isupper()
        )
        if opens_turn or SEPARATOR.match(stripped) or SEPARATOR.match(prev):
            flush()
        elif (
            not blank_separated
            and (
                TERMINAL.search(prev)
                or stripped[:1] in "•-–—(["
                or (len(prev) < 60 and not stripped[:1].islower())
            )
            and not _wrapped_opening(current)
            and not HONORIFIC_END.search(prev)  # "Good afternoon, Mr" / "President."
        ):
            flush()
        current.append(stripped)
    flush()
    return [p for p in paragraphs if p]


HONORIFIC_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Messrs|Mme)\.?$")


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


def _wrapped_opening(current):
    """A paragraph's first one or two words on a line of their own, the rest wrapped to
    the next line: "Mikhail" / "Mishustin and Ali Asadov wished each other..."."""
    if len(current) != 1:
        return False
    words = current[0].split()
    return len(words) <= 2 and current[0][:1].isupper() and not TERMINAL.search(current[0])


# ---------------------------------------------------------------------------------------
# Participant lists: "PARTICIPANTS" / "• Andrei A. Gromyko, Foreign Minister" (memoranda of
# conversation), grouped by side ("US", "USSR").

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


# ---------------------------------------------------------------------------------------
# The parser


def content_hash(text):
    """SHA-256 of the text with its white space collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


NO_DATE = (
    "no date found (looked for a date line, a date in the title, the first sentences and "
    "the source URL)"
)


def parse_transcript(text, *, source_file="", default_date=None):
    """Parse one document. Raises TranscriptError when it is not an importable record.

    default_date is used only when the document shows no date of its own.
    """
    if not text or not text.strip():
        raise TranscriptError("empty document")
    original = text
    text = normalize_text(text)
    if "\x00" in text:
        raise TranscriptError("binary data, not text")
    parser = _Parser(text, source_file=source_file, original=original)
    parser.default_date = default_date
    return parser.parse()


class _Parser:
    default_date = None
    listed = ()  # the participant list's people (see listed_people)

    def __init__(self, text, *, source_file, original):
        self.text = text
        self.source_file = source_file
        self.original = original
        self.lines = text.split("\n")

    # -- head of the document -----------------------------------------------------------

    def parse(self):
        lines = self._strip_chrome(self.lines)
        if _looks_like_garbage(lines):
            raise TranscriptError(
                "text that is not a meeting record (mostly unreadable characters; OCR noise?)"
            )
        title, date, place, lines = self._head(lines)
        self.listed = listed_people(lines)
        blank_separated = sum(1 for x in lines if not x.strip()) >= 0.3 * max(
            1, sum(1 for x in lines if x.strip())
        )
        known = _block_start_labels(lines)
        paragraphs = _paragraphs(lines, blank_separated=blank_separated, known_labels=known)
        paragraphs = self._split_inline_turns(paragraphs)
        statements, summary, excerpts = self._statements(paragraphs)
        if date is None:
            date = self._date_from_body(summary, statements)
        if date is None:
            date = self.default_date
        participants, statements, unresolved = self._participants(title, statements)
        if not title and summary:
            # The lead's first sentence; a hard-wrapped lead may have lost its first word to
            # a line of its own ("Prime" / "Minister of the Russian Federation ...").
            lead, *rest = summary.split("\n\n")
            while rest and len(lead) < 20 and not TERMINAL.search(lead):
                lead = f"{lead} {rest.pop(0)}"
            first = re.split(r"(?<=[a-zа-яё]{3}[.!?])\s", lead)[0].strip()
            first = re.sub(r"^\d{1,2}:\d\d(?::\d\d)?\s+", "", first)  # a timestamp
            if len(first) > 200 and first[:1].isalpha():
                # No sentence ends (a machine transcript): its first words.
                first = first[:120].rsplit(" ", 1)[0] + "…"
            if 15 <= len(first) <= 200:
                title = first.rstrip(".")
                participants, statements, unresolved = self._participants(title, statements)
        if not title:
            named = [p.name for p in participants][:3]
            if not named:
                raise TranscriptError(
                    NO_DATE if date is None else "no title found and nobody is quoted"
                )
            title = "Remarks by " + " and ".join(named)
        host = city_country(place) if place else None
        countries = []
        lead = summary.split("\n\n", 1)[0][:600]  # the lead says who met whom
        for code in (
            [p.country for p in participants]
            + find_countries(title)
            + [host, self.dateline_country]
            + find_countries(lead)
        ):
            if code and code not in countries:
                countries.append(code)
        kind = meeting_kind(title, summary)
        record_type = record_type_for(title, statements, excerpts)
        meeting = ParsedMeeting(
            title=title,
            date=date,
            kind=kind,
            record_type=record_type,
            place=place,
            host_country=host,
            countries=tuple(countries),
            participants=tuple(participants),
            statements=tuple(statements),
            summary=summary,
            source_url=self.source_url,
            source_name=self.source_name,
            source_file=self.source_file,
            original_text=self.original,
            content_hash=content_hash(self.original),
            unresolved_labels=tuple(unresolved),
        )
        if date is None:  # refused, but what was read is reported (see the dry run)
            raise TranscriptError(NO_DATE, parsed=meeting)
        return meeting

    def _strip_chrome(self, lines):
        self.source_url = ""
        self.source_name = ""
        self.dateline_country = None
        self.crawl_date = None
        for line in lines:
            if not line:  # lines come without trailing white space: this one is blank
                continue
            s = line.strip()
            m = SOURCE_URL.search(s) if "http" in s else None
            if m or ("http" in s and re.fullmatch(r"https?://\S+", s)):
                self.source_url = self.source_url or (m.group("url") if m else s).rstrip(".,)")
            if s.startswith("There were") and "press releases" in s:
                self.source_name = "EIN Presswire"
            elif s.startswith("Post sponsored by") or s.startswith("MIL OSI"):
                self.source_name = self.source_name or "MIL OSI"
            elif s == "Official website of the President of Russia":
                self.source_name = "kremlin.ru"
        kept, skip = [], 0
        for line in lines:
            if not line:
                kept.append(line)
                continue
            m = CRAWL_MARKER.match(line)
            if m:
                self.crawl_date = dates.find_date(m.group("date"))[0]
                line = line[m.end() :]
            s = line.strip()
            if skip and s:
                skip -= 1
                if len(s) < 40:
                    continue
            if s[-1:] in ("F", "C") and WEATHER.match(s):
                skip = 2  # a local-news header: temperature, city, today's date
                continue
            if len(s) > 300:  # chrome and footers are short lines
                kept.append(line)
                continue
            if "http" in s and (SOURCE_URL.search(s) or re.fullmatch(r"https?://\S+", s)):
                continue
            if FOOTER_LINE.match(s) and any(x.strip() for x in kept):
                break
            if CHROME_LINE.match(line) or CHROME_LINE.match(s):
                continue
            m = SOURCE_LINE.match(s)
            if m:  # the original publisher, named by the republisher
                self.source_name = m.group("name").strip(" –-")
                continue
            kept.append(line)
        if self.source_url and not self.source_name:
            host = re.sub(r"^https?://(?:www\.)?", "", self.source_url).split("/")[0]
            self.source_name = host
        return kept

    def _head(self, lines):
        """Take title, date and place from the head; drop repeated titles and captions."""
        title, date, place = "", None, ""
        body, head_done, placed = [], False, None
        self.dateline_day = None
        seen_lines = {}
        for line in lines:
            s = line.strip()
            if s:
                seen_lines[s] = seen_lines.get(s, 0) + 1
        for index, line in enumerate(lines):
            s = line.strip()
            if not s:
                body.append("")
                continue
            m = EIN_DATELINE.match(s)
            if m and not head_done:
                self.dateline_country = country_code(m.group("region").title())
                self.dateline_day = self.dateline_day or dates.month_day(s[: m.end()])
                rest = s[m.end() :].strip()
                if rest and rest != title:
                    body.append(rest)
                continue
            if not head_done and not self.dateline_day and len(s) < 60:
                md = dates.month_day(s)
                if md and not dates.find_date(s)[0]:
                    self.dateline_day = md
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
            if (
                not head_done
                and _is_place_line(s)
                # Not the first words of a wrapped paragraph: "Moscow" / "Mayor Sergei
                # Sobyanin: ...", "The Moscow" / "International Film Festival opens".
                and (not following or _is_place_line(following) or dates.date_line(following))
            ):
                # A line of its own in the head: "CAIRO, EGYPT" (State Department), "Oval
                # Office" (the White House), "Number 10 Downing Street" / "London, United
                # Kingdom".
                if not place or placed == index - 1:
                    place = f"{place}, {s}" if place else s
                    placed = index
                continue
            if (
                not head_done
                and not title
                and index < 10
                and self._title_candidate(s, index, lines)
            ):
                title = _clean_title(s)
                continue
            if title and s[:12] == title[:12] and _clean_title(s) == title:
                continue  # the title again, as a caption or a repeated header
            if seen_lines[s] > 1 and _is_heading(s) and not match_label(s):
                continue  # a photo caption repeated through the page
            if match_label(s) or EXCERPTS_MARKER.match(s):
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
        return title, date, place, body

    def _title_candidate(self, s, index, lines):
        if match_label(s) or EXCERPTS_MARKER.match(s) or SEPARATOR.match(s):
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
        return not (
            re.search(r"[,.;:]$", s)
            or s[:1].islower()
            or following[:1].islower()
            or re.search(r"(?:,|\b(?:and|of|the|with|to|in|for|a|an))$", before)
        )

    def _date_from_body(self, summary, statements):
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
        if self.dateline_day and self.crawl_date:
            # A dateline without a year ("RUSSIA, March 25 -"): the year of publication,
            # which the crawl date bounds from above.
            d = dates.with_year_before(self.dateline_day, self.crawl_date)
            if d:
                return d
        for line in self.lines[:80]:
            m = re.search(r"\[(?:\w+day,?\s+)?([^\]]{6,40})\]", line)
            if m:
                d, _ = dates.find_date(m.group(1))
                if d:
                    return d
        head = [x for x in self.lines[:40] if x.strip()][:15]
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
        return dates.date_in_url(self.source_url)

    # -- body -----------------------------------------------------------------------------

    def _split_inline_turns(self, paragraphs):
        """Split paragraphs where a known label (or 'M. Mishustin:') follows a sentence end."""
        known = set()
        for p in paragraphs:
            m = match_label(p)
            if m and label_kind(m[0]) == "person" and len(m[0].split()) >= 2:
                known.add(m[0])
        out = []
        for p in paragraphs:
            start = 0
            for gap in SENTENCE_GAP.finditer(p) if ":" in p else ():
                end = gap.end(1)
                if p.find(":", end, end + 153) == -1:
                    continue
                m = TURN_LABEL.match(p, end)
                label = m and m.group("label")
                if label and (
                    label in known
                    or INITIAL_LABEL.fullmatch(label)
                    or RECORD_LABEL.fullmatch(label)
                ):
                    out.append(p[start : gap.start(1)])
                    start = end
            out.append(p[start:])
        return [x.strip() for x in out if x.strip()]

    def _statements(self, paragraphs):
        # A scholarly edition numbers its paragraphs and glues the number on ("3Bush: ...",
        # "5Conversation recorded"): when paragraphs open with 1, 2, 3... the numbers go.
        glued = re.compile(r"^(\d{1,3})(?=[A-Z\[(…])")
        numbers = [int(m.group(1)) for p in paragraphs if (m := glued.match(p))]
        if len(numbers) >= 3 and numbers[:3] == list(range(numbers[0], numbers[0] + 3)):
            paragraphs = [glued.sub("", p) for p in paragraphs]
        period_labels = _period_labels(paragraphs)
        statements, summary = [], []
        current = None  # [label, [paragraphs]]
        excerpts = False
        pending_label = None
        for p in paragraphs:
            if EXCERPTS_MARKER.match(p):
                excerpts = True
                continue
            if SEPARATOR.match(p):
                current = None
                continue
            if PAGE_MARKER.match(p):
                continue
            if len(p) < 12 and ELISION.fullmatch(p):
                excerpts = True
                if current:
                    current[1].append(p)
                continue
            m = POSSESSIVE_HEADER.match(p) if "’s" in p[:70] or "'s" in p[:70] else None
            if m and not m.group("text"):
                pending_label = m.group("name").strip()
                continue
            m = SAID_INTRO.match(p) if p.rstrip()[-1:] == ":" else None
            if m and label_kind(m.group("label")) == "person":
                pending_label = m.group("label").strip()
                continue
            found = match_label(p, period_labels=period_labels)
            if found and current is None and (UN_PRESIDENT.match(p) or LIST_HEADING.match(p)):
                found = None  # "President: Mr. Zhang Jun (China)", "Participants: ..."
            if pending_label and not found:
                found = (pending_label, p)
            pending_label = None
            if found:
                label, rest = found
                if current is not None and current[0] == label and BRACKET_LABEL.match(p):
                    # "[Trump]: We have had" / "[Trump]: some very good discussions": a
                    # machine transcript cuts one turn into a line per fragment.
                    current[1][-1:] = [" ".join([*current[1][-1:], rest])]
                    continue
                current = [label, [rest] if rest else []]
                statements.append(current)
                continue
            if current is not None:
                current[1].append(p)
            else:
                summary.append(p)
        parsed = []
        for label, paras in statements:
            text, interpreted = _statement_text(label, paras)
            if not text:
                continue
            parsed.append(
                ParsedStatement(
                    speaker=None, speaker_label=label, text=text, interpreted=interpreted
                )
            )
        return parsed, "\n\n".join(summary), excerpts

    def _participants(self, title, statements):
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
        for name, role, country, called in self.listed:
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


def _statement_text(label, paras):
    interpreted = bool(INTERPRETER_NOTE.search(label)) and is_interpreter_note(label)
    cleaned = []
    for p in paras:
        m = re.match(r"^\((?P<note>[^)]{3,40})\)\s*", p) if p[:1] == "(" else None
        if m and is_interpreter_note(m.group("note")):
            interpreted = True
            p = p[m.end() :]
        if not cleaned and p[:1] in ("-", "–", "—"):
            p = re.sub(r"^[-–—]\s+", "", p)  # speech introduced by a dash: "- Hello."
        if p[-1:] == ")" or p[-1:].isspace():
            p = CLASSIFICATION_MARK.sub("", p)
        if p.strip():
            cleaned.append(p.strip())
    return "\n\n".join(cleaned), interpreted


def _period_labels(paragraphs):
    """Labels ending in a period ('President Biden. All the flowers...'), when a whole
    document uses them: at least two speakers, three turns, and no colon labels."""
    if any(
        LABEL_LINE.match(p) and label_kind(clean_label(LABEL_LINE.match(p)["label"]))
        for p in paragraphs
    ):
        return frozenset()
    counts = {}
    for p in paragraphs:
        if re.match(r"^Q\.\s", p):
            counts["Q"] = counts.get("Q", 0) + 1
            continue
        m = re.match(r"^((?:[A-Z][\w'’-]*\.?\s){0,3}[A-Z][\w'’-]+)\.\s", p)
        if not m:
            continue
        label = m.group(1)
        words = label.split()
        if label == "Q" or (
            len(words) >= 2
            and label_kind(label) == "person"
            and words[0].lower().strip(".")
            in {
                "president",
                "prime",
                "secretary",
                "chancellor",
                "mr",
                "mrs",
                "ms",
                "minister",
                "foreign",
                "vice",
                "general",
                "ambassador",
                "dr",
                "the",
            }
        ):
            counts[label] = counts.get(label, 0) + 1
    named = [k for k in counts if k != "Q"]
    if len(named) >= 2 and sum(counts.values()) >= 3:
        return frozenset(counts)
    return frozenset()


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


def meeting_kind(title, summary):
    text = (title or "").lower()
    lead = (summary or "")[:300].lower()
    rules = [
        ("telephone", r"telephone|phone (?:call|conversation)|телефонн|telefonat|telcon"),
        ("video", r"video ?(?:conference|call|link|conversation)|videoconference|видеоконференц"),
        (
            "news_conference",
            r"news conference|press conference|press statements?|joint press"
            r"|пресс-конференц|pressekonferenz",
        ),
        ("briefing", r"briefing|брифинг"),
        ("summit", r"summit|саммит|council of heads"),
        ("talks", r"\btalks\b|negotiations|переговоры"),
        ("visit", r"\bvisit\b|визит"),
        ("meeting", r"meet|meeting|встреча|conversation|memorandum"),
    ]
    for kind, pattern in rules:
        if re.search(pattern, text):
            return kind
    for kind, pattern in rules[:2]:
        if re.search(pattern, lead):
            return kind
    return "meeting"


def record_type_for(title, statements, excerpts):
    text = (title or "").lower()
    if not statements:
        return "readout"
    if excerpts or re.search(r"\bbeginning of\b|excerpts?\b|начало\b", text):
        return "excerpts"
    speakers = {s.speaker or s.speaker_label for s in statements}
    if len(speakers) == 1 and re.search(r"remarks|statement|speech|address|выступление", text):
        return "remarks"
    return "transcript"


def _clean_title(s):
    s = " ".join(s.split())
    if s[:1].isdigit():
        s = re.sub(r"^\d{1,3}\.\s+", "", s)  # "43. Memorandum of Conversation"
    if s[-1:].isdigit():
        s = re.sub(r"(?<=[a-z]{4})\d{1,2}$", "", s)  # a footnote mark: "Conversation1"
    return s


# Letters with a stray symbol between them ("th€", "cen;al", "B!t"): OCR noise, not words.
_ODD_WORD = re.compile(r"[^\W\d_][!{}\\^|€;$<>*#@~=+][^\W\d_]|\S[!{}\\^|€]\S")


def _looks_like_garbage(lines):
    """Unreadable OCR: more than 5% of the words carry stray symbols inside them."""
    words = " ".join(lines)[:3000].split()
    if len(words) < 40:
        return False
    text = " ".join(words)
    # Each odd word holds one of these symbols: too few of them settles it without a scan.
    if sum(map(text.count, "!{}\\^|€;$<>*#@~=+")) <= 0.05 * len(words):
        return False
    return len(_ODD_WORD.findall(text)) / len(words) > 0.05
