"""Serve a large archive with gunicorn and measure pages and searches with wrk.

    # 1. build: generate N meetings (about 10 statements each) and import them
    DATABASE_URL=sqlite:////tmp/big.sqlite3 python bench/web_bench.py build 100000
    DATABASE_URL=postgres://postgres@127.0.0.1/big python bench/web_bench.py build 100000
    # 2. measure: gunicorn (2 sync workers) on 127.0.0.1, wrk on each URL after a warm-up
    DATABASE_URL=... python bench/web_bench.py measure [--seconds 10] [--only pages|search|api]
    # searches for a word in about a third of the statements (100,000 meetings built make
    # about 1,000,000 statements), against a rare word
    DATABASE_URL=... python bench/web_bench.py measure --only common
    # 3. the outside reference: the same searches through Datasette on a copy (SQLite)
    DATABASE_URL=sqlite:////tmp/big.sqlite3 python bench/web_bench.py datasette --country XX

The generated text draws words from meetings/importers/data/common_words.txt with a Zipf
distribution, so that search terms have realistic frequencies. Needs wrk (apt-get install
wrk). Prints each URL's median and 99th-percentile latency next to a trivial page
(/healthz) served by the same process.
"""

import argparse
import contextlib
import datetime
import itertools
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
# One connection per gunicorn worker: latency without queueing behind another request.
CONNECTIONS = 2
COUNTRIES = [
    "Azerbaijan",
    "Belarus",
    "Uzbekistan",
    "China",
    "France",
    "Germany",
    "Turkey",
    "India",
    "Kazakhstan",
    "Armenia",
    "Hungary",
    "Italy",
    "Spain",
    "Brazil",
    "Japan",
    "South Africa",
    "Malaysia",
    "Indonesia",
    "Vietnam",
    "Cambodia",
    "Iran",
    "Serbia",
    "Moldova",
    "Kyrgyzstan",
    "Egypt",
    "Mongolia",
    "Cuba",
    "Laos",
    "Israel",
    "Syria",
    "Finland",
    "Austria",
    "Greece",
    "Cyprus",
    "Slovakia",
    "Tajikistan",
    "Georgia",
    "Pakistan",
    "Nigeria",
    "Kenya",
    "Ethiopia",
    "Argentina",
    "Chile",
    "Peru",
    "Mexico",
    "Venezuela",
    "Nicaragua",
    "Bolivia",
    "Thailand",
    "Philippines",
]
ROLES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Deputy Prime Minister",
    "Minister of Economy",
    "Speaker of Parliament",
]


def vocabulary():
    path = ROOT / "meetings" / "importers" / "data" / "common_words.txt"
    words = [w for w in path.read_text().split("\n") if w and not w.startswith("#")]
    rng = random.Random(7)
    rng.shuffle(words)
    weights = list(itertools.accumulate(1 / (rank + 20) for rank in range(len(words))))
    return words, weights


def people(rng, count=3000):
    first = [
        "Ilham",
        "Mikhail",
        "Roman",
        "Abdulla",
        "Sergey",
        "Antony",
        "Olaf",
        "Emmanuel",
        "Recep",
        "Narendra",
        "Shavkat",
        "Kassym",
        "Alexander",
        "Nikol",
        "Viktor",
        "Giorgia",
        "Pedro",
        "Luiz",
        "Cyril",
        "Fumio",
        "Anwar",
        "Joko",
        "Pham",
        "Hun",
        "Ali",
        "Maria",
        "Elena",
        "Jose",
        "Ahmed",
        "Omar",
        "Karim",
        "Lars",
        "Anna",
    ]
    syllables = [
        "ka",
        "ri",
        "mo",
        "te",
        "lan",
        "sha",
        "vo",
        "din",
        "el",
        "bar",
        "gu",
        "no",
        "zen",
        "pa",
        "vic",
        "tor",
        "ma",
        "sil",
        "ov",
        "ya",
        "ev",
        "ich",
        "ron",
        "dal",
    ]
    names = set()
    while len(names) < count:
        last = "".join(rng.choices(syllables, k=rng.randint(2, 4))).capitalize()
        names.add(f"{rng.choice(first)} {last}")
    return sorted(names)


def document(rng, n, words, weights, persons, host, statements=None, used=None, companion_of=None):
    """A generated record and its (country, guest, role, date); with companion_of (those of
    one), the press statements after those talks: another record of the same encounter."""
    country = COUNTRIES[min(int(rng.paretovariate(1.2)) - 1, len(COUNTRIES) - 1)]
    guest = persons[min(int(rng.paretovariate(0.8)), len(persons) - 1)]  # a few very frequent
    role = rng.choice(ROLES)
    date = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9490))
    if companion_of:
        country, guest, role, date = companion_of
    # The same two people on the same day would be one meeting from two sources (merged on
    # import): draw another day, so that N documents make N meetings.
    while not companion_of and used is not None and (date, host, guest) in used:
        guest = persons[min(int(rng.paretovariate(0.8)), len(persons) - 1)]
        date = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9490))
    if used is not None:
        used.add((date, host, guest))
    title = f"{host} meets with {role} of {country} {guest}"
    if companion_of:
        title = f"Press statements of {host} and {role} of {country} {guest}"
    turns = []
    for _ in range(statements or rng.randint(6, 14)):
        who = rng.choice([host, guest])
        paragraphs = []
        for _ in range(rng.randint(1, 3)):
            sentence_words = rng.choices(words, cum_weights=weights, k=rng.randint(12, 40))
            paragraphs.append(" ".join(sentence_words).capitalize() + ".")
        turns.append(f"{who}: " + "\n\n".join(paragraphs))
    head = (
        f"{title}\n\n{date:%B} {date.day}, {date.year}, The Kremlin, Moscow\n\n"
        f"{host} met with {role} of {country} {guest} (record {n}).\n\n"
    )
    # The publisher's address: the record is the host government's own (its side a party).
    tail = f"\n\nhttp://kremlin.ru/events/president/news/{n + 1}\n"
    return head + "\n\n".join(turns) + tail, (country, guest, role, date)


def build(count):
    words, weights = vocabulary()
    rng = random.Random(1)
    persons = people(rng)
    work = Path(tempfile.mkdtemp(prefix="web-bench-"))
    used = set()
    try:
        previous = host = None
        for n in range(count):
            statements = 30 if n == 0 else None
            # One record in ten is the press statements after the talks before it (of the
            # same host): two records of one encounter.
            companion = previous if n % 10 == 1 else None
            if not companion:
                host = "Vladimir Putin" if n % 3 else "Mikhail Mishustin"
            text, previous = document(
                rng, n, words, weights, persons, host, statements, used, companion
            )
            folder = work / f"{n // 5000:03d}"
            folder.mkdir(exist_ok=True)
            (folder / f"meeting-{n:06d}.txt").write_text(text, encoding="utf-8")
        print(f"generated {count} documents in {work}", flush=True)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "import_meetings", str(work), "--no-progress"],
            cwd=ROOT,
            check=True,
        )
        print(f"imported in {time.perf_counter() - start:.0f} s", flush=True)
    finally:
        shutil.rmtree(work)


def wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return ms("50%"), ms("99%"), rps, int(errors.group(1)) if errors else 0


def pick_urls(only):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db.models import Count

    from meetings.models import Country, Encounter, Meeting, Person

    busiest = Person.objects.annotate(n=Count("participations")).order_by("-n")[:40]
    person = list(busiest)[-1]  # a frequent guest, not the host of every meeting
    by_size = list(
        Country.objects.exclude(iso_code="RU").annotate(n=Count("meetings")).order_by("-n")[:5]
    )
    # The generator gives the first country over half of all meetings; the fifth holds a
    # few percent, like a frequent partner in a real archive. Both are measured.
    largest, country = by_size[0], by_size[-1]
    long_meeting = Meeting.objects.annotate(n=Count("statements")).filter(n__gte=30).first()
    pages = [
        ("trivial page /healthz", "/healthz"),
        (
            "list: country+person+dates",
            f"/meetings/?country={country.iso_code}&person={person.slug}"
            "&date_after=2005-01-01&date_before=2020-12-31",
        ),
        ("list: unfiltered, all facets", "/meetings/"),
        ("list: one country, facets", f"/meetings/?country={country.iso_code}"),
        (f"list: largest country ({largest.n} mtgs)", f"/meetings/?country={largest.iso_code}"),
        (f"detail: {long_meeting.statements.count()} statements", long_meeting.get_absolute_url()),
        ("person page", person.get_absolute_url()),
        ("people: unfiltered", "/people/"),
        ("people: a surname", f"/people/?q={person.name.split()[-1]}"),
        ("country page", country.get_absolute_url()),
        ("country page, largest country", largest.get_absolute_url()),
        ("country pair page", f"/countries/RU/{country.iso_code}/"),
        ("home", "/"),
    ]
    encounter = Encounter.objects.filter(record_count__gte=2).order_by("-date").first()
    if encounter is not None:
        a, b = encounter.records.order_by("date", "pk").values_list("pk", flat=True)[:2]
        pages += [
            ("encounter page", encounter.get_absolute_url()),
            ("side by side", f"{encounter.get_absolute_url()}compare/?a={a}&b={b}"),
            ("encounters: unfiltered", "/encounters/"),
            ("encounters: one country", f"/encounters/?country={country.iso_code}"),
            ("encounters: a pair", f"/encounters/?country=RU&country={country.iso_code}"),
            ("encounters: a person", f"/encounters/?person={person.slug}"),
            ("encounters feed: one country", f"/encounters/feed/?country={country.iso_code}"),
        ]
    searches = []
    for label, q in [
        ("one word", "pipeline"),
        ("two words", "energy security"),
        ("phrase", '"economic cooperation"'),
    ]:
        encoded = urllib.parse.quote_plus(q)
        searches += [
            (f"statements: {label}", f"/statements/?q={encoded}"),
            (
                f"statements: {label} + country",
                f"/statements/?q={encoded}&country={country.iso_code}",
            ),
            (f"meetings: {label}", f"/meetings/?q={encoded}"),
            (f"meetings: {label} + country", f"/meetings/?q={encoded}&country={country.iso_code}"),
        ]
    api = [
        ("trivial page /healthz", "/healthz"),
        (
            "api: country+person+dates",
            f"/api/meetings/?country={country.iso_code}&person={person.slug}"
            "&date_after=2005-01-01&date_before=2020-12-31",
        ),
        ("api: unfiltered", "/api/meetings/"),
        ("api: one country", f"/api/meetings/?country={country.iso_code}"),
        (f"api: largest country ({largest.n})", f"/api/meetings/?country={largest.iso_code}"),
        ("api: words, best first", "/api/meetings/?q=pipeline"),
        ("api: statements", "/api/statements/?q=pipeline"),
        ("api: one meeting", "/api" + long_meeting.get_absolute_url()),
        ("api: person", f"/api/people/{person.slug}/"),
        ("api: country", f"/api/countries/{country.iso_code}/"),
        ("api: popolo, one country", f"/api/popolo.json?country={country.iso_code}"),
        ("feed: one country", f"/meetings/feed/?country={country.iso_code}"),
        ("akoma ntoso: one meeting", long_meeting.get_absolute_url() + "akn.xml"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap: 50,000 meetings", "/sitemap-meetings.xml"),
        ("api: encounters, one country", f"/api/encounters/?country={country.iso_code}"),
    ]
    if encounter is not None:
        api.append(("api: one encounter", f"/api/encounters/{encounter.pk}/"))
    common = common_word_urls() if only == "common" else []
    chosen = {
        "pages": pages,
        "search": pages[:1] + searches,
        "api": api,
        "common": pages[:1] + common,
        None: pages + searches + api[1:],
    }[only]
    return chosen


def common_word_urls():
    """Searches for the generator's most frequent word (in about a third of all statements:
    the corpus `build` makes is such a corpus) and for a rare one, and its share."""
    from meetings.models import Statement

    word = vocabulary()[0][0]
    total = Statement.objects.count()
    share = Statement.objects.filter(text__contains=f" {word} ").count() / total
    print(f"common word {word!r}: in at least {share:.0%} of {total:,} statements")
    return [
        (f"statements: {word!r}", f"/statements/?q={word}"),
        (f"meetings: {word!r}", f"/meetings/?q={word}"),
        (f"api statements: {word!r}", f"/api/statements/?q={word}"),
        (f"statements: {word!r} + country", f"/statements/?q={word}&country=FR"),
        ("statements: two common words", f"/statements/?q={word}+{vocabulary()[0][1]}"),
        ("statements: rare word", "/statements/?q=pipeline"),
        ("meetings: rare word", "/meetings/?q=pipeline"),
    ]


@contextlib.contextmanager
def gunicorn(workers=2, port=PORT, deploy=False):
    """gunicorn with production settings on 127.0.0.1:port; yields the master's pid. With
    deploy, from deploy/gunicorn.conf.py (its worker class and threads) as in production."""
    static_root = tempfile.mkdtemp(prefix="web-bench-static-")
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_REQUEST_LOG_LEVEL": "WARNING",  # a log line a request: not what is measured
        "ARCHIVE_API_RATE_LIMIT": "0",  # wrk is one client asking thousands of times
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    command = [sys.executable, "-m", "gunicorn", "archive_site.wsgi"]
    if deploy:
        command += ["-c", "deploy/gunicorn.conf.py"]
        env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS=str(workers))
    else:
        command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield server.pid
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(static_root)


def measure(seconds, only):
    urls = pick_urls(only)
    with gunicorn():
        vendor = (
            "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        )
        print(
            f"{vendor}, gunicorn 2 sync workers, "
            f"wrk -t2 -c{CONNECTIONS} -d{seconds}s after a 2 s warm-up"
        )
        print(f"{'page':<36} {'median':>8} {'p99':>8} {'req/s':>8}  url")
        for label, path in urls:
            url = f"http://127.0.0.1:{PORT}{path}"
            status = urllib.request.urlopen(url, timeout=60).status
            wrk(url, 2)
            median, p99, rps, errors = wrk(url, seconds)
            flag = f"  ({errors} errors)" if errors else ""
            print(
                f"{label:<36} {median:7.1f}ms {p99:7.1f}ms {rps:8.0f} {path[:60]} [{status}]{flag}",
                flush=True,
            )


def rss_kb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


def workers_of(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def sample_rss(pid, done, peak):
    """peak[0]: the largest resident memory of pid (kB) until done is set."""
    while not done.is_set():
        peak[0] = max(peak[0], rss_kb(pid))
        time.sleep(0.02)


def csv_stream(sizes):
    """Download /meetings/export.csv for date ranges holding about each size of meetings:
    seconds to the last byte, and the serving worker's memory before and at its peak."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from meetings.models import Meeting

    dates = list(Meeting.objects.order_by("-date").values_list("date", flat=True))
    with gunicorn(workers=1) as master:
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}/meetings/export.csv?year=2000").read()
        (worker,) = workers_of(master)
        print(
            f"{'meetings':>9} {'rows':>7} {'seconds':>8} {'MB':>6} {'RSS before':>11} {'peak':>7}"
        )
        for size in sizes:
            since = dates[min(size, len(dates)) - 1]
            url = f"http://127.0.0.1:{PORT}/meetings/export.csv?date_after={since}"
            before, peak, done = rss_kb(worker), [0], threading.Event()
            sampler = threading.Thread(target=sample_rss, args=(worker, done, peak))
            sampler.start()
            start = time.perf_counter()
            rows, size_bytes = 0, 0
            with urllib.request.urlopen(url, timeout=120) as response:
                while chunk := response.read(65536):
                    size_bytes += len(chunk)
                    rows += chunk.count(b"\n")
            elapsed = time.perf_counter() - start
            done.set()
            sampler.join()
            print(
                f"{size:>9,} {rows - 1:>7,} {elapsed:>7.2f}s {size_bytes / 1e6:>6.1f} "
                f"{before / 1024:>9.0f}MB {peak[0] / 1024:>5.0f}MB",
                flush=True,
            )


DATASETTE_SQL = (
    "select s.id, snippet(meetings_statement_fts, 0, '<mark>', '</mark>', '…', 30) as snippet "
    "from meetings_statement_fts join meetings_statement s on s.id = meetings_statement_fts.rowid "
    "where meetings_statement_fts match :q {extra} order by bm25(meetings_statement_fts, 1.0, 0.5) "
    "limit 25"
)
DATASETTE_COUNTRY = (
    "and s.meeting_id in (select l.meeting_id from meetings_meeting_countries l "
    "join meetings_country c on c.id = l.country_id where c.iso_code = :c)"
)


def datasette(seconds, executable, country):
    """The same searches through Datasette over a copy of the SQLite database (its FTS5)."""
    source = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
    work = Path(tempfile.mkdtemp(prefix="web-bench-datasette-"))
    copy = work / "statements.db"
    shutil.copy(source, copy)
    server = subprocess.Popen(
        [
            executable,
            "serve",
            "-i",
            str(copy),
            "--port",
            str(PORT + 1),
            "--setting",
            "sql_time_limit_ms",
            "10000",
        ],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT + 1}/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"Datasette over an FTS5 copy, wrk -t2 -c{CONNECTIONS} -d{seconds}s after a 2 s warm-up"
        )
        print(f"{'query':<36} {'median':>8} {'p99':>8} {'req/s':>8}")
        for label, q in [
            ("one word", '"pipeline"'),
            ("two words", '"energy" AND "security"'),
            ("phrase", '"economic cooperation"'),
        ]:
            for with_country in (False, True):
                sql = DATASETTE_SQL.format(extra=DATASETTE_COUNTRY if with_country else "")
                params = {"sql": sql, "q": q, "_shape": "array"}
                if with_country:
                    params["c"] = country
                url = f"http://127.0.0.1:{PORT + 1}/statements.json?" + urllib.parse.urlencode(
                    params
                )
                urllib.request.urlopen(url, timeout=60).read()
                wrk(url, 2)
                median, p99, rps, errors = wrk(url, seconds)
                name = f"datasette: {label}" + (" + country" if with_country else "")
                flag = f"  ({errors} errors)" if errors else ""
                print(f"{name:<36} {median:7.1f}ms {p99:7.1f}ms {rps:8.0f}{flag}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(work)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("count", type=int)
    m = sub.add_parser("measure")
    m.add_argument("--seconds", type=int, default=10)
    m.add_argument("--only", choices=["pages", "search", "api", "common"])
    c = sub.add_parser("csv", help="Stream /meetings/export.csv of N meetings: time, memory.")
    c.add_argument("sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    d = sub.add_parser("datasette", help="The same searches through Datasette (SQLite only).")
    d.add_argument("--seconds", type=int, default=10)
    d.add_argument("--executable", default="datasette")
    d.add_argument("--country", required=True, help="ISO code used by measure's filters.")
    args = parser.parse_args()
    if args.command == "build":
        build(args.count)
    elif args.command == "csv":
        csv_stream(args.sizes)
    elif args.command == "datasette":
        datasette(args.seconds, args.executable, args.country)
    else:
        measure(args.seconds, args.only)


if __name__ == "__main__":
    main()
