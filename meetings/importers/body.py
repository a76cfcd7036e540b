"""The body of a record: paragraphs, cut into statements at each speaker's label. Nothing
here touches the database.

    President of Russia Vladimir Putin: Mr President, friends,

    I am very pleased to meet with you ...

    Emmanuel Macron (retranslated): Thank you. ...

A labelled paragraph opens a statement, unlabelled paragraphs continue it; what comes before
the first label, or stands after a separator, is nobody's words (the record's summary).
Labels are kept as printed here; who they name is the participants' stage.
"""

import re

from meetings.importers.labels import (
    BRACKET_LABEL,
    CLASSIFICATION_MARK,
    ELISION,
    INITIAL_LABEL,
    LABEL_LINE,
    POSSESSIVE_HEADER,
    RECORD_LABEL,
    SAID_INTRO,
    SENTENCE_GAP,
    TERMINAL,
    TURN_LABEL,
    clean_label,
    label_kind,
    match_label,
)
from meetings.importers.names import (
    HONORIFICS,
    INTERPRETER_NOTE,
    PATRONYMIC,
    ROLE_WORDS,
    is_interpreter_note,
)
from meetings.importers.parsed import ParsedStatement
from meetings.importers.participants import LIST_HEADING, UN_PRESIDENT

EXCERPTS_MARKER = re.compile(
    r"^(?:Excerpts? from (?:the )?transcript|From (?:the )?transcript|Из стенограммы"
    r"|Excerpts from the press statements?|Auszug|Extraits?)\s*:?\s*$",
    re.I,
)
SEPARATOR = re.compile(r"^(?:\*\s*\*\s*\*|_{5,}|-{5,}|={5,}|\* \* \* \*)$")
PAGE_MARKER = re.compile(
    r"^\[Page \d+\]$|^\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?$"
)


def read_body(lines, title=""):
    """(statements, summary, excerpts, notes) of the body's lines: the statements with their
    labels as printed (no speaker resolved yet), the narrative nobody is quoted as saying,
    whether the record says it gives excerpts only, and the editor's notes that end it.
    What the title names ("... the Putin: 20 years album") opens no turn."""
    lines = _without_page_breaks(lines)
    blank_separated = sum(1 for x in lines if not x.strip()) >= 0.3 * max(
        1, sum(1 for x in lines if x.strip())
    )
    known = _block_start_labels(lines)
    paragraphs = _paragraphs(lines, blank_separated=blank_separated, known_labels=known)
    return _statements(_split_inline_turns(paragraphs), title)


def _without_page_breaks(lines):
    """The lines without a printed document's page numbers ("Page 2 of 9"); a sentence a
    page break cut ("Today I would" / "Page 2 of 9" / "like to hear ...") goes on."""
    if not any(PAGE_BREAK.match(line.strip()) for line in lines):
        return lines
    out, cut = [], False
    for line in lines:
        s = line.strip()
        if PAGE_BREAK.match(s):
            cut = True
            continue
        if cut and s:
            cut = False
            last = next((x for x in reversed(out) if x.strip()), "")
            if last and not TERMINAL.search(last.rstrip()) and s[:1].islower():
                while out and not out[-1].strip():
                    out.pop()  # the blank lines around the page number
        out.append(line)
    return out


PAGE_BREAK = re.compile(r"^(?:Page \d{1,4}(?: of \d{1,4})?|- ?\d{1,4} ?-)$", re.I)


def _named_in_title(found, title):
    """Whether a label and the words after it are a name the title prints ("New content
    published in the Putin: 20 years album")."""
    label, rest = found
    words = rest.split()[:2]
    if not words:
        return False
    return f"{label}: {' '.join(words)}".casefold() in " ".join(title.split()).casefold()


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


def is_heading(line):
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
        if (
            found
            and len(current) <= 3
            and not any(TERMINAL.search(x) for x in current)
            and not match_label(current[0])  # a turn of its own, cut off: "... your first —"
        ):
            # "Deputy Prime Minister" / "Tatyana Golikova:": one label broken over two lines
            # (or three).
            whole = match_label(" ".join([*current, stripped]))
            if whole and len(whole[0]) > len(found[0]):
                found = None
        opens_turn = bool(found) and (
            (not blank_separated and not _goes_on_with_the_sentence(prev, found[0], known_labels))
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


def _goes_on_with_the_sentence(line, label, known_labels=frozenset()):
    """A full-width line that ends without a stop, then what looks like a label but
    cannot open a turn there: a lower-case word or one word ("...gave the following
    instructions to Soviet" / "plenipotentiary representative in London Ivan Maisky:
    “For your information...", "...important for Arkhangelsk" / "Region: assistance to...").
    A label of several words there is the end of a label broken over lines."""
    return (
        len(line) >= 60
        and not TERMINAL.search(line)
        and (
            label[:1].islower()
            or (" " not in label and label_kind(label) == "person")
            # Cut mid-phrase, by a short label the text gives nobody else: "... the positive
            # things. About" / "President Trump: I did not vote for him", "... resolutions
            # of the CSTO" / "Collective Security Council: The Strategy ..." (a long one is
            # the end of a label broken over lines: "... of the Russian Academy of
            # Sciences, Alexander Dynkin:").
            or (line[-1:].isalpha() and label not in known_labels and len(label.split()) <= 3)
        )
    )


HONORIFIC_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Messrs|Mme)\.?$")


def _wrapped_opening(current):
    """A paragraph's first one or two words on a line of their own, the rest wrapped to
    the next line: "Mikhail" / "Mishustin and Ali Asadov wished each other..."."""
    if len(current) != 1:
        return False
    words = current[0].split()
    return len(words) <= 2 and current[0][:1].isupper() and not TERMINAL.search(current[0])


def _split_inline_turns(paragraphs):
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
                label in known or INITIAL_LABEL.fullmatch(label) or RECORD_LABEL.fullmatch(label)
            ):
                out.append(p[start : gap.start(1)])
                start = end
        out.append(p[start:])
    return [x.strip() for x in out if x.strip()]


def _statements(paragraphs, title=""):
    # A scholarly edition numbers its paragraphs and glues the number on ("3Bush: ...",
    # "5Conversation recorded"): when paragraphs open with 1, 2, 3... the numbers go.
    glued = re.compile(r"^(\d{1,3})(?=[A-Z\[(…])")
    numbers = [int(m.group(1)) for p in paragraphs if (m := glued.match(p))]
    if len(numbers) >= 3 and numbers[:3] == list(range(numbers[0], numbers[0] + 3)):
        paragraphs = [glued.sub("", p) for p in paragraphs]
    period_labels = _period_labels(paragraphs)
    roster = _roster_lines(paragraphs)
    statements, summary = [], []
    current = None  # [label, [paragraphs]]
    excerpts = False
    pending_label = None
    for n, p in enumerate(paragraphs):
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
        # (Without period labels, by the key the paragraph's lines were matched by before.)
        found = match_label(p, period_labels=period_labels) if period_labels else match_label(p)
        if found and n in roster:
            found = None  # "Minister of Defence: Sergei Shoigu.": who holds which office
        if found and title and _named_in_title(found, title):
            found = None  # "Putin: 20 years (20.kremlin.ru/en) is an album ...": a work's name
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
    # The record ends before its editor's notes: "Conversation recorded by V. Sukhodrev.",
    # "[Source: Archive of the Gorbachev Foundation ...]".
    notes = []
    last = statements[-1][1] if statements else summary
    while last and RECORD_NOTE.match(last[-1]):
        notes.insert(0, last.pop())
    parsed = []
    for label, paras in statements:
        text, interpreted = _statement_text(label, paras)
        if not text:
            continue
        parsed.append(
            ParsedStatement(speaker=None, speaker_label=label, text=text, interpreted=interpreted)
        )
    return parsed, "\n\n".join(summary), excerpts, "\n\n".join(notes)


# "Interior Minister: Vladimir Kolokoltsev.", "Minister of Justice: Alexander Konovalov.
# Minister of Healthcare: Veronika Skvortsova.": an office, then only its holder's name.
ROSTER_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){1,3}\.?")
ROSTER_LINE = re.compile(r"(?P<office>[^:\n]{3,120}):\s+(?P<rest>.+)", re.S)
ROSTER_ENTRY = re.compile(r"(?:[^:.]{3,120}:\s+)?" + ROSTER_NAME.pattern)


def _roster_lines(paragraphs):
    """Indexes of the paragraphs of a roster: two or more running, each an office as a label
    followed by nothing but the given name and surname of its holder (kremlin.ru 57492: the
    Government members the Prime Minister proposes, read out). They are text, not turns; a
    turn that is an address ("Mr President.", "Dmitry Anatolyevich.") is none."""
    entries = set()
    for n, p in enumerate(paragraphs):
        m = ROSTER_LINE.fullmatch(p) if ":" in p[:130] else None
        if not m or not any(w.lower().strip(",.") in ROLE_WORDS for w in m["office"].split()):
            continue
        rest = m["rest"].strip()
        # The first sentence first: a statement's whole text is split only when it opens
        # with a holder's name.
        if _holder(re.split(r"(?<=\.)\s+", rest, maxsplit=1)[0]) and all(
            ROSTER_ENTRY.fullmatch(x) for x in re.split(r"(?<=\.)\s+", rest)
        ):
            entries.add(n)
    return {n for n in entries if n - 1 in entries or n + 1 in entries}


def _holder(text):
    words = text.rstrip(".").split()
    return bool(
        ROSTER_NAME.fullmatch(text)
        and words[0].lower() not in HONORIFICS | ROLE_WORDS
        and not any(PATRONYMIC.search(w) for w in words)
    )


RECORD_NOTE = re.compile(
    r"^\[?(?:Source|Sources|Note|Notes|Translated by|Translation by|Conversation recorded by"
    r"|Recorded by|Notes? taken by|Drafted by|Prepared by|Transcribed by|Editor’s note"
    r"|Editor's note)\b\s*:?",
    re.I,
)


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
    if not cleaned and any(p.strip() for p in paras):
        # A note is all there is: "POLISH AIDE: (No translation provided.)". The turn was
        # taken; the note says what of it the record gives.
        return "\n\n".join(p.strip() for p in paras if p.strip()), False
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
