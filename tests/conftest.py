import pytest
from django.test import override_settings

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True)
def plain_static_files():
    """Render templates without running collectstatic first (production uses the manifest)."""
    with override_settings(STORAGES=PLAIN_STORAGES):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (facet counts are cached by data version)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
