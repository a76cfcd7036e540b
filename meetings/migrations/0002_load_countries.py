"""Load every ISO 3166-1 country from pycountry, plus the former states old records need."""

from django.db import migrations
from django.utils.text import slugify


def load_countries(apps, schema_editor):
    from meetings.importers.countries import all_countries

    Country = apps.get_model("meetings", "Country")
    existing = set(Country.objects.values_list("iso_code", flat=True))
    Country.objects.bulk_create(
        Country(
            iso_code=code,
            name=name,
            official_name=official,
            slug=slugify(name) or code.lower(),
            is_former=former,
        )
        for code, name, official, former in all_countries()
        if code not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
