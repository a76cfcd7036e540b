from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_search_schema(sender, using, **kwargs):
    """Reinstall search triggers a table rebuild may have dropped (SQLite), idempotently."""
    from django.db import connections

    from meetings import search_schema

    search_schema.install(connections[using])


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings archive"

    def ready(self):
        post_migrate.connect(ensure_search_schema, sender=self)
