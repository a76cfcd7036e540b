import os

# Tests render templates without running collectstatic first.
os.environ.setdefault("DJANGO_STATIC_STORAGE", "plain")
