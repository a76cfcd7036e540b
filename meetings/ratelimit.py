"""Requests a minute per client, counted in the cache: past the limit, HTTP 429."""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

WINDOW = 60  # seconds


def client_address(request):
    """The client's IP address. Behind a proxy (DJANGO_BEHIND_PROXY=1) that is the last
    address X-Forwarded-For lists, the one our proxy saw (the ones before it are whatever
    the client claimed), but only on a connection from the proxy itself
    (DJANGO_TRUSTED_PROXIES, or a Unix socket): a client that reaches the application
    server directly would choose its own address with the header."""
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY and (not remote or remote in settings.TRUSTED_PROXIES):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-1]
    return remote


def over_limit(request, limit):
    """Seconds until the client may ask again, or 0 while under `limit` this minute."""
    now = time.time()
    window = int(now // WINDOW)
    key = f"ratelimit:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int((window + 1) * WINDOW - now + 0.999))


def rate_limited(view):
    """At most settings.API_RATE_LIMIT requests a minute from one client (0: no limit)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.API_RATE_LIMIT
        wait = over_limit(request, limit) if limit else 0
        if wait:
            response = JsonResponse(
                {
                    "error": f"Too many requests: at most {limit} a minute. Try again in {wait} s.",
                    "errors": {},
                },
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        return view(request, *args, **kwargs)

    return wrapper
