"""Speaker labels: what opens a turn, and what only looks like it. Nothing here touches the
database.

A turn opens with a label and a colon, or the like:

    President of Russia Vladimir Putin: Mr President, friends, ...
    SECRETARY BLINKEN:   M. Mishustin:   [Trump]: We have had   Q    Mr. President, are you...
    Question from Izhevsk: ...      (a label without a person)
    Text of the Decree: ...         (no label: a phrase)

`match_label` takes the label off a paragraph; `label_kind` says whether a label names a
person, nobody in particular ("Question") or is no label at all.
"""

import functools
import re

from meetings.importers.countries import is_country_word
from meetings.importers.names import (
    HONORIFICS,
    INTERPRETER_NOTE,
    ROLE_WORDS,
    common_words,
    is_place,
    normalize_name,
)

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
    "audience members",
    "crowd",
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
    """The label without tooltip junk or glued paragraph numbers, whitespace collapsed.

    A saved kremlin.ru page repeats the speaker's name after the label, surname first
    ("Recep Tayyip Erdogan      Erdogan Recep TayyipPresident of Turkey"). A run of spaces
    followed by anything else is kremlin.ru's gap after a linked name in a sentence
    ("Maxim Topilin     said that wages ...:"), and what precedes it is no label."""
    label = label.replace("\n", " ").strip()
    note = INTERPRETER_NOTE.search(label)
    junk = TOOLTIP_JUNK.search(label)
    if junk and _repeats_the_name(label[: junk.start()], label[junk.start() :]):
        label = label[: junk.start()].rstrip()
        if note and note.group(0) not in label:
            label = f"{label} {note.group(0)}"
    return " ".join(label.split())


def _repeats_the_name(label, junk):
    first = junk.split(None, 1)[0].casefold() if junk.strip() else ""
    return bool(first) and first in label.casefold().split()


# News outlets, whose names label their journalists' questions in a spokesperson's briefing
# ("CCTV: ...", "AFP: ..."): nobody the archive can name.
NEWS_OUTLETS = frozenset(
    {
        "afp",
        "ap",
        "associated press",
        "reuters",
        "bloomberg",
        "bloomberg news",
        "cctv",
        "cgtn",
        "xinhua",
        "china daily",
        "global times",
        "phoenix tv",
        "china news service",
        "the paper",
        "beijing daily",
        "tass",
        "ria novosti",
        "interfax",
        "rossiya segodnya",
        "sputnik",
        "cnn",
        "bbc",
        "nhk",
        "kyodo",
        "kyodo news",
        "jiji press",
        "nikkei",
        "asahi shimbun",
        "yomiuri shimbun",
        "yonhap",
        "al jazeera",
        "efe",
        "ansa",
        "dpa",
        "anadolu",
        "pti",
        "prensa latina",
        "fox news",
        "npr",
        "the new york times",
        "the washington post",
        "the wall street journal",
        "financial times",
    }
)


@functools.lru_cache(maxsize=65536)
def label_kind(label):
    """'anonymous', 'person' or None (not a label) for a candidate label."""
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", label)
    bare = re.sub(r"\s*\[[^\]]{1,40}\]$", "", bare.strip()).strip()  # "Question [Reuters]"
    key = normalize_name(bare)
    if not key:
        return None
    if key in ANONYMOUS or key in NEWS_OUTLETS or re.fullmatch(r"speaker[_ ]?\d+|q\d*", key):
        return "anonymous"  # a news outlet's label is its journalist's: "AFP:", "CCTV:"
    if re.fullmatch(
        r"(?:question|remark|reply|response|voice)s? from (?:the )?[\w .'-]{2,40}", key
    ):
        return "anonymous"  # "Question from Izhevsk", "Remark from the audience"
    # An office may run long before the name: "Deputy Chief of Staff of the Presidential
    # Executive Office and Presidential Press Secretary Dmitry Peskov".
    # (Or an organisation's office: "Rosneft CEO, Chairman of the Management Board ...".)
    office_first = key.split()[0] in ROLE_WORDS or (
        len(key.split()) > 2 and key.split()[1].strip(",") in ROLE_WORDS | {"ceo"}
    )
    if key in NOT_LABELS or len(bare) > 160:
        return None
    if re.match(r"(?:the |full )?(?:text|wording) of\b", key):
        return None  # a document's heading: "Text of the Executive Order:"
    place = re.sub(r"^the\s+", "", bare, flags=re.I)
    if len(place.split()) <= 3 and "," not in place and (is_country_word(place) or is_place(place)):
        return None  # a heading: "The United Kingdom:", "Perm Territory:", "Rostov-on-Don:"
    if re.search(r"[!?;\"“”«»]|\.\s*\.|https?:", bare):
        return None
    if bare.count(",") > 1:
        return None
    words = bare.replace(",", " ").split()
    if len(words) > (24 if office_first else 16):
        return None
    if not all(_word_ok(w) for w in words):
        return _relaxed_label_kind(bare, office_first=office_first)
    opening_ok = {"al", "the", "le", "la"}  # "The President", "al-Assad", "LE CHANCELIER"
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
    if (
        len(words) >= 2
        and words[-1].lower().strip(".,") in STAFF_WORDS
        and all(is_country_word(w) or w.lower() in ("white", "house") for w in words[:-1])
    ):
        return "anonymous"  # "ZAMBIAN OFFICIAL", "POLISH AIDE", "WHITE HOUSE OFFICIAL"
    common = common_words()
    if significant and all(w in common or is_country_word(w) for w in significant):
        return None  # a phrase ("Text of the Decree", "India and Russia"), not a speaker
    return "person"


# Who speaks for a side without a name: "ZAMBIAN OFFICIAL", "POLISH AIDE".
STAFF_WORDS = frozenset(
    """official officials aide aides staff delegate delegates interpreter translator moderator
    spokesperson spokesman spokeswoman representative participant journalist reporter""".split()
)


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
    if re.search(r"[a-z]{4,}\.\s+[A-Z]", bare):
        return None  # a sentence ends inside: "Treaty. According to Item 1, Article VI"
    if "," in bare:
        head = bare.split(",", 1)[0].split()
        if 2 <= len(head) <= 4 and all(
            _is_name_word(w) or w.lower() in LABEL_CONNECTORS for w in head
        ):
            return "person"
        # An office, then a rank and the name: "Commander of the Southern Military District
        # forces, Colonel General Aleksandr Dvornikov".
        tail = bare.rsplit(",", 1)[1].split()
        if office_first and len(tail) >= 2 and all(_is_name_word(w) for w in tail[-2:]):
            return "person"
        return None
    if len(words) >= 3 and _is_name_word(words[-1]) and _is_name_word(words[-2]):
        return "person"
    return None


# A question and whose journalist asks it: "Q (Reuters): ...".
Q_OF = re.compile(r"(?P<label>Q \([^()\n:]{1,40}\)):\s*(?P<text>.*)", re.S)
# The White House's question mark: "Q    Mr. President, are you going to...", no colon.
WHITE_HOUSE_Q = re.compile(r"Q(?:\s{2,}|\s(?=[A-Z“\"(]))(?P<text>\S.*)", re.S)


@functools.lru_cache(maxsize=8192)
def match_label(paragraph, *, period_labels=frozenset()):
    """(label, text) when the paragraph opens with a speaker label, else None."""
    if paragraph[:2] in ("Q ", "Q\u2003"):
        m = Q_OF.match(paragraph)
        if m:
            return m.group("label"), m.group("text").strip()  # "Q (Reuters): ..."
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
