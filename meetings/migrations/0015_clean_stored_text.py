"""Records stored before text was cleaned at the door (meetings/importers/cleaning.py) lose
what no record needs: control characters (one made the Atom feed fail; U+0002 and U+0003
are the search snippets' own markers), private-use and non-characters. The rule is copied
here as it stood, so that this migration does what it did whatever the module becomes."""

import re

from django.db import migrations

# NUL is left out: PostgreSQL stores none, and refuses one in a pattern.
STORED = "[\x01-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]"
BREAKS = re.compile("\r\n?|[\x0b\x0c\x85]")
NOT_TEXT = re.compile(STORED)

FIELDS = {
    "Meeting": ["title", "place", "summary", "notes", "source_name", "original_text"],
    "MeetingSource": ["source_name"],
    "Statement": ["speaker_label", "text"],
    "Participant": ["name", "role"],
    "Person": ["name", "sort_name"],
    "PersonAlias": ["name"],
    "Draft": ["title"],
}


def clean(text):
    return NOT_TEXT.sub("", BREAKS.sub("\n", text))


def clean_stored_text(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("meetings", model_name)
        for field in fields:
            rows = model.objects.filter(**{f"{field}__regex": STORED}).values_list("pk", field)
            for pk, value in rows.iterator(chunk_size=500):
                model.objects.filter(pk=pk).update(**{field: clean(value)})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0014_discarded_runs_left_out_former_addresses")]

    operations = [migrations.RunPython(clean_stored_text, migrations.RunPython.noop)]
