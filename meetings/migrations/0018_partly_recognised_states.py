"""Abkhazia and South Ossetia, states ISO 3166-1 does not list, as sides of meetings (Kosovo
was loaded with the countries). Listed here as they stood, so that this migration does what
it did whatever the module becomes."""

from django.db import migrations

STATES = [
    ("AB", "Abkhazia", "Republic of Abkhazia", "abkhazia"),
    ("OS", "South Ossetia", "Republic of South Ossetia", "south-ossetia"),
]


def load_states(apps, schema_editor):
    Country = apps.get_model("meetings", "Country")
    for code, name, official, slug in STATES:
        Country.objects.get_or_create(
            iso_code=code, defaults={"name": name, "official_name": official, "slug": slug}
        )


def unload_states(apps, schema_editor):
    Country = apps.get_model("meetings", "Country")
    Country.objects.filter(iso_code__in=[code for code, *_ in STATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0017_encounters")]

    operations = [migrations.RunPython(load_states, unload_states)]
