"""gunicorn settings for the archive: gunicorn -c deploy/gunicorn.conf.py archive_site.wsgi

Every value can be overridden by an environment variable (GUNICORN_*), as the systemd unit
beside this file does through its EnvironmentFile.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# (2 x cores) + 1 workers is gunicorn's own advice. Each runs a few threads: most requests
# are a few queries and a template, but a long one (a record of thousands of statements as
# Akoma Ntoso, a CSV of the whole archive) would hold a sync worker for its whole length, and
# with every worker so held a load balancer's /healthz waited seconds. A thread answers it
# beside them.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request past this is killed (its worker restarted): a CSV of the whole archive takes
# some seconds; nothing takes a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced after this many requests (give or take the jitter), so that memory
# one request grew is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The application writes the access log itself: one JSON line a request, with its request
# id, path, status and duration (archive_site/observability.py). gunicorn's own access log
# in its text format is there for whoever wants it: GUNICORN_ACCESS_LOG=-.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front sets X-Forwarded-*; gunicorn trusts them from these addresses only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Imports the application once, before forking: workers share its memory and start at once.
preload_app = True
