"""The admin: the archive's records (archive.py) and the editors' data entry (entry.py):
uploads and their preview, records needing a date, labels to map to people."""

from meetings.admin import archive, entry  # noqa: F401  (each registers its models)
