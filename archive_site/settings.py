"""Settings for the meetings archive: one module, configured by environment variables.

Every variable is listed in .env.example. Unset, they give a local site on SQLite.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_from_env(url, sqlite_path):
    """Return a DATABASES entry: SQLite when url is empty, PostgreSQL for postgres:// URLs."""
    parts = urlsplit(url or "")
    if not url or parts.scheme in {"sqlite", "sqlite3"}:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parts.path) or sqlite_path,
            "OPTIONS": {
                # WAL: pages are read while an import writes, and each commit writes its
                # changes once (no rollback journal). A write transaction takes the lock at
                # its start, so two writers queue instead of failing halfway.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported scheme {parts.scheme!r}; use postgres:// or sqlite://"
        )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "postgres",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # No parallel workers by default: a page reads a few rows, and starting a worker
            # cost more than it saved. The encounters feed of one country at 100,000 records
            # took 98 ms with PostgreSQL's parallel plan and 43 ms without; no page measured
            # was slower beyond the noise (README, "Speed").
            "options": "-c max_parallel_workers_per_gather="
            + str(int(os.environ.get("DATABASE_PARALLEL_WORKERS", "0"))),
        },
    }


DEBUG = env_flag("DJANGO_DEBUG")
# The fallback is flagged by `manage.py check --deploy` (security.W009).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-local-only")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "archive_site.admin.ArchiveAdminConfig",  # Django's admin, with the review queue
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_tasks_db",
    "meetings",
]

MIDDLEWARE = [
    "archive_site.observability.RequestLogMiddleware",  # first: it times the whole request
    "archive_site.routers.ReplicaMiddleware",  # which database this request reads
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
    # A view that finds the database gone answers 503 (handler500 does for the rest).
    "meetings.views.DatabaseGoneMiddleware",
]

ROOT_URLCONF = "archive_site.urls"
WSGI_APPLICATION = "archive_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(os.environ.get("DATABASE_URL"), BASE_DIR / "db.sqlite3")}
# Read replicas of the primary (PostgreSQL streaming or logical replication): the public
# pages read from them, everything else uses the primary (archive_site/routers.py).
REPLICA_DATABASES = []
for _n, _url in enumerate(
    (u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()),
    start=1,
):
    DATABASES[f"replica{_n}"] = database_from_env(_url, None)
    REPLICA_DATABASES.append(f"replica{_n}")
DATABASE_ROUTERS = ["archive_site.routers.PrimaryReplicaRouter"]
# After a write, a client reads the primary this long: it sees its writes however far a
# replica lags.
REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))


def cache_from_env(url):
    """CACHES["default"] from CACHE_URL: redis://, memcached://, db://table or locmem://."""
    parts = urlsplit(url or "")
    if not url or parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if parts.scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "memcached":
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": parts.netloc,
        }
    if parts.scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": parts.netloc or parts.path.strip("/") or "archive_cache",
        }
    raise ImproperlyConfigured(
        f"CACHE_URL: unsupported scheme {parts.scheme!r}; use redis://, memcached://, db:// "
        "or locmem://"
    )


# The cache: per process by default; many app servers share one through CACHE_URL, and then
# agree on every count and on the archive's data version (see README).
CACHES = {"default": cache_from_env(os.environ.get("CACHE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The admin's address: a site on the internet may move it from the one every scanner tries.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_URL must not be empty: the admin needs a path.")

# Logins: django-axes counts failed attempts in the database (so that a lockout survives a
# restart and every worker sees it) and locks a user name, and apart from it a client
# address, after DJANGO_LOGIN_FAILURE_LIMIT failures in a row, for
# DJANGO_LOGIN_LOCKOUT_MINUTES. The admin lists the attempts ("Access attempts"); deleting
# them unlocks, as does `manage.py axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The client's address as the API's rate limit reads it: the proxy's header only when
# DJANGO_BEHIND_PROXY=1.
AXES_CLIENT_IP_CALLABLE = "meetings.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# A login whose `next` is refused as unsafe lands on the admin's index (Django's default,
# /accounts/profile/, is no page of this site).
LOGIN_REDIRECT_URL = "admin:index"
AXES_VERBOSE = False

# Sessions (the admin's): HttpOnly, SameSite=Lax, Secure under HTTPS, at most
# DJANGO_SESSION_HOURS long. Changing a password ends the user's other sessions (Django
# checks each session's password hash).
SESSION_COOKIE_AGE = int(float(os.environ.get("DJANGO_SESSION_HOURS", "12")) * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# The site is in English only; without translation machinery every date and label renders faster.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed names need `collectstatic` first; "plain" serves files as they are
# (development and tests).
_STATIC_STORAGE = os.environ.get("DJANGO_STATIC_STORAGE", "plain" if DEBUG else "manifest")
if _STATIC_STORAGE not in {"plain", "manifest"}:
    raise ImproperlyConfigured("DJANGO_STATIC_STORAGE must be 'plain' or 'manifest'.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _STATIC_STORAGE == "manifest"
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Content Security Policy: nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# HTTPS: on in production (DJANGO_HTTPS=1), off for local runs and tests on plain HTTP.
HTTPS = env_flag("DJANGO_HTTPS")
SECURE_SSL_REDIRECT = HTTPS
# Load balancers ask /healthz over plain HTTP, behind the TLS they terminate.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=HTTPS)
# Behind a reverse proxy, the scheme and the client's address come from its headers.
BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies whose X-Forwarded-For is believed (a connection through a Unix socket is the
# proxy's too): a client that reaches gunicorn directly cannot choose its address with it.
TRUSTED_PROXIES = frozenset(
    a.strip() for a in os.environ.get("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A query string this long is refused by Django itself (400); keep pages well below.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Logs go to standard error. In production (DJANGO_LOG_FORMAT=json, the default without
# DEBUG) one JSON object a line; every request is logged once by RequestLogMiddleware
# (archive.requests: request id, method, path, status, duration in ms), a request slower
# than ARCHIVE_SLOW_REQUEST_MS as a warning with its number of queries.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be 'json' or 'text'.")
SLOW_REQUEST_MS = float(os.environ.get("ARCHIVE_SLOW_REQUEST_MS", "500"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "archive_site.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "archive_site.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Each request once; DJANGO_REQUEST_LOG_LEVEL=WARNING keeps only the slow ones.
        "archive.requests": {"level": os.environ.get("DJANGO_REQUEST_LOG_LEVEL", "INFO")},
        # Django's own line for each 4xx/5xx repeats what archive.requests says.
        "django.request": {"level": "ERROR"},
    },
}

ARCHIVE_PAGE_SIZE = int(os.environ.get("ARCHIVE_PAGE_SIZE", "25"))
# A search matching more statements than this ranks the newest this many of them (a word in
# much of the archive); fewer are all ranked.
SEARCH_CANDIDATES = int(os.environ.get("ARCHIVE_SEARCH_CANDIDATES", "10000"))
# Requests a minute one client may make of the API and the CSV exports (0: no limit).
API_RATE_LIMIT = int(os.environ.get("ARCHIVE_API_RATE_LIMIT", "60"))

# Background work (large imports uploaded in the admin): Django's tasks framework with the
# database backend of django-tasks-db; `python manage.py db_worker` runs the tasks.
# DJANGO_TASKS_BACKEND=immediate runs each task at once, in the request (tests, a quick try).
_TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "database")
if _TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if _TASKS_BACKEND == "database"
        else "django.tasks.backends.immediate.ImmediateBackend"
    }
}
# An upload of at most this many documents is read and written in the request itself.
IMPORT_AT_ONCE = int(os.environ.get("ARCHIVE_IMPORT_AT_ONCE", "25"))
# Uploads: a zip of many pages may be large; each saved page is at most 10 MB (html.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
