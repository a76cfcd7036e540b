from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_meeting_year")]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["updated_at"], name="meeting_updated_idx"),
        ),
    ]
