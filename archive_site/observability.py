"""Structured logs: one JSON object a line, each request logged once with its id, path,
status and duration; a slow request with the number of queries it made."""

import contextlib
import contextvars
import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.db import connections

request_id = contextvars.ContextVar("request_id", default=None)
requests_log = logging.getLogger("archive.requests")
# An id a proxy or load balancer sends is kept, if it looks like one.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "queries")


class RequestIdFilter(logging.Filter):
    """Gives every record logged during a request that request's id."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        data = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                data[name] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class QueryCounter:
    """A database execute wrapper that counts the queries of a request."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    """Outermost: gives each request an id (X-Request-ID, kept from the proxy when it sends
    one), and logs it once it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        counter = QueryCounter()
        start = time.perf_counter()
        try:
            with contextlib.ExitStack() as stack:
                for alias in connections:
                    stack.enter_context(connections[alias].execute_wrapper(counter))
                response = self.get_response(request)
            response["X-Request-ID"] = rid
            duration = (time.perf_counter() - start) * 1000
            slow = duration > settings.SLOW_REQUEST_MS
            requests_log.log(
                logging.WARNING if slow else logging.INFO,
                "%s %s %s %.1f ms%s",
                request.method,
                request.path,
                response.status_code,
                duration,
                f" ({counter.count} queries)" if slow else "",
                extra={
                    "request_id": rid,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(duration, 1),
                    "queries": counter.count if slow else None,
                },
            )
            return response
        finally:
            request_id.reset(token)
