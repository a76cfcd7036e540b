"""The database objects behind full-text search, and how to (re)install them.

PostgreSQL: trigger functions that keep `search_vector` columns current. SQLite: FTS5
external-content tables and the triggers that keep them in step with their tables.

SQLite rebuilds a table when a migration alters it, and the rebuild drops the table's
triggers; `install` is idempotent and runs after every migrate (see apps.py), so the
index can never silently stop following the rows.
"""

POSTGRES_FORWARD = r"""
CREATE OR REPLACE FUNCTION meetings_text_config(body text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN body ~ '[А-Яа-яЁё]' THEN 'russian'::regconfig ELSE 'english'::regconfig END $$;

CREATE OR REPLACE FUNCTION meetings_statement_vector(body text, label text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT setweight(to_tsvector(meetings_text_config(body), coalesce(body, '')), 'A') ||
          setweight(to_tsvector('simple', coalesce(label, '')), 'B') $$;

-- A new row may come with its vector, computed by meetings_statement_vector beforehand (the
-- importer does so on a second connection); an edited row always gets it computed again.
CREATE OR REPLACE FUNCTION meetings_statement_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.search_vector IS NOT NULL THEN
        RETURN NEW;
    END IF;
    NEW.search_vector := meetings_statement_vector(NEW.text, NEW.speaker_label);
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER meetings_statement_search BEFORE INSERT OR UPDATE OF text, speaker_label
    ON meetings_statement FOR EACH ROW EXECUTE FUNCTION meetings_statement_search();

CREATE OR REPLACE FUNCTION meetings_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(meetings_text_config(NEW.title), coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector(meetings_text_config(NEW.summary), coalesce(NEW.summary, '')), 'C');
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER meetings_meeting_search BEFORE INSERT OR UPDATE OF title, summary
    ON meetings_meeting FOR EACH ROW EXECUTE FUNCTION meetings_meeting_search();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS meetings_statement_search ON meetings_statement;
DROP TRIGGER IF EXISTS meetings_meeting_search ON meetings_meeting;
DROP FUNCTION IF EXISTS meetings_statement_search();
DROP FUNCTION IF EXISTS meetings_meeting_search();
DROP FUNCTION IF EXISTS meetings_statement_vector(text, text);
DROP FUNCTION IF EXISTS meetings_text_config(text);
"""

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS meetings_statement_fts USING fts5(
        text, speaker_label, content='meetings_statement', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS meetings_statement_fts_insert
        AFTER INSERT ON meetings_statement BEGIN
        INSERT INTO meetings_statement_fts(rowid, text, speaker_label)
        VALUES (new.id, new.text, new.speaker_label); END""",
    """CREATE TRIGGER IF NOT EXISTS meetings_statement_fts_delete
        AFTER DELETE ON meetings_statement BEGIN
        INSERT INTO meetings_statement_fts(meetings_statement_fts, rowid, text, speaker_label)
        VALUES ('delete', old.id, old.text, old.speaker_label); END""",
    """CREATE TRIGGER IF NOT EXISTS meetings_statement_fts_update
        AFTER UPDATE OF text, speaker_label
        ON meetings_statement BEGIN
        INSERT INTO meetings_statement_fts(meetings_statement_fts, rowid, text, speaker_label)
        VALUES ('delete', old.id, old.text, old.speaker_label);
        INSERT INTO meetings_statement_fts(rowid, text, speaker_label)
        VALUES (new.id, new.text, new.speaker_label); END""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS meetings_meeting_fts USING fts5(
        title, summary, content='meetings_meeting', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS meetings_meeting_fts_insert
        AFTER INSERT ON meetings_meeting BEGIN
        INSERT INTO meetings_meeting_fts(rowid, title, summary)
        VALUES (new.id, new.title, new.summary); END""",
    """CREATE TRIGGER IF NOT EXISTS meetings_meeting_fts_delete
        AFTER DELETE ON meetings_meeting BEGIN
        INSERT INTO meetings_meeting_fts(meetings_meeting_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary); END""",
    """CREATE TRIGGER IF NOT EXISTS meetings_meeting_fts_update
        AFTER UPDATE OF title, summary
        ON meetings_meeting BEGIN
        INSERT INTO meetings_meeting_fts(meetings_meeting_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary);
        INSERT INTO meetings_meeting_fts(rowid, title, summary)
        VALUES (new.id, new.title, new.summary); END""",
]
SQLITE_REBUILD = [
    "INSERT INTO meetings_statement_fts(meetings_statement_fts) VALUES ('rebuild')",
    "INSERT INTO meetings_meeting_fts(meetings_meeting_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS meetings_statement_fts",
    "DROP TABLE IF EXISTS meetings_meeting_fts",
    *(
        f"DROP TRIGGER IF EXISTS meetings_{table}_fts_{event}"
        for table in ("statement", "meeting")
        for event in ("insert", "delete", "update")
    ),
]


def install(connection, *, rebuild=False):
    """Create what is missing; with rebuild, re-index every row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FORWARD)
            if rebuild:
                cursor.execute("UPDATE meetings_statement SET text = text")
                cursor.execute("UPDATE meetings_meeting SET title = title")
        elif connection.vendor == "sqlite":
            missing = _sqlite_missing_triggers(cursor)
            for statement in SQLITE_FORWARD:
                cursor.execute(statement)
            if rebuild or missing:
                for statement in SQLITE_REBUILD:
                    cursor.execute(statement)


def uninstall(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_BACKWARD)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_BACKWARD:
                cursor.execute(statement)


def _sqlite_missing_triggers(cursor):
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'meetings_%_fts_%'"
    )
    return cursor.fetchone()[0] < 6
