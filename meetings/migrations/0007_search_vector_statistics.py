"""PostgreSQL: finer statistics on the search vectors, so the planner knows how rare a word is.

With the default target (100), a word outside the few hundred most common ones was assumed
several times more frequent than it is, and a search within one country started from the
country's meetings and re-checked every statement's vector (130 ms on 1,000,000
statements) instead of starting from the words' index entries (20 ms).
"""

from django.db import migrations

TABLES = ("meetings_statement", "meetings_meeting")


def set_target(target):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN search_vector SET STATISTICS {target}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_meeting_source_file_index")]

    operations = [migrations.RunPython(set_target(1000), set_target(-1))]
