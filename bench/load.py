"""Load test: N clients for T seconds against local gunicorn over a realistic mix of pages.

    DATABASE_URL=sqlite:////tmp/big.sqlite3 python bench/load.py --clients 16 --seconds 20
    DATABASE_URL=postgres://postgres@127.0.0.1/big python bench/load.py --clients 16
    # two gunicorn instances (as two app servers would be), the clients split between them
    DATABASE_URL=postgres://... python bench/load.py --instances 2 --workers 4
    # one record of 15 MB (imported if it is not there), 8 clients asking for it, and how
    # long /healthz takes meanwhile; gunicorn from deploy/gunicorn.conf.py
    DATABASE_URL=sqlite:////tmp/big.sqlite3 python bench/load.py --large-record 15 --clients 8

Build the archive first (bench/web_bench.py build N). Each client asks for one page after
another, drawn from a mix: meeting pages, filtered lists, people and countries, searches,
the API, feeds. Prints throughput, the median and 99th percentile latency, and errors
(5xx, refused connections, timeouts), overall and by kind of page.
"""

import argparse
import contextlib
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_bench import PORT, gunicorn  # noqa: E402

WORDS = ["pipeline", "energy security", '"economic cooperation"', "grain", "sanctions -gas"]


def pick_pages(rng):
    """(kind, weight, [paths]) of the mix, drawn from what the archive holds."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    from meetings.models import Country, Meeting, Person

    total = Meeting.objects.count()
    meetings = [
        m.get_absolute_url()
        for m in Meeting.objects.only("date", "slug").order_by("pk")[
            rng.randrange(max(1, total - 500)) :
        ][:500]
    ]
    people = list(Person.objects.order_by("?").values_list("slug", flat=True)[:100])
    countries = list(
        Country.objects.filter(meetings__isnull=False).distinct().values_list("iso_code", flat=True)
    )
    q = urllib.parse.quote_plus
    return [
        ("meeting page", 30, meetings),
        (
            "list, filtered",
            15,
            [f"/meetings/?country={c}&year={y}" for c in countries for y in (2005, 2015, 2020)],
        ),
        ("list, person", 10, [f"/meetings/?person={p}" for p in people]),
        ("person page", 10, [f"/people/{p}/" for p in people]),
        ("country page", 8, [f"/countries/{c}/" for c in countries]),
        ("home", 5, ["/"]),
        ("search meetings", 7, [f"/meetings/?q={q(w)}" for w in WORDS]),
        ("search statements", 5, [f"/statements/?q={q(w)}" for w in WORDS]),
        ("api list", 6, [f"/api/meetings/?country={c}" for c in countries]),
        ("feed", 4, [f"/meetings/feed/?country={c}" for c in countries]),
    ]


LARGE_TITLE = "A record of many statements (load test)"


def large_record(megabytes):
    """The address of a record of about `megabytes` MB of text, imported if not there."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    import json
    import subprocess
    import tempfile

    from meetings.models import Meeting

    found = Meeting.objects.filter(title=LARGE_TITLE).first()
    if found is None:
        rng = random.Random(7)
        words = "energy trade pipeline security grain transit bank rail cooperation".split()
        speakers = ["Chair", "Delegate of Norway", "Delegate of Chile", "Delegate of Ghana"]
        statements, size, n = [], 0, 0
        while size < megabytes * 1024 * 1024:
            n += 1
            text = " ".join(rng.choices(words, k=rng.randint(60, 140))).capitalize() + "."
            statements.append({"position": n, "speaker_label": speakers[n % 4], "text": text})
            size += len(text)
        record = {"title": LARGE_TITLE, "date": "2001-02-03", "statements": statements}
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "large.jsonl"
            path.write_text(json.dumps(record) + "\n", encoding="utf-8")
            subprocess.run(
                [sys.executable, "manage.py", "import_meetings", str(path), "--no-progress"],
                cwd=Path(__file__).resolve().parent.parent,
                check=True,
            )
        found = Meeting.objects.get(title=LARGE_TITLE)
    count = found.statements.count()
    text = sum(len(t) for t in found.statements.values_list("text", flat=True)) / 2**20
    print(f"the large record: {count:,} statements, {text:.1f} MB of text")
    return found.get_absolute_url()


def probe(port, deadline, latencies, every=0.05):
    """/healthz every `every` seconds until the deadline: its latencies."""
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30) as r:
                r.read()
        except OSError:
            latencies.append(float("inf"))
        else:
            latencies.append(time.perf_counter() - start)
        time.sleep(every)


def client(ports, pages, deadline, results, seed):
    rng = random.Random(seed)
    kinds = [kind for kind, _, _ in pages]
    weights = [weight for _, weight, _ in pages]
    paths = {kind: urls for kind, _, urls in pages}
    while time.perf_counter() < deadline:
        kind = rng.choices(kinds, weights)[0]
        port = ports[rng.randrange(len(ports))]
        url = f"http://127.0.0.1:{port}{rng.choice(paths[kind])}"
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = "refused or timed out"
        results.append((kind, status, time.perf_counter() - start))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else 0.0


def report(results, seconds):
    def line(label, rows):
        latencies = [r[2] * 1000 for r in rows]
        errors = sum(1 for r in rows if not isinstance(r[1], int) or r[1] >= 500)
        print(
            f"{label:<20} {len(rows):>7} {len(rows) / seconds:>8.1f} "
            f"{statistics.median(latencies) if latencies else 0:>8.1f} "
            f"{percentile(latencies, 99):>8.1f} {errors:>7}"
        )

    print(f"{'pages':<20} {'requests':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    line("all", results)
    for kind in sorted({r[0] for r in results}):
        line(kind, [r for r in results if r[0] == kind])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers an instance")
    parser.add_argument("--instances", type=int, default=1, help="gunicorn instances")
    parser.add_argument(
        "--large-record",
        type=float,
        metavar="MB",
        help="the clients ask for one record of this many MB (its page, API record and "
        "Akoma Ntoso) while /healthz is timed; gunicorn runs from deploy/gunicorn.conf.py",
    )
    args = parser.parse_args()
    if args.large_record:
        path = large_record(args.large_record)
        pages = [
            ("large record page", 6, [path]),
            ("large record API", 2, ["/api" + path]),
            ("large record AKN", 1, [path + "akn.xml"]),
        ]
    else:
        pages = pick_pages(random.Random(1))
    ports = [PORT + n for n in range(args.instances)]
    vendor = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with contextlib.ExitStack() as stack:
        for port in ports:
            stack.enter_context(
                gunicorn(workers=args.workers, port=port, deploy=bool(args.large_record))
            )
        kind = "gthread workers (deploy/gunicorn.conf.py)" if args.large_record else "sync workers"
        print(
            f"{vendor}: {args.instances} gunicorn instance(s) of {args.workers} {kind}, "
            f"{args.clients} clients for {args.seconds} s (after 3 s of warm-up)"
        )
        warm = time.perf_counter() + 3
        threads = [
            threading.Thread(target=client, args=(ports, pages, warm, [], n))
            for n in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        results = []
        deadline = time.perf_counter() + args.seconds
        threads = [
            threading.Thread(target=client, args=(ports, pages, deadline, results, 100 + n))
            for n in range(args.clients)
        ]
        health = []
        if args.large_record:
            threads.append(threading.Thread(target=probe, args=(ports[0], deadline, health)))
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        report(results, time.perf_counter() - start)
        if health:
            ms = [h * 1000 for h in health]
            print(
                f"/healthz meanwhile: {len(ms)} requests, p50 {statistics.median(ms):.1f} ms, "
                f"p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms"
            )


if __name__ == "__main__":
    main()
