"""Two records of one encounter, side by side: the first thing an analyst does with two
governments' readouts of one call. A pure module: it reads what the views give it (texts,
the names of the countries and people each record names) and returns what the page shows.

- What each names that the other does not: countries, people, topics, figures.
- Two texts of the same words (two translations, two publishers' transcripts): their
  statements aligned, speaker by speaker, the words one has and the other has not marked.
- Two accounts in their own words (two readouts, a readout and a transcript): each one's
  passages beside the passage of the other that says the most of the same.
"""

import difflib
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from meetings.importers.countries import is_country_word
from meetings.importers.participants import ABBREVIATIONS

MAX_STATEMENTS = 400  # aligned; a longer record is compared in its first statements
MAX_SENTENCES = 300  # paired, each side
MAX_WORDS = 4000  # marked word by word in one statement

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZА-ЯЁ0-9])")
FIGURE = re.compile(
    r"(?:[$€£¥]\s?)?\d+(?:[.,]\d+)*(?:\s?%|\s(?:per ?cent|percent|billion|million|thousand"
    r"|trillion|tonnes|tons|barrels|kilometres|kilometers|km|troops|people|years)\b)?",
    re.I,
)
STOPWORDS = frozenset(
    """
    about above after again against also although among another around because been before
    being below between both cannot could does doing done down during each either else even
    ever every from further have having here hers herself himself into itself just least
    less like made make many more most much must myself neither never none only other ours
    ourselves over same shall should since some still such than that their theirs them
    themselves then there these they this those though through thus together under until
    upon very want well were what when where whether which while whom whose will with
    within without would your yours yourself yourselves today year years time also said says
    told noted stressed emphasized expressed discussed spoke talked thanked welcomed agreed
    would like great good important issues issue question questions matter matters mister
    president prime minister secretary state states government leaders leader meeting
    meetings talks call telephone conversation readout remarks press statement statements
    colleagues friends dear thank thanks please course indeed really already again first
    second people country countries side sides part sure know think believe going things
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion trillion percent cent last next former allow continue
    mutual constructive respect interest opportunity relations relationship bilateral
    cooperation partnership positive special attention work help visit level sphere area
    field regard including number close further certain various different whole general
    particular major main current recent previous possible necessary significant serious
    sincere warm cordial friendly productive fruitful useful successful frank open detailed
    substantive comprehensive hope glad pleased happy grateful welcome invite invitation
    congratulate wish contact discussion exchange view opinion agenda prospect implementation
    """.split()
)


@functools.lru_cache(maxsize=65536)  # a record's words repeat: each is folded once
def fold(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")


def stem(word):
    """A crude stem, enough to know "sanctions" and "sanction", "opportunities" and
    "opportunity" are one topic."""
    if word.endswith("ies") and len(word) >= 6:
        return word[:-3] + "y"
    for suffix in ("ations", "ation", "ings", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) >= 5:
        return word[:-1]
    return word


def topic_key(word):
    """The stem a word is counted by: a possessive is its noun's ("Russia’s")."""
    folded = fold(word)
    return stem(folded[:-2] if folded.endswith("'s") else folded)


STOP_STEMS = frozenset(stem(word) for word in STOPWORDS)


def script(text):
    """The alphabet most of a text is written in ("latin", "cyrillic", ...): words of two
    languages are not compared with each other."""
    counts = Counter()
    for c in text[:20000]:
        if c.isalpha():
            name = unicodedata.name(c, "")
            counts[name.split()[0] if name else "?"] += 1
    return counts.most_common(1)[0][0].lower() if counts else ""


# -- what each names ------------------------------------------------------------------------


@dataclass
class Named:
    """One kind of thing the records name: what only the first names, what only the
    second, and what both do."""

    label: str
    only_a: list
    only_b: list
    both: list

    @property
    def differs(self):
        return bool(self.only_a or self.only_b)


def topics(text, limit=40):
    """The content words of a text, by stem: {stem: (count, the form printed most)}. Not
    the words of how things were said ("constructive", "delighted", "closely"), numbers in
    words, or words of fewer than four letters."""
    forms = {}
    counts = Counter()
    for word in WORD.findall(text):
        if len(word) < 4 or word.isupper() and len(word) < 4:
            continue
        key = topic_key(word)
        if len(key) < 4 or key in STOP_STEMS or key.endswith(("ed", "ly")):
            continue  # "increased", "closely": what was done, and how
        counts[key] += 1
        forms.setdefault(key, Counter())[word if not word[0].isupper() else fold(word)] += 1
    return {
        key: (n, forms[key].most_common(1)[0][0])
        for key, n in counts.most_common(limit * 3)
        if n >= 2
    }


MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A day of a month, or of a range of days, beside the month: "December 15–16", "22 February".
DAY_AFTER_MONTH = re.compile(rf"\b{MONTH}\s+(?:\d{{1,2}}\s?[–-]\s?)?$")
DAY_BEFORE_MONTH = re.compile(rf"(?:\s?[–-]\s?\d{{1,2}})?\s+(?:of\s+)?{MONTH}\b")
# A number that is part of a name or a word: "Covid-19", "G20", "Su-35", "30th", "5G".
IN_A_WORD = re.compile(r"[^\W\d_]-?$")


def figures(text):
    """{the figure, normalised: (the figure as printed, its passage)}: the numbers a text
    gives (sums, shares, counts, years), each with the first sentence it is in ("$3.3
    billion", "16 percent", "1,000"). Not a day of a month, a number in a name (Covid-19,
    G20) or an ordinal."""
    found = {}
    for sentence in sentences(text):
        for m in FIGURE.finditer(sentence):
            raw = m.group(0).strip()
            before, after = sentence[: m.start()], sentence[m.end() :]
            if raw[0] not in "$€£¥" and IN_A_WORD.search(before) or after[:1].isalpha():
                continue
            number = re.match(r"[$€£¥]?\s?([\d.,]+)", raw)
            currency = raw[0] if raw[0] in "$€£¥" else ""
            unit = raw[number.end() :].strip().lower()
            unit = "percent" if unit in ("%", "per cent", "percent", "percent") else unit
            digits = number.group(1).replace(",", "")
            if len(re.sub(r"\D", "", digits)) < 2 and not unit and not currency:
                continue  # "1", "3": a list's number, a day's
            if (
                not unit
                and not currency
                and len(digits) <= 2
                and (DAY_AFTER_MONTH.search(before) or DAY_BEFORE_MONTH.match(after))
            ):
                continue
            found.setdefault(f"{currency}{digits} {unit}".strip(), (raw, shorten(sentence)))
    return found


def shorten(text, limit=220):
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def names(a, b):
    """[Named, ...]: the countries, people, topics and figures the two records name, each
    record's own and the shared. a and b: dicts with "countries" and "people" (names), and
    "text"."""
    result = []
    for key, label in (("countries", "Countries"), ("people", "People")):
        left, right = set(a[key]), set(b[key])
        result.append(
            Named(label, sorted(left - right), sorted(right - left), sorted(left & right))
        )
    if script(a["text"]) == script(b["text"]):
        # The countries and people are their rows' (the topics are no "united", "biden");
        # nor is a country's adjective a topic ("Russian").
        named = {
            topic_key(word)
            for side in (a, b)
            for name in list(side["countries"]) + list(side["people"])
            for word in WORD.findall(name)
        }

        def own(found):
            return {
                key: value
                for key, value in found.items()
                if key not in named and not is_country_word(value[1].removesuffix("'s"))
            }

        ta, tb = own(topics(a["text"])), own(topics(b["text"]))
        stems_a, stems_b = _stems(a["text"]), _stems(b["text"])
        only_a = [form for key, (n, form) in ta.items() if key not in stems_b]
        only_b = [form for key, (n, form) in tb.items() if key not in stems_a]
        both = [form for key, (n, form) in ta.items() if key in tb]
        result.append(Named("Topics", only_a[:20], only_b[:20], both[:20]))
    fa, fb = figures(a["text"]), figures(b["text"])
    result.append(
        Named(
            "Figures",
            [fa[k] for k in fa if k not in fb],
            [fb[k] for k in fb if k not in fa],
            [fa[k][0] for k in fa if k in fb],
        )
    )
    return result


def _stems(text):
    return {topic_key(w) for w in set(WORD.findall(text))}


# -- two texts of the same words -------------------------------------------------------------


@dataclass
class Row:
    """One row of the side-by-side table: a statement (or a passage) of each record, as
    [(text, differs)] runs; None where one record has nothing there."""

    a_speaker: str = ""
    b_speaker: str = ""
    a: list | None = None
    b: list | None = None
    a_position: int | None = None
    b_position: int | None = None
    same: bool = False  # word for word
    matched: bool = True  # the other record has a counterpart of it

    @property
    def differs(self):
        return not self.same


@dataclass
class Comparison:
    mode: str  # "statements" (the same words) or "passages" (each in its own words)
    names: list
    rows: list = field(default_factory=list)
    note: str = ""  # what was left out, and why
    similarity: float = 0.0

    @property
    def differences(self):
        return sum(1 for row in self.rows if row.differs)


def similarity(a_text, b_text):
    """How much of their words two texts share (0..1): the share of each one's three-word
    sequences the other has, the smaller of the two."""
    ga, gb = _trigrams(a_text), _trigrams(b_text)
    if not ga or not gb:
        return 0.0
    common = len(ga & gb)
    return min(common / len(ga), common / len(gb))


def _trigrams(text):
    words = [fold(w) for w in WORD.findall(text)]
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def word_diff(a, b):
    """The two texts as [(text, differs)] runs: what one has and the other has not marked,
    word by word (space and punctuation kept as printed)."""
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) > MAX_WORDS or len(tb) > MAX_WORDS:
        return [(a, a != b)], [(b, a != b)]
    ka, kb = [_key(t) for t in ta], [_key(t) for t in tb]
    # Spaces are no anchors: the most frequent token, they made matching slow.
    matcher = difflib.SequenceMatcher(lambda k: k == "", ka, kb, autojunk=False)
    left, right = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        differs = tag != "equal"
        _add(left, "".join(ta[i1:i2]), differs)
        _add(right, "".join(tb[j1:j2]), differs)
    return left, right


def _tokens(text):
    return re.findall(r"\w+(?:['’-]\w+)*|\s+|[^\w\s]", text)


def _key(token):
    return "" if token.isspace() else fold(token)


def _add(runs, text, differs):
    if not text:
        return
    if differs and text.isspace():
        differs = False  # a space is not a difference
    if runs and runs[-1][1] == differs:
        runs[-1] = (runs[-1][0] + text, differs)
    else:
        runs.append((text, differs))


def align(a_statements, b_statements):
    """Rows of two records' statements, (speaker key, speaker name, text) each, in order:
    the speakers' sequence aligned (an unnamed speaker fits any), and within a stretch the
    statements taken in turn."""
    ka = [s[0] for s in a_statements]
    kb = [s[0] for s in b_statements]
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    rows = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = list(range(i1, i2)), list(range(j1, j2))
        if tag in ("equal", "replace"):
            for n in range(max(len(left), len(right))):
                i = left[n] if n < len(left) else None
                j = right[n] if n < len(right) else None
                rows.append(_row(a_statements, b_statements, i, j))
        else:
            for i in left:
                rows.append(_row(a_statements, b_statements, i, None))
            for j in right:
                rows.append(_row(a_statements, b_statements, None, j))
    return rows


def _row(a_statements, b_statements, i, j):
    row = Row(
        a_position=i + 1 if i is not None else None, b_position=j + 1 if j is not None else None
    )
    if i is not None:
        row.a_speaker = a_statements[i][1]
    if j is not None:
        row.b_speaker = b_statements[j][1]
    if i is not None and j is not None:
        a_text, b_text = a_statements[i][2], b_statements[j][2]
        row.a, row.b = word_diff(a_text, b_text)
        row.same = _normal(a_text) == _normal(b_text)
    elif i is not None:
        row.a, row.matched = [(a_statements[i][2], True)], False
    else:
        row.b, row.matched = [(b_statements[j][2], True)], False
    return row


def _normal(text):
    return " ".join(fold(text).split())


# -- two accounts in their own words ---------------------------------------------------------


def sentences(text):
    out = []
    for paragraph in text.split("\n"):
        pieces = [s.strip() for s in SENTENCE.split(paragraph) if s.strip()]
        for piece in pieces:
            if out and out[-1] is not None and _ends_no_sentence(out[-1]):
                out[-1] = f"{out[-1]} {piece}"  # "President Joseph R." / "Biden, Jr. spoke"
            else:
                out.append(piece)
        out.append(None)  # a paragraph ends a sentence, whatever it ends with
    return [s for s in out if s is not None]


def _ends_no_sentence(text):
    """Whether a text's last period ends no sentence: an initial, a title's short form (the
    leads' own list), letters with stops ("Joseph R. Biden", "H.E. Mr. Joseph R. Biden",
    "Mr. Putin", "the U.S. President")."""
    if not text.endswith("."):
        return False
    word = text.rsplit(None, 1)[-1].lstrip("(")[:-1]
    return word in ABBREVIATIONS or bool(re.fullmatch(r"[A-Z](?:\.[A-Z])*", word))


def pair_passages(a_text, b_text):
    """Rows: each passage of the first record beside the passage of the second that shares
    the most of its words (each used once), then the second's passages left over, in their
    order. A passage without a counterpart is marked."""
    sa, sb = sentences(a_text)[:MAX_SENTENCES], sentences(b_text)[:MAX_SENTENCES]
    wa = [_content(s) for s in sa]
    wb = [_content(s) for s in sb]
    index = {}
    for j, words in enumerate(wb):
        for w in words:
            index.setdefault(w, []).append(j)
    # Every pair that shares enough, the closest first (the most of their words shared), so
    # that a passage goes to the one that says the same, not to the first that says some.
    pairs = []
    for i, words in enumerate(wa):
        shared = Counter(j for w in words for j in index.get(w, ()))
        for j, n in shared.items():
            if n >= 2 and n / min(len(words), len(wb[j])) >= 0.25:
                pairs.append((n / (len(words) + len(wb[j]) - n), n, -i, -j))
    best_of, used = {}, set()
    for _, _, i, j in sorted(pairs, reverse=True):
        if -i not in best_of and -j not in used:
            best_of[-i] = -j
            used.add(-j)
    rows = []
    for i in range(len(sa)):
        best = best_of.get(i)
        if best is None:
            rows.append(Row(a=[(sa[i], True)], matched=False, a_position=i + 1))
            continue
        left, right = _marked(sa[i], sb[best])
        rows.append(
            Row(
                a=left,
                b=right,
                a_position=i + 1,
                b_position=best + 1,
                same=_normal(sa[i]) == _normal(sb[best]),
            )
        )
    for j, s in enumerate(sb):
        if j not in used:
            rows.append(Row(b=[(s, True)], matched=False, b_position=j + 1))
    return rows


def _content(sentence):
    """The words a passage says something with: not the stop words, nor the names of
    countries, which two accounts of one contact share whatever they say."""
    return {
        key
        for w in WORD.findall(sentence)
        if len(w) >= 4
        and (key := topic_key(w)) not in STOP_STEMS
        and not is_country_word(w.removesuffix("’s").removesuffix("'s"))
    }


def _marked(a, b):
    """Two passages, the content words one has and the other has not marked."""
    ca, cb = _content(a), _content(b)
    return _mark_words(a, ca - cb), _mark_words(b, cb - ca)


def _mark_words(text, only):
    runs = []
    for token in _tokens(text):
        _add(runs, token, len(token) >= 4 and topic_key(token) in only)
    return runs


# -- the whole ----------------------------------------------------------------------------------


def compare(a, b):
    """a, b: dicts of a record: "statements" [(speaker key, speaker name, text)], "text"
    (all its words), "countries", "people" (names). The page's Comparison."""
    named = names(a, b)
    note = []
    if script(a["text"]) != script(b["text"]):
        note.append("The records are in different languages: their words are not compared.")
        return Comparison("passages", named, [], " ".join(note), 0.0)
    score = similarity(a["text"], b["text"])
    speakers_a = {s[0] for s in a["statements"] if s[0]}
    speakers_b = {s[0] for s in b["statements"] if s[0]}
    if (
        score >= 0.3
        and a["statements"]
        and b["statements"]
        and (speakers_a & speakers_b or not speakers_a or not speakers_b)
    ):
        sa, sb = a["statements"][:MAX_STATEMENTS], b["statements"][:MAX_STATEMENTS]
        if len(a["statements"]) > MAX_STATEMENTS or len(b["statements"]) > MAX_STATEMENTS:
            note.append(f"The first {MAX_STATEMENTS} statements of each record are compared.")
        return Comparison("statements", named, align(sa, sb), " ".join(note), score)
    if len(sentences(a["text"])) > MAX_SENTENCES or len(sentences(b["text"])) > MAX_SENTENCES:
        note.append(f"The first {MAX_SENTENCES} sentences of each record are paired.")
    return Comparison("passages", named, pair_passages(a["text"], b["text"]), " ".join(note), score)
