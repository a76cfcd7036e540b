"""Background work, run by `python manage.py db_worker` (Django's tasks framework, with the
database backend of django-tasks-db): reading and importing large uploads."""

from django.tasks import task

from meetings import uploads
from meetings.importers.loader import small_statement_cache


@task
def preview_import(run_id):
    small_statement_cache()
    uploads.preview_run(run_id)


@task
def run_import(run_id):
    small_statement_cache()
    uploads.import_run(run_id)
