"""Full-text search: a trigger-kept tsvector and GIN index on PostgreSQL, FTS5 tables on SQLite.

Both are kept current by the database itself (triggers), so every write path (the importer's
bulk inserts, the admin, a shell) keeps the index in step with the rows.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

POSTGRES_FORWARD = r"""
CREATE OR REPLACE FUNCTION meetings_text_config(body text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN body ~ '[А-Яа-яЁё]' THEN 'russian'::regconfig ELSE 'english'::regconfig END $$;

CREATE OR REPLACE FUNCTION meetings_statement_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(meetings_text_config(NEW.text), coalesce(NEW.text, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(NEW.speaker_label, '')), 'B');
    RETURN NEW;
END $$;
CREATE TRIGGER meetings_statement_search BEFORE INSERT OR UPDATE OF text, speaker_label
    ON meetings_statement FOR EACH ROW EXECUTE FUNCTION meetings_statement_search();

CREATE OR REPLACE FUNCTION meetings_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(meetings_text_config(NEW.title), coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector(meetings_text_config(NEW.summary), coalesce(NEW.summary, '')), 'C');
    RETURN NEW;
END $$;
CREATE TRIGGER meetings_meeting_search BEFORE INSERT OR UPDATE OF title, summary
    ON meetings_meeting FOR EACH ROW EXECUTE FUNCTION meetings_meeting_search();

UPDATE meetings_statement SET text = text;
UPDATE meetings_meeting SET title = title;
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS meetings_statement_search ON meetings_statement;
DROP TRIGGER IF EXISTS meetings_meeting_search ON meetings_meeting;
DROP FUNCTION IF EXISTS meetings_statement_search();
DROP FUNCTION IF EXISTS meetings_meeting_search();
DROP FUNCTION IF EXISTS meetings_text_config(text);
"""

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE meetings_statement_fts USING fts5(
        text, speaker_label, content='meetings_statement', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER meetings_statement_fts_insert AFTER INSERT ON meetings_statement BEGIN
        INSERT INTO meetings_statement_fts(rowid, text, speaker_label)
        VALUES (new.id, new.text, new.speaker_label); END""",
    """CREATE TRIGGER meetings_statement_fts_delete AFTER DELETE ON meetings_statement BEGIN
        INSERT INTO meetings_statement_fts(meetings_statement_fts, rowid, text, speaker_label)
        VALUES ('delete', old.id, old.text, old.speaker_label); END""",
    """CREATE TRIGGER meetings_statement_fts_update AFTER UPDATE OF text, speaker_label
        ON meetings_statement BEGIN
        INSERT INTO meetings_statement_fts(meetings_statement_fts, rowid, text, speaker_label)
        VALUES ('delete', old.id, old.text, old.speaker_label);
        INSERT INTO meetings_statement_fts(rowid, text, speaker_label)
        VALUES (new.id, new.text, new.speaker_label); END""",
    """CREATE VIRTUAL TABLE meetings_meeting_fts USING fts5(
        title, summary, content='meetings_meeting', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER meetings_meeting_fts_insert AFTER INSERT ON meetings_meeting BEGIN
        INSERT INTO meetings_meeting_fts(rowid, title, summary)
        VALUES (new.id, new.title, new.summary); END""",
    """CREATE TRIGGER meetings_meeting_fts_delete AFTER DELETE ON meetings_meeting BEGIN
        INSERT INTO meetings_meeting_fts(meetings_meeting_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary); END""",
    """CREATE TRIGGER meetings_meeting_fts_update AFTER UPDATE OF title, summary
        ON meetings_meeting BEGIN
        INSERT INTO meetings_meeting_fts(meetings_meeting_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary);
        INSERT INTO meetings_meeting_fts(rowid, title, summary)
        VALUES (new.id, new.title, new.summary); END""",
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


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class PostgresOnlyAddIndex(migrations.AddIndex):
    """A GIN index over a tsvector: kept in the model state, created on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_load_countries")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="PostgreSQL: title and summary, kept by a trigger.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, help_text="PostgreSQL: label and text, kept by a trigger.", null=True
            ),
        ),
        PostgresOnlyAddIndex(
            model_name="meeting",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="meeting_search_idx"
            ),
        ),
        PostgresOnlyAddIndex(
            model_name="statement",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="statement_search_idx"
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
