from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_meeting_updated_idx")]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="source_file",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="Name of the file this record was imported from.",
                max_length=300,
            ),
        ),
    ]
