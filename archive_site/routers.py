"""Reads from replicas, writes to the primary (DATABASE_REPLICA_URLS).

Only the public pages' reads go to a replica: a request that writes, the admin, and all
work outside a request (imports, commands, the task worker) read the primary. After a
write, the client keeps reading the primary for REPLICA_PIN_SECONDS (a cookie), so that it
sees its own writes however far a replica lags.
"""

import contextvars
import random

from django.conf import settings
from django.http import HttpRequest

# Whether this context reads the primary: yes outside a request, until a request says no.
on_primary = contextvars.ContextVar("on_primary", default=True)
PIN_COOKIE = "read_primary"
SAFE = ("GET", "HEAD", "OPTIONS")


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if on_primary.get() or not settings.REPLICA_DATABASES:
            return "default"
        return random.choice(settings.REPLICA_DATABASES)

    def db_for_write(self, model, **hints):
        on_primary.set(True)  # this request wrote: it reads its writes from now on
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Public reads to a replica: not for unsafe methods, the admin, or a client that wrote
    a moment ago."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        primary = (
            request.method not in SAFE
            or request.path.startswith("/" + settings.ADMIN_URL)
            or PIN_COOKIE in request.COOKIES
        )
        token = on_primary.set(primary)
        try:
            response = self.get_response(request)
            wrote = request.method not in SAFE or (on_primary.get() and not primary)
            if wrote and settings.REPLICA_DATABASES:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            on_primary.reset(token)
