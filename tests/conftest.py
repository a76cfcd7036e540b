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


# Browser tests (Playwright, with pytest-playwright): Debian's Chromium, as the machine has
# no browser of Playwright's own.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_FLAGS,
    }
