"""Full-text search over statements and meeting titles, one interface for both databases.

Queries use web-search syntax:  gas pipeline   "allied interaction"   -sanctions   trade OR energy

PostgreSQL matches a trigger-kept tsvector (GIN index) with websearch_to_tsquery, ranks with
ts_rank and builds snippets with ts_headline; Russian text is stemmed as Russian. SQLite
matches FTS5 tables (porter stemmer; Russian words by their Snowball stem as a prefix) with
bm25() and snippet(). Views and filters call `backend()` and never ask which database is in
use.
"""

import re
from dataclasses import dataclass

import snowballstemmer
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import DataError, OperationalError, ProgrammingError, connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 500
MARK_START, MARK_END = "\x02", "\x03"
# ts_headline treats "<...>" as markup and drops it; these stand in for the brackets.
LT, GT = "\x04", "\x05"


class SearchError(ValueError):
    """A query that cannot be searched; the message says why, for the page."""


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of alternatives (OR) that must all match, and excluded terms.

    Each term is a word or a quoted phrase, as a tuple of words.
    """

    text: str
    groups: tuple  # ((("gas",), ("oil",)), (("allied", "interaction"),))
    excluded: tuple  # (("sanctions",),)

    @property
    def has_phrase(self):
        return any(len(term) > 1 for group in self.groups for term in group)


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def parse_query(text):
    """Parse web-search syntax; raises SearchError for what cannot be searched."""
    text = (text or "").strip()
    if not text:
        raise SearchError("Type one or more words to search for.")
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchError(f"The search is too long: at most {MAX_QUERY_LENGTH} characters.")
    groups, excluded, pending_or = [], [], False
    for m in TOKEN.finditer(text):
        negative, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negative, bare = "-", bare[1:]
        words = tuple(w.lower() for w in WORD.findall(phrase if phrase is not None else bare))
        if not words:
            continue
        if negative:
            excluded.append(words)
        elif pending_or and groups:
            groups[-1] = (*groups[-1], words)
        else:
            groups.append((words,))
        pending_or = False
    if not groups:
        raise SearchError(
            "The search needs at least one word to look for (a search of only excluded "
            "words or punctuation cannot be run)."
        )
    return Query(text=text, groups=tuple(groups), excluded=tuple(excluded))


def highlight(snippet):
    """Escape a database-built snippet, then turn its match markers into <mark>."""
    html = escape((snippet or "").replace(LT, "<").replace(GT, ">"))
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def plain(snippet):
    """A database-built snippet as plain text: its match markers dropped."""
    text = (snippet or "").replace(LT, "<").replace(GT, ">")
    return text.replace(MARK_START, "").replace(MARK_END, "")


@dataclass
class Hit:
    id: int
    rank: float
    snippet: str = ""


class RankedResults:
    """Ranked hits for Django's Paginator: counted and sliced lazily.

    `fetch(offset, limit)` returns (hits, total), the total by count(*) OVER (), so the
    paginator's count does not run the match a second time: the first FIRST hits come with
    it and are kept for the page that follows; later pages ask again. `finish(hits)`
    completes the hits a page shows (their snippets), so that only those few are
    highlighted.
    """

    FIRST = 100

    def __init__(self, fetch, finish=lambda hits: hits, bounded=False):
        self._fetch, self._finish = fetch, finish
        self._first, self._count = None, None
        self._bounded = bounded

    @property
    def bounded(self):
        """Whether only the newest CANDIDATES matches were ranked (a word in much of the
        archive): known once the hits are counted."""
        self.count()
        return self._bounded() if callable(self._bounded) else self._bounded

    def count(self):
        if self._count is None:
            self._first, self._count = self._fetch(0, self.FIRST)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        offset, total = key.start or 0, self.count()
        end = total if key.stop is None else min(key.stop, total)
        if end <= len(self._first):
            hits = self._first[offset:end]
        else:
            hits, _ = self._fetch(offset, None if key.stop is None else key.stop - offset)
        return self._finish(hits)


def candidates():
    """How many of the newest matches a search ranks, when more match: ranking every
    statement that holds a common word took a second; the best of the newest ten thousand
    is what a reader of the first pages sees, in a few tens of milliseconds."""
    return settings.SEARCH_CANDIDATES


def backend():
    return PostgresSearch() if connection.vendor == "postgresql" else SqliteSearch()


def _scope(meetings):
    """(SQL, params) selecting the ids of the meetings in scope, or ("", []) for all."""
    if meetings is None:
        return "", []
    sql, params = meetings.order_by().values("pk").query.sql_with_params()
    return sql, list(params)


def _rows(sql, params):
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    except (DataError, OperationalError, ProgrammingError) as exc:  # e.g. FTS5 syntax
        raise SearchError("The search engine could not read this search.") from exc


def _hits_and_total(rows, sign=1):
    """(hits, total) from rows of (id, rank, count(*) OVER ())."""
    return [Hit(pk, sign * rank) for pk, rank, _ in rows], rows[0][2] if rows else 0


def _with_snippets(hits, snippets):
    for h in hits:
        h.snippet = snippets.get(h.id, "")
    return hits


CYRILLIC = re.compile(r"[а-яё]")


def _fts5_word(word):
    """A word of an FTS5 query. FTS5 stems English only (porter): a Russian word is looked
    for by its Snowball stem and any ending, so that "дружба" finds "дружбу" and "Путин"
    finds "Путина". A stem shorter than three letters is looked for as typed."""
    if CYRILLIC.search(word):
        stem = snowballstemmer.stemmer("russian").stemWord(word)
        if len(stem) >= 3:
            return f'"{stem}" *'
    return f'"{word}"'


class SqliteSearch:
    """FTS5 tables meetings_statement_fts and meetings_meeting_fts (see migration 0003)."""

    def expression(self, query):
        def term(words):
            return " + ".join(_fts5_word(w) for w in words)  # "a" + "b": a phrase

        clauses = []
        for group in query.groups:
            alternatives = [term(words) for words in group]
            clauses.append(
                alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
            )
        expr = " AND ".join(clauses)
        for words in query.excluded:
            expr = f"({expr}) NOT {term(words)}"
        return expr

    def meeting_filter(self, query):
        return self._meetings_matching(self.expression(query))

    def _meetings_matching(self, expr, floor=None, title_floor=None):
        """Q of the meetings with a matching statement or title (at or above the floors:
        the newest matches' rowids)."""
        from django.db.models.expressions import RawSQL

        sql = (
            "SELECT s.meeting_id FROM meetings_statement_fts JOIN meetings_statement s "
            "ON s.id = meetings_statement_fts.rowid WHERE meetings_statement_fts MATCH %s"
            + (" AND meetings_statement_fts.rowid >= %s" if floor else "")
            + " UNION SELECT rowid FROM meetings_meeting_fts WHERE meetings_meeting_fts MATCH %s"
            + (" AND rowid >= %s" if title_floor else "")
        )
        params = [expr, *([floor] if floor else []), expr, *([title_floor] if title_floor else [])]
        return Q(pk__in=RawSQL(sql, params))

    def statement_filter(self, query):
        """Q of the statements that match, unranked (exports)."""
        from django.db.models.expressions import RawSQL

        sql = "SELECT rowid FROM meetings_statement_fts WHERE meetings_statement_fts MATCH %s"
        return Q(pk__in=RawSQL(sql, [self.expression(query)]))

    def candidate_filter(self, query):
        """Q of the meetings a bounded search ranks: those of the newest CANDIDATES
        matching statements and titles (what their facets count)."""
        expr = self.expression(query)
        return self._meetings_matching(expr, *self._floors(expr, None))

    def _floors(self, expr, scope):
        """(statement floor, meeting floor): the rowid of the CANDIDATES-th newest match of
        each table, or None where fewer match. FTS5 walks a word's matches newest first by
        itself, when ordered by its own rowid. Within a scope (a filter besides the words)
        every match is ranked: finding the newest in scope read every match as ranking
        them all did."""
        if scope:
            return None, None
        n = candidates()
        floors = [
            _rows(
                f"SELECT rowid FROM {table} WHERE {table} MATCH %s "
                "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [expr, n - 1],
            )
            for table in ("meetings_statement_fts", "meetings_meeting_fts")
        ]
        return tuple(rows[0][0] if rows else None for rows in floors)

    def ranked_meetings(self, query, meetings):
        expr = self.expression(query)
        scope, scope_params = _scope(meetings)
        floor, title_floor = self._floors(expr, scope)
        union = (
            "SELECT s.meeting_id AS mid, bm25(meetings_statement_fts, 1.0, 0.5) AS r "
            "FROM meetings_statement_fts JOIN meetings_statement s ON s.id = "
            "meetings_statement_fts.rowid WHERE meetings_statement_fts MATCH %s"
            + (" AND meetings_statement_fts.rowid >= %s" if floor else "")
            + " UNION ALL SELECT rowid, 2 * bm25(meetings_meeting_fts, 1.0, 0.2) "
            "FROM meetings_meeting_fts WHERE meetings_meeting_fts MATCH %s"
            + (" AND meetings_meeting_fts.rowid >= %s" if title_floor else "")
        )
        # bm25() is lower for better matches; a meeting ranks by its best statement or its
        # title (counted double).
        sql = (
            f"SELECT mid, MIN(r) AS best, count(*) OVER () FROM ({union})"
            + (f" WHERE mid IN ({scope})" if scope else "")
            + " GROUP BY mid ORDER BY best, mid LIMIT %s OFFSET %s"
        )
        params = [
            expr,
            *([floor] if floor else []),
            expr,
            *([title_floor] if title_floor else []),
            *scope_params,
        ]

        def fetch(offset, limit):
            rows = _rows(sql, [*params, -1 if limit is None else limit, offset])
            return _hits_and_total(rows, sign=-1)  # bm25: lower is better

        return RankedResults(fetch, bounded=bool(floor or title_floor))

    def ranked_statements(self, query, meetings, *, order="relevance"):
        expr = self.expression(query)
        scope, scope_params = _scope(meetings)
        join, date = "", ""
        if order != "relevance":
            join, date = " JOIN meetings_meeting m ON m.id = s.meeting_id", ", m.date AS date"
        order_by = {
            "relevance": "r, id",
            "newest": "date DESC, mid, pos",
            "oldest": "date, mid, pos",
        }[order]
        floor = self._floors(expr, scope)[0] if order == "relevance" else None
        # bm25() must be computed where the FTS table is scanned, not beside a window.
        matches = (
            "SELECT s.id AS id, bm25(meetings_statement_fts, 1.0, 0.5) AS r, "
            f"s.meeting_id AS mid, s.position AS pos{date} "
            "FROM meetings_statement_fts JOIN meetings_statement s ON s.id = "
            f"meetings_statement_fts.rowid{join} WHERE meetings_statement_fts MATCH %s"
            + (" AND meetings_statement_fts.rowid >= %s" if floor else "")
            + (f" AND s.meeting_id IN ({scope})" if scope else "")
        )
        sql = (
            f"SELECT id, r, count(*) OVER () FROM ({matches}) "
            f"ORDER BY {order_by} LIMIT %s OFFSET %s"
        )
        params = [expr, *([floor] if floor else []), *scope_params]

        def fetch(offset, limit):
            rows = _rows(sql, [*params, -1 if limit is None else limit, offset])
            return _hits_and_total(rows, sign=-1)  # bm25: lower is better

        def finish(hits):
            return _with_snippets(hits, self._snippets(expr, [h.id for h in hits]))

        return RankedResults(fetch, finish, bounded=bool(floor))

    def _snippets(self, expr, statement_ids):
        """{statement id: snippet}, built by FTS5 for these statements only."""
        if not statement_ids:
            return {}
        ids = ",".join(str(int(i)) for i in statement_ids)
        # The rowid range lets FTS5 read only that part of a common word's long list.
        return dict(
            _rows(
                "SELECT rowid, snippet(meetings_statement_fts, 0, "
                f"'{MARK_START}', '{MARK_END}', '…', 30) FROM meetings_statement_fts "
                "WHERE meetings_statement_fts MATCH %s AND rowid BETWEEN %s AND %s "
                f"AND rowid IN ({ids})",
                [expr, min(statement_ids), max(statement_ids)],
            )
        )

    def best_statements(self, query, meeting_ids, per_meeting=2):
        """{meeting id: [Hit, ...]}: the best matching statements of each meeting."""
        if not meeting_ids:
            return {}
        marks = ",".join(str(int(i)) for i in meeting_ids)
        # A meeting's statements have neighbouring ids: FTS5 reads only the range of the
        # page's meetings in the list of a common word (all of it took 0.3 s).
        lo, hi = _rows(
            f"SELECT min(id), max(id) FROM meetings_statement WHERE meeting_id IN ({marks})", []
        )[0]
        if lo is None:
            return {}
        rows = _rows(
            "SELECT s.meeting_id, s.id, bm25(meetings_statement_fts, 1.0, 0.5) AS r, "
            f"snippet(meetings_statement_fts, 0, '{MARK_START}', '{MARK_END}', '…', 24) "
            "FROM meetings_statement_fts JOIN meetings_statement s "
            "ON s.id = meetings_statement_fts.rowid "
            "WHERE meetings_statement_fts MATCH %s "
            "AND meetings_statement_fts.rowid BETWEEN %s AND %s "
            f"AND s.meeting_id IN ({marks}) ORDER BY s.meeting_id, r",
            [self.expression(query), lo, hi],
        )
        best = {}
        for mid, sid, r, snippet in rows:
            hits = best.setdefault(mid, [])
            if len(hits) < per_meeting:
                hits.append(Hit(sid, -r, snippet))
        return best


class PostgresSearch:
    """tsvector columns kept by triggers, GIN indexes (see migration 0003)."""

    # PostgreSQL's "russian" configuration stems Latin-letter words with the English stemmer
    # and Cyrillic words with the Russian one: one query matches vectors built with either
    # configuration (see meetings_text_config), and the planner estimates one word's
    # frequency, not the sum of two copies of it. With constant arguments the call is folded
    # when the query is planned, so the planner sees the words and starts from the GIN index.
    TSQUERY = "websearch_to_tsquery('russian', %s)"

    def meeting_filter(self, query):
        from django.db.models.expressions import RawSQL

        # One set of ids, by the two GIN indexes: "title matches OR id IN (statements)"
        # let the planner loop over every meeting for a common word (minutes, not a second).
        tsq = self.TSQUERY
        sql = (
            f"SELECT meeting_id FROM meetings_statement WHERE search_vector @@ {tsq} "
            f"UNION SELECT id FROM meetings_meeting WHERE search_vector @@ {tsq}"
        )
        return Q(pk__in=RawSQL(sql, [query.text, query.text]))

    def statement_filter(self, query):
        """Q of the statements that match, unranked (exports)."""
        return Q(search_vector=SearchQuery(query.text, search_type="websearch", config="russian"))

    def candidate_filter(self, query):
        """Q of the meetings a bounded search ranks: those of the newest CANDIDATES
        matching statements and titles (what their facets count)."""
        from django.db.models.expressions import RawSQL

        n = self._candidates(query)
        statements = self._newest("meetings_statement", "meeting_id", "")
        titles = self._newest("meetings_meeting", "id", "")
        sql = f"SELECT mid FROM ({statements}) AS st UNION SELECT mid FROM ({titles}) AS ti"
        text = query.text
        return Q(pk__in=RawSQL(sql, [text, text, n, text, text, n]))

    def _newest(self, table, column, in_scope, weight=""):
        """The CANDIDATES newest matches of a table, ranked: by the GIN index for a rare
        word (all of them), walking the ids backwards for a common one (the first
        CANDIDATES it meets), as the planner judges from the word's frequency."""
        tsq = self.TSQUERY
        return (
            f"SELECT {column} AS mid, {weight}ts_rank(search_vector, {tsq}) AS r "
            f"FROM {table} WHERE search_vector @@ {tsq}{in_scope} ORDER BY id DESC LIMIT %s"
        )

    @staticmethod
    def _candidates(query):
        """How many matches to rank; None for all. A phrase is every match: the index
        cannot tell where its words stand, and walking the ids backwards for a rare phrase
        of common words read every row (1.6 s where ranking them all took 0.6 s)."""
        return None if query.has_phrase else candidates()

    def ranked_meetings(self, query, meetings):
        scope, scope_params = _scope(meetings)
        in_statements = f" AND meeting_id IN ({scope})" if scope else ""
        in_titles = f" AND id IN ({scope})" if scope else ""
        n = self._candidates(query)
        statements = self._newest("meetings_statement", "meeting_id", in_statements)
        titles = self._newest("meetings_meeting", "id", in_titles, "2 * ")
        # A meeting ranks by its best statement, or by its title and summary (counted
        # double: a match in the title says most about what the meeting was about).
        sql = (
            f"WITH st AS MATERIALIZED ({statements}), ti AS MATERIALIZED ({titles}) "
            "SELECT mid, max(r) AS best, count(*) OVER (), "
            "(SELECT count(*) FROM st) >= %s OR (SELECT count(*) FROM ti) >= %s "
            "FROM (SELECT * FROM st UNION ALL SELECT * FROM ti) AS hits "
            "GROUP BY mid ORDER BY best DESC, mid LIMIT %s OFFSET %s"
        )
        text = query.text
        params = [text, text, *scope_params, n, text, text, *scope_params, n, n, n]
        state = {"bounded": False}

        def fetch(offset, limit):
            rows = _rows(sql, [*params, limit, offset])
            if rows:
                state["bounded"] = rows[0][3]
            return _hits_and_total([row[:3] for row in rows])

        return RankedResults(fetch, bounded=lambda: state["bounded"])

    def ranked_statements(self, query, meetings, *, order="relevance"):
        tsq = self.TSQUERY
        scope, scope_params = _scope(meetings)
        in_scope = f" AND s.meeting_id IN ({scope})" if scope else ""
        order_by = {
            "relevance": "h.r DESC, h.id",
            "newest": "m.date DESC, h.meeting_id, h.position",
            "oldest": "m.date, h.meeting_id, h.position",
        }[order]
        join = " JOIN meetings_meeting m ON m.id = h.meeting_id" if order != "relevance" else ""
        # By relevance, the newest CANDIDATES matches are ranked (all of a rare word's).
        n = self._candidates(query) if order == "relevance" else None
        # The matches first (GIN index), then their order: left to itself, the planner
        # walked every meeting by date looking for matches to sort "newest" (2 s, not 60 ms).
        sql = (
            "WITH h AS MATERIALIZED ("
            f"SELECT s.id, s.meeting_id, s.position, ts_rank(s.search_vector, {tsq}) AS r "
            f"FROM meetings_statement s WHERE s.search_vector @@ {tsq}{in_scope}"
            + (" ORDER BY s.id DESC LIMIT %s" if n else "")
            + f") SELECT h.id, h.r, count(*) OVER () FROM h{join} "
            f"ORDER BY {order_by} LIMIT %s OFFSET %s"
        )
        params = [query.text, query.text, *scope_params, *([n] if n else [])]
        state = {"total": 0}

        def fetch(offset, limit):
            hits, total = _hits_and_total(_rows(sql, [*params, limit, offset]))
            state["total"] = total
            return hits, total

        def finish(hits):
            return _with_snippets(hits, self._snippets(query, [h.id for h in hits]))

        return RankedResults(fetch, finish, bounded=lambda: bool(n) and state["total"] >= n)

    # A statement's snippet: ts_headline with the configuration its vector was built with,
    # "<" and ">" standing in as LT and GT (ts_headline would take them for markup). A
    # fragment of a short statement would be the matched words alone: it is shown whole.
    _HEADLINE = (
        "ts_headline(meetings_text_config(s.text), replace(replace(s.text, '<', %s), '>', %s), "
        f"{TSQUERY}, %s)"
    )
    HEADLINE = f"CASE WHEN length(s.text) <= 240 THEN {_HEADLINE} ELSE {_HEADLINE} END"
    HEADLINE_OPTIONS = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
        'MaxFragments=1, FragmentDelimiter=" … "'
    )
    SHORT_HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=60"

    def _headline_params(self, query):
        return [
            *(LT, GT, query.text, self.SHORT_HEADLINE_OPTIONS),
            *(LT, GT, query.text, self.HEADLINE_OPTIONS),
        ]

    def best_statements(self, query, meeting_ids, per_meeting=2):
        """{meeting id: [Hit, ...]}: the best matching statements of each meeting, with
        their snippets, in one query."""
        if not meeting_ids:
            return {}
        tsq = self.TSQUERY
        sql = (
            f"SELECT s.meeting_id, s.id, s.r, {self.HEADLINE} FROM ("
            f"SELECT meeting_id, id, text, ts_rank(search_vector, {tsq}) AS r, "
            f"row_number() OVER (PARTITION BY meeting_id "
            f"ORDER BY ts_rank(search_vector, {tsq}) DESC, id) AS n "
            f"FROM meetings_statement WHERE meeting_id = ANY(%s) AND search_vector @@ {tsq}"
            ") AS s WHERE s.n <= %s ORDER BY s.meeting_id, s.r DESC, s.id"
        )
        text = query.text
        params = [*self._headline_params(query), text, text, list(meeting_ids), text, per_meeting]
        best = {}
        for mid, sid, r, snippet in _rows(sql, params):
            best.setdefault(mid, []).append(Hit(sid, r, snippet))
        return best

    def _snippets(self, query, statement_ids):
        """{statement id: snippet}, built by ts_headline for these statements only."""
        if not statement_ids:
            return {}
        sql = f"SELECT s.id, {self.HEADLINE} FROM meetings_statement s WHERE s.id = ANY(%s)"
        return dict(_rows(sql, [*self._headline_params(query), list(statement_ids)]))
