"""Full-text search: a trigger-kept tsvector and GIN index on PostgreSQL, FTS5 tables on SQLite.

Both are kept current by the database itself (triggers), so every write path (the importer's
bulk inserts, the admin, a shell) keeps the index in step with the rows.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

def forward(apps, schema_editor):
    from meetings import search_schema

    search_schema.install(schema_editor.connection, rebuild=True)


def backward(apps, schema_editor):
    from meetings import search_schema

    search_schema.uninstall(schema_editor.connection)


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
