from django.db import migrations, models
from django.db.models.functions import ExtractYear


def fill_years(apps, schema_editor):
    from meetings import search_schema

    # SQLite rebuilt meetings_meeting to add the column, dropping its search triggers.
    search_schema.install(schema_editor.connection)
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.update(year=ExtractYear("date"))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_search")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="year",
            field=models.PositiveSmallIntegerField(
                db_index=True,
                default=0,
                editable=False,
                help_text="The date's year, for year filters and counts.",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
    ]
